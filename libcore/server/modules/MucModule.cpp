#include "MucModule.h"
#include "MucStanzas.h"

#include "common/Logging.h"
#include "server/AccountStore.h"
#include "server/C2SSession.h"

#include <QJsonDocument>
#include <QTimer>
#include <QUuid>
#include <QXmppDataForm.h>
#include <QXmppDiscoveryIq.h>

using namespace Qt::StringLiterals;

namespace flint {

using namespace muc;

namespace {

const QString MucNs = u"http://jabber.org/protocol/muc"_s;
const QString RoomInfoNs = u"http://jabber.org/protocol/muc#roominfo"_s;
const QString StableIdNs = u"http://jabber.org/protocol/muc#stable_id"_s;
const QString DiscoInfoNs = u"http://jabber.org/protocol/disco#info"_s;
const QString DiscoItemsNs = u"http://jabber.org/protocol/disco#items"_s;
const QString DelayNs = u"urn:xmpp:delay"_s;
const QString StanzaIdNs = u"urn:xmpp:sid:0"_s;
const QString PingNs = u"urn:xmpp:ping"_s;

// XEP-0045 status codes.
constexpr int NonAnonymousCode = 100;
constexpr int RoomCreatedCode = 201;
constexpr int NickChangedCode = 303;
constexpr int ShutdownCode = 332;
// How long a forwarded IQ waits for the occupant's answer before the room forgets it.
constexpr int ForwardedIqTimeoutMs = 60 * 1000;

void removeChildren(QDomElement parent, const QString &name, const QString &ns)
{
    QDomElement child = parent.firstChildElement(name);
    while (!child.isNull()) {
        const QDomElement next = child.nextSiblingElement(name);
        if (child.namespaceURI() == ns)
            parent.removeChild(child);
        child = next;
    }
}

// A stanza serialised once for many recipients, as the bytes before and after its `to` value:
// each copy then costs a copy of bytes instead of a walk of the DOM through the XML writer.
class FanOut {
public:
    explicit FanOut(const Stanza &stanza)
    {
        Stanza unaddressed = stanza.clone();
        unaddressed.element().removeAttribute(u"to"_s);
        const QByteArray xml = unaddressed.toXml();
        // Right after the element name: "<message", then " attr=…", ">" or "/>".
        qsizetype nameEnd = 1;
        while (nameEnd < xml.size() && xml[nameEnd] != ' ' && xml[nameEnd] != '>' &&
               xml[nameEnd] != '/')
            ++nameEnd;
        m_head = xml.left(nameEnd) + " to=\"";
        m_tail = '"' + xml.mid(nameEnd);
    }

    void sendTo(C2SSession *session) const
    {
        // Attribute values are written in double quotes, as the session's serialiser does.
        const QByteArray to = session->jid().toString().toHtmlEscaped().toUtf8();
        QByteArray xml;
        xml.reserve(m_head.size() + to.size() + m_tail.size());
        xml.append(m_head).append(to).append(m_tail);
        session->sendSerialized(xml);
    }

private:
    QByteArray m_head;
    QByteArray m_tail;
};

} // namespace

MucModule::MucModule(ServerContext &context)
    : ServerModule(context), m_domain(context.config.muc.serviceDomain(context.config.domain)),
      m_store(context.database)
{
    context.addService({m_domain, u"Chat rooms"_s, u"conference"_s, u"text"_s,
                        QStringList{MucNs, DiscoItemsNs, PingNs}, QXmppDataForm()});
    Router &router = context.router;
    const QString service = u"/service/"_s + m_domain;
    const auto handle = [this](void (MucModule::*method)(const StanzaEvent &)) {
        return [this, method](const StanzaEvent &event) {
            if (event.origin)
                (this->*method)(event);
            return true;
        };
    };
    router.addHandler(u"presence"_s + service, handle(&MucModule::handlePresence));
    router.addHandler(u"message"_s + service, handle(&MucModule::handleMessage));
    router.addHandler(u"iq-get"_s + service + u'/' + MucAdminNs,
                      handle(&MucModule::handleAdminGet));
    router.addHandler(u"iq-set"_s + service + u'/' + MucAdminNs,
                      handle(&MucModule::handleAdminSet));
    router.addHandler(u"iq-get"_s + service + u'/' + MucOwnerNs,
                      handle(&MucModule::handleOwnerGet));
    router.addHandler(u"iq-set"_s + service + u'/' + MucOwnerNs,
                      handle(&MucModule::handleOwnerSet));
    router.addHandler(u"iq-get"_s + service + u'/' + DiscoItemsNs,
                      handle(&MucModule::handleDiscoItems));
    router.addHandler(u"iq-get"_s + service + u'/' + PingNs, handle(&MucModule::handlePing));
    // Any other namespace: to an occupant it is forwarded, to the room or service it is not
    // served.
    for (const QString &type : {u"iq-get"_s, u"iq-set"_s}) {
        router.addHandler(type + service, [this](const StanzaEvent &event) {
            if (event.stanza.to().isBare() || event.stanza.to().local().isEmpty())
                return false;
            if (event.origin)
                forwardToOccupant(event);
            return true;
        });
    }
    for (const QString &type : {u"iq-result"_s, u"iq-error"_s}) {
        router.addHandler(type + service,
                          [this](const StanzaEvent &event) { return forwardReply(event); });
    }
    // The service's own disco#info is DiscoModule's; a room's is ours.
    router.addHandler(u"iq-get"_s + service + u'/' + DiscoInfoNs, [this](const StanzaEvent &event) {
        if (event.stanza.to().isDomain())
            return false;
        if (event.origin)
            handleDiscoInfo(event);
        return true;
    });
    connect(&router, &Router::sessionUnbound, this, &MucModule::onSessionUnbound);
    connect(&context.accounts, &AccountStore::accountRemoved, this, &MucModule::onAccountRemoved);
}

bool MucModule::start(QString *error)
{
    Q_UNUSED(error);
    const QList<MucStore::Room> stored = m_store.rooms();
    for (const MucStore::Room &row : stored) {
        const auto jid = Jid::parse(row.node + u'@' + m_domain);
        if (!jid)
            continue;
        auto room = std::make_unique<MucRoom>();
        room->jid = *jid;
        room->config =
            MucRoomConfig::fromJson(QJsonDocument::fromJson(row.config.toUtf8()).object());
        room->config.persistent = true;
        room->subject = row.subject;
        room->subjectFrom = row.subjectFrom;
        for (auto it = row.affiliations.cbegin(); it != row.affiliations.cend(); ++it) {
            const auto member = Jid::parse(it.key());
            const auto affiliation = affiliationFromName(it.value());
            if (member && affiliation)
                room->setAffiliation(*member, *affiliation);
        }
        for (const MucStore::HistoryRow &entry : row.history) {
            const QDomElement message = parseElement(entry.stanza.toUtf8());
            if (!message.isNull())
                room->history.push_back({Stanza(message),
                                         QDateTime::fromMSecsSinceEpoch(entry.stamp, Qt::UTC),
                                         entry.id});
        }
        trimHistory(*room);
        m_rooms.emplace(row.node, std::move(room));
    }
    qCInfo(lcMuc) << "chat rooms at" << m_domain << "with" << m_rooms.size() << "persistent rooms";
    return true;
}

void MucModule::stop()
{
    PresenceInfo info;
    info.unavailable = true;
    info.codes = {ShutdownCode};
    for (const auto &[node, room] : m_rooms) {
        for (const MucOccupant &occupant : std::as_const(room->occupants)) {
            Stanza self = occupantPresence(*room, occupant, true, info, true);
            for (C2SSession *session : occupant.sessions)
                sendTo(session, self);
        }
        room->occupants.clear();
    }
    m_sessionRooms.clear();
}

// --- Presence: join, leave, nick change, status ---

void MucModule::handlePresence(const StanzaEvent &event)
{
    const Stanza &presence = event.stanza;
    const Jid to = presence.to();
    if (to.local().isEmpty())
        return;
    const QString type = presence.type();
    MucRoom *room = roomFor(to);
    if (type == u"unavailable"_s) {
        if (room)
            leave(*room, event.origin, presence);
        return;
    }
    if (!type.isEmpty())
        return; // subscriptions, probes and errors mean nothing to a room
    if (to.isBare()) {
        m_context.router.bounce(presence, u"modify"_s, u"jid-malformed"_s,
                                u"Join the room with a nickname: room@service/nickname"_s);
        return;
    }
    if (room) {
        if (MucOccupant *occupant = room->occupantOf(event.origin)) {
            const QDomElement join = presence.child(u"x"_s, MucNs);
            if (occupant->nick != to.resource()) {
                changeNick(*room, *occupant, event, to.resource());
            } else if (!join.isNull()) {
                // A client that joins again (it lost track of the room) gets the room again.
                occupant->presence = presence.clone();
                sendRoomState(*room, *occupant, event.origin, {},
                              join.firstChildElement(u"history"_s));
            } else {
                occupant->presence = presence.clone();
                broadcastPresence(*room, *occupant, {});
            }
            return;
        }
    }
    join(event, room, to.resource());
}

void MucModule::join(const StanzaEvent &event, MucRoom *room, const QString &nick)
{
    const Stanza &presence = event.stanza;
    Router &router = m_context.router;
    const Jid user = presence.from().bare();
    const QDomElement x = presence.child(u"x"_s, MucNs);
    QList<int> selfCodes;
    if (!room) {
        if (!mayCreateRooms(user)) {
            router.bounce(presence, u"cancel"_s, u"not-allowed"_s,
                          u"Only administrators may create rooms on this service"_s);
            return;
        }
        if (const int limit = m_context.config.muc.maxRoomsPerUser; limit > 0) {
            const auto owned =
                std::count_if(m_rooms.cbegin(), m_rooms.cend(), [&user](const auto &entry) {
                    return entry.second->affiliation(user) == MucAffiliation::Owner;
                });
            if (owned >= limit) {
                router.bounce(presence, u"cancel"_s, u"not-allowed"_s,
                              u"You already own as many rooms as this service allows"_s);
                return;
            }
        }
        auto created = std::make_unique<MucRoom>();
        created->jid = presence.to().bare();
        created->config.historyLength = m_context.config.muc.maxHistory;
        created->locked = true;
        created->setAffiliation(user, MucAffiliation::Owner);
        room = created.get();
        m_rooms.emplace(room->jid.local(), std::move(created));
        selfCodes << RoomCreatedCode;
        qCInfo(lcMuc) << user.toString() << "created" << room->jid.toString();
    } else {
        const MucAffiliation affiliation = room->affiliation(user);
        if (room->locked && affiliation != MucAffiliation::Owner) {
            router.bounce(presence, u"cancel"_s, u"item-not-found"_s,
                          u"The room is still being set up by its owner"_s);
            return;
        }
        if (affiliation == MucAffiliation::Outcast) {
            router.bounce(presence, u"auth"_s, u"forbidden"_s, u"You are banned from this room"_s);
            return;
        }
        if (room->config.membersOnly && affiliation == MucAffiliation::None) {
            router.bounce(presence, u"auth"_s, u"registration-required"_s,
                          u"This room is for members only"_s);
            return;
        }
        if (room->config.passwordProtected && affiliation != MucAffiliation::Owner &&
            x.firstChildElement(u"password"_s).text() != room->config.password) {
            router.bounce(presence, u"auth"_s, u"not-authorized"_s,
                          u"This room needs the right password"_s);
            return;
        }
        if (MucOccupant *holder = room->occupant(nick)) {
            if (holder->realJid != user) {
                router.bounce(presence, u"cancel"_s, u"conflict"_s,
                              u"Someone in the room already uses that nickname"_s);
                return;
            }
            // The same user from another client (or reconnecting before its old stream died):
            // one occupant, every session gets the room's traffic.
            holder->sessions << event.origin;
            m_sessionRooms[event.origin].insert(room->jid.local());
            sendRoomState(*room, *holder, event.origin, {}, x.firstChildElement(u"history"_s));
            return;
        }
        if (room->occupants.size() >= occupantLimit(*room) && affiliation < MucAffiliation::Admin) {
            router.bounce(presence, u"wait"_s, u"service-unavailable"_s, u"The room is full"_s);
            return;
        }
    }
    MucOccupant occupant;
    occupant.nick = nick;
    occupant.realJid = user;
    occupant.sessions = {event.origin};
    occupant.presence = presence.clone();
    occupant.role = room->defaultRole(room->affiliation(user));
    room->occupants << occupant;
    m_sessionRooms[event.origin].insert(room->jid.local());
    const MucOccupant &joined = room->occupants.constLast();

    // The others learn of the newcomer; the newcomer then gets the whole room.
    const FanOut withJid(occupantPresence(*room, joined, true, {}, false));
    const FanOut withoutJid(occupantPresence(*room, joined, false, {}, false));
    for (const MucOccupant &other : std::as_const(room->occupants)) {
        if (other.nick == nick)
            continue;
        const FanOut &stanza =
            room->config.nonAnonymous || other.role == MucRole::Moderator ? withJid : withoutJid;
        for (C2SSession *session : other.sessions)
            stanza.sendTo(session);
    }
    sendRoomState(*room, joined, event.origin, selfCodes, x.firstChildElement(u"history"_s));
}

void MucModule::sendRoomState(MucRoom &room, const MucOccupant &occupant, C2SSession *session,
                              const QList<int> &selfCodes, const QDomElement &historyRequest)
{
    const bool seesJids = room.config.nonAnonymous || occupant.role == MucRole::Moderator;
    for (const MucOccupant &other : std::as_const(room.occupants)) {
        if (other.nick == occupant.nick)
            continue;
        Stanza presence = occupantPresence(room, other, seesJids, {}, false);
        sendTo(session, presence);
    }
    PresenceInfo info;
    info.selfCodes = selfCodes;
    if (room.config.nonAnonymous)
        info.selfCodes << NonAnonymousCode;
    Stanza self = occupantPresence(room, occupant, true, info, true);
    sendTo(session, self);

    // XEP-0045 §7.2.13: maxchars, maxstanzas, seconds and since limit the history sent.
    qsizetype count = qsizetype(room.history.size());
    QDateTime after;
    if (!historyRequest.isNull()) {
        bool ok = false;
        if (const int stanzas = historyRequest.attribute(u"maxstanzas"_s).toInt(&ok); ok)
            count = qMin(count, qsizetype(qMax(0, stanzas)));
        if (historyRequest.attribute(u"maxchars"_s) == u"0"_s)
            count = 0;
        if (const int seconds = historyRequest.attribute(u"seconds"_s).toInt(&ok); ok)
            after = QDateTime::currentDateTimeUtc().addSecs(-qMax(0, seconds));
        if (const QDateTime since =
                QDateTime::fromString(historyRequest.attribute(u"since"_s), Qt::ISODateWithMs);
            since.isValid() && (!after.isValid() || since > after))
            after = since;
    }
    qsizetype first = qsizetype(room.history.size()) - count;
    if (after.isValid()) {
        while (first < qsizetype(room.history.size()) && room.history[size_t(first)].stamp < after)
            ++first;
    }
    for (auto it = room.history.begin() + first; it != room.history.end(); ++it)
        sendTo(session, it->message);

    Stanza subject =
        newStanza(u"message"_s, u"groupchat"_s,
                  room.subjectFrom.isEmpty() ? room.jid : room.jid.withResource(room.subjectFrom));
    addChild(subject.element(), ClientNs, u"subject"_s, room.subject);
    sendTo(session, subject);
}

void MucModule::changeNick(MucRoom &room, MucOccupant &occupant, const StanzaEvent &event,
                           const QString &nick)
{
    if (room.occupant(nick)) {
        m_context.router.bounce(event.stanza, u"cancel"_s, u"conflict"_s,
                                u"Someone in the room already uses that nickname"_s);
        return;
    }
    PresenceInfo gone;
    gone.unavailable = true;
    gone.codes = {NickChangedCode};
    gone.newNick = nick;
    broadcastPresence(room, occupant, gone);
    occupant.nick = nick;
    occupant.presence = event.stanza.clone();
    broadcastPresence(room, occupant, {});
}

void MucModule::leave(MucRoom &room, C2SSession *session, const Stanza &presence)
{
    MucOccupant *occupant = room.occupantOf(session);
    if (!occupant)
        return;
    const QString node = room.jid.local();
    PresenceInfo info;
    info.unavailable = true;
    info.reason = presence.child(u"status"_s, ClientNs).text();
    if (occupant->sessions.size() > 1) {
        occupant->sessions.removeOne(session);
        m_sessionRooms[session].remove(node);
        Stanza self = occupantPresence(room, *occupant, true, info, true);
        sendTo(session, self);
        return;
    }
    removeOccupant(room, occupant->nick, info);
    removeIfEmpty(node);
}

void MucModule::removeOccupant(MucRoom &room, QString nick, const PresenceInfo &info)
{
    const auto it = std::find_if(room.occupants.begin(), room.occupants.end(),
                                 [&nick](const MucOccupant &o) { return o.nick == nick; });
    if (it == room.occupants.end())
        return;
    const MucOccupant removed = *it;
    room.occupants.erase(it);
    for (C2SSession *session : removed.sessions) {
        const auto rooms = m_sessionRooms.find(session);
        if (rooms != m_sessionRooms.end()) {
            rooms->remove(room.jid.local());
            if (rooms->isEmpty())
                m_sessionRooms.erase(rooms);
        }
    }
    broadcastPresence(room, removed, info);
}

void MucModule::onSessionUnbound(C2SSession *session)
{
    const QSet<QString> nodes = m_sessionRooms.take(session);
    for (const QString &node : nodes) {
        MucRoom *room = roomFor(Jid::parse(node + u'@' + m_domain).value_or(Jid()));
        MucOccupant *occupant = room ? room->occupantOf(session) : nullptr;
        if (!occupant)
            continue;
        occupant->sessions.removeOne(session);
        if (!occupant->sessions.isEmpty())
            continue;
        PresenceInfo info;
        info.unavailable = true;
        removeOccupant(*room, occupant->nick, info);
        removeIfEmpty(node);
    }
}

// --- Messages ---

void MucModule::handleMessage(const StanzaEvent &event)
{
    const Stanza &message = event.stanza;
    Router &router = m_context.router;
    if (message.type() == u"error"_s)
        return;
    const Jid to = message.to();
    MucRoom *room = roomFor(to);
    if (!room) {
        router.bounce(message, u"cancel"_s,
                      to.local().isEmpty() ? u"service-unavailable"_s : u"item-not-found"_s);
        return;
    }
    MucOccupant *sender = room->occupantOf(event.origin);
    if (to.isBare()) {
        const QDomElement x = message.child(u"x"_s, MucUserNs);
        if (const QDomElement invitation = x.firstChildElement(u"invite"_s); !invitation.isNull()) {
            invite(*room, sender, message, invitation);
            return;
        }
        if (const QDomElement declination = x.firstChildElement(u"decline"_s);
            !declination.isNull()) {
            decline(*room, message, declination);
            return;
        }
        if (message.type() != u"groupchat"_s) {
            router.bounce(message, u"modify"_s, u"bad-request"_s,
                          u"Messages to a room must be of type groupchat"_s);
            return;
        }
        if (!sender) {
            router.bounce(message, u"cancel"_s, u"not-acceptable"_s,
                          u"Only occupants may send messages to the room"_s);
            return;
        }
        if (message.child(u"body"_s, ClientNs).isNull() &&
            !message.child(u"subject"_s, ClientNs).isNull()) {
            changeSubject(*room, *sender, message);
            return;
        }
        if (sender->role == MucRole::Visitor) {
            router.bounce(message, u"auth"_s, u"forbidden"_s,
                          u"Only occupants with voice may speak in this moderated room"_s);
            return;
        }
        groupchat(*room, *sender, message);
        return;
    }
    if (!sender) {
        router.bounce(message, u"cancel"_s, u"not-acceptable"_s,
                      u"Only occupants may send private messages in the room"_s);
        return;
    }
    privateMessage(*room, *sender, message);
}

void MucModule::groupchat(MucRoom &room, MucOccupant &sender, const Stanza &message)
{
    Stanza out = message.clone();
    out.setFrom(room.jid.withResource(sender.nick));
    QDomElement element = out.element();
    // Only the room says which id it gave a message.
    QDomElement claimed = element.firstChildElement(u"stanza-id"_s);
    while (!claimed.isNull()) {
        const QDomElement next = claimed.nextSiblingElement(u"stanza-id"_s);
        if (claimed.namespaceURI() == StanzaIdNs &&
            claimed.attribute(u"by"_s) == room.jid.toString())
            element.removeChild(claimed);
        claimed = next;
    }
    QDomElement stanzaId = addChild(element, StanzaIdNs, u"stanza-id"_s);
    stanzaId.setAttribute(u"by"_s, room.jid.toString());
    stanzaId.setAttribute(u"id"_s, QUuid::createUuid().toString(QUuid::WithoutBraces));
    sendToOccupants(room, out);
    if (!out.child(u"body"_s, ClientNs).isNull())
        appendHistory(room, out);
}

void MucModule::changeSubject(MucRoom &room, MucOccupant &sender, const Stanza &message)
{
    if (sender.role != MucRole::Moderator &&
        (!room.config.occupantsChangeSubject || sender.role == MucRole::Visitor)) {
        m_context.router.bounce(message, u"auth"_s, u"forbidden"_s,
                                u"You may not change the subject of this room"_s);
        return;
    }
    room.subject = message.child(u"subject"_s, ClientNs).text();
    room.subjectFrom = sender.nick;
    Stanza out = message.clone();
    out.setFrom(room.jid.withResource(sender.nick));
    sendToOccupants(room, out);
    persist(room);
}

void MucModule::privateMessage(MucRoom &room, MucOccupant &sender, const Stanza &message)
{
    if (message.type() == u"groupchat"_s) {
        m_context.router.bounce(message, u"modify"_s, u"bad-request"_s,
                                u"A private message cannot be of type groupchat"_s);
        return;
    }
    MucOccupant *target = room.occupant(message.to().resource());
    if (!target) {
        m_context.router.bounce(message, u"cancel"_s, u"item-not-found"_s,
                                u"No one in the room has that nickname"_s);
        return;
    }
    Stanza out = message.clone();
    out.setFrom(room.jid.withResource(sender.nick));
    if (out.child(u"x"_s, MucUserNs).isNull())
        addChild(out.element(), MucUserNs, u"x"_s);
    for (C2SSession *session : std::as_const(target->sessions))
        sendTo(session, out);
}

void MucModule::invite(MucRoom &room, MucOccupant *sender, const Stanza &message,
                       const QDomElement &invitation)
{
    Router &router = m_context.router;
    if (!sender) {
        router.bounce(message, u"cancel"_s, u"not-acceptable"_s,
                      u"Only occupants may invite others to the room"_s);
        return;
    }
    const auto invitee = Jid::parse(invitation.attribute(u"to"_s));
    if (!invitee || invitee->local().isEmpty()) {
        router.bounce(message, u"modify"_s, u"jid-malformed"_s, u"Invite a user's address"_s);
        return;
    }
    const MucAffiliation inviter = room.affiliation(sender->realJid);
    if (room.config.membersOnly) {
        if (!room.config.allowInvites && inviter < MucAffiliation::Admin) {
            router.bounce(message, u"auth"_s, u"forbidden"_s,
                          u"Only the room's admins may invite to this members-only room"_s);
            return;
        }
        if (room.affiliation(*invitee) == MucAffiliation::None) {
            room.setAffiliation(*invitee, MucAffiliation::Member);
            persistAffiliation(room, invitee->bareString());
        }
    }
    Stanza out = newStanza(u"message"_s, {}, room.jid);
    out.setTo(*invitee);
    QDomElement x = addChild(out.element(), MucUserNs, u"x"_s);
    QDomElement forwarded = addChild(x, MucUserNs, u"invite"_s);
    forwarded.setAttribute(u"from"_s, sender->realJid.toString());
    const QString reason = invitation.firstChildElement(u"reason"_s).text();
    if (!reason.isEmpty())
        addChild(forwarded, MucUserNs, u"reason"_s, reason);
    if (room.config.passwordProtected)
        addChild(x, MucUserNs, u"password"_s, room.config.password);
    addChild(
        out.element(), ClientNs, u"body"_s,
        u"%1 invites you to the room %2"_s.arg(sender->realJid.toString(), room.jid.toString()));
    router.route(out);
}

void MucModule::decline(MucRoom &room, const Stanza &message, const QDomElement &declination)
{
    const auto inviter = Jid::parse(declination.attribute(u"to"_s));
    if (!inviter || inviter->local().isEmpty()) {
        m_context.router.bounce(message, u"modify"_s, u"jid-malformed"_s);
        return;
    }
    Stanza out = newStanza(u"message"_s, {}, room.jid);
    out.setTo(*inviter);
    QDomElement x = addChild(out.element(), MucUserNs, u"x"_s);
    QDomElement forwarded = addChild(x, MucUserNs, u"decline"_s);
    forwarded.setAttribute(u"from"_s, message.from().bareString());
    const QString reason = declination.firstChildElement(u"reason"_s).text();
    if (!reason.isEmpty())
        addChild(forwarded, MucUserNs, u"reason"_s, reason);
    m_context.router.route(out);
}

// --- Service discovery and self-ping ---

void MucModule::handleDiscoInfo(const StanzaEvent &event)
{
    const Stanza &request = event.stanza;
    MucRoom *room = roomFor(request.to());
    if (!request.to().isBare())
        return forwardToOccupant(event);
    if (!room || (room->locked && room->affiliation(request.from()) != MucAffiliation::Owner)) {
        m_context.router.bounce(request, u"cancel"_s, u"item-not-found"_s);
        return;
    }
    const MucRoomConfig &config = room->config;
    QXmppDiscoveryIq reply;
    reply.setType(QXmppIq::Result);
    reply.setId(request.id());
    reply.setTo(request.from().toString());
    reply.setFrom(room->jid.toString());
    reply.setQueryType(QXmppDiscoveryIq::InfoQuery);
    QXmppDiscoveryIq::Identity identity;
    identity.setCategory(u"conference"_s);
    identity.setType(u"text"_s);
    identity.setName(config.name.isEmpty() ? room->jid.local() : config.name);
    reply.setIdentities({identity});
    QStringList features = {MucNs,
                            StableIdNs,
                            StanzaIdNs,
                            DiscoInfoNs,
                            config.isPublic ? u"muc_public"_s : u"muc_hidden"_s,
                            config.persistent ? u"muc_persistent"_s : u"muc_temporary"_s,
                            config.passwordProtected ? u"muc_passwordprotected"_s
                                                     : u"muc_unsecured"_s,
                            config.membersOnly ? u"muc_membersonly"_s : u"muc_open"_s,
                            config.moderated ? u"muc_moderated"_s : u"muc_unmoderated"_s,
                            config.nonAnonymous ? u"muc_nonanonymous"_s : u"muc_semianonymous"_s};
    features.sort();
    reply.setFeatures(features);
    using Field = QXmppDataForm::Field;
    QXmppDataForm info(QXmppDataForm::Result);
    info.setFields({
        field(Field::HiddenField, u"FORM_TYPE"_s, RoomInfoNs, {}),
        field(Field::TextSingleField, u"muc#roomconfig_roomname"_s, config.name, u"Name"_s),
        field(Field::TextSingleField, u"muc#roominfo_description"_s, config.description,
              u"Description"_s),
        field(Field::TextSingleField, u"muc#roominfo_occupants"_s,
              QString::number(room->occupants.size()), u"Number of occupants"_s),
        field(Field::TextSingleField, u"muc#roominfo_subject"_s, room->subject, u"Subject"_s),
    });
    reply.setForm(info);
    m_context.router.sendTo(event.origin, Stanza::fromQXmpp(reply));
}

void MucModule::handleDiscoItems(const StanzaEvent &event)
{
    const Stanza &request = event.stanza;
    const Jid to = request.to();
    QXmppDiscoveryIq reply;
    reply.setType(QXmppIq::Result);
    reply.setId(request.id());
    reply.setTo(request.from().toString());
    reply.setFrom(to.toString());
    reply.setQueryType(QXmppDiscoveryIq::ItemsQuery);
    if (to.isDomain()) {
        QList<QXmppDiscoveryIq::Item> items;
        for (const auto &[node, room] : m_rooms) {
            if (!room->config.isPublic || room->locked)
                continue;
            QXmppDiscoveryIq::Item item;
            item.setJid(room->jid.toString());
            item.setName(room->config.name.isEmpty() ? node : room->config.name);
            items << item;
        }
        reply.setItems(items);
    } else if (!to.isBare()) {
        return forwardToOccupant(event);
    } else if (!roomFor(to)) {
        m_context.router.bounce(request, u"cancel"_s, u"item-not-found"_s);
        return;
    }
    m_context.router.sendTo(event.origin, Stanza::fromQXmpp(reply));
}

// XEP-0410: a client pings its own occupant JID to learn whether it is still in the room; a
// ping to another occupant is forwarded like any IQ.
void MucModule::handlePing(const StanzaEvent &event)
{
    const Stanza &request = event.stanza;
    const Jid to = request.to();
    if (!to.isDomain()) {
        MucRoom *room = roomFor(to);
        if (!room) {
            m_context.router.bounce(request, u"cancel"_s, u"item-not-found"_s);
            return;
        }
        const MucOccupant *occupant = room->occupantOf(event.origin);
        if (!to.isBare() && occupant && occupant->nick != to.resource())
            return forwardToOccupant(event);
        if (!to.isBare() && !occupant) {
            m_context.router.bounce(request, u"cancel"_s, u"not-acceptable"_s);
            return;
        }
    }
    m_context.router.sendTo(event.origin, request.iqResult());
}

void MucModule::forwardToOccupant(const StanzaEvent &event)
{
    const Stanza &request = event.stanza;
    Router &router = m_context.router;
    MucRoom *room = roomFor(request.to());
    if (!room) {
        router.bounce(request, u"cancel"_s, u"item-not-found"_s);
        return;
    }
    const MucOccupant *sender = room->occupantOf(event.origin);
    if (!sender) {
        router.bounce(request, u"cancel"_s, u"not-acceptable"_s,
                      u"Only occupants may send requests to other occupants"_s);
        return;
    }
    const MucOccupant *target = room->occupant(request.to().resource());
    if (!target || target->sessions.isEmpty()) {
        router.bounce(request, u"cancel"_s, u"item-not-found"_s,
                      u"No one in the room has that nickname"_s);
        return;
    }
    // A room-made id: requesters' ids may collide, and the answer must find its way back.
    const QString id = u"muc-"_s + QUuid::createUuid().toString(QUuid::Id128);
    C2SSession *session = target->sessions.constFirst();
    m_forwardedIqs.insert(id, {request.id(), request.from(), request.to(), session->jid()});
    QTimer::singleShot(ForwardedIqTimeoutMs, this, [this, id] { m_forwardedIqs.remove(id); });
    Stanza out = request.clone();
    out.setFrom(room->jid.withResource(sender->nick));
    out.setAttribute(u"id"_s, id);
    sendTo(session, out);
}

bool MucModule::forwardReply(const StanzaEvent &event)
{
    const Stanza &reply = event.stanza;
    const auto it = m_forwardedIqs.constFind(reply.id());
    if (it == m_forwardedIqs.cend() || reply.from() != it->target)
        return false;
    const ForwardedIq forwarded = *it;
    m_forwardedIqs.erase(it);
    Stanza out = reply.clone();
    out.setFrom(forwarded.occupantJid);
    out.setTo(forwarded.requester);
    out.setAttribute(u"id"_s, forwarded.id);
    m_context.router.deliverToFull(out);
    return true;
}

void MucModule::onAccountRemoved(const QString &username)
{
    const Jid user = Jid::parse(username + u'@' + m_context.config.domain).value_or(Jid());
    for (const auto &[node, room] : m_rooms)
        room->setAffiliation(user, MucAffiliation::None);
    m_store.removeUser(user.toString());
}

// --- Helpers ---

Stanza MucModule::occupantPresence(const MucRoom &room, const MucOccupant &occupant, bool withJid,
                                   const PresenceInfo &info, bool self) const
{
    Stanza presence;
    if (info.unavailable || occupant.presence.isNull()) {
        presence = newStanza(u"presence"_s, info.unavailable ? u"unavailable"_s : QString(), {});
        if (info.unavailable && info.newNick.isEmpty() && info.actor.isEmpty() &&
            !info.reason.isEmpty())
            addChild(presence.element(), ClientNs, u"status"_s, info.reason);
    } else {
        presence = occupant.presence.clone();
        QDomElement element = presence.element();
        element.removeAttribute(u"to"_s);
        element.removeAttribute(u"type"_s);
        removeChildren(element, u"x"_s, MucNs);
        removeChildren(element, u"x"_s, MucUserNs);
    }
    presence.setFrom(room.jid.withResource(occupant.nick));
    QDomElement x = addChild(presence.element(), MucUserNs, u"x"_s);
    QDomElement item = addChild(x, MucUserNs, u"item"_s);
    item.setAttribute(u"affiliation"_s, affiliationName(room.affiliation(occupant.realJid)));
    const bool gone = info.unavailable && info.newNick.isEmpty();
    item.setAttribute(u"role"_s, roleName(gone ? MucRole::None : occupant.role));
    if (withJid)
        item.setAttribute(u"jid"_s, occupant.sessions.isEmpty()
                                        ? occupant.realJid.toString()
                                        : occupant.sessions.constFirst()->jid().toString());
    if (!info.newNick.isEmpty())
        item.setAttribute(u"nick"_s, info.newNick);
    if (!info.actor.isEmpty()) {
        addChild(item, MucUserNs, u"actor"_s).setAttribute(u"nick"_s, info.actor);
        if (!info.reason.isEmpty())
            addChild(item, MucUserNs, u"reason"_s, info.reason);
    }
    QList<int> codes;
    if (self)
        codes << SelfPresenceCode << info.selfCodes;
    codes << info.codes;
    for (const int code : std::as_const(codes))
        addChild(x, MucUserNs, u"status"_s).setAttribute(u"code"_s, code);
    return presence;
}

void MucModule::broadcastPresence(MucRoom &room, const MucOccupant &occupant,
                                  const PresenceInfo &info)
{
    const FanOut withJid(occupantPresence(room, occupant, true, info, false));
    const FanOut withoutJid = room.config.nonAnonymous
                                  ? withJid
                                  : FanOut(occupantPresence(room, occupant, false, info, false));
    for (const MucOccupant &receiver : std::as_const(room.occupants)) {
        if (receiver.nick == occupant.nick)
            continue;
        const FanOut &stanza =
            room.config.nonAnonymous || receiver.role == MucRole::Moderator ? withJid : withoutJid;
        for (C2SSession *session : receiver.sessions)
            stanza.sendTo(session);
    }
    Stanza self = occupantPresence(room, occupant, true, info, true);
    for (C2SSession *session : occupant.sessions)
        sendTo(session, self);
}

// One stanza for everyone: only its `to` changes from one session to the next.
void MucModule::sendToOccupants(const MucRoom &room, const Stanza &stanza) const
{
    const FanOut fanOut(stanza);
    for (const MucOccupant &occupant : room.occupants) {
        for (C2SSession *session : occupant.sessions)
            fanOut.sendTo(session);
    }
}

void MucModule::sendStatusMessage(const MucRoom &room, const QList<int> &codes) const
{
    Stanza message = newStanza(u"message"_s, u"groupchat"_s, room.jid);
    QDomElement x = addChild(message.element(), MucUserNs, u"x"_s);
    for (const int code : codes)
        addChild(x, MucUserNs, u"status"_s).setAttribute(u"code"_s, code);
    sendToOccupants(room, message);
}

void MucModule::appendHistory(MucRoom &room, const Stanza &message)
{
    if (historyLimit(room) == 0)
        return;
    Stanza entry = message.clone();
    entry.element().removeAttribute(u"to"_s);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QDomElement delay = addChild(entry.element(), DelayNs, u"delay"_s);
    delay.setAttribute(u"from"_s, room.jid.toString());
    delay.setAttribute(u"stamp"_s, now.toString(Qt::ISODateWithMs));
    qint64 storageId = 0;
    if (room.config.persistent)
        storageId = m_store.appendHistory(room.jid.local(), QString::fromUtf8(entry.toXml()),
                                          now.toMSecsSinceEpoch());
    room.history.push_back({entry, now, storageId});
    trimHistory(room);
}

void MucModule::trimHistory(MucRoom &room)
{
    const auto limit = size_t(historyLimit(room));
    while (room.history.size() > limit) {
        if (const qint64 id = room.history.front().storageId; id != 0)
            m_store.removeHistory(id);
        room.history.pop_front();
    }
}

void MucModule::persist(const MucRoom &room)
{
    if (room.config.persistent)
        m_store.saveRoom(
            room.jid.local(),
            QString::fromUtf8(QJsonDocument(room.config.toJson()).toJson(QJsonDocument::Compact)),
            room.subject, room.subjectFrom);
}

void MucModule::persistAffiliation(const MucRoom &room, const QString &jid)
{
    if (room.config.persistent)
        m_store.setAffiliation(room.jid.local(), jid,
                               affiliationName(room.affiliations.value(jid, MucAffiliation::None)));
}

void MucModule::removeRoom(const QString &node)
{
    const auto it = m_rooms.find(node);
    if (it == m_rooms.end())
        return;
    if (it->second->config.persistent)
        m_store.removeRoom(node);
    m_rooms.erase(it);
}

void MucModule::removeIfEmpty(const QString &node)
{
    const auto it = m_rooms.find(node);
    if (it != m_rooms.end() && it->second->occupants.isEmpty() && !it->second->config.persistent) {
        qCDebug(lcMuc) << "temporary room" << node << "is empty and goes away";
        m_rooms.erase(it);
    }
}

bool MucModule::mayCreateRooms(const Jid &user) const
{
    if (m_context.config.muc.roomCreation == MucConfig::Creation::Everyone)
        return true;
    return m_context.config.isAdmin(user.bareString()) ||
           (m_context.router.isLocal(user) && m_context.accounts.isAdmin(user.local()));
}

int MucModule::historyLimit(const MucRoom &room) const
{
    return qBound(0, room.config.historyLength, m_context.config.muc.maxHistory);
}

int MucModule::occupantLimit(const MucRoom &room) const
{
    const int service = m_context.config.muc.maxOccupants;
    return room.config.maxUsers > 0 ? qMin(room.config.maxUsers, service) : service;
}

MucRoom *MucModule::roomFor(const Jid &jid)
{
    if (jid.local().isEmpty() || jid.domain() != m_domain)
        return nullptr;
    const auto it = m_rooms.find(jid.local());
    return it == m_rooms.end() ? nullptr : it->second.get();
}

} // namespace flint

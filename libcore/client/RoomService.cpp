#include "RoomService.h"
#include "Room_p.h"

#include "client/AccountSession.h"
#include "client/HistoryStore.h"
#include "client/MucProtocol.h"
#include "client/RoomOccupantModel.h"
#include "common/Logging.h"

#include <QDomDocument>
#include <QDomElement>
#include <QSet>
#include <QXmppClient.h>
#include <QXmppClientExtension.h>
#include <QXmppDataForm.h>
#include <QXmppDiscoveryIq.h>
#include <QXmppDiscoveryManager.h>
#include <QXmppIq.h>
#include <QXmppMessage.h>
#include <QXmppPresence.h>
#include <QXmppTask.h>
#include <QXmppUtils.h>

#include <chrono>
#include <functional>

using namespace Qt::StringLiterals;

namespace flint {

using namespace muc;

namespace {

// Sees every stanza before the rest of the client: takes the rooms' presences and groupchat
// messages and the invitations; leaves everything else (private messages from occupants too).
class RoomStanzaHandler : public QXmppClientExtension {
public:
    explicit RoomStanzaHandler(std::function<bool(const QDomElement &)> handler)
        : m_handler(std::move(handler))
    {}
    QStringList discoveryFeatures() const override { return {MucNs, MucUserNs, ConferenceNs}; }
    using QXmppClientExtension::handleStanza;
    bool handleStanza(const QDomElement &element) override { return m_handler(element); }

private:
    std::function<bool(const QDomElement &)> m_handler;
};

} // namespace

struct RoomService::Private {
    Private(RoomService *service, AccountSession &session, HistoryStore &history)
        : q(service), session(session), history(history)
    {}

    QXmppClient &client() const { return session.client(); }
    bool handleStanza(const QDomElement &element);
    bool handleInvitation(const QXmppMessage &message, const QDomElement &element);
    void handleLoggedIn();
    void discoverService(quint64 login);
    void fetchBookmarks(quint64 login);
    void changeBookmark(const QString &roomJid, const std::optional<RoomBookmark> &bookmark);
    void storeBookmarks();
    void mirrorPresence();
    void autojoin();
    Room *addRoom(const QString &roomJid, const QString &nick, const QString &password,
                  std::optional<RoomConfig> creation);

    RoomService *q;
    AccountSession &session;
    HistoryStore &history;
    RoomStanzaHandler *handler = nullptr;
    QXmppDiscoveryManager *discovery = nullptr;
    QString service;
    QHash<QString, Room *> rooms;
    QList<RoomBookmark> bookmarks;
    // What the last stored bookmarks held besides rooms (URLs, other clients' additions).
    QList<QDomElement> otherBookmarks;
    QDomDocument bookmarkDocument;
    // Changes by room JID (nullopt: removed) the server has not confirmed yet; replayed on top of
    // what it holds at the next login.
    QHash<QString, std::optional<RoomBookmark>> unstoredBookmarks;
    QSet<QString> knownRooms; // joined in this session or found in local history
    // Rooms left with answers to come: the room's "you left" must not end a new visit begun
    // before it arrived. By room JID, the answers still due.
    QHash<QString, int> leaving;
    QString lastNick;
    quint64 login = 0;
    quint64 serviceFoundAt = 0; // the login that found `service`
    quint64 autojoinedAt = 0;   // the login whose bookmarks were auto-joined
    quint64 bookmarksAt = 0;    // the login whose bookmarks were read from the server
};

RoomService::RoomService(AccountSession &session, HistoryStore &history, QObject *parent)
    : QObject(parent), d(std::make_unique<Private>(this, session, history))
{
    QXmppClient &client = session.client();
    d->handler = client.addNewExtension<RoomStanzaHandler>(
        [this](const QDomElement &element) { return d->handleStanza(element); });
    d->discovery = client.findExtension<QXmppDiscoveryManager>();
    if (!d->discovery)
        d->discovery = client.addNewExtension<QXmppDiscoveryManager>();
    connect(&session, &AccountSession::loggedIn, this, [this] { d->handleLoggedIn(); });
    connect(&session, &AccountSession::presenceChanged, this, [this] { d->mirrorPresence(); });
    for (const HistoryConversation &conversation : history.conversations()) {
        if (conversation.kind == ConversationKind::GroupChat)
            d->knownRooms.insert(conversation.peer);
    }
}

RoomService::~RoomService()
{
    // The rooms' continuations and the handler must not outlive what they point to.
    qDeleteAll(d->rooms);
    d->rooms.clear();
    d->session.client().removeExtension(d->handler);
}

QString RoomService::serviceJid() const
{
    return d->service;
}

void RoomService::listRooms()
{
    if (!d->client().isAuthenticated()) {
        Q_EMIT listFailed({.kind = RoomError::NotConnected, .detail = {}});
        return;
    }
    if (d->service.isEmpty()) {
        Q_EMIT listFailed({.kind = RoomError::NoService, .detail = {}});
        return;
    }
    d->discovery->requestDiscoItems(d->service)
        .then(this, [this](QXmppDiscoveryManager::ItemsResult &&result) {
            if (const auto *error = std::get_if<QXmppError>(&result)) {
                Q_EMIT listFailed(errorFrom(*error));
                return;
            }
            const auto &items = std::get<QList<QXmppDiscoveryIq::Item>>(result);
            if (items.isEmpty()) {
                Q_EMIT roomsListed({});
                return;
            }
            struct Listing {
                QList<RoomListing> rooms;
                qsizetype pending = 0;
            };
            auto listing = std::make_shared<Listing>();
            listing->pending = items.size();
            for (const QXmppDiscoveryIq::Item &item : items) {
                const qsizetype index = listing->rooms.size();
                listing->rooms.append({.jid = item.jid(), .name = item.name()});
                d->discovery->requestDiscoInfo(item.jid())
                    .then(this, [this, listing,
                                 index](QXmppDiscoveryManager::InfoResult &&infoResult) {
                        RoomListing &room = listing->rooms[index];
                        if (const auto *info = std::get_if<QXmppDiscoveryIq>(&infoResult)) {
                            const QStringList features = info->features();
                            room.passwordProtected = features.contains(u"muc_passwordprotected"_s);
                            room.membersOnly = features.contains(u"muc_membersonly"_s);
                            room.persistent = features.contains(u"muc_persistent"_s);
                            room.moderated = features.contains(u"muc_moderated"_s);
                            for (const auto &identity : info->identities()) {
                                if (identity.category() == u"conference"_s &&
                                    !identity.name().isEmpty())
                                    room.name = identity.name();
                            }
                            for (const QXmppDataForm::Field &field : info->form().fields()) {
                                if (field.key() == u"muc#roominfo_description"_s)
                                    room.description = fieldText(field);
                                else if (field.key() == u"muc#roominfo_occupants"_s)
                                    room.occupants = fieldText(field).toInt();
                            }
                        }
                        if (--listing->pending == 0)
                            Q_EMIT roomsListed(listing->rooms);
                    });
            }
        });
}

Room *RoomService::join(const QString &roomJid, const QString &nick, const QString &password)
{
    return d->addRoom(roomJid, nick, password, std::nullopt);
}

Room *RoomService::create(const QString &roomJid, const QString &nick, const RoomConfig &config)
{
    if (Room *existing = room(roomJid)) {
        QMetaObject::invokeMethod(
            existing,
            [existing] { Q_EMIT existing->failed({.kind = RoomError::RoomExists, .detail = {}}); },
            Qt::QueuedConnection);
        return existing;
    }
    return d->addRoom(roomJid, nick, config.password, config);
}

Room *RoomService::room(const QString &roomJid) const
{
    return d->rooms.value(bareOf(roomJid));
}

QList<Room *> RoomService::rooms() const
{
    return d->rooms.values();
}

bool RoomService::isRoom(const QString &jid) const
{
    const QString bare = bareOf(jid);
    if (QXmppUtils::jidToUser(bare).isEmpty())
        return false;
    return d->rooms.contains(bare) || d->knownRooms.contains(bare) ||
           (!d->service.isEmpty() && QXmppUtils::jidToDomain(bare) == d->service);
}

QString RoomService::defaultNick() const
{
    if (!d->lastNick.isEmpty())
        return d->lastNick;
    return QXmppUtils::jidToUser(d->session.settings().jid);
}

QList<RoomBookmark> RoomService::bookmarks() const
{
    return d->bookmarks;
}

void RoomService::setBookmark(const RoomBookmark &bookmark)
{
    RoomBookmark stored = bookmark;
    stored.jid = bareOf(bookmark.jid);
    if (stored.jid.isEmpty())
        return;
    const auto existing = std::find_if(d->bookmarks.begin(), d->bookmarks.end(),
                                       [&](const RoomBookmark &b) { return b.jid == stored.jid; });
    if (existing != d->bookmarks.end())
        *existing = stored;
    else
        d->bookmarks.append(stored);
    d->changeBookmark(stored.jid, stored);
}

void RoomService::removeBookmark(const QString &roomJid)
{
    const QString jid = bareOf(roomJid);
    if (d->bookmarks.removeIf([&](const RoomBookmark &b) { return b.jid == jid; }) == 0)
        return;
    d->changeBookmark(jid, std::nullopt);
}

void RoomService::inviteDirect(const QString &roomJid, const QString &jid, const QString &reason)
{
    if (!d->client().isAuthenticated())
        return;
    QXmppMessage message(QString(), jid);
    message.setType(QXmppMessage::Normal);
    message.setId(QXmppUtils::generateStanzaUuid());
    message.setMucInvitationJid(bareOf(roomJid));
    message.setMucInvitationReason(reason);
    if (Room *joined = room(roomJid))
        message.setMucInvitationPassword(joined->d->password);
    d->client().send(std::move(message));
}

void RoomService::declineInvitation(const RoomInvitation &invitation, const QString &reason)
{
    // XEP-0249 has no way to decline: a direct invitation is simply not taken up.
    if (invitation.direct || !d->client().isAuthenticated())
        return;
    ElementBuilder x(u"x"_s, MucUserNs);
    QDomElement decline = x.add(x.root(), u"decline"_s);
    decline.setAttribute(u"to"_s, invitation.inviter);
    if (!reason.isEmpty())
        x.add(decline, u"reason"_s, reason);
    QXmppMessage message(QString(), invitation.room);
    message.setId(QXmppUtils::generateStanzaUuid());
    message.setExtensions({x.element()});
    d->client().send(std::move(message));
}

bool RoomService::Private::handleStanza(const QDomElement &element)
{
    const QString tag = element.tagName();
    if (tag != u"presence"_s && tag != u"message"_s)
        return false;
    const QString from = element.attribute(u"from"_s);
    const QString roomJid = bareOf(from);
    Room *room = rooms.value(roomJid);
    if (tag == u"presence"_s) {
        QXmppPresence presence;
        presence.parse(element);
        if (presence.type() == QXmppPresence::Unavailable &&
            presence.mucStatusCodes().contains(SelfPresence) && leaving.value(roomJid) > 0) {
            if (--leaving[roomJid] == 0)
                leaving.remove(roomJid);
            return true;
        }
        if (!room)
            return false;
        room->d->handlePresence(presence, element);
        return true;
    }
    QXmppMessage message;
    message.parse(element);
    if (room && message.type() == QXmppMessage::GroupChat) {
        room->d->handleMessage(message, element);
        return true;
    }
    // Errors from the room itself (a message or an invitation it refused), not from occupants.
    if (room && message.type() == QXmppMessage::Error &&
        QXmppUtils::jidToResource(from).isEmpty()) {
        room->d->handleErrorMessage(message);
        return true;
    }
    return handleInvitation(message, element);
}

bool RoomService::Private::handleInvitation(const QXmppMessage &message, const QDomElement &element)
{
    if (message.type() == QXmppMessage::Error || message.type() == QXmppMessage::GroupChat)
        return false;
    RoomInvitation invitation;
    const QDomElement mucUser = childElement(element, u"x"_s, MucUserNs);
    const QDomElement mediated = mucUser.firstChildElement(u"invite"_s);
    if (!mediated.isNull()) {
        invitation = {.room = bareOf(message.from()),
                      .inviter = bareOf(mediated.attribute(u"from"_s)),
                      .reason = mediated.firstChildElement(u"reason"_s).text(),
                      .password = mucUser.firstChildElement(u"password"_s).text(),
                      .direct = false};
    } else if (!mucUser.firstChildElement(u"decline"_s).isNull()) {
        const QDomElement decline = mucUser.firstChildElement(u"decline"_s);
        qCInfo(lcClientRooms) << decline.attribute(u"from"_s) << "declined to join"
                              << message.from();
        return true;
    } else if (!message.mucInvitationJid().isEmpty()) {
        invitation = {.room = bareOf(message.mucInvitationJid()),
                      .inviter = bareOf(message.from()),
                      .reason = message.mucInvitationReason(),
                      .password = message.mucInvitationPassword(),
                      .direct = true};
    } else {
        return false;
    }
    if (invitation.room.isEmpty())
        return true;
    // Already in the room: nothing to accept.
    if (Room *known = rooms.value(invitation.room); known && known->state() == Room::State::Joined)
        return true;
    Q_EMIT q->invitationReceived(invitation);
    return true;
}

void RoomService::Private::handleLoggedIn()
{
    const quint64 current = ++login;
    // A new stream: answers to the old one's leaves will not come.
    leaving.clear();
    discoverService(current);
    fetchBookmarks(current);
}

void RoomService::Private::discoverService(quint64 current)
{
    const QString domain = client().configuration().domain();
    discovery->requestDiscoItems(domain).then(
        q, [this, current](QXmppDiscoveryManager::ItemsResult &&result) {
            if (current != login)
                return;
            const auto *items = std::get_if<QList<QXmppDiscoveryIq::Item>>(&result);
            if (!items) {
                qCInfo(lcClientRooms) << "the server lists no services";
                return;
            }
            for (const QXmppDiscoveryIq::Item &item : *items) {
                const QString candidate = item.jid();
                discovery->requestDiscoInfo(candidate).then(
                    q, [this, current, candidate](QXmppDiscoveryManager::InfoResult &&info) {
                        if (current != login)
                            return;
                        const auto *iq = std::get_if<QXmppDiscoveryIq>(&info);
                        if (!iq)
                            return;
                        const auto identities = iq->identities();
                        const bool isRoomService =
                            std::any_of(identities.begin(), identities.end(), [](const auto &i) {
                                return i.category() == u"conference"_s && i.type() == u"text"_s;
                            });
                        // The first one found wins; a server rarely offers more than one.
                        if (!isRoomService || serviceFoundAt == current)
                            return;
                        serviceFoundAt = current;
                        service = candidate;
                        qCInfo(lcClientRooms) << "room service" << service;
                        Q_EMIT q->serviceDiscovered(service);
                    });
            }
        });
}

void RoomService::Private::fetchBookmarks(quint64 current)
{
    ElementBuilder query(u"query"_s, PrivateNs);
    query.root().appendChild(query.document().createElementNS(BookmarksNs, u"storage"_s));
    QXmppIq iq(QXmppIq::Get);
    iq.setExtensions({query.element()});
    client().sendIq(std::move(iq)).then(q, [this, current](QXmppClient::IqResult &&result) {
        if (current != login)
            return;
        const auto *element = std::get_if<QDomElement>(&result);
        if (!element || element->attribute(u"type"_s) != u"result"_s) {
            qCInfo(lcClientRooms) << "the server keeps no bookmarks";
            return;
        }
        const QDomElement storage =
            childElement(childElement(*element, u"query"_s, PrivateNs), u"storage"_s, BookmarksNs);
        QList<RoomBookmark> received;
        otherBookmarks.clear();
        bookmarkDocument = QDomDocument();
        for (QDomElement child = storage.firstChildElement(); !child.isNull();
             child = child.nextSiblingElement()) {
            if (child.tagName() != u"conference"_s) {
                otherBookmarks.append(bookmarkDocument.importNode(child, true).toElement());
                continue;
            }
            const QString autojoin = child.attribute(u"autojoin"_s);
            RoomBookmark bookmark{.jid = bareOf(child.attribute(u"jid"_s)),
                                  .name = child.attribute(u"name"_s),
                                  .nick = child.firstChildElement(u"nick"_s).text(),
                                  .password = child.firstChildElement(u"password"_s).text(),
                                  .autojoin = autojoin == u"true"_s || autojoin == u"1"_s};
            if (!bookmark.jid.isEmpty())
                received.append(bookmark);
        }
        bookmarksAt = current;
        for (auto it = unstoredBookmarks.cbegin(); it != unstoredBookmarks.cend(); ++it) {
            received.removeIf([&](const RoomBookmark &b) { return b.jid == it.key(); });
            if (it.value())
                received.append(*it.value());
        }
        if (received != bookmarks) {
            bookmarks = received;
            Q_EMIT q->bookmarksChanged();
        }
        if (!unstoredBookmarks.isEmpty())
            storeBookmarks();
        autojoin();
    });
}

void RoomService::Private::changeBookmark(const QString &roomJid,
                                          const std::optional<RoomBookmark> &bookmark)
{
    unstoredBookmarks.insert(roomJid, bookmark);
    Q_EMIT q->bookmarksChanged();
    storeBookmarks();
}

void RoomService::Private::storeBookmarks()
{
    // Replacing the server's list before reading it would lose what other clients stored.
    if (!client().isAuthenticated() || bookmarksAt != login) {
        qCInfo(lcClientRooms) << "bookmarks stored after the server's are read at the next login";
        return;
    }
    ElementBuilder query(u"query"_s, PrivateNs);
    QDomDocument &document = query.document();
    QDomElement storage = document.createElementNS(BookmarksNs, u"storage"_s);
    query.root().appendChild(storage);
    for (const RoomBookmark &bookmark : std::as_const(bookmarks)) {
        QDomElement conference = document.createElementNS(BookmarksNs, u"conference"_s);
        conference.setAttribute(u"jid"_s, bookmark.jid);
        if (!bookmark.name.isEmpty())
            conference.setAttribute(u"name"_s, bookmark.name);
        conference.setAttribute(u"autojoin"_s, bookmark.autojoin ? u"true"_s : u"false"_s);
        storage.appendChild(conference);
        if (!bookmark.nick.isEmpty())
            query.add(conference, u"nick"_s, bookmark.nick);
        if (!bookmark.password.isEmpty())
            query.add(conference, u"password"_s, bookmark.password);
    }
    for (const QDomElement &other : std::as_const(otherBookmarks))
        storage.appendChild(document.importNode(other, true));
    QXmppIq iq(QXmppIq::Set);
    iq.setExtensions({query.element()});
    client()
        .sendIq(std::move(iq))
        .then(q, [this, sent = unstoredBookmarks](QXmppClient::IqResult &&result) {
            const auto *element = std::get_if<QDomElement>(&result);
            if (!element) {
                qCInfo(lcClientRooms) << "bookmarks stored with the next login:"
                                      << std::get<QXmppError>(result).description;
                return;
            }
            if (element->attribute(u"type"_s) == u"result"_s) {
                for (auto it = sent.cbegin(); it != sent.cend(); ++it) {
                    if (unstoredBookmarks.value(it.key()) == it.value())
                        unstoredBookmarks.remove(it.key());
                }
                return;
            }
            // Back to what the server holds.
            qCWarning(lcClientRooms) << "the server did not store the bookmarks";
            unstoredBookmarks.clear();
            fetchBookmarks(login);
        });
}

void RoomService::Private::mirrorPresence()
{
    // A room only hears the presence sent to it (XEP-0045 §7.7), not the account's broadcast.
    if (!client().isAuthenticated())
        return;
    for (Room *room : std::as_const(rooms)) {
        if (room->state() != Room::State::Joined)
            continue;
        QXmppPresence presence = session.presence();
        presence.setId(QXmppUtils::generateStanzaUuid());
        presence.setTo(room->d->ownOccupantJid());
        client().send(std::move(presence));
    }
}

void RoomService::Private::autojoin()
{
    // Once per login: a room left since then stays left when the bookmarks are read again.
    if (autojoinedAt == login)
        return;
    autojoinedAt = login;
    for (const RoomBookmark &bookmark : std::as_const(bookmarks)) {
        if (bookmark.autojoin && !rooms.contains(bookmark.jid))
            addRoom(bookmark.jid, bookmark.nick.isEmpty() ? q->defaultNick() : bookmark.nick,
                    bookmark.password, std::nullopt);
    }
}

Room *RoomService::Private::addRoom(const QString &roomJid, const QString &nick,
                                    const QString &password, std::optional<RoomConfig> creation)
{
    const QString jid = bareOf(roomJid);
    if (jid.isEmpty() || QXmppUtils::jidToUser(jid).isEmpty() || nick.trimmed().isEmpty())
        return nullptr;
    if (Room *existing = rooms.value(jid))
        return existing;
    auto *room = new Room(session, history, jid, q);
    room->d->nick = nick;
    room->d->password = password;
    room->d->creation = std::move(creation);
    rooms.insert(jid, room);
    knownRooms.insert(jid);
    lastNick = nick;
    QObject::connect(room, &Room::stateChanged, q, [this, room, jid](Room::State state) {
        if (state != Room::State::Left || rooms.value(jid) != room)
            return;
        if (room->d->leaveSent)
            ++leaving[jid];
        rooms.remove(jid);
        Q_EMIT q->roomRemoved(jid);
        room->deleteLater();
    });
    QObject::connect(room, &Room::messageAdded, q, [this, room](const HistoryMessage &message) {
        if (message.direction == MessageDirection::Incoming &&
            !(message.flags & HistoryMessage::OfflineDelayed))
            Q_EMIT q->messageReceived(room, message);
    });
    Q_EMIT q->roomAdded(room);
    room->d->sendJoin();
    return room;
}

} // namespace flint

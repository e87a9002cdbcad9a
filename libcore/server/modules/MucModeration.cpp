// MucModule's muc#admin (roles and affiliations: kick, ban, voice, membership) and muc#owner
// (the configuration form, destroying a room) handlers.
#include "MucModule.h"
#include "MucStanzas.h"

#include "common/Dom.h"
#include "common/Logging.h"
#include "server/C2SSession.h"
#include "server/XmlStream.h"

#include <QXmlStreamWriter>
#include <QXmppDataForm.h>

using namespace Qt::StringLiterals;

namespace flint {

using namespace muc;

namespace {

const QString RoomConfigNs = u"http://jabber.org/protocol/muc#roomconfig"_s;
const QString DataNs = u"jabber:x:data"_s;
constexpr int ConfigurationChangedCode = 104;
constexpr int BannedCode = 301;
constexpr int KickedCode = 307;
constexpr int AffiliationChangedCode = 321;
constexpr int MembersOnlyCode = 322;

QDomElement formElement(QDomDocument document, const QXmppDataForm &form)
{
    QByteArray xml;
    QXmlStreamWriter writer(&xml);
    form.toXml(&writer);
    return document.importNode(parseElement(xml), true).toElement();
}

// A submitted field's value as text; booleans as "1"/"0".
QString fieldText(const QXmppDataForm::Field &field)
{
    const QVariant value = field.value();
    if (value.typeId() == QMetaType::Bool)
        return value.toBool() ? u"1"_s : u"0"_s;
    if (value.typeId() == QMetaType::QStringList)
        return value.toStringList().value(0).trimmed();
    return value.toString().trimmed();
}

bool isTrue(const QString &text)
{
    return text == u"1"_s || text == u"true"_s;
}

} // namespace

// --- muc#admin: roles and affiliations ---

void MucModule::handleAdminGet(const StanzaEvent &event)
{
    const Stanza &request = event.stanza;
    Router &router = m_context.router;
    MucRoom *room = roomFor(request.to());
    if (!room || !request.to().isBare()) {
        router.bounce(request, u"cancel"_s, u"item-not-found"_s);
        return;
    }
    const QDomElement query = request.payload().firstChildElement(u"item"_s);
    Stanza reply = request.iqResult();
    QDomElement result = addChild(reply.element(), MucAdminNs, u"query"_s);
    if (const auto affiliation = affiliationFromName(query.attribute(u"affiliation"_s))) {
        if (room->affiliation(request.from()) < MucAffiliation::Admin) {
            router.bounce(request, u"auth"_s, u"forbidden"_s,
                          u"Only the room's admins may see its lists"_s);
            return;
        }
        for (auto it = room->affiliations.cbegin(); it != room->affiliations.cend(); ++it) {
            if (it.value() != *affiliation)
                continue;
            QDomElement item = addChild(result, MucAdminNs, u"item"_s);
            item.setAttribute(u"affiliation"_s, affiliationName(it.value()));
            item.setAttribute(u"jid"_s, it.key());
        }
    } else if (const auto role = roleFromName(query.attribute(u"role"_s))) {
        const MucOccupant *asker = room->occupantOf(event.origin);
        if (!asker || asker->role != MucRole::Moderator) {
            router.bounce(request, u"auth"_s, u"forbidden"_s,
                          u"Only moderators may list the room's roles"_s);
            return;
        }
        for (const MucOccupant &occupant : std::as_const(room->occupants)) {
            if (occupant.role != *role)
                continue;
            QDomElement item = addChild(result, MucAdminNs, u"item"_s);
            item.setAttribute(u"nick"_s, occupant.nick);
            item.setAttribute(u"role"_s, roleName(occupant.role));
            item.setAttribute(u"affiliation"_s,
                              affiliationName(room->affiliation(occupant.realJid)));
            item.setAttribute(u"jid"_s, occupant.realJid.toString());
        }
    } else {
        router.bounce(request, u"modify"_s, u"bad-request"_s,
                      u"Ask for one affiliation or one role"_s);
        return;
    }
    router.sendTo(event.origin, reply);
}

void MucModule::handleAdminSet(const StanzaEvent &event)
{
    const Stanza &request = event.stanza;
    Router &router = m_context.router;
    MucRoom *room = roomFor(request.to());
    if (!room || !request.to().isBare()) {
        router.bounce(request, u"cancel"_s, u"item-not-found"_s);
        return;
    }
    const QString node = room->jid.local();
    QDomElement item = request.payload().firstChildElement(u"item"_s);
    if (item.isNull()) {
        router.bounce(request, u"modify"_s, u"bad-request"_s);
        return;
    }
    for (; !item.isNull(); item = item.nextSiblingElement(u"item"_s)) {
        bool done = false;
        if (item.hasAttribute(u"affiliation"_s))
            done = changeAffiliation(*room, request.from(), item, request);
        else if (item.hasAttribute(u"role"_s))
            done = changeRole(*room, event.origin, item, request);
        else
            router.bounce(request, u"modify"_s, u"bad-request"_s);
        if (!done)
            return;
    }
    router.sendTo(event.origin, request.iqResult());
    removeIfEmpty(node);
}

bool MucModule::changeRole(MucRoom &room, C2SSession *origin, const QDomElement &item,
                           const Stanza &request)
{
    Router &router = m_context.router;
    const auto role = roleFromName(item.attribute(u"role"_s));
    const MucOccupant *actor = room.occupantOf(origin);
    if (!role) {
        router.bounce(request, u"modify"_s, u"bad-request"_s);
        return false;
    }
    if (!actor || actor->role != MucRole::Moderator) {
        router.bounce(request, u"auth"_s, u"forbidden"_s, u"Only moderators may change roles"_s);
        return false;
    }
    MucOccupant *target = room.occupant(item.attribute(u"nick"_s));
    if (!target) {
        router.bounce(request, u"cancel"_s, u"item-not-found"_s,
                      u"No one in the room has that nickname"_s);
        return false;
    }
    const MucAffiliation actorAffiliation = room.affiliation(actor->realJid);
    const MucAffiliation targetAffiliation = room.affiliation(target->realJid);
    const bool targetIsModerator = target->role == MucRole::Moderator;
    bool allowed = false;
    switch (*role) {
    case MucRole::None:
    case MucRole::Visitor:
        // Admins and owners cannot be kicked or silenced; moderators only by admins.
        allowed = targetAffiliation < MucAffiliation::Admin &&
                  (!targetIsModerator || actorAffiliation >= MucAffiliation::Admin);
        break;
    case MucRole::Participant:
        allowed = !targetIsModerator || (actorAffiliation >= MucAffiliation::Admin &&
                                         targetAffiliation < MucAffiliation::Admin);
        break;
    case MucRole::Moderator:
        allowed = actorAffiliation >= MucAffiliation::Admin;
        break;
    }
    if (!allowed) {
        router.bounce(request, u"cancel"_s, u"not-allowed"_s,
                      u"Your role does not allow this change"_s);
        return false;
    }
    PresenceInfo info;
    info.reason = item.firstChildElement(u"reason"_s).text();
    info.actor = actor->nick;
    if (*role == MucRole::None) {
        info.unavailable = true;
        info.codes = {KickedCode};
        qCInfo(lcMuc) << actor->nick << "kicked" << target->nick << "from" << room.jid.toString();
        removeOccupant(room, target->nick, info);
    } else {
        target->role = *role;
        broadcastPresence(room, *target, info);
    }
    return true;
}

bool MucModule::changeAffiliation(MucRoom &room, const Jid &actor, const QDomElement &item,
                                  const Stanza &request)
{
    Router &router = m_context.router;
    const auto affiliation = affiliationFromName(item.attribute(u"affiliation"_s));
    std::optional<Jid> target = Jid::parse(item.attribute(u"jid"_s));
    if (!target) {
        if (const MucOccupant *occupant = room.occupant(item.attribute(u"nick"_s)))
            target = occupant->realJid;
    }
    if (!affiliation || !target || target->local().isEmpty()) {
        router.bounce(request, u"modify"_s, u"bad-request"_s,
                      u"An affiliation needs a user's address"_s);
        return false;
    }
    const Jid user = target->bare();
    const MucAffiliation actorAffiliation = room.affiliation(actor);
    const MucAffiliation current = room.affiliation(user);
    if (actorAffiliation < MucAffiliation::Admin ||
        (actorAffiliation == MucAffiliation::Admin && *affiliation >= MucAffiliation::Admin)) {
        router.bounce(request, u"auth"_s, u"forbidden"_s,
                      u"Your affiliation does not allow this change"_s);
        return false;
    }
    if (actorAffiliation == MucAffiliation::Admin && current >= MucAffiliation::Admin) {
        router.bounce(request, u"cancel"_s, u"not-allowed"_s,
                      u"Only owners may change an admin's or owner's affiliation"_s);
        return false;
    }
    if (current == MucAffiliation::Owner && *affiliation != MucAffiliation::Owner &&
        room.owners().size() == 1) {
        router.bounce(request, u"cancel"_s, u"conflict"_s, u"A room needs an owner"_s);
        return false;
    }
    room.setAffiliation(user, *affiliation);
    persistAffiliation(room, user.toString());
    const MucOccupant *actorOccupant = nullptr;
    for (const MucOccupant &occupant : std::as_const(room.occupants)) {
        if (occupant.realJid == actor.bare())
            actorOccupant = &occupant;
    }
    PresenceInfo info;
    info.reason = item.firstChildElement(u"reason"_s).text();
    info.actor = actorOccupant ? actorOccupant->nick : QString();
    QStringList affected;
    for (const MucOccupant &occupant : std::as_const(room.occupants)) {
        if (occupant.realJid == user)
            affected << occupant.nick;
    }
    for (const QString &nick : std::as_const(affected)) {
        MucOccupant *occupant = room.occupant(nick);
        if (*affiliation == MucAffiliation::Outcast ||
            (*affiliation == MucAffiliation::None && room.config.membersOnly)) {
            PresenceInfo removal = info;
            removal.unavailable = true;
            removal.codes = {*affiliation == MucAffiliation::Outcast ? BannedCode
                                                                     : AffiliationChangedCode};
            removeOccupant(room, nick, removal);
            continue;
        }
        if (*affiliation >= MucAffiliation::Admin)
            occupant->role = MucRole::Moderator;
        else if (current >= MucAffiliation::Admin)
            occupant->role = room.defaultRole(*affiliation);
        else if (occupant->role == MucRole::Visitor && *affiliation == MucAffiliation::Member)
            occupant->role = MucRole::Participant;
        broadcastPresence(room, *occupant, info);
    }
    qCInfo(lcMuc) << actor.toString() << "made" << user.toString() << affiliationName(*affiliation)
                  << "of" << room.jid.toString();
    return true;
}

// --- muc#owner: configuration and destruction ---

void MucModule::handleOwnerGet(const StanzaEvent &event)
{
    const Stanza &request = event.stanza;
    MucRoom *room = roomFor(request.to());
    if (!room || !request.to().isBare()) {
        m_context.router.bounce(request, u"cancel"_s, u"item-not-found"_s);
        return;
    }
    if (room->affiliation(request.from()) != MucAffiliation::Owner) {
        m_context.router.bounce(request, u"auth"_s, u"forbidden"_s,
                                u"Only the room's owners may configure it"_s);
        return;
    }
    using Field = QXmppDataForm::Field;
    const MucRoomConfig &config = room->config;
    const QString limit = QString::number(m_context.config.muc.maxOccupants);
    QList<QPair<QString, QString>> sizes;
    for (const int size : {10, 20, 30, 50, 100, 200, 500, 1000}) {
        if (size < m_context.config.muc.maxOccupants)
            sizes.append({QString::number(size), QString::number(size)});
    }
    sizes.append({limit, limit});
    QXmppDataForm form(QXmppDataForm::Form);
    form.setTitle(u"Configuration of %1"_s.arg(room->jid.toString()));
    form.setFields({
        field(Field::HiddenField, u"FORM_TYPE"_s, RoomConfigNs, {}),
        field(Field::TextSingleField, u"muc#roomconfig_roomname"_s, config.name, u"Name"_s),
        field(Field::TextSingleField, u"muc#roomconfig_roomdesc"_s, config.description,
              u"Description"_s),
        field(Field::BooleanField, u"muc#roomconfig_persistentroom"_s, config.persistent,
              u"Keep the room when the last person leaves"_s),
        field(Field::BooleanField, u"muc#roomconfig_publicroom"_s, config.isPublic,
              u"List the room in the directory"_s),
        field(Field::BooleanField, u"muc#roomconfig_membersonly"_s, config.membersOnly,
              u"Members only"_s),
        field(Field::BooleanField, u"muc#roomconfig_moderatedroom"_s, config.moderated,
              u"Only people with voice may speak"_s),
        field(Field::BooleanField, u"muc#roomconfig_passwordprotectedroom"_s,
              config.passwordProtected, u"Password required to enter"_s),
        field(Field::TextPrivateField, u"muc#roomconfig_roomsecret"_s, config.password,
              u"Password"_s),
        field(Field::ListSingleField, u"muc#roomconfig_whois"_s,
              config.nonAnonymous ? u"anyone"_s : u"moderators"_s,
              u"Who may see the occupants' addresses"_s,
              {{u"Moderators only"_s, u"moderators"_s}, {u"Anyone"_s, u"anyone"_s}}),
        field(Field::BooleanField, u"muc#roomconfig_allowinvites"_s, config.allowInvites,
              u"Occupants may invite others"_s),
        field(Field::BooleanField, u"muc#roomconfig_changesubject"_s, config.occupantsChangeSubject,
              u"Occupants may change the subject"_s),
        field(Field::TextSingleField, u"muc#maxhistoryfetch"_s,
              QString::number(config.historyLength),
              u"Messages shown to people who join (at most %1)"_s.arg(
                  m_context.config.muc.maxHistory)),
        field(Field::ListSingleField, u"muc#roomconfig_maxusers"_s,
              config.maxUsers > 0 ? QString::number(config.maxUsers) : limit, u"Most occupants"_s,
              sizes),
    });
    Stanza reply = request.iqResult();
    QDomElement query = addChild(reply.element(), MucOwnerNs, u"query"_s);
    query.appendChild(formElement(reply.element().ownerDocument(), form));
    m_context.router.sendTo(event.origin, reply);
}

void MucModule::handleOwnerSet(const StanzaEvent &event)
{
    const Stanza &request = event.stanza;
    Router &router = m_context.router;
    MucRoom *room = roomFor(request.to());
    if (!room || !request.to().isBare()) {
        router.bounce(request, u"cancel"_s, u"item-not-found"_s);
        return;
    }
    if (room->affiliation(request.from()) != MucAffiliation::Owner) {
        router.bounce(request, u"auth"_s, u"forbidden"_s,
                      u"Only the room's owners may configure or destroy it"_s);
        return;
    }
    const QDomElement query = request.payload();
    if (const QDomElement destroyElement = query.firstChildElement(u"destroy"_s);
        !destroyElement.isNull()) {
        router.sendTo(event.origin, request.iqResult());
        destroy(*room, destroyElement);
        return;
    }
    const QDomElement form = childElement(query, u"x"_s, DataNs);
    const QString type = form.attribute(u"type"_s);
    if (type == u"cancel"_s) {
        router.sendTo(event.origin, request.iqResult());
        // Cancelling the first configuration abandons the new room (XEP-0045 §10.1.3).
        if (room->locked)
            destroy(*room, {});
        return;
    }
    if (type != u"submit"_s) {
        router.bounce(request, u"modify"_s, u"bad-request"_s,
                      u"Submit or cancel the configuration form"_s);
        return;
    }
    const bool wasLocked = room->locked;
    room->locked = false;
    router.sendTo(event.origin, request.iqResult());
    applyConfiguration(*room, form);
    if (!wasLocked)
        sendStatusMessage(*room, {ConfigurationChangedCode});
    // Closing the room to non-members may have emptied it.
    removeIfEmpty(room->jid.local());
}

void MucModule::applyConfiguration(MucRoom &room, const QDomElement &formElement)
{
    QXmppDataForm form;
    form.parse(formElement);
    MucRoomConfig config = room.config;
    const MucRoomConfig previous = room.config;
    const int maxHistory = m_context.config.muc.maxHistory;
    const int maxOccupants = m_context.config.muc.maxOccupants;
    for (const QXmppDataForm::Field &submitted : form.fields()) {
        const QString key = submitted.key();
        const QString value = fieldText(submitted);
        if (key == u"muc#roomconfig_roomname"_s)
            config.name = value;
        else if (key == u"muc#roomconfig_roomdesc"_s)
            config.description = value;
        else if (key == u"muc#roomconfig_persistentroom"_s)
            config.persistent = isTrue(value);
        else if (key == u"muc#roomconfig_publicroom"_s)
            config.isPublic = isTrue(value);
        else if (key == u"muc#roomconfig_membersonly"_s)
            config.membersOnly = isTrue(value);
        else if (key == u"muc#roomconfig_moderatedroom"_s)
            config.moderated = isTrue(value);
        else if (key == u"muc#roomconfig_passwordprotectedroom"_s)
            config.passwordProtected = isTrue(value);
        else if (key == u"muc#roomconfig_roomsecret"_s)
            config.password = value;
        else if (key == u"muc#roomconfig_whois"_s)
            config.nonAnonymous = value == u"anyone"_s;
        else if (key == u"muc#roomconfig_allowinvites"_s)
            config.allowInvites = isTrue(value);
        else if (key == u"muc#roomconfig_changesubject"_s)
            config.occupantsChangeSubject = isTrue(value);
        // Prosody's name for the same setting.
        else if (key == u"muc#maxhistoryfetch"_s || key == u"muc#roomconfig_historylength"_s)
            config.historyLength = qBound(0, value.toInt(), maxHistory);
        else if (key == u"muc#roomconfig_maxusers"_s)
            config.maxUsers = qBound(0, value.toInt(), maxOccupants);
    }
    room.config = config;
    trimHistory(room);
    const QString node = room.jid.local();
    if (config.persistent && !previous.persistent) {
        persist(room);
        for (auto it = room.affiliations.cbegin(); it != room.affiliations.cend(); ++it)
            persistAffiliation(room, it.key());
        for (MucHistoryEntry &entry : room.history)
            entry.storageId = m_store.appendHistory(node, QString::fromUtf8(entry.message.toXml()),
                                                    entry.stamp.toMSecsSinceEpoch());
    } else if (config.persistent) {
        persist(room);
    } else if (previous.persistent) {
        m_store.removeRoom(node);
        for (MucHistoryEntry &entry : room.history)
            entry.storageId = 0;
    }
    if (config.membersOnly && !previous.membersOnly) {
        QStringList outsiders;
        for (const MucOccupant &occupant : std::as_const(room.occupants)) {
            if (room.affiliation(occupant.realJid) == MucAffiliation::None)
                outsiders << occupant.nick;
        }
        PresenceInfo info;
        info.unavailable = true;
        info.codes = {MembersOnlyCode};
        for (const QString &nick : std::as_const(outsiders))
            removeOccupant(room, nick, info);
    }
    qCInfo(lcMuc) << room.jid.toString() << "configured";
}

void MucModule::destroy(MucRoom &room, const QDomElement &destroyElement)
{
    const QString node = room.jid.local();
    for (const MucOccupant &occupant : std::as_const(room.occupants)) {
        Stanza presence =
            newStanza(u"presence"_s, u"unavailable"_s, room.jid.withResource(occupant.nick));
        QDomElement x = addChild(presence.element(), MucUserNs, u"x"_s);
        QDomElement item = addChild(x, MucUserNs, u"item"_s);
        item.setAttribute(u"affiliation"_s, u"none"_s);
        item.setAttribute(u"role"_s, u"none"_s);
        QDomElement notice = addChild(x, MucUserNs, u"destroy"_s);
        if (!destroyElement.isNull()) {
            if (const auto venue = Jid::parse(destroyElement.attribute(u"jid"_s)))
                notice.setAttribute(u"jid"_s, venue->toString());
            const QString reason = destroyElement.firstChildElement(u"reason"_s).text();
            if (!reason.isEmpty())
                addChild(notice, MucUserNs, u"reason"_s, reason);
        }
        addChild(x, MucUserNs, u"status"_s).setAttribute(u"code"_s, SelfPresenceCode);
        for (C2SSession *session : occupant.sessions) {
            sendTo(session, presence);
            m_sessionRooms[session].remove(node);
        }
    }
    qCInfo(lcMuc) << room.jid.toString() << "destroyed";
    removeRoom(node);
}

} // namespace flint

#include "Room.h"
#include "Room_p.h"

#include "client/AccountSession.h"
#include "client/FileLinks.h"
#include "client/HistoryStore.h"
#include "client/MessageListModel.h"
#include "client/MucProtocol.h"
#include "client/RoomOccupantModel.h"
#include "common/Logging.h"

#include <QCoreApplication>
#include <QDomElement>
#include <QTimer>
#include <QXmppClient.h>
#include <QXmppDataForm.h>
#include <QXmppDiscoveryIq.h>
#include <QXmppDiscoveryManager.h>
#include <QXmppIq.h>
#include <QXmppMessage.h>
#include <QXmppMucIq.h>
#include <QXmppPresence.h>
#include <QXmppTask.h>
#include <QXmppUtils.h>

#include <chrono>
#include <functional>

using namespace Qt::StringLiterals;

namespace flint {

using namespace muc;

namespace {

constexpr auto JoinTimeout = std::chrono::seconds(30);
constexpr auto RejoinRetryDelay = std::chrono::seconds(2);
constexpr int MaxRejoinRetries = 3;

// Status codes of XEP-0045 §15.6 (110, the own occupant, is in MucProtocol.h).
constexpr int RoomCreated = 201;
constexpr int BannedCode = 301;
constexpr int NickChanged = 303;
constexpr int KickedCode = 307;
constexpr int AffiliationChanged = 321;
constexpr int MembersOnlyNow = 322;
constexpr int ServiceShutdown = 332;
constexpr int NickAssigned = 210;

QString nickOf(const QString &occupantJid)
{
    return QXmppUtils::jidToResource(occupantJid);
}

RoomRole roleFrom(QXmppMucItem::Role role)
{
    switch (role) {
    case QXmppMucItem::VisitorRole:
        return RoomRole::Visitor;
    case QXmppMucItem::ParticipantRole:
        return RoomRole::Participant;
    case QXmppMucItem::ModeratorRole:
        return RoomRole::Moderator;
    case QXmppMucItem::UnspecifiedRole:
    case QXmppMucItem::NoRole:
        break;
    }
    return RoomRole::None;
}

QXmppMucItem::Role toQXmpp(RoomRole role)
{
    switch (role) {
    case RoomRole::None:
        return QXmppMucItem::NoRole;
    case RoomRole::Visitor:
        return QXmppMucItem::VisitorRole;
    case RoomRole::Participant:
        return QXmppMucItem::ParticipantRole;
    case RoomRole::Moderator:
        return QXmppMucItem::ModeratorRole;
    }
    return QXmppMucItem::NoRole;
}

RoomAffiliation affiliationFrom(QXmppMucItem::Affiliation affiliation)
{
    switch (affiliation) {
    case QXmppMucItem::OutcastAffiliation:
        return RoomAffiliation::Outcast;
    case QXmppMucItem::MemberAffiliation:
        return RoomAffiliation::Member;
    case QXmppMucItem::AdminAffiliation:
        return RoomAffiliation::Admin;
    case QXmppMucItem::OwnerAffiliation:
        return RoomAffiliation::Owner;
    case QXmppMucItem::UnspecifiedAffiliation:
    case QXmppMucItem::NoAffiliation:
        break;
    }
    return RoomAffiliation::None;
}

QXmppMucItem::Affiliation toQXmpp(RoomAffiliation affiliation)
{
    switch (affiliation) {
    case RoomAffiliation::None:
        return QXmppMucItem::NoAffiliation;
    case RoomAffiliation::Outcast:
        return QXmppMucItem::OutcastAffiliation;
    case RoomAffiliation::Member:
        return QXmppMucItem::MemberAffiliation;
    case RoomAffiliation::Admin:
        return QXmppMucItem::AdminAffiliation;
    case RoomAffiliation::Owner:
        return QXmppMucItem::OwnerAffiliation;
    }
    return QXmppMucItem::NoAffiliation;
}

// Errors of a join presence (XEP-0045 §7.2).
RoomError joinErrorFrom(const QXmppStanza::Error &error)
{
    RoomError result{.kind = RoomError::Other, .detail = error.text()};
    switch (error.condition()) {
    case QXmppStanza::Error::Conflict:
        result.kind = RoomError::NicknameInUse;
        break;
    case QXmppStanza::Error::NotAuthorized:
        result.kind = RoomError::PasswordRequired;
        break;
    case QXmppStanza::Error::Forbidden:
        result.kind = RoomError::Banned;
        break;
    case QXmppStanza::Error::RegistrationRequired:
        result.kind = RoomError::MembersOnly;
        break;
    case QXmppStanza::Error::ItemNotFound:
        result.kind = RoomError::NotFound;
        break;
    case QXmppStanza::Error::NotAllowed:
        result.kind = RoomError::CreationRefused;
        break;
    case QXmppStanza::Error::ServiceUnavailable:
        result.kind = RoomError::Full;
        break;
    default:
        break;
    }
    return result;
}

// The stanza's error when it is an IQ error, else nullopt.
std::optional<QXmppStanza::Error> iqErrorOf(const QDomElement &element)
{
    if (element.attribute(u"type"_s) != u"error"_s)
        return std::nullopt;
    QXmppIq iq;
    iq.parse(element);
    return iq.error();
}

RoomConfig configFromForm(const QXmppDataForm &form)
{
    RoomConfig config;
    for (const QXmppDataForm::Field &field : form.fields()) {
        const QString key = field.key();
        if (key == u"muc#roomconfig_roomname"_s)
            config.name = fieldText(field);
        else if (key == u"muc#roomconfig_roomdesc"_s)
            config.description = fieldText(field);
        else if (key == u"muc#roomconfig_persistentroom"_s)
            config.persistent = fieldBool(field);
        else if (key == u"muc#roomconfig_publicroom"_s)
            config.isPublic = fieldBool(field);
        else if (key == u"muc#roomconfig_membersonly"_s)
            config.membersOnly = fieldBool(field);
        else if (key == u"muc#roomconfig_moderatedroom"_s)
            config.moderated = fieldBool(field);
        else if (key == u"muc#roomconfig_roomsecret"_s)
            config.password = fieldText(field);
        else if (key == u"muc#roomconfig_whois"_s)
            config.realJidsVisible = fieldText(field) == u"anyone"_s;
        else if (key == u"muc#roomconfig_allowinvites"_s)
            config.occupantsMayInvite = fieldBool(field);
        else if (key == u"muc#roomconfig_changesubject"_s)
            config.occupantsMayChangeSubject = fieldBool(field);
        else if (key == u"muc#roomconfig_historylength"_s || key == u"muc#maxhistoryfetch"_s)
            config.historyLength = fieldText(field).toInt();
        else if (key == u"muc#roomconfig_maxusers"_s)
            config.maxOccupants = fieldText(field).toInt();
    }
    return config;
}

// The service's form filled with `config`: only the fields the service offers are sent.
QXmppDataForm submissionFor(const QXmppDataForm &form, const RoomConfig &config)
{
    QXmppDataForm submission(QXmppDataForm::Submit);
    QList<QXmppDataForm::Field> fields;
    for (QXmppDataForm::Field field : form.fields()) {
        const QString key = field.key();
        if (field.type() == QXmppDataForm::Field::FixedField || key.isEmpty())
            continue;
        if (key == u"muc#roomconfig_roomname"_s)
            field.setValue(config.name);
        else if (key == u"muc#roomconfig_roomdesc"_s)
            field.setValue(config.description);
        else if (key == u"muc#roomconfig_persistentroom"_s)
            field.setValue(config.persistent);
        else if (key == u"muc#roomconfig_publicroom"_s)
            field.setValue(config.isPublic);
        else if (key == u"muc#roomconfig_membersonly"_s)
            field.setValue(config.membersOnly);
        else if (key == u"muc#roomconfig_moderatedroom"_s)
            field.setValue(config.moderated);
        else if (key == u"muc#roomconfig_passwordprotectedroom"_s)
            field.setValue(!config.password.isEmpty());
        else if (key == u"muc#roomconfig_roomsecret"_s)
            field.setValue(config.password);
        else if (key == u"muc#roomconfig_whois"_s)
            field.setValue(config.realJidsVisible ? u"anyone"_s : u"moderators"_s);
        else if (key == u"muc#roomconfig_allowinvites"_s)
            field.setValue(config.occupantsMayInvite);
        else if (key == u"muc#roomconfig_changesubject"_s)
            field.setValue(config.occupantsMayChangeSubject);
        else if (key == u"muc#roomconfig_historylength"_s || key == u"muc#maxhistoryfetch"_s)
            field.setValue(QString::number(config.historyLength));
        else if (key == u"muc#roomconfig_maxusers"_s && config.maxOccupants > 0)
            field.setValue(QString::number(config.maxOccupants));
        field.setOptions({});
        fields.append(field);
    }
    submission.setFields(fields);
    return submission;
}

} // namespace

QString describe(const RoomError &error)
{
    switch (error.kind) {
    case RoomError::NotConnected:
        return QCoreApplication::translate("flint::Room", "You are not connected.");
    case RoomError::NoService:
        return QCoreApplication::translate("flint::Room", "The server offers no chat rooms.");
    case RoomError::NicknameInUse:
        return QCoreApplication::translate("flint::Room",
                                           "Someone in the room already uses this nickname.");
    case RoomError::PasswordRequired:
        return QCoreApplication::translate(
            "flint::Room", "This room needs a password; the one given is missing or wrong.");
    case RoomError::Banned:
        return QCoreApplication::translate("flint::Room", "You are banned from this room.");
    case RoomError::MembersOnly:
        return QCoreApplication::translate("flint::Room",
                                           "Only members may enter this room; ask its owner.");
    case RoomError::NotFound:
        return QCoreApplication::translate("flint::Room", "There is no such room.");
    case RoomError::CreationRefused:
        return QCoreApplication::translate("flint::Room",
                                           "The server does not let you create rooms.");
    case RoomError::Full:
        return QCoreApplication::translate("flint::Room", "The room is full.");
    case RoomError::RoomExists:
        return QCoreApplication::translate("flint::Room", "A room with this address exists.");
    case RoomError::NotAllowed:
        return QCoreApplication::translate("flint::Room",
                                           "The room does not allow you to do this.");
    case RoomError::Timeout:
        return QCoreApplication::translate("flint::Room", "The room did not answer in time.");
    case RoomError::Other:
        break;
    }
    return QCoreApplication::translate("flint::Room", "The room refused the request.");
}

Room::Room(AccountSession &session, HistoryStore &history, const QString &jid, QObject *parent)
    : QObject(parent), d(std::make_unique<Private>(this, session, history, jid))
{
    d->joinTimer.setSingleShot(true);
    d->joinTimer.setInterval(JoinTimeout);
    connect(&d->joinTimer, &QTimer::timeout, this, [this] {
        if (d->state != State::Joining)
            return;
        d->fail(RoomError::Timeout);
        d->setState(State::Left);
    });
    connect(&session, &AccountSession::loggedIn, this, [this] {
        // A new session: the room knows us no more, so join afresh (history replays; stanza
        // ids keep it from being stored twice).
        d->occupants->clear();
        d->setState(State::Joining);
        d->rejoinRetries = MaxRejoinRetries;
        d->sendJoin();
    });
    connect(&session, &AccountSession::resumed, this, [this] {
        if (d->state == State::Joining)
            d->sendJoin();
    });
    connect(&session, &AccountSession::stateChanged, this, [this](AccountSession::State state) {
        if (state != AccountSession::Connected)
            d->handleDisconnected();
    });
}

Room::~Room() = default;

QString Room::jid() const
{
    return d->jid;
}

QString Room::name() const
{
    return d->name.isEmpty() ? QXmppUtils::jidToUser(d->jid) : d->name;
}

QString Room::nick() const
{
    return d->nick;
}

QString Room::password() const
{
    return d->password;
}

QString Room::subject() const
{
    return d->subject;
}

Room::State Room::state() const
{
    return d->state;
}

RoomRole Room::ownRole() const
{
    return d->ownRole;
}

RoomAffiliation Room::ownAffiliation() const
{
    return d->ownAffiliation;
}

RoomOccupantModel &Room::occupants() const
{
    return *d->occupants;
}

MessageListModel &Room::messages() const
{
    return *d->messages;
}

int Room::unreadCount() const
{
    return d->history.unreadCount(d->jid);
}

void Room::markRead()
{
    if (unreadCount() == 0)
        return;
    d->history.markRead(d->jid);
    Q_EMIT unreadCountChanged(0);
}

bool Room::can(Action action, const RoomOccupant &target) const
{
    if (d->state != State::Joined)
        return false;
    const RoomRole role = d->ownRole;
    const RoomAffiliation affiliation = d->ownAffiliation;
    const bool moderator = role == RoomRole::Moderator;
    const bool adminOrOwner = affiliation >= RoomAffiliation::Admin;
    const bool owner = affiliation == RoomAffiliation::Owner;
    const bool other = !target.isSelf && (!target.nick.isEmpty() || !target.jid.isEmpty()) &&
                       bareOf(target.jid) != bareOf(d->session.settings().jid);
    // XEP-0045 §5: nobody below an admin may act against an admin or owner, and an admin against
    // another admin or an owner only when it is an owner itself.
    const bool outranked = target.affiliation >= RoomAffiliation::Admin && !owner;
    switch (action) {
    case Action::Kick:
        // Admins and owners are moderators for good: only an affiliation change removes them.
        return moderator && other && target.role != RoomRole::None &&
               target.affiliation < RoomAffiliation::Admin;
    case Action::Ban:
        return adminOrOwner && other && !target.jid.isEmpty() && !outranked &&
               target.affiliation != RoomAffiliation::Outcast;
    case Action::GrantVoice:
        return moderator && other && target.role == RoomRole::Visitor;
    case Action::RevokeVoice:
        return moderator && other && target.role == RoomRole::Participant &&
               target.affiliation < RoomAffiliation::Admin;
    case Action::GrantModerator:
        return adminOrOwner && other &&
               (target.role == RoomRole::Participant || target.role == RoomRole::Visitor);
    case Action::RevokeModerator:
        return adminOrOwner && other && target.role == RoomRole::Moderator &&
               target.affiliation < RoomAffiliation::Admin;
    case Action::GrantMembership:
        return adminOrOwner && other && !target.jid.isEmpty() &&
               target.affiliation < RoomAffiliation::Member;
    case Action::RevokeMembership:
        return adminOrOwner && other && !target.jid.isEmpty() &&
               target.affiliation == RoomAffiliation::Member;
    case Action::GrantAdmin:
        return owner && other && !target.jid.isEmpty() &&
               target.affiliation < RoomAffiliation::Admin;
    case Action::GrantOwner:
        return owner && other && !target.jid.isEmpty() &&
               target.affiliation < RoomAffiliation::Owner;
    case Action::Subject:
        return moderator || (role == RoomRole::Participant && d->occupantsMayChangeSubject);
    case Action::Configure:
    case Action::Destroy:
        return owner;
    case Action::Invite:
        if (role < RoomRole::Participant)
            return false;
        return !d->membersOnly || adminOrOwner || d->occupantsMayInvite;
    }
    return false;
}

QString Room::sendMessage(const QString &body)
{
    if (body.trimmed().isEmpty())
        return {};
    return send(body, std::nullopt);
}

QString Room::send(const QString &body, const std::optional<FileAttachment> &attachment)
{
    const QString id = QXmppUtils::generateStanzaUuid();
    d->store({.peer = d->jid,
              .kind = ConversationKind::GroupChat,
              .stanzaId = id,
              .direction = MessageDirection::Outgoing,
              .sender = d->ownOccupantJid(),
              .body = body,
              .timestamp = QDateTime::currentDateTimeUtc(),
              .delivery = DeliveryState::Sending,
              .attachment = attachment});
    const auto failSending = [this, id](const RoomError &error) {
        d->history.setDeliveryState(d->jid, id, DeliveryState::Failed);
        Q_EMIT failed(error);
    };
    if (d->state != State::Joined || !d->client().isAuthenticated()) {
        failSending({.kind = RoomError::NotConnected, .detail = {}});
        return id;
    }
    QXmppMessage message(QString(), d->jid, body);
    message.setType(QXmppMessage::GroupChat);
    message.setId(id);
    message.setOriginId(id);
    if (attachment)
        addFileLink(message, *attachment);
    // Sent once the room echoes it back (handleMessage).
    d->client().send(std::move(message)).then(this, [failSending](QXmpp::SendResult &&result) {
        if (const auto *error = std::get_if<QXmppError>(&result))
            failSending({.kind = RoomError::NotConnected, .detail = error->description});
    });
    return id;
}

void Room::setSubject(const QString &subject)
{
    if (d->state != State::Joined) {
        d->fail(RoomError::NotConnected);
        return;
    }
    QXmppMessage message(QString(), d->jid);
    message.setType(QXmppMessage::GroupChat);
    message.setSubject(subject);
    d->client().send(std::move(message));
}

void Room::changeNick(const QString &nick)
{
    if (nick.isEmpty() || nick == d->nick)
        return;
    if (d->state != State::Joined) {
        d->nick = nick;
        Q_EMIT nickChanged(nick);
        return;
    }
    d->requestedNick = nick;
    QXmppPresence presence = d->session.presence();
    presence.setId(QXmppUtils::generateStanzaUuid());
    presence.setTo(d->jid + u'/' + nick);
    d->client().send(std::move(presence));
}

void Room::kick(const QString &nick, const QString &reason)
{
    setRole(nick, RoomRole::None, reason);
}

void Room::setRole(const QString &nick, RoomRole role, const QString &reason)
{
    QXmppMucItem item;
    item.setNick(nick);
    item.setRole(toQXmpp(role));
    item.setReason(reason);
    QXmppMucAdminIq iq;
    iq.setType(QXmppIq::Set);
    iq.setTo(d->jid);
    iq.setItems({item});
    d->request(std::move(iq), [](const QDomElement &) {});
}

void Room::setAffiliation(const QString &jid, RoomAffiliation affiliation, const QString &reason)
{
    QXmppMucItem item;
    item.setJid(bareOf(jid));
    item.setAffiliation(toQXmpp(affiliation));
    item.setReason(reason);
    QXmppMucAdminIq iq;
    iq.setType(QXmppIq::Set);
    iq.setTo(d->jid);
    iq.setItems({item});
    d->request(std::move(iq), [](const QDomElement &) {});
}

void Room::invite(const QString &jid, const QString &reason)
{
    if (!d->client().isAuthenticated()) {
        d->fail(RoomError::NotConnected);
        return;
    }
    ElementBuilder x(u"x"_s, MucUserNs);
    QDomElement invitation = x.add(x.root(), u"invite"_s);
    invitation.setAttribute(u"to"_s, jid);
    if (!reason.isEmpty())
        x.add(invitation, u"reason"_s, reason);
    QXmppMessage message(QString(), d->jid);
    message.setId(QXmppUtils::generateStanzaUuid());
    message.setExtensions({x.element()});
    d->client().send(std::move(message));
}

void Room::requestConfiguration()
{
    d->fetchConfigurationForm(
        [this](const QXmppDataForm &form) { Q_EMIT configurationReceived(configFromForm(form)); });
}

void Room::configure(const RoomConfig &config)
{
    d->fetchConfigurationForm(
        [this, config](const QXmppDataForm &form) { d->submitConfiguration(form, config); });
}

void Room::destroy(const QString &reason)
{
    ElementBuilder query(u"query"_s, MucOwnerNs);
    QDomElement destruction = query.add(query.root(), u"destroy"_s);
    if (!reason.isEmpty())
        query.add(destruction, u"reason"_s, reason);
    QXmppIq iq(QXmppIq::Set);
    iq.setTo(d->jid);
    iq.setExtensions({query.element()});
    // The room's last presence to us (with <destroy/>) ends the room here.
    d->request(std::move(iq), [](const QDomElement &) {});
}

void Room::leave()
{
    if (d->state == State::Left)
        return;
    if (d->client().isAuthenticated()) {
        QXmppPresence presence(QXmppPresence::Unavailable);
        presence.setTo(d->ownOccupantJid());
        d->client().send(std::move(presence));
        d->leaveSent = true;
    }
    d->exit(RoomExit::Left, {});
}

void Room::Private::setState(State newState)
{
    if (state == newState)
        return;
    state = newState;
    Q_EMIT q->stateChanged(newState);
}

void Room::Private::setOwnPosition(RoomRole role, RoomAffiliation affiliation)
{
    if (role == ownRole && affiliation == ownAffiliation)
        return;
    ownRole = role;
    ownAffiliation = affiliation;
    Q_EMIT q->ownRoleChanged();
}

void Room::Private::sendJoin()
{
    if (!client().isAuthenticated() || nick.isEmpty())
        return;
    QXmppPresence presence = session.presence();
    presence.setId(QXmppUtils::generateStanzaUuid());
    presence.setTo(ownOccupantJid());
    presence.setMucSupported(true);
    presence.setMucPassword(password);
    client().send(std::move(presence));
    joinTimer.start();
}

void Room::Private::sendInstantUnlock()
{
    QXmppMucOwnerIq iq;
    iq.setType(QXmppIq::Set);
    iq.setTo(jid);
    iq.setForm(QXmppDataForm(QXmppDataForm::Submit));
    request(std::move(iq), [](const QDomElement &) {});
}

void Room::Private::handleDisconnected()
{
    joinTimer.stop();
    if (state != State::Joined)
        return;
    // The occupants stay: a resumed stream brings what changed meanwhile.
    setState(State::Joining);
    Q_EMIT q->exited(RoomExit::Disconnected, {});
}

void Room::Private::suspend(RoomExit exit, const QString &reason)
{
    // The service comes back with the server: the room is joined again with the next login.
    qCInfo(lcClientRooms) << "out of" << jid << "until the next login" << int(exit) << reason;
    joinTimer.stop();
    occupants->clear();
    setOwnPosition(RoomRole::None, RoomAffiliation::None);
    setState(State::Joining);
    Q_EMIT q->exited(exit, reason);
}

void Room::Private::exit(RoomExit exit, const QString &actorOrReason)
{
    qCInfo(lcClientRooms) << "out of" << jid << int(exit) << actorOrReason;
    joinTimer.stop();
    occupants->clear();
    setOwnPosition(RoomRole::None, RoomAffiliation::None);
    Q_EMIT q->exited(exit, actorOrReason);
    setState(State::Left);
}

void Room::Private::handlePresence(const QXmppPresence &presence, const QDomElement &element)
{
    const QString occupantNick = nickOf(presence.from());
    const QList<int> codes = presence.mucStatusCodes();
    const bool self = codes.contains(SelfPresence) || (!nick.isEmpty() && occupantNick == nick);

    if (presence.type() == QXmppPresence::Error) {
        if (!requestedNick.isEmpty() && occupantNick == requestedNick) {
            requestedNick.clear();
            Q_EMIT q->failed(joinErrorFrom(presence.error()));
        } else if (state == State::Joining) {
            joinTimer.stop();
            const RoomError error = joinErrorFrom(presence.error());
            // After a server restart the first occupant back recreates a temporary room, which
            // stays locked (item-not-found) until its owner unlocks it: try again shortly.
            if (error.kind == RoomError::NotFound && rejoinRetries > 0) {
                --rejoinRetries;
                QTimer::singleShot(RejoinRetryDelay, q, [this] { sendJoin(); });
                return;
            }
            qCInfo(lcClientRooms) << "could not join" << jid << error.kind << error.detail;
            Q_EMIT q->failed(error);
            setState(State::Left);
        }
        return;
    }

    const QXmppMucItem item = presence.mucItem();
    if (presence.type() == QXmppPresence::Unavailable) {
        if (codes.contains(NickChanged) && !item.nick().isEmpty()) {
            occupants->remove(occupantNick);
            if (self) {
                nick = item.nick();
                ownNicks.insert(nick);
                requestedNick.clear();
                Q_EMIT q->nickChanged(nick);
            } else {
                Q_EMIT q->occupantLeft(occupantNick);
            }
            return;
        }
        if (!self) {
            occupants->remove(occupantNick);
            Q_EMIT q->occupantLeft(occupantNick);
            return;
        }
        const QDomElement x = childElement(element, u"x"_s, MucUserNs);
        const QDomElement destruction = x.firstChildElement(u"destroy"_s);
        const QString reason = item.reason();
        const QString actorOrReason = reason.isEmpty() ? item.actor() : reason;
        if (!destruction.isNull())
            exit(RoomExit::Destroyed, destruction.firstChildElement(u"reason"_s).text());
        else if (codes.contains(BannedCode))
            exit(RoomExit::Banned, actorOrReason);
        else if (codes.contains(KickedCode))
            exit(RoomExit::Kicked, actorOrReason);
        else if (codes.contains(AffiliationChanged) || codes.contains(MembersOnlyNow))
            exit(RoomExit::MembershipLost, actorOrReason);
        else if (codes.contains(ServiceShutdown))
            suspend(RoomExit::Shutdown, actorOrReason);
        else
            exit(RoomExit::Left, actorOrReason);
        return;
    }
    if (presence.type() != QXmppPresence::Available)
        return;

    if (self && occupantNick != nick && (codes.contains(NickAssigned) || state == State::Joining)) {
        nick = occupantNick;
        Q_EMIT q->nickChanged(nick);
    }
    const bool known = occupants->occupant(occupantNick).has_value();
    occupants->upsert({.nick = occupantNick,
                       .jid = bareOf(item.jid()),
                       .role = roleFrom(item.role()),
                       .affiliation = affiliationFrom(item.affiliation()),
                       .status = PresenceStatus::fromPresence(presence),
                       .isSelf = self});
    if (!self) {
        if (!known)
            Q_EMIT q->occupantJoined(occupantNick);
        return;
    }
    setOwnPosition(roleFrom(item.role()), affiliationFrom(item.affiliation()));
    if (state == State::Joined)
        return;
    joinTimer.stop();
    ownNicks.insert(nick);
    if (creation && !codes.contains(RoomCreated)) {
        creation.reset();
        fail(RoomError::RoomExists);
        q->leave();
        return;
    }
    qCInfo(lcClientRooms) << "in" << jid << "as" << nick;
    rejoinRetries = 0;
    setState(State::Joined);
    Q_EMIT q->joined();
    if (codes.contains(RoomCreated)) {
        // A new room stays locked until its owner submits a configuration (XEP-0045 §10.1).
        if (creation) {
            const RoomConfig config = *creation;
            creation.reset();
            q->configure(config);
        } else {
            sendInstantUnlock();
        }
    }
    requestInfo();
}

void Room::Private::handleMessage(const QXmppMessage &message, const QDomElement &element)
{
    const QDomElement subjectElement = element.firstChildElement(u"subject"_s);
    if (!subjectElement.isNull() && message.body().isEmpty()) {
        const QString text = subjectElement.text();
        if (text != subject) {
            subject = text;
            Q_EMIT q->subjectChanged(subject);
        }
        return;
    }
    if (message.body().isEmpty())
        return;

    const QString senderNick = nickOf(message.from());
    const bool own = !senderNick.isEmpty() && ownNicks.contains(senderNick);
    // Our own echo is known by the origin-id it was stored under; everything else by the id the
    // room gave it (XEP-0359), which stays the same when the history is replayed on a rejoin.
    QString stanzaId;
    if (own && !message.originId().isEmpty()) {
        stanzaId = message.originId();
        history.setDeliveryState(jid, stanzaId, DeliveryState::Sent);
    } else {
        for (const QXmppStanzaId &id : message.stanzaIds()) {
            if (id.by == jid)
                stanzaId = id.id;
        }
        if (stanzaId.isEmpty())
            stanzaId = message.originId().isEmpty() ? message.id() : message.originId();
    }
    const bool delayed = message.stamp().isValid();
    const int unreadBefore = q->unreadCount();
    HistoryMessage entry{
        .peer = jid,
        .kind = ConversationKind::GroupChat,
        .stanzaId = stanzaId,
        .direction = own ? MessageDirection::Outgoing : MessageDirection::Incoming,
        .sender = message.from(),
        .body = message.body(),
        .timestamp = delayed ? message.stamp().toUTC() : QDateTime::currentDateTimeUtc(),
        .delivery = own ? DeliveryState::Sent : DeliveryState::Delivered,
        .flags = delayed ? HistoryMessage::OfflineDelayed : HistoryMessage::NoFlags,
        .attachment = parseFileLink(message),
    };
    store(entry);
    if (const int unread = q->unreadCount(); unread != unreadBefore)
        Q_EMIT q->unreadCountChanged(unread);
}

void Room::Private::handleErrorMessage(const QXmppMessage &message)
{
    const QString id = message.id();
    if (!id.isEmpty())
        history.setDeliveryState(jid, id, DeliveryState::Failed);
    Q_EMIT q->failed(requestErrorFrom(message.error()));
}

void Room::Private::store(HistoryMessage message)
{
    bool inserted = false;
    const std::optional<qint64> id = history.addMessage(message, &inserted);
    if (!id) {
        qCWarning(lcClientRooms) << "could not store a message of" << jid;
        return;
    }
    if (!inserted)
        return;
    message.id = *id;
    messages->add(message);
    Q_EMIT q->messageAdded(message);
}

void Room::Private::requestInfo()
{
    auto *discovery = client().findExtension<QXmppDiscoveryManager>();
    if (!discovery)
        return;
    discovery->requestDiscoInfo(jid).then(q, [this](QXmppDiscoveryManager::InfoResult &&result) {
        const auto *info = std::get_if<QXmppDiscoveryIq>(&result);
        if (!info)
            return;
        membersOnly = info->features().contains(u"muc_membersonly"_s);
        for (const QXmppDataForm::Field &field : info->form().fields()) {
            if (field.key() == u"muc#roominfo_subjectmod"_s ||
                field.key() == u"muc#roominfo_changesubject"_s)
                occupantsMayChangeSubject = fieldBool(field);
            else if (field.key() == u"muc#roomconfig_allowinvites"_s)
                occupantsMayInvite = fieldBool(field);
        }
        for (const QXmppDiscoveryIq::Identity &identity : info->identities()) {
            if (identity.category() != u"conference"_s)
                continue;
            const QString newName =
                identity.name() == QXmppUtils::jidToUser(jid) ? QString() : identity.name();
            if (newName != name) {
                name = newName;
                Q_EMIT q->nameChanged(q->name());
            }
            break;
        }
    });
}

void Room::Private::request(QXmppIq &&iq, std::function<void(const QDomElement &)> onResult)
{
    if (!client().isAuthenticated()) {
        fail(RoomError::NotConnected);
        return;
    }
    client()
        .sendIq(std::move(iq))
        .then(q, [this, onResult = std::move(onResult)](QXmppClient::IqResult &&result) {
            if (const auto *error = std::get_if<QXmppError>(&result)) {
                Q_EMIT q->failed(errorFrom(*error));
                return;
            }
            const QDomElement &element = std::get<QDomElement>(result);
            if (const auto error = iqErrorOf(element)) {
                Q_EMIT q->failed(requestErrorFrom(*error));
                return;
            }
            onResult(element);
        });
}

void Room::Private::fetchConfigurationForm(std::function<void(const QXmppDataForm &)> onForm)
{
    QXmppMucOwnerIq iq;
    iq.setType(QXmppIq::Get);
    iq.setTo(jid);
    request(std::move(iq), [onForm = std::move(onForm)](const QDomElement &element) {
        QXmppMucOwnerIq answer;
        answer.parse(element);
        onForm(answer.form());
    });
}

void Room::Private::submitConfiguration(const QXmppDataForm &form, const RoomConfig &config)
{
    QXmppMucOwnerIq iq;
    iq.setType(QXmppIq::Set);
    iq.setTo(jid);
    iq.setForm(submissionFor(form, config));
    request(std::move(iq), [this](const QDomElement &) {
        requestInfo();
        Q_EMIT q->configured();
    });
}

} // namespace flint

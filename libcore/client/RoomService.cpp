#include "RoomService.h"

#include "client/AccountSession.h"
#include "client/FileLinks.h"
#include "client/HistoryStore.h"
#include "client/MessageListModel.h"
#include "common/Jid.h"
#include "common/Logging.h"

#include <QCoreApplication>
#include <QDomDocument>
#include <QDomElement>
#include <QPointer>
#include <QSet>
#include <QTimer>
#include <QXmppClient.h>
#include <QXmppClientExtension.h>
#include <QXmppDataForm.h>
#include <QXmppDiscoveryIq.h>
#include <QXmppDiscoveryManager.h>
#include <QXmppElement.h>
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
namespace {

const QString MucNs = u"http://jabber.org/protocol/muc"_s;
const QString MucUserNs = u"http://jabber.org/protocol/muc#user"_s;
const QString MucOwnerNs = u"http://jabber.org/protocol/muc#owner"_s;
const QString ConferenceNs = u"jabber:x:conference"_s;
const QString PrivateNs = u"jabber:iq:private"_s;
const QString BookmarksNs = u"storage:bookmarks"_s;
constexpr auto JoinTimeout = std::chrono::seconds(30);
constexpr auto RejoinRetryDelay = std::chrono::seconds(2);
constexpr int MaxRejoinRetries = 3;

// Status codes of XEP-0045 §15.6.
constexpr int SelfPresence = 110;
constexpr int RoomCreated = 201;
constexpr int BannedCode = 301;
constexpr int NickChanged = 303;
constexpr int KickedCode = 307;
constexpr int AffiliationChanged = 321;
constexpr int MembersOnlyNow = 322;
constexpr int ServiceShutdown = 332;
constexpr int NickAssigned = 210;

QString bareOf(const QString &jid)
{
    const auto parsed = Jid::parse(jid);
    return parsed ? parsed->bareString() : QString();
}

QString nickOf(const QString &occupantJid)
{
    return QXmppUtils::jidToResource(occupantJid);
}

QDomElement childElement(const QDomElement &parent, const QString &name, const QString &ns)
{
    for (QDomElement child = parent.firstChildElement(name); !child.isNull();
         child = child.nextSiblingElement(name)) {
        if (child.namespaceURI() == ns)
            return child;
    }
    return {};
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

// Errors of a request to the room: moderation, configuration, messages.
RoomError requestErrorFrom(const QXmppStanza::Error &error)
{
    RoomError result{.kind = RoomError::Other, .detail = error.text()};
    switch (error.condition()) {
    case QXmppStanza::Error::Forbidden:
    case QXmppStanza::Error::NotAllowed:
    case QXmppStanza::Error::NotAuthorized:
    case QXmppStanza::Error::NotAcceptable:
        result.kind = RoomError::NotAllowed;
        break;
    case QXmppStanza::Error::ItemNotFound:
        result.kind = RoomError::NotFound;
        break;
    case QXmppStanza::Error::Conflict:
        result.kind = RoomError::NicknameInUse;
        break;
    case QXmppStanza::Error::ServiceUnavailable:
        result.kind = RoomError::NoService;
        break;
    default:
        break;
    }
    return result;
}

RoomError errorFrom(const QXmppError &error)
{
    if (const auto stanzaError = error.value<QXmppStanza::Error>())
        return requestErrorFrom(*stanzaError);
    return {.kind = RoomError::NotConnected, .detail = error.description};
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

// An element to put into a QXmpp stanza as an extension.
class ElementBuilder {
public:
    ElementBuilder(const QString &name, const QString &ns)
        : m_root(m_document.createElementNS(ns, name))
    {
        m_document.appendChild(m_root);
    }
    QDomDocument &document() { return m_document; }
    QDomElement &root() { return m_root; }
    QDomElement add(QDomElement parent, const QString &name, const QString &text = {})
    {
        QDomElement child = m_document.createElementNS(parent.namespaceURI(), name);
        if (!text.isEmpty())
            child.appendChild(m_document.createTextNode(text));
        parent.appendChild(child);
        return child;
    }
    QXmppElement element() const { return QXmppElement(m_root); }

private:
    QDomDocument m_document;
    QDomElement m_root;
};

QString fieldText(const QXmppDataForm::Field &field)
{
    return field.value().toString();
}

bool fieldBool(const QXmppDataForm::Field &field)
{
    const QString value = field.value().toString();
    return value == u"1"_s || value.compare(u"true"_s, Qt::CaseInsensitive) == 0;
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

int rankOf(RoomRole role)
{
    switch (role) {
    case RoomRole::Moderator:
        return 0;
    case RoomRole::Participant:
        return 1;
    case RoomRole::Visitor:
        return 2;
    case RoomRole::None:
        break;
    }
    return 3;
}

bool sortsBefore(const RoomOccupant &a, const RoomOccupant &b)
{
    if (rankOf(a.role) != rankOf(b.role))
        return rankOf(a.role) < rankOf(b.role);
    const int byName = a.nick.compare(b.nick, Qt::CaseInsensitive);
    return byName != 0 ? byName < 0 : a.nick < b.nick;
}

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

// ---- RoomOccupantModel ----

int RoomOccupantModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_occupants.size());
}

QVariant RoomOccupantModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_occupants.size())
        return {};
    const RoomOccupant &occupant = m_occupants.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case NickRole:
        return occupant.nick;
    case JidRole:
        return occupant.jid;
    case RoomRoleRole:
        return int(occupant.role);
    case AffiliationRole:
        return int(occupant.affiliation);
    case AvailabilityRole:
        return int(occupant.status.availability);
    case StatusTextRole:
        return occupant.status.text;
    case SelfRole:
        return occupant.isSelf;
    case OccupantRole:
        return QVariant::fromValue(occupant);
    default:
        return {};
    }
}

std::optional<RoomOccupant> RoomOccupantModel::occupant(const QString &nick) const
{
    for (const RoomOccupant &occupant : m_occupants) {
        if (occupant.nick == nick)
            return occupant;
    }
    return std::nullopt;
}

void RoomOccupantModel::upsert(const RoomOccupant &occupant)
{
    for (int row = 0; row < m_occupants.size(); ++row) {
        if (m_occupants.at(row).nick != occupant.nick)
            continue;
        if (m_occupants.at(row) == occupant)
            return;
        const bool staysInPlace =
            (row == 0 || sortsBefore(m_occupants.at(row - 1), occupant)) &&
            (row + 1 == m_occupants.size() || sortsBefore(occupant, m_occupants.at(row + 1)));
        if (staysInPlace) {
            m_occupants[row] = occupant;
            Q_EMIT dataChanged(index(row), index(row));
            return;
        }
        beginRemoveRows({}, row, row);
        m_occupants.removeAt(row);
        endRemoveRows();
        break;
    }
    const auto place =
        std::lower_bound(m_occupants.begin(), m_occupants.end(), occupant, sortsBefore);
    const int row = int(place - m_occupants.begin());
    beginInsertRows({}, row, row);
    m_occupants.insert(row, occupant);
    endInsertRows();
}

void RoomOccupantModel::remove(const QString &nick)
{
    for (int row = 0; row < m_occupants.size(); ++row) {
        if (m_occupants.at(row).nick == nick) {
            beginRemoveRows({}, row, row);
            m_occupants.removeAt(row);
            endRemoveRows();
            return;
        }
    }
}

void RoomOccupantModel::clear()
{
    if (m_occupants.isEmpty())
        return;
    beginResetModel();
    m_occupants.clear();
    endResetModel();
}

// ---- Room ----

struct Room::Private {
    Private(Room *room, AccountSession &session, HistoryStore &history, const QString &jid)
        : q(room), session(session), history(history), jid(jid),
          occupants(new RoomOccupantModel(room)),
          messages(new MessageListModel(history, jid, 50, room))
    {}

    QXmppClient &client() const { return session.client(); }
    QString ownOccupantJid() const { return jid + u'/' + nick; }
    void setState(State newState);
    void setOwnPosition(RoomRole role, RoomAffiliation affiliation);
    void sendJoin();
    void sendInstantUnlock();
    void handleDisconnected();
    void exit(RoomExit exit, const QString &actorOrReason);
    // Out of the room for now, but still in it as far as the user is concerned.
    void suspend(RoomExit exit, const QString &reason);
    void handlePresence(const QXmppPresence &presence, const QDomElement &element);
    void handleMessage(const QXmppMessage &message, const QDomElement &element);
    void handleErrorMessage(const QXmppMessage &message);
    void store(HistoryMessage message);
    void requestInfo();
    // Sends `iq` to the room; an error reply or no connection ends in failed().
    void request(QXmppIq &&iq, std::function<void(const QDomElement &)> onResult);
    void fetchConfigurationForm(std::function<void(const QXmppDataForm &)> onForm);
    void submitConfiguration(const QXmppDataForm &form, const RoomConfig &config);
    void fail(RoomError::Kind kind, const QString &detail = {})
    {
        Q_EMIT q->failed(RoomError{.kind = kind, .detail = detail});
    }

    Room *q;
    AccountSession &session;
    HistoryStore &history;
    QString jid;
    QString nick;
    QString password;
    QString name;
    QString subject;
    State state = State::Joining;
    RoomRole ownRole = RoomRole::None;
    RoomAffiliation ownAffiliation = RoomAffiliation::None;
    RoomOccupantModel *occupants;
    MessageListModel *messages;
    std::optional<RoomConfig> creation; // create(): configure the room when it turns out new
    QString requestedNick;              // a nick change the room has not confirmed yet
    QSet<QString> ownNicks;             // every nick this account used here, for its echoes
    bool membersOnly = false;
    bool occupantsMayChangeSubject = false;
    bool occupantsMayInvite = true;
    int rejoinRetries = 0; // left for an automatic rejoin the room refuses as not found
    QTimer joinTimer;
};

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
    const QString id = QXmppUtils::generateStanzaUuid();
    d->store({.peer = d->jid,
              .kind = ConversationKind::GroupChat,
              .stanzaId = id,
              .direction = MessageDirection::Outgoing,
              .sender = d->ownOccupantJid(),
              .body = body,
              .timestamp = QDateTime::currentDateTimeUtc(),
              .delivery = DeliveryState::Sending});
    const auto failSending = [this, id](const RoomError &error) {
        if (d->history.setDeliveryState(d->jid, id, DeliveryState::Failed))
            d->messages->setDeliveryState(id, DeliveryState::Failed);
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
        if (history.setDeliveryState(jid, stanzaId, DeliveryState::Sent))
            messages->setDeliveryState(stanzaId, DeliveryState::Sent);
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
    if (!id.isEmpty() && history.setDeliveryState(jid, id, DeliveryState::Failed))
        messages->setDeliveryState(id, DeliveryState::Failed);
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

// ---- RoomService ----

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
    Room *room = rooms.value(bareOf(from));
    if (tag == u"presence"_s) {
        if (!room)
            return false;
        QXmppPresence presence;
        presence.parse(element);
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

// Group chat rooms (XEP-0045) for one account: finds the server's room service, lists its rooms,
// joins and creates them, keeps bookmarks (XEP-0048 in private storage, changes made offline
// stored with the next login) with auto-join, rejoins every joined room after a reconnection that
// could not resume, mirrors the account's presence into the joined rooms, and hands out one Room
// per room, whose messages are kept in HistoryStore (ConversationKind::GroupChat). Receives
// mediated and direct (XEP-0249) invitations. Owns a QXmpp extension that takes the rooms' stanzas
// and the invitations before the rest of the client sees them.
#pragma once

#include "client/PresenceManager.h"

#include <QAbstractListModel>
#include <QHash>
#include <QMetaType>
#include <QObject>
#include <QString>

#include <memory>
#include <optional>

namespace flint {

class AccountSession;
class HistoryStore;
class MessageListModel;
struct HistoryMessage;

enum class RoomRole { None, Visitor, Participant, Moderator };
enum class RoomAffiliation { None, Outcast, Member, Admin, Owner };

struct RoomOccupant {
    QString nick;
    QString jid; // the occupant's real bare JID when the room shows it to us, else empty
    RoomRole role = RoomRole::None;
    RoomAffiliation affiliation = RoomAffiliation::None;
    PresenceStatus status;
    bool isSelf = false;
    friend bool operator==(const RoomOccupant &, const RoomOccupant &) = default;
};

// One room as the service lists it (disco#items), with what disco#info adds when asked.
struct RoomListing {
    QString jid;
    QString name;
    QString description;
    int occupants = -1; // -1: unknown
    bool passwordProtected = false;
    bool membersOnly = false;
    bool persistent = false;
    bool moderated = false;
    friend bool operator==(const RoomListing &, const RoomListing &) = default;
};

// The part of the muc#roomconfig form the app edits (create dialog, room settings).
struct RoomConfig {
    QString name;
    QString description;
    bool persistent = false;
    bool isPublic = true; // listed by the service
    bool membersOnly = false;
    bool moderated = false;       // new occupants are visitors until given voice
    QString password;             // empty: none
    bool realJidsVisible = false; // to every occupant (true) or to moderators only
    bool occupantsMayInvite = true;
    bool occupantsMayChangeSubject = false;
    int historyLength = 20; // messages sent to a new occupant
    int maxOccupants = 0;   // 0: the service's limit
    friend bool operator==(const RoomConfig &, const RoomConfig &) = default;
};

struct RoomBookmark {
    QString jid;
    QString name;
    QString nick;
    QString password;
    bool autojoin = false;
    friend bool operator==(const RoomBookmark &, const RoomBookmark &) = default;
};

struct RoomInvitation {
    QString room;
    QString inviter; // bare JID
    QString reason;
    QString password;
    bool direct = false; // XEP-0249 rather than mediated by the room
};

struct RoomError {
    Q_GADGET
public:
    enum Kind {
        NotConnected,
        NoService,        // the server offers no room service
        NicknameInUse,    // conflict
        PasswordRequired, // not-authorized: none or a wrong password
        Banned,           // forbidden on join
        MembersOnly,      // registration-required
        NotFound,         // item-not-found: no such room (and we may not create it)
        CreationRefused,  // not-allowed: this user may not create rooms
        Full,             // service-unavailable on join
        RoomExists,       // create() of a room that already exists
        NotAllowed,       // forbidden / not-allowed for a moderation or configuration request
        Timeout,
        Other,
    };
    Q_ENUM(Kind)
    Kind kind = Other;
    QString detail; // the server's own words, for logs
};
// The one place room errors become user-facing text.
QString describe(const RoomError &error);

// Why we are no longer in a room. After Shutdown and Disconnected the Room stays (Joining) and is
// joined again with the next login; after the others it is Left and gone from RoomService.
enum class RoomExit { Left, Kicked, Banned, Destroyed, MembershipLost, Shutdown, Disconnected };

class RoomOccupantModel;

class Room : public QObject {
    Q_OBJECT
public:
    enum class State { Joining, Joined, Left };
    Q_ENUM(State)
    // What the own occupant may do to another one (or, for Subject/Configure/Destroy/Invite, in
    // general), as its role and affiliation allow (XEP-0045 §5).
    enum class Action {
        Kick,
        Ban,
        GrantVoice,
        RevokeVoice,
        GrantModerator,
        RevokeModerator,
        GrantMembership,
        RevokeMembership,
        GrantAdmin,
        GrantOwner,
        Subject,
        Configure,
        Destroy,
        Invite
    };
    Q_ENUM(Action)

    ~Room() override;

    QString jid() const;
    QString name() const; // the configured name, else the JID's local part
    QString nick() const;
    QString subject() const;
    State state() const;
    RoomRole ownRole() const;
    RoomAffiliation ownAffiliation() const;
    RoomOccupantModel &occupants() const;
    MessageListModel &messages() const;
    int unreadCount() const;
    void markRead();
    bool can(Action action, const RoomOccupant &target = {}) const;

    // A groupchat message; its id, empty (and nothing sent) for a blank body.
    QString sendMessage(const QString &body);
    void setSubject(const QString &subject);
    void changeNick(const QString &nick);
    void kick(const QString &nick, const QString &reason = {});
    void setRole(const QString &nick, RoomRole role, const QString &reason = {});
    // By real bare JID: ban is RoomAffiliation::Outcast.
    void setAffiliation(const QString &jid, RoomAffiliation affiliation,
                        const QString &reason = {});
    // Mediated invitation through the room (XEP-0045 §7.8.2).
    void invite(const QString &jid, const QString &reason = {});
    // Answers with configurationReceived() or failed().
    void requestConfiguration();
    void configure(const RoomConfig &config);
    void destroy(const QString &reason = {});
    void leave();

Q_SIGNALS:
    void stateChanged(flint::Room::State state);
    void joined();
    void exited(flint::RoomExit exit, const QString &actorOrReason);
    void subjectChanged(const QString &subject);
    void nameChanged(const QString &name);
    void nickChanged(const QString &nick);
    void ownRoleChanged();
    void occupantJoined(const QString &nick);
    void occupantLeft(const QString &nick);
    void messageAdded(const flint::HistoryMessage &message);
    void unreadCountChanged(int count);
    void configurationReceived(const flint::RoomConfig &config);
    void configured();
    void failed(const flint::RoomError &error);

private:
    friend class RoomService;
    struct Private;
    Room(AccountSession &session, HistoryStore &history, const QString &jid, QObject *parent);
    std::unique_ptr<Private> d;
};

// Occupants of one room: moderators first, then participants, then visitors, by nick.
class RoomOccupantModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role {
        NickRole = Qt::UserRole + 1,
        JidRole,
        RoomRoleRole,
        AffiliationRole,
        AvailabilityRole,
        StatusTextRole,
        SelfRole,
        OccupantRole
    };
    Q_ENUM(Role)
    using QAbstractListModel::QAbstractListModel;
    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    std::optional<RoomOccupant> occupant(const QString &nick) const;
    QList<RoomOccupant> all() const { return m_occupants; }

private:
    friend class Room;
    void upsert(const RoomOccupant &occupant);
    void remove(const QString &nick);
    void clear();
    QList<RoomOccupant> m_occupants;
};

class RoomService : public QObject {
    Q_OBJECT
public:
    // `session` and `history` (open) must outlive the service.
    RoomService(AccountSession &session, HistoryStore &history, QObject *parent = nullptr);
    ~RoomService() override;

    // conference.<domain> or whatever the server lists; empty until discovered after login.
    QString serviceJid() const;
    // Lists the service's public rooms with their details: roomsListed() or listFailed().
    void listRooms();
    // Joins (or, if it does not exist and we may, creates as an instant room) `roomJid` as `nick`.
    Room *join(const QString &roomJid, const QString &nick, const QString &password = {});
    // Creates a new room with `config` (XEP-0045 §10.1.3); failed(NotAllowed/CreationRefused…)
    // or the room's configured() signal.
    Room *create(const QString &roomJid, const QString &nick, const RoomConfig &config);
    Room *room(const QString &roomJid) const;
    QList<Room *> rooms() const;
    // Whether `jid`'s bare JID is a room: one joined now or before (in local history), or any
    // address at the room service. A full JID there is an occupant, not a person's resource.
    bool isRoom(const QString &jid) const;
    // The nick to suggest: the last one used in any room, else the account's local part.
    QString defaultNick() const;

    QList<RoomBookmark> bookmarks() const;
    // Adds or replaces (by room JID) and stores on the server, while offline with the next login
    // (on top of what other clients stored meanwhile).
    void setBookmark(const RoomBookmark &bookmark);
    void removeBookmark(const QString &roomJid);

    // Direct invitation (XEP-0249) sent by this account.
    void inviteDirect(const QString &roomJid, const QString &jid, const QString &reason = {});
    void declineInvitation(const RoomInvitation &invitation, const QString &reason = {});

Q_SIGNALS:
    void serviceDiscovered(const QString &serviceJid);
    void roomsListed(const QList<flint::RoomListing> &rooms);
    void listFailed(const flint::RoomError &error);
    void roomAdded(flint::Room *room);
    void roomRemoved(const QString &roomJid);
    void bookmarksChanged();
    void invitationReceived(const flint::RoomInvitation &invitation);
    // A groupchat message from someone else was stored (for notifications and tray counts).
    void messageReceived(flint::Room *room, const flint::HistoryMessage &message);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace flint

Q_DECLARE_METATYPE(flint::RoomOccupant)
Q_DECLARE_METATYPE(flint::RoomListing)
Q_DECLARE_METATYPE(flint::RoomConfig)
Q_DECLARE_METATYPE(flint::RoomInvitation)
Q_DECLARE_METATYPE(flint::RoomError)

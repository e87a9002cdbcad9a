// One group chat room (XEP-0045) the account is in or joining, handed out by RoomService: its
// occupants, own role and affiliation, subject, messages (kept in HistoryStore), moderation and
// configuration requests, and why the account left it. Also the room types the app shows.
#pragma once

#include "client/PresenceManager.h"

#include <QMetaType>
#include <QObject>
#include <QString>

#include <memory>
#include <optional>

namespace flint {

class AccountSession;
class HistoryStore;
class MessageListModel;
class RoomOccupantModel;
struct FileAttachment;
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
    QString password() const; // the one the room was joined with; empty: none
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
    friend class TransferService;
    struct Private;
    Room(AccountSession &session, HistoryStore &history, const QString &jid, QObject *parent);
    // Sends `body`, or the link to `attachment` when there is one (then the body is its URL).
    QString send(const QString &body, const std::optional<FileAttachment> &attachment);
    std::unique_ptr<Private> d;
};

} // namespace flint

Q_DECLARE_METATYPE(flint::RoomOccupant)
Q_DECLARE_METATYPE(flint::RoomConfig)
Q_DECLARE_METATYPE(flint::RoomError)

// Group chat rooms (XEP-0045) for one account: finds the server's room service, lists its rooms,
// joins and creates them, keeps bookmarks (XEP-0048 in private storage, changes made offline
// stored with the next login) with auto-join, rejoins every joined room after a reconnection that
// could not resume, mirrors the account's presence into the joined rooms, and hands out one Room
// per room, whose messages are kept in HistoryStore (ConversationKind::GroupChat). Receives
// mediated and direct (XEP-0249) invitations. Owns a QXmpp extension that takes the rooms' stanzas
// and the invitations before the rest of the client sees them.
#pragma once

#include "client/Room.h"
#include "client/RoomOccupantModel.h"

#include <QHash>
#include <QObject>
#include <QString>

#include <memory>
#include <optional>

namespace flint {

class AccountSession;
class HistoryStore;
struct HistoryMessage;

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

Q_DECLARE_METATYPE(flint::RoomListing)
Q_DECLARE_METATYPE(flint::RoomInvitation)

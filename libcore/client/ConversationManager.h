// The account's one-to-one conversations (issue 3): hands incoming messages, delivery receipts
// (XEP-0184), error replies and message carbons (XEP-0280, enabled when the server offers them)
// to one Conversation per peer, each stored in HistoryStore. A room occupant's private messages
// (XEP-0045 §7.5) are a conversation with the occupant's full JID. Owns the client's
// QXmppMessageReceiptManager and QXmppCarbonManager.
#pragma once

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QString>

class QXmppCarbonManager;
class QXmppDiscoveryManager;
class QXmppMessage;
class QXmppMessageReceiptManager;

namespace flint {

class AccountSession;
class Conversation;
class HistoryStore;
class RoomService;
struct HistoryMessage;

class ConversationManager : public QObject {
    Q_OBJECT
    Q_PROPERTY(bool carbonsEnabled READ carbonsEnabled NOTIFY carbonsEnabledChanged)
public:
    // `session` and `history` (open) must outlive the manager.
    ConversationManager(AccountSession &session, HistoryStore &history, QObject *parent = nullptr);
    ~ConversationManager() override;

    HistoryStore &history() const { return m_history; }
    // The conversation with `jid`'s bare JID (with `jid` itself for a room occupant), created on
    // first use; null if `jid` is invalid.
    Conversation *conversation(const QString &jid);
    // Tells occupants of `rooms`' rooms apart from other people; without it every peer is a bare
    // JID.
    void setRoomService(const RoomService *rooms);
    bool carbonsEnabled() const { return m_carbonsEnabled; }

Q_SIGNALS:
    void conversationCreated(flint::Conversation *conversation);
    // A peer's stored conversation changed (a message, its delivery state, the unread count).
    void conversationUpdated(const QString &peer);
    // A chat message from the peer was stored (not a copy of one sent by the account).
    void messageReceived(flint::Conversation *conversation, const flint::HistoryMessage &message);
    void carbonsEnabledChanged(bool enabled);

private:
    QString peerOf(const QString &jid) const;
    void handleMessage(const QXmppMessage &message);
    void handleCarbon(const QXmppMessage &message, bool sentByAccount);
    void handleLoggedIn();
    void setCarbonsEnabled(bool enabled);

    AccountSession &m_session;
    HistoryStore &m_history;
    QXmppMessageReceiptManager *m_receipts;
    QXmppCarbonManager *m_carbons;
    QXmppDiscoveryManager *m_discovery;
    QPointer<const RoomService> m_rooms;
    QHash<QString, Conversation *> m_conversations; // by peer
    bool m_carbonsEnabled = false;
    quint64 m_loginCount = 0; // answers for an older session are dropped
};

} // namespace flint

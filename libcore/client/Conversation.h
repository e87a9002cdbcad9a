// One-to-one chat with one peer (issue 3): sends and receives chat messages, keeps them in
// HistoryStore, chat states both ways (XEP-0085), delivery receipts (XEP-0184), unread count.
// Created and fed by ConversationManager.
#pragma once

#include "client/HistoryStore.h"

#include <QMetaType>
#include <QObject>
#include <QString>
#include <QTimer>

#include <chrono>
#include <optional>

class QXmppMessage;

namespace flint {

class AccountSession;
class MessageListModel;

// XEP-0085 chat states; None: nothing known (no notification yet, or a new session).
enum class ChatState { None, Active, Inactive, Composing, Paused, Gone };

struct SendError {
    Q_GADGET
public:
    enum Kind {
        NotConnected,         // no session, or it ended before the server took the message
        RecipientUnknown,     // no such account (service-unavailable, item-not-found)
        RecipientUnavailable, // the account exists but takes no messages now
        InvalidRecipient,     // jid-malformed
        ServerUnreachable,    // the recipient's server cannot be reached
        NotAllowed,           // forbidden, not-allowed, policy-violation, …
        TryLater,             // a temporary condition, e.g. the offline storage is full
        Other,
    };
    Q_ENUM(Kind)
    Kind kind = Other;
    QString detail; // the server's own words, for logs
};

// The one place send errors become user-facing text.
QString describe(const SendError &error);

class Conversation : public QObject {
    Q_OBJECT
    Q_PROPERTY(QString peer READ peer CONSTANT)
    Q_PROPERTY(flint::ChatState peerChatState READ peerChatState NOTIFY peerChatStateChanged)
    Q_PROPERTY(int unreadCount READ unreadCount NOTIFY unreadCountChanged)
public:
    static constexpr std::chrono::milliseconds DefaultPausedAfter = std::chrono::seconds(10);

    ~Conversation() override;

    QString peer() const { return m_peer; } // normalised bare JID, a room occupant's full JID
    MessageListModel &messages() const { return *m_messages; }
    ChatState peerChatState() const { return m_peerState; }
    ChatState ownChatState() const { return m_ownState; }
    int unreadCount() const;

    // Sends a chat message asking for a receipt, stores it (Sending, then Sent or Failed) and
    // returns its id (origin-id and stanza id); empty, and nothing sent, for a blank body.
    QString sendMessage(const QString &body);
    // Call on every edit of the input: true while it holds text (composing, then paused once
    // the user stops typing for pausedAfter()), false when it was cleared (active again).
    void setTyping(bool typing);
    std::chrono::milliseconds pausedAfter() const;
    void setPausedAfter(std::chrono::milliseconds interval);
    void markRead();

Q_SIGNALS:
    void messageAdded(const flint::HistoryMessage &message);
    void deliveryStateChanged(const QString &stanzaId, flint::DeliveryState state);
    void sendFailed(const QString &stanzaId, const flint::SendError &error);
    void peerChatStateChanged(flint::ChatState state);
    void unreadCountChanged(int count);

private:
    friend class ConversationManager;
    friend class TransferService;
    Conversation(AccountSession &session, HistoryStore &history, const QString &peer,
                 QObject *parent);

    // From the peer, directly or as a carbon copy another resource of the account received.
    void handleIncoming(const QXmppMessage &message);
    // A carbon copy of what another resource of the account sent to the peer.
    void handleSentCarbon(const QXmppMessage &message);
    void handleReceipt(const QString &stanzaId);
    void handleError(const QXmppMessage &error);
    // A new session: what either side was doing before is unknown now.
    void resetChatStates();

    // Sends `body`, or the link to `attachment` when there is one (then the body is its URL).
    QString send(const QString &body, const std::optional<FileAttachment> &attachment);
    void store(HistoryMessage message);
    void updateDelivery(const QString &stanzaId, DeliveryState state);
    void fail(const QString &stanzaId, const SendError &error);
    void sendChatState(ChatState state);
    void setPeerChatState(ChatState state);

    AccountSession &m_session;
    HistoryStore &m_history;
    QString m_peer;
    MessageListModel *m_messages;
    ChatState m_ownState = ChatState::None;
    ChatState m_peerState = ChatState::None;
    QTimer m_pauseTimer;
};

} // namespace flint

Q_DECLARE_METATYPE(flint::SendError)

#include "Conversation.h"

#include "client/AccountSession.h"
#include "client/FileLinks.h"
#include "client/MessageListModel.h"
#include "common/Logging.h"

#include <QCoreApplication>
#include <QXmppClient.h>
#include <QXmppMessage.h>
#include <QXmppTask.h>
#include <QXmppUtils.h>

using namespace Qt::StringLiterals;

namespace flint {
namespace {

QXmppMessage::State toQXmpp(ChatState state)
{
    switch (state) {
    case ChatState::None:
        return QXmppMessage::None;
    case ChatState::Active:
        return QXmppMessage::Active;
    case ChatState::Inactive:
        return QXmppMessage::Inactive;
    case ChatState::Composing:
        return QXmppMessage::Composing;
    case ChatState::Paused:
        return QXmppMessage::Paused;
    case ChatState::Gone:
        return QXmppMessage::Gone;
    }
    return QXmppMessage::None;
}

ChatState fromQXmpp(QXmppMessage::State state)
{
    switch (state) {
    case QXmppMessage::None:
        return ChatState::None;
    case QXmppMessage::Active:
        return ChatState::Active;
    case QXmppMessage::Inactive:
        return ChatState::Inactive;
    case QXmppMessage::Composing:
        return ChatState::Composing;
    case QXmppMessage::Paused:
        return ChatState::Paused;
    case QXmppMessage::Gone:
        return ChatState::Gone;
    }
    return ChatState::None;
}

SendError sendErrorFrom(const QXmppStanza::Error &error)
{
    SendError result{.kind = SendError::Other, .detail = error.text()};
    switch (error.condition()) {
    case QXmppStanza::Error::ServiceUnavailable:
    case QXmppStanza::Error::ItemNotFound:
        result.kind = SendError::RecipientUnknown;
        break;
    case QXmppStanza::Error::RecipientUnavailable:
        result.kind = SendError::RecipientUnavailable;
        break;
    case QXmppStanza::Error::JidMalformed:
        result.kind = SendError::InvalidRecipient;
        break;
    case QXmppStanza::Error::RemoteServerNotFound:
    case QXmppStanza::Error::RemoteServerTimeout:
        result.kind = SendError::ServerUnreachable;
        break;
    case QXmppStanza::Error::Forbidden:
    case QXmppStanza::Error::NotAllowed:
    case QXmppStanza::Error::NotAuthorized:
    case QXmppStanza::Error::NotAcceptable:
    case QXmppStanza::Error::PolicyViolation:
    case QXmppStanza::Error::SubscriptionRequired:
    case QXmppStanza::Error::RegistrationRequired:
        result.kind = SendError::NotAllowed;
        break;
    default:
        if (error.type() == QXmppStanza::Error::Wait)
            result.kind = SendError::TryLater;
        break;
    }
    return result;
}

// A sender's id for the message: origin-id (XEP-0359) survives what servers do to stanza ids.
QString stanzaIdOf(const QXmppMessage &message)
{
    return message.originId().isEmpty() ? message.id() : message.originId();
}

} // namespace

QString describe(const SendError &error)
{
    switch (error.kind) {
    case SendError::NotConnected:
        return QCoreApplication::translate("Conversation",
                                           "The message was not sent: you are not connected.");
    case SendError::RecipientUnknown:
        return QCoreApplication::translate("Conversation",
                                           "The message was not delivered: no such user.");
    case SendError::RecipientUnavailable:
        return QCoreApplication::translate(
            "Conversation", "The message was not delivered: the recipient cannot take messages.");
    case SendError::InvalidRecipient:
        return QCoreApplication::translate("Conversation",
                                           "The message was not sent: the address is not valid.");
    case SendError::ServerUnreachable:
        return QCoreApplication::translate(
            "Conversation",
            "The message was not delivered: the recipient's server is unreachable.");
    case SendError::NotAllowed:
        return QCoreApplication::translate(
            "Conversation", "The message was not delivered: the server does not allow it.");
    case SendError::TryLater:
        return QCoreApplication::translate(
            "Conversation", "The message was not delivered this time; try again later.");
    case SendError::Other:
        break;
    }
    return QCoreApplication::translate("Conversation", "The message was not delivered.");
}

Conversation::Conversation(AccountSession &session, HistoryStore &history, const QString &peer,
                           QObject *parent)
    : QObject(parent), m_session(session), m_history(history), m_peer(peer),
      m_messages(new MessageListModel(history, peer, 50, this))
{
    m_pauseTimer.setSingleShot(true);
    m_pauseTimer.setInterval(DefaultPausedAfter);
    connect(&m_pauseTimer, &QTimer::timeout, this, [this] {
        if (m_ownState == ChatState::Composing)
            sendChatState(ChatState::Paused);
    });
}

Conversation::~Conversation() = default;

int Conversation::unreadCount() const
{
    return m_history.unreadCount(m_peer);
}

QString Conversation::sendMessage(const QString &body)
{
    if (body.trimmed().isEmpty())
        return {};
    return send(body, std::nullopt);
}

QString Conversation::send(const QString &body, const std::optional<FileAttachment> &attachment)
{
    QXmppClient &client = m_session.client();
    const QString id = QXmppUtils::generateStanzaUuid();
    m_pauseTimer.stop();
    store({.peer = m_peer,
           .stanzaId = id,
           .direction = MessageDirection::Outgoing,
           .sender = client.configuration().jid(),
           .body = body,
           .timestamp = QDateTime::currentDateTimeUtc(),
           .delivery = DeliveryState::Sending,
           .attachment = attachment});
    if (!client.isAuthenticated()) {
        fail(id, {.kind = SendError::NotConnected, .detail = {}});
        return id;
    }
    QXmppMessage message(QString(), m_peer, body);
    message.setType(QXmppMessage::Chat);
    message.setId(id);
    message.setOriginId(id);
    message.setReceiptRequested(true);
    message.setState(QXmppMessage::Active);
    if (attachment)
        addFileLink(message, *attachment);
    m_ownState = ChatState::Active;
    client.send(std::move(message)).then(this, [this, id](QXmpp::SendResult &&result) {
        // With stream management this acknowledgement can come after the recipient's receipt or
        // error reply; HistoryStore only lets delivery states move forward, so it changes nothing.
        if (const auto *error = std::get_if<QXmppError>(&result))
            fail(id, {.kind = SendError::NotConnected, .detail = error->description});
        else
            updateDelivery(id, DeliveryState::Sent);
    });
    return id;
}

void Conversation::setTyping(bool typing)
{
    if (!typing) {
        m_pauseTimer.stop();
        if (m_ownState == ChatState::Composing || m_ownState == ChatState::Paused)
            sendChatState(ChatState::Active);
        return;
    }
    if (m_ownState != ChatState::Composing)
        sendChatState(ChatState::Composing);
    m_pauseTimer.start();
}

std::chrono::milliseconds Conversation::pausedAfter() const
{
    return m_pauseTimer.intervalAsDuration();
}

void Conversation::setPausedAfter(std::chrono::milliseconds interval)
{
    m_pauseTimer.setInterval(interval);
}

void Conversation::markRead()
{
    if (unreadCount() == 0)
        return;
    m_history.markRead(m_peer);
    Q_EMIT unreadCountChanged(0);
}

void Conversation::handleIncoming(const QXmppMessage &message)
{
    if (message.state() != QXmppMessage::None)
        setPeerChatState(fromQXmpp(message.state()));
    if (message.body().isEmpty())
        return;
    // Offline storage (XEP-0160) stamps the original send time (XEP-0203).
    const bool delayed = message.stamp().isValid();
    const int unreadBefore = unreadCount();
    store({.peer = m_peer,
           .stanzaId = stanzaIdOf(message),
           .direction = MessageDirection::Incoming,
           .sender = message.from(),
           .body = message.body(),
           .timestamp = delayed ? message.stamp().toUTC() : QDateTime::currentDateTimeUtc(),
           .delivery = DeliveryState::Delivered,
           .flags = delayed ? HistoryMessage::OfflineDelayed : HistoryMessage::NoFlags,
           .attachment = parseFileLink(message)});
    if (const int unread = unreadCount(); unread != unreadBefore)
        Q_EMIT unreadCountChanged(unread);
}

void Conversation::handleSentCarbon(const QXmppMessage &message)
{
    if (message.body().isEmpty())
        return;
    store({.peer = m_peer,
           .stanzaId = stanzaIdOf(message),
           .direction = MessageDirection::Outgoing,
           .sender = message.from(),
           .body = message.body(),
           .timestamp = message.stamp().isValid() ? message.stamp().toUTC()
                                                  : QDateTime::currentDateTimeUtc(),
           .delivery = DeliveryState::Sent,
           .attachment = parseFileLink(message)});
}

void Conversation::handleReceipt(const QString &stanzaId)
{
    updateDelivery(stanzaId, DeliveryState::Delivered);
}

void Conversation::handleError(const QXmppMessage &error)
{
    fail(error.id(), sendErrorFrom(error.error()));
}

void Conversation::resetChatStates()
{
    m_pauseTimer.stop();
    m_ownState = ChatState::None;
    setPeerChatState(ChatState::None);
}

void Conversation::store(HistoryMessage message)
{
    bool inserted = false;
    const std::optional<qint64> id = m_history.addMessage(message, &inserted);
    if (!id) {
        qCWarning(lcClientConversation) << "could not store a message with" << m_peer;
        return;
    }
    // The same stanza id again (a resent or re-delivered message): nothing new to report.
    if (!inserted)
        return;
    message.id = *id;
    m_messages->add(message);
    Q_EMIT messageAdded(message);
}

void Conversation::updateDelivery(const QString &stanzaId, DeliveryState state)
{
    if (stanzaId.isEmpty() || !m_history.setDeliveryState(m_peer, stanzaId, state))
        return;
    Q_EMIT deliveryStateChanged(stanzaId, state);
}

void Conversation::fail(const QString &stanzaId, const SendError &error)
{
    if (stanzaId.isEmpty() || !m_history.setDeliveryState(m_peer, stanzaId, DeliveryState::Failed))
        return;
    qCInfo(lcClientConversation) << "sending to" << m_peer << "failed:" << error.kind
                                 << error.detail;
    Q_EMIT deliveryStateChanged(stanzaId, DeliveryState::Failed);
    Q_EMIT sendFailed(stanzaId, error);
}

void Conversation::sendChatState(ChatState state)
{
    m_ownState = state;
    QXmppClient &client = m_session.client();
    if (!client.isAuthenticated())
        return;
    QXmppMessage notification(QString(), m_peer);
    notification.setType(QXmppMessage::Chat);
    notification.setState(toQXmpp(state));
    // Meaningless later: offline storage and archives should drop it (XEP-0334).
    notification.addHint(QXmppMessage::NoStore);
    client.send(std::move(notification));
}

void Conversation::setPeerChatState(ChatState state)
{
    if (m_peerState == state)
        return;
    m_peerState = state;
    Q_EMIT peerChatStateChanged(state);
}

} // namespace flint

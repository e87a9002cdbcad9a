#include "ConversationManager.h"

#include "client/AccountSession.h"
#include "client/Conversation.h"
#include "client/HistoryStore.h"
#include "client/RoomService.h"
#include "common/Jid.h"
#include "common/Logging.h"

#include <QDomElement>
#include <QXmppCarbonManager.h>
#include <QXmppClient.h>
#include <QXmppDiscoveryIq.h>
#include <QXmppDiscoveryManager.h>
#include <QXmppElement.h>
#include <QXmppIq.h>
#include <QXmppMessage.h>
#include <QXmppMessageReceiptManager.h>
#include <QXmppTask.h>

using namespace Qt::StringLiterals;

namespace flint {
namespace {

const QString CarbonsNs = u"urn:xmpp:carbons:2"_s;

} // namespace

ConversationManager::ConversationManager(AccountSession &session, HistoryStore &history,
                                         QObject *parent)
    : QObject(parent), m_session(session), m_history(history)
{
    QXmppClient &client = session.client();
    m_receipts = client.addNewExtension<QXmppMessageReceiptManager>();
    // The first manager of QXmpp's carbons: it only parses carbons and leaves enabling to us,
    // which happens only when the server announces them (the second one always asks).
    m_carbons = client.addNewExtension<QXmppCarbonManager>();
    m_discovery = client.findExtension<QXmppDiscoveryManager>();
    if (!m_discovery)
        m_discovery = client.addNewExtension<QXmppDiscoveryManager>();

    connect(&client, &QXmppClient::messageReceived, this, &ConversationManager::handleMessage);
    connect(m_receipts, &QXmppMessageReceiptManager::messageDelivered, this,
            [this](const QString &jid, const QString &id) {
                if (Conversation *conversation = this->conversation(jid))
                    conversation->handleReceipt(id);
            });
    connect(m_carbons, &QXmppCarbonManager::messageSent, this,
            [this](const QXmppMessage &message) { handleCarbon(message, true); });
    connect(m_carbons, &QXmppCarbonManager::messageReceived, this,
            [this](const QXmppMessage &message) { handleCarbon(message, false); });
    connect(&session, &AccountSession::loggedIn, this, &ConversationManager::handleLoggedIn);
    connect(&session, &AccountSession::stateChanged, this, [this](AccountSession::State state) {
        if (state == AccountSession::Disconnected)
            setCarbonsEnabled(false);
    });
}

ConversationManager::~ConversationManager()
{
    QXmppClient &client = m_session.client();
    client.removeExtension(m_carbons);
    client.removeExtension(m_receipts);
}

void ConversationManager::setRoomService(const RoomService *rooms)
{
    m_rooms = rooms;
}

QString ConversationManager::peerOf(const QString &jid) const
{
    const auto parsed = Jid::parse(jid);
    if (!parsed)
        return {};
    // Behind a room's bare JID is the room itself; its occupants are only known by full JID.
    if (!parsed->isBare() && m_rooms && m_rooms->isRoom(parsed->bareString()))
        return parsed->toString();
    return parsed->bareString();
}

Conversation *ConversationManager::conversation(const QString &jid)
{
    const QString peer = peerOf(jid);
    if (peer.isEmpty())
        return nullptr;
    if (Conversation *existing = m_conversations.value(peer))
        return existing;
    auto *created = new Conversation(m_session, m_history, peer, this);
    m_conversations.insert(peer, created);
    const auto update = [this, peer] { Q_EMIT conversationUpdated(peer); };
    connect(created, &Conversation::messageAdded, this,
            [this, created, update](const HistoryMessage &message) {
                update();
                if (message.direction == MessageDirection::Incoming)
                    Q_EMIT messageReceived(created, message);
            });
    connect(created, &Conversation::deliveryStateChanged, this, update);
    connect(created, &Conversation::unreadCountChanged, this, update);
    Q_EMIT conversationCreated(created);
    return created;
}

void ConversationManager::handleMessage(const QXmppMessage &message)
{
    switch (message.type()) {
    case QXmppMessage::Error:
        if (Conversation *conversation = this->conversation(message.from()))
            conversation->handleError(message);
        return;
    case QXmppMessage::Chat:
    case QXmppMessage::Normal:
        break;
    case QXmppMessage::GroupChat:
    case QXmppMessage::Headline:
        return;
    }
    if (message.body().isEmpty() && message.state() == QXmppMessage::None)
        return;
    if (Conversation *conversation = this->conversation(message.from()))
        conversation->handleIncoming(message);
}

void ConversationManager::handleCarbon(const QXmppMessage &message, bool sentByAccount)
{
    if (message.type() != QXmppMessage::Chat && message.type() != QXmppMessage::Normal)
        return;
    if (sentByAccount) {
        if (Conversation *conversation = this->conversation(message.to()))
            conversation->handleSentCarbon(message);
        return;
    }
    Conversation *conversation = this->conversation(message.from());
    if (!conversation)
        return;
    // The peer's receipt for a message sent from this account, reaching another resource.
    if (!message.receiptId().isEmpty())
        conversation->handleReceipt(message.receiptId());
    else
        conversation->handleIncoming(message);
}

void ConversationManager::handleLoggedIn()
{
    const quint64 login = ++m_loginCount;
    setCarbonsEnabled(false);
    for (Conversation *conversation : std::as_const(m_conversations))
        conversation->resetChatStates();

    QXmppClient &client = m_session.client();
    const QString domain = client.configuration().domain();
    m_discovery->requestDiscoInfo(domain).then(
        this, [this, login](QXmppDiscoveryManager::InfoResult &&result) {
            if (login != m_loginCount)
                return;
            const auto *info = std::get_if<QXmppDiscoveryIq>(&result);
            if (!info || !info->features().contains(CarbonsNs)) {
                qCInfo(lcClientConversation) << "the server offers no message carbons";
                return;
            }
            QXmppElement enable;
            enable.setTagName(u"enable"_s);
            enable.setAttribute(u"xmlns"_s, CarbonsNs);
            QXmppIq iq(QXmppIq::Set);
            iq.setExtensions({enable});
            m_session.client()
                .sendIq(std::move(iq))
                .then(this, [this, login](QXmppClient::IqResult &&answer) {
                    if (login != m_loginCount)
                        return;
                    const auto *element = std::get_if<QDomElement>(&answer);
                    if (!element || element->attribute(u"type"_s) != u"result"_s) {
                        qCWarning(lcClientConversation) << "the server refused message carbons";
                        return;
                    }
                    setCarbonsEnabled(true);
                });
        });
}

void ConversationManager::setCarbonsEnabled(bool enabled)
{
    if (m_carbonsEnabled == enabled)
        return;
    m_carbonsEnabled = enabled;
    Q_EMIT carbonsEnabledChanged(enabled);
}

} // namespace flint

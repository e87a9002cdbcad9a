#include "OfflineModule.h"

#include "common/Logging.h"
#include "server/AccountStore.h"
#include "server/C2SSession.h"
#include "server/XmlStream.h"

#include <QDateTime>

using namespace Qt::StringLiterals;

namespace flint {
namespace {

const QString ClientNs = u"jabber:client"_s;
const QString DelayNs = u"urn:xmpp:delay"_s;
const QString HintsNs = u"urn:xmpp:hints"_s;
const QString ChatStatesNs = u"http://jabber.org/protocol/chatstates"_s;
const QString ReceiptsNs = u"urn:xmpp:receipts"_s;

// Whether a message says something the user should see later (XEP-0160, XEP-0334 hints).
// Kept: a body or subject, a delivery receipt, invitations, links and any other payload.
// Dropped: chat states (XEP-0085 §5.6), receipt requests and a thread alone, which mean nothing
// once the conversation is over, and messages whose sender asked for no storage.
bool isWorthStoring(const Stanza &message)
{
    if (!message.child(u"no-store"_s, HintsNs).isNull())
        return false;
    if (!message.child(u"store"_s, HintsNs).isNull())
        return true;
    for (QDomElement child = message.element().firstChildElement(); !child.isNull();
         child = child.nextSiblingElement()) {
        const QString ns = child.namespaceURI();
        const bool transient = (ns == ClientNs && child.localName() == u"thread"_s) ||
                               ns == ChatStatesNs || ns == HintsNs ||
                               (ns == ReceiptsNs && child.localName() == u"request"_s);
        if (!transient)
            return true;
    }
    return false;
}

} // namespace

OfflineModule::OfflineModule(ServerContext &context)
    : ServerModule(context), m_store(context.database)
{
    context.features << u"msgoffline"_s;
    connect(&context.router, &Router::sessionAvailable, this, &OfflineModule::deliver);
    connect(&context.accounts, &AccountStore::accountRemoved, this,
            [this](const QString &username) { m_store.removeUser(username); });
}

void OfflineModule::store(const Stanza &message)
{
    if (!isWorthStoring(message)) {
        qCDebug(lcRouter) << "not storing a transient message for" << message.to().toString();
        return;
    }
    Stanza stored = message.clone();
    QDomElement delay = stored.element().ownerDocument().createElementNS(DelayNs, u"delay"_s);
    delay.setAttribute(u"from"_s, m_context.config.domain);
    delay.setAttribute(u"stamp"_s, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
    stored.element().appendChild(delay);

    switch (m_store.add(message.to().local(), stored.toXml(), m_context.config.offlineQuota)) {
    case OfflineStore::Result::Stored:
        qCDebug(lcRouter) << "stored an offline message for" << message.to().bareString();
        return;
    case OfflineStore::Result::QuotaExceeded:
        qCInfo(lcRouter) << "offline storage full for" << message.to().bareString();
        m_context.router.bounce(message, u"wait"_s, u"resource-constraint"_s,
                                u"The recipient is offline and their offline message storage "
                                "is full; try again later."_s);
        return;
    case OfflineStore::Result::StorageError:
        m_context.router.bounce(message, u"wait"_s, u"internal-server-error"_s,
                                u"The recipient is offline and the message could not be stored."_s);
        return;
    }
}

void OfflineModule::deliver(C2SSession *session)
{
    // XEP-0160: the first available resource with a non-negative priority receives them.
    if (session->priority() < 0)
        return;
    const QString username = session->username();
    const QList<OfflineStore::Message> messages = m_store.messages(username);
    if (messages.isEmpty())
        return;
    for (const OfflineStore::Message &message : messages) {
        const QDomElement element = parseElement(message.stanza);
        if (element.isNull()) {
            qCWarning(lcStorage) << "dropping an unreadable offline message" << message.id << "for"
                                 << username;
            continue;
        }
        m_context.router.sendTo(session, Stanza(element));
    }
    // Deleted only once handed to the socket: a crash in between can repeat a message at the
    // next login, never lose one (without stream management, delivery cannot be confirmed
    // anyway, and deleting first would lose the messages on a crash before the write).
    m_store.removeUpTo(username, messages.last().id);
    qCInfo(lcRouter) << "delivered" << messages.size() << "offline messages to"
                     << session->jid().toString();
}

} // namespace flint

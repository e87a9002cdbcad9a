#include "PrivateStorageModule.h"

#include "common/Logging.h"
#include "server/AccountStore.h"
#include "server/C2SSession.h"
#include "server/XmlStream.h"

using namespace Qt::StringLiterals;

namespace flint {
namespace {

const QString PrivateNs = u"jabber:iq:private"_s;

// XEP-0049 §2.3: the protocol's own namespaces are not for private data.
bool isReserved(const QString &ns)
{
    return ns.isEmpty() || ns.startsWith(u"jabber:"_s) || ns.startsWith(u"http://jabber.org/"_s) ||
           ns == u"vcard-temp"_s;
}

QList<QDomElement> childrenOf(const QDomElement &query)
{
    QList<QDomElement> children;
    for (QDomElement child = query.firstChildElement(); !child.isNull();
         child = child.nextSiblingElement())
        children << child;
    return children;
}

} // namespace

PrivateStorageModule::PrivateStorageModule(ServerContext &context)
    : ServerModule(context), m_store(context.database)
{
    Router &router = context.router;
    router.addHandler(u"iq-get/self/"_s + PrivateNs, [this](const StanzaEvent &event) {
        handleGet(event);
        return true;
    });
    router.addHandler(u"iq-set/self/"_s + PrivateNs, [this](const StanzaEvent &event) {
        handleSet(event);
        return true;
    });
    // Another user's private data is nobody else's business, not even to read.
    for (const QString &type : {u"iq-get"_s, u"iq-set"_s}) {
        router.addHandler(type + u"/bare/"_s + PrivateNs, [this](const StanzaEvent &event) {
            m_context.router.bounce(event.stanza, u"cancel"_s, u"forbidden"_s,
                                    u"Private storage belongs to its user alone."_s);
            return true;
        });
    }
    context.features << PrivateNs;
    connect(&context.accounts, &AccountStore::accountRemoved, this,
            [this](const QString &username) { m_store.removeUser(username); });
}

void PrivateStorageModule::handleGet(const StanzaEvent &event)
{
    const QList<QDomElement> requested = childrenOf(event.stanza.payload());
    if (requested.size() != 1) {
        m_context.router.bounce(event.stanza, u"modify"_s, u"not-acceptable"_s,
                                u"Ask for exactly one element."_s);
        return;
    }
    const QDomElement wanted = requested.first();
    if (isReserved(wanted.namespaceURI())) {
        m_context.router.bounce(event.stanza, u"modify"_s, u"not-acceptable"_s,
                                u"This namespace is reserved."_s);
        return;
    }
    const auto xml =
        m_store.load(event.origin->username(), wanted.namespaceURI(), wanted.localName());
    if (!xml) {
        m_context.router.bounce(event.stanza, u"wait"_s, u"internal-server-error"_s);
        return;
    }
    Stanza reply = event.stanza.iqResult();
    QDomDocument document = reply.element().ownerDocument();
    QDomElement query = document.createElementNS(PrivateNs, u"query"_s);
    // Nothing stored reads as the empty element asked for.
    const QDomElement stored =
        xml->isEmpty() ? document.createElementNS(wanted.namespaceURI(), wanted.tagName())
                       : parseElement(*xml);
    query.appendChild(document.importNode(stored, true));
    reply.element().appendChild(query);
    m_context.router.sendTo(event.origin, reply);
}

void PrivateStorageModule::handleSet(const StanzaEvent &event)
{
    const QList<QDomElement> children = childrenOf(event.stanza.payload());
    if (children.isEmpty()) {
        m_context.router.bounce(event.stanza, u"modify"_s, u"not-acceptable"_s,
                                u"Nothing to store."_s);
        return;
    }
    QList<PrivateElement> elements;
    qint64 bytes = 0;
    for (const QDomElement &child : children) {
        if (isReserved(child.namespaceURI())) {
            m_context.router.bounce(event.stanza, u"modify"_s, u"not-acceptable"_s,
                                    u"This namespace is reserved."_s);
            return;
        }
        PrivateElement element{child.namespaceURI(), child.localName(),
                               serializeElement(child, PrivateNs)};
        // Several elements of one name: the last one stays, as with separate requests.
        elements.removeIf(
            [&](const PrivateElement &e) { return e.ns == element.ns && e.name == element.name; });
        elements << element;
    }
    for (const PrivateElement &element : std::as_const(elements))
        bytes += element.xml.size();
    const QString username = event.origin->username();
    const auto others = m_store.usage(username, elements);
    if (!others) {
        m_context.router.bounce(event.stanza, u"wait"_s, u"internal-server-error"_s);
        return;
    }
    if (*others + bytes > MaxBytesPerUser) {
        m_context.router.bounce(
            event.stanza, u"modify"_s, u"not-acceptable"_s,
            u"Private storage is limited to %1 KiB per user."_s.arg(MaxBytesPerUser / 1024));
        return;
    }
    if (!m_store.save(username, elements)) {
        qCWarning(lcPrivateStorage) << "could not store private data of" << username;
        m_context.router.bounce(event.stanza, u"wait"_s, u"internal-server-error"_s);
        return;
    }
    m_context.router.sendTo(event.origin, event.stanza.iqResult());
}

} // namespace flint

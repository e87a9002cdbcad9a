#include "CarbonsModule.h"

#include "common/Logging.h"
#include "server/C2SSession.h"
#include "server/modules/MessageModule.h"

using namespace Qt::StringLiterals;

namespace flint {
namespace {

const QString CarbonsNs = u"urn:xmpp:carbons:2"_s;
const QString ForwardNs = u"urn:xmpp:forward:0"_s;
const QString ClientNs = u"jabber:client"_s;
const QString HintsNs = u"urn:xmpp:hints"_s;
const QString ChatStatesNs = u"http://jabber.org/protocol/chatstates"_s;
const QString ReceiptsNs = u"urn:xmpp:receipts"_s;

bool hasChildInNamespace(const Stanza &message, const QString &ns)
{
    for (QDomElement child = message.element().firstChildElement(); !child.isNull();
         child = child.nextSiblingElement()) {
        if (child.namespaceURI() == ns)
            return true;
    }
    return false;
}

// XEP-0280 §6: chat messages, and normal ones that carry a body, a chat state or a receipt,
// unless the sender opted out (<private/>, XEP-0334 <no-copy/>). A carbon itself (a forwarded
// copy a client sends) is never copied again.
bool isEligible(const Stanza &message)
{
    if (!message.child(u"private"_s, CarbonsNs).isNull() ||
        !message.child(u"no-copy"_s, HintsNs).isNull() ||
        !message.child(u"sent"_s, CarbonsNs).isNull() ||
        !message.child(u"received"_s, CarbonsNs).isNull())
        return false;
    const QString type = message.type();
    if (type == u"chat"_s)
        return true;
    if (!type.isEmpty() && type != u"normal"_s)
        return false;
    return !message.child(u"body"_s, ClientNs).isNull() ||
           hasChildInNamespace(message, ChatStatesNs) || hasChildInNamespace(message, ReceiptsNs);
}

} // namespace

CarbonsModule::CarbonsModule(ServerContext &context, MessageModule &messages)
    : ServerModule(context)
{
    context.router.addHandler(u"iq-set/self/"_s + CarbonsNs, [this](const StanzaEvent &event) {
        handleIq(event);
        return true;
    });
    context.features << CarbonsNs;
    connect(&messages, &MessageModule::messageRouted, this, &CarbonsModule::copyRouted);
    connect(&context.router, &Router::sessionUnbound, this,
            [this](C2SSession *session) { m_enabled.remove(session); });
}

void CarbonsModule::handleIq(const StanzaEvent &event)
{
    const QString action = event.stanza.payload().localName();
    if (action == u"enable"_s) {
        m_enabled.insert(event.origin);
    } else if (action == u"disable"_s) {
        m_enabled.remove(event.origin);
    } else {
        m_context.router.bounce(event.stanza, u"modify"_s, u"bad-request"_s,
                                u"Expected <enable/> or <disable/>."_s);
        return;
    }
    qCDebug(lcRouter) << "carbons" << action << "for" << event.origin->jid().toString();
    m_context.router.sendTo(event.origin, event.stanza.iqResult());
}

// The resources that got the message itself (and the one that sent it) never get a copy too.
void CarbonsModule::copyRouted(const Stanza &message, C2SSession *origin,
                               const QList<C2SSession *> &recipients)
{
    if (m_enabled.isEmpty() || !isEligible(message))
        return;
    QSet<C2SSession *> skipped(recipients.begin(), recipients.end());
    if (origin)
        skipped.insert(origin);
    const Jid to = message.to();
    // A message to one's own account is received there, not sent elsewhere: one copy only.
    if (origin && origin->jid().bare() != to.bare())
        sendCopies(origin->jid().bare(), u"sent"_s, message, skipped);
    // A message that reached no resource went to offline storage and arrives at the next login.
    if (!recipients.isEmpty())
        sendCopies(to.bare(), u"received"_s, message, skipped);
}

void CarbonsModule::sendCopies(const Jid &account, const QString &direction, const Stanza &message,
                               const QSet<C2SSession *> &skipped) const
{
    for (C2SSession *session : m_context.router.sessions(account)) {
        if (!m_enabled.contains(session) || skipped.contains(session))
            continue;
        QDomDocument document;
        QDomElement wrapper = document.createElementNS(ClientNs, u"message"_s);
        wrapper.setAttribute(u"from"_s, account.bareString());
        wrapper.setAttribute(u"to"_s, session->jid().toString());
        if (!message.type().isEmpty())
            wrapper.setAttribute(u"type"_s, message.type());
        QDomElement carbon = document.createElementNS(CarbonsNs, direction);
        QDomElement forwarded = document.createElementNS(ForwardNs, u"forwarded"_s);
        forwarded.appendChild(document.importNode(message.element(), true));
        carbon.appendChild(forwarded);
        wrapper.appendChild(carbon);
        document.appendChild(wrapper);
        m_context.router.sendTo(session, Stanza(wrapper));
    }
}

} // namespace flint

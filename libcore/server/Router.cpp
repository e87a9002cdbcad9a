#include "Router.h"

#include "C2SSession.h"
#include "common/Logging.h"

using namespace Qt::StringLiterals;

namespace flint {

Router::Router(const QString &domain, QObject *parent) : QObject(parent), m_domain(domain) {}

void Router::addServiceDomain(const QString &serviceDomain)
{
    m_serviceDomains.insert(serviceDomain);
}

void Router::addHandler(const QString &event, StanzaHandler handler, int priority)
{
    m_handlers[event].emplace(priority, std::move(handler));
}

bool Router::dispatch(const QString &name, const StanzaEvent &event)
{
    const auto it = m_handlers.find(name);
    if (it == m_handlers.end())
        return false;
    for (const auto &[priority, handler] : it->second) {
        if (handler(event))
            return true;
    }
    return false;
}

QString Router::addresseeKind(const Stanza &stanza, const C2SSession *origin) const
{
    const Jid to = stanza.to();
    if (to.isNull())
        return origin ? u"self"_s : u"host"_s;
    if (isService(to))
        return u"service/"_s + to.domain();
    if (to.isDomain() && to.domain() == m_domain)
        return u"host"_s;
    if (to.isBare() && origin && to == origin->jid().bare())
        return u"self"_s;
    return to.isBare() ? u"bare"_s : u"full"_s;
}

void Router::route(const Stanza &stanza, C2SSession *origin)
{
    const Jid to = stanza.to();
    const StanzaEvent event{stanza, origin};
    if (!to.isNull() && !isLocal(to) && !isService(to)) {
        // Federation is a separate component; until it exists remote domains are unreachable.
        if (stanza.kind() != Stanza::Kind::Presence)
            bounce(stanza, u"cancel"_s, u"remote-server-not-found"_s);
        return;
    }
    const QString addressee = addresseeKind(stanza, origin);
    switch (stanza.kind()) {
    case Stanza::Kind::Iq: {
        const QString type = stanza.type();
        if (type == u"result"_s || type == u"error"_s) {
            if (dispatch(u"iq-%1/%2"_s.arg(type, addressee), event))
                return;
            if (addressee == u"full"_s)
                deliverToFull(stanza);
            return;
        }
        if ((type != u"get"_s && type != u"set"_s) || stanza.payload().isNull()) {
            bounce(stanza, u"modify"_s, u"bad-request"_s);
            return;
        }
        const QString ns = stanza.payloadNamespace();
        if (dispatch(u"iq-%1/%2/%3"_s.arg(type, addressee, ns), event))
            return;
        // A service may take the namespaces it has no handler of its own for (a chat room
        // forwards them to its occupants).
        if (isService(to) && dispatch(u"iq-%1/%2"_s.arg(type, addressee), event))
            return;
        // A user's own account and bare JID answer what the server answers for them.
        if (addressee == u"self"_s && dispatch(u"iq-%1/bare/%2"_s.arg(type, ns), event))
            return;
        if (addressee == u"full"_s && deliverToFull(stanza))
            return;
        bounce(stanza, u"cancel"_s, u"service-unavailable"_s);
        return;
    }
    case Stanza::Kind::Message:
        if (!dispatch(u"message/"_s + (addressee == u"self"_s ? u"bare"_s : addressee), event) &&
            ((addressee == u"full"_s && !deliverToFull(stanza)) || isService(to)))
            bounce(stanza, u"cancel"_s, u"service-unavailable"_s);
        return;
    case Stanza::Kind::Presence:
        dispatch(u"presence/"_s + addressee, event);
        return;
    case Stanza::Kind::Other:
        return;
    }
}

bool Router::routeUnauthenticated(const Stanza &stanza, C2SSession *origin)
{
    if (stanza.kind() != Stanza::Kind::Iq)
        return false;
    return dispatch(u"preauth-iq/"_s + stanza.payloadNamespace(), StanzaEvent{stanza, origin});
}

void Router::bind(C2SSession *session)
{
    const Jid jid = session->jid();
    if (C2SSession *previous = m_sessions.value(jid.bareString()).value(jid.resource());
        previous && previous != session) {
        qCInfo(lcRouter) << "resource conflict, replacing" << jid.toString();
        unbind(previous);
        previous->closeWithError(u"conflict"_s, u"Replaced by a new connection"_s);
    }
    // Looked up only now: unbinding the previous session may have erased the account's entry.
    m_sessions[jid.bareString()].insert(jid.resource(), session);
    qCDebug(lcRouter) << "bound" << jid.toString();
    Q_EMIT sessionBound(session);
}

void Router::unbind(C2SSession *session)
{
    const Jid jid = session->jid();
    const auto it = m_sessions.find(jid.bareString());
    if (it == m_sessions.end() || it->value(jid.resource()) != session)
        return;
    it->remove(jid.resource());
    if (it->isEmpty())
        m_sessions.erase(it);
    qCDebug(lcRouter) << "unbound" << jid.toString();
    Q_EMIT sessionUnbound(session);
}

C2SSession *Router::session(const Jid &fullJid) const
{
    return m_sessions.value(fullJid.bareString()).value(fullJid.resource());
}

QList<C2SSession *> Router::sessions(const Jid &bareJid) const
{
    return m_sessions.value(bareJid.bareString()).values();
}

QList<C2SSession *> Router::allSessions() const
{
    QList<C2SSession *> all;
    for (const auto &resources : m_sessions)
        all += resources.values();
    return all;
}

void Router::sendTo(C2SSession *session, const Stanza &stanza) const
{
    session->send(stanza);
}

bool Router::deliverToFull(const Stanza &stanza) const
{
    C2SSession *target = session(stanza.to());
    if (!target)
        return false;
    target->send(stanza);
    return true;
}

void Router::bounce(const Stanza &stanza, const QString &type, const QString &condition,
                    const QString &text)
{
    if (stanza.type() == u"error"_s ||
        (stanza.kind() == Stanza::Kind::Iq && stanza.type() == u"result"_s))
        return;
    Stanza reply = stanza.errorReply(type, condition, text);
    if (reply.to().isNull())
        return;
    // A stanza without `to` was addressed to the sender's own account, and the answer comes from
    // that account: no `from` (RFC 6120 §8.1.2.1), which clients such as QXmpp insist on.
    C2SSession *target = session(reply.to());
    if (target)
        target->send(reply);
}

} // namespace flint

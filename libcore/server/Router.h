// The stanza router: knows the bound sessions and hands each stanza to the module handlers
// registered for its event name; it knows nothing about features itself.
#pragma once

#include "Stanza.h"

#include <QHash>
#include <QObject>
#include <QSet>

#include <functional>
#include <map>

namespace flint {

class C2SSession;

// What a handler is given: the stanza (with a server-stamped `from`) and the session it came
// from (null when the server itself originated it).
struct StanzaEvent {
    Stanza stanza;
    C2SSession *origin = nullptr;
};
// Returns true when it handled the stanza; the next handler is not called then.
using StanzaHandler = std::function<bool(const StanzaEvent &)>;

class Router : public QObject {
    Q_OBJECT
public:
    explicit Router(const QString &domain, QObject *parent = nullptr);

    const QString &domain() const { return m_domain; }
    bool isLocal(const Jid &jid) const { return jid.domain() == m_domain; }
    // Declares one of the server's own service domains (e.g. proxy.<domain>): stanzas to it or
    // to any JID at it are dispatched as "…/service/<service-domain>" events.
    void addServiceDomain(const QString &serviceDomain);
    bool isService(const Jid &jid) const { return m_serviceDomains.contains(jid.domain()); }

    // Event names, Prosody style:
    //   iq-get/host/<ns>  iq-set/self/<ns>  iq-get/bare/<ns>  iq-set/full/<ns>  preauth-iq/<ns>
    //   message/host  message/bare  message/full  presence/self  presence/host  presence/bare
    //   presence/full
    //   iq-get/service/<service-domain>/<ns>  iq-result/service/<service-domain>
    //   iq-get/service/<service-domain> (any namespace without a handler of its own)
    //   message/service/<service-domain>  presence/service/<service-domain>
    // "self": addressed to the sender's own account (no `to`, or its own bare JID).
    // "service/<service-domain>": addressed to a declared service domain or a JID at it
    // (proxy.example.org, room@conference.example.org/nick); its module answers for all of them.
    void addHandler(const QString &event, StanzaHandler handler, int priority = 0);

    // A stanza from a bound session (from already stamped) or from a server module.
    void route(const Stanza &stanza, C2SSession *origin = nullptr);
    // A stanza arriving before authentication; false if no module accepts it.
    bool routeUnauthenticated(const Stanza &stanza, C2SSession *origin);

    // Sessions. bind() replaces a session with the same full JID (that one gets <conflict/>).
    void bind(C2SSession *session);
    void unbind(C2SSession *session);
    C2SSession *session(const Jid &fullJid) const;
    QList<C2SSession *> sessions(const Jid &bareJid) const;
    QList<C2SSession *> allSessions() const;

    // Writes a stanza straight to one session.
    void sendTo(C2SSession *session, const Stanza &stanza) const;
    // Delivers to a full JID if that session exists; false otherwise.
    bool deliverToFull(const Stanza &stanza) const;
    // Answers `stanza` with an error, unless it is itself an error (RFC 6120 §8.3.1).
    void bounce(const Stanza &stanza, const QString &type, const QString &condition,
                const QString &text = {});

    // Called by the presence module when a session sends its initial available presence.
    void announceAvailable(C2SSession *session) { Q_EMIT sessionAvailable(session); }

Q_SIGNALS:
    void sessionBound(flint::C2SSession *session);
    // After a session's initial presence: time for offline messages and pending requests.
    void sessionAvailable(flint::C2SSession *session);
    void sessionUnbound(flint::C2SSession *session);

private:
    bool dispatch(const QString &event, const StanzaEvent &event_);
    QString addresseeKind(const Stanza &stanza, const C2SSession *origin) const;

    QString m_domain;
    QSet<QString> m_serviceDomains;
    std::map<QString, std::multimap<int, StanzaHandler, std::greater<int>>> m_handlers;
    QHash<QString, QHash<QString, C2SSession *>> m_sessions; // bare → resource → session
};

} // namespace flint

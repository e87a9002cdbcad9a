// RFC 6121 §3 and §4: subscription handshakes with their roster pushes and stored pending
// requests; presence broadcast, probes, directed presence and the unavailable at session end.
#pragma once

#include "server/ServerModule.h"
#include "server/modules/PresenceStore.h"

#include <QHash>
#include <QSet>

namespace flint {

class C2SSession;
class RosterModule;
struct RosterItem;

class PresenceModule : public ServerModule {
    Q_OBJECT
public:
    PresenceModule(ServerContext &context, RosterModule &roster);

private:
    bool handleBroadcast(const StanzaEvent &event);
    bool handleAddressed(const StanzaEvent &event);

    void setAvailable(C2SSession *session, const Stanza &presence);
    void setUnavailable(C2SSession *session, const Stanza &presence);
    void broadcast(C2SSession *session, const Stanza &presence);
    void rememberDirected(C2SSession *session, const Stanza &presence);

    void outboundSubscription(C2SSession *session, const Stanza &presence);
    void inboundSubscription(const Stanza &presence);
    void onItemRemoved(const QString &username, const RosterItem &item);

    void answerProbe(const Jid &prober, const Jid &target);
    void sendCurrentPresence(const Jid &user, const Jid &contact);
    void sendUnavailable(const Jid &user, const Jid &contact);
    void deliver(const Stanza &presence) const;
    QList<C2SSession *> availableSessions(const Jid &bareJid) const;
    Jid userJid(const QString &username) const;

    RosterModule &m_roster;
    PresenceStore m_store;
    QSet<C2SSession *> m_announced;
    QHash<C2SSession *, QSet<Jid>> m_directed; // directed-presence targets, told at unavailable
};

} // namespace flint

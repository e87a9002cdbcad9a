// RFC 6121 §8.5 message routing to local users: bare JIDs go to the most available resources,
// full JIDs to that resource; messages for users without an available resource go offline.
#pragma once

#include "server/ServerModule.h"

namespace flint {

class C2SSession;
class OfflineModule;

class MessageModule : public ServerModule {
    Q_OBJECT
public:
    MessageModule(ServerContext &context, OfflineModule &offline);

Q_SIGNALS:
    // A message to a user's bare or full JID was routed: `recipients` are the sessions that got
    // it (none when it was stored offline or refused); `origin` is null for the server's own.
    void messageRouted(const flint::Stanza &message, flint::C2SSession *origin,
                       const QList<flint::C2SSession *> &recipients);

private:
    // Each returns the sessions the message was written to.
    QList<C2SSession *> routeToBare(const Stanza &message);
    QList<C2SSession *> routeToFull(const Stanza &message);
    void routeToHost(const Stanza &message);

    OfflineModule &m_offline;
};

} // namespace flint

// RFC 6121 §8.5 message routing to local users: bare JIDs go to the most available resources,
// full JIDs to that resource; messages for users without an available resource go offline.
#pragma once

#include "server/ServerModule.h"

namespace flint {

class OfflineModule;

class MessageModule : public ServerModule {
    Q_OBJECT
public:
    MessageModule(ServerContext &context, OfflineModule &offline);

private:
    void routeToBare(const Stanza &message);
    void routeToFull(const Stanza &message);
    void routeToHost(const Stanza &message);

    OfflineModule &m_offline;
};

} // namespace flint

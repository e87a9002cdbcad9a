// XEP-0160 offline messages: chat and normal messages for a user without an available resource
// are stored, stamped with a XEP-0203 delay, and delivered at the user's next initial presence.
#pragma once

#include "server/ServerModule.h"
#include "server/modules/OfflineStore.h"

namespace flint {

class C2SSession;

class OfflineModule : public ServerModule {
    Q_OBJECT
public:
    explicit OfflineModule(ServerContext &context);

    // Keeps `message` (addressed to a local user) for later, or answers the sender with an
    // error when the user's storage is full. Transient messages (chat states alone) are dropped.
    void store(const Stanza &message);

private:
    void deliver(C2SSession *session);

    OfflineStore m_store;
};

} // namespace flint

// XEP-0049 private XML storage (jabber:iq:private): a user keeps XML on the server for itself
// alone, e.g. its room bookmarks (XEP-0048). Reserved namespaces are refused, and each user's
// storage is bounded.
#pragma once

#include "server/ServerModule.h"
#include "server/modules/PrivateStore.h"

namespace flint {

class PrivateStorageModule : public ServerModule {
    Q_OBJECT
public:
    // What one user may keep, all elements together.
    static constexpr qint64 MaxBytesPerUser = 64 * 1024;

    explicit PrivateStorageModule(ServerContext &context);

private:
    void handleGet(const StanzaEvent &event);
    void handleSet(const StanzaEvent &event);

    PrivateStore m_store;
};

} // namespace flint

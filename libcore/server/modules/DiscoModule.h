// XEP-0030 service discovery: the server's identity, features and hosted services (disco#items),
// each hosted service's identity, and a user's account.
#pragma once

#include "server/ServerModule.h"

namespace flint {

class DiscoModule : public ServerModule {
    Q_OBJECT
public:
    explicit DiscoModule(ServerContext &context);
};

} // namespace flint

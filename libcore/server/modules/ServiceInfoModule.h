// XEP-0199 ping, XEP-0092 software version and XEP-0202 entity time, answered by the server.
#pragma once

#include "server/ServerModule.h"

namespace flint {

class ServiceInfoModule : public ServerModule {
    Q_OBJECT
public:
    explicit ServiceInfoModule(ServerContext &context);
};

} // namespace flint

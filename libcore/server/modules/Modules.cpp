#include "Modules.h"

#include "server/ServerModule.h"
#include "server/modules/DiscoModule.h"
#include "server/modules/ServiceInfoModule.h"

namespace flint {

std::vector<std::unique_ptr<ServerModule>> createModules(ServerContext &context)
{
    std::vector<std::unique_ptr<ServerModule>> modules;
    modules.push_back(std::make_unique<ServiceInfoModule>(context));
    // Disco last: it answers with the features the others announced.
    modules.push_back(std::make_unique<DiscoModule>(context));
    return modules;
}

} // namespace flint

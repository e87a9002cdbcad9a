#include "Modules.h"

#include "server/ServerModule.h"
#include "server/modules/AdminCommandsModule.h"
#include "server/modules/CarbonsModule.h"
#include "server/modules/DiscoModule.h"
#include "server/modules/MessageModule.h"
#include "server/modules/MucModule.h"
#include "server/modules/OfflineModule.h"
#include "server/modules/PresenceModule.h"
#include "server/modules/PrivateStorageModule.h"
#include "server/modules/Proxy65Module.h"
#include "server/modules/RegisterModule.h"
#include "server/modules/RosterModule.h"
#include "server/modules/SearchModule.h"
#include "server/modules/ServiceInfoModule.h"
#include "server/modules/UploadModule.h"
#include "server/modules/VCardModule.h"

namespace flint {

std::vector<std::unique_ptr<ServerModule>> createModules(ServerContext &context)
{
    std::vector<std::unique_ptr<ServerModule>> modules;
    modules.push_back(std::make_unique<ServiceInfoModule>(context));
    modules.push_back(std::make_unique<RegisterModule>(context));
    modules.push_back(std::make_unique<AdminCommandsModule>(context));
    auto offline = std::make_unique<OfflineModule>(context);
    auto messages = std::make_unique<MessageModule>(context, *offline);
    modules.push_back(std::make_unique<CarbonsModule>(context, *messages));
    modules.push_back(std::move(messages));
    modules.push_back(std::move(offline));
    modules.push_back(std::make_unique<VCardModule>(context));
    modules.push_back(std::make_unique<PrivateStorageModule>(context));
    modules.push_back(std::make_unique<SearchModule>(context));
    auto roster = std::make_unique<RosterModule>(context);
    modules.push_back(std::make_unique<PresenceModule>(context, *roster));
    modules.push_back(std::move(roster));
    if (context.config.proxy65.enabled)
        modules.push_back(std::make_unique<Proxy65Module>(context));
    if (context.config.upload.enabled)
        modules.push_back(std::make_unique<UploadModule>(context));
    if (context.config.muc.enabled)
        modules.push_back(std::make_unique<MucModule>(context));
    // Disco last: it answers with the features the others announced.
    modules.push_back(std::make_unique<DiscoModule>(context));
    return modules;
}

} // namespace flint

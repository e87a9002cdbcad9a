// The list of feature modules a server runs, in the order they attach.
#pragma once

#include <memory>
#include <vector>

namespace flint {

struct ServerContext;
class ServerModule;

std::vector<std::unique_ptr<ServerModule>> createModules(ServerContext &context);

} // namespace flint

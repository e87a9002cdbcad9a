// flint-server's command line: run the server, manage users, check the configuration.
#pragma once

#include <QStringList>

namespace flint {

// Runs the command line in `arguments` (argv); returns the process exit code.
int runServerCli(const QStringList &arguments);

} // namespace flint

// `flint-client-bench roster`: time from AccountSession::connectToServer to a RosterModel holding
// a large roster with its online contacts, and the memory that roster costs the client.
// `roster-client` is the measured process it spawns, holding only the one account.
#pragma once

#include <QStringList>

namespace flint::bench {

int runRosterBench(const QStringList &arguments);
int runRosterClient(const QStringList &arguments);

} // namespace flint::bench

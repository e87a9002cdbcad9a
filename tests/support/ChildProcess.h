// Servers a test starts (flint-server, Prosody, MariaDB) must not outlive it, even when the
// test process crashes or is killed.
#pragma once

class QProcess;

namespace flint::test {

// Before `process` starts: the child is killed when the test process dies.
void endWithTestProcess(QProcess &process);

} // namespace flint::test

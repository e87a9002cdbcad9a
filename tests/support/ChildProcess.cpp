#include "ChildProcess.h"

#include <QProcess>

#include <csignal>
#include <sys/prctl.h>
#include <unistd.h>

namespace flint::test {

void endWithTestProcess(QProcess &process)
{
    const pid_t parent = getpid();
    process.setChildProcessModifier([parent] {
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        // The parent may have died before prctl() took effect.
        if (getppid() != parent)
            _exit(1);
    });
}

} // namespace flint::test

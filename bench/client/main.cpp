// Client-core benchmarks; each mode prints a Markdown table for bench/RESULTS.md.
#include "HistoryBench.h"
#include "RosterBench.h"

#include <QCoreApplication>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = app.arguments().mid(1);
    if (!arguments.isEmpty() && arguments.first() == QLatin1String("history"))
        return flint::bench::runHistoryBench(arguments.mid(1));
    if (!arguments.isEmpty() && arguments.first() == QLatin1String("roster"))
        return flint::bench::runRosterBench(arguments.mid(1));
    if (!arguments.isEmpty() && arguments.first() == QLatin1String("roster-client"))
        return flint::bench::runRosterClient(arguments.mid(1));
    std::fprintf(stderr, "usage: flint-client-bench history [--messages N] [--queries N] "
                         "[--dir DIRECTORY]\n"
                         "       flint-client-bench roster [--contacts N] [--online N] [--runs N] "
                         "[--accounts inband|cli] [--server FLINT_SERVER]\n");
    return 2;
}

#include "ServerCli.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("flint-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FLINT_VERSION));
    return flint::runServerCli(QCoreApplication::arguments());
}

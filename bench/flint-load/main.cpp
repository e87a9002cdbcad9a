// flint-load: drives an XMPP server with many QXmppClient sessions on one event loop.
#include "LoadOptions.h"
#include "LoadPhases.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"flint-load"_s);
    const auto options = flint::bench::LoadOptions::parse(QCoreApplication::arguments());
    if (!options)
        return 2;
    bool ok = false;
    if (options->phase == u"register"_s)
        ok = flint::bench::runRegisterPhase(*options);
    else if (options->phase == u"login"_s)
        ok = flint::bench::runLoginPhase(*options);
    else if (options->phase == u"messages"_s)
        ok = flint::bench::runMessagesPhase(*options);
    else
        ok = flint::bench::runIdlePhase(*options);
    return ok ? 0 : 1;
}

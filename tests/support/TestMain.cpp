// The Catch2 runner for every Flint test binary: tests run inside a Qt application (a widget
// application on the offscreen platform for the UI tests).
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#ifdef FLINT_TEST_WIDGETS
#include <QApplication>
#else
#include <QCoreApplication>
#endif

int main(int argc, char *argv[])
{
#ifdef FLINT_TEST_WIDGETS
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
#else
    QCoreApplication app(argc, argv);
#endif
    return Catch::Session().run(argc, argv);
}

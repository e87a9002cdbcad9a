// The Flint desktop app: settings, translations, appearance, then the login screen.
#include "AppController.h"
#include "client/ClientSettings.h"
#include "common/Icons.h"
#include "common/LanguageManager.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QStandardPaths>

int main(int argc, char *argv[])
{
    QApplication::setOrganizationName(QStringLiteral("Flint"));
    QApplication::setApplicationName(QStringLiteral("Flint"));
    QApplication::setApplicationVersion(QStringLiteral(FLINT_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("flint"));
    QApplication app(argc, argv);
    QApplication::setWindowIcon(flint::ui::appIcon());
    // The tray keeps the app running with no window open.
    QApplication::setQuitOnLastWindowClosed(false);

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Flint office messenger"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption profile(
        QStringLiteral("profile"),
        QStringLiteral("Keep settings and data in <directory> instead of the user's."),
        QStringLiteral("directory"));
    parser.addOption(profile);
    parser.process(app);

    std::unique_ptr<flint::ClientSettings> settings;
    QString dataRoot = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    if (parser.isSet(profile)) {
        dataRoot = parser.value(profile);
        settings = std::make_unique<flint::ClientSettings>(dataRoot + QStringLiteral("/flint.ini"));
    } else {
        settings = std::make_unique<flint::ClientSettings>();
    }

    flint::ui::LanguageManager languages;
    languages.apply(settings->language());
    flint::ui::AppController controller(*settings, languages, dataRoot);
    controller.start();
    return app.exec();
}

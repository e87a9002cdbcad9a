// flint-screenshot-tour: the real app (settings, translations, AppController) driven through
// every screen by ScreenshotTour, which saves a picture of each. scripts/screenshots.sh runs it.
#include "AppController.h"
#include "ScreenshotTour.h"
#include "client/ClientSettings.h"
#include "common/Icons.h"
#include "common/LanguageManager.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QTimer>

#include <cstdio>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    QApplication::setOrganizationName(u"Flint"_s);
    QApplication::setApplicationName(u"Flint"_s);
    QApplication::setApplicationVersion(QStringLiteral(FLINT_VERSION));
    QApplication::setDesktopFileName(u"flint"_s);
    QApplication app(argc, argv);
    QApplication::setWindowIcon(flint::ui::appIcon());
    QApplication::setQuitOnLastWindowClosed(false);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Runs the Flint app against a server and saves a picture of every screen."_s);
    parser.addHelpOption();
    const QCommandLineOption profile(
        u"profile"_s, u"The app profile (flint.ini, pinned-certificates)."_s, u"directory"_s);
    const QCommandLineOption password(u"password"_s, u"The profile account's password."_s,
                                      u"password"_s);
    const QCommandLineOption language(u"language"_s, u"en or zh_CN."_s, u"language"_s, u"en"_s);
    const QCommandLineOption out(u"out"_s, u"Where the pictures go."_s, u"directory"_s);
    const QCommandLineOption peer(
        u"peer"_s,
        u"A contact's JID the tour logs in as too, to answer, type and acknowledge messages."_s,
        u"jid"_s);
    const QCommandLineOption peerPassword(u"peer-password"_s, u"The peer's password."_s,
                                          u"password"_s);
    parser.addOptions({profile, password, language, out, peer, peerPassword});
    parser.process(app);
    if (!parser.isSet(profile) || !parser.isSet(password) || !parser.isSet(out)) {
        std::fputs("flint-screenshot-tour: --profile, --password and --out are required\n", stderr);
        return 2;
    }

    flint::ui::ScreenshotTour::Options options;
    options.profile = QDir(parser.value(profile)).absolutePath();
    options.password = parser.value(password);
    options.language = parser.value(language);
    options.outDir = QDir(parser.value(out)).absolutePath();
    options.peerJid = parser.value(peer);
    options.peerPassword = parser.value(peerPassword);

    flint::ClientSettings settings(options.profile + u"/flint.ini"_s);
    settings.setLanguage(options.language);
    flint::ui::LanguageManager languages;
    languages.apply(settings.language());
    flint::ui::AppController controller(settings, languages, options.profile);
    flint::ui::ScreenshotTour tour(options, settings, controller);
    controller.start();
    int status = 1;
    QTimer::singleShot(0, &app, [&] {
        status = tour.run();
        controller.quit();
    });
    app.exec();
    return status;
}

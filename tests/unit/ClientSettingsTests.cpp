// ClientSettings: defaults, persistence in its INI file, change signals, login preferences, and
// the XDG autostart entry.
#include "client/ClientSettings.h"

#include <catch2/catch.hpp>

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>

using namespace flint;
using namespace Qt::StringLiterals;

TEST_CASE("ClientSettings keep preferences across instances and say when they change", "[settings]")
{
    QTemporaryDir dir;
    const QString ini = dir.filePath(u"flint.ini"_s);
    {
        ClientSettings settings(ini);
        CHECK(settings.language().isEmpty());
        CHECK(settings.theme() == ClientSettings::Theme::System);
        CHECK(settings.autoAwayMinutes() == 5);
        CHECK(settings.closeToTray());
        CHECK(settings.showOfflineContacts());

        QSignalSpy language(&settings, &ClientSettings::languageChanged);
        QSignalSpy appearance(&settings, &ClientSettings::appearanceChanged);
        QSignalSpy away(&settings, &ClientSettings::autoAwayMinutesChanged);
        settings.setLanguage(u"zh_CN"_s);
        settings.setLanguage(u"zh_CN"_s); // no change, no signal
        settings.setTheme(ClientSettings::Theme::Dark);
        settings.setFontPointSize(13);
        settings.setAutoAwayMinutes(0);
        CHECK(language.count() == 1);
        CHECK(appearance.count() == 2);
        CHECK(away.count() == 1);

        LoginPreferences login;
        login.username = u"anna"_s;
        login.server = u"example.com:5223"_s;
        login.host = u"10.0.0.5"_s;
        login.port = 5299;
        login.directTls = true;
        login.rememberPassword = true;
        login.autoLogin = true;
        login.initialStatus = PresenceStatus::DoNotDisturb;
        settings.setLoginPreferences(login);
    }
    ClientSettings settings(ini);
    CHECK(settings.language() == u"zh_CN"_s);
    CHECK(settings.theme() == ClientSettings::Theme::Dark);
    CHECK(settings.fontPointSize() == 13);
    CHECK(settings.autoAwayMinutes() == 0);
    const LoginPreferences login = settings.loginPreferences();
    CHECK(login.username == u"anna"_s);
    CHECK(login.server == u"example.com:5223"_s);
    CHECK(login.host == u"10.0.0.5"_s);
    CHECK(login.port == 5299);
    CHECK(login.directTls);
    CHECK(login.autoLogin);
    CHECK(login.initialStatus == PresenceStatus::DoNotDisturb);
    // Never a password in the settings file.
    for (const QString &key : settings.store().allKeys())
        CHECK_FALSE(key.endsWith(u"/password"_s, Qt::CaseInsensitive));
}

TEST_CASE("ClientSettings write and remove the autostart entry", "[settings]")
{
    QTemporaryDir dir;
    qputenv("XDG_CONFIG_HOME", dir.path().toUtf8());
    ClientSettings settings(dir.filePath(u"flint.ini"_s));
    CHECK_FALSE(settings.startOnLogin());
    REQUIRE(settings.setStartOnLogin(true));
    CHECK(settings.startOnLogin());
    QFile entry(dir.filePath(u"autostart/flint.desktop"_s));
    REQUIRE(entry.open(QIODevice::ReadOnly));
    CHECK(entry.readAll().contains("Exec="));
    REQUIRE(settings.setStartOnLogin(false));
    CHECK_FALSE(settings.startOnLogin());
    qunsetenv("XDG_CONFIG_HOME");
}

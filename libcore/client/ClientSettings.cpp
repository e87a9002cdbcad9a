#include "ClientSettings.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace flint {
namespace {

constexpr int DefaultAutoAwayMinutes = 5;

#ifndef Q_OS_WIN
QString autostartFilePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) +
           u"/autostart/flint.desktop"_s;
}
#endif

} // namespace

ClientSettings::ClientSettings(QObject *parent)
    : QObject(parent), m_settings(std::make_unique<QSettings>())
{}

ClientSettings::ClientSettings(const QString &iniPath, QObject *parent)
    : QObject(parent), m_settings(std::make_unique<QSettings>(iniPath, QSettings::IniFormat))
{}

ClientSettings::~ClientSettings() = default;

QString ClientSettings::language() const
{
    return m_settings->value(u"appearance/language"_s).toString();
}

void ClientSettings::setLanguage(const QString &language)
{
    if (language == this->language())
        return;
    m_settings->setValue(u"appearance/language"_s, language);
    Q_EMIT languageChanged(language);
}

ClientSettings::Theme ClientSettings::theme() const
{
    const int value = m_settings->value(u"appearance/theme"_s, int(Theme::System)).toInt();
    return value >= int(Theme::System) && value <= int(Theme::Dark) ? Theme(value) : Theme::System;
}

void ClientSettings::setTheme(Theme theme)
{
    if (theme == this->theme())
        return;
    m_settings->setValue(u"appearance/theme"_s, int(theme));
    Q_EMIT appearanceChanged();
}

int ClientSettings::fontPointSize() const
{
    return m_settings->value(u"appearance/fontPointSize"_s, 0).toInt();
}

void ClientSettings::setFontPointSize(int points)
{
    if (points == fontPointSize())
        return;
    m_settings->setValue(u"appearance/fontPointSize"_s, points);
    Q_EMIT appearanceChanged();
}

bool ClientSettings::notificationsEnabled() const
{
    return m_settings->value(u"notifications/enabled"_s, true).toBool();
}

void ClientSettings::setNotificationsEnabled(bool enabled)
{
    m_settings->setValue(u"notifications/enabled"_s, enabled);
}

bool ClientSettings::soundsEnabled() const
{
    return m_settings->value(u"notifications/sounds"_s, true).toBool();
}

void ClientSettings::setSoundsEnabled(bool enabled)
{
    m_settings->setValue(u"notifications/sounds"_s, enabled);
}

bool ClientSettings::openChatOnMessage() const
{
    return m_settings->value(u"notifications/openChat"_s, true).toBool();
}

void ClientSettings::setOpenChatOnMessage(bool enabled)
{
    m_settings->setValue(u"notifications/openChat"_s, enabled);
}

int ClientSettings::autoAwayMinutes() const
{
    return m_settings->value(u"presence/autoAwayMinutes"_s, DefaultAutoAwayMinutes).toInt();
}

void ClientSettings::setAutoAwayMinutes(int minutes)
{
    if (minutes == autoAwayMinutes())
        return;
    m_settings->setValue(u"presence/autoAwayMinutes"_s, minutes);
    Q_EMIT autoAwayMinutesChanged(minutes);
}

QString ClientSettings::downloadsFolder() const
{
    return m_settings
        ->value(u"files/downloads"_s,
                QStandardPaths::writableLocation(QStandardPaths::DownloadLocation))
        .toString();
}

void ClientSettings::setDownloadsFolder(const QString &folder)
{
    m_settings->setValue(u"files/downloads"_s, folder);
}

bool ClientSettings::closeToTray() const
{
    return m_settings->value(u"window/closeToTray"_s, true).toBool();
}

void ClientSettings::setCloseToTray(bool enabled)
{
    m_settings->setValue(u"window/closeToTray"_s, enabled);
}

bool ClientSettings::showOfflineContacts() const
{
    return m_settings->value(u"roster/showOffline"_s, true).toBool();
}

void ClientSettings::setShowOfflineContacts(bool show)
{
    if (show == showOfflineContacts())
        return;
    m_settings->setValue(u"roster/showOffline"_s, show);
    Q_EMIT showOfflineContactsChanged(show);
}

bool ClientSettings::startOnLogin() const
{
#ifdef Q_OS_WIN
    QSettings run(u"HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run"_s,
                  QSettings::NativeFormat);
    return run.contains(u"Flint"_s);
#else
    return QFile::exists(autostartFilePath());
#endif
}

bool ClientSettings::setStartOnLogin(bool enabled)
{
    const QString program = QCoreApplication::applicationFilePath();
#ifdef Q_OS_WIN
    QSettings run(u"HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run"_s,
                  QSettings::NativeFormat);
    if (enabled)
        run.setValue(u"Flint"_s, u"\"%1\""_s.arg(QDir::toNativeSeparators(program)));
    else
        run.remove(u"Flint"_s);
    run.sync();
    return run.status() == QSettings::NoError;
#else
    const QString path = autostartFilePath();
    if (!enabled)
        return !QFile::exists(path) || QFile::remove(path);
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    const QByteArray entry = "[Desktop Entry]\nType=Application\nName=Flint\nExec=\"" +
                             program.toUtf8() + "\"\nIcon=flint\nX-GNOME-Autostart-enabled=true\n";
    return file.write(entry) == entry.size();
#endif
}

LoginPreferences ClientSettings::loginPreferences() const
{
    QSettings &s = *m_settings;
    LoginPreferences p;
    p.username = s.value(u"login/username"_s).toString();
    p.server = s.value(u"login/server"_s).toString();
    p.host = s.value(u"login/host"_s).toString();
    p.port = quint16(s.value(u"login/port"_s, 0).toUInt());
    p.resource = s.value(u"login/resource"_s).toString();
    p.directTls = s.value(u"login/directTls"_s, false).toBool();
    p.rememberPassword = s.value(u"login/rememberPassword"_s, false).toBool();
    p.autoLogin = s.value(u"login/autoLogin"_s, false).toBool();
    const int status = s.value(u"login/initialStatus"_s, int(PresenceStatus::Online)).toInt();
    if (status > PresenceStatus::Offline && status <= PresenceStatus::DoNotDisturb)
        p.initialStatus = PresenceStatus::Availability(status);
    return p;
}

void ClientSettings::setLoginPreferences(const LoginPreferences &p)
{
    QSettings &s = *m_settings;
    s.setValue(u"login/username"_s, p.username);
    s.setValue(u"login/server"_s, p.server);
    s.setValue(u"login/host"_s, p.host);
    s.setValue(u"login/port"_s, p.port);
    s.setValue(u"login/resource"_s, p.resource);
    s.setValue(u"login/directTls"_s, p.directTls);
    s.setValue(u"login/rememberPassword"_s, p.rememberPassword);
    s.setValue(u"login/autoLogin"_s, p.autoLogin);
    s.setValue(u"login/initialStatus"_s, int(p.initialStatus));
}

QByteArray ClientSettings::windowGeometry(const QString &window) const
{
    return m_settings->value(u"geometry/"_s + window).toByteArray();
}

void ClientSettings::setWindowGeometry(const QString &window, const QByteArray &geometry)
{
    m_settings->setValue(u"geometry/"_s + window, geometry);
}

} // namespace flint

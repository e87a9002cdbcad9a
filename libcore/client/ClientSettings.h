// The desktop app's preferences and the last login's form, kept in QSettings (the registry on
// Windows, an INI file elsewhere). Never holds a password: see PasswordStore.
#pragma once

#include "client/PresenceManager.h"

#include <QObject>
#include <QSettings>
#include <QString>

#include <memory>

namespace flint {

// What the login screen remembers between runs.
struct LoginPreferences {
    QString username;
    QString server;   // the XMPP domain, optionally ":port"
    QString host;     // Advanced: connect to this host instead of the domain's SRV target
    quint16 port = 0; // Advanced: 0 = from the server field or the default
    QString resource; // Advanced: empty = a random one per session
    bool directTls = false;
    bool rememberPassword = false;
    bool autoLogin = false;
    PresenceStatus::Availability initialStatus = PresenceStatus::Online;
};

class ClientSettings : public QObject {
    Q_OBJECT
public:
    enum class Theme { System, Light, Dark };
    Q_ENUM(Theme)

    // The user's settings in the platform's usual place.
    explicit ClientSettings(QObject *parent = nullptr);
    // Settings in an INI file (tests, portable installs).
    explicit ClientSettings(const QString &iniPath, QObject *parent = nullptr);
    ~ClientSettings() override;

    // "en" or "zh_CN"; empty: follow the system's language.
    QString language() const;
    void setLanguage(const QString &language);
    Theme theme() const;
    void setTheme(Theme theme);
    // 0: the platform's default size.
    int fontPointSize() const;
    void setFontPointSize(int points);
    bool notificationsEnabled() const;
    void setNotificationsEnabled(bool enabled);
    bool soundsEnabled() const;
    void setSoundsEnabled(bool enabled);
    // Whether a message from someone without an open tab brings up the chat window (in the
    // background, without taking the focus).
    bool openChatOnMessage() const;
    void setOpenChatOnMessage(bool enabled);
    // 0: never away automatically.
    int autoAwayMinutes() const;
    void setAutoAwayMinutes(int minutes);
    QString downloadsFolder() const;
    void setDownloadsFolder(const QString &folder);
    bool closeToTray() const;
    void setCloseToTray(bool enabled);
    bool showOfflineContacts() const;
    void setShowOfflineContacts(bool show);
    // Whether the app starts when the user logs in to the desktop; writes the platform's entry
    // (an XDG autostart file, the Windows Run key). False when it could not be written.
    bool startOnLogin() const;
    bool setStartOnLogin(bool enabled);

    LoginPreferences loginPreferences() const;
    void setLoginPreferences(const LoginPreferences &preferences);

    QByteArray windowGeometry(const QString &window) const;
    void setWindowGeometry(const QString &window, const QByteArray &geometry);

    QSettings &store() const { return *m_settings; }

Q_SIGNALS:
    void languageChanged(const QString &language);
    // Theme or font size.
    void appearanceChanged();
    void autoAwayMinutesChanged(int minutes);
    void showOfflineContactsChanged(bool show);

private:
    std::unique_ptr<QSettings> m_settings;
};

} // namespace flint

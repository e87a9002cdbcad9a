// The desktop app's wiring: the login screen first, then for the logged-in account the main
// window, the chat window, the tray icon and the secondary windows on demand; settings applied
// as they change (language, theme, auto-away); back to the login screen on logout.
#pragma once

#include "client/CertificateTrust.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <memory>

namespace flint {
class ClientAccount;
class ClientSettings;
} // namespace flint

namespace flint::ui {

class ChatWindow;
class HistoryWindow;
class LanguageManager;
class LoginController;
class MainWindow;
class TrayIcon;

class AppController : public QObject {
    Q_OBJECT
public:
    // `dataRoot` holds the pinned certificates and one folder per account.
    AppController(ClientSettings &settings, LanguageManager &languages, const QString &dataRoot,
                  QObject *parent = nullptr);
    ~AppController() override;

    // Shows the login screen (logging in at once when the user chose automatic login).
    void start();

    LoginController &login() const { return *m_login; }
    // The logged-in account's windows; null while logged out.
    ClientAccount *account() const { return m_account.get(); }
    MainWindow *mainWindow() const;
    ChatWindow *chatWindow() const;
    TrayIcon *trayIcon() const;

    void openChat(const QString &jid);
    void showContactProfile(const QString &jid);
    void showOwnProfile();
    void showHistory();
    void showDirectorySearch();
    void showSettings();
    void logOut();
    void quit();

Q_SIGNALS:
    void loggedIn();
    void loggedOut();

private:
    void startSession(ClientAccount *account);
    void endSession();
    void applySettings();
    void showMainWindow();

    ClientSettings &m_settings;
    LanguageManager &m_languages;
    QString m_dataRoot;
    CertificateTrust m_trust;
    std::unique_ptr<LoginController> m_login;
    std::unique_ptr<ClientAccount> m_account;
    QPointer<MainWindow> m_mainWindow;
    QPointer<ChatWindow> m_chatWindow;
    QPointer<HistoryWindow> m_historyWindow;
    QPointer<TrayIcon> m_tray;
};

} // namespace flint::ui

// The desktop app's wiring: the login screen first, then for the logged-in account the main
// window, the chat window, the tray icon, a window per joined room and the secondary windows on
// demand; settings applied as they change (language, theme, auto-away); back to the login screen
// on logout.
#pragma once

#include "client/CertificateTrust.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QString>

#include <memory>

namespace flint {
class ClientAccount;
class ClientSettings;
class Transfer;
class Room;
struct RoomInvitation;
} // namespace flint

namespace flint::ui {

class ChatWindow;
class HistoryWindow;
class ReceivePrompt;
class TransfersWindow;
class LanguageManager;
class LoginController;
class MainWindow;
class RoomWindow;
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
    TransfersWindow *transfersWindow() const;
    // The prompts of the file offers not answered yet.
    QList<ReceivePrompt *> receivePrompts() const;
    // The window of a room the user is in (or was, until it is closed); null when none.
    RoomWindow *roomWindow(const QString &roomJid) const;

    void openChat(const QString &jid);
    void showContactProfile(const QString &jid);
    void showOwnProfile();
    void showHistory();
    // activate=false shows it behind the active window without taking the focus.
    void showTransfers(bool activate = true);
    void showDirectorySearch();
    void showSettings();
    void showRoomBrowser();
    void showCreateRoom();
    // Brings up a room's window: one the user is in, else joins a bookmarked room, else asks
    // how to join it.
    void openRoom(const QString &roomJid);
    // openRoom(), then the window shows the message (from the room's history).
    void openRoomAt(const QString &roomJid, qint64 messageId);
    // Joins and shows the window at once; the window tells how joining goes.
    void joinRoom(const QString &roomJid, const QString &nick, const QString &password);
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
    void promptForFile(Transfer *transfer);
    // The room's window, made when it has none (or only one left over from before).
    RoomWindow *windowFor(Room *room);
    void showInvitation(const RoomInvitation &invitation);

    ClientSettings &m_settings;
    LanguageManager &m_languages;
    QString m_dataRoot;
    CertificateTrust m_trust;
    std::unique_ptr<LoginController> m_login;
    std::unique_ptr<ClientAccount> m_account;
    QPointer<MainWindow> m_mainWindow;
    QPointer<ChatWindow> m_chatWindow;
    QPointer<HistoryWindow> m_historyWindow;
    QPointer<TransfersWindow> m_transfersWindow;
    QList<QPointer<ReceivePrompt>> m_receivePrompts;
    QPointer<TrayIcon> m_tray;
    QHash<QString, QPointer<RoomWindow>> m_roomWindows; // by room JID
};

} // namespace flint::ui

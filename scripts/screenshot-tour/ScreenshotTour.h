// Walks the running app through every screen the way a user would (typing, clicking, waiting
// for the server's real answers) and saves a picture of each as <out>/<NN>-<screen>.png.
#pragma once

#include "client/CertificateTrust.h"

#include <QObject>
#include <QPointer>
#include <QRect>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <functional>
#include <memory>
#include <vector>

class QMenu;
class QModelIndex;
class QWidget;

namespace flint {
class ClientAccount;
class ClientSettings;
} // namespace flint

namespace flint::ui {

class AppController;

class ScreenshotTour : public QObject {
    Q_OBJECT
public:
    struct Options {
        QString profile;  // flint.ini and pinned-certificates of the account shown
        QString password; // that account's password, typed into the login screen
        QString language;
        QString outDir;
        // Optional: a contact the tour also logs in as (with a resource of its own) to
        // acknowledge, answer and type, so the chat window shows ticks and "typing…".
        QString peerJid;
        QString peerPassword;
    };

    ScreenshotTour(Options options, ClientSettings &settings, AppController &app,
                   QObject *parent = nullptr);
    ~ScreenshotTour() override;

    // Returns the exit status: 0 when every screen was pictured, 1 otherwise (after saying
    // which screens could not be reached).
    int run();

private:
    // The screens, in the order they are visited; each throws TourFailure when it cannot reach
    // its screen.
    void loginForm();
    void loginFailure();
    void certificatePrompt();
    void registration();
    void logIn();
    void mainWindow();
    void addContact();
    void contactMenu();
    void chat();
    void history();
    void ownProfile();
    void contactCard();
    void directory();
    void settings();
    void tray();
    void rooms();
    void fileTransfers();

    // Helpers.
    void showLoginAdvanced(bool show);
    void startPeer();
    // Another demo colleague logged in (they share the peer's password), for a fuller room.
    ClientAccount *logInColleague(const QString &jid);
    QString loginAddress() const;
    QModelIndex contactRow(const QString &jid) const;
    QMenu *openContactMenu(const QString &jid);
    void closeStrayWindows();
    [[noreturn]] void fail(const QString &why) const;
    void waitFor(const std::function<bool()> &condition, const QString &what,
                 int timeoutMs = 20000) const;
    // Lets pending layouts, paints and deferred deletions happen before a picture.
    void settle(int ms = 300) const;
    void save(QWidget *widget, const QString &name);
    void saveScreenArea(const QRect &area, const QString &name);
    template <typename T> T *child(QObject *parent, const QString &objectName) const;
    // A visible top-level widget of that type (and object name, when given), waited for.
    template <typename T> T *window(const QString &objectName = {}) const;

    Options m_options;
    ClientSettings &m_settings;
    AppController &m_app;
    QStringList m_saved;
    QTemporaryDir m_scratch;
    std::unique_ptr<CertificateTrust> m_peerTrust;
    std::unique_ptr<ClientAccount> m_peerAccount;
    std::vector<std::unique_ptr<ClientAccount>> m_colleagues;
    QString m_colleague; // whose conversation, menu and card are shown
};

} // namespace flint::ui

#include "AppController.h"

#include "chat/ChatWindow.h"
#include "client/ClientAccount.h"
#include "client/ClientSettings.h"
#include "client/Conversation.h"
#include "client/ConversationManager.h"
#include "client/IdleWatcher.h"
#include "common/LanguageManager.h"
#include "common/Theme.h"
#include "directory/DirectorySearchDialog.h"
#include "history/HistoryWindow.h"
#include "login/LoginController.h"
#include "login/LoginDialog.h"
#include "profile/ContactCardDialog.h"
#include "profile/ProfileDialog.h"
#include "roster/MainWindow.h"
#include "settings/SettingsDialog.h"
#include "tray/TrayIcon.h"

#include <QApplication>
#include <QDir>

using namespace Qt::StringLiterals;

namespace flint::ui {
namespace {

// Shows a window that may be hidden, minimised or behind others.
void present(QWidget *window)
{
    window->show();
    window->setWindowState(window->windowState() & ~Qt::WindowMinimized);
    window->raise();
    window->activateWindow();
}

} // namespace

AppController::AppController(ClientSettings &settings, LanguageManager &languages,
                             const QString &dataRoot, QObject *parent)
    : QObject(parent), m_settings(settings), m_languages(languages), m_dataRoot(dataRoot),
      m_trust(QDir(dataRoot).filePath(u"pinned-certificates"_s)),
      m_login(std::make_unique<LoginController>(settings, m_trust, dataRoot))
{
    QDir().mkpath(dataRoot);
    connect(m_login.get(), &LoginController::loggedIn, this, &AppController::startSession);
    connect(&settings, &ClientSettings::languageChanged, this,
            [this](const QString &language) { m_languages.apply(language); });
    connect(&settings, &ClientSettings::appearanceChanged, this, &AppController::applySettings);
    connect(&settings, &ClientSettings::autoAwayMinutesChanged, this,
            &AppController::applySettings);
    applySettings();
}

AppController::~AppController()
{
    endSession();
}

MainWindow *AppController::mainWindow() const
{
    return m_mainWindow;
}

ChatWindow *AppController::chatWindow() const
{
    return m_chatWindow;
}

TrayIcon *AppController::trayIcon() const
{
    return m_tray;
}

void AppController::start()
{
    m_login->start();
}

void AppController::applySettings()
{
    applyAppearance(m_settings.theme(), m_settings.fontPointSize());
    if (m_account)
        m_account->idle().setAwayAfter(std::chrono::minutes(m_settings.autoAwayMinutes()));
}

void AppController::startSession(ClientAccount *account)
{
    endSession();
    m_account.reset(account);
    applySettings();

    m_mainWindow = new MainWindow(*account, m_settings);
    m_mainWindow->setAttribute(Qt::WA_DeleteOnClose, false);
    m_chatWindow = new ChatWindow(*account, m_settings);
    m_tray = new TrayIcon(*account, m_settings, this);
    m_tray->setConversationVisibleCheck([this](const QString &peer) {
        return m_chatWindow && m_chatWindow->isConversationVisible(peer);
    });

    connect(m_mainWindow, &MainWindow::chatRequested, this, &AppController::openChat);
    connect(m_mainWindow, &MainWindow::contactProfileRequested, this,
            &AppController::showContactProfile);
    connect(m_mainWindow, &MainWindow::ownProfileRequested, this, &AppController::showOwnProfile);
    connect(m_mainWindow, &MainWindow::historyRequested, this, &AppController::showHistory);
    connect(m_mainWindow, &MainWindow::directoryRequested, this,
            &AppController::showDirectorySearch);
    connect(m_mainWindow, &MainWindow::settingsRequested, this, &AppController::showSettings);
    connect(m_mainWindow, &MainWindow::logoutRequested, this, &AppController::logOut);
    connect(m_mainWindow, &MainWindow::quitRequested, this, &AppController::quit);
    connect(m_chatWindow, &ChatWindow::contactProfileRequested, this,
            &AppController::showContactProfile);
    connect(m_tray, &TrayIcon::showRequested, this, &AppController::showMainWindow);
    connect(m_tray, &TrayIcon::chatRequested, this, &AppController::openChat);
    connect(m_tray, &TrayIcon::logoutRequested, this, &AppController::logOut);
    connect(m_tray, &TrayIcon::quitRequested, this, &AppController::quit);

    // A message from someone without an open tab opens one and, if the user wants, brings up
    // the chat window behind the active one.
    connect(&account->conversations(), &ConversationManager::messageReceived, this,
            [this](Conversation *conversation) {
                if (!m_chatWindow)
                    return;
                m_chatWindow->openConversation(conversation->peer(), false);
                if (m_settings.openChatOnMessage())
                    m_chatWindow->showInBackground();
            });
    // Reconnection gave up (session replaced, account disabled…): back to the login screen.
    connect(&account->session(), &AccountSession::loginFailed, this,
            [this](const ConnectionError &error) {
                endSession();
                m_login->start(false);
                m_login->dialog().showFailure(describe(error));
                Q_EMIT loggedOut();
            });

    m_tray->systemTrayIcon().show();
    showMainWindow();
    Q_EMIT loggedIn();
}

void AppController::endSession()
{
    delete m_historyWindow;
    delete m_chatWindow;
    delete m_mainWindow;
    delete m_tray;
    if (m_account) {
        m_account->logOut();
        // Its objects may be inside one of their own signals (a failed reconnection).
        m_account.release()->deleteLater();
    }
}

void AppController::showMainWindow()
{
    if (m_mainWindow)
        present(m_mainWindow);
}

void AppController::openChat(const QString &jid)
{
    if (m_chatWindow)
        m_chatWindow->openConversation(jid);
}

void AppController::showContactProfile(const QString &jid)
{
    if (!m_account)
        return;
    auto *dialog = new ContactCardDialog(*m_account, jid, m_mainWindow);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ContactCardDialog::chatRequested, this, &AppController::openChat);
    present(dialog);
}

void AppController::showOwnProfile()
{
    if (!m_account)
        return;
    auto *dialog = new ProfileDialog(*m_account, m_mainWindow);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    present(dialog);
}

void AppController::showHistory()
{
    if (!m_account)
        return;
    if (!m_historyWindow) {
        m_historyWindow = new HistoryWindow(*m_account);
        m_historyWindow->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_historyWindow, &HistoryWindow::messageActivated, this,
                [this](const QString &peer, qint64 messageId) {
                    if (m_chatWindow)
                        m_chatWindow->showMessage(peer, messageId);
                });
    }
    present(m_historyWindow);
}

void AppController::showDirectorySearch()
{
    if (!m_account)
        return;
    auto *dialog = new DirectorySearchDialog(*m_account, m_mainWindow);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &DirectorySearchDialog::chatRequested, this, &AppController::openChat);
    present(dialog);
}

void AppController::showSettings()
{
    auto *dialog = new SettingsDialog(m_settings, m_mainWindow);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    present(dialog);
}

void AppController::logOut()
{
    endSession();
    Q_EMIT loggedOut();
    m_login->start(false);
}

void AppController::quit()
{
    endSession();
    QApplication::quit();
}

} // namespace flint::ui

#include "AppController.h"

#include "chat/ChatWindow.h"
#include "chat/TranscriptView.h"
#include "client/ClientAccount.h"
#include "client/ClientSettings.h"
#include "client/Conversation.h"
#include "client/ConversationManager.h"
#include "client/IdleWatcher.h"
#include "client/RoomService.h"
#include "client/TransferService.h"
#include "common/LanguageManager.h"
#include "common/Theme.h"
#include "directory/DirectorySearchDialog.h"
#include "history/HistoryWindow.h"
#include "login/LoginController.h"
#include "login/LoginDialog.h"
#include "profile/ContactCardDialog.h"
#include "profile/ProfileDialog.h"
#include "rooms/CreateRoomDialog.h"
#include "rooms/InvitationPrompt.h"
#include "rooms/JoinRoomDialog.h"
#include "rooms/RoomBrowserDialog.h"
#include "rooms/RoomWindow.h"
#include "roster/MainWindow.h"
#include "settings/SettingsDialog.h"
#include "transfers/ReceivePrompt.h"
#include "transfers/TransfersWindow.h"
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

TransfersWindow *AppController::transfersWindow() const
{
    return m_transfersWindow;
}

QList<ReceivePrompt *> AppController::receivePrompts() const
{
    QList<ReceivePrompt *> prompts;
    for (const QPointer<ReceivePrompt> &prompt : m_receivePrompts) {
        if (prompt && prompt->isVisible())
            prompts.append(prompt);
    }
    return prompts;
}

RoomWindow *AppController::roomWindow(const QString &roomJid) const
{
    return m_roomWindows.value(roomJid.toLower());
}

void AppController::start()
{
    m_login->start();
}

void AppController::applySettings()
{
    applyAppearance(m_settings.theme(), m_settings.fontPointSize());
    if (m_account) {
        m_account->idle().setAwayAfter(std::chrono::minutes(m_settings.autoAwayMinutes()));
        m_account->transfers().setDownloadsDirectory(m_settings.downloadsFolder());
    }
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
        if (const RoomWindow *room = roomWindow(peer))
            return room->isOnScreen();
        return m_chatWindow && m_chatWindow->isConversationVisible(peer);
    });

    connect(m_mainWindow, &MainWindow::chatRequested, this, &AppController::openChat);
    connect(m_mainWindow, &MainWindow::contactProfileRequested, this,
            &AppController::showContactProfile);
    connect(m_mainWindow, &MainWindow::ownProfileRequested, this, &AppController::showOwnProfile);
    connect(m_mainWindow, &MainWindow::historyRequested, this, &AppController::showHistory);
    connect(m_mainWindow, &MainWindow::transfersRequested, this, [this] { showTransfers(true); });
    connect(m_mainWindow, &MainWindow::directoryRequested, this,
            &AppController::showDirectorySearch);
    connect(m_mainWindow, &MainWindow::settingsRequested, this, &AppController::showSettings);
    connect(m_mainWindow, &MainWindow::roomBrowserRequested, this, &AppController::showRoomBrowser);
    connect(m_mainWindow, &MainWindow::roomCreationRequested, this, &AppController::showCreateRoom);
    connect(m_mainWindow, &MainWindow::roomRequested, this, &AppController::openRoom);
    connect(m_mainWindow, &MainWindow::logoutRequested, this, &AppController::logOut);
    connect(m_mainWindow, &MainWindow::quitRequested, this, &AppController::quit);
    connect(m_chatWindow, &ChatWindow::contactProfileRequested, this,
            &AppController::showContactProfile);
    connect(m_tray, &TrayIcon::showRequested, this, &AppController::showMainWindow);
    connect(m_tray, &TrayIcon::chatRequested, this, &AppController::openChat);
    connect(m_tray, &TrayIcon::roomRequested, this, &AppController::openRoom);
    connect(m_tray, &TrayIcon::logoutRequested, this, &AppController::logOut);
    connect(m_tray, &TrayIcon::quitRequested, this, &AppController::quit);
    connect(m_tray, &TrayIcon::fileOfferActivated, this, [this] {
        for (ReceivePrompt *prompt : receivePrompts())
            present(prompt);
    });

    // Files: every offer gets its prompt; the transfers window comes up, behind the active
    // window, whenever a transfer starts (sent, or accepted), even after the user closed it.
    connect(&account->transfers(), &TransferService::offerReceived, this,
            &AppController::promptForFile);
    connect(&account->transfers(), &TransferService::transferAdded, this,
            [this](Transfer *transfer) {
                if (transfer->direction() == Transfer::Direction::Outgoing)
                    showTransfers(false);
            });

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
    // Rooms joined without the user asking just now (auto-join bookmarks) open in the
    // background once joined; the user's own joins open their window in front.
    connect(&account->rooms(), &RoomService::roomAdded, this, [this](Room *room) {
        connect(
            room, &Room::joined, this,
            [this, room] {
                if (!roomWindow(room->jid()))
                    windowFor(room)->showInBackground();
            },
            Qt::SingleShotConnection);
    });
    connect(&account->rooms(), &RoomService::invitationReceived, this,
            &AppController::showInvitation);

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
    for (const QPointer<RoomWindow> &window : std::as_const(m_roomWindows))
        delete window;
    m_roomWindows.clear();
    for (const QPointer<ReceivePrompt> &prompt : std::as_const(m_receivePrompts))
        delete prompt;
    m_receivePrompts.clear();
    delete m_transfersWindow;
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
                    // A room's message shows in its window (joining it first if need be); a
                    // private chat through a room (room/nick) is a chat like any other.
                    if (m_account && !peer.contains(u'/') && m_account->rooms().isRoom(peer)) {
                        openRoomAt(peer, messageId);
                        return;
                    }
                    if (m_chatWindow)
                        m_chatWindow->showMessage(peer, messageId);
                });
    }
    present(m_historyWindow);
}

void AppController::showTransfers(bool activate)
{
    if (!m_account)
        return;
    if (!m_transfersWindow) {
        m_transfersWindow = new TransfersWindow(*m_account);
        m_transfersWindow->setAttribute(Qt::WA_DeleteOnClose);
    }
    if (activate) {
        present(m_transfersWindow);
    } else if (!m_transfersWindow->isVisible()) {
        m_transfersWindow->setAttribute(Qt::WA_ShowWithoutActivating);
        m_transfersWindow->show();
        m_transfersWindow->setAttribute(Qt::WA_ShowWithoutActivating, false);
    }
}

void AppController::promptForFile(Transfer *transfer)
{
    if (!m_account)
        return;
    auto *prompt = new ReceivePrompt(*m_account, *transfer);
    prompt->setAttribute(Qt::WA_DeleteOnClose);
    connect(prompt, &ReceivePrompt::fileAccepted, this, [this] { showTransfers(false); });
    m_receivePrompts.removeAll(nullptr);
    m_receivePrompts.append(prompt);
    // Not activated: a key the user was typing elsewhere must not answer the offer.
    prompt->setAttribute(Qt::WA_ShowWithoutActivating);
    prompt->show();
    prompt->setAttribute(Qt::WA_ShowWithoutActivating, false);
    QApplication::alert(prompt);
    if (m_tray && !QApplication::activeWindow())
        m_tray->notifyFileOffer(*transfer);
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
    // The downloads folder has no change signal of its own: applied when the dialog closes.
    connect(dialog, &QObject::destroyed, this, &AppController::applySettings);
    present(dialog);
}

void AppController::showRoomBrowser()
{
    if (!m_account)
        return;
    auto *dialog = new RoomBrowserDialog(*m_account, m_mainWindow);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &RoomBrowserDialog::roomJoined, this,
            [this](Room *room) { present(windowFor(room)); });
    present(dialog);
}

void AppController::showCreateRoom()
{
    if (!m_account)
        return;
    auto *dialog = new CreateRoomDialog(*m_account, m_mainWindow);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &CreateRoomDialog::roomJoined, this,
            [this](Room *room) { present(windowFor(room)); });
    present(dialog);
}

void AppController::openRoom(const QString &roomJid)
{
    openRoomAt(roomJid, 0);
}

void AppController::openRoomAt(const QString &roomJid, qint64 messageId)
{
    if (!m_account)
        return;
    const auto show = [this, messageId](Room *room) {
        RoomWindow *window = windowFor(room);
        present(window);
        if (messageId != 0)
            window->transcript()->showMessage(messageId);
    };
    RoomService &rooms = m_account->rooms();
    if (Room *room = rooms.room(roomJid)) {
        show(room);
        return;
    }
    for (const RoomBookmark &bookmark : rooms.bookmarks()) {
        if (bookmark.jid.compare(roomJid, Qt::CaseInsensitive) == 0) {
            const QString nick = bookmark.nick.isEmpty() ? rooms.defaultNick() : bookmark.nick;
            if (Room *room = rooms.join(bookmark.jid, nick, bookmark.password))
                show(room);
            return;
        }
    }
    auto *dialog = new JoinRoomDialog(*m_account, roomJid, false, m_mainWindow);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &JoinRoomDialog::roomJoined, this, show);
    present(dialog);
}

void AppController::joinRoom(const QString &roomJid, const QString &nick, const QString &password)
{
    if (!m_account)
        return;
    if (Room *room = m_account->rooms().join(roomJid, nick, password))
        present(windowFor(room));
}

RoomWindow *AppController::windowFor(Room *room)
{
    const QString key = room->jid().toLower();
    RoomWindow *window = m_roomWindows.value(key);
    if (window && window->room() == room)
        return window;
    // A window left over from an earlier visit shows the old exit; the new one starts afresh
    // where the old one was.
    auto *fresh = new RoomWindow(*m_account, *room);
    fresh->setAttribute(Qt::WA_DeleteOnClose);
    if (window) {
        fresh->setGeometry(window->geometry());
        // Later: its Join Again button may be what led here.
        window->hide();
        window->deleteLater();
    }
    window = fresh;
    connect(window, &RoomWindow::privateChatRequested, this, &AppController::openChat);
    connect(window, &RoomWindow::joinAgainRequested, this, &AppController::joinRoom);
    m_roomWindows.insert(key, window);
    return window;
}

void AppController::showInvitation(const RoomInvitation &invitation)
{
    if (!m_account)
        return;
    auto *prompt = new InvitationPrompt(*m_account, invitation, m_mainWindow);
    prompt->setAttribute(Qt::WA_DeleteOnClose);
    connect(prompt, &InvitationPrompt::joinRequested, this, [this](const RoomInvitation &accepted) {
        if (m_account)
            joinRoom(accepted.room, m_account->rooms().defaultNick(), accepted.password);
    });
    prompt->show();
    QApplication::alert(prompt);
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

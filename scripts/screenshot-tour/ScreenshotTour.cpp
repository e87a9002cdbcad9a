#include "ScreenshotTour.h"

#include "AppController.h"
#include "chat/ChatTab.h"
#include "chat/ChatWindow.h"
#include "chat/MessageInput.h"
#include "chat/TranscriptView.h"
#include "client/ClientAccount.h"
#include "client/ClientSettings.h"
#include "client/Conversation.h"
#include "client/ConversationListModel.h"
#include "client/ConversationManager.h"
#include "client/MessageListModel.h"
#include "client/PresenceManager.h"
#include "client/ProfileManager.h"
#include "client/RoomService.h"
#include "client/RosterManager.h"
#include "client/RosterModel.h"
#include "client/SubscriptionRequestModel.h"
#include "client/TransferService.h"
#include "login/CertificateDialog.h"
#include "login/LoginController.h"
#include "login/LoginDialog.h"
#include "rooms/CreateRoomDialog.h"
#include "rooms/InvitationPrompt.h"
#include "rooms/RoomBrowserDialog.h"
#include "rooms/RoomWindow.h"
#include "roster/MainWindow.h"
#include "transfers/ReceivePrompt.h"
#include "transfers/TransfersWindow.h"
#include "tray/TrayIcon.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QContextMenuEvent>
#include <QDeadlineTimer>
#include <QDialog>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QMenu>
#include <QPainter>
#include <QPainterPath>
#include <QScreen>
#include <QStackedWidget>
#include <QSystemTrayIcon>
#include <QTabWidget>
#include <QTableWidget>
#include <QTest>
#include <QTreeView>
#include <QTreeWidget>

#include <algorithm>
#include <cstdio>

using namespace Qt::StringLiterals;

namespace flint::ui {
namespace {

struct TourFailure {
    QString why;
};

// The pictures are committed: PNG's strongest compression (Qt's "quality" 0).
constexpr int SmallestPng = 0;

// How long a server may take to answer on a loaded machine.
constexpr int ServerTimeoutMs = 30000;

// The settings pages in SettingsDialog's order, named for the file names.
const QStringList SettingsPages = {u"general"_s, u"appearance"_s, u"notifications"_s, u"presence"_s,
                                   u"files"_s};

void clear(QLineEdit *edit)
{
    edit->setFocus();
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Backspace);
}

void typeInto(QLineEdit *edit, const QString &text)
{
    clear(edit);
    QTest::keyClicks(edit, text);
}

// A photograph-like picture to crop: a sky, hills and a sun, larger than any avatar.
QImage samplePicture()
{
    QImage image(1200, 800, QImage::Format_RGB32);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    QLinearGradient sky(0, 0, 0, 800);
    sky.setColorAt(0, QColor(0x4f, 0x8c, 0xf7));
    sky.setColorAt(1, QColor(0xf7, 0xc2, 0x8c));
    painter.fillRect(image.rect(), sky);
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(0xff, 0xe0, 0x8a));
    painter.drawEllipse(QPointF(820, 300), 110, 110);
    QPainterPath far;
    far.moveTo(0, 560);
    far.cubicTo(300, 380, 600, 620, 1200, 470);
    far.lineTo(1200, 800);
    far.lineTo(0, 800);
    painter.setBrush(QColor(0x3c, 0x7e, 0x6a));
    painter.drawPath(far);
    QPainterPath near;
    near.moveTo(0, 700);
    near.cubicTo(400, 560, 800, 760, 1200, 640);
    near.lineTo(1200, 800);
    near.lineTo(0, 800);
    painter.setBrush(QColor(0x2b, 0x5e, 0x4c));
    painter.drawPath(near);
    return image;
}

} // namespace

ScreenshotTour::ScreenshotTour(Options options, ClientSettings &settings, AppController &app,
                               QObject *parent)
    : QObject(parent), m_options(std::move(options)), m_settings(settings), m_app(app)
{}

ScreenshotTour::~ScreenshotTour()
{
    if (m_peerAccount)
        m_peerAccount->logOut();
    for (const auto &colleague : m_colleagues)
        colleague->logOut();
}

int ScreenshotTour::run()
{
    struct Step {
        const char *screen;
        void (ScreenshotTour::*visit)();
        bool required; // the later screens need it
    };
    const Step steps[] = {
        {"login form", &ScreenshotTour::loginForm, false},
        {"login failure", &ScreenshotTour::loginFailure, false},
        {"certificate prompt", &ScreenshotTour::certificatePrompt, false},
        {"registration", &ScreenshotTour::registration, false},
        {"login", &ScreenshotTour::logIn, true},
        {"main window", &ScreenshotTour::mainWindow, false},
        {"add contact", &ScreenshotTour::addContact, false},
        {"contact menu", &ScreenshotTour::contactMenu, false},
        {"chat window", &ScreenshotTour::chat, false},
        {"history", &ScreenshotTour::history, false},
        {"own profile", &ScreenshotTour::ownProfile, false},
        {"contact card", &ScreenshotTour::contactCard, false},
        {"directory search", &ScreenshotTour::directory, false},
        {"settings", &ScreenshotTour::settings, false},
        {"tray", &ScreenshotTour::tray, false},
        {"rooms", &ScreenshotTour::rooms, false},
        {"file transfers", &ScreenshotTour::fileTransfers, false},
    };
    if (!QDir().mkpath(m_options.outDir)) {
        std::fprintf(stderr, "screenshot-tour: cannot create %s\n", qPrintable(m_options.outDir));
        return 1;
    }
    QStringList failures;
    for (const Step &step : steps) {
        try {
            (this->*step.visit)();
        } catch (const TourFailure &failure) {
            failures << u"%1: %2"_s.arg(QString::fromLatin1(step.screen), failure.why);
            std::fprintf(stderr, "screenshot-tour: could not reach the %s screen: %s\n",
                         step.screen, qPrintable(failure.why));
            if (step.required)
                break;
        }
        closeStrayWindows();
    }
    std::fprintf(stderr, "screenshot-tour: %lld pictures in %s\n", qlonglong(m_saved.size()),
                 qPrintable(m_options.outDir));
    if (failures.isEmpty())
        return 0;
    std::fprintf(stderr, "screenshot-tour: %lld screens missing:\n  %s\n",
                 qlonglong(failures.size()), qPrintable(failures.join(u"\n  "_s)));
    return 1;
}

// ---------------------------------------------------------------------------------------------
// Logging in

void ScreenshotTour::showLoginAdvanced(bool show)
{
    LoginDialog &dialog = m_app.login().dialog();
    auto *host = child<QWidget>(&dialog, u"hostEdit"_s);
    if (host->isVisible() == show)
        return;
    QTest::mouseClick(child<QAbstractButton>(&dialog, u"advancedToggle"_s), Qt::LeftButton);
    waitFor([&] { return host->isVisible() == show; },
            show ? u"the Advanced section"_s : u"the Advanced section closed"_s);
}

void ScreenshotTour::loginFailure()
{
    LoginDialog &dialog = m_app.login().dialog();
    waitFor([&] { return dialog.isVisible(); }, u"the login dialog"_s);
    auto *failure = child<QWidget>(&dialog, u"failureBox"_s);
    typeInto(child<QLineEdit>(&dialog, u"passwordEdit"_s), m_options.password + u"!"_s);
    QTest::mouseClick(child<QAbstractButton>(&dialog, u"loginButton"_s), Qt::LeftButton);
    waitFor([&] { return failure->isVisible() && !dialog.isBusy(); },
            u"the failure message of a wrong password"_s, ServerTimeoutMs);
    save(&dialog, u"03-login-failure"_s);
}

void ScreenshotTour::certificatePrompt()
{
    // Certificates are pinned per account: logging in as someone else meets the server's
    // certificate for the first time, as a new user of this computer would.
    LoginDialog &dialog = m_app.login().dialog();
    auto *username = child<QLineEdit>(&dialog, u"usernameEdit"_s);
    const QString ownUsername = username->text();
    typeInto(username, u"admin"_s);
    typeInto(child<QLineEdit>(&dialog, u"passwordEdit"_s), u"not needed"_s);
    QTest::mouseClick(child<QAbstractButton>(&dialog, u"loginButton"_s), Qt::LeftButton);
    auto *prompt = window<CertificateDialog>();
    save(prompt, u"04-certificate-prompt"_s);
    prompt->reject();
    waitFor([&] { return !prompt->isVisible() && !dialog.isBusy(); },
            u"the login screen after refusing the certificate"_s, ServerTimeoutMs);
    typeInto(username, ownUsername);
}

void ScreenshotTour::loginForm()
{
    LoginDialog &dialog = m_app.login().dialog();
    waitFor([&] { return dialog.isVisible(); }, u"the login dialog"_s);
    // The profile's host and port open the Advanced section; the user closes it.
    showLoginAdvanced(false);
    typeInto(child<QLineEdit>(&dialog, u"passwordEdit"_s), m_options.password);
    save(&dialog, u"01-login"_s);
    showLoginAdvanced(true);
    save(&dialog, u"02-login-advanced"_s);
    showLoginAdvanced(false);
}

void ScreenshotTour::registration()
{
    LoginDialog &dialog = m_app.login().dialog();
    QTest::mouseClick(child<QAbstractButton>(&dialog, u"registerButton"_s), Qt::LeftButton);
    auto *form = window<QDialog>(u"registerDialog"_s);
    auto *create = child<QAbstractButton>(form, u"createButton"_s);
    // In-band: a new colleague signs up, and mistypes the confirmation.
    typeInto(child<QLineEdit>(form, u"usernameEdit"_s), u"jun.wu"_s);
    typeInto(child<QLineEdit>(form, u"passwordEdit"_s), u"correct horse battery"_s);
    typeInto(child<QLineEdit>(form, u"confirmEdit"_s), u"correct horse batery"_s);
    QTest::mouseClick(create, Qt::LeftButton);
    waitFor(
        [&] {
            auto *error = form->findChild<QLabel *>(u"confirmError"_s);
            return error && error->isVisible();
        },
        u"the inline \"passwords differ\" message"_s);
    save(form, u"05-register"_s);

    // Admin mode: IT creates the account for someone else, and forgets its own password.
    typeInto(child<QLineEdit>(form, u"confirmEdit"_s), u"correct horse battery"_s);
    QTest::mouseClick(child<QAbstractButton>(form, u"adminCheck"_s), Qt::LeftButton);
    auto *adminUsername = child<QLineEdit>(form, u"adminUsernameEdit"_s);
    waitFor([&] { return adminUsername->isVisible(); }, u"the administrator fields"_s);
    typeInto(adminUsername, u"admin"_s);
    QTest::mouseClick(create, Qt::LeftButton);
    waitFor(
        [&] {
            auto *error = form->findChild<QLabel *>(u"adminPasswordError"_s);
            return error && error->isVisible();
        },
        u"the inline \"administrator password missing\" message"_s);
    save(form, u"06-register-admin"_s);
    form->reject();
    waitFor([&] { return !form->isVisible(); }, u"the register dialog closed"_s);
}

void ScreenshotTour::logIn()
{
    LoginDialog &dialog = m_app.login().dialog();
    waitFor([&] { return dialog.isVisible(); }, u"the login dialog"_s);
    typeInto(child<QLineEdit>(&dialog, u"passwordEdit"_s), m_options.password);
    QTest::mouseClick(child<QAbstractButton>(&dialog, u"loginButton"_s), Qt::LeftButton);
    try {
        waitFor([&] { return m_app.mainWindow() && m_app.mainWindow()->isVisible(); },
                u"the main window"_s, ServerTimeoutMs);
    } catch (const TourFailure &failure) {
        auto *text = dialog.findChild<QLabel *>(u"failureText"_s);
        fail(u"%1; the login screen says: %2"_s.arg(failure.why, text ? text->text() : QString()));
    }
    ClientAccount &account = *m_app.account();
    waitFor([&] { return account.roster().isRosterReceived(); }, u"the roster"_s, ServerTimeoutMs);
    m_colleague = m_options.peerJid;
}

// ---------------------------------------------------------------------------------------------
// The main window

void ScreenshotTour::mainWindow()
{
    MainWindow *main = m_app.mainWindow();
    ClientAccount &account = *m_app.account();
    RosterModel &roster = account.roster().model();
    const auto contacts = [&] {
        QList<RosterContact> all;
        for (int g = 0; g < roster.rowCount(); ++g) {
            const QModelIndex group = roster.index(g, 0);
            for (int c = 0; c < roster.rowCount(group); ++c)
                all << roster.contact(
                    roster.index(c, 0, group).data(RosterModel::JidRole).toString());
        }
        return all;
    };
    waitFor(
        [&] {
            int available = 0;
            for (const RosterContact &contact : contacts())
                available += contact.resources.isEmpty() ? 0 : 1;
            return available >= 5;
        },
        u"colleagues online (is demo-data.py --stay running?)"_s, ServerTimeoutMs);
    waitFor([&] { return account.roster().requests().rowCount() > 0; },
            u"the pending subscription request"_s, ServerTimeoutMs);
    waitFor([&] { return child<QWidget>(main, u"subscriptionPrompt"_s)->isVisible(); },
            u"the subscription request banner"_s);
    waitFor([&] { return account.conversationList().totalUnreadCount() > 0; },
            u"unread offline messages"_s, ServerTimeoutMs);
    if (m_colleague.isEmpty()) {
        m_colleague =
            account.conversationList().index(0).data(ConversationListModel::PeerRole).toString();
    }
    waitFor(
        [&] {
            for (const RosterContact &contact : contacts()) {
                if (!contact.avatarHash.isEmpty() &&
                    !account.profiles().avatars().contains(contact.avatarHash))
                    return false;
            }
            return true;
        },
        u"the contacts' avatars"_s, ServerTimeoutMs);
    main->raise();
    main->activateWindow();
    settle(800);
    save(main, u"07-main-window"_s);
    const auto unreadBadges = [&] {
        return std::ranges::any_of(contacts(), [&](const RosterContact &contact) {
            return contactRow(contact.jid).data(RosterModel::UnreadCountRole).toInt() > 0;
        });
    };
    if (!unreadBadges())
        fail(u"no contact shows an unread badge (RosterModel's unread counts are not fed)"_s);
}

void ScreenshotTour::addContact()
{
    MainWindow *main = m_app.mainWindow();
    QTest::mouseClick(child<QAbstractButton>(main, u"addContactButton"_s), Qt::LeftButton);
    auto *dialog = window<QDialog>(u"addContactDialog"_s);
    typeInto(child<QLineEdit>(dialog, u"addressEdit"_s), u"jun.wu"_s);
    auto *status = child<QLabel>(dialog, u"statusLabel"_s);
    QTest::mouseClick(child<QAbstractButton>(dialog, u"addButton"_s), Qt::LeftButton);
    waitFor(
        [&] {
            return status->isVisible() && !status->text().isEmpty() &&
                   child<QAbstractButton>(dialog, u"addButton"_s)->isEnabled();
        },
        u"the \"no such user\" answer"_s, ServerTimeoutMs);
    save(dialog, u"08-add-contact"_s);
    dialog->reject();
}

QModelIndex ScreenshotTour::contactRow(const QString &jid) const
{
    auto *tree = child<QTreeView>(m_app.mainWindow(), u"contactTree"_s);
    const QAbstractItemModel *model = tree->model();
    for (int g = 0; g < model->rowCount(); ++g) {
        const QModelIndex group = model->index(g, 0);
        for (int c = 0; c < model->rowCount(group); ++c) {
            const QModelIndex contact = model->index(c, 0, group);
            if (contact.data(RosterModel::JidRole).toString() == jid)
                return contact;
        }
    }
    fail(u"%1 is not in the contact list"_s.arg(jid));
}

QMenu *ScreenshotTour::openContactMenu(const QString &jid)
{
    auto *tree = child<QTreeView>(m_app.mainWindow(), u"contactTree"_s);
    const QModelIndex row = contactRow(jid);
    tree->scrollTo(row);
    tree->setCurrentIndex(row);
    const QRect rect = tree->visualRect(row);
    const QPoint position(rect.left() + rect.width() / 3, rect.center().y());
    QContextMenuEvent event(QContextMenuEvent::Mouse, position,
                            tree->viewport()->mapToGlobal(position));
    QApplication::sendEvent(tree->viewport(), &event);
    return window<QMenu>(u"contactMenu"_s);
}

void ScreenshotTour::contactMenu()
{
    MainWindow *main = m_app.mainWindow();
    main->raise();
    QMenu *menu = openContactMenu(m_colleague);
    settle();
    saveScreenArea(main->frameGeometry().united(menu->frameGeometry()), u"09-contact-menu"_s);
    menu->close();
}

// ---------------------------------------------------------------------------------------------
// Chat

void ScreenshotTour::startPeer()
{
    m_peerTrust = std::make_unique<CertificateTrust>(m_scratch.filePath(u"peer-pins"_s));
    m_peerAccount = std::make_unique<ClientAccount>(m_options.peerJid,
                                                    m_scratch.filePath(u"peer"_s), *m_peerTrust);
    const AccountSettings settings{.jid = m_options.peerJid,
                                   .password = m_options.peerPassword,
                                   .address = loginAddress(),
                                   .resource = u"screenshot-tour"_s};
    // The peer is a second device of a colleague who is online already: same status.
    const RosterContact seen = m_app.account()->roster().model().contact(m_options.peerJid);
    if (!seen.resources.isEmpty())
        m_peerAccount->presence().setStatus(seen.resources.first().status);
    bool loggedIn = false;
    QString failure;
    connect(&m_peerAccount->session(), &AccountSession::certificateApprovalNeeded, this,
            [this, settings](const QString &jid, const QString &, const QSslCertificate &cert) {
                m_peerTrust->trustCertificate(jid, cert);
                m_peerAccount->logIn(settings);
            });
    connect(&m_peerAccount->session(), &AccountSession::loggedIn, this, [&] { loggedIn = true; });
    connect(&m_peerAccount->session(), &AccountSession::loginFailed, this,
            [&](const ConnectionError &error) {
                if (error.kind != ConnectionError::CertificateNotTrusted)
                    failure = describe(error);
            });
    m_peerAccount->logIn(settings);
    waitFor([&] { return loggedIn || !failure.isEmpty(); },
            u"the peer %1 logged in"_s.arg(m_options.peerJid), ServerTimeoutMs);
    disconnect(&m_peerAccount->session(), nullptr, this, nullptr);
    if (!loggedIn)
        fail(u"the peer %1 could not log in: %2"_s.arg(m_options.peerJid, failure));
    waitFor([&] { return m_peerAccount->roster().isRosterReceived(); }, u"the peer's roster"_s,
            ServerTimeoutMs);
}

void ScreenshotTour::chat()
{
    ClientAccount &account = *m_app.account();
    ChatWindow *chat = m_app.chatWindow();
    Conversation *conversation = account.conversations().conversation(m_colleague);
    if (!conversation)
        fail(u"no conversation with %1"_s.arg(m_colleague));
    // demo-data.py --stay delivers yesterday's messages a moment after the login.
    waitFor(
        [&] {
            const auto messages = account.history().messages(m_colleague, std::nullopt, 100);
            return std::ranges::any_of(messages, [](const HistoryMessage &message) {
                return message.timestamp.toLocalTime().date() < QDate::currentDate();
            });
        },
        u"yesterday's messages from %1"_s.arg(m_colleague), ServerTimeoutMs);
    waitFor([&] { return account.conversationList().rowCount() >= 3; }, u"several conversations"_s,
            ServerTimeoutMs);

    // Open it the way a user does: the contact selected in the list, then Enter.
    auto *tree = child<QTreeView>(m_app.mainWindow(), u"contactTree"_s);
    const QModelIndex row = contactRow(m_colleague);
    tree->scrollTo(row);
    tree->setFocus();
    tree->setCurrentIndex(row);
    QTest::keyClick(tree, Qt::Key_Return);
    try {
        waitFor(
            [&] {
                return chat->isVisible() && chat->currentTab() &&
                       chat->currentTab()->peer() == m_colleague;
            },
            u"the chat window on %1"_s.arg(m_colleague));
    } catch (const TourFailure &failure) {
        fail(u"%1 (window visible: %2, current tab: %3)"_s.arg(
            failure.why, chat->isVisible() ? u"yes"_s : u"no"_s,
            chat->currentTab() ? chat->currentTab()->peer() : u"none"_s));
    }
    waitFor([&] { return child<QTabWidget>(chat, u"chatTabs"_s)->count() >= 3; },
            u"several tabs"_s);
    ChatTab *tab = chat->currentTab();
    chat->raise();
    chat->activateWindow();

    Conversation *peerSide = nullptr;
    if (!m_options.peerJid.isEmpty())
        startPeer();
    if (m_peerAccount)
        peerSide = m_peerAccount->conversations().conversation(account.bareJid());
    // The user answers, typing into the composer and sending with Enter.
    MessageInput *input = tab->input();
    input->setFocus();
    QTest::keyClicks(input, u"Looks good to me, I'll review the changelog before lunch."_s);
    QTest::keyClick(input, Qt::Key_Return);
    const auto lastOutgoing = [&] {
        const MessageListModel &messages = conversation->messages();
        for (int row = messages.rowCount() - 1; row >= 0; --row) {
            if (messages.message(row).direction == MessageDirection::Outgoing)
                return messages.message(row).delivery;
        }
        return DeliveryState::Failed;
    };
    if (peerSide) {
        waitFor([&] { return lastOutgoing() == DeliveryState::Delivered; },
                u"the delivery receipt of the answer"_s, ServerTimeoutMs);
        peerSide->setTyping(true);
        waitFor([&] { return conversation->peerChatState() == ChatState::Composing; },
                u"the colleague's typing notification"_s, ServerTimeoutMs);
        waitFor([&] { return child<QWidget>(tab, u"typingIndicator"_s)->isVisible(); },
                u"the typing indicator"_s);
    } else {
        waitFor([&] { return lastOutgoing() == DeliveryState::Sent; },
                u"the server's acceptance of the answer"_s, ServerTimeoutMs);
    }
    settle(800);
    save(chat, u"10-chat"_s);

    QTest::mouseClick(child<QAbstractButton>(tab, u"emojiButton"_s), Qt::LeftButton);
    auto *picker = window<QWidget>(u"emojiPicker"_s);
    settle();
    saveScreenArea(chat->frameGeometry().united(picker->frameGeometry()), u"11-emoji-picker"_s);
    picker->close();
    waitFor([&] { return !picker->isVisible(); }, u"the emoji picker closed"_s);

    QTest::mouseClick(child<QAbstractButton>(tab, u"searchButton"_s), Qt::LeftButton);
    auto *field = child<QLineEdit>(tab, u"searchField"_s);
    waitFor([&] { return field->isVisible(); }, u"the find bar"_s);
    QTest::keyClicks(field, u"release"_s);
    QTest::keyClick(field, Qt::Key_Return);
    auto *searchStatus = child<QLabel>(tab, u"searchStatus"_s);
    waitFor([&] { return !searchStatus->text().isEmpty(); }, u"a match in the conversation"_s);
    settle(500);
    save(chat, u"12-chat-search"_s);
    QTest::keyClick(field, Qt::Key_Escape);
    if (peerSide)
        peerSide->setTyping(false);
}

void ScreenshotTour::history()
{
    child<QAction>(m_app.mainWindow(), u"historyAction"_s)->trigger();
    auto *window = this->window<QWidget>(u"historyWindow"_s);
    auto *field = child<QLineEdit>(window, u"historySearchField"_s);
    QTest::keyClicks(field, u"release"_s);
    auto *results = child<QListView>(window, u"historyResults"_s);
    waitFor([&] { return results->isVisible() && results->model()->rowCount() > 0; },
            u"search hits in the history"_s);
    results->setCurrentIndex(results->model()->index(0, 0));
    settle(500);
    save(window, u"13-history"_s);
    window->close();
}

// ---------------------------------------------------------------------------------------------
// Profiles, directory, settings, tray

void ScreenshotTour::ownProfile()
{
    QTest::mouseClick(child<QAbstractButton>(m_app.mainWindow(), u"ownAvatarButton"_s),
                      Qt::LeftButton);
    auto *dialog = window<QDialog>(u"profileDialog"_s);
    auto *fullName = child<QLineEdit>(dialog, u"fullNameEdit"_s);
    waitFor([&] { return fullName->isEnabled() && !fullName->text().isEmpty(); },
            u"the user's own card from the server"_s, ServerTimeoutMs);
    settle(500);
    save(dialog, u"14-profile"_s);

    // A new picture: chosen in the file dialog, then cropped.
    const QString picture = m_scratch.filePath(u"holiday.jpg"_s);
    if (!samplePicture().save(picture, "JPG", 90))
        fail(u"cannot write %1"_s.arg(picture));
    QTest::mouseClick(child<QAbstractButton>(dialog, u"changePictureButton"_s), Qt::LeftButton);
    auto *files = window<QFileDialog>(u"pictureFileDialog"_s);
    files->selectFile(picture);
    // Open, as with a double click on the file (QFileDialog::accept() is protected).
    static_cast<QDialog *>(files)->accept();
    auto *crop = window<QDialog>(u"avatarCropDialog"_s);
    settle(500);
    save(crop, u"15-avatar-crop"_s);
    crop->reject();
    dialog->reject();
}

void ScreenshotTour::contactCard()
{
    QMenu *menu = openContactMenu(m_colleague);
    child<QAction>(menu, u"profileAction"_s)->trigger();
    menu->close();
    auto *dialog = window<QDialog>(u"contactCardDialog"_s);
    waitFor([&] { return !child<QLabel>(dialog, u"titleLabel"_s)->text().isEmpty(); },
            u"%1's card from the server"_s.arg(m_colleague), ServerTimeoutMs);
    settle(500);
    save(dialog, u"16-contact-card"_s);
    dialog->reject();
}

void ScreenshotTour::directory()
{
    child<QAction>(m_app.mainWindow(), u"directoryAction"_s)->trigger();
    auto *dialog = window<QDialog>(u"directorySearchDialog"_s);
    auto *query = child<QLineEdit>(dialog, u"searchEdit"_s);
    typeInto(query, u"an"_s);
    QTest::keyClick(query, Qt::Key_Return);
    auto *results = child<QTableWidget>(dialog, u"resultsTable"_s);
    waitFor([&] { return results->rowCount() > 0; }, u"directory results"_s, ServerTimeoutMs);
    results->selectRow(0);
    settle(500);
    save(dialog, u"17-directory"_s);
    dialog->reject();
}

void ScreenshotTour::settings()
{
    child<QAction>(m_app.mainWindow(), u"settingsAction"_s)->trigger();
    auto *dialog = window<QDialog>(u"settingsDialog"_s);
    auto *pageList = child<QListWidget>(dialog, u"pageList"_s);
    auto *pages = child<QStackedWidget>(dialog, u"pages"_s);
    for (int page = 0; page < pageList->count(); ++page) {
        const QRect item = pageList->visualItemRect(pageList->item(page));
        QTest::mouseClick(pageList->viewport(), Qt::LeftButton, {}, item.center());
        waitFor([&] { return pages->currentIndex() == page; }, u"settings page %1"_s.arg(page + 1));
        save(dialog,
             u"18-settings-%1-%2"_s.arg(page + 1).arg(SettingsPages.value(page, u"page"_s)));
    }
    dialog->reject();
}

void ScreenshotTour::tray()
{
    TrayIcon *tray = m_app.trayIcon();
    if (!tray)
        fail(u"no tray icon"_s);
    waitFor([&] { return tray->unreadCount() > 0; }, u"unread messages for the tray badge"_s);
    // The icon as a panel shows it, at the sizes trays use.
    const QPixmap icon = tray->iconPixmap();
    const qreal ratio = qApp->devicePixelRatio();
    const QList<int> sizes = {16, 22, 24, 32, 48, 64};
    const int gap = 12;
    int width = gap;
    for (int size : sizes)
        width += size + gap;
    QPixmap panel(QSize(width, 64 + 2 * gap) * ratio);
    panel.setDevicePixelRatio(ratio);
    panel.fill(QColor(0x2d, 0x2f, 0x33));
    {
        QPainter painter(&panel);
        painter.setRenderHint(QPainter::SmoothPixmapTransform);
        int x = gap;
        for (int size : sizes) {
            painter.drawPixmap(QRect(x, gap + (64 - size) / 2, size, size), icon);
            x += size + gap;
        }
    }
    const QString file = QDir(m_options.outDir).filePath(u"19-tray-icon.png"_s);
    if (!panel.save(file, "PNG", SmallestPng))
        fail(u"cannot write %1"_s.arg(file));
    m_saved << file;

    QMenu *menu = tray->systemTrayIcon().contextMenu();
    if (!menu)
        fail(u"the tray icon has no menu"_s);
    const QRect screen = QGuiApplication::primaryScreen()->availableGeometry();
    menu->popup(QPoint(screen.right() - menu->sizeHint().width() - 20, screen.top() + 20));
    waitFor([&] { return menu->isVisible(); }, u"the tray menu"_s);
    settle();
    saveScreenArea(menu->frameGeometry(), u"20-tray-menu"_s);
    menu->close();
}

// ---------------------------------------------------------------------------------------------
// Rooms

ClientAccount *ScreenshotTour::logInColleague(const QString &jid)
{
    auto account = std::make_unique<ClientAccount>(
        jid, m_scratch.filePath(u"colleague-%1"_s.arg(m_colleagues.size())), *m_peerTrust);
    const AccountSettings settings{.jid = jid,
                                   .password = m_options.peerPassword,
                                   .address = loginAddress(),
                                   .resource = u"screenshot-tour"_s};
    ClientAccount *colleague = account.get();
    bool loggedIn = false;
    connect(&colleague->session(), &AccountSession::certificateApprovalNeeded, this,
            [this, colleague, settings](const QString &who, const QString &,
                                        const QSslCertificate &certificate) {
                m_peerTrust->trustCertificate(who, certificate);
                colleague->logIn(settings);
            });
    connect(&colleague->session(), &AccountSession::loggedIn, this, [&] { loggedIn = true; });
    colleague->logIn(settings);
    waitFor([&] { return loggedIn; }, u"%1 logged in"_s.arg(jid), ServerTimeoutMs);
    disconnect(&colleague->session(), nullptr, this, nullptr);
    m_colleagues.push_back(std::move(account));
    return colleague;
}

void ScreenshotTour::rooms()
{
    if (m_options.peerJid.isEmpty())
        fail(u"the room screens need the peer account"_s);
    if (!m_peerAccount)
        startPeer();
    ClientAccount &account = *m_app.account();
    const auto firstName = [&](const QString &jid) {
        return account.displayName(jid).section(u' ', 0, 0);
    };

    // The user creates a room from the Rooms menu.
    child<QAction>(m_app.mainWindow(), u"createRoomAction"_s)->trigger();
    auto *create = window<CreateRoomDialog>(u"createRoomDialog"_s);
    typeInto(child<QLineEdit>(create, u"roomNameEdit"_s), u"Release Planning"_s);
    typeInto(child<QLineEdit>(create, u"roomDescriptionEdit"_s),
             u"Everything about shipping 2.4"_s);
    child<QCheckBox>(create, u"persistentCheck"_s)->setChecked(true);
    auto *createButton = child<QAbstractButton>(create, u"okButton"_s);
    waitFor([&] { return createButton->isEnabled(); }, u"a complete room form"_s);
    settle();
    save(create, u"21-room-create"_s);
    const QString roomJid = create->roomJid();
    QTest::mouseClick(createButton, Qt::LeftButton);
    waitFor(
        [&] {
            const RoomWindow *window = m_app.roomWindow(roomJid);
            return window && window->isVisible() && window->room() &&
                   window->room()->state() == Room::State::Joined;
        },
        u"the new room's window"_s, ServerTimeoutMs);
    RoomWindow *room = m_app.roomWindow(roomJid);

    // Colleagues come in and talk; the user answers and sets the subject.
    QList<ClientAccount *> guests{m_peerAccount.get()};
    const RosterModel &roster = account.roster().model();
    for (int group = 0; group < roster.rowCount() && guests.size() < 3; ++group) {
        const QModelIndex parent = roster.index(group, 0);
        for (int row = 0; row < roster.rowCount(parent) && guests.size() < 3; ++row) {
            const QModelIndex index = roster.index(row, 0, parent);
            const QString jid = index.data(RosterModel::JidRole).toString();
            const bool online = !roster.contact(jid).resources.isEmpty();
            if (online && jid != m_options.peerJid && jid != m_colleague)
                guests << logInColleague(jid);
        }
    }
    QList<Room *> guestRooms;
    for (ClientAccount *guest : std::as_const(guests)) {
        Room *guestRoom = guest->rooms().join(roomJid, firstName(guest->bareJid()));
        if (!guestRoom)
            fail(u"%1 could not join the room"_s.arg(guest->bareJid()));
        waitFor([&] { return guestRoom->state() == Room::State::Joined; },
                u"%1 in the room"_s.arg(guest->bareJid()), ServerTimeoutMs);
        guestRooms << guestRoom;
    }
    room->room()->setSubject(u"Code freeze Thursday, release Monday"_s);
    int sent = 0;
    guestRooms.first()->sendMessage(u"Morning! 2.4-rc2 is on the staging server."_s);
    ++sent;
    waitFor([&] { return room->transcript()->model()->rowCount() >= 1; },
            u"the colleague's message in the room"_s, ServerTimeoutMs);
    if (guestRooms.size() > 1) {
        guestRooms.at(1)->sendMessage(u"The release notes draft is in the wiki."_s);
        ++sent;
    }
    room->raise();
    room->activateWindow();
    room->input()->setFocus();
    QTest::keyClicks(room->input(), u"Thanks both. Let's freeze on Thursday as planned."_s);
    QTest::keyClick(room->input(), Qt::Key_Return);
    waitFor(
        [&] {
            return room->transcript()->model()->rowCount() >= sent + 1 &&
                   room->occupantList()->model()->rowCount() == guests.size() + 1;
        },
        u"the room's messages and participants"_s, ServerTimeoutMs);
    settle(800);
    save(room, u"22-room"_s);

    // The moderation menu on a colleague.
    QMenu *menu = room->createOccupantMenu(room->occupantList()->model()->rowCount() - 1);
    const QRect row = room->occupantList()->visualRect(
        room->occupantList()->model()->index(room->occupantList()->model()->rowCount() - 1, 0));
    menu->popup(room->occupantList()->viewport()->mapToGlobal(row.center()));
    waitFor([&] { return menu->isVisible(); }, u"the participant menu"_s);
    settle();
    saveScreenArea(room->frameGeometry().united(menu->frameGeometry()),
                   u"23-room-participant-menu"_s);
    menu->close();

    // The room browser lists it.
    child<QAction>(m_app.mainWindow(), u"browseRoomsAction"_s)->trigger();
    auto *browser = window<RoomBrowserDialog>(u"roomBrowserDialog"_s);
    waitFor([&] { return browser->roomList()->topLevelItemCount() > 0; }, u"listed rooms"_s,
            ServerTimeoutMs);
    settle(500);
    save(browser, u"24-room-browser"_s);
    browser->reject();

    // A colleague invites the user to another room.
    Room *review = m_peerAccount->rooms().join(u"design-review@"_s + roomJid.section(u'@', 1),
                                               firstName(m_options.peerJid));
    if (!review)
        fail(u"the colleague could not open a second room"_s);
    waitFor([&] { return review->state() == Room::State::Joined; }, u"the second room"_s,
            ServerTimeoutMs);
    review->invite(account.bareJid(), u"The mock-ups for the new login screen are up."_s);
    auto *prompt = window<InvitationPrompt>(u"invitationPrompt"_s);
    settle(500);
    save(prompt, u"25-room-invitation"_s);
    prompt->reject();

    // The colleague writes privately through the room, to the user's nick.
    Conversation *whisper =
        m_peerAccount->conversations().conversation(roomJid + u'/' + room->room()->nick());
    if (!whisper)
        fail(u"the colleague could not write privately in the room"_s);
    whisper->sendMessage(u"Do you have a minute before the freeze?"_s);
    const QString privateJid = roomJid + u'/' + guestRooms.first()->nick();
    ChatWindow *chat = m_app.chatWindow();
    waitFor([&] { return chat->tab(privateJid) != nullptr; }, u"the private chat's tab"_s,
            ServerTimeoutMs);
    chat->openConversation(privateJid);
    ChatTab *tab = chat->tab(privateJid);
    QTest::keyClicks(tab->input(), u"Sure, call me."_s);
    QTest::keyClick(tab->input(), Qt::Key_Return);
    waitFor([&] { return tab->transcript()->model()->rowCount() >= 2; },
            u"the private chat's messages"_s, ServerTimeoutMs);
    chat->raise();
    settle(800);
    save(chat, u"26-room-private-chat"_s);

    // Finding a word in the room's history.
    room->raise();
    room->activateWindow();
    room->showSearch();
    QTest::keyClicks(child<QLineEdit>(room, u"searchField"_s), u"freeze"_s);
    settle(500);
    save(room, u"27-room-search"_s);
    room->close();
}

void ScreenshotTour::fileTransfers()
{
    if (m_options.peerJid.isEmpty())
        fail(u"the file transfer screens need the peer account"_s);
    if (!m_peerAccount)
        startPeer();
    ClientAccount &account = *m_app.account();
    TransferService &peer = m_peerAccount->transfers();
    const QDir scratch(m_scratch.path());
    const auto sample = [&](const QString &name, qsizetype size) {
        QFile file(scratch.filePath(name));
        if (!file.open(QIODevice::WriteOnly) || file.write(QByteArray(size, 'x')) != size)
            fail(u"cannot write %1"_s.arg(file.fileName()));
        return file.fileName();
    };

    // The colleague sends a spreadsheet: the prompt, then the transfers window once accepted.
    if (!peer.sendFile(account.bareJid(), sample(u"Budget 2027.xlsx"_s, 2'400'000)))
        fail(u"the colleague could not send a file"_s);
    auto *prompt = window<ReceivePrompt>(u"receivePrompt"_s);
    settle(500);
    save(prompt, u"30-receive-prompt"_s);
    // Received files go to the scratch folder; the prompt shows the profile's downloads folder.
    scratch.mkpath(u"downloads"_s);
    account.transfers().setDownloadsDirectory(scratch.filePath(u"downloads"_s));
    QTest::mouseClick(child<QAbstractButton>(prompt, u"acceptButton"_s), Qt::LeftButton);
    waitFor([&] { return m_app.transfersWindow() && m_app.transfersWindow()->isVisible(); },
            u"the transfers window"_s);
    TransfersWindow *transfers = m_app.transfersWindow();
    const auto state = [&](const QString &name) {
        for (TransferRow *row : transfers->rows()) {
            if (row->transfer() && row->transfer()->fileName() == name)
                return row->transfer()->state();
        }
        return Transfer::State::Offered;
    };
    waitFor([&] { return state(u"Budget 2027.xlsx"_s) == Transfer::State::Finished; },
            u"the spreadsheet received"_s, ServerTimeoutMs);

    // The user sends two files back: one the colleague declines, one that is still on its way
    // (in-band, slow enough to be pictured running).
    connect(&peer, &TransferService::offerReceived, this, [this](Transfer *offer) {
        if (offer->fileName().endsWith(u".txt"_s))
            offer->decline();
        else
            offer->accept(QDir(m_scratch.path()).filePath(u"peer-"_s + offer->fileName()));
    });
    ChatWindow *chat = m_app.chatWindow();
    chat->openConversation(m_colleague);
    ChatTab *tab = chat->tab(m_colleague);
    tab->sendFiles({sample(u"Old notes.txt"_s, 12'000)});
    waitFor([&] { return state(u"Old notes.txt"_s) == Transfer::State::Failed; },
            u"the declined file"_s, ServerTimeoutMs);
    account.transfers().setSocks5Enabled(false);
    tab->sendFiles({sample(u"Design review.pptx"_s, 48'000'000)});
    Transfer *running = nullptr;
    waitFor(
        [&] {
            for (TransferRow *row : transfers->rows()) {
                if (row->transfer() && row->transfer()->fileName() == u"Design review.pptx"_s &&
                    row->transfer()->bytesTransferred() > 0)
                    running = row->transfer();
            }
            return running != nullptr;
        },
        u"the presentation on its way"_s, ServerTimeoutMs);
    transfers->raise();
    settle(1500);
    save(transfers, u"31-transfers"_s);

    // The received spreadsheet in the conversation, as a card to open.
    chat->raise();
    chat->activateWindow();
    tab->transcript()->scrollToLatest();
    settle(800);
    save(chat, u"32-chat-file"_s);

    running->cancel();
    account.transfers().setSocks5Enabled(true);
    disconnect(&peer, &TransferService::offerReceived, this, nullptr);
    transfers->close();
}

// ---------------------------------------------------------------------------------------------
// Helpers

QString ScreenshotTour::loginAddress() const
{
    const LoginPreferences login = m_settings.loginPreferences();
    const QString host = login.host.isEmpty() ? login.server.section(u':', 0, 0) : login.host;
    return login.port ? u"%1:%2"_s.arg(host).arg(login.port) : host;
}

void ScreenshotTour::closeStrayWindows()
{
    while (QWidget *popup = QApplication::activePopupWidget())
        popup->close();
    const QWidget *login = &m_app.login().dialog();
    for (QWidget *widget : QApplication::topLevelWidgets()) {
        auto *dialog = qobject_cast<QDialog *>(widget);
        if (dialog && dialog != login && dialog->isVisible())
            dialog->reject();
    }
    settle(100);
}

void ScreenshotTour::fail(const QString &why) const
{
    throw TourFailure{why};
}

void ScreenshotTour::waitFor(const std::function<bool()> &condition, const QString &what,
                             int timeoutMs) const
{
    const QDeadlineTimer deadline(timeoutMs);
    while (!condition()) {
        if (deadline.hasExpired())
            fail(u"timed out after %1 s waiting for %2"_s.arg(timeoutMs / 1000).arg(what));
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    }
}

void ScreenshotTour::settle(int ms) const
{
    const QDeadlineTimer deadline(ms);
    while (!deadline.hasExpired()) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    }
}

void ScreenshotTour::save(QWidget *widget, const QString &name)
{
    settle();
    const QString file = QDir(m_options.outDir).filePath(name + u".png"_s);
    if (!widget->grab().save(file, "PNG", SmallestPng))
        fail(u"cannot write %1"_s.arg(file));
    m_saved << file;
}

void ScreenshotTour::saveScreenArea(const QRect &area, const QString &name)
{
    const QString file = QDir(m_options.outDir).filePath(name + u".png"_s);
    QScreen *screen = QGuiApplication::screenAt(area.center());
    if (!screen)
        screen = QGuiApplication::primaryScreen();
    const QRect visible = area.intersected(screen->geometry());
    const QPixmap shot =
        screen->grabWindow(0, visible.x(), visible.y(), visible.width(), visible.height());
    if (shot.isNull() || !shot.save(file, "PNG", SmallestPng))
        fail(u"cannot grab the screen into %1"_s.arg(file));
    m_saved << file;
}

template <typename T> T *ScreenshotTour::child(QObject *parent, const QString &objectName) const
{
    T *found = parent->findChild<T *>(objectName);
    if (!found)
        fail(u"no %1 \"%2\" in %3"_s.arg(QString::fromLatin1(T::staticMetaObject.className()),
                                         objectName, parent->objectName()));
    return found;
}

template <typename T> T *ScreenshotTour::window(const QString &objectName) const
{
    T *found = nullptr;
    waitFor(
        [&] {
            for (QWidget *widget : QApplication::topLevelWidgets()) {
                auto *candidate = qobject_cast<T *>(widget);
                if (candidate && candidate->isVisible() &&
                    (objectName.isEmpty() || candidate->objectName() == objectName)) {
                    found = candidate;
                    return true;
                }
            }
            return false;
        },
        u"the window \"%1\""_s.arg(objectName));
    return found;
}

} // namespace flint::ui

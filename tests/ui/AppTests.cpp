// The whole desktop app as the user runs it (AppController with every window), two instances in
// one process against a real flint-server: logging in through the login screen, messages,
// typing and presence between them, the tray's unread count, logging out, and switching the
// language at runtime.
#include "AppController.h"
#include "UiTestSupport.h"
#include "chat/ChatWindow.h"
#include "client/ClientAccount.h"
#include "client/Conversation.h"
#include "client/ConversationManager.h"
#include "client/MessageListModel.h"
#include "client/PresenceManager.h"
#include "client/RosterManager.h"
#include "client/RosterModel.h"
#include "common/LanguageManager.h"
#include "login/LoginController.h"
#include "login/LoginDialog.h"
#include "roster/MainWindow.h"
#include "tray/TrayIcon.h"

#include <catch2/catch.hpp>

#include <QAbstractButton>
#include <QLabel>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QPointer>
#include <QTest>

#include <memory>

using namespace flint;
using namespace flint::test;
using namespace flint::ui;
using namespace Qt::StringLiterals;

namespace {

// One running app: its own profile directory (settings, pinned certificate, history) and an
// AppController, logged in through its login screen.
class App {
public:
    // `resource`: what the login screen's Advanced section says (empty: a random one).
    App(UiServer &server, const QString &name, const QString &resource = {})
        : m_server(server), m_name(name)
    {
        m_settings = std::make_unique<ClientSettings>(m_dir.filePath(u"flint.ini"_s));
        LoginPreferences login;
        login.username = name;
        login.resource = resource;
        login.server = server.server().domain();
        login.host = u"127.0.0.1"_s;
        login.port = server.server().port();
        m_settings->setLoginPreferences(login);
        CertificateTrust(m_dir.filePath(u"pinned-certificates"_s))
            .trustCertificate(server.jid(name), server.certificate());
        m_controller = std::make_unique<AppController>(*m_settings, m_languages, m_dir.path());
    }

    bool logIn()
    {
        m_controller->start();
        LoginDialog &dialog = m_controller->login().dialog();
        dialog.setCredentials(m_server.jid(m_name), UiServer::password(m_name));
        auto *button = dialog.findChild<QAbstractButton *>(u"loginButton"_s);
        if (!button)
            return false;
        QTest::mouseClick(button, Qt::LeftButton);
        return waitFor([this] { return m_controller->account() != nullptr; }, 20000) &&
               waitFor([this] { return m_controller->account()->roster().isRosterReceived(); });
    }

    AppController &controller() const { return *m_controller; }
    ClientAccount &account() const { return *m_controller->account(); }
    ClientSettings &settings() const { return *m_settings; }

private:
    UiServer &m_server;
    QString m_name;
    QTemporaryDir m_dir;
    LanguageManager m_languages;
    std::unique_ptr<ClientSettings> m_settings;
    std::unique_ptr<AppController> m_controller;
};

// The unread count the roster shows next to `jid`, or -1 when no row shows the contact.
int rosterUnread(const RosterModel &model, const QString &jid)
{
    for (int group = 0; group < model.rowCount(); ++group) {
        const QModelIndex parent = model.index(group, 0);
        for (int row = 0; row < model.rowCount(parent); ++row) {
            const QModelIndex index = model.index(row, 0, parent);
            if (index.data(RosterModel::JidRole).toString() == jid)
                return index.data(RosterModel::UnreadCountRole).toInt();
        }
    }
    return -1;
}

// Makes `a` and `b` mutual contacts through their own roster managers.
bool befriend(App &a, App &b, const QString &bJid, const QString &aJid)
{
    QObject::connect(&b.account().roster(), &RosterManager::subscriptionRequestReceived,
                     &b.account().roster(),
                     [&b](const QString &jid) { b.account().roster().acceptSubscription(jid); });
    a.account().roster().addContact(bJid);
    return waitFor([&] {
        return a.account().roster().model().contact(bJid).subscription == RosterContact::Both &&
               b.account().roster().model().contact(aJid).subscription == RosterContact::Both;
    });
}

} // namespace

TEST_CASE("Two app instances log in, chat, see typing, presence and unread counts", "[ui][app]")
{
    UiServer server;
    REQUIRE(server.start({u"alice"_s, u"bob"_s}));
    App alice(server, u"alice"_s);
    App bob(server, u"bob"_s);
    // Bob's chat window stays hidden: the offscreen platform activates every window it shows,
    // which would read the messages whose unread counts this test follows.
    bob.settings().setOpenChatOnMessage(false);
    REQUIRE(alice.logIn());
    REQUIRE(bob.logIn());
    REQUIRE(alice.controller().mainWindow()->isVisible());
    const QString aliceJid = server.jid(u"alice"_s), bobJid = server.jid(u"bob"_s);
    REQUIRE(befriend(alice, bob, bobJid, aliceJid));

    // Presence: bob goes busy, alice's roster shows it.
    bob.account().presence().setStatus({PresenceStatus::DoNotDisturb, u"in a meeting"_s});
    REQUIRE(waitFor([&] {
        const RosterContact contact = alice.account().roster().model().contact(bobJid);
        return !contact.resources.isEmpty() &&
               contact.resources.first().status.availability == PresenceStatus::DoNotDisturb &&
               contact.resources.first().status.text == u"in a meeting"_s;
    }));

    // Alice opens a chat with bob and types: bob's app opens a tab and shows the typing.
    alice.controller().openChat(bobJid);
    ChatWindow *aliceChat = alice.controller().chatWindow();
    REQUIRE(waitFor([&] { return aliceChat->isVisible(); }));
    auto *input = aliceChat->findChild<QPlainTextEdit *>(u"messageInput"_s);
    REQUIRE(input);
    QTest::keyClicks(input, u"Hello Bob"_s);
    Conversation *bobSide = bob.account().conversations().conversation(aliceJid);
    REQUIRE(waitFor([&] { return bobSide->peerChatState() == ChatState::Composing; }));
    QTest::keyClick(input, Qt::Key_Return);
    REQUIRE(waitFor([&] { return bobSide->messages().rowCount() == 1; }));
    CHECK(bobSide->messages().message(0).body == u"Hello Bob"_s);
    CHECK(input->toPlainText().isEmpty());

    // Bob's app opened a tab without taking the focus; his tray counts the unread message.
    TrayIcon *bobTray = bob.controller().trayIcon();
    REQUIRE(waitFor([&] { return bobTray->unreadCount() == 1; }));
    CHECK(bobTray->toolTip().contains(u'1'));
    CHECK_FALSE(bob.controller().chatWindow()->isConversationVisible(aliceJid));
    alice.account().conversations().conversation(bobJid)->sendMessage(u"Second"_s);
    REQUIRE(waitFor([&] { return bobTray->unreadCount() == 2; }));
    const RosterModel &bobRoster = bob.account().roster().model();
    CHECK(rosterUnread(bobRoster, aliceJid) == 2); // the badge in bob's contact list
    bob.controller().openChat(aliceJid);
    bobSide->markRead();
    REQUIRE(waitFor([&] { return bobTray->unreadCount() == 0; }));
    CHECK(rosterUnread(bobRoster, aliceJid) == 0);

    // Logging out returns to the login screen and alice sees bob go offline.
    bob.controller().logOut();
    CHECK(bob.controller().account() == nullptr);
    CHECK(bob.controller().login().dialog().isVisible());
    REQUIRE(waitFor(
        [&] { return alice.account().roster().model().contact(bobJid).resources.isEmpty(); }));
}

TEST_CASE("A session taken over by another login returns to the login screen with the reason",
          "[ui][app]")
{
    UiServer server;
    REQUIRE(server.start({u"alice"_s}));
    App office(server, u"alice"_s, u"desk"_s);
    App laptop(server, u"alice"_s, u"desk"_s);
    REQUIRE(office.logIn());
    QPointer<MainWindow> officeWindow = office.controller().mainWindow();

    // The same account and resource from elsewhere: the server replaces the first session
    // (RFC 6120 <conflict/>), which cannot be fixed by reconnecting.
    REQUIRE(laptop.logIn());
    REQUIRE(waitFor([&] { return office.controller().account() == nullptr; }));
    CHECK(officeWindow.isNull());
    LoginDialog &dialog = office.controller().login().dialog();
    CHECK(dialog.isVisible());
    auto *failure = dialog.findChild<QLabel *>(u"failureText"_s);
    REQUIRE(failure);
    CHECK(failure->text() == describe(ConnectionError{ConnectionError::SessionReplaced, {}}));
    // The other login goes on undisturbed.
    CHECK(laptop.account().session().state() == AccountSession::Connected);
}

TEST_CASE("A new conversation brings up the chat window when the user wants it", "[ui][app]")
{
    UiServer server;
    REQUIRE(server.start({u"alice"_s, u"bob"_s}));
    App alice(server, u"alice"_s);
    App bob(server, u"bob"_s);
    REQUIRE(bob.settings().openChatOnMessage()); // the default, as in Spark
    REQUIRE(alice.logIn());
    REQUIRE(bob.logIn());
    const QString aliceJid = server.jid(u"alice"_s), bobJid = server.jid(u"bob"_s);
    ChatWindow *bobChat = bob.controller().chatWindow();
    REQUIRE_FALSE(bobChat->isVisible());

    alice.account().conversations().conversation(bobJid)->sendMessage(u"Are you there?"_s);
    REQUIRE(waitFor([&] { return bobChat->isVisible(); }));
    CHECK(bobChat->tab(aliceJid) != nullptr);
}

TEST_CASE("Switching the language to Chinese retitles the open windows at once", "[ui][app]")
{
    UiServer server;
    REQUIRE(server.start({u"alice"_s}));
    App alice(server, u"alice"_s);
    alice.settings().setLanguage(u"en"_s);
    REQUIRE(alice.logIn());
    MainWindow *window = alice.controller().mainWindow();
    const QString englishTitle = window->windowTitle();
    const QString englishMenu = window->menuBar()->actions().value(0)->text();

    // Qt posts the LanguageChange events to the windows.
    alice.settings().setLanguage(u"zh_CN"_s);
    REQUIRE(waitFor([&] { return window->windowTitle() != englishTitle; }));
    CHECK(window->menuBar()->actions().value(0)->text() != englishMenu);
    // Chinese text, not just a changed English one.
    const QString title = window->windowTitle();
    CHECK(std::any_of(title.begin(), title.end(),
                      [](QChar c) { return c.script() == QChar::Script_Han; }));

    alice.settings().setLanguage(u"en"_s);
    REQUIRE(waitFor([&] { return window->windowTitle() == englishTitle; }));
}

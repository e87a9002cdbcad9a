// Group chat rooms driven like a user would, against a real flint-server and its room service:
// creating a configured room from the Rooms menu, finding it in the room browser and joining
// it, messages both ways with nicks, the participant list by role, the subject, the owner's
// settings, kicking from the participant menu with the banner the kicked user sees, an
// invitation whose prompt opens the room, rejoining after the server was away, a file dropped
// on the room, a password asked for by the join dialog, the tray's count and notifications, the
// room window's find bar, and the History window finding a room's message and opening the room.
#include "AppController.h"
#include "UiTestSupport.h"
#include "chat/ChatTab.h"
#include "chat/ChatWindow.h"
#include "chat/MessageInput.h"
#include "chat/TranscriptView.h"
#include "client/ClientAccount.h"
#include "client/Conversation.h"
#include "client/ConversationListModel.h"
#include "client/ConversationManager.h"
#include "client/MessageListModel.h"
#include "client/RoomService.h"
#include "client/RosterManager.h"
#include "client/TransferService.h"
#include "common/LanguageManager.h"
#include "history/HistoryWindow.h"
#include "login/LoginController.h"
#include "login/LoginDialog.h"
#include "rooms/CreateRoomDialog.h"
#include "rooms/InvitationPrompt.h"
#include "rooms/InviteDialog.h"
#include "rooms/JoinRoomDialog.h"
#include "rooms/OccupantDelegate.h"
#include "rooms/RoomBrowserDialog.h"
#include "rooms/RoomWindow.h"
#include "roster/MainWindow.h"
#include "tray/TrayIcon.h"

#include <catch2/catch.hpp>

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QDropEvent>
#include <QFile>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QMimeData>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTest>
#include <QToolButton>
#include <QTreeWidget>

#include <memory>

using namespace flint;
using namespace flint::test;
using namespace flint::ui;
using namespace Qt::StringLiterals;

namespace {

// Server answers on two loaded cores: generous, bounded.
constexpr int Timeout = 20000;

// One running app (AppController) logged in through its login screen, as AppTests does.
class App {
public:
    App(UiServer &server, const QString &name) : m_server(server), m_name(name)
    {
        m_settings = std::make_unique<ClientSettings>(m_dir.filePath(u"flint.ini"_s));
        LoginPreferences login;
        login.username = name;
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
        return waitFor([this] { return m_controller->account() != nullptr; }, Timeout) &&
               waitFor([this] { return m_controller->account()->roster().isRosterReceived(); },
                       Timeout);
    }

    AppController &controller() const { return *m_controller; }
    ClientAccount &account() const { return *m_controller->account(); }

private:
    UiServer &m_server;
    QString m_name;
    QTemporaryDir m_dir;
    LanguageManager m_languages;
    std::unique_ptr<ClientSettings> m_settings;
    std::unique_ptr<AppController> m_controller;
};

// A visible window of type T with that object name (a child of `parent` when given); null when
// none.
template <typename T> T *visibleWindow(const QString &objectName, QWidget *parent = nullptr)
{
    for (QWidget *widget : QApplication::topLevelWidgets()) {
        auto *window = qobject_cast<T *>(widget);
        if (window && window->isVisible() && window->objectName() == objectName &&
            (!parent || window->parentWidget() == parent))
            return window;
    }
    return nullptr;
}

template <typename T> T *waitForWindow(const QString &objectName, QWidget *parent = nullptr)
{
    T *found = nullptr;
    waitFor([&] { return (found = visibleWindow<T>(objectName, parent)) != nullptr; }, Timeout);
    return found;
}

QString serviceOf(const ClientAccount &account)
{
    waitFor([&] { return !account.rooms().serviceJid().isEmpty(); }, Timeout);
    return account.rooms().serviceJid();
}

void typeInto(QLineEdit *edit, const QString &text)
{
    edit->setFocus();
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Backspace);
    QTest::keyClicks(edit, text);
}

// The rows of a room's transcript as "nick: body" (own messages as "me: body").
QStringList transcriptLines(const RoomWindow &window)
{
    QStringList lines;
    const QAbstractItemModel *model = window.transcript()->model();
    for (int row = 0; model && row < model->rowCount(); ++row) {
        const QModelIndex index = model->index(row, 0);
        const bool outgoing = index.data(MessageListModel::OutgoingRole).toBool();
        const QString sender = index.data(MessageListModel::SenderRole).toString();
        lines << (outgoing ? u"me"_s : sender.section(u'/', 1)) + u": "_s +
                     index.data(MessageListModel::BodyRole).toString();
    }
    return lines;
}

void sendInRoom(RoomWindow &window, const QString &text)
{
    QTest::keyClicks(window.input(), text);
    QTest::keyClick(window.input(), Qt::Key_Return);
}

int occupantRow(const RoomWindow &window, const QString &nick)
{
    const QAbstractItemModel *model = window.occupantList()->model();
    for (int row = 0; model && row < model->rowCount(); ++row) {
        if (model->index(row, 0).data(RoomOccupantModel::NickRole).toString() == nick)
            return row;
    }
    return -1;
}

RoomOccupant occupantAt(const RoomWindow &window, int row)
{
    return window.occupantList()
        ->model()
        ->index(row, 0)
        .data(RoomOccupantModel::OccupantRole)
        .value<RoomOccupant>();
}

// Messages heard in a room on earlier visits, oldest first, ten minutes apart, the last one an
// hour ago: `count` of them from carol, the one at `needleRow` saying `needle`.
QList<HistoryMessage> pastRoomMessages(const QString &roomJid, int count, int needleRow,
                                       const QString &needle)
{
    const QDateTime start = QDateTime::currentDateTimeUtc().addSecs(-3600 - count * 600);
    QList<HistoryMessage> messages;
    for (int i = 0; i < count; ++i)
        messages.append({.peer = roomJid,
                         .kind = ConversationKind::GroupChat,
                         .stanzaId = u"past-%1"_s.arg(i),
                         .direction = MessageDirection::Incoming,
                         .sender = roomJid + u"/carol"_s,
                         .body = i == needleRow ? needle : u"Ticket %1 is closed"_s.arg(i),
                         .timestamp = start.addSecs(i * 600)});
    return messages;
}

qint64 currentMessageId(const RoomWindow &window)
{
    return window.transcript()->currentIndex().data(MessageListModel::IdRole).toLongLong();
}

// Joins `roomJid` as `nick` through the core and opens its window, as AppController does.
std::unique_ptr<RoomWindow> joinedWindow(ClientAccount &account, const QString &roomJid,
                                         const QString &nick)
{
    Room *room = account.rooms().join(roomJid, nick);
    if (!room || !waitFor([&] { return room->state() == Room::State::Joined; }, Timeout))
        return nullptr;
    auto window = std::make_unique<RoomWindow>(account, *room);
    window->show();
    return window;
}

} // namespace

TEST_CASE("A room created from the Rooms menu is found in the browser, joined, "
          "and talked in",
          "[ui][rooms]")
{
    UiServer server;
    REQUIRE(server.start({u"alice"_s, u"bob"_s}));
    App alice(server, u"alice"_s);
    App bob(server, u"bob"_s);
    REQUIRE(alice.logIn());
    REQUIRE(bob.logIn());
    const QString service = serviceOf(alice.account());
    REQUIRE_FALSE(service.isEmpty());
    const QString roomJid = u"release-planning@"_s + service;

    // alice creates a configured room from the Rooms menu.
    MainWindow *aliceMain = alice.controller().mainWindow();
    REQUIRE(aliceMain);
    auto *createAction = aliceMain->findChild<QAction *>(u"createRoomAction"_s);
    REQUIRE(createAction);
    createAction->trigger();
    auto *create = waitForWindow<CreateRoomDialog>(u"createRoomDialog"_s);
    REQUIRE(create);
    auto *okButton = create->findChild<QAbstractButton *>(u"okButton"_s);
    CHECK_FALSE(okButton->isEnabled());
    typeInto(create->findChild<QLineEdit *>(u"roomNameEdit"_s), u"Release Planning"_s);
    CHECK(create->findChild<QLineEdit *>(u"roomAddressEdit"_s)->text() == u"release-planning"_s);
    CHECK(create->roomJid() == roomJid);
    typeInto(create->findChild<QLineEdit *>(u"roomDescriptionEdit"_s),
             u"Weekly release coordination"_s);
    create->findChild<QCheckBox *>(u"persistentCheck"_s)->setChecked(true);
    create->findChild<QSpinBox *>(u"historySpin"_s)->setValue(15);
    CHECK(create->findChild<QCheckBox *>(u"publicCheck"_s)->isChecked());
    saveGrab(*create, u"rooms-create"_s);
    REQUIRE(okButton->isEnabled());
    QTest::mouseClick(okButton, Qt::LeftButton);
    REQUIRE(waitFor(
        [&] {
            RoomWindow *window = alice.controller().roomWindow(roomJid);
            return window && window->isVisible() && window->room() &&
                   window->room()->state() == Room::State::Joined;
        },
        Timeout));
    RoomWindow *aliceRoom = alice.controller().roomWindow(roomJid);
    // The configured name comes with the room's information, after the configuration.
    CHECK(waitFor(
        [&] {
            return aliceRoom->findChild<QLabel *>(u"roomName"_s)->text() == u"Release Planning"_s;
        },
        Timeout));
    CHECK(aliceRoom->findChild<QLabel *>(u"roomNick"_s)->text().contains(u"alice"_s));

    // bob finds it in the room browser with its description and joins it.
    MainWindow *bobMain = bob.controller().mainWindow();
    bobMain->findChild<QAction *>(u"browseRoomsAction"_s)->trigger();
    auto *browser = waitForWindow<RoomBrowserDialog>(u"roomBrowserDialog"_s);
    REQUIRE(browser);
    QTreeWidget *list = browser->roomList();
    const bool listed = waitFor([&] { return list->topLevelItemCount() > 0; }, Timeout);
    INFO(browser->findChild<QLabel *>(u"statusLabel"_s)->text().toStdString());
    REQUIRE(listed);
    QTreeWidgetItem *item = list->topLevelItem(0);
    CHECK(item->text(0) == u"Release Planning"_s);
    CHECK(item->text(1) == u"Weekly release coordination"_s);
    CHECK(item->text(2) == u"1"_s);
    saveGrab(*browser, u"rooms-browser"_s);
    list->setCurrentItem(item);
    QTest::mouseClick(browser->findChild<QAbstractButton *>(u"joinButton"_s), Qt::LeftButton);
    auto *join = browser->findChild<JoinRoomDialog *>(u"joinRoomDialog"_s);
    REQUIRE(join);
    REQUIRE(waitFor([&] { return join->isVisible(); }));
    CHECK(join->findChild<QLineEdit *>(u"roomEdit"_s)->text() == roomJid);
    CHECK(join->findChild<QLineEdit *>(u"nickEdit"_s)->text() == u"bob"_s);
    join->findChild<QCheckBox *>(u"bookmarkCheck"_s)->setChecked(true);
    saveGrab(*join, u"rooms-join"_s);
    QTest::mouseClick(join->findChild<QAbstractButton *>(u"joinButton"_s), Qt::LeftButton);
    REQUIRE(waitFor(
        [&] {
            RoomWindow *window = bob.controller().roomWindow(roomJid);
            return window && window->isVisible();
        },
        Timeout));
    RoomWindow *bobRoom = bob.controller().roomWindow(roomJid);
    REQUIRE(waitFor([&] { return bobRoom->input()->isEnabled(); }, Timeout));

    // bob's Rooms menu lists the room he is in and his new bookmark, joined automatically.
    auto *roomsMenu = bobMain->findChild<QMenu *>(u"roomsMenu"_s);
    REQUIRE(waitFor(
        [&] { return roomsMenu->findChild<QAction *>(u"bookmark:"_s + roomJid) != nullptr; },
        Timeout));
    CHECK(roomsMenu->findChild<QAction *>(u"bookmark:"_s + roomJid)
              ->text()
              .contains(u"Release Planning (joins automatically)"_s));
    CHECK(roomsMenu->findChild<QAction *>(u"room:"_s + roomJid));
    roomsMenu->popup(bobMain->mapToGlobal(QPoint()));
    saveGrab(*roomsMenu, u"rooms-menu"_s);
    roomsMenu->close();

    // Messages both ways: own ones outgoing, the others' named by nick.
    sendInRoom(*aliceRoom, u"Hello team"_s);
    REQUIRE(waitFor([&] { return transcriptLines(*bobRoom).contains(u"alice: Hello team"_s); },
                    Timeout));
    CHECK(aliceRoom->input()->toPlainText().isEmpty());
    sendInRoom(*bobRoom, u"Hi Alice, ready for Friday"_s);
    REQUIRE(waitFor(
        [&] { return transcriptLines(*aliceRoom).contains(u"bob: Hi Alice, ready for Friday"_s); },
        Timeout));
    CHECK(transcriptLines(*aliceRoom).contains(u"me: Hello team"_s));
    CHECK(transcriptLines(*bobRoom).contains(u"me: Hi Alice, ready for Friday"_s));
    CHECK(transcriptLines(*aliceRoom).count(u"me: Hello team"_s) == 1);

    // The participant list by role: the owner moderates, bob participates.
    REQUIRE(waitFor([&] { return aliceRoom->occupantList()->model()->rowCount() == 2; }));
    const RoomOccupant first = occupantAt(*aliceRoom, 0);
    const RoomOccupant second = occupantAt(*aliceRoom, 1);
    CHECK(first.nick == u"alice"_s);
    CHECK(first.role == RoomRole::Moderator);
    CHECK(first.affiliation == RoomAffiliation::Owner);
    CHECK(first.isSelf);
    CHECK(second.nick == u"bob"_s);
    CHECK(second.role == RoomRole::Participant);
    const QModelIndex secondIndex = aliceRoom->occupantList()->model()->index(1, 0);
    CHECK(OccupantDelegate::startsSection(secondIndex));
    CHECK(OccupantDelegate::sectionName(second.role) == u"Participants"_s);
    CHECK(aliceRoom->findChild<QLabel *>(u"occupantTitle"_s)->text() == u"2 people"_s);

    // The owner changes the subject; bob, a participant, may not.
    auto *subjectButton = aliceRoom->findChild<QToolButton *>(u"subjectButton"_s);
    REQUIRE(subjectButton->isVisible());
    CHECK_FALSE(bobRoom->findChild<QToolButton *>(u"subjectButton"_s)->isVisible());
    QTest::mouseClick(subjectButton, Qt::LeftButton);
    auto *subjectDialog = aliceRoom->findChild<QInputDialog *>(u"subjectDialog"_s);
    REQUIRE(subjectDialog);
    subjectDialog->setTextValue(u"Release 2.4 on Friday"_s);
    subjectDialog->accept();
    REQUIRE(waitFor(
        [&] {
            return bobRoom->findChild<QLabel *>(u"roomSubject"_s)->text() ==
                   u"Release 2.4 on Friday"_s;
        },
        Timeout));
    saveGrab(*aliceRoom, u"rooms-window"_s);

    // The owner's settings dialog reads back what the room was created with.
    auto *settingsAction = aliceRoom->findChild<QAction *>(u"roomSettingsAction"_s);
    REQUIRE(settingsAction->isEnabled());
    CHECK_FALSE(bobRoom->findChild<QAction *>(u"roomSettingsAction"_s)->isEnabled());
    settingsAction->trigger();
    auto *settings = aliceRoom->findChild<CreateRoomDialog *>(u"createRoomDialog"_s);
    REQUIRE(settings);
    auto *save = settings->findChild<QAbstractButton *>(u"okButton"_s);
    REQUIRE(waitFor([&] { return save->isEnabled(); }, Timeout));
    CHECK(settings->findChild<QLineEdit *>(u"roomDescriptionEdit"_s)->text() ==
          u"Weekly release coordination"_s);
    CHECK(settings->findChild<QCheckBox *>(u"persistentCheck"_s)->isChecked());
    CHECK(settings->findChild<QSpinBox *>(u"historySpin"_s)->value() == 15);
    settings->reject();
}

TEST_CASE("A moderator kicks someone from the participant menu and they see why", "[ui][rooms]")
{
    UiServer server;
    REQUIRE(server.start({u"alice"_s, u"bob"_s}));
    TestAccount alice(server, u"alice"_s);
    TestAccount bob(server, u"bob"_s);
    REQUIRE(alice.logIn());
    REQUIRE(bob.logIn());
    const QString roomJid = u"standup@"_s + serviceOf(alice.account());

    auto aliceRoom = joinedWindow(alice.account(), roomJid, u"alice"_s);
    REQUIRE(aliceRoom);
    auto bobRoom = joinedWindow(bob.account(), roomJid, u"bob"_s);
    REQUIRE(bobRoom);
    REQUIRE(waitFor([&] { return occupantRow(*aliceRoom, u"bob"_s) >= 0; }, Timeout));

    // bob, a participant, may not kick alice: the entry is there but disabled.
    REQUIRE(waitFor([&] { return occupantRow(*bobRoom, u"alice"_s) >= 0; }, Timeout));
    QMenu *bobsMenu = bobRoom->createOccupantMenu(occupantRow(*bobRoom, u"alice"_s));
    REQUIRE(bobsMenu);
    CHECK_FALSE(bobsMenu->findChild<QAction *>(u"kickAction"_s)->isEnabled());
    delete bobsMenu;

    QMenu *menu = aliceRoom->createOccupantMenu(occupantRow(*aliceRoom, u"bob"_s));
    REQUIRE(menu);
    auto *kick = menu->findChild<QAction *>(u"kickAction"_s);
    REQUIRE(kick);
    REQUIRE(kick->isEnabled());
    menu->popup(aliceRoom->mapToGlobal(QPoint()));
    saveGrab(*menu, u"rooms-occupant-menu"_s);
    kick->trigger();
    delete menu;
    auto *reason = aliceRoom->findChild<QInputDialog *>(u"reasonDialog"_s);
    REQUIRE(reason);
    reason->setTextValue(u"Please keep it to the stand-up"_s);
    reason->accept();

    auto *banner = bobRoom->findChild<QLabel *>(u"exitBannerLabel"_s);
    REQUIRE(waitFor([&] { return banner->isVisible(); }, Timeout));
    CHECK(banner->text().contains(u"removed"_s));
    CHECK(banner->text().contains(u"Please keep it to the stand-up"_s));
    CHECK_FALSE(bobRoom->input()->isEnabled());
    CHECK(bobRoom->findChild<QPushButton *>(u"exitBannerAction"_s)->isVisible());
    saveGrab(*bobRoom, u"rooms-kicked"_s);
    REQUIRE(waitFor([&] { return occupantRow(*aliceRoom, u"bob"_s) < 0; }, Timeout));
}

TEST_CASE("Someone removed from a room joins it again from the banner, in the same place",
          "[ui][rooms]")
{
    UiServer server;
    REQUIRE(server.start({u"alice"_s, u"bob"_s}));
    TestAccount alice(server, u"alice"_s);
    App bob(server, u"bob"_s);
    REQUIRE(alice.logIn());
    REQUIRE(bob.logIn());
    const QString roomJid = u"retro@"_s + serviceOf(alice.account());
    auto aliceRoom = joinedWindow(alice.account(), roomJid, u"alice"_s);
    REQUIRE(aliceRoom);

    bob.controller().joinRoom(roomJid, u"bob"_s, {});
    QPointer<RoomWindow> first = bob.controller().roomWindow(roomJid);
    REQUIRE(first);
    REQUIRE(waitFor([&] { return first->input()->isEnabled(); }, Timeout));
    first->setGeometry(QRect(QPoint(40, 30), first->size()));
    const QRect place = first->geometry();
    REQUIRE(waitFor([&] { return occupantRow(*aliceRoom, u"bob"_s) >= 0; }, Timeout));

    aliceRoom->room()->kick(u"bob"_s, u"Wrong room"_s);
    auto *again = first->findChild<QPushButton *>(u"exitBannerAction"_s);
    REQUIRE(waitFor([&] { return again->isVisible(); }, Timeout));
    CHECK(again->text() == u"Join Again"_s);
    REQUIRE(waitFor([&] { return occupantRow(*aliceRoom, u"bob"_s) < 0; }, Timeout));

    QTest::mouseClick(again, Qt::LeftButton);
    RoomWindow *second = nullptr;
    REQUIRE(waitFor(
        [&] {
            second = bob.controller().roomWindow(roomJid);
            return second && second != first && second->isVisible() && second->room() &&
                   second->room()->state() == Room::State::Joined;
        },
        Timeout));
    CHECK(second->geometry() == place);
    CHECK(second->room()->nick() == u"bob"_s);
    CHECK_FALSE(second->findChild<QWidget *>(u"exitBanner"_s)->isVisible());
    CHECK(second->input()->isEnabled());
    REQUIRE(waitFor([&] { return occupantRow(*aliceRoom, u"bob"_s) >= 0; }, Timeout));
    // The old window is hidden at once and deleted by the event loop (which waitFor() is not).
    CHECK((first.isNull() || !first->isVisible()));
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    CHECK(first.isNull());
}

TEST_CASE("A room that could not be joined offers Try Again, which joins once the room allows it",
          "[ui][rooms]")
{
    UiServer server;
    REQUIRE(server.start({u"alice"_s, u"bob"_s}));
    TestAccount alice(server, u"alice"_s);
    App bob(server, u"bob"_s);
    REQUIRE(alice.logIn());
    REQUIRE(bob.logIn());
    const QString roomJid = u"vault@"_s + serviceOf(alice.account());
    Room *vault = alice.account().rooms().create(roomJid, u"alice"_s, {.password = u"s3cret"_s});
    REQUIRE(vault);
    int configured = 0;
    QObject::connect(vault, &Room::configured, [&] { ++configured; });
    REQUIRE(waitFor([&] { return configured == 1; }, Timeout));

    // Joined without the password (as from an old bookmark): the window says why.
    bob.controller().joinRoom(roomJid, u"bob"_s, {});
    QPointer<RoomWindow> first = bob.controller().roomWindow(roomJid);
    REQUIRE(first);
    auto *banner = first->findChild<QLabel *>(u"exitBannerLabel"_s);
    auto *again = first->findChild<QPushButton *>(u"exitBannerAction"_s);
    REQUIRE(waitFor([&] { return banner->isVisible(); }, Timeout));
    CHECK(banner->text() == u"Could not join the room: %1"_s.arg(
                                describe(RoomError{.kind = RoomError::PasswordRequired})));
    REQUIRE(again->isVisible());
    CHECK(again->text() == u"Try Again"_s);

    // The owner drops the password; Try Again now joins.
    vault->configure({.password = {}});
    REQUIRE(waitFor([&] { return configured == 2; }, Timeout));
    QTest::mouseClick(again, Qt::LeftButton);
    RoomWindow *second = nullptr;
    REQUIRE(waitFor(
        [&] {
            second = bob.controller().roomWindow(roomJid);
            return second && second != first && second->room() &&
                   second->room()->state() == Room::State::Joined;
        },
        Timeout));
    CHECK(second->input()->isEnabled());
    CHECK_FALSE(second->findChild<QWidget *>(u"exitBanner"_s)->isVisible());
}

TEST_CASE("An invitation prompt's Join opens the room", "[ui][rooms]")
{
    UiServer server;
    REQUIRE(server.start({u"alice"_s, u"bob"_s}));
    TestAccount alice(server, u"alice"_s);
    App bob(server, u"bob"_s);
    REQUIRE(alice.logIn());
    REQUIRE(bob.logIn());
    const QString roomJid = u"design-review@"_s + serviceOf(alice.account());
    auto aliceRoom = joinedWindow(alice.account(), roomJid, u"alice"_s);
    REQUIRE(aliceRoom);

    auto *inviteButton = aliceRoom->findChild<QToolButton *>(u"inviteButton"_s);
    REQUIRE(inviteButton->isEnabled());
    QTest::mouseClick(inviteButton, Qt::LeftButton);
    auto *invite = aliceRoom->findChild<InviteDialog *>(u"inviteDialog"_s);
    REQUIRE(invite);
    auto *send = invite->findChild<QAbstractButton *>(u"inviteButton"_s);
    CHECK_FALSE(send->isEnabled());
    typeInto(invite->findChild<QLineEdit *>(u"inviteJidEdit"_s), server.jid(u"bob"_s));
    typeInto(invite->findChild<QLineEdit *>(u"inviteReasonEdit"_s), u"Mock-ups are up"_s);
    REQUIRE(send->isEnabled());
    saveGrab(*invite, u"rooms-invite"_s);
    QTest::mouseClick(send, Qt::LeftButton);

    auto *prompt = waitForWindow<InvitationPrompt>(u"invitationPrompt"_s);
    REQUIRE(prompt);
    CHECK(prompt->findChild<QLabel *>(u"invitationLabel"_s)->text().contains(u"design-review"_s));
    CHECK(prompt->findChild<QLabel *>(u"invitationReasonLabel"_s)->text() == u"Mock-ups are up"_s);
    saveGrab(*prompt, u"rooms-invitation"_s);
    QTest::mouseClick(prompt->findChild<QAbstractButton *>(u"joinButton"_s), Qt::LeftButton);
    REQUIRE(waitFor(
        [&] {
            RoomWindow *window = bob.controller().roomWindow(roomJid);
            return window && window->isVisible() && window->room() &&
                   window->room()->state() == Room::State::Joined;
        },
        Timeout));
    REQUIRE(waitFor([&] { return occupantRow(*aliceRoom, u"bob"_s) >= 0; }, Timeout));
}

TEST_CASE("While the server is away the room window says it is rejoining, then goes on",
          "[ui][rooms]")
{
    UiServer server;
    REQUIRE(server.start({u"alice"_s}));
    TestAccount alice(server, u"alice"_s);
    REQUIRE(alice.logIn());
    const QString roomJid = u"operations@"_s + serviceOf(alice.account());
    auto window = joinedWindow(alice.account(), roomJid, u"alice"_s);
    REQUIRE(window);
    auto *notice = window->findChild<QLabel *>(u"stateNoticeLabel"_s);
    REQUIRE(waitFor([&] { return window->input()->isEnabled(); }, Timeout));
    CHECK_FALSE(notice->isVisible());

    server.server().kill();
    REQUIRE(waitFor([&] { return notice->isVisible(); }, Timeout));
    CHECK(notice->text() == u"Rejoining the room…"_s);
    CHECK_FALSE(window->input()->isEnabled());
    CHECK_FALSE(window->findChild<QWidget *>(u"exitBanner"_s)->isVisible());

    REQUIRE(server.server().start());
    // Reconnection backs off for a few seconds before it tries again.
    REQUIRE(waitFor([&] { return window->input()->isEnabled(); }, 60000));
    CHECK_FALSE(notice->isVisible());
    sendInRoom(*window, u"Back again"_s);
    CHECK(transcriptLines(*window).contains(u"me: Back again"_s));
}

TEST_CASE("A file dropped on the room window goes to everyone in the room who can download it",
          "[ui][rooms]")
{
    UiServer server;
    REQUIRE(server.start({u"alice"_s, u"bob"_s}));
    TestAccount alice(server, u"alice"_s);
    TestAccount bob(server, u"bob"_s);
    REQUIRE(alice.logIn());
    REQUIRE(bob.logIn());
    const QString roomJid = u"handover@"_s + serviceOf(alice.account());
    auto aliceRoom = joinedWindow(alice.account(), roomJid, u"alice"_s);
    REQUIRE(aliceRoom);
    auto bobRoom = joinedWindow(bob.account(), roomJid, u"bob"_s);
    REQUIRE(bobRoom);
    QTemporaryDir downloads;
    bob.account().transfers().setDownloadsDirectory(downloads.path());

    QTemporaryDir files;
    const QString path = files.filePath(u"minutes.txt"_s);
    const QByteArray content(4096, 'm');
    {
        QFile file(path);
        REQUIRE(file.open(QIODevice::WriteOnly));
        file.write(content);
    }
    QMimeData data;
    data.setUrls({QUrl::fromLocalFile(path)});
    QWidget *target = aliceRoom->transcript()->viewport();
    const QPoint centre = target->rect().center();
    QDragEnterEvent enter(centre, Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &enter);
    REQUIRE(enter.isAccepted());
    // A veil says where the files go while they are over the window.
    const auto *veil = aliceRoom->findChild<QLabel *>(u"dropTarget"_s);
    REQUIRE(veil);
    CHECK(veil->isVisible());
    CHECK(veil->text().contains(aliceRoom->findChild<QLabel *>(u"roomName"_s)->text()));
    saveGrab(*aliceRoom, u"rooms-drop-target"_s);
    QDropEvent dropped(QPointF(centre), Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &dropped);
    CHECK(dropped.isAccepted());
    CHECK_FALSE(veil->isVisible());

    // bob's transcript gets the file: a message whose attachment names it.
    const auto fileName = [](const RoomWindow &window) {
        const QAbstractItemModel *model = window.transcript()->model();
        for (int row = model->rowCount() - 1; row >= 0; --row) {
            const QVariant attachment = model->index(row, 0).data(MessageListModel::AttachmentRole);
            if (attachment.isValid())
                return attachment.value<FileAttachment>().name;
        }
        return QString();
    };
    const bool received = waitFor([&] { return fileName(*bobRoom) == u"minutes.txt"_s; }, Timeout);
    INFO(aliceRoom->findChild<QLabel *>(u"errorNoticeLabel"_s)->text().toStdString());
    REQUIRE(received);
    CHECK_FALSE(aliceRoom->findChild<QWidget *>(u"errorNotice"_s)->isVisible());

    // On bob's side the file is a card with Download, which fetches it.
    TranscriptView *view = bobRoom->transcript();
    const QAbstractItemModel *model = view->model();
    const qint64 messageId =
        model->index(model->rowCount() - 1, 0).data(MessageListModel::IdRole).toLongLong();
    const auto actionRect = [&](MessageDelegate::FileAction action) {
        return view->fileActionRect(messageId, action);
    };
    REQUIRE(waitFor([&] { return !actionRect(MessageDelegate::FileAction::Download).isNull(); },
                    Timeout));
    saveGrab(*bobRoom, u"rooms-file-card"_s);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, Qt::NoModifier,
                      actionRect(MessageDelegate::FileAction::Download).center());
    REQUIRE(
        waitFor([&] { return !actionRect(MessageDelegate::FileAction::Open).isNull(); }, Timeout));
    QFile downloaded(QDir(downloads.path()).filePath(u"minutes.txt"_s));
    REQUIRE(downloaded.open(QIODevice::ReadOnly));
    CHECK(downloaded.readAll() == content);
}

TEST_CASE("Private Chat with someone in a room opens a chat through the room by nick",
          "[ui][rooms]")
{
    UiServer server;
    REQUIRE(server.start({u"alice"_s, u"bob"_s}));
    TestAccount alice(server, u"alice"_s);
    App bob(server, u"bob"_s);
    REQUIRE(alice.logIn());
    REQUIRE(bob.logIn());
    const QString roomJid = u"corridor@"_s + serviceOf(alice.account());
    auto aliceRoom = joinedWindow(alice.account(), roomJid, u"ali"_s);
    REQUIRE(aliceRoom);
    bob.controller().joinRoom(roomJid, u"bobby"_s, QString());
    RoomWindow *bobRoom = nullptr;
    REQUIRE(waitFor(
        [&] {
            bobRoom = bob.controller().roomWindow(roomJid);
            return bobRoom && bobRoom->room() && occupantRow(*bobRoom, u"ali"_s) >= 0;
        },
        Timeout));

    // The room does not tell bob, a participant, who "ali" really is: the chat goes by the nick.
    const int row = occupantRow(*bobRoom, u"ali"_s);
    CHECK(occupantAt(*bobRoom, row).jid.isEmpty());
    QMenu *menu = bobRoom->createOccupantMenu(row);
    REQUIRE(menu);
    auto *privateChat = menu->findChild<QAction *>(u"privateChatAction"_s);
    REQUIRE(privateChat);
    REQUIRE(privateChat->isEnabled());
    privateChat->trigger();
    delete menu;

    const QString aliJid = roomJid + u"/ali"_s;
    ChatWindow *chat = bob.controller().chatWindow();
    REQUIRE(chat);
    REQUIRE(waitFor([&] { return chat->isVisible() && chat->tab(aliJid); }, Timeout));
    ChatTab *tab = chat->tab(aliJid);
    CHECK(tab->peer() == aliJid);
    CHECK(tab->isRoomOccupant());
    CHECK(tab->displayName() == u"ali (corridor)"_s);
    CHECK(tab->findChild<QLabel *>(u"peerName"_s)->text() == u"ali (corridor)"_s);
    // Present in the room, so online; no profile and no files for someone known by a nick.
    CHECK(tab->availability() == PresenceStatus::Online);
    CHECK(tab->findChild<QLabel *>(u"peerStatus"_s)->text() == u"Online"_s);
    CHECK_FALSE(tab->findChild<QToolButton *>(u"profileButton"_s)->isVisible());
    CHECK_FALSE(tab->findChild<QToolButton *>(u"sendFileButton"_s)->isVisible());

    QTest::keyClicks(tab->input(), u"Coffee after this?"_s);
    QTest::keyClick(tab->input(), Qt::Key_Return);
    Conversation *aliceSide = nullptr;
    REQUIRE(waitFor(
        [&] {
            aliceSide = alice.account().conversations().conversation(roomJid + u"/bobby"_s);
            return aliceSide && aliceSide->messages().rowCount() > 0 &&
                   aliceSide->messages().message(aliceSide->messages().rowCount() - 1).body ==
                       u"Coffee after this?"_s;
        },
        Timeout));
    aliceSide->sendMessage(u"Sure"_s);
    const QAbstractItemModel *transcript = tab->transcript()->model();
    REQUIRE(waitFor(
        [&] {
            const int last = transcript->rowCount() - 1;
            return last >= 0 &&
                   transcript->index(last, 0).data(MessageListModel::BodyRole).toString() ==
                       u"Sure"_s;
        },
        Timeout));
    // The answer lands in the same tab, not a new one.
    CHECK(chat->findChild<QTabWidget *>(u"chatTabs"_s)->count() == 1);
    saveGrab(*chat, u"rooms-private-chat"_s);

    // Once ali has left the room the chat says so.
    aliceRoom->close();
    REQUIRE(waitFor(
        [&] { return tab->findChild<QLabel *>(u"peerStatus"_s)->text() == u"Not in the room"_s; },
        Timeout));
    CHECK(tab->availability() == PresenceStatus::Offline);
}

TEST_CASE("The join dialog asks for the password a room wants and then joins", "[ui][rooms]")
{
    UiServer server;
    REQUIRE(server.start({u"alice"_s, u"bob"_s}));
    TestAccount alice(server, u"alice"_s);
    TestAccount bob(server, u"bob"_s);
    REQUIRE(alice.logIn());
    REQUIRE(bob.logIn());
    const QString service = serviceOf(alice.account());
    Room *board = alice.account().rooms().create(u"board@"_s + service, u"alice"_s,
                                                 {.name = u"Board"_s, .password = u"s3cret"_s});
    REQUIRE(board);
    bool configured = false;
    QObject::connect(board, &Room::configured, [&] { configured = true; });
    REQUIRE(waitFor([&] { return configured; }, Timeout));
    REQUIRE_FALSE(serviceOf(bob.account()).isEmpty());

    // bob types the room's bare name: it is looked for at the server's room service.
    JoinRoomDialog dialog(bob.account());
    dialog.show();
    auto *password = dialog.findChild<QLineEdit *>(u"passwordEdit"_s);
    auto *status = dialog.findChild<QLabel *>(u"statusLabel"_s);
    auto *join = dialog.findChild<QAbstractButton *>(u"joinButton"_s);
    CHECK_FALSE(password->isVisible());
    CHECK_FALSE(join->isEnabled());
    typeInto(dialog.findChild<QLineEdit *>(u"roomEdit"_s), u"board"_s);
    CHECK(dialog.roomJid() == u"board@"_s + service);
    QSignalSpy joined(&dialog, &JoinRoomDialog::roomJoined);
    QTest::mouseClick(join, Qt::LeftButton);
    REQUIRE(waitFor([&] { return password->isVisible() && join->isEnabled(); }, Timeout));
    CHECK(status->text() == describe(RoomError{.kind = RoomError::PasswordRequired}));
    CHECK(password->hasFocus());
    saveGrab(dialog, u"rooms-join-password"_s);

    QTest::keyClicks(password, u"s3cret"_s);
    QTest::keyClick(password, Qt::Key_Return);
    REQUIRE(waitFor([&] { return joined.count() == 1; }, Timeout));
    CHECK_FALSE(dialog.isVisible());
    CHECK(joined.first().first().value<Room *>()->state() == Room::State::Joined);
}

TEST_CASE("Room messages count as unread in the tray and notify while the room is not on screen",
          "[ui][rooms]")
{
    UiServer server;
    REQUIRE(server.start({u"alice"_s, u"bob"_s}));
    TestAccount alice(server, u"alice"_s);
    TestAccount bob(server, u"bob"_s);
    REQUIRE(alice.logIn());
    REQUIRE(bob.logIn());
    const QString roomJid = u"lunch@"_s + serviceOf(alice.account());
    Room *aliceRoom = alice.account().rooms().join(roomJid, u"alice"_s);
    REQUIRE(aliceRoom);
    REQUIRE(waitFor([&] { return aliceRoom->state() == Room::State::Joined; }, Timeout));
    Room *bobRoom = bob.account().rooms().join(roomJid, u"bob"_s);
    REQUIRE(bobRoom);
    REQUIRE(waitFor([&] { return bobRoom->state() == Room::State::Joined; }, Timeout));

    TrayIcon tray(alice.account(), alice.settings());
    bool onScreen = false;
    tray.setConversationVisibleCheck(
        [&](const QString &peer) { return onScreen && peer == roomJid; });
    QSignalSpy shown(&tray, &TrayIcon::notificationShown);
    bobRoom->sendMessage(u"Lunch at noon?"_s);
    REQUIRE(waitFor([&] { return shown.count() == 1; }, Timeout));
    CHECK(shown.first().first().toString() == roomJid);
    CHECK(tray.unreadCount() == 1);
    CHECK(tray.toolTip().contains(u"1 unread message"_s));

    // With the room's window in front, nothing more pops up.
    onScreen = true;
    bobRoom->sendMessage(u"Or one?"_s);
    REQUIRE(waitFor([&] { return aliceRoom->unreadCount() == 2; }, Timeout));
    CHECK(shown.count() == 1);
    aliceRoom->markRead();
    REQUIRE(waitFor([&] { return tray.unreadCount() == 0; }, Timeout));
}

TEST_CASE("The room window's find bar finds messages, also older than the page on screen",
          "[ui][rooms]")
{
    UiServer server;
    REQUIRE(server.start({u"alice"_s, u"bob"_s}));
    TestAccount alice(server, u"alice"_s);
    TestAccount bob(server, u"bob"_s);
    REQUIRE(alice.logIn());
    REQUIRE(bob.logIn());
    const QString roomJid = u"support@"_s + serviceOf(alice.account());
    // alice was in the room before: 120 messages in her history, the old mention far back.
    const auto ids = alice.account().history().addMessages(
        pastRoomMessages(roomJid, 120, 10, u"Where is the deploy checklist kept?"_s));
    REQUIRE(ids);
    const qint64 oldId = ids->at(10);
    auto window = joinedWindow(alice.account(), roomJid, u"alice"_s);
    REQUIRE(window);
    Room *bobRoom = bob.account().rooms().join(roomJid, u"bob"_s);
    REQUIRE(bobRoom);
    REQUIRE(waitFor([&] { return bobRoom->state() == Room::State::Joined; }, Timeout));
    bobRoom->sendMessage(u"The deploy checklist is in the wiki"_s);
    REQUIRE(waitFor(
        [&] {
            return transcriptLines(*window).contains(u"bob: The deploy checklist is in the wiki"_s);
        },
        Timeout));
    TranscriptView *view = window->transcript();
    CHECK(view->rowOf(oldId) < 0);

    // The search button sits in the header beside invite; Ctrl+F opens the bar as well.
    auto *searchButton = window->findChild<QToolButton *>(u"searchButton"_s);
    REQUIRE(searchButton);
    CHECK(searchButton->isVisible());
    CHECK(searchButton->parentWidget() ==
          window->findChild<QToolButton *>(u"inviteButton"_s)->parentWidget());
    auto *searchField = window->findChild<QLineEdit *>(u"searchField"_s);
    auto *status = window->findChild<QLabel *>(u"searchStatus"_s);
    REQUIRE(searchField);
    REQUIRE(status);
    CHECK_FALSE(searchField->isVisible());
    window->activateWindow();
    REQUIRE(waitFor([&] { return window->isActiveWindow(); }));
    QTest::keyClick(window.get(), Qt::Key_F, Qt::ControlModifier);
    REQUIRE(searchField->isVisible());
    CHECK(searchField->hasFocus());

    // Typing finds the newest match; Enter reads older pages until the old mention is there.
    QTest::keyClicks(searchField, u"checklist"_s);
    CHECK(status->text() == u"1 of 1"_s);
    CHECK(view->currentIndex().data(MessageListModel::BodyRole).toString() ==
          u"The deploy checklist is in the wiki"_s);
    QTest::keyClick(searchField, Qt::Key_Return);
    CHECK(status->text() == u"2 of 2"_s);
    CHECK(currentMessageId(*window) == oldId);
    CHECK(view->viewport()->rect().intersects(view->visualRect(view->currentIndex())));
    REQUIRE(waitFor([&] { return status->width() >= status->sizeHint().width(); }));
    saveGrab(*window, u"rooms-find-bar"_s);
    QTest::keyClick(searchField, Qt::Key_Return);
    CHECK(status->text() == u"No older matches"_s);
    CHECK(currentMessageId(*window) == oldId);
    // Shift+Enter goes back to the newer one.
    QTest::keyClick(searchField, Qt::Key_Return, Qt::ShiftModifier);
    CHECK(status->text() == u"1 of 2"_s);
    CHECK(view->currentIndex().data(MessageListModel::BodyRole).toString() ==
          u"The deploy checklist is in the wiki"_s);

    typeInto(searchField, u"zebra"_s);
    CHECK(status->text() == u"No matches"_s);

    // Esc closes the bar and hands the focus back to the message field.
    QTest::keyClick(searchField, Qt::Key_Escape);
    CHECK_FALSE(searchField->isVisible());
    CHECK(window->input()->hasFocus());
    QTest::mouseClick(searchButton, Qt::LeftButton);
    CHECK(searchField->isVisible());
    CHECK(searchField->text().isEmpty());
    QTest::mouseClick(searchButton, Qt::LeftButton);
    CHECK_FALSE(searchField->isVisible());
}

TEST_CASE("The History window lists a room by its name and opens the room at a message found "
          "in it",
          "[ui][rooms]")
{
    UiServer server;
    REQUIRE(server.start({u"alice"_s, u"bob"_s}));
    App alice(server, u"alice"_s);
    TestAccount bob(server, u"bob"_s);
    REQUIRE(alice.logIn());
    REQUIRE(bob.logIn());
    const QString roomJid = u"release-planning@"_s + serviceOf(alice.account());
    Room *created = alice.account().rooms().create(
        roomJid, u"alice"_s, {.name = u"Release Planning"_s, .persistent = true});
    REQUIRE(created);
    bool configured = false;
    QObject::connect(created, &Room::configured, [&] { configured = true; });
    REQUIRE(waitFor([&] { return configured; }, Timeout));
    REQUIRE(waitFor([&] { return created->name() == u"Release Planning"_s; }, Timeout));
    alice.controller().openRoom(roomJid);
    RoomWindow *window = alice.controller().roomWindow(roomJid);
    REQUIRE(window);
    Room *bobRoom = bob.account().rooms().join(roomJid, u"bob"_s);
    REQUIRE(bobRoom);
    REQUIRE(waitFor([&] { return bobRoom->state() == Room::State::Joined; }, Timeout));
    bobRoom->sendMessage(u"The deploy checklist is in the wiki"_s);
    REQUIRE(waitFor(
        [&] {
            return transcriptLines(*window).contains(u"bob: The deploy checklist is in the wiki"_s);
        },
        Timeout));
    sendInRoom(*window, u"Thanks, I will go through it"_s);
    REQUIRE(waitFor(
        [&] { return transcriptLines(*window).contains(u"me: Thanks, I will go through it"_s); },
        Timeout));

    // The room is among the conversations, by its name, its messages with their senders' nicks.
    alice.controller().showHistory();
    auto *history = waitForWindow<HistoryWindow>(u"historyWindow"_s);
    REQUIRE(history);
    auto *conversations = history->findChild<QListView *>(u"historyConversations"_s);
    const std::optional<int> row = alice.account().conversationList().rowOf(roomJid);
    REQUIRE(row);
    const QModelIndex roomIndex = conversations->model()->index(*row, 0);
    CHECK(roomIndex.data(ConversationListModel::GroupChatRole).toBool());
    conversations->setCurrentIndex(roomIndex);
    CHECK(history->findChild<QLabel *>(u"historyConversationTitle"_s)->text() ==
          u"Release Planning"_s);
    auto *browsed = history->findChild<TranscriptView *>(u"historyTranscript"_s);
    REQUIRE(waitFor([&] { return browsed->isVisible() && browsed->model()->rowCount() == 2; }));
    saveGrab(*history, u"history-room"_s);

    // The search finds bob's message in the room and says he wrote it.
    auto *search = history->findChild<QLineEdit *>(u"historySearchField"_s);
    auto *results = history->findChild<QListView *>(u"historyResults"_s);
    typeInto(search, u"checklist"_s);
    REQUIRE(waitFor([&] { return results->model()->rowCount() == 1 && results->isVisible(); }));
    const QModelIndex hit = results->model()->index(0, 0);
    CHECK(hit.data(HistoryWindow::PeerRole).toString() == roomJid);
    CHECK(hit.data(HistoryWindow::GroupChatRole).toBool());
    CHECK(hit.data(HistoryWindow::NickRole).toString() == u"bob"_s);
    CHECK(hit.data(HistoryWindow::SnippetHtmlRole).toString().startsWith(u"bob: "_s));
    CHECK(hit.data(HistoryWindow::SnippetHtmlRole).toString().contains(u"<b>checklist</b>"_s));
    const qint64 hitId = hit.data(HistoryWindow::MessageIdRole).toLongLong();
    saveGrab(*history, u"history-room-search"_s);

    // Opening the hit brings the room's window forward at the message.
    window->transcript()->clearSelection();
    window->transcript()->setCurrentIndex({});
    results->setCurrentIndex(hit);
    QTest::keyClick(results, Qt::Key_Return);
    REQUIRE(waitFor([&] { return window->isVisible() && currentMessageId(*window) == hitId; }));

    // After leaving a bookmarked room it keeps its name, and opening the hit joins it again.
    alice.account().rooms().setBookmark(
        {.jid = roomJid, .name = u"Release Planning"_s, .nick = u"alice"_s});
    window->close();
    REQUIRE(waitFor([&] { return alice.account().rooms().room(roomJid) == nullptr; }, Timeout));
    // The room's answer to the leave arrives before that of a request sent after it: joining
    // again before the answer is in would take it for the end of the new visit.
    QSignalSpy listed(&alice.account().rooms(), &RoomService::roomsListed);
    alice.account().rooms().listRooms();
    REQUIRE(waitFor([&] { return listed.count() == 1; }, Timeout));
    REQUIRE(waitFor([&] { return !bobRoom->occupants().occupant(u"alice"_s); }, Timeout));
    CHECK(alice.account().displayName(roomJid) == u"Release Planning"_s);
    results->setCurrentIndex(hit);
    QTest::keyClick(results, Qt::Key_Return);
    REQUIRE(waitFor(
        [&] {
            RoomWindow *rejoined = alice.controller().roomWindow(roomJid);
            return rejoined && rejoined->isVisible() && rejoined->room() &&
                   rejoined->room()->state() == Room::State::Joined;
        },
        Timeout));
    CHECK(currentMessageId(*alice.controller().roomWindow(roomJid)) == hitId);
}

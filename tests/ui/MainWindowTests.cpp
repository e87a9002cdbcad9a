// The roster window driven as a user would (flows C, D, E, F): adding contacts through the
// add-contact dialog with its three outcomes, answering a subscription request from the banner,
// presence changes in the tree, filtering, removing with confirmation, and the status selector,
// against a real flint-server with several accounts logged in.
#include "UiTestSupport.h"
#include "client/PresenceManager.h"
#include "client/RosterManager.h"
#include "client/RosterModel.h"
#include "client/SubscriptionRequestModel.h"
#include "common/Icons.h"
#include "roster/AddContactDialog.h"
#include "roster/MainWindow.h"
#include "roster/SubscriptionPrompt.h"

#include <catch2/catch.hpp>

#include <QAbstractButton>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QContextMenuEvent>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPointer>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTest>
#include <QTreeView>

#include <memory>

using namespace flint;
using namespace flint::test;
using namespace flint::ui;
using namespace Qt::StringLiterals;

namespace {

constexpr int Timeout = 20000;

// The row the tree shows for `jid` (in its first group), invalid when it shows none.
QModelIndex visibleRow(const QTreeView &tree, const QString &jid)
{
    const QAbstractItemModel &model = *tree.model();
    for (int group = 0; group < model.rowCount(); ++group) {
        const QModelIndex parent = model.index(group, 0);
        for (int row = 0; row < model.rowCount(parent); ++row) {
            const QModelIndex index = model.index(row, 0, parent);
            if (index.data(RosterModel::JidRole).toString() == jid)
                return index;
        }
    }
    return {};
}

QList<SubscriptionPrompt *> visiblePrompts(const MainWindow &window)
{
    QList<SubscriptionPrompt *> prompts;
    for (auto *prompt : window.findChildren<SubscriptionPrompt *>()) {
        if (prompt->isVisible())
            prompts << prompt;
    }
    return prompts;
}

RosterResult rosterResult(RosterResult::Operation operation, const QString &jid,
                          RosterResult::Kind kind)
{
    return {operation, jid, kind, {}};
}

// Makes the two accounts mutual contacts through their own roster managers.
bool befriend(TestAccount &a, TestAccount &b)
{
    const QString aJid = a.account().bareJid(), bJid = b.account().bareJid();
    const auto connection = QObject::connect(
        &b.account().roster(), &RosterManager::subscriptionRequestReceived,
        [&b](const QString &jid) { b.account().roster().acceptSubscription(jid); });
    a.account().roster().addContact(bJid);
    const bool done = waitFor(
        [&] {
            return a.account().roster().model().contact(bJid).subscription == RosterContact::Both &&
                   b.account().roster().model().contact(aJid).subscription == RosterContact::Both &&
                   !a.account().roster().model().contact(bJid).resources.isEmpty();
        },
        Timeout);
    QObject::disconnect(connection);
    return done;
}

// Opens the add-contact dialog with the window's button and submits `address`.
AddContactDialog *submitAddContact(MainWindow &window, const QString &address)
{
    auto *button = window.findChild<QAbstractButton *>(u"addContactButton"_s);
    if (!button)
        return nullptr;
    QTest::mouseClick(button, Qt::LeftButton);
    auto *dialog = window.findChild<AddContactDialog *>();
    if (!dialog || !waitFor([dialog] { return dialog->isVisible(); }))
        return nullptr;
    auto *edit = dialog->findChild<QLineEdit *>(u"addressEdit"_s);
    QTest::keyClicks(edit, address);
    QTest::mouseClick(dialog->findChild<QAbstractButton *>(u"addButton"_s), Qt::LeftButton);
    return dialog;
}

// A started server with alice, bob and carol; alice and bob logged in, alice's main window shown.
struct Fixture {
    Fixture()
    {
        REQUIRE(server.start());
        for (const QString &name : {u"alice"_s, u"bob"_s, u"carol"_s})
            REQUIRE(server.addUser(name));
        // Created once the server has its certificate, which they pin.
        aliceAccount = std::make_unique<TestAccount>(server, u"alice"_s);
        bobAccount = std::make_unique<TestAccount>(server, u"bob"_s);
        REQUIRE(alice().logIn());
        REQUIRE(bob().logIn());
        window = std::make_unique<MainWindow>(alice().account(), alice().settings());
        window->show();
        REQUIRE(QTest::qWaitForWindowExposed(window.get()));
        tree = window->findChild<QTreeView *>(u"contactTree"_s);
        REQUIRE(tree);
    }

    TestAccount &alice() const { return *aliceAccount; }
    TestAccount &bob() const { return *bobAccount; }

    UiServer server;
    std::unique_ptr<TestAccount> aliceAccount;
    std::unique_ptr<TestAccount> bobAccount;
    std::unique_ptr<MainWindow> window;
    QTreeView *tree = nullptr;
    const QString aliceJid = server.jid(u"alice"_s);
    const QString bobJid = server.jid(u"bob"_s);
    const QString carolJid = server.jid(u"carol"_s);
};

// Right-clicks `jid`'s row and picks the context menu's action called `action`.
bool triggerContextAction(const Fixture &f, const QString &jid, const QString &action)
{
    const QModelIndex row = visibleRow(*f.tree, jid);
    if (!row.isValid())
        return false;
    const QPoint position = f.tree->visualRect(row).center();
    QContextMenuEvent click(QContextMenuEvent::Mouse, position,
                            f.tree->viewport()->mapToGlobal(position));
    QApplication::sendEvent(f.tree->viewport(), &click);
    QMenu *menu = nullptr;
    for (auto *candidate : f.window->findChildren<QMenu *>(u"contactMenu"_s)) {
        if (candidate->isVisible())
            menu = candidate;
    }
    auto *item = menu ? menu->findChild<QAction *>(action) : nullptr;
    if (!item)
        return false;
    saveGrab(*menu, u"roster-context-menu"_s);
    menu->close();
    item->trigger();
    return true;
}

} // namespace

TEST_CASE("Adding a contact that exists puts them in the tree and sends them the request",
          "[ui][roster]")
{
    Fixture f;
    CHECK(f.window->windowTitle().contains(u"alice"_s));
    CHECK(f.window->findChild<QLabel *>(u"connectionLabel"_s)->text() == u"Connected"_s);

    // A bare user name means someone on the user's own server.
    QPointer<AddContactDialog> dialog = submitAddContact(*f.window, u"bob"_s);
    REQUIRE(dialog);
    CHECK_FALSE(dialog->findChild<QAbstractButton *>(u"addButton"_s)->isEnabled());
    saveGrab(*dialog, u"add-contact-sending"_s);
    REQUIRE(waitFor([&] { return !dialog || !dialog->isVisible(); }, Timeout));
    REQUIRE(waitFor([&] { return visibleRow(*f.tree, f.bobJid).isValid(); }, Timeout));
    CHECK(f.window->statusBar()->currentMessage().contains(f.bobJid));
    REQUIRE(waitFor([&] { return f.bob().account().roster().requests().contains(f.aliceJid); },
                    Timeout));
    // Still waiting for bob's answer, and the tree says so.
    CHECK(visibleRow(*f.tree, f.bobJid).data(RosterModel::SubscriptionPendingRole).toBool());
    saveGrab(*f.window, u"roster-added"_s);

    // Log out and quit reach the app from the event loop, free to delete the window.
    QSignalSpy logout(f.window.get(), &MainWindow::logoutRequested);
    f.window->findChild<QAction *>(u"logoutAction"_s)->trigger();
    CHECK(logout.isEmpty());
    REQUIRE(waitFor([&] { return logout.size() == 1; }));
    QSignalSpy quit(f.window.get(), &MainWindow::quitRequested);
    f.alice().settings().setCloseToTray(false);
    f.window->close();
    REQUIRE(waitFor([&] { return quit.size() == 1; }));
    CHECK_FALSE(f.alice().settings().windowGeometry(u"main"_s).isEmpty());
}

TEST_CASE("Adding a contact already present says so and sends nothing", "[ui][roster]")
{
    Fixture f;
    f.alice().account().roster().addContact(f.carolJid);
    // Settled: the item and the pending request both pushed.
    REQUIRE(waitFor(
        [&] {
            return f.alice().account().roster().model().contact(f.carolJid).subscriptionPending;
        },
        Timeout));

    QSignalSpy results(&f.alice().account().roster(), &RosterManager::operationFinished);
    QSignalSpy rosterChanges(&f.alice().account().roster().model(), &RosterModel::dataChanged);
    QSignalSpy rosterInserts(&f.alice().account().roster().model(), &RosterModel::rowsInserted);
    QPointer<AddContactDialog> dialog = submitAddContact(*f.window, f.carolJid);
    REQUIRE(dialog);
    auto *status = dialog->findChild<QLabel *>(u"statusLabel"_s);
    const QString expected =
        describe(rosterResult(RosterResult::AddContact, f.carolJid, RosterResult::AlreadyInRoster));
    REQUIRE(waitFor([&] { return status->text() == expected; }, Timeout));
    CHECK(status->isVisible());
    CHECK(dialog->isVisible());
    CHECK(dialog->findChild<QAbstractButton *>(u"addButton"_s)->isEnabled());
    REQUIRE(results.size() == 1);
    CHECK(results.at(0).at(0).value<RosterResult>().kind == RosterResult::AlreadyInRoster);
    CHECK(rosterChanges.isEmpty());
    CHECK(rosterInserts.isEmpty());
    saveGrab(*dialog, u"add-contact-already-present"_s);
}

TEST_CASE("Adding a contact that does not exist says there is no such user", "[ui][roster]")
{
    Fixture f;
    QPointer<AddContactDialog> dialog = submitAddContact(*f.window, u"nobody"_s);
    REQUIRE(dialog);
    auto *status = dialog->findChild<QLabel *>(u"statusLabel"_s);
    const QString nobody = f.server.jid(u"nobody"_s);
    const QString expected =
        describe(rosterResult(RosterResult::AddContact, nobody, RosterResult::NoSuchUser));
    REQUIRE(waitFor([&] { return status->text() == expected; }, Timeout));
    CHECK(dialog->isVisible());
    CHECK_FALSE(visibleRow(*f.tree, nobody).isValid());
    saveGrab(*dialog, u"add-contact-no-such-user"_s);

    // Inline validation: nothing is sent for an empty or malformed address.
    auto *edit = dialog->findChild<QLineEdit *>(u"addressEdit"_s);
    QSignalSpy results(&f.alice().account().roster(), &RosterManager::operationFinished);
    edit->clear();
    QTest::mouseClick(dialog->findChild<QAbstractButton *>(u"addButton"_s), Qt::LeftButton);
    CHECK_FALSE(status->text().isEmpty());
    CHECK(status->text() != expected);
    QTest::keyClicks(edit, u"two words@"_s);
    QTest::keyClick(edit, Qt::Key_Return);
    CHECK(status->text() ==
          describe(rosterResult(RosterResult::AddContact, {}, RosterResult::InvalidJid)));
    QTest::qWait(50);
    CHECK(results.isEmpty());
}

TEST_CASE("An incoming subscription request shows a banner; accepting it adds the contact",
          "[ui][roster]")
{
    Fixture f;
    // Bob's app approves alice's request in return, as the user who asked first.
    QObject::connect(
        &f.bob().account().roster(), &RosterManager::subscriptionRequestReceived,
        [&f](const QString &jid) { f.bob().account().roster().acceptSubscription(jid); });
    f.bob().account().roster().addContact(f.aliceJid);
    REQUIRE(waitFor([&] { return visiblePrompts(*f.window).size() == 1; }, Timeout));
    SubscriptionPrompt *prompt = visiblePrompts(*f.window).first();
    CHECK(prompt->jid() == f.bobJid);
    CHECK(prompt->findChild<QLabel *>(u"requestLabel"_s)->text().contains(f.bobJid));
    saveGrab(*f.window, u"roster-subscription-request"_s);

    // "Later" hides it until the request is made again.
    QTest::mouseClick(prompt->findChild<QAbstractButton *>(u"laterButton"_s), Qt::LeftButton);
    CHECK(visiblePrompts(*f.window).isEmpty());
    CHECK(f.alice().account().roster().requests().contains(f.bobJid));
    f.bob().account().roster().removeContact(f.aliceJid);
    REQUIRE(waitFor([&] { return !f.alice().account().roster().requests().contains(f.bobJid); },
                    Timeout));
    f.bob().account().roster().addContact(f.aliceJid);
    REQUIRE(waitFor([&] { return visiblePrompts(*f.window).size() == 1; }, Timeout));

    QTest::mouseClick(
        visiblePrompts(*f.window).first()->findChild<QAbstractButton *>(u"acceptButton"_s),
        Qt::LeftButton);
    CHECK(visiblePrompts(*f.window).isEmpty());
    REQUIRE(waitFor(
        [&] {
            const QModelIndex row = visibleRow(*f.tree, f.bobJid);
            return row.isValid() &&
                   row.data(RosterModel::AvailabilityRole).value<PresenceStatus::Availability>() ==
                       PresenceStatus::Online;
        },
        Timeout));
    CHECK(f.alice().account().roster().model().contact(f.bobJid).subscription ==
          RosterContact::Both);
}

TEST_CASE("A contact's presence change shows in the tree", "[ui][roster]")
{
    Fixture f;
    REQUIRE(befriend(f.alice(), f.bob()));
    f.bob().account().presence().setStatus({PresenceStatus::Away, u"lunch"_s});
    REQUIRE(waitFor(
        [&] {
            const QModelIndex row = visibleRow(*f.tree, f.bobJid);
            return row.data(RosterModel::StatusTextRole).toString() == u"lunch"_s &&
                   row.data(RosterModel::AvailabilityRole).value<PresenceStatus::Availability>() ==
                       PresenceStatus::Away;
        },
        Timeout));
    saveGrab(*f.window, u"roster-presence"_s);

    // Double-click or Enter on a contact asks for a chat with them.
    QSignalSpy chats(f.window.get(), &MainWindow::chatRequested);
    const QModelIndex row = visibleRow(*f.tree, f.bobJid);
    const QPoint centre = f.tree->visualRect(row).center();
    // A real double-click: press and release, then the double-click event.
    QTest::mouseClick(f.tree->viewport(), Qt::LeftButton, {}, centre);
    QTest::mouseDClick(f.tree->viewport(), Qt::LeftButton, {}, centre);
    REQUIRE(chats.size() == 1);
    CHECK(chats.at(0).at(0).toString() == f.bobJid);
    f.tree->setCurrentIndex(row);
    QTest::keyClick(f.tree, Qt::Key_Return);
    CHECK(chats.size() == 2);
}

TEST_CASE("The filter box and the offline toggle hide contacts", "[ui][roster]")
{
    Fixture f;
    REQUIRE(befriend(f.alice(), f.bob()));
    f.alice().account().roster().addContact(f.carolJid);
    REQUIRE(waitFor([&] { return visibleRow(*f.tree, f.carolJid).isValid(); }, Timeout));

    // Ctrl+F reaches the filter box; typing filters, Escape clears.
    f.window->activateWindow();
    REQUIRE(QTest::qWaitForWindowActive(f.window.get()));
    auto *filter = f.window->findChild<QLineEdit *>(u"filterEdit"_s);
    QTest::keyClick(f.window.get(), Qt::Key_F, Qt::ControlModifier);
    CHECK(filter->hasFocus());
    QTest::keyClicks(filter, u"car"_s);
    CHECK(visibleRow(*f.tree, f.carolJid).isValid());
    CHECK_FALSE(visibleRow(*f.tree, f.bobJid).isValid());
    QTest::keyClicks(filter, u"xyz"_s);
    CHECK_FALSE(visibleRow(*f.tree, f.carolJid).isValid());
    CHECK(f.window->findChild<QLabel *>(u"emptyLabel"_s)->isVisible());
    QTest::keyClick(filter, Qt::Key_Escape);
    CHECK(filter->text().isEmpty());
    CHECK(visibleRow(*f.tree, f.carolJid).isValid());
    CHECK(visibleRow(*f.tree, f.bobJid).isValid());

    // Carol is not online: hidden with offline contacts, and the choice is kept.
    auto *offline = f.window->findChild<QCheckBox *>(u"showOfflineCheck"_s);
    REQUIRE(offline->isChecked());
    QTest::mouseClick(offline, Qt::LeftButton);
    CHECK_FALSE(visibleRow(*f.tree, f.carolJid).isValid());
    CHECK(visibleRow(*f.tree, f.bobJid).isValid());
    CHECK_FALSE(f.alice().settings().showOfflineContacts());
    f.alice().settings().setShowOfflineContacts(true);
    CHECK(offline->isChecked());
    CHECK(visibleRow(*f.tree, f.carolJid).isValid());
}

TEST_CASE("The context menu renames, regroups and, after confirmation, removes a contact",
          "[ui][roster]")
{
    Fixture f;
    REQUIRE(befriend(f.alice(), f.bob()));
    const RosterModel &roster = f.alice().account().roster().model();

    REQUIRE(triggerContextAction(f, f.bobJid, u"renameAction"_s));
    auto *rename = f.window->findChild<QInputDialog *>(u"renameDialog"_s);
    REQUIRE(rename);
    REQUIRE(waitFor([rename] { return rename->isVisible(); }));
    auto *nameEdit = rename->findChild<QLineEdit *>();
    nameEdit->selectAll();
    QTest::keyClicks(nameEdit, u"Bobby Tables"_s);
    QTest::keyClick(nameEdit, Qt::Key_Return);
    REQUIRE(waitFor([&] { return roster.contact(f.bobJid).name == u"Bobby Tables"_s; }, Timeout));
    CHECK(visibleRow(*f.tree, f.bobJid).data(RosterModel::DisplayNameRole) == u"Bobby Tables"_s);

    REQUIRE(triggerContextAction(f, f.bobJid, u"groupsAction"_s));
    auto *groups = f.window->findChild<QDialog *>(u"editGroupsDialog"_s);
    REQUIRE(groups);
    REQUIRE(waitFor([groups] { return groups->isVisible(); }));
    auto *newGroup = groups->findChild<QLineEdit *>(u"newGroupEdit"_s);
    QTest::keyClicks(newGroup, u"Friends"_s);
    saveGrab(*groups, u"roster-edit-groups"_s);
    QTest::keyClick(newGroup, Qt::Key_Return);
    REQUIRE(waitFor([&] { return roster.contact(f.bobJid).groups == QStringList{u"Friends"_s}; },
                    Timeout));
    CHECK(visibleRow(*f.tree, f.bobJid).parent().data().toString() == u"Friends"_s);
    CHECK(roster.contact(f.bobJid).name == u"Bobby Tables"_s);

    REQUIRE(triggerContextAction(f, f.bobJid, u"removeAction"_s));
    auto *confirmation = f.window->findChild<QMessageBox *>(u"removeConfirmation"_s);
    REQUIRE(confirmation);
    REQUIRE(waitFor([confirmation] { return confirmation->isVisible(); }));
    saveGrab(*confirmation, u"roster-remove-confirmation"_s);
    CHECK(visibleRow(*f.tree, f.bobJid).isValid());
    QTest::mouseClick(confirmation->findChild<QAbstractButton *>(u"removeButton"_s),
                      Qt::LeftButton);
    REQUIRE(waitFor([&] { return !visibleRow(*f.tree, f.bobJid).isValid(); }, Timeout));
    REQUIRE(waitFor(
        [&] {
            return f.window->statusBar()->currentMessage() ==
                   describe(
                       rosterResult(RosterResult::RemoveContact, f.bobJid, RosterResult::Done));
        },
        Timeout));
    CHECK(f.window->findChild<QLabel *>(u"emptyLabel"_s)->isVisible());
    saveGrab(*f.window, u"roster-empty"_s);
}

TEST_CASE("The status selector changes the presence the contacts see", "[ui][roster]")
{
    Fixture f;
    REQUIRE(befriend(f.alice(), f.bob()));
    auto *text = f.window->findChild<QLineEdit *>(u"statusTextEdit"_s);
    auto *availability = f.window->findChild<QComboBox *>(u"availabilityCombo"_s);
    REQUIRE(text);
    REQUIRE(availability);
    text->setFocus();
    QTest::keyClicks(text, u"in a meeting"_s);
    QTest::keyClick(text, Qt::Key_Return);
    // Busy is the last choice.
    QTest::keyClick(availability, Qt::Key_End);
    CHECK(f.alice().account().presence().status() ==
          PresenceStatus{PresenceStatus::DoNotDisturb, u"in a meeting"_s});
    REQUIRE(waitFor(
        [&] {
            const RosterContact alice = f.bob().account().roster().model().contact(f.aliceJid);
            return !alice.resources.isEmpty() &&
                   alice.resources.first().status ==
                       PresenceStatus{PresenceStatus::DoNotDisturb, u"in a meeting"_s};
        },
        Timeout));

    // A change made elsewhere (the tray, automatic away) shows in the selector.
    f.alice().account().presence().setStatus({PresenceStatus::Away, u"in a meeting"_s});
    CHECK(availability->currentText() == availabilityName(PresenceStatus::Away));
}

TEST_CASE("A busy roster shows groups with counts, presence, unread badges and requests",
          "[ui][roster]")
{
    Fixture f;
    const QStringList others = {u"dave"_s,  u"erin"_s, u"frank"_s, u"grace"_s,
                                u"heidi"_s, u"ivan"_s, u"judy"_s,  u"oscar"_s};
    for (const QString &name : others)
        REQUIRE(f.server.addUser(name));
    TestAccount carol(f.server, u"carol"_s), dave(f.server, u"dave"_s);
    REQUIRE(carol.logIn());
    REQUIRE(dave.logIn());
    REQUIRE(befriend(f.alice(), f.bob()));
    REQUIRE(befriend(f.alice(), carol));
    REQUIRE(befriend(f.alice(), dave));

    RosterManager &roster = f.alice().account().roster();
    const QList<std::tuple<QString, QString, QString>> contacts = {
        {u"bob"_s, u"Bob Marsh"_s, u"Engineering"_s},
        {u"carol"_s, u"Carol Nguyen"_s, u"Engineering"_s},
        {u"frank"_s, u"Frank Olsen"_s, u"Engineering"_s},
        {u"dave"_s, u"Dave Li"_s, u"Design"_s},
        {u"grace"_s, u"Grace Hopper"_s, u"Design"_s},
        {u"heidi"_s, u"Heidi Weber"_s, u"Management"_s},
        {u"ivan"_s, u"Ivan Petrov"_s, u"Management"_s},
        {u"judy"_s, u"Judy Chen"_s, u"Management"_s},
        {u"erin"_s, QString(), QString()},
    };
    for (const auto &[user, name, group] : contacts) {
        const QString jid = f.server.jid(user);
        const QStringList groups = group.isEmpty() ? QStringList() : QStringList{group};
        if (roster.model().contains(jid)) {
            // One change at a time: each roster set carries the other fields as last pushed.
            roster.renameContact(jid, name);
            REQUIRE(waitFor([&] { return roster.model().contact(jid).name == name; }, Timeout));
            roster.setGroups(jid, groups);
        } else {
            roster.addContact(jid, name, groups);
        }
        REQUIRE(waitFor(
            [&] {
                const RosterContact contact = roster.model().contact(jid);
                return roster.model().contains(jid) && contact.name == name &&
                       contact.groups == groups;
            },
            Timeout));
    }
    const QString daveJid = dave.account().bareJid();
    f.bob().account().presence().setStatus({PresenceStatus::Online, u"Reviewing the release"_s});
    carol.account().presence().setStatus({PresenceStatus::Away, u"Lunch, back at 2"_s});
    dave.account().presence().setStatus({PresenceStatus::DoNotDisturb, u"In a meeting"_s});
    roster.model().setUnreadCount(f.bobJid, 3);
    // Oscar, not a contact yet, asks to see alice's presence.
    TestAccount oscar(f.server, u"oscar"_s);
    REQUIRE(oscar.logIn());
    oscar.account().roster().addContact(f.aliceJid);
    REQUIRE(waitFor(
        [&] {
            return visiblePrompts(*f.window).size() == 1 &&
                   visibleRow(*f.tree, daveJid)
                           .data(RosterModel::AvailabilityRole)
                           .value<PresenceStatus::Availability>() == PresenceStatus::DoNotDisturb &&
                   visibleRow(*f.tree, f.carolJid)
                       .data(RosterModel::StatusTextRole)
                       .toString()
                       .startsWith(u"Lunch"_s);
        },
        Timeout));

    // Groups by name, the ungrouped last, each with available/total.
    const QAbstractItemModel &model = *f.tree->model();
    REQUIRE(model.rowCount() == 4);
    const QStringList groupNames = {u"Design"_s, u"Engineering"_s, u"Management"_s, u"Contacts"_s};
    const QList<std::pair<int, int>> counts = {{1, 2}, {2, 3}, {0, 3}, {0, 1}};
    for (int row = 0; row < 4; ++row) {
        const QModelIndex group = model.index(row, 0);
        CHECK(group.data().toString() == groupNames[row]);
        CHECK(f.tree->isExpanded(group));
        CHECK(group.data(RosterModel::AvailableCountRole).toInt() == counts[row].first);
        CHECK(group.data(RosterModel::ContactCountRole).toInt() == counts[row].second);
    }
    // Available contacts first; bob's unread count is on his row.
    const QModelIndex engineering = model.index(1, 0);
    CHECK(model.index(0, 0, engineering).data(RosterModel::JidRole) == f.bobJid);
    CHECK(model.index(0, 0, engineering).data(RosterModel::UnreadCountRole).toInt() == 3);
    CHECK(model.index(2, 0, engineering).data(RosterModel::JidRole) == f.server.jid(u"frank"_s));
    // Contact rows have room for two lines of text; group rows are slimmer.
    const int line = f.tree->fontMetrics().height();
    CHECK(f.tree->visualRect(model.index(0, 0, engineering)).height() >= 2 * line);
    CHECK(f.tree->visualRect(engineering).height() < 2 * line);

    // Collapsing a group is remembered while filtering opens everything.
    QTest::mouseClick(f.tree->viewport(), Qt::LeftButton, {},
                      f.tree->visualRect(engineering).center());
    CHECK_FALSE(f.tree->isExpanded(engineering));
    auto *filter = f.window->findChild<QLineEdit *>(u"filterEdit"_s);
    QTest::keyClicks(filter, u"o"_s);
    CHECK(f.tree->isExpanded(model.index(1, 0)));
    QTest::keyClick(filter, Qt::Key_Escape);
    CHECK_FALSE(f.tree->isExpanded(model.index(1, 0)));
    QTest::mouseClick(f.tree->viewport(), Qt::LeftButton, {},
                      f.tree->visualRect(model.index(1, 0)).center());
    CHECK(f.tree->isExpanded(model.index(1, 0)));

    f.window->resize(f.window->fontMetrics().height() * 24, f.window->fontMetrics().height() * 44);
    QCoreApplication::processEvents();
    saveGrab(*f.window, u"roster-main"_s);
}

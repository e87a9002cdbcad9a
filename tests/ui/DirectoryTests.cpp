// "Find colleagues" against a real flint-server's user directory: finding someone by part of the
// name on their card, adding them, and what the dialog says when nobody matches.
#include "UiTestSupport.h"
#include "client/ProfileManager.h"
#include "client/RosterManager.h"
#include "client/RosterModel.h"
#include "directory/DirectorySearchDialog.h"

#include <catch2/catch.hpp>

#include <QAbstractButton>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>

using namespace flint;
using namespace flint::test;
using namespace flint::ui;
using namespace Qt::StringLiterals;

TEST_CASE("Find colleagues finds a user by part of the name and adds them", "[ui][directory]")
{
    UiServer server;
    REQUIRE(server.start({u"alice"_s, u"bob"_s}));
    TestAccount alice(server, u"alice"_s);
    REQUIRE(alice.logIn());
    TestAccount bob(server, u"bob"_s);
    REQUIRE(bob.logIn());

    // The directory matches the name on the user's card.
    QSignalSpy saved(&alice.account().profiles(), &ProfileManager::profileSaved);
    Profile profile;
    profile.fullName = u"Alice Liddell"_s;
    profile.email = u"alice@example.com"_s;
    alice.account().profiles().setProfile(profile);
    REQUIRE(waitFor([&] { return saved.count() == 1; }));
    REQUIRE(saved.at(0).at(0).value<ProfileResult>().kind == ProfileResult::Ok);

    DirectorySearchDialog dialog(bob.account());
    QSignalSpy chat(&dialog, &DirectorySearchDialog::chatRequested);
    dialog.show();
    REQUIRE(QTest::qWaitForWindowExposed(&dialog));
    auto *query = dialog.findChild<QLineEdit *>(u"searchEdit"_s);
    auto *results = dialog.findChild<QTableWidget *>(u"resultsTable"_s);
    auto *status = dialog.findChild<QLabel *>(u"statusLabel"_s);
    auto *add = dialog.findChild<QAbstractButton *>(u"addButton"_s);
    auto *chatButton = dialog.findChild<QAbstractButton *>(u"chatButton"_s);
    REQUIRE(query);
    REQUIRE(results);

    SECTION("nobody matches")
    {
        QTest::keyClicks(query, u"zebediah"_s);
        QTest::keyClick(query, Qt::Key_Return);
        REQUIRE(waitFor([&] { return status->text().contains(u"zebediah"_s); }));
        CHECK(results->rowCount() == 0);
        CHECK(!add->isEnabled());
        CHECK(!chatButton->isEnabled());
    }

    SECTION("a match is added to the contacts")
    {
        QTest::keyClicks(query, u"lidd"_s);
        QTest::keyClick(query, Qt::Key_Return);
        REQUIRE(waitFor([&] { return results->rowCount() == 1; }, 15000));
        const QString aliceJid = server.jid(u"alice"_s);
        CHECK(results->item(0, 0)->text() == u"Alice Liddell"_s);
        CHECK(results->item(0, 1)->text() == aliceJid);
        CHECK(results->item(0, 2)->text() == u"alice@example.com"_s);
        CHECK(results->item(0, 3)->text().isEmpty());
        CHECK(results->currentRow() == 0);
        saveGrab(dialog, u"directory-search"_s);

        REQUIRE(add->isEnabled());
        QTest::mouseClick(add, Qt::LeftButton);
        REQUIRE(waitFor([&] { return bob.account().roster().model().contains(aliceJid); }));
        RosterResult done;
        done.operation = RosterResult::AddContact;
        done.jid = aliceJid;
        done.kind = RosterResult::Done;
        REQUIRE(waitFor([&] { return status->text() == describe(done); }));
        CHECK(results->item(0, 3)->text() == DirectorySearchDialog::tr("In contacts"));
        CHECK(!add->isEnabled());
        CHECK(RosterModel::displayName(bob.account().roster().model().contact(aliceJid)) ==
              u"Alice Liddell"_s);
        saveGrab(dialog, u"directory-added"_s);

        QTest::mouseClick(chatButton, Qt::LeftButton);
        REQUIRE(chat.count() == 1);
        CHECK(chat.at(0).at(0).toString() == aliceJid);
    }
}

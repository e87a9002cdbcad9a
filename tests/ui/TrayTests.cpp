// The tray icon of a logged-in account against a real flint-server: the unread count in the
// tooltip and the badge, notifications for messages not on screen, and the status menu.
#include "UiTestSupport.h"
#include "client/Conversation.h"
#include "client/ConversationManager.h"
#include "client/PresenceManager.h"
#include "common/Icons.h"
#include "tray/TrayIcon.h"

#include <catch2/catch.hpp>

#include <QAction>
#include <QLabel>
#include <QMenu>
#include <QSignalSpy>
#include <QSystemTrayIcon>

using namespace flint;
using namespace flint::test;
using namespace flint::ui;
using namespace Qt::StringLiterals;

namespace {

bool isBadgeRed(const QPixmap &pixmap)
{
    // The badge sits in the top right corner, left of the count's digits.
    const QColor colour = pixmap.toImage().pixelColor(pixmap.width() - 6, pixmap.height() / 4);
    return colour.red() > 180 && colour.green() < 80 && colour.blue() < 80;
}

} // namespace

TEST_CASE("The tray counts unread messages and notifies those not on screen", "[ui][tray]")
{
    UiServer server;
    REQUIRE(server.start({u"alice"_s, u"bob"_s}));
    TestAccount alice(server, u"alice"_s);
    REQUIRE(alice.logIn());
    TestAccount bob(server, u"bob"_s);
    REQUIRE(bob.logIn());
    const QString bobJid = server.jid(u"bob"_s);

    TrayIcon tray(alice.account(), alice.settings());
    bool onScreen = false;
    tray.setConversationVisibleCheck(
        [&](const QString &peer) { return onScreen && peer == bobJid; });
    QSignalSpy notifications(&tray, &TrayIcon::notificationShown);
    QSignalSpy chats(&tray, &TrayIcon::chatRequested);
    tray.systemTrayIcon().show();
    CHECK(tray.unreadCount() == 0);
    CHECK(!tray.toolTip().contains(u"unread"_s));
    CHECK(!isBadgeRed(tray.iconPixmap()));

    Conversation *toAlice = bob.account().conversations().conversation(server.jid(u"alice"_s));
    REQUIRE(toAlice);
    toAlice->sendMessage(u"Hello Alice"_s);
    toAlice->sendMessage(u"Are you there?"_s);
    REQUIRE(waitFor([&] { return tray.unreadCount() == 2; }));
    CHECK(tray.toolTip().contains(u'2'));
    CHECK(tray.systemTrayIcon().toolTip() == tray.toolTip());
    CHECK(isBadgeRed(tray.iconPixmap()));
    REQUIRE(notifications.count() == 2);
    CHECK(notifications.at(1).at(0).toString() == bobJid);

    QLabel icon;
    icon.setPixmap(tray.iconPixmap());
    saveGrab(icon, u"tray-icon"_s);

    // Clicking the notification opens the conversation it showed.
    Q_EMIT tray.systemTrayIcon().messageClicked();
    REQUIRE(chats.count() == 1);
    CHECK(chats.at(0).at(0).toString() == bobJid);

    // While the conversation is on screen the message is counted but not notified.
    onScreen = true;
    toAlice->sendMessage(u"Never mind"_s);
    REQUIRE(waitFor([&] { return tray.unreadCount() == 3; }));
    CHECK(notifications.count() == 2);

    // Notifications switched off in the settings: none either.
    onScreen = false;
    alice.settings().setNotificationsEnabled(false);
    toAlice->sendMessage(u"Still there?"_s);
    REQUIRE(waitFor([&] { return tray.unreadCount() == 4; }));
    CHECK(notifications.count() == 2);

    alice.account().conversations().conversation(bobJid)->markRead();
    REQUIRE(waitFor([&] { return tray.unreadCount() == 0; }));
    CHECK(!tray.toolTip().contains(u"unread"_s));
    CHECK(!isBadgeRed(tray.iconPixmap()));
}

TEST_CASE("The tray menu changes the status and keeps its text", "[ui][tray]")
{
    UiServer server;
    REQUIRE(server.start({u"alice"_s}));
    TestAccount alice(server, u"alice"_s);
    REQUIRE(alice.logIn());
    PresenceManager &presence = alice.account().presence();
    REQUIRE(presence.setStatus({PresenceStatus::Online, u"At my desk"_s}));

    TrayIcon tray(alice.account(), alice.settings());
    QMenu *menu = tray.systemTrayIcon().contextMenu();
    REQUIRE(menu);
    QAction *away = nullptr;
    QAction *online = nullptr;
    for (QAction *action : menu->actions()) {
        if (action->text() == availabilityName(PresenceStatus::Away))
            away = action;
        if (action->text() == availabilityName(PresenceStatus::Online))
            online = action;
    }
    REQUIRE(away);
    REQUIRE(online);
    CHECK(online->isChecked());
    CHECK(tray.toolTip().contains(availabilityName(PresenceStatus::Online)));

    away->trigger();
    CHECK(presence.status().availability == PresenceStatus::Away);
    CHECK(presence.status().text == u"At my desk"_s);
    CHECK(away->isChecked());
    CHECK(!online->isChecked());
    CHECK(tray.toolTip().contains(availabilityName(PresenceStatus::Away)));

    QSignalSpy quit(&tray, &TrayIcon::quitRequested);
    QSignalSpy logout(&tray, &TrayIcon::logoutRequested);
    QSignalSpy show(&tray, &TrayIcon::showRequested);
    for (QAction *action : menu->actions()) {
        if (action->text() == TrayIcon::tr("Log Out") || action->text() == TrayIcon::tr("Quit") ||
            action->text() == TrayIcon::tr("Open Flint"))
            action->trigger();
    }
    CHECK(quit.count() == 1);
    CHECK(logout.count() == 1);
    CHECK(show.count() == 1);
    Q_EMIT tray.systemTrayIcon().activated(QSystemTrayIcon::Trigger);
    CHECK(show.count() == 2);

    // Logged out, the tray shows the user offline.
    alice.account().logOut();
    REQUIRE(waitFor(
        [&] { return tray.toolTip().contains(availabilityName(PresenceStatus::Offline)); }));
}

// RFC 6121 §3 and §4 over real TLS: subscription handshakes (online, offline, across a restart),
// cancellations, roster removal, and presence broadcast, probes, priorities and directed
// presence (flows C, E, F).
#include "support/ClientHelpers.h"
#include "support/RawStream.h"
#include "support/TestServer.h"

#include <catch2/catch.hpp>

#include <QDomElement>
#include <QXmppClient.h>
#include <QXmppConfiguration.h>
#include <QXmppPresence.h>
#include <QXmppRosterManager.h>
#include <QXmppTask.h>

#include <algorithm>

using namespace flint::test;
using namespace Qt::StringLiterals;

namespace {

using Subscription = QXmppRosterIq::Item::SubscriptionType;

// A QXmppClient with its roster manager, remembering the subscription requests and presences
// it received.
class User {
public:
    User()
    {
        QObject::connect(roster, &QXmppRosterManager::subscriptionRequestReceived,
                         [this](const QString &jid, const QXmppPresence &) { requests << jid; });
        QObject::connect(&client, &QXmppClient::presenceReceived,
                         [this](const QXmppPresence &presence) { presences << presence; });
    }

    bool login(const TestServer &server, const QString &name, const QString &resource = u"test"_s)
    {
        return connectClient(client, server.clientConfiguration(name, name + u" pw"_s, resource)) &&
               waitFor([this] { return roster->isRosterReceived(); });
    }
    Subscription subscription(const QString &jid) const
    {
        return roster->getRosterEntry(jid).subscriptionType();
    }
    bool isAsking(const QString &jid) const
    {
        return roster->getRosterEntry(jid).subscriptionStatus() == u"subscribe"_s;
    }
    bool sees(const QString &fullJid) const
    {
        return roster->getResources(fullJid.section(u'/', 0, 0)).contains(fullJid.section(u'/', 1));
    }
    QXmppPresence presenceOf(const QString &fullJid) const
    {
        return roster->getPresence(fullJid.section(u'/', 0, 0), fullJid.section(u'/', 1));
    }
    bool received(const QString &from, QXmppPresence::Type type) const
    {
        return std::any_of(presences.cbegin(), presences.cend(), [&](const QXmppPresence &p) {
            return p.from() == from && p.type() == type;
        });
    }
    // A ping round trip: whatever the server sent before its answer has arrived.
    bool syncWithServer()
    {
        return flint::test::syncWithServer(client, client.configuration().domain());
    }
    void setStatus(QXmppPresence::AvailableStatusType status, const QString &text)
    {
        QXmppPresence presence;
        presence.setAvailableStatusType(status);
        presence.setStatusText(text);
        client.setClientPresence(presence);
    }

    QXmppClient client;
    QXmppRosterManager *roster = client.findExtension<QXmppRosterManager>();
    QStringList requests;
    QList<QXmppPresence> presences;
};

// The whole RFC 6121 §3.1 handshake in both directions, ending in "both" on each side.
bool subscribeMutually(User &a, const QString &aJid, User &b, const QString &bJid)
{
    a.roster->subscribe(bJid);
    if (!waitFor([&] { return b.requests.contains(aJid); }))
        return false;
    b.roster->acceptSubscription(aJid);
    b.roster->subscribe(aJid);
    if (!waitFor([&] { return a.requests.contains(bJid); }))
        return false;
    a.roster->acceptSubscription(bJid);
    return waitFor([&] {
        return a.subscription(bJid) == Subscription::Both &&
               b.subscription(aJid) == Subscription::Both;
    });
}

const QString Alice = u"alice@flint.test"_s;
const QString Bob = u"bob@flint.test"_s;
const QString Carol = u"carol@flint.test"_s;

void addUsers(const TestServer &server)
{
    for (const QString &user : {u"alice"_s, u"bob"_s, u"carol"_s})
        REQUIRE(server.addUser(user, user + u" pw"_s));
}

} // namespace

TEST_CASE("a subscription handshake between two online users", "[presence][subscription]")
{
    const Backend backend = GENERATE(Backend::Sqlite, Backend::MariaDb);
    INFO("backend: " << backendName(backend).toStdString());
    TestServer server({.backend = backend});
    REQUIRE(server.start());
    addUsers(server);

    User alice;
    User bob;
    REQUIRE(alice.login(server, u"alice"_s));
    REQUIRE(bob.login(server, u"bob"_s));

    alice.roster->subscribe(Bob);
    // The request is pending: alice's roster says so, bob is asked.
    REQUIRE(waitFor([&] { return alice.isAsking(Bob); }));
    CHECK(alice.subscription(Bob) == Subscription::None);
    REQUIRE(waitFor([&] { return bob.requests.contains(Alice); }));
    CHECK(bob.roster->getRosterBareJids().isEmpty());

    bob.roster->acceptSubscription(Alice);
    REQUIRE(waitFor([&] { return alice.subscription(Bob) == Subscription::To; }));
    CHECK_FALSE(alice.isAsking(Bob));
    REQUIRE(waitFor([&] { return bob.subscription(Alice) == Subscription::From; }));
    // After the approval alice receives bob's current presence.
    CHECK(waitFor([&] { return alice.sees(Bob + u"/test"_s); }));
    CHECK_FALSE(bob.sees(Alice + u"/test"_s));

    bob.roster->subscribe(Alice);
    REQUIRE(waitFor([&] { return alice.requests.contains(Bob); }));
    alice.roster->acceptSubscription(Bob);
    CHECK(waitFor([&] { return alice.subscription(Bob) == Subscription::Both; }));
    CHECK(waitFor([&] { return bob.subscription(Alice) == Subscription::Both; }));
    CHECK(waitFor([&] { return bob.sees(Alice + u"/test"_s); }));
}

TEST_CASE("a request to an offline user waits for the next login, across a restart",
          "[presence][subscription]")
{
    const Backend backend = GENERATE(Backend::Sqlite, Backend::MariaDb);
    INFO("backend: " << backendName(backend).toStdString());
    TestServer server({.backend = backend});
    REQUIRE(server.start());
    addUsers(server);

    {
        User alice;
        REQUIRE(alice.login(server, u"alice"_s));
        alice.roster->subscribe(Bob);
        REQUIRE(waitFor([&] { return alice.isAsking(Bob); }));
        alice.client.disconnectFromServer();
    }
    REQUIRE(server.stop() == 0);
    REQUIRE(server.start());

    User bob;
    REQUIRE(bob.login(server, u"bob"_s));
    REQUIRE(waitFor([&] { return bob.requests.contains(Alice); }));
    bob.roster->acceptSubscription(Alice);
    REQUIRE(waitFor([&] { return bob.subscription(Alice) == Subscription::From; }));

    User alice;
    REQUIRE(alice.login(server, u"alice"_s));
    CHECK(alice.subscription(Bob) == Subscription::To);
    CHECK_FALSE(alice.isAsking(Bob));
    // Answered requests are not presented again.
    User bobAgain;
    REQUIRE(bobAgain.login(server, u"bob"_s, u"second"_s));
    REQUIRE(bobAgain.syncWithServer());
    CHECK(bobAgain.requests.isEmpty());
}

TEST_CASE("unsubscribe and unsubscribed cancel each direction", "[presence][subscription]")
{
    const Backend backend = GENERATE(Backend::Sqlite, Backend::MariaDb);
    INFO("backend: " << backendName(backend).toStdString());
    TestServer server({.backend = backend});
    REQUIRE(server.start());
    addUsers(server);

    User alice;
    User bob;
    REQUIRE(alice.login(server, u"alice"_s));
    REQUIRE(bob.login(server, u"bob"_s));
    REQUIRE(subscribeMutually(alice, Alice, bob, Bob));
    REQUIRE(waitFor([&] { return alice.sees(Bob + u"/test"_s) && bob.sees(Alice + u"/test"_s); }));

    // Alice stops following bob: she no longer sees him, he still sees her.
    alice.roster->unsubscribe(Bob);
    CHECK(waitFor([&] { return alice.subscription(Bob) == Subscription::From; }));
    CHECK(waitFor([&] { return bob.subscription(Alice) == Subscription::To; }));
    CHECK(waitFor([&] { return !alice.sees(Bob + u"/test"_s); }));
    CHECK(bob.sees(Alice + u"/test"_s));

    // Alice withdraws bob's subscription to her.
    alice.roster->refuseSubscription(Bob);
    CHECK(waitFor([&] { return alice.subscription(Bob) == Subscription::None; }));
    CHECK(waitFor([&] { return bob.subscription(Alice) == Subscription::None; }));
    CHECK(waitFor([&] { return !bob.sees(Alice + u"/test"_s); }));
}

TEST_CASE("removing a contact cancels the subscriptions on both sides",
          "[presence][subscription][roster]")
{
    const Backend backend = GENERATE(Backend::Sqlite, Backend::MariaDb);
    INFO("backend: " << backendName(backend).toStdString());
    TestServer server({.backend = backend});
    REQUIRE(server.start());
    addUsers(server);

    User alice;
    User bob;
    REQUIRE(alice.login(server, u"alice"_s));
    REQUIRE(bob.login(server, u"bob"_s));
    REQUIRE(subscribeMutually(alice, Alice, bob, Bob));
    REQUIRE(waitFor([&] { return bob.sees(Alice + u"/test"_s); }));

    alice.roster->removeItem(Bob);
    CHECK(waitFor([&] { return !alice.roster->getRosterBareJids().contains(Bob); }));
    CHECK(waitFor([&] { return bob.subscription(Alice) == Subscription::None; }));
    CHECK(bob.roster->getRosterBareJids().contains(Alice));
    CHECK(waitFor([&] { return !bob.sees(Alice + u"/test"_s); }));
    CHECK(waitFor([&] { return !alice.sees(Bob + u"/test"_s); }));

    // Stored state agrees after a fresh login.
    User bobAgain;
    REQUIRE(bobAgain.login(server, u"bob"_s, u"again"_s));
    CHECK(bobAgain.subscription(Alice) == Subscription::None);
    CHECK_FALSE(bobAgain.isAsking(Alice));
}

TEST_CASE("subscribers see status changes, probes and the end of a session", "[presence]")
{
    const Backend backend = GENERATE(Backend::Sqlite, Backend::MariaDb);
    INFO("backend: " << backendName(backend).toStdString());
    TestServer server({.backend = backend});
    REQUIRE(server.start());
    addUsers(server);

    User bob;
    REQUIRE(bob.login(server, u"bob"_s));
    {
        User alice;
        REQUIRE(alice.login(server, u"alice"_s));
        REQUIRE(subscribeMutually(alice, Alice, bob, Bob));
        const QString aliceJid = Alice + u"/test"_s;
        REQUIRE(waitFor([&] { return bob.sees(aliceJid); }));
        CHECK(bob.presenceOf(aliceJid).availableStatusType() == QXmppPresence::Online);

        alice.setStatus(QXmppPresence::Away, u"At lunch"_s);
        CHECK(waitFor(
            [&] { return bob.presenceOf(aliceJid).availableStatusType() == QXmppPresence::Away; }));
        CHECK(bob.presenceOf(aliceJid).statusText() == u"At lunch"_s);
        alice.setStatus(QXmppPresence::DND, u"In a meeting"_s);
        CHECK(waitFor(
            [&] { return bob.presenceOf(aliceJid).availableStatusType() == QXmppPresence::DND; }));
        CHECK(bob.presenceOf(aliceJid).statusText() == u"In a meeting"_s);

        alice.client.disconnectFromServer();
        CHECK(waitFor([&] { return !bob.sees(aliceJid); }));
    }

    // Alice logs in later and learns bob's current status from the server (probe).
    bob.setStatus(QXmppPresence::XA, u"On holiday"_s);
    User alice;
    REQUIRE(alice.login(server, u"alice"_s, u"later"_s));
    const QString bobJid = Bob + u"/test"_s;
    REQUIRE(waitFor([&] { return alice.sees(bobJid); }));
    CHECK(alice.presenceOf(bobJid).availableStatusType() == QXmppPresence::XA);
    CHECK(alice.presenceOf(bobJid).statusText() == u"On holiday"_s);
    CHECK(waitFor([&] { return bob.sees(Alice + u"/later"_s); }));

    // A connection that just drops is announced as unavailable too.
    {
        RawStream raw(server.port(), server.domain());
        REQUIRE(raw.connectToServer());
        REQUIRE(raw.login(u"alice"_s, u"alice pw"_s, u"raw"_s));
        raw.send("<presence><show>chat</show></presence>");
        REQUIRE(waitFor([&] { return bob.sees(Alice + u"/raw"_s); }));
        // The new resource also hears of bob and of alice's other resource.
        CHECK(raw.waitForText("bob@flint.test/test"));
        CHECK(raw.waitForText("alice@flint.test/later"));
    }
    CHECK(waitFor([&] { return bob.received(Alice + u"/raw"_s, QXmppPresence::Unavailable); }));
    CHECK_FALSE(bob.sees(Alice + u"/raw"_s));
    CHECK(bob.sees(Alice + u"/later"_s));
}

TEST_CASE("two resources with different priorities", "[presence]")
{
    const Backend backend = GENERATE(Backend::Sqlite, Backend::MariaDb);
    INFO("backend: " << backendName(backend).toStdString());
    TestServer server({.backend = backend});
    REQUIRE(server.start());
    addUsers(server);

    User bob;
    User desk;
    REQUIRE(bob.login(server, u"bob"_s));
    REQUIRE(desk.login(server, u"alice"_s, u"desk"_s));
    REQUIRE(subscribeMutually(desk, Alice, bob, Bob));

    QXmppPresence high;
    high.setPriority(10);
    desk.client.setClientPresence(high);
    User phone;
    REQUIRE(phone.login(server, u"alice"_s, u"phone"_s));
    QXmppPresence low;
    low.setPriority(-5);
    low.setAvailableStatusType(QXmppPresence::Away);
    phone.client.setClientPresence(low);

    CHECK(waitFor([&] { return bob.presenceOf(Alice + u"/desk"_s).priority() == 10; }));
    CHECK(waitFor([&] { return bob.presenceOf(Alice + u"/phone"_s).priority() == -5; }));
    CHECK(bob.presenceOf(Alice + u"/phone"_s).availableStatusType() == QXmppPresence::Away);
    // Each resource sees the other one.
    CHECK(waitFor([&] { return desk.received(Alice + u"/phone"_s, QXmppPresence::Available); }));
    CHECK(waitFor([&] { return phone.received(Alice + u"/desk"_s, QXmppPresence::Available); }));
}

TEST_CASE("directed presence reaches a non-contact, who hears of the logout", "[presence]")
{
    const Backend backend = GENERATE(Backend::Sqlite, Backend::MariaDb);
    INFO("backend: " << backendName(backend).toStdString());
    TestServer server({.backend = backend});
    REQUIRE(server.start());
    addUsers(server);

    User carol;
    User bob;
    REQUIRE(carol.login(server, u"carol"_s));
    REQUIRE(bob.login(server, u"bob"_s));
    {
        User alice;
        REQUIRE(alice.login(server, u"alice"_s));
        const QString aliceJid = Alice + u"/test"_s;
        QXmppPresence directed;
        directed.setTo(Carol);
        directed.setStatusText(u"Ready for the review"_s);
        REQUIRE(alice.client.sendPacket(directed));
        REQUIRE(waitFor([&] { return carol.received(aliceJid, QXmppPresence::Available); }));
        CHECK(carol.presences.last().statusText() == u"Ready for the review"_s);

        // Not a subscriber: a broadcast does not reach carol, nor bob.
        const auto before = carol.presences.size();
        alice.setStatus(QXmppPresence::Away, u"Back soon"_s);
        REQUIRE(waitFor([&] {
            return alice.received(aliceJid, QXmppPresence::Available) &&
                   alice.presences.last().statusText() == u"Back soon"_s;
        }));
        CHECK(carol.presences.size() == before);

        alice.client.disconnectFromServer();
        CHECK(waitFor([&] { return carol.received(aliceJid, QXmppPresence::Unavailable); }));
    }
    CHECK_FALSE(bob.received(Alice + u"/test"_s, QXmppPresence::Available));
    CHECK_FALSE(bob.received(Alice + u"/test"_s, QXmppPresence::Unavailable));
}

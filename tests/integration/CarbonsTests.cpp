// XEP-0280 Message Carbons in flint-server: enabling per resource, <sent>/<received> copies to
// the account's other interested resources, opt-outs, and no second copy for a resource that got
// the message itself.
#include "support/ClientHelpers.h"
#include "support/RawStream.h"
#include "support/TestServer.h"

#include <catch2/catch.hpp>

#include <QDomElement>
#include <QXmppCarbonManager.h>
#include <QXmppClient.h>
#include <QXmppDiscoveryIq.h>
#include <QXmppDiscoveryManager.h>
#include <QXmppPingIq.h>
#include <QXmppPresence.h>
#include <QXmppTask.h>

#include <memory>

using namespace flint::test;
using namespace Qt::StringLiterals;

namespace {

const QString CarbonsNs = u"urn:xmpp:carbons:2"_s;

// One resource: what it receives directly and as carbon copies.
struct Device {
    explicit Device(const QString &user, const QString &resource)
        : user(user), resource(resource), inbox(client)
    {
        carbons = client.addNewExtension<QXmppCarbonManager>();
        QObject::connect(carbons, &QXmppCarbonManager::messageSent,
                         [this](const QXmppMessage &message) { sent << message; });
        QObject::connect(carbons, &QXmppCarbonManager::messageReceived,
                         [this](const QXmppMessage &message) { received << message; });
    }
    bool connect(const TestServer &server, int priority = 0)
    {
        if (!connectClient(client, server.clientConfiguration(user, user + u" pw"_s, resource)))
            return false;
        // Built afresh: after a disconnection the client's own presence is unavailable.
        QXmppPresence presence(QXmppPresence::Available);
        presence.setPriority(priority);
        client.setClientPresence(presence);
        return syncWithServer(client, server.domain());
    }
    QString jid() const { return u"%1@%2/%3"_s.arg(user, TestServer::Domain, resource); }

    QString user;
    QString resource;
    QXmppClient client;
    QXmppCarbonManager *carbons = nullptr;
    Inbox inbox;
    QList<QXmppMessage> sent;
    QList<QXmppMessage> received;
};

// Whether the server has ended the session of `fullJid`: a ping to it then bounces at once
// (while it lasts, the ping goes to the closing stream and stays unanswered).
bool isGone(QXmppClient &observer, const QString &fullJid)
{
    return waitFor([&] {
        auto bounced = std::make_shared<bool>(false);
        QXmppPingIq ping;
        ping.setTo(fullJid);
        observer.sendIq(std::move(ping)).then(&observer, [bounced](QXmppClient::IqResult &&result) {
            // QXmpp reports an error answer as a QXmppError.
            *bounced = std::holds_alternative<QXmppError>(result);
        });
        return waitFor([bounced] { return *bounced; }, 300);
    });
}

} // namespace

TEST_CASE("carbons copy chat messages to the account's other resources that enabled them",
          "[carbons]")
{
    const Backend backend = GENERATE(Backend::Sqlite, Backend::MariaDb);
    INFO("backend: " << backendName(backend).toStdString());
    TestServer server({.backend = backend});
    REQUIRE(server.start());
    REQUIRE(server.addUser(u"alice"_s, u"alice pw"_s));
    REQUIRE(server.addUser(u"bob"_s, u"bob pw"_s));

    Device aliceDesk(u"alice"_s, u"desk"_s);
    Device aliceLaptop(u"alice"_s, u"laptop"_s);
    Device alicePhone(u"alice"_s, u"phone"_s); // never enables carbons
    Device bobDesk(u"bob"_s, u"desk"_s);
    Device bobPhone(u"bob"_s, u"phone"_s);
    REQUIRE(aliceDesk.connect(server));
    REQUIRE(aliceLaptop.connect(server));
    REQUIRE(alicePhone.connect(server));
    REQUIRE(bobDesk.connect(server, 5));
    REQUIRE(bobPhone.connect(server, 1)); // below the desk: gets bare-JID messages only as copies

    // The server announces the feature.
    auto *disco = aliceDesk.client.addNewExtension<QXmppDiscoveryManager>();
    QStringList features;
    disco->requestDiscoInfo(server.domain())
        .then(&aliceDesk.client, [&](QXmppDiscoveryManager::InfoResult &&result) {
            if (const auto *info = std::get_if<QXmppDiscoveryIq>(&result))
                features = info->features();
        });
    REQUIRE(waitFor([&] { return !features.isEmpty(); }));
    CHECK(features.contains(CarbonsNs));

    for (Device *device : {&aliceDesk, &aliceLaptop, &bobDesk, &bobPhone})
        device->carbons->setCarbonsEnabled(true);
    const auto syncAll = [&] {
        for (Device *device : {&aliceDesk, &aliceLaptop, &alicePhone, &bobDesk, &bobPhone}) {
            if (!syncWithServer(device->client, server.domain()))
                return false;
        }
        return true;
    };
    REQUIRE(syncAll());

    SECTION("to the recipient's bare JID")
    {
        REQUIRE(aliceDesk.client.sendPacket(chat(u"bob@flint.test"_s, u"hello bob"_s)));
        REQUIRE(bobDesk.inbox.waitForCount(1));
        REQUIRE(waitFor([&] { return aliceLaptop.sent.size() == 1; }));
        REQUIRE(waitFor([&] { return bobPhone.received.size() == 1; }));
        REQUIRE(syncAll());
        CHECK(aliceLaptop.sent.first().body() == u"hello bob"_s);
        CHECK(aliceLaptop.sent.first().from() == aliceDesk.jid());
        CHECK(aliceLaptop.sent.first().to() == u"bob@flint.test"_s);
        CHECK(bobPhone.received.first().body() == u"hello bob"_s);
        CHECK(bobPhone.received.first().from() == aliceDesk.jid());
        CHECK(bobPhone.inbox.messages().isEmpty());
        // The sender, the resource that got the message, and resources without carbons: no copy.
        CHECK(aliceDesk.sent.isEmpty());
        CHECK(aliceDesk.received.isEmpty());
        CHECK(bobDesk.received.isEmpty());
        CHECK(bobDesk.inbox.messages().size() == 1);
        CHECK(alicePhone.inbox.messages().isEmpty());

        // A normal message with a body is copied too; a headline is not.
        REQUIRE(aliceDesk.client.sendPacket(
            chat(u"bob@flint.test"_s, u"normal"_s, QXmppMessage::Normal)));
        REQUIRE(aliceDesk.client.sendPacket(
            chat(u"bob@flint.test"_s, u"news"_s, QXmppMessage::Headline)));
        REQUIRE(bobDesk.inbox.waitForCount(3));
        REQUIRE(syncAll());
        CHECK(aliceLaptop.sent.size() == 2);
        CHECK(bobPhone.received.size() == 2);
        CHECK(bobPhone.received.last().body() == u"normal"_s);
    }
    SECTION("to a full JID: the other resources get a copy, the addressed one only the message")
    {
        REQUIRE(aliceDesk.client.sendPacket(chat(bobPhone.jid(), u"to your phone"_s)));
        REQUIRE(bobPhone.inbox.waitForCount(1));
        REQUIRE(waitFor([&] { return bobDesk.received.size() == 1; }));
        REQUIRE(waitFor([&] { return aliceLaptop.sent.size() == 1; }));
        REQUIRE(syncAll());
        CHECK(bobPhone.received.isEmpty());
        CHECK(bobDesk.received.first().body() == u"to your phone"_s);
        CHECK(bobDesk.inbox.messages().isEmpty());
        CHECK(aliceLaptop.sent.first().to() == bobPhone.jid());
    }
    SECTION("between two resources of one account: one copy, never to those involved")
    {
        REQUIRE(aliceDesk.client.sendPacket(chat(aliceLaptop.jid(), u"note to self"_s)));
        REQUIRE(aliceLaptop.inbox.waitForCount(1));
        REQUIRE(syncAll());
        CHECK(aliceLaptop.sent.isEmpty());
        CHECK(aliceLaptop.received.isEmpty());
        CHECK(aliceDesk.sent.isEmpty());
        CHECK(aliceDesk.received.isEmpty());
    }
    SECTION("<private/> and <no-copy/> opt out")
    {
        RawStream raw(server.port(), server.domain());
        REQUIRE(raw.connectToServer());
        REQUIRE(raw.login(u"alice"_s, u"alice pw"_s, u"raw"_s));
        raw.send("<message to='bob@flint.test' type='chat' id='p1'><body>private</body>"
                 "<private xmlns='urn:xmpp:carbons:2'/><no-copy xmlns='urn:xmpp:hints'/>"
                 "</message>");
        raw.send("<message to='bob@flint.test' type='chat' id='p2'><body>no copy</body>"
                 "<no-copy xmlns='urn:xmpp:hints'/></message>");
        raw.send("<message to='bob@flint.test' type='chat' id='p3'><body>copied</body></message>");
        REQUIRE(bobDesk.inbox.waitForCount(3));
        REQUIRE(waitFor([&] { return aliceLaptop.sent.size() == 1; }));
        REQUIRE(waitFor([&] { return bobPhone.received.size() == 1; }));
        REQUIRE(syncAll());
        CHECK(aliceLaptop.sent.size() == 1);
        CHECK(aliceLaptop.sent.first().body() == u"copied"_s);
        CHECK(bobPhone.received.size() == 1);
        CHECK(bobPhone.received.first().body() == u"copied"_s);
    }
    SECTION("a disabled resource gets no more copies")
    {
        aliceLaptop.carbons->setCarbonsEnabled(false);
        REQUIRE(syncWithServer(aliceLaptop.client, server.domain()));
        REQUIRE(aliceDesk.client.sendPacket(chat(u"bob@flint.test"_s, u"after disable"_s)));
        REQUIRE(waitFor([&] { return bobPhone.received.size() == 1; }));
        REQUIRE(syncAll());
        CHECK(aliceLaptop.sent.isEmpty());
    }
    SECTION("a message stored offline is copied to the sender's resources only")
    {
        bobDesk.client.disconnectFromServer();
        bobPhone.client.disconnectFromServer();
        REQUIRE(isGone(aliceDesk.client, bobDesk.jid()));
        REQUIRE(isGone(aliceDesk.client, bobPhone.jid()));
        REQUIRE(aliceDesk.client.sendPacket(chat(u"bob@flint.test"_s, u"while you were out"_s)));
        REQUIRE(waitFor([&] { return aliceLaptop.sent.size() == 1; }));
        CHECK(aliceLaptop.sent.first().body() == u"while you were out"_s);
        REQUIRE(bobDesk.connect(server, 5));
        REQUIRE(bobDesk.inbox.waitForCount(1));
        CHECK(bobDesk.inbox.messages().first().body() == u"while you were out"_s);
    }
}

TEST_CASE("carbons are enabled with an IQ, wrap the message in <forwarded/> and end with the "
          "session",
          "[carbons]")
{
    const Backend backend = GENERATE(Backend::Sqlite, Backend::MariaDb);
    INFO("backend: " << backendName(backend).toStdString());
    TestServer server({.backend = backend});
    REQUIRE(server.start());
    REQUIRE(server.addUser(u"alice"_s, u"alice pw"_s));
    REQUIRE(server.addUser(u"bob"_s, u"bob pw"_s));

    RawStream laptop(server.port(), server.domain());
    REQUIRE(laptop.connectToServer());
    REQUIRE(laptop.login(u"alice"_s, u"alice pw"_s, u"laptop"_s));
    laptop.send("<iq type='set' id='c1'><bogus xmlns='urn:xmpp:carbons:2'/></iq>");
    REQUIRE(laptop.waitForText("id=\"c1\""));
    CHECK(laptop.received().contains("bad-request"));
    laptop.clearReceived();
    laptop.send("<iq type='set' id='c2'><enable xmlns='urn:xmpp:carbons:2'/></iq>");
    REQUIRE(laptop.waitForText("id=\"c2\""));
    CHECK(laptop.received().contains("type=\"result\""));
    laptop.clearReceived();

    QXmppClient desk;
    REQUIRE(connectClient(desk, server.clientConfiguration(u"alice"_s, u"alice pw"_s, u"desk"_s)));
    QXmppClient bob;
    Inbox bobInbox(bob);
    REQUIRE(connectClient(bob, server.clientConfiguration(u"bob"_s, u"bob pw"_s)));
    REQUIRE(syncWithServer(bob, server.domain()));
    REQUIRE(desk.sendPacket(chat(u"bob@flint.test"_s, u"wrapped"_s)));
    REQUIRE(laptop.waitForText("</message>"));
    const QByteArray copy = laptop.received();
    CHECK(copy.contains("from=\"alice@flint.test\""));
    CHECK(copy.contains("to=\"alice@flint.test/laptop\""));
    CHECK(copy.contains("<sent xmlns=\"urn:xmpp:carbons:2\">"));
    CHECK(copy.contains("<forwarded xmlns=\"urn:xmpp:forward:0\">"));
    CHECK(copy.contains("<message xmlns=\"jabber:client\""));
    CHECK(copy.contains("from=\"alice@flint.test/desk\""));
    CHECK(copy.contains("<body>wrapped</body>"));
    REQUIRE(bobInbox.waitForCount(1));

    // Bob's reply to the desk reaches the laptop as a received copy.
    laptop.clearReceived();
    REQUIRE(bob.sendPacket(chat(u"alice@flint.test/desk"_s, u"reply"_s)));
    REQUIRE(laptop.waitForText("</message>"));
    CHECK(laptop.received().contains("<received xmlns=\"urn:xmpp:carbons:2\">"));
    CHECK(laptop.received().contains("<body>reply</body>"));

    // Disabled: the next message is not copied.
    laptop.clearReceived();
    laptop.send("<iq type='set' id='c3'><disable xmlns='urn:xmpp:carbons:2'/></iq>");
    REQUIRE(laptop.waitForText("id=\"c3\""));
    laptop.clearReceived();
    REQUIRE(desk.sendPacket(chat(u"bob@flint.test"_s, u"not copied"_s)));
    REQUIRE(bobInbox.waitForCount(2));
    laptop.send("<iq type='get' id='ping' to='flint.test'><ping xmlns='urn:xmpp:ping'/></iq>");
    REQUIRE(laptop.waitForText("id=\"ping\""));
    CHECK_FALSE(laptop.received().contains("not copied"));
}

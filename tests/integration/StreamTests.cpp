// The c2s stream over real TLS: login, stream security, restricted XML and limits.
#include "support/RawStream.h"
#include "support/TestServer.h"

#include <catch2/catch.hpp>

#include <QXmppClient.h>
#include <QXmppConfiguration.h>
#include <QXmppDiscoveryIq.h>
#include <QXmppDiscoveryManager.h>
#include <QXmppTask.h>

using namespace flint::test;
using namespace Qt::StringLiterals;

TEST_CASE("clients log in over TLS with SCRAM and query the server", "[stream]")
{
    const Backend backend = GENERATE(Backend::Sqlite, Backend::MariaDb);
    INFO("backend: " << backendName(backend).toStdString());
    TestServer server({.backend = backend});
    REQUIRE(server.start());
    REQUIRE(server.addUser(u"alice"_s, u"secret one"_s));

    QXmppClient client;
    REQUIRE(connectClient(client, server.clientConfiguration(u"alice"_s, u"secret one"_s)));
    CHECK(client.configuration().jid() == u"alice@flint.test/test"_s);
    CHECK(client.isAuthenticated());

    auto *disco = client.findExtension<QXmppDiscoveryManager>();
    QStringList features;
    disco->requestDiscoInfo(server.domain())
        .then(&client, [&](QXmppDiscoveryManager::InfoResult result) {
            if (auto *info = std::get_if<QXmppDiscoveryIq>(&result))
                features = info->features();
        });
    REQUIRE(waitFor([&] { return !features.isEmpty(); }));
    CHECK(features.contains(u"urn:xmpp:ping"_s));
    CHECK(features.contains(u"http://jabber.org/protocol/disco#info"_s));

    client.disconnectFromServer();
    CHECK(server.stop() == 0);
}

TEST_CASE("a wrong password is refused with not-authorized", "[stream][auth]")
{
    TestServer server;
    REQUIRE(server.start());
    REQUIRE(server.addUser(u"bob"_s, u"right"_s));

    QXmppClient client;
    QString error;
    QObject::connect(&client, &QXmppClient::errorOccurred,
                     [&](const QXmppError &e) { error = e.description; });
    CHECK_FALSE(connectClient(client, server.clientConfiguration(u"bob"_s, u"wrong"_s)));
    CHECK_FALSE(client.isAuthenticated());

    RawStream raw(server.port(), server.domain());
    REQUIRE(raw.connectToServer());
    CHECK_FALSE(raw.authenticate(u"bob"_s, u"wrong"_s));
    CHECK(raw.received().contains("<not-authorized/>"));
}

TEST_CASE("the server answers version, time and ping", "[stream]")
{
    TestServer server;
    REQUIRE(server.start());
    REQUIRE(server.addUser(u"alice"_s, u"pw"_s));
    RawStream raw(server.port(), server.domain());
    REQUIRE(raw.connectToServer());
    REQUIRE(raw.login(u"alice"_s, u"pw"_s));
    raw.send("<iq type='get' id='v1' to='flint.test'><query xmlns='jabber:iq:version'/></iq>");
    REQUIRE(raw.waitForText("</iq>"));
    CHECK(raw.received().contains("<name>Flint</name>"));
    raw.clearReceived();
    raw.send("<iq type='get' id='t1' to='flint.test'><time xmlns='urn:xmpp:time'/></iq>");
    REQUIRE(raw.waitForText("</iq>"));
    CHECK(raw.received().contains("<utc>"));
    raw.clearReceived();
    raw.send("<iq type='get' id='p1' to='flint.test'><ping xmlns='urn:xmpp:ping'/></iq>");
    REQUIRE(raw.waitForText("id=\"p1\""));
    CHECK(raw.received().contains("type=\"result\""));
    raw.clearReceived();
    raw.send("<iq type='get' id='u1' to='flint.test'><unknown xmlns='urn:example:nothing'/></iq>");
    REQUIRE(raw.waitForText("</iq>"));
    CHECK(raw.received().contains("<service-unavailable"));
}

// The c2s stream's security defaults over real TLS: stream errors for bad XML, restricted XML,
// size and rate limits, TLS and authentication before anything is routed, forged addresses,
// login throttling, resource conflicts, timeouts, connection limits and shutdown.
#include "support/ClientHelpers.h"
#include "support/RawStream.h"
#include "support/TestServer.h"

#include <catch2/catch.hpp>

#include <QElapsedTimer>
#include <QRegularExpression>
#include <QXmppClient.h>
#include <QXmppConfiguration.h>
#include <QXmppLogger.h>
#include <QXmppMessage.h>

#include <memory>

using namespace flint::test;
using namespace Qt::StringLiterals;

namespace {

// Connects, upgrades to TLS and opens the encrypted stream, stopping before SASL.
bool openSecuredStream(RawStream &raw)
{
    if (!raw.connectToServer() || !raw.startTls())
        return false;
    raw.openStream();
    return raw.waitForText("</stream:features>");
}

// The server sent the stream error `condition`, closed the stream and dropped the connection.
bool closedWithStreamError(RawStream &raw, const QByteArray &condition, int timeoutMs = 5000)
{
    return raw.waitForText("<stream:error><" + condition, timeoutMs) &&
           raw.waitForText("</stream:stream>", timeoutMs) && raw.waitForDisconnected(timeoutMs);
}

QByteArray plainAuth(const QString &user, const QString &password)
{
    const QByteArray message = QByteArray(1, '\0') + user.toUtf8() + '\0' + password.toUtf8();
    return "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" +
           message.toBase64() + "</auth>";
}

bool waitForSaslOutcome(RawStream &raw, int timeoutMs = 5000)
{
    return waitFor(
        [&] {
            const QByteArray received = raw.received();
            return received.contains("</failure>") || received.contains("<success");
        },
        timeoutMs);
}

// Collects the messages a QXmppClient receives.
} // namespace

TEST_CASE("malformed XML and bad stream headers end the stream", "[security][xml]")
{
    TestServer server;
    REQUIRE(server.start());

    SECTION("an unclosed element inside a stanza")
    {
        RawStream raw(server.port(), server.domain());
        REQUIRE(openSecuredStream(raw));
        raw.send("<message><body></message>");
        CHECK(closedWithStreamError(raw, "not-well-formed"));
    }
    SECTION("text between stanzas")
    {
        RawStream raw(server.port(), server.domain());
        REQUIRE(openSecuredStream(raw));
        raw.send("stray text<presence/>");
        CHECK(closedWithStreamError(raw, "not-well-formed"));
    }
    SECTION("a wrong stream namespace")
    {
        RawStream raw(server.port(), server.domain());
        REQUIRE(raw.connectToServer());
        raw.send("<?xml version='1.0'?><stream:stream to='flint.test' xmlns='jabber:client' "
                 "xmlns:stream='http://example.com/not-streams' version='1.0'>");
        CHECK(closedWithStreamError(raw, "invalid-namespace"));
    }
    SECTION("a wrong content namespace")
    {
        RawStream raw(server.port(), server.domain());
        REQUIRE(raw.connectToServer());
        raw.send("<?xml version='1.0'?><stream:stream to='flint.test' xmlns='jabber:server' "
                 "xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>");
        CHECK(closedWithStreamError(raw, "invalid-namespace"));
    }
    SECTION("a domain the server does not serve")
    {
        RawStream raw(server.port(), u"elsewhere.test"_s);
        REQUIRE(raw.connectToServer());
        raw.openStream();
        CHECK(closedWithStreamError(raw, "host-unknown"));
        CHECK(raw.received().contains("from='flint.test'"));
    }
}

TEST_CASE("restricted XML is refused", "[security][xml]")
{
    TestServer server;
    REQUIRE(server.start());
    RawStream raw(server.port(), server.domain());
    REQUIRE(raw.connectToServer());
    REQUIRE(raw.startTls());

    SECTION("a DTD declaring entities before the stream (billion laughs)")
    {
        raw.send("<?xml version='1.0'?><!DOCTYPE lolz [<!ENTITY lol 'lol'>"
                 "<!ENTITY lol1 '&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;'>"
                 "<!ENTITY lol2 '&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;'>"
                 "<!ENTITY lol3 '&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;'>"
                 "]><stream:stream to='flint.test' xmlns='jabber:client' "
                 "xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>"
                 "<message><body>&lol3;</body></message>");
        CHECK(closedWithStreamError(raw, "restricted-xml"));
        CHECK_FALSE(raw.received().contains("lollol"));
    }
    SECTION("a comment")
    {
        raw.openStream();
        REQUIRE(raw.waitForText("</stream:features>"));
        raw.send("<!-- hello -->");
        CHECK(closedWithStreamError(raw, "restricted-xml"));
    }
    SECTION("a comment inside a stanza")
    {
        raw.openStream();
        REQUIRE(raw.waitForText("</stream:features>"));
        raw.send("<message><!-- hello --><body>x</body></message>");
        CHECK(closedWithStreamError(raw, "restricted-xml"));
    }
    SECTION("a processing instruction")
    {
        raw.openStream();
        REQUIRE(raw.waitForText("</stream:features>"));
        raw.send("<?xml-stylesheet href='evil.xsl'?>");
        CHECK(closedWithStreamError(raw, "restricted-xml"));
    }
    SECTION("an undeclared entity inside a stanza")
    {
        raw.openStream();
        REQUIRE(raw.waitForText("</stream:features>"));
        raw.send("<message><body>&foo;</body></message>");
        CHECK(closedWithStreamError(raw, "restricted-xml"));
    }
}

TEST_CASE("predefined entities and character references reach the addressee intact",
          "[security][xml]")
{
    const Backend backend = GENERATE(Backend::Sqlite, Backend::MariaDb);
    INFO("backend: " << backendName(backend).toStdString());
    TestServer server({.backend = backend});
    REQUIRE(server.start());
    REQUIRE(server.addUser(u"alice"_s, u"pw-alice"_s));
    REQUIRE(server.addUser(u"bob"_s, u"pw-bob"_s));

    QXmppClient bob;
    Inbox inbox(bob);
    REQUIRE(connectClient(bob, server.clientConfiguration(u"bob"_s, u"pw-bob"_s)));
    RawStream alice(server.port(), server.domain());
    REQUIRE(alice.connectToServer());
    REQUIRE(alice.login(u"alice"_s, u"pw-alice"_s));

    alice.send("<message to='bob@flint.test/test' type='chat' id='e1'><body>fish &amp; chips "
               "&lt;b&gt; &quot;q&quot; &apos;a&apos; &#x263A;&#65;</body></message>");
    REQUIRE(waitFor([&] { return !inbox.messages().isEmpty(); }));
    CHECK(inbox.messages().first().body() == u"fish & chips <b> \"q\" 'a' \u263AA"_s);
    CHECK(alice.isConnected());
}

TEST_CASE("stanzas larger than limits/max_stanza_size end the stream", "[security][limits]")
{
    const Backend backend = GENERATE(Backend::Sqlite, Backend::MariaDb);
    INFO("backend: " << backendName(backend).toStdString());
    TestServer server(
        {.backend = backend, .settings = {{u"limits/max_stanza_size"_s, u"20000"_s}}});
    REQUIRE(server.start());
    REQUIRE(server.addUser(u"alice"_s, u"pw-alice"_s));
    REQUIRE(server.addUser(u"bob"_s, u"pw-bob"_s));

    QXmppClient bob;
    Inbox inbox(bob);
    REQUIRE(connectClient(bob, server.clientConfiguration(u"bob"_s, u"pw-bob"_s)));

    SECTION("15 KB passes, 30 KB is a policy violation")
    {
        RawStream alice(server.port(), server.domain());
        REQUIRE(alice.connectToServer());
        REQUIRE(alice.login(u"alice"_s, u"pw-alice"_s));
        const QByteArray fifteen(15 * 1024, 'a');
        alice.send("<message to='bob@flint.test/test' type='chat'><body>" + fifteen +
                   "</body></message>");
        REQUIRE(waitFor([&] { return !inbox.messages().isEmpty(); }));
        CHECK(inbox.messages().first().body().size() == fifteen.size());

        const QByteArray thirty(30 * 1024, 'b');
        alice.send("<message to='bob@flint.test/test' type='chat'><body>" + thirty +
                   "</body></message>");
        CHECK(closedWithStreamError(alice, "policy-violation"));
        waitFor([] { return false; }, 500);
        CHECK(inbox.messages().size() == 1);
    }
    SECTION("an endless attribute value is cut before the element completes")
    {
        RawStream raw(server.port(), server.domain());
        REQUIRE(openSecuredStream(raw));
        raw.send("<message to='bob@flint.test/test' x='" + QByteArray(30 * 1024, 'x'));
        CHECK(closedWithStreamError(raw, "policy-violation"));
    }
}

TEST_CASE("TLS comes first", "[security][tls]")
{
    SECTION("with TLS required, no SASL is offered and stanzas are refused before STARTTLS")
    {
        TestServer server;
        REQUIRE(server.start());
        RawStream raw(server.port(), server.domain());
        REQUIRE(raw.connectToServer());
        raw.openStream();
        REQUIRE(raw.waitForText("</stream:features>"));
        CHECK(raw.received().contains("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'>"
                                      "<required/></starttls>"));
        CHECK_FALSE(raw.received().contains("<mechanisms"));
        raw.send("<message to='bob@flint.test'><body>plain text</body></message>");
        CHECK(closedWithStreamError(raw, "policy-violation"));

        RawStream auth(server.port(), server.domain());
        REQUIRE(auth.connectToServer());
        auth.openStream();
        REQUIRE(auth.waitForText("</stream:features>"));
        auth.send(plainAuth(u"admin"_s, u"guess"_s));
        CHECK(closedWithStreamError(auth, "policy-violation"));
    }
    SECTION("with TLS optional, PLAIN is offered only inside TLS and SCRAM works without it")
    {
        TestServer server({.settings = {{u"tls/required"_s, u"false"_s}}});
        REQUIRE(server.start());
        REQUIRE(server.addUser(u"alice"_s, u"pw-alice"_s));

        RawStream raw(server.port(), server.domain());
        REQUIRE(raw.connectToServer());
        raw.openStream();
        REQUIRE(raw.waitForText("</stream:features>"));
        const QByteArray features = raw.received();
        CHECK_FALSE(features.contains("<required/>"));
        CHECK(features.contains("<mechanism>SCRAM-SHA-256</mechanism>"));
        CHECK(features.contains("<mechanism>SCRAM-SHA-1</mechanism>"));
        CHECK_FALSE(features.contains("<mechanism>PLAIN</mechanism>"));
        raw.clearReceived();
        raw.send(plainAuth(u"alice"_s, u"pw-alice"_s));
        REQUIRE(waitForSaslOutcome(raw));
        CHECK(raw.received().contains("<invalid-mechanism/>"));

        RawStream secured(server.port(), server.domain());
        REQUIRE(openSecuredStream(secured));
        CHECK(secured.received().contains("<mechanism>PLAIN</mechanism>"));

        auto configuration = server.clientConfiguration(u"alice"_s, u"pw-alice"_s);
        configuration.setStreamSecurityMode(QXmppConfiguration::TLSDisabled);
        QXmppClient client;
        REQUIRE(connectClient(client, configuration));
        CHECK(client.isAuthenticated());
    }
}

TEST_CASE("nothing is routed before authentication and bind", "[security][auth]")
{
    const Backend backend = GENERATE(Backend::Sqlite, Backend::MariaDb);
    INFO("backend: " << backendName(backend).toStdString());
    TestServer server({.backend = backend});
    REQUIRE(server.start());
    REQUIRE(server.addUser(u"alice"_s, u"pw-alice"_s));
    REQUIRE(server.addUser(u"bob"_s, u"pw-bob"_s));

    QXmppClient bob;
    Inbox inbox(bob);
    REQUIRE(connectClient(bob, server.clientConfiguration(u"bob"_s, u"pw-bob"_s)));

    RawStream raw(server.port(), server.domain());
    SECTION("a message after TLS, without authentication")
    {
        REQUIRE(openSecuredStream(raw));
        raw.send("<message to='bob@flint.test/test' type='chat'><body>sneak</body></message>");
        CHECK(closedWithStreamError(raw, "not-authorized"));
    }
    SECTION("a message to a bare JID without authentication")
    {
        REQUIRE(openSecuredStream(raw));
        raw.send("<message to='bob@flint.test' type='chat'><body>sneak</body></message>");
        CHECK(closedWithStreamError(raw, "not-authorized"));
    }
    SECTION("an iq without authentication")
    {
        REQUIRE(openSecuredStream(raw));
        raw.send("<iq type='get' id='r1'><query xmlns='jabber:iq:roster'/></iq>");
        CHECK(closedWithStreamError(raw, "not-authorized"));
        CHECK_FALSE(raw.received().contains("jabber:iq:roster"));
    }
    SECTION("a message after authentication but before bind")
    {
        REQUIRE(raw.connectToServer());
        REQUIRE(raw.authenticate(u"alice"_s, u"pw-alice"_s));
        raw.send("<message to='bob@flint.test/test' type='chat'><body>sneak</body></message>");
        CHECK(closedWithStreamError(raw, "not-authorized"));
    }
    SECTION("an iq other than bind after authentication")
    {
        REQUIRE(raw.connectToServer());
        REQUIRE(raw.authenticate(u"alice"_s, u"pw-alice"_s));
        raw.send("<iq type='get' id='r1'><query xmlns='jabber:iq:roster'/></iq>");
        CHECK(closedWithStreamError(raw, "not-authorized"));
        CHECK_FALSE(raw.received().contains("jabber:iq:roster"));
    }
    waitFor([] { return false; }, 500);
    CHECK(inbox.messages().isEmpty());
    CHECK(bob.isConnected());
}

TEST_CASE("the server stamps the sender's real JID on every stanza", "[security][auth]")
{
    const Backend backend = GENERATE(Backend::Sqlite, Backend::MariaDb);
    INFO("backend: " << backendName(backend).toStdString());
    TestServer server({.backend = backend});
    REQUIRE(server.start());
    REQUIRE(server.addUser(u"alice"_s, u"pw-alice"_s));
    REQUIRE(server.addUser(u"bob"_s, u"pw-bob"_s));

    QXmppClient bob;
    Inbox inbox(bob);
    REQUIRE(connectClient(bob, server.clientConfiguration(u"bob"_s, u"pw-bob"_s)));
    RawStream alice(server.port(), server.domain());
    REQUIRE(alice.connectToServer());
    REQUIRE(alice.login(u"alice"_s, u"pw-alice"_s, u"laptop"_s));

    alice.send("<message from='boss@flint.test/x' to='bob@flint.test/test' type='chat' "
               "id='s1'><body>pay the invoice</body></message>");
    alice.send("<message from='bob@flint.test' to='bob@flint.test/test' type='chat' "
               "id='s2'><body>note to self</body></message>");
    REQUIRE(waitFor([&] { return inbox.messages().size() == 2; }));
    CHECK(inbox.messages()[0].from() == u"alice@flint.test/laptop"_s);
    CHECK(inbox.messages()[0].body() == u"pay the invoice"_s);
    CHECK(inbox.messages()[1].from() == u"alice@flint.test/laptop"_s);
}

TEST_CASE("failed logins are refused, get slower, and never lock out the right password",
          "[security][auth]")
{
    const Backend backend = GENERATE(Backend::Sqlite, Backend::MariaDb);
    INFO("backend: " << backendName(backend).toStdString());
    TestServer server(
        {.backend = backend, .settings = {{u"limits/failed_logins_before_backoff"_s, u"2"_s}}});
    REQUIRE(server.start());
    REQUIRE(server.addUser(u"alice"_s, u"right"_s));

    RawStream guesser(server.port(), server.domain());
    REQUIRE(openSecuredStream(guesser));
    QList<qint64> elapsed;
    for (int attempt = 0; attempt < 5; ++attempt) {
        guesser.clearReceived();
        QElapsedTimer clock;
        clock.start();
        guesser.send(plainAuth(u"alice"_s, u"wrong %1"_s.arg(attempt)));
        REQUIRE(waitForSaslOutcome(guesser, 20000));
        elapsed << clock.elapsed();
        CHECK(guesser.received().contains(
            "<failure xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><not-authorized/></failure>"));
    }
    INFO("failure delays in ms: " << elapsed[0] << ' ' << elapsed[1] << ' ' << elapsed[2] << ' '
                                  << elapsed[3] << ' ' << elapsed[4]);
    CHECK(elapsed[0] < 1000);
    CHECK(elapsed[4] >= 3000);
    CHECK(elapsed[4] > elapsed[2]);
    // Five misses on one stream are enough: the stream ends.
    CHECK(closedWithStreamError(guesser, "policy-violation"));

    RawStream owner(server.port(), server.domain());
    REQUIRE(openSecuredStream(owner));
    owner.clearReceived();
    QElapsedTimer clock;
    clock.start();
    owner.send(plainAuth(u"alice"_s, u"right"_s));
    REQUIRE(waitForSaslOutcome(owner));
    CHECK(owner.received().contains("<success"));
    CHECK(clock.elapsed() < 1000);
}

TEST_CASE("malformed SASL requests get their specific failure", "[security][auth]")
{
    TestServer server;
    REQUIRE(server.start());
    RawStream raw(server.port(), server.domain());
    REQUIRE(openSecuredStream(raw));

    raw.clearReceived();
    raw.send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>"
             "not*base64!</auth>");
    REQUIRE(waitForSaslOutcome(raw));
    CHECK(raw.received().contains("<incorrect-encoding/>"));

    raw.clearReceived();
    raw.send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='X-MADE-UP'>=</auth>");
    REQUIRE(waitForSaslOutcome(raw));
    CHECK(raw.received().contains("<invalid-mechanism/>"));
    CHECK(raw.isConnected());
}

TEST_CASE("SCRAM-SHA-1 and SCRAM-SHA-256 both log in", "[security][auth]")
{
    const Backend backend = GENERATE(Backend::Sqlite, Backend::MariaDb);
    const QString mechanism = GENERATE(u"SCRAM-SHA-1"_s, u"SCRAM-SHA-256"_s);
    INFO("backend: " << backendName(backend).toStdString() << ", " << mechanism.toStdString());
    TestServer server({.backend = backend});
    REQUIRE(server.start());
    REQUIRE(server.addUser(u"alice"_s, u"pässwörd"_s));

    const QStringList all = {u"SCRAM-SHA3-512"_s, u"SCRAM-SHA-512"_s, u"SCRAM-SHA-256"_s,
                             u"SCRAM-SHA-1"_s,    u"DIGEST-MD5"_s,    u"PLAIN"_s};
    QStringList disabled = all;
    disabled.removeAll(mechanism);
    auto configuration = server.clientConfiguration(u"alice"_s, u"pässwörd"_s);
    configuration.setDisabledSaslMechanisms(disabled);

    QXmppLogger logger;
    QXmppClient client;
    logger.setLoggingType(QXmppLogger::SignalLogging);
    logger.setMessageTypes(QXmppLogger::SentMessage);
    QStringList sent;
    QObject::connect(&logger, &QXmppLogger::message, &client,
                     [&](QXmppLogger::MessageType, const QString &text) { sent << text; });
    client.setLogger(&logger);
    REQUIRE(connectClient(client, configuration));
    CHECK(client.isAuthenticated());
    CHECK(sent.join(u'\n').contains(u"mechanism=\"%1\""_s.arg(mechanism)));

    auto wrong = server.clientConfiguration(u"alice"_s, u"passwort"_s);
    wrong.setDisabledSaslMechanisms(disabled);
    QXmppClient intruder;
    CHECK_FALSE(connectClient(intruder, wrong));
}

TEST_CASE("resource binding: conflicts and generated resources", "[security][bind]")
{
    const Backend backend = GENERATE(Backend::Sqlite, Backend::MariaDb);
    INFO("backend: " << backendName(backend).toStdString());
    TestServer server({.backend = backend});
    REQUIRE(server.start());
    REQUIRE(server.addUser(u"alice"_s, u"pw"_s));

    SECTION("the same resource twice replaces the first stream")
    {
        RawStream first(server.port(), server.domain());
        REQUIRE(first.connectToServer());
        REQUIRE(first.login(u"alice"_s, u"pw"_s, u"desk"_s));
        RawStream second(server.port(), server.domain());
        REQUIRE(second.connectToServer());
        REQUIRE(second.login(u"alice"_s, u"pw"_s, u"desk"_s));
        CHECK(second.jid() == u"alice@flint.test/desk"_s);
        CHECK(closedWithStreamError(first, "conflict"));

        second.send("<iq type='get' id='p1' to='flint.test'><ping xmlns='urn:xmpp:ping'/></iq>");
        CHECK(second.waitForText("id=\"p1\""));
        CHECK(second.isConnected());
    }
    SECTION("an empty bind request gets a server-generated resource")
    {
        RawStream raw(server.port(), server.domain());
        REQUIRE(raw.connectToServer());
        REQUIRE(raw.authenticate(u"alice"_s, u"pw"_s));
        raw.clearReceived();
        raw.send("<iq type='set' id='b1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></iq>");
        REQUIRE(raw.waitForText("</jid>"));
        const auto match = QRegularExpression(u"<jid>alice@flint\\.test/([^<]+)</jid>"_s)
                               .match(QString::fromUtf8(raw.received()));
        REQUIRE(match.hasMatch());
        CHECK_FALSE(match.captured(1).trimmed().isEmpty());
    }
}

TEST_CASE("idle streams are pinged and closed when silent", "[security][timeouts]")
{
    TestServer server(
        {.settings = {{u"limits/idle_timeout"_s, u"5"_s}, {u"limits/ping_timeout"_s, u"2"_s}}});
    REQUIRE(server.start());
    REQUIRE(server.addUser(u"alice"_s, u"pw"_s));

    RawStream silent(server.port(), server.domain());
    REQUIRE(silent.connectToServer());
    REQUIRE(silent.login(u"alice"_s, u"pw"_s, u"silent"_s));
    RawStream responsive(server.port(), server.domain());
    REQUIRE(responsive.connectToServer());
    REQUIRE(responsive.login(u"alice"_s, u"pw"_s, u"responsive"_s));

    QElapsedTimer clock;
    clock.start();
    const QRegularExpression pingId(
        u"<iq type='get' id='([^']+)'[^>]*><ping xmlns='urn:xmpp:ping'/>"_s);
    int pingsAnswered = 0;
    qint64 silentClosedAt = -1;
    waitFor(
        [&] {
            const auto match = pingId.match(QString::fromUtf8(responsive.received()));
            if (match.hasMatch()) {
                responsive.clearReceived();
                responsive.send(
                    u"<iq type='result' id='%1' to='flint.test'/>"_s.arg(match.captured(1))
                        .toUtf8());
                ++pingsAnswered;
            }
            if (silentClosedAt < 0 && !silent.isConnected())
                silentClosedAt = clock.elapsed();
            return false;
        },
        13000);
    INFO("silent stream closed after " << silentClosedAt << " ms");
    CHECK(silent.received().contains("urn:xmpp:ping"));
    CHECK(silent.received().contains("<stream:error><connection-timeout"));
    CHECK(silentClosedAt >= 5500);
    CHECK(silentClosedAt <= 9500);
    CHECK(pingsAnswered >= 2);
    CHECK(responsive.isConnected());
    CHECK_FALSE(responsive.received().contains("<stream:error>"));
}

TEST_CASE("a connection that never authenticates is closed after limits/auth_timeout",
          "[security][timeouts]")
{
    TestServer server({.settings = {{u"limits/auth_timeout"_s, u"2"_s}}});
    REQUIRE(server.start());
    RawStream secured(server.port(), server.domain());
    QElapsedTimer clock;
    clock.start();
    REQUIRE(openSecuredStream(secured));
    RawStream silent(server.port(), server.domain());
    REQUIRE(silent.connectToServer());

    CHECK(closedWithStreamError(secured, "connection-timeout", 6000));
    CHECK(clock.elapsed() >= 1500);
    CHECK(silent.waitForDisconnected(6000));
    CHECK(silent.received().contains("<connection-timeout"));
}

TEST_CASE("limits/connections_per_ip refuses further connections", "[security][limits]")
{
    TestServer server({.settings = {{u"limits/connections_per_ip"_s, u"3"_s}}});
    REQUIRE(server.start());
    // The readiness probes of TestServer::start() have to be closed on the server side too.
    waitFor([] { return false; }, 300);

    std::vector<std::unique_ptr<RawStream>> streams;
    for (int i = 0; i < 3; ++i) {
        streams.push_back(std::make_unique<RawStream>(server.port(), server.domain()));
        REQUIRE(openSecuredStream(*streams.back()));
    }
    // The server may cut the fourth before this side even sees it connected.
    RawStream fourth(server.port(), server.domain());
    fourth.connectToServer(1000);
    fourth.openStream();
    CHECK(fourth.waitForDisconnected());
    CHECK_FALSE(fourth.received().contains("<stream:features>"));
    for (const auto &stream : streams)
        CHECK(stream->isConnected());

    // A closed connection frees its slot.
    streams.pop_back();
    waitFor([] { return false; }, 500);
    RawStream fifth(server.port(), server.domain());
    CHECK(openSecuredStream(fifth));
}

TEST_CASE("stanzas above the rate limit are delayed, not dropped", "[security][limits]")
{
    const Backend backend = GENERATE(Backend::Sqlite, Backend::MariaDb);
    INFO("backend: " << backendName(backend).toStdString());
    TestServer server({.backend = backend,
                       .settings = {{u"limits/stanzas_per_second"_s, u"5"_s},
                                    {u"limits/stanza_burst"_s, u"5"_s}}});
    REQUIRE(server.start());
    REQUIRE(server.addUser(u"alice"_s, u"pw"_s));
    RawStream raw(server.port(), server.domain());
    REQUIRE(raw.connectToServer());
    REQUIRE(raw.login(u"alice"_s, u"pw"_s));

    QByteArray pings;
    for (int i = 0; i < 30; ++i)
        pings += u"<iq type='get' id='rate%1' to='flint.test'><ping xmlns='urn:xmpp:ping'/></iq>"_s
                     .arg(i)
                     .toUtf8();
    QElapsedTimer clock;
    clock.start();
    raw.send(pings);
    REQUIRE(raw.waitForText("id=\"rate29\"", 15000));
    const qint64 elapsed = clock.elapsed();
    INFO("30 pings answered in " << elapsed << " ms");
    for (int i = 0; i < 30; ++i)
        CHECK(raw.received().contains(u"id=\"rate%1\""_s.arg(i).toUtf8()));
    CHECK(elapsed >= 4000);
    CHECK(raw.isConnected());
}

TEST_CASE("a client flooding a rate-limited stream is held back by TCP", "[security][limits]")
{
    TestServer server({.settings = {{u"limits/stanzas_per_second"_s, u"1"_s},
                                    {u"limits/stanza_burst"_s, u"1"_s}}});
    REQUIRE(server.start());
    REQUIRE(server.addUser(u"alice"_s, u"pw"_s));
    RawStream raw(server.port(), server.domain());
    REQUIRE(raw.connectToServer());
    REQUIRE(raw.login(u"alice"_s, u"pw"_s));

    // Far more than the server's read buffer plus the kernel's socket buffers can hold.
    const QByteArray ping = "<iq type='get' to='flint.test'><ping xmlns='urn:xmpp:ping'/></iq>";
    QByteArray flood;
    while (flood.size() < 64 * 1024 * 1024)
        flood += ping;
    raw.send(flood);
    waitFor([] { return false; }, 3000);
    CHECK(raw.bytesToWrite() > 16 * 1024 * 1024);
}

TEST_CASE("SIGTERM closes streams with system-shutdown and exits cleanly", "[security]")
{
    const Backend backend = GENERATE(Backend::Sqlite, Backend::MariaDb);
    INFO("backend: " << backendName(backend).toStdString());
    TestServer server({.backend = backend});
    REQUIRE(server.start());
    REQUIRE(server.addUser(u"alice"_s, u"pw"_s));
    RawStream raw(server.port(), server.domain());
    REQUIRE(raw.connectToServer());
    REQUIRE(raw.login(u"alice"_s, u"pw"_s));
    RawStream unauthenticated(server.port(), server.domain());
    REQUIRE(openSecuredStream(unauthenticated));

    CHECK(server.stop() == 0);
    CHECK(closedWithStreamError(raw, "system-shutdown"));
    CHECK(closedWithStreamError(unauthenticated, "system-shutdown"));
}

// XEP-0160 offline messages: stored for users without an available resource, delivered at the
// next initial presence in order, exactly once, with a XEP-0203 delay; surviving a crash.
#include "support/ClientHelpers.h"
#include "support/RawStream.h"
#include "support/TestServer.h"

#include <catch2/catch.hpp>

#include <QDomElement>
#include <QRegularExpression>
#include <QXmppClient.h>
#include <QXmppConfiguration.h>
#include <QXmppDiscoveryIq.h>
#include <QXmppDiscoveryManager.h>
#include <QXmppMessage.h>
#include <QXmppPingIq.h>
#include <QXmppTask.h>

#include <memory>

using namespace flint::test;
using namespace Qt::StringLiterals;

namespace {

// Logs in, lets the server deliver what it kept, and logs out again.
QList<QXmppMessage> collectOffline(const TestServer &server, const QString &user,
                                   const QString &password)
{
    QXmppClient client;
    Inbox inbox(client);
    if (!connectClient(client, server.clientConfiguration(user, password)) ||
        !syncWithServer(client, server.domain()))
        return {};
    const QList<QXmppMessage> messages = inbox.messages();
    client.disconnectFromServer();
    return messages;
}

} // namespace

TEST_CASE("offline messages arrive at the next login in order, exactly once, with a delay",
          "[offline]")
{
    const Backend backend = GENERATE(Backend::Sqlite, Backend::MariaDb);
    INFO("backend: " << backendName(backend).toStdString());
    TestServer server({.backend = backend});
    REQUIRE(server.start());
    REQUIRE(server.addUser(u"alice"_s, u"alice pw"_s));
    REQUIRE(server.addUser(u"bob"_s, u"bob pw"_s));

    QXmppClient alice;
    REQUIRE(connectClient(alice, server.clientConfiguration(u"alice"_s, u"alice pw"_s)));
    const QDateTime before = QDateTime::currentDateTimeUtc().addSecs(-1);
    constexpr int Count = 50;
    for (int i = 0; i < Count; ++i)
        REQUIRE(alice.sendPacket(chat(u"bob@flint.test"_s, u"message %1"_s.arg(i))));
    // A chat state alone means nothing later and is not kept; a receipt is.
    QXmppMessage typing(QString(), u"bob@flint.test"_s);
    typing.setType(QXmppMessage::Chat);
    typing.setState(QXmppMessage::Composing);
    REQUIRE(alice.sendPacket(typing));
    QXmppMessage receipt(QString(), u"bob@flint.test"_s);
    receipt.setReceiptId(u"earlier-message"_s);
    REQUIRE(alice.sendPacket(receipt));
    REQUIRE(syncWithServer(alice, server.domain()));
    const QDateTime after = QDateTime::currentDateTimeUtc().addSecs(1);

    const QList<QXmppMessage> delivered = collectOffline(server, u"bob"_s, u"bob pw"_s);
    REQUIRE(delivered.size() == Count + 1);
    for (int i = 0; i < Count; ++i) {
        INFO("message " << i);
        const QXmppMessage &message = delivered.at(i);
        CHECK(message.body() == u"message %1"_s.arg(i));
        CHECK(message.type() == QXmppMessage::Chat);
        CHECK(message.from() == u"alice@flint.test/test"_s);
        CHECK(message.stamp().isValid());
        CHECK(message.stamp() >= before);
        CHECK(message.stamp() <= after);
    }
    CHECK(delivered.last().receiptId() == u"earlier-message"_s);
    CHECK(delivered.last().stamp().isValid());

    CHECK(collectOffline(server, u"bob"_s, u"bob pw"_s).isEmpty());

    // The server announces the feature.
    auto features = std::make_shared<QStringList>();
    alice.findExtension<QXmppDiscoveryManager>()
        ->requestDiscoInfo(server.domain())
        .then(&alice, [features](QXmppDiscoveryManager::InfoResult result) {
            if (const auto *info = std::get_if<QXmppDiscoveryIq>(&result))
                *features = info->features();
            else
                *features = {u"error"_s};
        });
    REQUIRE(waitFor([features] { return !features->isEmpty(); }));
    CHECK(features->contains(u"msgoffline"_s));
}

TEST_CASE("a full offline store refuses further messages with resource-constraint", "[offline]")
{
    const Backend backend = GENERATE(Backend::Sqlite, Backend::MariaDb);
    INFO("backend: " << backendName(backend).toStdString());
    TestServer server({.backend = backend, .settings = {{u"limits/offline_quota"_s, u"3"_s}}});
    REQUIRE(server.start());
    REQUIRE(server.addUser(u"alice"_s, u"alice pw"_s));
    REQUIRE(server.addUser(u"bob"_s, u"bob pw"_s));

    QXmppClient alice;
    Inbox aliceInbox(alice);
    REQUIRE(connectClient(alice, server.clientConfiguration(u"alice"_s, u"alice pw"_s)));
    for (int i = 0; i < 4; ++i) {
        QXmppMessage message = chat(u"bob@flint.test"_s, u"note %1"_s.arg(i));
        message.setId(u"note-%1"_s.arg(i));
        REQUIRE(alice.sendPacket(message));
    }
    REQUIRE(aliceInbox.waitForCount(1));
    REQUIRE(syncWithServer(alice, server.domain()));
    REQUIRE(aliceInbox.messages().size() == 1);
    const QXmppMessage bounce = aliceInbox.messages().first();
    CHECK(bounce.id() == u"note-3"_s);
    CHECK(bounce.type() == QXmppMessage::Error);
    CHECK(bounce.error().type() == QXmppStanza::Error::Wait);
    CHECK(bounce.error().condition() == QXmppStanza::Error::ResourceConstraint);
    CHECK(bounce.error().text().contains(u"full"_s));

    // The stored ones arrive, with the delay stamped by the server's domain.
    RawStream bob(server.port(), server.domain());
    REQUIRE(bob.connectToServer());
    REQUIRE(bob.login(u"bob"_s, u"bob pw"_s));
    bob.send("<presence/><iq type='get' id='after-presence'><ping xmlns='urn:xmpp:ping'/></iq>");
    REQUIRE(bob.waitForText("after-presence"));
    const QByteArray received = bob.received();
    const QString text = QString::fromUtf8(received);
    const QRegularExpression delayElement(u"<delay xmlns=\"urn:xmpp:delay\"[^>]*>"_s);
    int delays = 0;
    for (const QRegularExpressionMatch &delay : delayElement.globalMatch(text)) {
        ++delays;
        CHECK(delay.captured().contains(u"from=\"flint.test\""_s));
        CHECK(delay.captured().contains(u"stamp=\""_s));
    }
    CHECK(delays == 3);
    CHECK(received.indexOf("note 0") < received.indexOf("note 1"));
    CHECK(received.indexOf("note 1") < received.indexOf("note 2"));
    CHECK_FALSE(received.contains("note 3"));
}

TEST_CASE("an accepted offline message survives a server crash and arrives once", "[offline]")
{
    const Backend backend = GENERATE(Backend::Sqlite, Backend::MariaDb);
    INFO("backend: " << backendName(backend).toStdString());
    TestServer server({.backend = backend});
    REQUIRE(server.start());
    REQUIRE(server.addUser(u"alice"_s, u"alice pw"_s));
    REQUIRE(server.addUser(u"bob"_s, u"bob pw"_s));

    {
        RawStream alice(server.port(), server.domain());
        REQUIRE(alice.connectToServer());
        REQUIRE(alice.login(u"alice"_s, u"alice pw"_s));
        // The ping is answered after the message before it was handled, hence stored.
        alice.send(
            "<message to='bob@flint.test' type='chat'><body>before the crash</body>"
            "</message><iq type='get' id='stored-by-now'><ping xmlns='urn:xmpp:ping'/></iq>");
        REQUIRE(alice.waitForText("stored-by-now"));
        server.kill();
    }
    REQUIRE(server.start());

    const QList<QXmppMessage> delivered = collectOffline(server, u"bob"_s, u"bob pw"_s);
    REQUIRE(delivered.size() == 1);
    CHECK(delivered.first().body() == u"before the crash"_s);
    CHECK(delivered.first().from() == u"alice@flint.test/raw"_s);
    CHECK(delivered.first().stamp().isValid());
    CHECK(collectOffline(server, u"bob"_s, u"bob pw"_s).isEmpty());
}

TEST_CASE("removing an account deletes its offline messages", "[offline]")
{
    const Backend backend = GENERATE(Backend::Sqlite, Backend::MariaDb);
    INFO("backend: " << backendName(backend).toStdString());
    TestServer server({.backend = backend});
    REQUIRE(server.start());
    REQUIRE(server.addUser(u"alice"_s, u"alice pw"_s));
    REQUIRE(server.addUser(u"bob"_s, u"bob pw"_s));

    QXmppClient alice;
    REQUIRE(connectClient(alice, server.clientConfiguration(u"alice"_s, u"alice pw"_s)));
    // Bob is bound but has sent no presence: unavailable, so the message is kept for later.
    RawStream bob(server.port(), server.domain());
    REQUIRE(bob.connectToServer());
    REQUIRE(bob.login(u"bob"_s, u"bob pw"_s));
    REQUIRE(alice.sendPacket(chat(u"bob@flint.test"_s, u"for the old bob"_s)));
    REQUIRE(syncWithServer(alice, server.domain()));
    CHECK_FALSE(bob.received().contains("for the old bob"));
    bob.send(
        "<iq type='set' id='remove-me'><query xmlns='jabber:iq:register'><remove/></query></iq>");
    REQUIRE(bob.waitForText("remove-me"));

    REQUIRE(server.addUser(u"bob"_s, u"new bob pw"_s));
    CHECK(collectOffline(server, u"bob"_s, u"new bob pw"_s).isEmpty());
}

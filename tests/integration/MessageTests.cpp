// RFC 6121 §8.5 message routing between local users over real TLS streams.
#include "support/ClientHelpers.h"
#include "support/RawStream.h"
#include "support/TestServer.h"

#include <catch2/catch.hpp>

#include <QDomElement>
#include <QXmppClient.h>
#include <QXmppConfiguration.h>
#include <QXmppMessage.h>
#include <QXmppPingIq.h>
#include <QXmppPresence.h>
#include <QXmppTask.h>

#include <memory>

using namespace flint::test;
using namespace Qt::StringLiterals;

namespace {

// Sends a new presence priority and waits until the server has taken it.
bool setPriority(QXmppClient &client, int priority, const QString &domain)
{
    QXmppPresence presence = client.clientPresence();
    presence.setPriority(priority);
    client.setClientPresence(presence);
    return syncWithServer(client, domain);
}

} // namespace

TEST_CASE("chat between two online users carries body, thread and a server-stamped from",
          "[message]")
{
    const Backend backend = GENERATE(Backend::Sqlite, Backend::MariaDb);
    INFO("backend: " << backendName(backend).toStdString());
    TestServer server({.backend = backend});
    REQUIRE(server.start());
    REQUIRE(server.addUser(u"alice"_s, u"alice pw"_s));
    REQUIRE(server.addUser(u"bob"_s, u"bob pw"_s));

    QXmppClient alice;
    QXmppClient bob;
    Inbox bobInbox(bob);
    REQUIRE(connectClient(alice, server.clientConfiguration(u"alice"_s, u"alice pw"_s)));
    REQUIRE(connectClient(bob, server.clientConfiguration(u"bob"_s, u"bob pw"_s)));
    REQUIRE(syncWithServer(bob, server.domain()));

    QXmppMessage hello(QString(), u"bob@flint.test"_s, u"Hello Bob"_s, u"thread-1"_s);
    hello.setType(QXmppMessage::Chat);
    REQUIRE(alice.sendPacket(hello));
    REQUIRE(bobInbox.waitForCount(1));
    const QXmppMessage received = bobInbox.messages().first();
    CHECK(received.body() == u"Hello Bob"_s);
    CHECK(received.thread() == u"thread-1"_s);
    CHECK(received.type() == QXmppMessage::Chat);
    CHECK(received.from() == u"alice@flint.test/test"_s);
    CHECK_FALSE(received.stamp().isValid());

    // A forged `from` is replaced by the sender's real full JID.
    RawStream raw(server.port(), server.domain());
    REQUIRE(raw.connectToServer());
    REQUIRE(raw.login(u"alice"_s, u"alice pw"_s, u"raw"_s));
    raw.send("<message to='bob@flint.test' from='mallory@flint.test/evil' type='chat'>"
             "<body>Forged?</body></message>");
    REQUIRE(bobInbox.waitForCount(2));
    CHECK(bobInbox.messages().at(1).body() == u"Forged?"_s);
    CHECK(bobInbox.messages().at(1).from() == u"alice@flint.test/raw"_s);
}

TEST_CASE("a message to a bare JID goes to the highest non-negative priority resources",
          "[message]")
{
    const Backend backend = GENERATE(Backend::Sqlite, Backend::MariaDb);
    INFO("backend: " << backendName(backend).toStdString());
    TestServer server({.backend = backend});
    REQUIRE(server.start());
    REQUIRE(server.addUser(u"alice"_s, u"alice pw"_s));
    REQUIRE(server.addUser(u"bob"_s, u"bob pw"_s));

    QXmppClient alice;
    QXmppClient desk;
    QXmppClient laptop;
    QXmppClient phone;
    Inbox deskInbox(desk);
    Inbox laptopInbox(laptop);
    Inbox phoneInbox(phone);
    REQUIRE(connectClient(alice, server.clientConfiguration(u"alice"_s, u"alice pw"_s)));
    REQUIRE(connectClient(desk, server.clientConfiguration(u"bob"_s, u"bob pw"_s, u"desk"_s)));
    REQUIRE(connectClient(laptop, server.clientConfiguration(u"bob"_s, u"bob pw"_s, u"laptop"_s)));
    REQUIRE(connectClient(phone, server.clientConfiguration(u"bob"_s, u"bob pw"_s, u"phone"_s)));
    REQUIRE(setPriority(desk, 5, server.domain()));
    REQUIRE(setPriority(laptop, 1, server.domain()));
    REQUIRE(setPriority(phone, -1, server.domain()));
    const auto syncAll = [&] {
        return syncWithServer(desk, server.domain()) && syncWithServer(laptop, server.domain()) &&
               syncWithServer(phone, server.domain());
    };

    REQUIRE(alice.sendPacket(chat(u"bob@flint.test"_s, u"to the best resource"_s)));
    REQUIRE(deskInbox.waitForCount(1));
    REQUIRE(syncAll());
    CHECK(deskInbox.messages().first().body() == u"to the best resource"_s);
    CHECK(laptopInbox.messages().isEmpty());
    CHECK(phoneInbox.messages().isEmpty());

    // Headlines go to every non-negative resource.
    REQUIRE(alice.sendPacket(chat(u"bob@flint.test"_s, u"news"_s, QXmppMessage::Headline)));
    REQUIRE(deskInbox.waitForCount(2));
    REQUIRE(laptopInbox.waitForCount(1));
    REQUIRE(syncAll());
    CHECK(laptopInbox.messages().first().body() == u"news"_s);
    CHECK(phoneInbox.messages().isEmpty());

    // Resources sharing the highest priority all receive it.
    REQUIRE(setPriority(laptop, 5, server.domain()));
    REQUIRE(alice.sendPacket(chat(u"bob@flint.test"_s, u"to both"_s, QXmppMessage::Normal)));
    REQUIRE(deskInbox.waitForCount(3));
    REQUIRE(laptopInbox.waitForCount(2));
    REQUIRE(syncAll());
    CHECK(deskInbox.messages().at(2).body() == u"to both"_s);
    CHECK(laptopInbox.messages().at(1).body() == u"to both"_s);
    CHECK(phoneInbox.messages().isEmpty());

    // A full JID reaches even the negative-priority resource.
    REQUIRE(alice.sendPacket(chat(u"bob@flint.test/phone"_s, u"just the phone"_s)));
    REQUIRE(phoneInbox.waitForCount(1));
    REQUIRE(syncAll());
    CHECK(phoneInbox.messages().first().body() == u"just the phone"_s);
    CHECK(deskInbox.messages().size() == 3);
    CHECK(laptopInbox.messages().size() == 2);
}

TEST_CASE("a message to a full JID without that resource falls back to the bare JID", "[message]")
{
    const Backend backend = GENERATE(Backend::Sqlite, Backend::MariaDb);
    INFO("backend: " << backendName(backend).toStdString());
    TestServer server({.backend = backend});
    REQUIRE(server.start());
    REQUIRE(server.addUser(u"alice"_s, u"alice pw"_s));
    REQUIRE(server.addUser(u"bob"_s, u"bob pw"_s));

    QXmppClient alice;
    QXmppClient bob;
    Inbox aliceInbox(alice);
    Inbox bobInbox(bob);
    REQUIRE(connectClient(alice, server.clientConfiguration(u"alice"_s, u"alice pw"_s)));
    REQUIRE(connectClient(bob, server.clientConfiguration(u"bob"_s, u"bob pw"_s, u"desk"_s)));
    REQUIRE(syncWithServer(bob, server.domain()));

    REQUIRE(alice.sendPacket(chat(u"bob@flint.test/gone"_s, u"are you there?"_s)));
    REQUIRE(bobInbox.waitForCount(1));
    CHECK(bobInbox.messages().first().body() == u"are you there?"_s);
    CHECK(bobInbox.messages().first().from() == u"alice@flint.test/test"_s);

    // Headlines to a missing resource are dropped; groupchat ones are refused.
    REQUIRE(
        alice.sendPacket(chat(u"bob@flint.test/gone"_s, u"stale news"_s, QXmppMessage::Headline)));
    REQUIRE(alice.sendPacket(chat(u"bob@flint.test/gone"_s, u"room"_s, QXmppMessage::GroupChat)));
    REQUIRE(aliceInbox.waitForCount(1));
    CHECK(aliceInbox.messages().first().type() == QXmppMessage::Error);
    CHECK(aliceInbox.messages().first().error().condition() ==
          QXmppStanza::Error::ServiceUnavailable);
    REQUIRE(syncWithServer(bob, server.domain()));
    CHECK(bobInbox.messages().size() == 1);

    // A bound resource that has not sent presence yet still gets messages to its full JID.
    RawStream raw(server.port(), server.domain());
    REQUIRE(raw.connectToServer());
    REQUIRE(raw.login(u"bob"_s, u"bob pw"_s, u"quiet"_s));
    REQUIRE(alice.sendPacket(chat(u"bob@flint.test/quiet"_s, u"direct line"_s)));
    CHECK(raw.waitForText("direct line"));
    REQUIRE(syncWithServer(bob, server.domain()));
    CHECK(bobInbox.messages().size() == 1);
}

TEST_CASE("messages nobody can take are answered with errors", "[message]")
{
    const Backend backend = GENERATE(Backend::Sqlite, Backend::MariaDb);
    INFO("backend: " << backendName(backend).toStdString());
    TestServer server({.backend = backend});
    REQUIRE(server.start());
    REQUIRE(server.addUser(u"alice"_s, u"alice pw"_s));
    REQUIRE(server.addUser(u"bob"_s, u"bob pw"_s));

    QXmppClient alice;
    Inbox inbox(alice);
    REQUIRE(connectClient(alice, server.clientConfiguration(u"alice"_s, u"alice pw"_s)));

    QXmppMessage toNobody = chat(u"nobody@flint.test"_s, u"hello?"_s);
    toNobody.setId(u"to-nobody"_s);
    REQUIRE(alice.sendPacket(toNobody));
    REQUIRE(inbox.waitForCount(1));
    CHECK(inbox.messages().at(0).id() == u"to-nobody"_s);
    CHECK(inbox.messages().at(0).type() == QXmppMessage::Error);
    CHECK(inbox.messages().at(0).from() == u"nobody@flint.test"_s);
    CHECK(inbox.messages().at(0).error().condition() == QXmppStanza::Error::ServiceUnavailable);

    QXmppMessage remote = chat(u"someone@elsewhere.example"_s, u"hello remote"_s);
    remote.setId(u"to-remote"_s);
    REQUIRE(alice.sendPacket(remote));
    REQUIRE(inbox.waitForCount(2));
    CHECK(inbox.messages().at(1).id() == u"to-remote"_s);
    CHECK(inbox.messages().at(1).error().condition() == QXmppStanza::Error::RemoteServerNotFound);

    // Groupchat messages to a user are refused even when the user exists.
    QXmppMessage groupchat = chat(u"bob@flint.test"_s, u"not a room"_s, QXmppMessage::GroupChat);
    groupchat.setId(u"to-user-as-room"_s);
    REQUIRE(alice.sendPacket(groupchat));
    REQUIRE(inbox.waitForCount(3));
    CHECK(inbox.messages().at(2).id() == u"to-user-as-room"_s);
    CHECK(inbox.messages().at(2).error().condition() == QXmppStanza::Error::ServiceUnavailable);

    // The server itself takes no chat.
    QXmppMessage toServer = chat(u"flint.test"_s, u"hello server"_s);
    toServer.setId(u"to-server"_s);
    REQUIRE(alice.sendPacket(toServer));
    REQUIRE(inbox.waitForCount(4));
    CHECK(inbox.messages().at(3).id() == u"to-server"_s);
    CHECK(inbox.messages().at(3).error().condition() == QXmppStanza::Error::ServiceUnavailable);

    // Headlines to nobody vanish silently.
    REQUIRE(alice.sendPacket(chat(u"nobody@flint.test"_s, u"news"_s, QXmppMessage::Headline)));
    REQUIRE(alice.sendPacket(chat(u"flint.test"_s, u"news"_s, QXmppMessage::Headline)));
    REQUIRE(syncWithServer(alice, server.domain()));
    CHECK(inbox.messages().size() == 4);
}

// Conversations against flint-server (both storage back ends) and Prosody: chat both ways with
// local history, chat states, delivery receipts, offline messages with their original time,
// carbons to the other resources of both accounts, unread counts and the conversation list,
// typed send errors, and a conversation that keeps working across a server restart.
#include "client/AccountSession.h"
#include "client/CertificateTrust.h"
#include "client/Conversation.h"
#include "client/ConversationListModel.h"
#include "client/ConversationManager.h"
#include "client/HistoryStore.h"
#include "client/MessageListModel.h"
#include "support/ClientHelpers.h"
#include "support/ProsodyInstance.h"
#include "support/TestServer.h"

#include <catch2/catch.hpp>

#include <QDateTime>
#include <QSslCertificate>
#include <QTemporaryDir>
#include <QXmppClient.h>
#include <QXmppPresence.h>

#include <memory>

using namespace flint;
using namespace flint::test;
using namespace Qt::StringLiterals;

namespace {

enum class Target { FlintSqlite, FlintMariaDb, Prosody };

std::string targetName(Target target)
{
    switch (target) {
    case Target::FlintSqlite:
        return "flint-server/SQLite";
    case Target::FlintMariaDb:
        return "flint-server/MariaDB";
    case Target::Prosody:
        return "Prosody";
    }
    return {};
}

// flint-server or Prosody, behind one interface.
class ServerUnderTest {
public:
    explicit ServerUnderTest(Target target)
    {
        if (target == Target::Prosody)
            m_prosody = std::make_unique<ProsodyInstance>();
        else
            m_flint = std::make_unique<TestServer>(TestServerOptions{
                .backend = target == Target::FlintSqlite ? Backend::Sqlite : Backend::MariaDb});
    }
    bool start() { return m_flint ? m_flint->start() : m_prosody->start(); }
    // Down hard (flint) or shut down (Prosody), then up again on the same port.
    bool restart()
    {
        if (m_flint)
            m_flint->kill();
        else
            m_prosody->stop();
        return start();
    }
    bool addUser(const QString &name)
    {
        const QString password = name + u" pw"_s;
        return m_flint ? m_flint->addUser(name, password) : m_prosody->addUser(name, password);
    }
    QString domain() const { return m_flint ? m_flint->domain() : m_prosody->domain(); }
    quint16 port() const { return m_flint ? m_flint->port() : m_prosody->port(); }
    QString jid(const QString &name) const { return name + u'@' + domain(); }
    QSslCertificate certificate() const
    {
        const QString path = m_flint ? m_flint->dataDirectory() + u"/certificate.pem"_s
                                     : m_prosody->certificatePath();
        return QSslCertificate::fromPath(path).value(0);
    }
    std::string log() const { return (m_flint ? m_flint->log() : m_prosody->log()).toStdString(); }

private:
    std::unique_ptr<TestServer> m_flint;
    std::unique_ptr<ProsodyInstance> m_prosody;
};

// One resource of one account, as the desktop app builds it: trust, history, session,
// conversations.
struct Device {
    Device(ServerUnderTest &server, const QString &user, const QString &resource = u"desk"_s)
        : server(server), user(user), resource(resource),
          trust(dir.filePath(u"pinned-certificates"_s)), session(trust),
          conversations(session, history)
    {
        REQUIRE(history.open(dir.filePath(u"history.sqlite"_s)) == HistoryStore::Error::None);
        REQUIRE(trust.trustCertificate(server.jid(user), server.certificate()));
        QObject::connect(&session, &AccountSession::loggedIn, [this] { ++loggedIn; });
    }
    // Logs in and waits until carbons are on (both servers offer them).
    bool login(int priority = 0)
    {
        const int before = loggedIn;
        session.connectToServer({.jid = server.jid(user),
                                 .password = user + u" pw"_s,
                                 .address = u"127.0.0.1:%1"_s.arg(server.port()),
                                 .resource = resource,
                                 .timeoutSeconds = 10});
        if (!waitFor([&] { return loggedIn > before; }, 15000))
            return false;
        if (priority != 0) {
            QXmppPresence presence = session.client().clientPresence();
            presence.setPriority(priority);
            session.client().setClientPresence(presence);
        }
        return waitFor([&] { return conversations.carbonsEnabled(); }) &&
               syncWithServer(session.client(), server.domain());
    }
    Conversation &with(const QString &peer)
    {
        return *conversations.conversation(server.jid(peer));
    }

    ServerUnderTest &server;
    QString user;
    QString resource;
    QTemporaryDir dir;
    CertificateTrust trust;
    HistoryStore history;
    AccountSession session;
    ConversationManager conversations;
    int loggedIn = 0;
};

QStringList bodies(const MessageListModel &model)
{
    QStringList list;
    for (int row = 0; row < model.rowCount(); ++row)
        list << model.message(row).body;
    return list;
}

QStringList bodies(const QList<HistoryMessage> &newestFirst)
{
    QStringList list;
    for (auto it = newestFirst.crbegin(); it != newestFirst.crend(); ++it)
        list << it->body;
    return list;
}

bool waitForRows(const MessageListModel &model, int rows, int timeoutMs = 10000)
{
    return waitFor([&] { return model.rowCount() >= rows; }, timeoutMs);
}

DeliveryState deliveryOf(const MessageListModel &model, const QString &stanzaId)
{
    for (int row = 0; row < model.rowCount(); ++row) {
        if (model.message(row).stanzaId == stanzaId)
            return model.message(row).delivery;
    }
    return DeliveryState::Sending;
}

QStringList peersInOrder(const ConversationListModel &list)
{
    QStringList peers;
    for (int row = 0; row < list.rowCount(); ++row)
        peers << list.index(row).data(ConversationListModel::PeerRole).toString();
    return peers;
}

Target generateTarget()
{
    return GENERATE(Target::FlintSqlite, Target::FlintMariaDb, Target::Prosody);
}

// Whether the target can run here; Prosody is optional on developer machines.
} // namespace

TEST_CASE("Chat both ways is stored, receipts mark delivery, the list follows activity",
          "[client][conversation]")
{
    const Target target = generateTarget();
    INFO("server: " << targetName(target));
    if (target == Target::Prosody)
        REQUIRE(prosodyAvailable());
    ServerUnderTest server(target);
    if (!server.start())
        FAIL(server.log());
    for (const QString &name : {u"alice"_s, u"bob"_s, u"carol"_s})
        REQUIRE(server.addUser(name));
    Device alice(server, u"alice"_s);
    Device bob(server, u"bob"_s);
    Device carol(server, u"carol"_s);
    REQUIRE(alice.login());
    REQUIRE(bob.login());
    REQUIRE(carol.login());
    ConversationListModel bobList(bob.conversations);

    Conversation &aliceToBob = alice.with(u"bob"_s);
    QList<HistoryMessage> received;
    QObject::connect(&bob.conversations, &ConversationManager::messageReceived,
                     [&](Conversation *, const HistoryMessage &message) { received << message; });
    const QString first = aliceToBob.sendMessage(u"Hello Bob"_s);
    REQUIRE_FALSE(first.isEmpty());
    CHECK(aliceToBob.sendMessage(u"  "_s).isEmpty());

    Conversation &bobToAlice = bob.with(u"alice"_s);
    REQUIRE(waitForRows(bobToAlice.messages(), 1));
    CHECK(bobToAlice.messages().message(0).body == u"Hello Bob"_s);
    CHECK(bobToAlice.messages().message(0).direction == MessageDirection::Incoming);
    CHECK(bobToAlice.messages().message(0).stanzaId == first);
    CHECK(bobToAlice.messages().message(0).sender.startsWith(alice.server.jid(u"alice"_s)));
    REQUIRE(received.size() == 1);
    CHECK(received.first().body == u"Hello Bob"_s);
    CHECK(bobToAlice.unreadCount() == 1);

    // Bob's client answered the receipt request: Alice's message is delivered, in history too.
    REQUIRE(waitFor(
        [&] { return deliveryOf(aliceToBob.messages(), first) == DeliveryState::Delivered; }));
    CHECK(alice.history.messages(server.jid(u"bob"_s), std::nullopt, 10).first().delivery ==
          DeliveryState::Delivered);

    const QString reply = bobToAlice.sendMessage(u"Hi Alice"_s);
    REQUIRE(waitForRows(aliceToBob.messages(), 2));
    CHECK(bodies(aliceToBob.messages()) == QStringList{u"Hello Bob"_s, u"Hi Alice"_s});
    CHECK(aliceToBob.messages().index(1).data(MessageListModel::OutgoingRole) == false);
    CHECK(aliceToBob.unreadCount() == 1);
    REQUIRE(waitFor(
        [&] { return deliveryOf(bobToAlice.messages(), reply) == DeliveryState::Delivered; }));

    // Both histories hold the conversation, each from its own side.
    const auto aliceHistory = alice.history.messages(server.jid(u"bob"_s), std::nullopt, 10);
    const auto bobHistory = bob.history.messages(server.jid(u"alice"_s), std::nullopt, 10);
    CHECK(bodies(aliceHistory) == QStringList{u"Hello Bob"_s, u"Hi Alice"_s});
    CHECK(bodies(bobHistory) == QStringList{u"Hello Bob"_s, u"Hi Alice"_s});
    REQUIRE(aliceHistory.size() == 2);
    CHECK(aliceHistory.last().direction == MessageDirection::Outgoing);
    CHECK(aliceHistory.first().direction == MessageDirection::Incoming);
    CHECK(bobHistory.last().direction == MessageDirection::Incoming);

    // The list: the most recent conversation first, with its unread count and preview.
    REQUIRE(bobList.rowCount() == 1);
    CHECK(bobList.index(0).data(ConversationListModel::LastMessageRole) == u"Hi Alice"_s);
    CHECK(bobList.index(0).data(ConversationListModel::LastMessageOutgoingRole) == true);
    carol.with(u"bob"_s).sendMessage(u"Lunch?"_s);
    REQUIRE(waitFor([&] { return bobList.rowCount() == 2; }));
    CHECK(peersInOrder(bobList) == QStringList{server.jid(u"carol"_s), server.jid(u"alice"_s)});
    CHECK(bobList.index(0).data(ConversationListModel::UnreadCountRole) == 1);
    CHECK(bobList.totalUnreadCount() == 2);
    aliceToBob.sendMessage(u"Still there?"_s);
    REQUIRE(waitFor([&] { return bobToAlice.unreadCount() == 2; }));
    CHECK(peersInOrder(bobList) == QStringList{server.jid(u"alice"_s), server.jid(u"carol"_s)});
    CHECK(bobList.index(0).data(ConversationListModel::UnreadCountRole) == 2);
    CHECK(bobList.index(0).data(ConversationListModel::LastMessageRole) == u"Still there?"_s);
    CHECK(bobList.totalUnreadCount() == 3);

    bobToAlice.markRead();
    CHECK(bobToAlice.unreadCount() == 0);
    CHECK(bobList.index(0).data(ConversationListModel::UnreadCountRole) == 0);
    CHECK(bobList.totalUnreadCount() == 1);
    // Reopened from history, the list reads the same.
    ConversationListModel reopened(bob.history);
    CHECK(peersInOrder(reopened) == peersInOrder(bobList));
    CHECK(reopened.totalUnreadCount() == 1);
}

TEST_CASE("Chat states: composing, paused and active reach the peer and are not stored",
          "[client][conversation][chatstates]")
{
    const Target target = generateTarget();
    INFO("server: " << targetName(target));
    if (target == Target::Prosody)
        REQUIRE(prosodyAvailable());
    ServerUnderTest server(target);
    if (!server.start())
        FAIL(server.log());
    REQUIRE(server.addUser(u"alice"_s));
    REQUIRE(server.addUser(u"bob"_s));
    Device alice(server, u"alice"_s);
    Device bob(server, u"bob"_s);
    REQUIRE(alice.login());
    REQUIRE(bob.login());

    Conversation &aliceToBob = alice.with(u"bob"_s);
    Conversation &bobToAlice = bob.with(u"alice"_s);
    CHECK(aliceToBob.pausedAfter() == Conversation::DefaultPausedAfter);
    aliceToBob.setPausedAfter(std::chrono::milliseconds(400));
    QList<ChatState> seen;
    QObject::connect(&bobToAlice, &Conversation::peerChatStateChanged,
                     [&](ChatState state) { seen << state; });

    aliceToBob.setTyping(true);
    REQUIRE(waitFor([&] { return bobToAlice.peerChatState() == ChatState::Composing; }));
    // Keystrokes keep it composing; idle typing turns it to paused.
    aliceToBob.setTyping(true);
    REQUIRE(waitFor([&] { return bobToAlice.peerChatState() == ChatState::Paused; }));
    aliceToBob.setTyping(true);
    REQUIRE(waitFor([&] { return bobToAlice.peerChatState() == ChatState::Composing; }));
    aliceToBob.sendMessage(u"done typing"_s);
    REQUIRE(waitFor([&] { return bobToAlice.peerChatState() == ChatState::Active; }));
    REQUIRE(waitForRows(bobToAlice.messages(), 1));
    aliceToBob.setTyping(true);
    REQUIRE(waitFor([&] { return bobToAlice.peerChatState() == ChatState::Composing; }));
    aliceToBob.setTyping(false); // the input was cleared
    REQUIRE(waitFor([&] { return bobToAlice.peerChatState() == ChatState::Active; }));
    CHECK(aliceToBob.ownChatState() == ChatState::Active);
    CHECK(seen == QList<ChatState>{ChatState::Composing, ChatState::Paused, ChatState::Composing,
                                   ChatState::Active, ChatState::Composing, ChatState::Active});

    // Only the message itself is history.
    REQUIRE(syncWithServer(bob.session.client(), server.domain()));
    CHECK(bodies(bob.history.messages(server.jid(u"alice"_s), std::nullopt, 10)) ==
          QStringList{u"done typing"_s});
    CHECK(bobToAlice.messages().rowCount() == 1);
}

TEST_CASE("Offline messages arrive in order with their original time",
          "[client][conversation][offline]")
{
    const Target target = generateTarget();
    INFO("server: " << targetName(target));
    if (target == Target::Prosody)
        REQUIRE(prosodyAvailable());
    ServerUnderTest server(target);
    if (!server.start())
        FAIL(server.log());
    REQUIRE(server.addUser(u"alice"_s));
    REQUIRE(server.addUser(u"bob"_s));
    Device alice(server, u"alice"_s);
    REQUIRE(alice.login());

    Conversation &aliceToBob = alice.with(u"bob"_s);
    const QDateTime sentFrom = QDateTime::currentDateTimeUtc();
    QStringList ids;
    for (const QString &body : {u"one"_s, u"two"_s, u"three"_s}) {
        ids << aliceToBob.sendMessage(body);
        waitFor([] { return false; }, 30);
    }
    REQUIRE(waitFor(
        [&] { return deliveryOf(aliceToBob.messages(), ids.last()) == DeliveryState::Sent; }));
    CHECK(deliveryOf(aliceToBob.messages(), ids.first()) == DeliveryState::Sent);
    // Time passes before Bob comes online: the stamps must be the sending time, not arrival.
    waitFor([] { return false; }, 1500);

    Device bob(server, u"bob"_s);
    const QDateTime loginTime = QDateTime::currentDateTimeUtc();
    REQUIRE(bob.login());
    Conversation &bobToAlice = bob.with(u"alice"_s);
    REQUIRE(waitForRows(bobToAlice.messages(), 3));
    CHECK(bodies(bobToAlice.messages()) == QStringList{u"one"_s, u"two"_s, u"three"_s});
    for (int row = 0; row < 3; ++row) {
        const HistoryMessage &message = bobToAlice.messages().message(row);
        INFO("row " << row << " at "
                    << message.timestamp.toString(Qt::ISODateWithMs).toStdString());
        CHECK(message.flags & HistoryMessage::OfflineDelayed);
        // Prosody stamps whole seconds.
        CHECK(message.timestamp >= sentFrom.addSecs(-1));
        CHECK(message.timestamp < loginTime);
    }
    CHECK(bobToAlice.unreadCount() == 3);

    // Receipts from the late delivery reach Alice, who stayed online.
    REQUIRE(waitFor(
        [&] { return deliveryOf(aliceToBob.messages(), ids.last()) == DeliveryState::Delivered; }));

    // A live message comes after them, in the model and in history.
    aliceToBob.sendMessage(u"welcome back"_s);
    REQUIRE(waitForRows(bobToAlice.messages(), 4));
    CHECK(bodies(bobToAlice.messages()).last() == u"welcome back"_s);
    CHECK_FALSE(bobToAlice.messages().message(3).flags & HistoryMessage::OfflineDelayed);
    CHECK(bodies(bob.history.messages(server.jid(u"alice"_s), std::nullopt, 10)) ==
          QStringList{u"one"_s, u"two"_s, u"three"_s, u"welcome back"_s});
}

TEST_CASE("Carbons: the account's other resources see sent messages as outgoing and received "
          "ones as incoming",
          "[client][conversation][carbons]")
{
    const Target target = generateTarget();
    INFO("server: " << targetName(target));
    if (target == Target::Prosody)
        REQUIRE(prosodyAvailable());
    ServerUnderTest server(target);
    if (!server.start())
        FAIL(server.log());
    REQUIRE(server.addUser(u"alice"_s));
    REQUIRE(server.addUser(u"bob"_s));
    Device aliceDesk(server, u"alice"_s, u"desk"_s);
    Device aliceLaptop(server, u"alice"_s, u"laptop"_s);
    Device bobDesk(server, u"bob"_s, u"desk"_s);
    Device bobPhone(server, u"bob"_s, u"phone"_s);
    REQUIRE(aliceDesk.login());
    REQUIRE(aliceLaptop.login());
    REQUIRE(bobDesk.login(5));
    REQUIRE(bobPhone.login(1)); // gets Bob's bare-JID messages only as carbons

    const QString id = aliceDesk.with(u"bob"_s).sendMessage(u"from the desk"_s);
    MessageListModel &laptopView = aliceLaptop.with(u"bob"_s).messages();
    MessageListModel &phoneView = bobPhone.with(u"alice"_s).messages();
    MessageListModel &bobDeskView = bobDesk.with(u"alice"_s).messages();
    REQUIRE(waitForRows(laptopView, 1));
    REQUIRE(waitForRows(phoneView, 1));
    REQUIRE(waitForRows(bobDeskView, 1));
    CHECK(laptopView.message(0).body == u"from the desk"_s);
    CHECK(laptopView.message(0).direction == MessageDirection::Outgoing);
    CHECK(laptopView.message(0).stanzaId == id);
    CHECK(phoneView.message(0).body == u"from the desk"_s);
    CHECK(phoneView.message(0).direction == MessageDirection::Incoming);
    CHECK(bobPhone.with(u"alice"_s).unreadCount() == 1);
    // Bob's desk answered the receipt; its copy tells the laptop too.
    REQUIRE(waitFor([&] {
        return deliveryOf(aliceDesk.with(u"bob"_s).messages(), id) == DeliveryState::Delivered;
    }));
    REQUIRE(waitFor([&] { return deliveryOf(laptopView, id) == DeliveryState::Delivered; }));
    CHECK(aliceLaptop.history.messages(server.jid(u"bob"_s), std::nullopt, 10).first().delivery ==
          DeliveryState::Delivered);
    CHECK(bobPhone.history.messages(server.jid(u"alice"_s), std::nullopt, 10).first().direction ==
          MessageDirection::Incoming);

    // The phone answers: the desk sees its own account's message as outgoing; both of Alice's
    // resources (same priority) get it once.
    bobPhone.with(u"alice"_s).sendMessage(u"from the phone"_s);
    REQUIRE(waitForRows(bobDeskView, 2));
    CHECK(bobDeskView.message(1).body == u"from the phone"_s);
    CHECK(bobDeskView.message(1).direction == MessageDirection::Outgoing);
    REQUIRE(waitForRows(aliceDesk.with(u"bob"_s).messages(), 2));
    REQUIRE(waitForRows(laptopView, 2));
    REQUIRE(syncWithServer(aliceLaptop.session.client(), server.domain()));
    CHECK(bodies(laptopView) == QStringList{u"from the desk"_s, u"from the phone"_s});
    CHECK(bodies(aliceLaptop.history.messages(server.jid(u"bob"_s), std::nullopt, 10)) ==
          QStringList{u"from the desk"_s, u"from the phone"_s});
}

TEST_CASE("A failed send says why", "[client][conversation][errors]")
{
    const Target target = generateTarget();
    INFO("server: " << targetName(target));
    if (target == Target::Prosody)
        REQUIRE(prosodyAvailable());
    ServerUnderTest server(target);
    if (!server.start())
        FAIL(server.log());
    REQUIRE(server.addUser(u"alice"_s));
    Device alice(server, u"alice"_s);
    REQUIRE(alice.login());
    QList<SendError> errors;
    QStringList failedIds;

    SECTION("to a user who does not exist")
    {
        Conversation &nobody = alice.with(u"nobody"_s);
        QObject::connect(&nobody, &Conversation::sendFailed,
                         [&](const QString &stanzaId, const SendError &error) {
                             failedIds << stanzaId;
                             errors << error;
                         });
        const QString id = nobody.sendMessage(u"anyone there?"_s);
        REQUIRE(waitFor([&] { return !errors.isEmpty(); }));
        CHECK(errors.first().kind == SendError::RecipientUnknown);
        CHECK(failedIds.first() == id);
        CHECK(deliveryOf(nobody.messages(), id) == DeliveryState::Failed);
        CHECK(alice.history.messages(server.jid(u"nobody"_s), std::nullopt, 1).first().delivery ==
              DeliveryState::Failed);
    }
    SECTION("while logged out")
    {
        alice.session.cancel();
        Conversation &bob = alice.with(u"bob"_s);
        QObject::connect(&bob, &Conversation::sendFailed,
                         [&](const QString &, const SendError &error) { errors << error; });
        const QString id = bob.sendMessage(u"offline draft"_s);
        REQUIRE(errors.size() == 1);
        CHECK(errors.first().kind == SendError::NotConnected);
        CHECK(deliveryOf(bob.messages(), id) == DeliveryState::Failed);
        CHECK_FALSE(alice.conversations.carbonsEnabled());
    }
    for (const SendError &error : std::as_const(errors))
        CHECK_FALSE(describe(error).isEmpty());
}

TEST_CASE("A conversation keeps working after the server restarts",
          "[client][conversation][reconnect]")
{
    const Target target = generateTarget();
    INFO("server: " << targetName(target));
    if (target == Target::Prosody)
        REQUIRE(prosodyAvailable());
    ServerUnderTest server(target);
    if (!server.start())
        FAIL(server.log());
    REQUIRE(server.addUser(u"alice"_s));
    REQUIRE(server.addUser(u"bob"_s));
    Device alice(server, u"alice"_s);
    Device bob(server, u"bob"_s);
    REQUIRE(alice.login());
    REQUIRE(bob.login());
    Conversation &aliceToBob = alice.with(u"bob"_s);
    Conversation &bobToAlice = bob.with(u"alice"_s);
    aliceToBob.sendMessage(u"before"_s);
    REQUIRE(waitForRows(bobToAlice.messages(), 1));
    aliceToBob.setTyping(true);
    REQUIRE(waitFor([&] { return bobToAlice.peerChatState() == ChatState::Composing; }));

    if (!server.restart())
        FAIL(server.log());
    REQUIRE(waitFor([&] { return alice.loggedIn == 2 && bob.loggedIn == 2; }, 40000));
    REQUIRE(waitFor([&] {
        return alice.conversations.carbonsEnabled() && bob.conversations.carbonsEnabled();
    }));
    // What the peer was doing before is not known any more.
    CHECK(bobToAlice.peerChatState() == ChatState::None);
    REQUIRE(syncWithServer(bob.session.client(), server.domain()));

    const QString id = aliceToBob.sendMessage(u"after"_s);
    REQUIRE(waitForRows(bobToAlice.messages(), 2));
    CHECK(bodies(bobToAlice.messages()) == QStringList{u"before"_s, u"after"_s});
    REQUIRE(
        waitFor([&] { return deliveryOf(aliceToBob.messages(), id) == DeliveryState::Delivered; }));
    bobToAlice.sendMessage(u"welcome back"_s);
    REQUIRE(waitForRows(aliceToBob.messages(), 3));
    CHECK(bodies(alice.history.messages(server.jid(u"bob"_s), std::nullopt, 10)) ==
          QStringList{u"before"_s, u"after"_s, u"welcome back"_s});
}

#include "client/HistoryStore.h"
#include "common/Database.h"

#include <catch2/catch.hpp>

#include <QDir>
#include <QSqlQuery>
#include <QTemporaryDir>

using namespace flint;
using namespace Qt::StringLiterals;

namespace {

const QDateTime kStart = QDateTime::fromMSecsSinceEpoch(1'790'000'000'000, Qt::UTC);

HistoryMessage makeMessage(const QString &peer, const QString &body, qint64 offsetMs,
                           MessageDirection direction = MessageDirection::Incoming,
                           const QString &stanzaId = {})
{
    HistoryMessage message;
    message.peer = peer;
    message.body = body;
    message.direction = direction;
    message.sender =
        direction == MessageDirection::Incoming ? peer + u"/desk"_s : u"me@office.test/laptop"_s;
    message.stanzaId = stanzaId;
    message.timestamp = kStart.addMSecs(offsetMs);
    return message;
}

struct OpenHistory {
    QTemporaryDir dir;
    HistoryStore store;
    QString path() const { return dir.filePath(u"me@office.test/history.db"_s); }
    OpenHistory() { REQUIRE(store.open(path()) == HistoryStore::Error::None); }
};

qint64 add(HistoryStore &store, const HistoryMessage &message)
{
    const auto id = store.addMessage(message);
    REQUIRE(id.has_value());
    return *id;
}

QList<qint64> ids(const QList<HistoryMessage> &messages)
{
    QList<qint64> list;
    for (const auto &message : messages)
        list << message.id;
    return list;
}

QList<qint64> ids(const QList<SearchHit> &hits)
{
    QList<qint64> list;
    for (const auto &hit : hits)
        list << hit.messageId;
    return list;
}

QString marked(const QString &text)
{
    return SearchHit::highlightStart + text + SearchHit::highlightEnd;
}

} // namespace

TEST_CASE("history: a new file gets the schema, an existing one keeps its messages", "[history]")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"account/history.db"_s);
    qint64 id = 0;
    {
        HistoryStore store;
        REQUIRE(store.open(path) == HistoryStore::Error::None);
        CHECK(store.isOpen());
        // Debian 12 ships SQLite 3.40: the trigram tokenizer must have been chosen.
        CHECK(store.hasSubstringSearch());
        CHECK(store.conversations().isEmpty());
        CHECK(store.messages(u"alice@office.test"_s, std::nullopt, 10).isEmpty());
        id = add(store, makeMessage(u"alice@office.test"_s, u"kept across restarts"_s, 0));
    }
    HistoryStore reopened;
    REQUIRE(reopened.open(path) == HistoryStore::Error::None);
    CHECK(reopened.integrityCheck());
    const auto page = reopened.messages(u"alice@office.test"_s, std::nullopt, 10);
    REQUIRE(page.size() == 1);
    CHECK(page.first().id == id);
    CHECK(reopened.search(u"restarts"_s, 10).size() == 1);

    Database database;
    QString error;
    REQUIRE(database.open({.sqlitePath = path}, &error));
    CHECK(database.schemaVersion() == 2);
    QSqlQuery journal(database.connection());
    REQUIRE(journal.exec(u"PRAGMA journal_mode"_s));
    REQUIRE(journal.next());
    CHECK(journal.value(0).toString() == u"wal"_s);
}

TEST_CASE("history: a file from a newer schema or an unusable path is refused", "[history]")
{
    QTemporaryDir dir;
    HistoryStore store;
    CHECK(store.open(dir.path()) == HistoryStore::Error::CannotOpen);
    CHECK_FALSE(store.isOpen());
    CHECK_FALSE(store.addMessage(makeMessage(u"alice@office.test"_s, u"lost"_s, 0)).has_value());
    CHECK_FALSE(HistoryStore::errorText(HistoryStore::Error::CannotOpen).isEmpty());

    const QString path = dir.filePath(u"history.db"_s);
    {
        Database database;
        QString error;
        REQUIRE(database.open({.sqlitePath = path}, &error));
        REQUIRE(database.migrate({{99, "from the future", {u"CREATE TABLE later (x TEXT)"_s}}},
                                 &error));
    }
    CHECK(store.open(path) == HistoryStore::Error::SchemaTooNew);
    CHECK_FALSE(store.isOpen());
}

TEST_CASE("history: messages round-trip and page newest first by their original time", "[history]")
{
    OpenHistory history;
    HistoryStore &store = history.store;
    const QString alice = u"alice@office.test"_s;
    QList<qint64> aliceIds;
    for (int i = 0; i < 25; ++i)
        aliceIds << add(store, makeMessage(alice, u"message %1"_s.arg(i), i * 1000));
    add(store, makeMessage(u"bob@office.test"_s, u"not alice's"_s, 500));
    // An offline message arrives last but was sent between messages 2 and 3.
    HistoryMessage delayed = makeMessage(alice, u"sent while you were away"_s, 2500);
    delayed.flags = HistoryMessage::OfflineDelayed;
    const qint64 delayedId = add(store, delayed);

    QList<qint64> expected = aliceIds;
    expected.insert(3, delayedId);
    std::reverse(expected.begin(), expected.end());

    const auto first = store.messages(alice, std::nullopt, 10);
    CHECK(ids(first) == expected.mid(0, 10));
    const auto second = store.messages(alice, first.last().id, 10);
    CHECK(ids(second) == expected.mid(10, 10));
    const auto third = store.messages(alice, second.last().id, 10);
    CHECK(ids(third) == expected.mid(20));
    CHECK(store.messages(alice, third.last().id, 10).isEmpty());

    const HistoryMessage &stored = third.at(third.size() - 4);
    CHECK(stored.id == delayedId);
    CHECK(stored.peer == alice);
    CHECK(stored.kind == ConversationKind::Chat);
    CHECK(stored.body == delayed.body);
    CHECK(stored.sender == delayed.sender);
    CHECK(stored.direction == MessageDirection::Incoming);
    CHECK(stored.timestamp == delayed.timestamp);
    CHECK(stored.timestamp.timeSpec() == Qt::UTC);
    CHECK(stored.flags == HistoryMessage::OfflineDelayed);
    CHECK(stored.delivery == DeliveryState::Sent);
}

TEST_CASE("history: a known stanza id returns the stored message instead of a copy", "[history]")
{
    OpenHistory history;
    HistoryStore &store = history.store;
    const QString alice = u"alice@office.test"_s;
    const qint64 id = add(store, makeMessage(alice, u"hello"_s, 0, {}, u"origin-1"_s));
    CHECK(add(store, makeMessage(alice, u"hello"_s, 0, {}, u"origin-1"_s)) == id);
    bool inserted = true;
    CHECK(store.addMessage(makeMessage(alice, u"hello"_s, 0, {}, u"origin-1"_s), &inserted) == id);
    CHECK_FALSE(inserted);
    CHECK(store.unreadCount(alice) == 1);
    // Stanza ids are unique per conversation only.
    CHECK(add(store, makeMessage(u"bob@office.test"_s, u"hi"_s, 0, {}, u"origin-1"_s)) != id);
    // Messages without an id are never merged.
    CHECK(add(store, makeMessage(alice, u"same"_s, 1)) !=
          add(store, makeMessage(alice, u"same"_s, 1)));
    CHECK(store.messages(alice, std::nullopt, 10).size() == 3);

    const auto batch = store.addMessages({makeMessage(alice, u"new"_s, 5, {}, u"origin-2"_s),
                                          makeMessage(alice, u"again"_s, 6, {}, u"origin-1"_s)});
    REQUIRE(batch.has_value());
    REQUIRE(batch->size() == 2);
    CHECK(batch->at(1) == id);
    CHECK(store.messages(alice, std::nullopt, 10).size() == 4);
}

TEST_CASE("history: delivery states move forward and only for the peer's outgoing message",
          "[history]")
{
    OpenHistory history;
    HistoryStore &store = history.store;
    const QString alice = u"alice@office.test"_s;
    HistoryMessage outgoing =
        makeMessage(alice, u"did you get this?"_s, 0, MessageDirection::Outgoing, u"out-1"_s);
    outgoing.delivery = DeliveryState::Sending;
    add(store, outgoing);
    add(store, makeMessage(alice, u"incoming"_s, 1, MessageDirection::Incoming, u"in-1"_s));
    const auto state = [&] {
        for (const auto &message : store.messages(alice, std::nullopt, 10))
            if (message.stanzaId == u"out-1"_s)
                return message.delivery;
        FAIL("message missing");
        return DeliveryState::Failed;
    };
    CHECK(state() == DeliveryState::Sending);
    CHECK(store.setDeliveryState(alice, u"out-1"_s, DeliveryState::Sent));
    CHECK(state() == DeliveryState::Sent);
    // A receipt from someone else, or for an id we never sent, changes nothing.
    CHECK_FALSE(
        store.setDeliveryState(u"mallory@office.test"_s, u"out-1"_s, DeliveryState::Delivered));
    CHECK_FALSE(store.setDeliveryState(alice, u"in-1"_s, DeliveryState::Delivered));
    CHECK_FALSE(store.setDeliveryState(alice, u"unknown"_s, DeliveryState::Delivered));
    CHECK(state() == DeliveryState::Sent);
    CHECK(store.setDeliveryState(alice, u"out-1"_s, DeliveryState::Delivered));
    CHECK(state() == DeliveryState::Delivered);
    CHECK_FALSE(store.setDeliveryState(alice, u"out-1"_s, DeliveryState::Sent));
    CHECK_FALSE(store.setDeliveryState(alice, u"out-1"_s, DeliveryState::Failed));
    CHECK(state() == DeliveryState::Delivered);

    HistoryMessage lost = makeMessage(alice, u"lost"_s, 2, MessageDirection::Outgoing, u"out-2"_s);
    lost.delivery = DeliveryState::Sending;
    add(store, lost);
    CHECK(store.setDeliveryState(alice, u"out-2"_s, DeliveryState::Failed));
    // The server's acknowledgement arriving after the error reply does not hide the failure.
    CHECK_FALSE(store.setDeliveryState(alice, u"out-2"_s, DeliveryState::Sent));
    CHECK_FALSE(store.setDeliveryState(alice, u"out-2"_s, DeliveryState::Delivered));
    CHECK(store.setDeliveryState(alice, u"out-2"_s, DeliveryState::Sending)); // retried
}

TEST_CASE("history: unread counts and conversation order follow incoming activity", "[history]")
{
    OpenHistory history;
    HistoryStore &store = history.store;
    const QString alice = u"alice@office.test"_s;
    const QString bob = u"bob@office.test"_s;
    const QString room = u"lunch@rooms.office.test"_s;
    add(store, makeMessage(alice, u"one"_s, 1000));
    add(store, makeMessage(alice, u"two"_s, 2000));
    add(store, makeMessage(bob, u"mine"_s, 3000, MessageDirection::Outgoing));
    HistoryMessage roomMessage = makeMessage(room, u"pizza?"_s, 4000);
    roomMessage.kind = ConversationKind::GroupChat;
    add(store, roomMessage);
    CHECK(store.unreadCount(alice) == 2);
    CHECK(store.unreadCount(bob) == 0);
    CHECK(store.unreadCount(u"nobody@office.test"_s) == 0);

    auto list = store.conversations();
    REQUIRE(list.size() == 3);
    CHECK(list[0].peer == room);
    CHECK(list[0].kind == ConversationKind::GroupChat);
    CHECK(list[0].lastActivity == kStart.addMSecs(4000));
    CHECK(list[1].peer == bob);
    CHECK(list[2].peer == alice);
    CHECK(list[2].unreadCount == 2);

    add(store, makeMessage(alice, u"three"_s, 5000));
    // A late offline message does not move a conversation back in time.
    add(store, makeMessage(bob, u"old news"_s, 10));
    list = store.conversations();
    CHECK(list[0].peer == alice);
    CHECK(list[0].unreadCount == 3);
    CHECK(list[1].peer == room);
    CHECK(list[2].peer == bob);
    CHECK(list[2].lastActivity == kStart.addMSecs(3000));

    store.markRead(alice);
    CHECK(store.unreadCount(alice) == 0);
    CHECK(store.unreadCount(bob) == 1);
}

TEST_CASE("history: full-text search finds substrings in any language across conversations",
          "[history][search]")
{
    OpenHistory history;
    HistoryStore &store = history.store;
    const QString alice = u"alice@office.test"_s;
    const QString bob = u"bob@office.test"_s;
    const qint64 hello = add(store, makeMessage(alice, u"Hello World, the meeting is at 3"_s, 0));
    const qint64 chinese = add(store, makeMessage(bob, u"你好世界"_s, 1));
    const qint64 mixed = add(store, makeMessage(alice, u"明天的meeting在会议室开"_s, 2));
    const qint64 cpp = add(store, makeMessage(bob, u"I write C++ (mostly), e.g. Qt."_s, 3));
    const qint64 quoted = add(store, makeMessage(alice, u"she said \"ship it\" at 100%"_s, 4));
    add(store, makeMessage(bob, u"nothing to see at 1000"_s, 5));

    SECTION("English is case-insensitive and matches inside words")
    {
        auto hits = store.search(u"HELLO"_s, 10);
        REQUIRE(ids(hits) == QList<qint64>{hello});
        CHECK(hits[0].peer == alice);
        CHECK(hits[0].timestamp == kStart);
        CHECK(hits[0].snippet == marked(u"Hello"_s) + u" World, the meeting is at 3"_s);
        CHECK(ids(store.search(u"orld"_s, 10)) == QList<qint64>{hello});
        CHECK(ids(store.search(u"meeting"_s, 10)) == QList<qint64>{mixed, hello}); // newest first
        CHECK(ids(store.search(u"meeting"_s, 1)) == QList<qint64>{mixed});
        CHECK(ids(store.search(u"  world   hello "_s, 10)) == QList<qint64>{hello});
        CHECK(store.search(u"hello nothing"_s, 10).isEmpty());
        CHECK(store.search(u"absent"_s, 10).isEmpty());
        CHECK(store.search(u"   "_s, 10).isEmpty());
    }
    SECTION("Chinese substrings, short and long, alone and with other words")
    {
        auto hits = store.search(u"世界"_s, 10);
        REQUIRE(ids(hits) == QList<qint64>{chinese});
        CHECK(hits[0].peer == bob);
        CHECK(hits[0].snippet == u"你好"_s + marked(u"世界"_s));
        CHECK(ids(store.search(u"好世界"_s, 10)) == QList<qint64>{chinese});
        CHECK(ids(store.search(u"会议室"_s, 10)) == QList<qint64>{mixed});
        CHECK(ids(store.search(u"会议 meeting"_s, 10)) == QList<qint64>{mixed});
        CHECK(ids(store.search(u"界"_s, 10)) == QList<qint64>{chinese});
        CHECK(store.search(u"世界和平"_s, 10).isEmpty());
    }
    SECTION("punctuation and query syntax are plain text")
    {
        CHECK(ids(store.search(u"C++"_s, 10)) == QList<qint64>{cpp});
        CHECK(ids(store.search(u"e.g."_s, 10)) == QList<qint64>{cpp});
        CHECK(ids(store.search(u"(mostly),"_s, 10)) == QList<qint64>{cpp});
        CHECK(ids(store.search(u"\"ship it\""_s, 10)) == QList<qint64>{quoted});
        CHECK(ids(store.search(u"100%"_s, 10)) == QList<qint64>{quoted});
        CHECK(store.search(u"10_0"_s, 10).isEmpty());
        // Terms too short for the index are matched literally too, wildcards included.
        CHECK(ids(store.search(u"0%"_s, 10)) == QList<qint64>{quoted});
        CHECK(store.search(u"_0"_s, 10).isEmpty());
        CHECK(store.search(u"AND OR NOT ( * ^"_s, 10).isEmpty());
        CHECK(store.search(u"NEAR(hello"_s, 10).isEmpty());
    }
}

TEST_CASE("history: snippets of long messages show the match with context", "[history][search]")
{
    OpenHistory history;
    const QString body = QString(u"lorem ipsum "_s).repeated(20) + u"the needle "_s +
                         QString(u"dolor sit amet "_s).repeated(20);
    add(history.store, makeMessage(u"alice@office.test"_s, body, 0));
    const auto hits = history.store.search(u"NEEDLE"_s, 10);
    REQUIRE(hits.size() == 1);
    const QString snippet = hits[0].snippet;
    CHECK(snippet.startsWith(u"…"_s));
    CHECK(snippet.endsWith(u"…"_s));
    CHECK(snippet.contains(u"the "_s + marked(u"needle"_s) + u" dolor"_s));
    CHECK(snippet.size() < body.size());
}

TEST_CASE("history: a batch import is one transaction and searchable", "[history][search]")
{
    OpenHistory history;
    QList<HistoryMessage> batch;
    for (int i = 0; i < 500; ++i)
        batch << makeMessage(u"peer%1@office.test"_s.arg(i % 7), u"imported line %1"_s.arg(i), i,
                             MessageDirection::Outgoing, u"import-%1"_s.arg(i));
    const auto ids = history.store.addMessages(batch);
    REQUIRE(ids.has_value());
    REQUIRE(ids->size() == 500);
    CHECK(std::is_sorted(ids->begin(), ids->end()));
    CHECK(history.store.conversations().size() == 7);
    CHECK(history.store.search(u"line 499"_s, 10).size() == 1);
    CHECK(history.store.search(u"imported"_s, 1000).size() == 500);
    CHECK(history.store.integrityCheck());
}

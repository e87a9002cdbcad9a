// The conversation list read from history: ordered by last activity, unread counts, previews,
// and rows that move, appear and change as conversations are updated.
#include "client/ConversationListModel.h"
#include "client/HistoryStore.h"

#include <catch2/catch.hpp>

#include <QSignalSpy>
#include <QTemporaryDir>

using namespace flint;
using namespace Qt::StringLiterals;

namespace {

const QDateTime kStart = QDateTime::fromMSecsSinceEpoch(1'790'000'000'000, Qt::UTC);

struct OpenHistory {
    QTemporaryDir dir;
    HistoryStore store;
    OpenHistory()
    {
        REQUIRE(store.open(dir.filePath(u"history.db"_s)) == HistoryStore::Error::None);
    }
    void add(const QString &peer, const QString &body, qint64 offsetMs,
             MessageDirection direction = MessageDirection::Incoming)
    {
        HistoryMessage message;
        message.peer = peer;
        message.body = body;
        message.direction = direction;
        message.sender = direction == MessageDirection::Incoming ? peer + u"/desk"_s
                                                                 : u"me@office.test/laptop"_s;
        message.timestamp = kStart.addMSecs(offsetMs);
        REQUIRE(store.addMessage(message).has_value());
    }
};

QStringList peers(const ConversationListModel &model)
{
    QStringList list;
    for (int row = 0; row < model.rowCount(); ++row)
        list << model.index(row).data().toString();
    return list;
}

QVariant role(const ConversationListModel &model, const QString &peer, int role)
{
    const auto row = model.rowOf(peer);
    return row ? model.index(*row).data(role) : QVariant();
}

} // namespace

TEST_CASE("The conversation list starts in order of last activity", "[unit][conversations]")
{
    OpenHistory history;
    history.add(u"ann@office.test"_s, u"old"_s, 0);
    history.add(u"ben@office.test"_s, u"newest"_s, 3000);
    history.add(u"cat@office.test"_s, u"middle"_s, 2000, MessageDirection::Outgoing);
    history.add(u"ann@office.test"_s, u"again"_s, 1000);

    ConversationListModel model(history.store);
    CHECK(peers(model) ==
          QStringList{u"ben@office.test"_s, u"cat@office.test"_s, u"ann@office.test"_s});
    CHECK(role(model, u"ann@office.test"_s, ConversationListModel::UnreadCountRole) == 2);
    CHECK(role(model, u"cat@office.test"_s, ConversationListModel::UnreadCountRole) == 0);
    CHECK(role(model, u"ann@office.test"_s, ConversationListModel::LastMessageRole) == u"again"_s);
    CHECK(role(model, u"cat@office.test"_s, ConversationListModel::LastMessageOutgoingRole) ==
          true);
    CHECK(role(model, u"ben@office.test"_s, ConversationListModel::LastActivityRole) ==
          kStart.addMSecs(3000));
    CHECK(model.totalUnreadCount() == 3);
    CHECK(model.roleNames().value(ConversationListModel::UnreadCountRole) == "unreadCount");
}

TEST_CASE("Updated conversations move, new ones appear, unread counts follow",
          "[unit][conversations]")
{
    OpenHistory history;
    history.add(u"ann@office.test"_s, u"a"_s, 0);
    history.add(u"ben@office.test"_s, u"b"_s, 1000);
    history.add(u"cat@office.test"_s, u"c"_s, 2000);
    ConversationListModel model(history.store);
    REQUIRE(peers(model) ==
            QStringList{u"cat@office.test"_s, u"ben@office.test"_s, u"ann@office.test"_s});
    QSignalSpy moved(&model, &QAbstractItemModel::rowsMoved);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy unread(&model, &ConversationListModel::totalUnreadCountChanged);

    SECTION("the last row moves to the top")
    {
        history.add(u"ann@office.test"_s, u"news"_s, 5000);
        model.updateConversation(u"ann@office.test"_s);
        CHECK(peers(model) ==
              QStringList{u"ann@office.test"_s, u"cat@office.test"_s, u"ben@office.test"_s});
        CHECK(moved.size() == 1);
        CHECK(inserted.isEmpty());
        CHECK(model.index(0).data(ConversationListModel::LastMessageRole) == u"news"_s);
        CHECK(model.index(0).data(ConversationListModel::UnreadCountRole) == 2);
        REQUIRE(unread.size() == 1);
        CHECK(unread.first().first() == 4);
    }
    SECTION("a middle row moves up one place")
    {
        history.add(u"ben@office.test"_s, u"reply"_s, 2500, MessageDirection::Outgoing);
        model.updateConversation(u"ben@office.test"_s);
        CHECK(peers(model) ==
              QStringList{u"ben@office.test"_s, u"cat@office.test"_s, u"ann@office.test"_s});
        CHECK(model.index(0).data(ConversationListModel::LastMessageOutgoingRole) == true);
        CHECK(unread.isEmpty());
    }
    SECTION("a delayed message older than the others leaves the row in place")
    {
        history.add(u"cat@office.test"_s, u"late"_s, 1500);
        model.updateConversation(u"cat@office.test"_s);
        CHECK(peers(model) ==
              QStringList{u"cat@office.test"_s, u"ben@office.test"_s, u"ann@office.test"_s});
        CHECK(moved.isEmpty());
        CHECK(changed.size() == 1);
        // The preview stays the newest message.
        CHECK(model.index(0).data(ConversationListModel::LastMessageRole) == u"c"_s);
        CHECK(model.index(0).data(ConversationListModel::UnreadCountRole) == 2);
    }
    SECTION("a new conversation is inserted at its place")
    {
        history.add(u"dan@office.test"_s, u"hello"_s, 1500);
        model.updateConversation(u"dan@office.test"_s);
        CHECK(peers(model) == QStringList{u"cat@office.test"_s, u"dan@office.test"_s,
                                          u"ben@office.test"_s, u"ann@office.test"_s});
        REQUIRE(inserted.size() == 1);
        CHECK(inserted.first().at(1) == 1);
        CHECK(model.totalUnreadCount() == 4);
    }
    SECTION("reading a conversation clears its count")
    {
        history.store.markRead(u"ben@office.test"_s);
        model.updateConversation(u"ben@office.test"_s);
        CHECK(model.index(1).data(ConversationListModel::UnreadCountRole) == 0);
        CHECK(model.totalUnreadCount() == 2);
        CHECK(moved.isEmpty());
        CHECK(changed.size() == 1);
    }
    SECTION("an unknown peer without messages changes nothing")
    {
        model.updateConversation(u"nobody@office.test"_s);
        CHECK(model.rowCount() == 3);
        CHECK(inserted.isEmpty());
    }
}

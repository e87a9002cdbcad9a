// A conversation's messages paged in from history: the newest page first, older pages on
// demand, new messages placed by time without breaking the loaded window.
#include "client/HistoryStore.h"
#include "client/MessageListModel.h"

#include <catch2/catch.hpp>

#include <QTemporaryDir>

using namespace flint;
using namespace Qt::StringLiterals;

namespace {

const QDateTime kStart = QDateTime::fromMSecsSinceEpoch(1'790'000'000'000, Qt::UTC);
const QString kPeer = u"ann@office.test"_s;

struct OpenHistory {
    QTemporaryDir dir;
    HistoryStore store;
    OpenHistory()
    {
        REQUIRE(store.open(dir.filePath(u"history.db"_s)) == HistoryStore::Error::None);
    }
    void add(int count)
    {
        for (int i = 0; i < count; ++i) {
            HistoryMessage message;
            message.peer = kPeer;
            message.body = QString::number(i);
            message.sender = kPeer + u"/desk"_s;
            message.timestamp = kStart.addSecs(i);
            REQUIRE(store.addMessage(message).has_value());
        }
    }
};

QStringList bodies(const MessageListModel &model)
{
    QStringList list;
    for (int row = 0; row < model.rowCount(); ++row)
        list << model.index(row).data().toString();
    return list;
}

QStringList range(int from, int to)
{
    QStringList list;
    for (int i = from; i < to; ++i)
        list << QString::number(i);
    return list;
}

} // namespace

TEST_CASE("Messages load newest page first, older pages on demand", "[unit][conversations]")
{
    OpenHistory history;
    history.add(25);
    MessageListModel model(history.store, kPeer, 10);
    CHECK(bodies(model) == range(15, 25));
    REQUIRE(model.canFetchMore());
    model.fetchMore();
    CHECK(bodies(model) == range(5, 25));
    REQUIRE(model.canFetchMore());
    model.fetchMore();
    CHECK(bodies(model) == range(0, 25));
    CHECK_FALSE(model.canFetchMore());
    CHECK(model.index(0).data(MessageListModel::OutgoingRole) == false);
    CHECK(model.index(0).data(MessageListModel::TimestampRole) == kStart);
    CHECK(model.roleNames().value(MessageListModel::DeliveryRole) == "delivery");
}

TEST_CASE("A short history fits one page", "[unit][conversations]")
{
    OpenHistory history;
    history.add(3);
    MessageListModel model(history.store, kPeer, 10);
    CHECK(bodies(model) == range(0, 3));
    CHECK_FALSE(model.canFetchMore());
    MessageListModel empty(history.store, u"nobody@office.test"_s, 10);
    CHECK(empty.rowCount() == 0);
    CHECK_FALSE(empty.canFetchMore());
}

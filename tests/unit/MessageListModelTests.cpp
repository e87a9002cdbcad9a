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

TEST_CASE("Every model of a conversation follows delivery states and downloaded files",
          "[unit][conversations]")
{
    OpenHistory history;
    HistoryMessage sent{.peer = kPeer,
                        .stanzaId = u"out-1"_s,
                        .direction = MessageDirection::Outgoing,
                        .sender = u"me@office.test/desk"_s,
                        .body = u"report.pdf"_s,
                        .timestamp = kStart,
                        .delivery = DeliveryState::Sending,
                        .attachment = FileAttachment{.url = u"https://upload.office.test/1"_s,
                                                     .name = u"report.pdf"_s,
                                                     .size = 1024}};
    const std::optional<qint64> id = history.store.addMessage(sent);
    REQUIRE(id);
    const QString other = u"bob@office.test"_s;
    sent.peer = other;
    REQUIRE(history.store.addMessage(sent));

    // The conversation's own model and, say, the History window's.
    MessageListModel chat(history.store, kPeer, 10);
    MessageListModel browsed(history.store, kPeer, 10);
    MessageListModel elsewhere(history.store, other, 10);
    const auto delivery = [](const MessageListModel &model) {
        return DeliveryState(model.index(0).data(MessageListModel::DeliveryRole).toInt());
    };
    REQUIRE(history.store.setDeliveryState(kPeer, u"out-1"_s, DeliveryState::Sent));
    CHECK(delivery(chat) == DeliveryState::Sent);
    CHECK(delivery(browsed) == DeliveryState::Sent);
    CHECK(delivery(elsewhere) == DeliveryState::Sending);
    // A refused change (backwards) changes no model either.
    CHECK_FALSE(history.store.setDeliveryState(kPeer, u"out-1"_s, DeliveryState::Sending));
    CHECK(delivery(browsed) == DeliveryState::Sent);

    REQUIRE(history.store.setAttachmentLocalPath(*id, u"/home/me/Downloads/report.pdf"_s));
    for (const MessageListModel *model : {&chat, &browsed}) {
        const auto attachment =
            model->index(0).data(MessageListModel::AttachmentRole).value<FileAttachment>();
        CHECK(attachment.localPath == u"/home/me/Downloads/report.pdf"_s);
    }
    CHECK(elsewhere.index(0)
              .data(MessageListModel::AttachmentRole)
              .value<FileAttachment>()
              .localPath.isEmpty());
}

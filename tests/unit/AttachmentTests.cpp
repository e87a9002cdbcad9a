// Files attached to messages: stored with the message in the local history (migration 2, also
// for a history written before it), shown by MessageListModel, and the file links (XEP-0066 URL,
// XEP-0447/0446 metadata) that carry them, as Flint writes them and as other clients send them.
#include "client/FileLinks.h"
#include "client/HistorySchema.h"
#include "client/HistoryStore.h"
#include "client/MessageListModel.h"
#include "common/Database.h"

#include <catch2/catch.hpp>

#include <QCryptographicHash>
#include <QDomDocument>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QXmlStreamWriter>
#include <QXmppMessage.h>

using namespace flint;
using namespace Qt::StringLiterals;

namespace {

const QString kPeer = u"ann@office.test"_s;
const QDateTime kStart = QDateTime::fromMSecsSinceEpoch(1'790'000'000'000, Qt::UTC);

FileAttachment report()
{
    return {.url = u"https://upload.office.test:5281/upload/0f3a/report%201.pdf"_s,
            .name = u"report 1.pdf"_s,
            .size = 48'213,
            .sha256 = QCryptographicHash::hash("report", QCryptographicHash::Sha256),
            .localPath = {},
            .mediaType = u"application/pdf"_s};
}

HistoryMessage message(const QString &body, int second,
                       std::optional<FileAttachment> attachment = std::nullopt)
{
    return {.peer = kPeer,
            .stanzaId = u"id-%1"_s.arg(second),
            .direction = MessageDirection::Incoming,
            .sender = kPeer + u"/desk"_s,
            .body = body,
            .timestamp = kStart.addSecs(second),
            .attachment = std::move(attachment)};
}

// What a receiving client parses: the message written to XML and read back.
QXmppMessage overTheWire(const QXmppMessage &message)
{
    QByteArray xml;
    QXmlStreamWriter writer(&xml);
    message.toXml(&writer);
    QDomDocument document;
    REQUIRE(document.setContent(xml, true));
    QXmppMessage parsed;
    parsed.parse(document.documentElement());
    return parsed;
}

QXmppMessage fromXml(const QString &xml)
{
    QDomDocument document;
    REQUIRE(document.setContent(xml, true));
    QXmppMessage parsed;
    parsed.parse(document.documentElement());
    return parsed;
}

} // namespace

TEST_CASE("attachments: stored with their message, loaded with it, the local path set later",
          "[history][attachments]")
{
    QTemporaryDir dir;
    HistoryStore store;
    REQUIRE(store.open(dir.filePath(u"history.db"_s)) == HistoryStore::Error::None);

    const auto plain = store.addMessage(message(u"hello"_s, 0));
    const auto linked = store.addMessage(message(report().url, 1, report()));
    const FileAttachment received{
        .name = u"photo.jpg"_s, .size = 1024, .localPath = dir.filePath(u"photo.jpg"_s)};
    const auto bytestream = store.addMessage(message(u"photo.jpg"_s, 2, received));
    REQUIRE(plain);
    REQUIRE(linked);
    REQUIRE(bytestream);

    QList<HistoryMessage> page = store.messages(kPeer, std::nullopt, 10);
    REQUIRE(page.size() == 3);
    CHECK(page[2].id == *plain);
    CHECK_FALSE(page[2].attachment.has_value());
    REQUIRE(page[1].attachment.has_value());
    CHECK(*page[1].attachment == report());
    REQUIRE(page[0].attachment.has_value());
    CHECK(*page[0].attachment == received);
    CHECK(page[0].attachment->url.isEmpty());
    CHECK(page[0].attachment->sha256.isEmpty());

    // The same stanza again does not attach a second file.
    bool inserted = true;
    CHECK(store.addMessage(message(report().url, 1, report()), &inserted) == linked);
    CHECK_FALSE(inserted);

    const QString downloaded = dir.filePath(u"report 1.pdf"_s);
    CHECK(store.setAttachmentLocalPath(*linked, downloaded));
    CHECK_FALSE(store.setAttachmentLocalPath(*plain, downloaded));
    page = store.messages(kPeer, std::nullopt, 10);
    CHECK(page[1].attachment->localPath == downloaded);
    // Found by the name a bytestream file is recorded under.
    CHECK(store.search(u"photo"_s, 10).size() == 1);

    // Deleting a message deletes its attachment.
    Database database;
    QString error;
    REQUIRE(database.open({.sqlitePath = dir.filePath(u"history.db"_s)}, &error));
    QSqlQuery remove = database.prepare(u"DELETE FROM messages WHERE id = ?"_s);
    remove.addBindValue(*linked);
    REQUIRE(Database::exec(remove));
    QSqlQuery count = database.prepare(u"SELECT COUNT(*) FROM attachments"_s);
    REQUIRE(Database::exec(count));
    REQUIRE(count.next());
    CHECK(count.value(0).toInt() == 1);
}

TEST_CASE("attachments: a history from before attachments is upgraded and keeps its messages",
          "[history][attachments]")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"history.db"_s);
    {
        Database database;
        QString error;
        REQUIRE(database.open({.sqlitePath = path}, &error));
        REQUIRE(database.migrate({historyMigrations(true).first()}, &error));
        REQUIRE(database.schemaVersion() == 1);
        QSqlQuery conversation = database.prepare(
            u"INSERT INTO conversations (peer, kind) VALUES ('ann@office.test', 0)"_s);
        REQUIRE(Database::exec(conversation));
        QSqlQuery insert = database.prepare(
            u"INSERT INTO messages (conversation_id, stanza_id, direction, sender, body,"
            " timestamp, delivery) VALUES (1, 'old', 0, 'ann@office.test/desk', 'before', ?, 2)"_s);
        insert.addBindValue(kStart.toMSecsSinceEpoch());
        REQUIRE(Database::exec(insert));
    }
    HistoryStore store;
    REQUIRE(store.open(path) == HistoryStore::Error::None);
    CHECK(store.integrityCheck());
    const auto id = store.addMessage(message(report().url, 5, report()));
    REQUIRE(id);
    const QList<HistoryMessage> page = store.messages(kPeer, std::nullopt, 10);
    REQUIRE(page.size() == 2);
    CHECK(page[1].body == u"before"_s);
    CHECK_FALSE(page[1].attachment.has_value());
    CHECK(page[0].attachment == report());
}

TEST_CASE("attachments: the message list shows a message's file", "[attachments][conversations]")
{
    QTemporaryDir dir;
    HistoryStore store;
    REQUIRE(store.open(dir.filePath(u"history.db"_s)) == HistoryStore::Error::None);
    REQUIRE(store.addMessage(message(u"hello"_s, 0)));
    REQUIRE(store.addMessage(message(report().url, 1, report())));
    MessageListModel model(store, kPeer);
    REQUIRE(model.rowCount() == 2);
    CHECK(model.index(0).data(MessageListModel::AttachmentRole).isNull());
    const QVariant file = model.index(1).data(MessageListModel::AttachmentRole);
    REQUIRE(file.canConvert<FileAttachment>());
    CHECK(file.value<FileAttachment>() == report());
    CHECK(model.roleNames().value(MessageListModel::AttachmentRole) == "attachment");
}

TEST_CASE("file links: what Flint sends is read back whole", "[attachments][links]")
{
    QXmppMessage outgoing(QString(), kPeer);
    addFileLink(outgoing, report());
    CHECK(outgoing.body() == report().url);
    CHECK(outgoing.outOfBandUrl() == report().url);

    const QXmppMessage incoming = overTheWire(outgoing);
    CHECK(incoming.body() == report().url);
    const std::optional<FileAttachment> parsed = parseFileLink(incoming);
    REQUIRE(parsed.has_value());
    CHECK(*parsed == report());

    // Unknown size, type and hash stay unknown.
    QXmppMessage bare(QString(), kPeer);
    addFileLink(bare, {.url = u"https://files.example.net/a/notes.txt"_s, .name = u"notes.txt"_s});
    const auto minimal = parseFileLink(overTheWire(bare));
    REQUIRE(minimal.has_value());
    CHECK(minimal->name == u"notes.txt"_s);
    CHECK(minimal->size == -1);
    CHECK(minimal->sha256.isEmpty());
    CHECK(minimal->mediaType.isEmpty());
}

TEST_CASE("file links: other clients' links, and what is not a file", "[attachments][links]")
{
    // Conversations, Gajim, Dino: the URL in the body and in XEP-0066 only.
    const auto oob = parseFileLink(
        fromXml(u"<message xmlns='jabber:client' from='bob@example.net/phone' type='chat'>"
                "<body>https://share.example.net/x7/IMG_0042.jpg</body>"
                "<x xmlns='jabber:x:oob'><url>https://share.example.net/x7/IMG_0042.jpg</url></x>"
                "</message>"_s));
    REQUIRE(oob.has_value());
    CHECK(oob->url == u"https://share.example.net/x7/IMG_0042.jpg"_s);
    CHECK(oob->name == u"IMG_0042.jpg"_s);
    CHECK(oob->size == -1);
    CHECK(oob->mediaType == u"image/jpeg"_s);

    // A name with directories in it is only a name.
    const auto sneaky = parseFileLink(fromXml(
        u"<message xmlns='jabber:client' type='chat'><body>https://h.example/f</body>"
        "<file-sharing xmlns='urn:xmpp:sfs:0' disposition='attachment'>"
        "<file xmlns='urn:xmpp:file:metadata:0'><name>../../.bashrc</name><size>12</size></file>"
        "<sources><url-data xmlns='http://jabber.org/protocol/url-data' "
        "target='https://h.example/f'/>"
        "</sources></file-sharing></message>"_s));
    REQUIRE(sneaky.has_value());
    CHECK(sneaky->name == u".bashrc"_s);
    CHECK(sneaky->size == 12);

    CHECK_FALSE(parseFileLink(fromXml(
        u"<message xmlns='jabber:client' type='chat'><body>see https://example.net</body></message>"_s)));
    CHECK_FALSE(parseFileLink(
        fromXml(u"<message xmlns='jabber:client' type='chat'><body>x</body>"
                "<x xmlns='jabber:x:oob'><url>javascript:alert(1)</url></x></message>"_s)));
    CHECK_FALSE(parseFileLink(
        fromXml(u"<message xmlns='jabber:client' type='chat'><body>x</body>"
                "<x xmlns='jabber:x:oob'><url>file:///etc/passwd</url></x></message>"_s)));
}

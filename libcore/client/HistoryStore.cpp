#include "HistoryStore.h"

#include "HistorySchema.h"
#include "common/Logging.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QSqlError>
#include <QVersionNumber>

#include <algorithm>

using namespace Qt::StringLiterals;

// Crash safety. Every addMessage() is its own committed transaction. In WAL mode with
// synchronous=NORMAL (set by Database::open) a commit returns once its pages are appended to the
// -wal file with write(); fsync happens only at checkpoints. Killing the app (crash, SIGKILL, task
// manager) therefore loses nothing committed: the data sits in the OS page cache and the next open
// replays the WAL. A power loss or OS crash may drop the last few commits, never corrupt the file.
// Full synchronous mode would pay one fsync per message for that, which chat history does not need.

namespace flint {

namespace {

constexpr int kSnippetLead = 30;    // characters kept before the first match
constexpr int kSnippetLength = 120; // characters in a snippet, markers not counted
const QVersionNumber kTrigramVersion(3, 34, 0);

QDateTime fromMsecs(qint64 msecs)
{
    return QDateTime::fromMSecsSinceEpoch(msecs, Qt::UTC);
}

QString likePattern(const QString &term)
{
    QString escaped = term;
    escaped.replace(u'\\', u"\\\\"_s).replace(u'%', u"\\%"_s).replace(u'_', u"\\_"_s);
    return u'%' + escaped + u'%';
}

QString ftsString(const QString &term)
{
    return u'"' + QString(term).replace(u'"', u"\"\""_s) + u'"';
}

// Marks every occurrence of the terms in a window around the first one, the way the index
// matched them: case-insensitive substrings.
QString makeSnippet(const QString &body, const QStringList &terms)
{
    QList<std::pair<qsizetype, qsizetype>> ranges; // [start, end)
    for (const QString &term : terms) {
        for (qsizetype at = body.indexOf(term, 0, Qt::CaseInsensitive); at >= 0;
             at = body.indexOf(term, at + term.size(), Qt::CaseInsensitive))
            ranges.append({at, at + term.size()});
    }
    std::sort(ranges.begin(), ranges.end());
    QList<std::pair<qsizetype, qsizetype>> merged;
    for (const auto &range : std::as_const(ranges)) {
        if (!merged.isEmpty() && range.first <= merged.last().second)
            merged.last().second = std::max(merged.last().second, range.second);
        else
            merged.append(range);
    }
    qsizetype start =
        merged.isEmpty() ? 0 : std::max<qsizetype>(0, merged.first().first - kSnippetLead);
    qsizetype end = std::min(body.size(), start + kSnippetLength);
    start = std::max<qsizetype>(0, std::min(start, end - kSnippetLength));
    if (start > 0 && body.at(start).isLowSurrogate())
        ++start;
    if (end < body.size() && body.at(end).isLowSurrogate())
        ++end;

    QString snippet;
    if (start > 0)
        snippet += u'…';
    qsizetype at = start;
    for (const auto &[from, to] : std::as_const(merged)) {
        if (to <= start || from >= end)
            continue;
        const qsizetype clippedFrom = std::max(from, start);
        const qsizetype clippedTo = std::min(to, end);
        snippet += QStringView(body).mid(at, clippedFrom - at);
        snippet += SearchHit::highlightStart;
        snippet += QStringView(body).mid(clippedFrom, clippedTo - clippedFrom);
        snippet += SearchHit::highlightEnd;
        at = clippedTo;
    }
    snippet += QStringView(body).mid(at, end - at);
    if (end < body.size())
        snippet += u'…';
    return snippet;
}

} // namespace

// Statements prepared once per connection: bulk imports of a million messages spend their time
// in SQLite, not in re-parsing SQL.
struct HistoryStore::Statements {
    explicit Statements(const Database &db)
        : findConversation(db.prepare(u"SELECT id FROM conversations WHERE peer = ?"_s)),
          createConversation(db.prepare(u"INSERT INTO conversations (peer, kind) VALUES (?, ?)"_s)),
          insertMessage(db.prepare(
              u"INSERT INTO messages (conversation_id, stanza_id, direction, sender, body,"
              " timestamp, delivery, flags) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
              " ON CONFLICT (conversation_id, stanza_id) DO NOTHING"_s)),
          findMessage(
              db.prepare(u"SELECT id FROM messages WHERE conversation_id = ? AND stanza_id = ?"_s)),
          touchConversation(
              db.prepare(u"UPDATE conversations SET last_activity = MAX(last_activity, ?),"
                         " unread = unread + ? WHERE id = ?"_s)),
          insertAttachment(db.prepare(
              u"INSERT INTO attachments (message_id, url, name, size, sha256, media_type,"
              " local_path) VALUES (?, ?, ?, ?, ?, ?, ?)"_s))
    {
        for (QSqlQuery *query : {&findConversation, &findMessage})
            query->setForwardOnly(true);
    }

    QSqlQuery findConversation;
    QSqlQuery createConversation;
    QSqlQuery insertMessage;
    QSqlQuery findMessage;
    QSqlQuery touchConversation;
    QSqlQuery insertAttachment;
};

HistoryStore::HistoryStore() = default;

HistoryStore::~HistoryStore() = default;

HistoryStore::Error HistoryStore::open(const QString &path)
{
    m_statements.reset();
    m_database.close();
    m_open = false;
    QString error;
    if (!m_database.open({.sqlitePath = path}, &error)) {
        qCWarning(lcClientHistory) << "cannot open" << path << error;
        return Error::CannotOpen;
    }
    QSqlQuery query(m_database.connection());
    if (!query.exec(u"SELECT sqlite_version()"_s) || !query.next()) {
        qCWarning(lcClientHistory) << "cannot read the SQLite version" << query.lastError().text();
        return Error::CannotOpen;
    }
    const auto version = QVersionNumber::fromString(query.value(0).toString());
    const QList<Migration> migrations = historyMigrations(version >= kTrigramVersion);
    if (m_database.schemaVersion() > migrations.last().version) {
        qCWarning(lcClientHistory)
            << path << "has schema version" << m_database.schemaVersion() << "from a newer Flint";
        return Error::SchemaTooNew;
    }
    if (!m_database.migrate(migrations, &error)) {
        qCWarning(lcClientHistory) << "cannot migrate" << path << error;
        return Error::MigrationFailed;
    }
    // The tokenizer was chosen when the file was created, possibly by another SQLite.
    if (!query.exec(u"SELECT sql FROM sqlite_master WHERE name = 'messages_fts'"_s) ||
        !query.next()) {
        qCWarning(lcClientHistory) << "the full-text index is missing in" << path;
        return Error::MigrationFailed;
    }
    m_trigram = query.value(0).toString().contains(u"trigram"_s);
    query.finish();
    m_statements = std::make_unique<Statements>(m_database);
    m_open = true;
    qCDebug(lcClientHistory) << "history open" << path << "SQLite" << version
                             << (m_trigram ? "trigram search" : "word-prefix search");
    return Error::None;
}

QString HistoryStore::errorText(Error error)
{
    switch (error) {
    case Error::None:
        return {};
    case Error::CannotOpen:
        return QCoreApplication::translate("HistoryStore",
                                           "The message history file could not be opened.");
    case Error::SchemaTooNew:
        return QCoreApplication::translate(
            "HistoryStore", "The message history was written by a newer version of Flint.");
    case Error::MigrationFailed:
        return QCoreApplication::translate("HistoryStore",
                                           "The message history could not be upgraded.");
    }
    return {};
}

std::optional<qint64> HistoryStore::insert(const HistoryMessage &message, bool *inserted)
{
    if (!m_statements)
        return std::nullopt;
    Statements &s = *m_statements;
    s.findConversation.addBindValue(message.peer);
    if (!Database::exec(s.findConversation))
        return std::nullopt;
    qint64 conversationId = 0;
    if (s.findConversation.next()) {
        conversationId = s.findConversation.value(0).toLongLong();
    } else {
        s.createConversation.addBindValue(message.peer);
        s.createConversation.addBindValue(int(message.kind));
        if (!Database::exec(s.createConversation))
            return std::nullopt;
        conversationId = s.createConversation.lastInsertId().toLongLong();
    }
    s.findConversation.finish();

    const QVariant stanzaId = message.stanzaId.isEmpty() ? QVariant() : message.stanzaId;
    const qint64 timestamp = message.timestamp.isValid() ? message.timestamp.toMSecsSinceEpoch()
                                                         : QDateTime::currentMSecsSinceEpoch();
    for (const QVariant &value :
         {QVariant(conversationId), stanzaId, QVariant(int(message.direction)),
          QVariant(message.sender), QVariant(message.body), QVariant(timestamp),
          QVariant(int(message.delivery)), QVariant(message.flags)})
        s.insertMessage.addBindValue(value);
    if (!Database::exec(s.insertMessage))
        return std::nullopt;
    if (s.insertMessage.numRowsAffected() == 0) {
        s.findMessage.addBindValue(conversationId);
        s.findMessage.addBindValue(stanzaId);
        if (!Database::exec(s.findMessage) || !s.findMessage.next())
            return std::nullopt;
        const qint64 existing = s.findMessage.value(0).toLongLong();
        s.findMessage.finish();
        if (inserted)
            *inserted = false;
        return existing;
    }
    const qint64 id = s.insertMessage.lastInsertId().toLongLong();
    if (const std::optional<FileAttachment> &file = message.attachment) {
        // A null QString would be bound as SQL NULL.
        const auto text = [](const QString &value) {
            return QVariant(value.isNull() ? u""_s : value);
        };
        for (const QVariant &value :
             {QVariant(id), text(file->url), text(file->name), QVariant(file->size),
              text(QString::fromLatin1(file->sha256.toHex())), text(file->mediaType),
              text(file->localPath)})
            s.insertAttachment.addBindValue(value);
        if (!Database::exec(s.insertAttachment))
            return std::nullopt;
    }

    s.touchConversation.addBindValue(timestamp);
    s.touchConversation.addBindValue(message.direction == MessageDirection::Incoming ? 1 : 0);
    s.touchConversation.addBindValue(conversationId);
    if (!Database::exec(s.touchConversation))
        return std::nullopt;
    if (inserted)
        *inserted = true;
    return id;
}

std::optional<qint64> HistoryStore::addMessage(const HistoryMessage &message, bool *inserted)
{
    Database::Transaction transaction(m_database);
    const auto id = insert(message, inserted);
    if (!id || !transaction.commit())
        return std::nullopt;
    return id;
}

std::optional<QList<qint64>> HistoryStore::addMessages(const QList<HistoryMessage> &messages)
{
    Database::Transaction transaction(m_database);
    QList<qint64> ids;
    ids.reserve(messages.size());
    for (const HistoryMessage &message : messages) {
        const auto id = insert(message, nullptr);
        if (!id)
            return std::nullopt;
        ids.append(*id);
    }
    if (!transaction.commit())
        return std::nullopt;
    return ids;
}

namespace {

// The delivery states a message may move to `state` from. Delivered is final; Failed only goes
// back to Sending (a retry), so a server acknowledgement that arrives after the recipient's
// receipt or error reply (stream management) changes nothing.
QList<DeliveryState> deliveryPredecessors(DeliveryState state)
{
    switch (state) {
    case DeliveryState::Sending:
        return {DeliveryState::Failed};
    case DeliveryState::Sent:
        return {DeliveryState::Sending};
    case DeliveryState::Delivered:
    case DeliveryState::Failed:
        return {DeliveryState::Sending, DeliveryState::Sent};
    }
    return {};
}

} // namespace

bool HistoryStore::setDeliveryState(const QString &peer, const QString &stanzaId,
                                    DeliveryState state)
{
    const QList<DeliveryState> from = deliveryPredecessors(state);
    // Scoped to the peer: a receipt from one contact can never mark a message to another.
    QSqlQuery query = m_database.prepare(
        u"UPDATE messages SET delivery = ? WHERE conversation_id ="
        " (SELECT id FROM conversations WHERE peer = ?) AND stanza_id = ? AND direction = ?"
        " AND delivery IN (%1)"_s.arg(QStringList(from.size(), u"?"_s).join(u", "_s)));
    query.addBindValue(int(state));
    query.addBindValue(peer);
    query.addBindValue(stanzaId);
    query.addBindValue(int(MessageDirection::Outgoing));
    for (const DeliveryState predecessor : from)
        query.addBindValue(int(predecessor));
    if (!Database::exec(query) || query.numRowsAffected() == 0)
        return false;
    Q_EMIT deliveryStateChanged(peer, stanzaId, state);
    return true;
}

QList<HistoryMessage> HistoryStore::messages(const QString &peer, std::optional<qint64> beforeId,
                                             int limit) const
{
    // Keyset paging on the (conversation_id, timestamp, id) index: the cost of a page does not
    // depend on how deep it is.
    QString sql = u"SELECT m.id, m.stanza_id, m.direction, m.sender, m.body, m.timestamp,"
                  " m.delivery, m.flags, c.kind, a.message_id, a.url, a.name, a.size, a.sha256,"
                  " a.media_type, a.local_path FROM conversations c JOIN messages m"
                  " ON m.conversation_id = c.id LEFT JOIN attachments a ON a.message_id = m.id"
                  " WHERE c.peer = ?"_s;
    if (beforeId)
        sql += u" AND (m.timestamp, m.id) < (SELECT timestamp, id FROM messages WHERE id = ?)"_s;
    sql += u" ORDER BY m.timestamp DESC, m.id DESC LIMIT ?"_s;
    QSqlQuery query = m_database.prepare(sql);
    query.setForwardOnly(true);
    query.addBindValue(peer);
    if (beforeId)
        query.addBindValue(*beforeId);
    query.addBindValue(limit);
    QList<HistoryMessage> page;
    if (!Database::exec(query))
        return page;
    while (query.next()) {
        HistoryMessage message;
        message.id = query.value(0).toLongLong();
        message.peer = peer;
        message.stanzaId = query.value(1).toString();
        message.direction = MessageDirection(query.value(2).toInt());
        message.sender = query.value(3).toString();
        message.body = query.value(4).toString();
        message.timestamp = fromMsecs(query.value(5).toLongLong());
        message.delivery = DeliveryState(query.value(6).toInt());
        message.flags = query.value(7).toInt();
        message.kind = ConversationKind(query.value(8).toInt());
        if (!query.isNull(9))
            message.attachment =
                FileAttachment{.url = query.value(10).toString(),
                               .name = query.value(11).toString(),
                               .size = query.value(12).toLongLong(),
                               .sha256 = QByteArray::fromHex(query.value(13).toString().toLatin1()),
                               .localPath = query.value(15).toString(),
                               .mediaType = query.value(14).toString()};
        page.append(message);
    }
    return page;
}

bool HistoryStore::setAttachmentLocalPath(qint64 messageId, const QString &path)
{
    QSqlQuery query =
        m_database.prepare(u"UPDATE attachments SET local_path = ? WHERE message_id = ?"_s);
    query.addBindValue(path);
    query.addBindValue(messageId);
    if (!Database::exec(query) || query.numRowsAffected() == 0)
        return false;
    Q_EMIT attachmentLocalPathChanged(messageId, path);
    return true;
}

QList<SearchHit> HistoryStore::search(const QString &text, int limit) const
{
    const QStringList terms = text.split(QRegularExpression(u"\\s+"_s), Qt::SkipEmptyParts);
    QList<SearchHit> hits;
    if (terms.isEmpty() || limit <= 0)
        return hits;
    // Trigrams cannot find a term shorter than three characters (common in Chinese: 世界);
    // such terms filter the index's hits, or, when no term is long enough, a newest-first scan
    // of the bodies, which stops as soon as `limit` messages matched.
    QStringList indexed;
    QStringList scanned;
    for (const QString &term : terms) {
        if (!m_trigram)
            indexed << ftsString(term) + u'*';
        else if (term.toUcs4().size() >= 3)
            indexed << ftsString(term);
        else
            scanned << term;
    }
    QString sql = u"SELECT m.id, c.peer, m.body, m.timestamp, m.sender FROM "_s;
    if (!indexed.isEmpty())
        sql += u"messages_fts JOIN messages m ON m.id = messages_fts.rowid"
               " JOIN conversations c ON c.id = m.conversation_id WHERE messages_fts MATCH ?"_s;
    else
        sql += u"messages m JOIN conversations c ON c.id = m.conversation_id WHERE 1"_s;
    for (qsizetype i = 0; i < scanned.size(); ++i)
        sql += u" AND m.body LIKE ? ESCAPE '\\'"_s;
    sql += indexed.isEmpty() ? u" ORDER BY m.id DESC LIMIT ?"_s
                             : u" ORDER BY messages_fts.rowid DESC LIMIT ?"_s;
    QSqlQuery query = m_database.prepare(sql);
    query.setForwardOnly(true);
    if (!indexed.isEmpty())
        query.addBindValue(indexed.join(u' '));
    for (const QString &term : std::as_const(scanned))
        query.addBindValue(likePattern(term));
    query.addBindValue(limit);
    if (!Database::exec(query))
        return hits;
    while (query.next()) {
        hits.append({.messageId = query.value(0).toLongLong(),
                     .peer = query.value(1).toString(),
                     .sender = query.value(4).toString(),
                     .snippet = makeSnippet(query.value(2).toString(), terms),
                     .timestamp = fromMsecs(query.value(3).toLongLong())});
    }
    return hits;
}

QList<HistoryConversation> HistoryStore::conversations() const
{
    QSqlQuery query = m_database.prepare(u"SELECT peer, kind, last_activity, unread"
                                         " FROM conversations ORDER BY last_activity DESC, id"_s);
    query.setForwardOnly(true);
    QList<HistoryConversation> list;
    if (!Database::exec(query))
        return list;
    while (query.next()) {
        list.append({.peer = query.value(0).toString(),
                     .kind = ConversationKind(query.value(1).toInt()),
                     .lastActivity = fromMsecs(query.value(2).toLongLong()),
                     .unreadCount = query.value(3).toInt()});
    }
    return list;
}

void HistoryStore::markRead(const QString &peer)
{
    QSqlQuery query = m_database.prepare(u"UPDATE conversations SET unread = 0 WHERE peer = ?"_s);
    query.addBindValue(peer);
    Database::exec(query);
}

int HistoryStore::unreadCount(const QString &peer) const
{
    QSqlQuery query = m_database.prepare(u"SELECT unread FROM conversations WHERE peer = ?"_s);
    query.setForwardOnly(true);
    query.addBindValue(peer);
    return Database::exec(query) && query.next() ? query.value(0).toInt() : 0;
}

bool HistoryStore::integrityCheck() const
{
    QSqlQuery query(m_database.connection());
    if (!query.exec(u"PRAGMA integrity_check"_s) || !query.next() ||
        query.value(0).toString() != u"ok"_s) {
        qCWarning(lcClientHistory)
            << "integrity check failed:"
            << (query.isValid() ? query.value(0).toString() : query.lastError().text());
        return false;
    }
    query.finish();
    // For an external-content table this also compares the index with the messages' bodies.
    if (!query.exec(u"INSERT INTO messages_fts (messages_fts) VALUES ('integrity-check')"_s)) {
        qCWarning(lcClientHistory) << "full-text index check failed:" << query.lastError().text();
        return false;
    }
    return true;
}

} // namespace flint

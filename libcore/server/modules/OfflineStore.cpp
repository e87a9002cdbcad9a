#include "OfflineStore.h"

#include "common/Database.h"

#include <QDateTime>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace flint {

OfflineStore::OfflineStore(Database &database) : m_database(database) {}

OfflineStore::Result OfflineStore::add(const QString &username, const QByteArray &stanza, int quota)
{
    Database::Transaction transaction(m_database);
    QSqlQuery count =
        m_database.prepare(u"SELECT COUNT(*) FROM offline_messages WHERE username = ?"_s);
    count.addBindValue(username);
    if (!Database::exec(count) || !count.next())
        return Result::StorageError;
    if (count.value(0).toInt() >= quota)
        return Result::QuotaExceeded;
    QSqlQuery insert = m_database.prepare(
        u"INSERT INTO offline_messages (username, stanza, stored_at) VALUES (?, ?, ?)"_s);
    insert.addBindValue(username);
    insert.addBindValue(QString::fromUtf8(stanza));
    insert.addBindValue(QDateTime::currentSecsSinceEpoch());
    if (!Database::exec(insert) || !transaction.commit())
        return Result::StorageError;
    return Result::Stored;
}

QList<OfflineStore::Message> OfflineStore::messages(const QString &username) const
{
    QSqlQuery query = m_database.prepare(
        u"SELECT id, stanza FROM offline_messages WHERE username = ? ORDER BY id"_s);
    query.addBindValue(username);
    QList<Message> messages;
    if (Database::exec(query)) {
        while (query.next())
            messages.append({query.value(0).toLongLong(), query.value(1).toString().toUtf8()});
    }
    return messages;
}

bool OfflineStore::removeUpTo(const QString &username, qint64 lastId)
{
    QSqlQuery query =
        m_database.prepare(u"DELETE FROM offline_messages WHERE username = ? AND id <= ?"_s);
    query.addBindValue(username);
    query.addBindValue(lastId);
    return Database::exec(query);
}

bool OfflineStore::removeUser(const QString &username)
{
    QSqlQuery query = m_database.prepare(u"DELETE FROM offline_messages WHERE username = ?"_s);
    query.addBindValue(username);
    return Database::exec(query);
}

} // namespace flint

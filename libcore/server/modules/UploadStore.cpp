#include "UploadStore.h"

#include "common/Database.h"

#include <QVariant>

using namespace Qt::StringLiterals;

namespace flint {

UploadStore::UploadStore(Database &database) : m_database(database) {}

UploadStore::Result UploadStore::add(const Slot &slot, qint64 quota)
{
    Database::Transaction transaction(m_database);
    QSqlQuery used =
        m_database.prepare(u"SELECT COALESCE(SUM(size), 0) FROM uploads WHERE owner = ?"_s);
    used.addBindValue(slot.owner);
    if (!Database::exec(used) || !used.next())
        return Result::StorageError;
    if (used.value(0).toLongLong() + slot.size > quota)
        return Result::QuotaExceeded;
    QSqlQuery insert =
        m_database.prepare(u"INSERT INTO uploads (slot, owner, filename, size, content_type,"
                           " created_at, complete) VALUES (?, ?, ?, ?, ?, ?, 0)"_s);
    insert.addBindValue(slot.id);
    insert.addBindValue(slot.owner);
    insert.addBindValue(slot.filename);
    insert.addBindValue(slot.size);
    insert.addBindValue(slot.contentType);
    insert.addBindValue(slot.createdAt);
    if (!Database::exec(insert) || !transaction.commit())
        return Result::StorageError;
    return Result::Added;
}

std::optional<UploadStore::Slot> UploadStore::slot(const QString &id) const
{
    QSqlQuery query = m_database.prepare(u"SELECT owner, filename, size, content_type, created_at,"
                                         " complete FROM uploads WHERE slot = ?"_s);
    query.addBindValue(id);
    if (!Database::exec(query) || !query.next())
        return std::nullopt;
    return Slot{id,
                query.value(0).toString(),
                query.value(1).toString(),
                query.value(2).toLongLong(),
                query.value(3).toString(),
                query.value(4).toLongLong(),
                query.value(5).toInt() != 0};
}

bool UploadStore::setComplete(const QString &id, bool complete)
{
    QSqlQuery query =
        m_database.prepare(u"UPDATE uploads SET complete = ? WHERE slot = ? AND complete = ?"_s);
    query.addBindValue(complete ? 1 : 0);
    query.addBindValue(id);
    query.addBindValue(complete ? 0 : 1);
    return Database::exec(query) && query.numRowsAffected() == 1;
}

bool UploadStore::remove(const QString &id)
{
    QSqlQuery query = m_database.prepare(u"DELETE FROM uploads WHERE slot = ?"_s);
    query.addBindValue(id);
    return Database::exec(query);
}

QStringList UploadStore::expired(qint64 completeBefore, qint64 pendingBefore) const
{
    QSqlQuery query =
        m_database.prepare(u"SELECT slot FROM uploads WHERE (complete = 1 AND created_at < ?)"
                           " OR (complete = 0 AND created_at < ?)"_s);
    query.addBindValue(completeBefore);
    query.addBindValue(pendingBefore);
    QStringList ids;
    if (Database::exec(query)) {
        while (query.next())
            ids << query.value(0).toString();
    }
    return ids;
}

} // namespace flint

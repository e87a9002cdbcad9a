#include "MucStore.h"

#include "common/Database.h"

#include <QDateTime>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace flint {

MucStore::MucStore(Database &database) : m_database(database) {}

QList<MucStore::Room> MucStore::rooms() const
{
    QList<Room> rooms;
    QHash<QString, qsizetype> index;
    QSqlQuery query =
        m_database.prepare(u"SELECT room, config, subject, subject_from FROM muc_rooms"_s);
    if (!Database::exec(query))
        return rooms;
    while (query.next()) {
        index.insert(query.value(0).toString(), rooms.size());
        rooms << Room{query.value(0).toString(),
                      query.value(1).toString(),
                      query.value(2).toString(),
                      query.value(3).toString(),
                      {},
                      {}};
    }
    QSqlQuery affiliations =
        m_database.prepare(u"SELECT room, jid, affiliation FROM muc_affiliations"_s);
    if (Database::exec(affiliations)) {
        while (affiliations.next()) {
            if (const auto it = index.constFind(affiliations.value(0).toString());
                it != index.cend())
                rooms[*it].affiliations.insert(affiliations.value(1).toString(),
                                               affiliations.value(2).toString());
        }
    }
    QSqlQuery history =
        m_database.prepare(u"SELECT room, id, stanza, stamp FROM muc_history ORDER BY id"_s);
    if (Database::exec(history)) {
        while (history.next()) {
            if (const auto it = index.constFind(history.value(0).toString()); it != index.cend())
                rooms[*it].history
                    << HistoryRow{history.value(1).toLongLong(), history.value(2).toString(),
                                  history.value(3).toLongLong()};
        }
    }
    return rooms;
}

bool MucStore::saveRoom(const QString &node, const QString &config, const QString &subject,
                        const QString &subjectFrom)
{
    // Delete and insert: MariaDB reports no affected rows for an UPDATE that changes nothing.
    Database::Transaction transaction(m_database);
    QSqlQuery remove = m_database.prepare(u"DELETE FROM muc_rooms WHERE room = ?"_s);
    remove.addBindValue(node);
    QSqlQuery insert = m_database.prepare(u"INSERT INTO muc_rooms (room, config, subject,"
                                          " subject_from, created_at) VALUES (?, ?, ?, ?, ?)"_s);
    insert.addBindValue(node);
    insert.addBindValue(config);
    // NOT NULL columns: a room without a subject stores "", never a null QString.
    insert.addBindValue(subject.isNull() ? u""_s : subject);
    insert.addBindValue(subjectFrom.isNull() ? u""_s : subjectFrom);
    insert.addBindValue(QDateTime::currentSecsSinceEpoch());
    return Database::exec(remove) && Database::exec(insert) && transaction.commit();
}

bool MucStore::removeRoom(const QString &node)
{
    Database::Transaction transaction(m_database);
    for (const QString &table : {u"muc_rooms"_s, u"muc_affiliations"_s, u"muc_history"_s}) {
        QSqlQuery query = m_database.prepare(u"DELETE FROM %1 WHERE room = ?"_s.arg(table));
        query.addBindValue(node);
        if (!Database::exec(query))
            return false;
    }
    return transaction.commit();
}

bool MucStore::setAffiliation(const QString &node, const QString &jid, const QString &affiliation)
{
    Database::Transaction transaction(m_database);
    QSqlQuery remove =
        m_database.prepare(u"DELETE FROM muc_affiliations WHERE room = ? AND jid = ?"_s);
    remove.addBindValue(node);
    remove.addBindValue(jid);
    if (!Database::exec(remove))
        return false;
    if (affiliation != u"none"_s) {
        QSqlQuery insert = m_database.prepare(
            u"INSERT INTO muc_affiliations (room, jid, affiliation) VALUES (?, ?, ?)"_s);
        insert.addBindValue(node);
        insert.addBindValue(jid);
        insert.addBindValue(affiliation);
        if (!Database::exec(insert))
            return false;
    }
    return transaction.commit();
}

qint64 MucStore::appendHistory(const QString &node, const QString &stanza, qint64 stamp)
{
    QSqlQuery insert =
        m_database.prepare(u"INSERT INTO muc_history (room, stanza, stamp) VALUES (?, ?, ?)"_s);
    insert.addBindValue(node);
    insert.addBindValue(stanza);
    insert.addBindValue(stamp);
    if (!Database::exec(insert))
        return 0;
    return insert.lastInsertId().toLongLong();
}

bool MucStore::removeHistory(qint64 id)
{
    QSqlQuery query = m_database.prepare(u"DELETE FROM muc_history WHERE id = ?"_s);
    query.addBindValue(id);
    return Database::exec(query);
}

bool MucStore::removeUser(const QString &bareJid)
{
    QSqlQuery query = m_database.prepare(u"DELETE FROM muc_affiliations WHERE jid = ?"_s);
    query.addBindValue(bareJid);
    return Database::exec(query);
}

} // namespace flint

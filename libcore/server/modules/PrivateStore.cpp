#include "PrivateStore.h"

#include "common/Database.h"

#include <QVariant>

using namespace Qt::StringLiterals;

namespace flint {

PrivateStore::PrivateStore(Database &database) : m_database(database) {}

std::optional<QByteArray> PrivateStore::load(const QString &username, const QString &ns,
                                             const QString &name) const
{
    QSqlQuery query = m_database.prepare(
        u"SELECT xml FROM private_storage WHERE username = ? AND namespace = ? AND name = ?"_s);
    query.addBindValue(username);
    query.addBindValue(ns);
    query.addBindValue(name);
    if (!Database::exec(query))
        return std::nullopt;
    return query.next() ? query.value(0).toString().toUtf8() : QByteArray();
}

std::optional<qint64> PrivateStore::usage(const QString &username,
                                          const QList<PrivateElement> &except) const
{
    QSqlQuery query = m_database.prepare(
        u"SELECT namespace, name, size FROM private_storage WHERE username = ?"_s);
    query.addBindValue(username);
    if (!Database::exec(query))
        return std::nullopt;
    qint64 total = 0;
    while (query.next()) {
        const QString ns = query.value(0).toString();
        const QString name = query.value(1).toString();
        const bool replaced = std::any_of(except.begin(), except.end(), [&](const auto &e) {
            return e.ns == ns && e.name == name;
        });
        if (!replaced)
            total += query.value(2).toLongLong();
    }
    return total;
}

bool PrivateStore::save(const QString &username, const QList<PrivateElement> &elements)
{
    // Delete and insert rather than an upsert: the two back ends spell upserts differently.
    Database::Transaction transaction(m_database);
    for (const PrivateElement &element : elements) {
        QSqlQuery remove = m_database.prepare(
            u"DELETE FROM private_storage WHERE username = ? AND namespace = ? AND name = ?"_s);
        remove.addBindValue(username);
        remove.addBindValue(element.ns);
        remove.addBindValue(element.name);
        QSqlQuery insert = m_database.prepare(u"INSERT INTO private_storage (username, namespace,"
                                              " name, xml, size) VALUES (?, ?, ?, ?, ?)"_s);
        insert.addBindValue(username);
        insert.addBindValue(element.ns);
        insert.addBindValue(element.name);
        insert.addBindValue(QString::fromUtf8(element.xml));
        insert.addBindValue(qint64(element.xml.size()));
        if (!Database::exec(remove) || !Database::exec(insert))
            return false;
    }
    return transaction.commit();
}

bool PrivateStore::removeUser(const QString &username)
{
    QSqlQuery query = m_database.prepare(u"DELETE FROM private_storage WHERE username = ?"_s);
    query.addBindValue(username);
    return Database::exec(query);
}

} // namespace flint

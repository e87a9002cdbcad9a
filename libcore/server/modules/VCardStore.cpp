#include "VCardStore.h"

#include "common/Database.h"

#include <QDateTime>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace flint {

VCardStore::VCardStore(Database &database) : m_database(database) {}

bool VCardStore::load(const QString &username, QByteArray *xml) const
{
    QSqlQuery query = m_database.prepare(u"SELECT vcard FROM vcards WHERE username = ?"_s);
    query.addBindValue(username);
    if (!Database::exec(query))
        return false;
    *xml = query.next() ? query.value(0).toString().toUtf8() : QByteArray();
    return true;
}

bool VCardStore::save(const QString &username, const QByteArray &xml)
{
    // Delete and insert rather than an upsert: the two back ends spell upserts differently.
    Database::Transaction transaction(m_database);
    QSqlQuery remove = m_database.prepare(u"DELETE FROM vcards WHERE username = ?"_s);
    remove.addBindValue(username);
    QSqlQuery insert =
        m_database.prepare(u"INSERT INTO vcards (username, vcard, updated_at) VALUES (?, ?, ?)"_s);
    insert.addBindValue(username);
    insert.addBindValue(QString::fromUtf8(xml));
    insert.addBindValue(QDateTime::currentSecsSinceEpoch());
    return Database::exec(remove) && Database::exec(insert) && transaction.commit();
}

bool VCardStore::removeUser(const QString &username)
{
    QSqlQuery query = m_database.prepare(u"DELETE FROM vcards WHERE username = ?"_s);
    query.addBindValue(username);
    return Database::exec(query);
}

} // namespace flint

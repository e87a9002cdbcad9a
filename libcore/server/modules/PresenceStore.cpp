#include "PresenceStore.h"

#include "common/Database.h"
#include "server/Stanza.h"
#include "server/XmlStream.h"

#include <QDateTime>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace flint {

PresenceStore::PresenceStore(Database &database) : m_database(database) {}

bool PresenceStore::addPending(const QString &username, const QString &contact,
                               const Stanza &request)
{
    Database::Transaction transaction(m_database);
    takePending(username, contact);
    QSqlQuery query = m_database.prepare(
        u"INSERT INTO pending_subscriptions (username, contact, stanza, created_at)"
        " VALUES (?, ?, ?, ?)"_s);
    query.addBindValue(username);
    query.addBindValue(contact);
    query.addBindValue(QString::fromUtf8(request.toXml()));
    query.addBindValue(QDateTime::currentSecsSinceEpoch());
    return Database::exec(query) && transaction.commit();
}

bool PresenceStore::takePending(const QString &username, const QString &contact)
{
    QSqlQuery query = m_database.prepare(
        u"DELETE FROM pending_subscriptions WHERE username = ? AND contact = ?"_s);
    query.addBindValue(username);
    query.addBindValue(contact);
    return Database::exec(query) && query.numRowsAffected() > 0;
}

QList<Stanza> PresenceStore::pending(const QString &username) const
{
    QList<Stanza> requests;
    QSqlQuery query = m_database.prepare(
        u"SELECT stanza FROM pending_subscriptions WHERE username = ? ORDER BY created_at"_s);
    query.addBindValue(username);
    if (!Database::exec(query))
        return requests;
    while (query.next()) {
        const QDomElement element = parseElement(query.value(0).toString().toUtf8());
        if (!element.isNull())
            requests.append(Stanza(element));
    }
    return requests;
}

void PresenceStore::removeUser(const QString &username)
{
    QSqlQuery query = m_database.prepare(u"DELETE FROM pending_subscriptions WHERE username = ?"_s);
    query.addBindValue(username);
    Database::exec(query);
}

} // namespace flint

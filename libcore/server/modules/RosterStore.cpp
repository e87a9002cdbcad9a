#include "RosterStore.h"

#include "common/Database.h"

#include <QVariant>

using namespace Qt::StringLiterals;

namespace flint {
namespace {

RosterItem::Subscription subscriptionFromName(const QString &name)
{
    if (name == u"to"_s)
        return RosterItem::Subscription::To;
    if (name == u"from"_s)
        return RosterItem::Subscription::From;
    if (name == u"both"_s)
        return RosterItem::Subscription::Both;
    return RosterItem::Subscription::None;
}

RosterItem::Subscription combine(bool to, bool from)
{
    if (to && from)
        return RosterItem::Subscription::Both;
    if (to)
        return RosterItem::Subscription::To;
    return from ? RosterItem::Subscription::From : RosterItem::Subscription::None;
}

} // namespace

void RosterItem::setTo(bool to)
{
    subscription = combine(to, hasFrom());
}

void RosterItem::setFrom(bool from)
{
    subscription = combine(hasTo(), from);
}

QString RosterItem::subscriptionName(Subscription subscription)
{
    switch (subscription) {
    case Subscription::To:
        return u"to"_s;
    case Subscription::From:
        return u"from"_s;
    case Subscription::Both:
        return u"both"_s;
    case Subscription::None:
        break;
    }
    return u"none"_s;
}

RosterStore::RosterStore(Database &database) : m_database(database) {}

QList<RosterItem> RosterStore::items(const QString &username) const
{
    QList<RosterItem> items;
    QSqlQuery query = m_database.prepare(
        u"SELECT contact, name, subscription, ask_subscribe FROM roster_items WHERE username = ?"
        " ORDER BY contact"_s);
    query.addBindValue(username);
    if (!Database::exec(query))
        return items;
    while (query.next())
        items.append({query.value(0).toString(),
                      query.value(1).toString(),
                      {},
                      subscriptionFromName(query.value(2).toString()),
                      query.value(3).toInt() != 0});

    QSqlQuery groups = m_database.prepare(
        u"SELECT contact, group_name FROM roster_groups WHERE username = ? ORDER BY group_name"_s);
    groups.addBindValue(username);
    if (!Database::exec(groups))
        return items;
    while (groups.next()) {
        const QString contact = groups.value(0).toString();
        for (RosterItem &item : items) {
            if (item.jid == contact)
                item.groups << groups.value(1).toString();
        }
    }
    return items;
}

std::optional<RosterItem> RosterStore::item(const QString &username, const QString &contact) const
{
    QSqlQuery query =
        m_database.prepare(u"SELECT name, subscription, ask_subscribe FROM roster_items"
                           " WHERE username = ? AND contact = ?"_s);
    query.addBindValue(username);
    query.addBindValue(contact);
    if (!Database::exec(query) || !query.next())
        return std::nullopt;
    RosterItem item{contact,
                    query.value(0).toString(),
                    {},
                    subscriptionFromName(query.value(1).toString()),
                    query.value(2).toInt() != 0};

    QSqlQuery groups = m_database.prepare(
        u"SELECT group_name FROM roster_groups WHERE username = ? AND contact = ?"
        " ORDER BY group_name"_s);
    groups.addBindValue(username);
    groups.addBindValue(contact);
    if (Database::exec(groups)) {
        while (groups.next())
            item.groups << groups.value(0).toString();
    }
    return item;
}

std::optional<qint64> RosterStore::save(const QString &username, const RosterItem &item)
{
    Database::Transaction transaction(m_database);
    if (!deleteItem(username, item.jid))
        return std::nullopt;
    QSqlQuery query = m_database.prepare(
        u"INSERT INTO roster_items (username, contact, name, subscription, ask_subscribe)"
        " VALUES (?, ?, ?, ?, ?)"_s);
    query.addBindValue(username);
    query.addBindValue(item.jid);
    query.addBindValue(item.name.isEmpty() ? QVariant() : QVariant(item.name));
    query.addBindValue(RosterItem::subscriptionName(item.subscription));
    query.addBindValue(item.askSubscribe ? 1 : 0);
    if (!Database::exec(query))
        return std::nullopt;
    for (const QString &group : item.groups) {
        QSqlQuery insert = m_database.prepare(
            u"INSERT INTO roster_groups (username, contact, group_name) VALUES (?, ?, ?)"_s);
        insert.addBindValue(username);
        insert.addBindValue(item.jid);
        insert.addBindValue(group);
        if (!Database::exec(insert))
            return std::nullopt;
    }
    const auto version = bumpVersion(username);
    if (!version || !transaction.commit())
        return std::nullopt;
    return version;
}

std::optional<qint64> RosterStore::remove(const QString &username, const QString &contact)
{
    Database::Transaction transaction(m_database);
    if (!deleteItem(username, contact))
        return std::nullopt;
    const auto version = bumpVersion(username);
    if (!version || !transaction.commit())
        return std::nullopt;
    return version;
}

qint64 RosterStore::version(const QString &username) const
{
    QSqlQuery query =
        m_database.prepare(u"SELECT version FROM roster_versions WHERE username = ?"_s);
    query.addBindValue(username);
    return Database::exec(query) && query.next() ? query.value(0).toLongLong() : 0;
}

void RosterStore::removeUser(const QString &username)
{
    for (const QString &table : {u"roster_items"_s, u"roster_groups"_s, u"roster_versions"_s}) {
        QSqlQuery query = m_database.prepare(u"DELETE FROM %1 WHERE username = ?"_s.arg(table));
        query.addBindValue(username);
        Database::exec(query);
    }
}

bool RosterStore::deleteItem(const QString &username, const QString &contact)
{
    for (const QString &table : {u"roster_groups"_s, u"roster_items"_s}) {
        QSqlQuery query =
            m_database.prepare(u"DELETE FROM %1 WHERE username = ? AND contact = ?"_s.arg(table));
        query.addBindValue(username);
        query.addBindValue(contact);
        if (!Database::exec(query))
            return false;
    }
    return true;
}

std::optional<qint64> RosterStore::bumpVersion(const QString &username)
{
    const qint64 next = version(username) + 1;
    QSqlQuery query = m_database.prepare(
        next == 1 ? u"INSERT INTO roster_versions (version, username) VALUES (?, ?)"_s
                  : u"UPDATE roster_versions SET version = ? WHERE username = ?"_s);
    query.addBindValue(next);
    query.addBindValue(username);
    if (!Database::exec(query))
        return std::nullopt;
    return next;
}

} // namespace flint

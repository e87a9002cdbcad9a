// SQL for rosters (RFC 6121 §2): each user's items with their groups and subscription state,
// and the per-user roster version (XEP-0237).
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace flint {

class Database;

struct RosterItem {
    enum class Subscription { None, To, From, Both };

    QString jid; // the contact's bare JID
    QString name;
    QStringList groups;
    Subscription subscription = Subscription::None;
    bool askSubscribe = false; // our subscription request is pending ("pending out")

    bool hasTo() const
    {
        return subscription == Subscription::To || subscription == Subscription::Both;
    }
    bool hasFrom() const
    {
        return subscription == Subscription::From || subscription == Subscription::Both;
    }
    void setTo(bool to);
    void setFrom(bool from);

    static QString subscriptionName(Subscription subscription);
};

class RosterStore {
public:
    explicit RosterStore(Database &database);

    QList<RosterItem> items(const QString &username) const;
    std::optional<RosterItem> item(const QString &username, const QString &contact) const;
    // Inserts or replaces an item and bumps the version; the new version, or nullopt on failure.
    std::optional<qint64> save(const QString &username, const RosterItem &item);
    // Deletes an item and bumps the version; the new version, or nullopt on failure.
    std::optional<qint64> remove(const QString &username, const QString &contact);
    qint64 version(const QString &username) const;
    // Deletes a removed account's rosters; runs inside the caller's transaction.
    void removeUser(const QString &username);

private:
    bool deleteItem(const QString &username, const QString &contact);
    std::optional<qint64> bumpVersion(const QString &username);

    Database &m_database;
};

} // namespace flint

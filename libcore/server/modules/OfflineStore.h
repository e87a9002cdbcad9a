// The offline_messages table (XEP-0160): stanzas kept for users who had no available resource.
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace flint {

class Database;

class OfflineStore {
public:
    enum class Result { Stored, QuotaExceeded, StorageError };
    struct Message {
        qint64 id;
        QByteArray stanza;
    };

    explicit OfflineStore(Database &database);

    // Appends `stanza` to the user's queue unless it already holds `quota` messages; committed
    // before it returns.
    Result add(const QString &username, const QByteArray &stanza, int quota);
    // The user's queue, oldest first.
    QList<Message> messages(const QString &username) const;
    // Removes the queue's messages up to and including `lastId`.
    bool removeUpTo(const QString &username, qint64 lastId);
    bool removeUser(const QString &username);

private:
    Database &m_database;
};

} // namespace flint

// Persistent chat rooms in storage: configuration and subject (muc_rooms), affiliations
// (muc_affiliations) and each room's most recent messages (muc_history).
#pragma once

#include <QHash>
#include <QList>
#include <QString>

namespace flint {

class Database;

class MucStore {
public:
    struct HistoryRow {
        qint64 id = 0;
        QString stanza;
        qint64 stamp = 0; // milliseconds since the epoch
    };
    struct Room {
        QString node;
        QString config; // JSON
        QString subject;
        QString subjectFrom;
        QHash<QString, QString> affiliations; // bare JID → affiliation name
        QList<HistoryRow> history;            // oldest first
    };

    explicit MucStore(Database &database);

    QList<Room> rooms() const;
    bool saveRoom(const QString &node, const QString &config, const QString &subject,
                  const QString &subjectFrom);
    bool removeRoom(const QString &node);
    // "none" removes the row.
    bool setAffiliation(const QString &node, const QString &jid, const QString &affiliation);
    // The new row's id, 0 on failure.
    qint64 appendHistory(const QString &node, const QString &stanza, qint64 stamp);
    bool removeHistory(qint64 id);
    bool removeUser(const QString &bareJid);

private:
    Database &m_database;
};

} // namespace flint

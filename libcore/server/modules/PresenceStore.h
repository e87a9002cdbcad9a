// SQL for inbound subscription requests not yet answered (RFC 6121 §3.1.3 "pending in"):
// kept until the user approves or denies them, and re-delivered at each initial presence.
#pragma once

#include <QList>
#include <QString>

namespace flint {

class Database;
class Stanza;

class PresenceStore {
public:
    explicit PresenceStore(Database &database);

    // Stores (or replaces) `contact`'s request to subscribe to `username`.
    bool addPending(const QString &username, const QString &contact, const Stanza &request);
    // Forgets the request; true if there was one.
    bool takePending(const QString &username, const QString &contact);
    QList<Stanza> pending(const QString &username) const;
    // Deletes a removed account's requests; runs inside the caller's transaction.
    void removeUser(const QString &username);

private:
    Database &m_database;
};

} // namespace flint

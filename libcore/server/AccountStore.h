// User accounts: usernames with SCRAM salted keys only (never a password), plus the
// account lifecycle signals other modules use to clean up after a removed user.
#pragma once

#include "common/Scram.h"

#include <QObject>
#include <QSqlQuery>

#include <optional>

namespace flint {

class Database;

class AccountStore : public QObject {
    Q_OBJECT
public:
    enum class Result { Ok, Exists, NotFound, InvalidName, InvalidPassword, StorageError };

    AccountStore(Database &database, int scramIterations, QObject *parent = nullptr);

    // Usernames are normalised (RFC 7622 localpart) before use.
    Result create(const QString &username, const QString &password, bool admin = false);
    Result setPassword(const QString &username, const QString &password);
    Result remove(const QString &username);
    bool exists(const QString &username) const;
    // Admins marked in storage (flint-server user add --admin); the config names more.
    bool isAdmin(const QString &username) const;
    QStringList list() const;
    int count() const;
    std::optional<ScramCredentials> credentials(const QString &username,
                                                ScramAlgorithm algorithm) const;
    bool checkPassword(const QString &username, const QString &password) const;

    static QString describe(Result result);

Q_SIGNALS:
    // Emitted inside the removal's transaction: listeners delete the user's data.
    void accountRemoved(const QString &username);
    void passwordChanged(const QString &username);

private:
    void bindNewCredentials(QSqlQuery &query, const QString &password) const;

    Database &m_database;
    int m_iterations;
};

} // namespace flint

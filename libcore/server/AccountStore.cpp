#include "AccountStore.h"

#include "common/Database.h"
#include "common/Jid.h"

#include <QDateTime>
#include <QSqlQuery>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace flint {
namespace {

constexpr int MinimumPasswordLength = 1;
constexpr int MaximumPasswordLength = 1024;

} // namespace

AccountStore::AccountStore(Database &database, int scramIterations, QObject *parent)
    : QObject(parent), m_database(database), m_iterations(scramIterations)
{}

// Binds a fresh salt, the iteration count and both algorithms' keys, in that order.
void AccountStore::bindNewCredentials(QSqlQuery &query, const QString &password) const
{
    const QByteArray salt = randomBytes(16);
    const auto sha1 = deriveScramCredentials(ScramAlgorithm::Sha1, password, salt, m_iterations);
    const auto sha256 =
        deriveScramCredentials(ScramAlgorithm::Sha256, password, salt, m_iterations);
    query.addBindValue(salt);
    query.addBindValue(m_iterations);
    query.addBindValue(sha1.storedKey);
    query.addBindValue(sha1.serverKey);
    query.addBindValue(sha256.storedKey);
    query.addBindValue(sha256.serverKey);
}

AccountStore::Result AccountStore::create(const QString &username, const QString &password,
                                          bool admin)
{
    const auto name = Jid::normalizeLocal(username);
    if (!name)
        return Result::InvalidName;
    if (password.size() < MinimumPasswordLength || password.size() > MaximumPasswordLength)
        return Result::InvalidPassword;
    if (exists(*name))
        return Result::Exists;
    QSqlQuery query = m_database.prepare(
        u"INSERT INTO users (salt, iterations, sha1_stored_key, sha1_server_key, sha256_stored_key,"
        " sha256_server_key, username, is_admin, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"_s);
    bindNewCredentials(query, password);
    query.addBindValue(*name);
    query.addBindValue(admin ? 1 : 0);
    query.addBindValue(QDateTime::currentSecsSinceEpoch());
    if (!Database::exec(query))
        return exists(*name) ? Result::Exists : Result::StorageError;
    return Result::Ok;
}

AccountStore::Result AccountStore::setPassword(const QString &username, const QString &password)
{
    const auto name = Jid::normalizeLocal(username);
    if (!name)
        return Result::InvalidName;
    if (password.size() < MinimumPasswordLength || password.size() > MaximumPasswordLength)
        return Result::InvalidPassword;
    if (!exists(*name))
        return Result::NotFound;
    QSqlQuery query = m_database.prepare(
        u"UPDATE users SET salt = ?, iterations = ?, sha1_stored_key = ?, sha1_server_key = ?,"
        " sha256_stored_key = ?, sha256_server_key = ? WHERE username = ?"_s);
    bindNewCredentials(query, password);
    query.addBindValue(*name);
    if (!Database::exec(query))
        return Result::StorageError;
    Q_EMIT passwordChanged(*name);
    return Result::Ok;
}

AccountStore::Result AccountStore::remove(const QString &username)
{
    const auto name = Jid::normalizeLocal(username);
    if (!name)
        return Result::InvalidName;
    if (!exists(*name))
        return Result::NotFound;
    Database::Transaction transaction(m_database);
    QSqlQuery query = m_database.prepare(u"DELETE FROM users WHERE username = ?"_s);
    query.addBindValue(*name);
    if (!Database::exec(query))
        return Result::StorageError;
    Q_EMIT accountRemoved(*name);
    return transaction.commit() ? Result::Ok : Result::StorageError;
}

bool AccountStore::exists(const QString &username) const
{
    QSqlQuery query = m_database.prepare(u"SELECT 1 FROM users WHERE username = ?"_s);
    query.addBindValue(username);
    return Database::exec(query) && query.next();
}

bool AccountStore::isAdmin(const QString &username) const
{
    QSqlQuery query = m_database.prepare(u"SELECT is_admin FROM users WHERE username = ?"_s);
    query.addBindValue(username);
    return Database::exec(query) && query.next() && query.value(0).toInt() != 0;
}

QStringList AccountStore::list() const
{
    QSqlQuery query = m_database.prepare(u"SELECT username FROM users ORDER BY username"_s);
    QStringList names;
    if (Database::exec(query)) {
        while (query.next())
            names << query.value(0).toString();
    }
    return names;
}

int AccountStore::count() const
{
    QSqlQuery query = m_database.prepare(u"SELECT COUNT(*) FROM users"_s);
    return Database::exec(query) && query.next() ? query.value(0).toInt() : 0;
}

std::optional<ScramCredentials> AccountStore::credentials(const QString &username,
                                                          ScramAlgorithm algorithm) const
{
    const QString keys = algorithm == ScramAlgorithm::Sha1
                             ? u"sha1_stored_key, sha1_server_key"_s
                             : u"sha256_stored_key, sha256_server_key"_s;
    QSqlQuery query = m_database.prepare(
        u"SELECT salt, iterations, %1 FROM users WHERE username = ?"_s.arg(keys));
    query.addBindValue(username);
    if (!Database::exec(query) || !query.next())
        return std::nullopt;
    return ScramCredentials{query.value(0).toByteArray(), query.value(1).toInt(),
                            query.value(2).toByteArray(), query.value(3).toByteArray()};
}

bool AccountStore::checkPassword(const QString &username, const QString &password) const
{
    const auto stored = credentials(username, ScramAlgorithm::Sha256);
    return stored && verifyPassword(ScramAlgorithm::Sha256, *stored, password);
}

QString AccountStore::describe(Result result)
{
    switch (result) {
    case Result::Ok:
        return tr("done");
    case Result::Exists:
        return tr("an account with that name already exists");
    case Result::NotFound:
        return tr("no such account");
    case Result::InvalidName:
        return tr("that is not a valid username");
    case Result::InvalidPassword:
        return tr("the password must be 1 to 1024 characters");
    case Result::StorageError:
        return tr("the database refused the change (see the server log)");
    }
    return {};
}

} // namespace flint

#include "Database.h"

#include "Logging.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace flint {

Database::Database() : m_connectionName(u"flint-"_s + QUuid::createUuid().toString(QUuid::Id128)) {}

Database::~Database()
{
    close();
}

bool Database::open(const DatabaseSettings &settings, QString *error)
{
    m_settings = settings;
    const bool maria = settings.backend == DatabaseSettings::Backend::MariaDb;
    QSqlDatabase db =
        QSqlDatabase::addDatabase(maria ? u"QMYSQL"_s : u"QSQLITE"_s, m_connectionName);
    if (!db.isValid()) {
        *error = maria ? QObject::tr("the MariaDB/MySQL driver (QMYSQL) is not installed")
                       : QObject::tr("the SQLite driver (QSQLITE) is not installed");
        return false;
    }
    if (maria) {
        // The client library only uses the socket when the host is "localhost".
        db.setHostName(settings.socket.isEmpty() ? settings.host : u"localhost"_s);
        db.setPort(settings.port);
        db.setDatabaseName(settings.database);
        db.setUserName(settings.user);
        db.setPassword(settings.password);
        QStringList options = {u"MYSQL_OPT_RECONNECT=1"_s};
        if (!settings.socket.isEmpty())
            options << u"UNIX_SOCKET="_s + settings.socket;
        db.setConnectOptions(options.join(u';'));
    } else {
        QDir().mkpath(QFileInfo(settings.sqlitePath).absolutePath());
        db.setDatabaseName(settings.sqlitePath);
        db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=5000"_s);
    }
    if (!db.open()) {
        *error = db.lastError().text();
        return false;
    }
    QSqlQuery query(db);
    const QStringList setup =
        maria ? QStringList{u"SET NAMES utf8mb4 COLLATE utf8mb4_bin"_s,
                            u"SET SESSION sql_mode = 'STRICT_ALL_TABLES,NO_ZERO_DATE'"_s}
              : QStringList{u"PRAGMA journal_mode=WAL"_s, u"PRAGMA synchronous=NORMAL"_s,
                            u"PRAGMA foreign_keys=ON"_s};
    for (const QString &statement : setup) {
        if (!query.exec(statement)) {
            *error = query.lastError().text();
            return false;
        }
    }
    qCInfo(lcStorage) << "opened" << (maria ? "MariaDB" : "SQLite")
                      << (maria ? settings.database : settings.sqlitePath);
    return true;
}

void Database::close()
{
    if (!QSqlDatabase::contains(m_connectionName))
        return;
    QSqlDatabase::database(m_connectionName, false).close();
    QSqlDatabase::removeDatabase(m_connectionName);
}

QString Database::expandDialect(QString statement) const
{
    const bool maria = isMariaDb();
    statement.replace(u"{id}"_s, maria ? u"BIGINT PRIMARY KEY AUTO_INCREMENT"_s
                                       : u"INTEGER PRIMARY KEY AUTOINCREMENT"_s);
    statement.replace(u"{key}"_s, maria ? u"VARCHAR(255)"_s : u"TEXT"_s);
    statement.replace(u"{text}"_s, maria ? u"MEDIUMTEXT"_s : u"TEXT"_s);
    statement.replace(u"{blob}"_s, maria ? u"LONGBLOB"_s : u"BLOB"_s);
    statement.replace(u"{table}"_s,
                      maria ? u" ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin"_s
                            : QString());
    return statement;
}

int Database::schemaVersion() const
{
    QSqlQuery query(connection());
    if (!query.exec(u"SELECT MAX(version) FROM schema_version"_s) || !query.next())
        return 0;
    return query.value(0).toInt();
}

bool Database::migrate(const QList<Migration> &migrations, QString *error)
{
    QSqlQuery query(connection());
    if (!query.exec(expandDialect(
            u"CREATE TABLE IF NOT EXISTS schema_version ("
            "version INTEGER NOT NULL PRIMARY KEY, applied_at BIGINT NOT NULL){table}"_s))) {
        *error = query.lastError().text();
        return false;
    }
    const int current = schemaVersion();
    for (const Migration &migration : migrations) {
        if (migration.version <= current)
            continue;
        // MariaDB commits DDL implicitly; each step's statements are idempotent-safe in order.
        Transaction transaction(*this);
        for (const QString &statement : migration.statements) {
            if (!query.exec(expandDialect(statement))) {
                *error =
                    QObject::tr("migration %1 (%2) failed: %3")
                        .arg(migration.version)
                        .arg(QString::fromUtf8(migration.description), query.lastError().text());
                return false;
            }
        }
        query.prepare(u"INSERT INTO schema_version (version, applied_at) VALUES (?, ?)"_s);
        query.addBindValue(migration.version);
        query.addBindValue(QDateTime::currentSecsSinceEpoch());
        if (!query.exec() || !transaction.commit()) {
            *error = query.lastError().text();
            return false;
        }
        qCInfo(lcStorage) << "schema migrated to version" << migration.version
                          << migration.description;
    }
    return true;
}

QSqlQuery Database::prepare(const QString &sql) const
{
    QSqlQuery query(connection());
    if (!query.prepare(sql))
        qCWarning(lcStorage) << "cannot prepare" << sql << query.lastError().text();
    return query;
}

bool Database::exec(QSqlQuery &query)
{
    if (query.exec())
        return true;
    qCWarning(lcStorage) << "query failed:" << query.lastQuery() << query.lastError().text();
    return false;
}

Database::Transaction::Transaction(const Database &database) : m_db(database.connection())
{
    m_open = m_db.transaction();
    if (!m_open)
        qCWarning(lcStorage) << "cannot begin transaction:" << m_db.lastError().text();
}

Database::Transaction::~Transaction()
{
    if (m_open)
        m_db.rollback();
}

bool Database::Transaction::commit()
{
    if (!m_open)
        return false;
    m_open = false;
    if (m_db.commit())
        return true;
    qCWarning(lcStorage) << "commit failed:" << m_db.lastError().text();
    m_db.rollback();
    return false;
}

} // namespace flint

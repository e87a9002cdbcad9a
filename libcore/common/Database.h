// A storage connection (SQLite or MariaDB through Qt Sql) and its numbered schema migrations.
#pragma once

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QStringList>

namespace flint {

struct DatabaseSettings {
    enum class Backend { Sqlite, MariaDb };
    Backend backend = Backend::Sqlite;
    QString sqlitePath;
    QString host = QStringLiteral("127.0.0.1");
    int port = 3306;
    QString socket; // MariaDB unix socket; preferred over host/port when set
    QString database = QStringLiteral("flint");
    QString user = QStringLiteral("flint");
    QString password;
};

// One schema step. Statements use placeholders for the dialect differences:
// {id} auto-increment primary key, {key} indexable text, {text} long text, {blob} binary,
// {table} table options.
struct Migration {
    int version;
    const char *description;
    QStringList statements;
};

class Database {
public:
    Database();
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    bool open(const DatabaseSettings &settings, QString *error);
    void close();
    // Brings the schema up to the newest version, each step in its own transaction.
    bool migrate(const QList<Migration> &migrations, QString *error);
    int schemaVersion() const;

    bool isMariaDb() const { return m_settings.backend == DatabaseSettings::Backend::MariaDb; }
    QSqlDatabase connection() const { return QSqlDatabase::database(m_connectionName, false); }
    QString expandDialect(QString statement) const;

    // Prepares `sql`; run it with exec(), which logs failures with the statement text.
    QSqlQuery prepare(const QString &sql) const;
    static bool exec(QSqlQuery &query);

    // RAII transaction: rolled back unless commit() succeeds.
    class Transaction {
    public:
        explicit Transaction(const Database &database);
        ~Transaction();
        bool commit();

    private:
        QSqlDatabase m_db;
        bool m_open = false;
    };

private:
    QString m_connectionName;
    DatabaseSettings m_settings;
};

} // namespace flint

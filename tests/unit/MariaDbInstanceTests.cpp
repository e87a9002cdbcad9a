#include "support/MariaDbInstance.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

#include <catch2/catch.hpp>

using flint::test::MariaDbInstance;

namespace {

enum class Transport { UnixSocket, Tcp };

MariaDbInstance &requireServer()
{
    MariaDbInstance &server = MariaDbInstance::shared();
    if (!server.isAvailable())
        FAIL(server.errorString().toStdString());
    return server;
}

QString requireDatabase(MariaDbInstance &server)
{
    const QString database = server.createDatabase();
    if (database.isEmpty())
        FAIL(server.errorString().toStdString());
    return database;
}

void requireSuccess(const QSqlQuery &query, bool succeeded)
{
    if (!succeeded)
        FAIL(query.lastError().text().toStdString());
}

// Creates a table in a fresh database, writes a row and reads it back over the given transport.
void roundTripThrough(Transport transport)
{
    MariaDbInstance &server = requireServer();
    const QString database = requireDatabase(server);
    const QString text = QStringLiteral("h\u00e9llo \U0001F600");

    const QString connectionName = QStringLiteral("mariadb-instance-test-%1").arg(database);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QMYSQL"), connectionName);
        if (transport == Transport::UnixSocket) {
            db.setConnectOptions(QStringLiteral("UNIX_SOCKET=") + server.socketPath());
        } else {
            db.setHostName(QStringLiteral("127.0.0.1"));
            db.setPort(server.port());
        }
        db.setUserName(server.user());
        db.setPassword(server.password());
        db.setDatabaseName(database);
        if (!db.open())
            FAIL(db.lastError().text().toStdString());

        QSqlQuery query(db);
        requireSuccess(query, query.exec(QStringLiteral("CREATE TABLE notes (id INTEGER PRIMARY "
                                                        "KEY, body VARCHAR(64) NOT NULL)")));
        requireSuccess(query,
                       query.prepare(QStringLiteral("INSERT INTO notes (id, body) VALUES (?, ?)")));
        query.addBindValue(1);
        query.addBindValue(text);
        requireSuccess(query, query.exec());
        requireSuccess(query, query.exec(QStringLiteral("SELECT body FROM notes WHERE id = 1")));
        REQUIRE(query.next());
        CHECK(query.value(0).toString() == text);
    }
    QSqlDatabase::removeDatabase(connectionName);
}

} // namespace

TEST_CASE("MariaDbInstance starts a server", "[mariadb]")
{
    MariaDbInstance &server = requireServer();
    CHECK(server.socketPath().size() < 100);
    CHECK(server.port() > 0);
    CHECK_FALSE(server.password().isEmpty());
}

TEST_CASE("MariaDbInstance creates distinct databases", "[mariadb]")
{
    MariaDbInstance &server = requireServer();
    const QString first = requireDatabase(server);
    const QString second = requireDatabase(server);
    CHECK(first != second);
}

TEST_CASE("MariaDbInstance serves QMYSQL over the unix socket", "[mariadb]")
{
    roundTripThrough(Transport::UnixSocket);
}

TEST_CASE("MariaDbInstance serves QMYSQL over TCP on 127.0.0.1", "[mariadb]")
{
    roundTripThrough(Transport::Tcp);
}

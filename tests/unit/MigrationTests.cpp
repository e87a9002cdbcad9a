#include "common/Database.h"
#include "server/Schema.h"
#include "support/MariaDbInstance.h"
#include "support/TestServer.h"

#include <catch2/catch.hpp>

#include <QSqlQuery>
#include <QTemporaryDir>

using namespace flint;
using namespace flint::test;
using namespace Qt::StringLiterals;

namespace {

DatabaseSettings settingsFor(Backend backend, const QTemporaryDir &dir)
{
    DatabaseSettings settings;
    if (backend == Backend::Sqlite) {
        settings.sqlitePath = dir.filePath(u"test.db"_s);
        return settings;
    }
    auto &maria = MariaDbInstance::shared();
    settings.backend = DatabaseSettings::Backend::MariaDb;
    settings.socket = maria.socketPath();
    settings.database = maria.createDatabase();
    settings.user = maria.user();
    settings.password = maria.password();
    return settings;
}

} // namespace

TEST_CASE("migrations run in order, once, on both back ends", "[storage][migrations]")
{
    const Backend backend = GENERATE(Backend::Sqlite, Backend::MariaDb);
    INFO("backend: " << backendName(backend).toStdString());
    if (backend == Backend::MariaDb)
        REQUIRE(MariaDbInstance::shared().isAvailable());
    QTemporaryDir dir;
    const DatabaseSettings settings = settingsFor(backend, dir);
    const QList<Migration> steps = {
        {1, "first", {u"CREATE TABLE things (id {id}, name {key} NOT NULL, data {blob}){table}"_s}},
        {2, "second", {u"ALTER TABLE things ADD COLUMN note {text}"_s}},
    };
    {
        Database database;
        QString error;
        INFO(error.toStdString());
        REQUIRE(database.open(settings, &error));
        REQUIRE(database.migrate(steps.mid(0, 1), &error));
        CHECK(database.schemaVersion() == 1);
        REQUIRE(database.migrate(steps, &error));
        CHECK(database.schemaVersion() == 2);
        REQUIRE(database.migrate(steps, &error)); // nothing left to do
        QSqlQuery query =
            database.prepare(u"INSERT INTO things (name, data, note) VALUES (?, ?, ?)"_s);
        query.addBindValue(u"名前"_s);
        query.addBindValue(QByteArray("\x00\x01\xff", 3));
        query.addBindValue(u"note"_s);
        REQUIRE(Database::exec(query));
    }
    Database reopened;
    QString error;
    REQUIRE(reopened.open(settings, &error));
    CHECK(reopened.schemaVersion() == 2);
    QSqlQuery query = reopened.prepare(u"SELECT name, data FROM things"_s);
    REQUIRE(Database::exec(query));
    REQUIRE(query.next());
    CHECK(query.value(0).toString() == u"名前"_s);
    CHECK(query.value(1).toByteArray() == QByteArray("\x00\x01\xff", 3));
}

TEST_CASE("a failing migration stops with its number and leaves the version alone",
          "[storage][migrations]")
{
    QTemporaryDir dir;
    Database database;
    QString error;
    REQUIRE(database.open(settingsFor(Backend::Sqlite, dir), &error));
    const QList<Migration> steps = {{1, "ok", {u"CREATE TABLE a (x INTEGER)"_s}},
                                    {2, "broken", {u"CREATE TABLE (nonsense"_s}}};
    CHECK_FALSE(database.migrate(steps, &error));
    CHECK(error.contains(u"migration 2"_s));
    CHECK(database.schemaVersion() == 1);
}

TEST_CASE("the server schema applies on both back ends", "[storage][migrations]")
{
    const Backend backend = GENERATE(Backend::Sqlite, Backend::MariaDb);
    INFO("backend: " << backendName(backend).toStdString());
    if (backend == Backend::MariaDb)
        REQUIRE(MariaDbInstance::shared().isAvailable());
    QTemporaryDir dir;
    Database database;
    QString error;
    const bool opened = database.open(settingsFor(backend, dir), &error);
    INFO(error.toStdString());
    REQUIRE(opened);
    REQUIRE(database.migrate(serverMigrations(), &error));
    CHECK(database.schemaVersion() == serverMigrations().last().version);
}

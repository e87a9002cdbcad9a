#include "common/Database.h"
#include "server/AccountStore.h"
#include "server/Schema.h"
#include "support/MariaDbInstance.h"
#include "support/TestServer.h"

#include <catch2/catch.hpp>

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>

using namespace flint;
using namespace flint::test;
using namespace Qt::StringLiterals;

namespace {

DatabaseSettings storageFor(Backend backend, const QTemporaryDir &dir)
{
    DatabaseSettings settings;
    settings.sqlitePath = dir.filePath(u"accounts.db"_s);
    if (backend == Backend::MariaDb) {
        auto &maria = MariaDbInstance::shared();
        settings.backend = DatabaseSettings::Backend::MariaDb;
        settings.socket = maria.socketPath();
        settings.database = maria.createDatabase();
        settings.user = maria.user();
        settings.password = maria.password();
    }
    return settings;
}

} // namespace

TEST_CASE("accounts keep salted SCRAM keys only", "[storage][accounts]")
{
    const Backend backend = GENERATE(Backend::Sqlite, Backend::MariaDb);
    INFO("backend: " << backendName(backend).toStdString());
    QTemporaryDir dir;
    Database database;
    QString error;
    REQUIRE(database.open(storageFor(backend, dir), &error));
    REQUIRE(database.migrate(serverMigrations(), &error));
    AccountStore accounts(database, 4096);

    const QString password = u"correct horse battery staple"_s;
    CHECK(accounts.create(u"Alice"_s, password) == AccountStore::Result::Ok);
    CHECK(accounts.create(u"alice"_s, u"other"_s) == AccountStore::Result::Exists);
    CHECK(accounts.create(u"bad@name"_s, u"x"_s) == AccountStore::Result::InvalidName);
    CHECK(accounts.create(u"empty"_s, QString()) == AccountStore::Result::InvalidPassword);
    CHECK(accounts.exists(u"alice"_s));
    CHECK(accounts.list() == QStringList{u"alice"_s});

    CHECK(accounts.checkPassword(u"alice"_s, password));
    CHECK_FALSE(accounts.checkPassword(u"alice"_s, u"Correct horse battery staple"_s));
    const auto sha1 = accounts.credentials(u"alice"_s, ScramAlgorithm::Sha1);
    const auto sha256 = accounts.credentials(u"alice"_s, ScramAlgorithm::Sha256);
    REQUIRE(sha1);
    REQUIRE(sha256);
    CHECK(sha256->iterations == 4096);
    CHECK(sha1->storedKey.size() == 20);
    CHECK(sha256->storedKey.size() == 32);
    CHECK(sha1->salt.size() >= 16);

    CHECK(accounts.setPassword(u"alice"_s, u"new"_s) == AccountStore::Result::Ok);
    CHECK(accounts.checkPassword(u"alice"_s, u"new"_s));
    CHECK_FALSE(accounts.checkPassword(u"alice"_s, password));
    CHECK(accounts.credentials(u"alice"_s, ScramAlgorithm::Sha256)->salt != sha256->salt);

    if (backend == Backend::Sqlite) {
        database.close();
        QByteArray everything;
        for (const QString &suffix : {u""_s, u"-wal"_s}) {
            QFile file(dir.filePath(u"accounts.db"_s + suffix));
            if (file.open(QIODevice::ReadOnly))
                everything += file.readAll();
        }
        CHECK_FALSE(everything.contains("correct horse"));
        CHECK_FALSE(everything.contains(password.toUtf8().toBase64()));
    }
}

TEST_CASE("removing an account tells the modules", "[storage][accounts]")
{
    const Backend backend = GENERATE(Backend::Sqlite, Backend::MariaDb);
    INFO("backend: " << backendName(backend).toStdString());
    QTemporaryDir dir;
    Database database;
    QString error;
    REQUIRE(database.open(storageFor(backend, dir), &error));
    REQUIRE(database.migrate(serverMigrations(), &error));
    AccountStore accounts(database, 4096);
    REQUIRE(accounts.create(u"bob"_s, u"pw"_s, true) == AccountStore::Result::Ok);
    CHECK(accounts.isAdmin(u"bob"_s));

    QSignalSpy removed(&accounts, &AccountStore::accountRemoved);
    CHECK(accounts.remove(u"bob"_s) == AccountStore::Result::Ok);
    REQUIRE(removed.size() == 1);
    CHECK(removed.at(0).at(0).toString() == u"bob"_s);
    CHECK_FALSE(accounts.exists(u"bob"_s));
    CHECK(accounts.remove(u"bob"_s) == AccountStore::Result::NotFound);
    CHECK_FALSE(accounts.checkPassword(u"bob"_s, u"pw"_s));
}

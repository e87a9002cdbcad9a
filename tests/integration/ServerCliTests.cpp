// The flint-server command line: version and help, configuration checks, the user
// subcommands, the first admin account, and stopping on SIGTERM.
#include "support/RawStream.h"
#include "support/TestServer.h"

#include <catch2/catch.hpp>

#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QXmppClient.h>
#include <QXmppConfiguration.h>
#include <QXmppStreamError.h>

using namespace flint::test;
using namespace Qt::StringLiterals;

namespace {

// The account lines of `user list` output (the log shares the output channel).
QStringList accountLines(const QString &output)
{
    return output.split(u'\n', Qt::SkipEmptyParts)
        .filter(QRegularExpression(u"^\\S+@flint\\.test( \\(admin\\))?$"_s));
}

bool canLogIn(const TestServer &server, const QString &user, const QString &password)
{
    QXmppClient client;
    const bool connected = connectClient(client, server.clientConfiguration(user, password));
    client.disconnectFromServer();
    return connected;
}

} // namespace

TEST_CASE("flint-server prints its version and help", "[cli]")
{
    const TestServer server;
    QString output;
    CHECK(server.runCli({u"--version"_s}, {}, &output) == 0);
    CHECK(output.contains(u"flint-server "_s + QStringLiteral(FLINT_VERSION)));

    CHECK(server.runCli({u"--help"_s}, {}, &output) == 0);
    CHECK(output.contains(u"--check-config"_s));
    CHECK(output.contains(u"user add NAME"_s));
    CHECK(output.contains(u"user list"_s));
}

TEST_CASE("check-config accepts a valid configuration and names the broken key", "[cli]")
{
    TestServer server;
    REQUIRE(server.start());
    QString output;
    CHECK(server.runCli({u"--check-config"_s}, {}, &output) == 0);
    CHECK(output.contains(u"domain: flint.test"_s));
    CHECK(output.contains(u"Configuration OK."_s));

    const auto [content, key] = GENERATE(table<const char *, const char *>({
        {"[server]\ndomain = flint.test\ncolour = blue\n", "server/colour"},
        {"[server]\ndomain = \"not a domain!\"\n", "server/domain"},
        {"[server]\ndomain = flint.test\n[registration]\npolicy = sometimes\n",
         "registration/policy"},
    }));
    INFO("broken key: " << key);
    QTemporaryDir dir;
    QFile file(dir.filePath(u"broken.ini"_s));
    REQUIRE(file.open(QIODevice::WriteOnly));
    file.write(content);
    file.close();
    // A later --config wins over the one runCli passes first.
    CHECK(server.runCli({u"--config"_s, file.fileName(), u"--check-config"_s}, {}, &output) == 1);
    CHECK(output.contains(QString::fromLatin1(key)));
    CHECK_FALSE(output.contains(u"Configuration OK."_s));
}

TEST_CASE("flint-server user add, list, passwd and del", "[cli]")
{
    const Backend backend = GENERATE(Backend::Sqlite, Backend::MariaDb);
    INFO("backend: " << backendName(backend).toStdString());
    TestServer server({.backend = backend});
    REQUIRE(server.start()); // writes the configuration and creates the first admin
    REQUIRE(server.stop() == 0);

    QString output;
    CHECK(server.runCli({u"user"_s, u"add"_s, u"carol"_s}, "carol pw\n", &output) == 0);
    CHECK(output.contains(u"carol@flint.test"_s));
    CHECK(server.runCli({u"user"_s, u"add"_s, u"carol"_s}, "other\n", &output) == 1);
    CHECK(output.contains(u"already exists"_s));
    CHECK(server.runCli({u"user"_s, u"add"_s, u"dave"_s}, {}, &output) == 1);
    CHECK(output.contains(u"No password given."_s));
    CHECK(server.runCli({u"user"_s, u"add"_s, u"erin@elsewhere.test"_s}, "pw\n", &output) == 1);
    CHECK(output.contains(u"not an account of flint.test"_s));
    CHECK(server.runCli({u"user"_s, u"add"_s, u"boss"_s, u"--admin"_s}, "boss pw\n", &output) == 0);

    CHECK(server.runCli({u"user"_s, u"list"_s}, {}, &output) == 0);
    CHECK(accountLines(output) == QStringList{u"admin@flint.test (admin)"_s,
                                              u"boss@flint.test (admin)"_s, u"carol@flint.test"_s});
    CHECK(server.runCli({u"user"_s, u"list"_s, u"--admin"_s}, {}, &output) == 0);
    CHECK(accountLines(output) ==
          QStringList{u"admin@flint.test (admin)"_s, u"boss@flint.test (admin)"_s});

    CHECK(server.runCli({u"user"_s, u"passwd"_s, u"carol@flint.test"_s}, "new pw\n", &output) == 0);
    CHECK(server.runCli({u"user"_s, u"passwd"_s, u"ghost"_s}, "pw\n", &output) == 1);
    CHECK(output.contains(u"ghost: no such account"_s));
    CHECK(server.runCli({u"user"_s, u"del"_s, u"ghost"_s}, {}, &output) == 1);
    CHECK(output.contains(u"ghost: no such account"_s));
    CHECK(server.runCli({u"user"_s, u"frobnicate"_s, u"carol"_s}, {}, &output) == 2);

    REQUIRE(server.start());
    CHECK(canLogIn(server, u"carol"_s, u"new pw"_s));
    CHECK_FALSE(canLogIn(server, u"carol"_s, u"carol pw"_s));
    CHECK(canLogIn(server, u"boss"_s, u"boss pw"_s));
    // Deleting works while the server runs; the account is gone at once.
    CHECK(server.runCli({u"user"_s, u"del"_s, u"carol"_s}, {}, &output) == 0);
    CHECK_FALSE(canLogIn(server, u"carol"_s, u"new pw"_s));
    CHECK(server.runCli({u"user"_s, u"list"_s}, {}, &output) == 0);
    CHECK_FALSE(output.contains(u"carol"_s));
}

TEST_CASE("the first start creates the configured admin and prints its password once", "[cli]")
{
    const Backend backend = GENERATE(Backend::Sqlite, Backend::MariaDb);
    INFO("backend: " << backendName(backend).toStdString());
    TestServer server({.backend = backend, .admins = {u"chief"_s}});
    REQUIRE(server.start());
    const QString announcement =
        u"Created the first admin account chief@flint.test with password "_s;
    REQUIRE(waitFor([&] { return server.log().contains(announcement); }));
    const auto match = QRegularExpression(QRegularExpression::escape(announcement) + u"(\\S+)"_s)
                           .match(server.log());
    REQUIRE(match.hasMatch());
    const QString password = match.captured(1);
    CHECK(canLogIn(server, u"chief"_s, password));

    REQUIRE(server.stop() == 0);
    REQUIRE(server.start());
    // A login proves the restarted server is past its start-up.
    CHECK(canLogIn(server, u"chief"_s, password));
    CHECK(server.log().count(announcement) == 1);
}

TEST_CASE("SIGTERM ends every stream with system-shutdown and exits 0", "[cli]")
{
    const Backend backend = GENERATE(Backend::Sqlite, Backend::MariaDb);
    INFO("backend: " << backendName(backend).toStdString());
    TestServer server({.backend = backend});
    REQUIRE(server.start());
    REQUIRE(server.addUser(u"alice"_s, u"alice pw"_s));

    RawStream raw(server.port(), server.domain());
    REQUIRE(raw.connectToServer());
    REQUIRE(raw.login(u"alice"_s, u"alice pw"_s));
    QXmppClient client;
    REQUIRE(
        connectClient(client, server.clientConfiguration(u"alice"_s, u"alice pw"_s, u"desktop"_s)));
    std::optional<QXmpp::StreamError> streamError;
    QObject::connect(&client, &QXmppClient::errorOccurred, [&](const QXmppError &error) {
        if (const auto condition = error.value<QXmpp::StreamError>())
            streamError = condition;
    });

    CHECK(server.stop() == 0);
    CHECK(raw.waitForText("<system-shutdown"));
    CHECK(raw.waitForDisconnected());
    CHECK(waitFor([&] { return !client.isConnected(); }));
    CHECK(streamError == QXmpp::StreamError::SystemShutdown);
    CHECK_FALSE(server.isRunning());
}

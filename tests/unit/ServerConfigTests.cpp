#include "server/ServerConfig.h"

#include <catch2/catch.hpp>

#include <QFile>
#include <QTemporaryDir>

using namespace flint;
using namespace Qt::StringLiterals;

namespace {

ServerConfig loadText(const QTemporaryDir &dir, const QByteArray &text, QStringList *errors)
{
    const QString path = dir.filePath(u"test.ini"_s);
    QFile file(path);
    file.open(QIODevice::WriteOnly | QIODevice::Truncate);
    file.write(text);
    file.close();
    return ServerConfig::load(path, errors);
}

} // namespace

TEST_CASE("an empty configuration gives the secure defaults", "[config]")
{
    QTemporaryDir dir;
    QStringList errors;
    const ServerConfig config = loadText(dir, "", &errors);
    CHECK(errors.isEmpty());
    CHECK(config.domain == u"localhost"_s);
    CHECK(config.tlsRequired);
    CHECK(config.registrationPolicy == RegistrationPolicy::Admins);
    CHECK(config.scramIterations >= 4096);
    CHECK(config.maxStanzaSize == 256 * 1024);
    CHECK(config.storage.backend == DatabaseSettings::Backend::Sqlite);
    CHECK(config.storage.sqlitePath == dir.filePath(u"flint.db"_s));
}

TEST_CASE("every option is read", "[config]")
{
    QTemporaryDir dir;
    QStringList errors;
    const ServerConfig config = loadText(
        dir,
        "[server]\n"
        "domain = Chat.Example.COM\n"
        "listen = 127.0.0.1:5300, [::1]:5301\n"
        "data_dir = data\n"
        "admins = root, boss@chat.example.com\n"
        "[tls]\ncertificate = c.pem\nprivate_key = k.pem\n"
        "[storage]\nbackend = mariadb\nmariadb_socket = /run/m.sock\n"
        "mariadb_database = im\nmariadb_user = im\nmariadb_password = pw\n"
        "[auth]\nscram_iterations = 10000\n"
        "[registration]\npolicy = open\nper_ip_per_hour = 3\n"
        "[limits]\nmax_stanza_size = 65536\nconnections_per_ip = 4\n"
        "idle_timeout = 60\noffline_quota = 10\n"
        "[proxy65]\nenabled = false\naddress = 192.0.2.7\nport = 7000\n"
        "idle_timeout_seconds = 30\nmax_streams = 5\n"
        "max_bytes_per_second_per_user = 1000000\n"
        "[upload]\nenabled = false\naddress = 192.0.2.8\nport = 5300\n"
        "public_host = files.example.com\nmax_file_size = 1000\n"
        "quota_per_user = 5000\nmin_free_space = 4096\nidle_timeout_seconds = 9\nexpire_days = 7\n",
        &errors);
    CHECK(errors.isEmpty());
    CHECK(config.domain == u"chat.example.com"_s);
    REQUIRE(config.listen.size() == 2);
    CHECK(config.listen[0].port == 5300);
    CHECK(config.listen[1].address == QHostAddress(u"::1"_s));
    CHECK(config.dataDirectory == dir.filePath(u"data"_s));
    CHECK(config.admins == QStringList{u"root@chat.example.com"_s, u"boss@chat.example.com"_s});
    CHECK(config.isAdmin(u"root@chat.example.com"_s));
    CHECK(config.certificateFile == u"c.pem"_s);
    CHECK(config.storage.backend == DatabaseSettings::Backend::MariaDb);
    CHECK(config.storage.socket == u"/run/m.sock"_s);
    CHECK(config.scramIterations == 10000);
    CHECK(config.registrationPolicy == RegistrationPolicy::Open);
    CHECK(config.registrationsPerIpPerHour == 3);
    CHECK(config.maxStanzaSize == 65536);
    CHECK(config.connectionsPerIp == 4);
    CHECK(config.idleTimeoutSeconds == 60);
    CHECK(config.offlineQuota == 10);
    CHECK_FALSE(config.proxy65.enabled);
    CHECK(config.proxy65.address == QHostAddress(u"192.0.2.7"_s));
    CHECK(config.proxy65.port == 7000);
    CHECK(config.proxy65.idleTimeoutSeconds == 30);
    CHECK(config.proxy65.maxStreams == 5);
    CHECK(config.proxy65.maxBytesPerSecondPerUser == 1000000);
    CHECK_FALSE(config.upload.enabled);
    CHECK(config.upload.address == QHostAddress(u"192.0.2.8"_s));
    CHECK(config.upload.port == 5300);
    CHECK(config.upload.publicHost == u"files.example.com"_s);
    CHECK(config.upload.maxFileSize == 1000);
    CHECK(config.upload.quotaPerUser == 5000);
    CHECK(config.upload.minFreeSpace == 4096);
    CHECK(config.upload.idleTimeoutSeconds == 9);
    CHECK(config.upload.expireDays == 7);
}

TEST_CASE("configuration mistakes are reported by name", "[config]")
{
    QTemporaryDir dir;
    QStringList errors;
    loadText(dir,
             "[server]\ndomain = not a domain\nlisten = nowhere\n"
             "[registration]\npolicy = sometimes\n[auth]\nscram_iterations = 10\n"
             "[tls]\ncertificate = only-cert.pem\n[limits]\ncolour = blue\n"
             "[proxy65]\naddress = nowhere\nport = 70000\n"
             "[upload]\naddress = nowhere\nport = 70000\n",
             &errors);
    const QString all = errors.join(u'\n');
    CHECK(all.contains(u"server/domain"_s));
    CHECK(all.contains(u"server/listen"_s));
    CHECK(all.contains(u"registration/policy"_s));
    CHECK(all.contains(u"auth/scram_iterations"_s));
    CHECK(all.contains(u"private_key"_s));
    CHECK(all.contains(u"limits/colour"_s));
    CHECK(all.contains(u"proxy65/address"_s));
    CHECK(all.contains(u"proxy65/port"_s));
    CHECK(all.contains(u"upload/address"_s));
    CHECK(all.contains(u"upload/port"_s));

    errors.clear();
    ServerConfig::load(dir.filePath(u"missing.ini"_s), &errors);
    CHECK(errors.size() == 1);
}

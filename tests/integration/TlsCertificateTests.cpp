// The server's TLS certificate as clients see it: generated on first start and reused, or
// configured PEM files (RSA or EC key, optional chain), and clear failures for bad key files.
#include "common/Certificates.h"
#include "support/RawStream.h"
#include "support/TestServer.h"

#include <catch2/catch.hpp>

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSslCertificate>
#include <QTemporaryDir>

using namespace flint::test;
using namespace Qt::StringLiterals;

namespace {

// Runs the openssl command line tool in `directory`; false (with its output in INFO) on failure.
bool openssl(const QString &directory, const QStringList &arguments)
{
    QProcess process;
    process.setWorkingDirectory(directory);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(u"openssl"_s, arguments);
    if (!process.waitForFinished(60000))
        return false;
    const bool ok = process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
    if (!ok)
        WARN("openssl " << arguments.join(u' ').toStdString() << ": "
                        << process.readAll().toStdString());
    return ok;
}

QStringList selfSignedArguments(const QStringList &keyOptions)
{
    return QStringList{u"req"_s, u"-x509"_s} + keyOptions +
           QStringList{u"-nodes"_s,
                       u"-days"_s,
                       u"30"_s,
                       u"-subj"_s,
                       u"/CN=flint.test"_s,
                       u"-addext"_s,
                       u"subjectAltName=DNS:flint.test"_s,
                       u"-keyout"_s,
                       u"key.pem"_s,
                       u"-out"_s,
                       u"cert.pem"_s};
}

QString loggedFingerprint(const QString &log)
{
    const auto matches =
        QRegularExpression(u"certificate SHA-256 fingerprint: ([0-9A-F:]+)"_s).globalMatch(log);
    QString last;
    for (auto it = matches; it.hasNext();)
        last = it.next().captured(1);
    return last;
}

// The certificate chain a client receives in the TLS handshake.
QList<QSslCertificate> servedChain(const TestServer &server)
{
    RawStream raw(server.port(), server.domain());
    if (!raw.connectToServer() || !raw.startTls())
        return {};
    return raw.peerCertificateChain();
}

// The certificate a client sees in the TLS handshake.
QSslCertificate servedCertificate(const TestServer &server)
{
    RawStream raw(server.port(), server.domain());
    if (!raw.connectToServer() || !raw.startTls())
        return QSslCertificate();
    return raw.peerCertificate();
}

QSslCertificate certificateFile(const QString &path)
{
    const auto certificates = QSslCertificate::fromPath(path);
    return certificates.isEmpty() ? QSslCertificate() : certificates.first();
}

} // namespace

TEST_CASE("a self-signed certificate is generated on first start and reused", "[tls]")
{
    TestServer server;
    REQUIRE(server.start());

    const QString certificatePath = QDir(server.dataDirectory()).filePath(u"certificate.pem"_s);
    REQUIRE(QFile::exists(certificatePath));
    REQUIRE(QFile::exists(QDir(server.dataDirectory()).filePath(u"private-key.pem"_s)));
    const QSslCertificate generated = certificateFile(certificatePath);
    REQUIRE_FALSE(generated.isNull());
    CHECK(generated.subjectAlternativeNames().values(QSsl::DnsEntry) ==
          QStringList{u"flint.test"_s});
    CHECK(waitFor([&] { return server.log().contains(u"generated a self-signed certificate"_s); }));

    const QSslCertificate served = servedCertificate(server);
    REQUIRE_FALSE(served.isNull());
    const QString fingerprint = flint::sha256Fingerprint(served);
    CHECK(served == generated);
    CHECK(loggedFingerprint(server.log()) == fingerprint);
    CHECK(fingerprint.size() == 32 * 3 - 1);

    REQUIRE(server.stop() == 0);
    const qsizetype logSize = server.log().size();
    REQUIRE(server.start());
    CHECK(waitFor([&] { return !loggedFingerprint(server.log().mid(logSize)).isEmpty(); }));
    const QString secondLog = server.log().mid(logSize);
    CHECK_FALSE(secondLog.contains(u"generated a self-signed certificate"_s));
    CHECK(loggedFingerprint(secondLog) == fingerprint);
    CHECK(flint::sha256Fingerprint(servedCertificate(server)) == fingerprint);
}

TEST_CASE("configured PEM files with an RSA or an EC key are served", "[tls]")
{
    const auto [keyType, keyOptions] =
        GENERATE(std::pair{"RSA", QStringList{u"-newkey"_s, u"rsa:2048"_s}},
                 std::pair{"EC", QStringList{u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s,
                                             u"ec_paramgen_curve:prime256v1"_s}});
    INFO("key type: " << keyType);
    QTemporaryDir files;
    REQUIRE(openssl(files.path(), selfSignedArguments(keyOptions)));
    const QSslCertificate configured = certificateFile(files.filePath(u"cert.pem"_s));
    REQUIRE_FALSE(configured.isNull());

    TestServer server({.settings = {{u"tls/certificate"_s, files.filePath(u"cert.pem"_s)},
                                    {u"tls/private_key"_s, files.filePath(u"key.pem"_s)}}});
    REQUIRE(server.start());
    const QSslCertificate served = servedCertificate(server);
    REQUIRE_FALSE(served.isNull());
    CHECK(served == configured);
    CHECK(served.publicKey().algorithm() ==
          (keyType == std::string_view("RSA") ? QSsl::Rsa : QSsl::Ec));
    CHECK(waitFor([&] { return !loggedFingerprint(server.log()).isEmpty(); }));
    CHECK(loggedFingerprint(server.log()) == flint::sha256Fingerprint(configured));
    CHECK_FALSE(QFile::exists(QDir(server.dataDirectory()).filePath(u"certificate.pem"_s)));

    // The configured certificate serves real clients too.
    REQUIRE(server.addUser(u"alice"_s, u"pw"_s));
    RawStream raw(server.port(), server.domain());
    REQUIRE(raw.connectToServer());
    CHECK(raw.login(u"alice"_s, u"pw"_s));
}

TEST_CASE("a configured chain file is sent in the handshake", "[tls]")
{
    QTemporaryDir files;
    const QString dir = files.path();
    REQUIRE(openssl(dir, {u"req"_s, u"-x509"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s,
                          u"-days"_s, u"30"_s, u"-subj"_s, u"/CN=Flint Test CA"_s, u"-addext"_s,
                          u"basicConstraints=critical,CA:TRUE"_s, u"-addext"_s,
                          u"keyUsage=critical,keyCertSign,cRLSign"_s, u"-keyout"_s, u"ca-key.pem"_s,
                          u"-out"_s, u"ca.pem"_s}));
    REQUIRE(
        openssl(dir, {u"req"_s, u"-new"_s, u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s,
                      u"ec_paramgen_curve:prime256v1"_s, u"-nodes"_s, u"-subj"_s,
                      u"/CN=flint.test"_s, u"-keyout"_s, u"key.pem"_s, u"-out"_s, u"leaf.csr"_s}));
    QFile extensions(files.filePath(u"leaf.ext"_s));
    REQUIRE(extensions.open(QIODevice::WriteOnly));
    extensions.write("subjectAltName=DNS:flint.test\nextendedKeyUsage=serverAuth\n");
    extensions.close();
    REQUIRE(openssl(dir, {u"x509"_s, u"-req"_s, u"-in"_s, u"leaf.csr"_s, u"-CA"_s, u"ca.pem"_s,
                          u"-CAkey"_s, u"ca-key.pem"_s, u"-CAcreateserial"_s, u"-days"_s, u"30"_s,
                          u"-extfile"_s, u"leaf.ext"_s, u"-out"_s, u"leaf.pem"_s}));
    const QSslCertificate leaf = certificateFile(files.filePath(u"leaf.pem"_s));
    const QSslCertificate authority = certificateFile(files.filePath(u"ca.pem"_s));
    REQUIRE_FALSE(leaf.isNull());
    REQUIRE_FALSE(authority.isNull());

    TestServer server({.settings = {{u"tls/certificate"_s, files.filePath(u"leaf.pem"_s)},
                                    {u"tls/private_key"_s, files.filePath(u"key.pem"_s)},
                                    {u"tls/chain"_s, files.filePath(u"ca.pem"_s)}}});
    REQUIRE(server.start());
    const QList<QSslCertificate> chain = servedChain(server);
    REQUIRE(chain.size() == 2);
    CHECK(chain[0] == leaf);
    CHECK(chain[1] == authority);
    CHECK(chain[0].issuerInfo(QSslCertificate::CommonName) == QStringList{u"Flint Test CA"_s});
}

TEST_CASE("an unusable private key stops the server with a message naming the file", "[tls]")
{
    QTemporaryDir files;
    REQUIRE(openssl(files.path(), selfSignedArguments({u"-newkey"_s, u"rsa:2048"_s})));
    const QString certificate = files.filePath(u"cert.pem"_s);

    QString key;
    QString expected;
    SECTION("missing")
    {
        key = files.filePath(u"missing-key.pem"_s);
        expected = u"does not exist"_s;
    }
    SECTION("unreadable (a directory)")
    {
        key = files.filePath(u"key-directory.pem"_s);
        REQUIRE(QDir().mkpath(key));
        expected = u"cannot read key file"_s;
    }
    SECTION("not a key")
    {
        key = files.filePath(u"garbage.pem"_s);
        QFile garbage(key);
        REQUIRE(garbage.open(QIODevice::WriteOnly));
        garbage.write("-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n");
        expected = u"holds no unencrypted PEM RSA or EC private key"_s;
    }
    SECTION("belonging to another certificate")
    {
        QTemporaryDir other;
        REQUIRE(openssl(other.path(), selfSignedArguments({u"-newkey"_s, u"rsa:2048"_s})));
        key = files.filePath(u"other-key.pem"_s);
        REQUIRE(QFile::copy(other.filePath(u"key.pem"_s), key));
        expected = u"does not belong to certificate"_s;
    }
    INFO("key: " << key.toStdString());

    TestServer server(
        {.settings = {{u"tls/certificate"_s, certificate}, {u"tls/private_key"_s, key}}});
    CHECK_FALSE(server.start());
    CHECK(server.stop() == 1);
    const QString log = server.log();
    INFO("log: " << log.toStdString());
    CHECK(log.contains(u"flint-server cannot start"_s));
    CHECK(log.contains(key));
    CHECK(log.contains(expected));
}

#include "common/Certificates.h"

#include <QDateTime>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <catch2/catch.hpp>

using namespace flint;

namespace {

constexpr QFile::Permissions ClassPermissions =
    QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadGroup | QFile::WriteGroup |
    QFile::ExeGroup | QFile::ReadOther | QFile::WriteOther | QFile::ExeOther;

void writeFile(const QString &path, const QByteArray &data)
{
    QFile file(path);
    REQUIRE(file.open(QIODevice::WriteOnly));
    REQUIRE(file.write(data) == data.size());
}

QByteArray readBio(BIO *bio)
{
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    return QByteArray(data, size);
}

// An RSA certificate as other tools produce it, made with OpenSSL directly.
void writeRsaCertificate(const QString &certificatePath, const QString &keyPath,
                         bool traditionalKeyFormat)
{
    EVP_PKEY *key = EVP_RSA_gen(2048);
    X509 *certificate = X509_new();
    BIO *certificateBio = BIO_new(BIO_s_mem());
    BIO *keyBio = BIO_new(BIO_s_mem());
    REQUIRE((key && certificate && certificateBio && keyBio));
    X509_NAME *name = X509_get_subject_name(certificate);
    const bool built =
        X509_set_version(certificate, X509_VERSION_3) == 1 &&
        ASN1_INTEGER_set(X509_get_serialNumber(certificate), 42) == 1 &&
        X509_gmtime_adj(X509_getm_notBefore(certificate), 0) &&
        X509_gmtime_adj(X509_getm_notAfter(certificate), 86400) &&
        X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                                   reinterpret_cast<const uchar *>("rsa.example"), -1, -1,
                                   0) == 1 &&
        X509_set_issuer_name(certificate, name) == 1 && X509_set_pubkey(certificate, key) == 1 &&
        X509_sign(certificate, key, EVP_sha256()) > 0 &&
        PEM_write_bio_X509(certificateBio, certificate) == 1 &&
        (traditionalKeyFormat
             ? PEM_write_bio_PrivateKey_traditional(keyBio, key, nullptr, nullptr, 0, nullptr,
                                                    nullptr)
             : PEM_write_bio_PrivateKey(keyBio, key, nullptr, nullptr, 0, nullptr, nullptr)) == 1;
    const QByteArray certificatePem = readBio(certificateBio);
    const QByteArray keyPem = readBio(keyBio);
    BIO_free(keyBio);
    BIO_free(certificateBio);
    X509_free(certificate);
    EVP_PKEY_free(key);
    REQUIRE(built);
    writeFile(certificatePath, certificatePem);
    writeFile(keyPath, keyPem);
}

} // namespace

TEST_CASE("Self-signed certificates are generated and load back", "[certificates]")
{
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    const QString certificatePath = dir.filePath(QStringLiteral("tls/nested/cert.pem"));
    const QString keyPath = dir.filePath(QStringLiteral("tls/private/key.pem"));
    const QString domain = QStringLiteral("chat.example.org");

    REQUIRE(generateSelfSignedCertificate(domain, certificatePath, keyPath).isEmpty());
    CHECK((QFile::permissions(keyPath) & ClassPermissions) ==
          (QFile::ReadOwner | QFile::WriteOwner));

    QString error;
    const CertificateBundle bundle = loadCertificateBundle(certificatePath, keyPath, {}, &error);
    INFO(error.toStdString());
    REQUIRE_FALSE(bundle.isNull());
    CHECK(error.isEmpty());
    CHECK(bundle.chain.isEmpty());
    CHECK(bundle.privateKey.algorithm() == QSsl::Ec);
    CHECK(bundle.privateKey.type() == QSsl::PrivateKey);
    // Not isSelfSigned(): Qt asks X509_check_issued, which wants keyCertSign, absent on a leaf.
    CHECK(bundle.certificate.issuerDisplayName() == bundle.certificate.subjectDisplayName());
    CHECK(bundle.certificate.subjectAlternativeNames().values(QSsl::DnsEntry).contains(domain));
    CHECK(bundle.certificate.subjectInfo(QSslCertificate::CommonName).contains(domain));
    CHECK(bundle.certificate.version() == QByteArrayLiteral("3"));

    const QDateTime now = QDateTime::currentDateTimeUtc();
    CHECK(bundle.certificate.effectiveDate() <= now);
    CHECK(bundle.certificate.expiryDate() > now.addYears(10).addDays(-2));
    CHECK(bundle.certificate.expiryDate() < now.addYears(10).addDays(2));

    const QString fingerprint = sha256Fingerprint(bundle.certificate);
    CHECK(QRegularExpression(QStringLiteral("^([0-9A-F]{2}:){31}[0-9A-F]{2}$"))
              .match(fingerprint)
              .hasMatch());
    const QString hexDigest =
        QString::fromLatin1(bundle.certificate.digest(QCryptographicHash::Sha256).toHex());
    CHECK(QString(fingerprint).remove(u':') == hexDigest.toUpper());
    CHECK(sha256Fingerprint(QSslCertificate()).isEmpty());

    SECTION("each generation has its own key and serial")
    {
        const QString otherCertificate = dir.filePath(QStringLiteral("other-cert.pem"));
        const QString otherKey = dir.filePath(QStringLiteral("other-key.pem"));
        REQUIRE(generateSelfSignedCertificate(domain, otherCertificate, otherKey).isEmpty());
        const CertificateBundle other =
            loadCertificateBundle(otherCertificate, otherKey, {}, &error);
        REQUIRE_FALSE(other.isNull());
        CHECK(other.certificate.serialNumber() != bundle.certificate.serialNumber());
        CHECK(other.privateKey != bundle.privateKey);

        // A certificate with another certificate's key is a configuration mistake.
        const CertificateBundle mixed =
            loadCertificateBundle(certificatePath, otherKey, {}, &error);
        CHECK(mixed.isNull());
        CHECK(error.contains(otherKey));
    }

    SECTION("a chain file is appended")
    {
        const QString chainPath = dir.filePath(QStringLiteral("chain.pem"));
        REQUIRE(generateSelfSignedCertificate(QStringLiteral("ca.example"), chainPath,
                                              dir.filePath(QStringLiteral("ca-key.pem")))
                    .isEmpty());
        const CertificateBundle chained =
            loadCertificateBundle(certificatePath, keyPath, chainPath, &error);
        REQUIRE_FALSE(chained.isNull());
        CHECK(error.isEmpty());
        REQUIRE(chained.chain.size() == 1);
        CHECK(chained.chain.first()
                  .subjectAlternativeNames()
                  .values(QSsl::DnsEntry)
                  .contains(QStringLiteral("ca.example")));
    }

    SECTION("an existing key file is overwritten and kept private")
    {
        QFile::setPermissions(keyPath, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther);
        REQUIRE(generateSelfSignedCertificate(domain, certificatePath, keyPath).isEmpty());
        CHECK((QFile::permissions(keyPath) & ClassPermissions) ==
              (QFile::ReadOwner | QFile::WriteOwner));
        const CertificateBundle regenerated =
            loadCertificateBundle(certificatePath, keyPath, {}, &error);
        REQUIRE_FALSE(regenerated.isNull());
        CHECK(regenerated.certificate != bundle.certificate);
    }
}

TEST_CASE("Certificate generation handles unusual domains", "[certificates]")
{
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    const QString certificatePath = dir.filePath(QStringLiteral("cert.pem"));
    const QString keyPath = dir.filePath(QStringLiteral("key.pem"));
    QString error;

    SECTION("internationalised domains use their A-label")
    {
        REQUIRE(generateSelfSignedCertificate(QStringLiteral("bücher.example"), certificatePath,
                                              keyPath)
                    .isEmpty());
        const CertificateBundle bundle =
            loadCertificateBundle(certificatePath, keyPath, {}, &error);
        REQUIRE_FALSE(bundle.isNull());
        CHECK(bundle.certificate.subjectAlternativeNames()
                  .values(QSsl::DnsEntry)
                  .contains(QStringLiteral("xn--bcher-kva.example")));
    }
    SECTION("domains too long for a common name still get a SAN")
    {
        const QString domain = QStringLiteral("a-rather-long-label-for-testing.") +
                               QString(40, u'x') + QStringLiteral(".example");
        REQUIRE(generateSelfSignedCertificate(domain, certificatePath, keyPath).isEmpty());
        const CertificateBundle bundle =
            loadCertificateBundle(certificatePath, keyPath, {}, &error);
        REQUIRE_FALSE(bundle.isNull());
        CHECK(bundle.certificate.subjectAlternativeNames().values(QSsl::DnsEntry).contains(domain));
    }
    SECTION("an empty domain is refused")
    {
        CHECK_FALSE(generateSelfSignedCertificate({}, certificatePath, keyPath).isEmpty());
        CHECK_FALSE(QFile::exists(keyPath));
    }
}

TEST_CASE("Loading certificates reports what is wrong", "[certificates]")
{
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    const QString certificatePath = dir.filePath(QStringLiteral("cert.pem"));
    const QString keyPath = dir.filePath(QStringLiteral("key.pem"));
    const QString missingPath = dir.filePath(QStringLiteral("missing.pem"));
    REQUIRE(generateSelfSignedCertificate(QStringLiteral("example.org"), certificatePath, keyPath)
                .isEmpty());
    QString error;

    SECTION("missing certificate")
    {
        CHECK(loadCertificateBundle(missingPath, keyPath, {}, &error).isNull());
        CHECK(error.contains(missingPath));
    }
    SECTION("missing key")
    {
        CHECK(loadCertificateBundle(certificatePath, missingPath, {}, &error).isNull());
        CHECK(error.contains(missingPath));
    }
    SECTION("missing chain")
    {
        CHECK(loadCertificateBundle(certificatePath, keyPath, missingPath, &error).isNull());
        CHECK(error.contains(missingPath));
    }
    SECTION("garbage instead of PEM")
    {
        const QString garbagePath = dir.filePath(QStringLiteral("garbage.pem"));
        writeFile(garbagePath, "not a certificate\n");
        CHECK(loadCertificateBundle(garbagePath, keyPath, {}, &error).isNull());
        CHECK(error.contains(garbagePath));
        CHECK(loadCertificateBundle(certificatePath, garbagePath, {}, &error).isNull());
        CHECK(error.contains(garbagePath));
    }
    SECTION("the key file given as certificate")
    {
        CHECK(loadCertificateBundle(keyPath, keyPath, {}, &error).isNull());
        CHECK(error.contains(keyPath));
    }
    SECTION("no error pointer")
    {
        CHECK(loadCertificateBundle(missingPath, keyPath, {}, nullptr).isNull());
    }
}

TEST_CASE("RSA certificates and keys load", "[certificates]")
{
    const bool traditionalKeyFormat = GENERATE(false, true);
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    const QString certificatePath = dir.filePath(QStringLiteral("rsa-cert.pem"));
    const QString keyPath = dir.filePath(QStringLiteral("rsa-key.pem"));
    writeRsaCertificate(certificatePath, keyPath, traditionalKeyFormat);

    QString error;
    const CertificateBundle bundle = loadCertificateBundle(certificatePath, keyPath, {}, &error);
    INFO(error.toStdString());
    REQUIRE_FALSE(bundle.isNull());
    CHECK(error.isEmpty());
    CHECK(bundle.privateKey.algorithm() == QSsl::Rsa);
    CHECK(bundle.certificate.subjectInfo(QSslCertificate::CommonName)
              .contains(QStringLiteral("rsa.example")));
}

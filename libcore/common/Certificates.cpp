#include "Certificates.h"

#include "Scram.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QUrl>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

namespace flint {
namespace {

constexpr int ValidityYears = 10;
constexpr int SerialBytes = 16;
constexpr int MaxCommonNameLength = 64; // ub-common-name, RFC 5280 appendix A

template <auto FreeFunction> struct OpenSslDeleter {
    template <typename T> void operator()(T *pointer) const { FreeFunction(pointer); }
};
template <typename T, auto FreeFunction>
using OpenSslPtr = std::unique_ptr<T, OpenSslDeleter<FreeFunction>>;

using PkeyPtr = OpenSslPtr<EVP_PKEY, EVP_PKEY_free>;
using X509Ptr = OpenSslPtr<X509, X509_free>;
using BioPtr = OpenSslPtr<BIO, BIO_free>;
using BignumPtr = OpenSslPtr<BIGNUM, BN_free>;
using ExtensionPtr = OpenSslPtr<X509_EXTENSION, X509_EXTENSION_free>;
using GeneralNamesPtr = OpenSslPtr<GENERAL_NAMES, GENERAL_NAMES_free>;

bool addExtension(X509 *certificate, X509V3_CTX *context, int nid, const char *value)
{
    ExtensionPtr extension(X509V3_EXT_nconf_nid(nullptr, context, nid, value));
    return extension && X509_add_ext(certificate, extension.get(), -1) == 1;
}

// Built by hand rather than from a "DNS:..." config string, so no domain can inject entries.
bool addSubjectAltName(X509 *certificate, const QByteArray &dnsName, bool critical)
{
    GeneralNamesPtr names(sk_GENERAL_NAME_new_null());
    GENERAL_NAME *name = GENERAL_NAME_new();
    ASN1_IA5STRING *text = ASN1_IA5STRING_new();
    if (!names || !name || !text ||
        ASN1_STRING_set(text, dnsName.constData(), int(dnsName.size())) != 1) {
        GENERAL_NAME_free(name);
        ASN1_IA5STRING_free(text);
        return false;
    }
    GENERAL_NAME_set0_value(name, GEN_DNS, text);
    if (sk_GENERAL_NAME_push(names.get(), name) <= 0) {
        GENERAL_NAME_free(name);
        return false;
    }
    return X509_add1_ext_i2d(certificate, NID_subject_alt_name, names.get(), critical ? 1 : 0,
                             X509V3_ADD_DEFAULT) == 1;
}

bool setRandomSerial(X509 *certificate)
{
    QByteArray serial = randomBytes(SerialBytes);
    // Positive and never zero, as RFC 5280 §4.1.2.2 requires.
    serial[0] = char((serial[0] & 0x7f) | 0x40);
    BignumPtr number(BN_bin2bn(reinterpret_cast<const uchar *>(serial.constData()),
                               int(serial.size()), nullptr));
    return number && BN_to_ASN1_INTEGER(number.get(), X509_get_serialNumber(certificate));
}

QString toPem(X509 *certificate, EVP_PKEY *key, QByteArray *certificatePem, QByteArray *keyPem)
{
    BioPtr certificateBio(BIO_new(BIO_s_mem()));
    BioPtr keyBio(BIO_new(BIO_s_mem()));
    if (!certificateBio || !keyBio || PEM_write_bio_X509(certificateBio.get(), certificate) != 1 ||
        PEM_write_bio_PrivateKey(keyBio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) != 1)
        return QStringLiteral("cannot encode the certificate as PEM: %1").arg(takeOpenSslError());
    const auto read = [](BIO *bio) {
        char *data = nullptr;
        const long size = BIO_get_mem_data(bio, &data);
        return QByteArray(data, size);
    };
    *certificatePem = read(certificateBio.get());
    *keyPem = read(keyBio.get());
    return {};
}

QString writeFile(const QString &path, const QByteArray &data, QFile::Permissions permissions)
{
    const QString directory = QFileInfo(path).absolutePath();
    if (!QDir().mkpath(directory))
        return QStringLiteral("cannot create directory %1").arg(directory);
    QFile file(path);
    // Create with the final permissions, and tighten a pre-existing file before writing to it.
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate, permissions) ||
        !file.setPermissions(permissions))
        return QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
    if (file.write(data) != data.size() || !file.flush())
        return QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
    return {};
}

QByteArray readFile(const QString &path, const QString &what, QString *error)
{
    QFile file(path);
    if (!file.exists()) {
        *error = QStringLiteral("%1 file %2 does not exist").arg(what, path);
        return {};
    }
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1 file %2: %3").arg(what, path, file.errorString());
        return {};
    }
    return file.readAll();
}

// A certificate with somebody else's key only fails later, in every TLS handshake; say it now.
bool keyMatchesCertificate(const QSslCertificate &certificate, const QByteArray &keyPem)
{
    const QByteArray der = certificate.toDer();
    const auto *derData = reinterpret_cast<const uchar *>(der.constData());
    X509Ptr x509(d2i_X509(nullptr, &derData, long(der.size())));
    BioPtr keyBio(BIO_new_mem_buf(keyPem.constData(), int(keyPem.size())));
    PkeyPtr key(keyBio ? PEM_read_bio_PrivateKey(keyBio.get(), nullptr, nullptr, nullptr)
                       : nullptr);
    const bool matches = x509 && key && X509_check_private_key(x509.get(), key.get()) == 1;
    ERR_clear_error();
    return matches;
}

} // namespace

QString generateSelfSignedCertificate(const QString &domain, const QString &certificatePath,
                                      const QString &keyPath)
{
    // dNSName is an IA5String: internationalised domains go in as their A-label form.
    const QByteArray dnsName = QUrl::toAce(domain);
    if (dnsName.isEmpty())
        return QStringLiteral("cannot make a certificate for the domain \"%1\"").arg(domain);

    PkeyPtr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
    X509Ptr certificate(X509_new());
    if (!key || !certificate)
        return QStringLiteral("cannot generate a key: %1").arg(takeOpenSslError());

    // Long domains do not fit a CN; clients match the SAN anyway, which RFC 5280 §4.2.1.6 then
    // wants critical because the subject is empty.
    const bool withCommonName = dnsName.size() <= MaxCommonNameLength;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    X509_NAME *name = X509_get_subject_name(certificate.get());
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, certificate.get(), certificate.get(), nullptr, nullptr, 0);
    const bool built =
        X509_set_version(certificate.get(), X509_VERSION_3) == 1 &&
        setRandomSerial(certificate.get()) &&
        ASN1_TIME_set(X509_getm_notBefore(certificate.get()), now.toSecsSinceEpoch()) &&
        ASN1_TIME_set(X509_getm_notAfter(certificate.get()),
                      now.addYears(ValidityYears).toSecsSinceEpoch()) &&
        (!withCommonName ||
         X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                                    reinterpret_cast<const uchar *>(dnsName.constData()),
                                    int(dnsName.size()), -1, 0) == 1) &&
        X509_set_issuer_name(certificate.get(), name) == 1 &&
        X509_set_pubkey(certificate.get(), key.get()) == 1 &&
        addSubjectAltName(certificate.get(), dnsName, !withCommonName) &&
        addExtension(certificate.get(), &context, NID_basic_constraints, "critical,CA:FALSE") &&
        addExtension(certificate.get(), &context, NID_key_usage, "critical,digitalSignature") &&
        addExtension(certificate.get(), &context, NID_ext_key_usage, "serverAuth") &&
        addExtension(certificate.get(), &context, NID_subject_key_identifier, "hash") &&
        X509_sign(certificate.get(), key.get(), EVP_sha256()) > 0;
    if (!built)
        return QStringLiteral("cannot build a certificate for %1: %2")
            .arg(domain, takeOpenSslError());

    QByteArray certificatePem;
    QByteArray keyPem;
    if (QString error = toPem(certificate.get(), key.get(), &certificatePem, &keyPem);
        !error.isEmpty())
        return error;
    if (QString error = writeFile(keyPath, keyPem, QFile::ReadOwner | QFile::WriteOwner);
        !error.isEmpty())
        return error;
    return writeFile(certificatePath, certificatePem,
                     QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
}

CertificateBundle loadCertificateBundle(const QString &certificatePath, const QString &keyPath,
                                        const QString &chainPath, QString *error)
{
    QString ignored;
    QString &message = error ? *error : ignored;
    message.clear();

    const QByteArray certificateData =
        readFile(certificatePath, QStringLiteral("certificate"), &message);
    if (!message.isEmpty())
        return CertificateBundle();
    // A certificate file may carry its chain after the leaf, as many CAs deliver it.
    QList<QSslCertificate> certificates = QSslCertificate::fromData(certificateData, QSsl::Pem);
    if (certificates.isEmpty() || certificates.first().isNull()) {
        message =
            QStringLiteral("certificate file %1 holds no PEM certificate").arg(certificatePath);
        return CertificateBundle();
    }

    CertificateBundle bundle;
    bundle.certificate = certificates.takeFirst();
    bundle.chain = certificates;
    if (!chainPath.isEmpty()) {
        const QByteArray chainData = readFile(chainPath, QStringLiteral("chain"), &message);
        if (!message.isEmpty())
            return CertificateBundle();
        const QList<QSslCertificate> chain = QSslCertificate::fromData(chainData, QSsl::Pem);
        if (chain.isEmpty()) {
            message = QStringLiteral("chain file %1 holds no PEM certificate").arg(chainPath);
            return CertificateBundle();
        }
        bundle.chain += chain;
    }

    const QByteArray keyData = readFile(keyPath, QStringLiteral("key"), &message);
    if (!message.isEmpty())
        return CertificateBundle();
    for (QSsl::KeyAlgorithm algorithm : {QSsl::Ec, QSsl::Rsa}) {
        bundle.privateKey = QSslKey(keyData, algorithm, QSsl::Pem, QSsl::PrivateKey);
        if (!bundle.privateKey.isNull())
            break;
    }
    if (bundle.privateKey.isNull()) {
        message = QStringLiteral("key file %1 holds no unencrypted PEM RSA or EC private key")
                      .arg(keyPath);
        return CertificateBundle();
    }
    if (!keyMatchesCertificate(bundle.certificate, keyData)) {
        message = QStringLiteral("key file %1 does not belong to certificate %2")
                      .arg(keyPath, certificatePath);
        return CertificateBundle();
    }
    return bundle;
}

QString sha256Fingerprint(const QSslCertificate &certificate)
{
    if (certificate.isNull())
        return {};
    return QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex(':').toUpper());
}

QString takeOpenSslError()
{
    const unsigned long code = ERR_get_error();
    ERR_clear_error();
    if (code == 0)
        return QStringLiteral("unknown OpenSSL error");
    char text[256];
    ERR_error_string_n(code, text, sizeof text);
    return QString::fromLatin1(text);
}

} // namespace flint

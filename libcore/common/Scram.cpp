#include "Scram.h"

#include <QList>
#include <QStringDecoder>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <utility>

namespace flint {
namespace {

constexpr int ServerNonceBytes = 24;
constexpr int FakeSaltBytes = 16;
constexpr int FakeIterations = 4096;

const EVP_MD *digestFor(ScramAlgorithm algorithm)
{
    return algorithm == ScramAlgorithm::Sha1 ? EVP_sha1() : EVP_sha256();
}

int digestSize(ScramAlgorithm algorithm)
{
    return EVP_MD_get_size(digestFor(algorithm));
}

QByteArray hash(ScramAlgorithm algorithm, const QByteArray &data)
{
    QByteArray out(EVP_MAX_MD_SIZE, Qt::Uninitialized);
    unsigned int length = 0;
    if (EVP_Digest(data.constData(), size_t(data.size()), reinterpret_cast<uchar *>(out.data()),
                   &length, digestFor(algorithm), nullptr) != 1)
        return {};
    out.resize(length);
    return out;
}

QByteArray hmac(ScramAlgorithm algorithm, const QByteArray &key, const QByteArray &data)
{
    QByteArray out(EVP_MAX_MD_SIZE, Qt::Uninitialized);
    unsigned int length = 0;
    if (!HMAC(digestFor(algorithm), key.constData(), int(key.size()),
              reinterpret_cast<const uchar *>(data.constData()), size_t(data.size()),
              reinterpret_cast<uchar *>(out.data()), &length))
        return {};
    out.resize(length);
    return out;
}

QByteArray xorBytes(const QByteArray &a, const QByteArray &b)
{
    QByteArray out(a.size(), Qt::Uninitialized);
    for (qsizetype i = 0; i < a.size(); ++i)
        out[i] = char(a[i] ^ b[i]);
    return out;
}

// Keys the fake salts of unknown users: stable within a process, so repeated probes for one
// name see the same salt, yet unpredictable from outside.
const QByteArray &processSecret()
{
    static const QByteArray secret = randomBytes(32);
    return secret;
}

bool validCredentials(ScramAlgorithm algorithm, const ScramCredentials &credentials)
{
    const int size = digestSize(algorithm);
    return !credentials.salt.isEmpty() && credentials.iterations > 0 &&
           credentials.storedKey.size() == size && credentials.serverKey.size() == size;
}

std::optional<QByteArray> decodeBase64(QByteArrayView text)
{
    auto result =
        QByteArray::fromBase64Encoding(text.toByteArray(), QByteArray::AbortOnBase64DecodingErrors);
    if (!result)
        return std::nullopt;
    return *result;
}

// saslname: "=2C" and "=3D" are the only escapes, the rest must be valid UTF-8 (RFC 5802 §5.1).
std::optional<QString> decodeSaslName(QByteArrayView text)
{
    QByteArray raw;
    raw.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\0' || c == ',')
            return std::nullopt;
        if (c != '=') {
            raw.append(c);
            continue;
        }
        const QByteArrayView escape = i + 2 < text.size() ? text.sliced(i + 1, 2) : "";
        if (escape == "2C")
            raw.append(',');
        else if (escape == "3D")
            raw.append('=');
        else
            return std::nullopt;
        i += 2;
    }
    QStringDecoder decoder(QStringDecoder::Utf8);
    QString name = decoder(raw);
    if (decoder.hasError())
        return std::nullopt;
    return name;
}

// Printable ASCII without ',' (RFC 5802 §7, "printable").
bool isValidNonce(QByteArrayView nonce)
{
    if (nonce.isEmpty())
        return false;
    for (char c : nonce) {
        if (c < 0x21 || c > 0x7e || c == ',')
            return false;
    }
    return true;
}

bool isAttribute(QByteArrayView field, char name)
{
    return field.size() >= 2 && field[0] == name && field[1] == '=';
}

// Optional extensions (attr-val) we do not understand must be well-formed and are ignored.
bool isExtension(QByteArrayView field)
{
    if (field.size() < 2 || field[1] != '=')
        return false;
    const char c = field[0];
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

QList<QByteArrayView> splitFields(QByteArrayView text)
{
    QList<QByteArrayView> fields;
    qsizetype start = 0;
    for (qsizetype comma = text.indexOf(','); comma >= 0; comma = text.indexOf(',', start)) {
        fields.append(text.sliced(start, comma - start));
        start = comma + 1;
    }
    fields.append(text.sliced(start));
    return fields;
}

ScramServerExchange::Step failure(const QString &error)
{
    return {ScramServerExchange::Status::Failed, {}, error};
}

} // namespace

QString scramMechanismName(ScramAlgorithm algorithm)
{
    return algorithm == ScramAlgorithm::Sha1 ? QStringLiteral("SCRAM-SHA-1")
                                             : QStringLiteral("SCRAM-SHA-256");
}

ScramCredentials deriveScramCredentials(ScramAlgorithm algorithm, const QString &password,
                                        const QByteArray &salt, int iterations)
{
    if (salt.isEmpty() || iterations < 1)
        return {};
    // NFKC is the part of SASLprep that matters in practice: the same password typed with
    // composed or decomposed characters must give the same keys.
    const QByteArray normalized = password.normalized(QString::NormalizationForm_KC).toUtf8();
    QByteArray saltedPassword(digestSize(algorithm), Qt::Uninitialized);
    if (PKCS5_PBKDF2_HMAC(normalized.constData(), int(normalized.size()),
                          reinterpret_cast<const uchar *>(salt.constData()), int(salt.size()),
                          iterations, digestFor(algorithm), int(saltedPassword.size()),
                          reinterpret_cast<uchar *>(saltedPassword.data())) != 1)
        return {};

    ScramCredentials credentials;
    credentials.salt = salt;
    credentials.iterations = iterations;
    credentials.storedKey =
        hash(algorithm, hmac(algorithm, saltedPassword, QByteArrayLiteral("Client Key")));
    credentials.serverKey = hmac(algorithm, saltedPassword, QByteArrayLiteral("Server Key"));
    OPENSSL_cleanse(saltedPassword.data(), size_t(saltedPassword.size()));
    return credentials;
}

QByteArray randomBytes(int count)
{
    QByteArray bytes(count, Qt::Uninitialized);
    // Without a working CSPRNG no nonce, salt or key is safe; there is nothing to fall back to.
    if (count > 0 && RAND_bytes(reinterpret_cast<uchar *>(bytes.data()), count) != 1)
        qFatal("flint: the OpenSSL random generator failed");
    return bytes;
}

bool constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    return CRYPTO_memcmp(a.constData(), b.constData(), size_t(a.size())) == 0;
}

bool verifyPassword(ScramAlgorithm algorithm, const ScramCredentials &credentials,
                    const QString &password)
{
    if (!validCredentials(algorithm, credentials))
        return false;
    const ScramCredentials derived =
        deriveScramCredentials(algorithm, password, credentials.salt, credentials.iterations);
    // Non-short-circuiting '&': both comparisons always run.
    return constantTimeEquals(derived.storedKey, credentials.storedKey) &
           constantTimeEquals(derived.serverKey, credentials.serverKey);
}

ScramServerExchange::ScramServerExchange(ScramAlgorithm algorithm) : m_algorithm(algorithm) {}

ScramServerExchange::Step ScramServerExchange::start(const QByteArray &clientFirstMessage)
{
    if (!m_clientFirstBare.isEmpty())
        return failure(QStringLiteral("client-first-message received twice"));

    // gs2-header: gs2-cbind-flag "," [authzid] ","
    const QByteArrayView message(clientFirstMessage);
    if (message.isEmpty())
        return failure(QStringLiteral("empty client-first-message"));
    if (message.startsWith("p="))
        return failure(QStringLiteral("channel binding requested but not offered"));
    if (!message.startsWith("n,") && !message.startsWith("y,"))
        return failure(QStringLiteral("malformed gs2 header"));
    const qsizetype authzidEnd = message.indexOf(',', 2);
    if (authzidEnd < 0)
        return failure(QStringLiteral("malformed gs2 header"));
    const QByteArrayView authzidField = message.sliced(2, authzidEnd - 2);
    QString authzid;
    if (!authzidField.isEmpty()) {
        const auto decoded =
            isAttribute(authzidField, 'a') ? decodeSaslName(authzidField.sliced(2)) : std::nullopt;
        if (!decoded || decoded->isEmpty())
            return failure(QStringLiteral("malformed authzid"));
        authzid = *decoded;
    }

    // client-first-message-bare: [reserved-mext ","] username "," nonce ["," extensions]
    const QByteArrayView bare = message.sliced(authzidEnd + 1);
    const QList<QByteArrayView> fields = splitFields(bare);
    if (fields.size() < 2)
        return failure(QStringLiteral("client-first-message lacks username or nonce"));
    if (isAttribute(fields[0], 'm'))
        return failure(QStringLiteral("unsupported mandatory extension"));
    if (!isAttribute(fields[0], 'n'))
        return failure(QStringLiteral("client-first-message lacks username"));
    const auto username = decodeSaslName(fields[0].sliced(2));
    if (!username || username->isEmpty())
        return failure(QStringLiteral("malformed username"));
    if (!isAttribute(fields[1], 'r') || !isValidNonce(fields[1].sliced(2)))
        return failure(QStringLiteral("malformed client nonce"));
    for (qsizetype i = 2; i < fields.size(); ++i) {
        if (!isExtension(fields[i]))
            return failure(QStringLiteral("malformed extension in client-first-message"));
    }

    m_gs2Header = message.first(authzidEnd + 1).toByteArray();
    m_authzid = authzid;
    m_username = *username;
    m_clientNonce = fields[1].sliced(2).toByteArray();
    m_clientFirstBare = bare.toByteArray();
    return {Status::Continue, {}, {}};
}

ScramServerExchange::Step
ScramServerExchange::challenge(const std::optional<ScramCredentials> &credentials)
{
    if (m_clientFirstBare.isEmpty() || !m_serverFirst.isEmpty())
        return failure(QStringLiteral("SCRAM challenge out of order"));

    if (credentials) {
        if (!validCredentials(m_algorithm, *credentials))
            return failure(QStringLiteral("stored %1 credentials of %2 are unusable")
                               .arg(scramMechanismName(m_algorithm), m_username));
        m_credentials = *credentials;
        m_knownUser = true;
    } else {
        // Same salt for the same name every time and the usual iteration count, so that the
        // server-first-message does not reveal whether the account exists.
        const QByteArray seed =
            scramMechanismName(m_algorithm).toUtf8() + '\0' + m_username.toUtf8();
        m_credentials.salt =
            hmac(ScramAlgorithm::Sha256, processSecret(), seed).first(FakeSaltBytes);
        m_credentials.iterations = FakeIterations;
        m_credentials.storedKey = randomBytes(digestSize(m_algorithm));
        m_credentials.serverKey = randomBytes(digestSize(m_algorithm));
        m_knownUser = false;
    }

    if (m_serverNonce.isEmpty())
        m_serverNonce = randomBytes(ServerNonceBytes).toBase64();
    m_serverFirst = "r=" + m_clientNonce + m_serverNonce + ",s=" + m_credentials.salt.toBase64() +
                    ",i=" + QByteArray::number(m_credentials.iterations);
    return {Status::Continue, m_serverFirst, {}};
}

ScramServerExchange::Step ScramServerExchange::finish(const QByteArray &clientFinalMessage)
{
    if (m_serverFirst.isEmpty())
        return failure(QStringLiteral("client-final-message out of order"));
    // One attempt per exchange: whatever happens below, a second finish() is refused.
    const QByteArray serverFirst = std::exchange(m_serverFirst, QByteArray());

    // client-final-message: channel-binding "," nonce ["," extensions] "," proof
    const QByteArrayView message(clientFinalMessage);
    const qsizetype proofStart = message.lastIndexOf(',');
    if (proofStart < 0)
        return failure(QStringLiteral("malformed client-final-message"));
    const QByteArrayView withoutProof = message.first(proofStart);
    const QByteArrayView proofField = message.sliced(proofStart + 1);
    const QList<QByteArrayView> fields = splitFields(withoutProof);
    if (fields.size() < 2 || !isAttribute(fields[0], 'c') || !isAttribute(fields[1], 'r') ||
        !isAttribute(proofField, 'p'))
        return failure(QStringLiteral("malformed client-final-message"));
    for (qsizetype i = 2; i < fields.size(); ++i) {
        if (!isExtension(fields[i]))
            return failure(QStringLiteral("malformed extension in client-final-message"));
    }

    // Without channel binding, c= repeats the gs2 header exactly.
    const auto channelBinding = decodeBase64(fields[0].sliced(2));
    if (!channelBinding || *channelBinding != m_gs2Header)
        return failure(QStringLiteral("channel binding data does not match the gs2 header"));
    if (fields[1].sliced(2).toByteArray() != m_clientNonce + m_serverNonce)
        return failure(QStringLiteral("nonce mismatch"));
    const auto proof = decodeBase64(proofField.sliced(2));
    if (!proof || proof->size() != digestSize(m_algorithm))
        return failure(QStringLiteral("malformed client proof"));

    const QByteArray authMessage =
        m_clientFirstBare + ',' + serverFirst + ',' + withoutProof.toByteArray();
    const QByteArray clientSignature = hmac(m_algorithm, m_credentials.storedKey, authMessage);
    const QByteArray clientKey = xorBytes(*proof, clientSignature);
    const bool proofMatches =
        constantTimeEquals(hash(m_algorithm, clientKey), m_credentials.storedKey);
    if (!m_knownUser)
        return failure(QStringLiteral("unknown user %1").arg(m_username));
    if (!proofMatches)
        return failure(QStringLiteral("wrong password for %1").arg(m_username));

    const QByteArray serverSignature = hmac(m_algorithm, m_credentials.serverKey, authMessage);
    return {Status::Succeeded, "v=" + serverSignature.toBase64(), {}};
}

} // namespace flint

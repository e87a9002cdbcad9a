// SCRAM (RFC 5802 / RFC 7677) credentials and the server side of the exchange.
#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace flint {

enum class ScramAlgorithm { Sha1, Sha256 };

// What the server stores for one algorithm: never the password itself.
struct ScramCredentials {
    QByteArray salt;
    int iterations = 0;
    QByteArray storedKey;
    QByteArray serverKey;
};

QString scramMechanismName(ScramAlgorithm algorithm);

// Derives salted keys from a password (SASLprep'd by the caller's normalisation rules).
ScramCredentials deriveScramCredentials(ScramAlgorithm algorithm, const QString &password,
                                        const QByteArray &salt, int iterations);
QByteArray randomBytes(int count);
// Constant-time comparison of two secrets.
bool constantTimeEquals(const QByteArray &a, const QByteArray &b);
// True when `password` matches `credentials` (used by PLAIN inside TLS).
bool verifyPassword(ScramAlgorithm algorithm, const ScramCredentials &credentials,
                    const QString &password);

// One server-side SCRAM exchange. Feed it the client's messages in order.
class ScramServerExchange {
public:
    enum class Status { Continue, Succeeded, Failed };
    struct Step {
        Status status = Status::Failed;
        QByteArray response; // server-first-message, or server-final-message on success
        QString error;       // on failure: why, for the log (never sent to the client verbatim)
    };

    explicit ScramServerExchange(ScramAlgorithm algorithm);

    // client-first-message → server-first-message. `username` is filled from the message.
    Step start(const QByteArray &clientFirstMessage);
    QString username() const { return m_username; }
    QString authzid() const { return m_authzid; }
    // Call after start() with the stored credentials of username(); nullopt = unknown user
    // (the exchange continues with fake credentials so an attacker learns nothing).
    Step challenge(const std::optional<ScramCredentials> &credentials);
    // client-final-message → server-final-message.
    Step finish(const QByteArray &clientFinalMessage);

    // For tests: fix the server nonce instead of a random one.
    void setServerNonceForTesting(const QByteArray &nonce) { m_serverNonce = nonce; }

private:
    ScramAlgorithm m_algorithm;
    QString m_username;
    QString m_authzid;
    QByteArray m_gs2Header;
    QByteArray m_clientNonce;
    QByteArray m_serverNonce;
    QByteArray m_clientFirstBare;
    QByteArray m_serverFirst;
    ScramCredentials m_credentials;
    bool m_knownUser = false;
};

} // namespace flint

// The server side of SASL (RFC 6120 §6): SCRAM-SHA-256, SCRAM-SHA-1 and PLAIN (TLS only).
#pragma once

#include "common/Scram.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <memory>

namespace flint {

class AccountStore;

class SaslNegotiator {
public:
    struct Step {
        enum class Kind { Challenge, Success, Failure } kind = Kind::Failure;
        QByteArray data;   // challenge or success additional data (raw, not base64)
        QString condition; // RFC 6120 §6.5 failure condition
        QString reason;    // for the log
    };

    SaslNegotiator(const AccountStore &accounts, const QString &domain, bool encrypted);
    ~SaslNegotiator();

    static QStringList mechanisms(bool encrypted);
    // `initialResponse` is the decoded content of <auth/>.
    Step start(const QString &mechanism, const QByteArray &initialResponse);
    Step respond(const QByteArray &response);
    // The normalised username once known (also on failure, for throttling).
    QString username() const { return m_username; }

private:
    Step startScram(ScramAlgorithm algorithm, const QByteArray &message);
    Step plain(const QByteArray &message);
    Step fail(const QString &condition, const QString &reason);
    bool authzidAcceptable(const QString &authzid) const;

    const AccountStore &m_accounts;
    QString m_domain;
    bool m_encrypted;
    QString m_username;
    std::unique_ptr<ScramServerExchange> m_scram;
};

} // namespace flint

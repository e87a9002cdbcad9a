// Server certificates the user accepted, pinned per account by SHA-256 fingerprint in a plain
// file ("<account> <fingerprint>" per line), consulted only when TLS verification fails.
#pragma once

#include <QHash>
#include <QList>
#include <QSslCertificate>
#include <QSslError>
#include <QString>

class QXmppClient;

namespace flint {

class CertificateTrust {
public:
    enum class Verdict { Pinned, NotPinned, Changed };

    // `filePath` is read now and rewritten on every change; it need not exist yet.
    explicit CertificateTrust(QString filePath);

    // `account` is a bare JID, or a bare domain for a registration form query.
    Verdict verdict(const QString &account, const QSslCertificate &certificate) const;
    QString pinnedFingerprint(const QString &account) const;
    // Pins `certificate` for `account`, replacing an older pin; false if the file is not written.
    bool trustCertificate(const QString &account, const QSslCertificate &certificate);

    // For a slot on QXmppClient::sslErrors: looks at the peer certificate of the handshake that
    // failed verification and lets exactly these errors pass when it is the one pinned for
    // `account`. Returns the verdict and the certificate.
    Verdict checkHandshake(QXmppClient &client, const QString &account,
                           const QList<QSslError> &errors, QSslCertificate *peer) const;

private:
    bool save() const;

    QString m_filePath;
    QHash<QString, QString> m_fingerprints; // account -> "AB:CD:…"
};

} // namespace flint

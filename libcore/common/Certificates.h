// TLS certificate helpers: self-signed generation and loading of configured PEM files.
#pragma once

#include <QList>
#include <QSslCertificate>
#include <QSslKey>
#include <QString>

namespace flint {

struct CertificateBundle {
    QSslCertificate certificate;
    QList<QSslCertificate> chain; // intermediates, may be empty
    QSslKey privateKey;
    bool isNull() const { return certificate.isNull() || privateKey.isNull(); }
};

// Writes a new self-signed certificate (EC P-256 key, SAN = domain, valid 10 years) and its
// key as PEM files. Returns an error message, or an empty string on success.
QString generateSelfSignedCertificate(const QString &domain, const QString &certificatePath,
                                      const QString &keyPath);
// Loads PEM certificate, optional chain and key (RSA or EC). `error` says what failed.
CertificateBundle loadCertificateBundle(const QString &certificatePath, const QString &keyPath,
                                        const QString &chainPath, QString *error);
// The most recent OpenSSL error, for messages; clears the queue so old errors do not linger.
QString takeOpenSslError();
// "AB:CD:…" SHA-256 fingerprint, as shown to users who pin a certificate.
QString sha256Fingerprint(const QSslCertificate &certificate);

} // namespace flint

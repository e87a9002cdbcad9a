#include "CertificateTrust.h"

#include "common/Certificates.h"
#include "common/Logging.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QSslSocket>
#include <QXmppClient.h>
#include <QXmppOutgoingClient.h>

using namespace Qt::StringLiterals;

namespace flint {

CertificateTrust::CertificateTrust(QString filePath) : m_filePath(std::move(filePath))
{
    QFile file(m_filePath);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return;
    while (!file.atEnd()) {
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        const qsizetype space = line.indexOf(u' ');
        if (space > 0)
            m_fingerprints.insert(line.left(space), line.mid(space + 1).trimmed());
    }
}

CertificateTrust::Verdict CertificateTrust::verdict(const QString &account,
                                                    const QSslCertificate &certificate) const
{
    const auto pinned = m_fingerprints.constFind(account);
    if (pinned == m_fingerprints.cend())
        return Verdict::NotPinned;
    return *pinned == sha256Fingerprint(certificate) ? Verdict::Pinned : Verdict::Changed;
}

QString CertificateTrust::pinnedFingerprint(const QString &account) const
{
    return m_fingerprints.value(account);
}

bool CertificateTrust::trustCertificate(const QString &account, const QSslCertificate &certificate)
{
    if (account.isEmpty() || account.contains(u' ') || certificate.isNull())
        return false;
    m_fingerprints.insert(account, sha256Fingerprint(certificate));
    return save();
}

CertificateTrust::Verdict CertificateTrust::checkHandshake(QXmppClient &client,
                                                           const QString &account,
                                                           const QList<QSslError> &errors,
                                                           QSslCertificate *peer) const
{
    // QXmppClient relays the socket's sslErrors synchronously, so the handshake is still waiting
    // for an ignoreSslErrors() on the stream's socket (the stream is the client's direct child).
    auto *stream = client.findChild<QXmppOutgoingClient *>(QString(), Qt::FindDirectChildrenOnly);
    QSslSocket *socket = stream ? stream->socket() : nullptr;
    const QSslCertificate certificate = socket ? socket->peerCertificate() : QSslCertificate();
    if (peer)
        *peer = certificate;
    const Verdict result = verdict(account, certificate);
    if (result == Verdict::Pinned && socket) {
        qCDebug(lcClientAccount) << account << "pinned certificate" << errors;
        socket->ignoreSslErrors(errors);
    } else {
        qCInfo(lcClientAccount) << account << "refused certificate"
                                << sha256Fingerprint(certificate)
                                << (result == Verdict::Changed ? "(changed)" : "(not pinned)")
                                << errors;
    }
    return result;
}

bool CertificateTrust::save() const
{
    QDir().mkpath(QFileInfo(m_filePath).absolutePath());
    QSaveFile file(m_filePath);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
        return false;
    for (auto it = m_fingerprints.cbegin(); it != m_fingerprints.cend(); ++it)
        file.write((it.key() + u' ' + it.value() + u'\n').toUtf8());
    return file.commit();
}

} // namespace flint

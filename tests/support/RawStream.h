// A hand-driven XMPP client connection for tests that must send what no proper client sends
// (malformed XML, stanzas before authentication, forged addresses, huge stanzas).
#pragma once

#include <QByteArray>
#include <QSslSocket>
#include <QString>

namespace flint::test {

class RawStream {
public:
    RawStream(quint16 port, const QString &domain);

    bool connectToServer(int timeoutMs = 5000);
    void send(const QByteArray &data);
    void openStream(); // sends the stream header
    // Waits until everything received so far contains `needle`.
    bool waitForText(const QByteArray &needle, int timeoutMs = 5000);
    bool waitForDisconnected(int timeoutMs = 5000);
    QByteArray received() const { return m_received; }
    void clearReceived() { m_received.clear(); }

    // STARTTLS with the server's self-signed certificate accepted.
    bool startTls();
    // startTls() + SASL PLAIN + new stream, without binding.
    bool authenticate(const QString &user, const QString &password);
    // authenticate() + bind `resource`; jid() is the bound JID.
    bool login(const QString &user, const QString &password,
               const QString &resource = QStringLiteral("raw"));
    QString jid() const { return m_jid; }

    bool isConnected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }
    // Bytes written by send() that have not reached the network yet.
    qint64 bytesToWrite() const
    {
        return m_socket.bytesToWrite() + m_socket.encryptedBytesToWrite();
    }
    // The certificate the server presented in the TLS handshake, and its whole chain.
    QSslCertificate peerCertificate() const { return m_socket.peerCertificate(); }
    QList<QSslCertificate> peerCertificateChain() const { return m_socket.peerCertificateChain(); }

private:
    bool pump(int timeoutMs);

    QSslSocket m_socket;
    quint16 m_port;
    QString m_domain;
    QByteArray m_received;
    QString m_jid;
};

} // namespace flint::test

// One client connection's byte stream: plaintext until startServerHandshake() (STARTTLS), then
// TLS done by OpenSSL directly on the TCP socket, so that an idle connection keeps no buffers
// (QSslSocket keeps about 75 KiB of them per connection).
#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QObject>

#include <openssl/types.h>

class QTcpSocket;

namespace flint {

class TlsContext;

class TlsChannel : public QObject {
    Q_OBJECT
public:
    // Takes over a connected socket.
    explicit TlsChannel(QTcpSocket *socket, QObject *parent = nullptr);
    ~TlsChannel() override;

    QHostAddress peerAddress() const;
    bool isEncrypted() const { return m_encrypted; }
    QString cipherName() const;
    bool isClosed() const;

    // The plaintext received so far, or nothing yet. The socket is read only from here: a
    // caller that stops asking leaves the data in the socket's bounded read buffer and then in
    // the kernel, and TCP holds the peer back.
    QByteArray read();
    void write(const QByteArray &data);
    void startServerHandshake(const TlsContext &context);
    // Sends TLS close_notify when encrypted, then closes once everything is written.
    void disconnectFromHost();
    void abort();

Q_SIGNALS:
    void readyRead();
    void encrypted();
    void disconnected();
    void errorOccurred(const QString &message);

private:
    friend struct SocketBio;

    void onSocketReadyRead();
    void continueHandshake();
    void flush();
    void send(const char *data, qsizetype size);
    // After a failed SSL_* call: waits for more data, or closes the connection.
    void handleSslResult(int result, const char *operation);

    QTcpSocket *m_socket;
    SSL *m_ssl = nullptr;
    QByteArray m_unsent;     // plaintext written since the event loop last ran
    QByteArray m_ciphertext; // taken whole from the socket, dropped once OpenSSL has read it
    qsizetype m_ciphertextRead = 0;
    bool m_encrypted = false;
};

} // namespace flint

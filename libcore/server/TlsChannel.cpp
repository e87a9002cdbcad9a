#include "TlsChannel.h"

#include "TlsContext.h"

#include "common/Certificates.h"

#include <QTcpSocket>

#include <openssl/err.h>
#include <openssl/ssl.h>

#ifdef Q_OS_WIN
#include <winsock2.h>
#else
#include <sys/socket.h>
#endif

#include <cstring>
#include <memory>
#include <utility>

using namespace Qt::StringLiterals;

namespace flint {
namespace {

// One TLS record's worth of plaintext: SSL_read never returns more at once.
constexpr size_t PlaintextChunk = 16 * 1024;

// What the socket has buffered. Asked for exactly what it holds, QIODevice hands its buffer block
// over instead of copying out of it; readAll() copies, and the socket then keeps the emptied
// 16 KiB block for the connection's lifetime.
QByteArray takeReceived(QTcpSocket *socket)
{
    return socket->read(socket->bytesAvailable());
}

} // namespace

// OpenSSL's transport: reads take the socket's received bytes, writes go to the kernel at once.
// Memory BIOs would keep their largest content's capacity for the connection's lifetime.
struct SocketBio {
    static int read(BIO *bio, char *data, size_t size, size_t *readBytes)
    {
        auto *channel = static_cast<TlsChannel *>(BIO_get_data(bio));
        BIO_clear_retry_flags(bio);
        QByteArray &ciphertext = channel->m_ciphertext;
        if (ciphertext.isEmpty()) {
            if (channel->m_socket->bytesAvailable() == 0) {
                BIO_set_retry_read(bio);
                return 0;
            }
            ciphertext = takeReceived(channel->m_socket);
            channel->m_ciphertextRead = 0;
        }
        const qsizetype count =
            std::min(qsizetype(size), ciphertext.size() - channel->m_ciphertextRead);
        std::memcpy(data, ciphertext.constData() + channel->m_ciphertextRead, size_t(count));
        channel->m_ciphertextRead += count;
        if (channel->m_ciphertextRead == ciphertext.size())
            ciphertext.clear();
        *readBytes = size_t(count);
        return 1;
    }

    static int write(BIO *bio, const char *data, size_t size, size_t *written)
    {
        BIO_clear_retry_flags(bio);
        static_cast<TlsChannel *>(BIO_get_data(bio))->send(data, qsizetype(size));
        *written = size;
        return 1;
    }

    static long control(BIO *, int command, long, void *) { return command == BIO_CTRL_FLUSH; }

    static BIO *create(TlsChannel *channel)
    {
        static const std::unique_ptr<BIO_METHOD, decltype(&BIO_meth_free)> method = [] {
            std::unique_ptr<BIO_METHOD, decltype(&BIO_meth_free)> created(
                BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK, "flint socket"),
                &BIO_meth_free);
            if (created) {
                BIO_meth_set_read_ex(created.get(), &SocketBio::read);
                BIO_meth_set_write_ex(created.get(), &SocketBio::write);
                BIO_meth_set_ctrl(created.get(), &SocketBio::control);
            }
            return created;
        }();
        BIO *bio = method ? BIO_new(method.get()) : nullptr;
        if (bio) {
            BIO_set_data(bio, channel);
            BIO_set_init(bio, 1);
        }
        return bio;
    }
};

TlsChannel::TlsChannel(QTcpSocket *socket, QObject *parent) : QObject(parent), m_socket(socket)
{
    m_socket->setParent(this);
    connect(m_socket, &QTcpSocket::readyRead, this, &TlsChannel::onSocketReadyRead);
    connect(m_socket, &QTcpSocket::disconnected, this, &TlsChannel::disconnected);
    connect(m_socket, &QAbstractSocket::errorOccurred, this,
            [this](QAbstractSocket::SocketError error) {
                if (error != QAbstractSocket::RemoteHostClosedError)
                    Q_EMIT errorOccurred(m_socket->errorString());
            });
}

TlsChannel::~TlsChannel()
{
    SSL_free(m_ssl);
}

QHostAddress TlsChannel::peerAddress() const
{
    return m_socket->peerAddress();
}

QString TlsChannel::cipherName() const
{
    return m_encrypted ? QString::fromLatin1(SSL_get_cipher_name(m_ssl)) : QString();
}

bool TlsChannel::isClosed() const
{
    return m_socket->state() == QAbstractSocket::UnconnectedState;
}

QByteArray TlsChannel::read()
{
    if (!m_ssl)
        return m_socket->bytesAvailable() > 0 ? takeReceived(m_socket) : QByteArray();
    if (!m_encrypted)
        return {};
    char plaintext[PlaintextChunk];
    size_t size = 0;
    ERR_clear_error(); // SSL_get_error() reads the thread's queue, which all connections share
    const int result = SSL_read_ex(m_ssl, plaintext, sizeof plaintext, &size);
    if (result == 1)
        return QByteArray(plaintext, qsizetype(size));
    handleSslResult(result, "read");
    return {};
}

void TlsChannel::write(const QByteArray &data)
{
    if (m_socket->state() != QAbstractSocket::ConnectedState)
        return;
    // What is written in one pass of the event loop goes out together: one TLS record and one
    // system call rather than one per stanza.
    if (m_unsent.isEmpty())
        QMetaObject::invokeMethod(this, &TlsChannel::flush, Qt::QueuedConnection);
    m_unsent += data;
}

void TlsChannel::flush()
{
    const QByteArray data = std::exchange(m_unsent, QByteArray());
    if (data.isEmpty() || m_socket->state() != QAbstractSocket::ConnectedState)
        return;
    if (!m_ssl)
        return send(data.constData(), data.size());
    size_t written = 0;
    ERR_clear_error();
    const int result = SSL_write_ex(m_ssl, data.constData(), size_t(data.size()), &written);
    if (result != 1)
        handleSslResult(result, "write");
}

void TlsChannel::send(const char *data, qsizetype size)
{
    // Straight to the kernel; QTcpSocket keeps a 32 KiB block for good once it has buffered a
    // small write, so it only gets what the kernel refuses, and then everything until that is out.
    if (m_socket->bytesToWrite() == 0) {
#ifdef Q_OS_WIN
        const int sent = ::send(SOCKET(m_socket->socketDescriptor()), data, int(size), 0);
#else
        const ssize_t sent =
            ::send(int(m_socket->socketDescriptor()), data, size_t(size), MSG_NOSIGNAL);
#endif
        if (sent > 0) {
            data += sent;
            size -= sent;
        }
    }
    if (size > 0)
        m_socket->write(data, size);
}

void TlsChannel::startServerHandshake(const TlsContext &context)
{
    flush(); // the STARTTLS answer, still in plaintext
    m_ssl = context.newConnection();
    BIO *bio = m_ssl ? SocketBio::create(this) : nullptr;
    if (!bio) {
        Q_EMIT errorOccurred(u"cannot start TLS: %1"_s.arg(takeOpenSslError()));
        return m_socket->abort();
    }
    SSL_set_bio(m_ssl, bio, bio);
    SSL_set_accept_state(m_ssl);
    // The client's hello may already be here, behind the STARTTLS request.
    continueHandshake();
}

void TlsChannel::disconnectFromHost()
{
    flush();
    if (m_encrypted && m_socket->state() == QAbstractSocket::ConnectedState) {
        ERR_clear_error();
        SSL_shutdown(m_ssl); // sends close_notify; the peer's answer is not awaited
    }
    m_socket->disconnectFromHost();
}

void TlsChannel::abort()
{
    m_socket->abort();
}

void TlsChannel::onSocketReadyRead()
{
    if (m_ssl && !m_encrypted)
        continueHandshake();
    else
        Q_EMIT readyRead();
}

void TlsChannel::continueHandshake()
{
    ERR_clear_error();
    const int result = SSL_do_handshake(m_ssl);
    if (result != 1) {
        handleSslResult(result, "handshake");
        return;
    }
    m_encrypted = true;
    Q_EMIT encrypted();
    // Application data may have arrived together with the client's Finished message.
    Q_EMIT readyRead();
}

void TlsChannel::handleSslResult(int result, const char *operation)
{
    switch (SSL_get_error(m_ssl, result)) {
    case SSL_ERROR_WANT_READ:
        return; // the rest of a record is still on its way: the next readyRead brings it
    case SSL_ERROR_ZERO_RETURN:
        // The peer's close_notify: nothing more will come.
        m_socket->disconnectFromHost();
        return;
    default:
        // SSL_ERROR_WANT_WRITE included: SocketBio never refuses a write.
        Q_EMIT errorOccurred(
            u"TLS %1 failed: %2"_s.arg(QLatin1StringView(operation), takeOpenSslError()));
        m_socket->abort();
        return;
    }
}

} // namespace flint

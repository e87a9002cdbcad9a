#include "Socks5Relay.h"

#include "common/Logging.h"

#include <QDeadlineTimer>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

#include <limits>

#ifdef Q_OS_LINUX
#include "SplicePump.h"
#endif

namespace flint {
namespace {

// During the handshake, and per direction while relaying through the QTcpSockets, at most this
// much waits in the reading socket's buffer (and as much in the writing socket's): a slow
// receiver slows the sender down instead of filling the server's memory.
constexpr qint64 HighWater = 256 * 1024;
#ifndef Q_OS_LINUX
constexpr qint64 ChunkSize = 64 * 1024;
#endif
// How long a stream over its user's bandwidth waits before it reads again.
constexpr int ThrottleMs = 50;

constexpr char Version = 0x05;
constexpr char NoAuthentication = 0x00;
constexpr char NoAcceptableMethod = char(0xff);
constexpr char Connect = 0x01;
constexpr char DomainName = 0x03;
constexpr char Succeeded = 0x00;
constexpr char GeneralFailure = 0x01;
constexpr char NotAllowed = 0x02;
constexpr char CommandNotSupported = 0x07;
constexpr char AddressTypeNotSupported = 0x08;
constexpr int HashLength = 40;

qint64 now()
{
    return QDeadlineTimer::current().deadline();
}

QByteArray bytes(std::initializer_list<char> values)
{
    return QByteArray(values.begin(), qsizetype(values.size()));
}

QByteArray reply(char status, const QByteArray &hash = {})
{
    QByteArray message = bytes({Version, status, 0x00, DomainName});
    message += char(hash.size());
    message += hash;
    message += QByteArray(2, 0x00); // port 0
    return message;
}

void refuse(QTcpSocket *socket, char status)
{
    socket->write(reply(status));
    socket->disconnectFromHost();
}

} // namespace

struct Socks5Relay::Stream {
    QByteArray hash;
    QPointer<QTcpSocket> target; // connects first
    QPointer<QTcpSocket> initiator;
    bool active = false;
#ifdef Q_OS_LINUX
    std::unique_ptr<SplicePump> pump; // owns both sockets' descriptors once active
#else
    bool throttled = false; // waiting for the user's bandwidth to refill
#endif
    QString user;
    qint64 lastActivity = now();
};

Socks5Relay::Socks5Relay(int maxStreams, int idleTimeoutSeconds, qint64 maxBytesPerSecondPerUser,
                         QObject *parent)
    : QObject(parent), m_maxStreams(maxStreams), m_idleTimeoutMs(idleTimeoutSeconds * 1000LL),
      m_bytesPerSecond(maxBytesPerSecondPerUser)
{
    connect(&m_server, &QTcpServer::newConnection, this, &Socks5Relay::accept);
    auto *sweep = new QTimer(this);
    connect(sweep, &QTimer::timeout, this, &Socks5Relay::closeIdle);
    sweep->start(int(qMin<qint64>(1000, m_idleTimeoutMs / 2)));
}

Socks5Relay::~Socks5Relay()
{
    // The sockets are the listener's children and outlive this object's members.
    for (QTcpSocket *socket : m_server.findChildren<QTcpSocket *>())
        disconnect(socket, nullptr, this, nullptr);
}

bool Socks5Relay::listen(const QHostAddress &address, quint16 port)
{
    return m_server.listen(address, port);
}

void Socks5Relay::accept()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        socket->setReadBufferSize(HighWater);
        m_handshakes.insert(socket, {now()});
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { readHandshake(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            if (m_handshakes.remove(socket))
                socket->deleteLater();
        });
    }
}

void Socks5Relay::readHandshake(QTcpSocket *socket)
{
    const auto handshake = m_handshakes.find(socket);
    if (handshake == m_handshakes.end())
        return;
    // The client waits for the method reply before it sends its request.
    if (!handshake->greeted) {
        const QByteArray greeting = socket->peek(2 + 255);
        if (greeting.size() < 2 || greeting.size() < 2 + quint8(greeting[1]))
            return;
        if (greeting[0] != Version)
            return dropHandshake(socket);
        socket->skip(2 + quint8(greeting[1]));
        if (!greeting.mid(2, quint8(greeting[1])).contains(NoAuthentication)) {
            m_handshakes.erase(handshake);
            disconnect(socket, nullptr, this, nullptr);
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            socket->write(bytes({Version, NoAcceptableMethod}));
            socket->disconnectFromHost();
            return;
        }
        handshake->greeted = true;
        socket->write(bytes({Version, NoAuthentication}));
    }
    const QByteArray request = socket->peek(5 + 255 + 2);
    if (request.size() < 5 || request.size() < 5 + quint8(request[4]) + 2)
        return;
    socket->skip(5 + quint8(request[4]) + 2);
    m_handshakes.erase(handshake);
    disconnect(socket, nullptr, this, nullptr);
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);

    if (request[0] != Version || request[1] != Connect)
        return refuse(socket, CommandNotSupported);
    if (request[3] != DomainName)
        return refuse(socket, AddressTypeNotSupported);
    const QByteArray hash = request.mid(5, quint8(request[4])).toLower();
    if (hash.size() != HashLength)
        return refuse(socket, GeneralFailure);
    join(socket, hash);
}

void Socks5Relay::dropHandshake(QTcpSocket *socket)
{
    m_handshakes.remove(socket);
    disconnect(socket, nullptr, this, nullptr);
    socket->abort();
    socket->deleteLater();
}

void Socks5Relay::join(QTcpSocket *socket, const QByteArray &hash)
{
    std::shared_ptr<Stream> &stream = m_streams[hash];
    if (!stream) {
        if (m_streams.size() > m_maxStreams) {
            m_streams.remove(hash);
            qCInfo(lcProxy65) << "refusing a bytestream: limit of" << m_maxStreams << "reached";
            return refuse(socket, GeneralFailure);
        }
        stream = std::make_shared<Stream>();
        stream->hash = hash;
        stream->target = socket;
    } else if (!stream->initiator && stream->target) {
        stream->initiator = socket;
    } else {
        return refuse(socket, NotAllowed);
    }
    stream->lastActivity = now();
    socket->write(reply(Succeeded, hash));
    Stream *raw = stream.get();
    disconnect(socket, nullptr, socket, nullptr);
    connect(socket, &QTcpSocket::disconnected, this,
            [this, raw, socket] { peerDisconnected(raw, socket); });
}

Socks5Relay::Activation Socks5Relay::activate(const QByteArray &hash, const QString &user)
{
    const auto it = m_streams.constFind(hash);
    if (it == m_streams.cend())
        return Activation::UnknownStream;
    Stream *stream = it->get();
    if (stream->active || !stream->target || !stream->initiator)
        return Activation::NotReady;
#ifdef Q_OS_LINUX
    if (!takeSockets(stream))
        return Activation::NotReady;
#endif
    stream->active = true;
    stream->user = user;
    Bandwidth &bandwidth = m_bandwidth[user];
    if (bandwidth.streams++ == 0)
        bandwidth = {double(m_bytesPerSecond), now(), 1};
#ifdef Q_OS_LINUX
    stream->pump->start();
#else
    startPumping(stream);
#endif
    qCDebug(lcProxy65) << "activated" << hash;
    return Activation::Activated;
}

#ifdef Q_OS_LINUX
bool Socks5Relay::takeSockets(Stream *stream)
{
    QTcpSocket *target = stream->target;
    QTcpSocket *initiator = stream->initiator;
    // Bytes Qt still holds to write (the SOCKS5 reply) cannot be taken out of it with the
    // descriptor; they normally left long before the initiator could ask for the activation.
    for (QTcpSocket *socket : {target, initiator}) {
        socket->flush();
        if (socket->state() != QAbstractSocket::ConnectedState || socket->bytesToWrite() > 0)
            return false;
    }
    stream->pump = SplicePump::take(
        initiator, target, [this, stream] { return allowance(stream); }, ThrottleMs);
    if (!stream->pump)
        return false;
    stream->target = nullptr;
    stream->initiator = nullptr;
    connect(stream->pump.get(), &SplicePump::progressed, this,
            [this, stream](qint64 bytesRead) { spend(stream, bytesRead); });
    connect(stream->pump.get(), &SplicePump::finished, this,
            [this, hash = stream->hash] { scheduleRemoval(hash); });
    return true;
}
#else
void Socks5Relay::startPumping(Stream *stream)
{
    QTcpSocket *target = stream->target;
    QTcpSocket *initiator = stream->initiator;
    connect(initiator, &QTcpSocket::readyRead, this,
            [this, stream, initiator, target] { pump(stream, initiator, target); });
    connect(target, &QTcpSocket::bytesWritten, this,
            [this, stream, initiator, target] { pump(stream, initiator, target); });
    connect(target, &QTcpSocket::readyRead, this,
            [this, stream, initiator, target] { pump(stream, target, initiator); });
    connect(initiator, &QTcpSocket::bytesWritten, this,
            [this, stream, initiator, target] { pump(stream, target, initiator); });
    // Whatever either side sent before the activation goes out now.
    pump(stream, initiator, target);
    pump(stream, target, initiator);
}

void Socks5Relay::pump(Stream *stream, QTcpSocket *from, QTcpSocket *to)
{
    stream->lastActivity = now();
    if (to->state() != QAbstractSocket::ConnectedState)
        return; // closing: peerDisconnected() has passed on the rest
    while (from->bytesAvailable() > 0 && to->bytesToWrite() < HighWater && !stream->throttled) {
        const qint64 allowed = allowance(stream);
        if (allowed <= 0)
            return resumeLater(stream);
        const QByteArray chunk =
            from->read(qMin(qMin(ChunkSize, allowed), HighWater - to->bytesToWrite()));
        if (chunk.isEmpty())
            break;
        spend(stream, chunk.size());
        to->write(chunk);
    }
}

void Socks5Relay::resumeLater(Stream *stream)
{
    stream->throttled = true;
    QTimer::singleShot(ThrottleMs, this, [this, hash = stream->hash] {
        const auto it = m_streams.constFind(hash);
        if (it == m_streams.cend())
            return;
        Stream *stream = it->get();
        stream->throttled = false;
        if (stream->target && stream->initiator) {
            pump(stream, stream->initiator, stream->target);
            pump(stream, stream->target, stream->initiator);
        }
    });
}
#endif

qint64 Socks5Relay::allowance(Stream *stream)
{
    if (m_bytesPerSecond <= 0)
        return std::numeric_limits<qint64>::max();
    Bandwidth &bandwidth = m_bandwidth[stream->user];
    const qint64 time = now();
    bandwidth.tokens =
        qMin(double(m_bytesPerSecond),
             bandwidth.tokens + double(m_bytesPerSecond) * (time - bandwidth.refilledAt) / 1000);
    bandwidth.refilledAt = time;
    return qint64(bandwidth.tokens);
}

void Socks5Relay::spend(Stream *stream, qint64 bytes)
{
    stream->lastActivity = now();
    if (m_bytesPerSecond > 0)
        m_bandwidth[stream->user].tokens -= bytes;
}

void Socks5Relay::peerDisconnected(Stream *stream, QTcpSocket *socket)
{
#ifdef Q_OS_LINUX
    // Only ever before the activation: from then on the pump owns the descriptors.
    Q_UNUSED(socket);
    scheduleRemoval(stream->hash);
#else
    QTcpSocket *other = socket == stream->target ? stream->initiator : stream->target;
    if (stream->active && other && other->state() == QAbstractSocket::ConnectedState) {
        // Deliver what the closing side still had in flight, then close the other side too.
        other->write(socket->readAll());
        other->disconnectFromHost();
    }
    if (!other || other->state() == QAbstractSocket::UnconnectedState || !stream->active)
        scheduleRemoval(stream->hash);
#endif
}

void Socks5Relay::scheduleRemoval(const QByteArray &hash)
{
    QMetaObject::invokeMethod(
        this, [this, hash] { removeStream(hash); }, Qt::QueuedConnection);
}

void Socks5Relay::removeStream(const QByteArray &hash)
{
    const std::shared_ptr<Stream> stream = m_streams.take(hash);
    if (!stream)
        return;
    if (stream->active && --m_bandwidth[stream->user].streams == 0)
        m_bandwidth.remove(stream->user);
    for (QTcpSocket *socket : {stream->target.data(), stream->initiator.data()}) {
        if (!socket)
            continue;
        disconnect(socket, nullptr, this, nullptr);
        socket->abort();
        socket->deleteLater();
    }
    qCDebug(lcProxy65) << "closed" << hash;
}

void Socks5Relay::closeIdle()
{
    const qint64 deadline = now() - m_idleTimeoutMs;
    QList<QTcpSocket *> stalled;
    for (auto it = m_handshakes.cbegin(); it != m_handshakes.cend(); ++it) {
        if (it->startedAt < deadline)
            stalled << it.key();
    }
    for (QTcpSocket *socket : stalled)
        dropHandshake(socket);
    QList<QByteArray> idle;
    for (const auto &stream : std::as_const(m_streams)) {
        if (stream->lastActivity < deadline)
            idle << stream->hash;
    }
    for (const QByteArray &hash : idle) {
        qCInfo(lcProxy65) << "closing an idle bytestream";
        removeStream(hash);
    }
}

} // namespace flint

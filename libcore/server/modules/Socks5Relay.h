// The SOCKS5 side of the XEP-0065 proxy: accepts connections, pairs the target and the initiator
// of a bytestream by the hashed address both request, and relays between them once activated
// (on Linux with splice(2), see SplicePump; elsewhere through the QTcpSockets).
#pragma once

#include <QHash>
#include <QHostAddress>
#include <QTcpServer>

#include <memory>

class QTcpSocket;

namespace flint {

class Socks5Relay : public QObject {
    Q_OBJECT
public:
    enum class Activation { Activated, UnknownStream, NotReady };

    // maxBytesPerSecondPerUser: 0 for no limit.
    Socks5Relay(int maxStreams, int idleTimeoutSeconds, qint64 maxBytesPerSecondPerUser,
                QObject *parent = nullptr);
    ~Socks5Relay() override;

    bool listen(const QHostAddress &address, quint16 port);
    QString errorString() const { return m_server.errorString(); }
    quint16 port() const { return m_server.serverPort(); }

    // Starts relaying the stream whose address is `hash` (hex SHA-1, both sides connected);
    // its traffic counts against `user`'s bandwidth.
    Activation activate(const QByteArray &hash, const QString &user);

private:
    struct Stream;
    struct Handshake {
        qint64 startedAt = 0;
        bool greeted = false; // the method reply is sent; the request comes next
    };
    // A token bucket shared by one user's active streams; holds at most one second's worth.
    struct Bandwidth {
        double tokens = 0;
        qint64 refilledAt = 0;
        int streams = 0;
    };

    void accept();
    void readHandshake(QTcpSocket *socket);
    void dropHandshake(QTcpSocket *socket);
    void join(QTcpSocket *socket, const QByteArray &hash);
#ifdef Q_OS_LINUX
    bool takeSockets(Stream *stream);
#else
    void startPumping(Stream *stream);
    void pump(Stream *stream, QTcpSocket *from, QTcpSocket *to);
    void resumeLater(Stream *stream);
#endif
    qint64 allowance(Stream *stream);
    void spend(Stream *stream, qint64 bytes);
    void peerDisconnected(Stream *stream, QTcpSocket *socket);
    void scheduleRemoval(const QByteArray &hash);
    void removeStream(const QByteArray &hash);
    void closeIdle();

    QTcpServer m_server;
    int m_maxStreams;
    qint64 m_idleTimeoutMs;
    qint64 m_bytesPerSecond;
    QHash<QString, Bandwidth> m_bandwidth; // user (bare JID) → bucket
    QHash<QTcpSocket *, Handshake> m_handshakes;
    QHash<QByteArray, std::shared_ptr<Stream>> m_streams;
};

} // namespace flint

// XEP-0065 SOCKS5 bytestreams proxy: two colleagues who cannot reach each other directly send a
// file through proxy.<domain>; the proxy relays only what the stream's initiator activated.
#include "support/TestServer.h"

#include <catch2/catch.hpp>

#include <QBuffer>
#include <QCryptographicHash>
#include <QDomElement>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QRandomGenerator>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QXmppByteStreamIq.h>
#include <QXmppClient.h>
#include <QXmppConfiguration.h>
#include <QXmppDiscoveryIq.h>
#include <QXmppTask.h>
#include <QXmppTransferManager.h>

#include <algorithm>
#include <memory>
#include <optional>

#ifdef Q_OS_LINUX
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#endif

using namespace flint::test;
using namespace Qt::StringLiterals;

namespace {

const QString ByteStreamsNs = u"http://jabber.org/protocol/bytestreams"_s;

// The answer to an IQ: the result element, or the error condition.
struct Answer {
    QDomElement result;
    std::optional<QXmppStanza::Error::Condition> error;
    bool ok() const { return !result.isNull(); }
};

template <typename Iq> Answer request(QXmppClient &client, Iq iq)
{
    auto answer = std::make_shared<std::optional<Answer>>();
    client.sendIq(std::move(iq)).then(&client, [answer](QXmppClient::IqResult &&result) {
        Answer value;
        if (const auto *element = std::get_if<QDomElement>(&result))
            value.result = *element;
        else if (const auto error = std::get<QXmppError>(result).value<QXmppStanza::Error>())
            value.error = error->condition();
        *answer = value;
    });
    if (!waitFor([answer] { return answer->has_value(); }))
        return {};
    return **answer;
}

QByteArray streamHash(const QString &sid, const QString &initiator, const QString &target)
{
    return QCryptographicHash::hash((sid + initiator + target).toUtf8(), QCryptographicHash::Sha1)
        .toHex();
}

// Reads exactly `size` bytes, or fewer when the peer closes or goes quiet.
QByteArray readExactly(QTcpSocket &socket, qsizetype size)
{
    QByteArray data = socket.read(size);
    while (data.size() < size && socket.waitForReadyRead(5000))
        data += socket.read(size - data.size());
    return data;
}

// The SOCKS5 client side of XEP-0065, one step at a time as strict clients do it: no
// authentication, then CONNECT to the hash as a domain name, port 0.
// Returns the reply's status byte (0 = success), or -1 when the proxy closed or did not answer.
int socks5Connect(QTcpSocket &socket, const QString &host, quint16 port, const QByteArray &hash)
{
    socket.connectToHost(host, port);
    if (!socket.waitForConnected(5000))
        return -1;
    socket.write(QByteArray("\x05\x01\x00", 3));
    if (readExactly(socket, 2) != QByteArray("\x05\x00", 2))
        return -1;
    socket.write(QByteArray("\x05\x01\x00\x03", 4) + char(hash.size()) + hash +
                 QByteArray(2, '\0'));
    const QByteArray reply = readExactly(socket, 5 + hash.size() + 2);
    if (reply.size() < 2 || reply[0] != '\x05')
        return -1;
    return quint8(reply[1]);
}

#ifdef Q_OS_LINUX
// A blocking POSIX socket (5 s timeouts), for what QTcpSocket cannot do: close only its
// sending side, and go on reading.
struct RawSocket {
    RawSocket() : fd(::socket(AF_INET, SOCK_STREAM, 0))
    {
        const timeval timeout{5, 0};
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
    }
    ~RawSocket() { ::close(fd); }
    RawSocket(const RawSocket &) = delete;
    RawSocket &operator=(const RawSocket &) = delete;

    bool send(const QByteArray &data)
    {
        for (qsizetype sent = 0; sent < data.size();) {
            const ssize_t n =
                ::send(fd, data.constData() + sent, size_t(data.size() - sent), MSG_NOSIGNAL);
            if (n <= 0)
                return false;
            sent += n;
        }
        return true;
    }
    // Everything until the peer's end (or an error or timeout, then `complete` is false).
    QByteArray readToEnd(bool *complete)
    {
        QByteArray data;
        char buffer[65536];
        for (;;) {
            const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
            if (n <= 0) {
                *complete = n == 0;
                return data;
            }
            data.append(buffer, n);
        }
    }
    // The SOCKS5 handshake of socks5Connect(); true when the proxy accepted.
    bool socks5Connect(quint16 port, const QByteArray &hash)
    {
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (::connect(fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) != 0 ||
            !send(QByteArray("\x05\x01\x00", 3)) || readExactly(2) != QByteArray("\x05\x00", 2) ||
            !send(QByteArray("\x05\x01\x00\x03", 4) + char(hash.size()) + hash +
                  QByteArray(2, '\0')))
            return false;
        const QByteArray reply = readExactly(5 + hash.size() + 2);
        return reply.size() > 1 && reply[0] == '\x05' && reply[1] == '\x00';
    }
    QByteArray readExactly(qsizetype size)
    {
        QByteArray data(size, Qt::Uninitialized);
        for (qsizetype read = 0; read < size;) {
            const ssize_t n = ::recv(fd, data.data() + read, size_t(size - read), 0);
            if (n <= 0)
                return data.left(read);
            read += n;
        }
        return data;
    }
    int fd;
};
#endif

QXmppByteStreamIq activation(const QString &sid, const QString &target)
{
    QXmppByteStreamIq iq;
    iq.setType(QXmppIq::Set);
    iq.setTo(u"proxy."_s + TestServer::Domain);
    iq.setSid(sid);
    iq.setActivate(target);
    return iq;
}

struct Transfer {
    bool complete = false;
    bool intact = false;
    double mibPerSecond = 0;
};

// Streams `total` bytes of pseudo-random data from `sender` to `receiver`, never letting more
// than a few MiB wait in the sender's buffer; compares SHA-256 sums at both ends.
Transfer transfer(QTcpSocket &sender, QTcpSocket &receiver, qint64 total,
                  QByteArray alreadySent = {})
{
    constexpr qint64 ChunkSize = 1024 * 1024;
    QByteArray block(ChunkSize, Qt::Uninitialized);
    QRandomGenerator generator(65);
    generator.fillRange(reinterpret_cast<quint32 *>(block.data()), ChunkSize / 4);

    QCryptographicHash sent(QCryptographicHash::Sha256);
    QCryptographicHash received(QCryptographicHash::Sha256);
    sent.addData(alreadySent);
    qint64 written = alreadySent.size();
    qint64 read = 0;
    qint64 chunkIndex = 0;
    QEventLoop loop;
    const auto fill = [&] {
        while (written < total && sender.bytesToWrite() < 4 * ChunkSize) {
            QByteArray chunk = block.left(qMin(ChunkSize, total - written));
            chunk.replace(0, sizeof chunkIndex,
                          QByteArray::fromRawData(reinterpret_cast<const char *>(&chunkIndex),
                                                  sizeof chunkIndex));
            ++chunkIndex;
            sent.addData(chunk);
            sender.write(chunk);
            written += chunk.size();
        }
    };
    const auto drain = [&] {
        const QByteArray data = receiver.readAll();
        received.addData(data);
        read += data.size();
        if (read >= total)
            loop.quit();
    };
    const auto written_ = QObject::connect(&sender, &QTcpSocket::bytesWritten, fill);
    const auto readyRead = QObject::connect(&receiver, &QTcpSocket::readyRead, drain);
    QTimer::singleShot(120000, &loop, &QEventLoop::quit);
    QElapsedTimer clock;
    clock.start();
    fill();
    drain();
    if (read < total)
        loop.exec();
    const double seconds = clock.nsecsElapsed() / 1e9;
    QObject::disconnect(written_);
    QObject::disconnect(readyRead);
    return {read == total, read == total && sent.result() == received.result(),
            total / (1024.0 * 1024.0) / seconds};
}

struct User {
    explicit User(const QString &name) : name(name) {}
    bool connect(const TestServer &server)
    {
        return connectClient(client, server.clientConfiguration(name, name + u" pw"_s));
    }
    QString jid() const { return u"%1@%2/test"_s.arg(name, TestServer::Domain); }
    QString name;
    QXmppClient client;
};

// The proxy's streamhost, as the query answers it.
std::optional<QXmppByteStreamIq::StreamHost> streamHost(QXmppClient &client)
{
    QXmppByteStreamIq query;
    query.setType(QXmppIq::Get);
    query.setTo(u"proxy."_s + TestServer::Domain);
    const Answer answer = request(client, query);
    if (!answer.ok())
        return std::nullopt;
    QXmppByteStreamIq result;
    result.parse(answer.result);
    if (result.streamHosts().size() != 1)
        return std::nullopt;
    return result.streamHosts().first();
}

// Alice and Bob logged in to `server`, with a stream `sid` from Alice to Bob connected through
// the proxy (Bob first) and activated by Alice.
struct ActiveStream {
    User alice{u"alice"_s}, bob{u"bob"_s};
    QTcpSocket aliceSocket, bobSocket;

    bool open(TestServer &server, const QString &sid)
    {
        if (!server.addUser(u"alice"_s, u"alice pw"_s) || !server.addUser(u"bob"_s, u"bob pw"_s) ||
            !alice.connect(server) || !bob.connect(server))
            return false;
        const auto host = streamHost(alice.client);
        if (!host)
            return false;
        const QByteArray hash = streamHash(sid, alice.jid(), bob.jid());
        return socks5Connect(bobSocket, host->host(), host->port(), hash) == 0 &&
               socks5Connect(aliceSocket, host->host(), host->port(), hash) == 0 &&
               request(alice.client, activation(sid, bob.jid())).ok();
    }
};

} // namespace

TEST_CASE("100 MiB go through the proxy once the initiator activates the stream", "[proxy65]")
{
    TestServer server;
    REQUIRE(server.start());
    for (const QString &name : {u"alice"_s, u"bob"_s, u"carol"_s})
        REQUIRE(server.addUser(name, name + u" pw"_s));
    User alice(u"alice"_s), bob(u"bob"_s), carol(u"carol"_s);
    REQUIRE(alice.connect(server));
    REQUIRE(bob.connect(server));
    REQUIRE(carol.connect(server));
    const QString proxy = u"proxy."_s + server.domain();

    // The server lists its proxy; the proxy says what it is.
    QXmppDiscoveryIq items;
    items.setQueryType(QXmppDiscoveryIq::ItemsQuery);
    items.setTo(server.domain());
    Answer answer = request(alice.client, items);
    REQUIRE(answer.ok());
    items.parse(answer.result);
    const QList<QXmppDiscoveryIq::Item> services = items.items();
    const auto listed = std::find_if(services.cbegin(), services.cend(),
                                     [&](const auto &item) { return item.jid() == proxy; });
    REQUIRE(listed != services.cend());
    CHECK(!listed->name().isEmpty());

    QXmppDiscoveryIq info;
    info.setQueryType(QXmppDiscoveryIq::InfoQuery);
    info.setTo(proxy);
    answer = request(alice.client, info);
    REQUIRE(answer.ok());
    info.parse(answer.result);
    REQUIRE(info.identities().size() == 1);
    CHECK(info.identities().first().category() == u"proxy"_s);
    CHECK(info.identities().first().type() == u"bytestreams"_s);
    CHECK(info.features().contains(ByteStreamsNs));

    // What the proxy does not handle is unavailable; undeclared subdomains stay remote.
    QXmppDiscoveryIq proxyItems;
    proxyItems.setQueryType(QXmppDiscoveryIq::ItemsQuery);
    proxyItems.setTo(proxy);
    CHECK(request(alice.client, proxyItems).error == QXmppStanza::Error::ServiceUnavailable);
    QXmppDiscoveryIq undeclared;
    undeclared.setQueryType(QXmppDiscoveryIq::InfoQuery);
    undeclared.setTo(u"nothing."_s + server.domain());
    CHECK(request(alice.client, undeclared).error == QXmppStanza::Error::RemoteServerNotFound);

    const auto host = streamHost(alice.client);
    REQUIRE(host);
    CHECK(host->jid() == proxy);
    CHECK(host->host() == u"127.0.0.1"_s);
    REQUIRE(host->port() != 0);

    // The target connects first, then the initiator, both to the stream's hash.
    const QString sid = u"s1"_s;
    const QByteArray hash = streamHash(sid, alice.jid(), bob.jid());
    QTcpSocket bobSocket;
    REQUIRE(socks5Connect(bobSocket, host->host(), host->port(), hash) == 0);

    // Not yet activatable: the initiator has not connected.
    answer = request(alice.client, activation(sid, bob.jid()));
    CHECK(answer.error == QXmppStanza::Error::NotAllowed);

    QTcpSocket aliceSocket;
    REQUIRE(socks5Connect(aliceSocket, host->host(), host->port(), hash) == 0);

    // Nothing is relayed before the activation.
    const QByteArray early("sent before the activation");
    aliceSocket.write(early);
    REQUIRE(aliceSocket.waitForBytesWritten(5000));
    CHECK_FALSE(bobSocket.waitForReadyRead(500));

    // Only the initiator named in the hash may activate it.
    answer = request(carol.client, activation(sid, bob.jid()));
    CHECK(answer.error == QXmppStanza::Error::ItemNotFound);
    answer = request(bob.client, activation(sid, alice.jid()));
    CHECK(answer.error == QXmppStanza::Error::ItemNotFound);
    CHECK(bobSocket.bytesAvailable() == 0);

    answer = request(alice.client, activation(sid, bob.jid()));
    REQUIRE(answer.ok());
    answer = request(alice.client, activation(sid, bob.jid()));
    CHECK(answer.error == QXmppStanza::Error::NotAllowed);

    constexpr qint64 Total = 100LL * 1024 * 1024;
    const Transfer proxied = transfer(aliceSocket, bobSocket, Total, early);
    REQUIRE(proxied.complete);
    CHECK(proxied.intact);

    // The same amount over a plain loopback connection, for comparison.
    QTcpServer plainServer;
    REQUIRE(plainServer.listen(QHostAddress::LocalHost));
    QTcpSocket plainSender;
    plainSender.connectToHost(QHostAddress::LocalHost, plainServer.serverPort());
    REQUIRE(plainServer.waitForNewConnection(5000));
    std::unique_ptr<QTcpSocket> plainReceiver(plainServer.nextPendingConnection());
    REQUIRE(plainSender.waitForConnected(5000));
    const Transfer plain = transfer(plainSender, *plainReceiver, Total);
    CHECK(plain.intact);
    WARN("100 MiB through the proxy: " << proxied.mibPerSecond << " MiB/s; plain loopback: "
                                       << plain.mibPerSecond << " MiB/s");

    // One side leaving closes the other.
    aliceSocket.disconnectFromHost();
    CHECK(waitFor([&] { return bobSocket.state() == QAbstractSocket::UnconnectedState; }));
}

TEST_CASE("the proxy refuses streams over its limit and drops unactivated ones", "[proxy65]")
{
    TestServer server({.settings = {{u"proxy65/max_streams"_s, u"1"_s},
                                    {u"proxy65/idle_timeout_seconds"_s, u"1"_s}}});
    REQUIRE(server.start());
    REQUIRE(server.addUser(u"alice"_s, u"alice pw"_s));
    User alice(u"alice"_s);
    REQUIRE(alice.connect(server));
    const auto host = streamHost(alice.client);
    REQUIRE(host);

    const QString bob = u"bob@flint.test/test"_s;
    QTcpSocket first;
    REQUIRE(socks5Connect(first, host->host(), host->port(),
                          streamHash(u"a"_s, alice.jid(), bob)) == 0);
    QTcpSocket second;
    CHECK(socks5Connect(second, host->host(), host->port(), streamHash(u"b"_s, alice.jid(), bob)) !=
          0);

    // Never activated: the proxy closes it after the idle timeout, which frees the slot.
    CHECK(waitFor([&] { return first.state() == QAbstractSocket::UnconnectedState; }, 5000));
    QTcpSocket third;
    CHECK(socks5Connect(third, host->host(), host->port(), streamHash(u"c"_s, alice.jid(), bob)) ==
          0);
}

TEST_CASE("the proxy closes an activated stream that has gone quiet", "[proxy65]")
{
    TestServer server({.settings = {{u"proxy65/idle_timeout_seconds"_s, u"1"_s}}});
    REQUIRE(server.start());
    ActiveStream stream;
    REQUIRE(stream.open(server, u"quiet"_s));
    QTcpSocket &aliceSocket = stream.aliceSocket, &bobSocket = stream.bobSocket;

    // Busy for longer than the timeout, then quiet: only the quiet time counts.
    for (int i = 0; i < 6; ++i) {
        aliceSocket.write("still here");
        REQUIRE(waitFor([&] { return bobSocket.bytesAvailable() >= 10; }, 5000));
        CHECK(bobSocket.readAll() == "still here");
        waitFor([] { return false; }, 300);
    }
    CHECK(waitFor(
        [&] {
            return aliceSocket.state() == QAbstractSocket::UnconnectedState &&
                   bobSocket.state() == QAbstractSocket::UnconnectedState;
        },
        5000));
}

TEST_CASE("the proxy holds a user's streams to the configured bandwidth", "[proxy65]")
{
    constexpr qint64 BytesPerSecond = 1024 * 1024;
    TestServer server({.settings = {{u"proxy65/max_bytes_per_second_per_user"_s,
                                     QString::number(BytesPerSecond)}}});
    REQUIRE(server.start());
    ActiveStream stream;
    REQUIRE(stream.open(server, u"slow"_s));
    QTcpSocket &aliceSocket = stream.aliceSocket, &bobSocket = stream.bobSocket;

    // One second's worth passes at once, the rest at the configured rate.
    const Transfer limited = transfer(aliceSocket, bobSocket, 4 * BytesPerSecond);
    REQUIRE(limited.complete);
    CHECK(limited.intact);
    CHECK(limited.mibPerSecond < 1.6);
    CHECK(limited.mibPerSecond > 0.8);
}

TEST_CASE("QXmpp's file transfer goes through the proxy", "[proxy65]")
{
    TestServer server;
    REQUIRE(server.start());
    REQUIRE(server.addUser(u"alice"_s, u"alice pw"_s));
    REQUIRE(server.addUser(u"bob"_s, u"bob pw"_s));
    User alice(u"alice"_s), bob(u"bob"_s);
    auto *sending = alice.client.addNewExtension<QXmppTransferManager>();
    auto *receiving = bob.client.addNewExtension<QXmppTransferManager>();
    for (QXmppTransferManager *manager : {sending, receiving}) {
        manager->setSupportedMethods(QXmppTransferJob::SocksMethod);
        manager->setProxy(u"proxy."_s + server.domain());
        manager->setProxyOnly(true);
    }
    REQUIRE(alice.connect(server));
    REQUIRE(bob.connect(server));

    QByteArray content(4 * 1024 * 1024, Qt::Uninitialized);
    QRandomGenerator(7).fillRange(reinterpret_cast<quint32 *>(content.data()), content.size() / 4);
    QBuffer source(&content);
    source.open(QIODevice::ReadOnly);
    QBuffer destination;
    destination.open(QIODevice::WriteOnly);

    QXmppTransferJob *incoming = nullptr;
    bool sent = false, received = false;
    // Connected before the job is accepted: a 4 MiB transfer can be over before the test's next
    // look at `incoming` (waitFor() handles events for up to 20 ms between looks).
    QObject::connect(receiving, &QXmppTransferManager::fileReceived, [&](QXmppTransferJob *job) {
        incoming = job;
        QObject::connect(job, &QXmppTransferJob::finished, [&] { received = true; });
        job->accept(&destination);
    });
    QXmppTransferFileInfo file;
    file.setName(u"report.bin"_s);
    file.setSize(content.size());
    QXmppTransferJob *outgoing = sending->sendFile(bob.jid(), &source, file);
    REQUIRE(outgoing);
    QObject::connect(outgoing, &QXmppTransferJob::finished, [&] { sent = true; });
    REQUIRE(waitFor([&] { return sent && received; }, 30000));
    CHECK(outgoing->error() == QXmppTransferJob::NoError);
    CHECK(incoming->error() == QXmppTransferJob::NoError);
    CHECK(incoming->method() == QXmppTransferJob::SocksMethod);
    CHECK(destination.data() == content);
    CHECK(server.log().contains(u"activated a bytestream"_s));
}

TEST_CASE("a receiver that does not read holds the sender back", "[proxy65]")
{
    TestServer server;
    REQUIRE(server.start());
    ActiveStream stream;
    REQUIRE(stream.open(server, u"stuck"_s));
    QTcpSocket &aliceSocket = stream.aliceSocket, &bobSocket = stream.bobSocket;

    // Without flow control the proxy would take all of it at loopback speed; with it, only
    // what fits in the kernel's socket buffers and the proxy's two 256 KiB windows leaves.
    constexpr qint64 Total = 128LL * 1024 * 1024;
    bobSocket.setReadBufferSize(64 * 1024);
    aliceSocket.write(QByteArray(Total, 'x'));
    waitFor([] { return false; }, 2000);
    CHECK(aliceSocket.bytesToWrite() > Total - 32LL * 1024 * 1024);

    // Once the receiver reads, everything arrives.
    bobSocket.setReadBufferSize(0);
    qint64 received = 0;
    CHECK(waitFor(
        [&] {
            received += bobSocket.readAll().size();
            return received == Total;
        },
        30000));
}

#ifdef Q_OS_LINUX
// On Linux the relay splices, and passes on one side's end (shutdown) while the other may still
// send; elsewhere it closes both sides when one leaves.
TEST_CASE("bytes sent before the activation arrive first, and each side's end is passed on",
          "[proxy65]")
{
    TestServer server;
    REQUIRE(server.start());
    REQUIRE(server.addUser(u"alice"_s, u"alice pw"_s));
    REQUIRE(server.addUser(u"bob"_s, u"bob pw"_s));
    User alice(u"alice"_s), bob(u"bob"_s);
    REQUIRE(alice.connect(server));
    REQUIRE(bob.connect(server));
    const auto host = streamHost(alice.client);
    REQUIRE(host);
    const QString sid = u"early"_s;
    const QByteArray hash = streamHash(sid, alice.jid(), bob.jid());
    RawSocket bobSocket, aliceSocket;
    REQUIRE(bobSocket.socks5Connect(host->port(), hash));
    REQUIRE(aliceSocket.socks5Connect(host->port(), hash));

    QByteArray content(4 * 1024 * 1024, Qt::Uninitialized);
    QRandomGenerator(11).fillRange(reinterpret_cast<quint32 *>(content.data()), content.size() / 4);
    // Before the activation, more than the proxy reads into its own buffer during the
    // handshake (256 KiB): some of it waits in the server's memory, the rest in the kernel.
    const QByteArray early = content.left(1024 * 1024);
    qsizetype sentEarly = 0;
    for (int attempt = 0; attempt < 100 && sentEarly < early.size(); ++attempt) {
        const ssize_t n = ::send(aliceSocket.fd, early.constData() + sentEarly,
                                 size_t(early.size() - sentEarly), MSG_DONTWAIT | MSG_NOSIGNAL);
        if (n > 0)
            sentEarly += n;
        else
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    CHECK(sentEarly > 256 * 1024);
    const QByteArray bobEarly("bob was here first");
    REQUIRE(bobSocket.send(bobEarly));
    REQUIRE(request(alice.client, activation(sid, bob.jid())).ok());

    // Alice sends the rest and closes her sending side; Bob gets everything, in order, then
    // the end of the stream.
    std::thread sender([&] {
        if (aliceSocket.send(content.mid(sentEarly)))
            ::shutdown(aliceSocket.fd, SHUT_WR);
    });
    bool ended = false;
    const QByteArray received = bobSocket.readToEnd(&ended);
    sender.join();
    CHECK(ended);
    CHECK(received.size() == content.size());
    CHECK(received == content);

    // Bob may still answer after Alice's end; his end reaches her after his bytes.
    const QByteArray answer("and bob answers after her end");
    REQUIRE(bobSocket.send(answer));
    ::shutdown(bobSocket.fd, SHUT_WR);
    ended = false;
    CHECK(aliceSocket.readToEnd(&ended) == bobEarly + answer);
    CHECK(ended);
}
#endif

// flint-proxy-bench: throughput of a large transfer through flint-server's XEP-0065 proxy on
// loopback, against a plain loopback TCP copy of the same size in the same run.
//
// Starts flint-server with a temporary configuration on 127.0.0.1, creates two users with the
// CLI, logs two QXmppClients in, and for every proxied run opens a new stream (target connects
// first, initiator activates). Sender and receiver run on their own threads with blocking POSIX
// sockets, so each has a core; the plain copy uses the same threads and chunk size. The timed
// runs only count bytes and check a stamp at the start of every chunk; integrity is checked with
// SHA-256 at both ends on a separate, untimed transfer.
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QDomElement>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>
#include <QXmppByteStreamIq.h>
#include <QXmppClient.h>
#include <QXmppConfiguration.h>
#include <QXmppError.h>
#include <QXmppTask.h>

#include <algorithm>
#include <arpa/inet.h>
#include <atomic>
#include <cstring>
#include <functional>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <optional>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace Qt::StringLiterals;

namespace {

const QString Domain = u"bench.test"_s;
constexpr int SocketTimeoutSeconds = 30;

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

bool waitFor(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    while (!done() && clock.elapsed() < timeoutMs)
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 50);
    return done();
}

// utime + stime of a process, in seconds.
double cpuSeconds(qint64 pid)
{
    QFile file(u"/proc/%1/stat"_s.arg(pid));
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray stat = file.readAll();
    const QList<QByteArray> fields = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 13)
        return 0;
    return double(fields[11].toLongLong() + fields[12].toLongLong()) / double(sysconf(_SC_CLK_TCK));
}

// ---- blocking loopback sockets ----

class Fd {
public:
    explicit Fd(int fd = -1) : m_fd(fd) {}
    Fd(Fd &&other) noexcept : m_fd(std::exchange(other.m_fd, -1)) {}
    Fd &operator=(Fd &&other) noexcept
    {
        std::swap(m_fd, other.m_fd);
        return *this;
    }
    Fd(const Fd &) = delete;
    Fd &operator=(const Fd &) = delete;
    ~Fd()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    int get() const { return m_fd; }
    bool valid() const { return m_fd >= 0; }

private:
    int m_fd;
};

void setTimeouts(int fd)
{
    timeval timeout{SocketTimeoutSeconds, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
}

sockaddr_in loopback(quint16 port)
{
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return address;
}

Fd connectLoopback(quint16 port)
{
    Fd fd(::socket(AF_INET, SOCK_STREAM, 0));
    if (!fd.valid())
        return fd;
    setTimeouts(fd.get());
    const sockaddr_in address = loopback(port);
    if (::connect(fd.get(), reinterpret_cast<const sockaddr *>(&address), sizeof address) != 0)
        return Fd();
    return fd;
}

bool writeAll(int fd, const char *data, size_t size)
{
    while (size > 0) {
        const ssize_t n = ::send(fd, data, size, MSG_NOSIGNAL);
        if (n <= 0)
            return false;
        data += n;
        size -= size_t(n);
    }
    return true;
}

bool readAll(int fd, char *data, size_t size)
{
    while (size > 0) {
        const ssize_t n = ::recv(fd, data, size, 0);
        if (n <= 0)
            return false;
        data += n;
        size -= size_t(n);
    }
    return true;
}

// The SOCKS5 client side of XEP-0065: no authentication, CONNECT to the hash as a domain name.
Fd socks5Connect(quint16 port, const QByteArray &hash)
{
    Fd fd = connectLoopback(port);
    char reply[2];
    if (!fd.valid() || !writeAll(fd.get(), "\x05\x01\x00", 3) || !readAll(fd.get(), reply, 2) ||
        reply[0] != 5 || reply[1] != 0)
        return Fd();
    const QByteArray request =
        QByteArray("\x05\x01\x00\x03", 4) + char(hash.size()) + hash + QByteArray(2, '\0');
    QByteArray answer(5 + hash.size() + 2, '\0');
    if (!writeAll(fd.get(), request.constData(), size_t(request.size())) ||
        !readAll(fd.get(), answer.data(), size_t(answer.size())) || answer[1] != 0)
        return Fd();
    return fd;
}

// A connected pair over a plain loopback listener: {sender, receiver}.
std::optional<std::pair<Fd, Fd>> plainPair()
{
    Fd listener(::socket(AF_INET, SOCK_STREAM, 0));
    sockaddr_in address = loopback(0);
    socklen_t length = sizeof address;
    if (!listener.valid() ||
        ::bind(listener.get(), reinterpret_cast<sockaddr *>(&address), sizeof address) != 0 ||
        ::listen(listener.get(), 1) != 0 ||
        ::getsockname(listener.get(), reinterpret_cast<sockaddr *>(&address), &length) != 0)
        return std::nullopt;
    Fd sender = connectLoopback(ntohs(address.sin_port));
    Fd receiver(::accept(listener.get(), nullptr, nullptr));
    if (!sender.valid() || !receiver.valid())
        return std::nullopt;
    setTimeouts(receiver.get());
    return std::make_pair(std::move(sender), std::move(receiver));
}

// ---- the transfer ----

struct Result {
    bool complete = false;
    bool intact = false;
    double seconds = 0;
};

// Sends `total` bytes in `chunkSize` writes: a pseudo-random block whose first 8 bytes carry the
// chunk's index. The receiver checks every index (cheap: one compare per chunk); with `hash`
// both ends also compute SHA-256 (for the untimed integrity run only).
Result transfer(Fd sender, Fd receiver, qint64 total, qint64 chunkSize, bool hash)
{
    QByteArray block(chunkSize, Qt::Uninitialized);
    QRandomGenerator(65).fillRange(reinterpret_cast<quint32 *>(block.data()),
                                   qsizetype(chunkSize / 4));
    std::atomic<bool> senderOk{false};
    QByteArray sentHash, receivedHash;
    qint64 received = 0;
    bool stampsOk = true;

    QElapsedTimer clock;
    clock.start();
    std::thread sendThread([&] {
        QCryptographicHash sha(QCryptographicHash::Sha256);
        QByteArray chunk = block;
        bool ok = true;
        for (qint64 written = 0, index = 0; ok && written < total; written += chunkSize, ++index) {
            const qint64 size = std::min(chunkSize, total - written);
            std::memcpy(chunk.data(), &index, std::min<qint64>(sizeof index, size));
            if (hash)
                sha.addData(QByteArrayView(chunk.constData(), size));
            ok = writeAll(sender.get(), chunk.constData(), size_t(size));
        }
        ::shutdown(sender.get(), SHUT_WR);
        senderOk = ok;
        sentHash = sha.result();
    });
    std::thread receiveThread([&] {
        QCryptographicHash sha(QCryptographicHash::Sha256);
        std::vector<char> buffer(static_cast<size_t>(chunkSize));
        qint64 stamp = 0; // the 8 stamp bytes of the current chunk, gathered as they arrive
        while (received < total) {
            const ssize_t n = ::recv(receiver.get(), buffer.data(), buffer.size(), 0);
            if (n <= 0)
                break;
            if (hash)
                sha.addData(QByteArrayView(buffer.data(), n));
            // Stamp bytes in this read: offsets [0, 8) of each chunk.
            for (qint64 offset = received; offset < received + n;) {
                const qint64 inChunk = offset % chunkSize;
                if (inChunk >= qint64(sizeof stamp)) {
                    offset += chunkSize - inChunk;
                    continue;
                }
                reinterpret_cast<char *>(&stamp)[inChunk] = buffer[size_t(offset - received)];
                if (inChunk == sizeof stamp - 1 && stamp != offset / chunkSize)
                    stampsOk = false;
                ++offset;
            }
            received += n;
        }
        receivedHash = sha.result();
    });
    sendThread.join();
    receiveThread.join();
    Result result;
    result.seconds = double(clock.nsecsElapsed()) / 1e9;
    result.complete = senderOk && received == total;
    result.intact = result.complete && stampsOk && (!hash || sentHash == receivedHash);
    return result;
}

// ---- flint-server and the XMPP side ----

class Server {
public:
    bool start(const QString &binary, quint16 proxyPort)
    {
        m_binary = binary;
        if (!m_dir.isValid())
            return false;
        for (int attempt = 0; attempt < 3; ++attempt) {
            m_port = freePort();
            if (launch(proxyPort))
                return true;
        }
        err() << "flint-server did not start:\n" << m_log << Qt::endl;
        return false;
    }
    ~Server()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.terminate();
            if (!m_process.waitForFinished(15000)) {
                m_process.kill();
                m_process.waitForFinished(5000);
            }
        }
    }
    bool addUser(const QString &name, const QString &password)
    {
        QProcess cli;
        cli.setProcessChannelMode(QProcess::MergedChannels);
        cli.start(m_binary, {u"--config"_s, configPath(), u"user"_s, u"add"_s, name});
        cli.write(password.toUtf8() + '\n');
        cli.closeWriteChannel();
        if (!cli.waitForFinished(30000)) {
            cli.kill();
            cli.waitForFinished(5000);
            return false;
        }
        return cli.exitStatus() == QProcess::NormalExit && cli.exitCode() == 0;
    }
    qint64 pid() const { return m_process.processId(); }
    quint16 port() const { return m_port; }

private:
    static quint16 freePort()
    {
        Fd fd(::socket(AF_INET, SOCK_STREAM, 0));
        sockaddr_in address = loopback(0);
        socklen_t length = sizeof address;
        ::bind(fd.get(), reinterpret_cast<sockaddr *>(&address), sizeof address);
        ::getsockname(fd.get(), reinterpret_cast<sockaddr *>(&address), &length);
        return ntohs(address.sin_port);
    }
    QString configPath() const { return m_dir.filePath(u"flint-server.ini"_s); }
    bool launch(quint16 proxyPort)
    {
        QDir(m_dir.path()).mkpath(u"data"_s);
        QFile config(configPath());
        if (!config.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return false;
        config.write(u"[server]\ndomain = \"%1\"\nlisten = \"127.0.0.1:%2\"\ndata_dir = \"%3\"\n"
                     "log_level = \"info\"\n\n[limits]\nconnections_per_ip = \"1000000\"\n"
                     "stanzas_per_second = \"1000000\"\nstanza_burst = \"1000000\"\n\n"
                     "[proxy65]\nport = \"%4\"\n"_s.arg(Domain)
                         .arg(m_port)
                         .arg(m_dir.filePath(u"data"_s))
                         .arg(proxyPort)
                         .toUtf8());
        config.close();
        m_log.clear();
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        QObject::disconnect(&m_process, nullptr, nullptr, nullptr);
        QObject::connect(&m_process, &QProcess::readyRead, &m_process,
                         [this] { m_log += QString::fromUtf8(m_process.readAll()); });
        m_process.start(m_binary, {u"--config"_s, configPath()});
        if (!m_process.waitForStarted(10000))
            return false;
        const bool ready = waitFor(
            [this] {
                return m_log.contains(u"flint.server: serving"_s) ||
                       m_process.state() != QProcess::Running;
            },
            20000);
        if (ready && m_process.state() == QProcess::Running)
            return true;
        m_process.kill();
        m_process.waitForFinished(5000);
        return false;
    }

    QString m_binary;
    QTemporaryDir m_dir{QDir::tempPath() + u"/flint-proxy-bench.XXXXXX"_s};
    QProcess m_process;
    QString m_log;
    quint16 m_port = 0;
};

// Sends an IQ and waits for its answer: the result element, or a null element.
template <typename Iq> QDomElement requestIq(QXmppClient &client, const Iq &iq)
{
    auto answer = std::make_shared<std::optional<QDomElement>>();
    client.sendIq(Iq(iq)).then(&client, [answer](QXmppClient::IqResult &&result) {
        const auto *element = std::get_if<QDomElement>(&result);
        *answer = element ? *element : QDomElement();
    });
    waitFor([answer] { return answer->has_value(); }, 10000);
    return answer->value_or(QDomElement());
}

bool login(QXmppClient &client, quint16 port, const QString &user)
{
    QXmppConfiguration configuration;
    configuration.setHost(u"127.0.0.1"_s);
    configuration.setPort(port);
    configuration.setDomain(Domain);
    configuration.setUser(user);
    configuration.setPassword(user + u" password"_s);
    configuration.setResource(u"bench"_s);
    configuration.setStreamSecurityMode(QXmppConfiguration::TLSRequired);
    configuration.setIgnoreSslErrors(true); // the server's certificate is self-signed
    configuration.setAutoReconnectionEnabled(false);
    configuration.setKeepAliveInterval(0);
    bool failed = false;
    QObject::connect(&client, &QXmppClient::errorOccurred, &client,
                     [&failed](const QXmppError &) { failed = true; });
    client.connectToServer(configuration);
    waitFor([&] { return client.isConnected() || failed; }, 30000);
    QObject::disconnect(&client, &QXmppClient::errorOccurred, &client, nullptr);
    return client.isConnected();
}

struct Proxy {
    QXmppClient initiator, target;
    QString initiatorJid, targetJid;
    quint16 port = 0;
    int streams = 0;

    bool open(const Server &server)
    {
        if (!login(initiator, server.port(), u"sender"_s) ||
            !login(target, server.port(), u"receiver"_s))
            return false;
        initiatorJid = u"sender@%1/bench"_s.arg(Domain);
        targetJid = u"receiver@%1/bench"_s.arg(Domain);
        QXmppByteStreamIq query;
        query.setType(QXmppIq::Get);
        query.setTo(u"proxy."_s + Domain);
        const QDomElement answer = requestIq(initiator, query);
        if (answer.isNull())
            return false;
        QXmppByteStreamIq result;
        result.parse(answer);
        if (result.streamHosts().isEmpty())
            return false;
        port = quint16(result.streamHosts().first().port());
        return port != 0;
    }

    // A fresh activated stream: {initiator socket, target socket}.
    std::optional<std::pair<Fd, Fd>> stream()
    {
        const QString sid = u"bench-%1"_s.arg(++streams);
        const QByteArray hash = QCryptographicHash::hash((sid + initiatorJid + targetJid).toUtf8(),
                                                         QCryptographicHash::Sha1)
                                    .toHex();
        Fd targetSocket = socks5Connect(port, hash);
        if (!targetSocket.valid())
            return std::nullopt;
        Fd initiatorSocket = socks5Connect(port, hash);
        if (!initiatorSocket.valid())
            return std::nullopt;
        QXmppByteStreamIq activate;
        activate.setType(QXmppIq::Set);
        activate.setTo(u"proxy."_s + Domain);
        activate.setSid(sid);
        activate.setActivate(targetJid);
        if (requestIq(initiator, activate).isNull())
            return std::nullopt;
        return std::make_pair(std::move(initiatorSocket), std::move(targetSocket));
    }
};

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values.empty() ? 0 : values[values.size() / 2];
}

QString fixed(double value, int decimals = 1)
{
    return QString::number(value, 'f', decimals);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"flint-proxy-bench"_s);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Throughput through flint-server's XEP-0065 proxy against a plain loopback copy."_s);
    parser.addHelpOption();
    parser.addOptions({
        {u"server"_s, u"flint-server binary."_s, u"path"_s},
        {u"proxy-port"_s, u"Port for the proxy (0 = ephemeral)."_s, u"port"_s, u"0"_s},
        {u"mib"_s, u"MiB per timed transfer."_s, u"n"_s, u"1024"_s},
        {u"runs"_s, u"Timed transfers per path (alternating)."_s, u"n"_s, u"3"_s},
        {u"chunk"_s, u"Bytes per write and read."_s, u"bytes"_s, u"65536"_s},
        {u"verify-mib"_s, u"MiB of the untimed SHA-256 check per path."_s, u"n"_s, u"64"_s},
    });
    parser.process(app);
    const QString binary = parser.value(u"server"_s);
    const qint64 total = parser.value(u"mib"_s).toLongLong() * 1024 * 1024;
    const int runs = std::clamp(parser.value(u"runs"_s).toInt(), 1, 20);
    const qint64 chunk = std::max<qint64>(parser.value(u"chunk"_s).toLongLong() & ~qint64(7), 64);
    const qint64 verifyTotal = parser.value(u"verify-mib"_s).toLongLong() * 1024 * 1024;
    if (binary.isEmpty() || total <= 0) {
        err() << "usage: flint-proxy-bench --server PATH [--mib N] [--runs N] [--chunk B]"
              << Qt::endl;
        return 2;
    }

    Server server;
    if (!server.start(binary, quint16(parser.value(u"proxy-port"_s).toUInt())))
        return 1;
    if (!server.addUser(u"sender"_s, u"sender password"_s) ||
        !server.addUser(u"receiver"_s, u"receiver password"_s)) {
        err() << "could not create the users" << Qt::endl;
        return 1;
    }
    Proxy proxy;
    if (!proxy.open(server)) {
        err() << "could not log in or find the proxy's streamhost" << Qt::endl;
        return 1;
    }
    err() << "flint-server pid " << server.pid() << ", c2s port " << server.port()
          << ", proxy port " << proxy.port << Qt::endl;

    // Integrity, untimed: SHA-256 at both ends through each path.
    if (verifyTotal > 0) {
        auto stream = proxy.stream();
        auto plain = plainPair();
        if (!stream || !plain) {
            err() << "could not open the verification streams" << Qt::endl;
            return 1;
        }
        const Result viaProxy =
            transfer(std::move(stream->first), std::move(stream->second), verifyTotal, chunk, true);
        const Result viaPlain =
            transfer(std::move(plain->first), std::move(plain->second), verifyTotal, chunk, true);
        out() << "verify proxy_intact=" << (viaProxy.intact ? 1 : 0)
              << " plain_intact=" << (viaPlain.intact ? 1 : 0) << " mib=" << verifyTotal / 1048576
              << Qt::endl;
        if (!viaProxy.intact || !viaPlain.intact)
            return 1;
    }

    const double mib = double(total) / 1048576.0;
    std::vector<double> proxyRates, plainRates, ratios, serverCpu;
    bool ok = true;
    for (int run = 1; run <= runs && ok; ++run) {
        auto stream = proxy.stream();
        if (!stream) {
            err() << "could not open proxied stream " << run << Qt::endl;
            return 1;
        }
        const double cpuBefore = cpuSeconds(server.pid());
        const Result viaProxy =
            transfer(std::move(stream->first), std::move(stream->second), total, chunk, false);
        const double cpu = cpuSeconds(server.pid()) - cpuBefore;
        auto plain = plainPair();
        if (!plain) {
            err() << "could not open a plain loopback connection" << Qt::endl;
            return 1;
        }
        const Result viaPlain =
            transfer(std::move(plain->first), std::move(plain->second), total, chunk, false);
        ok = viaProxy.intact && viaPlain.intact;
        proxyRates.push_back(mib / viaProxy.seconds);
        plainRates.push_back(mib / viaPlain.seconds);
        ratios.push_back(proxyRates.back() / plainRates.back());
        serverCpu.push_back(cpu);
        out() << "run=" << run << " proxy_mibps=" << fixed(proxyRates.back())
              << " plain_mibps=" << fixed(plainRates.back())
              << " ratio=" << fixed(proxyRates.back() / plainRates.back(), 3)
              << " server_cpu_s=" << fixed(cpu, 2) << " proxy_ok=" << (viaProxy.intact ? 1 : 0)
              << " plain_ok=" << (viaPlain.intact ? 1 : 0) << Qt::endl;
    }
    if (!ok) {
        err() << "a transfer was incomplete or corrupted" << Qt::endl;
        return 1;
    }
    const double proxyMedian = median(proxyRates), plainMedian = median(plainRates);
    out() << Qt::endl
          << "| " << fixed(mib, 0) << " MiB, chunk " << chunk << " B, " << runs
          << " runs each | MiB/s |" << Qt::endl
          << "|---|---:|" << Qt::endl
          << "| Through the flint proxy, median (runs: ";
    for (size_t i = 0; i < proxyRates.size(); ++i)
        out() << (i ? " / " : "") << fixed(proxyRates[i], 0);
    out() << ") | " << fixed(proxyMedian) << " |" << Qt::endl
          << "| Plain loopback TCP, median (runs: ";
    for (size_t i = 0; i < plainRates.size(); ++i)
        out() << (i ? " / " : "") << fixed(plainRates[i], 0);
    out() << ") | " << fixed(plainMedian) << " |" << Qt::endl
          << "| Ratio proxy / plain (of the medians) | " << fixed(proxyMedian / plainMedian, 3)
          << " |" << Qt::endl
          << "| Ratio proxy / plain, median of the per-run ratios (runs: ";
    for (size_t i = 0; i < ratios.size(); ++i)
        out() << (i ? " / " : "") << fixed(ratios[i], 2);
    out() << ") | " << fixed(median(ratios), 3) << " |" << Qt::endl
          << "| flint-server CPU s per proxied transfer, median (runs: ";
    for (size_t i = 0; i < serverCpu.size(); ++i)
        out() << (i ? " / " : "") << fixed(serverCpu[i], 2);
    out() << ") | " << fixed(median(serverCpu), 2) << " |" << Qt::endl;
    out() << Qt::endl
          << "result proxy_mibps=" << fixed(proxyMedian) << " plain_mibps=" << fixed(plainMedian)
          << " ratio=" << fixed(proxyMedian / plainMedian, 3)
          << " run_ratio=" << fixed(median(ratios), 3)
          << " server_cpu_s=" << fixed(median(serverCpu), 2) << Qt::endl;
    return 0;
}

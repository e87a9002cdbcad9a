// flint-muc-bench: fan-out of messages into one XEP-0045 room with many occupants, against any
// XMPP server with a MUC service. Light clients (LightClient: raw TLS, no XML parser) log in and
// join one room; a few of them then send messages at fixed offered rates and at the highest rate
// a window of unanswered messages per sender allows. Every occupant, the senders included,
// receives every message; the latency of each delivery comes from a monotonic timestamp in the
// body. Prints one "result" line per run; scripts read them (bench/run-muc-bench.sh).
#include "LightClient.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QTextStream>

#include <openssl/ssl.h>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <memory>
#include <mutex>
#include <optional>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace Qt::StringLiterals;

namespace flint::bench {
namespace {

constexpr int SettleQuietMs = 1000;
constexpr int SettleLimitMs = 30000;

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

qint64 nowNs()
{
    timespec time{};
    clock_gettime(CLOCK_MONOTONIC, &time);
    return qint64(time.tv_sec) * 1'000'000'000 + time.tv_nsec;
}

double processCpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

// utime + stime of another process, in seconds; 0 if it cannot be read.
double serverCpuSeconds(qint64 pid)
{
    if (pid <= 0)
        return 0;
    QFile file(u"/proc/%1/stat"_s.arg(pid));
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray stat = file.readAll();
    const QList<QByteArray> fields = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 13)
        return 0;
    return double(fields[11].toLongLong() + fields[12].toLongLong()) / double(sysconf(_SC_CLK_TCK));
}

double quantileMs(std::vector<qint64> &sortedNs, double q)
{
    if (sortedNs.empty())
        return 0;
    const auto rank =
        std::clamp<size_t>(size_t(std::ceil(q * double(sortedNs.size()))), 1, sortedNs.size());
    return double(sortedNs[rank - 1]) / 1e6;
}

QString decimal(double value)
{
    return QString::number(value, 'f', 2);
}

struct Options {
    QByteArray host;
    quint16 port = 5222;
    QByteArray domain;
    QByteArray roomJid;
    QByteArray prefix;
    QByteArray password;
    int occupants = 200;
    int senders = 5;
    int loginThreads = 4;
    QList<int> pacedRates; // messages per second into the room
    int pacedSeconds = 10;
    int maxMessages = 2000;
    int window = 5; // unanswered messages per sender in the max run
    int drainSeconds = 60;
    qint64 serverPid = 0;

    static std::optional<Options> parse(const QStringList &arguments);
};

std::optional<Options> Options::parse(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Room fan-out benchmark: OCCUPANTS light clients join one room, SENDERS of them send "
        "messages at each paced rate, then as fast as a window per sender allows."_s);
    parser.addHelpOption();
    const auto option = [&](const QString &name, const QString &description,
                            const QString &defaultValue) {
        parser.addOption(QCommandLineOption(name, description, u"value"_s, defaultValue));
    };
    option(u"host"_s, u"Server address (IPv4)."_s, u"127.0.0.1"_s);
    option(u"port"_s, u"Client-to-server port."_s, u"5222"_s);
    option(u"domain"_s, u"XMPP domain of the accounts."_s, {});
    option(u"room"_s, u"Room JID (default: bench@conference.DOMAIN)."_s, {});
    option(u"prefix"_s, u"Account names are PREFIX0, PREFIX1, ..."_s, u"load"_s);
    option(u"password"_s, u"Password of every account."_s, {});
    option(u"occupants"_s, u"Clients that join the room."_s, u"200"_s);
    option(u"senders"_s, u"Occupants that send."_s, u"5"_s);
    option(u"login-threads"_s, u"Threads logging clients in."_s, u"4"_s);
    option(u"rates"_s, u"Paced runs: messages per second into the room, comma-separated."_s,
           u"50,200"_s);
    option(u"seconds"_s, u"Length of each paced run."_s, u"10"_s);
    option(u"max-messages"_s, u"Messages in the max-rate run (0: no max-rate run)."_s, u"2000"_s);
    option(u"window"_s, u"Max-rate run: unanswered messages per sender."_s, u"5"_s);
    option(u"drain"_s, u"Seconds to wait for the last deliveries of a run."_s, u"60"_s);
    option(u"server-pid"_s, u"Process whose CPU time is reported per run."_s, u"0"_s);
    parser.process(arguments);

    Options options;
    options.host = parser.value(u"host"_s).toLatin1();
    options.domain = parser.value(u"domain"_s).toUtf8();
    options.roomJid = parser.value(u"room"_s).toUtf8();
    if (options.roomJid.isEmpty())
        options.roomJid = "bench@conference." + options.domain;
    options.prefix = parser.value(u"prefix"_s).toUtf8();
    options.password = parser.value(u"password"_s).toUtf8();
    bool ok = !options.domain.isEmpty() && !options.password.isEmpty();
    const auto number = [&](const QString &name, int minimum) {
        bool valid = false;
        const int value = parser.value(name).toInt(&valid);
        ok = ok && valid && value >= minimum;
        return value;
    };
    options.port = quint16(number(u"port"_s, 1));
    options.occupants = number(u"occupants"_s, 1);
    options.senders = number(u"senders"_s, 1);
    options.loginThreads = number(u"login-threads"_s, 1);
    options.pacedSeconds = number(u"seconds"_s, 1);
    options.maxMessages = number(u"max-messages"_s, 0);
    options.window = number(u"window"_s, 1);
    options.drainSeconds = number(u"drain"_s, 1);
    options.serverPid = number(u"server-pid"_s, 0);
    const QStringList rates = parser.value(u"rates"_s).split(u',', Qt::SkipEmptyParts);
    for (const QString &rate : rates) {
        bool valid = false;
        options.pacedRates << rate.toInt(&valid);
        ok = ok && valid && options.pacedRates.last() > 0;
    }
    ok = ok && options.senders <= options.occupants;
    if (!ok) {
        err() << "flint-muc-bench: missing or invalid options\n\n" << parser.helpText();
        return std::nullopt;
    }
    return options;
}

struct RunResult {
    QString name;
    qint64 sent = 0;
    qint64 expected = 0;
    qint64 delivered = 0;
    qint64 stale = 0; // deliveries of an earlier run's messages
    double seconds = 0;
    double sendSeconds = 0;
    std::vector<qint64> latenciesNs;
    double serverCpu = 0;
    double clientCpu = 0;
};

class RoomBench {
public:
    explicit RoomBench(const Options &options) : m_options(options)
    {
        m_context = SSL_CTX_new(TLS_client_method());
        // Benchmark servers use self-signed certificates.
        SSL_CTX_set_verify(m_context, SSL_VERIFY_NONE, nullptr);
        SSL_CTX_set_mode(m_context, SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
        m_epoll = epoll_create1(0);
    }
    ~RoomBench()
    {
        m_clients.clear();
        SSL_CTX_free(m_context);
        ::close(m_epoll);
    }

    // Logs every client in and into the room; the first one creates it.
    bool joinAll();
    // Runs the event loop until no data has arrived for a while.
    void settle();
    RunResult runPaced(int rate, int seconds);
    RunResult runMax(int messages, int window);
    int closedStreams() const { return m_closed; }

    RoomBench(const RoomBench &) = delete;
    RoomBench &operator=(const RoomBench &) = delete;

private:
    QString joinOne(int index);
    void startRun(RunResult *run);
    void finishRun(RunResult *run, qint64 startedNs);
    void sendMessage(int sender);
    void watchWrites(int client, bool enabled);
    // One round of the event loop: waits up to `timeoutMs` and handles what is ready.
    void pollOnce(int timeoutMs);
    void deliver(int client, QByteArrayView body);

    const Options &m_options;
    SSL_CTX *m_context = nullptr;
    int m_epoll = -1;
    std::vector<std::unique_ptr<LightClient>> m_clients;
    std::vector<bool> m_watchingWrites;
    std::vector<bool> m_open;
    int m_closed = 0;

    // The run in progress.
    RunResult *m_run = nullptr;
    int m_runNumber = 0;
    qint64 m_lastDeliveryNs = 0;
    qint64 m_readyEvents = 0;     // sockets found ready, for settle()
    std::vector<int> m_inFlight;  // per sender, max-rate run
    std::vector<int> m_remaining; // per sender, max-rate run
};

QString RoomBench::joinOne(int index)
{
    LightClient &client = *m_clients[size_t(index)];
    const QByteArray user = m_options.prefix + QByteArray::number(index);
    QString error =
        client.logIn(m_options.host, m_options.port, m_options.domain, user, m_options.password);
    bool created = false;
    if (error.isEmpty())
        error = client.joinRoom(m_options.roomJid + '/' + user, &created);
    if (error.isEmpty() && created)
        error = client.unlockRoom(m_options.roomJid);
    return error.isEmpty() ? error : QString::fromUtf8(user) + u": "_s + error;
}

bool RoomBench::joinAll()
{
    const qint64 startedNs = nowNs();
    for (int i = 0; i < m_options.occupants; ++i)
        m_clients.push_back(std::make_unique<LightClient>(m_context));
    QStringList errors;
    // The first occupant creates the room before anyone else comes in.
    if (QString error = joinOne(0); !error.isEmpty())
        errors << error;
    std::mutex lock;
    std::vector<std::thread> threads;
    for (int t = 0; t < m_options.loginThreads && errors.isEmpty(); ++t) {
        threads.emplace_back([this, t, &errors, &lock] {
            for (int i = 1 + t; i < m_options.occupants; i += m_options.loginThreads) {
                if (QString error = joinOne(i); !error.isEmpty()) {
                    const std::lock_guard guard(lock);
                    errors << error;
                }
            }
        });
    }
    for (std::thread &thread : threads)
        thread.join();
    for (const QString &error : std::as_const(errors).first(qMin(errors.size(), 5)))
        err() << "flint-muc-bench: " << error << Qt::endl;
    out() << "result run=join occupants=" << m_options.occupants << " failed=" << errors.size()
          << " seconds=" << decimal(double(nowNs() - startedNs) / 1e9) << Qt::endl;
    if (!errors.isEmpty())
        return false;

    m_watchingWrites.assign(m_clients.size(), false);
    m_open.assign(m_clients.size(), true);
    for (size_t i = 0; i < m_clients.size(); ++i) {
        if (!m_clients[i]->setNonBlocking())
            return false;
        epoll_event event{};
        event.events = EPOLLIN;
        event.data.u64 = i;
        if (epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_clients[i]->socketDescriptor(), &event) != 0)
            return false;
    }
    return true;
}

void RoomBench::settle()
{
    const qint64 limitNs = nowNs() + qint64(SettleLimitMs) * 1'000'000;
    qint64 quietSinceNs = nowNs();
    while (nowNs() < limitNs && nowNs() - quietSinceNs < qint64(SettleQuietMs) * 1'000'000) {
        const qint64 before = m_readyEvents;
        pollOnce(100);
        if (m_readyEvents != before)
            quietSinceNs = nowNs();
    }
}

void RoomBench::watchWrites(int client, bool enabled)
{
    if (m_watchingWrites[size_t(client)] == enabled)
        return;
    m_watchingWrites[size_t(client)] = enabled;
    epoll_event event{};
    event.events = enabled ? EPOLLIN | EPOLLOUT : EPOLLIN;
    event.data.u64 = quint64(client);
    epoll_ctl(m_epoll, EPOLL_CTL_MOD, m_clients[size_t(client)]->socketDescriptor(), &event);
}

void RoomBench::pollOnce(int timeoutMs)
{
    constexpr int MaxEvents = 256;
    epoll_event events[MaxEvents];
    const int count = epoll_wait(m_epoll, events, MaxEvents, timeoutMs);
    for (int e = 0; e < count; ++e) {
        const int client = int(events[e].data.u64);
        if (!m_open[size_t(client)])
            continue;
        LightClient &light = *m_clients[size_t(client)];
        bool open = true;
        if (events[e].events & EPOLLOUT) {
            open = light.flush();
            watchWrites(client, open && light.wantsWrite());
        }
        if (open && (events[e].events & (EPOLLIN | EPOLLHUP | EPOLLERR)))
            open =
                light.readAvailable([this, client](QByteArrayView body) { deliver(client, body); });
        if (!open) {
            m_open[size_t(client)] = false;
            ++m_closed;
            epoll_ctl(m_epoll, EPOLL_CTL_DEL, light.socketDescriptor(), nullptr);
            err() << "flint-muc-bench: the server closed occupant " << client << "'s stream"
                  << Qt::endl;
        }
    }
    m_readyEvents += qMax(count, 0);
}

// Bodies are "RUN SENT_NS SENDER".
void RoomBench::deliver(int client, QByteArrayView body)
{
    if (!m_run)
        return;
    const qsizetype first = body.indexOf(' ');
    const qsizetype second = body.indexOf(' ', first + 1);
    if (first < 0 || second < 0)
        return;
    if (body.first(first).toInt() != m_runNumber) {
        ++m_run->stale;
        return;
    }
    const qint64 now = nowNs();
    m_run->latenciesNs.push_back(now - body.sliced(first + 1, second - first - 1).toLongLong());
    ++m_run->delivered;
    m_lastDeliveryNs = now;
    const int sender = body.sliced(second + 1).toInt();
    if (sender != client || m_inFlight.empty())
        return;
    // The sender's own copy came back: it may send the next one.
    --m_inFlight[size_t(sender)];
    if (m_remaining[size_t(sender)] > 0) {
        --m_remaining[size_t(sender)];
        ++m_inFlight[size_t(sender)];
        sendMessage(sender);
    }
}

void RoomBench::sendMessage(int sender)
{
    LightClient &client = *m_clients[size_t(sender)];
    const QByteArray stanza = "<message to='" + m_options.roomJid + "' type='groupchat'><body>" +
                              QByteArray::number(m_runNumber) + ' ' + QByteArray::number(nowNs()) +
                              ' ' + QByteArray::number(sender) + "</body></message>";
    ++m_run->sent;
    if (!client.send(stanza))
        err() << "flint-muc-bench: sender " << sender << " could not write" << Qt::endl;
    watchWrites(sender, client.wantsWrite());
}

void RoomBench::startRun(RunResult *run)
{
    ++m_runNumber;
    m_run = run;
    run->serverCpu = serverCpuSeconds(m_options.serverPid);
    run->clientCpu = processCpuSeconds();
}

void RoomBench::finishRun(RunResult *run, qint64 startedNs)
{
    const qint64 occupants = qint64(m_clients.size());
    run->expected = run->sent * occupants;
    const qint64 deadline = nowNs() + qint64(m_options.drainSeconds) * 1'000'000'000;
    while (run->delivered < run->expected && nowNs() < deadline && m_closed == 0)
        pollOnce(50);
    run->seconds = double(m_lastDeliveryNs - startedNs) / 1e9;
    run->serverCpu = serverCpuSeconds(m_options.serverPid) - run->serverCpu;
    run->clientCpu = processCpuSeconds() - run->clientCpu;
    m_inFlight.clear();
    m_remaining.clear();
    m_run = nullptr;
}

RunResult RoomBench::runPaced(int rate, int seconds)
{
    RunResult run;
    run.name = u"paced-%1"_s.arg(rate);
    startRun(&run);
    const qint64 total = qint64(rate) * seconds;
    const double intervalNs = 1e9 / rate;
    const qint64 startedNs = nowNs();
    m_lastDeliveryNs = startedNs;
    for (qint64 next = 0; next < total && m_closed == 0;) {
        const qint64 now = nowNs();
        // Late wake-ups send what is due at once, so the offered rate holds.
        while (next < total && startedNs + qint64(double(next) * intervalNs) <= now) {
            sendMessage(int(next % m_options.senders));
            ++next;
        }
        const qint64 dueNs = startedNs + qint64(double(next) * intervalNs) - nowNs();
        pollOnce(next < total ? int(qMax<qint64>(0, dueNs / 1'000'000)) : 0);
    }
    run.sendSeconds = double(nowNs() - startedNs) / 1e9;
    finishRun(&run, startedNs);
    return run;
}

RunResult RoomBench::runMax(int messages, int window)
{
    RunResult run;
    run.name = u"max-window-%1"_s.arg(window);
    startRun(&run);
    const int senders = m_options.senders;
    m_inFlight.assign(size_t(senders), 0);
    m_remaining.assign(size_t(senders), 0);
    for (int s = 0; s < senders; ++s)
        m_remaining[size_t(s)] = messages / senders + (s < messages % senders ? 1 : 0);
    const qint64 startedNs = nowNs();
    m_lastDeliveryNs = startedNs;
    for (int s = 0; s < senders; ++s) {
        while (m_inFlight[size_t(s)] < window && m_remaining[size_t(s)] > 0) {
            --m_remaining[size_t(s)];
            ++m_inFlight[size_t(s)];
            sendMessage(s);
        }
    }
    const qint64 deadline = startedNs + qint64(m_options.drainSeconds) * 1'000'000'000;
    while (m_closed == 0 && nowNs() < deadline &&
           std::any_of(m_remaining.cbegin(), m_remaining.cend(), [](int n) { return n > 0; }))
        pollOnce(50);
    run.sendSeconds = double(nowNs() - startedNs) / 1e9;
    finishRun(&run, startedNs);
    return run;
}

void printRun(RunResult &run, int occupants)
{
    std::sort(run.latenciesNs.begin(), run.latenciesNs.end());
    const double seconds = run.seconds > 0 ? run.seconds : 1;
    out() << "result run=" << run.name << " occupants=" << occupants << " sent=" << run.sent
          << " expected=" << run.expected << " delivered=" << run.delivered
          << " stale=" << run.stale << " seconds=" << decimal(run.seconds)
          << " send_seconds=" << decimal(run.sendSeconds)
          << " sent_rate=" << decimal(double(run.sent) / seconds)
          << " delivery_rate=" << decimal(double(run.delivered) / seconds)
          << " median_ms=" << decimal(quantileMs(run.latenciesNs, 0.5))
          << " p99_ms=" << decimal(quantileMs(run.latenciesNs, 0.99))
          << " max_ms=" << decimal(quantileMs(run.latenciesNs, 1.0))
          << " server_cpu=" << decimal(run.serverCpu) << " client_cpu=" << decimal(run.clientCpu)
          << Qt::endl;
}

} // namespace
} // namespace flint::bench

int main(int argc, char *argv[])
{
    using namespace flint::bench;
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"flint-muc-bench"_s);
    const std::optional<Options> options = Options::parse(QCoreApplication::arguments());
    if (!options)
        return 2;
    RoomBench bench(*options);
    if (!bench.joinAll())
        return 1;
    bench.settle();
    bool complete = true;
    const auto record = [&](RunResult run) {
        printRun(run, options->occupants);
        complete = complete && run.delivered == run.expected && bench.closedStreams() == 0;
        bench.settle();
    };
    for (const int rate : options->pacedRates)
        record(bench.runPaced(rate, options->pacedSeconds));
    if (options->maxMessages > 0)
        record(bench.runMax(options->maxMessages, options->window));
    return complete ? 0 : 1;
}

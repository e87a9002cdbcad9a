#include "LoadPhases.h"

#include "JobRunner.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QRegularExpression>
#include <QTextStream>
#include <QTimer>
#include <QXmppClient.h>
#include <QXmppConfiguration.h>
#include <QXmppError.h>
#include <QXmppLogger.h>
#include <QXmppMessage.h>
#include <QXmppRegisterIq.h>
#include <QXmppRegistrationManager.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <vector>

using namespace Qt::StringLiterals;

namespace flint::bench {
namespace {

constexpr int ConnectTimeoutMs = 30000;
constexpr int DisconnectTimeoutMs = 10000;
constexpr int MaxReportedErrors = 5;

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

// Monotonic nanoseconds since the first call; shared by sender and receiver of a message.
qint64 nowNs()
{
    static QElapsedTimer clock = [] {
        QElapsedTimer timer;
        timer.start();
        return timer;
    }();
    return clock.nsecsElapsed();
}

// The value at quantile q (0..1) of the samples, in milliseconds; 0 without samples.
double quantileMs(std::vector<qint64> samplesNs, double q)
{
    if (samplesNs.empty())
        return 0;
    std::sort(samplesNs.begin(), samplesNs.end());
    const auto rank =
        std::clamp<size_t>(size_t(std::ceil(q * double(samplesNs.size()))), 1, samplesNs.size());
    return double(samplesNs[rank - 1]) / 1e6;
}

QString decimal(double value)
{
    return QString::number(value, 'f', 2);
}

void printResult(const QString &phase, const QList<std::pair<QString, QString>> &fields)
{
    out() << "result phase=" << phase;
    for (const auto &[key, value] : fields)
        out() << ' ' << key << '=' << value;
    out() << Qt::endl;
}

// Prints the first few distinct failures to stderr.
class ErrorLog {
public:
    void add(const QString &error)
    {
        ++m_count;
        if (m_seen.size() < MaxReportedErrors && !m_seen.contains(error)) {
            m_seen << error;
            QTextStream(stderr) << "flint-load: " << error << Qt::endl;
        }
    }
    int count() const { return m_count; }

private:
    QStringList m_seen;
    int m_count = 0;
};

QXmppConfiguration configuration(const LoadOptions &options, const QString &user,
                                 const QString &password)
{
    QXmppConfiguration configuration;
    configuration.setHost(options.host);
    configuration.setPort(options.port);
    configuration.setDomain(options.domain);
    configuration.setUser(user);
    configuration.setPassword(password);
    configuration.setResource(u"load"_s);
    configuration.setStreamSecurityMode(QXmppConfiguration::TLSRequired);
    configuration.setIgnoreSslErrors(true); // benchmark servers use self-signed certificates
    configuration.setAutoReconnectionEnabled(false);
    configuration.setKeepAliveInterval(0);
    configuration.setUseSasl2Authentication(false);
    configuration.setSaslAuthMechanism(options.mechanism);
    return configuration;
}

QString describe(const QXmppError &error)
{
    return error.description.isEmpty() ? u"connection error"_s : error.description;
}

// Records the SASL mechanisms a server offers and the one the client picks.
class MechanismProbe : public QObject {
public:
    explicit MechanismProbe(QXmppClient *client) : QObject(client)
    {
        auto *logger = new QXmppLogger(this);
        logger->setLoggingType(QXmppLogger::SignalLogging);
        logger->setMessageTypes(QXmppLogger::SentMessage | QXmppLogger::ReceivedMessage);
        client->setLogger(logger);
        connect(logger, &QXmppLogger::message, this, [this](auto type, const QString &text) {
            static const QRegularExpression offered(u"<mechanism>([^<]+)</mechanism>"_s);
            static const QRegularExpression chosen(u"<auth [^>]*mechanism=[\"']([^\"']+)"_s);
            if (type == QXmppLogger::ReceivedMessage) {
                for (const auto &match : offered.globalMatch(text))
                    if (!m_offered.contains(match.captured(1)))
                        m_offered << match.captured(1);
            } else if (const auto match = chosen.match(text); match.hasMatch()) {
                m_chosen = match.captured(1);
            }
        });
    }
    QString offered() const { return m_offered.isEmpty() ? u"-"_s : m_offered.join(u','); }
    QString chosen() const { return m_chosen.isEmpty() ? u"-"_s : m_chosen; }

private:
    QStringList m_offered;
    QString m_chosen;
};

// Opens `count` sessions (accounts offset..offset+count-1) and keeps the connected ones;
// a failed slot stays nullptr.
std::vector<QXmppClient *> openSessions(const LoadOptions &options, int count, ErrorLog *errors,
                                        int timeoutMs)
{
    std::vector<QXmppClient *> clients(size_t(count), nullptr);
    std::vector<QPointer<QXmppClient>> started;
    runJobs(
        count, options.concurrency,
        [&](int job, FinishJob finish) {
            auto *client = new QXmppClient(QXmppClient::NoExtensions);
            started.emplace_back(client);
            // Once connected the client belongs to `clients`; later errors must not free it.
            auto settled = std::make_shared<bool>(false);
            const auto fail = [client, errors, finish, settled](const QString &error) {
                if (*settled)
                    return;
                *settled = true;
                errors->add(error);
                client->deleteLater();
                finish();
            };
            QObject::connect(client, &QXmppClient::connected, client,
                             [&clients, client, job, finish, settled] {
                                 if (*settled)
                                     return;
                                 *settled = true;
                                 clients[size_t(job)] = client;
                                 finish();
                             });
            QObject::connect(client, &QXmppClient::errorOccurred, client,
                             [fail](const QXmppError &error) { fail(describe(error)); });
            QTimer::singleShot(ConnectTimeoutMs, client,
                               [fail] { fail(u"session setup timed out"_s); });
            client->connectToServer(configuration(options, options.user(job), options.password));
        },
        timeoutMs);
    // Sessions still being set up at the deadline are given up.
    for (const QPointer<QXmppClient> &client : started)
        if (client && std::find(clients.cbegin(), clients.cend(), client) == clients.cend())
            delete client;
    return clients;
}

void closeSessions(std::vector<QXmppClient *> &clients)
{
    for (QXmppClient *client : clients)
        if (client)
            client->disconnectFromServer();
    waitUntil(
        [&] {
            return std::all_of(clients.cbegin(), clients.cend(), [](QXmppClient *client) {
                return !client || client->state() == QXmppClient::DisconnectedState;
            });
        },
        DisconnectTimeoutMs);
    for (QXmppClient *client : clients)
        delete client;
    clients.clear();
}

} // namespace

bool runRegisterPhase(const LoadOptions &options)
{
    ErrorLog errors;
    int created = 0;
    int existing = 0;
    QElapsedTimer clock;
    clock.start();
    const bool complete = runJobs(
        options.count, options.concurrency,
        [&](int job, FinishJob finish) {
            auto *client = new QXmppClient(QXmppClient::NoExtensions);
            auto *registration = client->addNewExtension<QXmppRegistrationManager>();
            registration->setRegisterOnConnectEnabled(true);
            QXmppRegisterIq form;
            form.setUsername(options.user(job));
            form.setPassword(options.password);
            registration->setRegistrationFormToSend(form);
            auto settled = std::make_shared<bool>(false);
            const auto done = [client, finish, settled] {
                *settled = true;
                client->disconnectFromServer();
                client->deleteLater();
                finish();
            };
            QObject::connect(registration, &QXmppRegistrationManager::registrationSucceeded, client,
                             [&created, done, settled] {
                                 if (*settled)
                                     return;
                                 ++created;
                                 done();
                             });
            QObject::connect(registration, &QXmppRegistrationManager::registrationFailed, client,
                             [&existing, &errors, done, settled](const QXmppStanza::Error &error) {
                                 if (*settled)
                                     return;
                                 // A rerun finds the accounts of the previous run.
                                 if (error.condition() == QXmppStanza::Error::Conflict)
                                     ++existing;
                                 else
                                     errors.add(u"registration failed: "_s + error.text());
                                 done();
                             });
            const auto fail = [&errors, done, settled](const QString &error) {
                if (*settled)
                    return;
                errors.add(error);
                done();
            };
            QObject::connect(client, &QXmppClient::errorOccurred, client,
                             [fail](const QXmppError &error) { fail(describe(error)); });
            QTimer::singleShot(ConnectTimeoutMs, client,
                               [fail] { fail(u"registration timed out"_s); });
            client->connectToServer(configuration(options, {}, {}));
        },
        options.timeoutSeconds * 1000);
    const double seconds = double(clock.nsecsElapsed()) / 1e9;
    printResult(u"register"_s, {{u"created"_s, QString::number(created)},
                                {u"existing"_s, QString::number(existing)},
                                {u"failed"_s, QString::number(errors.count())},
                                {u"seconds"_s, decimal(seconds)},
                                {u"rate"_s, decimal(created / seconds)}});
    return complete && errors.count() == 0;
}

bool runLoginPhase(const LoadOptions &options)
{
    ErrorLog errors;
    std::vector<qint64> latencies;
    MechanismProbe *probe = nullptr;
    QString probeOffered = u"-"_s;
    QString probeChosen = u"-"_s;
    const int accounts = options.accounts > 0 ? options.accounts : options.count;
    QElapsedTimer clock;
    clock.start();
    const bool complete = runJobs(
        options.count, options.concurrency,
        [&](int job, FinishJob finish) {
            auto *client = new QXmppClient(QXmppClient::NoExtensions);
            if (job == 0)
                probe = new MechanismProbe(client);
            const qint64 startedNs = nowNs();
            auto settled = std::make_shared<bool>(false);
            // The slot is free once the session is closed again, so concurrency stays bounded.
            const auto release = [client, job, finish, &probe, &probeOffered, &probeChosen] {
                if (job == 0 && probe) {
                    probeOffered = probe->offered();
                    probeChosen = probe->chosen();
                    probe = nullptr;
                }
                client->deleteLater();
                finish();
            };
            const auto fail = [release, settled, &errors](const QString &error) {
                if (*settled)
                    return;
                *settled = true;
                errors.add(error);
                release();
            };
            QObject::connect(client, &QXmppClient::connected, client,
                             [client, startedNs, release, settled, &latencies] {
                                 if (*settled)
                                     return;
                                 *settled = true;
                                 latencies.push_back(nowNs() - startedNs);
                                 QObject::connect(client, &QXmppClient::disconnected, client,
                                                  release);
                                 QTimer::singleShot(DisconnectTimeoutMs, client, release);
                                 client->disconnectFromServer();
                             });
            QObject::connect(client, &QXmppClient::errorOccurred, client,
                             [fail](const QXmppError &error) { fail(describe(error)); });
            QTimer::singleShot(ConnectTimeoutMs, client, [fail] { fail(u"login timed out"_s); });
            client->connectToServer(
                configuration(options, options.user(job % accounts), options.password));
        },
        options.timeoutSeconds * 1000);
    const double seconds = double(clock.nsecsElapsed()) / 1e9;
    const int ok = int(latencies.size());
    printResult(u"login"_s, {{u"ok"_s, QString::number(ok)},
                             {u"failed"_s, QString::number(options.count - ok)},
                             {u"seconds"_s, decimal(seconds)},
                             {u"rate"_s, decimal(ok / seconds)},
                             {u"median_ms"_s, decimal(quantileMs(latencies, 0.5))},
                             {u"p99_ms"_s, decimal(quantileMs(latencies, 0.99))},
                             {u"offered"_s, probeOffered},
                             {u"mechanism"_s, probeChosen}});
    return complete && ok == options.count;
}

bool runMessagesPhase(const LoadOptions &options)
{
    ErrorLog errors;
    const int pairs = options.pairs;
    std::vector<QXmppClient *> clients =
        openSessions(options, 2 * pairs, &errors, options.timeoutSeconds * 1000);

    struct Pair {
        QXmppClient *sender = nullptr;
        QString receiverJid;
        int sent = 0;
        int received = 0;
    };
    std::vector<Pair> active;
    std::vector<QXmppClient *> receivers;
    for (int i = 0; i < pairs; ++i) {
        if (clients[size_t(i)] && clients[size_t(i + pairs)]) {
            active.push_back({clients[size_t(i)], options.bareJid(i + pairs)});
            receivers.push_back(clients[size_t(i + pairs)]);
        }
    }
    // Lets the servers finish processing the initial presences before the clock starts.
    waitUntil([] { return false; }, 1000);

    std::vector<qint64> latencies;
    latencies.reserve(size_t(active.size()) * size_t(options.messages));
    int bounced = 0;
    int unexpected = 0;
    qint64 startedNs = 0;
    qint64 lastNs = 0;
    const auto pump = [&](Pair &pair) {
        while (pair.sent < options.messages && pair.sent - pair.received < options.window) {
            QXmppMessage message({}, pair.receiverJid, u"%1 %2"_s.arg(pair.sent).arg(nowNs()));
            message.setType(QXmppMessage::Chat);
            pair.sender->sendPacket(message);
            ++pair.sent;
        }
    };
    for (size_t i = 0; i < active.size(); ++i) {
        // Errors bounce back to the sender; they still free a place in the window.
        QObject::connect(active[i].sender, &QXmppClient::messageReceived, active[i].sender,
                         [&, i](const QXmppMessage &message) {
                             if (message.type() != QXmppMessage::Error)
                                 return;
                             ++bounced;
                             lastNs = nowNs();
                             errors.add(u"message bounced: "_s + message.error().text());
                             ++active[i].received;
                             pump(active[i]);
                         });
        QObject::connect(receivers[i], &QXmppClient::messageReceived, receivers[i],
                         [&, i](const QXmppMessage &message) {
                             bool ok = false;
                             const qint64 sentNs =
                                 message.body().section(u' ', 1, 1).toLongLong(&ok);
                             if (!ok || message.type() == QXmppMessage::Error) {
                                 ++unexpected;
                                 return;
                             }
                             lastNs = nowNs();
                             latencies.push_back(lastNs - sentNs);
                             ++active[i].received;
                             pump(active[i]);
                         });
    }

    const qint64 expected = qint64(active.size()) * options.messages;
    startedNs = nowNs();
    lastNs = startedNs;
    for (Pair &pair : active)
        pump(pair);
    waitUntil([&] { return qint64(latencies.size()) + bounced >= expected; },
              options.timeoutSeconds * 1000);
    const double seconds = double(lastNs - startedNs) / 1e9;
    const qint64 delivered = qint64(latencies.size());
    printResult(u"messages"_s, {{u"pairs"_s, QString::number(active.size())},
                                {u"expected"_s, QString::number(expected)},
                                {u"delivered"_s, QString::number(delivered)},
                                {u"bounced"_s, QString::number(bounced)},
                                {u"unexpected"_s, QString::number(unexpected)},
                                {u"session_failures"_s, QString::number(errors.count() - bounced)},
                                {u"seconds"_s, decimal(seconds)},
                                {u"rate"_s, decimal(seconds > 0 ? double(delivered) / seconds : 0)},
                                {u"median_ms"_s, decimal(quantileMs(latencies, 0.5))},
                                {u"p99_ms"_s, decimal(quantileMs(latencies, 0.99))}});
    closeSessions(clients);
    return int(active.size()) == pairs && delivered == expected;
}

bool runIdlePhase(const LoadOptions &options)
{
    ErrorLog errors;
    QElapsedTimer clock;
    clock.start();
    std::vector<QXmppClient *> clients =
        openSessions(options, options.count, &errors, options.timeoutSeconds * 1000);
    const auto open = int(std::count_if(clients.cbegin(), clients.cend(),
                                        [](QXmppClient *client) { return client; }));
    // The caller samples the server's memory after this line, while the sessions are held.
    printResult(u"idle-ready"_s, {{u"sessions"_s, QString::number(open)},
                                  {u"failed"_s, QString::number(options.count - open)},
                                  {u"seconds"_s, decimal(double(clock.nsecsElapsed()) / 1e9)}});
    waitUntil([] { return false; }, options.holdSeconds * 1000);
    const auto alive = int(std::count_if(clients.cbegin(), clients.cend(),
                                         [](QXmppClient *c) { return c && c->isAuthenticated(); }));
    printResult(u"idle"_s, {{u"sessions"_s, QString::number(open)},
                            {u"alive"_s, QString::number(alive)},
                            {u"held_seconds"_s, QString::number(options.holdSeconds)}});
    closeSessions(clients);
    return open == options.count && alive == open;
}

} // namespace flint::bench

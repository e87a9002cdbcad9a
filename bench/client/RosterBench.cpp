#include "RosterBench.h"

#include "client/AccountSession.h"
#include "client/CertificateTrust.h"
#include "client/RegistrationManager.h"
#include "client/RosterManager.h"
#include "client/RosterModel.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QHash>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>
#include <QXmppClient.h>
#include <QXmppConfiguration.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

using namespace Qt::StringLiterals;

namespace flint::bench {

namespace {

const QString kDomain = u"bench.test"_s;
const QString kUser = u"boss"_s;
const QString kPassword = u"bench-password"_s;
constexpr int kGroups = 10;
constexpr int kLoginBatch = 50;

void print(const QString &line)
{
    std::printf("%s\n", qPrintable(line));
    std::fflush(stdout);
}

QString contactName(int index)
{
    return u"colleague%1"_s.arg(index, 4, 10, QLatin1Char('0'));
}

// VmRSS of this process in KiB, 0 when /proc is unavailable.
qint64 residentKib()
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return 0;
}

bool waitFor(const std::function<bool()> &condition, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!condition()) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        QThread::msleep(2);
    }
    return true;
}

double percentile(QList<double> values, double p)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const auto index = qsizetype(std::ceil(p / 100.0 * double(values.size()))) - 1;
    return values.at(std::clamp<qsizetype>(index, 0, values.size() - 1));
}

// A flint-server in a temporary directory with limits raised for one machine's worth of clients.
class BenchServer {
public:
    explicit BenchServer(QString binary) : m_binary(std::move(binary))
    {
        QTcpServer probe;
        probe.listen(QHostAddress::LocalHost, 0);
        m_port = probe.serverPort();
        writeConfig();
    }
    ~BenchServer() { stop(); }

    quint16 port() const { return m_port; }
    QString dataDirectory() const { return m_dir.filePath(u"data"_s); }
    QString databasePath() const { return m_dir.filePath(u"data/flint.db"_s); }
    QString certificatePath() const { return m_dir.filePath(u"data/certificate.pem"_s); }
    QString log() const { return m_log; }

    // `flint-server user add`, the password on stdin.
    bool addUser(const QString &name) const
    {
        QProcess process;
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start(m_binary, {u"--config"_s, configPath(), u"user"_s, u"add"_s, name});
        process.write(kPassword.toUtf8() + '\n');
        process.closeWriteChannel();
        return process.waitForFinished(30000) && process.exitStatus() == QProcess::NormalExit &&
               process.exitCode() == 0;
    }

    bool start()
    {
        const qsizetype logStart = m_log.size();
        m_process = std::make_unique<QProcess>();
        m_process->setProcessChannelMode(QProcess::MergedChannels);
        QObject::connect(m_process.get(), &QProcess::readyRead, m_process.get(),
                         [this] { m_log += QString::fromUtf8(m_process->readAll()); });
        m_process->start(m_binary, {u"--config"_s, configPath()});
        if (!m_process->waitForStarted(10000))
            return false;
        return waitFor(
                   [this, logStart] {
                       return m_log.indexOf(u"flint.server: serving"_s, logStart) >= 0 ||
                              m_process->state() != QProcess::Running;
                   },
                   20000) &&
               m_process->state() == QProcess::Running;
    }

    void stop()
    {
        if (!m_process || m_process->state() == QProcess::NotRunning)
            return;
        m_process->terminate();
        if (!m_process->waitForFinished(15000)) {
            m_process->kill();
            m_process->waitForFinished(5000);
        }
    }

private:
    QString configPath() const { return m_dir.filePath(u"flint-server.ini"_s); }

    void writeConfig() const
    {
        const QString config =
            u"[server]\ndomain = \"%1\"\nlisten = \"127.0.0.1:%2\"\ndata_dir = \"%3\"\n"
            "log_level = \"info\"\n\n"
            "[registration]\npolicy = \"open\"\nper_ip_per_hour = \"0\"\n\n"
            "[limits]\nconnections_per_ip = \"2000\"\nstanzas_per_second = \"10000\"\n"
            "stanza_burst = \"10000\"\n"_s.arg(kDomain)
                .arg(m_port)
                .arg(dataDirectory());
        QFile file(configPath());
        if (file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            file.write(config.toUtf8());
    }

    QString m_binary;
    QTemporaryDir m_dir;
    quint16 m_port = 0;
    std::unique_ptr<QProcess> m_process;
    QString m_log;
};

// Both directions of every subscription, as the subscribe/subscribed handshake would leave them,
// written while the server is stopped: 2,000 roster rows instead of 1,000 logins.
bool seedRosters(const QString &databasePath, int contacts)
{
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"roster-seed"_s);
        db.setDatabaseName(databasePath);
        if (!db.open()) {
            print(u"cannot open %1: %2"_s.arg(databasePath, db.lastError().text()));
            return false;
        }
        db.transaction();
        QSqlQuery item(db);
        item.prepare(u"INSERT INTO roster_items (username, contact, name, subscription)"
                     " VALUES (?, ?, ?, 'both')"_s);
        QSqlQuery group(db);
        group.prepare(
            u"INSERT INTO roster_groups (username, contact, group_name) VALUES (?, ?, ?)"_s);
        QSqlQuery version(db);
        version.prepare(u"INSERT INTO roster_versions (username, version) VALUES (?, 1)"_s);
        ok = true;
        const QString userJid = kUser + u'@' + kDomain;
        for (int i = 0; i < contacts && ok; ++i) {
            const QString name = contactName(i);
            item.addBindValue(kUser);
            item.addBindValue(name + u'@' + kDomain);
            item.addBindValue(u"Colleague %1"_s.arg(i));
            ok = item.exec();
            group.addBindValue(kUser);
            group.addBindValue(name + u'@' + kDomain);
            group.addBindValue(u"Department %1"_s.arg(i % kGroups));
            ok = ok && group.exec();
            item.addBindValue(name);
            item.addBindValue(userJid);
            item.addBindValue(u"Boss"_s);
            ok = ok && item.exec();
            version.addBindValue(name);
            ok = ok && version.exec();
        }
        version.addBindValue(kUser);
        ok = ok && version.exec() && db.commit();
        if (!ok)
            print(u"seeding failed: %1 %2"_s.arg(item.lastError().text(),
                                                 version.lastError().text()));
    }
    QSqlDatabase::removeDatabase(u"roster-seed"_s);
    return ok;
}

// XEP-0077 through the client core's RegistrationManager, `kLoginBatch` at a time; the server
// must be running (its certificate exists only then).
bool registerInBand(const BenchServer &server, const QStringList &names)
{
    QTemporaryDir dir;
    CertificateTrust trust(dir.filePath(u"trust"_s));
    const QSslCertificate certificate =
        QSslCertificate::fromPath(server.certificatePath()).value(0);
    for (qsizetype first = 0; first < names.size(); first += kLoginBatch) {
        const qsizetype last = std::min(names.size(), first + kLoginBatch);
        std::vector<std::unique_ptr<RegistrationManager>> managers;
        int created = 0;
        int failed = 0;
        for (qsizetype i = first; i < last; ++i) {
            trust.trustCertificate(names.at(i) + u'@' + kDomain, certificate);
            auto manager = std::make_unique<RegistrationManager>(trust);
            QObject::connect(manager.get(), &RegistrationManager::finished, manager.get(),
                             [&](const RegistrationResult &result) {
                                 if (result.kind == RegistrationResult::Created) {
                                     ++created;
                                 } else {
                                     ++failed;
                                     print(u"registration failed: "_s + describe(result));
                                 }
                             });
            manager->registerAccount({.username = names.at(i),
                                      .password = kPassword,
                                      .passwordConfirmation = kPassword,
                                      .server = kDomain,
                                      .address = u"127.0.0.1:%1"_s.arg(server.port()),
                                      .timeoutSeconds = 60});
            managers.push_back(std::move(manager));
        }
        if (!waitFor([&] { return created + failed == int(last - first); }, 90000) || failed)
            return false;
    }
    return true;
}

struct ClientRun {
    double loginMs = 0;
    double rosterMs = 0;
    double populatedMs = 0;
    double rssMib = 0;
};

std::optional<ClientRun> parseClientOutput(const QString &output)
{
    for (const QString &line : output.split(u'\n')) {
        if (!line.startsWith(u"roster-client "_s))
            continue;
        QHash<QString, double> values;
        for (const QString &field : line.split(u' ', Qt::SkipEmptyParts).mid(1))
            values.insert(field.section(u'=', 0, 0), field.section(u'=', 1).toDouble());
        return ClientRun{
            values.value(u"login_ms"_s), values.value(u"roster_ms"_s),
            values.value(u"populated_ms"_s),
            double(values.value(u"rss_after_kib"_s) - values.value(u"rss_before_kib"_s)) / 1024.0};
    }
    return std::nullopt;
}

} // namespace

int runRosterBench(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addOptions({
        {u"contacts"_s, u"Roster size."_s, u"N"_s, u"1000"_s},
        {u"online"_s, u"Contacts logged in with available presence."_s, u"N"_s, u"300"_s},
        {u"runs"_s, u"Measured logins."_s, u"N"_s, u"5"_s},
        {u"accounts"_s,
         u"How to create the accounts: inband (XEP-0077, 50 at a time) or cli "
         "(flint-server user add, one process each)."_s,
         u"METHOD"_s, u"inband"_s},
        {u"server"_s, u"flint-server binary."_s, u"PATH"_s,
         QCoreApplication::applicationDirPath() + u"/../server/flint-server"_s},
    });
    parser.process(QStringList{u"flint-client-bench roster"_s} + arguments);
    const int contacts = std::max(1, parser.value(u"contacts"_s).toInt());
    const int online = std::clamp(parser.value(u"online"_s).toInt(), 0, contacts);
    const int runs = std::max(1, parser.value(u"runs"_s).toInt());

    BenchServer server(parser.value(u"server"_s));
    QStringList names{kUser};
    for (int i = 0; i < contacts; ++i)
        names << contactName(i);
    const bool inBand = parser.value(u"accounts"_s) != u"cli"_s;
    QElapsedTimer phase;
    phase.start();
    if (inBand) {
        // Rosters are seeded into a stopped server's database, so it runs only to register.
        const bool registered = server.start() && registerInBand(server, names);
        server.stop();
        if (!registered) {
            print(u"in-band registration failed:\n"_s + server.log());
            return 1;
        }
    } else {
        for (const QString &name : names) {
            if (!server.addUser(name)) {
                print(u"user add failed for "_s + name);
                return 1;
            }
        }
    }
    const double accountsSeconds = double(phase.elapsed()) / 1000.0;
    phase.restart();
    if (!seedRosters(server.databasePath(), contacts))
        return 1;
    const double seedSeconds = double(phase.elapsed()) / 1000.0;
    if (!server.start()) {
        print(u"flint-server did not start:\n"_s + server.log());
        return 1;
    }

    // The online contacts, logged in 50 at a time so their logins do not time out on 2 cores.
    phase.restart();
    std::vector<std::unique_ptr<QXmppClient>> clients;
    for (int first = 0; first < online; first += kLoginBatch) {
        const int last = std::min(online, first + kLoginBatch);
        for (int i = first; i < last; ++i) {
            auto client = std::make_unique<QXmppClient>(QXmppClient::NoExtensions);
            QXmppConfiguration configuration;
            configuration.setHost(u"127.0.0.1"_s);
            configuration.setPort(server.port());
            configuration.setDomain(kDomain);
            configuration.setUser(contactName(i));
            configuration.setPassword(kPassword);
            configuration.setResource(u"desk"_s);
            configuration.setStreamSecurityMode(QXmppConfiguration::TLSRequired);
            configuration.setIgnoreSslErrors(true); // the fixture server's own self-signed cert
            configuration.setAutoReconnectionEnabled(false);
            configuration.setKeepAliveInterval(0);
            client->connectToServer(configuration);
            clients.push_back(std::move(client));
        }
        const bool connected = waitFor(
            [&] {
                return std::all_of(clients.begin() + first, clients.end(),
                                   [](const auto &client) { return client->isConnected(); });
            },
            60000);
        if (!connected) {
            print(u"contacts %1–%2 did not all log in"_s.arg(first).arg(last - 1));
            return 1;
        }
    }
    const double onlineSeconds = double(phase.elapsed()) / 1000.0;

    QList<ClientRun> results;
    for (int run = 0; run < runs; ++run) {
        QProcess client;
        client.start(QCoreApplication::applicationFilePath(),
                     {u"roster-client"_s, u"--jid"_s, kUser + u'@' + kDomain, u"--password"_s,
                      kPassword, u"--port"_s, QString::number(server.port()), u"--certificate"_s,
                      server.certificatePath(), u"--contacts"_s, QString::number(contacts),
                      u"--online"_s, QString::number(online)});
        // Keep serving the fixture clients' sockets while the measured process runs.
        waitFor([&client] { return client.state() == QProcess::NotRunning; }, 120000);
        const QString output = QString::fromUtf8(client.readAllStandardOutput());
        const auto result = parseClientOutput(output);
        if (!result) {
            print(u"run %1 failed: %2 %3"_s.arg(run).arg(
                output, QString::fromUtf8(client.readAllStandardError())));
            return 1;
        }
        results << *result;
        print(u"run %1: login %2 ms, roster %3 ms, populated %4 ms, +%5 MiB"_s.arg(run + 1)
                  .arg(result->loginMs, 0, 'f', 1)
                  .arg(result->rosterMs, 0, 'f', 1)
                  .arg(result->populatedMs, 0, 'f', 1)
                  .arg(result->rssMib, 0, 'f', 2));
    }
    for (const auto &client : clients)
        client->disconnectFromServer();
    server.stop();

    QList<double> login, roster, populated, rss;
    for (const ClientRun &result : results) {
        login << result.loginMs;
        roster << result.rosterMs;
        populated << result.populatedMs;
        rss << result.rssMib;
    }
    print(u"\nFixture: %1 accounts with %2 in %3 s; %4 roster items seeded in %5 s; %6 contacts "
          "logged in in %7 s.\n"_s.arg(contacts + 1)
              .arg(inBand ? u"in-band registration"_s : u"`flint-server user add`"_s)
              .arg(accountsSeconds, 0, 'f', 1)
              .arg(2 * contacts)
              .arg(seedSeconds, 0, 'f', 2)
              .arg(online)
              .arg(onlineSeconds, 0, 'f', 1));
    print(u"| Contacts | Online | Runs | Login ms (median) | Roster received ms (median) "
          "| connect→populated median ms | p90 ms | RSS after loading MiB (median) |"_s);
    print(u"|---:|---:|---:|---:|---:|---:|---:|---:|"_s);
    print(u"| %1 | %2 | %3 | %4 | %5 | %6 | %7 | %8 |"_s.arg(contacts)
              .arg(online)
              .arg(runs)
              .arg(percentile(login, 50), 0, 'f', 1)
              .arg(percentile(roster, 50), 0, 'f', 1)
              .arg(percentile(populated, 50), 0, 'f', 1)
              .arg(percentile(populated, 90), 0, 'f', 1)
              .arg(percentile(rss, 50), 0, 'f', 2));
    return 0;
}

int runRosterClient(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addOptions({
        {u"jid"_s, u"Account."_s, u"JID"_s},
        {u"password"_s, u"Password."_s, u"PASSWORD"_s},
        {u"port"_s, u"Server port on 127.0.0.1."_s, u"PORT"_s},
        {u"certificate"_s, u"The server's certificate (PEM), pinned."_s, u"FILE"_s},
        {u"contacts"_s, u"Contacts to wait for."_s, u"N"_s},
        {u"online"_s, u"Available contacts to wait for."_s, u"N"_s},
        {u"timeout"_s, u"Seconds."_s, u"S"_s, u"60"_s},
    });
    parser.process(QStringList{u"flint-client-bench roster-client"_s} + arguments);
    const QString jid = parser.value(u"jid"_s);
    const int contacts = parser.value(u"contacts"_s).toInt();
    const int online = parser.value(u"online"_s).toInt();

    QTemporaryDir dir;
    CertificateTrust trust(dir.filePath(u"trust"_s));
    trust.trustCertificate(jid, QSslCertificate::fromPath(parser.value(u"certificate"_s)).value(0));
    AccountSession session(trust);
    RosterManager roster(session);
    const RosterModel &model = roster.model();

    // Every contact sits in exactly one group, so the groups' counts add up to the roster's.
    int contactCount = 0;
    int availableCount = 0;
    auto count = [&] {
        contactCount = 0;
        availableCount = 0;
        for (int row = 0; row < model.rowCount(); ++row) {
            const QModelIndex group = model.index(row, 0);
            contactCount += model.data(group, RosterModel::ContactCountRole).toInt();
            availableCount += model.data(group, RosterModel::AvailableCountRole).toInt();
        }
        return contactCount >= contacts && availableCount >= online;
    };

    QEventLoop loop;
    QElapsedTimer timer;
    double loginMs = -1;
    double rosterMs = -1;
    double populatedMs = -1;
    auto check = [&] {
        if (populatedMs < 0 && roster.isRosterReceived() && count()) {
            populatedMs = double(timer.nsecsElapsed()) / 1e6;
            loop.quit();
        }
    };
    QObject::connect(&session, &AccountSession::loggedIn, &loop,
                     [&] { loginMs = double(timer.nsecsElapsed()) / 1e6; });
    QObject::connect(&roster, &RosterManager::rosterReceived, &loop, [&] {
        rosterMs = double(timer.nsecsElapsed()) / 1e6;
        check();
    });
    QObject::connect(&session, &AccountSession::loginFailed, &loop,
                     [&](const ConnectionError &error) {
                         print(u"login failed: "_s + describe(error));
                         loop.quit();
                     });
    QObject::connect(&model, &QAbstractItemModel::modelReset, &loop, check);
    QObject::connect(&model, &QAbstractItemModel::rowsInserted, &loop, check);
    QObject::connect(&model, &QAbstractItemModel::dataChanged, &loop, check);
    QTimer::singleShot(parser.value(u"timeout"_s).toInt() * 1000, &loop, &QEventLoop::quit);

    const qint64 rssBefore = residentKib();
    timer.start();
    session.connectToServer({.jid = jid,
                             .password = parser.value(u"password"_s),
                             .address = u"127.0.0.1:"_s + parser.value(u"port"_s)});
    loop.exec();
    const qint64 rssAfter = residentKib();
    if (populatedMs < 0) {
        count();
        print(u"roster not populated: %1 contacts, %2 available"_s.arg(contactCount)
                  .arg(availableCount));
        return 1;
    }
    print(u"roster-client login_ms=%1 roster_ms=%2 populated_ms=%3 rss_before_kib=%4 "
          "rss_after_kib=%5 contacts=%6 online=%7"_s.arg(loginMs, 0, 'f', 2)
              .arg(rosterMs, 0, 'f', 2)
              .arg(populatedMs, 0, 'f', 2)
              .arg(rssBefore)
              .arg(rssAfter)
              .arg(contactCount)
              .arg(availableCount));
    session.cancel();
    return 0;
}

} // namespace flint::bench

#include "TestServer.h"

#include "ChildProcess.h"
#include "MariaDbInstance.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QFile>
#include <QTcpServer>
#include <QThread>
#include <QXmppClient.h>
#include <QXmppConfiguration.h>

#include <csignal>

using namespace Qt::StringLiterals;

namespace flint::test {
namespace {

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

} // namespace

QString backendName(Backend backend)
{
    return backend == Backend::Sqlite ? u"sqlite"_s : u"mariadb"_s;
}

TestServer::TestServer(TestServerOptions options) : m_options(std::move(options))
{
    if (m_options.backend == Backend::MariaDb) {
        auto &maria = MariaDbInstance::shared();
        if (maria.isAvailable())
            m_mariaDbName = maria.createDatabase();
    }
}

TestServer::~TestServer()
{
    if (isRunning())
        stop();
}

QString TestServer::configPath() const
{
    return m_dir.filePath(u"flint-server.ini"_s);
}

QString TestServer::dataDirectory() const
{
    return m_dir.filePath(u"data"_s);
}

void TestServer::writeConfig()
{
    QMap<QString, QString> values = {
        {u"server/domain"_s, domain()},
        {u"server/listen"_s, u"127.0.0.1:%1"_s.arg(m_port)},
        {u"server/data_dir"_s, dataDirectory()},
        {u"server/admins"_s, m_options.admins.join(u", "_s)},
        {u"server/log_level"_s, u"debug"_s},
        {u"registration/policy"_s, m_options.registrationPolicy},
        {u"registration/per_ip_per_hour"_s, u"1000"_s},
        {u"limits/connections_per_ip"_s, u"1000"_s},
        // Tests run side by side: each server's bytestreams proxy takes a free port.
        {u"proxy65/port"_s, u"0"_s},
        {u"upload/port"_s, u"0"_s},
    };
    if (m_options.backend == Backend::MariaDb) {
        auto &maria = MariaDbInstance::shared();
        values[u"storage/backend"_s] = u"mariadb"_s;
        values[u"storage/mariadb_socket"_s] = maria.socketPath();
        values[u"storage/mariadb_database"_s] = m_mariaDbName;
        values[u"storage/mariadb_user"_s] = maria.user();
        values[u"storage/mariadb_password"_s] = maria.password();
    }
    for (auto it = m_options.settings.cbegin(); it != m_options.settings.cend(); ++it)
        values[it.key()] = it.value();

    QMap<QString, QStringList> sections;
    for (auto it = values.cbegin(); it != values.cend(); ++it)
        sections[it.key().section(u'/', 0, 0)]
            << it.key().section(u'/', 1) + u" = \""_s + it.value() + u'"';
    QFile file(configPath());
    file.open(QIODevice::WriteOnly | QIODevice::Truncate);
    for (auto it = sections.cbegin(); it != sections.cend(); ++it)
        file.write((u"[%1]\n%2\n\n"_s.arg(it.key(), it.value().join(u'\n'))).toUtf8());
}

bool TestServer::start()
{
    if (m_options.backend == Backend::MariaDb && !MariaDbInstance::shared().isAvailable()) {
        m_log += u"MariaDB unavailable: "_s + MariaDbInstance::shared().errorString();
        qWarning().noquote() << m_log;
        return false;
    }
    // Another test process may bind the port between our probe and the server's own bind:
    // then the server says so and we try another port.
    for (int attempt = 0; attempt < 3; ++attempt) {
        if (m_port == 0)
            m_port = freePort();
        const qsizetype logStart = m_log.size();
        if (launch())
            return true;
        if (!m_log.mid(logStart).contains(u"cannot listen"_s))
            break;
        m_port = 0;
    }
    qWarning().noquote() << "flint-server did not start:" << m_log;
    return false;
}

bool TestServer::launch()
{
    writeConfig();
    const qsizetype logStart = m_log.size();
    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    QObject::connect(m_process.get(), &QProcess::readyRead, m_process.get(),
                     [this] { m_log += QString::fromUtf8(m_process->readAll()); });
    endWithTestProcess(*m_process);
    m_process->start(QStringLiteral(FLINT_SERVER_BINARY), {u"--config"_s, configPath()});
    if (!m_process->waitForStarted(10000))
        return false;
    // Ready once the server reports that it serves the domain (after binding its ports).
    const bool ready = waitFor(
        [this, logStart] {
            return m_log.indexOf(u"flint.server: serving"_s, logStart) >= 0 ||
                   m_process->state() != QProcess::Running;
        },
        20000);
    if (ready && m_process->state() == QProcess::Running)
        return true;
    m_process->waitForFinished(1000);
    m_log += QString::fromUtf8(m_process->readAll());
    return false;
}

int TestServer::stop()
{
    if (!m_process)
        return -1;
    m_process->terminate();
    if (!waitFor([this] { return m_process->state() == QProcess::NotRunning; }, 15000)) {
        m_process->kill();
        m_process->waitForFinished(5000);
        return -1;
    }
    m_log += QString::fromUtf8(m_process->readAll());
    return m_process->exitStatus() == QProcess::NormalExit ? m_process->exitCode() : -1;
}

void TestServer::kill()
{
    if (!m_process)
        return;
    m_process->kill();
    m_process->waitForFinished(5000);
}

bool TestServer::isRunning() const
{
    return m_process && m_process->state() != QProcess::NotRunning;
}

QString TestServer::log() const
{
    if (m_process)
        m_log += QString::fromUtf8(m_process->readAll());
    return m_log;
}

int TestServer::runCli(const QStringList &arguments, const QByteArray &input, QString *output) const
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(QStringLiteral(FLINT_SERVER_BINARY),
                  QStringList{u"--config"_s, configPath()} + arguments);
    process.write(input);
    process.closeWriteChannel();
    process.waitForFinished(30000);
    const QString text = QString::fromUtf8(process.readAll());
    if (output)
        *output = text;
    return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
}

bool TestServer::addUser(const QString &name, const QString &password, bool admin) const
{
    QStringList arguments = {u"user"_s, u"add"_s, name};
    if (admin)
        arguments << u"--admin"_s;
    return runCli(arguments, password.toUtf8() + '\n') == 0;
}

QXmppConfiguration TestServer::clientConfiguration(const QString &user, const QString &password,
                                                   const QString &resource) const
{
    QXmppConfiguration configuration;
    configuration.setHost(u"127.0.0.1"_s);
    configuration.setPort(m_port);
    configuration.setDomain(domain());
    configuration.setUser(user);
    configuration.setPassword(password);
    configuration.setResource(resource);
    configuration.setStreamSecurityMode(QXmppConfiguration::TLSRequired);
    configuration.setIgnoreSslErrors(true); // the test server's certificate is self-signed
    configuration.setAutoReconnectionEnabled(false);
    configuration.setKeepAliveInterval(0);
    return configuration;
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

bool connectClient(QXmppClient &client, const QXmppConfiguration &configuration, int timeoutMs)
{
    bool failed = false;
    const auto connection = QObject::connect(&client, &QXmppClient::errorOccurred, &client,
                                             [&failed](const QXmppError &) { failed = true; });
    client.connectToServer(configuration);
    const bool ok = waitFor([&] { return client.isConnected() || failed; }, timeoutMs);
    QObject::disconnect(connection);
    return ok && !failed && client.isConnected();
}

} // namespace flint::test

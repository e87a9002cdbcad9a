#include "ProsodyInstance.h"

#include "ChildProcess.h"
#include "TestServer.h"

#include "common/Certificates.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QXmppConfiguration.h>

using namespace Qt::StringLiterals;

namespace flint::test {
namespace {

constexpr int StartupTimeoutMs = 20'000;
constexpr int ShutdownTimeoutMs = 15'000;
constexpr int CtlTimeoutMs = 30'000;
constexpr int PortAttempts = 3;

QString program(const QString &name)
{
    return QStandardPaths::findExecutable(name, {u"/usr/bin"_s, u"/usr/local/bin"_s});
}

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

QString luaString(const QString &text)
{
    QString escaped = text;
    escaped.replace(u'\\', u"\\\\"_s).replace(u'"', u"\\\""_s);
    return u'"' + escaped + u'"';
}

QString luaList(const QStringList &items)
{
    QStringList quoted;
    for (const QString &item : items)
        quoted << luaString(item);
    return u"{ "_s + quoted.join(u", "_s) + u" }"_s;
}

bool answersStreamHeader(quint16 port, const QString &domain)
{
    QTcpSocket probe;
    probe.connectToHost(QHostAddress::LocalHost, port);
    if (!probe.waitForConnected(200))
        return false;
    probe.write(
        u"<?xml version='1.0'?><stream:stream to='%1' version='1.0' "
        u"xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>"_s.arg(domain)
            .toUtf8());
    QByteArray answer;
    while (!answer.contains("</stream:features>") && probe.waitForReadyRead(500))
        answer += probe.readAll();
    return answer.contains("</stream:features>");
}

} // namespace

bool prosodyAvailable()
{
    return !program(u"prosody"_s).isEmpty() && !program(u"prosodyctl"_s).isEmpty();
}

ProsodyInstance::ProsodyInstance(ProsodyOptions options) : m_options(std::move(options)) {}

ProsodyInstance::~ProsodyInstance()
{
    if (isRunning())
        stop();
}

QString ProsodyInstance::configPath() const
{
    return m_dir.filePath(u"prosody.cfg.lua"_s);
}

QString ProsodyInstance::certificatePath() const
{
    return m_dir.filePath(u"certs/%1.crt"_s.arg(domain()));
}

bool ProsodyInstance::writeConfig()
{
    const QString certificates = m_dir.filePath(u"certs"_s);
    const QString keyPath = m_dir.filePath(u"certs/%1.key"_s.arg(domain()));
    if (!QFile::exists(certificatePath())) {
        QDir().mkpath(certificates);
        const QString error = generateSelfSignedCertificate(domain(), certificatePath(), keyPath);
        if (!error.isEmpty()) {
            m_log += u"Could not create the certificate: "_s + error + u'\n';
            return false;
        }
    }
    QDir().mkpath(m_dir.filePath(u"data"_s));

    QStringList admins;
    for (const QString &admin : m_options.admins)
        admins << admin + u'@' + domain();

    // mod_limits stays unloaded so tests are never rate limited; s2s and HTTP bind nothing so
    // only the c2s port is opened. CI runs as root, which Prosody refuses unless told otherwise.
    const QString config = uR"(run_as_root = true
pidfile = %1
data_path = %2
certificates = %3
log = { debug = %4 }
c2s_ports = { %5 }
c2s_interfaces = { "127.0.0.1" }
s2s_ports = {}
http_ports = {}
https_ports = {}
modules_enabled = {
    "roster", "saslauth", "tls", "disco", "carbons", "pep", "private", "blocklist",
    "vcard4", "vcard_legacy", "version", "uptime", "time", "ping", "register",
    "admin_adhoc", "mam", "csi_simple", "smacks", "offline",
}
modules_disabled = { "s2s", "dialback" }
authentication = "internal_hashed"
storage = "internal"
c2s_require_encryption = true
allow_registration = %6
admins = %7

VirtualHost %8
ssl = { certificate = %9, key = %10 }
)"_s.arg(luaString(m_dir.filePath(u"prosody.pid"_s)), luaString(m_dir.filePath(u"data"_s)),
         luaString(certificates), luaString(m_dir.filePath(u"prosody.log"_s)),
         QString::number(m_port), m_options.allowRegistration ? u"true"_s : u"false"_s,
         luaList(admins), luaString(domain()), luaString(certificatePath()), luaString(keyPath));

    QFile file(configPath());
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(config.toUtf8()) < 0) {
        m_log += u"Could not write %1: %2\n"_s.arg(configPath(), file.errorString());
        return false;
    }
    return true;
}

bool ProsodyInstance::start()
{
    if (!m_dir.isValid()) {
        m_log += u"Could not create a temporary directory: "_s + m_dir.errorString() + u'\n';
        return false;
    }
    if (!prosodyAvailable()) {
        m_log += u"prosody or prosodyctl is not installed\n"_s;
        return false;
    }
    // The probed port may be taken before Prosody binds it; Prosody then keeps running without
    // a c2s listener, so it is restarted on another port. A restart tries its old port first,
    // so clients can come back to the same address.
    for (int attempt = 1; attempt <= PortAttempts; ++attempt) {
        if (attempt > 1 || m_port == 0)
            m_port = freePort();
        if (!writeConfig())
            return false;
        if (launch())
            return true;
        if (!logFileText().contains(u"Failed to open server port %1"_s.arg(m_port)))
            return false;
        stop();
    }
    return false;
}

bool ProsodyInstance::launch()
{
    QFile::remove(m_dir.filePath(u"prosody.log"_s));
    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    QObject::connect(m_process.get(), &QProcess::readyRead, m_process.get(),
                     [this] { m_log += QString::fromUtf8(m_process->readAll()); });
    endWithTestProcess(*m_process);
    m_process->start(program(u"prosody"_s), {u"-F"_s, u"--config"_s, configPath()});
    if (!m_process->waitForStarted(StartupTimeoutMs)) {
        m_log += u"Could not run prosody: "_s + m_process->errorString() + u'\n';
        return false;
    }

    // The port accepts connections before Prosody's main loop runs, and its SIGTERM handler is
    // only installed from that loop: ready once a stream header on our port gets an answer.
    const QString listening = u"Activated service 'c2s' on [127.0.0.1]:%1"_s.arg(m_port);
    const QString portTaken = u"Failed to open server port %1"_s.arg(m_port);
    bool ready = false;
    waitFor(
        [&] {
            if (m_process->state() != QProcess::Running)
                return true;
            const QString text = logFileText();
            if (text.contains(portTaken))
                return true;
            if (!text.contains(listening))
                return false;
            ready = answersStreamHeader(m_port, domain());
            return ready;
        },
        StartupTimeoutMs);
    if (!ready)
        m_log += u"Prosody did not accept connections on port %1\n"_s.arg(m_port);
    return ready;
}

int ProsodyInstance::stop()
{
    if (!m_process)
        return -1;
    m_process->terminate();
    if (!waitFor([this] { return m_process->state() == QProcess::NotRunning; },
                 ShutdownTimeoutMs)) {
        m_process->kill();
        m_process->waitForFinished(ShutdownTimeoutMs);
        return -1;
    }
    m_log += QString::fromUtf8(m_process->readAll());
    return m_process->exitStatus() == QProcess::NormalExit ? m_process->exitCode() : -1;
}

bool ProsodyInstance::isRunning() const
{
    return m_process && m_process->state() != QProcess::NotRunning;
}

qint64 ProsodyInstance::processId() const
{
    return m_process ? m_process->processId() : 0;
}

QString ProsodyInstance::log() const
{
    if (m_process)
        m_log += QString::fromUtf8(m_process->readAll());
    return m_log + logFileText();
}

QString ProsodyInstance::logFileText() const
{
    QFile file(m_dir.filePath(u"prosody.log"_s));
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

bool ProsodyInstance::addUser(const QString &name, const QString &password) const
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program(u"prosodyctl"_s),
                  {u"--config"_s, configPath(), u"register"_s, name, domain(), password});
    const bool finished = process.waitForFinished(CtlTimeoutMs);
    if (!finished)
        process.kill();
    const QString output = QString::fromUtf8(process.readAll());
    if (finished && process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0)
        return true;
    m_log += u"prosodyctl register %1 failed: %2\n"_s.arg(name, output);
    if (!finished)
        process.waitForFinished(ShutdownTimeoutMs);
    return false;
}

QXmppConfiguration ProsodyInstance::clientConfiguration(const QString &user,
                                                        const QString &password,
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
    configuration.setIgnoreSslErrors(true); // the certificate is self-signed
    configuration.setAutoReconnectionEnabled(false);
    configuration.setKeepAliveInterval(0);
    return configuration;
}

} // namespace flint::test

#include "MariaDbInstance.h"

#include "ChildProcess.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>

#include <csignal>

#include <pwd.h>
#include <unistd.h>

using namespace std::chrono_literals;

namespace flint::test {

namespace {

const auto TestUser = QStringLiteral("flint_test");
constexpr auto StartupTimeout = 30s;
constexpr int ShutdownTimeoutMs = 10'000;
constexpr int PortAttempts = 3;

std::atomic<int> connectionCount = 0;

bool runningAsRoot()
{
    return geteuid() == 0;
}

QString currentUserName()
{
    if (const passwd *entry = getpwuid(geteuid()))
        return QString::fromLocal8Bit(entry->pw_name);
    return qEnvironmentVariable("USER");
}

// Debian keeps the server in /usr/sbin, which is not in every user's PATH.
QString findProgram(const QString &name)
{
    QString path = QStandardPaths::findExecutable(name);
    if (path.isEmpty())
        path = QStandardPaths::findExecutable(
            name, {QStringLiteral("/usr/sbin"), QStringLiteral("/usr/bin")});
    return path;
}

QString randomPassword()
{
    static const QString alphabet =
        QStringLiteral("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
    QString password;
    for (int i = 0; i < 24; ++i)
        password += alphabet.at(QRandomGenerator::system()->bounded(alphabet.size()));
    return password;
}

int freeLocalPort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}

// Runs the statements on a private connection over the unix socket; returns the error, if any.
QString execute(const QString &socketPath, const QString &user, const QString &password,
                const QStringList &statements)
{
    const QString connectionName = QStringLiteral("flint-test-mariadb-%1").arg(++connectionCount);
    QString error;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QMYSQL"), connectionName);
        db.setConnectOptions(
            QStringLiteral("UNIX_SOCKET=%1;MYSQL_OPT_CONNECT_TIMEOUT=5").arg(socketPath));
        db.setUserName(user);
        db.setPassword(password);
        if (!db.open()) {
            error = db.lastError().text();
        } else {
            for (const QString &statement : statements) {
                QSqlQuery query(db);
                if (!query.exec(statement)) {
                    error = QStringLiteral("%1: %2").arg(statement, query.lastError().text());
                    break;
                }
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(connectionName);
    return error;
}

} // namespace

MariaDbInstance &MariaDbInstance::shared()
{
    // The destructor covers processes without a QCoreApplication; the post routine stops the
    // server while Qt is still fully alive. mariadbd dies with us on crashes (PR_SET_PDEATHSIG).
    static MariaDbInstance instance;
    return instance;
}

MariaDbInstance::MariaDbInstance()
{
    m_available = start();
    if (!m_available)
        stop();
    else if (QCoreApplication::instance())
        qAddPostRoutine([] { shared().stop(); });
}

MariaDbInstance::~MariaDbInstance()
{
    stop();
}

QString MariaDbInstance::socketPath() const
{
    if (!m_sharedDirectory.isEmpty())
        return m_sharedDirectory + QStringLiteral("/mysqld.sock");
    return m_dir ? m_dir->filePath(QStringLiteral("mysqld.sock")) : QString();
}

QString MariaDbInstance::user() const
{
    return TestUser;
}

QString MariaDbInstance::createDatabase()
{
    if (!m_available)
        return {};
    // Several test processes may share one server: the pid keeps their names apart.
    const QString name = QStringLiteral("flint_test_%1_%2")
                             .arg(QCoreApplication::applicationPid())
                             .arg(++m_databaseCount);
    const QString error =
        execute(socketPath(), TestUser, m_password,
                {QStringLiteral("CREATE DATABASE `%1` CHARACTER SET utf8mb4").arg(name)});
    if (!error.isEmpty()) {
        m_errorString = QStringLiteral("Could not create database %1: %2").arg(name, error);
        return {};
    }
    return name;
}

bool MariaDbInstance::start()
{
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QMYSQL"))) {
        m_errorString = QStringLiteral("The Qt QMYSQL driver is not available");
        return false;
    }
    if (const QString shared = qEnvironmentVariable("FLINT_TEST_MARIADB_DIR"); !shared.isEmpty())
        return useSharedServer(shared);
    const QString installDb = findProgram(QStringLiteral("mariadb-install-db"));
    const QString mariadbd = findProgram(QStringLiteral("mariadbd"));
    if (installDb.isEmpty() || mariadbd.isEmpty()) {
        m_errorString = QStringLiteral("mariadb-install-db or mariadbd not found");
        return false;
    }

    // Unix socket paths are limited to about 100 bytes, so stay directly under /tmp.
    m_dir = std::make_unique<QTemporaryDir>(QStringLiteral("/tmp/flint-mariadb-XXXXXX"));
    if (!m_dir->isValid()) {
        m_errorString =
            QStringLiteral("Could not create a temporary directory: %1").arg(m_dir->errorString());
        return false;
    }
    if (!installDataDirectory(installDb) || !launchServer(mariadbd))
        return false;

    m_password = randomPassword();
    QStringList statements;
    for (const auto &host : {QStringLiteral("localhost"), QStringLiteral("127.0.0.1")}) {
        const QString account = QStringLiteral("'%1'@'%2'").arg(TestUser, host);
        statements
            << QStringLiteral("CREATE USER %1 IDENTIFIED BY '%2'").arg(account, m_password)
            << QStringLiteral("GRANT ALL PRIVILEGES ON *.* TO %1 WITH GRANT OPTION").arg(account);
    }
    const QString error = execute(socketPath(), QStringLiteral("root"), {}, statements);
    if (!error.isEmpty()) {
        m_errorString = QStringLiteral("Could not create the test user: %1").arg(error);
        return false;
    }
    return true;
}

// The server that ctest's "mariadb" fixture started for the whole run
// (tests/scripts/mariadb-fixture.sh): this process only uses it, and never stops it.
bool MariaDbInstance::useSharedServer(const QString &directory)
{
    const auto read = [&directory](const QString &name) {
        QFile file(directory + u'/' + name);
        return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()).trimmed()
                                              : QString();
    };
    m_sharedDirectory = directory;
    m_port = read(QStringLiteral("port")).toInt();
    m_password = read(QStringLiteral("password"));
    const QString error = execute(socketPath(), TestUser, m_password, {QStringLiteral("SELECT 1")});
    if (error.isEmpty())
        return true;
    m_errorString =
        QStringLiteral("The shared MariaDB in %1 does not answer: %2").arg(directory, error);
    return false;
}

bool MariaDbInstance::installDataDirectory(const QString &installDb)
{
    QProcess install;
    install.setProcessChannelMode(QProcess::MergedChannels);
    install.start(installDb,
                  {QStringLiteral("--no-defaults"),
                   QStringLiteral("--datadir=") + m_dir->filePath(QStringLiteral("data")),
                   QStringLiteral("--auth-root-authentication-method=normal"),
                   QStringLiteral("--skip-test-db"),
                   // Parallel installs would collide on temporary table names in /tmp.
                   QStringLiteral("--tmpdir=") + m_dir->path(),
                   QStringLiteral("--user=") + currentUserName()});
    const bool finished =
        install.waitForFinished(std::chrono::milliseconds(StartupTimeout).count());
    if (finished && install.exitStatus() == QProcess::NormalExit && install.exitCode() == 0)
        return true;
    if (!finished)
        install.kill();
    m_errorString = QStringLiteral("mariadb-install-db failed (%1): %2")
                        .arg(install.errorString(), QString::fromLocal8Bit(install.readAll()));
    return false;
}

bool MariaDbInstance::launchServer(const QString &mariadbd)
{
    // The port is free when probed but may be taken before mariadbd binds it: retry then.
    for (int attempt = 1; attempt <= PortAttempts; ++attempt) {
        m_port = freeLocalPort();
        if (m_port == 0) {
            m_errorString = QStringLiteral("Could not find a free TCP port on 127.0.0.1");
            return false;
        }
        QStringList arguments = {
            QStringLiteral("--no-defaults"),
            QStringLiteral("--datadir=") + m_dir->filePath(QStringLiteral("data")),
            QStringLiteral("--socket=") + socketPath(),
            QStringLiteral("--tmpdir=") + m_dir->path(),
            QStringLiteral("--port=%1").arg(m_port),
            QStringLiteral("--bind-address=127.0.0.1"),
            QStringLiteral("--skip-networking=0"),
            QStringLiteral("--pid-file=") + m_dir->filePath(QStringLiteral("mysqld.pid")),
            QStringLiteral("--log-error=") + m_dir->filePath(QStringLiteral("error.log")),
            QStringLiteral("--innodb-buffer-pool-size=64M"),
            QStringLiteral("--innodb-log-file-size=16M"),
            QStringLiteral("--skip-grant-tables=0"),
        };
        // mariadbd refuses to run as root unless told to; as anyone else --user only warns.
        if (runningAsRoot())
            arguments << QStringLiteral("--user=root");

        m_server = std::make_unique<QProcess>();
        m_server->setStandardOutputFile(QProcess::nullDevice());
        m_server->setStandardErrorFile(QProcess::nullDevice());
        endWithTestProcess(*m_server);
        m_server->start(mariadbd, arguments);
        if (!m_server->waitForStarted()) {
            m_errorString =
                QStringLiteral("Could not run %1: %2").arg(mariadbd, m_server->errorString());
            return false;
        }
        if (waitUntilReady())
            return true;
        if (m_server->state() == QProcess::Running ||
            !errorLogTail().contains(QLatin1String("Address already in use")))
            return false;
    }
    return false;
}

bool MariaDbInstance::waitUntilReady()
{
    const QDeadlineTimer deadline(StartupTimeout);
    while (true) {
        if (m_server->state() == QProcess::NotRunning) {
            m_errorString = QStringLiteral("mariadbd exited with code %1:\n%2")
                                .arg(m_server->exitCode())
                                .arg(errorLogTail());
            return false;
        }
        if (QFileInfo::exists(socketPath()) &&
            execute(socketPath(), QStringLiteral("root"), {}, {QStringLiteral("SELECT 1")})
                .isEmpty())
            return true;
        if (deadline.hasExpired()) {
            m_errorString = QStringLiteral("mariadbd did not accept connections within %1 s:\n%2")
                                .arg(std::chrono::seconds(StartupTimeout).count())
                                .arg(errorLogTail());
            return false;
        }
        m_server->waitForFinished(50);
    }
}

void MariaDbInstance::stop()
{
    if (m_server && m_server->state() != QProcess::NotRunning) {
        m_server->terminate();
        if (!m_server->waitForFinished(ShutdownTimeoutMs)) {
            m_server->kill();
            m_server->waitForFinished(ShutdownTimeoutMs);
        }
    }
    m_server.reset();
    m_dir.reset();
    m_available = false;
}

QString MariaDbInstance::errorLogTail() const
{
    QFile log(m_dir->filePath(QStringLiteral("error.log")));
    if (!log.open(QIODevice::ReadOnly))
        return QStringLiteral("(no error.log)");
    const QStringList lines = QString::fromLocal8Bit(log.readAll()).split(QLatin1Char('\n'));
    return lines.mid(qMax(0, lines.size() - 20)).join(QLatin1Char('\n'));
}

} // namespace flint::test

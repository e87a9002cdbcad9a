// A real flint-server process per test: its own config, data directory and loopback port,
// on SQLite or on the throwaway MariaDB, started and stopped by the test.
#pragma once

#include <QMap>
#include <QProcess>
#include <QString>
#include <QTemporaryDir>

#include <functional>
#include <memory>

class QXmppClient;
class QXmppConfiguration;

namespace flint::test {

enum class Backend { Sqlite, MariaDb };
QString backendName(Backend backend);

struct TestServerOptions {
    Backend backend = Backend::Sqlite;
    QString registrationPolicy = QStringLiteral("admins");
    QStringList admins = {QStringLiteral("admin")};
    QMap<QString, QString> settings; // extra "section/key" = value lines
};

class TestServer {
public:
    static constexpr const char *Domain = "flint.test";

    explicit TestServer(TestServerOptions options = {});
    ~TestServer();

    // Starts the process and waits until it accepts connections; false (see log()) on failure.
    bool start();
    // SIGTERM and wait; returns the exit code (-1 if it had to be killed).
    int stop();
    void kill(); // SIGKILL, as in a crash
    bool isRunning() const;

    quint16 port() const { return m_port; }
    QString domain() const { return QString::fromLatin1(Domain); }
    QString configPath() const;
    QString dataDirectory() const;
    QString log() const;

    // Runs `flint-server --config … ARGS` (stdin fed with `input`) and returns its exit code.
    int runCli(const QStringList &arguments, const QByteArray &input = {},
               QString *output = nullptr) const;
    bool addUser(const QString &name, const QString &password, bool admin = false) const;

    QXmppConfiguration clientConfiguration(const QString &user, const QString &password,
                                           const QString &resource = QStringLiteral("test")) const;

private:
    bool launch();
    void writeConfig();

    TestServerOptions m_options;
    QTemporaryDir m_dir;
    QString m_mariaDbName;
    std::unique_ptr<QProcess> m_process;
    quint16 m_port = 0;
    mutable QString m_log;
};

// Runs the event loop until `condition` holds or `timeoutMs` passes; returns the condition.
bool waitFor(const std::function<bool()> &condition, int timeoutMs = 10000);

// Connects a QXmppClient and waits for the session; false on error or timeout.
bool connectClient(QXmppClient &client, const QXmppConfiguration &configuration,
                   int timeoutMs = 15000);

} // namespace flint::test

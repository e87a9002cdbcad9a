// A real Prosody process per test, as a reference XMPP server for the client core: its own
// config, data directory, self-signed certificate and loopback port, started and stopped by the
// test.
#pragma once

#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

class QXmppConfiguration;

namespace flint::test {

struct ProsodyOptions {
    bool allowRegistration = false;
    QStringList admins; // local parts on domain()
};

class ProsodyInstance {
public:
    static constexpr const char *Domain = "prosody.test";

    explicit ProsodyInstance(ProsodyOptions options = {});
    ~ProsodyInstance();

    // Starts the process and waits until it accepts connections; false (see log()) on failure.
    bool start();
    // SIGTERM and wait; returns the exit code (-1 if it had to be killed).
    int stop();
    bool isRunning() const;
    qint64 processId() const;

    quint16 port() const { return m_port; }
    QString domain() const { return QString::fromLatin1(Domain); }
    QString configPath() const;
    QString certificatePath() const;
    // Prosody's console output followed by its debug log file.
    QString log() const;

    // `prosodyctl register`; false if it fails or takes too long.
    bool addUser(const QString &name, const QString &password) const;

    QXmppConfiguration clientConfiguration(const QString &user, const QString &password,
                                           const QString &resource = QStringLiteral("test")) const;

    ProsodyInstance(const ProsodyInstance &) = delete;
    ProsodyInstance &operator=(const ProsodyInstance &) = delete;

private:
    bool writeConfig();
    bool launch();
    QString logFileText() const;

    ProsodyOptions m_options;
    QTemporaryDir m_dir;
    std::unique_ptr<QProcess> m_process;
    quint16 m_port = 0;
    mutable QString m_log;
};

// Whether the prosody binary is installed.
bool prosodyAvailable();

} // namespace flint::test

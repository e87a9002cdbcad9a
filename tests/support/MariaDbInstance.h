#pragma once

#include <QString>

#include <atomic>
#include <memory>

class QProcess;
class QTemporaryDir;

namespace flint::test {

// A throwaway MariaDB server (mariadb-install-db + mariadbd in a temp dir) for the test process.
class MariaDbInstance {
public:
    // Started on first use; stopped and its directory removed when the process exits.
    static MariaDbInstance &shared();

    bool isAvailable() const { return m_available; }
    QString errorString() const { return m_errorString; }
    QString socketPath() const;
    int port() const { return m_port; }
    QString user() const;
    QString password() const { return m_password; }

    // Creates a fresh empty utf8mb4 database with a unique name; an empty string on failure.
    QString createDatabase();

    MariaDbInstance(const MariaDbInstance &) = delete;
    MariaDbInstance &operator=(const MariaDbInstance &) = delete;

private:
    MariaDbInstance();
    ~MariaDbInstance();

    bool start();
    bool useSharedServer(const QString &directory);
    bool installDataDirectory(const QString &installDb);
    bool launchServer(const QString &mariadbd);
    bool waitUntilReady();
    void stop();
    QString errorLogTail() const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QProcess> m_server;
    QString m_sharedDirectory;
    int m_port = 0;
    QString m_password;
    QString m_errorString;
    bool m_available = false;
    std::atomic<int> m_databaseCount = 0;
};

} // namespace flint::test

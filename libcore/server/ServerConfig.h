// flint-server's configuration: every option with its default, read from an INI file.
#pragma once

#include "common/Database.h"

#include <QHostAddress>
#include <QList>
#include <QString>
#include <QStringList>

namespace flint {

enum class RegistrationPolicy { Open, Admins, Closed };

struct ListenAddress {
    QHostAddress address;
    quint16 port = 5222;
};

// XEP-0065 SOCKS5 bytestream proxy at proxy.<domain>.
struct Proxy65Config {
    bool enabled = true;
    QHostAddress address; // null: the first client listen address
    quint16 port = 7777;  // 0: any free port (tests)
    int idleTimeoutSeconds = 300;
    int maxStreams = 100;
    qint64 maxBytesPerSecondPerUser = 0; // 0: no limit
};

// XEP-0363 HTTP File Upload at upload.<domain>, served over HTTPS with the server's certificate.
struct UploadConfig {
    bool enabled = true;
    QHostAddress address; // null: the first client listen address
    quint16 port = 5281;  // 0: any free port (tests)
    QString publicHost;   // host name in the URLs; empty: the domain
    qint64 maxFileSize = 100 * 1024 * 1024;
    qint64 quotaPerUser = 1024 * 1024 * 1024;
    // Space an upload must leave free on the data directory's disk, for the database and logs.
    qint64 minFreeSpace = 256 * 1024 * 1024;
    // An HTTP connection with no progress for this long is closed.
    int idleTimeoutSeconds = 30;
    int expireDays = 30;
};

// XEP-0045 multi-user chat at conference.<domain>.
struct MucConfig {
    enum class Creation { Everyone, Admins };
    bool enabled = true;
    QString domain; // empty: conference.<domain>
    Creation roomCreation = Creation::Everyone;
    int maxHistory = 20;     // the most messages a room may keep for new occupants
    int maxOccupants = 500;  // per room
    int maxRoomsPerUser = 0; // rooms one user may own; 0: no limit

    QString serviceDomain(const QString &serverDomain) const
    {
        return domain.isEmpty() ? QStringLiteral("conference.") + serverDomain : domain;
    }
};

struct ServerConfig {
    QString domain = QStringLiteral("localhost");
    QList<ListenAddress> listen = {{QHostAddress(QHostAddress::Any), 5222}};
    QString dataDirectory = QStringLiteral(".");
    QStringList admins; // bare JIDs
    QString logLevel = QStringLiteral("info");

    bool tlsRequired = true;
    QString certificateFile; // empty: self-signed certificate in the data directory
    QString privateKeyFile;
    QString chainFile;

    DatabaseSettings storage;

    int scramIterations = 4096;
    RegistrationPolicy registrationPolicy = RegistrationPolicy::Admins;
    int registrationsPerIpPerHour = 5;

    qint64 maxStanzaSize = 256 * 1024;
    int connectionsPerIp = 20;
    int idleTimeoutSeconds = 300;
    int pingTimeoutSeconds = 60;
    int authTimeoutSeconds = 60;
    double stanzasPerSecond = 50;
    int stanzaBurst = 200;
    int failedLoginsBeforeBackoff = 3;
    int maxLoginBackoffSeconds = 30;
    int offlineQuota = 1000;

    Proxy65Config proxy65;
    UploadConfig upload;
    MucConfig muc;

    // Reads `path`; problems (unknown values, bad addresses) are appended to `errors`.
    static ServerConfig load(const QString &path, QStringList *errors);
    QString resolvePath(const QString &path) const; // relative to the data directory
    bool isAdmin(const QString &bareJid) const;
    // Human-readable summary for --check-config.
    QString describe() const;
};

QString registrationPolicyName(RegistrationPolicy policy);

} // namespace flint

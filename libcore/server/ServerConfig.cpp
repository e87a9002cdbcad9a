#include "ServerConfig.h"

#include "common/Jid.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>

using namespace Qt::StringLiterals;

namespace flint {
namespace {

class Reader {
public:
    Reader(QSettings &settings, QStringList *errors) : m_settings(settings), m_errors(errors) {}

    QString string(const QString &key, const QString &fallback) const
    {
        const QVariant value = m_settings.value(key);
        if (!value.isValid())
            return fallback;
        // QSettings splits unquoted values at commas; join them back.
        return value.typeId() == QMetaType::QStringList ? value.toStringList().join(u", "_s)
                                                        : value.toString().trimmed();
    }
    QStringList list(const QString &key) const
    {
        QStringList items;
        for (const QString &item : string(key, {}).split(u',', Qt::SkipEmptyParts))
            items << item.trimmed();
        return items;
    }
    template <typename Number>
    Number number(const QString &key, Number fallback, Number minimum) const
    {
        const QString text = string(key, {});
        if (text.isEmpty())
            return fallback;
        bool ok = false;
        const double value = text.toDouble(&ok);
        if (!ok || value < double(minimum)) {
            *m_errors << QObject::tr("%1: expected a number of at least %2, got \"%3\"")
                             .arg(key)
                             .arg(minimum)
                             .arg(text);
            return fallback;
        }
        return Number(value);
    }
    bool boolean(const QString &key, bool fallback) const
    {
        const QString text = string(key, {}).toLower();
        if (text.isEmpty())
            return fallback;
        if (text == u"true"_s || text == u"yes"_s || text == u"on"_s || text == u"1"_s)
            return true;
        if (text == u"false"_s || text == u"no"_s || text == u"off"_s || text == u"0"_s)
            return false;
        *m_errors << QObject::tr("%1: expected true or false, got \"%2\"").arg(key, text);
        return fallback;
    }

private:
    QSettings &m_settings;
    QStringList *m_errors;
};

std::optional<ListenAddress> parseListenAddress(const QString &text)
{
    const qsizetype colon = text.lastIndexOf(u':');
    if (colon <= 0)
        return std::nullopt;
    QString host = text.left(colon);
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.mid(1, host.size() - 2);
    bool ok = false;
    const uint port = text.mid(colon + 1).toUInt(&ok);
    if (!ok || port > 65535)
        return std::nullopt;
    QHostAddress address;
    if (host == u"*"_s)
        address = QHostAddress(QHostAddress::Any);
    else if (host == u"localhost"_s)
        address = QHostAddress(QHostAddress::LocalHost);
    else if (!address.setAddress(host))
        return std::nullopt;
    return ListenAddress{address, quint16(port)};
}

} // namespace

ServerConfig ServerConfig::load(const QString &path, QStringList *errors)
{
    ServerConfig config;
    if (!QFileInfo(path).isReadable()) {
        *errors << QObject::tr("cannot read the configuration file %1").arg(path);
        return config;
    }
    QSettings settings(path, QSettings::IniFormat);
    if (settings.status() != QSettings::NoError) {
        *errors << QObject::tr("%1 is not a valid configuration file").arg(path);
        return config;
    }
    const Reader read(settings, errors);
    const QString baseDir = QFileInfo(path).absolutePath();

    const QString domain = read.string(u"server/domain"_s, config.domain);
    if (const auto jid = Jid::parse(domain); jid && jid->isDomain())
        config.domain = jid->domain();
    else
        *errors << QObject::tr("server/domain: \"%1\" is not a valid domain").arg(domain);
    if (settings.contains(u"server/listen"_s)) {
        config.listen.clear();
        for (const QString &item : read.list(u"server/listen"_s)) {
            if (const auto address = parseListenAddress(item))
                config.listen << *address;
            else
                *errors << QObject::tr("server/listen: \"%1\" is not host:port").arg(item);
        }
    }
    config.dataDirectory =
        QDir(baseDir).absoluteFilePath(read.string(u"server/data_dir"_s, u"."_s));
    for (const QString &admin : read.list(u"server/admins"_s)) {
        const auto jid = Jid::parse(admin.contains(u'@') ? admin : admin + u'@' + config.domain);
        if (jid && !jid->local().isEmpty())
            config.admins << jid->bareString();
        else
            *errors << QObject::tr("server/admins: \"%1\" is not a valid address").arg(admin);
    }
    config.logLevel = read.string(u"server/log_level"_s, config.logLevel);

    config.tlsRequired = read.boolean(u"tls/required"_s, config.tlsRequired);
    config.certificateFile = read.string(u"tls/certificate"_s, {});
    config.privateKeyFile = read.string(u"tls/private_key"_s, {});
    config.chainFile = read.string(u"tls/chain"_s, {});
    if (config.certificateFile.isEmpty() != config.privateKeyFile.isEmpty())
        *errors << QObject::tr("tls: set both certificate and private_key, or neither");

    const QString backend = read.string(u"storage/backend"_s, u"sqlite"_s).toLower();
    if (backend == u"mariadb"_s || backend == u"mysql"_s)
        config.storage.backend = DatabaseSettings::Backend::MariaDb;
    else if (backend != u"sqlite"_s)
        *errors << QObject::tr("storage/backend: \"%1\" is not sqlite or mariadb").arg(backend);
    config.storage.sqlitePath = read.string(u"storage/sqlite_path"_s, u"flint.db"_s);
    config.storage.host = read.string(u"storage/mariadb_host"_s, config.storage.host);
    config.storage.port = read.number(u"storage/mariadb_port"_s, config.storage.port, 1);
    config.storage.socket = read.string(u"storage/mariadb_socket"_s, {});
    config.storage.database = read.string(u"storage/mariadb_database"_s, config.storage.database);
    config.storage.user = read.string(u"storage/mariadb_user"_s, config.storage.user);
    config.storage.password = read.string(u"storage/mariadb_password"_s, {});

    config.scramIterations = read.number(u"auth/scram_iterations"_s, config.scramIterations, 4096);
    const QString policy = read.string(u"registration/policy"_s, u"admins"_s).toLower();
    if (policy == u"open"_s)
        config.registrationPolicy = RegistrationPolicy::Open;
    else if (policy == u"closed"_s)
        config.registrationPolicy = RegistrationPolicy::Closed;
    else if (policy != u"admins"_s)
        *errors
            << QObject::tr("registration/policy: \"%1\" is not open, admins or closed").arg(policy);
    config.registrationsPerIpPerHour =
        read.number(u"registration/per_ip_per_hour"_s, config.registrationsPerIpPerHour, 0);

    config.maxStanzaSize =
        read.number<qint64>(u"limits/max_stanza_size"_s, config.maxStanzaSize, 10000);
    config.connectionsPerIp =
        read.number(u"limits/connections_per_ip"_s, config.connectionsPerIp, 1);
    config.idleTimeoutSeconds = read.number(u"limits/idle_timeout"_s, config.idleTimeoutSeconds, 5);
    config.pingTimeoutSeconds = read.number(u"limits/ping_timeout"_s, config.pingTimeoutSeconds, 1);
    config.authTimeoutSeconds = read.number(u"limits/auth_timeout"_s, config.authTimeoutSeconds, 1);
    config.stanzasPerSecond =
        read.number(u"limits/stanzas_per_second"_s, config.stanzasPerSecond, 1.0);
    config.stanzaBurst = read.number(u"limits/stanza_burst"_s, config.stanzaBurst, 1);
    config.failedLoginsBeforeBackoff =
        read.number(u"limits/failed_logins_before_backoff"_s, config.failedLoginsBeforeBackoff, 1);
    config.maxLoginBackoffSeconds =
        read.number(u"limits/max_login_backoff"_s, config.maxLoginBackoffSeconds, 0);
    config.offlineQuota = read.number(u"limits/offline_quota"_s, config.offlineQuota, 0);

    config.proxy65.enabled = read.boolean(u"proxy65/enabled"_s, config.proxy65.enabled);
    if (const QString address = read.string(u"proxy65/address"_s, {}); !address.isEmpty()) {
        if (!config.proxy65.address.setAddress(address))
            *errors << QObject::tr("proxy65/address: \"%1\" is not an IP address").arg(address);
    }
    if (const int port = read.number(u"proxy65/port"_s, int(config.proxy65.port), 0); port > 65535)
        *errors << QObject::tr("proxy65/port: %1 is not a port number").arg(port);
    else
        config.proxy65.port = quint16(port);
    config.proxy65.idleTimeoutSeconds =
        read.number(u"proxy65/idle_timeout_seconds"_s, config.proxy65.idleTimeoutSeconds, 1);
    config.proxy65.maxStreams = read.number(u"proxy65/max_streams"_s, config.proxy65.maxStreams, 1);
    config.proxy65.maxBytesPerSecondPerUser = read.number<qint64>(
        u"proxy65/max_bytes_per_second_per_user"_s, config.proxy65.maxBytesPerSecondPerUser, 0);

    config.upload.enabled = read.boolean(u"upload/enabled"_s, config.upload.enabled);
    if (const QString address = read.string(u"upload/address"_s, {}); !address.isEmpty()) {
        if (!config.upload.address.setAddress(address))
            *errors << QObject::tr("upload/address: \"%1\" is not an IP address").arg(address);
    }
    if (const int port = read.number(u"upload/port"_s, int(config.upload.port), 0); port > 65535)
        *errors << QObject::tr("upload/port: %1 is not a port number").arg(port);
    else
        config.upload.port = quint16(port);
    config.upload.publicHost = read.string(u"upload/public_host"_s, config.upload.publicHost);
    config.upload.maxFileSize =
        read.number<qint64>(u"upload/max_file_size"_s, config.upload.maxFileSize, 1);
    config.upload.quotaPerUser =
        read.number<qint64>(u"upload/quota_per_user"_s, config.upload.quotaPerUser, 0);
    config.upload.minFreeSpace =
        read.number<qint64>(u"upload/min_free_space"_s, config.upload.minFreeSpace, 0);
    config.upload.idleTimeoutSeconds =
        read.number(u"upload/idle_timeout_seconds"_s, config.upload.idleTimeoutSeconds, 1);
    config.upload.expireDays = read.number(u"upload/expire_days"_s, config.upload.expireDays, 1);

    config.muc.enabled = read.boolean(u"muc/enabled"_s, config.muc.enabled);
    if (const QString mucDomain = read.string(u"muc/domain"_s, {}); !mucDomain.isEmpty()) {
        if (const auto jid = Jid::parse(mucDomain); jid && jid->isDomain())
            config.muc.domain = jid->domain();
        else
            *errors << QObject::tr("muc/domain: \"%1\" is not a valid domain").arg(mucDomain);
    }
    const QString creation = read.string(u"muc/room_creation"_s, u"everyone"_s).toLower();
    if (creation == u"admins"_s)
        config.muc.roomCreation = MucConfig::Creation::Admins;
    else if (creation != u"everyone"_s)
        *errors << QObject::tr("muc/room_creation: \"%1\" is not everyone or admins").arg(creation);
    config.muc.maxHistory = read.number(u"muc/max_history"_s, config.muc.maxHistory, 0);
    config.muc.maxOccupants = read.number(u"muc/max_occupants"_s, config.muc.maxOccupants, 1);
    config.muc.maxRoomsPerUser =
        read.number(u"muc/max_rooms_per_user"_s, config.muc.maxRoomsPerUser, 0);

    const QStringList known = {u"server/domain"_s,
                               u"server/listen"_s,
                               u"server/data_dir"_s,
                               u"server/admins"_s,
                               u"server/log_level"_s,
                               u"tls/required"_s,
                               u"tls/certificate"_s,
                               u"tls/private_key"_s,
                               u"tls/chain"_s,
                               u"storage/backend"_s,
                               u"storage/sqlite_path"_s,
                               u"storage/mariadb_host"_s,
                               u"storage/mariadb_port"_s,
                               u"storage/mariadb_socket"_s,
                               u"storage/mariadb_database"_s,
                               u"storage/mariadb_user"_s,
                               u"storage/mariadb_password"_s,
                               u"auth/scram_iterations"_s,
                               u"registration/policy"_s,
                               u"registration/per_ip_per_hour"_s,
                               u"limits/max_stanza_size"_s,
                               u"limits/connections_per_ip"_s,
                               u"limits/idle_timeout"_s,
                               u"limits/ping_timeout"_s,
                               u"limits/auth_timeout"_s,
                               u"limits/stanzas_per_second"_s,
                               u"limits/stanza_burst"_s,
                               u"limits/failed_logins_before_backoff"_s,
                               u"limits/max_login_backoff"_s,
                               u"limits/offline_quota"_s,
                               u"proxy65/enabled"_s,
                               u"proxy65/address"_s,
                               u"proxy65/port"_s,
                               u"proxy65/idle_timeout_seconds"_s,
                               u"proxy65/max_streams"_s,
                               u"proxy65/max_bytes_per_second_per_user"_s,
                               u"upload/enabled"_s,
                               u"upload/address"_s,
                               u"upload/port"_s,
                               u"upload/public_host"_s,
                               u"upload/max_file_size"_s,
                               u"upload/quota_per_user"_s,
                               u"upload/min_free_space"_s,
                               u"upload/idle_timeout_seconds"_s,
                               u"upload/expire_days"_s,
                               u"muc/enabled"_s,
                               u"muc/domain"_s,
                               u"muc/room_creation"_s,
                               u"muc/max_history"_s,
                               u"muc/max_occupants"_s,
                               u"muc/max_rooms_per_user"_s};
    for (const QString &key : settings.allKeys()) {
        if (!known.contains(key))
            *errors << QObject::tr("unknown option %1").arg(key);
    }
    config.storage.sqlitePath = config.resolvePath(config.storage.sqlitePath);
    return config;
}

QString ServerConfig::resolvePath(const QString &path) const
{
    return QDir(dataDirectory).absoluteFilePath(path);
}

bool ServerConfig::isAdmin(const QString &bareJid) const
{
    return admins.contains(bareJid);
}

QString registrationPolicyName(RegistrationPolicy policy)
{
    switch (policy) {
    case RegistrationPolicy::Open:
        return u"open"_s;
    case RegistrationPolicy::Admins:
        return u"admins"_s;
    case RegistrationPolicy::Closed:
        return u"closed"_s;
    }
    return {};
}

QString ServerConfig::describe() const
{
    QStringList lines;
    lines << u"domain: "_s + domain;
    for (const ListenAddress &address : listen)
        lines << u"listen: %1 port %2"_s.arg(address.address.toString()).arg(address.port);
    lines << u"data directory: "_s + dataDirectory;
    lines << u"storage: "_s +
                 (storage.backend == DatabaseSettings::Backend::Sqlite
                      ? u"sqlite "_s + storage.sqlitePath
                      : u"mariadb %1@%2/%3"_s.arg(
                            storage.user, storage.socket.isEmpty() ? storage.host : storage.socket,
                            storage.database));
    lines << u"certificate: "_s +
                 (certificateFile.isEmpty() ? u"self-signed (generated)"_s : certificateFile);
    lines << u"TLS required: "_s + (tlsRequired ? u"yes"_s : u"no"_s);
    lines << u"registration: "_s + registrationPolicyName(registrationPolicy);
    lines << u"admins: "_s + (admins.isEmpty() ? u"(none)"_s : admins.join(u", "_s));
    lines << u"bytestreams proxy: "_s +
                 (proxy65.enabled ? u"proxy.%1 port %2"_s.arg(domain).arg(proxy65.port) : u"off"_s);
    lines << u"file upload: "_s +
                 (upload.enabled ? u"upload.%1 port %2"_s.arg(domain).arg(upload.port) : u"off"_s);
    lines << u"chat rooms: "_s +
                 (muc.enabled ? u"%1, created by %2"_s.arg(
                                    muc.serviceDomain(domain),
                                    muc.roomCreation == MucConfig::Creation::Admins ? u"admins"_s
                                                                                    : u"everyone"_s)
                              : u"off"_s);
    return lines.join(u'\n');
}

} // namespace flint

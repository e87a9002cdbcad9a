// What every feature module sees of the server, and the base class of those modules.
#pragma once

#include "Router.h"
#include "ServerConfig.h"

#include <QSslCertificate>
#include <QSslKey>
#include <QStringList>
#include <QXmppDataForm.h>

namespace flint {

class AccountStore;
class Database;
class LoginThrottle;

// One of the server's own service domains (proxy.<domain>, …) as service discovery shows it.
struct HostedService {
    QString domain;
    QString name;
    QString category; // disco identity, e.g. "proxy"
    QString type;     // e.g. "bytestreams"
    QStringList features;
    QXmppDataForm extendedInfo; // XEP-0128 form in its disco#info, null when none
};

struct ServerContext {
    const ServerConfig &config;
    Database &database;
    Router &router;
    AccountStore &accounts;
    LoginThrottle &loginThrottle;
    QStringList features;          // disco#info features of the server, filled by the modules
    QStringList userFeatures;      // features a user's bare JID answers for (e.g. vcard-temp)
    QList<HostedService> services; // listed by the server's disco#items
    // The server's own certificate and key, set before the modules start (HTTPS services).
    QSslCertificate certificate = QSslCertificate();
    QSslKey privateKey;
    void addService(const HostedService &service)
    {
        router.addServiceDomain(service.domain);
        services << service;
    }
    Jid hostJid() const { return Jid::parse(config.domain).value_or(Jid()); }
};

// A module registers router handlers for exactly the stanzas it owns, in its constructor.
class ServerModule : public QObject {
    Q_OBJECT
public:
    explicit ServerModule(ServerContext &context) : m_context(context) {}
    // Called once the server listens for clients; a module opening its own ports does it here.
    virtual bool start(QString *error)
    {
        Q_UNUSED(error);
        return true;
    }
    // Called when the server shuts down, before the client streams close: the last moment to
    // tell the clients something.
    virtual void stop() {}

protected:
    ServerContext &m_context;
};

} // namespace flint

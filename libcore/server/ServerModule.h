// What every feature module sees of the server, and the base class of those modules.
#pragma once

#include "Router.h"
#include "ServerConfig.h"

#include <QStringList>

namespace flint {

class AccountStore;
class Database;
class LoginThrottle;

struct ServerContext {
    const ServerConfig &config;
    Database &database;
    Router &router;
    AccountStore &accounts;
    LoginThrottle &loginThrottle;
    QStringList features;     // disco#info features of the server, filled by the modules
    QStringList userFeatures; // features a user's bare JID answers for (e.g. vcard-temp)
    Jid hostJid() const { return Jid::parse(config.domain).value_or(Jid()); }
};

// A module registers router handlers for exactly the stanzas it owns, in its constructor.
class ServerModule : public QObject {
    Q_OBJECT
public:
    explicit ServerModule(ServerContext &context) : m_context(context) {}

protected:
    ServerContext &m_context;
};

} // namespace flint

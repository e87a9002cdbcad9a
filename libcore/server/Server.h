// The server engine: storage, TLS, listeners, router and feature modules, wired together.
#pragma once

#include "ServerConfig.h"

#include <QHash>
#include <QObject>

#include <memory>

class QTcpServer;

namespace flint {

class AccountStore;
class C2SSession;
class Database;
class LoginThrottle;
class Router;
class ServerModule;
struct ServerContext;
class TlsContext;

class Server : public QObject {
    Q_OBJECT
public:
    explicit Server(ServerConfig config, QObject *parent = nullptr);
    ~Server() override;

    // Opens and migrates storage and attaches the modules, without listening: enough for
    // account maintenance from the command line (modules still clean up removed accounts).
    bool openStorage(QString *error);
    // openStorage(), then loads or generates the certificate and starts listening.
    bool start(QString *error);
    // Closes every stream with <system-shutdown/>, stops listening, flushes storage;
    // emits stopped() when done.
    void shutdown();

    const ServerConfig &config() const { return m_config; }
    AccountStore &accounts();
    Router &router();
    QList<quint16> listeningPorts() const;

Q_SIGNALS:
    void stopped();

private:
    bool setUpTls(QString *error);
    void acceptConnection(QTcpServer *listener);
    void onSessionClosed(C2SSession *session);

    ServerConfig m_config;
    std::unique_ptr<Database> m_database;
    std::unique_ptr<AccountStore> m_accounts;
    std::unique_ptr<LoginThrottle> m_loginThrottle;
    std::unique_ptr<Router> m_router;
    std::unique_ptr<ServerContext> m_context;
    std::vector<std::unique_ptr<ServerModule>> m_modules;
    QList<QTcpServer *> m_listeners;
    std::unique_ptr<TlsContext> m_tls;
    QHash<QString, int> m_connectionsPerAddress;
    bool m_stopping = false;
};

} // namespace flint

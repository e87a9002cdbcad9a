#include "Server.h"

#include "AccountStore.h"
#include "C2SSession.h"
#include "LoginThrottle.h"
#include "Router.h"
#include "Schema.h"
#include "ServerModule.h"
#include "TlsContext.h"
#include "common/Certificates.h"
#include "common/Database.h"
#include "common/Logging.h"
#include "modules/Modules.h"

#include <QDir>
#include <QFileInfo>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace flint {
namespace {

// Accepts client connections with Nagle's algorithm off; C2SSession adds TLS on STARTTLS.
class ClientListener : public QTcpServer {
public:
    using QTcpServer::QTcpServer;

protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto *socket = new QTcpSocket(this);
        if (socket->setSocketDescriptor(descriptor)) {
            // XMPP is many small writes answered by the peer: Nagle's algorithm would hold
            // each one back until the previous is acknowledged.
            socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
            addPendingConnection(socket);
        } else
            delete socket;
    }
};

} // namespace

Server::Server(ServerConfig config, QObject *parent) : QObject(parent), m_config(std::move(config))
{}

Server::~Server()
{
    // Sessions and modules refer to the context: drop them first.
    for (C2SSession *session : findChildren<C2SSession *>(Qt::FindDirectChildrenOnly))
        delete session;
    m_modules.clear();
}

AccountStore &Server::accounts()
{
    return *m_accounts;
}

Router &Server::router()
{
    return *m_router;
}

bool Server::openStorage(QString *error)
{
    if (!QDir().mkpath(m_config.dataDirectory)) {
        *error = tr("cannot create the data directory %1").arg(m_config.dataDirectory);
        return false;
    }
    m_database = std::make_unique<Database>();
    if (!m_database->open(m_config.storage, error) ||
        !m_database->migrate(serverMigrations(), error))
        return false;
    m_accounts = std::make_unique<AccountStore>(*m_database, m_config.scramIterations);
    m_loginThrottle = std::make_unique<LoginThrottle>(m_config.failedLoginsBeforeBackoff,
                                                      m_config.maxLoginBackoffSeconds);
    m_router = std::make_unique<Router>(m_config.domain);
    m_context.reset(
        new ServerContext{m_config, *m_database, *m_router, *m_accounts, *m_loginThrottle, {}, {}});
    m_modules = createModules(*m_context);
    return true;
}

bool Server::start(QString *error)
{
    if (!openStorage(error) || !setUpTls(error))
        return false;
    // A removed account's open streams end at once.
    connect(m_accounts.get(), &AccountStore::accountRemoved, this, [this](const QString &username) {
        const auto jid = Jid::parse(username + u'@' + m_config.domain);
        for (C2SSession *session : m_router->sessions(*jid))
            session->closeWithError(u"not-authorized"_s, u"Account removed"_s);
    });

    for (const ListenAddress &address : m_config.listen) {
        auto *listener = new ClientListener(this);
        listener->setMaxPendingConnections(256);
        if (!listener->listen(address.address, address.port)) {
            *error = tr("cannot listen on %1 port %2: %3")
                         .arg(address.address.toString())
                         .arg(address.port)
                         .arg(listener->errorString());
            return false;
        }
        connect(listener, &QTcpServer::newConnection, this,
                [this, listener] { acceptConnection(listener); });
        m_listeners << listener;
        qCInfo(lcServer) << "listening on" << address.address.toString() << listener->serverPort();
    }
    for (const auto &module : m_modules) {
        if (!module->start(error))
            return false;
    }
    return true;
}

bool Server::setUpTls(QString *error)
{
    QString certificate = m_config.certificateFile;
    QString key = m_config.privateKeyFile;
    if (certificate.isEmpty()) {
        certificate = m_config.resolvePath(u"certificate.pem"_s);
        key = m_config.resolvePath(u"private-key.pem"_s);
        if (!QFileInfo::exists(certificate) || !QFileInfo::exists(key)) {
            const QString failure =
                generateSelfSignedCertificate(m_config.domain, certificate, key);
            if (!failure.isEmpty()) {
                *error = tr("cannot generate a certificate: %1").arg(failure);
                return false;
            }
            qCInfo(lcTls) << "generated a self-signed certificate for" << m_config.domain << "in"
                          << certificate;
        }
    } else {
        certificate = m_config.resolvePath(certificate);
        key = m_config.resolvePath(key);
    }
    const QString chain =
        m_config.chainFile.isEmpty() ? QString() : m_config.resolvePath(m_config.chainFile);
    const CertificateBundle bundle = loadCertificateBundle(certificate, key, chain, error);
    if (bundle.isNull())
        return false;
    qCInfo(lcTls).noquote() << "certificate SHA-256 fingerprint:"
                            << sha256Fingerprint(bundle.certificate);
    m_context->certificate = bundle.certificate;
    m_context->privateKey = bundle.privateKey;
    m_tls = TlsContext::create(bundle, error);
    return m_tls != nullptr;
}

void Server::acceptConnection(QTcpServer *listener)
{
    while (QTcpSocket *pending = listener->nextPendingConnection()) {
        const QString address = pending->peerAddress().toString();
        if (m_stopping || m_connectionsPerAddress.value(address) >= m_config.connectionsPerIp) {
            qCInfo(lcServer) << "refusing connection from" << address << "(too many connections)";
            pending->abort();
            pending->deleteLater();
            continue;
        }
        ++m_connectionsPerAddress[address];
        auto *session = new C2SSession(pending, *m_tls, *m_context, this);
        connect(session, &C2SSession::closed, this, &Server::onSessionClosed);
        qCDebug(lcServer) << "connection from" << address;
    }
}

void Server::onSessionClosed(C2SSession *session)
{
    const QString address = session->peerAddress().toString();
    if (--m_connectionsPerAddress[address] <= 0)
        m_connectionsPerAddress.remove(address);
    session->deleteLater();
    if (m_stopping && findChildren<C2SSession *>(Qt::FindDirectChildrenOnly).size() <= 1)
        QTimer::singleShot(0, this, &Server::stopped);
}

void Server::shutdown()
{
    if (m_stopping)
        return;
    m_stopping = true;
    qCInfo(lcServer) << "shutting down";
    for (QTcpServer *listener : std::as_const(m_listeners))
        listener->close();
    for (const auto &module : m_modules)
        module->stop();
    const auto sessions = findChildren<C2SSession *>(Qt::FindDirectChildrenOnly);
    for (C2SSession *session : sessions)
        session->closeWithError(u"system-shutdown"_s, u"The server is shutting down"_s);
    if (sessions.isEmpty())
        QTimer::singleShot(0, this, &Server::stopped);
    // Streams that do not finish closing in time are cut.
    QTimer::singleShot(3000, this, &Server::stopped);
}

QList<quint16> Server::listeningPorts() const
{
    QList<quint16> ports;
    for (const QTcpServer *listener : m_listeners)
        ports << listener->serverPort();
    return ports;
}

} // namespace flint

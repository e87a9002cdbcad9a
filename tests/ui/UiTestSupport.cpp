#include "UiTestSupport.h"

#include "client/RosterManager.h"

#include <QDir>
#include <QWidget>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace flint::test {

UiServer::UiServer(const QString &registrationPolicy)
    : m_server({.backend = Backend::Sqlite,
                .registrationPolicy = registrationPolicy,
                // Upload URLs name the address the app reaches the server at.
                .settings = {{u"upload/public_host"_s, u"127.0.0.1"_s}}})
{}

bool UiServer::start()
{
    // The server creates its configured admin at first start, with a random password.
    return m_server.start() && m_server.runCli({u"user"_s, u"passwd"_s, u"admin"_s},
                                               password(u"admin"_s).toUtf8() + '\n') == 0;
}

bool UiServer::start(const QStringList &users)
{
    return start() && std::all_of(users.begin(), users.end(),
                                  [this](const QString &user) { return addUser(user); });
}

bool UiServer::addUser(const QString &name, bool admin) const
{
    return m_server.addUser(name, password(name), admin);
}

QString UiServer::jid(const QString &name) const
{
    return name + u'@' + m_server.domain();
}

QString UiServer::password(const QString &name)
{
    return name + u" secret"_s;
}

AccountSettings UiServer::accountSettings(const QString &name) const
{
    return {.jid = jid(name),
            .password = password(name),
            .address = u"127.0.0.1:%1"_s.arg(m_server.port()),
            .timeoutSeconds = 15};
}

QSslCertificate UiServer::certificate() const
{
    return QSslCertificate::fromPath(m_server.dataDirectory() + u"/certificate.pem"_s).value(0);
}

TestAccount::TestAccount(const UiServer &server, const QString &name)
    : m_server(server), m_name(name), m_trust(m_dir.filePath(u"pinned-certificates"_s)),
      m_settings(std::make_unique<ClientSettings>(m_dir.filePath(u"flint.ini"_s)))
{
    m_trust.trustCertificate(server.jid(name), server.certificate());
    m_account = std::make_unique<ClientAccount>(server.jid(name), m_dir.path(), m_trust);
}

bool TestAccount::logIn()
{
    bool rosterReceived = false;
    const auto connection = QObject::connect(&m_account->roster(), &RosterManager::rosterReceived,
                                             [&rosterReceived] { rosterReceived = true; });
    m_account->logIn(m_server.accountSettings(m_name));
    const bool ok = waitFor([&] { return rosterReceived; }, 15000);
    QObject::disconnect(connection);
    return ok;
}

void saveGrab(QWidget &widget, const QString &name)
{
    const QString directory = qEnvironmentVariable("FLINT_TEST_SCREENSHOTS");
    if (directory.isEmpty())
        return;
    QDir().mkpath(directory);
    widget.grab().save(QDir(directory).filePath(name + u".png"_s));
}

} // namespace flint::test

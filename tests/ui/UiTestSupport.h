// What the UI tests share: a real flint-server with accounts, and app-side accounts (ClientAccount
// with its own data directory, pinned server certificate and settings file) logged in to it.
#pragma once

#include "client/CertificateTrust.h"
#include "client/ClientAccount.h"
#include "client/ClientSettings.h"
#include "support/TestServer.h"

#include <QSslCertificate>
#include <QTemporaryDir>

#include <memory>

class QWidget;

namespace flint::test {

// A started flint-server on SQLite (open registration unless told otherwise) with an admin
// "admin"; every account's password is "<name> secret".
class UiServer {
public:
    explicit UiServer(const QString &registrationPolicy = QStringLiteral("open"));

    bool start();
    // Starts the server and creates these users (not administrators).
    bool start(const QStringList &users);
    bool addUser(const QString &name, bool admin = false) const;
    QString jid(const QString &name) const;
    static QString password(const QString &name);
    // What the login screen would send for `name`: the JID, password and 127.0.0.1:port.
    AccountSettings accountSettings(const QString &name) const;
    QSslCertificate certificate() const;
    TestServer &server() { return m_server; }

private:
    TestServer m_server;
};

// One app instance's account state: a data directory, certificate pins (the test server's
// certificate already trusted), a settings file and a ClientAccount.
class TestAccount {
public:
    TestAccount(const UiServer &server, const QString &name);

    ClientAccount &account() const { return *m_account; }
    ClientSettings &settings() const { return *m_settings; }
    CertificateTrust &trust() { return m_trust; }
    QString dataRoot() const { return m_dir.path(); }
    // Logs in and waits for the roster; false on failure or timeout.
    bool logIn();

private:
    const UiServer &m_server;
    QString m_name;
    QTemporaryDir m_dir;
    CertificateTrust m_trust;
    std::unique_ptr<ClientSettings> m_settings;
    std::unique_ptr<ClientAccount> m_account;
};

// Saves a grab of `widget` under FLINT_TEST_SCREENSHOTS (when set) as `name`.png, for looking
// at what a test drove.
void saveGrab(QWidget &widget, const QString &name);

} // namespace flint::test

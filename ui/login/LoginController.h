// The way in: shows the login dialog, creates a ClientAccount for each attempt, follows it through
// certificate approval to its first roster, saves the login preferences and the password (in
// the keyring, when asked to), and hands the logged-in account over. Registration on demand.
#pragma once

#include "client/AccountSession.h"
#include "client/ClientAccount.h"
#include "client/PasswordStore.h"
#include "client/PresenceManager.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <memory>

class QMessageBox;

namespace flint {
class CertificateTrust;
class ClientSettings;
struct ConnectionError;
} // namespace flint

namespace flint::ui {

class CertificateDialog;
class LoginDialog;
class RegisterDialog;

class LoginController : public QObject {
    Q_OBJECT
public:
    // `dataRoot` holds one folder per account; `settings` and `trust` must outlive this.
    LoginController(ClientSettings &settings, CertificateTrust &trust, const QString &dataRoot,
                    QObject *parent = nullptr);
    ~LoginController() override;

    // Shows the login dialog; logs in at once when auto-login is set and a password is saved.
    void start(bool allowAutoLogin = true);
    LoginDialog &dialog() const;

Q_SIGNALS:
    // The receiver takes ownership (std::unique_ptr).
    void loggedIn(flint::ClientAccount *account);

private:
    void logIn(const AccountSettings &settings, const PresenceStatus &initialStatus);
    void cancel();
    QString connectingText() const;
    void handleLoginFailed(const ConnectionError &error);
    void askForCertificate(const QString &jid, const QString &fingerprint,
                           const QSslCertificate &certificate);
    void finishLogin();
    void fail(const ConnectionError &error);
    // Its later signals are the new owner's business.
    void stopFollowingAccount();
    // The current attempt's account, logged out and no longer followed.
    std::unique_ptr<ClientAccount> takeAccount();
    // Lets go of the current attempt's account; it may be inside one of its own signals.
    void disposeAccount();
    void showRegistration();
    void showKeyringNote(const QString &message);

    ClientSettings &m_settings;
    CertificateTrust &m_trust;
    QString m_dataRoot;
    PasswordStore m_passwords;
    std::unique_ptr<LoginDialog> m_dialog;
    std::unique_ptr<ClientAccount> m_account;
    AccountSettings m_accountSettings; // the attempt's, for a retry after trusting a certificate
    QString m_savingPasswordFor; // the account whose password is being saved, and that password
    QString m_savingPassword;
    QString m_keptAccount; // what the keyring holds, as last read or saved
    QString m_keptPassword;
    bool m_autoLoginPending = false;
    QPointer<RegisterDialog> m_register;
    QPointer<CertificateDialog> m_certificateDialog;
    QPointer<QMessageBox> m_keyringNote;
};

} // namespace flint::ui

#include "LoginController.h"

#include "CertificateDialog.h"
#include "LoginDialog.h"
#include "RegisterDialog.h"
#include "client/CertificateTrust.h"
#include "client/ClientSettings.h"
#include "client/ConnectionError.h"
#include "client/RosterManager.h"
#include "common/Jid.h"

#include <QMessageBox>

using namespace Qt::StringLiterals;

namespace flint::ui {

LoginController::LoginController(ClientSettings &settings, CertificateTrust &trust,
                                 const QString &dataRoot, QObject *parent)
    : QObject(parent), m_settings(settings), m_trust(trust), m_dataRoot(dataRoot),
      m_dialog(std::make_unique<LoginDialog>(settings, m_passwords))
{
    connect(m_dialog.get(), &LoginDialog::loginRequested, this, &LoginController::logIn);
    connect(m_dialog.get(), &LoginDialog::cancelRequested, this, &LoginController::cancel);
    connect(m_dialog.get(), &LoginDialog::registerRequested, this,
            &LoginController::showRegistration);
    // The dialog, connected first, has put the password in its field by now.
    connect(&m_passwords, &PasswordStore::passwordRead, this,
            [this](const QString &account, const QString &password) {
                m_keptAccount = account;
                m_keptPassword = password;
                if (!std::exchange(m_autoLoginPending, false))
                    return;
                if (m_dialog->isVisible() && !m_dialog->isBusy() && !m_dialog->password().isEmpty())
                    m_dialog->submit();
            });
    connect(&m_passwords, &PasswordStore::passwordSaved, this, [this](const QString &account) {
        if (account != m_savingPasswordFor)
            return;
        m_keptAccount = std::exchange(m_savingPasswordFor, {});
        m_keptPassword = std::exchange(m_savingPassword, {});
    });
    connect(&m_passwords, &PasswordStore::failed, this,
            [this](const QString &account, const QString &message) {
                // A failed read leaves the form to the user (the dialog shows why).
                m_autoLoginPending = false;
                if (account.isEmpty() || account != m_savingPasswordFor)
                    return;
                m_savingPasswordFor.clear();
                m_savingPassword.clear();
                showKeyringNote(message);
            });
}

LoginController::~LoginController()
{
    delete m_keyringNote;
    takeAccount();
}

void LoginController::start(bool allowAutoLogin)
{
    const LoginPreferences preferences = m_settings.loginPreferences();
    m_autoLoginPending = allowAutoLogin && preferences.autoLogin && preferences.rememberPassword;
    m_dialog->show();
    m_dialog->raise();
    m_dialog->activateWindow();
    if (m_autoLoginPending && !m_dialog->password().isEmpty()) {
        m_autoLoginPending = false;
        m_dialog->submit();
    }
}

LoginDialog &LoginController::dialog() const
{
    return *m_dialog;
}

void LoginController::logIn(const AccountSettings &settings, const PresenceStatus &initialStatus)
{
    disposeAccount();
    m_autoLoginPending = false;
    m_accountSettings = settings;
    m_account = std::make_unique<ClientAccount>(settings.jid, m_dataRoot, m_trust);
    if (m_account->historyError() != HistoryStore::Error::None)
        qWarning() << "The local history of" << settings.jid
                   << "cannot be opened; messages will not be kept:"
                   << int(m_account->historyError());
    // Set before logging in, so the login itself announces it.
    m_account->presence().setStatus(initialStatus);

    AccountSession &session = m_account->session();
    connect(&session, &AccountSession::stateChanged, this, [this](AccountSession::State state) {
        if (state == AccountSession::Connected)
            m_dialog->setBusy(true, tr("Loading your contacts…"));
        else if (state == AccountSession::Reconnecting)
            m_dialog->setBusy(true, tr("The connection was lost; trying again…"));
    });
    connect(&session, &AccountSession::loginFailed, this, &LoginController::handleLoginFailed);
    connect(&session, &AccountSession::certificateApprovalNeeded, this,
            &LoginController::askForCertificate);
    connect(&m_account->roster(), &RosterManager::rosterReceived, this,
            &LoginController::finishLogin);

    m_dialog->setBusy(true, connectingText());
    m_account->logIn(settings);
}

QString LoginController::connectingText() const
{
    const auto jid = Jid::parse(m_accountSettings.jid);
    return tr("Connecting to %1…").arg(jid ? jid->domain() : m_accountSettings.jid);
}

void LoginController::cancel()
{
    m_autoLoginPending = false;
    delete m_certificateDialog;
    disposeAccount();
    m_dialog->setBusy(false);
}

void LoginController::handleLoginFailed(const ConnectionError &error)
{
    // certificateApprovalNeeded() follows at once: the user's answer decides.
    if (error.kind == ConnectionError::CertificateNotTrusted)
        return;
    fail(error);
}

void LoginController::askForCertificate(const QString &jid, const QString &fingerprint,
                                        const QSslCertificate &certificate)
{
    delete m_certificateDialog;
    m_dialog->setBusy(true, tr("Waiting for you to check the server's certificate…"));
    m_certificateDialog = new CertificateDialog(jid, fingerprint, certificate, m_dialog.get());
    m_certificateDialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_certificateDialog, &QDialog::accepted, this, [this, jid, certificate] {
        if (!m_account)
            return;
        m_trust.trustCertificate(jid, certificate);
        m_dialog->setBusy(true, connectingText());
        m_account->logIn(m_accountSettings);
    });
    connect(m_certificateDialog, &QDialog::rejected, this, [this] {
        if (m_account)
            fail({ConnectionError::CertificateNotTrusted, {}});
    });
    m_certificateDialog->open();
}

void LoginController::finishLogin()
{
    stopFollowingAccount();
    const QString jid = m_account->bareJid();
    const LoginPreferences previous = m_settings.loginPreferences();
    const LoginPreferences preferences = m_dialog->preferences();
    m_settings.setLoginPreferences(preferences);

    // One account's password is kept at most: the one the login form remembers.
    const QString previousJid =
        previous.rememberPassword ? LoginDialog::accountJid(previous) : QString();
    if (!previousJid.isEmpty() && (previousJid != jid || !preferences.rememberPassword)) {
        m_passwords.removePassword(previousJid);
        m_keptAccount.clear();
        m_keptPassword.clear();
    }
    // Written only when it changed: a keyring write may ask the user to unlock it.
    const bool kept = m_keptAccount == jid && m_keptPassword == m_accountSettings.password;
    if (preferences.rememberPassword && !kept) {
        m_savingPasswordFor = jid;
        m_savingPassword = m_accountSettings.password;
        m_passwords.savePassword(jid, m_accountSettings.password);
    }

    m_dialog->setBusy(false);
    Q_EMIT loggedIn(m_account.release());
    m_dialog->hide();
}

void LoginController::fail(const ConnectionError &error)
{
    disposeAccount();
    m_dialog->setBusy(false);
    m_dialog->showFailure(describe(error));
}

void LoginController::stopFollowingAccount()
{
    disconnect(&m_account->session(), nullptr, this, nullptr);
    disconnect(&m_account->roster(), nullptr, this, nullptr);
}

std::unique_ptr<ClientAccount> LoginController::takeAccount()
{
    if (m_account) {
        stopFollowingAccount();
        m_account->logOut();
    }
    return std::move(m_account);
}

void LoginController::disposeAccount()
{
    if (auto account = takeAccount())
        account.release()->deleteLater();
}

void LoginController::showRegistration()
{
    if (!m_register) {
        m_register = new RegisterDialog(m_trust, m_dialog.get());
        m_register->setAttribute(Qt::WA_DeleteOnClose);
        const LoginPreferences preferences = m_dialog->preferences();
        const ServerAddress server =
            parseServerAddress(preferences.server).value_or(ServerAddress{});
        m_register->setConnection(server.host, preferences.host,
                                  preferences.port ? preferences.port : server.port);
        connect(m_register, &RegisterDialog::accountCreated, m_dialog.get(),
                &LoginDialog::setCredentials);
    }
    m_register->open();
    m_register->raise();
    m_register->activateWindow();
}

void LoginController::showKeyringNote(const QString &message)
{
    delete m_keyringNote;
    m_keyringNote = new QMessageBox(QMessageBox::Information, tr("Password Not Remembered"),
                                    tr("Flint could not keep your password."), QMessageBox::Ok);
    m_keyringNote->setObjectName(u"keyringNote"_s);
    m_keyringNote->setInformativeText(message);
    m_keyringNote->setAttribute(Qt::WA_DeleteOnClose);
    // A note, not a question: the user is logged in either way.
    m_keyringNote->setWindowModality(Qt::NonModal);
    m_keyringNote->show();
}

} // namespace flint::ui

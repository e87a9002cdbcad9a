// The way into the app (flow B): account, password and server with inline validation, remember
// password (in the OS keyring) and automatic login, initial status, an Advanced section
// (host, port, resource, TLS mode), progress with Cancel while connecting, and the failure.
#pragma once

#include "login/FieldErrors.h"

#include "client/AccountSession.h"
#include "client/ClientSettings.h"
#include "client/ConnectionError.h"
#include "client/PresenceManager.h"

#include <QDialog>
#include <QHash>
#include <QString>

#include <optional>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QFrame;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QToolButton;

namespace flint {
class PasswordStore;
} // namespace flint

namespace flint::ui {

class LoginDialog : public QDialog {
    Q_OBJECT
public:
    // Prefills the form from the last login; the saved password is read from `passwords` when the
    // dialog is first shown with "remember password" on.
    LoginDialog(ClientSettings &settings, PasswordStore &passwords, QWidget *parent = nullptr);

    // While connecting: the form is locked, `progress` shows with a running bar and Log in turns
    // into Cancel.
    void setBusy(bool busy, const QString &progress = {});
    bool isBusy() const { return m_busy; }
    void showFailure(const QString &message);
    void setCredentials(const QString &jid, const QString &password);
    LoginPreferences preferences() const;
    QString password() const;
    // The bare JID the form names ("user" is completed with the server's domain); empty when it
    // does not name one.
    static QString accountJid(const LoginPreferences &preferences);

    // Validates the form and, when it is complete, emits loginRequested().
    void submit();
    // Escape while connecting cancels the login instead of closing the window.
    void reject() override;

Q_SIGNALS:
    void loginRequested(const flint::AccountSettings &settings,
                        const flint::PresenceStatus &initialStatus);
    void cancelRequested();
    void registerRequested();

protected:
    bool event(QEvent *event) override;
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void retranslateUi();
    void applyPreferences(const LoginPreferences &preferences);
    void setAdvancedVisible(bool visible);
    void updateLogo();
    // Shows `error` under `field` (nullopt clears it).
    void showKeyringNote(const QString &message);

    PasswordStore &m_passwords;
    bool m_busy = false;
    QString m_passwordAccount; // the account whose saved password was asked for

    QLabel *m_logo;
    QLabel *m_title;
    QLabel *m_subtitle;
    QFormLayout *m_form;
    FieldErrors m_fieldErrors;
    QLabel *m_usernameLabel;
    QLineEdit *m_username;
    QLabel *m_passwordLabel;
    QLineEdit *m_password;
    QLabel *m_serverLabel;
    QLineEdit *m_server;
    QLabel *m_statusLabel;
    QComboBox *m_status;
    QCheckBox *m_remember;
    QCheckBox *m_autoLogin;
    QLabel *m_keyringNote;
    QToolButton *m_advancedToggle;
    QLabel *m_hostLabel;
    QLineEdit *m_host;
    QLabel *m_portLabel;
    QSpinBox *m_port;
    QLabel *m_resourceLabel;
    QLineEdit *m_resource;
    QLabel *m_tlsLabel;
    QComboBox *m_tls;
    QWidget *m_progress;
    QLabel *m_progressLabel;
    QProgressBar *m_progressBar;
    QFrame *m_failure;
    QLabel *m_failureIcon;
    QLabel *m_failureText;
    QPushButton *m_register;
    QPushButton *m_logIn;
};

} // namespace flint::ui

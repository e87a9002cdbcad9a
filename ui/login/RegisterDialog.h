// Flow A: creates an account, in-band on an open server or — "I am an administrator" — by an
// administrator for someone else (XEP-0133). Every problem with the form shows next to its field
// before anything is sent; the server's answer shows plainly.
#pragma once

#include "login/FieldErrors.h"

#include "client/ConnectionError.h"
#include "client/RegistrationManager.h"

#include <QDialog>
#include <QHash>
#include <QPointer>
#include <QString>

#include <optional>

class QCheckBox;
class QFormLayout;
class QFrame;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QToolButton;

namespace flint {
class CertificateTrust;
} // namespace flint

namespace flint::ui {

class CertificateDialog;

class RegisterDialog : public QDialog {
    Q_OBJECT
public:
    explicit RegisterDialog(CertificateTrust &trust, QWidget *parent = nullptr);

    // Prefills the server and the Advanced host and port (0: default), e.g. from the login form.
    void setConnection(const QString &server, const QString &host, quint16 port);
    bool isBusy() const { return m_busy; }
    // Escape while waiting cancels the registration instead of closing the window.
    void reject() override;

Q_SIGNALS:
    // An account was created in-band for the user: the login form can be filled with it.
    void accountCreated(const QString &jid, const QString &password);

protected:
    bool event(QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    RegistrationForm form() const;
    void submit();
    void send();
    void cancel();
    void handleFinished(const RegistrationResult &result);
    void askForCertificate(const QString &account, const QString &fingerprint,
                           const QSslCertificate &certificate);
    void setBusy(bool busy);
    void setAdminMode(bool admin);
    void setAdvancedVisible(bool visible);
    void showResult(const RegistrationResult &result, const QString &jid);
    void showResultText();

    CertificateTrust &m_trust;
    RegistrationManager m_manager;
    RegistrationForm m_sent; // what was sent last, for a retry after trusting a certificate
    std::optional<RegistrationResult> m_pendingFailure; // waiting for a certificate decision
    std::optional<RegistrationResult> m_shownResult;
    QString m_shownJid;
    bool m_busy = false;
    QPointer<CertificateDialog> m_certificateDialog;

    QLabel *m_title;
    QLabel *m_intro;
    QFormLayout *m_form;
    FieldErrors m_fieldErrors;
    QLabel *m_usernameLabel;
    QLineEdit *m_username;
    QLabel *m_passwordLabel;
    QLineEdit *m_password;
    QLabel *m_confirmLabel;
    QLineEdit *m_confirm;
    QLabel *m_serverLabel;
    QLineEdit *m_server;
    QToolButton *m_advancedToggle;
    QLabel *m_hostLabel;
    QLineEdit *m_host;
    QLabel *m_portLabel;
    QSpinBox *m_port;
    QCheckBox *m_adminMode;
    QLabel *m_adminUsernameLabel;
    QLineEdit *m_adminUsername;
    QLabel *m_adminPasswordLabel;
    QLineEdit *m_adminPassword;
    QWidget *m_progress;
    QLabel *m_progressLabel;
    QProgressBar *m_progressBar;
    QFrame *m_result;
    QLabel *m_resultIcon;
    QLabel *m_resultText;
    QPushButton *m_close;
    QPushButton *m_create;
};

} // namespace flint::ui

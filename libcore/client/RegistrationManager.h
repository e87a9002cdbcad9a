// Account registration (flow A): validation before anything is sent, the server's registration
// form, XEP-0077 in-band registration on an unauthenticated stream, or — in admin mode — an
// administrator's login running XEP-0133 add-user; typed results, bounded by a timeout.
#pragma once

#include "client/ConnectionError.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QSslCertificate>
#include <QString>
#include <QStringList>
#include <QTimer>

class QXmppClient;
class QXmppRegisterIq;

namespace flint {

class AccountSession;
class CertificateTrust;

struct RegistrationForm {
    enum Mode { InBand, Admin };
    Mode mode = InBand;
    QString username;
    QString password;
    QString passwordConfirmation;
    QString server;  // the XMPP domain, e.g. example.com
    QString address; // optional host[:port]; see parseServerAddress
    // Admin mode: an administrator of `server` creates the account.
    QString adminUsername;
    QString adminPassword;
    int timeoutSeconds = 20;
};

// What a server asks for when registering in-band.
struct ServerRegistrationForm {
    QString instructions;
    QStringList fields; // e.g. "username", "password", "email"
};

class RegistrationManager : public QObject {
    Q_OBJECT
public:
    explicit RegistrationManager(CertificateTrust &trust, QObject *parent = nullptr);
    ~RegistrationManager() override;

    // Every problem with the form, in field order; empty when it may be sent.
    static QList<RegistrationError> validate(const RegistrationForm &form);

    // Asks `server` (at `address`, as typed) for its in-band registration form.
    void requestForm(const QString &server, const QString &address, int timeoutSeconds = 20);
    // Validates and sends the registration; the outcome arrives as finished().
    void registerAccount(const RegistrationForm &form);
    // Abandons the operation in progress without a result.
    void cancel();

Q_SIGNALS:
    void formReceived(const flint::ServerRegistrationForm &form);
    void formRequestFailed(const flint::RegistrationResult &result);
    void finished(const flint::RegistrationResult &result);
    // The server's certificate is not pinned for `account` (the new account's bare JID, the
    // admin's in admin mode, the domain for a form request): accept it with
    // CertificateTrust::trustCertificate() and try again.
    void certificateApprovalNeeded(const QString &account, const QString &fingerprint,
                                   const QSslCertificate &certificate);

private:
    enum class Operation { None, FormRequest, InBand, Admin };

    void startInBand(Operation operation, const QString &server, const QString &address,
                     const QString &account, const QXmppRegisterIq *submission);
    void startAdmin(const RegistrationForm &form);
    void executeAddUser();
    void handleFormReceived(const QXmppRegisterIq &iq);
    void complete(const RegistrationResult &result);
    void tearDown();

    CertificateTrust &m_trust;
    Operation m_operation = Operation::None;
    quint64 m_operationId = 0; // answers to an older operation are dropped
    RegistrationForm m_form;
    QString m_account;                       // the key the server certificate is checked under
    QPointer<QXmppClient> m_client;          // in-band and form requests
    QPointer<AccountSession> m_adminSession; // admin mode
    std::optional<ConnectionError> m_certificateFailure;
    QSslCertificate m_refusedCertificate;
    QTimer m_timer;
};

} // namespace flint

Q_DECLARE_METATYPE(flint::ServerRegistrationForm)

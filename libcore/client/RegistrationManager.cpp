#include "RegistrationManager.h"

#include "client/AccountSession.h"
#include "client/CertificateTrust.h"
#include "common/Certificates.h"
#include "common/Jid.h"
#include "common/Logging.h"

#include <QDomElement>
#include <QXmlStreamWriter>
#include <QXmppClient.h>
#include <QXmppClientExtension.h>
#include <QXmppDataForm.h>
#include <QXmppRegisterIq.h>
#include <QXmppRegistrationManager.h>
#include <QXmppTask.h>

using namespace Qt::StringLiterals;

namespace flint {
namespace {

const QString CommandsNs = u"http://jabber.org/protocol/commands"_s;
const QString AddUserNode = u"http://jabber.org/protocol/admin#add-user"_s;
const QString DataFormsNs = u"jabber:x:data"_s;

// An XEP-0050 ad-hoc command request or response.
class CommandIq : public QXmppIq {
public:
    QString node;
    QString sessionId;
    QString action;
    QString status;
    QXmppDataForm form;
    QString errorNote; // <note type='error'>: how Prosody reports a failed command

    void parseElementFromChild(const QDomElement &element) override
    {
        const QDomElement command = element.firstChildElement(u"command"_s);
        node = command.attribute(u"node"_s);
        sessionId = command.attribute(u"sessionid"_s);
        status = command.attribute(u"status"_s);
        for (QDomElement child = command.firstChildElement(); !child.isNull();
             child = child.nextSiblingElement()) {
            if (child.tagName() == u"x"_s && child.namespaceURI() == DataFormsNs)
                form.parse(child);
            else if (child.tagName() == u"note"_s && child.attribute(u"type"_s) == u"error"_s)
                errorNote = child.text();
        }
    }

    void toXmlElementFromChild(QXmlStreamWriter *writer) const override
    {
        writer->writeStartElement(u"command"_s);
        writer->writeDefaultNamespace(CommandsNs);
        writer->writeAttribute(u"node"_s, node);
        if (!sessionId.isEmpty())
            writer->writeAttribute(u"sessionid"_s, sessionId);
        writer->writeAttribute(u"action"_s, action);
        if (!form.isNull())
            form.toXml(writer);
        writer->writeEndElement();
    }
};

RegistrationResult::Kind kindOf(QXmppStanza::Error::Condition condition)
{
    using Condition = QXmppStanza::Error::Condition;
    switch (condition) {
    case Condition::Conflict:
        return RegistrationResult::NameTaken;
    case Condition::NotAllowed:
    case Condition::Forbidden:
    case Condition::ServiceUnavailable:
    case Condition::FeatureNotImplemented:
    case Condition::NotAuthorized:
    case Condition::RegistrationRequired:
    case Condition::PolicyViolation:
        return RegistrationResult::NotAllowed;
    case Condition::NotAcceptable:
    case Condition::JidMalformed:
    case Condition::BadRequest:
        return RegistrationResult::Invalid;
    default:
        return RegistrationResult::Other;
    }
}

RegistrationResult resultOf(const QXmppStanza::Error &error)
{
    return {kindOf(error.condition()), error.text(), {}};
}

// An IQ that failed: the server's error, or the stream ended before an answer.
RegistrationResult resultOf(const QXmppError &error)
{
    if (const auto stanzaError = error.value<QXmppStanza::Error>())
        return resultOf(*stanzaError);
    return {RegistrationResult::Other, error.description, {}};
}

RegistrationResult resultOf(const ConnectionError &error)
{
    switch (error.kind) {
    case ConnectionError::ServerUnreachable:
    case ConnectionError::DnsFailure:
        return {RegistrationResult::Unreachable, error.detail, error};
    case ConnectionError::TimedOut:
        return {RegistrationResult::TimedOut, error.detail, error};
    default:
        return {RegistrationResult::ConnectionFailed, error.detail, error};
    }
}

RegistrationResult timedOut(int seconds)
{
    const ConnectionError error{ConnectionError::TimedOut, u"no answer within %1 s"_s.arg(seconds)};
    return resultOf(error);
}

void setField(QXmppDataForm &form, const QString &key, const QString &value)
{
    for (QXmppDataForm::Field &field : form.fields()) {
        if (field.key() == key) {
            field.setValue(value);
            return;
        }
    }
    form.fields().append(QXmppDataForm::Field(QXmppDataForm::Field::TextSingleField, key, value));
}

} // namespace

RegistrationManager::RegistrationManager(CertificateTrust &trust, QObject *parent)
    : QObject(parent), m_trust(trust)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        qCInfo(lcClientRegistration) << "no answer within" << m_form.timeoutSeconds << "s";
        complete(timedOut(m_form.timeoutSeconds));
    });
}

RegistrationManager::~RegistrationManager()
{
    tearDown();
}

QList<RegistrationError> RegistrationManager::validate(const RegistrationForm &form)
{
    QList<RegistrationError> errors;
    if (form.username.trimmed().isEmpty())
        errors << RegistrationError::EmptyUsername;
    else if (!Jid::normalizeLocal(form.username.trimmed()))
        errors << RegistrationError::InvalidUsername;
    if (form.password.isEmpty())
        errors << RegistrationError::EmptyPassword;
    else if (form.password != form.passwordConfirmation)
        errors << RegistrationError::PasswordsDiffer;
    const auto server = Jid::parse(form.server.trimmed());
    if (!server || !server->isDomain())
        errors << RegistrationError::InvalidServer;
    if (!parseServerAddress(form.address))
        errors << RegistrationError::InvalidAddress;
    if (form.mode == RegistrationForm::Admin) {
        if (form.adminUsername.trimmed().isEmpty())
            errors << RegistrationError::EmptyAdminUsername;
        else if (!Jid::normalizeLocal(form.adminUsername.trimmed()))
            errors << RegistrationError::InvalidAdminUsername;
        if (form.adminPassword.isEmpty())
            errors << RegistrationError::EmptyAdminPassword;
    }
    return errors;
}

void RegistrationManager::requestForm(const QString &server, const QString &address,
                                      int timeoutSeconds)
{
    tearDown();
    m_form =
        RegistrationForm{.server = server, .address = address, .timeoutSeconds = timeoutSeconds};
    const auto domain = Jid::parse(server.trimmed());
    if (!domain || !domain->isDomain() || !parseServerAddress(address)) {
        Q_EMIT formRequestFailed(
            resultOf(ConnectionError{ConnectionError::InvalidAddress, server + u' ' + address}));
        return;
    }
    startInBand(Operation::FormRequest, domain->domain(), address, domain->domain(), nullptr);
}

void RegistrationManager::registerAccount(const RegistrationForm &form)
{
    tearDown();
    m_form = form;
    if (const auto errors = validate(form); !errors.isEmpty()) {
        Q_EMIT finished({RegistrationResult::Invalid, describe(errors.first()), {}});
        return;
    }
    m_form.username = form.username.trimmed();
    m_form.server = form.server.trimmed();
    m_form.adminUsername = form.adminUsername.trimmed();
    if (form.mode == RegistrationForm::Admin) {
        startAdmin(m_form);
        return;
    }
    QXmppRegisterIq submission;
    submission.setUsername(m_form.username);
    submission.setPassword(m_form.password);
    startInBand(Operation::InBand, m_form.server, m_form.address,
                m_form.username + u'@' + m_form.server, &submission);
}

void RegistrationManager::cancel()
{
    tearDown();
}

void RegistrationManager::startInBand(Operation operation, const QString &server,
                                      const QString &address, const QString &account,
                                      const QXmppRegisterIq *submission)
{
    auto configuration = AccountSession::configurationFor({.jid = server, .address = address});
    m_operation = operation;
    m_account = account;
    m_client = new QXmppClient(QXmppClient::NoExtensions, this);
    auto *registration = m_client->addNewExtension<QXmppRegistrationManager>();
    registration->setRegisterOnConnectEnabled(true);
    if (submission)
        registration->setRegistrationFormToSend(*submission);

    connect(registration, &QXmppRegistrationManager::registrationSucceeded, this, [this] {
        complete({RegistrationResult::Created, {}, {}});
    });
    connect(registration, &QXmppRegistrationManager::registrationFailed, this,
            [this](const QXmppStanza::Error &error) { complete(resultOf(error)); });
    connect(registration, &QXmppRegistrationManager::registrationFormReceived, this,
            &RegistrationManager::handleFormReceived);
    connect(m_client, &QXmppClient::sslErrors, this, [this](const QList<QSslError> &errors) {
        QSslCertificate certificate;
        switch (m_trust.checkHandshake(*m_client, m_account, errors, &certificate)) {
        case CertificateTrust::Verdict::Pinned:
            return;
        case CertificateTrust::Verdict::NotPinned:
            m_refusedCertificate = certificate;
            m_certificateFailure = ConnectionError{ConnectionError::CertificateNotTrusted,
                                                   sha256Fingerprint(certificate)};
            return;
        case CertificateTrust::Verdict::Changed:
            m_certificateFailure =
                ConnectionError{ConnectionError::CertificateChanged,
                                u"pinned %1, offered %2"_s.arg(m_trust.pinnedFingerprint(m_account),
                                                               sha256Fingerprint(certificate))};
            return;
        }
    });
    connect(m_client, &QXmppClient::errorOccurred, this, [this](const QXmppError &error) {
        ConnectionError failure = connectionErrorFrom(error);
        if (m_certificateFailure && failure.kind == ConnectionError::TlsFailure)
            failure = *m_certificateFailure;
        complete(resultOf(failure));
    });
    connect(m_client, &QXmppClient::disconnected, this, [this] {
        complete(resultOf(m_certificateFailure.value_or(ConnectionError{
            ConnectionError::ConnectionLost, u"closed before the server answered"_s})));
    });
    m_timer.start(std::chrono::seconds(std::max(1, m_form.timeoutSeconds)));
    qCInfo(lcClientRegistration) << "registration stream to" << server << address << "for"
                                 << account;
    m_client->connectToServer(*configuration);
}

void RegistrationManager::startAdmin(const RegistrationForm &form)
{
    m_operation = Operation::Admin;
    m_account = form.adminUsername + u'@' + form.server;
    m_adminSession = new AccountSession(m_trust, this);
    connect(m_adminSession, &AccountSession::loggedIn, this, &RegistrationManager::executeAddUser);
    connect(m_adminSession, &AccountSession::loginFailed, this,
            [this](const ConnectionError &error) {
                // The session asks for approval right after this; the result waits for its
                // certificate.
                if (error.kind == ConnectionError::CertificateNotTrusted)
                    m_certificateFailure = error;
                else
                    complete(resultOf(error));
            });
    connect(m_adminSession, &AccountSession::certificateApprovalNeeded, this,
            [this](const QString &, const QString &, const QSslCertificate &certificate) {
                m_refusedCertificate = certificate;
                complete(resultOf(m_certificateFailure.value_or(
                    ConnectionError{ConnectionError::CertificateNotTrusted, {}})));
            });
    m_timer.start(std::chrono::seconds(std::max(1, form.timeoutSeconds)));
    m_adminSession->connectToServer({.jid = m_account,
                                     .password = form.adminPassword,
                                     .address = form.address,
                                     .timeoutSeconds = form.timeoutSeconds});
}

void RegistrationManager::executeAddUser()
{
    CommandIq execute;
    execute.setType(QXmppIq::Set);
    execute.setTo(m_form.server);
    execute.node = AddUserNode;
    execute.action = u"execute"_s;
    const quint64 id = m_operationId;
    m_adminSession->client()
        .sendIq(std::move(execute))
        .then(this, [this, id](QXmppClient::IqResult &&answer) {
            if (id != m_operationId)
                return;
            if (const auto *error = std::get_if<QXmppError>(&answer)) {
                complete(resultOf(*error));
                return;
            }
            CommandIq stage;
            stage.parse(std::get<QDomElement>(answer));
            CommandIq submit;
            submit.setType(QXmppIq::Set);
            submit.setTo(m_form.server);
            submit.node = AddUserNode;
            submit.sessionId = stage.sessionId;
            submit.action = u"complete"_s;
            submit.form = stage.form;
            submit.form.setType(QXmppDataForm::Submit);
            setField(submit.form, u"accountjid"_s, m_form.username + u'@' + m_form.server);
            setField(submit.form, u"password"_s, m_form.password);
            setField(submit.form, u"password-verify"_s, m_form.passwordConfirmation);
            m_adminSession->client()
                .sendIq(std::move(submit))
                .then(this, [this, id](QXmppClient::IqResult &&reply) {
                    if (id != m_operationId)
                        return;
                    if (const auto *error = std::get_if<QXmppError>(&reply)) {
                        complete(resultOf(*error));
                        return;
                    }
                    CommandIq done;
                    done.parse(std::get<QDomElement>(reply));
                    if (done.status != u"completed"_s) {
                        complete(
                            {RegistrationResult::Other, u"command status "_s + done.status, {}});
                    } else if (!done.errorNote.isEmpty()) {
                        // Prosody completes a failed add-user with an error note; "already exists"
                        // is the one it words for a taken name.
                        complete({done.errorNote.contains(u"exists"_s, Qt::CaseInsensitive)
                                      ? RegistrationResult::NameTaken
                                      : RegistrationResult::Other,
                                  done.errorNote,
                                  {}});
                    } else {
                        complete({RegistrationResult::Created, {}, {}});
                    }
                });
        });
}

void RegistrationManager::handleFormReceived(const QXmppRegisterIq &iq)
{
    if (m_operation != Operation::FormRequest)
        return;
    ServerRegistrationForm form{iq.instructions(), {}};
    if (!iq.form().isNull()) {
        for (const QXmppDataForm::Field &field : iq.form().fields()) {
            if (field.type() != QXmppDataForm::Field::HiddenField)
                form.fields << field.key();
        }
    } else {
        if (!iq.username().isNull())
            form.fields << u"username"_s;
        if (!iq.password().isNull())
            form.fields << u"password"_s;
        if (!iq.email().isNull())
            form.fields << u"email"_s;
    }
    tearDown();
    Q_EMIT formReceived(form);
}

void RegistrationManager::complete(const RegistrationResult &result)
{
    if (m_operation == Operation::None)
        return;
    const Operation operation = m_operation;
    const QString account = m_account;
    const QSslCertificate refused = m_refusedCertificate;
    const bool needsApproval =
        result.kind == RegistrationResult::ConnectionFailed &&
        result.connectionError.kind == ConnectionError::CertificateNotTrusted;
    qCInfo(lcClientRegistration) << account << "result" << result.kind << result.detail;
    tearDown();
    if (operation == Operation::FormRequest)
        Q_EMIT formRequestFailed(result);
    else
        Q_EMIT finished(result);
    if (needsApproval)
        Q_EMIT certificateApprovalNeeded(account, sha256Fingerprint(refused), refused);
}

void RegistrationManager::tearDown()
{
    ++m_operationId;
    m_operation = Operation::None;
    m_timer.stop();
    m_certificateFailure.reset();
    m_refusedCertificate = QSslCertificate();
    // Closed and deleted from the event loop: this may run inside one of their own signals or
    // IQ continuations, and QXmpp still works on the stream after those return.
    if (QXmppClient *client = m_client) {
        const auto extensions = client->extensions();
        for (QXmppClientExtension *extension : extensions)
            extension->disconnect(this);
        client->disconnect(this);
        m_client = nullptr;
        QMetaObject::invokeMethod(
            client,
            [client] {
                client->disconnectFromServer();
                client->deleteLater();
            },
            Qt::QueuedConnection);
    }
    if (AccountSession *session = m_adminSession) {
        session->disconnect(this);
        m_adminSession = nullptr;
        QMetaObject::invokeMethod(
            session,
            [session] {
                session->cancel();
                session->deleteLater();
            },
            Qt::QueuedConnection);
    }
}

} // namespace flint

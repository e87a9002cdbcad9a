#include "ConnectionError.h"

#include <QAbstractSocket>
#include <QCoreApplication>
#include <QXmppAuthenticationError.h>
#include <QXmppBindError.h>
#include <QXmppError.h>
#include <QXmppStreamError.h>

namespace flint {
namespace {

using Kind = ConnectionError::Kind;

Kind kindOf(QAbstractSocket::SocketError error)
{
    switch (error) {
    case QAbstractSocket::HostNotFoundError:
        return Kind::DnsFailure;
    case QAbstractSocket::SslHandshakeFailedError:
    case QAbstractSocket::SslInternalError:
    case QAbstractSocket::SslInvalidUserDataError:
        return Kind::TlsFailure;
    case QAbstractSocket::RemoteHostClosedError:
        return Kind::ConnectionLost;
    default:
        return Kind::ServerUnreachable;
    }
}

Kind kindOf(QXmpp::StreamError error)
{
    using QXmpp::StreamError;
    switch (error) {
    case StreamError::Conflict:
        return Kind::SessionReplaced;
    case StreamError::NotAuthorized:
    case StreamError::PolicyViolation:
        return Kind::PolicyRefused;
    // The server does not serve the account's domain: the one case where it tells us that the
    // account does not exist there.
    case StreamError::HostUnknown:
        return Kind::AccountUnknown;
    case StreamError::ConnectionTimeout:
    case StreamError::HostGone:
    case StreamError::InternalServerError:
    case StreamError::RemoteConnectionFailed:
    case StreamError::Reset:
    case StreamError::ResourceConstraint:
    case StreamError::SystemShutdown:
        return Kind::ConnectionLost;
    default:
        return Kind::Other;
    }
}

Kind kindOf(QXmpp::AuthenticationError::Type type)
{
    using Auth = QXmpp::AuthenticationError;
    switch (type) {
    // SASL not-authorized (also what QXmpp makes of temporary-auth-failure and aborted).
    case Auth::NotAuthorized:
        return Kind::WrongPassword;
    case Auth::AccountDisabled:
    case Auth::CredentialsExpired:
        return Kind::PolicyRefused;
    case Auth::EncryptionRequired:
        return Kind::TlsFailure;
    case Auth::MechanismMismatch:
    case Auth::ProcessingError:
    case Auth::RequiredTasks:
        break;
    }
    return Kind::Other;
}

} // namespace

bool ConnectionError::isTransient() const
{
    switch (kind) {
    case ServerUnreachable:
    case DnsFailure:
    case TimedOut:
    case ConnectionLost:
        return true;
    default:
        return false;
    }
}

ConnectionError connectionErrorFrom(const QXmppError &error)
{
    if (const auto socketError = error.value<QAbstractSocket::SocketError>())
        return {kindOf(*socketError), error.description};
    if (error.holdsType<QXmpp::TimeoutError>())
        return {Kind::TimedOut, error.description};
    if (const auto streamError = error.value<QXmpp::StreamError>())
        return {kindOf(*streamError), error.description};
    if (const auto authError = error.value<QXmpp::AuthenticationError>())
        return {kindOf(authError->type), error.description};
    if (const auto bindError = error.value<QXmpp::BindError>()) {
        switch (bindError->stanzaError.condition()) {
        case QXmppStanza::Error::Conflict:
            return {Kind::SessionReplaced, error.description};
        case QXmppStanza::Error::NotAllowed:
        case QXmppStanza::Error::Forbidden:
            return {Kind::PolicyRefused, error.description};
        default:
            break;
        }
    }
    return {Kind::Other, error.description};
}

QString describe(const ConnectionError &error)
{
    switch (error.kind) {
    case Kind::WrongPassword:
        return QCoreApplication::translate("flint::ConnectionError", "Wrong username or password.");
    case Kind::AccountUnknown:
        return QCoreApplication::translate("flint::ConnectionError",
                                           "The server does not know this account.");
    case Kind::ServerUnreachable:
        return QCoreApplication::translate("flint::ConnectionError",
                                           "The server cannot be reached.");
    case Kind::DnsFailure:
        return QCoreApplication::translate("flint::ConnectionError",
                                           "The server's address could not be found.");
    case Kind::TlsFailure:
        return QCoreApplication::translate(
            "flint::ConnectionError",
            "A secure connection to the server could not be established.");
    case Kind::CertificateNotTrusted:
        return QCoreApplication::translate("flint::ConnectionError",
                                           "The server's certificate is not trusted.");
    case Kind::CertificateChanged:
        return QCoreApplication::translate(
            "flint::ConnectionError",
            "The server's certificate has changed since you accepted it. This can mean "
            "that someone is intercepting the connection; ask your administrator before "
            "connecting.");
    case Kind::TimedOut:
        return QCoreApplication::translate("flint::ConnectionError",
                                           "The server did not answer in time.");
    case Kind::PolicyRefused:
        return QCoreApplication::translate(
            "flint::ConnectionError", "The server refused the login; the account may be disabled.");
    case Kind::SessionReplaced:
        return QCoreApplication::translate("flint::ConnectionError",
                                           "The account was logged in from another place.");
    case Kind::ConnectionLost:
        return QCoreApplication::translate("flint::ConnectionError",
                                           "The connection to the server was lost.");
    case Kind::InvalidAddress:
        return QCoreApplication::translate("flint::ConnectionError",
                                           "The account or server address is not valid.");
    case Kind::Cancelled:
        return QCoreApplication::translate("flint::ConnectionError", "The login was cancelled.");
    case Kind::Other:
        break;
    }
    return QCoreApplication::translate("flint::ConnectionError", "The login failed: %1")
        .arg(error.detail);
}

QString describe(RegistrationError error)
{
    switch (error) {
    case RegistrationError::EmptyUsername:
        return QCoreApplication::translate("flint::ConnectionError", "Enter a username.");
    case RegistrationError::InvalidUsername:
        return QCoreApplication::translate(
            "flint::ConnectionError", "The username contains characters that are not allowed.");
    case RegistrationError::EmptyPassword:
        return QCoreApplication::translate("flint::ConnectionError", "Enter a password.");
    case RegistrationError::PasswordsDiffer:
        return QCoreApplication::translate("flint::ConnectionError", "The passwords do not match.");
    case RegistrationError::InvalidServer:
        return QCoreApplication::translate("flint::ConnectionError",
                                           "Enter the server's domain, such as example.com.");
    case RegistrationError::InvalidAddress:
        return QCoreApplication::translate(
            "flint::ConnectionError", "The server address is not valid; use host or host:port.");
    case RegistrationError::EmptyAdminUsername:
        return QCoreApplication::translate("flint::ConnectionError",
                                           "Enter the administrator's username.");
    case RegistrationError::InvalidAdminUsername:
        return QCoreApplication::translate(
            "flint::ConnectionError",
            "The administrator's username contains characters that are not allowed.");
    case RegistrationError::EmptyAdminPassword:
        return QCoreApplication::translate("flint::ConnectionError",
                                           "Enter the administrator's password.");
    }
    return {};
}

QString describe(const RegistrationResult &result)
{
    switch (result.kind) {
    case RegistrationResult::Created:
        return QCoreApplication::translate("flint::ConnectionError", "The account was created.");
    case RegistrationResult::NameTaken:
        return QCoreApplication::translate("flint::ConnectionError",
                                           "This username is already taken.");
    case RegistrationResult::NotAllowed:
        return QCoreApplication::translate("flint::ConnectionError",
                                           "The server does not allow creating this account.");
    case RegistrationResult::Invalid:
        return QCoreApplication::translate("flint::ConnectionError",
                                           "The server did not accept the username or password.");
    case RegistrationResult::Unreachable:
        return QCoreApplication::translate("flint::ConnectionError",
                                           "The server cannot be reached.");
    case RegistrationResult::TimedOut:
        return QCoreApplication::translate("flint::ConnectionError",
                                           "The server did not answer in time.");
    case RegistrationResult::ConnectionFailed:
        return describe(result.connectionError);
    case RegistrationResult::Other:
        break;
    }
    return QCoreApplication::translate("flint::ConnectionError", "The registration failed: %1")
        .arg(result.detail);
}

} // namespace flint

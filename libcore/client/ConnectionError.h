// Typed errors of logging in, trusting a server and registering accounts, and the one place that
// turns them into translated, user-facing text (flows A and B).
#pragma once

#include <QMetaType>
#include <QObject>
#include <QString>

struct QXmppError;

namespace flint {

struct ConnectionError {
    Q_GADGET
public:
    enum Kind {
        WrongPassword,
        // Only when the server can tell: its domain is not the account's (stream error
        // host-unknown). SASL's not-authorized covers both an unknown user and a wrong password
        // (RFC 6120 §6.5.10), so an unknown user on a right domain reads as WrongPassword.
        AccountUnknown,
        ServerUnreachable,     // connection refused, no route, network down
        DnsFailure,            // the host name (or the domain's SRV target) does not resolve
        TlsFailure,            // handshake failed, or the server offers no TLS at all
        CertificateNotTrusted, // self-signed or unverifiable, and not pinned for this account
        CertificateChanged,    // differs from the certificate pinned for this account
        TimedOut,
        PolicyRefused,   // account disabled, credentials expired, policy-violation stream error
        SessionReplaced, // another login took over this resource (stream error conflict)
        ConnectionLost,
        InvalidAddress, // the account JID or the typed server address does not parse
        Cancelled,
        Other,
    };
    Q_ENUM(Kind)
    Kind kind = Other;
    QString detail; // the server's or the socket's own words, for logs and a "details" view

    // Whether trying again later without the user's help can succeed.
    bool isTransient() const;
};

enum class RegistrationError {
    EmptyUsername,
    InvalidUsername,
    EmptyPassword,
    PasswordsDiffer,
    InvalidServer,
    InvalidAddress,
    EmptyAdminUsername,
    InvalidAdminUsername,
    EmptyAdminPassword,
};

struct RegistrationResult {
    Q_GADGET
public:
    enum Kind {
        Created,
        NameTaken,   // conflict
        NotAllowed,  // not-allowed, forbidden, service-unavailable, no in-band registration
        Invalid,     // not-acceptable, jid-malformed, bad-request
        Unreachable, // see connectionError
        TimedOut,
        ConnectionFailed, // any other failure to connect or log in as the admin: connectionError
        Other,
    };
    Q_ENUM(Kind)
    Kind kind = Other;
    QString detail;
    ConnectionError connectionError; // set for Unreachable, TimedOut and ConnectionFailed
};

// What a QXmppClient error means for the user; TLS errors count as TlsFailure (the caller knows
// whether a refused certificate caused them).
ConnectionError connectionErrorFrom(const QXmppError &error);

QString describe(const ConnectionError &error);
QString describe(RegistrationError error);
QString describe(const RegistrationResult &result);

} // namespace flint

Q_DECLARE_METATYPE(flint::ConnectionError)
Q_DECLARE_METATYPE(flint::RegistrationResult)

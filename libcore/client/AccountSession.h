// One account's connection (flow B): login with a timeout and typed failures, certificate
// pinning, reconnection with backoff and XEP-0198 resumption, keepalive. Owns the QXmppClient
// that the other client classes add their QXmpp managers to.
#pragma once

#include "client/ConnectionError.h"

#include <QObject>
#include <QSslCertificate>
#include <QString>
#include <QTimer>
#include <QXmppConfiguration.h>
#include <QXmppPresence.h>

#include <chrono>
#include <optional>

class QXmppClient;
struct QXmppError;

namespace flint {

class CertificateTrust;

struct ServerAddress {
    QString host;     // empty: look up the domain's SRV records (then the domain itself)
    quint16 port = 0; // 0: the default client port 5222
};

// Parses what the user typed as server address: "", "host", "host:port", "[v6]" or "[v6]:port"
// (a bare IPv6 address is accepted too); nullopt when it is not a valid address.
std::optional<ServerAddress> parseServerAddress(QStringView text);

struct AccountSettings {
    QString jid; // user@domain
    QString password;
    QString address;  // what the user typed; see parseServerAddress
    QString resource; // empty: a random "flint.<id>" per session object
    int timeoutSeconds = 20;
    bool directTls = false; // TLS from the first byte (XEP-0368 style port) instead of STARTTLS
};

class AccountSession : public QObject {
    Q_OBJECT
public:
    enum State { Disconnected, Connecting, Connected, Reconnecting };
    Q_ENUM(State)

    explicit AccountSession(CertificateTrust &trust, QObject *parent = nullptr);
    ~AccountSession() override;

    // Starts with no QXmpp extensions: each client class adds the manager it owns.
    QXmppClient &client() const { return *m_client; }
    // The pins this session's certificate is checked against (also for HTTPS to its services).
    CertificateTrust &trust() const { return m_trust; }
    State state() const { return m_state; }
    const AccountSettings &settings() const { return m_settings; }

    // Builds the QXmpp configuration for an account (or, with a bare domain as JID, for a stream
    // before login): TLS required, SCRAM preferred, PLAIN only inside that TLS, keepalive on;
    // nullopt when the JID or the address does not parse.
    static std::optional<QXmppConfiguration> configurationFor(const AccountSettings &settings);

    // The delay before reconnection attempt `attempt` (0-based): doubling from 1 s up to 60 s,
    // each drawn at random from the upper half of its step so clients do not return in lockstep.
    static std::chrono::milliseconds reconnectDelay(int attempt);

    void connectToServer(const AccountSettings &settings);
    // The account's own presence: sent at once when connected, otherwise with the next login or
    // reconnection (QXmppClient::setClientPresence() would start a connection of its own).
    void announcePresence(const QXmppPresence &presence);
    const QXmppPresence &presence() const { return m_presence; }
    // Abandons a login in progress (loginFailed(Cancelled)), stops reconnecting, or logs out.
    void cancel();

Q_SIGNALS:
    void stateChanged(flint::AccountSession::State state);
    // A new session is ready (first login or a reconnection that could not resume).
    void loggedIn();
    // A reconnection resumed the previous stream (XEP-0198): nothing was lost, nothing to redo.
    void resumed();
    // announcePresence() changed the account's presence (sent at once only when connected).
    void presenceChanged();
    // The login failed, or reconnection stopped because it cannot succeed without the user.
    void loginFailed(const flint::ConnectionError &error);
    // The server's certificate failed verification and is not pinned for `jid`: show the
    // fingerprint; if the user accepts, CertificateTrust::trustCertificate() and connect again.
    void certificateApprovalNeeded(const QString &jid, const QString &fingerprint,
                                   const QSslCertificate &certificate);

private:
    void stop();
    void setState(State state);
    void startAttempt(const QXmppPresence &presence);
    void handleConnected();
    void handleError(const QXmppError &error);
    void handleDisconnected();
    void handleSslErrors(const QList<QSslError> &errors);
    void noticeFailure(const ConnectionError &error);
    void handleFailure(const ConnectionError &error, quint64 attempt);
    void abortSocket();

    CertificateTrust &m_trust;
    QXmppClient *m_client;
    AccountSettings m_settings;
    QString m_bareJid;
    QXmppConfiguration m_configuration;
    QXmppPresence m_presence{QXmppPresence::Available};
    State m_state = Disconnected;
    QString m_defaultResource;
    int m_reconnectAttempt = 0;
    quint64 m_attemptId = 0;  // failures noticed for an older attempt are dropped
    bool m_live = false;      // an attempt or a session whose failure still matters
    bool m_encrypted = false; // this attempt's TLS handshake completed
    // Set when this attempt's certificate was refused, so the TLS error it causes reads right.
    std::optional<ConnectionError> m_certificateFailure;
    QSslCertificate m_refusedCertificate;
    QTimer m_loginTimer;
    QTimer m_reconnectTimer;
};

} // namespace flint

#include "AccountSession.h"

#include "client/CertificateTrust.h"
#include "common/Certificates.h"
#include "common/Jid.h"
#include "common/Logging.h"

#include <QHostAddress>
#include <QRandomGenerator>
#include <QSslSocket>
#include <QUrl>
#include <QUuid>
#include <QXmppClient.h>
#include <QXmppOutgoingClient.h>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace flint {
namespace {

// Whether two presences say the same to contacts (QXmppPresence has no comparison; QXmpp
// adds capabilities to the client presence itself, so only what people see is compared).
bool sameAnnouncement(const QXmppPresence &a, const QXmppPresence &b)
{
    return a.type() == b.type() && a.availableStatusType() == b.availableStatusType() &&
           a.statusText() == b.statusText() && a.priority() == b.priority() &&
           a.vCardUpdateType() == b.vCardUpdateType() && a.photoHash() == b.photoHash();
}

constexpr quint16 DefaultClientPort = 5222;
constexpr int KeepAliveIntervalSeconds = 60;
constexpr int KeepAliveTimeoutSeconds = 20;
constexpr std::chrono::milliseconds FirstReconnectDelay = 1s;
constexpr std::chrono::milliseconds LongestReconnectDelay = 60s;

// A DNS host name (RFC 1123 labels, after IDNA) or an IPv4 address.
bool isHostName(const QString &host)
{
    const QByteArray ace = QUrl::toAce(host);
    if (ace.isEmpty() || ace.size() > 253)
        return false;
    for (const QByteArray &label : ace.split('.')) {
        if (label.isEmpty() || label.size() > 63 || label.startsWith('-') || label.endsWith('-'))
            return false;
        for (const char c : label) {
            if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-')
                return false;
        }
    }
    return true;
}

std::optional<quint16> parsePort(QStringView text)
{
    if (text.isEmpty() || text.size() > 5 ||
        !std::all_of(text.begin(), text.end(), [](QChar c) { return c.isDigit(); }))
        return std::nullopt;
    const int port = text.toInt();
    if (port < 1 || port > 65535)
        return std::nullopt;
    return static_cast<quint16>(port);
}

bool isIPv6(QStringView text)
{
    QHostAddress address;
    return address.setAddress(text.toString()) &&
           address.protocol() == QAbstractSocket::IPv6Protocol;
}

QSslSocket *streamSocket(const QXmppClient &client)
{
    auto *stream = client.findChild<QXmppOutgoingClient *>(QString(), Qt::FindDirectChildrenOnly);
    return stream ? stream->socket() : nullptr;
}

} // namespace

std::optional<ServerAddress> parseServerAddress(QStringView text)
{
    const QStringView typed = text.trimmed();
    if (typed.isEmpty())
        return ServerAddress{};
    if (typed.startsWith(u'[')) {
        const qsizetype close = typed.indexOf(u']');
        if (close < 0)
            return std::nullopt;
        const QStringView host = typed.sliced(1, close - 1);
        const QStringView rest = typed.sliced(close + 1);
        if (!isIPv6(host))
            return std::nullopt;
        if (rest.isEmpty())
            return ServerAddress{host.toString(), 0};
        const auto port = rest.startsWith(u':') ? parsePort(rest.sliced(1)) : std::nullopt;
        if (!port)
            return std::nullopt;
        return ServerAddress{host.toString(), *port};
    }
    const qsizetype colons = typed.count(u':');
    if (colons > 1)
        return isIPv6(typed) ? std::optional(ServerAddress{typed.toString(), 0}) : std::nullopt;
    const QStringView host = colons == 1 ? typed.left(typed.indexOf(u':')) : typed;
    if (!isHostName(host.toString()))
        return std::nullopt;
    if (colons == 0)
        return ServerAddress{host.toString(), 0};
    const auto port = parsePort(typed.sliced(typed.indexOf(u':') + 1));
    if (!port)
        return std::nullopt;
    return ServerAddress{host.toString(), *port};
}

AccountSession::AccountSession(CertificateTrust &trust, QObject *parent)
    : QObject(parent), m_trust(trust), m_client(new QXmppClient(QXmppClient::NoExtensions, this)),
      m_defaultResource(u"flint."_s + QUuid::createUuid().toString(QUuid::Id128).left(8))
{
    m_loginTimer.setSingleShot(true);
    m_reconnectTimer.setSingleShot(true);
    connect(&m_loginTimer, &QTimer::timeout, this, [this] {
        if (!m_live)
            return;
        m_live = false;
        handleFailure(
            {ConnectionError::TimedOut, u"no session within %1 s"_s.arg(m_settings.timeoutSeconds)},
            m_attemptId);
    });
    connect(&m_reconnectTimer, &QTimer::timeout, this, [this] { startAttempt(m_presence); });
    connect(m_client, &QXmppClient::connected, this, &AccountSession::handleConnected);
    connect(m_client, &QXmppClient::errorOccurred, this, &AccountSession::handleError);
    connect(m_client, &QXmppClient::disconnected, this, &AccountSession::handleDisconnected);
    connect(m_client, &QXmppClient::sslErrors, this, &AccountSession::handleSslErrors);
    if (QSslSocket *socket = streamSocket(*m_client))
        connect(socket, &QSslSocket::encrypted, this, [this] { m_encrypted = true; });
}

AccountSession::~AccountSession() = default;

std::optional<QXmppConfiguration> AccountSession::configurationFor(const AccountSettings &settings)
{
    const auto jid = Jid::parse(settings.jid.trimmed());
    const auto address = parseServerAddress(settings.address);
    if (!jid || !jid->isBare() || !address)
        return std::nullopt;
    QXmppConfiguration configuration;
    configuration.setDomain(jid->domain());
    configuration.setUser(jid->local());
    configuration.setPassword(settings.password);
    configuration.setResource(settings.resource);
    // An empty host makes QXmpp look up the domain's SRV records, then fall back to the domain.
    configuration.setHost(address->host);
    configuration.setPort(address->port ? address->port : DefaultClientPort);
    configuration.setStreamSecurityMode(settings.directTls ? QXmppConfiguration::LegacySSL
                                                           : QXmppConfiguration::TLSRequired);
    // Verification failures go through CertificateTrust, never blanket-ignored.
    configuration.setIgnoreSslErrors(false);
    // TLS is required, so PLAIN only ever travels encrypted; QXmpp still prefers SCRAM when the
    // server offers it. DIGEST-MD5 is obsolete (RFC 6331) and ANONYMOUS is not a login.
    configuration.setDisabledSaslMechanisms({u"DIGEST-MD5"_s, u"ANONYMOUS"_s});
    // Reconnection is ours: backoff with jitter, and never after a refusal that needs the user.
    configuration.setAutoReconnectionEnabled(false);
    configuration.setKeepAliveInterval(KeepAliveIntervalSeconds);
    configuration.setKeepAliveTimeout(KeepAliveTimeoutSeconds);
    return configuration;
}

std::chrono::milliseconds AccountSession::reconnectDelay(int attempt)
{
    const auto step = std::min<std::chrono::milliseconds>(
        FirstReconnectDelay * (qint64(1) << std::clamp(attempt, 0, 10)), LongestReconnectDelay);
    const auto jitter = std::chrono::milliseconds(
        QRandomGenerator::global()->bounded(static_cast<qint64>(step.count() / 2) + 1));
    return std::max(FirstReconnectDelay, step / 2 + jitter);
}

void AccountSession::connectToServer(const AccountSettings &settings)
{
    stop();
    m_settings = settings;
    if (m_settings.resource.isEmpty())
        m_settings.resource = m_defaultResource;
    const auto configuration = configurationFor(m_settings);
    if (!configuration || configuration->user().isEmpty()) {
        Q_EMIT loginFailed(
            {ConnectionError::InvalidAddress, settings.jid + u' ' + settings.address});
        return;
    }
    m_configuration = *configuration;
    m_bareJid = m_configuration.jidBare();
    m_reconnectAttempt = 0;
    setState(Connecting);
    if (m_presence.type() != QXmppPresence::Available)
        m_presence = QXmppPresence(QXmppPresence::Available);
    startAttempt(m_presence);
}

void AccountSession::announcePresence(const QXmppPresence &presence)
{
    if (sameAnnouncement(m_presence, presence))
        return;
    m_presence = presence;
    if (m_client->isConnected())
        m_client->setClientPresence(presence);
    Q_EMIT presenceChanged();
}

void AccountSession::cancel()
{
    const bool wasConnecting = m_state == Connecting;
    stop();
    if (wasConnecting)
        Q_EMIT loginFailed({ConnectionError::Cancelled, {}});
}

void AccountSession::stop()
{
    ++m_attemptId;
    m_live = false;
    m_loginTimer.stop();
    m_reconnectTimer.stop();
    if (m_state != Disconnected) {
        m_client->disconnectFromServer();
        abortSocket();
    }
    setState(Disconnected);
}

void AccountSession::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    qCDebug(lcClientAccount) << m_bareJid << "state" << state;
    Q_EMIT stateChanged(state);
}

void AccountSession::startAttempt(const QXmppPresence &presence)
{
    ++m_attemptId;
    m_live = true;
    m_encrypted = false;
    m_certificateFailure.reset();
    m_refusedCertificate = QSslCertificate();
    abortSocket();
    m_loginTimer.start(std::chrono::seconds(std::max(1, m_settings.timeoutSeconds)));
    qCInfo(lcClientAccount) << m_bareJid << "connecting to"
                            << (m_configuration.host().isEmpty()
                                    ? u"SRV of "_s + m_configuration.domain()
                                    : m_configuration.host())
                            << m_configuration.port();
    m_client->connectToServer(m_configuration, presence);
}

void AccountSession::handleConnected()
{
    if (!m_live)
        return;
    m_loginTimer.stop();
    m_reconnectAttempt = 0;
    const bool resumedStream = m_client->streamManagementState() == QXmppClient::ResumedStream;
    qCInfo(lcClientAccount) << m_bareJid << (resumedStream ? "resumed" : "logged in");
    setState(Connected);
    // A resumed stream sends no presence of its own: announce what changed while it was down.
    if (resumedStream && !sameAnnouncement(m_client->clientPresence(), m_presence))
        m_client->setClientPresence(m_presence);
    if (resumedStream)
        Q_EMIT resumed();
    else
        Q_EMIT loggedIn();
}

void AccountSession::handleError(const QXmppError &error)
{
    if (!m_live)
        return;
    ConnectionError failure = connectionErrorFrom(error);
    if (m_certificateFailure && failure.kind == ConnectionError::TlsFailure)
        failure = *m_certificateFailure;
    else if (m_state == Connected && failure.isTransient())
        failure.kind = ConnectionError::ConnectionLost;
    noticeFailure(failure);
}

void AccountSession::handleDisconnected()
{
    if (!m_live)
        return;
    if (m_state == Connected && m_client->clientPresence().type() == QXmppPresence::Unavailable) {
        // Went offline through QXmppClient::setClientPresence(): meant, so no reconnection.
        m_live = false;
        QMetaObject::invokeMethod(
            this,
            [this, attempt = m_attemptId] {
                if (attempt == m_attemptId)
                    stop();
            },
            Qt::QueuedConnection);
    } else if (m_state == Connected)
        noticeFailure({ConnectionError::ConnectionLost, u"the server closed the stream"_s});
    else if (!m_encrypted)
        // QXmpp closes silently when TLS is required and the server offers none.
        noticeFailure({ConnectionError::TlsFailure, u"closed before TLS was established"_s});
    else
        noticeFailure({ConnectionError::ConnectionLost, u"closed during login"_s});
}

void AccountSession::handleSslErrors(const QList<QSslError> &errors)
{
    if (!m_live)
        return;
    QSslCertificate certificate;
    switch (m_trust.checkHandshake(*m_client, m_bareJid, errors, &certificate)) {
    case CertificateTrust::Verdict::Pinned:
        return;
    case CertificateTrust::Verdict::NotPinned:
        m_refusedCertificate = certificate;
        m_certificateFailure =
            ConnectionError{ConnectionError::CertificateNotTrusted, sha256Fingerprint(certificate)};
        break;
    case CertificateTrust::Verdict::Changed:
        qCWarning(lcClientAccount)
            << m_bareJid << "server certificate changed: pinned"
            << m_trust.pinnedFingerprint(m_bareJid) << "now" << sha256Fingerprint(certificate);
        m_certificateFailure =
            ConnectionError{ConnectionError::CertificateChanged,
                            u"pinned %1, offered %2"_s.arg(m_trust.pinnedFingerprint(m_bareJid),
                                                           sha256Fingerprint(certificate))};
        break;
    }
    // Not ignoring the errors makes the socket abort the handshake; say why right away, since
    // QXmpp may quietly try another SRV target first.
    noticeFailure(*m_certificateFailure);
}

void AccountSession::noticeFailure(const ConnectionError &error)
{
    m_live = false;
    // Acted on outside QXmpp's own signal emission, which continues after this slot returns
    // and must not meet a stream that a loginFailed() handler already restarted.
    QMetaObject::invokeMethod(
        this, [this, error, attempt = m_attemptId] { handleFailure(error, attempt); },
        Qt::QueuedConnection);
}

void AccountSession::handleFailure(const ConnectionError &error, quint64 attempt)
{
    if (attempt != m_attemptId)
        return;
    m_loginTimer.stop();
    qCInfo(lcClientAccount) << m_bareJid << "failure" << error.kind << error.detail;
    if (m_state == Connecting || !error.isTransient()) {
        const QSslCertificate refused = m_refusedCertificate;
        stop();
        Q_EMIT loginFailed(error);
        if (error.kind == ConnectionError::CertificateNotTrusted)
            Q_EMIT certificateApprovalNeeded(m_bareJid, sha256Fingerprint(refused), refused);
        return;
    }
    // Dropping only the socket keeps QXmpp's XEP-0198 state, so the next attempt can resume.
    abortSocket();
    setState(Reconnecting);
    const auto delay = reconnectDelay(m_reconnectAttempt++);
    qCInfo(lcClientAccount) << m_bareJid << "reconnecting in" << delay.count() << "ms";
    m_reconnectTimer.start(delay);
}

void AccountSession::abortSocket()
{
    if (QSslSocket *socket = streamSocket(*m_client);
        socket && socket->state() != QAbstractSocket::UnconnectedState)
        socket->abort();
}

} // namespace flint

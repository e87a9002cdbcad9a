// One client-to-server stream (RFC 6120): STARTTLS, SASL, resource binding, limits,
// keepalive, then stanzas stamped with the session's JID and handed to the router.
#pragma once

#include "Stanza.h"
#include "TlsChannel.h"
#include "XmlStream.h"

#include <QBasicTimer>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QObject>

#include <memory>

class QTcpSocket;

namespace flint {

struct ServerContext;
class SaslNegotiator;
class TlsContext;

class C2SSession : public QObject {
    Q_OBJECT
public:
    C2SSession(QTcpSocket *socket, const TlsContext &tls, ServerContext &context,
               QObject *parent = nullptr);
    ~C2SSession() override;

    QHostAddress peerAddress() const { return m_peerAddress; }
    bool isEncrypted() const { return m_channel.isEncrypted(); }
    bool isAuthenticated() const { return !m_username.isEmpty(); }
    bool isBound() const { return m_bound; }
    // The full JID once bound (the bare JID after authentication).
    Jid jid() const { return m_jid; }
    QString username() const { return m_username; }
    QString streamId() const { return m_streamId; }

    // RFC 6121 session state, kept by the presence and roster modules.
    bool isAvailable() const { return m_available; }
    int priority() const { return m_priority; }
    Stanza presence() const { return m_presence; }
    void setPresence(const Stanza &presence, bool available, int priority);
    bool isInterested() const { return m_interested; } // has asked for the roster
    void setInterested(bool interested) { m_interested = interested; }

    void send(const Stanza &stanza);
    // Sends a stanza serialised by the caller, for one serialisation written to many sessions.
    void sendSerialized(const QByteArray &xml);
    // Sends a stream error (RFC 6120 §4.9) and closes the stream.
    void closeWithError(const QString &condition, const QString &text = {});
    // Closes the stream politely (</stream:stream>).
    void close();

Q_SIGNALS:
    void closed(flint::C2SSession *session);

protected:
    void timerEvent(QTimerEvent *event) override;

private:
    void onReadyRead();
    void processEvents();
    void openStream();
    void sendFeatures();
    void handleElement(const QDomElement &element);
    void handleStartTls();
    void handleSasl(const QDomElement &element);
    void finishSasl(const QString &failureCondition, int delayMs);
    void handleBind(const Stanza &iq);
    void handleStanza(Stanza stanza);
    void sendRaw(const QByteArray &data);
    void onIdle();
    void onDisconnected();
    bool takeRateToken();

    TlsChannel m_channel;
    const TlsContext &m_tls;
    ServerContext &m_context;
    XmlStreamParser m_parser;
    std::unique_ptr<SaslNegotiator> m_sasl;
    QHostAddress m_peerAddress;
    QString m_streamId;
    QString m_username;
    Jid m_jid;
    bool m_headerSent = false;
    bool m_bound = false;
    bool m_closing = false;
    bool m_finished = false;
    bool m_paused = false; // waiting out a SASL failure delay or the stanza rate limit
    int m_failedAuths = 0;

    bool m_available = false;
    bool m_interested = false;
    int m_priority = 0;
    Stanza m_presence;

    // One-shot; QBasicTimer rather than QTimer: no QObject of their own per session.
    QBasicTimer m_idleTimer;
    QBasicTimer m_pingTimer;
    QString m_pingId;
    double m_rateTokens;
    QElapsedTimer m_rateClock;
};

} // namespace flint

#include "C2SSession.h"

#include "AccountStore.h"
#include "LoginThrottle.h"
#include "SaslNegotiator.h"
#include "ServerModule.h"
#include "common/Logging.h"

#include <QTcpSocket>
#include <QTimer>
#include <QTimerEvent>
#include <QUuid>
#include <QXmlStreamWriter>

using namespace Qt::StringLiterals;

namespace flint {
namespace {

const QString ClientNs = u"jabber:client"_s;
const QString TlsNs = u"urn:ietf:params:xml:ns:xmpp-tls"_s;
const QString SaslNs = u"urn:ietf:params:xml:ns:xmpp-sasl"_s;
const QString BindNs = u"urn:ietf:params:xml:ns:xmpp-bind"_s;
const QString SessionNs = u"urn:ietf:params:xml:ns:xmpp-session"_s;
const QString StreamErrorNs = u"urn:ietf:params:xml:ns:xmpp-streams"_s;
constexpr int MaxFailedAuths = 5;

QString escaped(const QString &text)
{
    return text.toHtmlEscaped();
}

} // namespace

C2SSession::C2SSession(QTcpSocket *socket, const TlsContext &tls, ServerContext &context,
                       QObject *parent)
    : QObject(parent), m_channel(socket), m_tls(tls), m_context(context),
      m_parser(context.config.maxStanzaSize), m_peerAddress(socket->peerAddress()),
      m_rateTokens(context.config.stanzaBurst)
{
    // Bounded read buffer: a client that outpaces the rate limit is held back by TCP.
    socket->setReadBufferSize(qMax<qint64>(64 * 1024, context.config.maxStanzaSize));
    m_rateClock.start();
    connect(&m_channel, &TlsChannel::readyRead, this, &C2SSession::onReadyRead);
    connect(&m_channel, &TlsChannel::disconnected, this, &C2SSession::onDisconnected);
    connect(&m_channel, &TlsChannel::encrypted, this, [this] {
        qCDebug(lcTls) << m_peerAddress << "TLS established" << m_channel.cipherName();
        m_parser.reset();
        m_headerSent = false;
    });
    connect(&m_channel, &TlsChannel::errorOccurred, this, [this](const QString &message) {
        qCDebug(lcStream) << m_peerAddress << "connection error" << message;
    });
    m_idleTimer.start(context.config.authTimeoutSeconds * 1000, this);
}

C2SSession::~C2SSession() = default;

void C2SSession::setPresence(const Stanza &presence, bool available, int priority)
{
    m_presence = presence;
    m_available = available;
    m_priority = priority;
}

void C2SSession::timerEvent(QTimerEvent *event)
{
    if (event->timerId() == m_idleTimer.timerId()) {
        m_idleTimer.stop();
        onIdle();
    } else if (event->timerId() == m_pingTimer.timerId()) {
        m_pingTimer.stop();
        closeWithError(u"connection-timeout"_s, u"No answer to ping"_s);
    } else {
        QObject::timerEvent(event);
    }
}

void C2SSession::onReadyRead()
{
    if (m_closing)
        return;
    if (m_bound)
        m_idleTimer.start(m_context.config.idleTimeoutSeconds * 1000, this);
    m_pingTimer.stop();
    processEvents();
}

void C2SSession::processEvents()
{
    while (!m_closing && !m_paused) {
        switch (m_parser.next()) {
        case XmlStreamParser::Event::NeedMoreData:
            // Read only while not paused: what stays unread fills the bounded socket buffer,
            // and TCP then holds back a client that outpaces the limits.
            if (const QByteArray data = m_channel.read(); !data.isEmpty())
                m_parser.feed(data);
            else
                return;
            break;
        case XmlStreamParser::Event::StreamOpened:
            openStream();
            break;
        case XmlStreamParser::Event::Element:
            handleElement(m_parser.element());
            break;
        case XmlStreamParser::Event::StreamClosed:
            close();
            return;
        case XmlStreamParser::Event::Error:
            qCInfo(lcStream) << m_peerAddress << "stream error" << m_parser.errorCondition()
                             << m_parser.errorText();
            closeWithError(m_parser.errorCondition(), m_parser.errorText());
            return;
        }
    }
}

void C2SSession::openStream()
{
    m_streamId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QByteArray header = "<?xml version='1.0'?>";
    header +=
        u"<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'"
        " id='%1' from='%2' version='1.0' xml:lang='en'>"_s
            .arg(m_streamId, escaped(m_context.config.domain))
            .toUtf8();
    sendRaw(header);
    m_headerSent = true;
    const auto attributes = m_parser.streamAttributes();
    if (m_parser.defaultNamespace() != ClientNs)
        return closeWithError(u"invalid-namespace"_s, u"Only jabber:client streams are served"_s);
    const auto to = Jid::parse(attributes.value(u"to"_s));
    if (!to || to->domain() != m_context.config.domain)
        return closeWithError(u"host-unknown"_s,
                              u"This server serves %1"_s.arg(m_context.config.domain));
    if (attributes.value(u"version"_s).toString().section(u'.', 0, 0).toInt() < 1)
        return closeWithError(u"unsupported-version"_s, u"XMPP 1.0 is required"_s);
    sendFeatures();
}

void C2SSession::sendFeatures()
{
    QByteArray features = "<stream:features>";
    if (!isEncrypted()) {
        features += "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'>";
        if (m_context.config.tlsRequired)
            features += "<required/>";
        features += "</starttls>";
    }
    if (!isAuthenticated() && (isEncrypted() || !m_context.config.tlsRequired)) {
        features += "<mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>";
        for (const QString &mechanism : SaslNegotiator::mechanisms(isEncrypted()))
            features += "<mechanism>" + mechanism.toUtf8() + "</mechanism>";
        features += "</mechanisms>";
        if (m_context.config.registrationPolicy == RegistrationPolicy::Open)
            features += "<register xmlns='http://jabber.org/features/iq-register'/>";
    }
    if (isAuthenticated()) {
        features += "<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/>";
        features += "<session xmlns='urn:ietf:params:xml:ns:xmpp-session'><optional/></session>";
        features += "<ver xmlns='urn:xmpp:features:rosterver'/>"; // XEP-0237, RosterModule
    }
    features += "</stream:features>";
    sendRaw(features);
}

void C2SSession::handleElement(const QDomElement &element)
{
    const QString ns = element.namespaceURI();
    if (ns == TlsNs && element.localName() == u"starttls"_s)
        return handleStartTls();
    if (!isEncrypted() && m_context.config.tlsRequired)
        return closeWithError(u"policy-violation"_s, u"STARTTLS is required"_s);
    if (ns == SaslNs)
        return handleSasl(element);
    if (ns != ClientNs)
        return closeWithError(u"unsupported-stanza-type"_s, element.tagName());

    Stanza stanza(element);
    if (stanza.kind() == Stanza::Kind::Other)
        return closeWithError(u"unsupported-stanza-type"_s, element.tagName());
    if (!isAuthenticated()) {
        if (!m_context.router.routeUnauthenticated(stanza, this))
            closeWithError(u"not-authorized"_s, u"Authenticate first"_s);
        return;
    }
    if (!m_bound) {
        if (stanza.kind() == Stanza::Kind::Iq && stanza.type() == u"set"_s &&
            stanza.payloadNamespace() == BindNs)
            return handleBind(stanza);
        return closeWithError(u"not-authorized"_s, u"Bind a resource first"_s);
    }
    handleStanza(stanza);
}

void C2SSession::handleStartTls()
{
    if (isEncrypted())
        return closeWithError(u"policy-violation"_s, u"TLS is already established"_s);
    sendRaw("<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
    m_channel.startServerHandshake(m_tls);
}

void C2SSession::handleSasl(const QDomElement &element)
{
    if (isAuthenticated())
        return closeWithError(u"policy-violation"_s, u"Already authenticated"_s);
    const QString name = element.localName();
    if (name == u"abort"_s) {
        m_sasl.reset();
        sendRaw("<failure xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><aborted/></failure>");
        return;
    }
    const QString text = element.text().trimmed();
    const auto decoded =
        QByteArray::fromBase64Encoding(text.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded && text != u"="_s)
        return finishSasl(u"incorrect-encoding"_s, 0);
    const QByteArray data = text == u"="_s ? QByteArray() : *decoded;

    SaslNegotiator::Step step;
    if (name == u"auth"_s) {
        m_sasl = std::make_unique<SaslNegotiator>(m_context.accounts, m_context.config.domain,
                                                  isEncrypted());
        step = m_sasl->start(element.attribute(u"mechanism"_s), data);
    } else if (name == u"response"_s && m_sasl) {
        step = m_sasl->respond(data);
    } else {
        return closeWithError(u"unsupported-stanza-type"_s, element.tagName());
    }

    switch (step.kind) {
    case SaslNegotiator::Step::Kind::Challenge:
        sendRaw("<challenge xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>" + step.data.toBase64() +
                "</challenge>");
        return;
    case SaslNegotiator::Step::Kind::Success: {
        m_username = m_sasl->username();
        m_sasl.reset();
        m_jid = Jid::parse(m_username + u'@' + m_context.config.domain).value_or(Jid());
        m_context.loginThrottle.recordSuccess(m_peerAddress, m_username);
        qCInfo(lcAuth) << m_peerAddress << "authenticated" << m_jid.toString();
        sendRaw("<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>" +
                (step.data.isEmpty() ? QByteArray() : step.data.toBase64()) + "</success>");
        m_parser.reset();
        m_headerSent = false;
        return;
    }
    case SaslNegotiator::Step::Kind::Failure: {
        const QString username = m_sasl ? m_sasl->username() : QString();
        m_sasl.reset();
        qCInfo(lcAuth) << m_peerAddress << "authentication failed for" << username << step.reason;
        finishSasl(step.condition, m_context.loginThrottle.recordFailure(m_peerAddress, username));
        return;
    }
    }
}

void C2SSession::finishSasl(const QString &failureCondition, int delayMs)
{
    // Delay the answer, and stop reading meanwhile, so guessing gets slower with each miss.
    m_paused = true;
    QTimer::singleShot(delayMs, this, [this, failureCondition] {
        m_paused = false;
        sendRaw(u"<failure xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><%1/></failure>"_s
                    .arg(failureCondition)
                    .toUtf8());
        if (++m_failedAuths >= MaxFailedAuths)
            return closeWithError(u"policy-violation"_s,
                                  u"Too many failed authentication attempts"_s);
        processEvents();
    });
}

void C2SSession::handleBind(const Stanza &iq)
{
    QString resource = iq.payload().firstChildElement(u"resource"_s).text().trimmed();
    if (resource.isEmpty())
        resource = QUuid::createUuid().toString(QUuid::Id128).left(12);
    const auto full = Jid::parse(m_jid.bareString() + u'/' + resource);
    if (!full) {
        send(iq.errorReply(u"modify"_s, u"bad-request"_s, u"Invalid resource"_s));
        return;
    }
    m_jid = *full;
    m_bound = true;
    m_context.router.bind(this);
    Stanza result = iq.iqResult();
    result.element().removeAttribute(u"to"_s);
    QDomDocument document = result.element().ownerDocument();
    QDomElement bind = document.createElementNS(BindNs, u"bind"_s);
    QDomElement jid = document.createElementNS(BindNs, u"jid"_s);
    jid.appendChild(document.createTextNode(m_jid.toString()));
    bind.appendChild(jid);
    result.element().appendChild(bind);
    send(result);
    m_idleTimer.start(m_context.config.idleTimeoutSeconds * 1000, this);
}

bool C2SSession::takeRateToken()
{
    const double elapsed = m_rateClock.restart() / 1000.0;
    m_rateTokens = qMin<double>(m_context.config.stanzaBurst,
                                m_rateTokens + elapsed * m_context.config.stanzasPerSecond);
    if (m_rateTokens < 1.0)
        return false;
    m_rateTokens -= 1.0;
    return true;
}

void C2SSession::handleStanza(Stanza stanza)
{
    if (!takeRateToken()) {
        // Over the rate: hold this stanza back and stop reading until a token is earned.
        m_paused = true;
        const int waitMs =
            int((1.0 - m_rateTokens) * 1000.0 / m_context.config.stanzasPerSecond) + 1;
        QTimer::singleShot(waitMs, this, [this, stanza] {
            m_paused = false;
            handleStanza(stanza);
            processEvents();
        });
        return;
    }
    if (stanza.kind() == Stanza::Kind::Iq && stanza.type() == u"set"_s &&
        stanza.payloadNamespace() == SessionNs) {
        send(stanza.iqResult());
        return;
    }
    if (stanza.kind() == Stanza::Kind::Iq && !m_pingId.isEmpty() && stanza.id() == m_pingId &&
        (stanza.type() == u"result"_s || stanza.type() == u"error"_s)) {
        m_pingId.clear();
        return;
    }
    if (!stanza.hasValidTo()) {
        stanza.element().removeAttribute(u"to"_s);
        stanza.setFrom(m_jid);
        if (stanza.type() != u"error"_s)
            send(stanza.errorReply(u"modify"_s, u"jid-malformed"_s));
        return;
    }
    stanza.setFrom(m_jid); // never trust a client's `from`
    if (stanza.kind() == Stanza::Kind::Message && stanza.to().isNull())
        stanza.setTo(m_jid.bare());
    m_context.router.route(stanza, this);
}

void C2SSession::send(const Stanza &stanza)
{
    sendRaw(stanza.toXml());
}

void C2SSession::sendSerialized(const QByteArray &xml)
{
    sendRaw(xml);
}

void C2SSession::sendRaw(const QByteArray &data)
{
    m_channel.write(data);
}

void C2SSession::closeWithError(const QString &condition, const QString &text)
{
    if (m_closing)
        return;
    QByteArray data;
    if (!m_headerSent)
        data += "<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
                "xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>";
    data += u"<stream:error><%1 xmlns='%2'/>"_s.arg(condition, StreamErrorNs).toUtf8();
    if (!text.isEmpty())
        data += u"<text xmlns='%1' xml:lang='en'>%2</text>"_s.arg(StreamErrorNs, escaped(text))
                    .toUtf8();
    data += "</stream:error>";
    sendRaw(data);
    m_headerSent = true;
    close(); // sends the one </stream:stream>
}

void C2SSession::close()
{
    if (m_closing)
        return;
    m_closing = true;
    if (!m_headerSent)
        sendRaw("<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
                "xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>");
    sendRaw("</stream:stream>");
    m_idleTimer.stop();
    m_pingTimer.stop();
    if (m_bound) {
        m_bound = false;
        m_context.router.unbind(this);
    }
    m_channel.disconnectFromHost();
    // A peer that never closes its side is cut off after a grace period.
    QTimer::singleShot(5000, this, [this] { m_channel.abort(); });
    if (m_channel.isClosed())
        onDisconnected();
}

void C2SSession::onIdle()
{
    if (!m_bound)
        return closeWithError(u"connection-timeout"_s, u"Authentication took too long"_s);
    m_pingId = u"ping-"_s + QUuid::createUuid().toString(QUuid::Id128).left(8);
    sendRaw(u"<iq type='get' id='%1' from='%2' to='%3'><ping xmlns='urn:xmpp:ping'/></iq>"_s
                .arg(m_pingId, escaped(m_context.config.domain), escaped(m_jid.toString()))
                .toUtf8());
    m_pingTimer.start(m_context.config.pingTimeoutSeconds * 1000, this);
}

void C2SSession::onDisconnected()
{
    if (m_finished)
        return;
    m_finished = true;
    if (m_bound) {
        m_bound = false;
        m_context.router.unbind(this);
    }
    m_closing = true;
    m_idleTimer.stop();
    m_pingTimer.stop();
    Q_EMIT closed(this);
}

} // namespace flint

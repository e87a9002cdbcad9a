#include "Proxy65Module.h"

#include "common/Logging.h"
#include "server/C2SSession.h"

#include <QCryptographicHash>
#include <QXmppByteStreamIq.h>

using namespace Qt::StringLiterals;

namespace flint {
namespace {

const QString ByteStreamsNs = u"http://jabber.org/protocol/bytestreams"_s;

QHostAddress listenAddress(const ServerConfig &config)
{
    if (!config.proxy65.address.isNull())
        return config.proxy65.address;
    return config.listen.isEmpty() ? QHostAddress(QHostAddress::Any)
                                   : config.listen.first().address;
}

bool isWildcard(const QHostAddress &address)
{
    return address == QHostAddress::Any || address == QHostAddress::AnyIPv4 ||
           address == QHostAddress::AnyIPv6;
}

} // namespace

Proxy65Module::Proxy65Module(ServerContext &context)
    : ServerModule(context), m_domain(u"proxy."_s + context.config.domain),
      m_address(listenAddress(context.config)),
      m_relay(context.config.proxy65.maxStreams, context.config.proxy65.idleTimeoutSeconds,
              context.config.proxy65.maxBytesPerSecondPerUser)
{
    context.addService(
        {m_domain, u"File transfer proxy"_s, u"proxy"_s, u"bytestreams"_s, {ByteStreamsNs}});
    const QString event = u"/service/"_s + m_domain + u'/' + ByteStreamsNs;
    context.router.addHandler(u"iq-get"_s + event, [this](const StanzaEvent &event) {
        answerStreamHost(event);
        return true;
    });
    context.router.addHandler(u"iq-set"_s + event, [this](const StanzaEvent &event) {
        activate(event);
        return true;
    });
}

bool Proxy65Module::start(QString *error)
{
    const quint16 port = m_context.config.proxy65.port;
    if (!m_relay.listen(m_address, port)) {
        *error = tr("cannot listen for the bytestreams proxy on %1 port %2: %3")
                     .arg(m_address.toString())
                     .arg(port)
                     .arg(m_relay.errorString());
        return false;
    }
    qCInfo(lcProxy65) << "bytestreams proxy" << m_domain << "on" << m_address.toString()
                      << m_relay.port();
    return true;
}

void Proxy65Module::answerStreamHost(const StanzaEvent &event)
{
    if (!event.stanza.to().isDomain()) {
        m_context.router.bounce(event.stanza, u"cancel"_s, u"service-unavailable"_s);
        return;
    }
    QXmppByteStreamIq::StreamHost host;
    host.setJid(m_domain);
    // Behind a wildcard address, the domain name is the one address every client can resolve.
    host.setHost(isWildcard(m_address) ? m_context.config.domain : m_address.toString());
    host.setPort(m_relay.port());

    QXmppByteStreamIq reply;
    reply.setType(QXmppIq::Result);
    reply.setId(event.stanza.id());
    reply.setTo(event.stanza.from().toString());
    reply.setFrom(m_domain);
    reply.setStreamHosts({host});
    m_context.router.sendTo(event.origin, Stanza::fromQXmpp(reply));
}

void Proxy65Module::activate(const StanzaEvent &event)
{
    const auto request = event.stanza.as<QXmppByteStreamIq>();
    const auto target = Jid::parse(request.activate());
    if (!event.stanza.to().isDomain() || request.sid().isEmpty() || !target || target->isBare()) {
        m_context.router.bounce(event.stanza, u"modify"_s, u"bad-request"_s);
        return;
    }
    // The stream's address names its initiator: only that user (from is server-stamped) can
    // start the relay.
    const QByteArray hash =
        QCryptographicHash::hash(
            (request.sid() + event.stanza.from().toString() + target->toString()).toUtf8(),
            QCryptographicHash::Sha1)
            .toHex();
    switch (m_relay.activate(hash, event.stanza.from().bareString())) {
    case Socks5Relay::Activation::Activated:
        qCInfo(lcProxy65) << event.stanza.from().toString() << "activated a bytestream to"
                          << target->toString();
        m_context.router.sendTo(event.origin, event.stanza.iqResult());
        return;
    case Socks5Relay::Activation::UnknownStream:
        m_context.router.bounce(event.stanza, u"cancel"_s, u"item-not-found"_s,
                                u"No such bytestream from this sender."_s);
        return;
    case Socks5Relay::Activation::NotReady:
        m_context.router.bounce(event.stanza, u"cancel"_s, u"not-allowed"_s,
                                u"Both parties must be connected, and only once activated."_s);
        return;
    }
}

} // namespace flint

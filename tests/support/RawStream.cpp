#include "RawStream.h"

#include "TestServer.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace flint::test {

RawStream::RawStream(quint16 port, const QString &domain) : m_port(port), m_domain(domain)
{
    QObject::connect(&m_socket, &QSslSocket::readyRead, &m_socket,
                     [this] { m_received += m_socket.readAll(); });
    QObject::connect(&m_socket, &QSslSocket::sslErrors, &m_socket,
                     [this](const QList<QSslError> &) { m_socket.ignoreSslErrors(); });
}

bool RawStream::connectToServer(int timeoutMs)
{
    m_socket.connectToHost(QHostAddress::LocalHost, m_port);
    return waitFor([this] { return m_socket.state() == QAbstractSocket::ConnectedState; },
                   timeoutMs);
}

void RawStream::send(const QByteArray &data)
{
    m_socket.write(data);
    m_socket.flush();
}

void RawStream::openStream()
{
    send(u"<?xml version='1.0'?><stream:stream to='%1' xmlns='jabber:client' "
         "xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>"_s.arg(m_domain)
             .toUtf8());
}

bool RawStream::waitForText(const QByteArray &needle, int timeoutMs)
{
    return waitFor([&] { return m_received.contains(needle); }, timeoutMs);
}

bool RawStream::waitForDisconnected(int timeoutMs)
{
    return waitFor([this] { return m_socket.state() == QAbstractSocket::UnconnectedState; },
                   timeoutMs);
}

bool RawStream::startTls()
{
    openStream();
    if (!waitForText("</stream:features>"))
        return false;
    send("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
    if (!waitForText("<proceed"))
        return false;
    m_received.clear();
    m_socket.startClientEncryption();
    return waitFor([this] { return m_socket.isEncrypted(); }, 5000);
}

bool RawStream::authenticate(const QString &user, const QString &password)
{
    if (!startTls())
        return false;
    openStream();
    if (!waitForText("</stream:features>"))
        return false;
    const QByteArray plain = QByteArray(1, '\0') + user.toUtf8() + '\0' + password.toUtf8();
    m_received.clear();
    send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" + plain.toBase64() +
         "</auth>");
    if (!waitFor(
            [this] { return m_received.contains("<success") || m_received.contains("<failure"); }))
        return false;
    if (!m_received.contains("<success"))
        return false;
    m_received.clear();
    openStream();
    return waitForText("</stream:features>");
}

bool RawStream::login(const QString &user, const QString &password, const QString &resource)
{
    if (!authenticate(user, password))
        return false;
    m_received.clear();
    send(
        u"<iq type='set' id='bind1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>%1</resource></bind></iq>"_s
            .arg(resource)
            .toUtf8());
    if (!waitForText("</jid>"))
        return false;
    const auto match =
        QRegularExpression(u"<jid>([^<]+)</jid>"_s).match(QString::fromUtf8(m_received));
    m_jid = match.captured(1);
    m_received.clear();
    return !m_jid.isEmpty();
}

} // namespace flint::test

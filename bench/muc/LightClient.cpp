#include "LightClient.h"

#include <QDeadlineTimer>

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace flint::bench {
namespace {

constexpr int StepTimeoutMs = 30000;
constexpr qsizetype ReadSize = 64 * 1024;

// An attribute as either quote style writes it: name='value' or name="value".
bool hasAttribute(QByteArrayView text, QByteArrayView name, QByteArrayView value)
{
    const QByteArray single = name.toByteArray() + "='" + value.toByteArray() + '\'';
    const QByteArray twin = name.toByteArray() + "=\"" + value.toByteArray() + '"';
    return text.contains(single) || text.contains(twin);
}

QString sslError(const char *step)
{
    char text[256] = {};
    ERR_error_string_n(ERR_get_error(), text, sizeof text);
    return QString::fromLatin1(step) + u": "_s + QString::fromLatin1(text);
}

} // namespace

LightClient::LightClient(SSL_CTX *context) : m_context(context) {}

LightClient::~LightClient()
{
    if (m_ssl)
        SSL_free(m_ssl);
    if (m_socket >= 0)
        ::close(m_socket);
}

bool LightClient::writeAll(const QByteArray &data)
{
    if (m_ssl)
        return SSL_write(m_ssl, data.constData(), int(data.size())) == int(data.size());
    qsizetype written = 0;
    while (written < data.size()) {
        const ssize_t n = ::send(m_socket, data.constData() + written,
                                 size_t(data.size() - written), MSG_NOSIGNAL);
        if (n <= 0)
            return false;
        written += n;
    }
    return true;
}

bool LightClient::readSome()
{
    if (!m_ssl || SSL_pending(m_ssl) == 0) {
        pollfd descriptor{m_socket, POLLIN, 0};
        if (::poll(&descriptor, 1, StepTimeoutMs) <= 0)
            return false;
    }
    const qsizetype size = m_inbox.size();
    m_inbox.resize(size + ReadSize);
    const auto n = m_ssl ? qsizetype(SSL_read(m_ssl, m_inbox.data() + size, int(ReadSize)))
                         : qsizetype(::recv(m_socket, m_inbox.data() + size, size_t(ReadSize), 0));
    m_inbox.resize(size + qMax<qsizetype>(n, 0));
    return n > 0;
}

int LightClient::waitForAny(std::initializer_list<QByteArrayView> needles)
{
    const QDeadlineTimer deadline(StepTimeoutMs);
    while (!deadline.hasExpired()) {
        int index = 0;
        for (const QByteArrayView needle : needles) {
            if (m_inbox.contains(needle))
                return index;
            ++index;
        }
        if (!readSome())
            return -1;
    }
    return -1;
}

QString LightClient::openStream(const QByteArray &domain, QByteArray *features)
{
    m_inbox.clear();
    if (!writeAll("<?xml version='1.0'?><stream:stream to='" + domain +
                  "' version='1.0' xmlns='jabber:client' "
                  "xmlns:stream='http://etherx.jabber.org/streams'>"))
        return u"could not send the stream header"_s;
    if (waitForAny({"</stream:features>"}) < 0)
        return u"no stream features"_s;
    *features = m_inbox;
    m_inbox.clear();
    return {};
}

QString LightClient::logIn(const QByteArray &host, quint16 port, const QByteArray &domain,
                           const QByteArray &user, const QByteArray &password)
{
    m_socket = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    if (m_socket < 0 || ::inet_pton(AF_INET, host.constData(), &address.sin_addr) != 1 ||
        ::connect(m_socket, reinterpret_cast<const sockaddr *>(&address), sizeof address) != 0)
        return u"cannot connect: "_s + QString::fromLocal8Bit(strerror(errno));
    // Stanzas are small and each one is timed: no Nagle delay on either side's writes.
    const int one = 1;
    ::setsockopt(m_socket, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);

    QByteArray features;
    if (QString error = openStream(domain, &features); !error.isEmpty())
        return error;
    if (!features.contains("urn:ietf:params:xml:ns:xmpp-tls"))
        return u"no STARTTLS offered"_s;
    if (!writeAll("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>") ||
        waitForAny({"<proceed"}) < 0)
        return u"STARTTLS refused"_s;
    m_ssl = SSL_new(m_context);
    SSL_set_fd(m_ssl, m_socket);
    SSL_set_tlsext_host_name(m_ssl, domain.constData());
    if (SSL_connect(m_ssl) != 1)
        return sslError("TLS handshake");

    if (QString error = openStream(domain, &features); !error.isEmpty())
        return error;
    if (!features.contains(">PLAIN<"))
        return u"SASL PLAIN not offered"_s;
    const QByteArray credentials = '\0' + user + '\0' + password;
    if (!writeAll("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" +
                  credentials.toBase64() + "</auth>"))
        return u"could not send the credentials"_s;
    if (waitForAny({"<success", "<failure"}) != 0)
        return u"authentication failed: "_s + QString::fromUtf8(m_inbox);

    if (QString error = openStream(domain, &features); !error.isEmpty())
        return error;
    if (!writeAll("<iq type='set' id='bind1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
                  "<resource>bench</resource></bind></iq>") ||
        waitForAny({"</iq>"}) < 0 || !hasAttribute(m_inbox, "type", "result"))
        return u"resource binding failed: "_s + QString::fromUtf8(m_inbox);
    m_inbox.clear();
    if (features.contains("urn:ietf:params:xml:ns:xmpp-session") &&
        !features.contains("<optional")) {
        if (!writeAll("<iq type='set' id='session1'>"
                      "<session xmlns='urn:ietf:params:xml:ns:xmpp-session'/></iq>") ||
            waitForAny({"session1"}) < 0)
            return u"session establishment failed"_s;
        m_inbox.clear();
    }
    return {};
}

QString LightClient::joinRoom(const QByteArray &occupantJid, bool *created)
{
    if (!writeAll("<presence to='" + occupantJid +
                  "'><x xmlns='http://jabber.org/protocol/muc'><history maxstanzas='0'/></x>"
                  "</presence>"))
        return u"could not send the join presence"_s;
    const int found = waitForAny({"code='110'", "code=\"110\"", "type='error'", "type=\"error\""});
    if (found < 0 || found > 1)
        return u"join failed: "_s + QString::fromUtf8(m_inbox.right(600));
    *created = hasAttribute(m_inbox, "code", "201");
    // Other occupants' presences are dropped by readAvailable(), which looks for messages only.
    return {};
}

QString LightClient::unlockRoom(const QByteArray &roomJid)
{
    if (!writeAll("<iq type='set' id='unlock1' to='" + roomJid +
                  "'><query xmlns='http://jabber.org/protocol/muc#owner'>"
                  "<x xmlns='jabber:x:data' type='submit'/></query></iq>"))
        return u"could not send the room configuration"_s;
    if (waitForAny({"unlock1"}) < 0)
        return u"no answer to the room configuration"_s;
    const qsizetype start = m_inbox.lastIndexOf("<iq", m_inbox.indexOf("unlock1"));
    while (!m_inbox.mid(start).contains("</iq>") && !m_inbox.mid(start).contains("/>"))
        if (!readSome())
            return u"incomplete answer to the room configuration"_s;
    if (hasAttribute(m_inbox.mid(start), "type", "error"))
        return u"room configuration refused: "_s + QString::fromUtf8(m_inbox.mid(start));
    return {};
}

bool LightClient::setNonBlocking()
{
    const int flags = ::fcntl(m_socket, F_GETFL, 0);
    return flags >= 0 && ::fcntl(m_socket, F_SETFL, flags | O_NONBLOCK) == 0;
}

bool LightClient::readAvailable(const std::function<void(QByteArrayView body)> &onBody)
{
    bool open = true;
    for (;;) {
        const qsizetype size = m_inbox.size();
        m_inbox.resize(size + ReadSize);
        const int n = SSL_read(m_ssl, m_inbox.data() + size, int(ReadSize));
        m_inbox.resize(size + qMax(n, 0));
        if (n > 0)
            continue;
        const int error = SSL_get_error(m_ssl, n);
        open = error == SSL_ERROR_WANT_READ || error == SSL_ERROR_WANT_WRITE;
        break;
    }
    constexpr QByteArrayView MessageEnd = "</message>";
    constexpr QByteArrayView BodyStart = "<body>";
    qsizetype consumed = 0;
    for (qsizetype end = m_inbox.indexOf(MessageEnd); end >= 0;
         end = m_inbox.indexOf(MessageEnd, consumed)) {
        const QByteArrayView stanza = QByteArrayView(m_inbox).sliced(consumed, end - consumed);
        if (const qsizetype body = stanza.lastIndexOf(BodyStart); body >= 0) {
            const QByteArrayView text = stanza.sliced(body + BodyStart.size());
            onBody(text.first(qMax<qsizetype>(0, text.indexOf('<'))));
        }
        consumed = end + MessageEnd.size();
    }
    // Presences between messages are complete stanzas nobody needs.
    const qsizetype presenceEnd = m_inbox.lastIndexOf("</presence>");
    if (presenceEnd >= consumed)
        consumed = presenceEnd + qsizetype(sizeof "</presence>" - 1);
    m_inbox.remove(0, consumed);
    return open;
}

bool LightClient::send(const QByteArray &data)
{
    m_outbox += data;
    return flush();
}

bool LightClient::flush()
{
    while (wantsWrite()) {
        if (m_pending.isEmpty())
            m_pending.swap(m_outbox);
        const int n = SSL_write(m_ssl, m_pending.constData(), int(m_pending.size()));
        if (n > 0) {
            m_pending.clear();
            continue;
        }
        const int error = SSL_get_error(m_ssl, n);
        return error == SSL_ERROR_WANT_WRITE || error == SSL_ERROR_WANT_READ;
    }
    return true;
}

} // namespace flint::bench

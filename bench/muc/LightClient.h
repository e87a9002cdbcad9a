// A cheap XMPP client for the room fan-out benchmark: one TCP socket with OpenSSL on top and no
// XML parser. It logs in and joins the room step by step with blocking reads, then runs
// non-blocking under the benchmark's epoll loop, where it only finds the end of each message
// stanza and hands on the text of its body, so that the server is what the benchmark measures.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <functional>

using SSL = struct ssl_st;
using SSL_CTX = struct ssl_ctx_st;

namespace flint::bench {

class LightClient {
public:
    explicit LightClient(SSL_CTX *context);
    ~LightClient();

    // Blocking, each returns an error text or an empty string. logIn: TCP connect, STARTTLS,
    // SASL PLAIN, resource binding (and a session if the server offers one).
    QString logIn(const QByteArray &host, quint16 port, const QByteArray &domain,
                  const QByteArray &user, const QByteArray &password);
    // Enters the room as `nick` without history and waits for the own presence (status 110);
    // `created` tells whether the room was new (status 201).
    QString joinRoom(const QByteArray &occupantJid, bool *created);
    // Accepts the default configuration of a room this client just created (an instant room).
    QString unlockRoom(const QByteArray &roomJid);

    // Switches to non-blocking I/O for the epoll loop.
    bool setNonBlocking();
    int socketDescriptor() const { return m_socket; }

    // Reads what the socket has and calls `onBody` with the body of every complete message
    // stanza; everything else is dropped. Returns false once the stream is closed or broken.
    bool readAvailable(const std::function<void(QByteArrayView body)> &onBody);
    // Queues `data` and writes what the socket takes; wantsWrite() tells whether some waits.
    bool send(const QByteArray &data);
    bool flush();
    bool wantsWrite() const { return !m_pending.isEmpty() || !m_outbox.isEmpty(); }

    LightClient(const LightClient &) = delete;
    LightClient &operator=(const LightClient &) = delete;

private:
    bool writeAll(const QByteArray &data);
    bool readSome();
    // Reads until the inbox contains one of `needles`; returns its index, or -1 on a timeout or
    // a closed stream.
    int waitForAny(std::initializer_list<QByteArrayView> needles);
    QString openStream(const QByteArray &domain, QByteArray *features);

    SSL_CTX *m_context;
    SSL *m_ssl = nullptr;
    int m_socket = -1;
    QByteArray m_inbox;
    QByteArray m_pending; // handed to SSL_write, which wants the same bytes again on a retry
    QByteArray m_outbox;
};

} // namespace flint::bench

// The server's TLS settings: one OpenSSL context with the certificate, chain and key, shared by
// every connection so that none of them loads or parses the certificate again.
#pragma once

#include <QString>

#include <openssl/types.h>

#include <memory>

namespace flint {

struct CertificateBundle;

class TlsContext {
public:
    // Null, with `error` set, when OpenSSL refuses the bundle.
    static std::unique_ptr<TlsContext> create(const CertificateBundle &bundle, QString *error);
    ~TlsContext();
    TlsContext(const TlsContext &) = delete;
    TlsContext &operator=(const TlsContext &) = delete;

    // A new server-side connection state, or null when OpenSSL cannot allocate one.
    SSL *newConnection() const;

private:
    explicit TlsContext(SSL_CTX *context) : m_context(context) {}

    SSL_CTX *m_context;
};

} // namespace flint

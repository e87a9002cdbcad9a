#include "TlsContext.h"

#include "common/Certificates.h"

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

using namespace Qt::StringLiterals;

namespace flint {
namespace {

// TLS 1.2 sessions a reconnecting client may resume; TLS 1.3 tickets need no server memory.
constexpr long SessionCacheSize = 1024;
constexpr unsigned char SessionIdContext[] = "flint-c2s";

struct SslCtxDeleter {
    void operator()(SSL_CTX *context) const { SSL_CTX_free(context); }
};
struct X509Deleter {
    void operator()(X509 *certificate) const { X509_free(certificate); }
};
struct PkeyDeleter {
    void operator()(EVP_PKEY *key) const { EVP_PKEY_free(key); }
};
struct BioDeleter {
    void operator()(BIO *bio) const { BIO_free(bio); }
};

std::unique_ptr<X509, X509Deleter> toX509(const QSslCertificate &certificate)
{
    const QByteArray der = certificate.toDer();
    const auto *data = reinterpret_cast<const unsigned char *>(der.constData());
    return std::unique_ptr<X509, X509Deleter>(d2i_X509(nullptr, &data, long(der.size())));
}

std::unique_ptr<EVP_PKEY, PkeyDeleter> toPkey(const QSslKey &key)
{
    const QByteArray pem = key.toPem();
    std::unique_ptr<BIO, BioDeleter> bio(BIO_new_mem_buf(pem.constData(), int(pem.size())));
    return std::unique_ptr<EVP_PKEY, PkeyDeleter>(
        bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr) : nullptr);
}

} // namespace

std::unique_ptr<TlsContext> TlsContext::create(const CertificateBundle &bundle, QString *error)
{
    ERR_clear_error();
    std::unique_ptr<SSL_CTX, SslCtxDeleter> context(SSL_CTX_new(TLS_server_method()));
    const auto fail = [error](const QString &what) {
        *error = u"%1: %2"_s.arg(what, takeOpenSslError());
        return nullptr;
    };
    if (!context)
        return fail(u"cannot create the TLS context"_s);
    SSL_CTX_set_min_proto_version(context.get(), TLS1_2_VERSION);
    SSL_CTX_set_options(context.get(), SSL_OP_NO_RENEGOTIATION | SSL_OP_CIPHER_SERVER_PREFERENCE);
    // Idle connections then hold no record buffers: OpenSSL frees them once they are empty.
    SSL_CTX_set_mode(context.get(), SSL_MODE_RELEASE_BUFFERS);
    SSL_CTX_sess_set_cache_size(context.get(), SessionCacheSize);
    SSL_CTX_set_session_id_context(context.get(), SessionIdContext, sizeof SessionIdContext - 1);

    const auto certificate = toX509(bundle.certificate);
    if (!certificate || SSL_CTX_use_certificate(context.get(), certificate.get()) != 1)
        return fail(u"the TLS library refuses the certificate"_s);
    for (const QSslCertificate &intermediate : bundle.chain) {
        auto x509 = toX509(intermediate);
        if (!x509 || SSL_CTX_add0_chain_cert(context.get(), x509.get()) != 1)
            return fail(u"the TLS library refuses a chain certificate"_s);
        x509.release(); // now owned by the context
    }
    const auto key = toPkey(bundle.privateKey);
    if (!key || SSL_CTX_use_PrivateKey(context.get(), key.get()) != 1 ||
        SSL_CTX_check_private_key(context.get()) != 1)
        return fail(u"the TLS library refuses the private key"_s);
    return std::unique_ptr<TlsContext>(new TlsContext(context.release()));
}

TlsContext::~TlsContext()
{
    SSL_CTX_free(m_context);
}

SSL *TlsContext::newConnection() const
{
    return SSL_new(m_context);
}

} // namespace flint

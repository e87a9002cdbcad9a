// The HTTPS side of XEP-0363 file upload: one PUT per slot, then GETs (and HEADs) of the stored
// file, over HTTP/1.1 with keep-alive, on the server's certificate.
//
// Written here because Qt 6.4's QHttpServer keeps a whole request body in memory before any
// handler sees it and has no size limit until Qt 6.11: anyone reaching the port could make the
// server hold gigabytes. Here a request's head is at most 16 KiB, a PUT must state its
// Content-Length and is accepted or refused before a byte of its body is read, and bodies stream
// between the socket and the file through buffers of 256 KiB, both ways. Connections are counted
// and a connection that makes no progress for a while is closed.
#pragma once

#include <QHash>
#include <QHostAddress>
#include <QSslCertificate>
#include <QSslKey>
#include <QTcpServer>

#include <chrono>
#include <functional>
#include <memory>

class QFile;
class QSaveFile;

namespace flint {

class UploadHttpConnection;

class UploadHttpServer : public QTcpServer {
    Q_OBJECT
public:
    // A stored file as GET serves it.
    struct Download {
        std::unique_ptr<QFile> file; // open for reading
        QByteArray contentType;
        QByteArray contentDisposition;
    };
    // What the server asks the upload module; ids are the path's first segment after /upload/.
    struct Handler {
        // 0 when slot `id` takes a body of `length` bytes, else the HTTP status to refuse with.
        std::function<int(const QString &id, qint64 length)> checkPut;
        // Where the body of an accepted PUT goes (written through a temporary file).
        std::function<QString(const QString &id)> putPath;
        // The body is in `file`, not yet committed: the status to answer (201 once committed).
        std::function<int(const QString &id, QSaveFile &file)> finishPut;
        // The file of slot `id`, or a null file for 404.
        std::function<Download(const QString &id)> get;
    };

    explicit UploadHttpServer(Handler handler, QObject *parent = nullptr);
    ~UploadHttpServer() override;

    void setCertificate(const QSslCertificate &certificate, const QSslKey &key);
    // Connections beyond these many, in all or from one address, are closed as they come.
    void setMaxConnections(int connections) { m_maxConnections = connections; }
    void setMaxConnectionsPerAddress(int connections) { m_maxPerAddress = connections; }
    // A connection that makes no progress for this long is closed (30 s by default).
    void setIdleTimeout(std::chrono::milliseconds timeout) { m_idleTimeout = timeout; }

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    friend class UploadHttpConnection;

    Handler m_handler;
    QSslCertificate m_certificate;
    QSslKey m_key;
    int m_maxConnections = 256;
    int m_maxPerAddress = 20;
    std::chrono::milliseconds m_idleTimeout{30000};
    QList<UploadHttpConnection *> m_open;
    QHash<QHostAddress, int> m_perAddress;
};

} // namespace flint

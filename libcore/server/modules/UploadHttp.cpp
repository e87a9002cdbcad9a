#include "UploadHttp.h"

#include "common/Logging.h"

#include <QFile>
#include <QHash>
#include <QSaveFile>
#include <QSslSocket>
#include <QTimer>

#include <optional>
#include <utility>

using namespace Qt::StringLiterals;

namespace flint {
namespace {

constexpr qsizetype MaxHeadBytes = 16 * 1024;
constexpr qint64 StepBytes = 256 * 1024;
// After refusing a PUT whose body is coming, that much of it is read and dropped before the
// connection closes, so that the client reads the answer instead of a reset connection.
constexpr qint64 MaxDrainBytes = 8 * 1024 * 1024;
constexpr int DrainTimeoutMs = 2000;

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 100:
        return "Continue";
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 400:
        return "Bad Request";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 409:
        return "Conflict";
    case 411:
        return "Length Required";
    case 413:
        return "Payload Too Large";
    case 431:
        return "Request Header Fields Too Large";
    case 501:
        return "Not Implemented";
    case 505:
        return "HTTP Version Not Supported";
    case 507:
        return "Insufficient Storage";
    default:
        return "Internal Server Error";
    }
}

struct Request {
    QByteArray method;
    QByteArray target;
    QByteArray version;
    QHash<QByteArray, QByteArray> headers; // names in lower case
    QByteArray header(const QByteArray &name) const { return headers.value(name); }
};

// The request line and header fields (RFC 9112), or nullopt when they do not parse; repeated
// fields are refused, folded lines too.
std::optional<Request> parseHead(const QByteArray &head)
{
    const QList<QByteArray> lines = head.split('\n');
    const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
    if (requestLine.size() != 3 || requestLine[0].isEmpty() || !requestLine[1].startsWith('/'))
        return std::nullopt;
    Request request{requestLine[0], requestLine[1], requestLine[2], {}};
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray &line = lines[i];
        if (line.startsWith(' ') || line.startsWith('\t'))
            return std::nullopt;
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            return std::nullopt;
        const QByteArray name = line.left(colon).trimmed().toLower();
        if (name.isEmpty() || name.contains(' ') || request.headers.contains(name))
            return std::nullopt;
        request.headers.insert(name, line.mid(colon + 1).trimmed());
    }
    return request;
}

// The slot id of "/upload/<id>/<name>", or empty when the target has another shape.
QString slotIdOf(const QByteArray &target)
{
    const qsizetype query = target.indexOf('?');
    const QByteArray path = query < 0 ? target : target.left(query);
    if (!path.startsWith("/upload/"))
        return {};
    const QList<QByteArray> segments = path.mid(qstrlen("/upload/")).split('/');
    if (segments.size() != 2 || segments[0].isEmpty() || segments[1].isEmpty())
        return {};
    return QString::fromLatin1(segments[0]);
}

} // namespace

// One client connection: reads a request's head, then the body of a PUT into the slot's file, or
// sends a GET's file, then the next request on the same connection.
class UploadHttpConnection : public QObject {
public:
    UploadHttpConnection(UploadHttpServer &server, QSslSocket *socket)
        : QObject(&server), m_server(server), m_socket(socket), m_address(socket->peerAddress())
    {
        m_server.m_open.append(this);
        ++m_server.m_perAddress[m_address];
        m_socket->setParent(this);
        m_socket->setReadBufferSize(StepBytes);
        m_idle.setSingleShot(true);
        m_idle.setInterval(m_server.m_idleTimeout);
        connect(&m_idle, &QTimer::timeout, this, [this] {
            qCInfo(lcUpload) << "closing an idle HTTP connection from"
                             << m_socket->peerAddress().toString();
            m_socket->abort();
        });
        connect(m_socket, &QSslSocket::readyRead, this, &UploadHttpConnection::readMore);
        // Plain bytes become encrypted bytes at once; the latter wait for the network.
        const auto wrote = [this] {
            m_idle.start();
            if (m_download)
                sendMore();
        };
        connect(m_socket, &QSslSocket::bytesWritten, this, wrote);
        connect(m_socket, &QSslSocket::encryptedBytesWritten, this, wrote);
        connect(m_socket, &QSslSocket::disconnected, this, &QObject::deleteLater);
        connect(m_socket, &QSslSocket::errorOccurred, this, [this] {
            if (m_socket->state() != QAbstractSocket::ConnectedState)
                deleteLater();
        });
        connect(m_socket, &QSslSocket::sslErrors, m_socket,
                qOverload<>(&QSslSocket::ignoreSslErrors));
        m_idle.start();
    }
    ~UploadHttpConnection() override
    {
        m_server.m_open.removeOne(this);
        if (--m_server.m_perAddress[m_address] <= 0)
            m_server.m_perAddress.remove(m_address);
    }

private:
    enum class Phase { Head, Body, Sending, Draining, Closing };
    enum class Ending { KeepAlive, Close };

    void readMore()
    {
        m_idle.start();
        if (m_phase == Phase::Draining) {
            drain();
            return;
        }
        while (m_phase == Phase::Head || m_phase == Phase::Body) {
            const Phase before = m_phase;
            const qsizetype buffered = m_buffer.size();
            if (m_phase == Phase::Head)
                readHead();
            else
                readBody();
            // Nothing more to do until more bytes come.
            if (m_phase == before && m_buffer.size() == buffered && m_socket->bytesAvailable() == 0)
                return;
        }
    }

    void readHead()
    {
        if (m_buffer.size() < MaxHeadBytes)
            m_buffer += m_socket->read(MaxHeadBytes - m_buffer.size());
        const qsizetype end = m_buffer.indexOf("\r\n\r\n");
        if (end < 0) {
            if (m_buffer.size() >= MaxHeadBytes)
                respond(431, Ending::Close);
            return;
        }
        const QByteArray head = m_buffer.left(end);
        m_buffer.remove(0, end + 4);
        const std::optional<Request> request = parseHead(head);
        if (!request) {
            respond(400, Ending::Close);
            return;
        }
        handle(*request);
    }

    void handle(const Request &request)
    {
        if (request.version != "HTTP/1.1" && request.version != "HTTP/1.0") {
            respond(505, Ending::Close);
            return;
        }
        const QByteArray connection = request.header("connection").toLower();
        m_keepAlive =
            request.version == "HTTP/1.1" ? connection != "close" : connection == "keep-alive";
        if (request.headers.contains("transfer-encoding")) {
            // Chunked bodies are not taken: the length must be known before the body.
            respond(501, Ending::Close);
            return;
        }
        bool lengthOk = true;
        const QByteArray lengthField = request.header("content-length");
        const qint64 length = lengthField.isEmpty() ? -1 : lengthField.toLongLong(&lengthOk);
        if (!lengthOk || (!lengthField.isEmpty() && length < 0)) {
            respond(400, Ending::Close);
            return;
        }
        const QString id = slotIdOf(request.target);
        if (request.method == "PUT") {
            startPut(id, length, request.header("expect").toLower() == "100-continue");
        } else if (request.method == "GET" || request.method == "HEAD") {
            if (length > 0)
                respond(400, Ending::Close);
            else
                startGet(id, request.method == "HEAD");
        } else {
            respond(405, Ending::Close, "Allow: GET, HEAD, PUT\r\n");
        }
    }

    void startPut(const QString &id, qint64 length, bool expectsContinue)
    {
        if (length < 0) {
            respond(411, Ending::Close);
            return;
        }
        const int refusal = id.isEmpty() ? 404 : m_server.m_handler.checkPut(id, length);
        if (refusal != 0) {
            refuseBody(refusal, expectsContinue ? 0 : length);
            return;
        }
        m_uploadId = id;
        m_remaining = length;
        m_expectsContinue = expectsContinue;
        m_upload = std::make_unique<QSaveFile>(m_server.m_handler.putPath(id));
        if (!m_upload->open(QIODevice::WriteOnly)) {
            finishPut(id);
            return;
        }
        m_phase = Phase::Body;
        if (expectsContinue)
            m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
        if (m_remaining == 0)
            finishPut(id);
    }

    void readBody()
    {
        QByteArray chunk;
        if (!m_buffer.isEmpty()) {
            chunk = m_buffer.left(m_remaining);
            m_buffer.remove(0, chunk.size());
        } else {
            chunk = m_socket->read(qMin(m_remaining, StepBytes));
        }
        if (chunk.isEmpty())
            return;
        m_remaining -= chunk.size();
        if (m_upload->write(chunk) != chunk.size()) {
            finishPut(m_uploadId);
            return;
        }
        if (m_remaining == 0)
            finishPut(m_uploadId);
    }

    // The body is all written, or writing it failed (the file says which).
    void finishPut(const QString &id)
    {
        if (m_remaining == 0)
            m_upload->flush();
        const int status = m_server.m_handler.finishPut(id, *m_upload);
        m_upload.reset();
        if (m_remaining == 0)
            respond(status, Ending::KeepAlive);
        else // the rest of the body is not taken
            refuseBody(status, m_expectsContinue && m_phase != Phase::Body ? 0 : m_remaining);
    }

    // Answers a PUT without taking its body, then reads and drops up to `coming` bytes of it
    // (bounded in size and time) before closing.
    void refuseBody(int status, qint64 coming)
    {
        writeHead(status, Ending::Close, {}, 0);
        m_drainLeft = qMin(coming, MaxDrainBytes);
        if (m_drainLeft <= 0) {
            responseDone(Ending::Close);
            return;
        }
        m_phase = Phase::Draining;
        QTimer::singleShot(DrainTimeoutMs, this, [this] { responseDone(Ending::Close); });
        drain();
    }

    void drain()
    {
        m_drainLeft -= m_buffer.size();
        m_buffer.clear();
        while (m_drainLeft > 0 && m_socket->bytesAvailable() > 0)
            m_drainLeft -= m_socket->read(qMin(m_drainLeft, StepBytes)).size();
        if (m_drainLeft <= 0)
            responseDone(Ending::Close);
    }

    void startGet(const QString &id, bool headOnly)
    {
        UploadHttpServer::Download download;
        if (!id.isEmpty())
            download = m_server.m_handler.get(id);
        if (!download.file) {
            respond(404, Ending::KeepAlive);
            return;
        }
        const QByteArray headers = "Content-Type: " + download.contentType +
                                   "\r\nContent-Disposition: " + download.contentDisposition +
                                   "\r\n";
        const qint64 size = download.file->size();
        writeHead(200, Ending::KeepAlive, headers, size);
        if (headOnly || size == 0) {
            responseDone(Ending::KeepAlive);
            return;
        }
        m_download = std::move(download.file);
        m_phase = Phase::Sending;
        sendMore();
    }

    // Tops the socket's write buffer up from the file, StepBytes at a time.
    void sendMore()
    {
        while (m_socket->bytesToWrite() + m_socket->encryptedBytesToWrite() < StepBytes &&
               !m_download->atEnd()) {
            const QByteArray chunk = m_download->read(StepBytes);
            if (chunk.isEmpty()) {
                // The file shrank or failed under us: the promised length cannot be kept.
                qCWarning(lcUpload)
                    << "cannot read" << m_download->fileName() << m_download->errorString();
                m_download.reset();
                m_socket->abort();
                return;
            }
            m_socket->write(chunk);
        }
        if (m_download->atEnd()) {
            m_download.reset();
            responseDone(Ending::KeepAlive);
        }
    }

    void respond(int status, Ending ending, const QByteArray &headers = {})
    {
        writeHead(status, ending, headers, 0);
        responseDone(ending);
    }

    void writeHead(int status, Ending ending, const QByteArray &headers, qint64 length)
    {
        const bool close = ending == Ending::Close || !m_keepAlive;
        m_socket->write("HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) +
                        "\r\nContent-Length: " + QByteArray::number(length) + "\r\n" + headers +
                        (close ? "Connection: close\r\n\r\n" : "Connection: keep-alive\r\n\r\n"));
    }

    // The response is written (or queued): the next request, or the end of the connection.
    void responseDone(Ending ending)
    {
        if (m_phase == Phase::Closing)
            return;
        if (ending == Ending::Close || !m_keepAlive) {
            m_phase = Phase::Closing;
            m_buffer.clear();
            m_socket->disconnectFromHost();
            return;
        }
        m_phase = Phase::Head;
        m_keepAlive = false;
        // Bytes of the next request may be buffered already.
        if (!m_buffer.isEmpty() || m_socket->bytesAvailable() > 0)
            QTimer::singleShot(0, this, &UploadHttpConnection::readMore);
    }

    UploadHttpServer &m_server;
    QSslSocket *m_socket;
    QHostAddress m_address;
    QTimer m_idle;
    Phase m_phase = Phase::Head;
    QByteArray m_buffer; // read but not yet used: a head, or body bytes that came with it
    bool m_keepAlive = false;
    QString m_uploadId;
    qint64 m_remaining = 0;
    qint64 m_drainLeft = 0;
    bool m_expectsContinue = false;
    std::unique_ptr<QSaveFile> m_upload;
    std::unique_ptr<QFile> m_download;
};

UploadHttpServer::UploadHttpServer(Handler handler, QObject *parent)
    : QTcpServer(parent), m_handler(std::move(handler))
{}

UploadHttpServer::~UploadHttpServer()
{
    // Before the members they use go.
    qDeleteAll(std::exchange(m_open, {}));
}

void UploadHttpServer::setCertificate(const QSslCertificate &certificate, const QSslKey &key)
{
    m_certificate = certificate;
    m_key = key;
}

void UploadHttpServer::incomingConnection(qintptr descriptor)
{
    auto *socket = new QSslSocket;
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    const QHostAddress address = socket->peerAddress();
    if (m_open.size() >= m_maxConnections || m_perAddress.value(address) >= m_maxPerAddress) {
        qCWarning(lcUpload) << "refusing an HTTP connection from" << address.toString() << ":"
                            << m_perAddress.value(address) << "of" << m_open.size()
                            << "open connections are from there";
        socket->abort();
        delete socket;
        return;
    }
    socket->setLocalCertificate(m_certificate);
    socket->setPrivateKey(m_key);
    socket->setPeerVerifyMode(QSslSocket::VerifyNone);
    new UploadHttpConnection(*this, socket);
    socket->startServerEncryption();
}

} // namespace flint

// XEP-0363 HTTP File Upload: a user asks upload.<domain> for a slot, PUTs the file over HTTPS
// (the server's own certificate) and anyone with the link GETs it, within size and quota limits.
#include "support/TestServer.h"

#include <catch2/catch.hpp>

#include <QCryptographicHash>
#include <QDir>
#include <QDomElement>
#include <QMimeDatabase>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTcpServer>
#include <QTest>
#include <QXmppClient.h>
#include <QXmppConfiguration.h>
#include <QXmppDiscoveryIq.h>
#include <QXmppHttpUploadIq.h>
#include <QXmppTask.h>

#include <memory>
#include <optional>

using namespace flint::test;
using namespace Qt::StringLiterals;

namespace {

const QString UploadNs = u"urn:xmpp:http:upload:0"_s;
constexpr qint64 MaxFileSize = 1536 * 1024;
constexpr qint64 Quota = 2 * 1024 * 1024;

// The answer to an IQ: the result element, or the error.
struct Answer {
    QDomElement result;
    std::optional<QXmppStanza::Error> error;
    bool ok() const { return !result.isNull(); }
};

template <typename Iq> Answer request(QXmppClient &client, Iq iq)
{
    auto answer = std::make_shared<std::optional<Answer>>();
    client.sendIq(std::move(iq)).then(&client, [answer](QXmppClient::IqResult &&result) {
        Answer value;
        if (const auto *element = std::get_if<QDomElement>(&result))
            value.result = *element;
        else
            value.error = std::get<QXmppError>(result).value<QXmppStanza::Error>();
        *answer = value;
    });
    if (!waitFor([answer] { return answer->has_value(); }))
        return {};
    return **answer;
}

Answer requestSlot(QXmppClient &client, const QString &filename, qint64 size,
                   const QString &contentType = u"application/octet-stream"_s)
{
    QXmppHttpUploadRequestIq iq;
    iq.setType(QXmppIq::Get);
    iq.setTo(u"upload.flint.test"_s);
    iq.setFileName(filename);
    iq.setSize(size);
    iq.setContentType(QMimeDatabase().mimeTypeForName(contentType));
    return request(client, iq);
}

QXmppHttpUploadSlotIq slotOf(const Answer &answer)
{
    QXmppHttpUploadSlotIq slot;
    slot.parse(answer.result);
    return slot;
}

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

struct HttpResult {
    int status = 0;
    QByteArray body;
    QByteArray contentType;
};

// HTTPS to the upload service on loopback, trusting exactly the test server's certificate.
class HttpClient {
public:
    explicit HttpClient(const TestServer &server)
    {
        QFile file(server.dataDirectory() + u"/certificate.pem"_s);
        file.open(QIODevice::ReadOnly);
        m_ssl = QSslConfiguration::defaultConfiguration();
        m_ssl.setCaCertificates(QSslCertificate::fromData(file.readAll()));
    }

    HttpResult put(const QUrl &url, const QByteArray &body)
    {
        return send(url,
                    [&](const QNetworkRequest &request) { return m_manager.put(request, body); });
    }
    HttpResult get(const QUrl &url)
    {
        return send(url, [&](const QNetworkRequest &request) { return m_manager.get(request); });
    }

private:
    template <typename Send> HttpResult send(QUrl url, Send sendRequest)
    {
        // The URL names the domain, which only the certificate knows here.
        const QString host = url.host();
        url.setHost(u"127.0.0.1"_s);
        QNetworkRequest request(url);
        request.setPeerVerifyName(host);
        request.setSslConfiguration(m_ssl);
        request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/octet-stream"_s);
        std::unique_ptr<QNetworkReply> reply(sendRequest(request));
        waitFor([&] { return reply->isFinished(); }, 30000);
        HttpResult result;
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.body = reply->readAll();
        result.contentType = reply->rawHeader("Content-Type");
        if (result.status == 0)
            qWarning() << "HTTP request failed:" << reply->errorString();
        return result;
    }

    QNetworkAccessManager m_manager;
    QSslConfiguration m_ssl;
};

QByteArray randomBytes(qsizetype size)
{
    QByteArray data(size, Qt::Uninitialized);
    QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(data.data()), size / 4);
    return data;
}

QByteArray sha256(const QByteArray &data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256);
}

// HTTP spoken by hand over TLS, to send what a browser or QNetworkAccessManager never would.
class RawHttp {
public:
    explicit RawHttp(quint16 port)
    {
        m_socket.setPeerVerifyMode(QSslSocket::VerifyNone);
        m_socket.connectToHostEncrypted(u"127.0.0.1"_s, port);
        waitFor([this] {
            return m_socket.isEncrypted() || m_socket.state() == QAbstractSocket::UnconnectedState;
        });
    }
    bool isOpen() const { return m_socket.isEncrypted(); }
    void send(const QByteArray &bytes) { m_socket.write(bytes); }
    // The status of the next response (its body is read and returned in `body`; none follows an
    // answer to HEAD); 0 when the connection ends first.
    enum class Body { AsLong, None };
    int status(QByteArray *body = nullptr, Body expected = Body::AsLong)
    {
        qsizetype end = -1;
        waitFor([&] {
            m_received += m_socket.readAll();
            end = m_received.indexOf("\r\n\r\n");
            return end >= 0 || !isOpen();
        });
        if (end < 0)
            return 0;
        const QByteArray head = m_received.left(end);
        m_received.remove(0, end + 4);
        const qsizetype lengthAt = head.toLower().indexOf("content-length: ");
        const qint64 length =
            lengthAt < 0 || expected == Body::None
                ? 0
                : head.mid(lengthAt + 16, head.indexOf('\r', lengthAt) - lengthAt - 16)
                      .toLongLong();
        waitFor([&] {
            m_received += m_socket.readAll();
            return m_received.size() >= length || !isOpen();
        });
        if (body)
            *body = m_received.left(length);
        m_received.remove(0, length);
        m_lastHead = head;
        return head.mid(9, 3).toInt();
    }
    QByteArray lastHead() const { return m_lastHead; }
    // Whether the server ends the connection within `ms`.
    bool closedWithin(int ms)
    {
        return waitFor([this] { return !isOpen(); }, ms);
    }

private:
    QSslSocket m_socket;
    QByteArray m_received;
    QByteArray m_lastHead;
};

} // namespace

TEST_CASE("HTTP upload: slots, PUT, GET, limits and restarts", "[upload]")
{
    const Backend backend = GENERATE(Backend::Sqlite, Backend::MariaDb);
    INFO("backend: " << backendName(backend).toStdString());
    TestServer server({.backend = backend,
                       .settings = {{u"upload/port"_s, QString::number(freePort())},
                                    {u"upload/max_file_size"_s, QString::number(MaxFileSize)},
                                    {u"upload/quota_per_user"_s, QString::number(Quota)}}});
    REQUIRE(server.start());
    REQUIRE(server.addUser(u"alice"_s, u"alice pw"_s));
    QXmppClient alice;
    REQUIRE(connectClient(alice, server.clientConfiguration(u"alice"_s, u"alice pw"_s)));
    HttpClient http(server);

    // Discovery: the service, its feature and its size limit.
    QXmppDiscoveryIq items;
    items.setQueryType(QXmppDiscoveryIq::ItemsQuery);
    items.setTo(server.domain());
    const Answer itemsAnswer = request(alice, items);
    REQUIRE(itemsAnswer.ok());
    items.parse(itemsAnswer.result);
    bool listed = false;
    for (const auto &item : items.items())
        listed = listed || item.jid() == u"upload.flint.test"_s;
    CHECK(listed);
    QXmppDiscoveryIq info;
    info.setQueryType(QXmppDiscoveryIq::InfoQuery);
    info.setTo(u"upload.flint.test"_s);
    const Answer infoAnswer = request(alice, info);
    REQUIRE(infoAnswer.ok());
    info.parse(infoAnswer.result);
    REQUIRE(info.identities().size() == 1);
    CHECK(info.identities().first().category() == u"store"_s);
    CHECK(info.identities().first().type() == u"file"_s);
    CHECK(info.features().contains(UploadNs));
    QString announcedMax;
    for (const auto &field : info.form().fields()) {
        if (field.key() == u"max-file-size"_s)
            announcedMax = field.value().toString();
    }
    CHECK(announcedMax == QString::number(MaxFileSize));

    // A 1 MiB file: slot, PUT, then GET returns the same bytes and type.
    const QByteArray file = randomBytes(1024 * 1024);
    const Answer slotAnswer =
        requestSlot(alice, u"report 1.pdf"_s, file.size(), u"application/pdf"_s);
    REQUIRE(slotAnswer.ok());
    const QXmppHttpUploadSlotIq slot = slotOf(slotAnswer);
    CHECK(slot.putUrl().scheme() == u"https"_s);
    CHECK(slot.putUrl().host() == server.domain());
    CHECK(slot.getUrl().path().endsWith(u"/report 1.pdf"_s));
    CHECK(http.put(slot.putUrl(), file).status == 201);
    HttpResult download = http.get(slot.getUrl());
    CHECK(download.status == 200);
    CHECK(download.contentType == "application/pdf");
    CHECK(sha256(download.body) == sha256(file));
    // A used slot takes no second upload.
    CHECK(http.put(slot.putUrl(), file).status == 409);

    // A wrong length is refused and leaves the slot usable.
    const QByteArray small = randomBytes(1000);
    const Answer smallAnswer = requestSlot(alice, u"notes.txt"_s, small.size(), u"text/plain"_s);
    REQUIRE(smallAnswer.ok());
    const QUrl smallUrl = slotOf(smallAnswer).putUrl();
    CHECK(http.put(smallUrl, small.left(999)).status == 400);
    CHECK(http.put(smallUrl, small + "x").status == 413);
    CHECK(http.get(smallUrl).status == 404);
    CHECK(http.put(smallUrl, small).status == 201);
    CHECK(http.get(smallUrl).body == small);

    // Unknown slots are not found.
    QUrl unknown = slot.getUrl();
    unknown.setPath(u"/upload/0123456789abcdef0123456789abcdef/x.bin"_s);
    CHECK(http.get(unknown).status == 404);

    // Limits: too large, bad requests, over quota.
    const Answer tooLarge = requestSlot(alice, u"big.bin"_s, MaxFileSize + 1);
    REQUIRE(tooLarge.error);
    CHECK(tooLarge.error->condition() == QXmppStanza::Error::NotAcceptable);
    CHECK(tooLarge.error->fileTooLarge());
    CHECK(tooLarge.error->maxFileSize() == MaxFileSize);
    const Answer noSize = requestSlot(alice, u"empty.bin"_s, 0);
    REQUIRE(noSize.error);
    CHECK(noSize.error->condition() == QXmppStanza::Error::BadRequest);
    const Answer badName = requestSlot(alice, u"../etc/passwd"_s, 10);
    REQUIRE(badName.error);
    CHECK(badName.error->condition() == QXmppStanza::Error::BadRequest);
    const Answer overQuota = requestSlot(alice, u"more.bin"_s, MaxFileSize);
    REQUIRE(overQuota.error);
    CHECK(overQuota.error->condition() == QXmppStanza::Error::ResourceConstraint);
    CHECK(overQuota.error->text().contains(u"quota"_s));

    // Completed files survive a restart.
    alice.disconnectFromServer();
    CHECK(server.stop() == 0);
    REQUIRE(server.start());
    download = http.get(slot.getUrl());
    CHECK(download.status == 200);
    CHECK(sha256(download.body) == sha256(file));
}

TEST_CASE("HTTP upload: expired files and abandoned slots are deleted when the server starts",
          "[upload]")
{
    TestServer server({.settings = {{u"upload/port"_s, QString::number(freePort())}}});
    REQUIRE(server.start());
    REQUIRE(server.addUser(u"alice"_s, u"alice pw"_s));
    QXmppClient alice;
    REQUIRE(connectClient(alice, server.clientConfiguration(u"alice"_s, u"alice pw"_s)));
    HttpClient http(server);
    const QByteArray file = randomBytes(4096);
    const Answer slotAnswer = requestSlot(alice, u"old.bin"_s, file.size());
    REQUIRE(slotAnswer.ok());
    const QUrl url = slotOf(slotAnswer).putUrl();
    REQUIRE(http.put(url, file).status == 201);
    const QString id = url.path().section(u'/', 2, 2);
    const QString stored = server.dataDirectory() + u"/uploads/"_s + id;
    CHECK(QFile::exists(stored));
    // A slot asked for and never used.
    const Answer abandonedAnswer = requestSlot(alice, u"never.bin"_s, file.size());
    REQUIRE(abandonedAnswer.ok());
    const QUrl abandoned = slotOf(abandonedAnswer).putUrl();
    alice.disconnectFromServer();
    CHECK(server.stop() == 0);

    {
        // Backdate the upload beyond expire_days, the slot beyond its few minutes.
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"upload-expiry"_s);
        db.setDatabaseName(server.dataDirectory() + u"/flint.db"_s);
        REQUIRE(db.open());
        QSqlQuery query(db);
        REQUIRE(query.exec(u"UPDATE uploads SET created_at = 0"_s));
        CHECK(query.numRowsAffected() == 2);
        db.close();
    }
    QSqlDatabase::removeDatabase(u"upload-expiry"_s);

    REQUIRE(server.start());
    CHECK(http.get(url).status == 404);
    CHECK_FALSE(QFile::exists(stored));
    CHECK(http.put(abandoned, file).status == 404);
}

TEST_CASE("HTTP upload: what would take the server's memory is refused before it is read",
          "[upload][limits]")
{
    const quint16 port = freePort();
    TestServer server({.settings = {{u"upload/port"_s, QString::number(port)},
                                    {u"limits/connections_per_ip"_s, u"4"_s},
                                    {u"upload/idle_timeout_seconds"_s, u"2"_s}}});
    REQUIRE(server.start());
    REQUIRE(server.addUser(u"alice"_s, u"alice pw"_s));
    QXmppClient alice;
    REQUIRE(connectClient(alice, server.clientConfiguration(u"alice"_s, u"alice pw"_s)));
    const QByteArray file = randomBytes(1000);
    const Answer answer = requestSlot(alice, u"minutes.txt"_s, file.size(), u"text/plain"_s);
    REQUIRE(answer.ok());
    const QByteArray path =
        slotOf(answer).putUrl().toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority);
    const auto put = [&](const QByteArray &headers) {
        return "PUT " + path + " HTTP/1.1\r\nHost: upload.flint.test\r\n" + headers + "\r\n";
    };

    // Ten gigabytes announced for a slot that does not exist: refused at once, without a byte
    // of the body sent.
    {
        RawHttp http(port);
        http.send("PUT /upload/0123456789abcdef0123456789abcdef/x HTTP/1.1\r\nHost: x\r\n"
                  "Content-Length: 10000000000\r\n\r\n");
        CHECK(http.status() == 404);
        CHECK(http.lastHead().contains("Connection: close"));
        CHECK(http.closedWithin(5000));
    }
    // More than the slot, no length, a chunked body, a head over 16 KiB, another method.
    for (const auto &[request, expected] :
         {std::pair{put("Content-Length: 5000\r\n"), 413}, std::pair{put({}), 411},
          std::pair{put("Transfer-Encoding: chunked\r\n"), 501},
          std::pair{put("X-Padding: " + QByteArray(17 * 1024, 'a') + "\r\n"), 431},
          std::pair{QByteArray("PUT /upload HTTP/1.1\r\nContent-Length: 3\r\n\r\n"), 404},
          std::pair{QByteArray("GARBAGE\r\n\r\n"), 400}}) {
        INFO(request.left(80).toStdString());
        RawHttp http(port);
        http.send(request);
        CHECK(http.status() == expected);
        CHECK(http.closedWithin(5000));
    }
    {
        RawHttp http(port);
        http.send("DELETE " + path + " HTTP/1.1\r\nHost: x\r\n\r\n");
        CHECK(http.status() == 405);
        CHECK(http.lastHead().contains("Allow: GET, HEAD, PUT"));
    }

    // A client that stops halfway through a head, or through a body, is cut off after
    // idle_timeout_seconds; the slot stays as it was, and nothing is left on disk.
    {
        RawHttp http(port);
        http.send("PUT /upload/");
        CHECK_FALSE(http.closedWithin(1000));
        CHECK(http.closedWithin(8000));
    }
    {
        RawHttp http(port);
        http.send(put("Content-Length: 1000\r\n") + file.left(400));
        CHECK_FALSE(http.closedWithin(1000));
        CHECK(http.closedWithin(8000));
    }
    const QString uploads = server.dataDirectory() + u"/uploads"_s;
    REQUIRE(waitFor([&] { return QDir(uploads).entryList(QDir::Files).isEmpty(); }));

    // Expect: 100-continue, then the body; the connection stays for GET, HEAD and GET again.
    RawHttp http(port);
    http.send(put("Content-Length: 1000\r\nExpect: 100-continue\r\n"));
    CHECK(http.status() == 100);
    http.send(file);
    CHECK(http.status() == 201);
    const QByteArray get = "GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n";
    http.send(get + "HEAD " + path + " HTTP/1.1\r\nHost: x\r\n\r\n" + get);
    QByteArray body;
    CHECK(http.status(&body) == 200);
    CHECK(body == file);
    CHECK(http.lastHead().contains("Content-Type: text/plain"));
    CHECK(
        http.lastHead().contains("Content-Disposition: attachment; filename*=UTF-8''minutes.txt"));
    CHECK(http.status(&body, RawHttp::Body::None) == 200);
    CHECK(http.lastHead().contains("Content-Length: 1000"));
    CHECK(http.status(&body) == 200);
    CHECK(body == file);
    CHECK(http.isOpen());

    // connections_per_ip: with this one and three more open, a fifth is closed at once.
    std::vector<std::unique_ptr<RawHttp>> more;
    for (int i = 0; i < 3; ++i) {
        more.push_back(std::make_unique<RawHttp>(port));
        CHECK(more.back()->isOpen());
    }
    RawHttp fifth(port);
    CHECK_FALSE(fifth.isOpen());
}

// flint-upload-bench: XEP-0363 HTTP file upload against a running server on loopback: one
// account asks for a slot per file, PUTs the files (several at a time), then GETs them all back,
// checking each one's SHA-256. Prints a result line per phase with the time, the throughput, and
// the server's CPU time and peak RSS (sampled every 20 ms from /proc) during that phase.
//
//   flint-upload-bench --port P --domain D --user U --password W --server-pid PID
//                      [--upload-jid upload.D] [--mib 64] [--files 4] [--concurrency 4]
//
// TLS is not verified: loopback only, against the benchmark's own throwaway certificate. The
// URLs' host is replaced by 127.0.0.1.
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFile>
#include <QMimeDatabase>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>
#include <QXmppClient.h>
#include <QXmppConfiguration.h>
#include <QXmppHttpUploadIq.h>
#include <QXmppLogger.h>
#include <QXmppTask.h>
#include <QXmppUploadRequestManager.h>

#include <functional>
#include <memory>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 MiB = 1024 * 1024;
constexpr int PhaseTimeoutMs = 600000;

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

// Runs the event loop until `done` or the timeout; false on timeout.
bool runUntil(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (!done()) {
        if (timer.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 20);
    }
    return true;
}

// The server process's CPU seconds (utime + stime) and RSS in KiB, from /proc.
struct ProcessSample {
    double cpuSeconds = 0;
    qint64 rssKib = 0;
};

ProcessSample sample(qint64 pid)
{
    ProcessSample result;
    QFile stat(u"/proc/%1/stat"_s.arg(pid));
    if (stat.open(QIODevice::ReadOnly)) {
        const QByteArray line = stat.readAll();
        const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
        if (fields.size() > 12)
            result.cpuSeconds =
                double(fields[11].toLongLong() + fields[12].toLongLong()) / sysconf(_SC_CLK_TCK);
    }
    QFile status(u"/proc/%1/status"_s.arg(pid));
    if (status.open(QIODevice::ReadOnly)) {
        for (const QByteArray &line : status.readAll().split('\n')) {
            if (line.startsWith("VmRSS:"))
                result.rssKib = line.mid(6).trimmed().split(' ').first().toLongLong();
        }
    }
    return result;
}

struct File {
    QString path;
    QByteArray sha256;
    QUrl putUrl;
    QUrl getUrl;
    QMap<QString, QString> putHeaders;
};

class Bench {
public:
    Bench(QNetworkAccessManager &network, qint64 serverPid) : m_network(network), m_pid(serverPid)
    {
        m_ssl = QSslConfiguration::defaultConfiguration();
        m_ssl.setPeerVerifyMode(QSslSocket::VerifyNone);
    }

    // Runs `start(i)` for every file with at most `concurrency` replies open; prints the phase's
    // result line. `finished(i, reply)` says whether file i came through whole.
    bool phase(const QString &name, const QList<File> &files, int concurrency,
               const std::function<QNetworkReply *(const File &)> &start,
               const std::function<bool(const File &, QNetworkReply &)> &finished)
    {
        const ProcessSample before = sample(m_pid);
        qint64 peakRss = before.rssKib;
        QTimer sampler;
        sampler.setInterval(20);
        QObject::connect(&sampler, &QTimer::timeout,
                         [&] { peakRss = qMax(peakRss, sample(m_pid).rssKib); });
        sampler.start();
        QElapsedTimer timer;
        timer.start();
        int next = 0, open = 0, ok = 0, failed = 0;
        std::function<void()> startMore = [&] {
            while (open < concurrency && next < files.size()) {
                const File &file = files[next++];
                QNetworkReply *reply = start(file);
                ++open;
                QObject::connect(reply, &QNetworkReply::finished, [&, reply, &file = file] {
                    --open;
                    if (reply->error() == QNetworkReply::NoError && finished(file, *reply))
                        ++ok;
                    else {
                        ++failed;
                        out() << "# " << name << " " << file.path << ": " << reply->errorString()
                              << Qt::endl;
                    }
                    reply->deleteLater();
                    startMore();
                });
            }
        };
        startMore();
        const bool done = runUntil([&] { return ok + failed == files.size(); }, PhaseTimeoutMs);
        const double seconds = double(timer.nsecsElapsed()) / 1e9;
        sampler.stop();
        const ProcessSample after = sample(m_pid);
        qint64 bytes = 0;
        for (const File &file : files)
            bytes += QFileInfo(file.path).size();
        out() << "result phase=" << name << " files=" << ok << "/" << files.size()
              << " mib=" << bytes / MiB << " seconds=" << QString::number(seconds, 'f', 2)
              << " mib_per_s=" << QString::number(double(bytes) / MiB / seconds, 'f', 0)
              << " server_cpu=" << QString::number(after.cpuSeconds - before.cpuSeconds, 'f', 2)
              << " rss_before_mib=" << before.rssKib / 1024 << " peak_rss_mib=" << peakRss / 1024
              << Qt::endl;
        return done && failed == 0;
    }

    QNetworkRequest request(QUrl url) const
    {
        url.setHost(u"127.0.0.1"_s);
        QNetworkRequest request(url);
        request.setSslConfiguration(m_ssl);
        return request;
    }

private:
    QNetworkAccessManager &m_network;
    qint64 m_pid;
    QSslConfiguration m_ssl;
};

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"XEP-0363 upload and download throughput"_s);
    parser.addHelpOption();
    const QCommandLineOption port(u"port"_s, u"XMPP port on 127.0.0.1"_s, u"port"_s);
    const QCommandLineOption domain(u"domain"_s, u"XMPP domain"_s, u"domain"_s);
    const QCommandLineOption user(u"user"_s, u"account name"_s, u"user"_s);
    const QCommandLineOption password(u"password"_s, u"account password"_s, u"password"_s);
    const QCommandLineOption pid(u"server-pid"_s, u"server process, for CPU and RSS"_s, u"pid"_s);
    const QCommandLineOption uploadJid(u"upload-jid"_s, u"upload service"_s, u"jid"_s);
    const QCommandLineOption mib(u"mib"_s, u"size of each file"_s, u"MiB"_s, u"64"_s);
    const QCommandLineOption files(u"files"_s, u"number of files"_s, u"count"_s, u"4"_s);
    const QCommandLineOption concurrency(u"concurrency"_s, u"transfers at a time"_s, u"count"_s,
                                         u"4"_s);
    const QCommandLineOption verbose(u"verbose"_s, u"print the XMPP stream"_s);
    parser.addOptions(
        {port, domain, user, password, pid, uploadJid, mib, files, concurrency, verbose});
    parser.process(app);
    const QString domainName = parser.value(domain);
    const QString service =
        parser.isSet(uploadJid) ? parser.value(uploadJid) : u"upload."_s + domainName;

    QXmppClient client;
    if (parser.isSet(verbose))
        client.logger()->setLoggingType(QXmppLogger::StdoutLogging);
    auto *uploads = client.addNewExtension<QXmppUploadRequestManager>();
    QXmppConfiguration configuration;
    configuration.setHost(u"127.0.0.1"_s);
    configuration.setPort(parser.value(port).toInt());
    configuration.setDomain(domainName);
    configuration.setUser(parser.value(user));
    configuration.setPassword(parser.value(password));
    configuration.setResource(u"bench"_s);
    configuration.setIgnoreSslErrors(true);
    configuration.setStreamSecurityMode(QXmppConfiguration::TLSRequired);
    bool connected = false;
    QObject::connect(&client, &QXmppClient::connected, [&] { connected = true; });
    client.connectToServer(configuration);
    if (!runUntil([&] { return connected; }, 30000)) {
        out() << "error: could not log in" << Qt::endl;
        return 1;
    }

    QTemporaryDir dir;
    QList<File> list;
    const qint64 size = parser.value(mib).toLongLong() * MiB;
    QByteArray block(MiB, Qt::Uninitialized);
    for (int i = 0; i < parser.value(files).toInt(); ++i) {
        File file{dir.filePath(u"file-%1.bin"_s.arg(i)), {}, {}, {}, {}};
        QFile data(file.path);
        QCryptographicHash hash(QCryptographicHash::Sha256);
        if (!data.open(QIODevice::WriteOnly))
            return 1;
        for (qint64 written = 0; written < size; written += block.size()) {
            QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(block.data()),
                                                  block.size() / 4);
            data.write(block);
            hash.addData(block);
        }
        file.sha256 = hash.result();
        bool answered = false;
        uploads
            ->requestSlot(QFileInfo(file.path).fileName(), size,
                          QMimeDatabase().mimeTypeForName(u"application/octet-stream"_s), service)
            .then(&client, [&](QXmppUploadRequestManager::SlotResult &&result) {
                answered = true;
                if (const auto *slot = std::get_if<QXmppHttpUploadSlotIq>(&result)) {
                    file.putUrl = slot->putUrl();
                    file.getUrl = slot->getUrl();
                    file.putHeaders = slot->putHeaders();
                } else {
                    out() << "error: no slot: " << std::get<QXmppError>(result).description
                          << Qt::endl;
                }
            });
        if (!runUntil([&] { return answered; }, 30000) || !file.putUrl.isValid())
            return 1;
        list << file;
    }

    QNetworkAccessManager network;
    Bench bench(network, parser.value(pid).toLongLong());
    const int parallel = parser.value(concurrency).toInt();
    const bool put = bench.phase(
        u"put"_s, list, parallel,
        [&](const File &file) {
            auto *body = new QFile(file.path);
            body->open(QIODevice::ReadOnly);
            QNetworkRequest request = bench.request(file.putUrl);
            request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/octet-stream"_s);
            for (auto it = file.putHeaders.cbegin(); it != file.putHeaders.cend(); ++it)
                request.setRawHeader(it.key().toLatin1(), it.value().toLatin1());
            QNetworkReply *reply = network.put(request, body);
            body->setParent(reply);
            return reply;
        },
        [](const File &, QNetworkReply &reply) {
            const int status = reply.attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            return status == 200 || status == 201;
        });
    if (!put)
        return 1;

    // Each download is hashed as it arrives, so the client holds no whole file.
    QHash<const QNetworkReply *, std::shared_ptr<QCryptographicHash>> hashes;
    const bool get = bench.phase(
        u"get"_s, list, parallel,
        [&](const File &file) {
            QNetworkReply *reply = network.get(bench.request(file.getUrl));
            reply->setReadBufferSize(MiB);
            auto hash = std::make_shared<QCryptographicHash>(QCryptographicHash::Sha256);
            hashes.insert(reply, hash);
            QObject::connect(reply, &QNetworkReply::readyRead,
                             [reply, hash] { hash->addData(reply->readAll()); });
            return reply;
        },
        [&](const File &file, QNetworkReply &reply) {
            const auto hash = hashes.take(&reply);
            hash->addData(reply.readAll());
            return hash->result() == file.sha256;
        });
    client.disconnectFromServer();
    return get ? 0 : 1;
}

// File transfer between Flint clients built from the core (ClientAccount → TransferService)
// through a real flint-server (flow H): SI over SOCKS5 directly and through the server's proxy,
// in-band bytestreams after a SOCKS5 failure with the recipient asked once, a 100 MiB file with
// SHA-256 equality, decline, cancel on either side, an upload to an offline colleague downloaded
// after they log in, a link to a client without SI, size limit, quota and no upload service, a
// file into a room, and full disks on either side.
#include "client/AccountSession.h"
#include "client/CertificateTrust.h"
#include "client/ClientAccount.h"
#include "client/Conversation.h"
#include "client/ConversationManager.h"
#include "client/MessageListModel.h"
#include "client/RoomService.h"
#include "client/TransferService.h"
#include "support/TestServer.h"

#include <catch2/catch.hpp>

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QSslCertificate>
#include <QTemporaryDir>
#include <QXmppClient.h>
#include <QXmppFileMetadata.h>
#include <QXmppFileShare.h>
#include <QXmppHash.h>
#include <QXmppMessage.h>
#include <QXmppRosterManager.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>

#ifdef Q_OS_LINUX
#include <sys/mount.h>
#include <unistd.h>
#endif

using namespace flint;
using namespace flint::test;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 MiB = 1024 * 1024;

// Writes `size` random bytes to `path` in blocks (never the whole file in memory); returns its
// SHA-256.
QByteArray writeRandomFile(const QString &path, qint64 size)
{
    QFile file(path);
    REQUIRE(file.open(QIODevice::WriteOnly));
    QCryptographicHash hash(QCryptographicHash::Sha256);
    QByteArray block(qsizetype(std::min<qint64>(size, MiB)), Qt::Uninitialized);
    for (qint64 left = size; left > 0;) {
        const qsizetype length = qsizetype(std::min<qint64>(left, block.size()));
        QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(block.data()),
                                              block.size() / 4);
        REQUIRE(file.write(block.constData(), length) == length);
        hash.addData(QByteArrayView(block.constData(), length));
        left -= length;
    }
    return hash.result();
}

QByteArray sha256Of(const QString &path)
{
    QFile file(path);
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!file.open(QIODevice::ReadOnly) || !hash.addData(&file))
        return {};
    return hash.result();
}

QStringList filesIn(const QString &directory)
{
    return QDir(directory).entryList(QDir::Files);
}

// One user of the desktop app: the account with everything wired as the app does it.
struct Peer {
    Peer(TestServer &server, const QString &user, const QString &resource = u"desk"_s)
        : server(server), user(user), jid(user + u'@' + server.domain()), resource(resource),
          trust(dir.filePath(u"pinned-certificates"_s)),
          account(jid, dir.filePath(u"data"_s), trust)
    {
        REQUIRE(account.historyError() == HistoryStore::Error::None);
        const QSslCertificate certificate =
            QSslCertificate::fromPath(server.dataDirectory() + u"/certificate.pem"_s).value(0);
        REQUIRE(trust.trustCertificate(jid, certificate));
        transfers().setDownloadsDirectory(downloads());
        QDir().mkpath(downloads());
        QObject::connect(&account.session(), &AccountSession::loggedIn, [this] { ++loggedIn; });
        QObject::connect(&transfers(), &TransferService::offerReceived,
                         [this](Transfer *transfer) { offers << transfer; });
    }

    bool login()
    {
        const int before = loggedIn;
        account.logIn({.jid = jid,
                       .password = user + u" pw"_s,
                       .address = u"127.0.0.1:%1"_s.arg(server.port()),
                       .resource = resource,
                       .timeoutSeconds = 10});
        return waitFor([&] { return loggedIn > before; }, 15000) &&
               waitFor([&] { return roster().isRosterReceived(); });
    }
    TransferService &transfers() const { return account.transfers(); }
    QXmppRosterManager &roster() const
    {
        return *account.session().client().findExtension<QXmppRosterManager>();
    }
    QString downloads() const { return dir.filePath(u"downloads"_s); }
    QString file(const QString &name) const { return dir.filePath(name); }
    MessageListModel &messagesWith(const Peer &other) const
    {
        return account.conversations().conversation(other.jid)->messages();
    }
    bool sees(const Peer &other) const
    {
        return !roster().getAllPresencesForBareJid(other.jid).isEmpty();
    }

    TestServer &server;
    QString user;
    QString jid;
    QString resource;
    QTemporaryDir dir;
    CertificateTrust trust;
    ClientAccount account;
    int loggedIn = 0;
    QList<Transfer *> offers;
};

// `a` and `b` subscribe to each other's presence and see each other online.
void befriend(Peer &a, Peer &b)
{
    for (auto [from, to] : {std::pair<Peer *, Peer *>(&a, &b), std::pair<Peer *, Peer *>(&b, &a)}) {
        bool asked = false;
        const auto connection =
            QObject::connect(&to->roster(), &QXmppRosterManager::subscriptionRequestReceived,
                             [&](const QString &jid) { asked = asked || jid == from->jid; });
        from->roster().subscribe(to->jid);
        REQUIRE(waitFor([&] { return asked; }));
        QObject::disconnect(connection);
        to->roster().acceptSubscription(from->jid);
    }
    REQUIRE(waitFor([&] { return a.sees(b) && b.sees(a); }));
}

// A started server whose users alice and bob each have the desktop app's account (not yet
// logged in).
struct Office {
    explicit Office(TestServerOptions options)
        : server(std::move(options)),
          ready(server.start() && server.addUser(u"alice"_s, u"alice pw"_s) &&
                server.addUser(u"bob"_s, u"bob pw"_s)),
          alice(server, u"alice"_s), bob(server, u"bob"_s)
    {}
    // Both logged in, in each other's roster and seeing each other online.
    void befriend()
    {
        REQUIRE(alice.login());
        REQUIRE(bob.login());
        ::befriend(alice, bob);
    }

    TestServer server;
    bool ready;
    Peer alice;
    Peer bob;
};

bool ended(const Transfer *transfer)
{
    return transfer && !transfer->isActive();
}

// The newest message in a conversation that carries a file.
std::optional<HistoryMessage> lastFile(const MessageListModel &model)
{
    for (int row = model.rowCount() - 1; row >= 0; --row) {
        if (model.message(row).attachment)
            return model.message(row);
    }
    return std::nullopt;
}

int countFiles(const MessageListModel &model)
{
    int files = 0;
    for (int row = 0; row < model.rowCount(); ++row)
        files += model.message(row).attachment ? 1 : 0;
    return files;
}

// Records the progress and method changes a transfer reported.
// What a transfer reports from the moment it is returned: sendFile() may already have chosen
// the method (the services were known), so the probe starts from it.
struct ProgressProbe {
    explicit ProgressProbe(Transfer *transfer)
    {
        if (transfer->method() != Transfer::Method::Undecided)
            methods << transfer->method();
        QObject::connect(transfer, &Transfer::progressChanged, [this](qint64 bytes) {
            ++updates;
            lastBytes = bytes;
        });
        QObject::connect(transfer, &Transfer::methodChanged,
                         [this](Transfer::Method method) { methods << method; });
    }
    int updates = 0;
    qint64 lastBytes = 0;
    QList<Transfer::Method> methods;
};

TestServerOptions withUploads(Backend backend = Backend::Sqlite,
                              QMap<QString, QString> settings = {})
{
    // The URLs name the host the test can reach; the certificate is the pinned one.
    settings.insert(u"upload/public_host"_s, u"127.0.0.1"_s);
    return {.backend = backend, .settings = settings};
}

// A proxy that relays 2 MiB/s per user, so that something can happen while the bytes flow.
QMap<QString, QString> slowProxy()
{
    return {{u"proxy65/max_bytes_per_second_per_user"_s, QString::number(2 * MiB)}};
}

} // namespace

TEST_CASE("Transfers: a file to an online contact goes by SOCKS5, directly, checked and recorded",
          "[transfers]")
{
    Office office(withUploads());
    REQUIRE(office.ready);
    auto &[server, ready, alice, bob] = office;
    office.befriend();

    const QString source = alice.file(u"plan.pdf"_s);
    const QByteArray hash = writeRandomFile(source, 3 * MiB + 17);
    // Bob already has a plan.pdf: it is kept, the new one gets another name.
    QFile existing(QDir(bob.downloads()).filePath(u"plan.pdf"_s));
    REQUIRE(existing.open(QIODevice::WriteOnly));
    existing.write("mine");
    existing.close();

    Transfer *sent = alice.transfers().sendFile(bob.jid, source);
    REQUIRE(sent);
    CHECK(sent->direction() == Transfer::Direction::Outgoing);
    CHECK(sent->peer() == bob.jid);
    CHECK(sent->fileName() == u"plan.pdf"_s);
    CHECK(sent->size() == 3 * MiB + 17);
    CHECK(alice.transfers().transfers().rowCount() == 1);
    CHECK(alice.transfers().transfers().transfer(0) == sent);

    REQUIRE(waitFor([&] { return bob.offers.size() == 1; }));
    Transfer *received = bob.offers.first();
    CHECK(received->state() == Transfer::State::Offered);
    CHECK(received->direction() == Transfer::Direction::Incoming);
    CHECK(received->peer() == alice.jid);
    CHECK(received->fileName() == u"plan.pdf"_s);
    CHECK(received->size() == 3 * MiB + 17);
    CHECK(sent->state() == Transfer::State::Waiting);
    ProgressProbe progress(received);
    received->accept();

    REQUIRE(waitFor([&] { return ended(sent) && ended(received); }, 30000));
    INFO(describe(sent->error()).toStdString()
         << " / " << describe(received->error()).toStdString());
    REQUIRE(sent->state() == Transfer::State::Finished);
    REQUIRE(received->state() == Transfer::State::Finished);
    CHECK(sent->method() == Transfer::Method::Socks5Direct);
    CHECK(received->method() == Transfer::Method::Socks5Direct);
    CHECK(progress.methods == QList{Transfer::Method::Socks5Direct});
    CHECK(received->verified());
    CHECK(sent->verified());
    CHECK(received->bytesTransferred() == 3 * MiB + 17);
    CHECK(progress.lastBytes == 3 * MiB + 17);
    CHECK(received->localPath() == QDir(bob.downloads()).filePath(u"plan (1).pdf"_s));
    CHECK(sha256Of(received->localPath()) == hash);
    CHECK(sha256Of(existing.fileName()) ==
          QCryptographicHash::hash("mine", QCryptographicHash::Sha256));

    // Both conversations show the file, with where it is on each computer.
    REQUIRE(waitFor([&] { return lastFile(alice.messagesWith(bob)).has_value(); }));
    const HistoryMessage aliceRecord = *lastFile(alice.messagesWith(bob));
    CHECK(aliceRecord.direction == MessageDirection::Outgoing);
    CHECK(aliceRecord.body == u"plan.pdf"_s);
    CHECK(aliceRecord.attachment->url.isEmpty());
    CHECK(aliceRecord.attachment->localPath == QFileInfo(source).absoluteFilePath());
    CHECK(aliceRecord.attachment->size == 3 * MiB + 17);
    REQUIRE(lastFile(bob.messagesWith(alice)).has_value());
    const HistoryMessage bobRecord = *lastFile(bob.messagesWith(alice));
    CHECK(bobRecord.direction == MessageDirection::Incoming);
    CHECK(bobRecord.attachment->localPath == received->localPath());
    const auto stored = bob.account.history().messages(alice.jid, std::nullopt, 10);
    REQUIRE_FALSE(stored.isEmpty());
    CHECK(stored.first().attachment == bobRecord.attachment);

    alice.transfers().clearFinished();
    CHECK(alice.transfers().transfers().rowCount() == 0);
}

TEST_CASE("Transfers: when a direct connection is impossible, 100 MiB go through the proxy",
          "[transfers][proxy]")
{
    Office office(withUploads());
    REQUIRE(office.ready);
    auto &[server, ready, alice, bob] = office;
    office.befriend();
    alice.transfers().setDirectConnectionsAllowed(false);

    const QString source = alice.file(u"dataset.bin"_s);
    const QByteArray hash = writeRandomFile(source, 100 * MiB);
    Transfer *sent = alice.transfers().sendFile(bob.jid, source);
    REQUIRE(sent);
    ProgressProbe sending(sent);
    REQUIRE(waitFor([&] { return bob.offers.size() == 1; }));
    Transfer *received = bob.offers.first();
    ProgressProbe receiving(received);
    received->accept(bob.file(u"chosen name.bin"_s));

    REQUIRE(waitFor([&] { return ended(sent) && ended(received); }, 240000));
    INFO(describe(sent->error()).toStdString()
         << " / " << describe(received->error()).toStdString());
    REQUIRE(sent->state() == Transfer::State::Finished);
    REQUIRE(received->state() == Transfer::State::Finished);
    CHECK(sent->method() == Transfer::Method::Socks5Proxy);
    CHECK(received->method() == Transfer::Method::Socks5Proxy);
    CHECK(received->localPath() == bob.file(u"chosen name.bin"_s));
    CHECK(received->verified());
    CHECK(sha256Of(received->localPath()) == hash);
    CHECK(receiving.updates > 10);
    CHECK(sending.updates > 10);
    CHECK(received->secondsLeft() == -1);
}

TEST_CASE(
    "Transfers: after a SOCKS5 failure the file goes in-band, and the recipient is asked once",
    "[transfers][ibb]")
{
    // No proxy on the server and no direct streamhosts: SOCKS5 cannot work.
    Office office(withUploads(Backend::Sqlite, {{u"proxy65/enabled"_s, u"false"_s}}));
    REQUIRE(office.ready);
    auto &[server, ready, alice, bob] = office;
    office.befriend();
    alice.transfers().setDirectConnectionsAllowed(false);

    const QString source = alice.file(u"notes.txt"_s);
    const QByteArray hash = writeRandomFile(source, 300 * 1024 + 5);
    Transfer *sent = alice.transfers().sendFile(bob.jid, source);
    REQUIRE(sent);
    ProgressProbe sending(sent);
    REQUIRE(waitFor([&] { return bob.offers.size() == 1; }));
    Transfer *received = bob.offers.first();
    received->accept();

    REQUIRE(waitFor([&] { return ended(sent) && ended(received); }, 60000));
    INFO(describe(sent->error()).toStdString()
         << " / " << describe(received->error()).toStdString());
    REQUIRE(sent->state() == Transfer::State::Finished);
    REQUIRE(received->state() == Transfer::State::Finished);
    CHECK(bob.offers.size() == 1);
    CHECK(bob.transfers().transfers().rowCount() == 1);
    CHECK(sent->method() == Transfer::Method::InBand);
    CHECK(received->method() == Transfer::Method::InBand);
    CHECK(sending.methods == QList{Transfer::Method::InBand});
    CHECK(received->verified());
    CHECK(sha256Of(received->localPath()) == hash);
    CHECK(filesIn(bob.downloads()) == QStringList{u"notes.txt"_s});
}

TEST_CASE("Transfers: a declined file, and cancelling on either side cleans up both",
          "[transfers][cancel]")
{
    Office office(withUploads(Backend::Sqlite, slowProxy()));
    REQUIRE(office.ready);
    auto &[server, ready, alice, bob] = office;
    office.befriend();
    alice.transfers().setDirectConnectionsAllowed(false);
    const QString source = alice.file(u"video.mkv"_s);
    // Far more than the loopback sockets buffer: still flowing when the test looks, even on a
    // machine so loaded that the test process waits seconds for a core.
    writeRandomFile(source, 64 * MiB);

    SECTION("declined")
    {
        Transfer *sent = alice.transfers().sendFile(bob.jid, source);
        REQUIRE(sent);
        REQUIRE(waitFor([&] { return bob.offers.size() == 1; }));
        bob.offers.first()->decline();
        REQUIRE(waitFor([&] { return ended(sent); }));
        CHECK(sent->state() == Transfer::State::Failed);
        CHECK(sent->error().kind == TransferError::Declined);
        CHECK(describe(sent->error()) == u"The recipient declined the file."_s);
        CHECK(bob.offers.first()->state() == Transfer::State::Cancelled);
        CHECK(filesIn(bob.downloads()).isEmpty());
    }

    SECTION("the sender cancels")
    {
        Transfer *sent = alice.transfers().sendFile(bob.jid, source);
        REQUIRE(sent);
        REQUIRE(waitFor([&] { return bob.offers.size() == 1; }));
        Transfer *received = bob.offers.first();
        received->accept();
        // 2 MiB/s through the proxy: after a few seconds the recipient knows the speed and the
        // time left (the sender counts what went into socket buffers, megabytes ahead).
        REQUIRE(waitFor([&] { return received->bytesTransferred() > 8 * MiB; }, 30000));
        CHECK(received->state() == Transfer::State::Transferring);
        CHECK(received->bytesPerSecond() > 0.5 * MiB);
        CHECK(received->bytesPerSecond() < 8 * MiB);
        CHECK(received->secondsLeft() >= 1);
        CHECK(received->secondsLeft() <= 60);
        CHECK(sent->state() == Transfer::State::Transferring);
        CHECK(sent->bytesPerSecond() > 0);
        const QString partial = received->localPath();
        CHECK(QFile::exists(partial));
        sent->cancel();
        CHECK(sent->state() == Transfer::State::Cancelled);
        REQUIRE(waitFor([&] { return ended(received); }));
        CHECK(received->state() == Transfer::State::Failed);
        CHECK(received->error().kind == TransferError::CancelledByPeer);
        CHECK_FALSE(describe(received->error()).isEmpty());
        CHECK_FALSE(QFile::exists(partial));
        CHECK(filesIn(bob.downloads()).isEmpty());
        CHECK_FALSE(lastFile(bob.messagesWith(alice)).has_value());
    }

    SECTION("the recipient cancels")
    {
        Transfer *sent = alice.transfers().sendFile(bob.jid, source);
        REQUIRE(sent);
        REQUIRE(waitFor([&] { return bob.offers.size() == 1; }));
        Transfer *received = bob.offers.first();
        received->accept();
        REQUIRE(waitFor([&] { return received->bytesTransferred() > MiB; }, 30000));
        const QString partial = received->localPath();
        received->cancel();
        CHECK(received->state() == Transfer::State::Cancelled);
        CHECK_FALSE(QFile::exists(partial));
        REQUIRE(waitFor([&] { return ended(sent); }, 15000));
        CHECK(sent->state() == Transfer::State::Failed);
        CHECK(sent->error().kind == TransferError::CancelledByPeer);
        CHECK(QFile::exists(source));
        CHECK(filesIn(bob.downloads()).isEmpty());
        CHECK_FALSE(lastFile(alice.messagesWith(bob)).has_value());
    }
}

TEST_CASE("Transfers: a server killed mid-transfer fails it on both sides without a partial file, "
          "and the file goes once the server is back",
          "[transfers][kill]")
{
    Office office(withUploads(Backend::Sqlite, slowProxy()));
    REQUIRE(office.ready);
    auto &[server, ready, alice, bob] = office;
    office.befriend();
    alice.transfers().setDirectConnectionsAllowed(false);
    const QString source = alice.file(u"site-survey.mp4"_s);
    const QByteArray hash = writeRandomFile(source, 64 * MiB); // see the cancel test

    Transfer *sent = alice.transfers().sendFile(bob.jid, source);
    REQUIRE(sent);
    REQUIRE(waitFor([&] { return bob.offers.size() == 1; }));
    Transfer *received = bob.offers.first();
    received->accept();
    REQUIRE(waitFor([&] { return received->bytesTransferred() > 2 * MiB; }, 30000));
    const QString partial = received->localPath();
    CHECK(QFile::exists(partial));
    // A second file that bob has not answered yet: the offer goes with the connection.
    const QString notes = alice.file(u"notes.txt"_s);
    writeRandomFile(notes, 1000);
    Transfer *unanswered = alice.transfers().sendFile(bob.jid, notes);
    REQUIRE(waitFor([&] { return bob.offers.size() == 2; }));
    Transfer *offered = bob.offers.last();
    CHECK(unanswered->state() == Transfer::State::Waiting);
    CHECK(offered->state() == Transfer::State::Offered);

    server.kill();
    REQUIRE(waitFor([&] { return ended(sent) && ended(received); }, 30000));
    INFO("sender: " << describe(sent->error()).toStdString()
                    << " / receiver: " << describe(received->error()).toStdString());
    CHECK(sent->state() == Transfer::State::Failed);
    CHECK(received->state() == Transfer::State::Failed);
    CHECK(sent->error().kind == TransferError::ConnectionLost);
    CHECK(received->error().kind == TransferError::ConnectionLost);
    CHECK_FALSE(QFile::exists(partial));
    CHECK(filesIn(bob.downloads()).isEmpty());
    CHECK(sha256Of(source) == hash);
    CHECK_FALSE(lastFile(bob.messagesWith(alice)).has_value());

    // Both accounts come back by themselves; the file is sent again and arrives whole.
    REQUIRE(server.start());
    REQUIRE(waitFor([&] { return alice.loggedIn == 2 && bob.loggedIn == 2; }, 40000));
    for (Transfer *lost : {unanswered, offered}) {
        CHECK(lost->state() == Transfer::State::Failed);
        CHECK(lost->error().kind == TransferError::ConnectionLost);
    }
    CHECK(filesIn(bob.downloads()).isEmpty());
    REQUIRE(waitFor([&] { return alice.sees(bob) && bob.sees(alice); }, 20000));
    alice.transfers().setDirectConnectionsAllowed(true); // not at the slow proxy's pace
    Transfer *again = alice.transfers().sendFile(bob.jid, source);
    REQUIRE(waitFor([&] { return bob.offers.size() == 3; }));
    bob.offers.last()->accept();
    REQUIRE(waitFor([&] { return ended(again) && ended(bob.offers.last()); }, 60000));
    INFO(describe(bob.offers.last()->error()).toStdString());
    REQUIRE(bob.offers.last()->state() == Transfer::State::Finished);
    CHECK(sha256Of(bob.offers.last()->localPath()) == hash);
}

TEST_CASE("Transfers: a file to an offline colleague is uploaded and downloaded after they log in",
          "[transfers][upload]")
{
    const Backend backend = GENERATE(Backend::Sqlite, Backend::MariaDb);
    INFO("backend: " << backendName(backend).toStdString());
    Office office(withUploads(backend));
    REQUIRE(office.ready);
    auto &[server, ready, alice, bob] = office;
    REQUIRE(alice.login());

    const QString source = alice.file(u"Quarterly report 2026.pdf"_s);
    const qint64 size = 5 * MiB + 3;
    const QByteArray hash = writeRandomFile(source, size);
    Transfer *sent = alice.transfers().sendFile(bob.jid, source);
    REQUIRE(sent);
    ProgressProbe uploading(sent);
    REQUIRE(waitFor([&] { return ended(sent); }, 60000));
    INFO(describe(sent->error()).toStdString() << " " << sent->error().detail.toStdString());
    REQUIRE(sent->state() == Transfer::State::Finished);
    CHECK(sent->method() == Transfer::Method::HttpUpload);
    CHECK(uploading.methods == QList{Transfer::Method::HttpUpload});
    CHECK(sent->bytesTransferred() == size);
    CHECK(sent->verified());
    REQUIRE(lastFile(alice.messagesWith(bob)).has_value());
    const HistoryMessage link = *lastFile(alice.messagesWith(bob));
    CHECK(link.direction == MessageDirection::Outgoing);
    CHECK(link.body == link.attachment->url);
    CHECK(link.attachment->url.startsWith(u"https://127.0.0.1:"_s));
    CHECK(link.attachment->name == u"Quarterly report 2026.pdf"_s);
    CHECK(link.attachment->size == size);
    CHECK(link.attachment->sha256 == hash);
    CHECK(link.attachment->mediaType == u"application/pdf"_s);
    CHECK(link.attachment->localPath == QFileInfo(source).absoluteFilePath());

    // Bob logs in later: the link arrives with the offline messages, as a file.
    REQUIRE(bob.login());
    REQUIRE(waitFor([&] { return lastFile(bob.messagesWith(alice)).has_value(); }));
    const HistoryMessage offered = *lastFile(bob.messagesWith(alice));
    CHECK(offered.direction == MessageDirection::Incoming);
    CHECK(offered.flags & HistoryMessage::OfflineDelayed);
    CHECK(offered.attachment->url == link.attachment->url);
    CHECK(offered.attachment->name == u"Quarterly report 2026.pdf"_s);
    CHECK(offered.attachment->size == size);
    CHECK(offered.attachment->sha256 == hash);
    CHECK(offered.attachment->localPath.isEmpty());
    CHECK(bob.offers.isEmpty());

    Transfer *download = bob.transfers().download(offered.id, *offered.attachment, alice.jid);
    REQUIRE(download);
    CHECK(download->direction() == Transfer::Direction::Incoming);
    CHECK(download->method() == Transfer::Method::HttpUpload);
    ProgressProbe downloading(download);
    REQUIRE(waitFor([&] { return ended(download); }, 60000));
    INFO(describe(download->error()).toStdString()
         << " " << download->error().detail.toStdString());
    REQUIRE(download->state() == Transfer::State::Finished);
    CHECK(download->verified());
    CHECK(download->bytesTransferred() == size);
    CHECK(downloading.updates > 0);
    CHECK(download->localPath() == QDir(bob.downloads()).filePath(u"Quarterly report 2026.pdf"_s));
    CHECK(sha256Of(download->localPath()) == hash);
    // The message now knows where the file is, in the model and in the history.
    const auto row = [&] {
        MessageListModel &model = bob.messagesWith(alice);
        for (int i = 0; i < model.rowCount(); ++i) {
            if (model.message(i).id == offered.id)
                return model.index(i);
        }
        return QModelIndex();
    }();
    REQUIRE(row.isValid());
    CHECK(row.data(MessageListModel::AttachmentRole).value<FileAttachment>().localPath ==
          download->localPath());
    const auto stored = bob.account.history().messages(alice.jid, std::nullopt, 10);
    REQUIRE_FALSE(stored.isEmpty());
    CHECK(stored.first().attachment->localPath == download->localPath());

    // A second download of the same file never overwrites the first.
    Transfer *again = bob.transfers().download(offered.id, *offered.attachment, alice.jid);
    REQUIRE(waitFor([&] { return ended(again); }, 60000));
    REQUIRE(again->state() == Transfer::State::Finished);
    CHECK(again->localPath() == QDir(bob.downloads()).filePath(u"Quarterly report 2026 (1).pdf"_s));

    // A file whose hash does not match what was announced is refused and removed.
    FileAttachment forged = *offered.attachment;
    forged.sha256 = QCryptographicHash::hash("something else", QCryptographicHash::Sha256);
    Transfer *damaged = bob.transfers().download(offered.id, forged, alice.jid);
    REQUIRE(waitFor([&] { return ended(damaged); }, 60000));
    CHECK(damaged->state() == Transfer::State::Failed);
    CHECK(damaged->error().kind == TransferError::IntegrityMismatch);
    CHECK_FALSE(QFile::exists(damaged->localPath()));
    CHECK(filesIn(bob.downloads()).size() == 2);
}

TEST_CASE("Transfers: a contact online with a client that does not take SI files gets a link",
          "[transfers][upload]")
{
    TestServer server(withUploads());
    REQUIRE(server.start());
    REQUIRE(server.addUser(u"alice"_s, u"alice pw"_s));
    REQUIRE(server.addUser(u"carol"_s, u"carol pw"_s));
    Peer alice(server, u"alice"_s);
    REQUIRE(alice.login());
    // Carol's client has no file transfer: QXmppClient with its default extensions only.
    QXmppClient carol;
    auto *carolRoster = carol.findExtension<QXmppRosterManager>();
    QObject::connect(carolRoster, &QXmppRosterManager::subscriptionRequestReceived, &carol,
                     [carolRoster](const QString &from) {
                         carolRoster->acceptSubscription(from);
                         carolRoster->subscribe(from);
                     });
    QList<QXmppMessage> inbox;
    QObject::connect(&carol, &QXmppClient::messageReceived,
                     [&](const QXmppMessage &message) { inbox << message; });
    REQUIRE(connectClient(carol, server.clientConfiguration(u"carol"_s, u"carol pw"_s)));
    const QString carolJid = u"carol@"_s + server.domain();
    alice.roster().subscribe(carolJid);
    REQUIRE(waitFor([&] { return !alice.roster().getAllPresencesForBareJid(carolJid).isEmpty(); }));

    const QString source = alice.file(u"agenda.txt"_s);
    const QByteArray hash = writeRandomFile(source, 4000);
    Transfer *sent = alice.transfers().sendFile(carolJid, source);
    REQUIRE(sent);
    REQUIRE(waitFor([&] { return ended(sent); }, 30000));
    REQUIRE(sent->state() == Transfer::State::Finished);
    CHECK(sent->method() == Transfer::Method::HttpUpload);
    REQUIRE(waitFor([&] {
        return std::any_of(inbox.cbegin(), inbox.cend(), [](const QXmppMessage &message) {
            return !message.outOfBandUrl().isEmpty();
        });
    }));
    const auto link = std::find_if(inbox.cbegin(), inbox.cend(), [](const QXmppMessage &message) {
        return !message.outOfBandUrl().isEmpty();
    });
    CHECK(link->body() == link->outOfBandUrl());
    CHECK(link->outOfBandUrl().endsWith(u"/agenda.txt"_s));
    REQUIRE(link->sharedFiles().size() == 1);
    CHECK(link->sharedFiles().first().metadata().filename() == u"agenda.txt"_s);
    CHECK(link->sharedFiles().first().metadata().size() == 4000u);
    REQUIRE(link->sharedFiles().first().metadata().hashes().size() == 1);
    CHECK(link->sharedFiles().first().metadata().hashes().first().hash() == hash);
}

TEST_CASE("Transfers: size limit, quota and a server without uploads give clear errors",
          "[transfers][upload]")
{
    const Backend backend = GENERATE(Backend::Sqlite, Backend::MariaDb);
    INFO("backend: " << backendName(backend).toStdString());
    Office office(
        withUploads(backend, {{u"upload/max_file_size"_s, QString::number(MiB)},
                              {u"upload/quota_per_user"_s, QString::number(MiB + MiB / 2)}}));
    REQUIRE(office.ready);
    auto &[server, ready, alice, bob] = office;
    REQUIRE(alice.login());

    const QString large = alice.file(u"large.iso"_s);
    writeRandomFile(large, 2 * MiB);
    Transfer *tooLarge = alice.transfers().sendFile(bob.jid, large);
    REQUIRE(tooLarge);
    REQUIRE(waitFor([&] { return ended(tooLarge); }, 30000));
    CHECK(tooLarge->state() == Transfer::State::Failed);
    CHECK(tooLarge->error().kind == TransferError::FileTooLarge);
    CHECK(tooLarge->error().limit == MiB);
    CHECK(describe(tooLarge->error()) ==
          u"The file is too large for the server: at most %1 can be uploaded."_s.arg(
              QLocale().formattedDataSize(MiB)));

    const QString first = alice.file(u"first.bin"_s);
    writeRandomFile(first, MiB);
    Transfer *fits = alice.transfers().sendFile(bob.jid, first);
    REQUIRE(waitFor([&] { return ended(fits); }, 30000));
    CHECK(fits->state() == Transfer::State::Finished);
    Transfer *overQuota = alice.transfers().sendFile(bob.jid, first);
    REQUIRE(waitFor([&] { return ended(overQuota); }, 30000));
    CHECK(overQuota->state() == Transfer::State::Failed);
    CHECK(overQuota->error().kind == TransferError::QuotaExceeded);
    CHECK(describe(overQuota->error()).contains(u"upload space"_s));

    // Nothing happens for a file that cannot be read.
    TransferError error;
    CHECK(alice.transfers().sendFile(bob.jid, alice.file(u"missing.txt"_s), &error) == nullptr);
    CHECK(error.kind == TransferError::LocalFile);

    // Without an upload service, a file cannot reach someone offline.
    TestServer plain({.backend = backend, .settings = {{u"upload/enabled"_s, u"false"_s}}});
    REQUIRE(plain.start());
    REQUIRE(plain.addUser(u"carol"_s, u"carol pw"_s));
    Peer carol(plain, u"carol"_s);
    REQUIRE(carol.login());
    Transfer *nowhere = carol.transfers().sendFile(u"dave@"_s + plain.domain(), first);
    REQUIRE(waitFor([&] { return ended(nowhere); }, 30000));
    CHECK(nowhere->error().kind == TransferError::NoUploadService);
    CHECK_FALSE(describe(nowhere->error()).isEmpty());
}

TEST_CASE("Transfers: a file into a room reaches every occupant as a download",
          "[transfers][rooms]")
{
    Office office(withUploads());
    REQUIRE(office.ready);
    auto &[server, ready, alice, bob] = office;
    REQUIRE(alice.login());
    REQUIRE(bob.login());
    const QString roomJid = u"design@conference."_s + server.domain();
    REQUIRE(waitFor([&] { return !alice.account.rooms().serviceJid().isEmpty(); }));
    Room *aliceRoom = alice.account.rooms().join(roomJid, u"Alice"_s);
    REQUIRE(aliceRoom);
    REQUIRE(waitFor([&] { return aliceRoom->state() == Room::State::Joined; }));
    Room *bobRoom = bob.account.rooms().join(roomJid, u"Bob"_s);
    REQUIRE(bobRoom);
    REQUIRE(waitFor([&] { return bobRoom->state() == Room::State::Joined; }));

    const QString source = alice.file(u"mockup.png"_s);
    const QByteArray hash = writeRandomFile(source, 700 * 1024);
    Transfer *sent = alice.transfers().sendFileToRoom(roomJid, source);
    REQUIRE(sent);
    CHECK(sent->toRoom());
    REQUIRE(waitFor([&] { return ended(sent); }, 30000));
    INFO(describe(sent->error()).toStdString() << " " << sent->error().detail.toStdString());
    REQUIRE(sent->state() == Transfer::State::Finished);
    CHECK(sent->method() == Transfer::Method::HttpUpload);

    REQUIRE(waitFor([&] { return lastFile(bobRoom->messages()).has_value(); }));
    const HistoryMessage shared = *lastFile(bobRoom->messages());
    CHECK(shared.kind == ConversationKind::GroupChat);
    CHECK(shared.attachment->name == u"mockup.png"_s);
    CHECK(shared.attachment->sha256 == hash);
    CHECK(shared.attachment->mediaType == u"image/png"_s);
    // The sender's own copy is the local file, and the room's echo marks it sent.
    REQUIRE(waitFor([&] { return lastFile(aliceRoom->messages()).has_value(); }));
    CHECK(lastFile(aliceRoom->messages())->direction == MessageDirection::Outgoing);
    CHECK(lastFile(aliceRoom->messages())->attachment->localPath == source);
    REQUIRE(
        waitFor([&] { return lastFile(aliceRoom->messages())->delivery == DeliveryState::Sent; }));
    CHECK(countFiles(aliceRoom->messages()) == 1);

    Transfer *download = bob.transfers().download(shared.id, *shared.attachment, roomJid);
    CHECK(download->toRoom());
    REQUIRE(waitFor([&] { return ended(download); }, 30000));
    REQUIRE(download->state() == Transfer::State::Finished);
    CHECK(sha256Of(download->localPath()) == hash);
    CHECK(lastFile(bobRoom->messages())->attachment->localPath == download->localPath());

    // Not in the room: nothing is uploaded.
    Transfer *outside =
        bob.transfers().sendFileToRoom(u"elsewhere@conference."_s + server.domain(), source);
    REQUIRE(outside);
    CHECK(outside->state() == Transfer::State::Failed);
    CHECK(outside->error().kind == TransferError::NotConnected);
}

#ifdef Q_OS_LINUX
// Full disks: small tmpfs disks in a mount namespace of the test's own (Linux only).
namespace {

// A tmpfs of `bytes` mounted on `directory` for the object's life: a disk that fills up. Only in
// a mount namespace of the test's own (tests/scripts/in-mount-namespace.sh, as ctest runs it),
// never on the machine's.
class SmallDisk {
public:
    SmallDisk(const QString &directory, qint64 bytes) : m_directory(directory)
    {
        char link[64] = {};
        const ssize_t length = ::readlink("/proc/self/ns/mnt", link, sizeof link - 1);
        const QString own = length > 0 ? QString::fromLatin1(link, length) : QString();
        if (own.isEmpty() || own != qEnvironmentVariable("FLINT_PRIVATE_MOUNTS") ||
            own == qEnvironmentVariable("FLINT_MACHINE_MOUNTS"))
            FAIL("not in a mount namespace of its own: run it through "
                 "tests/scripts/in-mount-namespace.sh, as ctest does");
        REQUIRE(QDir().mkpath(directory));
        const QByteArray options = "size=" + QByteArray::number(bytes) + ",mode=0777";
        if (::mount("tmpfs", QFile::encodeName(directory).constData(), "tmpfs",
                    MS_NOSUID | MS_NODEV, options.constData()) != 0)
            FAIL("cannot mount a tmpfs on " << directory.toStdString() << ": "
                                            << std::strerror(errno));
        m_mounted = true;
    }
    ~SmallDisk()
    {
        if (m_mounted)
            ::umount2(QFile::encodeName(m_directory).constData(), MNT_DETACH);
    }
    SmallDisk(const SmallDisk &) = delete;
    SmallDisk &operator=(const SmallDisk &) = delete;

private:
    QString m_directory;
    bool m_mounted = false;
};

} // namespace

// Hidden from the plain run: ctest runs it in a mount namespace of its own (tests/CMakeLists.txt).
TEST_CASE("Transfers: full disks on the server and on the recipient's computer lose nothing",
          "[.][diskfull]")
{
    // The server keeps 1 MiB free on a 6 MiB disk for its uploads.
    TestServer server(withUploads(Backend::Sqlite, {{u"upload/min_free_space"_s, u"1048576"_s}}));
    SmallDisk serverDisk(server.dataDirectory() + u"/uploads"_s, 6 * MiB);
    REQUIRE(server.start());
    REQUIRE(server.addUser(u"alice"_s, u"alice pw"_s));
    REQUIRE(server.addUser(u"bob"_s, u"bob pw"_s));
    Peer alice(server, u"alice"_s);
    Peer bob(server, u"bob"_s);
    REQUIRE(alice.login());

    // Three files of 2.5 MiB for bob, who is offline: each slot finds room, but once two files
    // are stored the third does not fit; its PUT gets 507 and leaves nothing behind.
    const qint64 size = 5 * MiB / 2;
    QList<Transfer *> sent;
    QList<QByteArray> hashes;
    for (int i = 1; i <= 3; ++i) {
        const QString source = alice.file(u"plan-%1.bin"_s.arg(i));
        hashes << writeRandomFile(source, size);
        sent << alice.transfers().sendFile(bob.jid, source);
        REQUIRE(sent.last());
    }
    REQUIRE(waitFor([&] { return std::all_of(sent.begin(), sent.end(), ended); }, 60000));
    QList<Transfer *> stored;
    for (Transfer *transfer : std::as_const(sent)) {
        INFO(transfer->fileName().toStdString() << ": " << describe(transfer->error()).toStdString()
                                                << " " << transfer->error().detail.toStdString());
        if (transfer->state() == Transfer::State::Finished) {
            stored << transfer;
            continue;
        }
        CHECK(transfer->state() == Transfer::State::Failed);
        CHECK(transfer->error().kind == TransferError::ServerStorage);
        CHECK(transfer->error().detail.contains(u"Insufficient Storage"_s));
    }
    REQUIRE(stored.size() == 2);
    CHECK(describe(TransferError{.kind = TransferError::ServerStorage}) ==
          u"The server could not store the file: its disk may be full. Try again later."_s);
    // Only the two stored files are on the server's disk: no temporary file is left.
    CHECK(QDir(server.dataDirectory() + u"/uploads"_s).entryList(QDir::Files).size() == 2);

    // A file that would leave less than min_free_space is refused before it is sent.
    const QString small = alice.file(u"notes.txt"_s);
    writeRandomFile(small, MiB / 2);
    Transfer *refused = alice.transfers().sendFile(bob.jid, small);
    REQUIRE(waitFor([&] { return ended(refused); }, 30000));
    CHECK(refused->state() == Transfer::State::Failed);
    CHECK(refused->error().kind == TransferError::ServerStorage);
    CHECK(refused->bytesTransferred() == 0);
    REQUIRE(server.isRunning());

    // Bob gets the two links; his downloads folder is a 3 MiB disk.
    REQUIRE(bob.login());
    REQUIRE(waitFor([&] { return countFiles(bob.messagesWith(alice)) == 2; }));
    QList<HistoryMessage> links;
    const MessageListModel &inbox = bob.messagesWith(alice);
    for (int row = 0; row < inbox.rowCount(); ++row) {
        if (inbox.message(row).attachment)
            links << inbox.message(row);
    }
    REQUIRE(links.size() == 2);
    const QString smallDisk = bob.file(u"small-disk"_s);
    SmallDisk bobDisk(smallDisk, 3 * MiB);
    const auto download = [&](const HistoryMessage &link, const QString &directory) {
        return bob.transfers().download(link.id, *link.attachment, alice.jid,
                                        QDir(directory).filePath(link.attachment->name));
    };
    Transfer *first = download(links[0], smallDisk);
    REQUIRE(waitFor([&] { return ended(first); }, 30000));
    REQUIRE(first->state() == Transfer::State::Finished);
    CHECK(first->verified());

    // The second does not fit: refused before anything is written, the first file untouched.
    Transfer *second = download(links[1], smallDisk);
    REQUIRE(waitFor([&] { return ended(second); }, 30000));
    CHECK(second->state() == Transfer::State::Failed);
    CHECK(second->error().kind == TransferError::DiskFull);
    CHECK(second->error().limit < size);
    CHECK(describe(second->error())
              .startsWith(u"There is not enough free space on this computer for the file: "_s));
    CHECK(describe(second->error()).contains(QDir::toNativeSeparators(smallDisk)));
    CHECK(filesIn(smallDisk) == QStringList{QFileInfo(first->localPath()).fileName()});
    CHECK(hashes.contains(sha256Of(first->localPath())));

    // Two downloads that each fit but not together: the one that runs out of room stops and
    // removes its part, the other arrives whole.
    const QString sharedDisk = bob.file(u"shared-disk"_s);
    SmallDisk shared(sharedDisk, 4 * MiB);
    Transfer *one = download(links[0], sharedDisk);
    Transfer *two = download(links[1], sharedDisk);
    REQUIRE(waitFor([&] { return ended(one) && ended(two); }, 30000));
    const bool oneFinished = one->state() == Transfer::State::Finished;
    Transfer *whole = oneFinished ? one : two;
    Transfer *cut = oneFinished ? two : one;
    INFO(describe(cut->error()).toStdString() << " " << cut->error().detail.toStdString());
    REQUIRE(whole->state() == Transfer::State::Finished);
    CHECK(whole->verified());
    CHECK(cut->state() == Transfer::State::Failed);
    CHECK(cut->error().kind == TransferError::DiskFull);
    CHECK(filesIn(sharedDisk) == QStringList{QFileInfo(whole->localPath()).fileName()});
    CHECK(hashes.contains(sha256Of(whole->localPath())));
}
#endif // Q_OS_LINUX

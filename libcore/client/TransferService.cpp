#include "TransferService.h"

#include "client/AccountSession.h"
#include "client/CertificateTrust.h"
#include "client/Conversation.h"
#include "client/ConversationManager.h"
#include "client/FileLinks.h"
#include "client/MessageListModel.h"
#include "client/RoomService.h"
#include "common/Logging.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QDomElement>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QLocale>
#include <QMimeDatabase>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QStorageInfo>
#include <QTimer>
#include <QUuid>
#include <QXmppClient.h>
#include <QXmppClientExtension.h>
#include <QXmppDiscoveryIq.h>
#include <QXmppDiscoveryManager.h>
#include <QXmppHttpUploadManager.h>
#include <QXmppMessage.h>
#include <QXmppPresence.h>
#include <QXmppTask.h>
#include <QXmppTransferManager.h>
#include <QXmppUploadRequestManager.h>
#include <QXmppUtils.h>
#include <QtConcurrent>

#include <functional>

using namespace Qt::StringLiterals;

namespace flint {

QString describe(const TransferError &error)
{
    switch (error.kind) {
    case TransferError::NotConnected:
        return QCoreApplication::translate("flint::TransferService",
                                           "The file was not sent: you are not connected.");
    case TransferError::ConnectionLost:
        return QCoreApplication::translate(
            "flint::TransferService",
            "The connection to the server was lost during the transfer. Once you are back "
            "online, the file can be sent again.");
    case TransferError::Declined:
        return QCoreApplication::translate("flint::TransferService",
                                           "The recipient declined the file.");
    case TransferError::CancelledByPeer:
        return QCoreApplication::translate("flint::TransferService",
                                           "The other side cancelled the transfer.");
    case TransferError::PeerUnavailable:
        return QCoreApplication::translate(
            "flint::TransferService",
            "The other side went offline or cannot receive files this way.");
    case TransferError::ConnectionFailed:
        return QCoreApplication::translate(
            "flint::TransferService",
            "No connection for the file could be set up, neither directly, through the "
            "server's proxy nor through the server itself.");
    case TransferError::FileTooLarge:
        if (error.limit >= 0)
            return QCoreApplication::translate(
                       "flint::TransferService",
                       "The file is too large for the server: at most %1 can be uploaded.")
                .arg(QLocale().formattedDataSize(error.limit));
        return QCoreApplication::translate("flint::TransferService",
                                           "The file is too large for the server.");
    case TransferError::QuotaExceeded:
        return QCoreApplication::translate(
            "flint::TransferService",
            "Your upload space on the server is used up; older files expire after a while.");
    case TransferError::NoUploadService:
        return QCoreApplication::translate(
            "flint::TransferService",
            "The server offers no file storage, so files cannot be sent to someone who is "
            "offline or into a room.");
    case TransferError::UploadFailed:
        return QCoreApplication::translate("flint::TransferService",
                                           "The server did not take or give the file.");
    case TransferError::ServerStorage:
        return QCoreApplication::translate(
            "flint::TransferService",
            "The server could not store the file: its disk may be full. Try again later.");
    case TransferError::DiskFull:
        return QCoreApplication::translate(
                   "flint::TransferService",
                   "There is not enough free space on this computer for the file: %1 free in %2.")
            .arg(QLocale().formattedDataSize(qMax<qint64>(error.limit, 0)),
                 QDir::toNativeSeparators(error.detail));
    case TransferError::IntegrityMismatch:
        return QCoreApplication::translate(
            "flint::TransferService",
            "The received file is damaged: it differs from what the sender sent. It was deleted.");
    case TransferError::LocalFile:
        return QCoreApplication::translate("flint::TransferService",
                                           "The file could not be read or written on this "
                                           "computer.");
    case TransferError::Other:
        break;
    }
    return QCoreApplication::translate("flint::TransferService", "The file transfer failed.");
}

struct Transfer::Private {
    QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    Direction direction = Direction::Outgoing;
    Method method = Method::Undecided;
    State state = State::Waiting;
    QString peer;
    bool toRoom = false;
    QString fileName;
    qint64 size = -1;
    qint64 bytes = 0;
    double bytesPerSecond = 0;
    QString localPath;
    QDateTime started = QDateTime::currentDateTimeUtc();
    TransferError error;
    bool verified = false;

    // What Transfer's accept/decline/cancel do, set by TransferService.
    std::function<void(const QString &)> onAccept;
    std::function<void()> onDecline;
    std::function<void()> onCancel;

    // Speed: bytes over the last SpeedWindowMs, from samples at least SampleIntervalMs apart
    // (milliseconds since the transfer began to move, bytes by then).
    QElapsedTimer sampleClock;
    QList<std::pair<qint64, qint64>> samples;

    // Bytestreams (XEP-0096).
    QPointer<QXmppTransferJob> job;
    QXmppTransferJob::State jobState = QXmppTransferJob::OfferState; // the last before finishing
    QString fullJid;                                                 // the peer's resource
    QByteArray md5;                                                  // the SI hash of the file
    QString streamHost;           // incoming: the streamhost we connected to
    bool inBandOnly = false;      // offered again over IBB after SOCKS5 failed
    bool awaitingReoffer = false; // incoming: lost to a SOCKS5 failure, the IBB offer to come
    QString offeredName;          // incoming: the name as the sender gave it

    // Links (XEP-0363 upload, HTTP download).
    std::shared_ptr<QXmppHttpUpload> upload;
    QPointer<QNetworkReply> reply;
    std::unique_ptr<QFile> download;
    QCryptographicHash sha256{QCryptographicHash::Sha256};
    FileAttachment attachment;
    qint64 messageId = 0;
};
Transfer::Transfer(QObject *parent) : QObject(parent), d(std::make_unique<Private>()) {}

Transfer::~Transfer() = default;

QString Transfer::id() const
{
    return d->id;
}

Transfer::Direction Transfer::direction() const
{
    return d->direction;
}

Transfer::Method Transfer::method() const
{
    return d->method;
}

Transfer::State Transfer::state() const
{
    return d->state;
}

bool Transfer::isActive() const
{
    return d->state != State::Finished && d->state != State::Failed && d->state != State::Cancelled;
}

QString Transfer::peer() const
{
    return d->peer;
}

bool Transfer::toRoom() const
{
    return d->toRoom;
}

QString Transfer::fileName() const
{
    return d->fileName;
}

qint64 Transfer::size() const
{
    return d->size;
}

qint64 Transfer::bytesTransferred() const
{
    return d->bytes;
}

double Transfer::bytesPerSecond() const
{
    return d->bytesPerSecond;
}

qint64 Transfer::secondsLeft() const
{
    if (d->size < 0 || d->bytesPerSecond <= 0 || d->state != State::Transferring)
        return -1;
    return qint64(double(d->size - d->bytes) / d->bytesPerSecond + 0.5);
}

QString Transfer::localPath() const
{
    return d->localPath;
}

QDateTime Transfer::started() const
{
    return d->started;
}

TransferError Transfer::error() const
{
    return d->error;
}

bool Transfer::verified() const
{
    return d->verified;
}

void Transfer::accept(const QString &path)
{
    if (d->state == State::Offered && d->onAccept)
        d->onAccept(path);
}

void Transfer::decline()
{
    if (d->state == State::Offered && d->onDecline)
        d->onDecline();
}

void Transfer::cancel()
{
    if (isActive() && d->onCancel)
        d->onCancel();
}

int TransferListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_transfers.size());
}

QVariant TransferListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_transfers.size())
        return {};
    Transfer *transfer = m_transfers.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return transfer->fileName();
    case TransferRole:
        return QVariant::fromValue<QObject *>(transfer);
    default:
        return {};
    }
}

std::optional<int> TransferListModel::rowOf(const Transfer *transfer) const
{
    const qsizetype row = m_transfers.indexOf(transfer);
    if (row < 0)
        return std::nullopt;
    return int(row);
}

void TransferListModel::add(Transfer *transfer)
{
    beginInsertRows({}, 0, 0);
    m_transfers.prepend(transfer);
    endInsertRows();
}

void TransferListModel::changed(Transfer *transfer)
{
    if (const auto row = rowOf(transfer))
        Q_EMIT dataChanged(index(*row), index(*row));
}

void TransferListModel::removeFinished()
{
    for (qsizetype row = m_transfers.size() - 1; row >= 0; --row) {
        if (m_transfers.at(row)->isActive())
            continue;
        beginRemoveRows({}, int(row), int(row));
        Transfer *transfer = m_transfers.takeAt(row);
        endRemoveRows();
        transfer->deleteLater();
    }
}

namespace {

constexpr auto SiFileTransferNs = "http://jabber.org/protocol/si/profile/file-transfer";
constexpr auto BytestreamsNs = "http://jabber.org/protocol/bytestreams";
constexpr auto IbbNs = "http://jabber.org/protocol/ibb";
constexpr auto HttpUploadNs = "urn:xmpp:http:upload:0";
constexpr qint64 SampleIntervalMs = 250;
constexpr qint64 SpeedWindowMs = 3000;
// How long a receiver whose SOCKS5 connection failed waits for the sender's in-band offer.
constexpr int ReofferTimeoutMs = 30000;
// How long a bytestream that ended early waits for the news that explains it: the end of our
// own connection or the peer's unavailable presence come just after it.
constexpr int InterruptionSettleMs = 1000;

// Sees what QXmppTransferManager consumes without telling: which streamhost a recipient used
// (direct or the proxy) and why a peer refused an offer. Runs before it and handles nothing.
class TransferObserver : public QXmppClientExtension {
public:
    bool handleStanza(const QDomElement &element) override
    {
        if (element.tagName() != u"iq"_s)
            return false;
        const QString type = element.attribute(u"type"_s);
        const QString from = element.attribute(u"from"_s);
        if (type == u"result"_s) {
            const QDomElement query = element.firstChildElement(u"query"_s);
            const QDomElement used = query.firstChildElement(u"streamhost-used"_s);
            if (query.namespaceURI() == QLatin1String(BytestreamsNs) && !used.isNull())
                m_streamHostUsed.insert(from, used.attribute(u"jid"_s));
        } else if (type == u"error"_s) {
            QXmppIq iq;
            iq.parse(element);
            m_lastErrors.insert(from, iq.error().condition());
        }
        return false;
    }
    QString takeStreamHostUsed(const QString &jid) { return m_streamHostUsed.take(jid); }
    std::optional<QXmppStanza::Error::Condition> takeLastError(const QString &jid)
    {
        if (!m_lastErrors.contains(jid))
            return std::nullopt;
        return m_lastErrors.take(jid);
    }

private:
    QHash<QString, QString> m_streamHostUsed;                   // by the recipient's JID
    QHash<QString, QXmppStanza::Error::Condition> m_lastErrors; // by the sender's JID
};

// A name from someone else made safe to use in a folder: no directories, never empty.
QString safeFileName(const QString &name)
{
    QString safe = QFileInfo(QString(name).replace(u'\\', u'/')).fileName().trimmed();
    safe.remove(QRegularExpression(u"[\\x00-\\x1f]"_s));
    if (safe.isEmpty() || safe == u"."_s || safe == u".."_s)
        return QCoreApplication::translate("flint::TransferService", "file");
    return safe;
}

// Creates `path`, or "name (1).ext", "name (2).ext"… when it exists: an existing file is never
// overwritten, and the name is taken atomically (NewOnly). Null when no file can be created.
std::unique_ptr<QFile> createUniqueFile(const QString &path)
{
    const QFileInfo info(path);
    QDir().mkpath(info.absolutePath());
    const QString base = info.baseName();
    const QString suffix = info.completeSuffix();
    for (int n = 0; n < 10000; ++n) {
        QString name = info.fileName();
        if (n > 0)
            name = base.isEmpty()     ? u"%1 (%2)"_s.arg(info.fileName()).arg(n)
                   : suffix.isEmpty() ? u"%1 (%2)"_s.arg(base).arg(n)
                                      : u"%1 (%2).%3"_s.arg(base).arg(n).arg(suffix);
        auto file = std::make_unique<QFile>(info.absoluteDir().filePath(name));
        if (file->open(QIODevice::WriteOnly | QIODevice::NewOnly))
            return file;
        if (!file->exists())
            return nullptr;
    }
    return nullptr;
}

// Why `needed` more bytes cannot go into a file in `directory`: DiskFull when its disk has less
// free space than that, else nullopt.
std::optional<TransferError> diskFull(const QString &directory, qint64 needed)
{
    const QStorageInfo storage(directory);
    if (!storage.isValid() || !storage.isReady() || storage.bytesAvailable() >= needed)
        return std::nullopt;
    return TransferError{
        .kind = TransferError::DiskFull, .limit = storage.bytesAvailable(), .detail = directory};
}

// The error for a file at `path` that could not be written with `needed` bytes still to come.
TransferError writeError(const QString &path, qint64 needed, const QString &detail)
{
    return diskFull(QFileInfo(path).absolutePath(), qMax<qint64>(needed, 1))
        .value_or(TransferError{.kind = TransferError::LocalFile, .limit = -1, .detail = detail});
}

QByteArray hashFile(const QString &path, QCryptographicHash::Algorithm algorithm)
{
    QFile file(path);
    QCryptographicHash hash(algorithm);
    if (!file.open(QIODevice::ReadOnly) || !hash.addData(&file))
        return {};
    return hash.result();
}

TransferError uploadError(const QXmppError &error)
{
    TransferError result{
        .kind = TransferError::UploadFailed, .limit = -1, .detail = error.description};
    if (const auto stanza = error.value<QXmppStanza::Error>()) {
        if (stanza->fileTooLarge()) {
            result.kind = TransferError::FileTooLarge;
            result.limit = stanza->maxFileSize() > 0 ? stanza->maxFileSize() : -1;
        } else if (stanza->condition() == QXmppStanza::Error::ResourceConstraint) {
            result.kind = TransferError::QuotaExceeded;
        } else if (stanza->condition() == QXmppStanza::Error::InternalServerError) {
            result.kind = TransferError::ServerStorage;
        } else if (stanza->condition() == QXmppStanza::Error::ServiceUnavailable ||
                   stanza->condition() == QXmppStanza::Error::FeatureNotImplemented) {
            result.kind = TransferError::NoUploadService;
        }
    } else if (const auto network = error.value<QNetworkReply::NetworkError>()) {
        // The PUT: 500 or 507 Insufficient Storage (UnknownServerError).
        if (*network == QNetworkReply::InternalServerError ||
            *network == QNetworkReply::UnknownServerError)
            result.kind = TransferError::ServerStorage;
    } else if (error.isFileError()) {
        result.kind = TransferError::LocalFile;
    }
    return result;
}

} // namespace

struct TransferService::Private {
    Private(TransferService *q, AccountSession &session, ConversationManager &conversations,
            RoomService &rooms)
        : q(q), session(session), conversations(conversations), rooms(rooms)
    {}

    QXmppClient &client() const { return session.client(); }
    QString ownJid() const { return client().configuration().jid(); }

    // --- transfers and their states ---

    Transfer *newTransfer(Transfer::Direction direction, const QString &peer)
    {
        auto *transfer = new Transfer(q);
        transfer->d->direction = direction;
        transfer->d->peer = peer;
        transfer->d->state = direction == Transfer::Direction::Outgoing
                                 ? Transfer::State::Waiting
                                 : Transfer::State::Connecting;
        return transfer;
    }

    void announce(Transfer *transfer)
    {
        QPointer<Transfer> guard(transfer);
        transfer->d->onCancel = [this, guard] {
            if (guard)
                cancel(guard);
        };
        model.add(transfer);
        Q_EMIT q->transferAdded(transfer);
    }

    void setState(Transfer *transfer, Transfer::State state)
    {
        Transfer::Private &p = *transfer->d;
        if (p.state == state)
            return;
        p.state = state;
        if (state != Transfer::State::Transferring)
            p.bytesPerSecond = 0;
        p.sampleClock.invalidate();
        p.samples.clear();
        model.changed(transfer);
        Q_EMIT transfer->stateChanged(state);
        if (!transfer->isActive())
            Q_EMIT q->transferFinished(transfer);
    }

    void setMethod(Transfer *transfer, Transfer::Method method)
    {
        if (transfer->d->method == method)
            return;
        transfer->d->method = method;
        model.changed(transfer);
        Q_EMIT transfer->methodChanged(method);
    }

    void progress(Transfer *transfer, qint64 bytes)
    {
        Transfer::Private &p = *transfer->d;
        p.bytes = bytes;
        if (!p.sampleClock.isValid()) {
            p.sampleClock.start();
            p.samples = {{0, bytes}};
        }
        const qint64 now = p.sampleClock.elapsed();
        if (now - p.samples.constLast().first >= SampleIntervalMs) {
            p.samples.append({now, bytes});
            while (p.samples.size() > 2 && now - p.samples.at(1).first >= SpeedWindowMs)
                p.samples.removeFirst();
            const auto [since, base] = p.samples.constFirst();
            p.bytesPerSecond = double(bytes - base) * 1000.0 / double(now - since);
            model.changed(transfer);
        }
        Q_EMIT transfer->progressChanged(bytes);
    }

    void fail(Transfer *transfer, TransferError error)
    {
        if (!transfer->isActive())
            return;
        qCInfo(lcClientTransfer) << "transfer of" << transfer->d->fileName << "with"
                                 << transfer->d->peer << "failed:" << error.kind << error.detail;
        transfer->d->error = std::move(error);
        setState(transfer, Transfer::State::Failed);
    }

    void finish(Transfer *transfer, bool verified)
    {
        transfer->d->verified = verified;
        setState(transfer, Transfer::State::Finished);
    }

    // --- services and peers ---

    void discoverServices()
    {
        servicesKnown = false;
        proxyJid.clear();
        uploadJid.clear();
        const quint64 login = ++loginCount;
        const QString domain = client().configuration().domain();
        disco->requestDiscoItems(domain).then(
            q, [this, login](QXmppDiscoveryManager::ItemsResult &&result) {
                if (login != loginCount)
                    return;
                const auto *items = std::get_if<QList<QXmppDiscoveryIq::Item>>(&result);
                if (!items || items->isEmpty()) {
                    servicesDiscovered();
                    return;
                }
                auto pending = std::make_shared<qsizetype>(items->size());
                for (const QXmppDiscoveryIq::Item &item : *items) {
                    disco->requestDiscoInfo(item.jid())
                        .then(q, [this, login, pending,
                                  jid = item.jid()](QXmppDiscoveryManager::InfoResult &&result) {
                            if (login != loginCount)
                                return;
                            if (const auto *info = std::get_if<QXmppDiscoveryIq>(&result))
                                noteService(jid, *info);
                            if (--*pending == 0)
                                servicesDiscovered();
                        });
                }
            });
    }

    void noteService(const QString &jid, const QXmppDiscoveryIq &info)
    {
        for (const QXmppDiscoveryIq::Identity &identity : info.identities()) {
            if (identity.category() == u"proxy"_s && identity.type() == u"bytestreams"_s &&
                proxyJid.isEmpty())
                proxyJid = jid;
        }
        if (info.features().contains(QLatin1String(HttpUploadNs)) && uploadJid.isEmpty())
            uploadJid = jid;
    }

    void servicesDiscovered()
    {
        qCInfo(lcClientTransfer) << "bytestream proxy:" << proxyJid << "upload:" << uploadJid;
        manager->setProxy(proxyJid);
        servicesKnown = true;
        const auto waiting = std::exchange(afterDiscovery, {});
        for (const auto &run : waiting)
            run();
    }

    void whenServicesKnown(std::function<void()> run)
    {
        if (servicesKnown)
            run();
        else
            afterDiscovery.append(std::move(run));
    }

    void handlePresence(const QXmppPresence &presence)
    {
        const QString bare = QXmppUtils::jidToBareJid(presence.from()).toLower();
        const QString resource = QXmppUtils::jidToResource(presence.from());
        if (resource.isEmpty())
            return;
        if (presence.type() == QXmppPresence::Available)
            online[bare].insert(resource, presence.priority());
        else if (presence.type() == QXmppPresence::Unavailable && online.contains(bare))
            online[bare].remove(resource);
    }

    bool isOnline(const QString &fullJid) const
    {
        return online.value(QXmppUtils::jidToBareJid(fullJid).toLower())
            .contains(QXmppUtils::jidToResource(fullJid));
    }

    // The peer's online resources, highest priority first (a full JID: just that one).
    QStringList resourcesOf(const QString &jid) const
    {
        if (!QXmppUtils::jidToResource(jid).isEmpty())
            return isOnline(jid) ? QStringList{jid} : QStringList{};
        const QString bare = QXmppUtils::jidToBareJid(jid).toLower();
        const QHash<QString, int> resources = online.value(bare);
        QStringList names = resources.keys();
        std::sort(names.begin(), names.end(), [&](const QString &a, const QString &b) {
            return resources.value(a) > resources.value(b);
        });
        QStringList jids;
        for (const QString &resource : std::as_const(names)) {
            const QString full = bare + u'/' + resource;
            if (full != ownJid())
                jids << full;
        }
        return jids;
    }

    // --- sending ---

    // Asks the peer's resources in turn whether they take SI file transfer; the first that does
    // gets a bytestream offer, and when none does the file goes by upload.
    void chooseRoute(QPointer<Transfer> transfer, QStringList candidates)
    {
        if (!transfer || !transfer->isActive())
            return;
        if (candidates.isEmpty()) {
            whenServicesKnown([this, transfer] {
                if (transfer)
                    startUpload(transfer);
            });
            return;
        }
        const QString jid = candidates.takeFirst();
        disco->requestDiscoInfo(jid).then(
            q, [this, transfer, jid, candidates](QXmppDiscoveryManager::InfoResult &&result) {
                const auto *info = std::get_if<QXmppDiscoveryIq>(&result);
                const bool fileTransfer =
                    info && info->features().contains(QLatin1String(SiFileTransferNs)) &&
                    (info->features().contains(QLatin1String(BytestreamsNs)) ||
                     info->features().contains(QLatin1String(IbbNs)));
                if (!fileTransfer) {
                    chooseRoute(transfer, candidates);
                    return;
                }
                if (!transfer || !transfer->isActive())
                    return;
                transfer->d->fullJid = jid;
                whenServicesKnown([this, transfer] {
                    if (transfer)
                        startBytestream(transfer);
                });
            });
    }

    void startBytestream(Transfer *transfer)
    {
        QPointer<Transfer> guard(transfer);
        auto *watcher = new QFutureWatcher<QByteArray>(transfer);
        connect(watcher, &QFutureWatcher<QByteArray>::finished, transfer, [this, guard, watcher] {
            watcher->deleteLater();
            if (!guard || !guard->isActive())
                return;
            guard->d->md5 = watcher->result();
            offer(guard,
                  socks5Enabled ? QXmppTransferJob::AnyMethod : QXmppTransferJob::InBandMethod);
        });
        watcher->setFuture(
            QtConcurrent::run(hashFile, transfer->d->localPath, QCryptographicHash::Md5));
    }

    void offer(Transfer *transfer, QXmppTransferJob::Methods methods)
    {
        Transfer::Private &p = *transfer->d;
        auto file = std::make_unique<QFile>(p.localPath);
        if (p.md5.isEmpty() || !file->open(QIODevice::ReadOnly)) {
            fail(transfer,
                 {.kind = TransferError::LocalFile, .limit = -1, .detail = file->errorString()});
            return;
        }
        QXmppTransferFileInfo info;
        info.setName(p.fileName);
        info.setSize(p.size);
        info.setHash(p.md5);
        info.setDate(QFileInfo(p.localPath).lastModified());
        // The methods offered are the manager's setting at the moment of the offer.
        const QXmppTransferJob::Methods configured = manager->supportedMethods();
        manager->setSupportedMethods(methods);
        QXmppTransferJob *job = manager->sendFile(p.fullJid, file.get(), info);
        manager->setSupportedMethods(configured);
        if (!job) {
            fail(transfer, {.kind = TransferError::PeerUnavailable, .limit = -1, .detail = {}});
            return;
        }
        file.release()->setParent(job);
        attach(transfer, job);
        setState(transfer, Transfer::State::Waiting);
    }

    void attach(Transfer *transfer, QXmppTransferJob *job)
    {
        transfer->d->job = job;
        transfer->d->jobState = job->state();
        QPointer<Transfer> guard(transfer);
        connect(job, &QXmppTransferJob::stateChanged, transfer,
                [this, guard, job](QXmppTransferJob::State state) {
                    if (guard && guard->d->job == job)
                        jobStateChanged(guard, state);
                });
        connect(job, &QXmppTransferJob::progress, transfer, [this, guard, job](qint64 done) {
            if (guard && guard->d->job == job && guard->d->state == Transfer::State::Transferring)
                progress(guard, done);
        });
        connect(job, &QXmppTransferJob::finished, q, [this, guard, job] {
            job->deleteLater();
            if (guard && guard->d->job == job)
                jobFinished(guard, job);
        });
        if (job->direction() == QXmppTransferJob::IncomingDirection) {
            // QXmpp names the streamhost the recipient connected to only in its log.
            connect(job, &QXmppLoggable::logMessage, transfer,
                    [guard](QXmppLogger::MessageType, const QString &message) {
                        static const QRegularExpression connected(
                            u"^Connected to streamhost: (\\S+) "_s);
                        if (const auto match = connected.match(message); guard && match.hasMatch())
                            guard->d->streamHost = match.captured(1);
                    });
        }
    }

    void jobStateChanged(Transfer *transfer, QXmppTransferJob::State state)
    {
        Transfer::Private &p = *transfer->d;
        if (state == QXmppTransferJob::FinishedState)
            return;
        p.jobState = state;
        if (state == QXmppTransferJob::StartState) {
            setState(transfer, Transfer::State::Connecting);
        } else if (state == QXmppTransferJob::TransferState) {
            if (p.job->method() == QXmppTransferJob::InBandMethod) {
                setMethod(transfer, Transfer::Method::InBand);
            } else {
                const QString streamHost = p.direction == Transfer::Direction::Outgoing
                                               ? observer->takeStreamHostUsed(p.fullJid)
                                               : p.streamHost;
                const bool proxied =
                    !streamHost.isEmpty() && streamHost != p.fullJid && streamHost != ownJid();
                setMethod(transfer,
                          proxied ? Transfer::Method::Socks5Proxy : Transfer::Method::Socks5Direct);
            }
            setState(transfer, Transfer::State::Transferring);
        }
    }

    // A bytestream that ended early: our connection to the server was lost, the peer went
    // away, or the peer cancelled (XEP-0096 cancels by closing the stream).
    void failInterrupted(Transfer *transfer)
    {
        QPointer<Transfer> guard(transfer);
        QTimer::singleShot(InterruptionSettleMs, transfer, [this, guard] {
            if (!guard || !guard->isActive())
                return;
            TransferError::Kind kind = TransferError::CancelledByPeer;
            if (!session.client().isAuthenticated())
                kind = TransferError::ConnectionLost;
            else if (!isOnline(guard->d->fullJid))
                kind = TransferError::PeerUnavailable;
            fail(guard, {.kind = kind, .limit = -1, .detail = u"the bytestream ended early"_s});
        });
    }

    void jobFinished(Transfer *transfer, QXmppTransferJob *job)
    {
        Transfer::Private &p = *transfer->d;
        p.job = nullptr;
        if (p.direction == Transfer::Direction::Incoming) {
            if (auto *file = job->findChild<QFile *>())
                file->close();
        }
        if (!transfer->isActive())
            return;
        const QXmppTransferJob::Error error = job->error();
        if (error == QXmppTransferJob::NoError) {
            p.bytes = p.size;
            Q_EMIT transfer->progressChanged(p.bytes);
            recordBytestream(transfer);
            // Outgoing: the hash was announced and the recipient checked it; incoming: QXmpp
            // checked it against what the sender announced (some senders announce none).
            finish(transfer, p.direction == Transfer::Direction::Outgoing
                                 ? !p.md5.isEmpty()
                                 : !job->fileHash().isEmpty());
            return;
        }
        if (p.direction == Transfer::Direction::Outgoing)
            outgoingFailed(transfer, job);
        else
            incomingFailed(transfer, job);
    }

    void outgoingFailed(Transfer *transfer, QXmppTransferJob *job)
    {
        Transfer::Private &p = *transfer->d;
        const QXmppTransferJob::Error error = job->error();
        qCInfo(lcClientTransfer) << "bytestream to" << p.fullJid << "ended in state" << p.jobState
                                 << "with" << error;
        if (error == QXmppTransferJob::FileAccessError) {
            fail(transfer, {.kind = TransferError::LocalFile, .limit = -1, .detail = p.localPath});
        } else if (p.jobState == QXmppTransferJob::OfferState) {
            const auto condition = observer->takeLastError(p.fullJid);
            const bool refused = !condition || *condition == QXmppStanza::Error::Forbidden ||
                                 *condition == QXmppStanza::Error::NotAcceptable ||
                                 *condition == QXmppStanza::Error::NotAllowed;
            fail(transfer,
                 {.kind = refused ? TransferError::Declined : TransferError::PeerUnavailable,
                  .limit = -1,
                  .detail = {}});
        } else if (p.jobState == QXmppTransferJob::StartState &&
                   job->method() == QXmppTransferJob::SocksMethod && !p.inBandOnly &&
                   (manager->supportedMethods() & QXmppTransferJob::InBandMethod)) {
            // SOCKS5 failed (no streamhost reachable, proxy refused): the same file again over
            // in-band bytestreams; the recipient accepts it without asking again.
            qCInfo(lcClientTransfer) << "SOCKS5 to" << p.fullJid << "failed, offering in-band";
            p.inBandOnly = true;
            offer(transfer, QXmppTransferJob::InBandMethod);
        } else if (p.jobState == QXmppTransferJob::StartState) {
            fail(transfer, {.kind = TransferError::ConnectionFailed, .limit = -1, .detail = {}});
        } else {
            failInterrupted(transfer);
        }
    }

    void incomingFailed(Transfer *transfer, QXmppTransferJob *job)
    {
        Transfer::Private &p = *transfer->d;
        const QXmppTransferJob::Error error = job->error();
        qCInfo(lcClientTransfer) << "bytestream from" << p.fullJid << "ended in state" << p.jobState
                                 << "with" << error;
        if (p.jobState == QXmppTransferJob::StartState &&
            job->method() == QXmppTransferJob::SocksMethod &&
            error == QXmppTransferJob::ProtocolError) {
            // No streamhost could be reached: a Flint sender offers the file again in-band.
            p.awaitingReoffer = true;
            QPointer<Transfer> guard(transfer);
            QTimer::singleShot(ReofferTimeoutMs, transfer, [this, guard] {
                if (!guard || !guard->d->awaitingReoffer)
                    return;
                guard->d->awaitingReoffer = false;
                removePartial(guard);
                fail(guard, {.kind = TransferError::ConnectionFailed, .limit = -1, .detail = {}});
            });
            return;
        }
        removePartial(transfer);
        if (error == QXmppTransferJob::FileAccessError)
            fail(transfer, writeError(p.localPath, p.size - p.bytes, p.localPath));
        else if (error == QXmppTransferJob::FileCorruptError && p.size > 0 && p.bytes >= p.size)
            fail(transfer, {.kind = TransferError::IntegrityMismatch,
                            .limit = -1,
                            .detail = u"MD5 differs from the offer"_s});
        else
            failInterrupted(transfer);
    }

    void recordBytestream(Transfer *transfer)
    {
        const Transfer::Private &p = *transfer->d;
        Conversation *conversation = conversations.conversation(p.peer);
        if (!conversation)
            return;
        const bool outgoing = p.direction == Transfer::Direction::Outgoing;
        conversation->store(
            {.peer = conversation->peer(),
             .direction = outgoing ? MessageDirection::Outgoing : MessageDirection::Incoming,
             .sender = outgoing ? ownJid() : p.fullJid,
             .body = p.fileName,
             .timestamp = QDateTime::currentDateTimeUtc(),
             .delivery = DeliveryState::Delivered,
             .attachment =
                 FileAttachment{.name = p.fileName, .size = p.size, .localPath = p.localPath}});
        if (!outgoing)
            Q_EMIT conversation->unreadCountChanged(conversation->unreadCount());
    }

    // --- receiving bytestreams ---

    void offerReceived(QXmppTransferJob *job)
    {
        const QString bare = QXmppUtils::jidToBareJid(job->jid()).toLower();
        // The same file again from the same sender after SOCKS5 failed: accepted already.
        for (Transfer *transfer : std::as_const(model.m_transfers)) {
            Transfer::Private &p = *transfer->d;
            const bool waiting =
                p.awaitingReoffer || (p.job && p.job->state() == QXmppTransferJob::StartState);
            if (p.direction != Transfer::Direction::Incoming ||
                p.state != Transfer::State::Connecting || !waiting || p.peer != bare ||
                p.offeredName != job->fileName() || p.size != job->fileSize() ||
                p.md5 != job->fileHash())
                continue;
            resume(transfer, job);
            return;
        }

        Transfer *transfer = newTransfer(Transfer::Direction::Incoming, bare);
        Transfer::Private &p = *transfer->d;
        p.state = Transfer::State::Offered;
        p.fullJid = job->jid();
        p.offeredName = job->fileName();
        p.fileName = safeFileName(job->fileName());
        p.size = job->fileSize();
        p.md5 = job->fileHash();
        attach(transfer, job);
        QPointer<Transfer> guard(transfer);
        p.onAccept = [this, guard](const QString &path) {
            if (guard)
                accept(guard, path);
        };
        p.onDecline = [this, guard] {
            if (guard)
                cancel(guard);
        };
        announce(transfer);
        Q_EMIT q->offerReceived(transfer);
    }

    void accept(Transfer *transfer, const QString &path)
    {
        Transfer::Private &p = *transfer->d;
        QXmppTransferJob *job = p.job;
        if (!job) {
            fail(transfer, {.kind = TransferError::PeerUnavailable, .limit = -1, .detail = {}});
            return;
        }
        const QString target = path.isEmpty() ? QDir(downloads).filePath(p.fileName) : path;
        if (auto full = diskFull(QFileInfo(target).absolutePath(), p.size)) {
            job->abort();
            fail(transfer, *full);
            return;
        }
        std::unique_ptr<QFile> file = createUniqueFile(target);
        if (!file) {
            job->abort();
            fail(transfer, {.kind = TransferError::LocalFile, .limit = -1, .detail = target});
            return;
        }
        p.localPath = file->fileName();
        setState(transfer, Transfer::State::Connecting);
        file->setParent(job);
        job->accept(file.release());
    }

    // Continues `transfer` (lost to a SOCKS5 failure) with the sender's new in-band offer.
    void resume(Transfer *transfer, QXmppTransferJob *job)
    {
        Transfer::Private &p = *transfer->d;
        qCInfo(lcClientTransfer) << "taking" << p.fileName << "from" << job->jid() << "in-band";
        if (QXmppTransferJob *old = p.job) {
            p.job = nullptr;
            old->disconnect(transfer);
            old->disconnect(q);
            if (auto *file = old->findChild<QFile *>())
                file->close();
            old->abort();
            old->deleteLater();
        }
        p.awaitingReoffer = false;
        p.fullJid = job->jid();
        auto *file = new QFile(p.localPath, job);
        if (!file->open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            job->abort();
            removePartial(transfer);
            fail(transfer,
                 {.kind = TransferError::LocalFile, .limit = -1, .detail = file->errorString()});
            return;
        }
        attach(transfer, job);
        job->accept(file);
    }

    void removePartial(Transfer *transfer)
    {
        if (!transfer->d->localPath.isEmpty())
            QFile::remove(transfer->d->localPath);
    }

    // --- links: upload, message, download ---

    void startUpload(Transfer *transfer)
    {
        setMethod(transfer, Transfer::Method::HttpUpload);
        if (uploadJid.isEmpty()) {
            fail(transfer, {.kind = TransferError::NoUploadService, .limit = -1, .detail = {}});
            return;
        }
        setState(transfer, Transfer::State::Connecting);
        QPointer<Transfer> guard(transfer);
        auto *watcher = new QFutureWatcher<QByteArray>(transfer);
        connect(watcher, &QFutureWatcher<QByteArray>::finished, transfer, [this, guard, watcher] {
            watcher->deleteLater();
            if (guard && guard->isActive())
                upload(guard, watcher->result());
        });
        watcher->setFuture(
            QtConcurrent::run(hashFile, transfer->d->localPath, QCryptographicHash::Sha256));
    }

    void upload(Transfer *transfer, const QByteArray &sha256)
    {
        Transfer::Private &p = *transfer->d;
        auto file = std::make_unique<QFile>(p.localPath);
        if (sha256.isEmpty() || !file->open(QIODevice::ReadOnly)) {
            fail(transfer,
                 {.kind = TransferError::LocalFile, .limit = -1, .detail = file->errorString()});
            return;
        }
        const QMimeType type = QMimeDatabase().mimeTypeForFile(p.localPath);
        p.attachment = {.name = p.fileName,
                        .size = p.size,
                        .sha256 = sha256,
                        .localPath = p.localPath,
                        .mediaType = type.name()};
        p.upload = httpUpload->uploadFile(std::move(file), p.fileName, type, p.size, uploadJid);
        QPointer<Transfer> guard(transfer);
        QXmppHttpUpload *upload = p.upload.get();
        connect(upload, &QXmppHttpUpload::progressChanged, transfer, [this, guard, upload] {
            if (!guard || !guard->isActive() || guard->d->upload.get() != upload)
                return;
            if (upload->bytesSent() > 0)
                setState(guard, Transfer::State::Transferring);
            progress(guard, qint64(upload->bytesSent()));
        });
        connect(upload, &QXmppHttpUpload::finished, transfer,
                [this, guard](const QXmppHttpUpload::Result &result) {
                    if (guard)
                        uploaded(guard, result);
                });
        // A request that fails at once has finished before anyone could listen.
        if (const auto result = upload->result())
            uploaded(transfer, *result);
    }

    void uploaded(Transfer *transfer, const QXmppHttpUpload::Result &result)
    {
        Transfer::Private &p = *transfer->d;
        if (!transfer->isActive() || !p.upload)
            return;
        p.upload.reset();
        if (const auto *error = std::get_if<QXmppError>(&result)) {
            fail(transfer, uploadError(*error));
            return;
        }
        const auto *url = std::get_if<QUrl>(&result);
        if (!url)
            return;
        p.attachment.url = url->toString(QUrl::FullyEncoded);
        p.bytes = p.size;
        Q_EMIT transfer->progressChanged(p.bytes);
        if (!client().isAuthenticated()) {
            fail(transfer, {.kind = TransferError::NotConnected, .limit = -1, .detail = {}});
            return;
        }
        if (p.toRoom) {
            Room *room = rooms.room(p.peer);
            if (!room) {
                fail(transfer, {.kind = TransferError::PeerUnavailable,
                                .limit = -1,
                                .detail = u"left the room"_s});
                return;
            }
            // Stored with the local path, so our own copy opens without a download.
            room->send(p.attachment.url, p.attachment);
        } else if (Conversation *conversation = conversations.conversation(p.peer)) {
            conversation->send(p.attachment.url, p.attachment);
        }
        finish(transfer, true);
    }

    void startDownload(Transfer *transfer, const QString &path)
    {
        Transfer::Private &p = *transfer->d;
        const QUrl url(p.attachment.url);
        if (!url.isValid() || (url.scheme() != u"https"_s && url.scheme() != u"http"_s)) {
            fail(transfer,
                 {.kind = TransferError::UploadFailed, .limit = -1, .detail = p.attachment.url});
            return;
        }
        const QString target = path.isEmpty() ? QDir(downloads).filePath(p.fileName) : path;
        if (auto full = diskFull(QFileInfo(target).absolutePath(), p.size)) {
            fail(transfer, *full);
            return;
        }
        p.download = createUniqueFile(target);
        if (!p.download) {
            fail(transfer, {.kind = TransferError::LocalFile, .limit = -1, .detail = target});
            return;
        }
        p.localPath = p.download->fileName();
        QNetworkRequest request(url);
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                             QNetworkRequest::NoLessSafeRedirectPolicy);
        QNetworkReply *reply = network->get(request);
        // Bounded memory: the body goes to disk as it comes.
        reply->setReadBufferSize(1024 * 1024);
        p.reply = reply;
        QPointer<Transfer> guard(transfer);
        connect(reply, &QNetworkReply::readyRead, transfer, [this, guard, reply] {
            if (guard && guard->d->reply == reply)
                receive(guard, reply);
        });
        connect(reply, &QNetworkReply::finished, transfer, [this, guard, reply] {
            reply->deleteLater();
            if (guard && guard->d->reply == reply)
                downloaded(guard, reply);
        });
    }

    void receive(Transfer *transfer, QNetworkReply *reply)
    {
        Transfer::Private &p = *transfer->d;
        const QByteArray data = reply->readAll();
        if (data.isEmpty())
            return;
        if (p.state == Transfer::State::Connecting)
            setState(transfer, Transfer::State::Transferring);
        if (p.download->write(data) != data.size()) {
            endDownload(transfer,
                        writeError(p.localPath, p.size - p.bytes, p.download->errorString()));
            return;
        }
        p.sha256.addData(data);
        if (p.size >= 0 && p.bytes + data.size() > p.size) {
            endDownload(transfer, {.kind = TransferError::IntegrityMismatch,
                                   .limit = -1,
                                   .detail = u"larger than announced"_s});
            return;
        }
        progress(transfer, p.bytes + data.size());
    }

    // Stops a download that cannot succeed: the partial file goes.
    void endDownload(Transfer *transfer, TransferError error)
    {
        Transfer::Private &p = *transfer->d;
        if (QNetworkReply *reply = p.reply) {
            p.reply = nullptr;
            reply->abort();
        }
        p.download->close();
        p.download->remove();
        fail(transfer, std::move(error));
    }

    void downloaded(Transfer *transfer, QNetworkReply *reply)
    {
        Transfer::Private &p = *transfer->d;
        if (reply->error() != QNetworkReply::NoError) {
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            endDownload(transfer,
                        {.kind = TransferError::UploadFailed,
                         .limit = -1,
                         .detail = u"HTTP %1: %2"_s.arg(status).arg(reply->errorString())});
            return;
        }
        receive(transfer, reply);
        if (!transfer->isActive())
            return;
        p.reply = nullptr;
        if (!p.download->flush()) {
            endDownload(transfer,
                        writeError(p.localPath, p.size - p.bytes, p.download->errorString()));
            return;
        }
        setState(transfer, Transfer::State::Verifying);
        const bool sizeOk = p.size < 0 || p.bytes == p.size;
        const bool hashOk =
            p.attachment.sha256.isEmpty() || p.sha256.result() == p.attachment.sha256;
        if (!sizeOk || !hashOk) {
            endDownload(transfer, {.kind = TransferError::IntegrityMismatch,
                                   .limit = -1,
                                   .detail = sizeOk ? u"SHA-256 differs"_s : u"size differs"_s});
            return;
        }
        p.download->close();
        if (p.size < 0)
            p.size = p.bytes;
        if (p.messageId > 0)
            conversations.history().setAttachmentLocalPath(p.messageId, p.localPath);
        finish(transfer, !p.attachment.sha256.isEmpty());
    }

    // --- cancelling ---

    void cancel(Transfer *transfer)
    {
        setState(transfer, Transfer::State::Cancelled);
        tearDown(transfer);
    }

    // A new session, or none any more: offers and answers still on their way went with the old
    // stream, so what was being negotiated over it fails on this side (the peer's side learns
    // the same from its own connection, or finds the offer gone). Running bytestreams and HTTP
    // transfers do not use the stream and go on, or end by themselves.
    void loseNegotiations()
    {
        for (Transfer *transfer : q->findChildren<Transfer *>(Qt::FindDirectChildrenOnly)) {
            const Transfer::Private &p = *transfer->d;
            const bool negotiating = p.state == Transfer::State::Offered ||
                                     p.state == Transfer::State::Waiting || p.awaitingReoffer ||
                                     (p.state == Transfer::State::Connecting &&
                                      p.method != Transfer::Method::HttpUpload);
            if (!negotiating)
                continue;
            fail(transfer, {.kind = TransferError::ConnectionLost,
                            .limit = -1,
                            .detail = u"the offer went with the old session"_s});
            tearDown(transfer);
        }
    }

    // Stops what `transfer` has under way, once it is no longer active; the partial file of an
    // incoming one goes.
    void tearDown(Transfer *transfer)
    {
        Transfer::Private &p = *transfer->d;
        p.awaitingReoffer = false;
        if (QXmppTransferJob *job = p.job) {
            // Offered: QXmpp refuses the offer; running: it closes the bytestream (SOCKS5) or
            // sends an IBB close, and the peer sees the stream end early.
            job->abort();
        }
        if (p.upload) {
            p.upload->cancel();
            p.upload.reset();
        }
        if (QNetworkReply *reply = p.reply) {
            p.reply = nullptr;
            reply->abort();
        }
        if (p.download) {
            p.download->close();
            p.download->remove();
        } else if (p.direction == Transfer::Direction::Incoming) {
            if (p.job) {
                if (auto *file = p.job->findChild<QFile *>())
                    file->close();
            }
            // Set when the offer was accepted.
            if (!p.localPath.isEmpty())
                removePartial(transfer);
        }
    }

    TransferService *q;
    AccountSession &session;
    ConversationManager &conversations;
    RoomService &rooms;
    TransferListModel model;
    QString downloads = QStandardPaths::writableLocation(QStandardPaths::DownloadLocation);
    bool socks5Enabled = true;

    QXmppDiscoveryManager *disco = nullptr;
    QXmppTransferManager *manager = nullptr;
    TransferObserver *observer = nullptr;
    QXmppHttpUploadManager *httpUpload = nullptr;
    QNetworkAccessManager *network = nullptr;

    bool servicesKnown = false;
    quint64 loginCount = 0; // discovery answers for an older session are dropped
    QString proxyJid;
    QString uploadJid;
    QList<std::function<void()>> afterDiscovery;
    QHash<QString, QHash<QString, int>> online; // bare JID -> resource -> priority
};

TransferService::TransferService(AccountSession &session, ConversationManager &conversations,
                                 RoomService &rooms, QObject *parent)
    : QObject(parent), d(std::make_unique<Private>(this, session, conversations, rooms))
{
    QXmppClient &client = session.client();
    d->disco = client.findExtension<QXmppDiscoveryManager>();
    if (!d->disco)
        d->disco = client.addNewExtension<QXmppDiscoveryManager>();
    // Before the transfer manager, which consumes the stanzas the observer looks at.
    d->observer = new TransferObserver;
    client.insertExtension(0, d->observer);
    d->manager = client.addNewExtension<QXmppTransferManager>();
    if (!client.findExtension<QXmppUploadRequestManager>())
        client.addNewExtension<QXmppUploadRequestManager>();

    d->network = new QNetworkAccessManager(this);
    // The upload service presents the server's certificate: accepted when it is the one the
    // user pinned for this account, exactly as for the XMPP connection, never otherwise.
    connect(d->network, &QNetworkAccessManager::sslErrors, this,
            [this](QNetworkReply *reply, const QList<QSslError> &errors) {
                const QString account =
                    QXmppUtils::jidToBareJid(d->session.settings().jid).toLower();
                const QSslCertificate certificate = reply->sslConfiguration().peerCertificate();
                if (!certificate.isNull() && d->session.trust().verdict(account, certificate) ==
                                                 CertificateTrust::Verdict::Pinned)
                    reply->ignoreSslErrors(errors);
                else
                    qCWarning(lcClientTransfer)
                        << "refused the certificate of" << reply->url() << errors;
            });
    d->httpUpload = new QXmppHttpUploadManager(d->network);
    client.addExtension(d->httpUpload);

    connect(d->manager, &QXmppTransferManager::fileReceived, this,
            [this](QXmppTransferJob *job) { d->offerReceived(job); });
    connect(&client, &QXmppClient::presenceReceived, this,
            [this](const QXmppPresence &presence) { d->handlePresence(presence); });
    connect(&session, &AccountSession::loggedIn, this, [this] {
        d->loseNegotiations();
        d->online.clear();
        d->discoverServices();
    });
    connect(&session, &AccountSession::loginFailed, this, [this] { d->loseNegotiations(); });
    if (client.isAuthenticated())
        d->discoverServices();
}

TransferService::~TransferService()
{
    // Transfers first: their callbacks use the service's state, which goes before QObject's
    // clean-up of children would reach them.
    qDeleteAll(findChildren<Transfer *>(Qt::FindDirectChildrenOnly));
    // The managers this service added go with it (removeExtension deletes them).
    QXmppClient &client = d->session.client();
    for (QXmppClientExtension *extension :
         std::initializer_list<QXmppClientExtension *>{d->observer, d->manager, d->httpUpload})
        client.removeExtension(extension);
}

QString TransferService::downloadsDirectory() const
{
    return d->downloads;
}

void TransferService::setDownloadsDirectory(const QString &directory)
{
    d->downloads = directory;
}

Transfer *TransferService::sendFile(const QString &jid, const QString &path, TransferError *error)
{
    const QFileInfo info(path);
    if (!info.isFile() || !info.isReadable()) {
        if (error)
            *error = {.kind = TransferError::LocalFile, .limit = -1, .detail = path};
        return nullptr;
    }
    Transfer *transfer =
        d->newTransfer(Transfer::Direction::Outgoing, QXmppUtils::jidToBareJid(jid).toLower());
    transfer->d->localPath = info.absoluteFilePath();
    transfer->d->fileName = info.fileName();
    transfer->d->size = info.size();
    d->announce(transfer);
    if (!d->session.client().isAuthenticated()) {
        d->fail(transfer, {.kind = TransferError::NotConnected, .limit = -1, .detail = {}});
        return transfer;
    }
    d->chooseRoute(transfer, d->resourcesOf(jid));
    return transfer;
}

Transfer *TransferService::sendFileToRoom(const QString &roomJid, const QString &path,
                                          TransferError *error)
{
    const QFileInfo info(path);
    if (!info.isFile() || !info.isReadable()) {
        if (error)
            *error = {.kind = TransferError::LocalFile, .limit = -1, .detail = path};
        return nullptr;
    }
    Transfer *transfer =
        d->newTransfer(Transfer::Direction::Outgoing, QXmppUtils::jidToBareJid(roomJid).toLower());
    transfer->d->toRoom = true;
    transfer->d->localPath = info.absoluteFilePath();
    transfer->d->fileName = info.fileName();
    transfer->d->size = info.size();
    d->announce(transfer);
    const Room *room = d->rooms.room(transfer->d->peer);
    if (!d->session.client().isAuthenticated() || !room || room->state() != Room::State::Joined) {
        d->fail(transfer, {.kind = TransferError::NotConnected, .limit = -1, .detail = {}});
        return transfer;
    }
    QPointer<Transfer> guard(transfer);
    d->whenServicesKnown([this, guard] {
        if (guard && guard->isActive())
            d->startUpload(guard);
    });
    return transfer;
}

Transfer *TransferService::download(qint64 messageId, const FileAttachment &attachment,
                                    const QString &peer, const QString &path)
{
    Transfer *transfer =
        d->newTransfer(Transfer::Direction::Incoming, QXmppUtils::jidToBareJid(peer).toLower());
    Transfer::Private &p = *transfer->d;
    p.method = Transfer::Method::HttpUpload;
    p.toRoom = d->rooms.room(p.peer) != nullptr;
    p.fileName = safeFileName(attachment.name);
    p.size = attachment.size;
    p.attachment = attachment;
    p.messageId = messageId;
    d->announce(transfer);
    d->startDownload(transfer, path);
    return transfer;
}

TransferListModel &TransferService::transfers() const
{
    return d->model;
}

void TransferService::clearFinished()
{
    d->model.removeFinished();
}

void TransferService::setDirectConnectionsAllowed(bool allowed)
{
    d->manager->setProxyOnly(!allowed);
}

void TransferService::setSocks5Enabled(bool enabled)
{
    d->socks5Enabled = enabled;
    d->manager->setSupportedMethods(enabled ? QXmppTransferJob::AnyMethod
                                            : QXmppTransferJob::InBandMethod);
}

} // namespace flint

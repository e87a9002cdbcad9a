#include "UploadModule.h"

#include "common/Logging.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStorageInfo>
#include <QUrl>
#include <QXmppHttpUploadIq.h>

using namespace Qt::StringLiterals;

namespace flint {
namespace {

const QString UploadNs = u"urn:xmpp:http:upload:0"_s;
constexpr qint64 PendingSlotLifetimeSeconds = 5 * 60;
constexpr int ExpiryIntervalMs = 60 * 60 * 1000;

QHostAddress listenAddress(const ServerConfig &config)
{
    if (!config.upload.address.isNull())
        return config.upload.address;
    return config.listen.isEmpty() ? QHostAddress(QHostAddress::Any)
                                   : config.listen.first().address;
}

QXmppDataForm extendedInfo(qint64 maxFileSize)
{
    QXmppDataForm form(QXmppDataForm::Result);
    form.setFields(
        {QXmppDataForm::Field(QXmppDataForm::Field::HiddenField, u"FORM_TYPE"_s, UploadNs),
         QXmppDataForm::Field(QXmppDataForm::Field::TextSingleField, u"max-file-size"_s,
                              QString::number(maxFileSize))});
    return form;
}

// A name that is safe in a URL path segment and a Content-Disposition header.
bool isValidFilename(const QString &name)
{
    static const QRegularExpression forbidden(u"[/\\\\\"\\x00-\\x1f\\x7f]"_s);
    return !name.isEmpty() && name.size() <= 255 && name != u"."_s && name != u".."_s &&
           !name.contains(forbidden);
}

bool isValidContentType(const QString &type)
{
    static const QRegularExpression pattern(u"^[\\w.+-]+/[\\w.+-]+( *;[ -~]*)?$"_s);
    return type.size() <= 255 && pattern.match(type).hasMatch();
}

bool isSlotId(const QString &id)
{
    static const QRegularExpression pattern(u"^[0-9a-f]{32}$"_s);
    return pattern.match(id).hasMatch();
}

QString newSlotId()
{
    quint32 words[4];
    QRandomGenerator::system()->fillRange(words);
    return QString::fromLatin1(
        QByteArray(reinterpret_cast<const char *>(words), sizeof(words)).toHex());
}

} // namespace

UploadModule::UploadModule(ServerContext &context)
    : ServerModule(context), m_domain(u"upload."_s + context.config.domain),
      m_address(listenAddress(context.config)),
      m_directory(context.config.resolvePath(u"uploads"_s)), m_store(context.database),
      m_http(
          {.checkPut = [this](const QString &id, qint64 length) { return checkPut(id, length); },
           .putPath = [this](const QString &id) { return filePath(id); },
           .finishPut = [this](const QString &id, QSaveFile &file) { return finishPut(id, file); },
           .get = [this](const QString &id) { return get(id); }})
{
    context.addService({m_domain,
                        u"HTTP file upload"_s,
                        u"store"_s,
                        u"file"_s,
                        {UploadNs},
                        extendedInfo(context.config.upload.maxFileSize)});
    context.router.addHandler(u"iq-get/service/"_s + m_domain + u'/' + UploadNs,
                              [this](const StanzaEvent &event) {
                                  requestSlot(event);
                                  return true;
                              });

    m_expiryTimer.setInterval(ExpiryIntervalMs);
    connect(&m_expiryTimer, &QTimer::timeout, this, &UploadModule::removeExpired);
}

bool UploadModule::start(QString *error)
{
    if (!QDir().mkpath(m_directory)) {
        *error = tr("cannot create the upload directory %1").arg(m_directory);
        return false;
    }
    m_http.setCertificate(m_context.certificate, m_context.privateKey);
    m_http.setMaxConnectionsPerAddress(m_context.config.connectionsPerIp);
    m_http.setIdleTimeout(std::chrono::seconds(m_context.config.upload.idleTimeoutSeconds));
    if (m_http.listen(m_address, m_context.config.upload.port))
        m_port = m_http.serverPort();
    if (m_port == 0) {
        *error = tr("cannot listen for HTTP file upload on %1 port %2")
                     .arg(m_address.toString())
                     .arg(m_context.config.upload.port);
        return false;
    }
    removeExpired();
    m_expiryTimer.start();
    qCInfo(lcUpload) << "HTTP file upload" << m_domain << "on" << m_address.toString() << m_port;
    return true;
}

void UploadModule::requestSlot(const StanzaEvent &event)
{
    const UploadConfig &config = m_context.config.upload;
    const QDomElement request = event.stanza.payload();
    if (!event.stanza.to().isDomain() || request.tagName() != u"request"_s) {
        m_context.router.bounce(event.stanza, u"cancel"_s, u"service-unavailable"_s);
        return;
    }
    const QString filename = request.attribute(u"filename"_s);
    bool sizeOk = false;
    const qint64 size = request.attribute(u"size"_s).toLongLong(&sizeOk);
    QString contentType = request.attribute(u"content-type"_s);
    if (contentType.isEmpty())
        contentType = u"application/octet-stream"_s;
    if (!isValidFilename(filename) || !sizeOk || size <= 0 || !isValidContentType(contentType)) {
        m_context.router.bounce(event.stanza, u"modify"_s, u"bad-request"_s,
                                u"A file name, a positive size and a valid content type are "
                                "required."_s);
        return;
    }
    if (size > config.maxFileSize) {
        QXmppStanza::Error error(QXmppStanza::Error::Modify, QXmppStanza::Error::NotAcceptable,
                                 u"The file is larger than %1 bytes."_s.arg(config.maxFileSize));
        error.setFileTooLarge(true);
        error.setMaxFileSize(config.maxFileSize);
        QXmppIq reply(QXmppIq::Error);
        reply.setId(event.stanza.id());
        reply.setTo(event.stanza.from().toString());
        reply.setFrom(m_domain);
        reply.setError(error);
        m_context.router.sendTo(event.origin, Stanza::fromQXmpp(reply));
        return;
    }

    // A full disk refuses the file now, before the client sends it, and keeps room for the
    // database.
    if (const qint64 free = freeSpace(); free >= 0 && free - size < config.minFreeSpace) {
        qCWarning(lcUpload) << "refused" << size << "bytes: only" << free << "bytes free in"
                            << m_directory;
        m_context.router.bounce(event.stanza, u"wait"_s, u"internal-server-error"_s,
                                u"The server's disk is full; try again later."_s);
        return;
    }

    const QString owner = event.stanza.from().bareString();
    const UploadStore::Slot slot{newSlotId(), owner,       filename,
                                 size,        contentType, QDateTime::currentSecsSinceEpoch()};
    switch (m_store.add(slot, config.quotaPerUser)) {
    case UploadStore::Result::Added:
        break;
    case UploadStore::Result::QuotaExceeded:
        m_context.router.bounce(
            event.stanza, u"wait"_s, u"resource-constraint"_s,
            u"Upload quota of %1 bytes exceeded; wait for older files to expire."_s.arg(
                config.quotaPerUser));
        return;
    case UploadStore::Result::StorageError:
        m_context.router.bounce(event.stanza, u"wait"_s, u"internal-server-error"_s);
        return;
    }

    QUrl url;
    url.setScheme(u"https"_s);
    url.setHost(config.publicHost.isEmpty() ? m_context.config.domain : config.publicHost);
    url.setPort(m_port);
    url.setPath(u"/upload/"_s + slot.id + u'/' +
                    QString::fromLatin1(QUrl::toPercentEncoding(filename)),
                QUrl::TolerantMode);
    QXmppHttpUploadSlotIq reply;
    reply.setType(QXmppIq::Result);
    reply.setId(event.stanza.id());
    reply.setTo(event.stanza.from().toString());
    reply.setFrom(m_domain);
    reply.setPutUrl(url);
    reply.setGetUrl(url);
    m_context.router.sendTo(event.origin, Stanza::fromQXmpp(reply));
    qCInfo(lcUpload) << owner << "got an upload slot for" << size << "bytes";
}

int UploadModule::checkPut(const QString &id, qint64 length) const
{
    const auto slot = isSlotId(id) ? m_store.slot(id) : std::nullopt;
    if (!slot)
        return 404;
    if (slot->complete)
        return 409;
    if (length > slot->size)
        return 413;
    if (length < slot->size)
        return 400;
    if (const qint64 free = freeSpace(); free >= 0 && free < length)
        return 507;
    return 0;
}

int UploadModule::finishPut(const QString &id, QSaveFile &file)
{
    const qint64 size = m_store.slot(id).value_or(UploadStore::Slot{}).size;
    // A body that could not be written (a disk that filled up since the slot was given): the
    // slot stays pending for a retry and no temporary file is left.
    if (file.error() != QFileDevice::NoError || file.size() != size) {
        qCWarning(lcUpload) << "cannot write" << file.fileName() << file.errorString();
        file.cancelWriting();
        return storageFailure(size - file.size());
    }
    // The row decides which of two simultaneous uploads wins; only then does the file appear.
    if (!m_store.setComplete(id, true)) {
        file.cancelWriting();
        return 409;
    }
    if (!file.commit()) {
        qCWarning(lcUpload) << "cannot write" << file.fileName() << file.errorString();
        m_store.setComplete(id, false);
        return storageFailure(size);
    }
    qCInfo(lcUpload) << "uploaded" << size << "bytes to slot" << id;
    return 201;
}

int UploadModule::storageFailure(qint64 bytes) const
{
    const qint64 free = freeSpace();
    return free >= 0 && free < qMax<qint64>(bytes, 1) ? 507 : 500;
}

UploadHttpServer::Download UploadModule::get(const QString &id) const
{
    const auto slot = isSlotId(id) ? m_store.slot(id) : std::nullopt;
    if (!slot || !slot->complete)
        return {};
    auto file = std::make_unique<QFile>(filePath(id));
    if (!file->open(QIODevice::ReadOnly))
        return {};
    const bool showInline = slot->contentType.startsWith(u"image/"_s);
    return {.file = std::move(file),
            .contentType = slot->contentType.toLatin1(),
            .contentDisposition =
                (showInline ? "inline; filename*=UTF-8''" : "attachment; filename*=UTF-8''") +
                QUrl::toPercentEncoding(slot->filename)};
}

void UploadModule::removeExpired()
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const QStringList expired =
        m_store.expired(now - qint64(m_context.config.upload.expireDays) * 24 * 60 * 60,
                        now - PendingSlotLifetimeSeconds);
    for (const QString &id : expired) {
        QFile::remove(filePath(id));
        m_store.remove(id);
    }
    if (!expired.isEmpty())
        qCInfo(lcUpload) << "removed" << expired.size() << "expired uploads";
}

qint64 UploadModule::freeSpace() const
{
    QStorageInfo storage(m_directory);
    return storage.isValid() && storage.isReady() ? storage.bytesAvailable() : -1;
}

QString UploadModule::filePath(const QString &id) const
{
    return m_directory + u'/' + id;
}

} // namespace flint

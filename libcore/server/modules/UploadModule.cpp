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
      m_directory(context.config.resolvePath(u"uploads"_s)), m_store(context.database)
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

    m_http.route(u"/upload/<arg>/<arg>"_s, QHttpServerRequest::Method::Put,
                 [this](const QString &id, const QString &, const QHttpServerRequest &request) {
                     return put(id, request);
                 });
    m_http.route(u"/upload/<arg>/<arg>"_s, QHttpServerRequest::Method::Get,
                 [this](const QString &id, const QString &) { return get(id); });
    m_expiryTimer.setInterval(ExpiryIntervalMs);
    connect(&m_expiryTimer, &QTimer::timeout, this, &UploadModule::removeExpired);
}

bool UploadModule::start(QString *error)
{
    if (!QDir().mkpath(m_directory)) {
        *error = tr("cannot create the upload directory %1").arg(m_directory);
        return false;
    }
    m_http.sslSetup(m_context.certificate, m_context.privateKey);
    m_port = m_http.listen(m_address, m_context.config.upload.port);
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

QHttpServerResponse UploadModule::put(const QString &id, const QHttpServerRequest &request)
{
    using Status = QHttpServerResponse::StatusCode;
    const auto slot = isSlotId(id) ? m_store.slot(id) : std::nullopt;
    if (!slot)
        return QHttpServerResponse(Status::NotFound);
    if (slot->complete)
        return QHttpServerResponse(Status::Conflict);
    const QByteArray body = request.body();
    if (body.size() > slot->size)
        return QHttpServerResponse(Status::PayloadTooLarge);
    if (body.size() < slot->size)
        return QHttpServerResponse(Status::BadRequest);

    // A disk that filled up since the slot was given: 507, and the slot stays for a retry.
    const auto writeFailed = [this, &body](const QSaveFile &file) {
        qCWarning(lcUpload) << "cannot write" << file.fileName() << file.errorString();
        const qint64 free = freeSpace();
        return QHttpServerResponse(free >= 0 && free < body.size() ? Status::InsufficientStorage
                                                                   : Status::InternalServerError);
    };
    QSaveFile file(filePath(id));
    if (!file.open(QIODevice::WriteOnly) || file.write(body) != body.size() || !file.flush()) {
        file.cancelWriting();
        return writeFailed(file);
    }
    // The row decides which of two simultaneous uploads wins; only then does the file appear.
    if (!m_store.setComplete(id, true)) {
        file.cancelWriting();
        return QHttpServerResponse(Status::Conflict);
    }
    if (!file.commit()) {
        m_store.setComplete(id, false);
        return writeFailed(file);
    }
    qCInfo(lcUpload) << slot->owner << "uploaded" << body.size() << "bytes";
    return QHttpServerResponse(Status::Created);
}

QHttpServerResponse UploadModule::get(const QString &id)
{
    using Status = QHttpServerResponse::StatusCode;
    const auto slot = isSlotId(id) ? m_store.slot(id) : std::nullopt;
    QFile file(filePath(id));
    if (!slot || !slot->complete || !file.open(QIODevice::ReadOnly))
        return QHttpServerResponse(Status::NotFound);
    QHttpServerResponse response(slot->contentType.toLatin1(), file.readAll());
    const bool showInline = slot->contentType.startsWith(u"image/"_s);
    response.addHeader("Content-Disposition", (showInline ? "inline; filename*=UTF-8''"
                                                          : "attachment; filename*=UTF-8''") +
                                                  QUrl::toPercentEncoding(slot->filename));
    return response;
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

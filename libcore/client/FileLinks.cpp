#include "FileLinks.h"

#include <QFileInfo>
#include <QMimeDatabase>
#include <QUrl>
#include <QXmppFileMetadata.h>
#include <QXmppFileShare.h>
#include <QXmppHash.h>
#include <QXmppHttpFileSource.h>
#include <QXmppMessage.h>
#include <QXmppOutOfBandUrl.h>

using namespace Qt::StringLiterals;

namespace flint {
namespace {

bool isDownloadable(const QUrl &url)
{
    return url.isValid() && (url.scheme() == u"https"_s || url.scheme() == u"http"_s) &&
           !url.host().isEmpty();
}

} // namespace

std::optional<FileAttachment> parseFileLink(const QXmppMessage &message)
{
    for (const QXmppFileShare &share : message.sharedFiles()) {
        const auto source = std::find_if(
            share.httpSources().cbegin(), share.httpSources().cend(),
            [](const QXmppHttpFileSource &source) { return isDownloadable(source.url()); });
        if (source == share.httpSources().cend())
            continue;
        const QXmppFileMetadata &metadata = share.metadata();
        FileAttachment attachment;
        attachment.url = source->url().toString(QUrl::FullyEncoded);
        attachment.name =
            QFileInfo(metadata.filename().value_or(source->url().fileName())).fileName();
        if (metadata.size())
            attachment.size = qint64(*metadata.size());
        if (metadata.mediaType())
            attachment.mediaType = metadata.mediaType()->name();
        for (const QXmppHash &hash : metadata.hashes()) {
            if (hash.algorithm() == QXmpp::HashAlgorithm::Sha256)
                attachment.sha256 = hash.hash();
        }
        return attachment;
    }
    const QVector<QXmppOutOfBandUrl> links = message.outOfBandUrls();
    for (const QXmppOutOfBandUrl &link : links) {
        const QUrl url(link.url());
        if (!isDownloadable(url))
            continue;
        FileAttachment attachment;
        attachment.url = url.toString(QUrl::FullyEncoded);
        // The path's last segment, never a directory part someone put into it.
        attachment.name = QFileInfo(url.fileName()).fileName();
        if (attachment.name.isEmpty())
            attachment.name = url.host();
        const QMimeType type =
            QMimeDatabase().mimeTypeForFile(attachment.name, QMimeDatabase::MatchExtension);
        if (!type.isDefault())
            attachment.mediaType = type.name();
        return attachment;
    }
    return std::nullopt;
}

void addFileLink(QXmppMessage &message, const FileAttachment &attachment)
{
    message.setBody(attachment.url);
    message.setOutOfBandUrl(attachment.url);

    QXmppFileMetadata metadata;
    metadata.setFilename(attachment.name);
    if (attachment.size >= 0)
        metadata.setSize(quint64(attachment.size));
    if (!attachment.mediaType.isEmpty()) {
        const QMimeType type = QMimeDatabase().mimeTypeForName(attachment.mediaType);
        if (type.isValid())
            metadata.setMediaType(type);
    }
    if (!attachment.sha256.isEmpty()) {
        QXmppHash hash;
        hash.setAlgorithm(QXmpp::HashAlgorithm::Sha256);
        hash.setHash(attachment.sha256);
        metadata.setHashes({hash});
    }
    QXmppFileShare share;
    share.setDisposition(QXmppFileShare::Attachment);
    share.setMetadata(metadata);
    share.setHttpSources({QXmppHttpFileSource(QUrl(attachment.url))});
    message.setSharedFiles({share});
}

} // namespace flint

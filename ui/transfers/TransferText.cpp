#include "TransferText.h"

#include <QApplication>
#include <QDesktopServices>
#include <QDir>
#include <QFileInfo>
#include <QLocale>
#include <QMimeDatabase>
#include <QPainter>
#include <QPainterPath>
#include <QPalette>
#include <QPixmapCache>
#include <QProcess>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace flint::ui {
namespace {

// The band colour of a kind of file; saturated enough to read on light and dark themes.
QColor kindColour(const QString &fileName)
{
    const QMimeType type = QMimeDatabase().mimeTypeForFile(fileName, QMimeDatabase::MatchExtension);
    const QString name = type.name();
    if (name.startsWith(u"image/"_s))
        return QColor(0x2e, 0x9d, 0x5b);
    if (name.startsWith(u"video/"_s))
        return QColor(0x8e, 0x44, 0xc9);
    if (name.startsWith(u"audio/"_s))
        return QColor(0xe0, 0x7b, 0x1a);
    if (type.inherits(u"application/zip"_s) || name.contains(u"compressed"_s) ||
        name.contains(u"tar"_s) || name.contains(u"7z"_s) || name.contains(u"rar"_s))
        return QColor(0xb0, 0x8a, 0x1e);
    if (name == u"application/pdf"_s)
        return QColor(0xd2, 0x3f, 0x31);
    if (name.startsWith(u"text/"_s) || name.contains(u"document"_s) || name.contains(u"msword"_s) ||
        name.contains(u"spreadsheet"_s) || name.contains(u"presentation"_s) ||
        name.contains(u"ms-excel"_s) || name.contains(u"ms-powerpoint"_s))
        return QColor(0x2f, 0x6f, 0xd6);
    return QColor(0x70, 0x75, 0x7d);
}

} // namespace

QString TransferText::size(qint64 bytes)
{
    if (bytes < 0)
        return tr("unknown size");
    return QLocale().formattedDataSize(bytes);
}

QString TransferText::progress(qint64 done, qint64 total)
{
    if (total < 0)
        return QLocale().formattedDataSize(done);
    return tr("%1 of %2", "bytes done of total size")
        .arg(QLocale().formattedDataSize(done), QLocale().formattedDataSize(total));
}

QString TransferText::speed(double bytesPerSecond)
{
    return tr("%1/s", "transfer speed").arg(QLocale().formattedDataSize(qint64(bytesPerSecond)));
}

QString TransferText::timeLeft(qint64 seconds)
{
    if (seconds < 0)
        return {};
    if (seconds < 60)
        return tr("%n s left", nullptr, int(seconds));
    const qint64 minutes = (seconds + 30) / 60;
    if (minutes < 60)
        return tr("%n min left", nullptr, int(minutes));
    return tr("%1 h %2 min left").arg(minutes / 60).arg(minutes % 60);
}

QString TransferText::method(Transfer::Method method, Transfer::Direction direction)
{
    switch (method) {
    case Transfer::Method::Undecided:
        break;
    case Transfer::Method::Socks5Direct:
        return tr("direct");
    case Transfer::Method::Socks5Proxy:
        return tr("via the server's proxy");
    case Transfer::Method::InBand:
        return tr("in-band");
    case Transfer::Method::HttpUpload:
        return direction == Transfer::Direction::Outgoing ? tr("upload") : tr("download");
    }
    return {};
}

QString TransferText::state(const Transfer &transfer)
{
    const bool outgoing = transfer.direction() == Transfer::Direction::Outgoing;
    switch (transfer.state()) {
    case Transfer::State::Offered:
        return tr("Waiting for you to accept");
    case Transfer::State::Waiting:
        return tr("Waiting for the recipient to accept");
    case Transfer::State::Connecting:
        return transfer.method() == Transfer::Method::HttpUpload && outgoing
                   ? tr("Preparing the upload…")
                   : tr("Connecting…");
    case Transfer::State::Transferring:
        return outgoing ? tr("Sending…") : tr("Receiving…");
    case Transfer::State::Verifying:
        return tr("Checking the file…");
    case Transfer::State::Finished:
        return outgoing ? tr("Sent") : tr("Received");
    case Transfer::State::Failed:
        return describe(transfer.error());
    case Transfer::State::Cancelled:
        return tr("Cancelled");
    }
    return {};
}

QPixmap fileTypePixmap(const QString &fileName, int size, qreal devicePixelRatio)
{
    QString extension = QFileInfo(fileName).suffix().toUpper();
    if (extension.size() > 4)
        extension.truncate(4);
    const QPalette palette = QApplication::palette();
    const QColor paper = palette.color(QPalette::Base);
    const QColor ink = palette.color(QPalette::Text);
    const QColor band = kindColour(fileName);
    const QString key =
        u"flint-file/%1/%2/%3/%4/%5/%6"_s.arg(extension, band.name(), paper.name(), ink.name())
            .arg(size)
            .arg(devicePixelRatio);
    QPixmap pixmap;
    if (QPixmapCache::find(key, &pixmap))
        return pixmap;

    pixmap = QPixmap(QSize(size, size) * devicePixelRatio);
    pixmap.setDevicePixelRatio(devicePixelRatio);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    // A page three quarters as wide as tall with a folded top-right corner.
    const qreal height = size * 0.92;
    const qreal width = height * 0.78;
    const QRectF page((size - width) / 2, (size - height) / 2, width, height);
    const qreal fold = width * 0.3;
    const qreal radius = size * 0.06;
    QPainterPath outline;
    outline.moveTo(page.left() + radius, page.top());
    outline.lineTo(page.right() - fold, page.top());
    outline.lineTo(page.right(), page.top() + fold);
    outline.lineTo(page.right(), page.bottom() - radius);
    outline.quadTo(page.bottomRight(), QPointF(page.right() - radius, page.bottom()));
    outline.lineTo(page.left() + radius, page.bottom());
    outline.quadTo(page.bottomLeft(), QPointF(page.left(), page.bottom() - radius));
    outline.lineTo(page.left(), page.top() + radius);
    outline.quadTo(page.topLeft(), QPointF(page.left() + radius, page.top()));
    outline.closeSubpath();
    QColor edge = ink;
    edge.setAlphaF(0.45);
    const qreal pen = qMax(1.0, size / 28.0);
    painter.setPen(QPen(edge, pen));
    painter.setBrush(paper);
    painter.drawPath(outline);
    QPainterPath corner;
    corner.moveTo(page.right() - fold, page.top());
    corner.lineTo(page.right() - fold, page.top() + fold);
    corner.lineTo(page.right(), page.top() + fold);
    painter.setBrush(Qt::NoBrush);
    painter.drawPath(corner);

    if (!extension.isEmpty()) {
        const QRectF label(page.left() - width * 0.12, page.top() + height * 0.52, width * 1.02,
                           height * 0.3);
        painter.setPen(Qt::NoPen);
        painter.setBrush(band);
        painter.drawRoundedRect(label, radius, radius);
        QFont font = QApplication::font();
        font.setBold(true);
        font.setPixelSize(qMax(6, qRound(label.height() * 0.62)));
        const QFontMetricsF metrics(font);
        const qreal advance = metrics.horizontalAdvance(extension);
        if (advance > label.width() * 0.9)
            font.setPixelSize(qMax(5, int(font.pixelSize() * label.width() * 0.9 / advance)));
        painter.setFont(font);
        painter.setPen(Qt::white);
        painter.drawText(label, Qt::AlignCenter, extension);
    } else {
        painter.setPen(QPen(edge, pen));
        for (int line = 0; line < 3; ++line) {
            const qreal y = page.top() + height * (0.45 + line * 0.14);
            painter.drawLine(QPointF(page.left() + width * 0.2, y),
                             QPointF(page.right() - width * 0.2, y));
        }
    }
    painter.end();
    QPixmapCache::insert(key, pixmap);
    return pixmap;
}

void openFile(const QString &path)
{
    QDesktopServices::openUrl(QUrl::fromLocalFile(path));
}

void showInFolder(const QString &path)
{
#ifdef Q_OS_WIN
    if (QProcess::startDetached(u"explorer.exe"_s,
                                {u"/select,"_s + QDir::toNativeSeparators(path)}))
        return;
#endif
    QDesktopServices::openUrl(QUrl::fromLocalFile(QFileInfo(path).absolutePath()));
}

} // namespace flint::ui

#include "Icons.h"

#include <QApplication>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QFile>
#include <QHash>
#include <QPainter>
#include <QPainterPath>
#include <QPalette>
#include <QSvgRenderer>

using namespace Qt::StringLiterals;

namespace flint::ui {
namespace {

// The stroke colour the line icons are drawn with; replaced by the palette's.
constexpr QLatin1StringView LineColour("#5f6368");

QIcon renderSvg(const QString &path, bool tint)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QByteArray svg = file.readAll();
    if (tint) {
        const QColor text = QApplication::palette().color(QPalette::WindowText);
        svg.replace(QByteArray(LineColour.data(), LineColour.size()),
                    text.name(QColor::HexRgb).toLatin1());
    }
    QSvgRenderer renderer(svg);
    QIcon icon;
    for (int size : {16, 20, 24, 32, 48, 64, 96, 128}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        renderer.render(&painter);
        painter.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}

} // namespace

QIcon icon(const QString &name)
{
    // Keyed by the palette so a theme change draws the icons anew.
    static QHash<QString, QIcon> cache;
    const QString key =
        name + QApplication::palette().color(QPalette::WindowText).name(QColor::HexRgb);
    auto it = cache.find(key);
    if (it == cache.end())
        it = cache.insert(key, renderSvg(u":/icons/%1.svg"_s.arg(name), true));
    return *it;
}

QIcon statusIcon(PresenceStatus::Availability availability)
{
    static QHash<int, QIcon> cache;
    auto it = cache.find(availability);
    if (it != cache.end())
        return *it;
    QString name;
    switch (availability) {
    case PresenceStatus::Online:
        name = u"online"_s;
        break;
    case PresenceStatus::FreeForChat:
        name = u"chat"_s;
        break;
    case PresenceStatus::Away:
        name = u"away"_s;
        break;
    case PresenceStatus::ExtendedAway:
        name = u"xa"_s;
        break;
    case PresenceStatus::DoNotDisturb:
        name = u"dnd"_s;
        break;
    case PresenceStatus::Offline:
        name = u"offline"_s;
        break;
    }
    return *cache.insert(availability, renderSvg(u":/icons/status-%1.svg"_s.arg(name), false));
}

QIcon appIcon()
{
    static const QIcon icon = renderSvg(u":/icons/flint.svg"_s, false);
    return icon;
}

QString availabilityName(PresenceStatus::Availability availability)
{
    switch (availability) {
    case PresenceStatus::Online:
        return QCoreApplication::translate("flint::ui", "Online");
    case PresenceStatus::FreeForChat:
        return QCoreApplication::translate("flint::ui", "Free to chat");
    case PresenceStatus::Away:
        return QCoreApplication::translate("flint::ui", "Away");
    case PresenceStatus::ExtendedAway:
        return QCoreApplication::translate("flint::ui", "Extended away");
    case PresenceStatus::DoNotDisturb:
        return QCoreApplication::translate("flint::ui", "Busy");
    case PresenceStatus::Offline:
        break;
    }
    return QCoreApplication::translate("flint::ui", "Offline");
}

QPixmap avatarPixmap(const QImage &image, const QString &name, const QString &seed, int size,
                     qreal devicePixelRatio)
{
    const int pixels = qRound(size * devicePixelRatio);
    QPixmap pixmap(pixels, pixels);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHints(QPainter::Antialiasing | QPainter::SmoothPixmapTransform);
    QPainterPath circle;
    circle.addEllipse(QRectF(0, 0, pixels, pixels));
    painter.setClipPath(circle);
    if (!image.isNull()) {
        const int side = qMin(image.width(), image.height());
        const QRect square((image.width() - side) / 2, (image.height() - side) / 2, side, side);
        painter.drawImage(QRect(0, 0, pixels, pixels), image, square);
    } else {
        const QByteArray digest = QCryptographicHash::hash(seed.toUtf8(), QCryptographicHash::Sha1);
        painter.fillRect(pixmap.rect(),
                         QColor::fromHsl(quint8(digest.at(0)) * 360 / 256, 140, 120));
        QString initials;
        for (const QString &part : name.split(u' ', Qt::SkipEmptyParts)) {
            initials += part.at(0).toUpper();
            if (initials.size() == 2)
                break;
        }
        QFont font = QApplication::font();
        font.setPixelSize(qMax(1, pixels * 2 / 5));
        font.setBold(true);
        painter.setFont(font);
        painter.setPen(Qt::white);
        painter.drawText(pixmap.rect(), Qt::AlignCenter, initials.isEmpty() ? u"?"_s : initials);
    }
    painter.end();
    pixmap.setDevicePixelRatio(devicePixelRatio);
    return pixmap;
}

} // namespace flint::ui

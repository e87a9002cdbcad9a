#include "RosterDelegate.h"

#include "client/AvatarCache.h"
#include "client/RosterModel.h"
#include "common/Icons.h"
#include "common/Theme.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QHelpEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>
#include <QTreeView>

using namespace Qt::StringLiterals;

namespace flint::ui {
namespace {

bool isGroup(const QModelIndex &index)
{
    return index.data(RosterModel::KindRole).value<RosterModel::ItemKind>() ==
           RosterModel::GroupItem;
}

PresenceStatus::Availability availabilityOf(const QModelIndex &index)
{
    return index.data(RosterModel::AvailabilityRole).value<PresenceStatus::Availability>();
}

// Row metrics in units of the font's line height.
int avatarSize(const QFontMetrics &metrics)
{
    return qRound(metrics.height() * 2.1);
}

int margin(const QFontMetrics &metrics)
{
    return qRound(metrics.height() * 0.6);
}

QColor secondaryText(const QStyleOptionViewItem &option)
{
    if (option.state & QStyle::State_Selected)
        return option.palette.color(QPalette::HighlightedText);
    return option.palette.color(QPalette::PlaceholderText);
}

} // namespace

RosterDelegate::RosterDelegate(const AvatarCache &avatars, QObject *parent)
    : QStyledItemDelegate(parent), m_avatars(avatars), m_pixmaps(400)
{}

QSize RosterDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QFontMetrics &metrics = option.fontMetrics;
    if (isGroup(index))
        return {metrics.height() * 10, qRound(metrics.height() * 1.9)};
    return {metrics.height() * 10, avatarSize(metrics) + margin(metrics)};
}

void RosterDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                           const QModelIndex &index) const
{
    if (isGroup(index)) {
        // A group header is a heading, not an item: a light tint when current or hovered.
        if (option.state & (QStyle::State_Selected | QStyle::State_MouseOver)) {
            QColor tint = option.palette.color(QPalette::Highlight);
            tint.setAlphaF(option.state & QStyle::State_Selected ? 0.18f : 0.08f);
            painter->fillRect(option.rect, tint);
        }
    } else {
        // The style draws hover and selection of contacts; the content is ours.
        QStyleOptionViewItem background = option;
        initStyleOption(&background, index);
        background.text.clear();
        background.icon = QIcon();
        background.state &= ~QStyle::State_HasFocus;
        const QWidget *widget = option.widget;
        QStyle *style = widget ? widget->style() : QApplication::style();
        style->drawControl(QStyle::CE_ItemViewItem, &background, painter, widget);
    }

    painter->save();
    painter->setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing |
                            QPainter::SmoothPixmapTransform);
    if (isGroup(index))
        paintGroup(painter, option, index);
    else
        paintContact(painter, option, index);
    painter->restore();
}

void RosterDelegate::paintGroup(QPainter *painter, const QStyleOptionViewItem &option,
                                const QModelIndex &index) const
{
    const QFontMetrics &metrics = option.fontMetrics;
    const int em = metrics.height();
    const QRect rect = option.rect.adjusted(margin(metrics), 0, -margin(metrics), 0);
    const auto *tree = qobject_cast<const QTreeView *>(option.widget);
    const bool expanded = !tree || tree->isExpanded(index);
    const QColor text = option.palette.color(QPalette::Text);
    const QColor secondary = option.palette.color(QPalette::PlaceholderText);

    // A chevron pointing down when open, right when closed.
    const qreal arrow = em * 0.32;
    const QPointF centre(rect.left() + arrow, rect.center().y() + 0.5);
    QPainterPath chevron;
    if (expanded) {
        chevron.moveTo(centre + QPointF(-arrow, -arrow / 2));
        chevron.lineTo(centre + QPointF(0, arrow / 2));
        chevron.lineTo(centre + QPointF(arrow, -arrow / 2));
    } else {
        chevron.moveTo(centre + QPointF(-arrow / 2, -arrow));
        chevron.lineTo(centre + QPointF(arrow / 2, 0));
        chevron.lineTo(centre + QPointF(-arrow / 2, arrow));
    }
    painter->setPen(
        QPen(secondary, qMax(1.0, em / 10.0), Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    painter->drawPath(chevron);

    const QString count = u"%1/%2"_s.arg(index.data(RosterModel::AvailableCountRole).toInt())
                              .arg(index.data(RosterModel::ContactCountRole).toInt());
    QFont countFont = option.font;
    countFont.setPointSizeF(option.font.pointSizeF() * 0.9);
    const int countWidth = QFontMetrics(countFont).horizontalAdvance(count);
    painter->setFont(countFont);
    painter->setPen(secondary);
    painter->drawText(rect, Qt::AlignRight | Qt::AlignVCenter, count);

    QFont nameFont = option.font;
    nameFont.setBold(true);
    const QRect nameRect = rect.adjusted(qRound(arrow * 2 + em * 0.5), 0, -(countWidth + em), 0);
    painter->setFont(nameFont);
    painter->setPen(text);
    painter->drawText(nameRect, Qt::AlignLeft | Qt::AlignVCenter,
                      QFontMetrics(nameFont).elidedText(index.data(Qt::DisplayRole).toString(),
                                                        Qt::ElideRight, nameRect.width()));
}

void RosterDelegate::paintContact(QPainter *painter, const QStyleOptionViewItem &option,
                                  const QModelIndex &index) const
{
    const QFontMetrics &metrics = option.fontMetrics;
    const int em = metrics.height();
    const int side = avatarSize(metrics);
    const QRect rect = option.rect.adjusted(margin(metrics), 0, -margin(metrics), 0);
    const bool selected = option.state & QStyle::State_Selected;
    const auto availability = availabilityOf(index);
    const bool online = availability != PresenceStatus::Offline;
    const qreal dpr = painter->device()->devicePixelRatioF();

    // Avatar, faded while offline, with the presence dot on its lower right edge.
    const QRect avatarRect(rect.left(), rect.top() + (rect.height() - side) / 2, side, side);
    painter->setOpacity(online ? 1.0 : 0.45);
    painter->drawPixmap(avatarRect, avatar(index, side, dpr));
    painter->setOpacity(1.0);
    const int dot = qRound(side * 0.4);
    const QRect dotRect(avatarRect.right() + 1 - dot + dot / 6,
                        avatarRect.bottom() + 1 - dot + dot / 6, dot, dot);
    const int ring = qMax(1, dot / 8);
    painter->setPen(Qt::NoPen);
    painter->setBrush(option.palette.color(selected ? QPalette::Highlight : QPalette::Base));
    painter->drawEllipse(dotRect.adjusted(-ring, -ring, ring, ring));
    painter->drawPixmap(dotRect, statusIcon(availability).pixmap(dotRect.size(), dpr));

    // The unread badge: a pill with the count at the right edge.
    int textRight = rect.right();
    if (const int unread = index.data(RosterModel::UnreadCountRole).toInt(); unread > 0) {
        QFont badgeFont = option.font;
        badgeFont.setBold(true);
        badgeFont.setPointSizeF(option.font.pointSizeF() * 0.85);
        const QFontMetrics badgeMetrics(badgeFont);
        const QString label = unread > 99 ? u"99+"_s : QString::number(unread);
        const int height = badgeMetrics.height() + em / 6;
        const int width = qMax(height, badgeMetrics.horizontalAdvance(label) + height * 2 / 3);
        const QRect badge(rect.right() + 1 - width, rect.top() + (rect.height() - height) / 2,
                          width, height);
        painter->setBrush(isDarkPalette() ? QColor(0xe8, 0x5a, 0x4f) : QColor(0xd9, 0x3a, 0x2b));
        painter->drawRoundedRect(badge, height / 2.0, height / 2.0);
        painter->setFont(badgeFont);
        painter->setPen(Qt::white);
        painter->drawText(badge, Qt::AlignCenter, label);
        textRight = badge.left() - em / 2;
    }

    // Name above, status below; the name alone sits in the middle.
    const int textLeft = avatarRect.right() + 1 + qRound(em * 0.65);
    const QRect textRect(textLeft, rect.top(), textRight - textLeft, rect.height());
    QFont nameFont = option.font;
    nameFont.setBold(index.data(RosterModel::UnreadCountRole).toInt() > 0);
    const QFontMetrics nameMetrics(nameFont);
    QColor nameColour = option.palette.color(selected ? QPalette::HighlightedText : QPalette::Text);
    if (!online && !selected)
        nameColour = option.palette.color(QPalette::PlaceholderText);
    const QString name = nameMetrics.elidedText(index.data(RosterModel::DisplayNameRole).toString(),
                                                Qt::ElideRight, textRect.width());
    const QString status = secondLine(index);
    painter->setFont(nameFont);
    painter->setPen(nameColour);
    if (status.isEmpty()) {
        painter->drawText(textRect, Qt::AlignLeft | Qt::AlignVCenter, name);
        return;
    }
    const int lineGap = em / 8;
    const int top = textRect.top() + (textRect.height() - 2 * em - lineGap) / 2;
    painter->drawText(QRect(textLeft, top, textRect.width(), em), Qt::AlignLeft | Qt::AlignVCenter,
                      name);
    painter->setFont(option.font);
    painter->setPen(secondaryText(option));
    painter->drawText(QRect(textLeft, top + em + lineGap, textRect.width(), em),
                      Qt::AlignLeft | Qt::AlignVCenter,
                      metrics.elidedText(status, Qt::ElideRight, textRect.width()));
}

QPixmap RosterDelegate::avatar(const QModelIndex &index, int size, qreal devicePixelRatio) const
{
    const QString name = index.data(RosterModel::DisplayNameRole).toString();
    const QString jid = index.data(RosterModel::JidRole).toString();
    const QString hash = index.data(RosterModel::AvatarHashRole).toString();
    const QString scale = u"%1@%2"_s.arg(size).arg(devicePixelRatio);
    if (!hash.isEmpty()) {
        const QString key = u"photo:%1:%2"_s.arg(hash, scale);
        if (const QPixmap *cached = m_pixmaps.object(key))
            return *cached;
        // Not in the cache yet while its card is being fetched: initials until then.
        if (m_avatars.contains(hash)) {
            const QImage image = m_avatars.image(hash);
            if (!image.isNull()) {
                auto *pixmap = new QPixmap(avatarPixmap(image, name, jid, size, devicePixelRatio));
                m_pixmaps.insert(key, pixmap);
                return *pixmap;
            }
        }
    }
    const QString key = u"initials:%1:%2:%3"_s.arg(jid, name, scale);
    if (const QPixmap *cached = m_pixmaps.object(key))
        return *cached;
    auto *pixmap = new QPixmap(avatarPixmap({}, name, jid, size, devicePixelRatio));
    m_pixmaps.insert(key, pixmap);
    return *pixmap;
}

QString RosterDelegate::secondLine(const QModelIndex &index)
{
    const auto availability = availabilityOf(index);
    if (availability != PresenceStatus::Offline) {
        const QString text = index.data(RosterModel::StatusTextRole).toString().simplified();
        return text.isEmpty() ? availabilityName(availability) : text;
    }
    if (index.data(RosterModel::SubscriptionPendingRole).toBool())
        return tr("Waiting for approval");
    return {};
}

bool RosterDelegate::helpEvent(QHelpEvent *event, QAbstractItemView *view,
                               const QStyleOptionViewItem &option, const QModelIndex &index)
{
    if (event->type() != QEvent::ToolTip || !index.isValid() || isGroup(index))
        return QStyledItemDelegate::helpEvent(event, view, option, index);
    const QString status = secondLine(index);
    QString tip = u"<b>%1</b><br>%2"_s.arg(
        index.data(RosterModel::DisplayNameRole).toString().toHtmlEscaped(),
        index.data(RosterModel::JidRole).toString().toHtmlEscaped());
    if (!status.isEmpty())
        tip += u"<br><i>%1</i>"_s.arg(status.toHtmlEscaped());
    QToolTip::showText(event->globalPos(), tip, view, option.rect);
    return true;
}

} // namespace flint::ui

#include "OccupantDelegate.h"

#include "common/Icons.h"
#include "common/Metrics.h"

#include <QAbstractItemView>
#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>

using namespace Qt::StringLiterals;

namespace flint::ui {
namespace {

RoomOccupant occupantAt(const QModelIndex &index)
{
    return index.data(RoomOccupantModel::OccupantRole).value<RoomOccupant>();
}

QColor mix(const QColor &a, const QColor &b, qreal amount)
{
    return QColor::fromRgbF(a.redF() + (b.redF() - a.redF()) * amount,
                            a.greenF() + (b.greenF() - a.greenF()) * amount,
                            a.blueF() + (b.blueF() - a.blueF()) * amount);
}

QFont smallFont(const QFont &font)
{
    QFont small = font;
    small.setPointSizeF(font.pointSizeF() * 0.85);
    return small;
}

} // namespace

QString OccupantDelegate::sectionName(RoomRole role)
{
    switch (role) {
    case RoomRole::Moderator:
        return tr("Moderators");
    case RoomRole::Participant:
        return tr("Participants");
    case RoomRole::Visitor:
        return tr("Visitors");
    case RoomRole::None:
        break;
    }
    return tr("Others");
}

QString OccupantDelegate::roleName(RoomRole role)
{
    switch (role) {
    case RoomRole::Moderator:
        return tr("Moderator");
    case RoomRole::Participant:
        return tr("Participant");
    case RoomRole::Visitor:
        return tr("Visitor");
    case RoomRole::None:
        break;
    }
    return {};
}

QString OccupantDelegate::affiliationName(RoomAffiliation affiliation)
{
    switch (affiliation) {
    case RoomAffiliation::Owner:
        return tr("Owner");
    case RoomAffiliation::Admin:
        return tr("Admin");
    case RoomAffiliation::Member:
        return tr("Member");
    case RoomAffiliation::Outcast:
    case RoomAffiliation::None:
        break;
    }
    return {};
}

bool OccupantDelegate::startsSection(const QModelIndex &index)
{
    const QModelIndex previous = index.siblingAtRow(index.row() - 1);
    return !previous.isValid() || occupantAt(previous).role != occupantAt(index).role;
}

int OccupantDelegate::headerHeight(const QStyleOptionViewItem &option) const
{
    return qRound(textLineHeight(smallFont(option.font)) * 1.9);
}

QSize OccupantDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const int line = textLineHeight(option.font);
    const int row = qRound(line * 1.7);
    return {line * 8, row + (startsSection(index) ? headerHeight(option) : 0)};
}

void OccupantDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                             const QModelIndex &index) const
{
    const RoomOccupant occupant = occupantAt(index);
    const QPalette &palette = option.palette;
    const QColor text = palette.color(QPalette::Text);
    const QColor base = palette.color(QPalette::Base);
    const QColor secondary = mix(text, base, 0.45);
    const int em = textLineHeight(option.font);
    const QFont small = smallFont(option.font);
    const qreal dpr = painter->device()->devicePixelRatioF();

    painter->save();
    painter->setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    QRect rect = option.rect;
    if (startsSection(index)) {
        QRect header = rect;
        header.setHeight(headerHeight(option));
        rect.setTop(header.bottom() + 1);
        QFont font = small;
        font.setBold(true);
        painter->setFont(font);
        painter->setPen(secondary);
        painter->drawText(header.adjusted(em * 2 / 3, 0, -em / 2, -em / 6),
                          Qt::AlignLeft | Qt::AlignBottom, sectionName(occupant.role).toUpper());
    }

    if (option.state & (QStyle::State_Selected | QStyle::State_MouseOver)) {
        QColor tint = palette.color(QPalette::Highlight);
        tint.setAlphaF(option.state & QStyle::State_Selected ? 0.22 : 0.08);
        painter->setPen(Qt::NoPen);
        painter->setBrush(tint);
        painter->drawRoundedRect(QRectF(rect.adjusted(em / 4, 1, -em / 4, -1)), em / 3.0, em / 3.0);
    }

    const int iconSide = qRound(em * 0.75);
    const QRect iconRect(rect.left() + em * 2 / 3, rect.center().y() - iconSide / 2 + 1, iconSide,
                         iconSide);
    painter->drawPixmap(
        iconRect, statusIcon(occupant.status.availability).pixmap(QSize(iconSide, iconSide), dpr));

    int right = rect.right() - em / 2;
    const QString badge = affiliationName(occupant.affiliation);
    if (!badge.isEmpty()) {
        const QFontMetrics metrics(small);
        const int width = metrics.horizontalAdvance(badge) + em * 2 / 3;
        const int height = metrics.height() + em / 6;
        const QRect pill(right - width, rect.center().y() - height / 2 + 1, width, height);
        const QColor accent = palette.color(QPalette::Highlight);
        painter->setPen(Qt::NoPen);
        painter->setBrush(
            mix(base, occupant.affiliation == RoomAffiliation::Member ? text : accent, 0.14));
        painter->drawRoundedRect(QRectF(pill), height / 2.0, height / 2.0);
        painter->setFont(small);
        painter->setPen(occupant.affiliation == RoomAffiliation::Member ? secondary
                                                                        : mix(text, accent, 0.6));
        painter->drawText(pill, Qt::AlignCenter, badge);
        right = pill.left() - em / 3;
    }

    QFont nameFont = option.font;
    nameFont.setBold(occupant.isSelf);
    painter->setFont(nameFont);
    painter->setPen(text);
    const QRect nameRect(iconRect.right() + em / 2, rect.top(), right - iconRect.right() - em / 2,
                         rect.height());
    QString name = occupant.nick;
    if (occupant.isSelf)
        name = tr("%1 (you)").arg(name);
    painter->drawText(nameRect, Qt::AlignLeft | Qt::AlignVCenter,
                      QFontMetrics(nameFont).elidedText(name, Qt::ElideRight, nameRect.width()));
    painter->restore();
}

bool OccupantDelegate::helpEvent(QHelpEvent *event, QAbstractItemView *view,
                                 const QStyleOptionViewItem &option, const QModelIndex &index)
{
    if (event->type() != QEvent::ToolTip || !index.isValid())
        return QStyledItemDelegate::helpEvent(event, view, option, index);
    const RoomOccupant occupant = occupantAt(index);
    QStringList lines{u"<b>%1</b>"_s.arg(occupant.nick.toHtmlEscaped())};
    if (!occupant.jid.isEmpty())
        lines << occupant.jid.toHtmlEscaped();
    QString presence = availabilityName(occupant.status.availability);
    if (!occupant.status.text.isEmpty())
        presence = tr("%1 — %2", "availability — status text").arg(presence, occupant.status.text);
    lines << presence.toHtmlEscaped();
    QString standing = roleName(occupant.role);
    if (const QString affiliation = affiliationName(occupant.affiliation); !affiliation.isEmpty())
        standing = tr("%1, %2", "room role, affiliation").arg(standing, affiliation);
    lines << standing.toHtmlEscaped();
    QToolTip::showText(event->globalPos(), lines.join(u"<br>"_s), view);
    return true;
}

} // namespace flint::ui

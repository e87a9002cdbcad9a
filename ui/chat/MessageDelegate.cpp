#include "MessageDelegate.h"

#include "client/Conversation.h"
#include "client/HistoryStore.h"
#include "client/MessageListModel.h"
#include "client/TransferService.h"
#include "common/Icons.h"
#include "common/Theme.h"
#include "common/Widgets.h"
#include "transfers/TransferText.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QHelpEvent>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>
#include <QRegularExpression>
#include <QTextLine>
#include <QToolTip>

using namespace Qt::StringLiterals;

namespace flint::ui {
namespace {

// Messages closer than this from the same side form one run under one name.
constexpr qint64 RunGapMs = 5 * 60 * 1000;

QColor mix(const QColor &a, const QColor &b, qreal amount)
{
    return QColor::fromRgbF(a.redF() + (b.redF() - a.redF()) * amount,
                            a.greenF() + (b.greenF() - a.greenF()) * amount,
                            a.blueF() + (b.blueF() - a.blueF()) * amount);
}

QFont smallFont(const QFont &font)
{
    QFont small = font;
    if (font.pointSizeF() > 0)
        small.setPointSizeF(font.pointSizeF() * 0.82);
    else
        small.setPixelSize(qMax(1, qRound(font.pixelSize() * 0.82)));
    return small;
}

QDateTime localTime(const QModelIndex &index)
{
    return index.data(MessageListModel::TimestampRole).toDateTime().toLocalTime();
}

bool isOutgoing(const QModelIndex &index)
{
    return index.data(MessageListModel::OutgoingRole).toBool();
}

// The text as QTextLayout breaks it: line separators instead of newlines, same length.
QString layoutText(QString body)
{
    body.replace(u'\r', u' ');
    body.replace(u'\n', QChar::LineSeparator);
    return body;
}

// A rounded rectangle whose corner on the sender's side is tighter at the start of a run, so
// the bubble points at the name above it.
QPainterPath bubblePath(const QRectF &rect, qreal radius, bool outgoing, bool runStart)
{
    const qreal tight = runStart ? radius * 0.3 : radius;
    const qreal topLeft = outgoing ? radius : tight;
    const qreal topRight = outgoing ? tight : radius;
    QPainterPath path;
    path.moveTo(rect.left() + topLeft, rect.top());
    path.lineTo(rect.right() - topRight, rect.top());
    path.arcTo(QRectF(rect.right() - 2 * topRight, rect.top(), 2 * topRight, 2 * topRight), 90,
               -90);
    path.lineTo(rect.right(), rect.bottom() - radius);
    path.arcTo(
        QRectF(rect.right() - 2 * radius, rect.bottom() - 2 * radius, 2 * radius, 2 * radius), 0,
        -90);
    path.lineTo(rect.left() + radius, rect.bottom());
    path.arcTo(QRectF(rect.left(), rect.bottom() - 2 * radius, 2 * radius, 2 * radius), 270, -90);
    path.lineTo(rect.left(), rect.top() + topLeft);
    path.arcTo(QRectF(rect.left(), rect.top(), 2 * topLeft, 2 * topLeft), 180, -90);
    path.closeSubpath();
    return path;
}

QString dayText(const QDate &date)
{
    const QDate today = QDate::currentDate();
    if (date == today)
        return MessageDelegate::tr("Today");
    if (date == today.addDays(-1))
        return MessageDelegate::tr("Yesterday");
    return QLocale().toString(date, QLocale::LongFormat);
}

QString timeText(const QDateTime &local)
{
    return QLocale().toString(local.time(), u"hh:mm"_s);
}

// A link message's body is the file's URL (for clients that know no file sharing): the card
// says it all then. Other text sent with a file is shown under the card.
bool showsBody(const QString &body, const FileAttachment &file)
{
    const QString text = body.trimmed();
    return !text.isEmpty() && text != file.url && text != file.name;
}

QString fullTimeText(const QDateTime &local)
{
    return MessageDelegate::tr("%1 at %2", "long date, time of day")
        .arg(QLocale().toString(local.date(), QLocale::LongFormat), timeText(local));
}

} // namespace

// Where each part of one message goes, in view coordinates.
struct MessageDelegate::Geometry {
    QRect row;
    QRect separator; // day separator band; null when the day goes on
    QString separatorText;
    QRect name; // the sender's name at the start of a run; null otherwise
    QRect bubble;
    bool runStart = false;
    QPoint textOrigin;
    QRect note; // "offline message" line inside the bubble; null for others
    QRect time;
    QRect mark; // delivery mark of outgoing messages; null for incoming ones
    int wrapWidth = 0;
    bool showBody = true;
    // The file card of a message with a file; null otherwise.
    QRect card;
    QRect cardIcon;
    QRect cardName;
    QRect cardStatus;
    QRect cardProgress;
    QList<std::pair<FileAction, QRect>> cardActions;
};

MessageDelegate::MessageDelegate(QObject *parent)
    : QStyledItemDelegate(parent), m_texts(300), m_icons(64)
{}

MessageDelegate::~MessageDelegate() = default;

void MessageDelegate::setNames(const QString &ownName, const QString &peerName)
{
    m_ownName = ownName;
    m_peerName = peerName;
}

void MessageDelegate::setGroupChat(bool groupChat)
{
    m_groupChat = groupChat;
}

QString MessageDelegate::senderName(const QModelIndex &index) const
{
    if (isOutgoing(index))
        return m_ownName;
    if (!m_groupChat)
        return m_peerName;
    const QString sender = index.data(MessageListModel::SenderRole).toString();
    return sender.mid(sender.indexOf(u'/') + 1);
}

void MessageDelegate::setSearchText(const QString &text)
{
    m_searchText = text;
}

void MessageDelegate::setFailureText(const QString &stanzaId, const QString &text)
{
    m_failures.insert(stanzaId, text);
}

void MessageDelegate::setFlash(qint64 messageId, qreal strength)
{
    m_flashId = strength > 0 ? messageId : 0;
    m_flashStrength = strength;
}

void MessageDelegate::clearCache()
{
    ++m_generation;
    m_texts.clear();
    m_icons.clear();
}

QList<MessageDelegate::Link> MessageDelegate::findLinks(const QString &text)
{
    static const QRegularExpression uri(u"(?:\\bhttps?://|\\bxmpp:|\\bmailto:)[^\\s<>\"]+"_s,
                                        QRegularExpression::CaseInsensitiveOption);
    QList<Link> links;
    for (auto it = uri.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        QString url = match.captured();
        // Punctuation that ends the sentence, or a bracket that encloses the link, is not part
        // of it; a bracket the link itself opened is.
        while (!url.isEmpty()) {
            const QChar last = url.back();
            const bool closes = (last == u')' && url.count(u'(') < url.count(u')')) ||
                                (last == u']' && url.count(u'[') < url.count(u']'));
            if (!closes && !u".,;:!?'*"_s.contains(last))
                break;
            url.chop(1);
        }
        if (url.endsWith(u"//"_s) || url.endsWith(u':'))
            continue;
        links.append({int(match.capturedStart()), int(url.size()), url});
    }
    return links;
}

const MessageDelegate::Measure &MessageDelegate::measure(const QModelIndex &index,
                                                         const QFont &font, int wrapWidth) const
{
    const qint64 id = index.data(MessageListModel::IdRole).toLongLong();
    Measure &cached = m_measures[id];
    if (cached.wrapWidth == wrapWidth && cached.generation == m_generation)
        return cached;
    QTextLayout layout(layoutText(index.data(MessageListModel::BodyRole).toString()), font);
    QTextOption option;
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    layout.setTextOption(option);
    layout.beginLayout();
    qreal height = 0, width = 0, last = 0;
    for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
        line.setLineWidth(wrapWidth);
        line.setPosition({0, height});
        height += line.height();
        last = line.naturalTextWidth();
        width = qMax(width, last);
    }
    layout.endLayout();
    cached = {wrapWidth, m_generation, QSizeF(width, height), last};
    return cached;
}

const MessageDelegate::Text &MessageDelegate::text(const QModelIndex &index, const QFont &font,
                                                   int wrapWidth, const QPalette &palette) const
{
    const qint64 id = index.data(MessageListModel::IdRole).toLongLong();
    if (const Text *cached = m_texts.object(id);
        cached && cached->wrapWidth == wrapWidth && cached->generation == m_generation)
        return *cached;
    auto *entry = new Text;
    entry->wrapWidth = wrapWidth;
    entry->generation = m_generation;
    const QString body = layoutText(index.data(MessageListModel::BodyRole).toString());
    entry->links = findLinks(body);
    entry->layout.setText(body);
    entry->layout.setFont(font);
    QTextOption option;
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    entry->layout.setTextOption(option);
    QList<QTextLayout::FormatRange> formats;
    for (const Link &link : std::as_const(entry->links)) {
        QTextCharFormat format;
        format.setForeground(palette.color(QPalette::Link));
        format.setFontUnderline(true);
        formats.append({link.start, link.length, format});
    }
    entry->layout.setFormats(formats);
    entry->layout.beginLayout();
    qreal height = 0;
    for (QTextLine line = entry->layout.createLine(); line.isValid();
         line = entry->layout.createLine()) {
        line.setLineWidth(wrapWidth);
        line.setPosition({0, height});
        height += line.height();
    }
    entry->layout.endLayout();
    m_texts.insert(id, entry);
    return *entry;
}

MessageDelegate::Geometry MessageDelegate::geometry(const QStyleOptionViewItem &option,
                                                    const QModelIndex &index) const
{
    Geometry g;
    const auto *view = qobject_cast<const QAbstractItemView *>(option.widget);
    const int width = view ? view->viewport()->width() : option.rect.width();
    const QFontMetrics metrics(option.font);
    const QFont small = smallFont(option.font);
    const QFontMetrics smallMetrics(small);
    const int em = metrics.height();
    const int side = qRound(em * 0.9);
    const int padX = qRound(em * 0.7);
    const int padY = qRound(em * 0.4);

    const QDateTime local = localTime(index);
    const bool outgoing = isOutgoing(index);
    const QModelIndex previous = index.siblingAtRow(index.row() - 1);
    const bool newDay = !previous.isValid() || localTime(previous).date() != local.date();
    g.runStart = newDay || isOutgoing(previous) != outgoing ||
                 localTime(previous).msecsTo(local) > RunGapMs ||
                 (m_groupChat && previous.data(MessageListModel::SenderRole) !=
                                     index.data(MessageListModel::SenderRole));
    const bool last = index.row() == index.model()->rowCount(index.parent()) - 1;

    int y = option.rect.top();
    g.row = QRect(option.rect.left(), y, width, 0);
    if (newDay) {
        g.separatorText = dayText(local.date());
        g.separator = QRect(g.row.left(), y, width, qRound(em * 2.4));
        y = g.separator.bottom() + 1;
    }
    y += g.runStart ? qRound(em * 0.45) : qRound(em * 0.15);
    if (g.runStart) {
        g.name = QRect(0, y, 0, smallMetrics.height() + em / 8);
        y = g.name.bottom() + 1;
    }

    // The bubble takes at most three quarters of the row so the sides stay apart, and lines
    // stay short enough to read in a wide window.
    const int maxBubble = qMin(qMax(qMin(width - 2 * side, em * 12), width * 3 / 4), em * 36);
    g.wrapWidth = qMax(em * 4, maxBubble - 2 * padX);
    const Measure &text = measure(index, option.font, g.wrapWidth);
    const int markSize = smallMetrics.height();
    const int timeWidth = smallMetrics.horizontalAdvance(timeText(local));
    const int metaWidth = timeWidth + (outgoing ? em / 4 + markSize : 0);
    const int metaGap = em / 2;
    const std::optional<FileAttachment> file = attachment(index);
    g.showBody = !file || showsBody(index.data(MessageListModel::BodyRole).toString(), *file);
    QSizeF textSize = g.showBody ? text.size : QSizeF();
    qreal lastLineWidth = g.showBody ? text.lastLineWidth : 0;
    // A file card: the type picture, then name, status, a progress line and the buttons.
    const int cardIconSide = qRound(em * 2.6);
    const int cardTextLeft = cardIconSide + qRound(em * 0.6);
    const int cardWidth = qMin(g.wrapWidth, em * 18);
    const int progressHeight = qMax(3, em / 6);
    const int actionHeight = smallMetrics.height() + em / 3;
    int cardHeight = 0;
    if (file) {
        const int textHeight =
            metrics.height() + smallMetrics.height() + progressHeight + em / 3 + actionHeight;
        cardHeight = qMax(cardIconSide, textHeight);
        int actionsWidth = 0;
        for (FileAction action : fileActions(index, *file)) {
            const int w = smallMetrics.horizontalAdvance(fileActionText(action)) + markSize +
                          em / 4 + qRound(em * 0.8);
            g.cardActions.append({action, QRect(actionsWidth, 0, w, actionHeight)});
            actionsWidth += w + em / 3;
        }
        textSize.setWidth(qMax(textSize.width(), qreal(cardWidth)));
        if (g.showBody)
            textSize.setHeight(textSize.height() + cardHeight + em / 3);
        else
            lastLineWidth = cardTextLeft + actionsWidth;
    }
    int contentWidth = qCeil(textSize.width());
    int contentHeight = qCeil(textSize.height()) + (g.showBody ? 0 : cardHeight);
    int noteHeight = 0;
    // A room's delayed messages are its history on joining, not offline messages.
    if (index.data(MessageListModel::DelayedRole).toBool() && !m_groupChat) {
        QFont italic = small;
        italic.setItalic(true);
        const QString note = tr("Offline message, sent at %1").arg(timeText(local));
        const int noteWidth = markSize + em / 4 + QFontMetrics(italic).horizontalAdvance(note);
        contentWidth = qMax(contentWidth, qMin(noteWidth, g.wrapWidth));
        noteHeight = smallMetrics.height() + em / 6;
    }
    // Time and mark sit on the last line when it leaves room, otherwise on a line of their own.
    const bool metaInline = lastLineWidth + metaGap + metaWidth <= g.wrapWidth;
    if (metaInline) {
        contentWidth = qMax(contentWidth, qCeil(lastLineWidth) + metaGap + metaWidth);
    } else {
        contentWidth = qMax(contentWidth, metaWidth);
        contentHeight += smallMetrics.height();
    }
    const int bubbleWidth = contentWidth + 2 * padX;
    const int bubbleHeight = noteHeight + contentHeight + 2 * padY;
    const int bubbleLeft =
        outgoing ? g.row.left() + width - side - bubbleWidth : g.row.left() + side;
    g.bubble = QRect(bubbleLeft, y, bubbleWidth, bubbleHeight);
    if (g.runStart) {
        g.name.setLeft(bubbleLeft + padX / 2);
        g.name.setWidth(qMax(bubbleWidth - padX, qMin(width - 2 * side, em * 16)));
        if (outgoing)
            g.name.moveRight(g.bubble.right() - padX / 2);
    }
    if (noteHeight > 0)
        g.note = QRect(bubbleLeft + padX, y + padY, g.wrapWidth, smallMetrics.height());
    g.textOrigin = QPoint(bubbleLeft + padX, y + padY + noteHeight);
    if (file) {
        const QPoint at = g.textOrigin;
        g.card = QRect(at, QSize(cardWidth, cardHeight));
        g.cardIcon = QRect(at, QSize(cardIconSide, cardIconSide));
        const int left = at.x() + cardTextLeft;
        const int textWidth = cardWidth - cardTextLeft;
        g.cardName = QRect(left, at.y(), textWidth, metrics.height());
        g.cardStatus = QRect(left, g.cardName.bottom() + 1, textWidth, smallMetrics.height());
        g.cardProgress = QRect(left, g.cardStatus.bottom() + 1 + em / 6, textWidth, progressHeight);
        const int actionsTop = g.cardProgress.bottom() + 1 + em / 6;
        for (auto &[action, rect] : g.cardActions)
            rect.translate(left, actionsTop);
        if (g.showBody)
            g.textOrigin.ry() += cardHeight + em / 3;
    }
    const int metaBottom = g.bubble.bottom() - padY + 1;
    const int metaRight = g.bubble.right() - padX + 1;
    if (outgoing)
        g.mark = QRect(metaRight - markSize, metaBottom - markSize - smallMetrics.descent() / 2,
                       markSize, markSize);
    g.time = QRect(metaRight - metaWidth, metaBottom - smallMetrics.height(), timeWidth,
                   smallMetrics.height());
    y = g.bubble.bottom() + 1 + (last ? qRound(em * 0.7) : 0);
    g.row.setBottom(y - 1);
    return g;
}

QSize MessageDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    return geometry(option, index).row.size();
}

void MessageDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                            const QModelIndex &index) const
{
    const Geometry g = geometry(option, index);
    const QPalette &palette = option.palette;
    const bool dark = isDarkPalette();
    const bool outgoing = isOutgoing(index);
    const QColor base = palette.color(QPalette::Base);
    const QColor textColour = palette.color(QPalette::Text);
    const QColor accent = palette.color(QPalette::Highlight);
    const QColor secondary = mix(textColour, base, 0.45);
    const QFontMetrics metrics(option.font);
    const int em = metrics.height();
    const QFont small = smallFont(option.font);
    const qreal dpr = painter->device()->devicePixelRatioF();
    const qint64 id = index.data(MessageListModel::IdRole).toLongLong();

    painter->save();
    painter->setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing |
                            QPainter::SmoothPixmapTransform);

    // Selection and the flash of a message brought into view tint its whole row.
    QRect message = g.row;
    if (!g.separator.isNull())
        message.setTop(g.separator.bottom() + 1);
    if (option.state & QStyle::State_Selected) {
        QColor tint = accent;
        tint.setAlphaF(dark ? 0.22 : 0.12);
        painter->fillRect(message, tint);
    }
    if (id == m_flashId && m_flashStrength > 0) {
        QColor tint = accent;
        tint.setAlphaF(0.35 * m_flashStrength);
        painter->fillRect(message, tint);
    }

    if (!g.separator.isNull()) {
        QFont font = small;
        font.setBold(true);
        const QFontMetrics fm(font);
        const int textWidth = fm.horizontalAdvance(g.separatorText);
        const QRect pill(g.separator.center().x() - textWidth / 2 - em / 2,
                         g.separator.center().y() - fm.height() / 2 - em / 8, textWidth + em,
                         fm.height() + em / 4);
        painter->setPen(QPen(mix(base, textColour, dark ? 0.18 : 0.12), 1));
        const int lineY = g.separator.center().y();
        painter->drawLine(g.separator.left() + em, lineY, pill.left() - em / 2, lineY);
        painter->drawLine(pill.right() + em / 2, lineY, g.separator.right() - em, lineY);
        painter->setFont(font);
        painter->setPen(secondary);
        painter->drawText(pill, Qt::AlignCenter, g.separatorText);
    }

    if (!g.name.isNull()) {
        QFont font = small;
        font.setBold(true);
        painter->setFont(font);
        painter->setPen(outgoing ? secondary : mix(textColour, accent, 0.55));
        const QString name = senderName(index);
        painter->drawText(g.name, (outgoing ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter,
                          QFontMetrics(font).elidedText(name, Qt::ElideRight, g.name.width()));
    }

    const QColor bubbleColour = outgoing ? mix(base, accent, dark ? 0.30 : 0.15)
                                         : mix(base, textColour, dark ? 0.10 : 0.06);
    painter->setPen(Qt::NoPen);
    painter->setBrush(bubbleColour);
    painter->drawPath(bubblePath(QRectF(g.bubble), em * 0.75, outgoing, g.runStart));

    if (!g.note.isNull()) {
        const int iconSize = g.note.height();
        painter->drawPixmap(QRect(g.note.topLeft(), QSize(iconSize, iconSize)),
                            tintedIcon(u"clock"_s, secondary, iconSize, dpr));
        QFont italic = small;
        italic.setItalic(true);
        painter->setFont(italic);
        painter->setPen(secondary);
        const QRect noteText = g.note.adjusted(iconSize + em / 4, 0, 0, 0);
        painter->drawText(noteText, Qt::AlignLeft | Qt::AlignVCenter,
                          QFontMetrics(italic).elidedText(
                              tr("Offline message, sent at %1").arg(timeText(localTime(index))),
                              Qt::ElideRight, noteText.width()));
    }

    if (const std::optional<FileAttachment> file = attachment(index); file && !g.card.isNull())
        paintCard(painter, g, option, index, *file);

    const Text &body = text(index, option.font, g.wrapWidth, palette);
    QList<QTextLayout::FormatRange> matches;
    if (!m_searchText.isEmpty()) {
        QTextCharFormat format;
        format.setBackground(dark ? QColor(0xb0, 0x8a, 0x1e) : QColor(0xff, 0xd8, 0x5c));
        format.setForeground(dark ? QColor(Qt::white) : QColor(Qt::black));
        const QString &plain = body.layout.text();
        for (qsizetype at = plain.indexOf(m_searchText, 0, Qt::CaseInsensitive); at >= 0;
             at = plain.indexOf(m_searchText, at + m_searchText.size(), Qt::CaseInsensitive))
            matches.append({int(at), int(m_searchText.size()), format});
    }
    painter->setPen(textColour);
    if (g.showBody)
        body.layout.draw(painter, g.textOrigin, matches);

    painter->setFont(small);
    painter->setPen(secondary);
    painter->drawText(g.time, Qt::AlignRight | Qt::AlignVCenter, timeText(localTime(index)));
    if (!g.mark.isNull()) {
        const auto state = DeliveryState(index.data(MessageListModel::DeliveryRole).toInt());
        QString icon = u"clock"_s;
        QColor colour = secondary;
        switch (state) {
        case DeliveryState::Sending:
            break;
        case DeliveryState::Sent:
            icon = u"tick"_s;
            break;
        case DeliveryState::Delivered:
            icon = u"ticks"_s;
            colour = palette.color(QPalette::Link);
            break;
        case DeliveryState::Failed:
            icon = u"error"_s;
            colour = errorColor();
            break;
        }
        painter->drawPixmap(g.mark, tintedIcon(icon, colour, g.mark.width(), dpr));
    }
    painter->restore();
}

QString MessageDelegate::linkAt(const QStyleOptionViewItem &option, const QModelIndex &index,
                                const QPoint &pos) const
{
    const Geometry g = geometry(option, index);
    if (!g.bubble.contains(pos) || !g.showBody)
        return {};
    const Text &body = text(index, option.font, g.wrapWidth, option.palette);
    const QPointF local = pos - g.textOrigin;
    for (int i = 0; i < body.layout.lineCount(); ++i) {
        const QTextLine line = body.layout.lineAt(i);
        if (local.y() < line.y() || local.y() >= line.y() + line.height())
            continue;
        if (local.x() < line.x() || local.x() > line.x() + line.naturalTextWidth())
            return {};
        const int position = line.xToCursor(local.x(), QTextLine::CursorOnCharacter);
        for (const Link &link : body.links) {
            if (position >= link.start && position < link.start + link.length)
                return link.url;
        }
        return {};
    }
    return {};
}

QString MessageDelegate::deliveryText(const QModelIndex &index) const
{
    switch (DeliveryState(index.data(MessageListModel::DeliveryRole).toInt())) {
    case DeliveryState::Sending:
        return tr("Sending…");
    case DeliveryState::Sent:
        return tr("Sent");
    case DeliveryState::Delivered:
        return tr("Delivered");
    case DeliveryState::Failed:
        break;
    }
    const QString reason = m_failures.value(index.data(MessageListModel::StanzaIdRole).toString());
    return reason.isEmpty() ? describe(SendError{}) : reason;
}

bool MessageDelegate::helpEvent(QHelpEvent *event, QAbstractItemView *view,
                                const QStyleOptionViewItem &option, const QModelIndex &index)
{
    if (!event || event->type() != QEvent::ToolTip || !index.isValid())
        return QStyledItemDelegate::helpEvent(event, view, option, index);
    const Geometry g = geometry(option, index);
    const QPoint pos = event->pos();
    QString tip;
    if (g.mark.contains(pos))
        tip = deliveryText(index);
    else if (const FileAction action = fileActionAt(option, index, pos); action != FileAction::None)
        tip = fileActionText(action);
    else if (g.card.contains(pos))
        tip = localFile(index).isEmpty() ? attachment(index)->name
                                         : QDir::toNativeSeparators(localFile(index));
    else if (const QString link = linkAt(option, index, pos); !link.isEmpty())
        tip = link;
    else if (g.bubble.contains(pos))
        tip = fullTimeText(localTime(index));
    if (tip.isEmpty()) {
        QToolTip::hideText();
        return true;
    }
    QToolTip::showText(event->globalPos(), tip, view->viewport(), g.bubble);
    return true;
}

void MessageDelegate::setDownloadsEnabled(bool enabled)
{
    m_downloadsEnabled = enabled;
}

void MessageDelegate::setDownload(qint64 messageId, Transfer *transfer)
{
    m_downloads.insert(messageId, transfer);
}

Transfer *MessageDelegate::download(qint64 messageId) const
{
    return m_downloads.value(messageId);
}

std::optional<FileAttachment> MessageDelegate::attachment(const QModelIndex &index)
{
    const QVariant value = index.data(MessageListModel::AttachmentRole);
    if (!value.isValid() || !value.canConvert<FileAttachment>())
        return std::nullopt;
    return value.value<FileAttachment>();
}

QString MessageDelegate::localFile(const QModelIndex &index) const
{
    const std::optional<FileAttachment> file = attachment(index);
    if (!file)
        return {};
    if (!file->localPath.isEmpty() && QFileInfo::exists(file->localPath))
        return file->localPath;
    // Downloaded in this session, before the message's record says so.
    const Transfer *transfer = download(index.data(MessageListModel::IdRole).toLongLong());
    if (transfer && transfer->state() == Transfer::State::Finished &&
        QFileInfo::exists(transfer->localPath()))
        return transfer->localPath();
    return {};
}

QList<MessageDelegate::FileAction> MessageDelegate::fileActions(const QModelIndex &index,
                                                                const FileAttachment &file) const
{
    if (!localFile(index).isEmpty())
        return {FileAction::Open, FileAction::ShowInFolder};
    const Transfer *transfer = download(index.data(MessageListModel::IdRole).toLongLong());
    if (transfer && transfer->isActive())
        return {FileAction::Cancel};
    if (!file.url.isEmpty() && m_downloadsEnabled)
        return {FileAction::Download};
    return {};
}

QString MessageDelegate::fileStatus(const QModelIndex &index, const FileAttachment &file,
                                    bool *error) const
{
    *error = false;
    const Transfer *transfer = download(index.data(MessageListModel::IdRole).toLongLong());
    if (localFile(index).isEmpty() && transfer) {
        if (transfer->state() == Transfer::State::Transferring)
            return TransferText::progress(transfer->bytesTransferred(), file.size);
        if (transfer->state() == Transfer::State::Failed) {
            *error = true;
            return describe(transfer->error());
        }
        if (transfer->isActive())
            return TransferText::state(*transfer);
    }
    if (localFile(index).isEmpty() && file.url.isEmpty())
        return tr("%1 · not on this computer").arg(TransferText::size(file.size));
    return TransferText::size(file.size);
}

QString MessageDelegate::fileActionText(FileAction action)
{
    switch (action) {
    case FileAction::None:
        break;
    case FileAction::Download:
        return tr("Download");
    case FileAction::Cancel:
        return tr("Cancel");
    case FileAction::Open:
        return tr("Open");
    case FileAction::ShowInFolder:
        return tr("Show in Folder");
    }
    return {};
}

void MessageDelegate::paintCard(QPainter *painter, const Geometry &g,
                                const QStyleOptionViewItem &option, const QModelIndex &index,
                                const FileAttachment &file) const
{
    const QPalette &palette = option.palette;
    const QColor base = palette.color(QPalette::Base);
    const QColor textColour = palette.color(QPalette::Text);
    const QColor accent = palette.color(QPalette::Highlight);
    const QColor secondary = mix(textColour, base, 0.45);
    const QFont small = smallFont(option.font);
    const qreal dpr = painter->device()->devicePixelRatioF();
    const int em = QFontMetrics(option.font).height();

    painter->drawPixmap(g.cardIcon, fileTypePixmap(file.name, g.cardIcon.width(), dpr));
    QFont bold = option.font;
    bold.setBold(true);
    painter->setFont(bold);
    painter->setPen(textColour);
    painter->drawText(
        g.cardName, Qt::AlignLeft | Qt::AlignVCenter,
        QFontMetrics(bold).elidedText(file.name, Qt::ElideMiddle, g.cardName.width()));
    bool error = false;
    const QString status = fileStatus(index, file, &error);
    painter->setFont(small);
    painter->setPen(error ? errorColor() : secondary);
    painter->drawText(g.cardStatus, Qt::AlignLeft | Qt::AlignVCenter,
                      QFontMetrics(small).elidedText(status, Qt::ElideRight, g.cardStatus.width()));

    const Transfer *transfer = download(index.data(MessageListModel::IdRole).toLongLong());
    if (transfer && transfer->isActive() && localFile(index).isEmpty()) {
        const qreal radius = g.cardProgress.height() / 2.0;
        QColor track = textColour;
        track.setAlphaF(0.15);
        painter->setPen(Qt::NoPen);
        painter->setBrush(track);
        painter->drawRoundedRect(QRectF(g.cardProgress), radius, radius);
        const qint64 size = file.size > 0 ? file.size : transfer->size();
        if (size > 0) {
            const qreal fraction =
                qBound(0.0, qreal(transfer->bytesTransferred()) / qreal(size), 1.0);
            QRectF done(g.cardProgress);
            done.setWidth(done.width() * fraction);
            painter->setBrush(accent);
            painter->drawRoundedRect(done, radius, radius);
        }
    }

    const int iconSide = QFontMetrics(small).height();
    for (const auto &[action, rect] : g.cardActions) {
        const bool primary = action == FileAction::Download || action == FileAction::Open;
        const QColor ink = primary ? palette.color(QPalette::Link) : textColour;
        QColor outline = ink;
        outline.setAlphaF(0.45);
        painter->setPen(QPen(outline, 1));
        painter->setBrush(mix(base, ink, 0.06));
        const qreal radius = rect.height() / 2.0;
        painter->drawRoundedRect(QRectF(rect).adjusted(0.5, 0.5, -0.5, -0.5), radius, radius);
        QString iconName;
        switch (action) {
        case FileAction::Download:
            iconName = u"download"_s;
            break;
        case FileAction::Cancel:
            iconName = u"close"_s;
            break;
        case FileAction::Open:
            iconName = u"open"_s;
            break;
        case FileAction::ShowInFolder:
            iconName = u"folder"_s;
            break;
        case FileAction::None:
            break;
        }
        const int left = rect.left() + qRound(em * 0.4);
        const QRect iconRect(left, rect.center().y() - iconSide / 2, iconSide, iconSide);
        painter->drawPixmap(iconRect, tintedIcon(iconName, ink, iconSide, dpr));
        painter->setPen(ink);
        painter->drawText(rect.adjusted(iconRect.right() + 1 + em / 4 - rect.left(), 0, 0, 0),
                          Qt::AlignLeft | Qt::AlignVCenter, fileActionText(action));
    }
}

MessageDelegate::FileAction MessageDelegate::fileActionAt(const QStyleOptionViewItem &option,
                                                          const QModelIndex &index,
                                                          const QPoint &pos) const
{
    if (!attachment(index))
        return FileAction::None;
    const Geometry g = geometry(option, index);
    for (const auto &[action, rect] : g.cardActions) {
        if (rect.contains(pos))
            return action;
    }
    return FileAction::None;
}

QRect MessageDelegate::fileActionRect(const QStyleOptionViewItem &option, const QModelIndex &index,
                                      FileAction action) const
{
    if (!attachment(index))
        return {};
    const Geometry g = geometry(option, index);
    for (const auto &[shown, rect] : g.cardActions) {
        if (shown == action)
            return rect;
    }
    return {};
}

QPixmap MessageDelegate::tintedIcon(const QString &name, const QColor &colour, int size,
                                    qreal dpr) const
{
    const QString key = u"%1/%2/%3/%4"_s.arg(name, colour.name(QColor::HexArgb)).arg(size).arg(dpr);
    if (const QPixmap *cached = m_icons.object(key))
        return *cached;
    const QPixmap pixmap = tintedPixmap(name, colour, size, dpr);
    m_icons.insert(key, new QPixmap(pixmap));
    return pixmap;
}

} // namespace flint::ui

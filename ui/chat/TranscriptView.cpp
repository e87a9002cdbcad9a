#include "TranscriptView.h"

#include "MessageDelegate.h"
#include "client/MessageListModel.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QDesktopServices>
#include <QIdentityProxyModel>
#include <QKeyEvent>
#include <QLocale>
#include <QMenu>
#include <QPainter>
#include <QScrollBar>
#include <QTimer>
#include <QUrl>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace flint::ui {
namespace {

// Item views fetch more whenever their last row is on screen, which suits lists that grow at the
// bottom; a transcript grows at the top, so the view is told there is nothing to fetch and
// TranscriptView reads older pages itself when the user reaches the top.
class ManualPagingProxy : public QIdentityProxyModel {
public:
    using QIdentityProxyModel::QIdentityProxyModel;
    bool canFetchMore(const QModelIndex &) const override { return false; }
    void fetchMore(const QModelIndex &) override {}
};

} // namespace

TranscriptView::TranscriptView(QWidget *parent)
    : QListView(parent), m_delegate(new MessageDelegate(this))
{
    setItemDelegate(m_delegate);
    setVerticalScrollMode(ScrollPerPixel);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setResizeMode(Adjust);
    setLayoutMode(SinglePass);
    setSelectionMode(ExtendedSelection);
    setEditTriggers(NoEditTriggers);
    setFrameShape(QFrame::NoFrame);
    setMouseTracking(true);
    setWordWrap(true);
    setAccessibleName(tr("Messages"));

    m_flash.setStartValue(1.0);
    m_flash.setEndValue(0.0);
    m_flash.setDuration(1800);
    m_flash.setEasingCurve(QEasingCurve::InQuad);
    connect(&m_flash, &QVariantAnimation::valueChanged, this, [this](const QVariant &value) {
        m_delegate->setFlash(m_flashId, value.toReal());
        viewport()->update();
    });
}

TranscriptView::~TranscriptView() = default;

void TranscriptView::setMessages(MessageListModel *messages)
{
    QAbstractItemModel *oldProxy = m_proxy;
    QItemSelectionModel *oldSelection = selectionModel();
    m_messages = messages;
    auto *proxy = new ManualPagingProxy(this);
    proxy->setSourceModel(messages);
    m_proxy = proxy;
    setModel(proxy);
    delete oldSelection;
    delete oldProxy;
    connect(proxy, &QAbstractItemModel::rowsInserted, this, &TranscriptView::handleRowsInserted);
    m_followLatest = true;
    m_anchorFromEnd = -1;
    scrollToLatest();
}

void TranscriptView::setNames(const QString &ownName, const QString &peerName)
{
    m_ownName = ownName;
    m_peerName = peerName;
    m_delegate->setNames(ownName, peerName);
    viewport()->update();
}

void TranscriptView::setFailureText(const QString &stanzaId, const QString &text)
{
    m_delegate->setFailureText(stanzaId, text);
    viewport()->update();
}

void TranscriptView::setSearchText(const QString &text)
{
    m_delegate->setSearchText(text);
    viewport()->update();
}

bool TranscriptView::loadOlder()
{
    if (!m_messages || m_loading || !m_messages->canFetchMore())
        return false;
    m_loading = true;
    const int before = m_messages->rowCount();
    m_messages->fetchMore();
    // Lay out at once, so the rows above move in before anything is painted.
    executeDelayedItemsLayout();
    m_anchorFromEnd = -1;
    m_loading = false;
    return m_messages->rowCount() > before;
}

int TranscriptView::rowOf(qint64 messageId) const
{
    if (!m_messages)
        return -1;
    for (int row = m_messages->rowCount() - 1; row >= 0; --row) {
        if (m_messages->message(row).id == messageId)
            return row;
    }
    return -1;
}

bool TranscriptView::showMessage(qint64 messageId)
{
    int row = rowOf(messageId);
    while (row < 0 && loadOlder())
        row = rowOf(messageId);
    if (row < 0)
        return false;
    const QModelIndex index = model()->index(row, 0);
    m_followLatest = false;
    setCurrentIndex(index);
    scrollTo(index, PositionAtCenter);
    m_flashId = messageId;
    m_flash.stop();
    m_flash.start();
    return true;
}

void TranscriptView::scrollToLatest()
{
    m_followLatest = true;
    executeDelayedItemsLayout();
    verticalScrollBar()->setValue(verticalScrollBar()->maximum());
}

QString TranscriptView::linkAt(const QPoint &pos) const
{
    const QModelIndex index = indexAt(pos);
    if (!index.isValid())
        return {};
    QStyleOptionViewItem option;
    initViewItemOption(&option);
    option.rect = visualRect(index);
    return m_delegate->linkAt(option, index, pos);
}

QString TranscriptView::senderName(const QModelIndex &index) const
{
    return index.data(MessageListModel::OutgoingRole).toBool() ? m_ownName : m_peerName;
}

QString TranscriptView::selectedText() const
{
    QModelIndexList indexes = selectedIndexes();
    std::sort(indexes.begin(), indexes.end(),
              [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    if (indexes.size() == 1)
        return indexes.first().data(MessageListModel::BodyRole).toString();
    QStringList lines;
    for (const QModelIndex &index : std::as_const(indexes)) {
        const QDateTime time =
            index.data(MessageListModel::TimestampRole).toDateTime().toLocalTime();
        lines << u"[%1] %2: %3"_s.arg(QLocale().toString(time, QLocale::ShortFormat),
                                      senderName(index),
                                      index.data(MessageListModel::BodyRole).toString());
    }
    return lines.join(u'\n');
}

void TranscriptView::copySelection() const
{
    const QString text = selectedText();
    if (!text.isEmpty())
        QApplication::clipboard()->setText(text);
}

void TranscriptView::changeEvent(QEvent *event)
{
    switch (event->type()) {
    case QEvent::FontChange:
    case QEvent::PaletteChange:
    case QEvent::StyleChange:
    case QEvent::LanguageChange:
    case QEvent::LocaleChange:
        m_delegate->clearCache();
        scheduleDelayedItemsLayout();
        if (event->type() == QEvent::LanguageChange)
            setAccessibleName(tr("Messages"));
        break;
    default:
        break;
    }
    QListView::changeEvent(event);
}

void TranscriptView::keyPressEvent(QKeyEvent *event)
{
    if (event->matches(QKeySequence::Copy)) {
        copySelection();
        return;
    }
    if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) &&
        currentIndex().isValid()) {
        Q_EMIT messageActivated(currentIndex().data(MessageListModel::IdRole).toLongLong());
        return;
    }
    QListView::keyPressEvent(event);
}

void TranscriptView::mousePressEvent(QMouseEvent *event)
{
    m_pressedLink =
        event->button() == Qt::LeftButton ? linkAt(event->position().toPoint()) : QString();
    QListView::mousePressEvent(event);
}

void TranscriptView::mouseMoveEvent(QMouseEvent *event)
{
    updateLinkCursor(event->position().toPoint());
    QListView::mouseMoveEvent(event);
}

void TranscriptView::mouseReleaseEvent(QMouseEvent *event)
{
    const QString link = m_pressedLink;
    m_pressedLink.clear();
    QListView::mouseReleaseEvent(event);
    if (event->button() == Qt::LeftButton && !link.isEmpty() &&
        linkAt(event->position().toPoint()) == link)
        QDesktopServices::openUrl(QUrl(link, QUrl::TolerantMode));
}

void TranscriptView::mouseDoubleClickEvent(QMouseEvent *event)
{
    const QModelIndex index = indexAt(event->position().toPoint());
    QListView::mouseDoubleClickEvent(event);
    if (index.isValid() && linkAt(event->position().toPoint()).isEmpty())
        Q_EMIT messageActivated(index.data(MessageListModel::IdRole).toLongLong());
}

void TranscriptView::leaveEvent(QEvent *event)
{
    viewport()->unsetCursor();
    QListView::leaveEvent(event);
}

void TranscriptView::contextMenuEvent(QContextMenuEvent *event)
{
    const QModelIndex index = indexAt(event->pos());
    if (index.isValid() && !selectionModel()->isSelected(index))
        setCurrentIndex(index);
    auto *menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    QAction *copy = menu->addAction(tr("&Copy"), this, &TranscriptView::copySelection);
    copy->setShortcut(QKeySequence::Copy);
    copy->setEnabled(!selectedIndexes().isEmpty());
    if (const QString link = linkAt(event->pos()); !link.isEmpty()) {
        menu->addAction(tr("Copy &Link Address"), this,
                        [link] { QApplication::clipboard()->setText(link); });
        menu->addAction(tr("&Open Link"), this,
                        [link] { QDesktopServices::openUrl(QUrl(link, QUrl::TolerantMode)); });
    }
    menu->addSeparator();
    QAction *selectAllAction = menu->addAction(tr("Select &All"), this, &QListView::selectAll);
    selectAllAction->setShortcut(QKeySequence::SelectAll);
    menu->popup(event->globalPos());
}

void TranscriptView::paintEvent(QPaintEvent *event)
{
    QListView::paintEvent(event);
    if (model() && model()->rowCount() > 0)
        return;
    QPainter painter(viewport());
    painter.setPen(palette().color(QPalette::PlaceholderText));
    painter.drawText(viewport()->rect(), Qt::AlignCenter, tr("No messages yet. Say hello!"));
}

void TranscriptView::updateGeometries()
{
    QListView::updateGeometries();
    QScrollBar *bar = verticalScrollBar();
    if (m_anchorFromEnd >= 0) {
        const int anchor = m_anchorFromEnd;
        m_anchorFromEnd = -1;
        bar->setValue(bar->maximum() - anchor);
    } else if (m_followLatest) {
        bar->setValue(bar->maximum());
    }
    // Nothing to scroll while everything fits: read on until the view is full.
    if (bar->maximum() == 0 && m_messages && m_messages->canFetchMore())
        QTimer::singleShot(0, this, [this] {
            if (verticalScrollBar()->maximum() == 0)
                loadOlder();
        });
}

void TranscriptView::verticalScrollbarValueChanged(int value)
{
    // The base class would fetch more at the bottom; older pages belong at the top.
    const QScrollBar *bar = verticalScrollBar();
    if (m_anchorFromEnd < 0)
        m_followLatest = value >= bar->maximum() - 2;
    if (bar->maximum() > 0 && value < viewport()->height() / 3)
        loadOlder();
    updateLinkCursor(viewport()->mapFromGlobal(QCursor::pos()));
}

void TranscriptView::handleRowsInserted(const QModelIndex &parent, int first, int last)
{
    // Rows above the ones on screen: keep those where they are.
    if (!parent.isValid() && first == 0 && last + 1 < model()->rowCount() && !m_followLatest)
        m_anchorFromEnd = verticalScrollBar()->maximum() - verticalScrollBar()->value();
}

void TranscriptView::updateLinkCursor(const QPoint &pos)
{
    if (viewport()->rect().contains(pos) && !linkAt(pos).isEmpty())
        viewport()->setCursor(Qt::PointingHandCursor);
    else
        viewport()->unsetCursor();
}

} // namespace flint::ui

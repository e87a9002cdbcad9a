#include "TranscriptView.h"

#include "MessageDelegate.h"
#include "client/MessageListModel.h"
#include "client/TransferService.h"
#include "transfers/TransferText.h"

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
    // A file downloaded: its card's buttons, and with them its size, change.
    connect(proxy, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &, const QModelIndex &, const QList<int> &roles) {
                if (roles.contains(MessageListModel::AttachmentRole))
                    scheduleDelayedItemsLayout();
            });
    m_followLatest = true;
    m_anchorFromEnd = -1;
    scrollToLatest();
}

void TranscriptView::setNames(const QString &ownName, const QString &peerName)
{
    m_delegate->setNames(ownName, peerName);
    viewport()->update();
}

void TranscriptView::setGroupChat(bool groupChat)
{
    m_delegate->setGroupChat(groupChat);
    scheduleDelayedItemsLayout();
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

void TranscriptView::setTransfers(TransferService *transfers)
{
    m_transfers = transfers;
    m_delegate->setDownloadsEnabled(transfers != nullptr);
    scheduleDelayedItemsLayout();
}

void TranscriptView::triggerFileAction(qint64 messageId, MessageDelegate::FileAction action)
{
    const int row = rowOf(messageId);
    if (row < 0)
        return;
    const QModelIndex index = model()->index(row, 0);
    const std::optional<FileAttachment> file = MessageDelegate::attachment(index);
    if (!file)
        return;
    switch (action) {
    case MessageDelegate::FileAction::None:
        break;
    case MessageDelegate::FileAction::Download: {
        if (!m_transfers)
            return;
        Transfer *transfer = m_transfers->download(messageId, *file, m_messages->message(row).peer);
        m_delegate->setDownload(messageId, transfer);
        if (transfer) {
            connect(transfer, &Transfer::progressChanged, viewport(),
                    qOverload<>(&QWidget::update));
            // The card's buttons change with the state, and with them its size.
            connect(transfer, &Transfer::stateChanged, this,
                    [this] { scheduleDelayedItemsLayout(); });
        }
        scheduleDelayedItemsLayout();
        break;
    }
    case MessageDelegate::FileAction::Cancel:
        if (Transfer *transfer = m_delegate->download(messageId))
            transfer->cancel();
        break;
    case MessageDelegate::FileAction::Open:
        openFile(m_delegate->localFile(index));
        break;
    case MessageDelegate::FileAction::ShowInFolder:
        showInFolder(m_delegate->localFile(index));
        break;
    }
}

QRect TranscriptView::fileActionRect(qint64 messageId, MessageDelegate::FileAction action) const
{
    const int row = rowOf(messageId);
    if (row < 0)
        return {};
    const QModelIndex index = model()->index(row, 0);
    return m_delegate->fileActionRect(itemOption(index), index, action);
}

QStyleOptionViewItem TranscriptView::itemOption(const QModelIndex &index) const
{
    QStyleOptionViewItem option;
    initViewItemOption(&option);
    option.rect = visualRect(index);
    return option;
}

MessageDelegate::FileAction TranscriptView::fileActionAt(const QPoint &pos) const
{
    const QModelIndex index = indexAt(pos);
    if (!index.isValid())
        return MessageDelegate::FileAction::None;
    return m_delegate->fileActionAt(itemOption(index), index, pos);
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
    return m_delegate->linkAt(itemOption(index), index, pos);
}

QString TranscriptView::senderName(const QModelIndex &index) const
{
    return m_delegate->senderName(index);
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
    const QPoint pos = event->position().toPoint();
    m_pressedLink = event->button() == Qt::LeftButton ? linkAt(pos) : QString();
    m_pressedFileAction =
        event->button() == Qt::LeftButton ? fileActionAt(pos) : MessageDelegate::FileAction::None;
    m_pressedFileId = indexAt(pos).data(MessageListModel::IdRole).toLongLong();
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
    const MessageDelegate::FileAction action = m_pressedFileAction;
    m_pressedFileAction = MessageDelegate::FileAction::None;
    QListView::mouseReleaseEvent(event);
    const QPoint pos = event->position().toPoint();
    if (event->button() == Qt::LeftButton && action != MessageDelegate::FileAction::None &&
        fileActionAt(pos) == action &&
        indexAt(pos).data(MessageListModel::IdRole).toLongLong() == m_pressedFileId) {
        triggerFileAction(m_pressedFileId, action);
        return;
    }
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
    if (index.isValid() && MessageDelegate::attachment(index)) {
        const qint64 id = index.data(MessageListModel::IdRole).toLongLong();
        const QStyleOptionViewItem option = itemOption(index);
        const auto add = [&](MessageDelegate::FileAction action, const QString &text) {
            if (!m_delegate->fileActionRect(option, index, action).isNull())
                menu->addAction(text, this, [this, id, action] { triggerFileAction(id, action); });
        };
        menu->addSeparator();
        add(MessageDelegate::FileAction::Download, tr("&Download File"));
        add(MessageDelegate::FileAction::Cancel, tr("Cancel &Download"));
        add(MessageDelegate::FileAction::Open, tr("&Open File"));
        add(MessageDelegate::FileAction::ShowInFolder, tr("Show in &Folder"));
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
    if (viewport()->rect().contains(pos) &&
        (!linkAt(pos).isEmpty() || fileActionAt(pos) != MessageDelegate::FileAction::None))
        viewport()->setCursor(Qt::PointingHandCursor);
    else
        viewport()->unsetCursor();
}

} // namespace flint::ui

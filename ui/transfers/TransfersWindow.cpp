#include "TransfersWindow.h"

#include "TransferText.h"
#include "client/ClientAccount.h"
#include "client/TransferService.h"
#include "common/Icons.h"
#include "common/Metrics.h"
#include "common/Theme.h"
#include "common/Widgets.h"

#include <QApplication>
#include <QDesktopServices>
#include <QDir>
#include <QEvent>
#include <QFileInfo>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QShortcut>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace flint::ui {
namespace {

constexpr int TickMilliseconds = 250;

QToolButton *rowButton(const QString &objectName, QWidget *parent)
{
    auto *button = new QToolButton(parent);
    button->setObjectName(objectName);
    button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    button->setAutoRaise(true);
    return button;
}

} // namespace

TransferRow::TransferRow(ClientAccount &account, Transfer &transfer, QWidget *parent)
    : QFrame(parent), m_account(account), m_transfer(&transfer), m_icon(new QLabel(this)),
      m_name(new QLabel(this)), m_directionIcon(new QLabel(this)), m_peer(new QLabel(this)),
      m_progress(new QProgressBar(this)), m_verified(new QLabel(this)), m_state(new QLabel(this)),
      m_cancel(rowButton(u"cancelButton"_s, this)), m_open(rowButton(u"openButton"_s, this)),
      m_showInFolder(rowButton(u"showInFolderButton"_s, this))
{
    setObjectName(u"transferRow"_s);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Base);
    setFrameShape(QFrame::NoFrame);
    m_name->setObjectName(u"fileNameLabel"_s);
    m_peer->setObjectName(u"peerLabel"_s);
    m_progress->setObjectName(u"progressBar"_s);
    m_verified->setObjectName(u"verifiedLabel"_s);
    m_state->setObjectName(u"stateLabel"_s);

    const int em = fontMetrics().height();
    m_icon->setFixedSize(qRound(em * 2.4), qRound(em * 2.4));
    QFont bold = m_name->font();
    bold.setBold(true);
    m_name->setFont(bold);
    m_name->setTextFormat(Qt::PlainText);
    m_name->setMinimumWidth(em * 6);
    m_name->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_peer->setTextFormat(Qt::PlainText);
    m_peer->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_peer->setForegroundRole(QPalette::PlaceholderText);
    m_state->setTextFormat(Qt::PlainText);
    // Its colour is set per state; on the row's Base ground it would follow Text otherwise.
    m_state->setForegroundRole(QPalette::WindowText);
    m_state->setWordWrap(true);
    m_progress->setTextVisible(false);
    m_progress->setFixedHeight(qMax(4, em / 3));
    m_progress->setRange(0, 1000);

    auto *peerRow = new QHBoxLayout;
    peerRow->setSpacing(em / 4);
    peerRow->addWidget(m_directionIcon);
    peerRow->addWidget(m_peer, 1);
    auto *stateRow = new QHBoxLayout;
    stateRow->setSpacing(em / 4);
    stateRow->addWidget(m_verified);
    stateRow->addWidget(m_state, 1);
    auto *buttons = new QHBoxLayout;
    buttons->setSpacing(em / 6);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_open);
    buttons->addWidget(m_showInFolder);

    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(qRound(em * 0.7), em / 2, qRound(em * 0.5), em / 2);
    layout->setHorizontalSpacing(qRound(em * 0.7));
    layout->setVerticalSpacing(em / 6);
    layout->addWidget(m_icon, 0, 0, 4, 1, Qt::AlignTop);
    layout->addWidget(m_name, 0, 1);
    layout->addLayout(buttons, 0, 2, Qt::AlignRight);
    layout->addLayout(peerRow, 1, 1, 1, 2);
    layout->addWidget(m_progress, 2, 1, 1, 2);
    layout->addLayout(stateRow, 3, 1, 1, 2);
    layout->setColumnStretch(1, 1);

    connect(m_cancel, &QToolButton::clicked, this, [this] {
        if (m_transfer)
            m_transfer->cancel();
    });
    connect(m_open, &QToolButton::clicked, this, [this] {
        if (m_transfer)
            openFile(m_transfer->localPath());
    });
    connect(m_showInFolder, &QToolButton::clicked, this, [this] {
        if (m_transfer)
            showInFolder(m_transfer->localPath());
    });
    connect(&transfer, &Transfer::stateChanged, this, &TransferRow::refresh);
    connect(&transfer, &Transfer::methodChanged, this, &TransferRow::refresh);

    m_icon->setPixmap(fileTypePixmap(transfer.fileName(), m_icon->width(), devicePixelRatioF()));
    m_name->setText(transfer.fileName());
    m_name->setToolTip(transfer.localPath().isEmpty()
                           ? transfer.fileName()
                           : QDir::toNativeSeparators(transfer.localPath()));
    applyIcons();
    retranslateUi();
}

void TransferRow::paintEvent(QPaintEvent *event)
{
    QFrame::paintEvent(event);
    // A line under each row, as between the rows of a list.
    QPainter painter(this);
    QColor line = palette().color(QPalette::Text);
    line.setAlphaF(0.12);
    painter.setPen(line);
    painter.drawLine(0, height() - 1, width(), height() - 1);
}

void TransferRow::applyIcons()
{
    m_cancel->setIcon(icon(u"close"_s));
    m_open->setIcon(icon(u"open"_s));
    m_showInFolder->setIcon(icon(u"folder"_s));
    const int side = fontMetrics().height();
    if (m_transfer)
        m_directionIcon->setPixmap(tintedPixmap(
            m_transfer->direction() == Transfer::Direction::Outgoing ? u"upload"_s : u"download"_s,
            palette().color(QPalette::PlaceholderText), qRound(side * 0.85), devicePixelRatioF()));
    m_verified->setPixmap(tintedPixmap(u"tick"_s, successColor(), side, devicePixelRatioF()));
}

void TransferRow::retranslateUi()
{
    m_cancel->setText(tr("Cancel"));
    m_cancel->setToolTip(tr("Stop this transfer"));
    m_open->setText(tr("Open"));
    m_open->setToolTip(tr("Open the file"));
    m_showInFolder->setText(tr("Show in Folder"));
    m_showInFolder->setToolTip(tr("Open the folder that holds the file"));
    m_progress->setAccessibleName(tr("Progress"));
    m_verified->setToolTip(tr("Verified: the file's checksum matches what the sender announced"));
    m_verified->setAccessibleName(tr("Verified"));
    refresh();
}

void TransferRow::refresh()
{
    if (!m_transfer)
        return;
    const Transfer &t = *m_transfer;
    const bool outgoing = t.direction() == Transfer::Direction::Outgoing;
    const QString name = m_account.displayName(t.peer());
    QString peer = outgoing ? tr("To %1").arg(name) : tr("From %1").arg(name);
    if (const QString method = TransferText::method(t.method(), t.direction()); !method.isEmpty())
        peer = tr("%1 · %2", "peer · transfer method").arg(peer, method);
    m_peer->setText(peer);
    m_peer->setToolTip(t.peer());

    const Transfer::State state = t.state();
    const bool active = t.isActive();
    const bool finished = state == Transfer::State::Finished;
    const bool haveFile = finished && !t.localPath().isEmpty() && QFileInfo::exists(t.localPath());
    m_cancel->setVisible(active);
    m_open->setVisible(haveFile);
    m_showInFolder->setVisible(haveFile);
    m_verified->setVisible(finished && t.verified());

    const qint64 size = t.size();
    const qint64 done = t.bytesTransferred();
    m_progress->setVisible(active || finished);
    if (finished) {
        m_progress->setRange(0, 1000);
        m_progress->setValue(1000);
    } else if (state == Transfer::State::Transferring && size > 0) {
        m_progress->setRange(0, 1000);
        m_progress->setValue(int(qBound(qint64(0), done * 1000 / size, qint64(1000))));
    } else if (state == Transfer::State::Transferring || state == Transfer::State::Connecting ||
               state == Transfer::State::Verifying) {
        m_progress->setRange(0, 0); // busy: no fraction to show yet
    } else {
        m_progress->setRange(0, 1000);
        m_progress->setValue(0);
    }

    QStringList parts;
    switch (state) {
    case Transfer::State::Transferring:
        parts << TransferText::progress(done, size);
        if (t.bytesPerSecond() > 0)
            parts << TransferText::speed(t.bytesPerSecond());
        if (const QString left = TransferText::timeLeft(t.secondsLeft()); !left.isEmpty())
            parts << left;
        break;
    case Transfer::State::Finished:
        parts << TransferText::state(t) << TransferText::size(size >= 0 ? size : done);
        if (t.verified())
            parts << tr("verified");
        break;
    case Transfer::State::Failed:
        parts << TransferText::state(t);
        break;
    default:
        parts << TransferText::state(t);
        if (size >= 0)
            parts << TransferText::size(size);
        break;
    }
    m_state->setText(parts.join(tr(" · ", "separator of the parts of a transfer's state")));
    QPalette statePalette = m_state->palette();
    statePalette.setColor(QPalette::WindowText, state == Transfer::State::Failed
                                                    ? errorColor()
                                                    : palette().color(QPalette::PlaceholderText));
    m_state->setPalette(statePalette);
    setAccessibleName(tr("%1, %2").arg(t.fileName(), m_state->text()));
}

TransfersWindow::TransfersWindow(ClientAccount &account, QWidget *parent)
    : QWidget(parent, Qt::Window), m_account(account), m_scroll(new QScrollArea(this)),
      m_list(new QWidget), m_listLayout(new QVBoxLayout(m_list)), m_empty(new QLabel(this)),
      m_clear(new QPushButton(this)), m_downloads(new QPushButton(this)),
      m_close(new QPushButton(this))
{
    setObjectName(u"transfersWindow"_s);
    m_scroll->setObjectName(u"transferList"_s);
    m_empty->setObjectName(u"emptyLabel"_s);
    m_clear->setObjectName(u"clearFinishedButton"_s);
    m_downloads->setObjectName(u"downloadsButton"_s);
    m_close->setObjectName(u"closeButton"_s);

    const int em = fontMetrics().height();
    m_list->setBackgroundRole(QPalette::Base);
    m_list->setAutoFillBackground(true);
    m_listLayout->setContentsMargins(0, 0, 0, 0);
    m_listLayout->setSpacing(0);
    m_listLayout->addStretch();
    m_scroll->setWidget(m_list);
    m_scroll->setWidgetResizable(true);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_scroll->setBackgroundRole(QPalette::Mid);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setForegroundRole(QPalette::PlaceholderText);
    m_empty->setMargin(em * 2);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_clear);
    buttons->addWidget(m_downloads);
    buttons->addStretch();
    buttons->addWidget(m_close);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(em / 2, em / 2, em / 2, em / 2);
    layout->setSpacing(em / 2);
    layout->addWidget(m_scroll, 1);
    layout->addWidget(m_empty, 1);
    layout->addLayout(buttons);
    resize(defaultWindowSize(this, 36, 24));

    connect(m_clear, &QPushButton::clicked, this,
            [this] { m_account.transfers().clearFinished(); });
    connect(m_downloads, &QPushButton::clicked, this, [this] {
        QDesktopServices::openUrl(QUrl::fromLocalFile(m_account.transfers().downloadsDirectory()));
    });
    connect(m_close, &QPushButton::clicked, this, &QWidget::close);
    new QShortcut(QKeySequence::Cancel, this, this, &QWidget::close);

    TransferListModel &model = account.transfers().transfers();
    connect(&model, &QAbstractItemModel::rowsInserted, this, &TransfersWindow::sync);
    connect(&model, &QAbstractItemModel::rowsRemoved, this, &TransfersWindow::sync);
    connect(&model, &QAbstractItemModel::rowsMoved, this, &TransfersWindow::sync);
    connect(&model, &QAbstractItemModel::modelReset, this, &TransfersWindow::sync);
    connect(&model, &QAbstractItemModel::layoutChanged, this, &TransfersWindow::sync);
    connect(&model, &QAbstractItemModel::dataChanged, this, &TransfersWindow::refreshAll);
    m_ticker.setInterval(TickMilliseconds);
    connect(&m_ticker, &QTimer::timeout, this, &TransfersWindow::refreshAll);

    sync();
    retranslateUi();
}

TransfersWindow::~TransfersWindow() = default;

QList<TransferRow *> TransfersWindow::rows() const
{
    QList<TransferRow *> rows;
    for (int i = 0; i < m_listLayout->count(); ++i) {
        if (auto *row = qobject_cast<TransferRow *>(m_listLayout->itemAt(i)->widget()))
            rows.append(row);
    }
    return rows;
}

void TransfersWindow::sync()
{
    const TransferListModel &model = m_account.transfers().transfers();
    QHash<const Transfer *, TransferRow *> kept;
    for (int i = 0; i < model.rowCount(); ++i) {
        Transfer *transfer = model.transfer(i);
        TransferRow *row = m_rows.take(transfer);
        if (!row)
            row = new TransferRow(m_account, *transfer, m_list);
        kept.insert(transfer, row);
        // Newest first, in the model's order; the stretch stays last.
        m_listLayout->removeWidget(row);
        m_listLayout->insertWidget(i, row);
    }
    qDeleteAll(m_rows);
    m_rows = kept;
    const bool empty = m_rows.isEmpty();
    m_scroll->setVisible(!empty);
    m_empty->setVisible(empty);
    refreshAll();
}

void TransfersWindow::refreshAll()
{
    bool anyActive = false;
    bool anyDone = false;
    for (TransferRow *row : std::as_const(m_rows)) {
        row->refresh();
        if (Transfer *transfer = row->transfer()) {
            anyActive = anyActive || transfer->isActive();
            anyDone = anyDone || !transfer->isActive();
        }
    }
    m_clear->setEnabled(anyDone);
    if (anyActive && isVisible())
        m_ticker.start();
    else
        m_ticker.stop();
}

void TransfersWindow::retranslateUi()
{
    setWindowTitle(tr("File Transfers"));
    m_empty->setText(tr("No file transfers yet.\nSend a file from a chat with the paper clip "
                        "button, or drop it onto the chat."));
    m_clear->setText(tr("C&lear Finished"));
    m_clear->setToolTip(tr("Remove finished, failed and cancelled transfers from the list"));
    m_downloads->setText(tr("Open &Downloads Folder"));
    m_close->setText(tr("&Close"));
    m_scroll->setAccessibleName(tr("File transfers"));
    for (TransferRow *row : std::as_const(m_rows))
        row->retranslateUi();
}

void TransfersWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    if (event->type() == QEvent::PaletteChange) {
        for (TransferRow *row : std::as_const(m_rows))
            row->applyIcons();
    }
    QWidget::changeEvent(event);
}

void TransfersWindow::showEvent(QShowEvent *event)
{
    refreshAll();
    QWidget::showEvent(event);
}

void TransfersWindow::hideEvent(QHideEvent *event)
{
    m_ticker.stop();
    QWidget::hideEvent(event);
}

} // namespace flint::ui

#include "HistoryWindow.h"

#include "chat/TranscriptView.h"
#include "client/ClientAccount.h"
#include "client/ConversationListModel.h"
#include "client/HistoryStore.h"
#include "client/MessageListModel.h"
#include "client/ProfileManager.h"
#include "client/RosterManager.h"
#include "client/RosterModel.h"
#include "common/Icons.h"
#include "common/Metrics.h"
#include "common/Widgets.h"

#include <QAbstractTextDocumentLayout>
#include <QApplication>
#include <QCoreApplication>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QLocale>
#include <QPainter>
#include <QShortcut>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardItemModel>
#include <QStyledItemDelegate>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace flint::ui {
namespace {

QString dateText(const QDateTime &timestamp)
{
    const QDateTime local = timestamp.toLocalTime();
    if (local.date() == QDate::currentDate())
        return QLocale().toString(local.time(), u"hh:mm"_s);
    return QLocale().toString(local.date(), QLocale::ShortFormat);
}

QFont boldFont(const QFont &font)
{
    QFont bold = font;
    bold.setBold(true);
    return bold;
}

// A room's picture where a person has an avatar: the room icon on a disc of the accent colour.
QPixmap roomBadge(const QColor &colour, int side, qreal devicePixelRatio)
{
    QPixmap badge(QSize(side, side) * devicePixelRatio);
    badge.setDevicePixelRatio(devicePixelRatio);
    badge.fill(Qt::transparent);
    QPainter painter(&badge);
    painter.setRenderHints(QPainter::Antialiasing | QPainter::SmoothPixmapTransform);
    QColor disc = colour;
    disc.setAlphaF(0.16);
    painter.setPen(Qt::NoPen);
    painter.setBrush(disc);
    painter.drawEllipse(QRectF(0, 0, side, side));
    const int iconSide = qRound(side * 0.58);
    const int offset = (side - iconSide) / 2;
    painter.drawPixmap(QRect(offset, offset, iconSide, iconSide),
                       tintedPixmap(u"room"_s, colour, iconSide, devicePixelRatio));
    return badge;
}

// A conversation or a search hit: avatar (a room badge for a room), the peer's name and a date on
// the first line, a preview below (plain and elided, or a highlighted snippet over up to two
// lines).
class EntryDelegate : public QStyledItemDelegate {
public:
    struct Roles {
        int peer;
        int groupChat;
        int time;
        int text;
        int outgoing; // -1: none
        bool html;
    };

    EntryDelegate(const ClientAccount &account, Roles roles, QObject *parent)
        : QStyledItemDelegate(parent), m_account(account), m_roles(roles)
    {}

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const override
    {
        const int em = option.fontMetrics.height();
        const int previewLines = m_roles.html ? 2 : 1;
        const int text = textLineHeight(boldFont(option.font)) + em / 8 +
                         previewLines * textLineHeight(option.font);
        return {em * 12, qMax(text, qRound(em * 2.1)) + 2 * qRound(em * 0.55)};
    }

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override
    {
        QStyleOptionViewItem background = option;
        initStyleOption(&background, index);
        background.text.clear();
        background.icon = QIcon();
        background.state &= ~QStyle::State_HasFocus;
        const QWidget *widget = option.widget;
        QStyle *style = widget ? widget->style() : QApplication::style();
        style->drawControl(QStyle::CE_ItemViewItem, &background, painter, widget);

        painter->save();
        painter->setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing |
                                QPainter::SmoothPixmapTransform);
        const int em = option.fontMetrics.height();
        const QRect rect = option.rect.adjusted(qRound(em * 0.6), qRound(em * 0.55),
                                                -qRound(em * 0.6), -qRound(em * 0.55));
        const bool selected = option.state & QStyle::State_Selected;
        const QColor text =
            option.palette.color(selected ? QPalette::HighlightedText : QPalette::Text);
        const QColor secondary = selected ? text : option.palette.color(QPalette::PlaceholderText);
        const QString peer = index.data(m_roles.peer).toString();
        const QString name = m_account.displayName(peer);
        const QString avatarHash = m_account.roster().model().contact(peer).avatarHash;

        const int side = qRound(em * 2.1);
        const QRect avatarRect(rect.left(), rect.top(), side, side);
        const qreal ratio = painter->device()->devicePixelRatioF();
        if (index.data(m_roles.groupChat).toBool())
            painter->drawPixmap(avatarRect,
                                roomBadge(option.palette.color(selected ? QPalette::HighlightedText
                                                                        : QPalette::Highlight),
                                          side, ratio));
        else
            painter->drawPixmap(avatarRect,
                                avatarPixmap(m_account.profiles().avatars().image(avatarHash), name,
                                             peer, side, ratio));
        const int left = avatarRect.right() + 1 + qRound(em * 0.6);
        const QRect textArea(left, rect.top(), rect.right() + 1 - left, rect.height());

        const QString date = dateText(index.data(m_roles.time).toDateTime());
        QFont small = option.font;
        small.setPointSizeF(option.font.pointSizeF() * 0.88);
        const int dateWidth = QFontMetrics(small).horizontalAdvance(date);
        const QFont bold = boldFont(option.font);
        const int nameHeight = textLineHeight(bold);
        painter->setFont(small);
        painter->setPen(secondary);
        painter->drawText(QRect(textArea.left(), textArea.top(), textArea.width(), nameHeight),
                          Qt::AlignRight | Qt::AlignVCenter, date);
        painter->setFont(bold);
        painter->setPen(text);
        const QRect nameRect(textArea.left(), textArea.top(), textArea.width() - dateWidth - em,
                             nameHeight);
        painter->drawText(nameRect, Qt::AlignLeft | Qt::AlignVCenter,
                          QFontMetrics(bold).elidedText(name, Qt::ElideRight, nameRect.width()));

        const int top = textArea.top() + nameHeight + em / 8;
        const QRect below(textArea.left(), top, textArea.width(), textArea.bottom() + 1 - top);
        if (m_roles.html) {
            QTextDocument document;
            document.setDefaultFont(option.font);
            document.setDocumentMargin(0);
            document.setTextWidth(below.width());
            document.setHtml(index.data(m_roles.text).toString());
            QAbstractTextDocumentLayout::PaintContext context;
            context.palette = option.palette;
            context.palette.setColor(QPalette::Text, selected ? text : secondary);
            context.clip = QRectF(0, 0, below.width(), fittingHeight(document, below.height()));
            painter->translate(below.topLeft());
            painter->setClipRect(context.clip);
            document.documentLayout()->draw(painter, context);
        } else {
            QString preview = index.data(m_roles.text).toString().simplified();
            if (m_roles.outgoing >= 0 && index.data(m_roles.outgoing).toBool())
                preview =
                    QCoreApplication::translate("flint::ui::HistoryWindow", "You: %1").arg(preview);
            painter->setFont(option.font);
            painter->setPen(secondary);
            painter->drawText(
                below, Qt::AlignLeft | Qt::AlignTop,
                option.fontMetrics.elidedText(preview, Qt::ElideRight, below.width()));
        }
        painter->restore();
    }

private:
    // The height of the document's lines that fit whole into `available`: a line that does not
    // fit is left out rather than cut through.
    static qreal fittingHeight(const QTextDocument &document, int available)
    {
        qreal height = 0;
        for (QTextBlock block = document.begin(); block.isValid(); block = block.next()) {
            const qreal blockTop = document.documentLayout()->blockBoundingRect(block).top();
            const QTextLayout *layout = block.layout();
            for (int i = 0; i < layout->lineCount(); ++i) {
                const QTextLine line = layout->lineAt(i);
                const qreal bottom = blockTop + line.y() + line.height();
                if (bottom > available)
                    return height;
                height = bottom;
            }
        }
        return height;
    }

    const ClientAccount &m_account;
    Roles m_roles;
};

QListView *entryList(const QString &objectName, QWidget *parent)
{
    auto *list = new QListView(parent);
    list->setObjectName(objectName);
    list->setUniformItemSizes(true);
    list->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    list->setFrameShape(QFrame::NoFrame);
    list->setMouseTracking(true);
    return list;
}

} // namespace

HistoryWindow::HistoryWindow(ClientAccount &account, QWidget *parent)
    : QWidget(parent, Qt::Window), m_account(account)
{
    setObjectName(u"historyWindow"_s);
    setWindowIcon(appIcon());
    const int em = fontMetrics().height();

    m_searchField = new QLineEdit(this);
    m_searchField->setObjectName(u"historySearchField"_s);
    m_searchField->setClearButtonEnabled(true);
    m_searchIcon = m_searchField->addAction(icon(u"search"_s), QLineEdit::LeadingPosition);
    m_searchField->installEventFilter(this);
    m_searchTimer.setSingleShot(true);
    m_searchTimer.setInterval(250);
    connect(&m_searchTimer, &QTimer::timeout, this, &HistoryWindow::search);
    connect(m_searchField, &QLineEdit::textChanged, this, [this] { m_searchTimer.start(); });
    connect(m_searchField, &QLineEdit::returnPressed, this, [this] {
        m_searchTimer.stop();
        search();
        m_results->setFocus(Qt::OtherFocusReason);
    });

    m_conversations = entryList(u"historyConversations"_s, this);
    m_conversations->setModel(&account.conversationList());
    m_conversations->setItemDelegate(new EntryDelegate(
        account,
        {ConversationListModel::PeerRole, ConversationListModel::GroupChatRole,
         ConversationListModel::LastActivityRole, ConversationListModel::LastMessageRole,
         ConversationListModel::LastMessageOutgoingRole, false},
        m_conversations));
    const auto showRow = [this](const QModelIndex &index) {
        if (index.isValid())
            showConversation(index.data(ConversationListModel::PeerRole).toString(),
                             index.data(ConversationListModel::GroupChatRole).toBool());
    };
    connect(m_conversations->selectionModel(), &QItemSelectionModel::currentChanged, this, showRow);
    connect(m_conversations, &QListView::clicked, this, showRow);
    // New messages in the conversation on screen show up, unless the user is reading older ones.
    connect(&account.conversationList(), &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &first, const QModelIndex &last) {
                for (int row = first.row(); row <= last.row(); ++row) {
                    if (first.siblingAtRow(row).data(ConversationListModel::PeerRole) ==
                            m_browsedPeer &&
                        m_transcript->isAtLatest())
                        showConversation(m_browsedPeer, m_browsedGroupChat, true);
                }
            });

    m_placeholder = new QLabel(this);
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setForegroundRole(QPalette::PlaceholderText);

    m_browsePage = new QWidget(this);
    m_browseTitle = new QLabel(m_browsePage);
    m_browseTitle->setObjectName(u"historyConversationTitle"_s);
    QFont titleFont = m_browseTitle->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.1);
    m_browseTitle->setFont(titleFont);
    m_browseHint = new QLabel(m_browsePage);
    m_browseHint->setForegroundRole(QPalette::PlaceholderText);
    m_transcript = new TranscriptView(m_browsePage);
    m_transcript->setObjectName(u"historyTranscript"_s);
    connect(m_transcript, &TranscriptView::messageActivated, this,
            [this](qint64 id) { Q_EMIT messageActivated(m_browsedPeer, id); });
    auto *browseLayout = new QVBoxLayout(m_browsePage);
    browseLayout->setContentsMargins(0, 0, 0, 0);
    browseLayout->setSpacing(0);
    auto *browseHeader = new QVBoxLayout;
    browseHeader->setContentsMargins(em, qRound(em * 0.6), em, qRound(em * 0.6));
    browseHeader->setSpacing(em / 8);
    browseHeader->addWidget(m_browseTitle);
    browseHeader->addWidget(m_browseHint);
    browseLayout->addLayout(browseHeader);
    browseLayout->addWidget(m_transcript, 1);

    m_resultsPage = new QWidget(this);
    m_resultsLabel = new QLabel(m_resultsPage);
    m_resultsLabel->setObjectName(u"historyResultsLabel"_s);
    m_resultsLabel->setForegroundRole(QPalette::PlaceholderText);
    m_resultModel = new QStandardItemModel(this);
    m_results = entryList(u"historyResults"_s, m_resultsPage);
    m_results->setModel(m_resultModel);
    m_results->setItemDelegate(new EntryDelegate(
        account, {PeerRole, GroupChatRole, TimestampRole, SnippetHtmlRole, -1, true}, m_results));
    connect(m_results, &QListView::activated, this, [this](const QModelIndex &index) {
        Q_EMIT messageActivated(index.data(PeerRole).toString(),
                                index.data(MessageIdRole).toLongLong());
    });
    auto *resultsLayout = new QVBoxLayout(m_resultsPage);
    resultsLayout->setContentsMargins(0, 0, 0, 0);
    resultsLayout->setSpacing(0);
    auto *resultsHeader = new QHBoxLayout;
    resultsHeader->setContentsMargins(em, qRound(em * 0.6), em, qRound(em * 0.6));
    resultsHeader->addWidget(m_resultsLabel);
    resultsLayout->addLayout(resultsHeader);
    resultsLayout->addWidget(m_results, 1);

    m_pages = new QStackedWidget(this);
    m_pages->addWidget(m_placeholder);
    m_pages->addWidget(m_browsePage);
    m_pages->addWidget(m_resultsPage);
    m_pages->setAutoFillBackground(true);
    m_pages->setBackgroundRole(QPalette::Base);

    auto *splitter = new QSplitter(this);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(m_conversations);
    splitter->addWidget(m_pages);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({em * 17, em * 33});

    auto *searchRow = new QHBoxLayout;
    searchRow->setContentsMargins(qRound(em * 0.7), qRound(em * 0.7), qRound(em * 0.7),
                                  qRound(em * 0.7));
    searchRow->addWidget(m_searchField);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(searchRow);
    auto *line = new QFrame(this);
    line->setFrameShape(QFrame::HLine);
    line->setFrameShadow(QFrame::Plain);
    line->setForegroundRole(QPalette::Mid);
    layout->addWidget(line);
    layout->addWidget(splitter, 1);

    auto *escape = new QShortcut(QKeySequence::Cancel, this);
    connect(escape, &QShortcut::activated, this, [this] {
        if (!m_searchField->text().isEmpty())
            m_searchField->clear();
        else
            close();
    });
    auto *find = new QShortcut(QKeySequence::Find, this);
    connect(find, &QShortcut::activated, this, [this] {
        m_searchField->setFocus(Qt::ShortcutFocusReason);
        m_searchField->selectAll();
    });

    setTabOrder(m_searchField, m_conversations);
    setTabOrder(m_conversations, m_results);
    setTabOrder(m_results, m_transcript);
    resize(em * 52, em * 36);
    retranslateUi();
    m_searchField->setFocus(Qt::OtherFocusReason);
}

HistoryWindow::~HistoryWindow() = default;

void HistoryWindow::retranslateUi()
{
    setWindowTitle(tr("History — Flint"));
    m_searchField->setPlaceholderText(tr("Search all conversations"));
    m_searchField->setAccessibleName(tr("Search all conversations"));
    m_conversations->setAccessibleName(tr("Conversations"));
    m_results->setAccessibleName(tr("Search results"));
    m_results->setToolTip(tr("Double-click a message, or press Enter, to open it in the chat"));
    m_placeholder->setText(tr("Choose a conversation to read it, or search above."));
    m_browseHint->setText(tr("Double-click a message to continue the conversation there."));
    if (!m_browsedPeer.isEmpty())
        m_browseTitle->setText(m_account.displayName(m_browsedPeer));
    updateResultsLabel();
    m_conversations->viewport()->update();
    m_results->viewport()->update();
}

void HistoryWindow::search()
{
    const QString text = m_searchField->text().trimmed();
    m_resultModel->clear();
    if (text.isEmpty()) {
        m_pages->setCurrentWidget(m_browsedPeer.isEmpty() ? static_cast<QWidget *>(m_placeholder)
                                                          : m_browsePage);
        return;
    }
    const QList<SearchHit> hits = m_account.history().search(text, SearchLimit);
    for (const SearchHit &hit : hits) {
        QString html = hit.snippet.toHtmlEscaped();
        html.replace(SearchHit::highlightStart, u"<b>"_s);
        html.replace(SearchHit::highlightEnd, u"</b>"_s);
        QString plain = hit.snippet;
        plain.remove(SearchHit::highlightStart);
        plain.remove(SearchHit::highlightEnd);
        // In a room the hit says who wrote it, as the room's transcript does.
        const bool groupChat = isGroupChat(hit.peer);
        const QString nick = groupChat ? hit.sender.section(u'/', 1) : QString();
        if (!nick.isEmpty()) {
            const QString byNick = tr("%1: %2", "nick in a room: message");
            html = byNick.arg(nick.toHtmlEscaped(), html);
            plain = byNick.arg(nick, plain);
        }
        auto *item = new QStandardItem(u"%1: %2"_s.arg(m_account.displayName(hit.peer), plain));
        item->setData(hit.peer, PeerRole);
        item->setData(groupChat, GroupChatRole);
        item->setData(nick, NickRole);
        item->setData(hit.messageId, MessageIdRole);
        item->setData(hit.timestamp, TimestampRole);
        item->setData(html, SnippetHtmlRole);
        item->setToolTip(QLocale().toString(hit.timestamp.toLocalTime(), QLocale::LongFormat));
        m_resultModel->appendRow(item);
    }
    if (m_resultModel->rowCount() > 0)
        m_results->setCurrentIndex(m_resultModel->index(0, 0));
    updateResultsLabel();
    m_pages->setCurrentWidget(m_resultsPage);
}

void HistoryWindow::updateResultsLabel()
{
    const int count = m_resultModel->rowCount();
    if (count == 0)
        m_resultsLabel->setText(tr("No messages match."));
    else if (count >= SearchLimit)
        m_resultsLabel->setText(tr("The %n newest matching messages", nullptr, count));
    else
        m_resultsLabel->setText(tr("%n matching message(s)", nullptr, count));
}

bool HistoryWindow::isGroupChat(const QString &peer) const
{
    const ConversationListModel &conversations = m_account.conversationList();
    const std::optional<int> row = conversations.rowOf(peer);
    return row && conversations.index(*row).data(ConversationListModel::GroupChatRole).toBool();
}

void HistoryWindow::showConversation(const QString &peer, bool groupChat, bool reload)
{
    if (peer.isEmpty())
        return;
    if (peer != m_browsedPeer || reload) {
        m_browsedPeer = peer;
        m_browsedGroupChat = groupChat;
        m_transcript->setGroupChat(groupChat);
        MessageListModel *previous = m_browsed;
        m_browsed = new MessageListModel(m_account.history(), peer, 50, this);
        m_transcript->setMessages(m_browsed);
        delete previous;
    }
    m_transcript->setNames(m_account.ownDisplayName(), m_account.displayName(peer));
    m_browseTitle->setText(m_account.displayName(peer));
    m_pages->setCurrentWidget(m_browsePage);
}

bool HistoryWindow::eventFilter(QObject *watched, QEvent *event)
{
    // Down from the search field goes on to what it found.
    if (watched == m_searchField && event->type() == QEvent::KeyPress &&
        static_cast<QKeyEvent *>(event)->key() == Qt::Key_Down &&
        m_pages->currentWidget() == m_resultsPage) {
        m_results->setFocus(Qt::TabFocusReason);
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

void HistoryWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    if (event->type() == QEvent::PaletteChange)
        m_searchIcon->setIcon(icon(u"search"_s));
    QWidget::changeEvent(event);
}

} // namespace flint::ui

#include "ChatWindow.h"

#include "ChatTab.h"
#include "client/ClientAccount.h"
#include "client/ClientSettings.h"
#include "client/Conversation.h"
#include "client/ConversationManager.h"
#include "common/Icons.h"
#include "common/Metrics.h"
#include "common/Widgets.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QShortcut>
#include <QTabBar>
#include <QTabWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace flint::ui {
namespace {

// A contact's tab is for any of their resources; the tab of someone in a room is for their full
// JID (room@service/nick) only.
bool isTabFor(const ChatTab *tab, const QString &jid)
{
    return tab->peer().compare(jid, Qt::CaseInsensitive) == 0 ||
           (!tab->isRoomOccupant() &&
            tab->peer().compare(jid.section(u'/', 0, 0), Qt::CaseInsensitive) == 0);
}

// Tabs give way to more tabs down to about eight characters of the name, not Qt's three; only
// then do the scroll buttons come.
class ChatTabBar : public QTabBar {
public:
    using QTabBar::QTabBar;

protected:
    QSize minimumTabSizeHint(int index) const override
    {
        QSize size = QTabBar::minimumTabSizeHint(index);
        const int readable = qMin(tabSizeHint(index).width(), fontMetrics().height() * 8);
        size.setWidth(qMax(size.width(), readable));
        return size;
    }
};

class ChatTabWidget : public QTabWidget {
public:
    explicit ChatTabWidget(QWidget *parent) : QTabWidget(parent)
    {
        setTabBar(new ChatTabBar(this));
    }
};

} // namespace

ChatWindow::ChatWindow(ClientAccount &account, ClientSettings &settings, QWidget *parent)
    : QWidget(parent, Qt::Window), m_account(account), m_settings(settings)
{
    setObjectName(u"chatWindow"_s);
    setAcceptDrops(true);
    setWindowIcon(appIcon());
    m_tabs = new ChatTabWidget(this);
    m_tabs->setObjectName(u"chatTabs"_s);
    m_tabs->setDocumentMode(true);
    m_tabs->setTabsClosable(true);
    m_tabs->setMovable(true);
    m_tabs->setElideMode(Qt::ElideRight);
    m_tabs->setUsesScrollButtons(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tabs);
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, &ChatWindow::closeTab);
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        retranslateUi();
        markCurrentRead();
        if (ChatTab *current = currentTab(); current && isActiveWindow())
            current->focusInput();
    });

    auto *close = new QShortcut(this);
    close->setKeys(QKeySequence::Close);
    connect(close, &QShortcut::activated, this, [this] { closeTab(m_tabs->currentIndex()); });
    auto *next = new QShortcut(this);
    next->setKeys(
        {QKeySequence(Qt::CTRL | Qt::Key_Tab), QKeySequence(Qt::CTRL | Qt::Key_PageDown)});
    connect(next, &QShortcut::activated, this, [this] { switchTab(1); });
    auto *previous = new QShortcut(this);
    previous->setKeys({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Backtab),
                       QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Tab),
                       QKeySequence(Qt::CTRL | Qt::Key_PageUp)});
    connect(previous, &QShortcut::activated, this, [this] { switchTab(-1); });
    auto *find = new QShortcut(QKeySequence::Find, this);
    connect(find, &QShortcut::activated, this, [this] {
        if (ChatTab *current = currentTab())
            current->showSearch();
    });

    if (!restoreGeometry(settings.windowGeometry(u"chat"_s)))
        resize(defaultWindowSize(this, 60, 40));
    retranslateUi();
}

ChatWindow::~ChatWindow()
{
    if (isVisible())
        saveWindowGeometry();
}

ChatTab *ChatWindow::tab(const QString &peer) const
{
    for (int i = 0; i < m_tabs->count(); ++i) {
        auto *tab = static_cast<ChatTab *>(m_tabs->widget(i));
        if (isTabFor(tab, peer))
            return tab;
    }
    return nullptr;
}

ChatTab *ChatWindow::currentTab() const
{
    return static_cast<ChatTab *>(m_tabs->currentWidget());
}

void ChatWindow::openConversation(const QString &jid, bool activate)
{
    ChatTab *chat = tab(jid);
    if (!chat) {
        Conversation *conversation = m_account.conversations().conversation(jid);
        if (!conversation)
            return;
        chat = new ChatTab(m_account, *conversation, m_tabs);
        connect(chat, &ChatTab::summaryChanged, this, [this, chat] { updateTab(chat); });
        connect(chat, &ChatTab::profileRequested, this, &ChatWindow::contactProfileRequested);
        m_tabs->addTab(chat, QString());
        updateTab(chat);
    }
    if (activate) {
        m_tabs->setCurrentWidget(chat);
        show();
        setWindowState(windowState() & ~Qt::WindowMinimized);
        raise();
        activateWindow();
        chat->focusInput();
    }
    markCurrentRead();
}

void ChatWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (currentTab() && currentTab()->canSendFiles() && !localFiles(event->mimeData()).isEmpty()) {
        event->setDropAction(Qt::CopyAction);
        event->accept();
        return;
    }
    QWidget::dragEnterEvent(event);
}

void ChatWindow::dropEvent(QDropEvent *event)
{
    const QStringList files = localFiles(event->mimeData());
    if (!currentTab() || files.isEmpty())
        return QWidget::dropEvent(event);
    event->setDropAction(Qt::CopyAction);
    event->accept();
    currentTab()->sendFiles(files);
}

void ChatWindow::showInBackground()
{
    if (!isVisible()) {
        setAttribute(Qt::WA_ShowWithoutActivating);
        show();
        setAttribute(Qt::WA_ShowWithoutActivating, false);
    }
    QApplication::alert(this);
}

void ChatWindow::showMessage(const QString &peer, qint64 messageId)
{
    openConversation(peer, true);
    if (ChatTab *chat = tab(peer))
        chat->showMessage(messageId);
}

bool ChatWindow::isConversationVisible(const QString &peer) const
{
    const ChatTab *current = currentTab();
    return current && isVisible() && isActiveWindow() && !isMinimized() && isTabFor(current, peer);
}

void ChatWindow::updateTab(ChatTab *chat)
{
    const int index = m_tabs->indexOf(chat);
    if (index < 0)
        return;
    const int unread = chat->unreadCount();
    QString name = chat->displayName();
    name.replace(u'&', u"&&"_s);
    m_tabs->setTabText(
        index,
        unread > 0 ? tr("%1 (%2)", "contact name (unread count)").arg(name).arg(unread) : name);
    m_tabs->setTabIcon(index, statusIcon(chat->availability()));
    m_tabs->setTabToolTip(index, chat->peer());
    m_tabs->tabBar()->setTabTextColor(index,
                                      unread > 0 ? palette().color(QPalette::Highlight) : QColor());
    if (index == m_tabs->currentIndex())
        retranslateUi();
    markCurrentRead();
}

void ChatWindow::closeTab(int index)
{
    QWidget *page = m_tabs->widget(index);
    if (!page)
        return;
    m_tabs->removeTab(index);
    page->deleteLater();
    if (m_tabs->count() == 0)
        hide();
}

void ChatWindow::switchTab(int step)
{
    if (m_tabs->count() < 2)
        return;
    m_tabs->setCurrentIndex((m_tabs->currentIndex() + step + m_tabs->count()) % m_tabs->count());
}

void ChatWindow::markCurrentRead()
{
    ChatTab *current = currentTab();
    if (current && isVisible() && isActiveWindow() && !isMinimized() && current->unreadCount() > 0)
        current->conversation().markRead();
}

void ChatWindow::retranslateUi()
{
    const ChatTab *current = currentTab();
    setWindowTitle(
        current ? tr("%1 — Flint", "chat window title: contact name").arg(current->displayName())
                : tr("Chats — Flint"));
    m_tabs->setAccessibleName(tr("Conversations"));
}

void ChatWindow::saveWindowGeometry()
{
    m_settings.setWindowGeometry(u"chat"_s, saveGeometry());
}

void ChatWindow::changeEvent(QEvent *event)
{
    switch (event->type()) {
    case QEvent::LanguageChange:
        retranslateUi();
        for (int i = 0; i < m_tabs->count(); ++i)
            updateTab(static_cast<ChatTab *>(m_tabs->widget(i)));
        break;
    case QEvent::ActivationChange:
    case QEvent::WindowStateChange:
        markCurrentRead();
        break;
    case QEvent::PaletteChange:
        for (int i = 0; i < m_tabs->count(); ++i)
            updateTab(static_cast<ChatTab *>(m_tabs->widget(i)));
        break;
    default:
        break;
    }
    QWidget::changeEvent(event);
}

void ChatWindow::closeEvent(QCloseEvent *event)
{
    // Like Spark: closing the window ends its conversations; history keeps them.
    saveWindowGeometry();
    while (m_tabs->count() > 0)
        closeTab(0);
    event->accept();
}

void ChatWindow::hideEvent(QHideEvent *event)
{
    saveWindowGeometry();
    QWidget::hideEvent(event);
}

} // namespace flint::ui

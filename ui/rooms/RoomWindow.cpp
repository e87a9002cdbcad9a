#include "RoomWindow.h"

#include "BookmarkDialog.h"
#include "CreateRoomDialog.h"
#include "InviteDialog.h"
#include "OccupantDelegate.h"
#include "chat/Composer.h"
#include "chat/MessageInput.h"
#include "chat/SearchBar.h"
#include "chat/TranscriptView.h"
#include "client/ClientAccount.h"
#include "client/MessageListModel.h"
#include "client/TransferService.h"
#include "common/FileDropArea.h"
#include "common/Icons.h"
#include "common/Metrics.h"
#include "common/NoticeBar.h"
#include "common/Widgets.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QListView>
#include <QMenu>
#include <QShortcut>
#include <QSplitter>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace flint::ui {

RoomWindow::RoomWindow(ClientAccount &account, Room &room, QWidget *parent)
    : QWidget(parent, Qt::Window), m_account(account), m_room(&room), m_roomJid(room.jid()),
      m_joinNick(room.nick()), m_joinPassword(room.password())
{
    setObjectName(u"roomWindow"_s);
    setWindowIcon(appIcon());
    m_everJoined = room.state() == Room::State::Joined;

    m_view = new TranscriptView(this);
    m_view->setObjectName(u"transcript"_s);
    m_view->setGroupChat(true);
    m_view->setMessages(&room.messages());
    m_view->setTransfers(&account.transfers());

    auto *conversation = new QWidget(this);
    conversation->setObjectName(u"transcriptArea"_s);
    conversation->setAutoFillBackground(true);
    conversation->setBackgroundRole(QPalette::Base);
    auto *conversationLayout = new QVBoxLayout(conversation);
    conversationLayout->setContentsMargins(0, 0, 0, 0);
    conversationLayout->setSpacing(0);
    m_view->setParent(conversation);
    m_searchBar = new SearchBar(m_view, this);
    connect(m_searchBar, &SearchBar::closed, this,
            [this] { m_input->setFocus(Qt::OtherFocusReason); });
    conversationLayout->addWidget(m_searchBar);
    conversationLayout->addWidget(m_view, 1);
    conversationLayout->addWidget(createComposer());

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(u"roomSplitter"_s);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(conversation);
    m_splitter->addWidget(createOccupantPane());
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 0);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(createHeader());
    layout->addWidget(createNotices());
    layout->addWidget(m_splitter, 1);
    createMenu();
    m_searchBar->setToggleButton(m_searchButton);
    auto *find = new QShortcut(QKeySequence::Find, this);
    connect(find, &QShortcut::activated, this, &RoomWindow::showSearch);

    setTabOrder(m_composer->lastInTabOrder(), m_view);
    setTabOrder(m_view, m_occupants);
    setTabOrder(m_occupants, m_subjectButton);
    setTabOrder(m_subjectButton, m_searchButton);
    setTabOrder(m_searchButton, m_inviteButton);
    setTabOrder(m_inviteButton, m_bookmarkButton);
    setTabOrder(m_bookmarkButton, m_menuButton);
    setFocusProxy(m_input);

    auto *dropArea = new FileDropArea(
        this, [this] { return m_composer->fileButton()->isEnabled(); },
        [this] { return tr("Drop files here to share them in %1").arg(m_name->text()); });
    dropArea->watch(m_input->viewport());
    connect(dropArea, &FileDropArea::filesDropped, this, &RoomWindow::sendFiles);

    connect(&room, &Room::stateChanged, this, [this] {
        if (m_room && m_room->state() == Room::State::Joined) {
            m_everJoined = true;
            m_exited = false;
            m_joinFailure.clear();
        }
        refreshState();
    });
    connect(&room, &Room::exited, this, &RoomWindow::showExit);
    connect(&room, &Room::failed, this, &RoomWindow::showFailure);
    connect(&room, &Room::subjectChanged, this, &RoomWindow::refreshHeader);
    connect(&room, &Room::nameChanged, this, [this] {
        refreshHeader();
        refreshState();
    });
    connect(&room, &Room::nickChanged, this, [this] {
        m_joinNick = m_room->nick();
        refreshHeader();
    });
    connect(&room, &Room::ownRoleChanged, this, &RoomWindow::refreshState);
    connect(&room, &Room::unreadCountChanged, this, &RoomWindow::refreshTitle);
    connect(&room, &Room::messageAdded, this, [this](const HistoryMessage &message) {
        if (message.direction == MessageDirection::Outgoing)
            m_view->scrollToLatest();
        markReadIfOnScreen();
    });
    connect(&m_account.rooms(), &RoomService::bookmarksChanged, this, &RoomWindow::refreshActions);
    // The service lets go of a room that was left; its transcript stays readable from history.
    connect(&room, &QObject::destroyed, this, [this] {
        m_history = new MessageListModel(m_account.history(), m_roomJid, 50, this);
        m_view->setMessages(m_history);
        m_searchBar->followMessages();
        refreshState();
        refreshActions();
    });

    applyColours();
    retranslateUi();
    refreshState();
    resize(defaultWindowSize(this, 56, 36));
    // The participants get a column of their own; the conversation takes the rest.
    const int paneWidth = qMin(fontMetrics().height() * 13, width() / 3);
    m_splitter->setSizes({width() - paneWidth, paneWidth});
}

RoomWindow::~RoomWindow() = default;

QWidget *RoomWindow::createHeader()
{
    const int em = fontMetrics().height();
    const ConversationHeader band = conversationHeader(u"roomHeader"_s, this);
    QFrame *header = band.frame;

    m_roomIcon = new QLabel(header);
    m_roomIcon->setFixedSize(qRound(em * 2.4), qRound(em * 2.4));
    m_roomIcon->setAlignment(Qt::AlignCenter);
    m_name = titleLabel(u"roomName"_s, header);
    m_subject = new QLabel(header);
    m_subject->setObjectName(u"roomSubject"_s);
    m_subject->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // A long subject is cut at the window's edge (the tooltip has it whole) rather than
    // widening the window.
    m_subject->setMinimumWidth(1);
    m_subjectButton = iconButton(u"subjectButton"_s, u"edit"_s, header);
    m_subjectButton->setIconSize(m_subjectButton->iconSize() * 0.75);
    connect(m_subjectButton, &QToolButton::clicked, this, &RoomWindow::changeSubject);
    m_nick = new QLabel(header);
    m_nick->setObjectName(u"roomNick"_s);
    m_searchButton = iconButton(u"searchButton"_s, u"search"_s, header);
    m_inviteButton = iconButton(u"inviteButton"_s, u"invite"_s, header);
    connect(m_inviteButton, &QToolButton::clicked, this, &RoomWindow::invite);
    m_bookmarkButton = iconButton(u"bookmarkButton"_s, u"bookmark"_s, header);
    connect(m_bookmarkButton, &QToolButton::clicked, this, &RoomWindow::editBookmark);
    m_menuButton = iconButton(u"roomMenuButton"_s, u"more"_s, header);
    m_menuButton->setPopupMode(QToolButton::InstantPopup);

    auto *subjectRow = new QHBoxLayout;
    subjectRow->setSpacing(em / 6);
    subjectRow->addWidget(m_subject);
    subjectRow->addWidget(m_subjectButton);
    subjectRow->addStretch(1);
    auto *text = new QVBoxLayout;
    text->setSpacing(0);
    text->addStretch();
    auto *nameRow = new QHBoxLayout;
    nameRow->setSpacing(qRound(em * 0.6));
    nameRow->addWidget(m_name);
    nameRow->addWidget(m_nick, 0, Qt::AlignBaseline);
    nameRow->addStretch(1);
    text->addLayout(nameRow);
    text->addLayout(subjectRow);
    text->addStretch();
    band.row->addWidget(m_roomIcon);
    band.row->addLayout(text, 1);
    band.row->addWidget(m_searchButton);
    band.row->addWidget(m_inviteButton);
    band.row->addWidget(m_bookmarkButton);
    band.row->addWidget(m_menuButton);
    return band.widget;
}

QWidget *RoomWindow::createNotices()
{
    auto *area = new QWidget(this);
    auto *column = new QVBoxLayout(area);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(0);
    m_stateNotice =
        new NoticeBar(u"stateNotice"_s, NoticeBar::Kind::Progress, NoticeBar::Dismiss::No, area);
    m_exitBanner =
        new NoticeBar(u"exitBanner"_s, NoticeBar::Kind::Error, NoticeBar::Dismiss::No, area);
    m_errorNotice =
        new NoticeBar(u"errorNotice"_s, NoticeBar::Kind::Error, NoticeBar::Dismiss::Yes, area);
    connect(m_exitBanner, &NoticeBar::actionTriggered, this,
            [this] { Q_EMIT joinAgainRequested(m_roomJid, m_joinNick, m_joinPassword); });
    column->addWidget(m_stateNotice);
    column->addWidget(m_exitBanner);
    column->addWidget(m_errorNotice);
    return area;
}

QWidget *RoomWindow::createComposer()
{
    const int em = fontMetrics().height();
    auto *area = new QWidget(this);
    area->setObjectName(u"composerArea"_s);
    area->setAutoFillBackground(true);
    area->setBackgroundRole(QPalette::Window);

    m_composer = new Composer(area);
    m_input = m_composer->input();
    connect(m_composer, &Composer::sendRequested, this, &RoomWindow::send);
    connect(m_composer, &Composer::fileRequested, this, &RoomWindow::chooseFiles);

    auto *column = new QVBoxLayout(area);
    column->setContentsMargins(qRound(em * 0.7), em / 2, qRound(em * 0.7), qRound(em * 0.7));
    column->addWidget(m_composer);
    return area;
}

QWidget *RoomWindow::createOccupantPane()
{
    const int em = fontMetrics().height();
    auto *pane = new QWidget(this);
    pane->setObjectName(u"occupantPane"_s);
    pane->setAutoFillBackground(true);
    pane->setBackgroundRole(QPalette::Base);
    m_occupantTitle = new QLabel(pane);
    m_occupantTitle->setObjectName(u"occupantTitle"_s);
    QFont bold = m_occupantTitle->font();
    bold.setBold(true);
    m_occupantTitle->setFont(bold);
    m_occupants = new QListView(pane);
    m_occupants->setObjectName(u"occupantList"_s);
    m_occupants->setModel(&m_room->occupants());
    m_occupants->setItemDelegate(new OccupantDelegate(m_occupants));
    m_occupants->setFrameShape(QFrame::NoFrame);
    m_occupants->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_occupants->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_occupants->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_occupants->setMouseTracking(true);
    m_occupants->setUniformItemSizes(false);
    m_occupants->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_occupants, &QListView::customContextMenuRequested, this,
            &RoomWindow::showOccupantMenu);
    connect(m_occupants, &QListView::activated, this, [this](const QModelIndex &index) {
        insertNick(index.data(RoomOccupantModel::NickRole).toString());
    });
    RoomOccupantModel &model = m_room->occupants();
    connect(&model, &QAbstractItemModel::rowsInserted, this, &RoomWindow::refreshOccupantCount);
    connect(&model, &QAbstractItemModel::rowsRemoved, this, &RoomWindow::refreshOccupantCount);
    connect(&model, &QAbstractItemModel::modelReset, this, &RoomWindow::refreshOccupantCount);
    // A role change moves a row into another section: the headers above it change too.
    connect(&model, &QAbstractItemModel::dataChanged, m_occupants,
            [this] { m_occupants->doItemsLayout(); });

    auto *column = new QVBoxLayout(pane);
    column->setContentsMargins(0, em / 2, 0, 0);
    column->setSpacing(em / 4);
    auto *title = new QHBoxLayout;
    title->setContentsMargins(qRound(em * 0.7), 0, em / 2, 0);
    title->addWidget(m_occupantTitle);
    column->addLayout(title);
    column->addWidget(m_occupants, 1);
    pane->setMinimumWidth(em * 8);
    return pane;
}

void RoomWindow::createMenu()
{
    m_roomMenu = new QMenu(this);
    m_roomMenu->setObjectName(u"roomMenu"_s);
    m_inviteAction = m_roomMenu->addAction(QString(), this, &RoomWindow::invite);
    m_inviteAction->setObjectName(u"inviteAction"_s);
    m_sendFileAction = m_roomMenu->addAction(QString(), this, &RoomWindow::chooseFiles);
    m_sendFileAction->setObjectName(u"sendFileAction"_s);
    m_roomMenu->addSeparator();
    m_nickAction = m_roomMenu->addAction(QString(), this, &RoomWindow::changeNick);
    m_nickAction->setObjectName(u"changeNickAction"_s);
    m_subjectAction = m_roomMenu->addAction(QString(), this, &RoomWindow::changeSubject);
    m_subjectAction->setObjectName(u"changeSubjectAction"_s);
    m_bookmarkAction = m_roomMenu->addAction(QString(), this, &RoomWindow::editBookmark);
    m_bookmarkAction->setObjectName(u"bookmarkAction"_s);
    m_settingsAction = m_roomMenu->addAction(QString(), this, &RoomWindow::editSettings);
    m_settingsAction->setObjectName(u"roomSettingsAction"_s);
    m_roomMenu->addSeparator();
    m_destroyAction = m_roomMenu->addAction(QString(), this, &RoomWindow::confirmDestroy);
    m_destroyAction->setObjectName(u"destroyAction"_s);
    m_leaveAction = m_roomMenu->addAction(QString(), this, &RoomWindow::leave);
    m_leaveAction->setObjectName(u"leaveAction"_s);
    m_leaveAction->setShortcut(QKeySequence::Close);
    addAction(m_leaveAction);
    m_menuButton->setMenu(m_roomMenu);
}

void RoomWindow::retranslateUi()
{
    m_subjectButton->setToolTip(tr("Change the subject"));
    m_subjectButton->setAccessibleName(tr("Change the subject"));
    m_inviteButton->setToolTip(tr("Invite someone to this room"));
    m_inviteButton->setAccessibleName(tr("Invite"));
    m_menuButton->setToolTip(tr("Room menu"));
    m_menuButton->setAccessibleName(tr("Room menu"));
    m_composer->setFileToolTip(tr("Send a file to the room"));
    m_occupants->setAccessibleName(tr("Participants"));
    m_input->setAccessibleName(tr("Message to the room"));

    m_inviteAction->setText(tr("&Invite…"));
    m_sendFileAction->setText(tr("Send &File…"));
    m_nickAction->setText(tr("Change &Nickname…"));
    m_subjectAction->setText(tr("Change &Subject…"));
    m_settingsAction->setText(tr("Room &Settings…"));
    m_destroyAction->setText(tr("&Destroy Room…"));
    m_leaveAction->setText(tr("&Leave Room"));

    refreshHeader();
    refreshOccupantCount();
    refreshState();
    if (m_exited)
        showExit(m_exit, m_exitReason);
}

void RoomWindow::applyColours()
{
    setSecondary(m_subject);
    setSecondary(m_nick);
    const QColor accent = QApplication::palette().color(QPalette::Highlight);
    for (NoticeBar *bar : {m_stateNotice, m_exitBanner, m_errorNotice})
        bar->applyColours();
    refreshIcons(this);
    const int roomSide = qRound(m_roomIcon->width() * 0.62);
    m_roomIcon->setPixmap(tintedPixmap(u"room"_s, accent, roomSide, devicePixelRatioF()));
    m_inviteAction->setIcon(icon(u"invite"_s));
    m_sendFileAction->setIcon(icon(u"attach"_s));
    m_nickAction->setIcon(icon(u"profile"_s));
    m_subjectAction->setIcon(icon(u"edit"_s));
    m_settingsAction->setIcon(icon(u"settings"_s));
    m_destroyAction->setIcon(icon(u"remove"_s));
    m_leaveAction->setIcon(icon(u"logout"_s));
    refreshActions();
}

void RoomWindow::refreshHeader()
{
    if (!m_room)
        return;
    m_name->setText(m_room->name());
    m_name->setToolTip(m_roomJid);
    const QString subject = m_room->subject().simplified();
    if (subject.isEmpty()) {
        m_subject->setText(tr("No subject"));
        m_subject->setToolTip(QString());
    } else {
        m_subject->setText(subject);
        m_subject->setToolTip(m_room->subject());
    }
    m_nick->setText(tr("as %1", "own nick in the room")
                        .arg(u"<b>%1</b>"_s.arg(m_room->nick().toHtmlEscaped())));
    m_nick->setToolTip(tr("Your nickname in this room"));
    refreshTitle();
}

void RoomWindow::refreshTitle()
{
    const QString name = m_room ? m_room->name() : m_roomJid;
    const int unread = m_room ? m_room->unreadCount() : 0;
    if (unread > 0)
        setWindowTitle(tr("(%1) %2 — Flint", "unread count, room name").arg(unread).arg(name));
    else
        setWindowTitle(tr("%1 — Flint", "room name").arg(name));
}

void RoomWindow::refreshOccupantCount()
{
    const int count = m_room ? m_room->occupants().rowCount() : 0;
    m_occupantTitle->setText(tr("%n people", nullptr, count));
}

void RoomWindow::refreshState()
{
    const Room::State state = m_room ? m_room->state() : Room::State::Left;
    const bool joined = state == Room::State::Joined;
    if (state == Room::State::Joining && m_joinFailure.isEmpty()) {
        m_stateNotice->showText(m_everJoined ? tr("Rejoining the room…") : tr("Joining the room…"));
    } else {
        m_stateNotice->hide();
    }
    // Exits are told while the state still says Joined.
    if (joined && !m_exited)
        m_exitBanner->hide();
    else if (!m_joinFailure.isEmpty()) {
        m_exitBanner->showText(tr("Could not join the room: %1").arg(m_joinFailure));
        m_exitBanner->setActionText(tr("Try Again"));
    }
    const bool voiced = joined && m_room->ownRole() != RoomRole::Visitor;
    m_composer->setWritable(voiced);
    if (voiced)
        m_input->setPlaceholderText(tr("Write to the room"));
    else if (joined)
        m_input->setPlaceholderText(tr("You need a voice to speak in this room"));
    else if (state == Room::State::Joining)
        m_input->setPlaceholderText(tr("Waiting for the room…"));
    else
        m_input->setPlaceholderText(tr("You are not in this room"));
    refreshActions();
}

void RoomWindow::refreshActions()
{
    const bool joined = m_room && m_room->state() == Room::State::Joined;
    const bool inRoom = m_room && m_room->state() != Room::State::Left;
    const bool voiced = joined && m_room->ownRole() != RoomRole::Visitor;
    m_inviteAction->setEnabled(joined && m_room->can(Room::Action::Invite));
    m_inviteButton->setEnabled(m_inviteAction->isEnabled());
    m_sendFileAction->setEnabled(voiced);
    m_nickAction->setEnabled(joined);
    m_subjectAction->setEnabled(joined && m_room->can(Room::Action::Subject));
    m_subjectButton->setVisible(m_subjectAction->isEnabled());
    m_settingsAction->setEnabled(joined && m_room->can(Room::Action::Configure));
    m_destroyAction->setEnabled(joined && m_room->can(Room::Action::Destroy));
    m_leaveAction->setEnabled(inRoom);

    bool bookmarked = false;
    for (const RoomBookmark &bookmark : m_account.rooms().bookmarks())
        bookmarked = bookmarked || bookmark.jid.compare(m_roomJid, Qt::CaseInsensitive) == 0;
    const QString iconName = bookmarked ? u"bookmark-filled"_s : u"bookmark"_s;
    m_bookmarkButton->setProperty("iconName", iconName);
    m_bookmarkButton->setIcon(icon(iconName));
    m_bookmarkAction->setIcon(icon(iconName));
    m_bookmarkAction->setText(bookmarked ? tr("Edit &Bookmark…") : tr("&Bookmark…"));
    const QString bookmarkTip =
        bookmarked ? tr("Edit this room's bookmark") : tr("Bookmark this room");
    m_bookmarkButton->setToolTip(bookmarkTip);
    m_bookmarkButton->setAccessibleName(bookmarkTip);
}

void RoomWindow::showExit(RoomExit exit, const QString &reason)
{
    QString text;
    switch (exit) {
    case RoomExit::Disconnected:
        // Not an exit: the room is rejoined once the account is back ("Rejoining…").
        refreshState();
        return;
    case RoomExit::Left:
        text = tr("You left the room.");
        break;
    case RoomExit::Kicked:
        text = tr("You were removed from the room.");
        break;
    case RoomExit::Banned:
        text = tr("You were banned from the room.");
        break;
    case RoomExit::Destroyed:
        text = tr("The room was destroyed.");
        break;
    case RoomExit::MembershipLost:
        text = tr("The room is for members only and you are no longer a member.");
        break;
    case RoomExit::Shutdown:
        text = tr("The room service is shutting down.");
        break;
    }
    m_exited = true;
    m_exit = exit;
    m_exitReason = reason;
    if (!reason.trimmed().isEmpty())
        text += u'\n' + tr("Reason: %1").arg(reason.trimmed());
    m_exitBanner->showText(text);
    // Banned, destroyed or no longer a member: joining again would only fail.
    const bool mayJoinAgain =
        exit == RoomExit::Left || exit == RoomExit::Kicked || exit == RoomExit::Shutdown;
    m_exitBanner->setActionText(mayJoinAgain ? tr("Join Again") : QString());
    refreshState();
}

void RoomWindow::showFailure(const RoomError &error)
{
    if (m_room && m_room->state() != Room::State::Joined && !m_everJoined) {
        m_joinFailure = describe(error);
        refreshState();
        return;
    }
    m_errorNotice->showText(describe(error));
}

void RoomWindow::showSearch()
{
    m_searchBar->open();
}

bool RoomWindow::isOnScreen() const
{
    return isVisible() && isActiveWindow() && !isMinimized();
}

void RoomWindow::showInBackground()
{
    if (!isVisible()) {
        setAttribute(Qt::WA_ShowWithoutActivating);
        show();
        setAttribute(Qt::WA_ShowWithoutActivating, false);
    }
    QApplication::alert(this);
}

void RoomWindow::markReadIfOnScreen()
{
    if (m_room && isOnScreen() && m_room->unreadCount() > 0)
        m_room->markRead();
}

void RoomWindow::send()
{
    const QString body = m_input->toPlainText().trimmed();
    if (body.isEmpty() || !m_room || m_room->state() != Room::State::Joined)
        return;
    m_errorNotice->hide();
    m_room->sendMessage(body);
    m_input->clear();
    m_view->scrollToLatest();
}

void RoomWindow::insertNick(const QString &nick)
{
    if (nick.isEmpty() || !m_input->isEnabled() || (m_room && nick == m_room->nick()))
        return;
    // At the start of the message it addresses someone, as IRC and Gajim write it.
    m_input->insertAtCursor(m_input->toPlainText().isEmpty() ? tr("%1: ").arg(nick) : nick + u' ');
}

QMenu *RoomWindow::createOccupantMenu(int row)
{
    if (!m_room || row < 0 || row >= m_room->occupants().rowCount())
        return nullptr;
    const RoomOccupant target =
        m_room->occupants().index(row).data(RoomOccupantModel::OccupantRole).value<RoomOccupant>();
    const QPointer<Room> room = m_room;
    const QString nick = target.nick;
    const QString jid = target.jid;
    auto *menu = new QMenu(this);
    menu->setObjectName(u"occupantMenu"_s);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    const auto add = [menu](const QString &objectName, const QString &iconName, const QString &text,
                            bool enabled, auto slot) {
        QAction *action = menu->addAction(iconName.isEmpty() ? QIcon() : icon(iconName), text);
        action->setObjectName(objectName);
        action->setEnabled(enabled);
        QObject::connect(action, &QAction::triggered, menu, slot);
        return action;
    };
    const bool joined = m_room->state() == Room::State::Joined;
    const auto allowed = [&](Room::Action action) {
        return joined && !target.isSelf && m_room->can(action, target);
    };

    // Through the room, by the nick: also with someone whose real address the room hides.
    add(u"privateChatAction"_s, u"chat"_s, tr("Private &Chat"), !target.isSelf,
        [this, nick] { Q_EMIT privateChatRequested(m_roomJid + u'/' + nick); });
    add(u"mentionAction"_s, QString(), tr("&Mention"), !target.isSelf && m_input->isEnabled(),
        [this, nick] { insertNick(nick); });
    menu->addSeparator();
    if (target.role == RoomRole::Visitor || allowed(Room::Action::GrantVoice))
        add(u"grantVoiceAction"_s, QString(), tr("Grant &Voice"), allowed(Room::Action::GrantVoice),
            [room, nick] {
                if (room)
                    room->setRole(nick, RoomRole::Participant);
            });
    else
        add(u"revokeVoiceAction"_s, QString(), tr("Revoke &Voice…"),
            allowed(Room::Action::RevokeVoice), [this, room, nick] {
                askReason(tr("Revoke Voice"), tr("Why may %1 no longer speak?").arg(nick),
                          tr("Revoke Voice"), [room, nick](const QString &reason) {
                              if (room)
                                  room->setRole(nick, RoomRole::Visitor, reason);
                          });
            });
    if (target.role == RoomRole::Moderator)
        add(u"revokeModeratorAction"_s, QString(), tr("Revoke M&oderator"),
            allowed(Room::Action::RevokeModerator), [room, nick] {
                if (room)
                    room->setRole(nick, RoomRole::Participant);
            });
    else
        add(u"grantModeratorAction"_s, QString(), tr("Make M&oderator"),
            allowed(Room::Action::GrantModerator), [room, nick] {
                if (room)
                    room->setRole(nick, RoomRole::Moderator);
            });
    menu->addSeparator();
    // Affiliations belong to the real address: without it the room cannot be asked.
    const bool known = !jid.isEmpty();
    if (target.affiliation == RoomAffiliation::Member)
        add(u"revokeMembershipAction"_s, QString(), tr("Revoke Mem&bership"),
            known && allowed(Room::Action::RevokeMembership), [room, jid] {
                if (room)
                    room->setAffiliation(jid, RoomAffiliation::None);
            });
    else if (target.affiliation == RoomAffiliation::None)
        add(u"grantMembershipAction"_s, QString(), tr("Make Mem&ber"),
            known && allowed(Room::Action::GrantMembership), [room, jid] {
                if (room)
                    room->setAffiliation(jid, RoomAffiliation::Member);
            });
    if (target.affiliation != RoomAffiliation::Admin &&
        target.affiliation != RoomAffiliation::Owner)
        add(u"grantAdminAction"_s, QString(), tr("Make &Admin"),
            known && allowed(Room::Action::GrantAdmin), [room, jid] {
                if (room)
                    room->setAffiliation(jid, RoomAffiliation::Admin);
            });
    if (target.affiliation != RoomAffiliation::Owner)
        add(u"grantOwnerAction"_s, QString(), tr("Make O&wner"),
            known && allowed(Room::Action::GrantOwner), [room, jid] {
                if (room)
                    room->setAffiliation(jid, RoomAffiliation::Owner);
            });
    menu->addSeparator();
    add(u"kickAction"_s, u"logout"_s, tr("&Kick…"), allowed(Room::Action::Kick),
        [this, room, nick] {
            askReason(tr("Kick"), tr("Remove %1 from the room. Reason (optional):").arg(nick),
                      tr("Kick"), [room, nick](const QString &reason) {
                          if (room)
                              room->kick(nick, reason);
                      });
        });
    add(u"banAction"_s, u"remove"_s, tr("Ba&n…"), known && allowed(Room::Action::Ban),
        [this, room, nick, jid] {
            askReason(tr("Ban"),
                      tr("Ban %1 (%2) from the room for good. Reason (optional):").arg(nick, jid),
                      tr("Ban"), [room, jid](const QString &reason) {
                          if (room)
                              room->setAffiliation(jid, RoomAffiliation::Outcast, reason);
                      });
        });
    return menu;
}

void RoomWindow::showOccupantMenu(const QPoint &position)
{
    const QModelIndex index = m_occupants->indexAt(position);
    if (!index.isValid())
        return;
    if (QMenu *menu = createOccupantMenu(index.row()))
        menu->popup(m_occupants->viewport()->mapToGlobal(position));
}

void RoomWindow::askReason(const QString &title, const QString &label, const QString &acceptText,
                           const std::function<void(const QString &)> &apply)
{
    auto *dialog = new QInputDialog(this);
    dialog->setObjectName(u"reasonDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(title);
    dialog->setLabelText(label);
    dialog->setOkButtonText(acceptText);
    dialog->setInputMode(QInputDialog::TextInput);
    connect(dialog, &QInputDialog::textValueSelected, this,
            [apply](const QString &reason) { apply(reason.trimmed()); });
    dialog->open();
}

void RoomWindow::chooseFiles()
{
    auto *dialog =
        new QFileDialog(this, tr("Send Files to %1").arg(m_room ? m_room->name() : m_roomJid));
    dialog->setObjectName(u"sendFileDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFiles);
    connect(dialog, &QFileDialog::filesSelected, this, &RoomWindow::sendFiles);
    dialog->open();
}

void RoomWindow::sendFiles(const QStringList &paths)
{
    if (!m_room || m_room->state() != Room::State::Joined)
        return;
    m_errorNotice->hide();
    for (const QString &path : paths) {
        TransferError error;
        Transfer *transfer = m_account.transfers().sendFileToRoom(m_roomJid, path, &error);
        if (!transfer) {
            showFileFailure(QFileInfo(path).fileName(), error);
            continue;
        }
        if (transfer->state() == Transfer::State::Failed) {
            showFileFailure(transfer->fileName(), transfer->error());
            continue;
        }
        // The upload fails later when the service refuses it (size, quota) or the link cannot
        // be posted.
        connect(transfer, &Transfer::stateChanged, this, [this, transfer](Transfer::State state) {
            if (state == Transfer::State::Failed)
                showFileFailure(transfer->fileName(), transfer->error());
        });
    }
}

void RoomWindow::showFileFailure(const QString &fileName, const TransferError &error)
{
    const QString line = tr("%1: %2", "file name: error").arg(fileName, describe(error));
    const QString shown = m_errorNotice->isVisible() ? m_errorNotice->text() : QString();
    m_errorNotice->showText(shown.isEmpty() ? line : shown + u'\n' + line);
}

void RoomWindow::invite()
{
    if (!m_room)
        return;
    auto *dialog = new InviteDialog(m_account, *m_room, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void RoomWindow::changeNick()
{
    if (!m_room)
        return;
    auto *dialog = new QInputDialog(this);
    dialog->setObjectName(u"nickDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Change Nickname"));
    dialog->setLabelText(tr("Your nickname in %1:").arg(m_room->name()));
    dialog->setTextValue(m_room->nick());
    connect(dialog, &QInputDialog::textValueSelected, this, [this](const QString &nick) {
        if (m_room && !nick.trimmed().isEmpty() && nick.trimmed() != m_room->nick())
            m_room->changeNick(nick.trimmed());
    });
    dialog->open();
}

void RoomWindow::changeSubject()
{
    if (!m_room)
        return;
    auto *dialog = new QInputDialog(this);
    dialog->setObjectName(u"subjectDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Change Subject"));
    dialog->setLabelText(tr("Subject of %1:").arg(m_room->name()));
    dialog->setTextValue(m_room->subject());
    dialog->resize(fontMetrics().height() * 26, dialog->sizeHint().height());
    connect(dialog, &QInputDialog::textValueSelected, this, [this](const QString &subject) {
        if (m_room && subject.trimmed() != m_room->subject())
            m_room->setSubject(subject.trimmed());
    });
    dialog->open();
}

void RoomWindow::editBookmark()
{
    if (!m_room)
        return;
    auto *dialog =
        new BookmarkDialog(m_account.rooms(), m_roomJid, m_room->name(), m_room->nick(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void RoomWindow::editSettings()
{
    if (!m_room)
        return;
    auto *dialog = new CreateRoomDialog(m_account, *m_room, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void RoomWindow::confirmDestroy()
{
    if (!m_room)
        return;
    askReason(tr("Destroy Room"),
              tr("Destroy %1? Everyone in it is removed and its settings are lost. "
                 "Reason (optional):")
                  .arg(m_room->name()),
              tr("Destroy"), [room = m_room](const QString &reason) {
                  if (room)
                      room->destroy(reason);
              });
}

void RoomWindow::leave()
{
    close();
}

bool RoomWindow::event(QEvent *event)
{
    if (event->type() == QEvent::WindowActivate)
        markReadIfOnScreen();
    return QWidget::event(event);
}

void RoomWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    else if (event->type() == QEvent::PaletteChange)
        applyColours();
    else if (event->type() == QEvent::WindowStateChange)
        markReadIfOnScreen();
    QWidget::changeEvent(event);
}

void RoomWindow::closeEvent(QCloseEvent *event)
{
    // Closing the window is leaving the room, as in Spark and Gajim.
    if (m_room && m_room->state() != Room::State::Left)
        m_room->leave();
    event->accept();
}

} // namespace flint::ui

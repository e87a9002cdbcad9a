#include "MainWindow.h"

#include "AddContactDialog.h"
#include "EditGroupsDialog.h"
#include "RosterDelegate.h"
#include "StatusSelector.h"
#include "SubscriptionPrompt.h"
#include "client/ClientAccount.h"
#include "client/ClientSettings.h"
#include "client/ProfileManager.h"
#include "client/RoomService.h"
#include "client/RosterManager.h"
#include "client/RosterModel.h"
#include "client/SubscriptionRequestModel.h"
#include "common/Icons.h"
#include "common/Metrics.h"

#include <QAction>
#include <QCheckBox>
#include <QCloseEvent>
#include <QCollator>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QStackedWidget>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace flint::ui {
namespace {

const QString GeometryKey = u"main"_s;
constexpr int StatusMessageTimeout = 10000;

bool isContact(const QModelIndex &index)
{
    return index.isValid() && index.data(RosterModel::KindRole).value<RosterModel::ItemKind>() ==
                                  RosterModel::ContactItem;
}

// The first contact the view shows, for Enter and Down in the filter box.
QModelIndex firstContact(const QAbstractItemModel &model)
{
    for (int row = 0; row < model.rowCount(); ++row) {
        const QModelIndex group = model.index(row, 0);
        if (model.rowCount(group) > 0)
            return model.index(0, 0, group);
    }
    return {};
}

} // namespace

MainWindow::MainWindow(ClientAccount &account, ClientSettings &settings, QWidget *parent)
    : QMainWindow(parent), m_account(account), m_settings(settings),
      m_filter(new RosterFilterModel(this)),
      m_delegate(new RosterDelegate(account.profiles().avatars(), this)),
      m_avatar(new QToolButton(this)), m_name(new QLabel(this)), m_jid(new QLabel(this)),
      m_status(new StatusSelector(account.presence(), this)), m_filterEdit(new QLineEdit(this)),
      m_requestStrip(new QWidget(this)), m_requestLayout(new QVBoxLayout(m_requestStrip)),
      m_stack(new QStackedWidget(this)), m_tree(new QTreeView(this)),
      m_emptyLabel(new QLabel(this)), m_addButton(new QPushButton(this)),
      m_offlineCheck(new QCheckBox(this)), m_connection(new QLabel(this))
{
    setObjectName(u"mainWindow"_s);
    setWindowIcon(appIcon());
    m_avatar->setObjectName(u"ownAvatarButton"_s);
    m_name->setObjectName(u"ownNameLabel"_s);
    m_jid->setObjectName(u"ownJidLabel"_s);
    m_status->setObjectName(u"statusSelector"_s);
    m_filterEdit->setObjectName(u"filterEdit"_s);
    m_requestStrip->setObjectName(u"subscriptionStrip"_s);
    m_tree->setObjectName(u"contactTree"_s);
    m_emptyLabel->setObjectName(u"emptyLabel"_s);
    m_addButton->setObjectName(u"addContactButton"_s);
    m_offlineCheck->setObjectName(u"showOfflineCheck"_s);
    m_connection->setObjectName(u"connectionLabel"_s);

    const int em = fontMetrics().height();

    // The user's own card: avatar, name, address, status.
    const int avatarSide = qRound(em * 2.6);
    m_avatar->setIconSize({avatarSide, avatarSide});
    m_avatar->setAutoRaise(true);
    m_avatar->setCursor(Qt::PointingHandCursor);
    QFont nameFont = m_name->font();
    nameFont.setBold(true);
    nameFont.setPointSizeF(nameFont.pointSizeF() * 1.2);
    m_name->setFont(nameFont);
    m_jid->setForegroundRole(QPalette::PlaceholderText);
    m_jid->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_jid->setText(account.bareJid());
    auto *card = new QGridLayout;
    card->setHorizontalSpacing(em * 2 / 3);
    card->setVerticalSpacing(0);
    card->addWidget(m_avatar, 0, 0, 2, 1);
    card->addWidget(m_name, 0, 1, Qt::AlignBottom);
    card->addWidget(m_jid, 1, 1, Qt::AlignTop);
    card->setColumnStretch(1, 1);

    m_filterEdit->setClearButtonEnabled(true);
    m_searchIcon = m_filterEdit->addAction(QIcon(), QLineEdit::LeadingPosition);
    m_filterEdit->installEventFilter(this);

    m_requestLayout->setContentsMargins(0, 0, 0, 0);
    m_requestLayout->setSpacing(em / 3);
    m_requestStrip->hide();

    m_filter->setSourceModel(&account.roster().model());
    m_tree->setModel(m_filter);
    m_tree->setItemDelegate(m_delegate);
    m_tree->setHeaderHidden(true);
    m_tree->setRootIsDecorated(false);
    m_tree->setIndentation(0);
    m_tree->setExpandsOnDoubleClick(false);
    m_tree->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_tree->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_tree->setFrameShape(QFrame::NoFrame);
    m_tree->setMouseTracking(true);
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    m_tree->installEventFilter(this);
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    m_emptyLabel->setWordWrap(true);
    m_emptyLabel->setForegroundRole(QPalette::PlaceholderText);
    m_emptyLabel->setMargin(em);
    m_stack->addWidget(m_tree);
    m_stack->addWidget(m_emptyLabel);

    m_offlineCheck->setChecked(settings.showOfflineContacts());
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_addButton);
    bottom->addStretch();
    bottom->addWidget(m_offlineCheck);

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(em, em * 2 / 3, em, em / 2);
    layout->setSpacing(em * 2 / 3);
    layout->addLayout(card);
    layout->addWidget(m_status);
    layout->addWidget(m_filterEdit);
    layout->addWidget(m_requestStrip);
    layout->addWidget(m_stack, 1);
    layout->addLayout(bottom);
    setCentralWidget(central);
    m_connection->setContentsMargins(em / 2, 0, em / 2, 0);
    statusBar()->addPermanentWidget(m_connection);
    statusBar()->setSizeGripEnabled(false);

    createMenus();
    applyIcons();

    // Own card and connection.
    connect(m_avatar, &QToolButton::clicked, this, &MainWindow::ownProfileRequested);
    connect(&account.profiles(), &ProfileManager::ownProfileChanged, this,
            &MainWindow::showOwnCard);
    connect(&account.session(), &AccountSession::stateChanged, this,
            &MainWindow::showConnectionState);

    // The contact tree.
    connect(m_filterEdit, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_filter->setFilterText(text);
        applyExpansion();
        updateEmptyState();
    });
    connect(m_filterEdit, &QLineEdit::returnPressed, this, [this] {
        if (const QModelIndex first = firstContact(*m_filter); first.isValid())
            activate(first);
    });
    connect(m_addButton, &QPushButton::clicked, this, &MainWindow::addContact);
    connect(m_offlineCheck, &QCheckBox::toggled, &settings,
            &ClientSettings::setShowOfflineContacts);
    connect(&settings, &ClientSettings::showOfflineContactsChanged, this, &MainWindow::showOffline);
    connect(m_tree, &QTreeView::activated, this, &MainWindow::activate);
    connect(m_tree, &QTreeView::clicked, this, [this](const QModelIndex &index) {
        if (index.isValid() && !isContact(index))
            m_tree->setExpanded(index, !m_tree->isExpanded(index));
    });
    connect(m_tree, &QTreeView::customContextMenuRequested, this, &MainWindow::showContactMenu);
    const auto rememberExpansion = [this](const QModelIndex &index, bool expanded) {
        // Only what the user does counts, not the filter opening every group.
        if (m_applyingExpansion || !m_filter->filterText().isEmpty())
            return;
        const QString group = index.data(RosterModel::GroupNameRole).toString();
        if (expanded)
            m_collapsedGroups.remove(group);
        else
            m_collapsedGroups.insert(group);
    };
    connect(m_tree, &QTreeView::expanded, this,
            [rememberExpansion](const QModelIndex &index) { rememberExpansion(index, true); });
    connect(m_tree, &QTreeView::collapsed, this,
            [rememberExpansion](const QModelIndex &index) { rememberExpansion(index, false); });
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex &parent) {
        if (!parent.isValid())
            applyExpansion();
        updateEmptyState();
    });
    connect(m_filter, &QAbstractItemModel::rowsRemoved, this, &MainWindow::updateEmptyState);
    connect(m_filter, &QAbstractItemModel::modelReset, this, [this] {
        applyExpansion();
        updateEmptyState();
    });
    connect(m_filter, &QAbstractItemModel::layoutChanged, this, [this] {
        applyExpansion();
        updateEmptyState();
    });

    // Contacts' photos (ProfileManager reads the cards advertising new ones) are painted as they
    // arrive.
    connect(&account.profiles(), &ProfileManager::profileReceived, m_tree->viewport(),
            qOverload<>(&QWidget::update));

    // Subscription requests and the results of roster changes.
    SubscriptionRequestModel &requests = account.roster().requests();
    connect(&requests, &QAbstractItemModel::rowsInserted, this,
            &MainWindow::syncSubscriptionPrompts);
    connect(&requests, &QAbstractItemModel::rowsRemoved, this,
            &MainWindow::syncSubscriptionPrompts);
    connect(&requests, &QAbstractItemModel::dataChanged, this,
            &MainWindow::syncSubscriptionPrompts);
    connect(&requests, &QAbstractItemModel::modelReset, this, &MainWindow::syncSubscriptionPrompts);
    connect(&account.roster(), &RosterManager::subscriptionRequestReceived, this,
            [this](const QString &jid) {
                if (m_postponed.remove(jid))
                    syncSubscriptionPrompts();
            });
    connect(&account.roster(), &RosterManager::operationFinished, this,
            &MainWindow::showRosterResult);

    retranslateUi();
    showOffline(settings.showOfflineContacts());
    applyExpansion();
    syncSubscriptionPrompts();

    if (!restoreGeometry(settings.windowGeometry(GeometryKey)))
        resize(defaultWindowSize(this, 26, 48));
}

MainWindow::~MainWindow()
{
    if (isVisible())
        m_settings.setWindowGeometry(GeometryKey, saveGeometry());
}

void MainWindow::createMenus()
{
    m_flintMenu = menuBar()->addMenu(QString());
    m_flintMenu->setObjectName(u"flintMenu"_s);
    m_addAction = m_flintMenu->addAction(QString(), this, &MainWindow::addContact);
    m_addAction->setObjectName(u"addContactAction"_s);
    m_directoryAction = m_flintMenu->addAction(QString(), this, &MainWindow::directoryRequested);
    m_directoryAction->setObjectName(u"directoryAction"_s);
    m_historyAction = m_flintMenu->addAction(QString(), this, &MainWindow::historyRequested);
    m_historyAction->setObjectName(u"historyAction"_s);
    m_transfersAction = m_flintMenu->addAction(QString(), this, &MainWindow::transfersRequested);
    m_transfersAction->setObjectName(u"transfersAction"_s);
    m_flintMenu->addSeparator();
    m_settingsAction = m_flintMenu->addAction(QString(), this, &MainWindow::settingsRequested);
    m_settingsAction->setObjectName(u"settingsAction"_s);
    m_settingsAction->setShortcut(QKeySequence::Preferences);
    m_settingsAction->setMenuRole(QAction::PreferencesRole);
    m_flintMenu->addSeparator();
    m_logoutAction = m_flintMenu->addAction(QString(), this,
                                            [this] { emitLater(&MainWindow::logoutRequested); });
    m_logoutAction->setObjectName(u"logoutAction"_s);
    m_quitAction =
        m_flintMenu->addAction(QString(), this, [this] { emitLater(&MainWindow::quitRequested); });
    m_quitAction->setObjectName(u"quitAction"_s);
    m_quitAction->setShortcut(QKeySequence::Quit);
    m_quitAction->setMenuRole(QAction::QuitRole);

    m_roomsMenu = menuBar()->addMenu(QString());
    m_roomsMenu->setObjectName(u"roomsMenu"_s);
    m_browseRoomsAction = new QAction(this);
    m_browseRoomsAction->setObjectName(u"browseRoomsAction"_s);
    connect(m_browseRoomsAction, &QAction::triggered, this, &MainWindow::roomBrowserRequested);
    m_createRoomAction = new QAction(this);
    m_createRoomAction->setObjectName(u"createRoomAction"_s);
    connect(m_createRoomAction, &QAction::triggered, this, &MainWindow::roomCreationRequested);
    // Rebuilt when opened, so unread counts and names are current.
    connect(m_roomsMenu, &QMenu::aboutToShow, this, &MainWindow::fillRoomsMenu);
    RoomService &rooms = m_account.rooms();
    connect(&rooms, &RoomService::roomAdded, this, &MainWindow::fillRoomsMenu);
    connect(&rooms, &RoomService::roomRemoved, this, &MainWindow::fillRoomsMenu);
    connect(&rooms, &RoomService::bookmarksChanged, this, &MainWindow::fillRoomsMenu);

    m_viewMenu = menuBar()->addMenu(QString());
    m_viewMenu->setObjectName(u"viewMenu"_s);
    m_findAction = m_viewMenu->addAction(QString(), this, [this] {
        m_filterEdit->setFocus(Qt::ShortcutFocusReason);
        m_filterEdit->selectAll();
    });
    m_findAction->setObjectName(u"findAction"_s);
    m_findAction->setShortcut(QKeySequence::Find);
    m_offlineAction = m_viewMenu->addAction(QString());
    m_offlineAction->setObjectName(u"showOfflineAction"_s);
    m_offlineAction->setCheckable(true);
    connect(m_offlineAction, &QAction::toggled, &m_settings,
            &ClientSettings::setShowOfflineContacts);

    m_helpMenu = menuBar()->addMenu(QString());
    m_helpMenu->setObjectName(u"helpMenu"_s);
    m_aboutAction = m_helpMenu->addAction(appIcon(), {}, this, &MainWindow::showAbout);
    m_aboutAction->setObjectName(u"aboutAction"_s);
    m_aboutAction->setMenuRole(QAction::AboutRole);
}

void MainWindow::fillRoomsMenu()
{
    m_roomsMenu->clear();
    m_roomsMenu->addAction(m_browseRoomsAction);
    m_roomsMenu->addAction(m_createRoomAction);
    QCollator collator;
    collator.setCaseSensitivity(Qt::CaseInsensitive);
    const auto addRoom = [this](const QString &jid, const QString &text, const QString &iconName,
                                const QString &objectName) {
        QString label = text;
        // A name is not a mnemonic.
        label.replace(u'&', u"&&"_s);
        QAction *action = m_roomsMenu->addAction(icon(iconName), label, this,
                                                 [this, jid] { Q_EMIT roomRequested(jid); });
        action->setObjectName(objectName);
        action->setToolTip(jid);
    };

    QList<Room *> joined = m_account.rooms().rooms();
    std::sort(joined.begin(), joined.end(), [&collator](const Room *a, const Room *b) {
        return collator.compare(a->name(), b->name()) < 0;
    });
    if (!joined.isEmpty())
        m_roomsMenu->addSection(tr("Your Rooms"));
    for (const Room *room : std::as_const(joined)) {
        const int unread = room->unreadCount();
        addRoom(room->jid(),
                unread > 0 ? tr("%1 (%2)", "room name (unread count)").arg(room->name()).arg(unread)
                           : room->name(),
                u"room"_s, u"room:"_s + room->jid());
    }

    QList<RoomBookmark> bookmarks = m_account.rooms().bookmarks();
    const auto nameOf = [](const RoomBookmark &bookmark) {
        return bookmark.name.isEmpty() ? bookmark.jid : bookmark.name;
    };
    std::sort(bookmarks.begin(), bookmarks.end(),
              [&](const RoomBookmark &a, const RoomBookmark &b) {
                  return collator.compare(nameOf(a), nameOf(b)) < 0;
              });
    if (!bookmarks.isEmpty())
        m_roomsMenu->addSection(tr("Bookmarks"));
    for (const RoomBookmark &bookmark : std::as_const(bookmarks))
        addRoom(bookmark.jid,
                bookmark.autojoin ? tr("%1 (joins automatically)").arg(nameOf(bookmark))
                                  : nameOf(bookmark),
                bookmark.autojoin ? u"bookmark-filled"_s : u"bookmark"_s,
                u"bookmark:"_s + bookmark.jid);
}

void MainWindow::applyIcons()
{
    // The line icons are tinted to the palette: drawn anew when the theme changes.
    m_addButton->setIcon(icon(u"add-contact"_s));
    m_searchIcon->setIcon(icon(u"search"_s));
    m_addAction->setIcon(icon(u"add-contact"_s));
    m_directoryAction->setIcon(icon(u"directory"_s));
    m_historyAction->setIcon(icon(u"history"_s));
    m_transfersAction->setIcon(icon(u"transfers"_s));
    m_browseRoomsAction->setIcon(icon(u"room"_s));
    m_createRoomAction->setIcon(icon(u"add"_s));
    m_settingsAction->setIcon(icon(u"settings"_s));
    m_logoutAction->setIcon(icon(u"logout"_s));
    m_quitAction->setIcon(icon(u"quit"_s));
    m_findAction->setIcon(icon(u"search"_s));
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    else if (event->type() == QEvent::PaletteChange)
        applyIcons();
    QMainWindow::changeEvent(event);
}

void MainWindow::retranslateUi()
{
    showOwnCard();
    m_avatar->setAccessibleName(tr("Your profile"));
    m_avatar->setToolTip(tr("Edit your profile and picture"));
    m_filterEdit->setPlaceholderText(tr("Search contacts"));
    m_filterEdit->setAccessibleName(tr("Search contacts"));
    m_tree->setAccessibleName(tr("Contacts"));
    m_addButton->setText(tr("Add contact"));
    m_addButton->setToolTip(tr("Add someone to your contacts"));
    m_offlineCheck->setText(tr("Show offline"));
    m_offlineCheck->setToolTip(tr("Show contacts who are not online"));
    m_account.roster().model().setUngroupedName(tr("Contacts"));

    m_flintMenu->setTitle(tr("&Flint"));
    m_addAction->setText(tr("&Add Contact…"));
    m_directoryAction->setText(tr("&Find Colleagues…"));
    m_historyAction->setText(tr("&History…"));
    m_transfersAction->setText(tr("File &Transfers…"));
    m_settingsAction->setText(tr("&Settings…"));
    m_logoutAction->setText(tr("&Log Out"));
    m_quitAction->setText(tr("&Quit"));
    m_roomsMenu->setTitle(tr("&Rooms"));
    m_browseRoomsAction->setText(tr("&Browse or Join Room…"));
    m_createRoomAction->setText(tr("&Create Room…"));
    fillRoomsMenu();
    m_viewMenu->setTitle(tr("&View"));
    m_findAction->setText(tr("&Find Contact"));
    m_offlineAction->setText(tr("Show &Offline Contacts"));
    m_helpMenu->setTitle(tr("&Help"));
    m_aboutAction->setText(tr("&About Flint"));

    showConnectionState();
    updateEmptyState();
    m_tree->viewport()->update();
}

void MainWindow::showOwnCard()
{
    const QString name = m_account.ownDisplayName();
    const auto &profile = m_account.profiles().ownProfile();
    const QImage photo = profile ? QImage::fromData(profile->photo) : QImage();
    m_avatar->setIcon(QIcon(avatarPixmap(photo, name, m_account.bareJid(),
                                         m_avatar->iconSize().width(), devicePixelRatioF())));
    m_name->setText(name);
    setWindowTitle(tr("Flint — %1").arg(name));
}

void MainWindow::showConnectionState()
{
    switch (m_account.session().state()) {
    case AccountSession::Connecting:
        m_connection->setText(tr("Connecting…"));
        break;
    case AccountSession::Reconnecting:
        m_connection->setText(tr("Reconnecting…"));
        break;
    case AccountSession::Connected:
        m_connection->setText(tr("Connected"));
        break;
    case AccountSession::Disconnected:
        m_connection->setText(tr("Offline"));
        break;
    }
}

void MainWindow::showOffline(bool show)
{
    m_filter->setShowOffline(show);
    const QSignalBlocker checkBlocker(m_offlineCheck);
    const QSignalBlocker actionBlocker(m_offlineAction);
    m_offlineCheck->setChecked(show);
    m_offlineAction->setChecked(show);
    applyExpansion();
    updateEmptyState();
}

void MainWindow::applyExpansion()
{
    m_applyingExpansion = true;
    const bool filtering = !m_filter->filterText().isEmpty();
    for (int row = 0; row < m_filter->rowCount(); ++row) {
        const QModelIndex group = m_filter->index(row, 0);
        m_tree->setExpanded(group,
                            filtering || !m_collapsedGroups.contains(
                                             group.data(RosterModel::GroupNameRole).toString()));
    }
    m_applyingExpansion = false;
}

void MainWindow::updateEmptyState()
{
    if (m_filter->rowCount() > 0) {
        m_stack->setCurrentWidget(m_tree);
        return;
    }
    if (!m_filter->filterText().isEmpty())
        m_emptyLabel->setText(tr("No contact matches “%1”.").arg(m_filter->filterText()));
    else if (!m_filter->showOffline() && m_account.roster().model().rowCount() > 0)
        m_emptyLabel->setText(tr("None of your contacts is online."));
    else
        m_emptyLabel->setText(tr("No contacts yet.\nAdd the people you work with."));
    m_stack->setCurrentWidget(m_emptyLabel);
}

void MainWindow::syncSubscriptionPrompts()
{
    QSet<QString> shown;
    for (const SubscriptionRequest &request : m_account.roster().requests().requests()) {
        if (m_postponed.contains(request.jid))
            continue;
        shown.insert(request.jid);
        if (SubscriptionPrompt *prompt = m_prompts.value(request.jid)) {
            prompt->setMessage(request.message);
            continue;
        }
        auto *prompt =
            new SubscriptionPrompt(m_account, request.jid, request.message, m_requestStrip);
        connect(prompt, &SubscriptionPrompt::postponed, this, [this](const QString &jid) {
            m_postponed.insert(jid);
            syncSubscriptionPrompts();
        });
        m_requestLayout->addWidget(prompt);
        m_prompts.insert(request.jid, prompt);
    }
    for (auto it = m_prompts.begin(); it != m_prompts.end();) {
        if (shown.contains(it.key())) {
            ++it;
            continue;
        }
        // The prompt may be inside its own button's signal.
        it.value()->hide();
        it.value()->deleteLater();
        it = m_prompts.erase(it);
    }
    m_requestStrip->setVisible(!m_prompts.isEmpty());
}

void MainWindow::activate(const QModelIndex &index)
{
    if (isContact(index))
        Q_EMIT chatRequested(index.data(RosterModel::JidRole).toString());
}

bool MainWindow::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() != QEvent::KeyPress)
        return QMainWindow::eventFilter(watched, event);
    const int key = static_cast<QKeyEvent *>(event)->key();
    if (watched == m_filterEdit) {
        if (key == Qt::Key_Escape && !m_filterEdit->text().isEmpty()) {
            m_filterEdit->clear();
            return true;
        }
        if (key == Qt::Key_Down) {
            m_tree->setFocus(Qt::TabFocusReason);
            if (const QModelIndex first = firstContact(*m_filter); first.isValid())
                m_tree->setCurrentIndex(first);
            return true;
        }
    } else if (watched == m_tree && (key == Qt::Key_Return || key == Qt::Key_Enter)) {
        const QModelIndex current = m_tree->currentIndex();
        if (current.isValid() && !isContact(current)) {
            m_tree->setExpanded(current, !m_tree->isExpanded(current));
            return true;
        }
    }
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::showContactMenu(const QPoint &position)
{
    const QModelIndex index = m_tree->indexAt(position);
    if (!isContact(index))
        return;
    const QString jid = index.data(RosterModel::JidRole).toString();
    auto *menu = new QMenu(this);
    menu->setObjectName(u"contactMenu"_s);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->addAction(icon(u"chat"_s), tr("&Chat"), this, [this, jid] { Q_EMIT chatRequested(jid); })
        ->setObjectName(u"chatAction"_s);
    menu->addAction(icon(u"profile"_s), tr("View &Profile"), this,
                    [this, jid] { Q_EMIT contactProfileRequested(jid); })
        ->setObjectName(u"profileAction"_s);
    menu->addSeparator();
    menu->addAction(icon(u"edit"_s), tr("&Rename…"), this, [this, jid] { renameContact(jid); })
        ->setObjectName(u"renameAction"_s);
    menu->addAction(icon(u"folder"_s), tr("Edit &Groups…"), this, [this, jid] { editGroups(jid); })
        ->setObjectName(u"groupsAction"_s);
    menu->addSeparator();
    menu->addAction(icon(u"remove"_s), tr("Re&move…"), this, [this, jid] { confirmRemoval(jid); })
        ->setObjectName(u"removeAction"_s);
    menu->popup(m_tree->viewport()->mapToGlobal(position));
}

void MainWindow::addContact()
{
    auto *dialog = new AddContactDialog(m_account, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &AddContactDialog::contactAdded, this, [this](const QString &jid) {
        statusBar()->showMessage(tr("Request sent to %1").arg(jid), StatusMessageTimeout);
    });
    dialog->open();
}

void MainWindow::renameContact(const QString &jid)
{
    const RosterContact contact = m_account.roster().model().contact(jid);
    auto *dialog = new QInputDialog(this);
    dialog->setObjectName(u"renameDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Rename Contact"));
    dialog->setLabelText(tr("Name for %1:").arg(jid));
    dialog->setTextValue(RosterModel::displayName(contact));
    connect(dialog, &QInputDialog::textValueSelected, this,
            [this, jid](const QString &name) { m_account.roster().renameContact(jid, name); });
    dialog->open();
}

void MainWindow::editGroups(const QString &jid)
{
    const RosterModel &roster = m_account.roster().model();
    QStringList groups;
    for (int row = 0; row < roster.rowCount(); ++row) {
        const QString name = roster.index(row, 0).data(RosterModel::GroupNameRole).toString();
        if (!name.isEmpty())
            groups << name;
    }
    QCollator collator;
    collator.setCaseSensitivity(Qt::CaseInsensitive);
    std::sort(groups.begin(), groups.end(), collator);
    const RosterContact contact = roster.contact(jid);
    auto *dialog =
        new EditGroupsDialog(RosterModel::displayName(contact), groups, contact.groups, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this,
            [this, jid, dialog] { m_account.roster().setGroups(jid, dialog->groups()); });
    dialog->open();
}

void MainWindow::confirmRemoval(const QString &jid)
{
    const QString name = RosterModel::displayName(m_account.roster().model().contact(jid));
    auto *box =
        new QMessageBox(QMessageBox::Question, tr("Remove Contact"),
                        tr("Remove %1 from your contacts?").arg(name), QMessageBox::Cancel, this);
    box->setObjectName(u"removeConfirmation"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setInformativeText(
        tr("%1 will no longer see when you are online, nor you when they are.").arg(jid));
    QPushButton *remove = box->addButton(tr("Remove"), QMessageBox::DestructiveRole);
    remove->setObjectName(u"removeButton"_s);
    box->setDefaultButton(QMessageBox::Cancel);
    connect(box, &QMessageBox::buttonClicked, this, [this, jid, remove](QAbstractButton *button) {
        if (button == remove)
            m_account.roster().removeContact(jid);
    });
    box->open();
}

void MainWindow::showRosterResult(const RosterResult &result)
{
    // The add-contact dialog reports its own outcomes.
    if (result.operation == RosterResult::AddContact)
        return;
    const QString text = describe(result);
    statusBar()->showMessage(text, StatusMessageTimeout);
    if (result.kind == RosterResult::Done)
        return;
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Contacts"), text, QMessageBox::Ok, this);
    box->setObjectName(u"rosterErrorMessage"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::NonModal);
    box->show();
}

void MainWindow::showAbout()
{
    auto *box = new QMessageBox(this);
    box->setObjectName(u"aboutBox"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowTitle(tr("About Flint"));
    const int side = fontMetrics().height() * 4;
    box->setIconPixmap(appIcon().pixmap(QSize(side, side), devicePixelRatioF()));
    box->setText(u"<h3>%1</h3>"_s.arg(tr("Flint %1").arg(QStringLiteral(FLINT_VERSION))));
    box->setInformativeText(tr("Instant messaging for teams, on your own server."));
    box->open();
}

void MainWindow::emitLater(void (MainWindow::*signal)())
{
    QMetaObject::invokeMethod(
        this,
        [this, signal] {
            Q_EMIT(this->*signal)
            ();
        },
        Qt::QueuedConnection);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    m_settings.setWindowGeometry(GeometryKey, saveGeometry());
    event->accept();
    if (!(m_settings.closeToTray() && QSystemTrayIcon::isSystemTrayAvailable()))
        emitLater(&MainWindow::quitRequested);
}

} // namespace flint::ui

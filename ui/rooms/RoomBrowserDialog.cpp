#include "RoomBrowserDialog.h"

#include "CreateRoomDialog.h"
#include "JoinRoomDialog.h"
#include "client/ClientAccount.h"
#include "common/Icons.h"
#include "common/Theme.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace flint::ui {
namespace {

enum Column { NameColumn, DescriptionColumn, PeopleColumn, AccessColumn };
constexpr int JidRole = Qt::UserRole;
constexpr int PasswordRole = Qt::UserRole + 1;

} // namespace

RoomBrowserDialog::RoomBrowserDialog(ClientAccount &account, QWidget *parent)
    : QDialog(parent), m_account(account), m_intro(new QLabel(this)), m_filter(new QLineEdit(this)),
      m_list(new QTreeWidget(this)), m_status(new QLabel(this)), m_refresh(new QPushButton(this)),
      m_create(new QPushButton(this)), m_join(new QPushButton(this)), m_close(new QPushButton(this))
{
    setObjectName(u"roomBrowserDialog"_s);
    m_filter->setObjectName(u"roomFilterEdit"_s);
    m_list->setObjectName(u"roomList"_s);
    m_status->setObjectName(u"statusLabel"_s);
    m_refresh->setObjectName(u"refreshButton"_s);
    m_create->setObjectName(u"createRoomButton"_s);
    m_join->setObjectName(u"joinButton"_s);
    m_close->setObjectName(u"closeButton"_s);

    const int em = fontMetrics().height();
    m_intro->setWordWrap(true);
    m_filter->setClearButtonEnabled(true);
    m_list->setColumnCount(4);
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setAllColumnsShowFocus(true);
    m_list->setSortingEnabled(true);
    m_list->sortByColumn(NameColumn, Qt::AscendingOrder);
    m_list->setIconSize(QSize(em, em) * 0.8);
    m_list->header()->setStretchLastSection(false);
    m_list->header()->setSectionResizeMode(NameColumn, QHeaderView::Interactive);
    m_list->header()->setSectionResizeMode(DescriptionColumn, QHeaderView::Stretch);
    m_list->header()->setSectionResizeMode(PeopleColumn, QHeaderView::ResizeToContents);
    m_list->header()->setSectionResizeMode(AccessColumn, QHeaderView::ResizeToContents);
    m_list->setColumnWidth(NameColumn, em * 11);
    m_status->setWordWrap(true);
    m_status->setAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_join->setDefault(true);
    m_close->setAutoDefault(false);
    m_refresh->setAutoDefault(false);
    m_create->setAutoDefault(false);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_refresh);
    buttons->addWidget(m_create);
    buttons->addStretch();
    buttons->addWidget(m_join);
    buttons->addWidget(m_close);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(em, em, em, em);
    layout->setSpacing(em * 2 / 3);
    layout->addWidget(m_intro);
    layout->addWidget(m_filter);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_status);
    layout->addLayout(buttons);
    resize(em * 44, em * 26);

    connect(m_filter, &QLineEdit::textChanged, this, &RoomBrowserDialog::applyFilter);
    connect(m_filter, &QLineEdit::returnPressed, this, &RoomBrowserDialog::joinSelected);
    connect(m_list, &QTreeWidget::itemActivated, this, &RoomBrowserDialog::joinSelected);
    connect(m_list, &QTreeWidget::currentItemChanged, this, &RoomBrowserDialog::updateStatus);
    connect(m_refresh, &QPushButton::clicked, this, &RoomBrowserDialog::refresh);
    connect(m_create, &QPushButton::clicked, this, &RoomBrowserDialog::createRoom);
    connect(m_join, &QPushButton::clicked, this, &RoomBrowserDialog::joinSelected);
    connect(m_close, &QPushButton::clicked, this, &RoomBrowserDialog::reject);
    RoomService &rooms = account.rooms();
    connect(&rooms, &RoomService::roomsListed, this, &RoomBrowserDialog::showRooms);
    connect(&rooms, &RoomService::listFailed, this, &RoomBrowserDialog::showError);
    connect(&rooms, &RoomService::serviceDiscovered, this, &RoomBrowserDialog::refresh);

    applyIcons();
    retranslateUi();
    refresh();
    m_filter->setFocus();
}

void RoomBrowserDialog::refresh()
{
    m_loading = true;
    m_error.clear();
    updateStatus();
    m_account.rooms().listRooms();
}

void RoomBrowserDialog::showRooms(const QList<RoomListing> &rooms)
{
    m_loading = false;
    m_error.clear();
    m_rooms = rooms;
    const QString current = m_list->currentItem()
                                ? m_list->currentItem()->data(NameColumn, JidRole).toString()
                                : QString();
    m_list->setSortingEnabled(false);
    m_list->clear();
    for (const RoomListing &room : rooms) {
        auto *item = new QTreeWidgetItem(m_list);
        item->setText(NameColumn, room.name.isEmpty() ? room.jid.section(u'@', 0, 0) : room.name);
        item->setToolTip(NameColumn, room.jid);
        item->setData(NameColumn, JidRole, room.jid);
        item->setData(NameColumn, PasswordRole, room.passwordProtected);
        item->setText(DescriptionColumn, room.description);
        item->setToolTip(DescriptionColumn, room.description);
        if (room.occupants >= 0)
            item->setData(PeopleColumn, Qt::DisplayRole, room.occupants);
        item->setTextAlignment(PeopleColumn, Qt::AlignRight | Qt::AlignVCenter);
        item->setText(AccessColumn, accessText(room));
        if (room.passwordProtected)
            item->setIcon(NameColumn, icon(u"lock"_s));
        else
            item->setIcon(NameColumn, icon(u"room"_s));
        if (room.jid == current)
            m_list->setCurrentItem(item);
    }
    m_list->setSortingEnabled(true);
    applyFilter();
}

void RoomBrowserDialog::showError(const RoomError &error)
{
    m_loading = false;
    m_error = describe(error);
    updateStatus();
}

QString RoomBrowserDialog::accessText(const RoomListing &room) const
{
    QStringList parts;
    if (room.membersOnly)
        parts << tr("Members only");
    if (room.passwordProtected)
        parts << tr("Password");
    if (room.moderated)
        parts << tr("Moderated");
    if (parts.isEmpty())
        parts << tr("Open");
    return parts.join(tr(", ", "between access kinds"));
}

void RoomBrowserDialog::applyFilter()
{
    const QString needle = m_filter->text().trimmed();
    QTreeWidgetItem *firstShown = nullptr;
    for (int row = 0; row < m_list->topLevelItemCount(); ++row) {
        QTreeWidgetItem *item = m_list->topLevelItem(row);
        const bool shown =
            needle.isEmpty() || item->text(NameColumn).contains(needle, Qt::CaseInsensitive) ||
            item->text(DescriptionColumn).contains(needle, Qt::CaseInsensitive) ||
            item->data(NameColumn, JidRole).toString().contains(needle, Qt::CaseInsensitive);
        item->setHidden(!shown);
        if (shown && !firstShown)
            firstShown = item;
    }
    if (!m_list->currentItem() || m_list->currentItem()->isHidden())
        m_list->setCurrentItem(firstShown);
    updateStatus();
}

void RoomBrowserDialog::updateStatus()
{
    const QString typed = m_filter->text().trimmed();
    QTreeWidgetItem *current = m_list->currentItem();
    const bool selected = current && !current->isHidden();
    int shown = 0;
    for (int row = 0; row < m_list->topLevelItemCount(); ++row)
        shown += m_list->topLevelItem(row)->isHidden() ? 0 : 1;

    QPalette statusPalette = palette();
    if (!m_error.isEmpty()) {
        statusPalette.setColor(QPalette::WindowText, errorColor());
        m_status->setText(m_error);
    } else if (m_loading) {
        m_status->setText(tr("Asking the server for its rooms…"));
    } else if (!typed.isEmpty() && shown == 0) {
        m_status->setText(tr("No listed room matches “%1”. Join opens it by that name or "
                             "address; a new room is created if you may.")
                              .arg(typed));
    } else if (m_rooms.isEmpty()) {
        m_status->setText(tr("No public rooms yet. Type a name to join an unlisted room, or "
                             "create one."));
    } else {
        m_status->setText(tr("%n room(s) listed", nullptr, int(m_rooms.size())));
    }
    m_status->setPalette(statusPalette);
    m_join->setEnabled(selected || !typed.isEmpty());
}

void RoomBrowserDialog::joinSelected()
{
    QTreeWidgetItem *current = m_list->currentItem();
    if (current && !current->isHidden()) {
        openJoinDialog(current->data(NameColumn, JidRole).toString(), current->text(NameColumn),
                       current->data(NameColumn, PasswordRole).toBool());
        return;
    }
    const QString typed = m_filter->text().trimmed();
    if (!typed.isEmpty())
        openJoinDialog(typed, QString(), false);
}

void RoomBrowserDialog::openJoinDialog(const QString &jid, const QString &name,
                                       bool passwordProtected)
{
    auto *dialog = new JoinRoomDialog(m_account, jid, passwordProtected, this);
    dialog->setRoomName(name);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &JoinRoomDialog::roomJoined, this, [this](Room *room) {
        Q_EMIT roomJoined(room);
        accept();
    });
    dialog->open();
}

void RoomBrowserDialog::createRoom()
{
    auto *dialog = new CreateRoomDialog(m_account, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &CreateRoomDialog::roomJoined, this, [this](Room *room) {
        Q_EMIT roomJoined(room);
        accept();
    });
    dialog->open();
}

void RoomBrowserDialog::applyIcons()
{
    m_refresh->setIcon(icon(u"refresh"_s));
    m_create->setIcon(icon(u"add"_s));
    m_join->setIcon(icon(u"room"_s));
    QAction *search = m_filter->actions().value(0);
    if (!search)
        search = m_filter->addAction(QIcon(), QLineEdit::LeadingPosition);
    search->setIcon(icon(u"search"_s));
    if (!m_rooms.isEmpty())
        showRooms(m_rooms);
}

void RoomBrowserDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    else if (event->type() == QEvent::PaletteChange)
        applyIcons();
    QDialog::changeEvent(event);
}

void RoomBrowserDialog::retranslateUi()
{
    setWindowTitle(tr("Rooms"));
    m_intro->setText(tr("Rooms on %1. Pick one to join, or type the name of a room that is "
                        "not listed.")
                         .arg(m_account.bareJid().section(u'@', 1)));
    m_filter->setPlaceholderText(tr("Filter, or type a room name or address"));
    m_filter->setAccessibleName(tr("Filter rooms or type a room name"));
    m_list->setHeaderLabels({tr("Room"), tr("Description"), tr("People"), tr("Access")});
    m_list->setAccessibleName(tr("Rooms"));
    m_refresh->setText(tr("&Refresh"));
    m_create->setText(tr("&Create Room…"));
    m_join->setText(tr("&Join"));
    m_close->setText(tr("Close"));
    if (!m_rooms.isEmpty())
        showRooms(m_rooms);
    updateStatus();
}

} // namespace flint::ui

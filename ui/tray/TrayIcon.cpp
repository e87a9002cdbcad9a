#include "TrayIcon.h"

#include "client/ClientAccount.h"
#include "client/ClientSettings.h"
#include "client/Conversation.h"
#include "client/ConversationListModel.h"
#include "client/ConversationManager.h"
#include "client/ProfileManager.h"
#include "client/RoomService.h"
#include "client/RosterManager.h"
#include "client/RosterModel.h"
#include "common/Icons.h"
#include "transfers/TransferText.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QEvent>
#include <QFontMetricsF>
#include <QMenu>
#include <QPainter>
#include <QSystemTrayIcon>

using namespace Qt::StringLiterals;

namespace flint::ui {
namespace {

// Drawn large so the tray can scale it down crisply on any density.
constexpr int IconSize = 64;
constexpr qsizetype PreviewLength = 100;
constexpr int NotificationMilliseconds = 8000;

const PresenceStatus::Availability MenuStatuses[] = {
    PresenceStatus::Online, PresenceStatus::FreeForChat, PresenceStatus::Away,
    PresenceStatus::ExtendedAway, PresenceStatus::DoNotDisturb};

QString preview(const QString &body)
{
    const QString text = body.simplified();
    if (text.size() <= PreviewLength)
        return text;
    qsizetype cut = PreviewLength - 1;
    if (text.at(cut - 1).isHighSurrogate())
        --cut;
    return text.left(cut) + u'…';
}

} // namespace

TrayIcon::TrayIcon(ClientAccount &account, ClientSettings &settings, QObject *parent)
    : QObject(parent), m_account(account), m_settings(settings), m_menu(std::make_unique<QMenu>()),
      m_tray(std::make_unique<QSystemTrayIcon>())
{
    m_menu->setObjectName(u"trayMenu"_s);
    m_menu->installEventFilter(this);
    m_open = m_menu->addAction(appIcon(), QString());
    m_menu->setDefaultAction(m_open);
    connect(m_open, &QAction::triggered, this, &TrayIcon::showRequested);
    m_menu->addSeparator();
    auto *statuses = new QActionGroup(m_menu.get());
    for (PresenceStatus::Availability availability : MenuStatuses) {
        QAction *action = m_menu->addAction(statusIcon(availability), QString());
        action->setCheckable(true);
        statuses->addAction(action);
        connect(action, &QAction::triggered, this, [this, availability] {
            PresenceManager &presence = m_account.presence();
            presence.setStatus({availability, presence.status().text});
        });
        m_statusActions.insert(availability, action);
    }
    m_menu->addSeparator();
    m_logout = m_menu->addAction(icon(u"logout"_s), QString());
    connect(m_logout, &QAction::triggered, this, &TrayIcon::logoutRequested);
    m_quit = m_menu->addAction(icon(u"quit"_s), QString());
    connect(m_quit, &QAction::triggered, this, &TrayIcon::quitRequested);

    m_tray->setContextMenu(m_menu.get());
    connect(m_tray.get(), &QSystemTrayIcon::activated, this,
            [this](QSystemTrayIcon::ActivationReason reason) {
                if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
                    Q_EMIT showRequested();
            });
    connect(m_tray.get(), &QSystemTrayIcon::messageClicked, this, [this] {
        if (m_notifiedFileOffer) {
            Q_EMIT fileOfferActivated();
            return;
        }
        if (m_notifiedPeer.isEmpty())
            return;
        if (m_notifiedRoom)
            Q_EMIT roomRequested(m_notifiedPeer);
        else
            Q_EMIT chatRequested(m_notifiedPeer);
    });

    connect(&account.presence(), &PresenceManager::statusChanged, this, &TrayIcon::update);
    connect(&account.session(), &AccountSession::stateChanged, this, &TrayIcon::update);
    connect(&account.conversationList(), &ConversationListModel::totalUnreadCountChanged, this,
            &TrayIcon::update);
    connect(&account.conversations(), &ConversationManager::messageReceived, this,
            &TrayIcon::notify);
    connect(&account.rooms(), &RoomService::messageReceived, this, &TrayIcon::notifyRoom);

    retranslateUi();
}

TrayIcon::~TrayIcon() = default;

void TrayIcon::setConversationVisibleCheck(std::function<bool(const QString &peer)> check)
{
    m_isConversationVisible = std::move(check);
}

int TrayIcon::unreadCount() const
{
    return m_account.conversationList().totalUnreadCount();
}

QString TrayIcon::toolTip() const
{
    const QString status = availabilityName(shownAvailability());
    const int unread = unreadCount();
    if (unread == 0)
        return tr("Flint — %1").arg(status);
    return tr("Flint — %1 — %n unread message(s)", nullptr, unread).arg(status);
}

QPixmap TrayIcon::iconPixmap() const
{
    // In device pixels, so it stays sharp at 200 %.
    const qreal ratio = qApp->devicePixelRatio();
    QPixmap pixmap(QSize(IconSize, IconSize) * ratio);
    pixmap.setDevicePixelRatio(ratio);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHints(QPainter::Antialiasing | QPainter::SmoothPixmapTransform |
                           QPainter::TextAntialiasing);
    painter.drawPixmap(0, 0, appIcon().pixmap(QSize(IconSize, IconSize), ratio));

    const int dot = IconSize * 7 / 16;
    painter.drawPixmap(IconSize - dot, IconSize - dot,
                       statusIcon(shownAvailability()).pixmap(QSize(dot, dot), ratio));

    const int unread = unreadCount();
    if (unread > 0) {
        const QString count = unread > 99 ? u"99+"_s : QString::number(unread);
        QFont font = QApplication::font();
        font.setPixelSize(IconSize * 3 / 8);
        font.setBold(true);
        const qreal height = IconSize / 2.0;
        const qreal width =
            qMin(qreal(IconSize),
                 qMax(height, QFontMetricsF(font).horizontalAdvance(count) + height / 2));
        const QRectF badge(IconSize - width, 0, width, height);
        const qreal outline = IconSize / 32.0;
        painter.setPen(QPen(Qt::white, outline));
        painter.setBrush(QColor(0xd9, 0x30, 0x25));
        painter.drawRoundedRect(
            badge.adjusted(outline / 2, outline / 2, -outline / 2, -outline / 2), height / 2,
            height / 2);
        painter.setFont(font);
        painter.drawText(badge, Qt::AlignCenter, count);
    }
    painter.end();
    return pixmap;
}

bool TrayIcon::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_menu.get()) {
        if (event->type() == QEvent::LanguageChange) {
            retranslateUi();
        } else if (event->type() == QEvent::PaletteChange) {
            // The line icons are tinted to the palette's text colour.
            m_logout->setIcon(icon(u"logout"_s));
            m_quit->setIcon(icon(u"quit"_s));
        }
    }
    return QObject::eventFilter(watched, event);
}

void TrayIcon::retranslateUi()
{
    m_open->setText(tr("Open Flint"));
    for (auto it = m_statusActions.cbegin(); it != m_statusActions.cend(); ++it)
        it.value()->setText(availabilityName(it.key()));
    m_logout->setText(tr("Log Out"));
    m_quit->setText(tr("Quit"));
    update();
}

void TrayIcon::update()
{
    const PresenceStatus::Availability own = m_account.presence().status().availability;
    if (QAction *action = m_statusActions.value(own))
        action->setChecked(true);
    m_tray->setIcon(QIcon(iconPixmap()));
    m_tray->setToolTip(toolTip());
}

void TrayIcon::notify(Conversation *conversation, const HistoryMessage &message)
{
    const QString peer = conversation->peer();
    if (!m_settings.notificationsEnabled())
        return;
    if (m_isConversationVisible && m_isConversationVisible(peer))
        return;
    const QString name = m_account.displayName(peer);
    const RosterModel &roster = m_account.roster().model();
    const QImage picture =
        roster.contains(peer)
            ? m_account.profiles().avatars().image(roster.contact(peer).avatarHash)
            : QImage();
    m_notifiedPeer = peer;
    m_notifiedRoom = false;
    m_notifiedFileOffer = false;
    m_tray->showMessage(
        name, preview(message.body),
        QIcon(avatarPixmap(picture, name, peer, IconSize, qApp->devicePixelRatio())),
        NotificationMilliseconds);
    if (m_settings.soundsEnabled())
        QApplication::beep();
    Q_EMIT notificationShown(peer);
}

void TrayIcon::notifyRoom(Room *room, const HistoryMessage &message)
{
    const QString roomJid = room->jid();
    if (!m_settings.notificationsEnabled())
        return;
    if (m_isConversationVisible && m_isConversationVisible(roomJid))
        return;
    const QString nick = message.sender.section(u'/', 1);
    const bool mentioned =
        !room->nick().isEmpty() && message.body.contains(room->nick(), Qt::CaseInsensitive);
    m_notifiedPeer = roomJid;
    m_notifiedRoom = true;
    m_notifiedFileOffer = false;
    m_tray->showMessage(
        tr("%1 in %2", "nick in room").arg(nick, room->name()), preview(message.body),
        QIcon(avatarPixmap(QImage(), room->name(), roomJid, IconSize, qApp->devicePixelRatio())),
        NotificationMilliseconds);
    if (mentioned && m_settings.soundsEnabled())
        QApplication::beep();
    Q_EMIT notificationShown(roomJid);
}

void TrayIcon::notifyFileOffer(const Transfer &transfer)
{
    if (!m_settings.notificationsEnabled())
        return;
    const QString peer = transfer.peer();
    m_notifiedPeer = peer;
    m_notifiedRoom = false;
    m_notifiedFileOffer = true;
    m_tray->showMessage(
        tr("%1 wants to send you a file").arg(m_account.displayName(peer)),
        tr("%1 (%2)", "file name (size)")
            .arg(transfer.fileName(), TransferText::size(transfer.size())),
        QIcon(fileTypePixmap(transfer.fileName(), IconSize, qApp->devicePixelRatio())),
        NotificationMilliseconds);
    if (m_settings.soundsEnabled())
        QApplication::beep();
    Q_EMIT notificationShown(peer);
}

PresenceStatus::Availability TrayIcon::shownAvailability() const
{
    if (m_account.session().state() != AccountSession::Connected)
        return PresenceStatus::Offline;
    return m_account.presence().status().availability;
}

} // namespace flint::ui

// The system tray entry of a logged-in account: the app icon with the user's status and the
// unread count (rooms included), a notification for each new message not already on screen, and
// a menu to open the app, change status, log out or quit.
#pragma once

#include "client/PresenceManager.h"

#include <QHash>
#include <QObject>
#include <QPixmap>
#include <QString>
#include <QSystemTrayIcon>

#include <functional>
#include <memory>

class QAction;
class QMenu;

namespace flint {
class ClientAccount;
class ClientSettings;
class Conversation;
class Room;
struct HistoryMessage;
class Transfer;
} // namespace flint

namespace flint::ui {

class TrayIcon : public QObject {
    Q_OBJECT
public:
    TrayIcon(ClientAccount &account, ClientSettings &settings, QObject *parent = nullptr);
    ~TrayIcon() override;

    // Decides whether a new message needs a notification (false while its conversation is on
    // screen).
    void setConversationVisibleCheck(std::function<bool(const QString &peer)> check);

    // A notification for an incoming file offer (the app decides when one is needed).
    void notifyFileOffer(const Transfer &transfer);

    int unreadCount() const;
    QString toolTip() const;
    QSystemTrayIcon &systemTrayIcon() { return *m_tray; }
    // The icon as the tray shows it: the app icon, a status dot and the unread badge.
    QPixmap iconPixmap() const;

Q_SIGNALS:
    void showRequested();
    void chatRequested(const QString &jid);
    void roomRequested(const QString &roomJid);
    void quitRequested();
    void logoutRequested();
    // A notification for a message from `peer` was shown (or would be, without a tray).
    void notificationShown(const QString &peer);
    // The notification of a file offer was clicked: the offer's prompt should come up.
    void fileOfferActivated();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void retranslateUi();
    void update();
    void notify(Conversation *conversation, const HistoryMessage &message);
    // Every room message off screen is shown; only those naming the user make a sound.
    void notifyRoom(Room *room, const HistoryMessage &message);
    // The user's status as others see it: Offline while not connected.
    PresenceStatus::Availability shownAvailability() const;

    ClientAccount &m_account;
    ClientSettings &m_settings;
    std::function<bool(const QString &peer)> m_isConversationVisible;
    // The menu is a top-level widget: it is never deleted by a parent, and it receives the
    // language change the tray icon itself would not.
    std::unique_ptr<QMenu> m_menu;
    std::unique_ptr<QSystemTrayIcon> m_tray;
    QAction *m_open;
    QHash<PresenceStatus::Availability, QAction *> m_statusActions;
    QAction *m_logout;
    QAction *m_quit;
    QString m_notifiedPeer; // whose message (or which room's) the last notification showed
    bool m_notifiedRoom = false;
    bool m_notifiedFileOffer = false;
};

} // namespace flint::ui

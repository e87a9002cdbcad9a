// The roster window (flows C, D, E, F): the user's own card and status at the top, the contact
// tree with its filter, pending subscription requests, and the app's menus.
#pragma once

#include "client/AccountSession.h"

#include <QHash>
#include <QMainWindow>
#include <QSet>
#include <QString>

class QAction;
class QCheckBox;
class QLabel;
class QLineEdit;
class QMenu;
class QPushButton;
class QStackedWidget;
class QToolButton;
class QTreeView;
class QVBoxLayout;

namespace flint {
class ClientAccount;
class ClientSettings;
class RosterFilterModel;
struct RosterResult;
} // namespace flint

namespace flint::ui {

class RosterDelegate;
class StatusSelector;
class SubscriptionPrompt;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    MainWindow(ClientAccount &account, ClientSettings &settings, QWidget *parent = nullptr);
    ~MainWindow() override;

Q_SIGNALS:
    void chatRequested(const QString &jid);
    void contactProfileRequested(const QString &jid);
    void ownProfileRequested();
    void historyRequested();
    void transfersRequested();
    void directoryRequested();
    void roomBrowserRequested();
    void roomCreationRequested();
    // A room picked in the Rooms menu: one the user is in, or a bookmark to join.
    void roomRequested(const QString &jid);
    void settingsRequested();
    // Both arrive from the event loop, so the receiver may delete this window.
    void logoutRequested();
    void quitRequested();

protected:
    void changeEvent(QEvent *event) override;
    void closeEvent(QCloseEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void createMenus();
    // The Rooms menu: browse and create, then the rooms the user is in, then the bookmarks.
    void fillRoomsMenu();
    void applyIcons();
    void retranslateUi();
    void showOwnCard();
    void showConnectionState();
    void showOffline(bool show);
    void applyExpansion();
    void updateEmptyState();
    void syncSubscriptionPrompts();
    void activate(const QModelIndex &index);
    void showContactMenu(const QPoint &position);
    void addContact();
    void renameContact(const QString &jid);
    void editGroups(const QString &jid);
    void confirmRemoval(const QString &jid);
    void showRosterResult(const RosterResult &result);
    void showAbout();
    void emitLater(void (MainWindow::*signal)());

    ClientAccount &m_account;
    ClientSettings &m_settings;
    RosterFilterModel *m_filter;
    RosterDelegate *m_delegate;

    QToolButton *m_avatar;
    QLabel *m_name;
    QLabel *m_jid;
    StatusSelector *m_status;
    QLineEdit *m_filterEdit;
    QAction *m_searchIcon;
    QWidget *m_requestStrip;
    QVBoxLayout *m_requestLayout;
    QStackedWidget *m_stack;
    QTreeView *m_tree;
    QLabel *m_emptyLabel;
    QPushButton *m_addButton;
    QCheckBox *m_offlineCheck;
    QLabel *m_connection;

    QMenu *m_flintMenu;
    QMenu *m_roomsMenu;
    QMenu *m_viewMenu;
    QMenu *m_helpMenu;
    QAction *m_addAction;
    QAction *m_directoryAction;
    QAction *m_historyAction;
    QAction *m_transfersAction;
    QAction *m_browseRoomsAction;
    QAction *m_createRoomAction;
    QAction *m_settingsAction;
    QAction *m_logoutAction;
    QAction *m_quitAction;
    QAction *m_findAction;
    QAction *m_offlineAction;
    QAction *m_aboutAction;

    QHash<QString, SubscriptionPrompt *> m_prompts; // by requester
    QSet<QString> m_postponed;                      // "Later": hidden until asked again
    QSet<QString> m_collapsedGroups;                // by group name, "" for the ungrouped
    bool m_applyingExpansion = false;
};

} // namespace flint::ui

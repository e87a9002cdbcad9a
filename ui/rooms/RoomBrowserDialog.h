// The rooms the server's room service lists (RoomService::listRooms): name with a lock for a
// password, description, people in it, and who may enter; a filter, and Join for the selected
// room or for a name or address typed into the filter; "Create Room…" for a new one.
#pragma once

#include "client/RoomService.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace flint {
class ClientAccount;
}

namespace flint::ui {

class RoomBrowserDialog : public QDialog {
    Q_OBJECT
public:
    explicit RoomBrowserDialog(ClientAccount &account, QWidget *parent = nullptr);

    QTreeWidget *roomList() const { return m_list; }
    // Asks the service again.
    void refresh();
    // Opens the join dialog for the selected room, or the name or address in the filter.
    void joinSelected();
    void createRoom();

Q_SIGNALS:
    void roomJoined(flint::Room *room);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void applyIcons();
    void showRooms(const QList<RoomListing> &rooms);
    void showError(const RoomError &error);
    void applyFilter();
    void updateStatus();
    void openJoinDialog(const QString &jid, const QString &name, bool passwordProtected);
    QString accessText(const RoomListing &room) const;

    ClientAccount &m_account;
    QList<RoomListing> m_rooms;
    bool m_loading = false;
    QString m_error;
    QLabel *m_intro;
    QLineEdit *m_filter;
    QTreeWidget *m_list;
    QLabel *m_status;
    QPushButton *m_refresh;
    QPushButton *m_create;
    QPushButton *m_join;
    QPushButton *m_close;
};

} // namespace flint::ui

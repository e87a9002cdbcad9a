// Joins a room: its address (prefilled from the room browser or typed, a bare name meaning a room
// at the account's room service), the nick (RoomService::defaultNick), a password when the room
// wants one, and "bookmark and join automatically". Stays open while joining so a wrong password
// or a nick in use can be corrected; emits roomJoined() when the user is in.
#pragma once

#include "client/RoomService.h"

#include <QDialog>
#include <QPointer>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace flint {
class ClientAccount;
}

namespace flint::ui {

class JoinRoomDialog : public QDialog {
    Q_OBJECT
public:
    // `roomJid` may be empty (typed by the user); `passwordProtected` shows the password field.
    JoinRoomDialog(ClientAccount &account, const QString &roomJid = {},
                   bool passwordProtected = false, QWidget *parent = nullptr);

    // The address the fields name: a bare name is a room at the account's room service.
    QString roomJid() const;
    void setNick(const QString &nick);
    void setPassword(const QString &password);
    // The room's name as listed, for the bookmark (the room tells its own only after joining).
    void setRoomName(const QString &name) { m_roomName = name; }

    // Starts joining with what the fields hold (Join does the same).
    void join();
    void accept() override;

Q_SIGNALS:
    void roomJoined(flint::Room *room);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void validate();
    void setBusy(bool busy);
    void showFailure(const RoomError &error);
    void joined(Room *room);

    ClientAccount &m_account;
    QPointer<Room> m_room;
    QList<QMetaObject::Connection> m_pending;
    bool m_busy = false;
    QString m_roomName;
    QLabel *m_roomLabel;
    QLineEdit *m_roomEdit;
    QLabel *m_nickLabel;
    QLineEdit *m_nick;
    QLabel *m_passwordLabel;
    QLineEdit *m_password;
    QCheckBox *m_bookmark;
    QLabel *m_status;
    QDialogButtonBox *m_buttons;
    QPushButton *m_joinButton;
};

} // namespace flint::ui

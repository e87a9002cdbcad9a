// Invites someone into a room (a mediated invitation, XEP-0045 §7.8.2): a contact picked from the
// roster, filtered as the user types, or any address typed in; with an optional reason.
#pragma once

#include <QDialog>
#include <QPointer>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace flint {
class ClientAccount;
class Room;
} // namespace flint

namespace flint::ui {

class InviteDialog : public QDialog {
    Q_OBJECT
public:
    InviteDialog(ClientAccount &account, Room &room, QWidget *parent = nullptr);

    void accept() override;

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void fillContacts();
    void filterContacts(const QString &text);
    void validate();

    ClientAccount &m_account;
    QPointer<Room> m_room;
    QLabel *m_intro;
    QLineEdit *m_jid;
    QListWidget *m_contacts;
    QLabel *m_reasonLabel;
    QLineEdit *m_reason;
    QDialogButtonBox *m_buttons;
    QPushButton *m_inviteButton;
};

} // namespace flint::ui

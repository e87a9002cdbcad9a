// An invitation to a room, shown without blocking anything: who invites, to which room, their
// message, and Join / Decline. Join asks the app to open the room; Decline tells the inviter.
#pragma once

#include "client/RoomService.h"

#include <QDialog>

class QLabel;
class QPushButton;

namespace flint {
class ClientAccount;
}

namespace flint::ui {

class InvitationPrompt : public QDialog {
    Q_OBJECT
public:
    InvitationPrompt(ClientAccount &account, const RoomInvitation &invitation,
                     QWidget *parent = nullptr);

    RoomInvitation invitation() const { return m_invitation; }

Q_SIGNALS:
    void joinRequested(const flint::RoomInvitation &invitation);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void applyIcons();
    void decline();

    ClientAccount &m_account;
    RoomInvitation m_invitation;
    QLabel *m_icon;
    QLabel *m_text;
    QLabel *m_reason;
    QPushButton *m_join;
    QPushButton *m_decline;
};

} // namespace flint::ui

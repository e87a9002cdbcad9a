// Creates a configured room (XEP-0045 §10.1.3): its name and address at the room service,
// description, whether it is kept, listed, for members only, moderated, its password and how many
// past messages newcomers see. The same form edits an existing room's settings for its owners.
#pragma once

#include "client/RoomService.h"

#include <QDialog>
#include <QPointer>

class QCheckBox;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace flint {
class ClientAccount;
}

namespace flint::ui {

class CreateRoomDialog : public QDialog {
    Q_OBJECT
public:
    // A new room at the account's room service.
    explicit CreateRoomDialog(ClientAccount &account, QWidget *parent = nullptr);
    // The settings of `room`, read from the room first.
    CreateRoomDialog(ClientAccount &account, Room &room, QWidget *parent = nullptr);

    RoomConfig config() const;
    void setConfig(const RoomConfig &config);
    // The new room's address from the name and address fields; empty when incomplete.
    QString roomJid() const;

    void accept() override;

Q_SIGNALS:
    // The new room exists with its settings and the user is in it.
    void roomJoined(flint::Room *room);

protected:
    void changeEvent(QEvent *event) override;

private:
    void build();
    void retranslateUi();
    void setBusy(bool busy, const QString &status = {});
    void showError(const QString &text);
    void nameEdited(const QString &name);
    void validate();
    void create();
    void save();

    ClientAccount &m_account;
    QPointer<Room> m_room; // the room being configured, or the one being created
    bool m_settingsMode;
    bool m_busy = false;
    bool m_configRead = false;
    bool m_addressEdited = false;
    QList<QMetaObject::Connection> m_pending;

    QFormLayout *m_form = nullptr;
    QLabel *m_intro = nullptr;
    QLabel *m_nameLabel = nullptr;
    QLineEdit *m_name = nullptr;
    QLabel *m_addressLabel = nullptr;
    QLineEdit *m_address = nullptr;
    QLabel *m_serviceLabel = nullptr;
    QLabel *m_descriptionLabel = nullptr;
    QLineEdit *m_description = nullptr;
    QLabel *m_nickLabel = nullptr;
    QLineEdit *m_nick = nullptr;
    QLabel *m_passwordLabel = nullptr;
    QLineEdit *m_password = nullptr;
    QLabel *m_historyLabel = nullptr;
    QSpinBox *m_history = nullptr;
    QLabel *m_maxLabel = nullptr;
    QSpinBox *m_max = nullptr;
    QCheckBox *m_persistent = nullptr;
    QCheckBox *m_public = nullptr;
    QCheckBox *m_membersOnly = nullptr;
    QCheckBox *m_moderated = nullptr;
    QCheckBox *m_realJids = nullptr;
    QCheckBox *m_mayInvite = nullptr;
    QCheckBox *m_maySetSubject = nullptr;
    QLabel *m_status = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_okButton = nullptr;
};

} // namespace flint::ui

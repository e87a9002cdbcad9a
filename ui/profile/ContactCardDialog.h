// Shows a contact's profile card: avatar, name, address, presence and the card's details, read
// from the cache at once and refreshed from the server.
#pragma once

#include "client/ProfileManager.h"

#include <QDialog>
#include <QString>

#include <functional>
#include <optional>

class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QProgressBar;
class QPushButton;

namespace flint {
class ClientAccount;
} // namespace flint

namespace flint::ui {

class ContactCardDialog : public QDialog {
    Q_OBJECT
public:
    ContactCardDialog(ClientAccount &account, const QString &jid, QWidget *parent = nullptr);

    QString jid() const { return m_jid; }

Q_SIGNALS:
    void chatRequested(const QString &jid);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void refresh();
    void showProfile(const Profile &profile);
    void showFailure(const ProfileResult &result);
    void updateHeader();
    void updatePresence();
    void updateDetails();
    bool isThisContact(const QString &bareJid) const;

    ClientAccount &m_account;
    QString m_jid; // bare, lowercase
    std::optional<Profile> m_profile;
    QLabel *m_avatar;
    QLabel *m_name;
    QLabel *m_address;
    QLabel *m_presenceIcon;
    QLabel *m_presence;
    QLabel *m_statusText;
    QFormLayout *m_form;
    QLabel *m_organization;
    QLabel *m_title;
    QLabel *m_email;
    QLabel *m_phone;
    QLabel *m_empty;
    QProgressBar *m_progress;
    QLabel *m_status;
    QPushButton *m_refresh;
    QPushButton *m_chat;
    QDialogButtonBox *m_buttons;
    std::function<QString()> m_statusMessage; // kept as a function to re-render on language change
    bool m_loading = false;
};

} // namespace flint::ui

// Flow E: adds a contact by address ("user" alone means someone on the user's own server), with
// an optional name and group, and shows how it went: added, already a contact, no such user.
#pragma once

#include <QDialog>
#include <QString>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace flint {
class ClientAccount;
struct RosterResult;
} // namespace flint

namespace flint::ui {

class AddContactDialog : public QDialog {
    Q_OBJECT
public:
    explicit AddContactDialog(ClientAccount &account, QWidget *parent = nullptr);

    void setAddress(const QString &jid);

Q_SIGNALS:
    // The contact is in the roster and the subscription request was sent; the dialog closes.
    void contactAdded(const QString &jid);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    // The typed address completed with the user's domain; empty when it cannot be one.
    QString typedJid() const;
    void submit();
    void handleResult(const RosterResult &result);
    void setBusy(bool busy);
    void showProblem(const QString &text);

    ClientAccount &m_account;
    QString m_pendingJid; // the address sent, while waiting for its result
    QLabel *m_intro;
    QLabel *m_addressLabel;
    QLineEdit *m_address;
    QLabel *m_nameLabel;
    QLineEdit *m_name;
    QLabel *m_groupLabel;
    QComboBox *m_group;
    QLabel *m_status;
    QDialogButtonBox *m_buttons;
    QPushButton *m_add;
};

} // namespace flint::ui

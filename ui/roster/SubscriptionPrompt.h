// A banner for one incoming subscription request: who asks, their message, and Accept / Deny /
// Later. Accept and Deny answer through the roster; Later only hides the banner.
#pragma once

#include <QFrame>
#include <QString>

class QLabel;
class QPushButton;

namespace flint {
class ClientAccount;
}

namespace flint::ui {

class SubscriptionPrompt : public QFrame {
    Q_OBJECT
public:
    SubscriptionPrompt(ClientAccount &account, const QString &jid, const QString &message,
                       QWidget *parent = nullptr);

    QString jid() const { return m_jid; }
    void setMessage(const QString &message);

Q_SIGNALS:
    // The user wants to answer later: hide this request until it is made again.
    void postponed(const QString &jid);

protected:
    void changeEvent(QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;

private:
    void retranslateUi();
    void applyIcons();

    ClientAccount &m_account;
    QString m_jid;
    QLabel *m_avatar;
    QLabel *m_request;
    QLabel *m_message;
    QPushButton *m_accept;
    QPushButton *m_deny;
    QPushButton *m_later;
};

} // namespace flint::ui

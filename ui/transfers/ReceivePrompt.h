// The question an incoming file offer asks (flow H): who sends what (name, size, type), and
// Accept (into the downloads folder), Save As… or Decline. Not modal, one per offer; closing it
// declines, and it closes by itself once the offer is gone (the sender cancelled).
#pragma once

#include <QDialog>
#include <QPointer>

class QFileDialog;
class QLabel;
class QPushButton;

namespace flint {
class ClientAccount;
class Transfer;
} // namespace flint

namespace flint::ui {

class ReceivePrompt : public QDialog {
    Q_OBJECT
public:
    ReceivePrompt(ClientAccount &account, Transfer &transfer, QWidget *parent = nullptr);
    ~ReceivePrompt() override;

    Transfer *transfer() const { return m_transfer; }
    // The Save As dialog while it is open.
    QFileDialog *saveAsDialog() const;

    void accept() override;
    // Declines the offer (Escape, the window's close button, Decline).
    void reject() override;

Q_SIGNALS:
    // The user took the file, into the downloads folder or a place of their choosing.
    void fileAccepted(flint::Transfer *transfer);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void refreshSender();
    void saveAs();
    void offerChanged();

    ClientAccount &m_account;
    QPointer<Transfer> m_transfer;
    QString m_sender;
    QLabel *m_avatar;
    QLabel *m_title;
    QLabel *m_jid;
    QLabel *m_fileIcon;
    QLabel *m_fileName;
    QLabel *m_fileDetails;
    QLabel *m_destination;
    QPushButton *m_accept;
    QPushButton *m_saveAsButton;
    QPushButton *m_decline;
    QPointer<QFileDialog> m_saveAs;
};

} // namespace flint::ui

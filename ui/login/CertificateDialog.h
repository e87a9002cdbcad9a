// The first-use certificate prompt: the server's certificate is not verified by a known
// authority, so the user compares its SHA-256 fingerprint and chooses to trust it (pinned for the
// account) or not. Non-blocking: open() it and react to accepted() or rejected().
#pragma once

#include <QDialog>
#include <QSslCertificate>
#include <QString>

class QDialogButtonBox;
class QLabel;
class QPushButton;

namespace flint::ui {

class CertificateDialog : public QDialog {
    Q_OBJECT
public:
    // `account` is the bare JID (or the bare domain) the certificate would be pinned for;
    // `fingerprint` is CertificateTrust's "AB:CD:…" form.
    CertificateDialog(const QString &account, const QString &fingerprint,
                      const QSslCertificate &certificate, QWidget *parent = nullptr);

    QString account() const { return m_account; }
    QString fingerprint() const { return m_fingerprint; }
    QSslCertificate certificate() const { return m_certificate; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();

    QString m_account;
    QString m_domain;
    QString m_fingerprint;
    QSslCertificate m_certificate;
    QLabel *m_icon;
    QLabel *m_title;
    QLabel *m_explanation;
    QLabel *m_serverLabel;
    QLabel *m_serverValue;
    QLabel *m_accountLabel;
    QLabel *m_accountValue;
    QLabel *m_subjectLabel;
    QLabel *m_subjectValue;
    QLabel *m_issuerLabel;
    QLabel *m_issuerValue;
    QLabel *m_validityLabel;
    QLabel *m_validityValue;
    QLabel *m_fingerprintLabel;
    QLabel *m_fingerprintValue;
    QDialogButtonBox *m_buttons;
    QPushButton *m_trust;
    QPushButton *m_cancel;
};

} // namespace flint::ui

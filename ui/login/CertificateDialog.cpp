#include "CertificateDialog.h"

#include "common/Icons.h"
#include "common/Jid.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace flint::ui {
namespace {

// "AB:CD:…" in lines of eight bytes, easier to compare by eye than one long line.
QString groupedFingerprint(const QString &fingerprint)
{
    const QStringList bytes = fingerprint.split(u':');
    QStringList lines;
    for (qsizetype start = 0; start < bytes.size(); start += 8)
        lines << bytes.mid(start, 8).join(u':');
    return lines.join(u'\n');
}

QString names(const QStringList &names)
{
    return names.join(u", "_s);
}

} // namespace

CertificateDialog::CertificateDialog(const QString &account, const QString &fingerprint,
                                     const QSslCertificate &certificate, QWidget *parent)
    : QDialog(parent), m_account(account),
      m_domain(Jid::parse(account) ? Jid::parse(account)->domain() : account),
      m_fingerprint(fingerprint), m_certificate(certificate), m_icon(new QLabel(this)),
      m_title(new QLabel(this)), m_explanation(new QLabel(this)), m_serverLabel(new QLabel(this)),
      m_serverValue(new QLabel(this)), m_accountLabel(new QLabel(this)),
      m_accountValue(new QLabel(this)), m_subjectLabel(new QLabel(this)),
      m_subjectValue(new QLabel(this)), m_issuerLabel(new QLabel(this)),
      m_issuerValue(new QLabel(this)), m_validityLabel(new QLabel(this)),
      m_validityValue(new QLabel(this)), m_fingerprintLabel(new QLabel(this)),
      m_fingerprintValue(new QLabel(this)), m_buttons(new QDialogButtonBox(this)),
      m_trust(m_buttons->addButton(QString(), QDialogButtonBox::AcceptRole)),
      m_cancel(m_buttons->addButton(QDialogButtonBox::Cancel))
{
    setObjectName(u"certificateDialog"_s);
    m_serverValue->setObjectName(u"serverValue"_s);
    m_accountValue->setObjectName(u"accountValue"_s);
    m_subjectValue->setObjectName(u"subjectValue"_s);
    m_issuerValue->setObjectName(u"issuerValue"_s);
    m_validityValue->setObjectName(u"validityValue"_s);
    m_fingerprintValue->setObjectName(u"fingerprintValue"_s);
    m_trust->setObjectName(u"trustButton"_s);
    m_cancel->setObjectName(u"cancelButton"_s);

    const int em = fontMetrics().height();
    m_icon->setPixmap(icon(u"lock"_s).pixmap(QSize(em * 2, em * 2), devicePixelRatioF()));
    m_icon->setAlignment(Qt::AlignTop);
    QFont titleFont = font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.25);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setWordWrap(true);
    m_explanation->setWordWrap(true);
    for (QLabel *value : {m_serverValue, m_accountValue, m_subjectValue, m_issuerValue,
                          m_validityValue, m_fingerprintValue}) {
        value->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
        value->setWordWrap(true);
    }
    m_fingerprintValue->setWordWrap(false);
    m_fingerprintValue->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_fingerprintValue->setText(groupedFingerprint(fingerprint));
    m_fingerprintValue->setFrameShape(QFrame::StyledPanel);
    m_fingerprintValue->setBackgroundRole(QPalette::Base);
    m_fingerprintValue->setAutoFillBackground(true);
    m_fingerprintValue->setMargin(em / 2);
    m_fingerprintValue->setFocusPolicy(Qt::StrongFocus);
    m_fingerprintValue->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    m_serverValue->setText(m_domain);
    m_accountValue->setText(account);
    m_trust->setAutoDefault(false);
    m_cancel->setDefault(true);

    auto *header = new QHBoxLayout;
    header->setSpacing(em);
    header->addWidget(m_icon);
    auto *headerText = new QVBoxLayout;
    headerText->setSpacing(em / 2);
    headerText->addWidget(m_title);
    headerText->addWidget(m_explanation);
    header->addLayout(headerText, 1);

    auto *form = new QFormLayout;
    form->setHorizontalSpacing(em);
    form->setVerticalSpacing(em / 2);
    form->addRow(m_serverLabel, m_serverValue);
    form->addRow(m_accountLabel, m_accountValue);
    form->addRow(m_subjectLabel, m_subjectValue);
    form->addRow(m_issuerLabel, m_issuerValue);
    form->addRow(m_validityLabel, m_validityValue);
    form->addRow(m_fingerprintLabel, m_fingerprintValue);
    // A bare domain is its own server: one line is enough.
    form->setRowVisible(m_accountValue, account != m_domain);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(em * 3 / 2, em * 3 / 2, em * 3 / 2, em);
    layout->setSpacing(em);
    layout->addLayout(header);
    layout->addLayout(form);
    layout->addStretch();
    layout->addWidget(m_buttons);
    setMinimumWidth(em * 30);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    retranslateUi();
    m_cancel->setFocus();
}

void CertificateDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

void CertificateDialog::retranslateUi()
{
    setWindowTitle(tr("Unverified Certificate"));
    m_title->setText(tr("Do you trust this server?"));
    m_explanation->setText(
        tr("The certificate of %1 is not verified by a known authority. A company's own server "
           "often uses such a certificate, but it can also mean that someone is intercepting the "
           "connection. Trust it only if the fingerprint below matches the one your "
           "administrator gave you.")
            .arg(m_domain));
    m_serverLabel->setText(tr("Server:"));
    m_accountLabel->setText(tr("Account:"));
    m_subjectLabel->setText(tr("Issued to:"));
    m_issuerLabel->setText(tr("Issued by:"));
    m_validityLabel->setText(tr("Valid:"));
    m_fingerprintLabel->setText(tr("SHA-256 fingerprint:"));

    QStringList subject = m_certificate.subjectInfo(QSslCertificate::CommonName);
    if (subject.isEmpty())
        subject = m_certificate.subjectAlternativeNames().values(QSsl::DnsEntry);
    m_subjectValue->setText(subject.isEmpty() ? tr("Not given") : names(subject));
    QStringList issuer = m_certificate.issuerInfo(QSslCertificate::CommonName);
    if (issuer.isEmpty())
        issuer = m_certificate.issuerInfo(QSslCertificate::Organization);
    const QString issuerName = issuer.isEmpty() ? tr("Not given") : names(issuer);
    m_issuerValue->setText(m_certificate.isSelfSigned() ? tr("%1 (self-signed)").arg(issuerName)
                                                        : issuerName);
    // ISO dates: unambiguous in every language, as certificate tools show them.
    const QString from = m_certificate.effectiveDate().toLocalTime().date().toString(Qt::ISODate);
    const QString until = m_certificate.expiryDate().toLocalTime().date().toString(Qt::ISODate);
    m_validityValue->setText(m_certificate.expiryDate() < QDateTime::currentDateTimeUtc()
                                 ? tr("%1 to %2 (expired)").arg(from, until)
                                 : tr("%1 to %2").arg(from, until));

    m_serverValue->setAccessibleName(tr("Server"));
    m_accountValue->setAccessibleName(tr("Account"));
    m_subjectValue->setAccessibleName(tr("Issued to"));
    m_issuerValue->setAccessibleName(tr("Issued by"));
    m_validityValue->setAccessibleName(tr("Validity"));
    m_fingerprintValue->setAccessibleName(tr("SHA-256 fingerprint"));
    m_trust->setText(tr("&Trust and Connect"));
    m_cancel->setText(tr("Cancel"));
}

} // namespace flint::ui

#include "RegisterDialog.h"

#include "CertificateDialog.h"
#include "client/AccountSession.h"
#include "client/CertificateTrust.h"
#include "common/Icons.h"
#include "common/Theme.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace flint::ui {
namespace {} // namespace

RegisterDialog::RegisterDialog(CertificateTrust &trust, QWidget *parent)
    : QDialog(parent), m_trust(trust), m_manager(trust), m_title(new QLabel(this)),
      m_intro(new QLabel(this)), m_form(new QFormLayout), m_fieldErrors(*m_form),
      m_usernameLabel(new QLabel(this)), m_username(new QLineEdit(this)),
      m_passwordLabel(new QLabel(this)), m_password(new QLineEdit(this)),
      m_confirmLabel(new QLabel(this)), m_confirm(new QLineEdit(this)),
      m_serverLabel(new QLabel(this)), m_server(new QLineEdit(this)),
      m_advancedToggle(new QToolButton(this)), m_hostLabel(new QLabel(this)),
      m_host(new QLineEdit(this)), m_portLabel(new QLabel(this)), m_port(new QSpinBox(this)),
      m_adminMode(new QCheckBox(this)), m_adminUsernameLabel(new QLabel(this)),
      m_adminUsername(new QLineEdit(this)), m_adminPasswordLabel(new QLabel(this)),
      m_adminPassword(new QLineEdit(this)), m_progress(new QWidget(this)),
      m_progressLabel(new QLabel(m_progress)), m_progressBar(new QProgressBar(m_progress)),
      m_result(new QFrame(this)), m_resultIcon(new QLabel(m_result)),
      m_resultText(new QLabel(m_result)), m_close(new QPushButton(this)),
      m_create(new QPushButton(this))
{
    setObjectName(u"registerDialog"_s);
    m_username->setObjectName(u"usernameEdit"_s);
    m_password->setObjectName(u"passwordEdit"_s);
    m_confirm->setObjectName(u"confirmEdit"_s);
    m_server->setObjectName(u"serverEdit"_s);
    m_advancedToggle->setObjectName(u"advancedToggle"_s);
    m_host->setObjectName(u"hostEdit"_s);
    m_port->setObjectName(u"portSpin"_s);
    m_adminMode->setObjectName(u"adminCheck"_s);
    m_adminUsername->setObjectName(u"adminUsernameEdit"_s);
    m_adminPassword->setObjectName(u"adminPasswordEdit"_s);
    m_progressLabel->setObjectName(u"progressLabel"_s);
    m_progressBar->setObjectName(u"progressBar"_s);
    m_result->setObjectName(u"resultBox"_s);
    m_resultText->setObjectName(u"resultText"_s);
    m_close->setObjectName(u"closeButton"_s);
    m_create->setObjectName(u"createButton"_s);
    setWindowIcon(appIcon());

    const int em = fontMetrics().height();
    QFont titleFont = font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.25);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_intro->setWordWrap(true);
    m_intro->setForegroundRole(QPalette::PlaceholderText);
    for (QLineEdit *secret : {m_password, m_confirm, m_adminPassword})
        secret->setEchoMode(QLineEdit::Password);
    m_port->setRange(0, 65535);
    m_port->setAlignment(Qt::AlignLeft);
    m_port->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    m_advancedToggle->setAutoRaise(true);
    m_advancedToggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_usernameLabel->setBuddy(m_username);
    m_passwordLabel->setBuddy(m_password);
    m_confirmLabel->setBuddy(m_confirm);
    m_serverLabel->setBuddy(m_server);
    m_hostLabel->setBuddy(m_host);
    m_portLabel->setBuddy(m_port);
    m_adminUsernameLabel->setBuddy(m_adminUsername);
    m_adminPasswordLabel->setBuddy(m_adminPassword);

    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_form->setHorizontalSpacing(em);
    m_form->setVerticalSpacing(em / 2);
    m_fieldErrors.addField(m_usernameLabel, m_username, true);
    m_fieldErrors.addField(m_passwordLabel, m_password, true);
    m_fieldErrors.addField(m_confirmLabel, m_confirm, true);
    m_fieldErrors.addField(m_serverLabel, m_server, true);
    m_form->addRow(m_advancedToggle);
    m_fieldErrors.addField(m_hostLabel, m_host, true);
    m_fieldErrors.addField(m_portLabel, m_port, false);
    m_form->addRow(m_adminMode);
    m_fieldErrors.addField(m_adminUsernameLabel, m_adminUsername, true);
    m_fieldErrors.addField(m_adminPasswordLabel, m_adminPassword, true);

    auto *progressLayout = new QVBoxLayout(m_progress);
    progressLayout->setContentsMargins(0, 0, 0, 0);
    progressLayout->setSpacing(em / 3);
    progressLayout->addWidget(m_progressLabel);
    progressLayout->addWidget(m_progressBar);
    m_progressBar->setRange(0, 0);
    m_progressBar->setTextVisible(false);
    m_progressBar->setMaximumHeight(em / 2);
    m_progress->hide();

    m_resultIcon->setAlignment(Qt::AlignTop);
    m_resultText->setWordWrap(true);
    m_resultText->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    auto *resultLayout = new QHBoxLayout(m_result);
    resultLayout->setContentsMargins(em * 2 / 3, em / 2, em * 2 / 3, em / 2);
    resultLayout->setSpacing(em / 2);
    resultLayout->addWidget(m_resultIcon);
    resultLayout->addWidget(m_resultText, 1);
    m_result->hide();

    m_close->setAutoDefault(false);
    m_create->setDefault(true);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_close);
    buttons->addWidget(m_create);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(em * 3 / 2, em * 3 / 2, em * 3 / 2, em);
    layout->setSpacing(em * 2 / 3);
    layout->addWidget(m_title);
    layout->addWidget(m_intro);
    layout->addSpacing(em / 3);
    layout->addLayout(m_form);
    layout->addWidget(m_progress);
    layout->addWidget(m_result);
    layout->addStretch();
    layout->addLayout(buttons);
    m_username->setMinimumWidth(em * 15);
    m_intro->setMinimumWidth(em * 22);

    setTabOrder(m_username, m_password);
    setTabOrder(m_password, m_confirm);
    setTabOrder(m_confirm, m_server);
    setTabOrder(m_server, m_advancedToggle);
    setTabOrder(m_advancedToggle, m_host);
    setTabOrder(m_host, m_port);
    setTabOrder(m_port, m_adminMode);
    setTabOrder(m_adminMode, m_adminUsername);
    setTabOrder(m_adminUsername, m_adminPassword);
    setTabOrder(m_adminPassword, m_create);
    setTabOrder(m_create, m_close);

    connect(m_create, &QPushButton::clicked, this, [this] {
        if (m_busy)
            cancel();
        else
            submit();
    });
    connect(m_close, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_advancedToggle, &QToolButton::clicked, this,
            [this] { setAdvancedVisible(!m_form->isRowVisible(m_host)); });
    connect(m_adminMode, &QCheckBox::toggled, this, &RegisterDialog::setAdminMode);
    for (QLineEdit *edit :
         {m_username, m_password, m_confirm, m_server, m_host, m_adminUsername, m_adminPassword}) {
        connect(edit, &QLineEdit::textEdited, this,
                [this, edit] { m_fieldErrors.set(edit, std::nullopt); });
    }
    connect(&m_manager, &RegistrationManager::finished, this, &RegisterDialog::handleFinished);
    connect(&m_manager, &RegistrationManager::certificateApprovalNeeded, this,
            &RegisterDialog::askForCertificate);

    setAdvancedVisible(false);
    setAdminMode(false);
    retranslateUi();
}

void RegisterDialog::setConnection(const QString &server, const QString &host, quint16 port)
{
    m_server->setText(server);
    m_host->setText(host);
    m_port->setValue(port);
    setAdvancedVisible(!host.isEmpty() || port != 0);
}

void RegisterDialog::reject()
{
    if (m_busy)
        cancel();
    else
        QDialog::reject();
}

bool RegisterDialog::event(QEvent *event)
{
    const bool handled = QDialog::event(event);
    // Rows come and go (errors, Advanced, admin mode, the result): the window follows them.
    if (event->type() == QEvent::LayoutRequest)
        adjustSize();
    return handled;
}

void RegisterDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

void RegisterDialog::retranslateUi()
{
    setWindowTitle(tr("Create Account"));
    m_title->setText(tr("Create an account"));
    m_intro->setText(m_adminMode->isChecked()
                         ? tr("As an administrator of the server, you can create an account for "
                              "someone else. Give them the username and password afterwards.")
                         : tr("Choose a username and a password on your chat server."));
    m_usernameLabel->setText(tr("&Username:"));
    m_username->setPlaceholderText(tr("name"));
    m_username->setAccessibleName(tr("Username"));
    m_passwordLabel->setText(tr("&Password:"));
    m_password->setAccessibleName(tr("Password"));
    m_confirmLabel->setText(tr("Con&firm:"));
    m_confirm->setPlaceholderText(tr("The password again"));
    m_confirm->setAccessibleName(tr("Confirm password"));
    m_serverLabel->setText(tr("&Server:"));
    m_server->setPlaceholderText(tr("example.com"));
    m_server->setAccessibleName(tr("Server"));
    m_advancedToggle->setText(tr("Ad&vanced"));
    m_advancedToggle->setAccessibleName(tr("Advanced connection settings"));
    m_hostLabel->setText(tr("&Host:"));
    m_host->setPlaceholderText(tr("From the server's DNS records"));
    m_host->setAccessibleName(tr("Host to connect to"));
    m_portLabel->setText(tr("P&ort:"));
    m_port->setSpecialValueText(tr("Default"));
    m_port->setAccessibleName(tr("Port"));
    m_adminMode->setText(tr("I am an &administrator creating this account for someone else"));
    m_adminUsernameLabel->setText(tr("A&dmin username:"));
    m_adminUsername->setAccessibleName(tr("Administrator's username"));
    m_adminPasswordLabel->setText(tr("Admin pass&word:"));
    m_adminPassword->setAccessibleName(tr("Administrator's password"));
    m_progressBar->setAccessibleName(tr("Creating the account"));
    m_resultText->setAccessibleName(tr("Result"));
    m_close->setText(tr("Close"));
    m_create->setText(m_busy ? tr("Cancel") : tr("Create Account"));
    if (m_busy) {
        const RegistrationForm &sent = m_sent;
        const QString jid = sent.username + u'@' + sent.server;
        m_progressLabel->setText(sent.mode == RegistrationForm::Admin
                                     ? tr("Logging in as %1 to create %2…")
                                           .arg(sent.adminUsername + u'@' + sent.server, jid)
                                     : tr("Creating %1…").arg(jid));
    }
    m_fieldErrors.retranslate();
    showResultText();
}

RegistrationForm RegisterDialog::form() const
{
    const QString server = m_server->text().trimmed();
    QString address = m_host->text().trimmed();
    if (m_port->value() > 0) {
        const auto host = parseServerAddress(address);
        const QString name = host && !host->host.isEmpty() ? host->host : server;
        address = (name.contains(u':') ? u"[%1]"_s.arg(name) : name) + u':' +
                  QString::number(m_port->value());
    }
    return {.mode = m_adminMode->isChecked() ? RegistrationForm::Admin : RegistrationForm::InBand,
            .username = m_username->text().trimmed(),
            .password = m_password->text(),
            .passwordConfirmation = m_confirm->text(),
            .server = server,
            .address = address,
            .adminUsername = m_adminUsername->text().trimmed(),
            .adminPassword = m_adminPassword->text()};
}

void RegisterDialog::submit()
{
    m_fieldErrors.clear();
    m_shownResult.reset();
    showResultText();
    const RegistrationForm registration = form();
    const QList<RegistrationError> errors = RegistrationManager::validate(registration);
    QWidget *first = nullptr;
    for (const RegistrationError error : errors) {
        QWidget *field = nullptr;
        switch (error) {
        case RegistrationError::EmptyUsername:
        case RegistrationError::InvalidUsername:
            field = m_username;
            break;
        case RegistrationError::EmptyPassword:
            field = m_password;
            break;
        case RegistrationError::PasswordsDiffer:
            field = m_confirm;
            break;
        case RegistrationError::InvalidServer:
            field = m_server;
            break;
        case RegistrationError::InvalidAddress:
            field = m_host;
            setAdvancedVisible(true);
            break;
        case RegistrationError::EmptyAdminUsername:
        case RegistrationError::InvalidAdminUsername:
            field = m_adminUsername;
            break;
        case RegistrationError::EmptyAdminPassword:
            field = m_adminPassword;
            break;
        }
        m_fieldErrors.set(field, error);
        if (!first)
            first = field;
    }
    if (first) {
        first->setFocus();
        if (auto *edit = qobject_cast<QLineEdit *>(first))
            edit->selectAll();
        return;
    }
    m_sent = registration;
    send();
}

void RegisterDialog::send()
{
    m_pendingFailure.reset();
    setBusy(true);
    m_manager.registerAccount(m_sent);
}

void RegisterDialog::cancel()
{
    m_manager.cancel();
    m_pendingFailure.reset();
    delete m_certificateDialog;
    setBusy(false);
}

void RegisterDialog::handleFinished(const RegistrationResult &result)
{
    // A certificate to approve: the manager asks right after this; the answer decides.
    if (result.kind == RegistrationResult::ConnectionFailed &&
        result.connectionError.kind == ConnectionError::CertificateNotTrusted) {
        m_pendingFailure = result;
        return;
    }
    setBusy(false);
    const QString jid = m_sent.username + u'@' + m_sent.server;
    showResult(result, jid);
    if (result.kind != RegistrationResult::Created)
        return;
    if (m_sent.mode == RegistrationForm::Admin) {
        // Ready for the next person: the administrator and the server stay.
        for (QLineEdit *edit : {m_username, m_password, m_confirm})
            edit->clear();
        m_username->setFocus();
        return;
    }
    for (QWidget *input :
         std::initializer_list<QWidget *>{m_username, m_password, m_confirm, m_server,
                                          m_advancedToggle, m_host, m_port, m_adminMode})
        input->setEnabled(false);
    m_create->hide();
    m_close->setDefault(true);
    m_close->setFocus();
    Q_EMIT accountCreated(jid, m_sent.password);
}

void RegisterDialog::askForCertificate(const QString &account, const QString &fingerprint,
                                       const QSslCertificate &certificate)
{
    if (!m_busy)
        return;
    m_certificateDialog = new CertificateDialog(account, fingerprint, certificate, this);
    m_certificateDialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_certificateDialog, &QDialog::accepted, this, [this, account, certificate] {
        m_trust.trustCertificate(account, certificate);
        send();
    });
    connect(m_certificateDialog, &QDialog::rejected, this, [this] {
        const RegistrationResult failure = m_pendingFailure.value_or(
            RegistrationResult{RegistrationResult::ConnectionFailed,
                               {},
                               ConnectionError{ConnectionError::CertificateNotTrusted, {}}});
        setBusy(false);
        showResult(failure, {});
    });
    m_certificateDialog->open();
}

void RegisterDialog::setBusy(bool busy)
{
    m_busy = busy;
    for (QWidget *input : std::initializer_list<QWidget *>{
             m_username, m_password, m_confirm, m_server, m_advancedToggle, m_host, m_port,
             m_adminMode, m_adminUsername, m_adminPassword, m_close})
        input->setEnabled(!busy);
    m_progress->setVisible(busy);
    if (busy) {
        m_shownResult.reset();
        showResultText();
    }
    retranslateUi();
    if (busy)
        m_create->setFocus();
}

void RegisterDialog::setAdminMode(bool admin)
{
    for (QWidget *field : std::initializer_list<QWidget *>{m_adminUsername, m_adminPassword}) {
        if (!admin)
            m_fieldErrors.set(field, std::nullopt);
        m_fieldErrors.setRowVisible(field, admin);
    }
    retranslateUi();
    if (admin)
        m_adminUsername->setFocus();
}

void RegisterDialog::setAdvancedVisible(bool visible)
{
    m_advancedToggle->setIcon(icon(visible ? u"chevron-up"_s : u"chevron-down"_s));
    m_fieldErrors.setRowVisible(m_host, visible);
    m_fieldErrors.setRowVisible(m_port, visible);
}

void RegisterDialog::showResult(const RegistrationResult &result, const QString &jid)
{
    m_shownResult = result;
    m_shownJid = jid;
    showResultText();
}

void RegisterDialog::showResultText()
{
    if (!m_shownResult) {
        m_result->hide();
        return;
    }
    const bool success = m_shownResult->kind == RegistrationResult::Created;
    const QColor accent = success ? successColor() : errorColor();
    const bool dark = isDarkPalette();
    const QString background =
        success ? (dark ? u"#1e3325"_s : u"#e6f4ea"_s) : (dark ? u"#3b2322"_s : u"#fdecea"_s);
    const QString text =
        success ? (dark ? u"#ceead6"_s : u"#0d4f22"_s) : (dark ? u"#f6d3d0"_s : u"#7f1d1d"_s);
    const int em = fontMetrics().height();
    m_result->setStyleSheet(
        u"#resultBox { background: %1; border: 1px solid %2; "
        "border-radius: %3px; } #resultBox QLabel { color: %4; }"_s.arg(
            background, accent.name(QColor::HexRgb), QString::number(em / 3), text));
    m_resultIcon->setPixmap(icon(success ? u"tick"_s : u"error"_s)
                                .pixmap(QSize(em * 5 / 4, em * 5 / 4), devicePixelRatioF()));
    m_resultText->setText(
        success ? tr("%1 The new address is %2.").arg(describe(*m_shownResult), m_shownJid)
                : describe(*m_shownResult));
    m_result->show();
}

} // namespace flint::ui

#include "LoginDialog.h"

#include "client/PasswordStore.h"
#include "common/Icons.h"
#include "common/Jid.h"
#include "common/Theme.h"

#include <QCheckBox>
#include <QComboBox>
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
namespace {

constexpr PresenceStatus::Availability InitialStatuses[] = {
    PresenceStatus::Online, PresenceStatus::FreeForChat, PresenceStatus::Away,
    PresenceStatus::ExtendedAway, PresenceStatus::DoNotDisturb};

// "host" or "[v6]" followed by ":port" when there is one, as parseServerAddress reads it.
QString joinAddress(const QString &host, quint16 port)
{
    if (port == 0)
        return host;
    return (host.contains(u':') ? u"[%1]"_s.arg(host) : host) + u':' + QString::number(port);
}

// What the form asks to connect to: empty (the domain's SRV records), or host[:port].
QString connectAddress(const LoginPreferences &preferences, const QString &domain)
{
    const ServerAddress server = parseServerAddress(preferences.server).value_or(ServerAddress{});
    const ServerAddress host = parseServerAddress(preferences.host).value_or(ServerAddress{});
    QString connectHost = host.host;
    // "alice@example.com" with server "xmpp.example.com": the server field names the host.
    if (connectHost.isEmpty() && server.host.compare(domain, Qt::CaseInsensitive) != 0)
        connectHost = server.host;
    const quint16 port = preferences.port ? preferences.port : host.port ? host.port : server.port;
    if (connectHost.isEmpty() && port == 0)
        return {};
    return joinAddress(connectHost.isEmpty() ? domain : connectHost, port);
}

} // namespace

LoginDialog::LoginDialog(ClientSettings &settings, PasswordStore &passwords, QWidget *parent)
    : QDialog(parent), m_passwords(passwords), m_logo(new QLabel(this)), m_title(new QLabel(this)),
      m_subtitle(new QLabel(this)), m_form(new QFormLayout), m_fieldErrors(*m_form),
      m_usernameLabel(new QLabel(this)), m_username(new QLineEdit(this)),
      m_passwordLabel(new QLabel(this)), m_password(new QLineEdit(this)),
      m_serverLabel(new QLabel(this)), m_server(new QLineEdit(this)),
      m_statusLabel(new QLabel(this)), m_status(new QComboBox(this)),
      m_remember(new QCheckBox(this)), m_autoLogin(new QCheckBox(this)),
      m_keyringNote(new QLabel(this)), m_advancedToggle(new QToolButton(this)),
      m_hostLabel(new QLabel(this)), m_host(new QLineEdit(this)), m_portLabel(new QLabel(this)),
      m_port(new QSpinBox(this)), m_resourceLabel(new QLabel(this)),
      m_resource(new QLineEdit(this)), m_tlsLabel(new QLabel(this)), m_tls(new QComboBox(this)),
      m_progress(new QWidget(this)), m_progressLabel(new QLabel(m_progress)),
      m_progressBar(new QProgressBar(m_progress)), m_failure(new QFrame(this)),
      m_failureIcon(new QLabel(m_failure)), m_failureText(new QLabel(m_failure)),
      m_register(new QPushButton(this)), m_logIn(new QPushButton(this))
{
    setObjectName(u"loginDialog"_s);
    m_username->setObjectName(u"usernameEdit"_s);
    m_password->setObjectName(u"passwordEdit"_s);
    m_server->setObjectName(u"serverEdit"_s);
    m_status->setObjectName(u"statusCombo"_s);
    m_remember->setObjectName(u"rememberCheck"_s);
    m_autoLogin->setObjectName(u"autoLoginCheck"_s);
    m_keyringNote->setObjectName(u"keyringNote"_s);
    m_advancedToggle->setObjectName(u"advancedToggle"_s);
    m_host->setObjectName(u"hostEdit"_s);
    m_port->setObjectName(u"portSpin"_s);
    m_resource->setObjectName(u"resourceEdit"_s);
    m_tls->setObjectName(u"tlsCombo"_s);
    m_progressLabel->setObjectName(u"progressLabel"_s);
    m_progressBar->setObjectName(u"progressBar"_s);
    m_failure->setObjectName(u"failureBox"_s);
    m_failureText->setObjectName(u"failureText"_s);
    m_register->setObjectName(u"registerButton"_s);
    m_logIn->setObjectName(u"loginButton"_s);
    setWindowIcon(appIcon());

    const int em = fontMetrics().height();
    QFont titleFont = font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.7);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setText(u"Flint"_s);
    m_title->setAlignment(Qt::AlignCenter);
    m_logo->setAlignment(Qt::AlignCenter);
    m_subtitle->setAlignment(Qt::AlignCenter);
    m_subtitle->setForegroundRole(QPalette::PlaceholderText);
    m_subtitle->setWordWrap(true);
    updateLogo();

    m_password->setEchoMode(QLineEdit::Password);
    for (const auto availability : InitialStatuses)
        m_status->addItem(statusIcon(availability), QString(), int(availability));
    m_port->setRange(0, 65535);
    m_port->setAlignment(Qt::AlignLeft);
    m_port->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    m_tls->addItems({QString(), QString()});
    m_keyringNote->setWordWrap(true);
    m_keyringNote->setForegroundRole(QPalette::PlaceholderText);
    m_advancedToggle->setAutoRaise(true);
    m_advancedToggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_advancedToggle->setIcon(icon(u"chevron-down"_s));
    m_usernameLabel->setBuddy(m_username);
    m_passwordLabel->setBuddy(m_password);
    m_serverLabel->setBuddy(m_server);
    m_statusLabel->setBuddy(m_status);
    m_hostLabel->setBuddy(m_host);
    m_portLabel->setBuddy(m_port);
    m_resourceLabel->setBuddy(m_resource);
    m_tlsLabel->setBuddy(m_tls);

    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_form->setHorizontalSpacing(em);
    m_form->setVerticalSpacing(em / 2);
    m_fieldErrors.addField(m_usernameLabel, m_username, true);
    m_fieldErrors.addField(m_passwordLabel, m_password, true);
    m_fieldErrors.addField(m_serverLabel, m_server, true);
    m_fieldErrors.addField(m_statusLabel, m_status, false);
    m_form->addRow(QString(), m_remember);
    m_form->addRow(QString(), m_autoLogin);
    m_form->addRow(QString(), m_keyringNote);
    m_form->setRowVisible(m_keyringNote, false);
    m_form->addRow(m_advancedToggle);
    m_fieldErrors.addField(m_hostLabel, m_host, true);
    m_fieldErrors.addField(m_portLabel, m_port, false);
    m_fieldErrors.addField(m_resourceLabel, m_resource, false);
    m_fieldErrors.addField(m_tlsLabel, m_tls, false);

    auto *progressLayout = new QVBoxLayout(m_progress);
    progressLayout->setContentsMargins(0, 0, 0, 0);
    progressLayout->setSpacing(em / 3);
    progressLayout->addWidget(m_progressLabel);
    progressLayout->addWidget(m_progressBar);
    m_progressBar->setRange(0, 0);
    m_progressBar->setTextVisible(false);
    m_progressBar->setMaximumHeight(em / 2);
    m_progress->hide();

    const QColor red = errorColor();
    m_failure->setStyleSheet(u"#failureBox { background: %1; border: 1px solid %2; "
                             "border-radius: %3px; } #failureBox QLabel { color: %4; }"_s.arg(
                                 isDarkPalette() ? u"#3b2322"_s : u"#fdecea"_s,
                                 red.name(QColor::HexRgb), QString::number(em / 3),
                                 isDarkPalette() ? u"#f6d3d0"_s : u"#7f1d1d"_s));
    m_failureIcon->setPixmap(icon(u"error"_s).pixmap(em * 5 / 4, em * 5 / 4));
    m_failureIcon->setAlignment(Qt::AlignTop);
    m_failureText->setWordWrap(true);
    m_failureText->setTextInteractionFlags(Qt::TextSelectableByMouse |
                                           Qt::TextSelectableByKeyboard);
    auto *failureLayout = new QHBoxLayout(m_failure);
    failureLayout->setContentsMargins(em * 2 / 3, em / 2, em * 2 / 3, em / 2);
    failureLayout->setSpacing(em / 2);
    failureLayout->addWidget(m_failureIcon);
    failureLayout->addWidget(m_failureText, 1);
    m_failure->hide();

    m_register->setFlat(true);
    m_register->setAutoDefault(false);
    m_register->setCursor(Qt::PointingHandCursor);
    QPalette linkPalette = m_register->palette();
    for (const auto group : {QPalette::Active, QPalette::Inactive})
        linkPalette.setColor(group, QPalette::ButtonText, linkPalette.color(QPalette::Link));
    m_register->setPalette(linkPalette);
    m_logIn->setDefault(true);
    m_logIn->setMinimumWidth(em * 6);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_register);
    buttons->addStretch();
    buttons->addWidget(m_logIn);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(em * 3 / 2, em * 3 / 2, em * 3 / 2, em);
    layout->setSpacing(em * 2 / 3);
    layout->addWidget(m_logo);
    layout->addWidget(m_title);
    layout->addWidget(m_subtitle);
    layout->addSpacing(em / 2);
    layout->addLayout(m_form);
    layout->addWidget(m_progress);
    layout->addWidget(m_failure);
    layout->addStretch();
    layout->addLayout(buttons);
    m_username->setMinimumWidth(em * 15);

    setTabOrder(m_username, m_password);
    setTabOrder(m_password, m_server);
    setTabOrder(m_server, m_status);
    setTabOrder(m_status, m_remember);
    setTabOrder(m_remember, m_autoLogin);
    setTabOrder(m_autoLogin, m_advancedToggle);
    setTabOrder(m_advancedToggle, m_host);
    setTabOrder(m_host, m_port);
    setTabOrder(m_port, m_resource);
    setTabOrder(m_resource, m_tls);
    setTabOrder(m_tls, m_logIn);
    setTabOrder(m_logIn, m_register);

    connect(m_logIn, &QPushButton::clicked, this, [this] {
        if (m_busy)
            Q_EMIT cancelRequested();
        else
            submit();
    });
    connect(m_register, &QPushButton::clicked, this, &LoginDialog::registerRequested);
    connect(m_advancedToggle, &QToolButton::clicked, this,
            [this] { setAdvancedVisible(!m_form->isRowVisible(m_host)); });
    connect(m_remember, &QCheckBox::toggled, this, [this](bool remember) {
        if (!remember) {
            m_autoLogin->setChecked(false);
            m_form->setRowVisible(m_keyringNote, false);
        }
        m_autoLogin->setEnabled(remember && !m_busy);
    });
    for (QLineEdit *edit : {m_username, m_password, m_server, m_host}) {
        connect(edit, &QLineEdit::textEdited, this,
                [this, edit] { m_fieldErrors.set(edit, std::nullopt); });
    }
    connect(&passwords, &PasswordStore::passwordRead, this,
            [this](const QString &account, const QString &password) {
                if (account == m_passwordAccount && m_password->text().isEmpty())
                    m_password->setText(password);
            });
    connect(&passwords, &PasswordStore::failed, this,
            [this](const QString &, const QString &message) { showKeyringNote(message); });

    retranslateUi();
    applyPreferences(settings.loginPreferences());
}

void LoginDialog::setBusy(bool busy, const QString &progress)
{
    m_busy = busy;
    for (QWidget *input : std::initializer_list<QWidget *>{
             m_username, m_password, m_server, m_status, m_remember, m_advancedToggle, m_host,
             m_port, m_resource, m_tls, m_register})
        input->setEnabled(!busy);
    m_autoLogin->setEnabled(!busy && m_remember->isChecked());
    m_progressLabel->setText(progress);
    m_progress->setVisible(busy);
    if (busy)
        m_failure->hide();
    m_logIn->setDefault(!busy);
    retranslateUi();
    (busy ? static_cast<QWidget *>(m_logIn) : m_password)->setFocus();
}

void LoginDialog::showFailure(const QString &message)
{
    m_failureText->setText(message);
    m_failure->show();
    if (!m_busy) {
        m_password->setFocus();
        m_password->selectAll();
    }
}

void LoginDialog::setCredentials(const QString &jid, const QString &password)
{
    const auto parsed = Jid::parse(jid);
    m_username->setText(jid);
    if (parsed) {
        const auto server = parseServerAddress(m_server->text());
        if (!server || server->host.compare(parsed->domain(), Qt::CaseInsensitive) != 0)
            m_server->setText(parsed->domain());
    }
    m_password->setText(password);
    m_fieldErrors.clear();
    m_failure->hide();
    m_logIn->setFocus();
}

LoginPreferences LoginDialog::preferences() const
{
    return {.username = m_username->text().trimmed(),
            .server = m_server->text().trimmed(),
            .host = m_host->text().trimmed(),
            .port = static_cast<quint16>(m_port->value()),
            .resource = m_resource->text().trimmed(),
            .directTls = m_tls->currentIndex() == 1,
            .rememberPassword = m_remember->isChecked(),
            .autoLogin = m_remember->isChecked() && m_autoLogin->isChecked(),
            .initialStatus =
                static_cast<PresenceStatus::Availability>(m_status->currentData().toInt())};
}

QString LoginDialog::password() const
{
    return m_password->text();
}

QString LoginDialog::accountJid(const LoginPreferences &preferences)
{
    QString text = preferences.username.trimmed();
    if (text.isEmpty())
        return {};
    if (!text.contains(u'@')) {
        const auto server = parseServerAddress(preferences.server);
        if (!server || server->host.isEmpty())
            return {};
        text += u'@' + server->host;
    }
    const auto jid = Jid::parse(text);
    if (!jid || jid->local().isEmpty() || !jid->isBare())
        return {};
    return jid->toString();
}

void LoginDialog::submit()
{
    if (m_busy)
        return;
    m_fieldErrors.clear();
    m_failure->hide();
    const LoginPreferences form = preferences();

    const bool fullJid = form.username.contains(u'@');
    if (form.username.isEmpty())
        m_fieldErrors.set(m_username, RegistrationError::EmptyUsername);
    else if (fullJid ? accountJid(form).isEmpty() : !Jid::normalizeLocal(form.username))
        m_fieldErrors.set(m_username, RegistrationError::InvalidUsername);
    if (m_password->text().isEmpty())
        m_fieldErrors.set(m_password, RegistrationError::EmptyPassword);
    const auto server = parseServerAddress(form.server);
    if (!server)
        m_fieldErrors.set(m_server, RegistrationError::InvalidAddress);
    else if (server->host.isEmpty() ? !fullJid : !Jid::parse(server->host))
        m_fieldErrors.set(m_server, RegistrationError::InvalidServer);
    if (!parseServerAddress(form.host)) {
        setAdvancedVisible(true);
        m_fieldErrors.set(m_host, RegistrationError::InvalidAddress);
    }

    for (QWidget *field :
         std::initializer_list<QWidget *>{m_username, m_password, m_server, m_host}) {
        if (m_fieldErrors.has(field)) {
            field->setFocus();
            if (auto *edit = qobject_cast<QLineEdit *>(field))
                edit->selectAll();
            return;
        }
    }

    const QString jid = accountJid(form);
    const AccountSettings settings{.jid = jid,
                                   .password = m_password->text(),
                                   .address = connectAddress(form, Jid::parse(jid)->domain()),
                                   .resource = form.resource,
                                   .directTls = form.directTls};
    Q_EMIT loginRequested(settings, PresenceStatus{form.initialStatus, {}});
}

void LoginDialog::reject()
{
    if (m_busy)
        Q_EMIT cancelRequested();
    else
        QDialog::reject();
}

bool LoginDialog::event(QEvent *event)
{
    const bool handled = QDialog::event(event);
    // Rows come and go (errors, Advanced, progress): the window follows its contents.
    if (event->type() == QEvent::LayoutRequest)
        adjustSize();
    return handled;
}

void LoginDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

void LoginDialog::showEvent(QShowEvent *event)
{
    QDialog::showEvent(event);
    updateLogo();
    if (m_passwordAccount.isEmpty() && m_remember->isChecked() && m_password->text().isEmpty()) {
        m_passwordAccount = accountJid(preferences());
        if (!m_passwordAccount.isEmpty())
            m_passwords.readPassword(m_passwordAccount);
    }
    if (!m_busy)
        (m_username->text().isEmpty() ? m_username : m_password)->setFocus();
}

void LoginDialog::retranslateUi()
{
    setWindowTitle(tr("Log In to Flint"));
    m_logo->setAccessibleName(tr("Flint logo"));
    m_subtitle->setText(tr("Chat with your team, securely."));
    m_usernameLabel->setText(tr("&Username:"));
    m_username->setPlaceholderText(tr("name or name@example.com"));
    m_username->setAccessibleName(tr("Username"));
    m_passwordLabel->setText(tr("&Password:"));
    m_password->setAccessibleName(tr("Password"));
    m_serverLabel->setText(tr("&Server:"));
    m_server->setPlaceholderText(tr("example.com"));
    m_server->setAccessibleName(tr("Server"));
    m_statusLabel->setText(tr("S&tatus:"));
    m_status->setAccessibleName(tr("Status after logging in"));
    for (int row = 0; row < m_status->count(); ++row)
        m_status->setItemText(row, availabilityName(static_cast<PresenceStatus::Availability>(
                                       m_status->itemData(row).toInt())));
    m_remember->setText(tr("&Remember password"));
    m_remember->setToolTip(tr("Keeps the password in your system's keyring"));
    m_autoLogin->setText(tr("Log in &automatically"));
    m_advancedToggle->setText(tr("Ad&vanced"));
    m_advancedToggle->setAccessibleName(tr("Advanced connection settings"));
    m_hostLabel->setText(tr("&Host:"));
    m_host->setPlaceholderText(tr("From the server's DNS records"));
    m_host->setAccessibleName(tr("Host to connect to"));
    m_portLabel->setText(tr("P&ort:"));
    m_port->setSpecialValueText(tr("Default"));
    m_port->setAccessibleName(tr("Port"));
    m_resourceLabel->setText(tr("R&esource:"));
    m_resource->setPlaceholderText(tr("Chosen automatically"));
    m_resource->setAccessibleName(tr("Resource"));
    m_tlsLabel->setText(tr("Se&curity:"));
    m_tls->setItemText(0, tr("STARTTLS (required)"));
    m_tls->setItemText(1, tr("Direct TLS"));
    m_tls->setAccessibleName(tr("Security"));
    m_progressBar->setAccessibleName(tr("Connecting"));
    m_failureText->setAccessibleName(tr("Login failure"));
    m_register->setText(tr("Create account…"));
    m_logIn->setText(m_busy ? tr("Cancel") : tr("Log In"));
    m_fieldErrors.retranslate();
}

void LoginDialog::applyPreferences(const LoginPreferences &preferences)
{
    m_username->setText(preferences.username);
    m_server->setText(preferences.server);
    m_host->setText(preferences.host);
    m_port->setValue(preferences.port);
    m_resource->setText(preferences.resource);
    m_tls->setCurrentIndex(preferences.directTls ? 1 : 0);
    m_remember->setChecked(preferences.rememberPassword);
    m_autoLogin->setChecked(preferences.rememberPassword && preferences.autoLogin);
    m_autoLogin->setEnabled(preferences.rememberPassword);
    const int status = m_status->findData(int(preferences.initialStatus));
    m_status->setCurrentIndex(status < 0 ? 0 : status);
    // Settings that were changed from their defaults are worth seeing.
    setAdvancedVisible(!preferences.host.isEmpty() || preferences.port != 0 ||
                       !preferences.resource.isEmpty() || preferences.directTls);
}

void LoginDialog::setAdvancedVisible(bool visible)
{
    m_advancedToggle->setIcon(icon(visible ? u"chevron-up"_s : u"chevron-down"_s));
    for (QWidget *field : std::initializer_list<QWidget *>{m_host, m_port, m_resource, m_tls})
        m_fieldErrors.setRowVisible(field, visible);
}

void LoginDialog::updateLogo()
{
    const int size = fontMetrics().height() * 4;
    m_logo->setPixmap(appIcon().pixmap(QSize(size, size), devicePixelRatioF()));
}

void LoginDialog::showKeyringNote(const QString &message)
{
    m_keyringNote->setText(message);
    m_form->setRowVisible(m_keyringNote, true);
}

} // namespace flint::ui

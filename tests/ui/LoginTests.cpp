// The way into the app driven as a user would (flows A and B): logging in through the login
// dialog, the failure reasons, the first-use certificate prompt, inline validation, the keyring
// note, and creating accounts in open and admin modes — against a real flint-server.
#include "UiTestSupport.h"
#include "client/ConnectionError.h"
#include "client/PasswordStore.h"
#include "common/Certificates.h"
#include "login/CertificateDialog.h"
#include "login/LoginController.h"
#include "login/LoginDialog.h"
#include "login/RegisterDialog.h"

#include <catch2/catch.hpp>

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QFontInfo>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTcpServer>
#include <QTest>
#include <QToolButton>

#include <memory>

using namespace flint;
using namespace flint::test;
using namespace flint::ui;
using namespace Qt::StringLiterals;

namespace {

constexpr int Timeout = 20000;

// One app's login state: a settings file, certificate pins and a data directory of its own.
struct LoginApp {
    QTemporaryDir dir;
    QString iniPath = dir.filePath(u"flint.ini"_s);
    ClientSettings settings{iniPath};
    CertificateTrust trust{dir.filePath(u"pinned-certificates"_s)};
    LoginController controller{settings, trust, dir.filePath(u"data"_s)};
    std::unique_ptr<ClientAccount> account;

    LoginApp()
    {
        QObject::connect(&controller, &LoginController::loggedIn,
                         [this](ClientAccount *loggedIn) { account.reset(loggedIn); });
    }
    LoginDialog &dialog() const { return controller.dialog(); }
};

template <typename T> T *child(const QWidget &parent, const QString &name)
{
    T *widget = parent.findChild<T *>(name);
    REQUIRE(widget);
    return widget;
}

void typeInto(QWidget &parent, const QString &name, const QString &text)
{
    auto *edit = child<QLineEdit>(parent, name);
    edit->selectAll();
    QTest::keyClicks(edit, text);
}

void setPort(QWidget &parent, quint16 port)
{
    auto *spin = child<QSpinBox>(parent, u"portSpin"_s);
    spin->selectAll();
    QTest::keyClicks(spin, QString::number(port));
    REQUIRE(spin->value() == port);
}

void openAdvanced(QWidget &parent)
{
    auto *host = child<QLineEdit>(parent, u"hostEdit"_s);
    if (!host->isVisible())
        QTest::mouseClick(child<QToolButton>(parent, u"advancedToggle"_s), Qt::LeftButton);
    REQUIRE(host->isVisible());
}

// Fills the login form as a user would, connecting to 127.0.0.1:`port`.
void fillLogin(LoginDialog &dialog, const QString &username, const QString &password, quint16 port)
{
    typeInto(dialog, u"usernameEdit"_s, username);
    typeInto(dialog, u"passwordEdit"_s, password);
    typeInto(dialog, u"serverEdit"_s, u"flint.test"_s);
    openAdvanced(dialog);
    typeInto(dialog, u"hostEdit"_s, u"127.0.0.1"_s);
    setPort(dialog, port);
}

void clickLogIn(LoginDialog &dialog)
{
    QTest::mouseClick(child<QPushButton>(dialog, u"loginButton"_s), Qt::LeftButton);
}

bool failureShown(const QWidget &dialog, const QString &text)
{
    auto *box = dialog.findChild<QWidget *>(u"failureBox"_s);
    auto *label = dialog.findChild<QLabel *>(u"failureText"_s);
    return box && label && box->isVisible() && label->text() == text;
}

// The form accepts input again: fields enabled, the button says Log In.
void requireUsable(LoginDialog &dialog)
{
    CHECK_FALSE(dialog.isBusy());
    CHECK(child<QLineEdit>(dialog, u"usernameEdit"_s)->isEnabled());
    CHECK(child<QLineEdit>(dialog, u"passwordEdit"_s)->isEnabled());
    auto *button = child<QPushButton>(dialog, u"loginButton"_s);
    CHECK(button->isEnabled());
    CHECK(button->text() == LoginDialog::tr("Log In"));
    CHECK_FALSE(child<QWidget>(dialog, u"progressBar"_s)->isVisible());
}

CertificateDialog *visibleCertificateDialog(const QWidget &parent)
{
    for (auto *dialog : parent.findChildren<CertificateDialog *>()) {
        if (dialog->isVisible())
            return dialog;
    }
    return nullptr;
}

// A loopback port where nothing listens.
quint16 closedPort()
{
    QTcpServer probe;
    REQUIRE(probe.listen(QHostAddress::LocalHost));
    const quint16 port = probe.serverPort();
    probe.close();
    return port;
}

QString resultText(const RegisterDialog &dialog)
{
    auto *box = dialog.findChild<QWidget *>(u"resultBox"_s);
    return box && box->isVisible() ? dialog.findChild<QLabel *>(u"resultText"_s)->text()
                                   : QString();
}

void fillRegistration(RegisterDialog &dialog, const QString &username, const QString &password,
                      quint16 port)
{
    typeInto(dialog, u"usernameEdit"_s, username);
    typeInto(dialog, u"passwordEdit"_s, password);
    typeInto(dialog, u"confirmEdit"_s, password);
    typeInto(dialog, u"serverEdit"_s, u"flint.test"_s);
    openAdvanced(dialog);
    typeInto(dialog, u"hostEdit"_s, u"127.0.0.1"_s);
    setPort(dialog, port);
}

void clickCreate(RegisterDialog &dialog)
{
    QTest::mouseClick(child<QPushButton>(dialog, u"createButton"_s), Qt::LeftButton);
}

// Makes QtKeychain find no keyring, whatever the machine running the tests has.
class NoKeyring {
public:
    NoKeyring() : m_saved(qgetenv("DBUS_SESSION_BUS_ADDRESS"))
    {
        qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/flint-test-bus");
    }
    ~NoKeyring() { qputenv("DBUS_SESSION_BUS_ADDRESS", m_saved); }

private:
    QByteArray m_saved;
};

} // namespace

TEST_CASE("Logging in through the login dialog saves the preferences", "[ui][login]")
{
    UiServer server;
    REQUIRE(server.start({u"alice"_s}));
    LoginApp app;
    app.trust.trustCertificate(server.jid(u"alice"_s), server.certificate());
    app.controller.start(false);
    LoginDialog &dialog = app.dialog();
    REQUIRE(dialog.isVisible());
    saveGrab(dialog, u"login-idle"_s);

    fillLogin(dialog, u"alice@flint.test"_s, server.password(u"alice"_s), server.server().port());
    saveGrab(dialog, u"login-advanced"_s);
    clickLogIn(dialog);
    CHECK(dialog.isBusy());
    CHECK_FALSE(child<QLineEdit>(dialog, u"usernameEdit"_s)->isEnabled());
    CHECK(child<QProgressBar>(dialog, u"progressBar"_s)->isVisible());
    CHECK(child<QLabel>(dialog, u"progressLabel"_s)->text() ==
          LoginController::tr("Connecting to %1…").arg(u"flint.test"_s));
    CHECK(child<QPushButton>(dialog, u"loginButton"_s)->text() == LoginDialog::tr("Cancel"));
    saveGrab(dialog, u"login-busy"_s);

    REQUIRE(waitFor([&] { return app.account != nullptr; }, Timeout));
    CHECK(app.account->bareJid() == server.jid(u"alice"_s));
    CHECK(app.account->session().state() == AccountSession::Connected);
    CHECK_FALSE(dialog.isVisible());

    app.settings.store().sync();
    const LoginPreferences saved = ClientSettings(app.iniPath).loginPreferences();
    CHECK(saved.username == u"alice@flint.test"_s);
    CHECK(saved.server == u"flint.test"_s);
    CHECK(saved.host == u"127.0.0.1"_s);
    CHECK(saved.port == server.server().port());
    CHECK_FALSE(saved.rememberPassword);
    QFile ini(app.iniPath);
    REQUIRE(ini.open(QIODevice::ReadOnly));
    CHECK_FALSE(ini.readAll().contains(server.password(u"alice"_s).toUtf8()));

    // The next start shows the same form.
    PasswordStore passwords;
    ClientSettings reread(app.iniPath);
    LoginDialog reopened(reread, passwords);
    CHECK(child<QLineEdit>(reopened, u"usernameEdit"_s)->text() == u"alice@flint.test"_s);
    CHECK(child<QLineEdit>(reopened, u"serverEdit"_s)->text() == u"flint.test"_s);
    CHECK(child<QLineEdit>(reopened, u"hostEdit"_s)->text() == u"127.0.0.1"_s);
    CHECK(child<QSpinBox>(reopened, u"portSpin"_s)->value() == server.server().port());
}

TEST_CASE("A wrong password shows the reason and leaves the form usable", "[ui][login]")
{
    UiServer server;
    REQUIRE(server.start({u"alice"_s}));
    LoginApp app;
    app.trust.trustCertificate(server.jid(u"alice"_s), server.certificate());
    app.controller.start(false);
    LoginDialog &dialog = app.dialog();

    fillLogin(dialog, u"alice"_s, u"not the password"_s, server.server().port());
    clickLogIn(dialog);
    const QString wrongPassword = describe(ConnectionError{ConnectionError::WrongPassword, {}});
    REQUIRE(waitFor([&] { return failureShown(dialog, wrongPassword); }, Timeout));
    saveGrab(dialog, u"login-failure"_s);
    requireUsable(dialog);
    CHECK(dialog.isVisible());
    CHECK(app.account == nullptr);
    CHECK(dialog.focusWidget() == child<QLineEdit>(dialog, u"passwordEdit"_s));

    // The same form, corrected, logs in.
    typeInto(dialog, u"passwordEdit"_s, server.password(u"alice"_s));
    QTest::keyClick(child<QLineEdit>(dialog, u"passwordEdit"_s), Qt::Key_Return);
    CHECK_FALSE(child<QWidget>(dialog, u"failureBox"_s)->isVisible());
    REQUIRE(waitFor([&] { return app.account != nullptr; }, Timeout));
    CHECK(app.account->bareJid() == server.jid(u"alice"_s));
}

TEST_CASE("An unknown certificate is shown with its fingerprint before it is trusted",
          "[ui][login]")
{
    UiServer server;
    REQUIRE(server.start({u"alice"_s}));
    LoginApp app;
    app.controller.start(false);
    LoginDialog &dialog = app.dialog();
    const QString jid = server.jid(u"alice"_s);
    const QString fingerprint = sha256Fingerprint(server.certificate());

    fillLogin(dialog, jid, server.password(u"alice"_s), server.server().port());
    clickLogIn(dialog);
    CertificateDialog *prompt = nullptr;
    REQUIRE(
        waitFor([&] { return (prompt = visibleCertificateDialog(dialog)) != nullptr; }, Timeout));
    saveGrab(*prompt, u"certificate"_s);
    auto *shown = child<QLabel>(*prompt, u"fingerprintValue"_s);
    CHECK(QString(shown->text()).replace(u'\n', u':') == fingerprint);
    CHECK(QFontInfo(shown->font()).fixedPitch());
    CHECK(child<QLabel>(*prompt, u"serverValue"_s)->text() == u"flint.test"_s);
    CHECK(child<QLabel>(*prompt, u"accountValue"_s)->text() == jid);
    auto *cancel = child<QPushButton>(*prompt, u"cancelButton"_s);
    CHECK(cancel->isDefault());
    CHECK(dialog.isBusy());

    SECTION("refusing it shows why the login stopped")
    {
        QTest::mouseClick(cancel, Qt::LeftButton);
        const QString notTrusted =
            describe(ConnectionError{ConnectionError::CertificateNotTrusted, {}});
        REQUIRE(waitFor([&] { return failureShown(dialog, notTrusted); }, Timeout));
        requireUsable(dialog);
        CHECK(app.trust.pinnedFingerprint(jid).isEmpty());
    }

    SECTION("trusting it pins it and logs in")
    {
        QTest::mouseClick(child<QPushButton>(*prompt, u"trustButton"_s), Qt::LeftButton);
        REQUIRE(waitFor([&] { return app.account != nullptr; }, Timeout));
        CHECK(app.account->session().state() == AccountSession::Connected);
        CHECK(app.trust.pinnedFingerprint(jid) == fingerprint);
    }
}

TEST_CASE("A server that cannot be reached is reported as such", "[ui][login]")
{
    LoginApp app;
    app.controller.start(false);
    LoginDialog &dialog = app.dialog();
    fillLogin(dialog, u"alice@flint.test"_s, u"secret"_s, closedPort());
    clickLogIn(dialog);
    const QString unreachable = describe(ConnectionError{ConnectionError::ServerUnreachable, {}});
    REQUIRE(waitFor([&] { return failureShown(dialog, unreachable); }, Timeout));
    requireUsable(dialog);
    CHECK(child<QLabel>(dialog, u"failureText"_s)->textInteractionFlags() &
          Qt::TextSelectableByMouse);
}

TEST_CASE("The login form checks its fields before anything is sent", "[ui][login]")
{
    QTemporaryDir dir;
    ClientSettings settings(dir.filePath(u"flint.ini"_s));
    PasswordStore passwords;
    LoginDialog dialog(settings, passwords);
    dialog.show();
    QSignalSpy requested(&dialog, &LoginDialog::loginRequested);
    auto *passwordError = child<QLabel>(dialog, u"passwordError"_s);

    SECTION("an empty password")
    {
        typeInto(dialog, u"usernameEdit"_s, u"alice"_s);
        typeInto(dialog, u"serverEdit"_s, u"example.com"_s);
        clickLogIn(dialog);
        CHECK(passwordError->isVisible());
        CHECK(passwordError->text() == describe(RegistrationError::EmptyPassword));
        CHECK(dialog.focusWidget() == child<QLineEdit>(dialog, u"passwordEdit"_s));
        CHECK_FALSE(child<QLabel>(dialog, u"usernameError"_s)->isVisible());
        CHECK(requested.isEmpty());
        CHECK_FALSE(dialog.isBusy());
        saveGrab(dialog, u"login-inline-error"_s);

        // Typing clears the message; a complete form is sent.
        typeInto(dialog, u"passwordEdit"_s, u"secret"_s);
        CHECK_FALSE(passwordError->isVisible());
        clickLogIn(dialog);
        REQUIRE(requested.count() == 1);
        const auto sent = requested.first().first().value<AccountSettings>();
        CHECK(sent.jid == u"alice@example.com"_s);
        CHECK(sent.password == u"secret"_s);
        CHECK(sent.address.isEmpty());
    }

    SECTION("every empty field at once, focus on the first")
    {
        clickLogIn(dialog);
        CHECK(child<QLabel>(dialog, u"usernameError"_s)->text() ==
              describe(RegistrationError::EmptyUsername));
        CHECK(passwordError->text() == describe(RegistrationError::EmptyPassword));
        CHECK(child<QLabel>(dialog, u"serverError"_s)->text() ==
              describe(RegistrationError::InvalidServer));
        CHECK(dialog.focusWidget() == child<QLineEdit>(dialog, u"usernameEdit"_s));
        CHECK(requested.isEmpty());
    }

    SECTION("a bad server address and a bad host")
    {
        typeInto(dialog, u"usernameEdit"_s, u"alice"_s);
        typeInto(dialog, u"passwordEdit"_s, u"secret"_s);
        typeInto(dialog, u"serverEdit"_s, u"example.com:99999"_s);
        clickLogIn(dialog);
        CHECK(child<QLabel>(dialog, u"serverError"_s)->text() ==
              describe(RegistrationError::InvalidAddress));
        typeInto(dialog, u"serverEdit"_s, u"example.com"_s);
        openAdvanced(dialog);
        typeInto(dialog, u"hostEdit"_s, u"no such host!"_s);
        clickLogIn(dialog);
        CHECK(child<QLabel>(dialog, u"hostError"_s)->isVisible());
        CHECK(dialog.focusWidget() == child<QLineEdit>(dialog, u"hostEdit"_s));
        CHECK(requested.isEmpty());
    }

    SECTION("a full address in the username and a port in the server field")
    {
        typeInto(dialog, u"usernameEdit"_s, u"bob@example.com"_s);
        typeInto(dialog, u"passwordEdit"_s, u"secret"_s);
        typeInto(dialog, u"serverEdit"_s, u"xmpp.example.com:5223"_s);
        auto *tls = child<QComboBox>(dialog, u"tlsCombo"_s);
        openAdvanced(dialog);
        tls->setCurrentIndex(1);
        typeInto(dialog, u"resourceEdit"_s, u"laptop"_s);
        clickLogIn(dialog);
        REQUIRE(requested.count() == 1);
        const auto sent = requested.first().first().value<AccountSettings>();
        CHECK(sent.jid == u"bob@example.com"_s);
        CHECK(sent.address == u"xmpp.example.com:5223"_s);
        CHECK(sent.resource == u"laptop"_s);
        CHECK(sent.directTls);
    }

    SECTION("a port override alone connects to the domain on that port")
    {
        typeInto(dialog, u"usernameEdit"_s, u"carol"_s);
        typeInto(dialog, u"passwordEdit"_s, u"secret"_s);
        typeInto(dialog, u"serverEdit"_s, u"example.com"_s);
        openAdvanced(dialog);
        setPort(dialog, 5269);
        auto *status = child<QComboBox>(dialog, u"statusCombo"_s);
        status->setCurrentIndex(status->findData(int(PresenceStatus::DoNotDisturb)));
        clickLogIn(dialog);
        REQUIRE(requested.count() == 1);
        CHECK(requested.first().first().value<AccountSettings>().address == u"example.com:5269"_s);
        CHECK(requested.first().at(1).value<PresenceStatus>().availability ==
              PresenceStatus::DoNotDisturb);
    }
}

TEST_CASE("Remember password without a keyring shows a note and still logs in", "[ui][login]")
{
    NoKeyring noKeyring;
    UiServer server;
    REQUIRE(server.start({u"alice"_s}));
    LoginApp app;
    app.trust.trustCertificate(server.jid(u"alice"_s), server.certificate());
    app.controller.start(false);
    LoginDialog &dialog = app.dialog();
    fillLogin(dialog, u"alice"_s, server.password(u"alice"_s), server.server().port());
    auto *autoLogin = child<QCheckBox>(dialog, u"autoLoginCheck"_s);
    CHECK_FALSE(autoLogin->isEnabled());
    QTest::mouseClick(child<QCheckBox>(dialog, u"rememberCheck"_s), Qt::LeftButton);
    CHECK(autoLogin->isEnabled());
    QTest::mouseClick(autoLogin, Qt::LeftButton);
    CHECK(autoLogin->isChecked());
    clickLogIn(dialog);

    REQUIRE(waitFor([&] { return app.account != nullptr; }, Timeout));
    CHECK(app.account->session().state() == AccountSession::Connected);
    QMessageBox *note = nullptr;
    REQUIRE(waitFor(
        [&] {
            for (QWidget *widget : QApplication::topLevelWidgets()) {
                if (widget->objectName() == u"keyringNote"_s && widget->isVisible())
                    note = qobject_cast<QMessageBox *>(widget);
            }
            return note != nullptr;
        },
        Timeout));
    CHECK_FALSE(note->informativeText().isEmpty());
    CHECK(note->isModal() == false);
    saveGrab(*note, u"login-keyring-note"_s);

    app.settings.store().sync();
    const LoginPreferences saved = ClientSettings(app.iniPath).loginPreferences();
    CHECK(saved.rememberPassword);
    CHECK(saved.autoLogin);
    QFile ini(app.iniPath);
    REQUIRE(ini.open(QIODevice::ReadOnly));
    CHECK_FALSE(ini.readAll().contains(server.password(u"alice"_s).toUtf8()));

    // Next start: automatic login cannot read the password, so the form stays with the note.
    LoginApp next;
    next.settings.setLoginPreferences(saved);
    LoginController controller(next.settings, next.trust, next.dir.filePath(u"data"_s));
    controller.start(true);
    auto *dialogNote = child<QLabel>(controller.dialog(), u"keyringNote"_s);
    REQUIRE(waitFor([&] { return dialogNote->isVisible(); }, Timeout));
    CHECK_FALSE(dialogNote->text().isEmpty());
    CHECK_FALSE(controller.dialog().isBusy());
    CHECK(controller.dialog().password().isEmpty());
    CHECK(controller.dialog().isVisible());
}

TEST_CASE("Registering in open mode creates the account and fills the login form", "[ui][login]")
{
    UiServer server;
    REQUIRE(server.start());
    LoginApp app;
    app.controller.start(false);
    LoginDialog &dialog = app.dialog();
    QTest::mouseClick(child<QPushButton>(dialog, u"registerButton"_s), Qt::LeftButton);
    auto *registration = dialog.findChild<RegisterDialog *>();
    REQUIRE(registration);
    REQUIRE(registration->isVisible());
    QSignalSpy created(registration, &RegisterDialog::accountCreated);
    saveGrab(*registration, u"register-inband"_s);

    // The passwords differ: said next to the confirmation, nothing sent.
    fillRegistration(*registration, u"newbie"_s, u"newbie secret"_s, server.server().port());
    typeInto(*registration, u"confirmEdit"_s, u"something else"_s);
    clickCreate(*registration);
    auto *confirmError = child<QLabel>(*registration, u"confirmError"_s);
    CHECK(confirmError->isVisible());
    CHECK(confirmError->text() == describe(RegistrationError::PasswordsDiffer));
    CHECK_FALSE(registration->isBusy());
    CHECK(registration->focusWidget() == child<QLineEdit>(*registration, u"confirmEdit"_s));
    saveGrab(*registration, u"register-inline-error"_s);

    // Corrected: the server's certificate is new to this account, so it is asked about first.
    typeInto(*registration, u"confirmEdit"_s, u"newbie secret"_s);
    clickCreate(*registration);
    CHECK(registration->isBusy());
    CertificateDialog *prompt = nullptr;
    REQUIRE(waitFor([&] { return (prompt = visibleCertificateDialog(*registration)) != nullptr; },
                    Timeout));
    CHECK(prompt->account() == server.jid(u"newbie"_s));
    QTest::mouseClick(child<QPushButton>(*prompt, u"trustButton"_s), Qt::LeftButton);

    const QString success = describe(RegistrationResult{RegistrationResult::Created, {}, {}});
    REQUIRE(waitFor([&] { return resultText(*registration).contains(success); }, Timeout));
    CHECK(resultText(*registration).contains(server.jid(u"newbie"_s)));
    saveGrab(*registration, u"register-success"_s);
    REQUIRE(created.count() == 1);
    CHECK(created.first().at(0).toString() == server.jid(u"newbie"_s));
    CHECK(created.first().at(1).toString() == u"newbie secret"_s);

    // Back on the login form, filled in: logging in works with the certificate pinned above.
    CHECK(child<QLineEdit>(dialog, u"usernameEdit"_s)->text() == server.jid(u"newbie"_s));
    CHECK(dialog.password() == u"newbie secret"_s);
    QTest::mouseClick(child<QPushButton>(*registration, u"closeButton"_s), Qt::LeftButton);
    openAdvanced(dialog);
    typeInto(dialog, u"hostEdit"_s, u"127.0.0.1"_s);
    setPort(dialog, server.server().port());
    clickLogIn(dialog);
    REQUIRE(waitFor([&] { return app.account != nullptr; }, Timeout));
    CHECK(app.account->bareJid() == server.jid(u"newbie"_s));
}

TEST_CASE("Registering a name that is taken says so", "[ui][login]")
{
    UiServer server;
    REQUIRE(server.start({u"alice"_s}));
    QTemporaryDir dir;
    CertificateTrust trust(dir.filePath(u"pinned-certificates"_s));
    trust.trustCertificate(server.jid(u"alice"_s), server.certificate());
    RegisterDialog dialog(trust);
    dialog.show();
    QSignalSpy created(&dialog, &RegisterDialog::accountCreated);

    fillRegistration(dialog, u"alice"_s, u"another secret"_s, server.server().port());
    clickCreate(dialog);
    const QString taken = describe(RegistrationResult{RegistrationResult::NameTaken, {}, {}});
    REQUIRE(waitFor([&] { return resultText(dialog) == taken; }, Timeout));
    saveGrab(dialog, u"register-failure"_s);
    CHECK(created.isEmpty());
    CHECK_FALSE(dialog.isBusy());
    CHECK(child<QLineEdit>(dialog, u"usernameEdit"_s)->isEnabled());
}

TEST_CASE("An administrator creates accounts for others", "[ui][login]")
{
    UiServer server(u"admins"_s);
    REQUIRE(server.start({u"alice"_s}));
    QTemporaryDir dir;
    CertificateTrust trust(dir.filePath(u"pinned-certificates"_s));
    trust.trustCertificate(server.jid(u"admin"_s), server.certificate());
    trust.trustCertificate(server.jid(u"alice"_s), server.certificate());
    RegisterDialog dialog(trust);
    dialog.show();
    QSignalSpy created(&dialog, &RegisterDialog::accountCreated);

    auto *adminUsername = child<QLineEdit>(dialog, u"adminUsernameEdit"_s);
    CHECK_FALSE(adminUsername->isVisible());
    QTest::mouseClick(child<QCheckBox>(dialog, u"adminCheck"_s), Qt::LeftButton);
    CHECK(adminUsername->isVisible());
    fillRegistration(dialog, u"bob"_s, server.password(u"bob"_s), server.server().port());

    // The administrator's password is needed too.
    typeInto(dialog, u"adminUsernameEdit"_s, u"admin"_s);
    clickCreate(dialog);
    CHECK(child<QLabel>(dialog, u"adminPasswordError"_s)->text() ==
          describe(RegistrationError::EmptyAdminPassword));
    CHECK_FALSE(dialog.isBusy());
    saveGrab(dialog, u"register-admin"_s);

    typeInto(dialog, u"adminPasswordEdit"_s, server.password(u"admin"_s));
    clickCreate(dialog);
    const QString success = describe(RegistrationResult{RegistrationResult::Created, {}, {}});
    REQUIRE(waitFor([&] { return resultText(dialog).contains(success); }, Timeout));
    CHECK(resultText(dialog).contains(server.jid(u"bob"_s)));
    saveGrab(dialog, u"register-admin-success"_s);
    CHECK(created.isEmpty());
    CHECK(dialog.isVisible());
    CHECK(child<QLineEdit>(dialog, u"usernameEdit"_s)->text().isEmpty());
    CHECK(child<QLineEdit>(dialog, u"passwordEdit"_s)->text().isEmpty());
    CHECK(adminUsername->text() == u"admin"_s);
    CHECK(child<QLineEdit>(dialog, u"usernameEdit"_s)->isEnabled());
    TestAccount bob(server, u"bob"_s);
    CHECK(bob.logIn());

    // Someone who is not an administrator cannot.
    typeInto(dialog, u"usernameEdit"_s, u"carol"_s);
    typeInto(dialog, u"passwordEdit"_s, u"carol secret"_s);
    typeInto(dialog, u"confirmEdit"_s, u"carol secret"_s);
    typeInto(dialog, u"adminUsernameEdit"_s, u"alice"_s);
    typeInto(dialog, u"adminPasswordEdit"_s, server.password(u"alice"_s));
    clickCreate(dialog);
    const QString notAllowed = describe(RegistrationResult{RegistrationResult::NotAllowed, {}, {}});
    REQUIRE(waitFor([&] { return resultText(dialog) == notAllowed; }, Timeout));
    CHECK_FALSE(dialog.isBusy());
}

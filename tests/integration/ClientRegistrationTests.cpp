// RegistrationManager against real servers (flow A): the server's form, in-band registration
// under each policy, XEP-0133 add-user in admin mode, and the typed result of every failure.
#include "client/AccountSession.h"
#include "client/CertificateTrust.h"
#include "client/RegistrationManager.h"
#include "common/Certificates.h"
#include "support/ProsodyInstance.h"
#include "support/TestServer.h"

#include <catch2/catch.hpp>

#include <QElapsedTimer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>

using namespace flint;
using namespace flint::test;
using namespace Qt::StringLiterals;

namespace {

struct RegistrationProbe {
    explicit RegistrationProbe(RegistrationManager &manager)
    {
        QObject::connect(&manager, &RegistrationManager::finished,
                         [this](const RegistrationResult &result) { results << result; });
        QObject::connect(&manager, &RegistrationManager::formReceived,
                         [this](const ServerRegistrationForm &received) { forms << received; });
        QObject::connect(&manager, &RegistrationManager::formRequestFailed,
                         [this](const RegistrationResult &result) { results << result; });
        QObject::connect(&manager, &RegistrationManager::certificateApprovalNeeded,
                         [this](const QString &account, const QString &fingerprint,
                                const QSslCertificate &certificate) {
                             approvalAccount = account;
                             approvalFingerprint = fingerprint;
                             approvalCertificate = certificate;
                         });
    }
    // The next result, after `count` earlier ones.
    RegistrationResult::Kind waitForResult(qsizetype count = 0, int timeoutMs = 20000)
    {
        if (!waitFor([&] { return results.size() > count; }, timeoutMs))
            return RegistrationResult::Other;
        return results.at(count).kind;
    }

    QList<RegistrationResult> results;
    QList<ServerRegistrationForm> forms;
    QString approvalAccount;
    QString approvalFingerprint;
    QSslCertificate approvalCertificate;
};

struct TrustFixture {
    QTemporaryDir dir;
    CertificateTrust trust{dir.filePath(u"pinned-certificates"_s)};
};

QSslCertificate certificateOf(const TestServer &server)
{
    return QSslCertificate::fromPath(server.dataDirectory() + u"/certificate.pem"_s).value(0);
}

RegistrationForm formFor(const QString &domain, quint16 port, const QString &user,
                         const QString &password)
{
    return {.username = user,
            .password = password,
            .passwordConfirmation = password,
            .server = domain,
            .address = u"127.0.0.1:%1"_s.arg(port),
            .timeoutSeconds = 10};
}

void startOrFail(TestServer &server)
{
    if (!server.start())
        FAIL(server.log().toStdString());
}

// Logs in with a fresh session; the certificate is pinned for the account first.
bool canLogIn(CertificateTrust &trust, const QString &domain, quint16 port,
              const QSslCertificate &certificate, const QString &user, const QString &password)
{
    trust.trustCertificate(user + u'@' + domain, certificate);
    AccountSession session(trust);
    bool loggedIn = false;
    bool failed = false;
    QObject::connect(&session, &AccountSession::loggedIn, [&] { loggedIn = true; });
    QObject::connect(&session, &AccountSession::loginFailed,
                     [&](const ConnectionError &) { failed = true; });
    session.connectToServer({.jid = user + u'@' + domain,
                             .password = password,
                             .address = u"127.0.0.1:%1"_s.arg(port)});
    waitFor([&] { return loggedIn || failed; }, 15000);
    session.cancel();
    return loggedIn;
}

} // namespace

TEST_CASE("Open registration: the form, a new account after approving the certificate, and a "
          "taken name",
          "[client][registration]")
{
    TestServer server({.registrationPolicy = u"open"_s});
    startOrFail(server);
    TrustFixture fixture;
    RegistrationManager manager(fixture.trust);
    RegistrationProbe probe(manager);
    REQUIRE(fixture.trust.trustCertificate(server.domain(), certificateOf(server)));

    manager.requestForm(server.domain(), u"127.0.0.1:%1"_s.arg(server.port()));
    REQUIRE(waitFor([&] { return !probe.forms.isEmpty() || !probe.results.isEmpty(); }));
    REQUIRE(probe.forms.size() == 1);
    CHECK(probe.forms.first().fields.contains(u"username"_s));
    CHECK(probe.forms.first().fields.contains(u"password"_s));
    CHECK(probe.forms.first().instructions.contains(server.domain()));

    // The new account's certificate is not pinned yet: the user is asked first.
    const RegistrationForm form =
        formFor(server.domain(), server.port(), u"newbie"_s, u"fresh secret"_s);
    manager.registerAccount(form);
    REQUIRE(probe.waitForResult() == RegistrationResult::ConnectionFailed);
    CHECK(probe.results.first().connectionError.kind == ConnectionError::CertificateNotTrusted);
    REQUIRE(waitFor([&] { return !probe.approvalFingerprint.isEmpty(); }, 2000));
    CHECK(probe.approvalAccount == u"newbie@"_s + server.domain());
    CHECK(probe.approvalFingerprint == sha256Fingerprint(certificateOf(server)));
    REQUIRE(fixture.trust.trustCertificate(probe.approvalAccount, probe.approvalCertificate));

    manager.registerAccount(form);
    REQUIRE(probe.waitForResult(1) == RegistrationResult::Created);
    CHECK(canLogIn(fixture.trust, server.domain(), server.port(), certificateOf(server),
                   u"newbie"_s, u"fresh secret"_s));

    manager.registerAccount(form);
    REQUIRE(probe.waitForResult(2) == RegistrationResult::NameTaken);
    CHECK_FALSE(describe(probe.results.at(2)).isEmpty());
}

TEST_CASE("Admins-only registration: in-band is refused, an admin creates the account",
          "[client][registration][admin]")
{
    TestServer server; // registration policy "admins", admin = "admin"
    startOrFail(server);
    // The configured admin's account exists from the first start; it gets a known password.
    REQUIRE(server.runCli({u"user"_s, u"passwd"_s, u"admin"_s}, "admin secret\n") == 0);
    REQUIRE(server.addUser(u"carol"_s, u"carol secret"_s));
    TrustFixture fixture;
    for (const QString &user : {u"newbie"_s, u"admin"_s, u"carol"_s})
        REQUIRE(
            fixture.trust.trustCertificate(user + u'@' + server.domain(), certificateOf(server)));
    RegistrationManager manager(fixture.trust);
    RegistrationProbe probe(manager);
    RegistrationForm form = formFor(server.domain(), server.port(), u"newbie"_s, u"fresh secret"_s);

    SECTION("in-band registration is not allowed")
    {
        manager.registerAccount(form);
        CHECK(probe.waitForResult() == RegistrationResult::NotAllowed);
        CHECK_FALSE(canLogIn(fixture.trust, server.domain(), server.port(), certificateOf(server),
                             u"newbie"_s, u"fresh secret"_s));
    }
    SECTION("an admin adds the user, who can then log in; the same name again is taken")
    {
        form.mode = RegistrationForm::Admin;
        form.adminUsername = u"admin"_s;
        form.adminPassword = u"admin secret"_s;
        manager.registerAccount(form);
        REQUIRE(probe.waitForResult() == RegistrationResult::Created);
        CHECK(canLogIn(fixture.trust, server.domain(), server.port(), certificateOf(server),
                       u"newbie"_s, u"fresh secret"_s));
        manager.registerAccount(form);
        CHECK(probe.waitForResult(1) == RegistrationResult::NameTaken);
    }
    SECTION("a user who is not an admin is not allowed")
    {
        form.mode = RegistrationForm::Admin;
        form.adminUsername = u"carol"_s;
        form.adminPassword = u"carol secret"_s;
        manager.registerAccount(form);
        CHECK(probe.waitForResult() == RegistrationResult::NotAllowed);
        CHECK_FALSE(canLogIn(fixture.trust, server.domain(), server.port(), certificateOf(server),
                             u"newbie"_s, u"fresh secret"_s));
    }
    SECTION("a wrong admin password fails the admin's login")
    {
        form.mode = RegistrationForm::Admin;
        form.adminUsername = u"admin"_s;
        form.adminPassword = u"guess"_s;
        manager.registerAccount(form);
        REQUIRE(probe.waitForResult() == RegistrationResult::ConnectionFailed);
        CHECK(probe.results.first().connectionError.kind == ConnectionError::WrongPassword);
    }
}

TEST_CASE("Registration reports an unreachable or silent server", "[client][registration]")
{
    TrustFixture fixture;
    RegistrationManager manager(fixture.trust);
    RegistrationProbe probe(manager);

    SECTION("nothing listening")
    {
        quint16 closedPort = 0;
        {
            QTcpServer probePort;
            probePort.listen(QHostAddress::LocalHost, 0);
            closedPort = probePort.serverPort();
        }
        manager.registerAccount(formFor(u"flint.test"_s, closedPort, u"newbie"_s, u"pw"_s));
        CHECK(probe.waitForResult() == RegistrationResult::Unreachable);
    }
    SECTION("a server that accepts and never answers")
    {
        QTcpServer silent;
        silent.listen(QHostAddress::LocalHost, 0);
        QList<QTcpSocket *> accepted;
        QObject::connect(&silent, &QTcpServer::newConnection,
                         [&] { accepted << silent.nextPendingConnection(); });
        RegistrationForm form = formFor(u"flint.test"_s, silent.serverPort(), u"newbie"_s, u"pw"_s);
        form.timeoutSeconds = 2;
        QElapsedTimer clock;
        clock.start();
        manager.registerAccount(form);
        CHECK(probe.waitForResult() == RegistrationResult::TimedOut);
        CHECK(clock.elapsed() >= 1900);
        CHECK(clock.elapsed() < 5000);
        CHECK(accepted.size() == 1);
    }
    SECTION("an invalid form is not sent")
    {
        RegistrationForm form = formFor(u"flint.test"_s, 1, u"newbie"_s, u"pw"_s);
        form.passwordConfirmation = u"other"_s;
        manager.registerAccount(form);
        REQUIRE(probe.results.size() == 1);
        CHECK(probe.results.first().kind == RegistrationResult::Invalid);
        CHECK(probe.results.first().detail == describe(RegistrationError::PasswordsDiffer));
    }
    for (const RegistrationResult &result : std::as_const(probe.results))
        CHECK_FALSE(describe(result).isEmpty());
}

TEST_CASE("Against Prosody: in-band registration, a taken name and admin mode",
          "[client][registration][prosody]")
{
    REQUIRE(prosodyAvailable()); // the test command installs Prosody
    ProsodyInstance prosody({.allowRegistration = true, .admins = {u"admin"_s}});
    if (!prosody.start())
        FAIL(prosody.log().toStdString());
    REQUIRE(prosody.addUser(u"admin"_s, u"admin secret"_s));
    const QSslCertificate certificate =
        QSslCertificate::fromPath(prosody.certificatePath()).value(0);
    TrustFixture fixture;
    for (const QString &user : {u"newbie"_s, u"admin"_s, u"other"_s})
        REQUIRE(fixture.trust.trustCertificate(user + u'@' + prosody.domain(), certificate));
    RegistrationManager manager(fixture.trust);
    RegistrationProbe probe(manager);

    RegistrationForm form =
        formFor(prosody.domain(), prosody.port(), u"newbie"_s, u"fresh secret"_s);
    manager.registerAccount(form);
    const auto created = probe.waitForResult();
    INFO(prosody.log().toStdString());
    REQUIRE(created == RegistrationResult::Created);
    CHECK(canLogIn(fixture.trust, prosody.domain(), prosody.port(), certificate, u"newbie"_s,
                   u"fresh secret"_s));
    manager.registerAccount(form);
    CHECK(probe.waitForResult(1) == RegistrationResult::NameTaken);

    form.mode = RegistrationForm::Admin;
    form.adminUsername = u"admin"_s;
    form.adminPassword = u"admin secret"_s;
    form.username = u"other"_s;
    manager.registerAccount(form);
    CHECK(probe.waitForResult(2) == RegistrationResult::Created);
    CHECK(canLogIn(fixture.trust, prosody.domain(), prosody.port(), certificate, u"other"_s,
                   u"fresh secret"_s));
    manager.registerAccount(form);
    CHECK(probe.waitForResult(3) == RegistrationResult::NameTaken);
}

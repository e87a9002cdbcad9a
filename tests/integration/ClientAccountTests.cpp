// AccountSession against real servers (flow B): the typed reason for every failed login, the
// login timeout, trust on first use of a self-signed certificate and refusal of a changed one,
// reconnection after the server dies, and XEP-0198 resumption (Prosody offers it).
#include "client/AccountSession.h"
#include "client/CertificateTrust.h"
#include "common/Certificates.h"
#include "support/ProsodyInstance.h"
#include "support/TestServer.h"

#include <catch2/catch.hpp>

#include <QElapsedTimer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QXmppClient.h>
#include <QXmppLogger.h>
#include <QXmppOutgoingClient.h>

#include <memory>

using namespace flint;
using namespace flint::test;
using namespace Qt::StringLiterals;

namespace {

// Everything an AccountSession reports.
struct SessionProbe {
    explicit SessionProbe(AccountSession &session)
    {
        QObject::connect(&session, &AccountSession::loggedIn, [this] { ++loggedIn; });
        QObject::connect(&session, &AccountSession::resumed, [this] { ++resumed; });
        QObject::connect(&session, &AccountSession::loginFailed,
                         [this](const ConnectionError &error) { failures << error; });
        QObject::connect(&session, &AccountSession::stateChanged,
                         [this](AccountSession::State state) { states << state; });
        QObject::connect(&session, &AccountSession::certificateApprovalNeeded,
                         [this](const QString &jid, const QString &fingerprint,
                                const QSslCertificate &certificate) {
                             approvalJid = jid;
                             approvalFingerprint = fingerprint;
                             approvalCertificate = certificate;
                         });
    }
    bool waitForFailure(int timeoutMs = 15000) const
    {
        return waitFor([this] { return !failures.isEmpty(); }, timeoutMs);
    }
    ConnectionError::Kind failure() const
    {
        return failures.isEmpty() ? ConnectionError::Other : failures.first().kind;
    }

    int loggedIn = 0;
    int resumed = 0;
    QList<ConnectionError> failures;
    QList<AccountSession::State> states;
    QString approvalJid;
    QString approvalFingerprint;
    QSslCertificate approvalCertificate;
};

// A trust store in a throwaway account directory.
struct TrustFixture {
    QTemporaryDir dir;
    QString path() const { return dir.filePath(u"account/pinned-certificates"_s); }
};

QSslCertificate certificateOf(const TestServer &server)
{
    return QSslCertificate::fromPath(server.dataDirectory() + u"/certificate.pem"_s).value(0);
}

AccountSettings settingsFor(const QString &domain, quint16 port, const QString &user,
                            const QString &password, int timeoutSeconds = 10)
{
    return {.jid = user + u'@' + domain,
            .password = password,
            .address = u"127.0.0.1:%1"_s.arg(port),
            .timeoutSeconds = timeoutSeconds};
}

AccountSettings settingsFor(const TestServer &server, const QString &user, const QString &password)
{
    return settingsFor(server.domain(), server.port(), user, password);
}

void startOrFail(TestServer &server)
{
    if (!server.start())
        FAIL(server.log().toStdString());
}

// A TCP port that takes connections and then says nothing, as a hung server does.
struct SilentServer {
    SilentServer()
    {
        listener.listen(QHostAddress::LocalHost, 0);
        QObject::connect(&listener, &QTcpServer::newConnection, [this] {
            while (QTcpSocket *socket = listener.nextPendingConnection()) {
                ++accepted;
                QObject::connect(socket, &QTcpSocket::disconnected, [this] { ++closed; });
            }
        });
    }
    QTcpServer listener;
    int accepted = 0;
    int closed = 0;
};

} // namespace

TEST_CASE("A self-signed certificate is approved once, pinned, and refused when it changes",
          "[client][account][trust]")
{
    TestServer server;
    startOrFail(server);
    REQUIRE(server.addUser(u"alice"_s, u"alice secret"_s));
    TrustFixture fixture;
    const QString jid = u"alice@"_s + server.domain();

    {
        CertificateTrust trust(fixture.path());
        AccountSession session(trust);
        SessionProbe probe(session);
        session.connectToServer(settingsFor(server, u"alice"_s, u"alice secret"_s));
        REQUIRE(probe.waitForFailure());
        CHECK(probe.failure() == ConnectionError::CertificateNotTrusted);
        CHECK(probe.loggedIn == 0);
        CHECK(session.state() == AccountSession::Disconnected);
        REQUIRE(waitFor([&] { return !probe.approvalFingerprint.isEmpty(); }, 2000));
        CHECK(probe.approvalJid == jid);
        CHECK(probe.approvalFingerprint == sha256Fingerprint(certificateOf(server)));
        CHECK(probe.approvalCertificate == certificateOf(server));

        // The user accepts; the same session object tries again and logs in.
        REQUIRE(trust.trustCertificate(probe.approvalJid, probe.approvalCertificate));
        QXmppLogger logger;
        logger.setLoggingType(QXmppLogger::SignalLogging);
        logger.setMessageTypes(QXmppLogger::SentMessage);
        QStringList sent;
        QObject::connect(&logger, &QXmppLogger::message,
                         [&](QXmppLogger::MessageType, const QString &text) { sent << text; });
        session.client().setLogger(&logger);
        session.connectToServer(settingsFor(server, u"alice"_s, u"alice secret"_s));
        REQUIRE(waitFor([&] { return probe.loggedIn == 1; }));
        CHECK(session.state() == AccountSession::Connected);
        CHECK(session.client().isAuthenticated());
        CHECK(probe.failures.size() == 1);
        CHECK(probe.states.contains(AccountSession::Connecting));
        const QString outgoing = sent.join(u'\n');
        CHECK(outgoing.contains(u"<starttls"_s));
        CHECK(outgoing.contains(u"mechanism=\"SCRAM-SHA-256\""_s));
        session.client().setLogger(nullptr);
        session.cancel();
        CHECK(session.state() == AccountSession::Disconnected);
    }

    // Another server for the same domain with a certificate of its own: refused, never asked.
    TestServer impostor;
    startOrFail(impostor);
    REQUIRE(impostor.addUser(u"alice"_s, u"alice secret"_s));
    REQUIRE(certificateOf(impostor) != certificateOf(server));
    CertificateTrust reopened(fixture.path()); // the pin survived in the account's file
    AccountSession session(reopened);
    SessionProbe probe(session);
    session.connectToServer(settingsFor(impostor, u"alice"_s, u"alice secret"_s));
    REQUIRE(probe.waitForFailure());
    CHECK(probe.failure() == ConnectionError::CertificateChanged);
    CHECK(probe.failures.first().detail.contains(sha256Fingerprint(certificateOf(impostor))));
    CHECK(probe.approvalFingerprint.isEmpty());
    CHECK_FALSE(describe(probe.failures.first()).isEmpty());
    // No retry behind the user's back.
    CHECK_FALSE(waitFor([&] { return probe.loggedIn > 0 || probe.failures.size() > 1; }, 2500));
    CHECK(session.state() == AccountSession::Disconnected);
    CHECK(reopened.pinnedFingerprint(jid) == sha256Fingerprint(certificateOf(server)));
}

TEST_CASE("Failed logins say exactly why", "[client][account]")
{
    TestServer server;
    startOrFail(server);
    REQUIRE(server.addUser(u"alice"_s, u"alice secret"_s));
    TrustFixture fixture;
    CertificateTrust trust(fixture.path());
    REQUIRE(trust.trustCertificate(u"alice@"_s + server.domain(), certificateOf(server)));
    AccountSession session(trust);
    SessionProbe probe(session);

    SECTION("a wrong password, not retried")
    {
        session.connectToServer(settingsFor(server, u"alice"_s, u"wrong"_s));
        REQUIRE(probe.waitForFailure());
        CHECK(probe.failure() == ConnectionError::WrongPassword);
        CHECK(session.state() == AccountSession::Disconnected);
        CHECK_FALSE(waitFor([&] { return probe.failures.size() > 1 || probe.loggedIn > 0; }, 2500));
        CHECK(session.state() == AccountSession::Disconnected);
    }
    SECTION("an unknown account: indistinguishable from a wrong password under SASL")
    {
        REQUIRE(trust.trustCertificate(u"nobody@"_s + server.domain(), certificateOf(server)));
        session.connectToServer(settingsFor(server, u"nobody"_s, u"whatever"_s));
        REQUIRE(probe.waitForFailure());
        CHECK(probe.failure() == ConnectionError::WrongPassword);
    }
    SECTION("an account on a domain this server does not serve")
    {
        session.connectToServer(
            settingsFor(u"elsewhere.test"_s, server.port(), u"alice"_s, u"alice secret"_s));
        REQUIRE(probe.waitForFailure());
        CHECK(probe.failure() == ConnectionError::AccountUnknown);
    }
    SECTION("nothing listening on the port")
    {
        quint16 closedPort = 0;
        {
            QTcpServer probePort;
            probePort.listen(QHostAddress::LocalHost, 0);
            closedPort = probePort.serverPort();
        }
        session.connectToServer(
            settingsFor(server.domain(), closedPort, u"alice"_s, u"alice secret"_s));
        REQUIRE(probe.waitForFailure());
        CHECK(probe.failure() == ConnectionError::ServerUnreachable);
    }
    SECTION("a host name that does not resolve")
    {
        AccountSettings settings = settingsFor(server, u"alice"_s, u"alice secret"_s);
        settings.address = u"no-such-host.invalid:5222"_s;
        session.connectToServer(settings);
        REQUIRE(probe.waitForFailure());
        CHECK(probe.failure() == ConnectionError::DnsFailure);
    }
    SECTION("an address that does not parse")
    {
        AccountSettings settings = settingsFor(server, u"alice"_s, u"alice secret"_s);
        settings.address = u"127.0.0.1:99999"_s;
        session.connectToServer(settings);
        REQUIRE(probe.failures.size() == 1);
        CHECK(probe.failure() == ConnectionError::InvalidAddress);
        CHECK(session.state() == AccountSession::Disconnected);
    }
    for (const ConnectionError &failure : std::as_const(probe.failures))
        CHECK_FALSE(describe(failure).isEmpty());
}

TEST_CASE("A login that hangs times out and can be cancelled", "[client][account]")
{
    SilentServer silent;
    TrustFixture fixture;
    CertificateTrust trust(fixture.path());
    AccountSession session(trust);
    SessionProbe probe(session);

    SECTION("timeout")
    {
        QElapsedTimer clock;
        clock.start();
        session.connectToServer(
            settingsFor(u"flint.test"_s, silent.listener.serverPort(), u"alice"_s, u"pw"_s, 2));
        REQUIRE(probe.waitForFailure(10000));
        CHECK(probe.failure() == ConnectionError::TimedOut);
        CHECK(clock.elapsed() >= 1900);
        CHECK(clock.elapsed() < 5000);
        CHECK(silent.accepted == 1);
        // The hanging connection is closed, not left behind.
        CHECK(waitFor([&] { return silent.closed == 1; }, 3000));
    }
    SECTION("cancel")
    {
        session.connectToServer(
            settingsFor(u"flint.test"_s, silent.listener.serverPort(), u"alice"_s, u"pw"_s, 20));
        REQUIRE(waitFor([&] { return silent.accepted == 1; }, 5000));
        CHECK(session.state() == AccountSession::Connecting);
        session.cancel();
        REQUIRE(probe.failures.size() == 1);
        CHECK(probe.failure() == ConnectionError::Cancelled);
        CHECK(session.state() == AccountSession::Disconnected);
        CHECK(waitFor([&] { return silent.closed == 1; }, 3000));
        CHECK_FALSE(waitFor([&] { return probe.failures.size() > 1; }, 1000));
    }
}

TEST_CASE("A server that offers no TLS is refused", "[client][account]")
{
    QTcpServer plain;
    plain.listen(QHostAddress::LocalHost, 0);
    QObject::connect(&plain, &QTcpServer::newConnection, [&] {
        QTcpSocket *socket = plain.nextPendingConnection();
        QObject::connect(socket, &QTcpSocket::readyRead, [socket] {
            socket->readAll();
            socket->write("<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
                          "xmlns:stream='http://etherx.jabber.org/streams' id='s1' "
                          "from='flint.test' version='1.0'><stream:features><mechanisms "
                          "xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN</mechanism>"
                          "</mechanisms></stream:features>");
        });
    });
    TrustFixture fixture;
    CertificateTrust trust(fixture.path());
    AccountSession session(trust);
    SessionProbe probe(session);
    session.connectToServer(settingsFor(u"flint.test"_s, plain.serverPort(), u"alice"_s, u"pw"_s));
    REQUIRE(probe.waitForFailure());
    CHECK(probe.failure() == ConnectionError::TlsFailure);
    CHECK(probe.loggedIn == 0);
}

TEST_CASE("The session comes back by itself after the server restarts",
          "[client][account][reconnect]")
{
    TestServer server;
    startOrFail(server);
    REQUIRE(server.addUser(u"alice"_s, u"alice secret"_s));
    TrustFixture fixture;
    CertificateTrust trust(fixture.path());
    REQUIRE(trust.trustCertificate(u"alice@"_s + server.domain(), certificateOf(server)));
    AccountSession session(trust);
    SessionProbe probe(session);
    session.connectToServer(settingsFor(server, u"alice"_s, u"alice secret"_s));
    REQUIRE(waitFor([&] { return probe.loggedIn == 1; }));

    server.kill();
    REQUIRE(waitFor([&] { return session.state() == AccountSession::Reconnecting; }, 5000));
    // A few attempts fail against the closed port; they are not reported as login failures.
    CHECK_FALSE(waitFor([&] { return session.state() == AccountSession::Connected; }, 3000));
    startOrFail(server);

    SECTION("and logs in again")
    {
        REQUIRE(waitFor([&] { return probe.loggedIn == 2; }, 30000));
        CHECK(session.state() == AccountSession::Connected);
        CHECK(session.client().isAuthenticated());
        CHECK(probe.failures.isEmpty());
    }
    SECTION("unless the password changed meanwhile: then it stops")
    {
        REQUIRE(server.runCli({u"user"_s, u"passwd"_s, u"alice"_s}, "changed secret\n") == 0);
        REQUIRE(probe.waitForFailure(30000));
        CHECK(probe.failure() == ConnectionError::WrongPassword);
        CHECK(session.state() == AccountSession::Disconnected);
        CHECK_FALSE(waitFor([&] { return probe.failures.size() > 1 || probe.loggedIn > 1; }, 3000));
    }
}

TEST_CASE("Logging out is not a connection loss", "[client][account][reconnect]")
{
    TestServer server;
    startOrFail(server);
    REQUIRE(server.addUser(u"alice"_s, u"alice secret"_s));
    TrustFixture fixture;
    CertificateTrust trust(fixture.path());
    REQUIRE(trust.trustCertificate(u"alice@"_s + server.domain(), certificateOf(server)));
    AccountSession session(trust);
    SessionProbe probe(session);
    session.connectToServer(settingsFor(server, u"alice"_s, u"alice secret"_s));
    REQUIRE(waitFor([&] { return probe.loggedIn == 1; }));

    SECTION("through cancel()")
    {
        session.cancel();
    }
    SECTION("through an unavailable presence on the client")
    {
        session.client().setClientPresence(QXmppPresence(QXmppPresence::Unavailable));
    }
    REQUIRE(waitFor([&] { return session.state() == AccountSession::Disconnected; }, 5000));
    CHECK_FALSE(waitFor([&] { return session.state() != AccountSession::Disconnected; }, 2500));
    CHECK(probe.failures.isEmpty());
    CHECK(probe.loggedIn == 1);
}

TEST_CASE("Against Prosody: trust, login, wrong password and stream resumption",
          "[client][account][prosody]")
{
    REQUIRE(prosodyAvailable()); // the test command installs Prosody
    ProsodyInstance prosody;
    if (!prosody.start())
        FAIL(prosody.log().toStdString());
    REQUIRE(prosody.addUser(u"alice"_s, u"alice secret"_s));
    const QSslCertificate certificate =
        QSslCertificate::fromPath(prosody.certificatePath()).value(0);
    TrustFixture fixture;
    CertificateTrust trust(fixture.path());
    AccountSession session(trust);
    SessionProbe probe(session);

    session.connectToServer(
        settingsFor(prosody.domain(), prosody.port(), u"alice"_s, u"alice Secret"_s));
    REQUIRE(probe.waitForFailure());
    CHECK(probe.failure() == ConnectionError::CertificateNotTrusted);
    REQUIRE(waitFor([&] { return !probe.approvalFingerprint.isEmpty(); }, 2000));
    CHECK(probe.approvalFingerprint == sha256Fingerprint(certificate));
    REQUIRE(trust.trustCertificate(probe.approvalJid, probe.approvalCertificate));

    probe.failures.clear();
    session.connectToServer(
        settingsFor(prosody.domain(), prosody.port(), u"alice"_s, u"alice Secret"_s));
    REQUIRE(probe.waitForFailure());
    CHECK(probe.failure() == ConnectionError::WrongPassword);

    probe.failures.clear();
    session.connectToServer(
        settingsFor(prosody.domain(), prosody.port(), u"alice"_s, u"alice secret"_s));
    const bool loggedIn = waitFor([&] { return probe.loggedIn == 1; });
    INFO(prosody.log().toStdString());
    REQUIRE(loggedIn);
    CHECK(session.client().streamManagementState() == QXmppClient::NewStream);

    // The network drops the connection under the session: it resumes the same stream.
    auto *stream =
        session.client().findChild<QXmppOutgoingClient *>(QString(), Qt::FindDirectChildrenOnly);
    REQUIRE(stream);
    stream->socket()->abort();
    REQUIRE(waitFor([&] { return session.state() == AccountSession::Reconnecting; }, 5000));
    REQUIRE(waitFor([&] { return probe.resumed == 1; }, 20000));
    CHECK(session.state() == AccountSession::Connected);
    CHECK(probe.loggedIn == 1);
    CHECK(probe.failures.isEmpty());
}

// The Prosody harness itself: a real Prosody starts on a private config, takes SCRAM logins over
// TLS, refuses wrong passwords, registers in-band when allowed and stops without leaving a process.
#include "support/ProsodyInstance.h"
#include "support/TestServer.h"

#include <catch2/catch.hpp>

#include <QTcpSocket>
#include <QXmppAuthenticationError.h>
#include <QXmppClient.h>
#include <QXmppConfiguration.h>
#include <QXmppLogger.h>
#include <QXmppRegistrationManager.h>

#include <cerrno>
#include <csignal>
#include <optional>

using namespace flint::test;
using namespace Qt::StringLiterals;

namespace {

// Starts Prosody or fails the test with its log (the test command installs Prosody).
void startProsody(ProsodyInstance &prosody)
{
    REQUIRE(prosodyAvailable());
    if (!prosody.start())
        FAIL(prosody.log().toStdString());
}

// Registers through QXmppRegistrationManager before login; nullopt on success, otherwise the
// condition the server answered with.
std::optional<QXmppStanza::Error::Condition> registerInBand(const QXmppConfiguration &configuration,
                                                            const QString &user,
                                                            const QString &password)
{
    QXmppClient client;
    auto *registration = new QXmppRegistrationManager;
    client.addExtension(registration);
    registration->setRegisterOnConnectEnabled(true);
    QXmppRegisterIq form;
    form.setUsername(user);
    form.setPassword(password);
    registration->setRegistrationFormToSend(form);

    bool finished = false;
    std::optional<QXmppStanza::Error::Condition> failure;
    QObject::connect(registration, &QXmppRegistrationManager::registrationSucceeded,
                     [&] { finished = true; });
    QObject::connect(registration, &QXmppRegistrationManager::registrationFailed,
                     [&](const QXmppStanza::Error &error) {
                         failure = error.condition();
                         finished = true;
                     });
    client.connectToServer(configuration);
    REQUIRE(waitFor([&] { return finished; }));
    client.disconnectFromServer();
    return failure;
}

} // namespace

TEST_CASE("Prosody takes a SCRAM login over TLS and refuses a wrong password", "[prosody]")
{
    ProsodyInstance prosody({.admins = {u"admin"_s}});
    startProsody(prosody);
    REQUIRE(prosody.addUser(u"alice"_s, u"alice secret"_s));

    QXmppLogger logger;
    logger.setLoggingType(QXmppLogger::SignalLogging);
    logger.setMessageTypes(QXmppLogger::SentMessage);
    QStringList sent;
    QObject::connect(&logger, &QXmppLogger::message,
                     [&](QXmppLogger::MessageType, const QString &text) { sent << text; });
    QXmppClient client;
    client.setLogger(&logger);
    const bool connected =
        connectClient(client, prosody.clientConfiguration(u"alice"_s, u"alice secret"_s));
    INFO(prosody.log().toStdString());
    REQUIRE(connected);
    CHECK(client.isAuthenticated());
    CHECK(client.configuration().jid() == u"alice@prosody.test/test"_s);
    const QString outgoing = sent.join(u'\n');
    CHECK(outgoing.contains(u"<starttls"_s));
    CHECK(outgoing.contains(u"mechanism=\"SCRAM-SHA-1\""_s));
    client.disconnectFromServer();

    QXmppClient wrong;
    std::optional<QXmpp::AuthenticationError> failure;
    QObject::connect(&wrong, &QXmppClient::errorOccurred, [&](const QXmppError &error) {
        failure = error.value<QXmpp::AuthenticationError>();
    });
    CHECK_FALSE(connectClient(wrong, prosody.clientConfiguration(u"alice"_s, u"alice Secret"_s)));
    REQUIRE(failure.has_value());
    CHECK(failure->type == QXmpp::AuthenticationError::NotAuthorized);
}

TEST_CASE("Prosody registers accounts in-band only when registration is allowed", "[prosody]")
{
    SECTION("allowed")
    {
        ProsodyInstance prosody({.allowRegistration = true});
        startProsody(prosody);
        const auto failure =
            registerInBand(prosody.clientConfiguration({}, {}), u"newbie"_s, u"fresh secret"_s);
        INFO(prosody.log().toStdString());
        CHECK_FALSE(failure.has_value());
        QXmppClient newbie;
        CHECK(connectClient(newbie, prosody.clientConfiguration(u"newbie"_s, u"fresh secret"_s)));
    }
    SECTION("not allowed")
    {
        ProsodyInstance prosody;
        startProsody(prosody);
        const auto failure =
            registerInBand(prosody.clientConfiguration({}, {}), u"newbie"_s, u"fresh secret"_s);
        INFO(prosody.log().toStdString());
        // Prosody leaves out the iq-register stream feature, so QXmpp gives up without asking.
        REQUIRE(failure.has_value());
        CHECK(*failure == QXmppStanza::Error::FeatureNotImplemented);
    }
}

TEST_CASE("Prosody stops on request and leaves no process behind", "[prosody]")
{
    ProsodyInstance prosody;
    startProsody(prosody);
    const qint64 pid = prosody.processId();
    REQUIRE(pid > 0);
    const quint16 port = prosody.port();

    const int exitCode = prosody.stop();
    INFO(prosody.log().toStdString());
    CHECK(exitCode == 0);
    CHECK_FALSE(prosody.isRunning());
    errno = 0;
    CHECK(::kill(static_cast<pid_t>(pid), 0) == -1);
    CHECK(errno == ESRCH);
    QTcpSocket probe;
    probe.connectToHost(QHostAddress::LocalHost, port);
    CHECK_FALSE(probe.waitForConnected(1000));
}

// XEP-0077 in-band registration under each policy, the per-address throttle, password changes
// and account removal.
#include "support/RawStream.h"
#include "support/TestServer.h"

#include <catch2/catch.hpp>

#include <QXmppClient.h>
#include <QXmppConfiguration.h>
#include <QXmppRegistrationManager.h>

#include <optional>

using namespace flint::test;
using namespace Qt::StringLiterals;

namespace {

using Condition = QXmppStanza::Error::Condition;

// Registers through QXmppRegistrationManager on a fresh connection; nullopt on success,
// otherwise the error condition the server answered with.
std::optional<Condition> registerInBand(const TestServer &server, const QString &user,
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
    std::optional<Condition> failure;
    QObject::connect(registration, &QXmppRegistrationManager::registrationSucceeded,
                     [&] { finished = true; });
    QObject::connect(registration, &QXmppRegistrationManager::registrationFailed,
                     [&](const QXmppStanza::Error &error) {
                         failure = error.condition();
                         finished = true;
                     });
    client.connectToServer(server.clientConfiguration({}, {}));
    REQUIRE(waitFor([&] { return finished; }));
    client.disconnectFromServer();
    return failure;
}

bool canLogIn(const TestServer &server, const QString &user, const QString &password)
{
    QXmppClient client;
    const bool connected = connectClient(client, server.clientConfiguration(user, password));
    client.disconnectFromServer();
    return connected;
}

// A stream after STARTTLS, before authentication, with the features received.
void openUnauthenticated(RawStream &raw)
{
    REQUIRE(raw.connectToServer());
    REQUIRE(raw.startTls());
    raw.openStream();
    REQUIRE(raw.waitForText("</stream:features>"));
}

const QByteArray FormRequest = "<iq type='get' id='form1'><query xmlns='jabber:iq:register'/></iq>";

QByteArray registrationRequest(const QString &id, const QString &user, const QString &password)
{
    return u"<iq type='set' id='%1'><query xmlns='jabber:iq:register'><username>%2</username>"
           "<password>%3</password></query></iq>"_s.arg(id, user, password)
               .toUtf8();
}

} // namespace

TEST_CASE("open registration creates accounts that can log in", "[register]")
{
    const Backend backend = GENERATE(Backend::Sqlite, Backend::MariaDb);
    INFO("backend: " << backendName(backend).toStdString());
    TestServer server({.backend = backend, .registrationPolicy = u"open"_s});
    REQUIRE(server.start());

    SECTION("the form and the stream feature")
    {
        RawStream raw(server.port(), server.domain());
        openUnauthenticated(raw);
        CHECK(raw.received().contains("http://jabber.org/features/iq-register"));
        raw.clearReceived();
        raw.send(FormRequest);
        REQUIRE(raw.waitForText("</iq>"));
        const QByteArray reply = raw.received();
        CHECK(reply.contains("type=\"result\""));
        CHECK(reply.contains("<instructions>"));
        CHECK(reply.contains("<username/>"));
        CHECK(reply.contains("<password/>"));
        CHECK(reply.contains("jabber:x:data"));
        CHECK(reply.contains("var=\"username\""));

        // Missing fields are refused and the stream goes on.
        raw.clearReceived();
        raw.send("<iq type='set' id='reg0'><query "
                 "xmlns='jabber:iq:register'><username>nopass</username></query></iq>");
        REQUIRE(raw.waitForText("</iq>"));
        CHECK(raw.received().contains("<not-acceptable"));
        raw.clearReceived();
        raw.send(registrationRequest(u"reg1"_s, u"rawuser"_s, u"raw password"_s));
        REQUIRE(raw.waitForText("id=\"reg1\""));
        CHECK(raw.received().contains("type=\"result\""));
        CHECK(canLogIn(server, u"rawuser"_s, u"raw password"_s));
    }

    SECTION("QXmppRegistrationManager, then login; a taken name is a conflict")
    {
        CHECK_FALSE(registerInBand(server, u"newbie"_s, u"fresh secret"_s).has_value());
        CHECK(canLogIn(server, u"newbie"_s, u"fresh secret"_s));
        CHECK(registerInBand(server, u"newbie"_s, u"other"_s) == Condition::Conflict);
        CHECK(canLogIn(server, u"newbie"_s, u"fresh secret"_s));
        CHECK(registerInBand(server, u"bad@name"_s, u"secret"_s) == Condition::JidMalformed);
    }
}

TEST_CASE("admins and closed policies refuse in-band registration", "[register]")
{
    const Backend backend = GENERATE(Backend::Sqlite, Backend::MariaDb);
    const QString policy = GENERATE(u"admins"_s, u"closed"_s);
    INFO("backend: " << backendName(backend).toStdString() << ", policy: " << policy.toStdString());
    TestServer server({.backend = backend, .registrationPolicy = policy});
    REQUIRE(server.start());
    REQUIRE(server.addUser(u"alice"_s, u"alice pw"_s));

    RawStream raw(server.port(), server.domain());
    openUnauthenticated(raw);
    CHECK_FALSE(raw.received().contains("iq-register"));

    // XEP-0077 §3.1: service-unavailable, for the form and for a submission alike.
    raw.clearReceived();
    raw.send(FormRequest);
    REQUIRE(raw.waitForText("</iq>"));
    CHECK(raw.received().contains("type=\"error\""));
    CHECK(raw.received().contains("<service-unavailable"));
    raw.clearReceived();
    raw.send(registrationRequest(u"reg1"_s, u"intruder"_s, u"secret"_s));
    REQUIRE(raw.waitForText("</iq>"));
    CHECK(raw.received().contains("<service-unavailable"));

    // The stream stays usable: the same connection logs in.
    raw.clearReceived();
    const QByteArray plain = QByteArray(1, '\0') + "alice" + '\0' + "alice pw";
    raw.send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" +
             plain.toBase64() + "</auth>");
    REQUIRE(raw.waitForText("<success"));

    CHECK_FALSE(canLogIn(server, u"intruder"_s, u"secret"_s));
    CHECK(registerInBand(server, u"other"_s, u"secret"_s) == Condition::FeatureNotImplemented);
    QString users;
    REQUIRE(server.runCli({u"user"_s, u"list"_s}, {}, &users) == 0);
    CHECK_FALSE(users.contains(u"intruder"_s));
}

TEST_CASE("registrations are limited per address and hour", "[register]")
{
    const Backend backend = GENERATE(Backend::Sqlite, Backend::MariaDb);
    INFO("backend: " << backendName(backend).toStdString());
    TestServer server({.backend = backend,
                       .registrationPolicy = u"open"_s,
                       .settings = {{u"registration/per_ip_per_hour"_s, u"2"_s}}});
    REQUIRE(server.start());

    CHECK_FALSE(registerInBand(server, u"first"_s, u"pw one"_s).has_value());
    // A refused attempt does not count.
    CHECK(registerInBand(server, u"first"_s, u"pw one"_s) == Condition::Conflict);
    CHECK_FALSE(registerInBand(server, u"second"_s, u"pw two"_s).has_value());

    RawStream raw(server.port(), server.domain());
    openUnauthenticated(raw);
    raw.clearReceived();
    raw.send(registrationRequest(u"reg3"_s, u"third"_s, u"pw three"_s));
    REQUIRE(raw.waitForText("</iq>"));
    CHECK(raw.received().contains("<policy-violation"));
    CHECK(raw.received().contains("Too many accounts"));
    CHECK_FALSE(canLogIn(server, u"third"_s, u"pw three"_s));
    CHECK(canLogIn(server, u"second"_s, u"pw two"_s));
}

TEST_CASE("a logged-in user changes the password or removes the account", "[register]")
{
    const Backend backend = GENERATE(Backend::Sqlite, Backend::MariaDb);
    INFO("backend: " << backendName(backend).toStdString());
    // Account management works whatever the registration policy.
    TestServer server({.backend = backend, .registrationPolicy = u"closed"_s});
    REQUIRE(server.start());
    REQUIRE(server.addUser(u"alice"_s, u"old password"_s));
    REQUIRE(server.addUser(u"bob"_s, u"bob password"_s));

    SECTION("registration details and password change")
    {
        RawStream raw(server.port(), server.domain());
        REQUIRE(raw.connectToServer());
        REQUIRE(raw.login(u"alice"_s, u"old password"_s));
        raw.send("<iq type='get' id='info1'><query xmlns='jabber:iq:register'/></iq>");
        REQUIRE(raw.waitForText("</iq>"));
        CHECK(raw.received().contains("<registered/>"));
        CHECK(raw.received().contains("<username>alice</username>"));
        // Only one's own password.
        raw.clearReceived();
        raw.send(registrationRequest(u"steal"_s, u"bob"_s, u"mine now"_s));
        REQUIRE(raw.waitForText("</iq>"));
        CHECK(raw.received().contains("<forbidden"));
        CHECK(canLogIn(server, u"bob"_s, u"bob password"_s));

        QXmppClient client;
        auto *registration = new QXmppRegistrationManager;
        client.addExtension(registration);
        REQUIRE(connectClient(client, server.clientConfiguration(u"alice"_s, u"old password"_s)));
        bool changed = false;
        QObject::connect(registration, &QXmppRegistrationManager::passwordChanged,
                         [&] { changed = true; });
        registration->changePassword(u"new password"_s);
        REQUIRE(waitFor([&] { return changed; }));
        client.disconnectFromServer();

        CHECK(canLogIn(server, u"alice"_s, u"new password"_s));
        CHECK_FALSE(canLogIn(server, u"alice"_s, u"old password"_s));
    }

    SECTION("account removal")
    {
        QXmppClient client;
        auto *registration = new QXmppRegistrationManager;
        client.addExtension(registration);
        REQUIRE(connectClient(client, server.clientConfiguration(u"alice"_s, u"old password"_s)));
        bool deleted = false;
        QObject::connect(registration, &QXmppRegistrationManager::accountDeleted,
                         [&] { deleted = true; });
        registration->deleteAccount();
        REQUIRE(waitFor([&] { return deleted; }));
        REQUIRE(waitFor([&] { return !client.isConnected(); }));

        CHECK_FALSE(canLogIn(server, u"alice"_s, u"old password"_s));
        QString users;
        REQUIRE(server.runCli({u"user"_s, u"list"_s}, {}, &users) == 0);
        CHECK_FALSE(users.contains(u"alice@"_s));
        CHECK(users.contains(u"bob@"_s));
    }
}

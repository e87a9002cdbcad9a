// XEP-0049 private XML storage: a user keeps XML for itself on the server (room bookmarks, client
// preferences), nobody else reads or writes it, reserved namespaces and oversized data are
// refused, and it goes with the account.
#include "support/RawStream.h"
#include "support/TestServer.h"

#include <catch2/catch.hpp>

#include <QDomDocument>
#include <QXmppClient.h>
#include <QXmppConfiguration.h>
#include <QXmppElement.h>
#include <QXmppIq.h>
#include <QXmppTask.h>

#include <memory>
#include <optional>

using namespace flint::test;
using namespace Qt::StringLiterals;

namespace {

const QString PrivateNs = u"jabber:iq:private"_s;

// The answer to an IQ: the result element, or the error condition.
struct Answer {
    QDomElement result;
    std::optional<QXmppStanza::Error::Condition> error;
    bool ok() const { return !result.isNull(); }
};

// Sends a jabber:iq:private IQ whose query holds `payload` (XML, may be empty).
Answer privateIq(QXmppClient &client, QXmppIq::Type type, const QString &payload,
                 const QString &to = {})
{
    QDomDocument document;
    REQUIRE(
        document.setContent(u"<query xmlns='jabber:iq:private'>%1</query>"_s.arg(payload), true));
    QXmppIq iq(type);
    iq.setTo(to);
    iq.setExtensions({QXmppElement(document.documentElement())});
    auto answer = std::make_shared<std::optional<Answer>>();
    client.sendIq(std::move(iq)).then(&client, [answer](QXmppClient::IqResult &&result) {
        Answer value;
        if (const auto *element = std::get_if<QDomElement>(&result)) {
            value.result = *element;
        } else {
            const auto error = std::get<QXmppError>(result).value<QXmppStanza::Error>();
            value.error = error ? error->condition() : QXmppStanza::Error::UndefinedCondition;
        }
        *answer = value;
    });
    if (!waitFor([answer] { return answer->has_value(); }))
        return {.result = {}, .error = QXmppStanza::Error::RemoteServerTimeout};
    return **answer;
}

// The element the server returned inside its query.
QDomElement storedElement(const Answer &answer)
{
    return answer.result.firstChildElement(u"query"_s).firstChildElement();
}

} // namespace

TEST_CASE("a user stores private XML and reads it back; each element separately", "[private]")
{
    const Backend backend = GENERATE(Backend::Sqlite, Backend::MariaDb);
    INFO("backend: " << backendName(backend).toStdString());
    TestServer server({.backend = backend});
    REQUIRE(server.start());
    REQUIRE(server.addUser(u"alice"_s, u"alice pw"_s));
    QXmppClient alice;
    REQUIRE(connectClient(alice, server.clientConfiguration(u"alice"_s, u"alice pw"_s)));

    // Nothing stored: the element asked for, empty.
    const Answer empty = privateIq(alice, QXmppIq::Get, u"<storage xmlns='storage:bookmarks'/>"_s);
    REQUIRE(empty.ok());
    CHECK(storedElement(empty).tagName() == u"storage"_s);
    CHECK(storedElement(empty).namespaceURI() == u"storage:bookmarks"_s);
    CHECK(!storedElement(empty).hasChildNodes());

    REQUIRE(privateIq(alice, QXmppIq::Set,
                      u"<storage xmlns='storage:bookmarks'><conference jid='team@conference.flint."
                      "test' autojoin='true' name='Team'><nick>al</nick></conference></storage>"
                      "<prefs xmlns='flint:test:prefs'><theme>dark</theme></prefs>"_s)
                .ok());

    const Answer bookmarks =
        privateIq(alice, QXmppIq::Get, u"<storage xmlns='storage:bookmarks'/>"_s);
    REQUIRE(bookmarks.ok());
    const QDomElement conference = storedElement(bookmarks).firstChildElement(u"conference"_s);
    CHECK(conference.attribute(u"jid"_s) == u"team@conference.flint.test"_s);
    CHECK(conference.attribute(u"name"_s) == u"Team"_s);
    CHECK(conference.firstChildElement(u"nick"_s).text() == u"al"_s);
    CHECK(conference.namespaceURI() == u"storage:bookmarks"_s);

    const Answer prefs = privateIq(alice, QXmppIq::Get, u"<prefs xmlns='flint:test:prefs'/>"_s);
    REQUIRE(prefs.ok());
    CHECK(storedElement(prefs).firstChildElement(u"theme"_s).text() == u"dark"_s);

    // Same name, other namespace: a different element.
    const Answer otherNs = privateIq(alice, QXmppIq::Get, u"<prefs xmlns='flint:test:other'/>"_s);
    REQUIRE(otherNs.ok());
    CHECK(!storedElement(otherNs).hasChildNodes());

    // A new set replaces that element only.
    REQUIRE(privateIq(alice, QXmppIq::Set,
                      u"<prefs xmlns='flint:test:prefs'><theme>light</theme>"
                      "</prefs>"_s)
                .ok());
    CHECK(storedElement(privateIq(alice, QXmppIq::Get, u"<prefs xmlns='flint:test:prefs'/>"_s))
              .firstChildElement(u"theme"_s)
              .text() == u"light"_s);
    CHECK(!storedElement(privateIq(alice, QXmppIq::Get, u"<storage xmlns='storage:bookmarks'/>"_s))
               .firstChildElement(u"conference"_s)
               .isNull());

    // It survives a restart of the server and is there for a new session.
    alice.disconnectFromServer();
    REQUIRE(server.stop() == 0);
    REQUIRE(server.start());
    QXmppClient again;
    REQUIRE(connectClient(again, server.clientConfiguration(u"alice"_s, u"alice pw"_s, u"b"_s)));
    CHECK(storedElement(privateIq(again, QXmppIq::Get, u"<prefs xmlns='flint:test:prefs'/>"_s))
              .firstChildElement(u"theme"_s)
              .text() == u"light"_s);
}

TEST_CASE("private XML is the user's alone; bad requests and oversized data are refused",
          "[private]")
{
    const Backend backend = GENERATE(Backend::Sqlite, Backend::MariaDb);
    INFO("backend: " << backendName(backend).toStdString());
    TestServer server({.backend = backend});
    REQUIRE(server.start());
    REQUIRE(server.addUser(u"alice"_s, u"alice pw"_s));
    REQUIRE(server.addUser(u"bob"_s, u"bob pw"_s));
    QXmppClient alice;
    QXmppClient bob;
    REQUIRE(connectClient(alice, server.clientConfiguration(u"alice"_s, u"alice pw"_s)));
    REQUIRE(connectClient(bob, server.clientConfiguration(u"bob"_s, u"bob pw"_s)));

    REQUIRE(privateIq(alice, QXmppIq::Set,
                      u"<prefs xmlns='flint:test:prefs'><secret>alice's</secret></prefs>"_s)
                .ok());
    // Addressed to the own bare JID: the same storage.
    CHECK(storedElement(privateIq(alice, QXmppIq::Get, u"<prefs xmlns='flint:test:prefs'/>"_s,
                                  u"alice@flint.test"_s))
              .firstChildElement(u"secret"_s)
              .text() == u"alice's"_s);

    // Bob can neither read nor write Alice's, and his own is separate.
    CHECK(
        privateIq(bob, QXmppIq::Get, u"<prefs xmlns='flint:test:prefs'/>"_s, u"alice@flint.test"_s)
            .error == QXmppStanza::Error::Forbidden);
    CHECK(privateIq(bob, QXmppIq::Set,
                    u"<prefs xmlns='flint:test:prefs'><secret>bob's</secret>"
                    "</prefs>"_s,
                    u"alice@flint.test"_s)
              .error == QXmppStanza::Error::Forbidden);
    CHECK(!storedElement(privateIq(bob, QXmppIq::Get, u"<prefs xmlns='flint:test:prefs'/>"_s))
               .hasChildNodes());

    // XEP-0049: nothing asked for, or a reserved namespace.
    CHECK(privateIq(alice, QXmppIq::Get, {}).error == QXmppStanza::Error::NotAcceptable);
    CHECK(privateIq(alice, QXmppIq::Set, {}).error == QXmppStanza::Error::NotAcceptable);
    CHECK(privateIq(alice, QXmppIq::Get, u"<query xmlns='jabber:iq:roster'/>"_s).error ==
          QXmppStanza::Error::NotAcceptable);
    CHECK(privateIq(alice, QXmppIq::Set, u"<vCard xmlns='vcard-temp'><FN>A</FN></vCard>"_s).error ==
          QXmppStanza::Error::NotAcceptable);
    CHECK(privateIq(alice, QXmppIq::Get, u"<a xmlns='flint:test:a'/><b xmlns='flint:test:b'/>"_s)
              .error == QXmppStanza::Error::NotAcceptable);

    // 64 KiB per user: one large element fits, a second one does not, and the first stays.
    const QString large = QString(40 * 1024, u'x');
    REQUIRE(
        privateIq(alice, QXmppIq::Set, u"<big xmlns='flint:test:big'>%1</big>"_s.arg(large)).ok());
    CHECK(privateIq(alice, QXmppIq::Set, u"<more xmlns='flint:test:more'>%1</more>"_s.arg(large))
              .error == QXmppStanza::Error::NotAcceptable);
    CHECK(!storedElement(privateIq(alice, QXmppIq::Get, u"<more xmlns='flint:test:more'/>"_s))
               .hasChildNodes());
    CHECK(storedElement(privateIq(alice, QXmppIq::Get, u"<big xmlns='flint:test:big'/>"_s))
              .text()
              .size() == large.size());
    // Replacing the large element with another of the same size is within the limit.
    const QString other = QString(40 * 1024, u'y');
    CHECK(
        privateIq(alice, QXmppIq::Set, u"<big xmlns='flint:test:big'>%1</big>"_s.arg(other)).ok());
}

TEST_CASE("a removed account's private XML goes with it", "[private]")
{
    const Backend backend = GENERATE(Backend::Sqlite, Backend::MariaDb);
    INFO("backend: " << backendName(backend).toStdString());
    TestServer server({.backend = backend});
    REQUIRE(server.start());
    REQUIRE(server.addUser(u"carol"_s, u"carol pw"_s));
    {
        QXmppClient carol;
        REQUIRE(connectClient(carol, server.clientConfiguration(u"carol"_s, u"carol pw"_s)));
        REQUIRE(privateIq(carol, QXmppIq::Set,
                          u"<prefs xmlns='flint:test:prefs'><theme>dark</theme></prefs>"_s)
                    .ok());
        carol.disconnectFromServer();
    }
    RawStream raw(server.port(), server.domain());
    REQUIRE(raw.connectToServer());
    REQUIRE(raw.login(u"carol"_s, u"carol pw"_s));
    raw.send(
        "<iq type='set' id='remove-me'><query xmlns='jabber:iq:register'><remove/></query></iq>");
    REQUIRE(raw.waitForText("remove-me"));
    REQUIRE(server.addUser(u"carol"_s, u"new pw"_s));
    QXmppClient carol;
    REQUIRE(connectClient(carol, server.clientConfiguration(u"carol"_s, u"new pw"_s)));
    const Answer answer = privateIq(carol, QXmppIq::Get, u"<prefs xmlns='flint:test:prefs'/>"_s);
    REQUIRE(answer.ok());
    CHECK(!storedElement(answer).hasChildNodes());
}

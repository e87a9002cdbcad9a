// RFC 6121 §2 rosters over real TLS: get, set and remove with names and groups, pushes to
// every interested resource, XEP-0237 versioning and the roster set checks (flows D, E, F).
#include "support/RawStream.h"
#include "support/TestServer.h"

#include <catch2/catch.hpp>

#include <QRegularExpression>
#include <QXmppClient.h>
#include <QXmppConfiguration.h>
#include <QXmppRosterManager.h>
#include <QXmppTask.h>

#include <memory>

using namespace flint::test;
using namespace Qt::StringLiterals;

namespace {

using RosterResult = QXmppRosterManager::Result;

// Connects and waits for the roster the manager requests at login.
bool login(QXmppClient &client, const TestServer &server, const QString &user,
           const QString &resource = u"test"_s)
{
    if (!connectClient(client, server.clientConfiguration(user, user + u" pw"_s, resource)))
        return false;
    auto *roster = client.findExtension<QXmppRosterManager>();
    return waitFor([roster] { return roster->isRosterReceived(); });
}

RosterResult await(QXmppTask<RosterResult> task, QXmppClient &client)
{
    auto result = std::make_shared<std::optional<RosterResult>>();
    task.then(&client, [result](RosterResult &&value) { *result = std::move(value); });
    if (!waitFor([result] { return result->has_value(); }))
        return QXmppError{u"timed out"_s, {}};
    return **result;
}

std::optional<QXmppStanza::Error::Condition> errorCondition(const RosterResult &result)
{
    const auto *error = std::get_if<QXmppError>(&result);
    if (!error)
        return std::nullopt;
    const auto stanzaError = error->value<QXmppStanza::Error>();
    return stanzaError ? std::optional(stanzaError->condition()) : std::nullopt;
}

// The stanza a raw stream received with the given id, or empty.
QString stanzaWithId(const RawStream &raw, const QString &id)
{
    static const QRegularExpression iq(uR"(<iq\b[^>]*/>|<iq\b.*?</iq>)"_s,
                                       QRegularExpression::DotMatchesEverythingOption);
    const QString received = QString::fromUtf8(raw.received());
    for (auto it = iq.globalMatch(received); it.hasNext();) {
        const QString stanza = it.next().captured();
        const QString head = stanza.left(stanza.indexOf(u'>'));
        if (head.contains(u"id=\"%1\""_s.arg(id)) || head.contains(u"id='%1'"_s.arg(id)))
            return stanza;
    }
    return {};
}

QString versionIn(const QString &stanza)
{
    static const QRegularExpression ver(uR"(\bver=["']([^"']*)["'])"_s);
    return ver.match(stanza).captured(1);
}

bool rawLogin(RawStream &raw, const QString &user, const QString &resource)
{
    return raw.connectToServer() && raw.login(user, user + u" pw"_s, resource);
}

} // namespace

TEST_CASE("the roster stores names and groups, updates and removes items", "[roster]")
{
    const Backend backend = GENERATE(Backend::Sqlite, Backend::MariaDb);
    INFO("backend: " << backendName(backend).toStdString());
    TestServer server({.backend = backend});
    REQUIRE(server.start());
    for (const QString &user : {u"alice"_s, u"bob"_s, u"carol"_s})
        REQUIRE(server.addUser(user, user + u" pw"_s));

    {
        QXmppClient alice;
        auto *roster = alice.findExtension<QXmppRosterManager>();
        REQUIRE(login(alice, server, u"alice"_s));
        CHECK(roster->getRosterBareJids().isEmpty());

        CHECK(std::holds_alternative<QXmpp::Success>(await(
            roster->addRosterItem(u"bob@flint.test"_s, u"Bob Builder"_s, {u"Work"_s, u"Friends"_s}),
            alice)));
        CHECK(std::holds_alternative<QXmpp::Success>(
            await(roster->addRosterItem(u"carol@flint.test"_s, {}, {u"Work"_s}), alice)));
        REQUIRE(waitFor([&] { return roster->getRosterBareJids().size() == 2; }));
        const auto bob = roster->getRosterEntry(u"bob@flint.test"_s);
        CHECK(bob.name() == u"Bob Builder"_s);
        CHECK(bob.groups() == QSet<QString>{u"Work"_s, u"Friends"_s});
        CHECK(bob.subscriptionType() == QXmppRosterIq::Item::None);

        CHECK(std::holds_alternative<QXmpp::Success>(
            await(roster->renameRosterItem(u"carol@flint.test"_s, u"Carol"_s), alice)));
        CHECK(waitFor(
            [&] { return roster->getRosterEntry(u"carol@flint.test"_s).name() == u"Carol"_s; }));
        alice.disconnectFromServer();
    }
    {
        // A fresh login reads the same roster back from storage.
        QXmppClient alice;
        auto *roster = alice.findExtension<QXmppRosterManager>();
        REQUIRE(login(alice, server, u"alice"_s));
        CHECK(roster->getRosterBareJids().size() == 2);
        CHECK(roster->getRosterEntry(u"bob@flint.test"_s).groups() ==
              QSet<QString>{u"Work"_s, u"Friends"_s});
        CHECK(roster->getRosterEntry(u"carol@flint.test"_s).name() == u"Carol"_s);
        CHECK(roster->getRosterEntry(u"carol@flint.test"_s).groups() == QSet<QString>{u"Work"_s});

        bool removed = false;
        QObject::connect(roster, &QXmppRosterManager::itemRemoved,
                         [&](const QString &jid) { removed = jid == u"bob@flint.test"_s; });
        CHECK(std::holds_alternative<QXmpp::Success>(
            await(roster->removeRosterItem(u"bob@flint.test"_s), alice)));
        CHECK(waitFor([&] { return removed; }));
        // Removing what is not there is item-not-found.
        CHECK(errorCondition(await(roster->removeRosterItem(u"bob@flint.test"_s), alice)) ==
              QXmppStanza::Error::ItemNotFound);
        alice.disconnectFromServer();
    }
    QXmppClient alice;
    REQUIRE(login(alice, server, u"alice"_s));
    CHECK(alice.findExtension<QXmppRosterManager>()->getRosterBareJids() ==
          QStringList{u"carol@flint.test"_s});
}

TEST_CASE("roster pushes reach every resource that asked for the roster", "[roster]")
{
    const Backend backend = GENERATE(Backend::Sqlite, Backend::MariaDb);
    INFO("backend: " << backendName(backend).toStdString());
    TestServer server({.backend = backend});
    REQUIRE(server.start());
    REQUIRE(server.addUser(u"alice"_s, u"alice pw"_s));
    REQUIRE(server.addUser(u"bob"_s, u"bob pw"_s));

    QXmppClient desk;
    QXmppClient laptop;
    REQUIRE(login(desk, server, u"alice"_s, u"desk"_s));
    REQUIRE(login(laptop, server, u"alice"_s, u"laptop"_s));
    // A resource that never asked for the roster gets no pushes.
    RawStream quiet(server.port(), server.domain());
    REQUIRE(rawLogin(quiet, u"alice"_s, u"quiet"_s));

    auto *laptopRoster = laptop.findExtension<QXmppRosterManager>();
    QString added;
    QObject::connect(laptopRoster, &QXmppRosterManager::itemAdded,
                     [&](const QString &jid) { added = jid; });
    CHECK(std::holds_alternative<QXmpp::Success>(
        await(desk.findExtension<QXmppRosterManager>()->addRosterItem(u"bob@flint.test"_s, u"Bob"_s,
                                                                      {u"Team"_s}),
              desk)));
    REQUIRE(waitFor([&] { return added == u"bob@flint.test"_s; }));
    CHECK(laptopRoster->getRosterEntry(u"bob@flint.test"_s).name() == u"Bob"_s);
    CHECK(laptopRoster->getRosterEntry(u"bob@flint.test"_s).groups() == QSet<QString>{u"Team"_s});

    quiet.send("<iq type='get' id='ping1'><ping xmlns='urn:xmpp:ping'/></iq>");
    REQUIRE(quiet.waitForText("ping1"));
    CHECK_FALSE(quiet.received().contains("jabber:iq:roster"));
}

TEST_CASE("adding a local user that does not exist fails; a remote contact is fine", "[roster]")
{
    const Backend backend = GENERATE(Backend::Sqlite, Backend::MariaDb);
    INFO("backend: " << backendName(backend).toStdString());
    TestServer server({.backend = backend});
    REQUIRE(server.start());
    REQUIRE(server.addUser(u"alice"_s, u"alice pw"_s));

    QXmppClient alice;
    auto *roster = alice.findExtension<QXmppRosterManager>();
    REQUIRE(login(alice, server, u"alice"_s));
    CHECK(errorCondition(await(roster->addRosterItem(u"nobody@flint.test"_s, u"Nobody"_s),
                               alice)) == QXmppStanza::Error::ItemNotFound);
    CHECK(std::holds_alternative<QXmpp::Success>(
        await(roster->addRosterItem(u"friend@example.org"_s, u"Remote friend"_s), alice)));
    REQUIRE(waitFor(
        [&] { return roster->getRosterBareJids() == QStringList{u"friend@example.org"_s}; }));
    CHECK(roster->getRosterEntry(u"friend@example.org"_s).name() == u"Remote friend"_s);
}

TEST_CASE("roster versioning answers a current copy with an empty result", "[roster]")
{
    const Backend backend = GENERATE(Backend::Sqlite, Backend::MariaDb);
    INFO("backend: " << backendName(backend).toStdString());
    TestServer server({.backend = backend});
    REQUIRE(server.start());
    REQUIRE(server.addUser(u"alice"_s, u"alice pw"_s));
    REQUIRE(server.addUser(u"bob"_s, u"bob pw"_s));

    QString version;
    {
        RawStream raw(server.port(), server.domain());
        REQUIRE(raw.connectToServer());
        REQUIRE(raw.authenticate(u"alice"_s, u"alice pw"_s));
        CHECK(raw.received().contains("urn:xmpp:features:rosterver"));
        raw.send("<iq type='set' id='bind'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></iq>");
        REQUIRE(raw.waitForText("</jid>"));
        raw.send("<iq type='get' id='get1'><query xmlns='jabber:iq:roster' ver=''/></iq>");
        REQUIRE(waitFor([&] { return !stanzaWithId(raw, u"get1"_s).isEmpty(); }));
        const QString initial = versionIn(stanzaWithId(raw, u"get1"_s));
        CHECK_FALSE(initial.isEmpty());

        raw.send("<iq type='set' id='set1'><query xmlns='jabber:iq:roster'>"
                 "<item jid='bob@flint.test' name='Bob'><group>Work</group></item></query></iq>");
        REQUIRE(raw.waitForText("set1"));
        REQUIRE(waitFor([&] { return !stanzaWithId(raw, u"set1"_s).isEmpty(); }));
        CHECK(stanzaWithId(raw, u"set1"_s).contains(u"result"_s));
        // The push carries the new version.
        const auto push = [&] { return QString::fromUtf8(raw.received()).section(u"push-"_s, 1); };
        REQUIRE(waitFor([&] { return push().contains(u"</iq>"_s); }));
        version = versionIn(push());
        CHECK_FALSE(version.isEmpty());
        CHECK(version != initial);
    }

    RawStream current(server.port(), server.domain());
    REQUIRE(rawLogin(current, u"alice"_s, u"current"_s));
    current.send(
        u"<iq type='get' id='get2'><query xmlns='jabber:iq:roster' ver='%1'/></iq>"_s.arg(version)
            .toUtf8());
    REQUIRE(current.waitForText("get2"));
    REQUIRE(waitFor([&] { return !stanzaWithId(current, u"get2"_s).isEmpty(); }));
    const QString empty = stanzaWithId(current, u"get2"_s);
    CHECK(empty.contains(u"result"_s));
    CHECK_FALSE(empty.contains(u"query"_s));

    // An older version gets the whole roster with the current version.
    current.send("<iq type='get' id='get3'><query xmlns='jabber:iq:roster' ver='0'/></iq>");
    REQUIRE(waitFor([&] { return !stanzaWithId(current, u"get3"_s).isEmpty(); }));
    const QString full = stanzaWithId(current, u"get3"_s);
    CHECK(full.contains(u"bob@flint.test"_s));
    CHECK(full.contains(u"<group>Work</group>"_s));
    CHECK(versionIn(full) == version);

    // Pushes still reach the resource that had the current copy.
    current.send("<iq type='set' id='set2'><query xmlns='jabber:iq:roster'>"
                 "<item jid='bob@flint.test' name='Robert'/></query></iq>");
    CHECK(current.waitForText("Robert"));
}

TEST_CASE("malformed roster sets are refused", "[roster]")
{
    TestServer server;
    REQUIRE(server.start());
    REQUIRE(server.addUser(u"alice"_s, u"alice pw"_s));
    REQUIRE(server.addUser(u"bob"_s, u"bob pw"_s));
    REQUIRE(server.addUser(u"carol"_s, u"carol pw"_s));

    RawStream raw(server.port(), server.domain());
    REQUIRE(rawLogin(raw, u"alice"_s, u"raw"_s));
    const auto answer = [&](const QString &id) {
        waitFor([&] { return !stanzaWithId(raw, id).isEmpty(); });
        return stanzaWithId(raw, id);
    };
    raw.send("<iq type='set' id='two'><query xmlns='jabber:iq:roster'>"
             "<item jid='bob@flint.test'/><item jid='carol@flint.test'/></query></iq>");
    CHECK(answer(u"two"_s).contains(u"bad-request"_s));
    raw.send("<iq type='set' id='noname'><query xmlns='jabber:iq:roster'>"
             "<item jid='bob@flint.test' name=''/></query></iq>");
    CHECK(answer(u"noname"_s).contains(u"not-acceptable"_s));
    raw.send(u"<iq type='set' id='longname'><query xmlns='jabber:iq:roster'>"
             "<item jid='bob@flint.test' name='%1'/></query></iq>"_s.arg(QString(2000, u'x'))
                 .toUtf8());
    CHECK(answer(u"longname"_s).contains(u"not-acceptable"_s));
    raw.send("<iq type='set' id='badjid'><query xmlns='jabber:iq:roster'>"
             "<item jid='@@'/></query></iq>");
    CHECK(answer(u"badjid"_s).contains(u"bad-request"_s));
    raw.send("<iq type='set' id='nobody'><query xmlns='jabber:iq:roster'>"
             "<item jid='nobody@flint.test'/></query></iq>");
    CHECK(answer(u"nobody"_s).contains(u"item-not-found"_s));
    raw.send("<iq type='get' id='get'><query xmlns='jabber:iq:roster'/></iq>");
    CHECK_FALSE(answer(u"get"_s).contains(u"<item"_s));
}

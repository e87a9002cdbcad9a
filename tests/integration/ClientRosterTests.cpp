// RosterManager, RosterModel, SubscriptionRequestModel and PresenceManager against real servers,
// each test on flint-server and on Prosody, with two and three concurrent clients: the roster
// fill with groups, flows E and F, rename and regroup, accepting and denying requests (also
// those waiting at login), and status changes as the contacts see them.
#include "client/AccountSession.h"
#include "client/CertificateTrust.h"
#include "client/PresenceManager.h"
#include "client/RosterManager.h"
#include "client/RosterModel.h"
#include "client/SubscriptionRequestModel.h"
#include "support/ProsodyInstance.h"
#include "support/TestServer.h"

#include <catch2/catch.hpp>

#include <QSslCertificate>
#include <QTemporaryDir>
#include <QXmppClient.h>
#include <QXmppLogger.h>

#include <functional>
#include <memory>

using namespace flint;
using namespace flint::test;
using namespace Qt::StringLiterals;

namespace {

// The server a test body runs against.
struct Target {
    bool isProsody = false;
    QString domain;
    quint16 port = 0;
    QSslCertificate certificate;
    std::function<bool(const QString &user)> addUser; // password: "<user> secret"

    QString jid(const QString &user) const { return user + u'@' + domain; }
};

// Runs `body` once against a fresh flint-server and once against a fresh Prosody.
void onEachServer(const std::function<void(const Target &)> &body)
{
    SECTION("flint-server")
    {
        TestServer server;
        if (!server.start())
            FAIL(server.log().toStdString());
        Target target{
            false, server.domain(), server.port(),
            QSslCertificate::fromPath(server.dataDirectory() + u"/certificate.pem"_s).value(0),
            [&server](const QString &user) { return server.addUser(user, user + u" secret"_s); }};
        body(target);
    }
    SECTION("Prosody")
    {
        REQUIRE(prosodyAvailable()); // the test command installs Prosody
        ProsodyInstance prosody;
        if (!prosody.start())
            FAIL(prosody.log().toStdString());
        Target target{
            true, prosody.domain(), prosody.port(),
            QSslCertificate::fromPath(prosody.certificatePath()).value(0),
            [&prosody](const QString &user) { return prosody.addUser(user, user + u" secret"_s); }};
        body(target);
    }
}

// One logged-in resource with the roster and presence classes, and a record of what it saw.
class Client {
public:
    Client(const Target &target, const QString &user, const QString &resource)
        : m_trust(m_dir.filePath(u"pins"_s)), jid(target.jid(user))
    {
        m_trust.trustCertificate(jid, target.certificate);
        m_settings = {.jid = jid,
                      .password = user + u" secret"_s,
                      .address = u"127.0.0.1:%1"_s.arg(target.port),
                      .resource = resource,
                      .timeoutSeconds = 15};
        m_logger.setLoggingType(QXmppLogger::SignalLogging);
        m_logger.setMessageTypes(QXmppLogger::SentMessage);
        // Stanzas only: stream management acknowledgements are not the client's doing.
        QObject::connect(&m_logger, &QXmppLogger::message,
                         [this](QXmppLogger::MessageType, const QString &text) {
                             if (text.startsWith(u"<iq"_s) || text.startsWith(u"<presence"_s) ||
                                 text.startsWith(u"<message"_s))
                                 sent << text;
                         });
        session.client().setLogger(&m_logger);
        QObject::connect(&roster, &RosterManager::operationFinished,
                         [this](const RosterResult &result) { results << result; });
        QObject::connect(&roster, &RosterManager::subscriptionCancelled,
                         [this](const QString &from) { cancelled << from; });
        QObject::connect(&roster, &RosterManager::subscriptionRequestReceived,
                         [this](const QString &from, const QString &) { requested << from; });
    }
    ~Client() { session.client().setLogger(nullptr); }

    bool login()
    {
        session.connectToServer(m_settings);
        return waitFor(
            [this] {
                return session.state() == AccountSession::Connected && roster.isRosterReceived();
            },
            20000);
    }

    // Runs one roster operation and waits for its result.
    RosterResult run(const std::function<void(RosterManager &)> &operation)
    {
        results.clear();
        operation(roster);
        if (!waitFor([this] { return !results.isEmpty(); }, 10000))
            return {RosterResult::AddContact, {}, RosterResult::Failed, u"no result"_s};
        return results.takeFirst();
    }

    RosterContact contact(const QString &contactJid) const
    {
        return roster.model().contact(contactJid);
    }
    PresenceStatus::Availability availabilityOf(const QString &contactJid) const
    {
        const auto resources = contact(contactJid).resources;
        return resources.isEmpty() ? PresenceStatus::Offline
                                   : resources.first().status.availability;
    }
    bool waitForSubscription(const QString &contactJid, RosterContact::Subscription subscription)
    {
        return waitFor([&] {
            return roster.model().contains(contactJid) &&
                   contact(contactJid).subscription == subscription;
        });
    }

private:
    QTemporaryDir m_dir;
    QXmppLogger m_logger; // outlives the client that logs to it
    CertificateTrust m_trust;
    AccountSettings m_settings;

public:
    const QString jid;
    AccountSession session{m_trust};
    RosterManager roster{session};
    PresenceManager presence{session};
    QStringList sent;
    QList<RosterResult> results;
    QStringList cancelled;
    QStringList requested;
};

std::unique_ptr<Client> loggedIn(const Target &target, const QString &user,
                                 const QString &resource = u"desk"_s)
{
    auto client = std::make_unique<Client>(target, user, resource);
    REQUIRE(client->login());
    return client;
}

// `from` adds `to`, `to` accepts: both subscribed to each other.
void befriend(Client &from, Client &to, const QString &name = {}, const QStringList &groups = {})
{
    const RosterResult added =
        from.run([&](RosterManager &r) { r.addContact(to.jid, name, groups); });
    REQUIRE(added.kind == RosterResult::Done);
    REQUIRE(waitFor([&] { return to.roster.requests().contains(from.jid); }));
    to.roster.acceptSubscription(from.jid);
    REQUIRE(from.waitForSubscription(to.jid, RosterContact::Both));
    REQUIRE(to.waitForSubscription(from.jid, RosterContact::Both));
}

// The JIDs under the group displayed as `name` in `model`.
QStringList contactsInGroup(const RosterModel &model, const QString &name)
{
    for (int row = 0; row < model.rowCount(); ++row) {
        const QModelIndex group = model.index(row, 0);
        if (group.data().toString() != name)
            continue;
        QStringList jids;
        for (int child = 0; child < model.rowCount(group); ++child)
            jids << model.index(child, 0, group).data(RosterModel::JidRole).toString();
        jids.sort();
        return jids;
    }
    return {};
}

} // namespace

TEST_CASE("Roster operations need a session and a contact address", "[client][roster]")
{
    QTemporaryDir dir;
    CertificateTrust trust(dir.filePath(u"pins"_s));
    AccountSession session(trust);
    RosterManager roster(session);
    QList<RosterResult> results;
    QObject::connect(&roster, &RosterManager::operationFinished,
                     [&](const RosterResult &result) { results << result; });
    roster.addContact(u"bob@flint.test"_s);
    roster.removeContact(u"not a jid@@"_s);
    CHECK(results.isEmpty()); // results come from the event loop
    REQUIRE(waitFor([&] { return results.size() == 2; }, 2000));
    CHECK(results[0].operation == RosterResult::AddContact);
    CHECK(results[0].kind == RosterResult::NotConnected);
    CHECK(results[1].operation == RosterResult::RemoveContact);
    CHECK(results[1].kind == RosterResult::InvalidJid);
    CHECK_FALSE(describe(results[0]).isEmpty());
}

TEST_CASE("The roster arrives with its groups, a contact in several groups under each",
          "[client][roster]")
{
    onEachServer([](const Target &target) {
        for (const auto &user : {u"alice"_s, u"bob"_s, u"carol"_s, u"dave"_s})
            REQUIRE(target.addUser(user));
        {
            auto alice = loggedIn(target, u"alice"_s);
            CHECK(alice->roster.model().rowCount() == 0);
            CHECK(alice
                      ->run([&](RosterManager &r) {
                          r.addContact(target.jid(u"bob"_s), u"Bob"_s, {u"Team"_s, u"Friends"_s});
                      })
                      .kind == RosterResult::Done);
            CHECK(alice
                      ->run([&](RosterManager &r) {
                          r.addContact(target.jid(u"carol"_s), {}, {u"Team"_s});
                      })
                      .kind == RosterResult::Done);
            CHECK(alice->run([&](RosterManager &r) { r.addContact(target.jid(u"dave"_s)); }).kind ==
                  RosterResult::Done);
            // Roster pushes update the model of the session that made the change.
            REQUIRE(waitFor([&] { return alice->roster.model().rowCount() == 3; }));
            alice->session.cancel();
        }

        auto alice = loggedIn(target, u"alice"_s, u"laptop"_s);
        const RosterModel &model = alice->roster.model();
        CHECK(model.rowCount() == 3);
        CHECK(contactsInGroup(model, u"Team"_s) ==
              QStringList{target.jid(u"bob"_s), target.jid(u"carol"_s)});
        CHECK(contactsInGroup(model, u"Friends"_s) == QStringList{target.jid(u"bob"_s)});
        CHECK(contactsInGroup(model, u"Contacts"_s) == QStringList{target.jid(u"dave"_s)});
        const RosterContact bob = alice->contact(target.jid(u"bob"_s));
        CHECK(RosterModel::displayName(bob) == u"Bob"_s);
        CHECK(RosterModel::displayName(alice->contact(target.jid(u"carol"_s))) == u"carol"_s);
        // Asked, not yet answered: no subscription, a pending request.
        CHECK(bob.subscription == RosterContact::NoSubscription);
        CHECK(bob.subscriptionPending);
        CHECK(alice->availabilityOf(target.jid(u"bob"_s)) == PresenceStatus::Offline);
    });
}

TEST_CASE("Adding a user starts the handshake, after which both see each other online",
          "[client][roster][presence]")
{
    onEachServer([](const Target &target) {
        REQUIRE(target.addUser(u"alice"_s));
        REQUIRE(target.addUser(u"bob"_s));
        auto alice = loggedIn(target, u"alice"_s);
        auto bob = loggedIn(target, u"bob"_s);

        const RosterResult added =
            alice->run([&](RosterManager &r) { r.addContact(bob->jid, u"Bob"_s, {u"Team"_s}); });
        CHECK(added.kind == RosterResult::Done);
        CHECK(added.operation == RosterResult::AddContact);
        CHECK(added.jid == bob->jid);

        // Bob is asked, and sees the request in his list.
        REQUIRE(waitFor([&] { return bob->roster.requests().contains(alice->jid); }));
        CHECK(bob->requested == QStringList{alice->jid});
        REQUIRE(bob->roster.requests().rowCount() == 1);
        CHECK(bob->roster.requests().index(0).data(SubscriptionRequestModel::JidRole).toString() ==
              alice->jid);
        CHECK(alice->contact(bob->jid).subscriptionPending);

        // Bob accepts and asks back; Alice asked first, so her client approves on its own.
        bob->roster.acceptSubscription(alice->jid);
        CHECK(bob->roster.requests().rowCount() == 0);
        REQUIRE(alice->waitForSubscription(bob->jid, RosterContact::Both));
        REQUIRE(bob->waitForSubscription(alice->jid, RosterContact::Both));
        CHECK(alice->requested.isEmpty());
        REQUIRE(waitFor([&] {
            return alice->availabilityOf(bob->jid) == PresenceStatus::Online &&
                   bob->availabilityOf(alice->jid) == PresenceStatus::Online;
        }));
        CHECK(alice->contact(bob->jid).groups == QStringList{u"Team"_s});
        CHECK(alice->contact(bob->jid).resources.first().resource == u"desk"_s);

        // Status changes are broadcast to the contact.
        REQUIRE(bob->presence.setStatus({PresenceStatus::Away, u"in a meeting"_s}));
        REQUIRE(waitFor([&] { return alice->availabilityOf(bob->jid) == PresenceStatus::Away; }));
        CHECK(alice->contact(bob->jid).resources.first().status.text == u"in a meeting"_s);
        REQUIRE(bob->presence.setStatus({PresenceStatus::DoNotDisturb, {}}));
        REQUIRE(waitFor(
            [&] { return alice->availabilityOf(bob->jid) == PresenceStatus::DoNotDisturb; }));
        CHECK(alice->contact(bob->jid).resources.first().status.text.isEmpty());
        REQUIRE(bob->presence.setStatus({PresenceStatus::ExtendedAway, u"holiday"_s}));
        REQUIRE(waitFor(
            [&] { return alice->availabilityOf(bob->jid) == PresenceStatus::ExtendedAway; }));

        // XEP-0153: the avatar hash in Bob's presence reaches Alice's model.
        const QByteArray photo = QByteArray::fromHex("6b7a3e01c9a2f0d4b1e8c3a5f7e9d2b4c6a8e0f1");
        bob->presence.setAvatarHash(photo);
        REQUIRE(waitFor([&] {
            return alice->contact(bob->jid).avatarHash == QString::fromLatin1(photo.toHex());
        }));
        bob->presence.setAvatarHash({});
        REQUIRE(waitFor([&] { return alice->contact(bob->jid).avatarHash.isEmpty(); }));

        // Logging out shows as offline.
        bob->session.cancel();
        REQUIRE(
            waitFor([&] { return alice->availabilityOf(bob->jid) == PresenceStatus::Offline; }));
    });
}

TEST_CASE("Adding a contact already in the roster sends nothing", "[client][roster]")
{
    onEachServer([](const Target &target) {
        REQUIRE(target.addUser(u"alice"_s));
        REQUIRE(target.addUser(u"bob"_s));
        auto alice = loggedIn(target, u"alice"_s);
        auto bob = loggedIn(target, u"bob"_s);
        befriend(*alice, *bob);

        alice->sent.clear();
        bob->requested.clear();
        const RosterResult again = alice->run([&](RosterManager &r) {
            r.addContact(u"  "_s + bob->jid.toUpper() + u" "_s, u"Other name"_s);
        });
        CHECK(again.kind == RosterResult::AlreadyInRoster);
        CHECK(again.jid == bob->jid);
        // Give anything that might have been sent time to show.
        CHECK_FALSE(
            waitFor([&] { return !alice->sent.isEmpty() || !bob->requested.isEmpty(); }, 500));
        CHECK(alice->sent.isEmpty());
        CHECK(RosterModel::displayName(alice->contact(bob->jid)) == u"bob"_s);

        // The user's own address is no contact either, and nothing is sent for it.
        CHECK(alice->run([&](RosterManager &r) { r.addContact(alice->jid); }).kind ==
              RosterResult::InvalidJid);
        CHECK(alice->run([&](RosterManager &r) { r.addContact(u"bob@@bad"_s); }).kind ==
              RosterResult::InvalidJid);
        CHECK(alice->sent.isEmpty());
    });
}

TEST_CASE("Adding a local user that does not exist", "[client][roster]")
{
    onEachServer([](const Target &target) {
        REQUIRE(target.addUser(u"alice"_s));
        auto alice = loggedIn(target, u"alice"_s);
        const QString nobody = target.jid(u"nobody"_s);
        const RosterResult result = alice->run([&](RosterManager &r) { r.addContact(nobody); });
        if (!target.isProsody) {
            // flint-server checks its user table (flow E): nothing is added.
            CHECK(result.kind == RosterResult::NoSuchUser);
            CHECK_FALSE(describe(result).isEmpty());
            CHECK_FALSE(waitFor([&] { return alice->roster.model().contains(nobody); }, 300));
            return;
        }
        // Prosody accepts any JID into a roster and, not to reveal which accounts exist, leaves
        // a subscription request to no one unanswered: the contact simply stays "pending".
        CHECK(result.kind == RosterResult::Done);
        REQUIRE(waitFor([&] {
            return alice->roster.model().contains(nobody) &&
                   alice->contact(nobody).subscriptionPending;
        }));
        CHECK_FALSE(waitFor([&] { return alice->cancelled.contains(nobody); }, 1000));
        CHECK(alice->contact(nobody).subscription == RosterContact::NoSubscription);
        CHECK(alice->contact(nobody).subscriptionPending);
    });
}

TEST_CASE("Removing a contact cancels the subscriptions both ways", "[client][roster]")
{
    onEachServer([](const Target &target) {
        REQUIRE(target.addUser(u"alice"_s));
        REQUIRE(target.addUser(u"bob"_s));
        auto alice = loggedIn(target, u"alice"_s);
        auto bob = loggedIn(target, u"bob"_s);
        befriend(*alice, *bob, {}, {u"Team"_s});
        REQUIRE(waitFor([&] { return bob->availabilityOf(alice->jid) == PresenceStatus::Online; }));

        const RosterResult removed =
            alice->run([&](RosterManager &r) { r.removeContact(bob->jid); });
        CHECK(removed.kind == RosterResult::Done);
        CHECK(removed.operation == RosterResult::RemoveContact);
        REQUIRE(waitFor([&] { return !alice->roster.model().contains(bob->jid); }));
        CHECK(alice->roster.model().rowCount() == 0);
        // Bob keeps Alice in his roster, but neither sees the other any more.
        REQUIRE(bob->waitForSubscription(alice->jid, RosterContact::NoSubscription));
        REQUIRE(
            waitFor([&] { return bob->availabilityOf(alice->jid) == PresenceStatus::Offline; }));
        REQUIRE(waitFor([&] { return bob->cancelled.contains(alice->jid); }));

        CHECK(alice->run([&](RosterManager &r) { r.removeContact(bob->jid); }).kind ==
              RosterResult::NotInRoster);
    });
}

TEST_CASE("Renaming and regrouping reach every resource of the account", "[client][roster]")
{
    onEachServer([](const Target &target) {
        REQUIRE(target.addUser(u"alice"_s));
        REQUIRE(target.addUser(u"bob"_s));
        auto desk = loggedIn(target, u"alice"_s, u"desk"_s);
        auto laptop = loggedIn(target, u"alice"_s, u"laptop"_s);
        auto bob = loggedIn(target, u"bob"_s);
        befriend(*desk, *bob, {}, {u"Team"_s});
        REQUIRE(laptop->waitForSubscription(bob->jid, RosterContact::Both));

        CHECK(desk->run([&](RosterManager &r) { r.renameContact(bob->jid, u"Robert"_s); }).kind ==
              RosterResult::Done);
        REQUIRE(waitFor([&] { return laptop->contact(bob->jid).name == u"Robert"_s; }));
        CHECK(desk->contact(bob->jid).name == u"Robert"_s);
        CHECK(desk->contact(bob->jid).groups == QStringList{u"Team"_s});

        CHECK(desk->run([&](RosterManager &r) {
                      r.setGroups(bob->jid, {u"Sales"_s, u"Board"_s});
                  })
                  .kind == RosterResult::Done);
        REQUIRE(waitFor([&] {
            return contactsInGroup(laptop->roster.model(), u"Board"_s) == QStringList{bob->jid};
        }));
        for (const Client *client : {desk.get(), laptop.get()}) {
            const RosterModel &model = client->roster.model();
            CHECK(contactsInGroup(model, u"Sales"_s) == QStringList{bob->jid});
            CHECK(contactsInGroup(model, u"Team"_s).isEmpty());
            CHECK(model.rowCount() == 2);
            // Renaming kept the name and the subscription.
            CHECK(client->contact(bob->jid).name == u"Robert"_s);
            CHECK(client->contact(bob->jid).subscription == RosterContact::Both);
        }

        CHECK(desk->run([&](RosterManager &r) { r.setGroups(bob->jid, {}); }).kind ==
              RosterResult::Done);
        REQUIRE(waitFor([&] {
            return contactsInGroup(laptop->roster.model(), u"Contacts"_s) == QStringList{bob->jid};
        }));
        CHECK(laptop->roster.model().rowCount() == 1);

        const QString stranger = target.jid(u"stranger"_s);
        CHECK(desk->run([&](RosterManager &r) { r.renameContact(stranger, u"S"_s); }).kind ==
              RosterResult::NotInRoster);
        CHECK(desk->run([&](RosterManager &r) { r.setGroups(stranger, {u"X"_s}); }).kind ==
              RosterResult::NotInRoster);
    });
}

TEST_CASE("A denied request leaves the asker without a subscription", "[client][roster]")
{
    onEachServer([](const Target &target) {
        REQUIRE(target.addUser(u"alice"_s));
        REQUIRE(target.addUser(u"carol"_s));
        auto alice = loggedIn(target, u"alice"_s);
        auto carol = loggedIn(target, u"carol"_s);

        CHECK(carol->run([&](RosterManager &r) { r.addContact(alice->jid); }).kind ==
              RosterResult::Done);
        REQUIRE(waitFor([&] { return alice->roster.requests().contains(carol->jid); }));
        alice->roster.denySubscription(carol->jid);
        CHECK(alice->roster.requests().rowCount() == 0);

        REQUIRE(waitFor([&] { return carol->cancelled.contains(alice->jid); }));
        REQUIRE(waitFor([&] { return !carol->contact(alice->jid).subscriptionPending; }));
        CHECK(carol->contact(alice->jid).subscription == RosterContact::NoSubscription);
        CHECK(carol->availabilityOf(alice->jid) == PresenceStatus::Offline);
        // Alice shares nothing with Carol (Carol is not in her roster, or without a subscription).
        CHECK(alice->contact(carol->jid).subscription == RosterContact::NoSubscription);
    });
}

TEST_CASE("Requests made while the user was offline wait for the next login", "[client][roster]")
{
    onEachServer([](const Target &target) {
        REQUIRE(target.addUser(u"alice"_s));
        REQUIRE(target.addUser(u"carol"_s));
        REQUIRE(target.addUser(u"dave"_s));
        auto carol = loggedIn(target, u"carol"_s);
        auto dave = loggedIn(target, u"dave"_s);
        CHECK(carol->run([&](RosterManager &r) { r.addContact(target.jid(u"alice"_s)); }).kind ==
              RosterResult::Done);
        CHECK(dave->run([&](RosterManager &r) { r.addContact(target.jid(u"alice"_s)); }).kind ==
              RosterResult::Done);

        auto alice = loggedIn(target, u"alice"_s);
        REQUIRE(waitFor([&] { return alice->roster.requests().rowCount() == 2; }));
        CHECK(alice->roster.requests().contains(carol->jid));
        CHECK(alice->roster.requests().contains(dave->jid));

        alice->roster.acceptSubscription(carol->jid);
        REQUIRE(carol->waitForSubscription(alice->jid, RosterContact::Both));
        REQUIRE(
            waitFor([&] { return carol->availabilityOf(alice->jid) == PresenceStatus::Online; }));

        // Unanswered requests are presented again at the next login, answered ones are not.
        alice->session.cancel();
        alice = loggedIn(target, u"alice"_s, u"laptop"_s);
        REQUIRE(waitFor([&] { return alice->roster.requests().rowCount() == 1; }));
        CHECK(alice->roster.requests().contains(dave->jid));
        CHECK_FALSE(waitFor([&] { return alice->roster.requests().rowCount() != 1; }, 300));
    });
}

TEST_CASE("Three clients: a status reaches every subscriber and the account's other resources",
          "[client][roster][presence]")
{
    onEachServer([](const Target &target) {
        REQUIRE(target.addUser(u"alice"_s));
        REQUIRE(target.addUser(u"bob"_s));
        REQUIRE(target.addUser(u"carol"_s));
        auto alice = loggedIn(target, u"alice"_s);
        auto bob = loggedIn(target, u"bob"_s);
        auto carol = loggedIn(target, u"carol"_s);
        befriend(*alice, *bob);
        befriend(*carol, *alice);

        REQUIRE(alice->presence.setStatus({PresenceStatus::Away, u"back at 3"_s}));
        for (const Client *watcher : {bob.get(), carol.get()}) {
            REQUIRE(waitFor(
                [&] { return watcher->availabilityOf(alice->jid) == PresenceStatus::Away; }));
            CHECK(watcher->contact(alice->jid).resources.first().status.text == u"back at 3"_s);
        }

        // A second resource of Alice: her first one sees it; her contacts see both resources.
        auto phone = loggedIn(target, u"alice"_s, u"phone"_s);
        REQUIRE(phone->presence.setStatus({PresenceStatus::DoNotDisturb, u"driving"_s}));
        REQUIRE(waitFor([&] {
            const auto &own = alice->presence.ownResources();
            return own.size() == 1 &&
                   own.first().status.availability == PresenceStatus::DoNotDisturb;
        }));
        CHECK(alice->presence.ownResources().first().resource == u"phone"_s);
        CHECK(alice->presence.ownResources().first().status.text == u"driving"_s);
        REQUIRE(waitFor([&] { return phone->presence.ownResources().size() == 1; }));
        CHECK(phone->presence.ownResources().first().resource == u"desk"_s);
        CHECK(phone->presence.ownResources().first().status.availability == PresenceStatus::Away);
        REQUIRE(waitFor([&] { return bob->contact(alice->jid).resources.size() == 2; }));
        // Equal priorities: busy reads as more reachable than away.
        CHECK(bob->availabilityOf(alice->jid) == PresenceStatus::DoNotDisturb);

        phone->session.cancel();
        REQUIRE(waitFor([&] { return alice->presence.ownResources().isEmpty(); }));
        REQUIRE(waitFor([&] { return bob->contact(alice->jid).resources.size() == 1; }));
        CHECK(bob->availabilityOf(alice->jid) == PresenceStatus::Away);

        // A status set while logged out is announced at the next login.
        alice->session.cancel();
        REQUIRE(
            waitFor([&] { return carol->availabilityOf(alice->jid) == PresenceStatus::Offline; }));
        REQUIRE(alice->presence.setStatus({PresenceStatus::FreeForChat, u"ask me"_s}));
        alice->sent.clear();
        REQUIRE(alice->login());
        REQUIRE(waitFor(
            [&] { return carol->availabilityOf(alice->jid) == PresenceStatus::FreeForChat; }));
        CHECK(carol->contact(alice->jid).resources.first().status.text == u"ask me"_s);
        // It goes out once, as the login presence, not as "online" followed by a correction.
        // (With stream management QXmpp also resends the last session's unacknowledged
        // "unavailable" first; that is not an announcement of a status.)
        const auto announcements =
            std::count_if(alice->sent.cbegin(), alice->sent.cend(), [](const QString &stanza) {
                return stanza.startsWith(u"<presence"_s) && !stanza.contains(u"unavailable"_s);
            });
        INFO(alice->sent.join(u"\n"_s).toStdString());
        CHECK(announcements == 1);
        // And Alice's own model is filled again with her contacts' presence.
        REQUIRE(waitFor([&] {
            return alice->availabilityOf(bob->jid) == PresenceStatus::Online &&
                   alice->availabilityOf(carol->jid) == PresenceStatus::Online;
        }));
    });
}

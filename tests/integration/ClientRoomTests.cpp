// Rooms in the client core (RoomService, Room) against flint-server's MUC service: three people in
// a room with messages kept once in local history, history on join not stored twice on a rejoin,
// subject, moderation (kick, ban, destroy), membership lost, invitations both ways, configured
// creation, the room list, join errors, bookmarks with auto-join and changes made offline, private
// messages with occupants as conversations of their own, the account's presence mirrored into its
// rooms, and rejoining by itself after the server restarts or shuts down.
#include "client/AccountSession.h"
#include "client/CertificateTrust.h"
#include "client/ClientAccount.h"
#include "client/Conversation.h"
#include "client/ConversationManager.h"
#include "client/HistoryStore.h"
#include "client/MessageListModel.h"
#include "client/PresenceManager.h"
#include "client/RoomService.h"
#include "support/ClientHelpers.h"
#include "support/TestServer.h"

#include <catch2/catch.hpp>

#include <algorithm>

#include <QPointer>
#include <QSslCertificate>
#include <QTemporaryDir>
#include <QXmppClient.h>

#include <memory>
#include <optional>

using namespace flint;
using namespace flint::test;
using namespace Qt::StringLiterals;

namespace {

const QString Service = u"conference.flint.test"_s;

// Starts `server` with these users, each with the password "<name> pw".
bool startWith(TestServer &server, const QStringList &users)
{
    return server.start() && std::all_of(users.begin(), users.end(), [&](const QString &user) {
               return server.addUser(user, user + u" pw"_s);
           });
}

QString roomJid(const QString &name)
{
    return name + u'@' + Service;
}

// What one room did, as its signals said.
struct RoomProbe {
    explicit RoomProbe(Room *room) : room(room)
    {
        QObject::connect(room, &Room::joined, room, [this] { ++joined; });
        QObject::connect(room, &Room::failed, room,
                         [this](const RoomError &error) { errors << error.kind; });
        QObject::connect(room, &Room::exited, room, [this](RoomExit exit, const QString &text) {
            exits << exit;
            exitTexts << text;
        });
        QObject::connect(room, &Room::subjectChanged, room,
                         [this](const QString &subject) { subjects << subject; });
        QObject::connect(room, &Room::occupantJoined, room,
                         [this](const QString &nick) { occupantsJoined << nick; });
        QObject::connect(room, &Room::occupantLeft, room,
                         [this](const QString &nick) { occupantsLeft << nick; });
        QObject::connect(room, &Room::configured, room, [this] { ++configured; });
        QObject::connect(room, &Room::configurationReceived, room,
                         [this](const RoomConfig &config) { configuration = config; });
    }
    bool waitForJoined() const
    {
        return waitFor([this] { return room && room->state() == Room::State::Joined; });
    }
    bool waitForError() const
    {
        return waitFor([this] { return !errors.isEmpty(); });
    }

    QPointer<Room> room;
    int joined = 0;
    int configured = 0;
    QList<RoomError::Kind> errors;
    QList<RoomExit> exits;
    QStringList exitTexts;
    QStringList subjects;
    QStringList occupantsJoined;
    QStringList occupantsLeft;
    std::optional<RoomConfig> configuration;
};

// One person's client: trust, local history, session, rooms.
struct Member {
    Member(TestServer &server, const QString &user, const QString &resource = u"desk"_s)
        : server(server), user(user), resource(resource), trust(dir.filePath(u"pins"_s)),
          session(trust), rooms(session, history)
    {
        REQUIRE(historyOpened == HistoryStore::Error::None);
        REQUIRE(trust.trustCertificate(
            jid(),
            QSslCertificate::fromPath(server.dataDirectory() + u"/certificate.pem"_s).value(0)));
        QObject::connect(&session, &AccountSession::loggedIn, [this] { ++loggedIn; });
        QObject::connect(&rooms, &RoomService::invitationReceived,
                         [this](const RoomInvitation &invitation) { invitations << invitation; });
        QObject::connect(&rooms, &RoomService::messageReceived,
                         [this](Room *, const HistoryMessage &message) { received << message; });
        QObject::connect(&rooms, &RoomService::bookmarksChanged, [this] { ++bookmarkChanges; });
        QObject::connect(&rooms, &RoomService::roomsListed,
                         [this](const QList<RoomListing> &rooms) { listing = rooms; });
    }
    QString jid() const { return user + u"@flint.test"_s; }
    // Logs in and waits until the room service is known.
    bool login()
    {
        const int before = loggedIn;
        session.connectToServer({.jid = jid(),
                                 .password = user + u" pw"_s,
                                 .address = u"127.0.0.1:%1"_s.arg(server.port()),
                                 .resource = resource,
                                 .timeoutSeconds = 10});
        return waitFor([&] { return loggedIn > before; }, 15000) &&
               waitFor([&] { return rooms.serviceJid() == Service; });
    }
    // Joins and waits until in the room.
    Room *enter(const QString &room, const QString &nick, const QString &password = {})
    {
        Room *joined = rooms.join(roomJid(room), nick, password);
        REQUIRE(joined);
        REQUIRE(waitFor([joined] { return joined->state() == Room::State::Joined; }));
        return joined;
    }
    QList<HistoryMessage> stored(const QString &room) const
    {
        return history.messages(roomJid(room), std::nullopt, 1000);
    }

    TestServer &server;
    QString user;
    QString resource;
    QTemporaryDir dir;
    CertificateTrust trust;
    AccountSession session;
    HistoryStore history;
    // Before the room service, which reads it.
    HistoryStore::Error historyOpened = history.open(dir.filePath(u"history.sqlite"_s));
    RoomService rooms;
    int loggedIn = 0;
    int bookmarkChanges = 0;
    QList<RoomInvitation> invitations;
    QList<HistoryMessage> received;
    std::optional<QList<RoomListing>> listing;
};

// One user of the desktop app: the whole account wired as the app does it (ClientAccount).
struct AppUser {
    AppUser(TestServer &server, const QString &user)
        : server(server), user(user), trust(dir.filePath(u"pins"_s)),
          account(jid(), dir.filePath(u"data"_s), trust)
    {
        REQUIRE(account.historyError() == HistoryStore::Error::None);
        REQUIRE(trust.trustCertificate(
            jid(),
            QSslCertificate::fromPath(server.dataDirectory() + u"/certificate.pem"_s).value(0)));
        QObject::connect(&account.session(), &AccountSession::loggedIn, [this] { ++loggedIn; });
        QObject::connect(&account.conversations(), &ConversationManager::messageReceived,
                         [this](Conversation *conversation, const HistoryMessage &message) {
                             received << std::make_pair(conversation->peer(), message.body);
                         });
    }
    QString jid() const { return user + u"@flint.test"_s; }
    bool login()
    {
        const int before = loggedIn;
        account.logIn({.jid = jid(),
                       .password = user + u" pw"_s,
                       .address = u"127.0.0.1:%1"_s.arg(server.port()),
                       .resource = u"desk"_s,
                       .timeoutSeconds = 10});
        return waitFor([&] { return loggedIn > before; }, 15000) &&
               waitFor([&] { return account.rooms().serviceJid() == Service; });
    }
    Room *enter(const QString &room, const QString &nick)
    {
        Room *joined = account.rooms().join(roomJid(room), nick);
        REQUIRE(joined);
        REQUIRE(waitFor([joined] { return joined->state() == Room::State::Joined; }));
        return joined;
    }
    QList<HistoryMessage> stored(const QString &peer) const
    {
        return account.history().messages(peer, std::nullopt, 1000);
    }

    TestServer &server;
    QString user;
    QTemporaryDir dir;
    CertificateTrust trust;
    ClientAccount account;
    int loggedIn = 0;
    QList<std::pair<QString, QString>> received; // peer and body of each chat message received
};

// The bodies, oldest first, as one string Catch can print.
std::string bodiesOf(const QList<HistoryMessage> &messages)
{
    QStringList bodies;
    // History comes newest first.
    for (auto it = messages.rbegin(); it != messages.rend(); ++it)
        bodies << it->body;
    return bodies.join(u" | "_s).toStdString();
}

std::string nicksOf(const RoomOccupantModel &model)
{
    QStringList nicks;
    for (int row = 0; row < model.rowCount(); ++row)
        nicks << model.data(model.index(row), RoomOccupantModel::NickRole).toString();
    return nicks.join(u", "_s).toStdString();
}

} // namespace

TEST_CASE("three people in a room: messages kept once, subject, history on join, rejoin", "[rooms]")
{
    const Backend backend = GENERATE(Backend::Sqlite, Backend::MariaDb);
    INFO("backend: " << backendName(backend).toStdString());
    TestServer server({.backend = backend});
    REQUIRE(startWith(server, {u"alice"_s, u"bob"_s, u"carol"_s}));
    Member alice(server, u"alice"_s);
    Member bob(server, u"bob"_s);
    Member carol(server, u"carol"_s);
    REQUIRE(alice.login());
    REQUIRE(bob.login());
    REQUIRE(carol.login());

    // The first to join a room that does not exist creates it and owns it.
    Room *aliceRoom = alice.enter(u"team"_s, u"Alice"_s);
    RoomProbe aliceProbe(aliceRoom);
    CHECK(aliceRoom->ownAffiliation() == RoomAffiliation::Owner);
    CHECK(aliceRoom->ownRole() == RoomRole::Moderator);
    CHECK(alice.rooms.rooms() == QList<Room *>{aliceRoom});
    CHECK(alice.rooms.defaultNick() == u"Alice"_s);

    Room *bobRoom = bob.enter(u"team"_s, u"Bob"_s);
    RoomProbe bobProbe(bobRoom);
    CHECK(bobRoom->ownRole() == RoomRole::Participant);
    CHECK(bobRoom->ownAffiliation() == RoomAffiliation::None);
    REQUIRE(waitFor([&] { return aliceProbe.occupantsJoined.contains(u"Bob"_s); }));
    // Moderators first, then participants.
    CHECK(nicksOf(aliceRoom->occupants()) == "Alice, Bob");
    CHECK(nicksOf(bobRoom->occupants()) == "Alice, Bob");
    const auto bobSeen = aliceRoom->occupants().occupant(u"Bob"_s);
    REQUIRE(bobSeen);
    CHECK(bobSeen->jid == bob.jid()); // a moderator sees real addresses
    CHECK(bobSeen->status.availability == PresenceStatus::Online);
    CHECK_FALSE(bobSeen->isSelf);
    CHECK(aliceRoom->occupants().occupant(u"Alice"_s)->isSelf);

    const QString first = aliceRoom->sendMessage(u"Hello, team"_s);
    REQUIRE_FALSE(first.isEmpty());
    CHECK(aliceRoom->sendMessage(u"   "_s).isEmpty());
    REQUIRE(waitFor([&] { return bob.stored(u"team"_s).size() == 1; }));
    REQUIRE(bobRoom->sendMessage(u"Hi Alice"_s).size() > 0);
    REQUIRE(waitFor([&] { return alice.stored(u"team"_s).size() == 2; }));
    REQUIRE(waitFor([&] { return bob.stored(u"team"_s).size() == 2; }));

    // Alice's own message: stored once, as outgoing, and the room's echo made it Sent.
    const QList<HistoryMessage> aliceHistory = alice.stored(u"team"_s);
    CHECK(bodiesOf(aliceHistory) == "Hello, team | Hi Alice");
    const HistoryMessage &own = aliceHistory.at(1);
    CHECK(own.kind == ConversationKind::GroupChat);
    CHECK(own.direction == MessageDirection::Outgoing);
    CHECK(own.delivery == DeliveryState::Sent);
    CHECK(own.sender == roomJid(u"team"_s) + u"/Alice"_s);
    const HistoryMessage &fromBob = aliceHistory.at(0);
    CHECK(fromBob.direction == MessageDirection::Incoming);
    CHECK(fromBob.sender == roomJid(u"team"_s) + u"/Bob"_s);
    CHECK(aliceRoom->messages().rowCount() == 2);
    CHECK(aliceRoom->unreadCount() == 1);
    aliceRoom->markRead();
    CHECK(aliceRoom->unreadCount() == 0);
    // For notifications: only what others wrote.
    REQUIRE(alice.received.size() == 1);
    CHECK(alice.received.first().body == u"Hi Alice"_s);
    const auto conversations = alice.history.conversations();
    REQUIRE(conversations.size() == 1);
    CHECK(conversations.first().kind == ConversationKind::GroupChat);
    CHECK(conversations.first().peer == roomJid(u"team"_s));

    aliceRoom->setSubject(u"Plans for Friday"_s);
    REQUIRE(waitFor([&] { return bobProbe.subjects.contains(u"Plans for Friday"_s); }));
    CHECK(bobRoom->subject() == u"Plans for Friday"_s);
    CHECK(aliceRoom->subject() == u"Plans for Friday"_s);

    // Carol comes later: the room's recent history with its original times, and the subject.
    Room *carolRoom = carol.enter(u"team"_s, u"Carol"_s);
    REQUIRE(waitFor([&] { return carol.stored(u"team"_s).size() == 2; }));
    REQUIRE(waitFor([&] { return carolRoom->subject() == u"Plans for Friday"_s; }));
    const QList<HistoryMessage> carolHistory = carol.stored(u"team"_s);
    CHECK(bodiesOf(carolHistory) == "Hello, team | Hi Alice");
    CHECK(qAbs(carolHistory.at(1).timestamp.msecsTo(own.timestamp)) < 2000);
    CHECK((carolHistory.at(1).flags & HistoryMessage::OfflineDelayed) != 0);
    CHECK(carol.received.isEmpty()); // no notifications for old messages
    CHECK(nicksOf(carolRoom->occupants()) == "Alice, Bob, Carol");

    // Carol leaves and comes back: the replayed history is not stored again.
    carolRoom->leave();
    CHECK(carol.rooms.rooms().isEmpty());
    REQUIRE(waitFor([&] { return aliceProbe.occupantsLeft.contains(u"Carol"_s); }));
    carolRoom = carol.enter(u"team"_s, u"Carol"_s);
    REQUIRE(bobRoom->sendMessage(u"Welcome back"_s).size() > 0);
    REQUIRE(waitFor([&] { return carol.stored(u"team"_s).size() == 3; }));
    CHECK_FALSE(waitFor([&] { return carol.stored(u"team"_s).size() > 3; }, 1000));
    CHECK(bodiesOf(carol.stored(u"team"_s)) == "Hello, team | Hi Alice | Welcome back");
    CHECK(alice.stored(u"team"_s).size() == 3);
    CHECK(bob.stored(u"team"_s).size() == 3);

    // A new nick: everyone sees it, and what Bob writes under it is still his own.
    bobRoom->changeNick(u"Bobby"_s);
    REQUIRE(waitFor([&] { return bobRoom->nick() == u"Bobby"_s; }));
    REQUIRE(waitFor([&] { return aliceRoom->occupants().occupant(u"Bobby"_s).has_value(); }));
    CHECK_FALSE(aliceRoom->occupants().occupant(u"Bob"_s).has_value());
    CHECK(bobRoom->occupants().occupant(u"Bobby"_s)->isSelf);
    REQUIRE(bobRoom->sendMessage(u"Renamed"_s).size() > 0);
    REQUIRE(waitFor([&] { return alice.stored(u"team"_s).size() == 4; }));
    CHECK(alice.stored(u"team"_s).first().sender == roomJid(u"team"_s) + u"/Bobby"_s);
    REQUIRE(waitFor([&] { return bob.stored(u"team"_s).size() == 4; }));
    CHECK(bob.stored(u"team"_s).first().direction == MessageDirection::Outgoing);
    CHECK(bob.stored(u"team"_s).first().delivery == DeliveryState::Sent);
    // A nick someone else has is refused, and Carol keeps hers.
    RoomProbe carolProbe(carolRoom);
    carolRoom->changeNick(u"Alice"_s);
    REQUIRE(carolProbe.waitForError());
    CHECK(carolProbe.errors.first() == RoomError::NicknameInUse);
    CHECK(carolRoom->nick() == u"Carol"_s);
    CHECK(carolRoom->state() == Room::State::Joined);
}

TEST_CASE("moderation: kick, ban, refused requests, destroy", "[rooms]")
{
    TestServer server;
    REQUIRE(startWith(server, {u"alice"_s, u"bob"_s, u"carol"_s}));
    Member alice(server, u"alice"_s);
    Member bob(server, u"bob"_s);
    Member carol(server, u"carol"_s);
    REQUIRE(alice.login());
    REQUIRE(bob.login());
    REQUIRE(carol.login());

    Room *aliceRoom = alice.enter(u"ops"_s, u"Alice"_s);
    RoomProbe aliceProbe(aliceRoom);
    Room *bobRoom = bob.enter(u"ops"_s, u"Bob"_s);
    Room *carolRoom = carol.enter(u"ops"_s, u"Carol"_s);
    RoomProbe carolProbe(carolRoom);
    REQUIRE(waitFor([&] { return aliceRoom->occupants().rowCount() == 3; }));

    const RoomOccupant bobAsSeen = *aliceRoom->occupants().occupant(u"Bob"_s);
    const RoomOccupant aliceAsSeen = *carolRoom->occupants().occupant(u"Alice"_s);
    CHECK(aliceRoom->can(Room::Action::Kick, bobAsSeen));
    CHECK(aliceRoom->can(Room::Action::Ban, bobAsSeen));
    CHECK(aliceRoom->can(Room::Action::GrantModerator, bobAsSeen));
    CHECK(aliceRoom->can(Room::Action::Configure));
    CHECK(aliceRoom->can(Room::Action::Destroy));
    CHECK_FALSE(aliceRoom->can(Room::Action::Kick,
                               *aliceRoom->occupants().occupant(u"Alice"_s))); // herself
    CHECK_FALSE(carolRoom->can(Room::Action::Kick, aliceAsSeen));
    CHECK_FALSE(carolRoom->can(Room::Action::Configure));
    CHECK(carolRoom->can(Room::Action::Invite));

    // A participant's moderation request is refused by the room.
    carolRoom->kick(u"Alice"_s);
    REQUIRE(carolProbe.waitForError());
    CHECK(carolProbe.errors.first() == RoomError::NotAllowed);

    {
        RoomProbe bobProbe(bobRoom);
        aliceRoom->kick(u"Bob"_s, u"Too loud"_s);
        REQUIRE(waitFor([&] { return !bobProbe.exits.isEmpty(); }));
        CHECK(bobProbe.exits.first() == RoomExit::Kicked);
        CHECK(bobProbe.exitTexts.first() == u"Too loud"_s);
        CHECK(waitFor([&] { return bob.rooms.rooms().isEmpty(); }));
        REQUIRE(waitFor([&] { return aliceProbe.occupantsLeft.contains(u"Bob"_s); }));
    }

    // Kicked is not banned: Bob comes back. Banned is out for good.
    bobRoom = bob.enter(u"ops"_s, u"Bob"_s);
    {
        RoomProbe bobProbe(bobRoom);
        aliceRoom->setAffiliation(bob.jid(), RoomAffiliation::Outcast, u"Enough"_s);
        REQUIRE(waitFor([&] { return !bobProbe.exits.isEmpty(); }));
        CHECK(bobProbe.exits.first() == RoomExit::Banned);
    }
    bobRoom = bob.rooms.join(roomJid(u"ops"_s), u"Bob"_s);
    REQUIRE(bobRoom);
    RoomProbe bannedProbe(bobRoom);
    REQUIRE(bannedProbe.waitForError());
    CHECK(bannedProbe.errors.first() == RoomError::Banned);
    CHECK(waitFor([&] { return bob.rooms.rooms().isEmpty(); }));

    // Voice: a visitor may not speak.
    aliceRoom->setRole(u"Carol"_s, RoomRole::Visitor);
    REQUIRE(waitFor([&] { return carolRoom->ownRole() == RoomRole::Visitor; }));
    CHECK(aliceRoom->can(Room::Action::GrantVoice, *aliceRoom->occupants().occupant(u"Carol"_s)));

    aliceRoom->destroy(u"Project over"_s);
    REQUIRE(waitFor([&] { return !carolProbe.exits.isEmpty(); }));
    CHECK(carolProbe.exits.first() == RoomExit::Destroyed);
    CHECK(carolProbe.exitTexts.first() == u"Project over"_s);
    REQUIRE(waitFor([&] { return !aliceProbe.exits.isEmpty(); }));
    CHECK(aliceProbe.exits.first() == RoomExit::Destroyed);
    CHECK(waitFor([&] { return alice.rooms.rooms().isEmpty() && carol.rooms.rooms().isEmpty(); }));
}

TEST_CASE("invitations through the room and direct ones arrive with their details", "[rooms]")
{
    TestServer server;
    REQUIRE(startWith(server, {u"alice"_s, u"bob"_s, u"carol"_s}));
    Member alice(server, u"alice"_s);
    Member bob(server, u"bob"_s);
    Member carol(server, u"carol"_s);
    REQUIRE(alice.login());
    REQUIRE(bob.login());
    REQUIRE(carol.login());

    RoomConfig config;
    config.password = u"sesame"_s;
    Room *aliceRoom = alice.rooms.create(roomJid(u"lunch"_s), u"Alice"_s, config);
    RoomProbe aliceProbe(aliceRoom);
    REQUIRE(waitFor([&] { return aliceProbe.configured == 1; }));

    aliceRoom->invite(bob.jid(), u"Pizza?"_s);
    REQUIRE(waitFor([&] { return !bob.invitations.isEmpty(); }));
    const RoomInvitation mediated = bob.invitations.first();
    CHECK(mediated.room == roomJid(u"lunch"_s));
    CHECK(mediated.inviter == alice.jid());
    CHECK(mediated.reason == u"Pizza?"_s);
    CHECK(mediated.password == u"sesame"_s);
    CHECK_FALSE(mediated.direct);
    // Bob accepts with the password the invitation carried.
    bob.enter(u"lunch"_s, u"Bob"_s, mediated.password);

    alice.rooms.inviteDirect(roomJid(u"lunch"_s), carol.jid(), u"Join us"_s);
    REQUIRE(waitFor([&] { return !carol.invitations.isEmpty(); }));
    const RoomInvitation direct = carol.invitations.first();
    CHECK(direct.room == roomJid(u"lunch"_s));
    CHECK(direct.inviter == alice.jid());
    CHECK(direct.reason == u"Join us"_s);
    CHECK(direct.password == u"sesame"_s);
    CHECK(direct.direct);

    // Declining a mediated invitation goes back through the room without trouble.
    alice.rooms.declineInvitation(mediated, u"not hungry"_s);
    aliceRoom->invite(carol.jid());
    REQUIRE(waitFor([&] { return carol.invitations.size() == 2; }));
    carol.rooms.declineInvitation(carol.invitations.last(), u"Busy"_s);
    CHECK_FALSE(waitFor([&] { return !aliceProbe.errors.isEmpty(); }, 1000));
}

TEST_CASE("a configured room, the room list, and join errors", "[rooms]")
{
    const Backend backend = GENERATE(Backend::Sqlite, Backend::MariaDb);
    INFO("backend: " << backendName(backend).toStdString());
    TestServer server({.backend = backend});
    REQUIRE(startWith(server, {u"alice"_s, u"bob"_s, u"carol"_s}));
    Member alice(server, u"alice"_s);
    Member bob(server, u"bob"_s);
    Member carol(server, u"carol"_s);
    REQUIRE(alice.login());
    REQUIRE(bob.login());
    REQUIRE(carol.login());

    RoomConfig secretConfig;
    secretConfig.name = u"Secret Plans"_s;
    secretConfig.description = u"Only for the board"_s;
    secretConfig.persistent = true;
    secretConfig.password = u"board pw"_s;
    secretConfig.historyLength = 5;
    Room *secret = alice.rooms.create(roomJid(u"secret"_s), u"Alice"_s, secretConfig);
    REQUIRE(secret);
    RoomProbe secretProbe(secret);
    REQUIRE(waitFor([&] { return secretProbe.configured == 1; }));
    CHECK(secretProbe.joined == 1);
    CHECK(waitFor([&] { return secret->name() == u"Secret Plans"_s; }));
    secret->requestConfiguration();
    REQUIRE(waitFor([&] { return secretProbe.configuration.has_value(); }));
    CHECK(secretProbe.configuration->name == u"Secret Plans"_s);
    CHECK(secretProbe.configuration->description == u"Only for the board"_s);
    CHECK(secretProbe.configuration->persistent);
    CHECK(secretProbe.configuration->password == u"board pw"_s);
    CHECK(secretProbe.configuration->historyLength == 5);
    CHECK_FALSE(secretProbe.configuration->membersOnly);

    RoomConfig clubConfig;
    clubConfig.membersOnly = true;
    Room *club = alice.rooms.create(roomJid(u"club"_s), u"Alice"_s, clubConfig);
    RoomProbe clubProbe(club);
    REQUIRE(waitFor([&] { return clubProbe.configured == 1; }));
    alice.enter(u"open"_s, u"Alice"_s);

    bob.rooms.listRooms();
    REQUIRE(waitFor([&] { return bob.listing.has_value(); }));
    QHash<QString, RoomListing> listed;
    for (const RoomListing &listing : *bob.listing)
        listed.insert(listing.jid, listing);
    REQUIRE(listed.contains(roomJid(u"secret"_s)));
    REQUIRE(listed.contains(roomJid(u"club"_s)));
    REQUIRE(listed.contains(roomJid(u"open"_s)));
    const RoomListing secretListing = listed.value(roomJid(u"secret"_s));
    CHECK(secretListing.name == u"Secret Plans"_s);
    CHECK(secretListing.description == u"Only for the board"_s);
    CHECK(secretListing.passwordProtected);
    CHECK(secretListing.persistent);
    CHECK_FALSE(secretListing.membersOnly);
    CHECK(secretListing.occupants == 1);
    CHECK(listed.value(roomJid(u"club"_s)).membersOnly);
    CHECK_FALSE(listed.value(roomJid(u"open"_s)).passwordProtected);

    const auto joinError = [](Member &member, const QString &room, const QString &nick,
                              const QString &password) {
        Room *attempt = member.rooms.join(roomJid(room), nick, password);
        REQUIRE(attempt);
        RoomProbe probe(attempt);
        REQUIRE(probe.waitForError());
        CHECK(waitFor([&] { return member.rooms.room(roomJid(room)) == nullptr; }));
        return probe.errors.first();
    };
    CHECK(joinError(bob, u"secret"_s, u"Bob"_s, {}) == RoomError::PasswordRequired);
    CHECK(joinError(bob, u"secret"_s, u"Bob"_s, u"wrong"_s) == RoomError::PasswordRequired);
    bob.enter(u"secret"_s, u"Bob"_s, u"board pw"_s);
    CHECK(joinError(carol, u"secret"_s, u"Bob"_s, u"board pw"_s) == RoomError::NicknameInUse);
    CHECK(joinError(carol, u"club"_s, u"Carol"_s, {}) == RoomError::MembersOnly);

    // Creating a room that is already there is refused, and Carol does not stay in it.
    Room *again = carol.rooms.create(roomJid(u"open"_s), u"Carol"_s, {});
    REQUIRE(again);
    RoomProbe againProbe(again);
    REQUIRE(againProbe.waitForError());
    CHECK(againProbe.errors.first() == RoomError::RoomExists);
    CHECK(waitFor([&] { return carol.rooms.rooms().isEmpty(); }));

    // Membership opens the members-only room.
    club->setAffiliation(carol.jid(), RoomAffiliation::Member);
    CHECK_FALSE(waitFor([&] { return !clubProbe.errors.isEmpty(); }, 1000));
    carol.enter(u"club"_s, u"Carol"_s);
}

TEST_CASE("bookmarks are kept on the server and auto-joined after a fresh login", "[rooms]")
{
    const Backend backend = GENERATE(Backend::Sqlite, Backend::MariaDb);
    INFO("backend: " << backendName(backend).toStdString());
    TestServer server({.backend = backend});
    REQUIRE(startWith(server, {u"alice"_s}));
    {
        Member alice(server, u"alice"_s);
        REQUIRE(alice.login());
        CHECK(alice.rooms.bookmarks().isEmpty());
        alice.rooms.setBookmark({.jid = roomJid(u"daily"_s),
                                 .name = u"Daily stand-up"_s,
                                 .nick = u"Ali"_s,
                                 .password = {},
                                 .autojoin = true});
        alice.rooms.setBookmark({.jid = roomJid(u"archive"_s),
                                 .name = u"Archive"_s,
                                 .nick = {},
                                 .password = u"old pw"_s,
                                 .autojoin = false});
        CHECK(alice.rooms.bookmarks().size() == 2);
        // Replaced by room address.
        alice.rooms.setBookmark({.jid = roomJid(u"archive"_s),
                                 .name = u"Old archive"_s,
                                 .nick = {},
                                 .password = u"old pw"_s,
                                 .autojoin = false});
        CHECK(alice.rooms.bookmarks().size() == 2);
        REQUIRE(syncWithServer(alice.session.client(), server.domain()));
    }

    // Another computer: the bookmarks come from the server and the auto-join room is entered.
    Member laptop(server, u"alice"_s);
    REQUIRE(laptop.login());
    REQUIRE(waitFor([&] { return laptop.rooms.bookmarks().size() == 2; }));
    QHash<QString, RoomBookmark> bookmarks;
    for (const RoomBookmark &bookmark : laptop.rooms.bookmarks())
        bookmarks.insert(bookmark.jid, bookmark);
    CHECK(bookmarks.value(roomJid(u"daily"_s)) == RoomBookmark{.jid = roomJid(u"daily"_s),
                                                               .name = u"Daily stand-up"_s,
                                                               .nick = u"Ali"_s,
                                                               .password = {},
                                                               .autojoin = true});
    CHECK(bookmarks.value(roomJid(u"archive"_s)).name == u"Old archive"_s);
    CHECK(bookmarks.value(roomJid(u"archive"_s)).password == u"old pw"_s);
    REQUIRE(waitFor([&] {
        Room *daily = laptop.rooms.room(roomJid(u"daily"_s));
        return daily && daily->state() == Room::State::Joined;
    }));
    CHECK(laptop.rooms.room(roomJid(u"daily"_s))->nick() == u"Ali"_s);
    CHECK(laptop.rooms.rooms().size() == 1);

    laptop.rooms.removeBookmark(roomJid(u"daily"_s));
    CHECK(laptop.rooms.bookmarks().size() == 1);
    REQUIRE(syncWithServer(laptop.session.client(), server.domain()));
    Member desk(server, u"alice"_s);
    REQUIRE(desk.login());
    REQUIRE(waitFor([&] { return desk.bookmarkChanges > 0; }));
    CHECK(desk.rooms.bookmarks().size() == 1);
    CHECK(desk.rooms.bookmarks().first().jid == roomJid(u"archive"_s));
    CHECK_FALSE(waitFor([&] { return !desk.rooms.rooms().isEmpty(); }, 1000));
}

TEST_CASE("rooms are rejoined by themselves after the server restarts, history not doubled",
          "[rooms][reconnect]")
{
    const Backend backend = GENERATE(Backend::Sqlite, Backend::MariaDb);
    INFO("backend: " << backendName(backend).toStdString());
    TestServer server({.backend = backend});
    REQUIRE(startWith(server, {u"alice"_s, u"bob"_s}));
    Member alice(server, u"alice"_s);
    Member bob(server, u"bob"_s);
    REQUIRE(alice.login());
    REQUIRE(bob.login());

    RoomConfig config;
    config.persistent = true;
    Room *aliceRoom = alice.rooms.create(roomJid(u"standing"_s), u"Alice"_s, config);
    RoomProbe aliceProbe(aliceRoom);
    REQUIRE(waitFor([&] { return aliceProbe.configured == 1; }));
    Room *bobRoom = bob.enter(u"standing"_s, u"Bob"_s);
    RoomProbe bobProbe(bobRoom);
    aliceRoom->sendMessage(u"one"_s);
    REQUIRE(waitFor([&] { return bob.stored(u"standing"_s).size() == 1; }));
    bobRoom->sendMessage(u"two"_s);
    REQUIRE(waitFor([&] {
        return alice.stored(u"standing"_s).size() == 2 && bob.stored(u"standing"_s).size() == 2;
    }));

    server.kill();
    REQUIRE(waitFor([&] { return bobProbe.exits.contains(RoomExit::Disconnected); }));
    CHECK(bobRoom->state() == Room::State::Joining);
    CHECK(bob.rooms.rooms() == QList<Room *>{bobRoom});
    REQUIRE(server.start());

    REQUIRE(waitFor([&] { return bob.loggedIn == 2 && alice.loggedIn == 2; }, 40000));
    REQUIRE(aliceProbe.waitForJoined());
    INFO(server.log().toStdString());
    REQUIRE(bobProbe.waitForJoined());
    CHECK(bobProbe.joined == 1);
    REQUIRE(waitFor([&] { return bobRoom->occupants().rowCount() == 2; }));
    aliceRoom->sendMessage(u"three"_s);
    REQUIRE(waitFor([&] { return bob.stored(u"standing"_s).size() == 3; }));
    CHECK_FALSE(waitFor([&] { return bob.stored(u"standing"_s).size() > 3; }, 1000));
    CHECK(bodiesOf(bob.stored(u"standing"_s)) == "one | two | three");
    CHECK(bodiesOf(alice.stored(u"standing"_s)) == "one | two | three");
}

TEST_CASE("a private message in a room is a conversation with that occupant, not the room's",
          "[rooms][private]")
{
    TestServer server;
    REQUIRE(startWith(server, {u"alice"_s, u"bob"_s, u"carol"_s}));
    AppUser alice(server, u"alice"_s);
    AppUser bob(server, u"bob"_s);
    Member carol(server, u"carol"_s);
    REQUIRE(alice.login());
    REQUIRE(bob.login());
    REQUIRE(carol.login());
    Room *aliceRoom = alice.enter(u"team"_s, u"Alice"_s);
    bob.enter(u"team"_s, u"Bob"_s);
    carol.enter(u"team"_s, u"Carol"_s);
    REQUIRE(waitFor([&] { return aliceRoom->occupants().rowCount() == 3; }));

    const QString aliceInRoom = roomJid(u"team"_s) + u"/Alice"_s;
    const QString bobInRoom = roomJid(u"team"_s) + u"/Bob"_s;
    Conversation *toAlice = bob.account.conversations().conversation(aliceInRoom);
    REQUIRE(toAlice);
    CHECK(toAlice->peer() == aliceInRoom);
    REQUIRE_FALSE(toAlice->sendMessage(u"Psst, lunch?"_s).isEmpty());

    REQUIRE(waitFor([&] { return alice.stored(bobInRoom).size() == 1; }));
    const HistoryMessage whisper = alice.stored(bobInRoom).first();
    CHECK(whisper.body == u"Psst, lunch?"_s);
    CHECK(whisper.kind == ConversationKind::Chat);
    CHECK(whisper.direction == MessageDirection::Incoming);
    CHECK(whisper.sender == bobInRoom);
    CHECK(alice.received == QList{std::make_pair(bobInRoom, u"Psst, lunch?"_s)});
    // Not in the room's history, and not a conversation with the room as a whole.
    CHECK(alice.stored(roomJid(u"team"_s)).isEmpty());
    QHash<QString, ConversationKind> conversations;
    for (const HistoryConversation &conversation : alice.account.history().conversations())
        conversations.insert(conversation.peer, conversation.kind);
    CHECK(conversations == QHash<QString, ConversationKind>{{bobInRoom, ConversationKind::Chat}});
    CHECK(alice.account.displayName(bobInRoom) == u"Bob (team)"_s);
    CHECK(alice.account.displayName(roomJid(u"team"_s)) == u"team"_s);

    // The reply goes to Bob alone, who confirms it arrived.
    Conversation *toBob = alice.account.conversations().conversation(bobInRoom);
    REQUIRE(toBob);
    CHECK(toBob->peer() == bobInRoom);
    CHECK(toBob->messages().rowCount() == 1);
    const QString reply = toBob->sendMessage(u"Sure, at noon"_s);
    REQUIRE(waitFor([&] { return bob.stored(aliceInRoom).size() == 2; }));
    CHECK(bob.stored(aliceInRoom).first().body == u"Sure, at noon"_s);
    CHECK(bob.stored(aliceInRoom).first().direction == MessageDirection::Incoming);
    CHECK(bob.received == QList{std::make_pair(aliceInRoom, u"Sure, at noon"_s)});
    REQUIRE(waitFor(
        [&] { return alice.stored(bobInRoom).first().delivery == DeliveryState::Delivered; }));
    CHECK(alice.stored(bobInRoom).first().stanzaId == reply);
    CHECK_FALSE(waitFor([&] { return !carol.history.conversations().isEmpty(); }, 1000));
    CHECK(bob.stored(roomJid(u"team"_s)).isEmpty());
    CHECK(alice.stored(roomJid(u"team"_s)).isEmpty());

    // Room messages still go to the room.
    aliceRoom->sendMessage(u"Meeting at two"_s);
    REQUIRE(waitFor([&] { return carol.stored(u"team"_s).size() == 1; }));
    REQUIRE(waitFor([&] { return bob.stored(roomJid(u"team"_s)).size() == 1; }));
    CHECK(bob.stored(aliceInRoom).size() == 2);
}

TEST_CASE("the account's presence is mirrored into the rooms it is in", "[rooms][presence]")
{
    TestServer server;
    REQUIRE(startWith(server, {u"alice"_s, u"bob"_s}));
    AppUser alice(server, u"alice"_s);
    Member bob(server, u"bob"_s);
    REQUIRE(alice.login());
    REQUIRE(bob.login());
    Room *aliceRoom = alice.enter(u"team"_s, u"Alice"_s);
    Room *aliceOther = alice.enter(u"side"_s, u"Ali"_s);
    Room *bobRoom = bob.enter(u"team"_s, u"Bob"_s);
    Room *bobOther = bob.enter(u"side"_s, u"Bob"_s);
    const auto statusIn = [](Room *room, const QString &nick) {
        const auto occupant = room->occupants().occupant(nick);
        return occupant ? occupant->status : PresenceStatus{};
    };
    REQUIRE(waitFor(
        [&] { return statusIn(bobRoom, u"Alice"_s).availability == PresenceStatus::Online; }));

    const PresenceStatus away{PresenceStatus::Away, u"At lunch"_s};
    REQUIRE(alice.account.presence().setStatus(away));
    REQUIRE(waitFor([&] {
        return statusIn(bobRoom, u"Alice"_s) == away && statusIn(bobOther, u"Ali"_s) == away;
    }));
    CHECK(waitFor([&] { return statusIn(aliceRoom, u"Alice"_s) == away; }));
    CHECK(statusIn(aliceOther, u"Ali"_s) == away);
    CHECK(bobRoom->occupants()
              .data(bobRoom->occupants().index(0), RoomOccupantModel::StatusTextRole)
              .toString() == u"At lunch"_s);

    const PresenceStatus busy{PresenceStatus::DoNotDisturb, u"In a meeting"_s};
    REQUIRE(alice.account.presence().setStatus(busy));
    REQUIRE(waitFor([&] { return statusIn(bobRoom, u"Alice"_s) == busy; }));
    const PresenceStatus back{PresenceStatus::Online, {}};
    REQUIRE(alice.account.presence().setStatus(back));
    REQUIRE(waitFor([&] {
        return statusIn(bobRoom, u"Alice"_s) == back && statusIn(bobOther, u"Ali"_s) == back;
    }));
    // A status changed while offline comes with the rejoin.
    alice.account.logOut();
    REQUIRE(waitFor([&] { return !bobRoom->occupants().occupant(u"Alice"_s).has_value(); }));
    REQUIRE(alice.account.presence().setStatus(away));
    REQUIRE(alice.login());
    REQUIRE(waitFor([&] { return statusIn(bobRoom, u"Alice"_s) == away; }));
}

TEST_CASE("bookmark changes made offline are stored with the next login, others' kept",
          "[rooms][bookmarks]")
{
    const Backend backend = GENERATE(Backend::Sqlite, Backend::MariaDb);
    INFO("backend: " << backendName(backend).toStdString());
    TestServer server({.backend = backend});
    REQUIRE(startWith(server, {u"alice"_s}));
    const RoomBookmark old{
        .jid = roomJid(u"old"_s), .name = u"Old"_s, .nick = {}, .password = {}, .autojoin = false};
    const RoomBookmark daily{.jid = roomJid(u"daily"_s),
                             .name = u"Daily"_s,
                             .nick = u"Ali"_s,
                             .password = {},
                             .autojoin = true};
    const RoomBookmark fromLaptop{.jid = roomJid(u"laptop"_s),
                                  .name = u"From the laptop"_s,
                                  .nick = {},
                                  .password = {},
                                  .autojoin = false};
    const auto byJid = [](const QList<RoomBookmark> &bookmarks) {
        QMap<QString, RoomBookmark> result;
        for (const RoomBookmark &bookmark : bookmarks)
            result.insert(bookmark.jid, bookmark);
        return result;
    };

    Member desk(server, u"alice"_s, u"desk"_s);
    REQUIRE(desk.login());
    desk.rooms.setBookmark(old);
    REQUIRE(syncWithServer(desk.session.client(), server.domain()));
    desk.session.cancel();
    REQUIRE(desk.session.state() == AccountSession::Disconnected);

    // Offline: a new bookmark and one removed, seen at once in the local list.
    desk.rooms.setBookmark(daily);
    desk.rooms.removeBookmark(old.jid);
    CHECK(desk.rooms.bookmarks() == QList{daily});

    // Meanwhile another computer adds one.
    {
        Member laptop(server, u"alice"_s, u"laptop"_s);
        REQUIRE(laptop.login());
        REQUIRE(waitFor([&] { return laptop.rooms.bookmarks() == QList{old}; }));
        laptop.rooms.setBookmark(fromLaptop);
        REQUIRE(syncWithServer(laptop.session.client(), server.domain()));
    }

    REQUIRE(desk.login());
    const QMap<QString, RoomBookmark> expected{{daily.jid, daily}, {fromLaptop.jid, fromLaptop}};
    REQUIRE(waitFor([&] { return byJid(desk.rooms.bookmarks()) == expected; }));
    // The bookmark added offline is auto-joined like any other.
    REQUIRE(waitFor([&] {
        Room *room = desk.rooms.room(daily.jid);
        return room && room->state() == Room::State::Joined && room->nick() == u"Ali"_s;
    }));
    REQUIRE(syncWithServer(desk.session.client(), server.domain()));

    Member phone(server, u"alice"_s, u"phone"_s);
    REQUIRE(phone.login());
    REQUIRE(waitFor([&] { return byJid(phone.rooms.bookmarks()) == expected; }));
}

TEST_CASE("losing membership ends the stay with MembershipLost", "[rooms][membership]")
{
    TestServer server;
    REQUIRE(startWith(server, {u"alice"_s, u"bob"_s}));
    Member alice(server, u"alice"_s);
    Member bob(server, u"bob"_s);
    REQUIRE(alice.login());
    REQUIRE(bob.login());

    // 321: Bob's membership of a members-only room is revoked.
    RoomConfig clubConfig;
    clubConfig.membersOnly = true;
    Room *club = alice.rooms.create(roomJid(u"club"_s), u"Alice"_s, clubConfig);
    RoomProbe clubProbe(club);
    REQUIRE(waitFor([&] { return clubProbe.configured == 1; }));
    club->setAffiliation(bob.jid(), RoomAffiliation::Member);
    REQUIRE(syncWithServer(alice.session.client(), server.domain())); // the grant is through
    RoomProbe bobClubProbe(bob.enter(u"club"_s, u"Bob"_s));
    club->setAffiliation(bob.jid(), RoomAffiliation::None, u"Membership ended"_s);
    REQUIRE(waitFor([&] { return !bobClubProbe.exits.isEmpty(); }));
    CHECK(bobClubProbe.exits == QList{RoomExit::MembershipLost});
    CHECK(bobClubProbe.exitTexts.first() == u"Membership ended"_s);
    CHECK(waitFor([&] { return bob.rooms.room(roomJid(u"club"_s)) == nullptr; }));
    REQUIRE(waitFor([&] { return clubProbe.occupantsLeft.contains(u"Bob"_s); }));

    // 322: an open room becomes members-only and Bob is no member.
    Room *open = alice.enter(u"open"_s, u"Alice"_s);
    RoomProbe openProbe(open);
    Room *bobOpen = bob.enter(u"open"_s, u"Bob"_s);
    RoomProbe bobOpenProbe(bobOpen);
    RoomConfig closed;
    closed.membersOnly = true;
    open->configure(closed);
    REQUIRE(waitFor([&] { return !bobOpenProbe.exits.isEmpty(); }));
    CHECK(bobOpenProbe.exits == QList{RoomExit::MembershipLost});
    CHECK(waitFor([&] { return bob.rooms.rooms().isEmpty(); }));
    CHECK(openProbe.configured == 1);
    CHECK(open->state() == Room::State::Joined);
}

TEST_CASE("a server shutting down ends the stay with Shutdown, and the room is rejoined after",
          "[rooms][reconnect]")
{
    TestServer server;
    REQUIRE(startWith(server, {u"alice"_s, u"bob"_s}));
    Member alice(server, u"alice"_s);
    Member bob(server, u"bob"_s);
    REQUIRE(alice.login());
    REQUIRE(bob.login());
    RoomConfig config;
    config.persistent = true;
    Room *aliceRoom = alice.rooms.create(roomJid(u"standing"_s), u"Alice"_s, config);
    RoomProbe aliceProbe(aliceRoom);
    REQUIRE(waitFor([&] { return aliceProbe.configured == 1; }));
    Room *bobRoom = bob.enter(u"standing"_s, u"Bob"_s);
    RoomProbe bobProbe(bobRoom);

    CHECK(server.stop() == 0);
    REQUIRE(waitFor([&] { return !bobProbe.exits.isEmpty(); }));
    CHECK(bobProbe.exits == QList{RoomExit::Shutdown});
    CHECK(aliceProbe.exits == QList{RoomExit::Shutdown});
    CHECK(bobRoom->state() == Room::State::Joining);
    CHECK(bobRoom->occupants().rowCount() == 0);
    CHECK(bob.rooms.rooms() == QList<Room *>{bobRoom});

    REQUIRE(server.start());
    REQUIRE(waitFor([&] { return bob.loggedIn == 2 && alice.loggedIn == 2; }, 40000));
    REQUIRE(aliceProbe.waitForJoined());
    REQUIRE(bobProbe.waitForJoined());
    REQUIRE(waitFor([&] { return bobRoom->occupants().rowCount() == 2; }));
    aliceRoom->sendMessage(u"Back again"_s);
    REQUIRE(waitFor([&] { return bob.stored(u"standing"_s).size() == 1; }));
}

TEST_CASE("leaving and joining again at once: the room's answer to the leave does not end the "
          "new stay",
          "[rooms]")
{
    TestServer server;
    REQUIRE(startWith(server, {u"alice"_s, u"bob"_s}));
    AppUser alice(server, u"alice"_s);
    AppUser bob(server, u"bob"_s);
    REQUIRE(alice.login());
    REQUIRE(bob.login());
    Room *bobRoom = bob.enter(u"team"_s, u"Bob"_s);
    Room *first = alice.enter(u"team"_s, u"Alice"_s);
    REQUIRE(waitFor([&] { return bobRoom->occupants().rowCount() == 2; }));

    // The join goes out before the room has answered the leave.
    first->leave();
    Room *second = alice.account.rooms().join(roomJid(u"team"_s), u"Alice"_s);
    REQUIRE(second);
    QList<RoomExit> exits;
    QObject::connect(second, &Room::exited,
                     [&exits](RoomExit exit, const QString &) { exits << exit; });
    REQUIRE(waitFor([&] { return second->state() == Room::State::Joined; }));
    // Still in after a message has gone round the room: nothing was left to end the stay.
    const QString id = second->sendMessage(u"Back again"_s);
    REQUIRE(waitFor([&] {
        const QList<HistoryMessage> mine = alice.stored(roomJid(u"team"_s));
        return std::ranges::any_of(mine, [&id](const HistoryMessage &message) {
            return message.stanzaId == id && message.delivery == DeliveryState::Sent;
        });
    }));
    CHECK(second->state() == Room::State::Joined);
    CHECK(exits.isEmpty());
    CHECK(alice.account.rooms().room(roomJid(u"team"_s)) == second);
    REQUIRE(waitFor([&] { return bobRoom->occupants().rowCount() == 2; }));
    CHECK(bobRoom->occupants().occupant(u"Alice"_s).has_value());
}

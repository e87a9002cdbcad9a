// ProfileManager and AvatarCache: the own card published with a photo and read back after a
// new login, the photo hash in outgoing presence (XEP-0153), a contact's card fetched once and
// then served from the memory and disk caches, refreshed when the contact's presence advertises
// another photo; against flint-server (both back ends) and Prosody. Also the pure avatar
// helpers.
#include "client/AccountSession.h"
#include "client/AvatarCache.h"
#include "client/CertificateTrust.h"
#include "client/PresenceManager.h"
#include "client/ProfileManager.h"
#include "support/ProsodyInstance.h"
#include "support/TestServer.h"

#include <catch2/catch.hpp>

#include <QBuffer>
#include <QColor>
#include <QFile>
#include <QTemporaryDir>
#include <QXmppClient.h>
#include <QXmppLogger.h>
#include <QXmppPresence.h>
#include <QXmppRosterManager.h>

#include <functional>
#include <memory>

using namespace flint;
using namespace flint::test;
using namespace Qt::StringLiterals;

namespace {

QByteArray pngOf(const QImage &image)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

QImage filled(int width, int height, const QColor &color)
{
    QImage image(width, height, QImage::Format_RGB32);
    image.fill(color);
    return image;
}

// A server under test, whichever it is.
struct Site {
    QString domain;
    quint16 port = 0;
    QSslCertificate certificate;
    std::function<bool(const QString &, const QString &)> addUser;
};

// One logged-in account with its ProfileManager, the outgoing stanzas it logged, and
// everything the manager reported.
struct Account {
    Account(const Site &site, const QString &user, const QString &cacheDirectory)
        : jid(user + u'@' + site.domain), trust(trustDir.filePath(u"pins"_s)), session(trust)
    {
        trust.trustCertificate(jid, site.certificate);
        // Presence subscriptions reach only resources that asked for the roster.
        session.client().addNewExtension<QXmppRosterManager>(&session.client());
        profiles = std::make_unique<ProfileManager>(session, cacheDirectory);
        QObject::connect(profiles.get(), &ProfileManager::ownPhotoHashChanged, &presence,
                         &PresenceManager::setAvatarHash);
        logger.setLoggingType(QXmppLogger::SignalLogging);
        logger.setMessageTypes(QXmppLogger::SentMessage);
        QObject::connect(&logger, &QXmppLogger::message,
                         [this](QXmppLogger::MessageType, const QString &text) { sent << text; });
        session.client().setLogger(&logger);
        QObject::connect(&session, &AccountSession::loggedIn, [this] { ++loggedIn; });
        QObject::connect(profiles.get(), &ProfileManager::ownProfileChanged,
                         [this](const Profile &profile) { ownProfiles << profile; });
        QObject::connect(profiles.get(), &ProfileManager::profileSaved,
                         [this](const ProfileResult &result) { saved << result; });
        QObject::connect(profiles.get(), &ProfileManager::profileReceived,
                         [this](const QString &from, const Profile &profile) {
                             received << std::pair(from, profile);
                         });
        QObject::connect(
            profiles.get(), &ProfileManager::profileRequestFailed,
            [this](const QString &, const ProfileResult &result) { failures << result; });
        QObject::connect(&session.client(), &QXmppClient::presenceReceived,
                         [this](const QXmppPresence &presence) { presences << presence; });
        session.connectToServer({.jid = jid,
                                 .password = user + u" secret"_s,
                                 .address = u"127.0.0.1:%1"_s.arg(site.port),
                                 .timeoutSeconds = 10});
    }
    ~Account() { session.client().setLogger(nullptr); }

    bool waitForLogin() const
    {
        return waitFor([this] { return loggedIn > 0; }, 15000);
    }
    qsizetype vCardRequests() const
    {
        return std::count_if(sent.cbegin(), sent.cend(), [](const QString &stanza) {
            return stanza.contains(u"vcard-temp"_s) && stanza.contains(u"type=\"get\""_s);
        });
    }
    QXmppRosterManager &roster() { return *session.client().findExtension<QXmppRosterManager>(); }

    QString jid;
    QTemporaryDir trustDir;
    CertificateTrust trust;
    AccountSession session;
    PresenceManager presence{session};
    std::unique_ptr<ProfileManager> profiles;
    QXmppLogger logger;
    QStringList sent;
    int loggedIn = 0;
    QList<Profile> ownProfiles;
    QList<ProfileResult> saved;
    QList<std::pair<QString, Profile>> received;
    QList<ProfileResult> failures;
    QList<QXmppPresence> presences;
};

// `watcher` subscribes to `watched`'s presence and `watched` approves.
void subscribe(Account &watcher, Account &watched)
{
    REQUIRE(waitFor([&] { return watched.roster().isRosterReceived(); }));
    bool asked = false;
    const auto connection =
        QObject::connect(&watched.roster(), &QXmppRosterManager::subscriptionRequestReceived,
                         [&](const QString &from) { asked = from == watcher.jid; });
    watcher.roster().subscribe(watched.jid);
    REQUIRE(waitFor([&] { return asked; }));
    QObject::disconnect(connection);
    watched.roster().acceptSubscription(watcher.jid);
    REQUIRE(waitFor([&] {
        return watcher.roster().getRosterEntry(watched.jid).subscriptionType() ==
               QXmppRosterIq::Item::To;
    }));
}

bool sawPhotoHash(const Account &watcher, const QString &from, const QString &hash)
{
    return std::any_of(
        watcher.presences.cbegin(), watcher.presences.cend(), [&](const QXmppPresence &presence) {
            return presence.from().startsWith(from + u'/') &&
                   presence.vCardUpdateType() == QXmppPresence::VCardUpdateValidPhoto &&
                   QString::fromLatin1(presence.photoHash().toHex()) == hash;
        });
}

void checkProfiles(const Site &site)
{
    REQUIRE(site.addUser(u"alice"_s, u"alice secret"_s));
    REQUIRE(site.addUser(u"bob"_s, u"bob secret"_s));
    QTemporaryDir data;
    const QString aliceCache = data.filePath(u"alice"_s);
    const QString bobCache = data.filePath(u"bob"_s);

    const Profile card{.fullName = u"Alice Liddell"_s,
                       .organization = u"Wonderland Ltd"_s,
                       .title = u"Explorer"_s,
                       .email = u"alice@wonderland.example"_s,
                       .phone = u"+44 1865 000000"_s,
                       .photo = pngOf(filled(64, 48, Qt::red)),
                       .photoType = {}};
    const QString firstHash = card.photoHash();
    Profile expected = card;
    expected.photoType = u"image/png"_s;

    {
        Account alice(site, u"alice"_s, aliceCache);
        REQUIRE(alice.waitForLogin());
        // The card is read at login; a fresh account's is empty.
        REQUIRE(waitFor([&] { return alice.profiles->ownProfile().has_value(); }));
        CHECK(alice.profiles->ownProfile()->photo.isEmpty());

        alice.sent.clear();
        alice.profiles->setProfile(card);
        REQUIRE(waitFor([&] { return !alice.saved.isEmpty(); }));
        CHECK(alice.saved.first().kind == ProfileResult::Ok);
        CHECK(alice.profiles->ownProfile() == expected);
        REQUIRE_FALSE(alice.ownProfiles.isEmpty());
        CHECK(alice.ownProfiles.last() == expected);
        CHECK(alice.profiles->avatars().bytes(firstHash) == card.photo);
        // XEP-0153: the next presence carries the photo's hash.
        REQUIRE(waitFor([&] {
            return alice.sent.join(u'\n').contains(u"<photo>%1</photo>"_s.arg(firstHash));
        }));
        CHECK(alice.sent.join(u'\n').contains(u"vcard-temp:x:update"_s));
    }

    // A new login reads the same card back.
    Account alice(site, u"alice"_s, aliceCache);
    REQUIRE(alice.waitForLogin());
    REQUIRE(waitFor([&] { return alice.profiles->ownProfile().has_value(); }));
    CHECK(alice.profiles->ownProfile() == expected);
    REQUIRE(waitFor(
        [&] { return alice.sent.join(u'\n').contains(u"<photo>%1</photo>"_s.arg(firstHash)); }));

    Account bob(site, u"bob"_s, bobCache);
    REQUIRE(bob.waitForLogin());
    subscribe(bob, alice);
    CHECK(waitFor([&] { return sawPhotoHash(bob, alice.jid, firstHash); }));

    // A photo advertised in presence and not on disk yet: the card is read by itself, once.
    REQUIRE(waitFor([&] { return !bob.received.isEmpty(); }));
    CHECK(bob.received.first().first == alice.jid);
    CHECK(bob.received.first().second == expected);
    // Then from memory without a request.
    bob.sent.clear();
    bob.profiles->requestProfile(alice.jid);
    REQUIRE(bob.received.size() == 2);
    CHECK(bob.received.last().second == expected);
    CHECK(bob.vCardRequests() == 0);
    CHECK(bob.failures.isEmpty());

    {
        // Another manager over the same account directory: from disk, still no request.
        ProfileManager reopened(bob.session, bobCache);
        CHECK(reopened.cachedProfile(alice.jid) == expected);
        CHECK(reopened.avatars().image(firstHash).size() == QSize(64, 48));
    }
    CHECK(bob.vCardRequests() == 0);

    // Alice changes her photo: her presence advertises the new hash and Bob's card is
    // refreshed by itself.
    Profile changed = expected;
    changed.photo = pngOf(filled(32, 32, Qt::blue));
    const QString secondHash = changed.photoHash();
    alice.profiles->setProfile(changed);
    REQUIRE(waitFor([&] { return !alice.saved.isEmpty(); }));
    CHECK(alice.saved.last().kind == ProfileResult::Ok);
    REQUIRE(waitFor([&] { return sawPhotoHash(bob, alice.jid, secondHash); }));
    REQUIRE(waitFor([&] { return bob.received.size() == 3; }));
    CHECK(bob.received.last().second == changed);
    CHECK(bob.vCardRequests() == 1);
    CHECK(bob.profiles->cachedProfile(alice.jid) == changed);
    CHECK(bob.profiles->avatars().contains(secondHash));

    // An unchanged hash in a later presence does not fetch again.
    alice.session.client().setClientPresence(alice.session.client().clientPresence());
    REQUIRE(waitFor([&] {
        return std::count_if(bob.presences.cbegin(), bob.presences.cend(),
                             [&](const QXmppPresence &presence) {
                                 return QString::fromLatin1(presence.photoHash().toHex()) ==
                                        secondHash;
                             }) >= 2;
    }));
    bob.profiles->requestProfile(alice.jid);
    CHECK(bob.received.size() == 4);
    CHECK(bob.vCardRequests() == 1);

    // Refresh asks the server even when the cache is current.
    bob.profiles->requestProfile(alice.jid, ProfileManager::FetchPolicy::Refresh);
    REQUIRE(waitFor([&] { return bob.received.size() == 5; }));
    CHECK(bob.vCardRequests() == 2);
    CHECK(bob.received.last().second == changed);
}

QSslCertificate certificateOf(const TestServer &server)
{
    return QSslCertificate::fromPath(server.dataDirectory() + u"/certificate.pem"_s).value(0);
}

} // namespace

TEST_CASE("Avatars are cropped to a centred square of at most 192 px", "[client][profile]")
{
    QImage wide = filled(400, 300, Qt::white);
    for (int y = 0; y < 300; ++y) {
        for (int x = 50; x < 350; ++x)
            wide.setPixelColor(x, y, Qt::green);
    }
    const QImage square = squareAvatar(wide);
    CHECK(square.size() == QSize(192, 192));
    // The white margins were cut off.
    CHECK(square.pixelColor(0, 0) == QColor(Qt::green));
    CHECK(square.pixelColor(191, 191) == QColor(Qt::green));

    CHECK(squareAvatar(filled(100, 60, Qt::red)).size() == QSize(60, 60));
    CHECK(squareAvatar(filled(30, 500, Qt::red), 16).size() == QSize(16, 16));
    CHECK(squareAvatar(QImage()).isNull());
}

TEST_CASE("The avatar cache stores images by their SHA-1", "[client][profile]")
{
    QTemporaryDir dir;
    AvatarCache cache(dir.filePath(u"avatars"_s));
    const QByteArray png = pngOf(filled(10, 20, Qt::blue));
    const QString hash = AvatarCache::hashOf(png);
    CHECK(hash.size() == 40);
    CHECK_FALSE(cache.contains(hash));
    CHECK(cache.image(hash).isNull());

    CHECK(cache.insert(png) == hash);
    CHECK(cache.contains(hash));
    CHECK(cache.bytes(hash) == png);
    CHECK(cache.image(hash).size() == QSize(10, 20));
    CHECK(AvatarCache(dir.filePath(u"avatars"_s)).bytes(hash) == png);

    // A hash is only ever a file name of its own, never a path.
    CHECK_FALSE(cache.contains(u"../avatars/"_s + hash));
    CHECK(cache.bytes(hash.toUpper()).isEmpty());
    CHECK(cache.bytes(QString()).isEmpty());
}

TEST_CASE("Without a connection, profile operations fail with a typed result", "[client][profile]")
{
    QTemporaryDir dir;
    CertificateTrust trust(dir.filePath(u"pins"_s));
    AccountSession session(trust);
    ProfileManager profiles(session, dir.filePath(u"cache"_s));
    QList<ProfileResult> results;
    QObject::connect(&profiles, &ProfileManager::profileSaved,
                     [&](const ProfileResult &result) { results << result; });
    QObject::connect(&profiles, &ProfileManager::profileRequestFailed,
                     [&](const QString &, const ProfileResult &result) { results << result; });
    profiles.setProfile({.fullName = u"Nobody"_s});
    profiles.requestProfile(u"bob@flint.test"_s);
    profiles.requestProfile(u"not a jid@"_s);
    REQUIRE(results.size() == 3);
    CHECK(results[0].kind == ProfileResult::NotConnected);
    CHECK(results[1].kind == ProfileResult::NotConnected);
    CHECK(results[2].kind == ProfileResult::InvalidAddress);
    for (const ProfileResult &result : std::as_const(results))
        CHECK_FALSE(describe(result).isEmpty());
}

TEST_CASE("Profiles and avatars against flint-server", "[client][profile]")
{
    const Backend backend = GENERATE(Backend::Sqlite, Backend::MariaDb);
    INFO("backend: " << backendName(backend).toStdString());
    TestServer server({.backend = backend});
    if (!server.start())
        FAIL(server.log().toStdString());
    checkProfiles({server.domain(), server.port(), certificateOf(server),
                   [&](const QString &user, const QString &password) {
                       return server.addUser(user, password);
                   }});
}

TEST_CASE("The card of an account that does not exist is a typed failure", "[client][profile]")
{
    TestServer server;
    if (!server.start())
        FAIL(server.log().toStdString());
    REQUIRE(server.addUser(u"alice"_s, u"alice secret"_s));
    QTemporaryDir data;
    Account alice({server.domain(), server.port(), certificateOf(server), {}}, u"alice"_s,
                  data.path());
    REQUIRE(alice.waitForLogin());
    alice.profiles->requestProfile(u"ghost@"_s + server.domain());
    REQUIRE(waitFor([&] { return !alice.failures.isEmpty(); }));
    CHECK(alice.failures.first().kind == ProfileResult::NotFound);
    CHECK(alice.received.isEmpty());
    CHECK_FALSE(alice.profiles->cachedProfile(u"ghost@"_s + server.domain()));
}

TEST_CASE("Profiles and avatars against Prosody", "[client][profile][prosody]")
{
    REQUIRE(prosodyAvailable()); // the test command installs Prosody
    ProsodyInstance prosody;
    if (!prosody.start())
        FAIL(prosody.log().toStdString());
    checkProfiles({prosody.domain(), prosody.port(),
                   QSslCertificate::fromPath(prosody.certificatePath()).value(0),
                   [&](const QString &user, const QString &password) {
                       return prosody.addUser(user, password);
                   }});
}

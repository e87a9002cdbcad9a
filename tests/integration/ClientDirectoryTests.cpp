// DirectorySearch: a colleague found by part of the name on flint-server (which offers
// XEP-0055 on its own JID), and the typed "not supported" on Prosody 0.12 (which has no
// XEP-0055).
#include "client/AccountSession.h"
#include "client/CertificateTrust.h"
#include "client/DirectorySearch.h"
#include "client/ProfileManager.h"
#include "support/ProsodyInstance.h"
#include "support/TestServer.h"

#include <catch2/catch.hpp>

#include <QTemporaryDir>
#include <QXmppClient.h>

using namespace flint;
using namespace flint::test;
using namespace Qt::StringLiterals;

namespace {

// A logged-in account with a DirectorySearch and what it reported.
struct Searcher {
    Searcher(const QString &domain, quint16 port, const QSslCertificate &certificate,
             const QString &user)
        : trust(dir.filePath(u"pins"_s)), session(trust), directory(session)
    {
        const QString jid = user + u'@' + domain;
        trust.trustCertificate(jid, certificate);
        QObject::connect(&directory, &DirectorySearch::resultsReceived,
                         [this](const QList<DirectoryEntry> &entries) { results << entries; });
        QObject::connect(&directory, &DirectorySearch::searchFailed,
                         [this](const DirectorySearchResult &result) { failures << result; });
        QObject::connect(&session, &AccountSession::loggedIn, [this] { loggedIn = true; });
        session.connectToServer({.jid = jid,
                                 .password = user + u" secret"_s,
                                 .address = u"127.0.0.1:%1"_s.arg(port),
                                 .timeoutSeconds = 10});
    }

    bool waitForAnswer() const
    {
        return waitFor([this] { return !results.isEmpty() || !failures.isEmpty(); });
    }
    void clear()
    {
        results.clear();
        failures.clear();
    }

    QTemporaryDir dir;
    CertificateTrust trust;
    AccountSession session;
    DirectorySearch directory;
    bool loggedIn = false;
    QList<QList<DirectoryEntry>> results;
    QList<DirectorySearchResult> failures;
};

QSslCertificate certificateOf(const TestServer &server)
{
    return QSslCertificate::fromPath(server.dataDirectory() + u"/certificate.pem"_s).value(0);
}

} // namespace

TEST_CASE("A colleague is found in flint-server's directory by part of the name",
          "[client][directory]")
{
    const Backend backend = GENERATE(Backend::Sqlite, Backend::MariaDb);
    INFO("backend: " << backendName(backend).toStdString());
    TestServer server({.backend = backend});
    if (!server.start())
        FAIL(server.log().toStdString());
    for (const QString &user : {u"alice"_s, u"bob"_s, u"carol"_s})
        REQUIRE(server.addUser(user, user + u" secret"_s));

    // Bob fills in his card through the client core, as the app does.
    {
        QTemporaryDir dir;
        CertificateTrust trust(dir.filePath(u"pins"_s));
        REQUIRE(trust.trustCertificate(u"bob@"_s + server.domain(), certificateOf(server)));
        AccountSession session(trust);
        ProfileManager profiles(session, dir.filePath(u"cache"_s));
        QList<ProfileResult> saved;
        QObject::connect(&profiles, &ProfileManager::profileSaved,
                         [&](const ProfileResult &result) { saved << result; });
        QObject::connect(&session, &AccountSession::loggedIn, [&] {
            profiles.setProfile({.fullName = u"Robert Builder"_s,
                                 .organization = u"Flint"_s,
                                 .email = u"bob@builders.example"_s});
        });
        session.connectToServer({.jid = u"bob@"_s + server.domain(),
                                 .password = u"bob secret"_s,
                                 .address = u"127.0.0.1:%1"_s.arg(server.port())});
        REQUIRE(waitFor([&] { return !saved.isEmpty(); }));
        REQUIRE(saved.first().kind == ProfileResult::Ok);
    }

    Searcher alice(server.domain(), server.port(), certificateOf(server), u"alice"_s);
    REQUIRE(waitFor([&] { return alice.loggedIn; }));

    alice.directory.search(u"buil"_s);
    REQUIRE(alice.waitForAnswer());
    REQUIRE(alice.failures.isEmpty());
    CHECK(alice.directory.serviceJid() == server.domain());
    CHECK(alice.results.first() ==
          QList<DirectoryEntry>{
              {u"bob@"_s + server.domain(), u"Robert Builder"_s, u"bob@builders.example"_s}});

    // Case does not matter; a username matches too, even without a card.
    alice.clear();
    alice.directory.search(u"  CAROL "_s);
    REQUIRE(alice.waitForAnswer());
    REQUIRE(alice.failures.isEmpty());
    CHECK(alice.results.first() ==
          QList<DirectoryEntry>{{u"carol@"_s + server.domain(), QString(), QString()}});

    alice.clear();
    alice.directory.search(u"nobody by that name"_s);
    REQUIRE(alice.waitForAnswer());
    REQUIRE(alice.failures.isEmpty());
    CHECK(alice.results.first().isEmpty());

    // Nothing to look for: refused before anything is sent.
    alice.clear();
    alice.directory.search(u"   "_s);
    REQUIRE(alice.failures.size() == 1);
    CHECK(alice.failures.first().kind == DirectorySearchResult::EmptyQuery);
    CHECK_FALSE(describe(alice.failures.first()).isEmpty());
}

TEST_CASE("Prosody has no directory: the search says it is not supported",
          "[client][directory][prosody]")
{
    REQUIRE(prosodyAvailable()); // the test command installs Prosody
    ProsodyInstance prosody;
    if (!prosody.start())
        FAIL(prosody.log().toStdString());
    REQUIRE(prosody.addUser(u"alice"_s, u"alice secret"_s));
    REQUIRE(prosody.addUser(u"bob"_s, u"bob secret"_s));
    Searcher alice(prosody.domain(), prosody.port(),
                   QSslCertificate::fromPath(prosody.certificatePath()).value(0), u"alice"_s);
    REQUIRE(waitFor([&] { return alice.loggedIn; }));

    alice.directory.search(u"bob"_s);
    REQUIRE(alice.waitForAnswer());
    REQUIRE(alice.failures.size() == 1);
    CHECK(alice.failures.first().kind == DirectorySearchResult::NotSupported);
    CHECK(alice.results.isEmpty());
    CHECK(alice.directory.serviceJid().isEmpty());
    CHECK_FALSE(describe(alice.failures.first()).isEmpty());

    // Known for the rest of the session: answered without asking the server again.
    alice.clear();
    alice.directory.search(u"bob"_s);
    REQUIRE(alice.failures.size() == 1);
    CHECK(alice.failures.first().kind == DirectorySearchResult::NotSupported);
}

TEST_CASE("Without a connection, a directory search fails with a typed result",
          "[client][directory]")
{
    QTemporaryDir dir;
    CertificateTrust trust(dir.filePath(u"pins"_s));
    AccountSession session(trust);
    DirectorySearch directory(session);
    QList<DirectorySearchResult> failures;
    QObject::connect(&directory, &DirectorySearch::searchFailed,
                     [&](const DirectorySearchResult &result) { failures << result; });
    directory.search(u"bob"_s);
    REQUIRE(failures.size() == 1);
    CHECK(failures.first().kind == DirectorySearchResult::NotConnected);
}

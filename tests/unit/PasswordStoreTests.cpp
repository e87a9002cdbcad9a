// PasswordStore against a real Secret Service keyring (gnome-keyring on a private session bus),
// and its clear failure when no keyring is reachable.
#include "client/PasswordStore.h"
#include "support/KeyringSession.h"
#include "support/TestServer.h"

#include <catch2/catch.hpp>

#include <QSignalSpy>

using namespace flint;
using namespace flint::test;
using namespace Qt::StringLiterals;

TEST_CASE("PasswordStore keeps a password in the keyring and removes it", "[keyring]")
{
    const KeyringSession &keyring = KeyringSession::shared();
    if (!keyring.isRunning())
        FAIL(keyring.error().toStdString()); // the test command installs gnome-keyring

    PasswordStore store;
    QSignalSpy saved(&store, &PasswordStore::passwordSaved);
    QSignalSpy read(&store, &PasswordStore::passwordRead);
    QSignalSpy removed(&store, &PasswordStore::passwordRemoved);
    QSignalSpy failed(&store, &PasswordStore::failed);

    store.savePassword(u"anna@example.com"_s, u"pässwörd 密码"_s);
    REQUIRE(waitFor([&] { return saved.count() + failed.count() > 0; }));
    INFO((failed.isEmpty() ? QString() : failed.first().at(1).toString()).toStdString());
    REQUIRE(saved.count() == 1);

    store.readPassword(u"anna@example.com"_s);
    REQUIRE(waitFor([&] { return read.count() + failed.count() > 0; }));
    REQUIRE(read.count() == 1);
    CHECK(read.first().at(1).toString() == u"pässwörd 密码"_s);

    store.removePassword(u"anna@example.com"_s);
    REQUIRE(waitFor([&] { return removed.count() + failed.count() > 0; }));
    CHECK(removed.count() == 1);

    store.readPassword(u"anna@example.com"_s);
    REQUIRE(waitFor([&] { return read.count() + failed.count() > 1; }));
    REQUIRE(failed.count() == 1);
    CHECK(failed.first().at(1).toString().contains(u"No password is saved"_s));
}

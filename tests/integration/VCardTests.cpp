// XEP-0054 vcard-temp: a user publishes a profile card with an avatar; colleagues read it.
#include "support/RawStream.h"
#include "support/TestServer.h"

#include <catch2/catch.hpp>

#include <QRandomGenerator>
#include <QXmppClient.h>
#include <QXmppConfiguration.h>
#include <QXmppDiscoveryIq.h>
#include <QXmppDiscoveryManager.h>
#include <QXmppTask.h>
#include <QXmppVCardIq.h>
#include <QXmppVCardManager.h>

#include <memory>
#include <optional>

using namespace flint::test;
using namespace Qt::StringLiterals;

namespace {

// Fetches `jid`'s vCard, or the error the server answered with.
QXmppVCardManager::VCardIqResult fetch(QXmppClient &client, const QString &jid)
{
    auto result = std::make_shared<std::optional<QXmppVCardManager::VCardIqResult>>();
    client.findExtension<QXmppVCardManager>()->fetchVCard(jid).then(
        &client, [result](QXmppVCardManager::VCardIqResult value) { *result = std::move(value); });
    if (!waitFor([result] { return result->has_value(); }))
        return QXmppError{u"timed out"_s, {}};
    return **result;
}

QXmppVCardManager::Result publish(QXmppClient &client, const QXmppVCardIq &vcard)
{
    auto result = std::make_shared<std::optional<QXmppVCardManager::Result>>();
    client.findExtension<QXmppVCardManager>()->setVCard(vcard).then(
        &client, [result](QXmppVCardManager::Result value) { *result = std::move(value); });
    if (!waitFor([result] { return result->has_value(); }))
        return QXmppError{u"timed out"_s, {}};
    return **result;
}

bool succeeded(const QXmppVCardManager::Result &result)
{
    return std::holds_alternative<QXmpp::Success>(result);
}

// The stanza error condition a request failed with, if any.
template <typename Result>
std::optional<QXmppStanza::Error::Condition> errorCondition(const Result &result)
{
    const QXmppError *error = std::get_if<QXmppError>(&result);
    if (!error)
        return std::nullopt;
    const auto stanzaError = error->value<QXmppStanza::Error>();
    return stanzaError ? std::optional(stanzaError->condition()) : std::nullopt;
}

QByteArray randomAvatar(qsizetype size)
{
    QByteArray data(size, Qt::Uninitialized);
    for (char &byte : data)
        byte = char(QRandomGenerator::global()->bounded(256));
    return data;
}

} // namespace

TEST_CASE("a user publishes a vCard with a photo and colleagues read it", "[vcard]")
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

    // Nothing published yet: an empty card.
    const auto empty = fetch(bob, u"alice@flint.test"_s);
    REQUIRE(std::holds_alternative<QXmppVCardIq>(empty));
    CHECK(std::get<QXmppVCardIq>(empty).fullName().isEmpty());
    CHECK(std::get<QXmppVCardIq>(empty).photo().isEmpty());

    const QByteArray avatar = randomAvatar(48 * 1024);
    QXmppVCardIq card;
    card.setFullName(u"Alice Example"_s);
    card.setNickName(u"ali"_s);
    card.setEmail(u"alice@example.com"_s);
    card.setPhoto(avatar);
    card.setPhotoType(u"image/png"_s);
    REQUIRE(succeeded(publish(alice, card)));

    for (QXmppClient *reader : {&alice, &bob}) {
        const auto fetched = fetch(*reader, u"alice@flint.test"_s);
        REQUIRE(std::holds_alternative<QXmppVCardIq>(fetched));
        const auto &vcard = std::get<QXmppVCardIq>(fetched);
        CHECK(vcard.fullName() == u"Alice Example"_s);
        CHECK(vcard.nickName() == u"ali"_s);
        CHECK(vcard.email() == u"alice@example.com"_s);
        CHECK(vcard.photoType() == u"image/png"_s);
        CHECK(vcard.photo() == avatar);
    }

    // A new card replaces the old one.
    QXmppVCardIq renamed;
    renamed.setFullName(u"Alice Renamed"_s);
    REQUIRE(succeeded(publish(alice, renamed)));
    const auto after = fetch(bob, u"alice@flint.test"_s);
    REQUIRE(std::holds_alternative<QXmppVCardIq>(after));
    CHECK(std::get<QXmppVCardIq>(after).fullName() == u"Alice Renamed"_s);
    CHECK(std::get<QXmppVCardIq>(after).photo().isEmpty());

    CHECK(errorCondition(fetch(bob, u"nobody@flint.test"_s)) ==
          QXmppStanza::Error::ServiceUnavailable);

    // Only the owner writes a card.
    RawStream raw(server.port(), server.domain());
    REQUIRE(raw.connectToServer());
    REQUIRE(raw.login(u"bob"_s, u"bob pw"_s));
    raw.send("<iq type='set' to='alice@flint.test' id='overwrite'><vCard xmlns='vcard-temp'>"
             "<FN>Mallory</FN></vCard></iq>");
    REQUIRE(raw.waitForText("overwrite"));
    CHECK(raw.received().contains("<forbidden"));
    const auto unchanged = fetch(bob, u"alice@flint.test"_s);
    REQUIRE(std::holds_alternative<QXmppVCardIq>(unchanged));
    CHECK(std::get<QXmppVCardIq>(unchanged).fullName() == u"Alice Renamed"_s);

    // A user's account announces vcard-temp.
    auto features = std::make_shared<QStringList>();
    bob.findExtension<QXmppDiscoveryManager>()
        ->requestDiscoInfo(u"alice@flint.test"_s)
        .then(&bob, [features](QXmppDiscoveryManager::InfoResult result) {
            if (const auto *info = std::get_if<QXmppDiscoveryIq>(&result))
                *features = info->features();
            else
                *features = {u"error"_s};
        });
    REQUIRE(waitFor([features] { return !features->isEmpty(); }));
    CHECK(features->contains(u"vcard-temp"_s));
}

TEST_CASE("an oversized vCard is refused and a removed account's vCard is deleted", "[vcard]")
{
    const Backend backend = GENERATE(Backend::Sqlite, Backend::MariaDb);
    INFO("backend: " << backendName(backend).toStdString());
    // Stanzas may be larger than a vCard, so the vCard limit itself is what refuses it.
    TestServer server(
        {.backend = backend, .settings = {{u"limits/max_stanza_size"_s, u"1048576"_s}}});
    REQUIRE(server.start());
    REQUIRE(server.addUser(u"alice"_s, u"alice pw"_s));
    REQUIRE(server.addUser(u"bob"_s, u"bob pw"_s));

    QXmppClient alice;
    REQUIRE(connectClient(alice, server.clientConfiguration(u"alice"_s, u"alice pw"_s)));
    QXmppVCardIq huge;
    huge.setFullName(u"Alice Huge"_s);
    huge.setPhoto(randomAvatar(300 * 1024));
    huge.setPhotoType(u"image/png"_s);
    CHECK(errorCondition(publish(alice, huge)) == QXmppStanza::Error::NotAcceptable);

    QXmppVCardIq card;
    card.setFullName(u"Alice Example"_s);
    REQUIRE(succeeded(publish(alice, card)));
    alice.disconnectFromServer();

    RawStream raw(server.port(), server.domain());
    REQUIRE(raw.connectToServer());
    REQUIRE(raw.login(u"alice"_s, u"alice pw"_s));
    raw.send(
        "<iq type='set' id='remove-me'><query xmlns='jabber:iq:register'><remove/></query></iq>");
    REQUIRE(raw.waitForText("remove-me"));

    REQUIRE(server.addUser(u"alice"_s, u"new alice pw"_s));
    QXmppClient bob;
    REQUIRE(connectClient(bob, server.clientConfiguration(u"bob"_s, u"bob pw"_s)));
    const auto fetched = fetch(bob, u"alice@flint.test"_s);
    REQUIRE(std::holds_alternative<QXmppVCardIq>(fetched));
    CHECK(std::get<QXmppVCardIq>(fetched).fullName().isEmpty());
}

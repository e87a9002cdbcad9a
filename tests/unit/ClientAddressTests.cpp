// What the login and register screens accept before anything is sent: server addresses, the
// registration form, the QXmpp configuration built from them, and the reconnection backoff.
#include "client/AccountSession.h"
#include "client/CertificateTrust.h"
#include "client/RegistrationManager.h"
#include "common/Certificates.h"

#include <catch2/catch.hpp>

#include <QTemporaryDir>

using namespace flint;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

bool parsesTo(const QString &typed, const QString &host, quint16 port)
{
    const auto address = parseServerAddress(typed);
    return address && address->host == host && address->port == port;
}

RegistrationForm validForm()
{
    return {.username = u"alice"_s,
            .password = u"secret"_s,
            .passwordConfirmation = u"secret"_s,
            .server = u"example.com"_s};
}

} // namespace

TEST_CASE("Typed server addresses parse into host and port", "[client][address]")
{
    CHECK(parsesTo(u""_s, u""_s, 0));
    CHECK(parsesTo(u"   "_s, u""_s, 0));
    CHECK(parsesTo(u"xmpp.example.com"_s, u"xmpp.example.com"_s, 0));
    CHECK(parsesTo(u" xmpp.example.com:5223 "_s, u"xmpp.example.com"_s, 5223));
    CHECK(parsesTo(u"192.168.1.10:5222"_s, u"192.168.1.10"_s, 5222));
    CHECK(parsesTo(u"localhost"_s, u"localhost"_s, 0));
    CHECK(parsesTo(u"[::1]:5222"_s, u"::1"_s, 5222));
    CHECK(parsesTo(u"[2001:db8::7]"_s, u"2001:db8::7"_s, 0));
    CHECK(parsesTo(u"2001:db8::7"_s, u"2001:db8::7"_s, 0));
    CHECK(parsesTo(u"bücher.example"_s, u"bücher.example"_s, 0));
    CHECK(parsesTo(u"host:65535"_s, u"host"_s, 65535));
}

TEST_CASE("Malformed server addresses are refused", "[client][address]")
{
    for (const QString &typed : {u"host:"_s,
                                 u":5222"_s,
                                 u"host:0"_s,
                                 u"host:65536"_s,
                                 u"host:52a2"_s,
                                 u"host:+5222"_s,
                                 u"host:5222:1"_s,
                                 u"[::1"_s,
                                 u"[::1]5222"_s,
                                 u"[::1]:"_s,
                                 u"[example.com]:5222"_s,
                                 u"[1.2.3.4]"_s,
                                 u"bad host"_s,
                                 u"-host.example"_s,
                                 u"host-.example"_s,
                                 u"host..example"_s,
                                 u"host_name.example"_s,
                                 u"user@example.com"_s,
                                 u"http://example.com"_s,
                                 QString(64, u'a') + u".example"_s}) {
        INFO(typed.toStdString());
        CHECK_FALSE(parseServerAddress(typed));
    }
}

TEST_CASE("The registration form is validated before anything is sent", "[client][registration]")
{
    CHECK(RegistrationManager::validate(validForm()).isEmpty());

    RegistrationForm form = validForm();
    form.address = u"127.0.0.1:5222"_s;
    CHECK(RegistrationManager::validate(form).isEmpty());

    SECTION("empty fields")
    {
        form.username = u"  "_s;
        form.password.clear();
        form.passwordConfirmation.clear();
        CHECK(RegistrationManager::validate(form) ==
              QList{RegistrationError::EmptyUsername, RegistrationError::EmptyPassword});
    }
    SECTION("passwords that differ")
    {
        form.passwordConfirmation = u"Secret"_s;
        CHECK(RegistrationManager::validate(form) == QList{RegistrationError::PasswordsDiffer});
    }
    SECTION("a username that is not a valid localpart")
    {
        form.username = u"al ice@x"_s;
        CHECK(RegistrationManager::validate(form) == QList{RegistrationError::InvalidUsername});
    }
    SECTION("a bad server or address")
    {
        form.server = u"alice@example.com"_s;
        form.address = u"example.com:99999"_s;
        CHECK(RegistrationManager::validate(form) ==
              QList{RegistrationError::InvalidServer, RegistrationError::InvalidAddress});
        form.server.clear();
        form.address.clear();
        CHECK(RegistrationManager::validate(form) == QList{RegistrationError::InvalidServer});
    }
    SECTION("admin mode needs the administrator's credentials")
    {
        form.mode = RegistrationForm::Admin;
        CHECK(RegistrationManager::validate(form) ==
              QList{RegistrationError::EmptyAdminUsername, RegistrationError::EmptyAdminPassword});
        form.adminUsername = u"boss man"_s;
        form.adminPassword = u"x"_s;
        CHECK(RegistrationManager::validate(form) ==
              QList{RegistrationError::InvalidAdminUsername});
        form.adminUsername = u"admin"_s;
        CHECK(RegistrationManager::validate(form).isEmpty());
    }
    SECTION("every error has its own text")
    {
        QStringList texts;
        for (const auto error :
             {RegistrationError::EmptyUsername, RegistrationError::InvalidUsername,
              RegistrationError::EmptyPassword, RegistrationError::PasswordsDiffer,
              RegistrationError::InvalidServer, RegistrationError::InvalidAddress,
              RegistrationError::EmptyAdminUsername, RegistrationError::InvalidAdminUsername,
              RegistrationError::EmptyAdminPassword})
            texts << describe(error);
        texts.removeDuplicates();
        CHECK(texts.size() == 9);
        CHECK_FALSE(texts.contains(QString()));
    }
}

TEST_CASE("Account configurations require TLS and verify certificates", "[client][address]")
{
    const auto configuration = AccountSession::configurationFor(
        {.jid = u"Alice@Example.com"_s, .password = u"pw"_s, .address = u"[::1]:5300"_s});
    REQUIRE(configuration);
    CHECK(configuration->user() == u"alice"_s);
    CHECK(configuration->domain() == u"example.com"_s);
    CHECK(configuration->host() == u"::1"_s);
    CHECK(configuration->port() == 5300);
    CHECK(configuration->streamSecurityMode() == QXmppConfiguration::TLSRequired);
    CHECK_FALSE(configuration->ignoreSslErrors());
    CHECK_FALSE(configuration->disabledSaslMechanisms().contains(u"PLAIN"_s));
    CHECK(configuration->disabledSaslMechanisms().contains(u"ANONYMOUS"_s));
    CHECK_FALSE(configuration->autoReconnectionEnabled());
    CHECK(configuration->keepAliveInterval() > 0);
    CHECK(configuration->keepAliveTimeout() > 0);

    // No address: QXmpp's SRV lookup of the domain.
    const auto srv = AccountSession::configurationFor({.jid = u"alice@example.com"_s});
    REQUIRE(srv);
    CHECK(srv->host().isEmpty());

    CHECK_FALSE(AccountSession::configurationFor({.jid = u"alice@example.com/res"_s}));
    CHECK_FALSE(AccountSession::configurationFor({.jid = u"@"_s}));
    CHECK_FALSE(
        AccountSession::configurationFor({.jid = u"alice@example.com"_s, .address = u"a b"_s}));
}

TEST_CASE("Reconnection waits grow from one second to a minute, jittered", "[client][address]")
{
    QList<std::chrono::milliseconds> first;
    for (int i = 0; i < 20; ++i) {
        const auto delay = AccountSession::reconnectDelay(0);
        CHECK(delay == 1s);
        for (int attempt = 1; attempt < 30; ++attempt) {
            const auto step =
                std::min<std::chrono::milliseconds>(1s * (1LL << std::min(attempt, 10)), 60s);
            const auto wait = AccountSession::reconnectDelay(attempt);
            CHECK(wait >= step / 2);
            CHECK(wait <= step);
        }
        first << AccountSession::reconnectDelay(6);
    }
    // Jitter: twenty draws from a 30 s range are not all the same.
    CHECK(std::any_of(first.cbegin(), first.cend(), [&](auto d) { return d != first.front(); }));
}

TEST_CASE("Pinned certificates survive a restart of the store", "[client][trust]")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"account/pinned-certificates"_s);
    REQUIRE(generateSelfSignedCertificate(u"example.com"_s, dir.filePath(u"a.pem"_s),
                                          dir.filePath(u"a.key"_s))
                .isEmpty());
    REQUIRE(generateSelfSignedCertificate(u"example.com"_s, dir.filePath(u"b.pem"_s),
                                          dir.filePath(u"b.key"_s))
                .isEmpty());
    const auto first = QSslCertificate::fromPath(dir.filePath(u"a.pem"_s)).value(0);
    const auto second = QSslCertificate::fromPath(dir.filePath(u"b.pem"_s)).value(0);
    REQUIRE_FALSE(first.isNull());

    {
        CertificateTrust trust(path);
        CHECK(trust.verdict(u"alice@example.com"_s, first) == CertificateTrust::Verdict::NotPinned);
        REQUIRE(trust.trustCertificate(u"alice@example.com"_s, first));
    }
    CertificateTrust reopened(path);
    CHECK(reopened.pinnedFingerprint(u"alice@example.com"_s) == sha256Fingerprint(first));
    CHECK(reopened.verdict(u"alice@example.com"_s, first) == CertificateTrust::Verdict::Pinned);
    CHECK(reopened.verdict(u"alice@example.com"_s, second) == CertificateTrust::Verdict::Changed);
    // Pins are per account.
    CHECK(reopened.verdict(u"bob@example.com"_s, first) == CertificateTrust::Verdict::NotPinned);
}

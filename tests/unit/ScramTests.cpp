#include "common/Scram.h"

#include <QByteArrayList>
#include <QCryptographicHash>
#include <QMessageAuthenticationCode>
#include <QPasswordDigestor>

#include <catch2/catch.hpp>

using namespace flint;

namespace {

using Status = ScramServerExchange::Status;

QCryptographicHash::Algorithm qtHash(ScramAlgorithm algorithm)
{
    return algorithm == ScramAlgorithm::Sha1 ? QCryptographicHash::Sha1
                                             : QCryptographicHash::Sha256;
}

// An independent client (Qt's crypto, not the code under test) computing client-final-message.
QByteArray clientFinal(ScramAlgorithm algorithm, const QByteArray &password,
                       const QByteArray &gs2Header, const QByteArray &clientFirstBare,
                       const QByteArray &serverFirst)
{
    QByteArray nonce;
    QByteArray salt;
    int iterations = 0;
    for (const QByteArray &field : serverFirst.split(',')) {
        if (field.startsWith("r="))
            nonce = field.mid(2);
        else if (field.startsWith("s="))
            salt = QByteArray::fromBase64(field.mid(2));
        else if (field.startsWith("i="))
            iterations = field.mid(2).toInt();
    }
    const auto hashAlgorithm = qtHash(algorithm);
    const QByteArray saltedPassword = QPasswordDigestor::deriveKeyPbkdf2(
        hashAlgorithm, password, salt, iterations, QCryptographicHash::hashLength(hashAlgorithm));
    const QByteArray clientKey =
        QMessageAuthenticationCode::hash("Client Key", saltedPassword, hashAlgorithm);
    const QByteArray storedKey = QCryptographicHash::hash(clientKey, hashAlgorithm);
    const QByteArray withoutProof = "c=" + gs2Header.toBase64() + ",r=" + nonce;
    const QByteArray authMessage = clientFirstBare + ',' + serverFirst + ',' + withoutProof;
    const QByteArray signature =
        QMessageAuthenticationCode::hash(authMessage, storedKey, hashAlgorithm);
    QByteArray proof = clientKey;
    for (qsizetype i = 0; i < proof.size(); ++i)
        proof[i] = char(proof[i] ^ signature[i]);
    return withoutProof + ",p=" + proof.toBase64();
}

struct Rfc5802 {
    static constexpr auto algorithm = ScramAlgorithm::Sha1;
    static QByteArray salt() { return QByteArray::fromBase64("QSXCR+Q6sek8bf92"); }
    static constexpr const char *clientFirst = "n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL";
    static constexpr const char *serverNonce = "3rfcNHYJY1ZVvWVs7j";
    static constexpr const char *serverFirst =
        "r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096";
    static constexpr const char *nonce = "fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j";
    static constexpr const char *proof = "v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=";
    static constexpr const char *serverFinal = "v=rmF9pqV8S7suAoZWja4dJRkFsKQ=";
};

struct Rfc7677 {
    static constexpr auto algorithm = ScramAlgorithm::Sha256;
    static QByteArray salt() { return QByteArray::fromBase64("W22ZaJ0SNY7soEsUEjb6gQ=="); }
    static constexpr const char *clientFirst = "n,,n=user,r=rOprNGfwEbeRWgbNEkqO";
    static constexpr const char *serverNonce = "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";
    static constexpr const char *serverFirst =
        "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
        "s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
    static constexpr const char *nonce = "rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";
    static constexpr const char *proof = "dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
    static constexpr const char *serverFinal = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";
};

// An exchange of the RFC 5802 example, advanced to the point where finish() is next.
ScramServerExchange challengedRfc5802Exchange()
{
    ScramServerExchange exchange(Rfc5802::algorithm);
    REQUIRE(exchange.start(Rfc5802::clientFirst).status == Status::Continue);
    exchange.setServerNonceForTesting(Rfc5802::serverNonce);
    REQUIRE(exchange
                .challenge(deriveScramCredentials(Rfc5802::algorithm, QStringLiteral("pencil"),
                                                  Rfc5802::salt(), 4096))
                .status == Status::Continue);
    return exchange;
}

QByteArray rfc5802Final(const QByteArray &channelBinding, const QByteArray &nonce,
                        const QByteArray &proof)
{
    return "c=" + channelBinding + ",r=" + nonce + ",p=" + proof;
}

} // namespace

TEMPLATE_TEST_CASE("SCRAM exchange reproduces the RFC test vectors", "[scram]", Rfc5802, Rfc7677)
{
    const ScramCredentials credentials = deriveScramCredentials(
        TestType::algorithm, QStringLiteral("pencil"), TestType::salt(), 4096);

    ScramServerExchange exchange(TestType::algorithm);
    const auto first = exchange.start(TestType::clientFirst);
    REQUIRE(first.status == Status::Continue);
    CHECK(exchange.username() == QStringLiteral("user"));
    CHECK(exchange.authzid().isEmpty());

    exchange.setServerNonceForTesting(TestType::serverNonce);
    const auto challenge = exchange.challenge(credentials);
    REQUIRE(challenge.status == Status::Continue);
    CHECK(challenge.response == QByteArray(TestType::serverFirst));

    const auto final = exchange.finish(rfc5802Final("biws", TestType::nonce, TestType::proof));
    INFO(final.error.toStdString());
    REQUIRE(final.status == Status::Succeeded);
    CHECK(final.response == QByteArray(TestType::serverFinal));
}

TEMPLATE_TEST_CASE("SCRAM exchange rejects a wrong proof", "[scram]", Rfc5802, Rfc7677)
{
    ScramServerExchange exchange(TestType::algorithm);
    REQUIRE(exchange.start(TestType::clientFirst).status == Status::Continue);
    exchange.setServerNonceForTesting(TestType::serverNonce);
    REQUIRE(exchange
                .challenge(deriveScramCredentials(TestType::algorithm, QStringLiteral("pencil"),
                                                  TestType::salt(), 4096))
                .status == Status::Continue);

    QByteArray proof = QByteArray::fromBase64(TestType::proof);
    proof[0] = char(proof[0] ^ 1);
    const auto final = exchange.finish(rfc5802Final("biws", TestType::nonce, proof.toBase64()));
    CHECK(final.status == Status::Failed);
    CHECK(final.response.isEmpty());
    CHECK_FALSE(final.error.isEmpty());
}

TEST_CASE("SCRAM exchange with an independent client", "[scram]")
{
    const auto algorithm = GENERATE(ScramAlgorithm::Sha1, ScramAlgorithm::Sha256);
    const QString password = QStringLiteral("correct horse ✓");
    const ScramCredentials credentials =
        deriveScramCredentials(algorithm, password, randomBytes(16), 4096);

    SECTION("escaped username, authzid and y flag")
    {
        const QByteArray gs2Header = "y,a=admin@example.com,";
        const QByteArray bare = "n=al=2Cice=3D,r=client-nonce";
        ScramServerExchange exchange(algorithm);
        REQUIRE(exchange.start(gs2Header + bare).status == Status::Continue);
        CHECK(exchange.username() == QStringLiteral("al,ice="));
        CHECK(exchange.authzid() == QStringLiteral("admin@example.com"));
        const auto challenge = exchange.challenge(credentials);
        REQUIRE(challenge.status == Status::Continue);
        const auto final = exchange.finish(
            clientFinal(algorithm, password.toUtf8(), gs2Header, bare, challenge.response));
        INFO(final.error.toStdString());
        CHECK(final.status == Status::Succeeded);
        CHECK(final.response.startsWith("v="));
    }

    SECTION("wrong password")
    {
        ScramServerExchange exchange(algorithm);
        REQUIRE(exchange.start("n,,n=alice,r=abc").status == Status::Continue);
        const auto challenge = exchange.challenge(credentials);
        REQUIRE(challenge.status == Status::Continue);
        const auto final = exchange.finish(
            clientFinal(algorithm, "wrong", "n,,", "n=alice,r=abc", challenge.response));
        CHECK(final.status == Status::Failed);
        CHECK(final.response.isEmpty());
    }

    SECTION("unknown user fails only at the end")
    {
        ScramServerExchange exchange(algorithm);
        REQUIRE(exchange.start("n,,n=nobody,r=abc").status == Status::Continue);
        CHECK(exchange.username() == QStringLiteral("nobody"));
        const auto challenge = exchange.challenge(std::nullopt);
        REQUIRE(challenge.status == Status::Continue);
        CHECK(challenge.response.startsWith("r=abc"));
        CHECK(challenge.response.endsWith(",i=4096"));

        // The fake salt is stable per name, so probing twice reveals nothing.
        ScramServerExchange again(algorithm);
        REQUIRE(again.start("n,,n=nobody,r=abc").status == Status::Continue);
        const auto secondChallenge = again.challenge(std::nullopt);
        const auto saltOf = [](const QByteArray &serverFirst) {
            return serverFirst.split(',').value(1);
        };
        CHECK(saltOf(secondChallenge.response) == saltOf(challenge.response));
        CHECK(QByteArray::fromBase64(saltOf(challenge.response).mid(2)).size() == 16);

        ScramServerExchange other(algorithm);
        REQUIRE(other.start("n,,n=somebody,r=abc").status == Status::Continue);
        CHECK(saltOf(other.challenge(std::nullopt).response) != saltOf(challenge.response));

        const auto final = exchange.finish(
            clientFinal(algorithm, password.toUtf8(), "n,,", "n=nobody,r=abc", challenge.response));
        CHECK(final.status == Status::Failed);
        CHECK_FALSE(final.error.isEmpty());
    }

    SECTION("random server nonce")
    {
        ScramServerExchange first(algorithm);
        ScramServerExchange second(algorithm);
        REQUIRE(first.start("n,,n=alice,r=abc").status == Status::Continue);
        REQUIRE(second.start("n,,n=alice,r=abc").status == Status::Continue);
        const QByteArray firstNonce = first.challenge(credentials).response.split(',').value(0);
        const QByteArray secondNonce = second.challenge(credentials).response.split(',').value(0);
        CHECK(firstNonce.startsWith("r=abc"));
        CHECK(firstNonce.size() == 2 + 3 + 32);
        CHECK(firstNonce != secondNonce);
        for (char c : firstNonce)
            CHECK((c > 0x20 && c < 0x7f));
    }
}

TEST_CASE("SCRAM client-first-message parsing rejects malformed input", "[scram]")
{
    const QByteArray message = GENERATE(
        as<QByteArray>{}, "", "n", "n,", "n,,", "x,,n=user,r=abc", "p=tls-unique,,n=user,r=abc",
        "n,,r=abc", "n,,n=user", "n,,n=,r=abc", "n,,n=us=2Xer,r=abc", "n,,n=us=2,r=abc",
        "n,,n=user=,r=abc", "n,,m=ext,n=user,r=abc", "n,,n=user,r=", "n,,n=user,r=a\x01z",
        "n,a,n=user,r=abc", "n,a=,n=user,r=abc", "n,a=x=41,n=user,r=abc", "n,,n=\xff\xfe,r=abc",
        "n,,n=user,r=abc,", "n,,n=user,r=abc,9", "n,,r=abc,n=user",
        QByteArray("n,,n=us\0er,r=abc", 16));
    ScramServerExchange exchange(ScramAlgorithm::Sha256);
    const auto step = exchange.start(message);
    INFO(message.toStdString());
    CHECK(step.status == Status::Failed);
    CHECK(step.response.isEmpty());
    CHECK_FALSE(step.error.isEmpty());
}

TEST_CASE("SCRAM client-first-message ignores optional extensions", "[scram]")
{
    ScramServerExchange exchange(ScramAlgorithm::Sha256);
    CHECK(exchange.start("n,,n=user,r=abc,x=whatever").status == Status::Continue);
    CHECK(exchange.username() == QStringLiteral("user"));
}

TEST_CASE("SCRAM client-final-message parsing rejects malformed input", "[scram]")
{
    const QByteArray nonce = Rfc5802::nonce;
    const QByteArray proof = Rfc5802::proof;
    const QByteArray message = GENERATE_COPY(
        as<QByteArray>{}, "", ",", "c=biws", rfc5802Final("biws", nonce, ""), "c=biws,r=" + nonce,
        "r=" + nonce + ",c=biws,p=" + proof, "c=biws,p=" + proof + ",r=" + nonce,
        rfc5802Final("!!!!", nonce, proof), rfc5802Final("eSws", nonce, proof),
        rfc5802Final("", nonce, proof), rfc5802Final("biws", nonce + "x", proof),
        rfc5802Final("biws", "fyko+d2lbbFgONRv9qkxdawL", proof),
        rfc5802Final("biws", nonce, "@@@@"), rfc5802Final("biws", nonce, "AAAA"),
        rfc5802Final("biws", nonce, proof + proof), "c=biws,r=" + nonce + ",9,p=" + proof);
    ScramServerExchange exchange = challengedRfc5802Exchange();
    const auto step = exchange.finish(message);
    INFO(message.toStdString());
    CHECK(step.status == Status::Failed);
    CHECK(step.response.isEmpty());
    CHECK_FALSE(step.error.isEmpty());
}

TEST_CASE("SCRAM exchange enforces the order of steps", "[scram]")
{
    const QByteArray validFinal = rfc5802Final("biws", Rfc5802::nonce, Rfc5802::proof);

    SECTION("challenge before start")
    {
        ScramServerExchange exchange(ScramAlgorithm::Sha1);
        CHECK(exchange.challenge(std::nullopt).status == Status::Failed);
    }
    SECTION("finish before challenge")
    {
        ScramServerExchange exchange(ScramAlgorithm::Sha1);
        REQUIRE(exchange.start(Rfc5802::clientFirst).status == Status::Continue);
        CHECK(exchange.finish(validFinal).status == Status::Failed);
    }
    SECTION("start twice")
    {
        ScramServerExchange exchange(ScramAlgorithm::Sha1);
        REQUIRE(exchange.start(Rfc5802::clientFirst).status == Status::Continue);
        CHECK(exchange.start(Rfc5802::clientFirst).status == Status::Failed);
    }
    SECTION("finish twice")
    {
        ScramServerExchange exchange = challengedRfc5802Exchange();
        REQUIRE(exchange.finish(validFinal).status == Status::Succeeded);
        CHECK(exchange.finish(validFinal).status == Status::Failed);
    }
    SECTION("unusable stored credentials")
    {
        ScramServerExchange exchange(ScramAlgorithm::Sha1);
        REQUIRE(exchange.start(Rfc5802::clientFirst).status == Status::Continue);
        CHECK(exchange.challenge(ScramCredentials{}).status == Status::Failed);
    }
}

TEST_CASE("verifyPassword checks a password against stored credentials", "[scram]")
{
    const auto algorithm = GENERATE(ScramAlgorithm::Sha1, ScramAlgorithm::Sha256);
    // "é" precomposed; NFKC makes the decomposed spelling equivalent.
    const QString password = QStringLiteral("caf\u00e9");
    const ScramCredentials credentials =
        deriveScramCredentials(algorithm, password, randomBytes(16), 4096);
    CHECK(credentials.storedKey.size() == (algorithm == ScramAlgorithm::Sha1 ? 20 : 32));

    CHECK(verifyPassword(algorithm, credentials, password));
    CHECK(verifyPassword(algorithm, credentials, QStringLiteral("cafe\u0301")));
    CHECK_FALSE(verifyPassword(algorithm, credentials, QStringLiteral("cafe")));
    CHECK_FALSE(verifyPassword(algorithm, credentials, QString()));
    CHECK_FALSE(verifyPassword(algorithm, ScramCredentials{}, password));
}

TEST_CASE("deriveScramCredentials refuses unusable parameters", "[scram]")
{
    CHECK(deriveScramCredentials(ScramAlgorithm::Sha256, QStringLiteral("x"), "salt", 0)
              .storedKey.isEmpty());
    CHECK(deriveScramCredentials(ScramAlgorithm::Sha256, QStringLiteral("x"), {}, 4096)
              .storedKey.isEmpty());
}

TEST_CASE("constantTimeEquals and randomBytes", "[scram]")
{
    CHECK(constantTimeEquals("secret", "secret"));
    CHECK(constantTimeEquals({}, {}));
    CHECK_FALSE(constantTimeEquals("secret", "secreT"));
    CHECK_FALSE(constantTimeEquals("secret", "secret!"));
    CHECK_FALSE(constantTimeEquals("secret", {}));

    CHECK(randomBytes(24).size() == 24);
    CHECK(randomBytes(24) != randomBytes(24));
    CHECK(scramMechanismName(ScramAlgorithm::Sha1) == QStringLiteral("SCRAM-SHA-1"));
    CHECK(scramMechanismName(ScramAlgorithm::Sha256) == QStringLiteral("SCRAM-SHA-256"));
}

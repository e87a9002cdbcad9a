#include "common/Jid.h"

#include <catch2/catch.hpp>

using flint::Jid;
using namespace Qt::StringLiterals;

TEST_CASE("JIDs parse into local, domain and resource", "[jid]")
{
    const auto jid = Jid::parse(u"Alice@Example.COM/Desk Top"_s);
    REQUIRE(jid);
    CHECK(jid->local() == u"alice"_s);
    CHECK(jid->domain() == u"example.com"_s);
    CHECK(jid->resource() == u"Desk Top"_s);
    CHECK(jid->bare().toString() == u"alice@example.com"_s);
    CHECK(jid->toString() == u"alice@example.com/Desk Top"_s);
    CHECK_FALSE(jid->isBare());
    CHECK(jid->bare().isBare());
}

TEST_CASE("JID normalisation follows RFC 7622", "[jid]")
{
    SECTION("localparts are case-folded and NFKC-normalised")
    {
        CHECK(Jid::parse(u"ÄLICE@example.com"_s)->local() == u"älice"_s);
        CHECK(Jid::parse(u"\uFF21bc@example.com"_s)->local() == u"abc"_s); // fullwidth A
        CHECK(*Jid::parse(u"Bob@EXAMPLE.com"_s) == *Jid::parse(u"bob@example.com"_s));
    }
    SECTION("domains lose a trailing dot and are lower-cased")
    {
        CHECK(Jid::parse(u"example.com."_s)->domain() == u"example.com"_s);
        CHECK(Jid::parse(u"bücher.EXAMPLE"_s)->domain() == u"bücher.example"_s);
        CHECK(Jid::parse(u"xn--bcher-kva.example"_s)->domain() == u"bücher.example"_s);
    }
    SECTION("resources keep their case")
    {
        CHECK(Jid::parse(u"a@b/ReSource"_s)->resource() == u"ReSource"_s);
        CHECK(Jid::parse(u"a@b/with/slash"_s)->resource() == u"with/slash"_s);
    }
    SECTION("domain-only JIDs")
    {
        const auto jid = Jid::parse(u"conference.example.com"_s);
        REQUIRE(jid);
        CHECK(jid->isDomain());
    }
}

TEST_CASE("invalid JIDs are refused", "[jid]")
{
    for (const QString &text :
         {u""_s, u"@example.com"_s, u"a@"_s, u"a@example.com/"_s, u"a b@example.com"_s,
          u"a\"b@example.com"_s, u"a<b@example.com"_s, u"a:b@example.com"_s, u"a@exa mple.com"_s,
          QString(1024, u'x') + u"@example.com"_s}) {
        INFO(text.left(40).toStdString());
        CHECK_FALSE(Jid::parse(text));
    }
}

TEST_CASE("usernames normalise like localparts", "[jid]")
{
    CHECK(Jid::normalizeLocal(u"Zhang.Wei"_s) == u"zhang.wei"_s);
    CHECK_FALSE(Jid::normalizeLocal(u"has@sign"_s));
    CHECK_FALSE(Jid::normalizeLocal(u""_s));
    CHECK(Jid::normalizeLocal(u"张伟"_s) == u"张伟"_s);
}

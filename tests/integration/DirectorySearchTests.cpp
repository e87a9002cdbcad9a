// SearchModule: XEP-0055 user directory on the server's JID, in the legacy field format (§3)
// and the data-form format (§4), matched against usernames and stored vCards, on both back ends.
#include "support/RawStream.h"
#include "support/TestServer.h"

#include <catch2/catch.hpp>

#include <QDomDocument>

using namespace flint::test;
using namespace Qt::StringLiterals;

namespace {

// The IQ answer with `id` that `raw` received, parsed; null if none arrives.
QDomElement answer(RawStream &raw, const QString &id)
{
    QDomElement iq;
    waitFor([&] {
        const QString received = QString::fromUtf8(raw.received());
        const qsizetype at = received.indexOf(u"id=\"%1\""_s.arg(id));
        if (at < 0)
            return false;
        const qsizetype start = received.lastIndexOf(u"<iq"_s, at);
        const qsizetype tagEnd = received.indexOf(u'>', at);
        if (start < 0 || tagEnd < 0)
            return false;
        qsizetype end = tagEnd + 1;
        if (received[tagEnd - 1] != u'/') {
            const qsizetype close = received.indexOf(u"</iq>"_s, tagEnd);
            if (close < 0)
                return false;
            end = close + 5;
        }
        QDomDocument document;
        const QString wrapped =
            u"<stream xmlns='jabber:client'>"_s + received.mid(start, end - start) + u"</stream>"_s;
        if (!document.setContent(wrapped, true))
            return false;
        iq = document.documentElement().firstChildElement();
        return true;
    });
    return iq;
}

QDomElement query(RawStream &raw, const QString &id, const QString &type, const QString &payload)
{
    raw.send(u"<iq type='%1' to='flint.test' id='%2'><query xmlns='jabber:iq:search'>%3</query>"
             "</iq>"_s.arg(type, id, payload)
                 .toUtf8());
    return answer(raw, id);
}

QString formSearch(const QString &text)
{
    return u"<x xmlns='jabber:x:data' type='submit'><field var='FORM_TYPE' type='hidden'>"
           "<value>jabber:iq:search</value></field><field var='search'><value>%1</value>"
           "</field></x>"_s.arg(text);
}

// Legacy results: jid → the item element.
QMap<QString, QDomElement> legacyItems(const QDomElement &iq)
{
    QMap<QString, QDomElement> items;
    const QDomElement query = iq.firstChildElement(u"query"_s);
    for (QDomElement item = query.firstChildElement(u"item"_s); !item.isNull();
         item = item.nextSiblingElement(u"item"_s))
        items.insert(item.attribute(u"jid"_s), item);
    return items;
}

// Form results: jid → field var → value.
QMap<QString, QMap<QString, QString>> formItems(const QDomElement &iq)
{
    QMap<QString, QMap<QString, QString>> items;
    const QDomElement form = iq.firstChildElement(u"query"_s).firstChildElement(u"x"_s);
    for (QDomElement item = form.firstChildElement(u"item"_s); !item.isNull();
         item = item.nextSiblingElement(u"item"_s)) {
        QMap<QString, QString> fields;
        for (QDomElement field = item.firstChildElement(u"field"_s); !field.isNull();
             field = field.nextSiblingElement(u"field"_s))
            fields.insert(field.attribute(u"var"_s), field.firstChildElement(u"value"_s).text());
        items.insert(fields.value(u"jid"_s), fields);
    }
    return items;
}

void publishCard(const TestServer &server, const QString &user, const QString &card)
{
    RawStream raw(server.port(), server.domain());
    REQUIRE(raw.connectToServer());
    REQUIRE(raw.login(user, user + u" pw"_s));
    raw.send(
        u"<iq type='set' id='card'><vCard xmlns='vcard-temp'>%1</vCard></iq>"_s.arg(card).toUtf8());
    const QDomElement reply = answer(raw, u"card"_s);
    REQUIRE(reply.attribute(u"type"_s) == u"result"_s);
}

} // namespace

TEST_CASE("The directory finds users by name, nickname, email and username", "[search]")
{
    const Backend backend = GENERATE(Backend::Sqlite, Backend::MariaDb);
    INFO("backend: " << backendName(backend).toStdString());
    TestServer server({.backend = backend});
    if (!server.start())
        FAIL(server.log().toStdString());
    for (const QString &user : {u"alice"_s, u"bob"_s, u"carol"_s, u"dave"_s})
        REQUIRE(server.addUser(user, user + u" pw"_s));
    // Alice's email follows her photo, so what the database cuts around the photo must rejoin.
    publishCard(server, u"alice"_s,
                u"<FN>Alice Liddell</FN><N><GIVEN>Alice</GIVEN><FAMILY>Liddell</FAMILY></N>"
                "<NICKNAME>ally</NICKNAME><PHOTO><TYPE>image/png</TYPE>"
                "<BINVAL>eHl6enktcGhvdG8tbWFya2Vy</BINVAL></PHOTO>"
                "<EMAIL><INTERNET/><USERID>alice@wonderland.example</USERID></EMAIL>"_s);
    publishCard(server, u"bob"_s, u"<FN>Bob Builder</FN><NICKNAME>bobby</NICKNAME>"_s);
    publishCard(server, u"carol"_s,
                u"<FN>Émile Zola</FN><N><GIVEN>Émile</GIVEN><FAMILY>Zola</FAMILY></N>"
                "<EMAIL><USERID>carol@example.org</USERID></EMAIL>"_s);

    RawStream raw(server.port(), server.domain());
    REQUIRE(raw.connectToServer());
    REQUIRE(raw.login(u"dave"_s, u"dave pw"_s));

    SECTION("the server announces the search")
    {
        raw.send("<iq type='get' to='flint.test' id='info'>"
                 "<query xmlns='http://jabber.org/protocol/disco#info'/></iq>");
        const QDomElement info = answer(raw, u"info"_s);
        QStringList features;
        for (QDomElement feature = info.firstChildElement().firstChildElement(u"feature"_s);
             !feature.isNull(); feature = feature.nextSiblingElement(u"feature"_s))
            features << feature.attribute(u"var"_s);
        CHECK(features.contains(u"jabber:iq:search"_s));
    }
    SECTION("the form offers the legacy fields and a data form with one search field")
    {
        const QDomElement form = query(raw, u"form"_s, u"get"_s, {});
        REQUIRE(form.attribute(u"type"_s) == u"result"_s);
        const QDomElement search = form.firstChildElement(u"query"_s);
        CHECK_FALSE(search.firstChildElement(u"instructions"_s).text().isEmpty());
        for (const QString &field : {u"first"_s, u"last"_s, u"nick"_s, u"email"_s})
            CHECK_FALSE(search.firstChildElement(field).isNull());
        const QDomElement x = search.firstChildElement(u"x"_s);
        CHECK(x.namespaceURI() == u"jabber:x:data"_s);
        CHECK(x.attribute(u"type"_s) == u"form"_s);
        QMap<QString, QDomElement> fields;
        for (QDomElement field = x.firstChildElement(u"field"_s); !field.isNull();
             field = field.nextSiblingElement(u"field"_s))
            fields.insert(field.attribute(u"var"_s), field);
        REQUIRE(fields.contains(u"FORM_TYPE"_s));
        CHECK(fields[u"FORM_TYPE"_s].text() == u"jabber:iq:search"_s);
        REQUIRE(fields.contains(u"search"_s));
        CHECK(fields[u"search"_s].attribute(u"type"_s) == u"text-single"_s);
    }
    SECTION("a data form search answers with a result form")
    {
        const QDomElement result = query(raw, u"f1"_s, u"set"_s, formSearch(u"LIDD"_s));
        REQUIRE(result.attribute(u"type"_s) == u"result"_s);
        const QDomElement x = result.firstChildElement(u"query"_s).firstChildElement(u"x"_s);
        CHECK(x.attribute(u"type"_s) == u"result"_s);
        QStringList reported;
        for (QDomElement field = x.firstChildElement(u"reported"_s).firstChildElement();
             !field.isNull(); field = field.nextSiblingElement())
            reported << field.attribute(u"var"_s);
        CHECK(reported.contains(u"jid"_s));
        CHECK(reported.contains(u"email"_s));
        const auto items = formItems(result);
        REQUIRE(items.keys() == QStringList{u"alice@flint.test"_s});
        const auto alice = items[u"alice@flint.test"_s];
        CHECK(alice[u"fn"_s] == u"Alice Liddell"_s);
        CHECK(alice[u"first"_s] == u"Alice"_s);
        CHECK(alice[u"last"_s] == u"Liddell"_s);
        CHECK(alice[u"nick"_s] == u"ally"_s);
        CHECK(alice[u"email"_s] == u"alice@wonderland.example"_s);
    }
    SECTION("matching ignores case beyond ASCII")
    {
        CHECK(formItems(query(raw, u"f2"_s, u"set"_s, formSearch(u"émile"_s))).keys() ==
              QStringList{u"carol@flint.test"_s});
    }
    SECTION("usernames match, with or without a card")
    {
        CHECK(formItems(query(raw, u"f3"_s, u"set"_s, formSearch(u"DAV"_s))).keys() ==
              QStringList{u"dave@flint.test"_s});
        CHECK(formItems(query(raw, u"f4"_s, u"set"_s, formSearch(u"o"_s))).keys() ==
              (QStringList{u"alice@flint.test"_s, u"bob@flint.test"_s, u"carol@flint.test"_s}));
    }
    SECTION("email addresses match, also after the photo")
    {
        CHECK(formItems(query(raw, u"f5"_s, u"set"_s, formSearch(u"wonderland"_s))).keys() ==
              QStringList{u"alice@flint.test"_s});
    }
    SECTION("photos are not searched")
    {
        CHECK(formItems(query(raw, u"f6"_s, u"set"_s, formSearch(u"eHl6enkt"_s))).isEmpty());
    }
    SECTION("legacy fields answer with legacy items and must all match")
    {
        auto items = legacyItems(query(raw, u"l1"_s, u"set"_s, u"<first>bob</first>"_s));
        REQUIRE(items.keys() == QStringList{u"bob@flint.test"_s});
        // A card with only a formatted name shows it as the first name.
        CHECK(items.first().firstChildElement(u"first"_s).text() == u"Bob Builder"_s);
        CHECK(items.first().firstChildElement(u"nick"_s).text() == u"bobby"_s);

        items = legacyItems(query(raw, u"l2"_s, u"set"_s, u"<nick>ALLY</nick>"_s));
        REQUIRE(items.keys() == QStringList{u"alice@flint.test"_s});
        CHECK(items.first().firstChildElement(u"last"_s).text() == u"Liddell"_s);
        CHECK(items.first().firstChildElement(u"email"_s).text() == u"alice@wonderland.example"_s);

        CHECK(legacyItems(query(raw, u"l3"_s, u"set"_s, u"<email>example.org</email>"_s)).keys() ==
              QStringList{u"carol@flint.test"_s});
        CHECK(legacyItems(query(raw, u"l4"_s, u"set"_s, u"<first>ali</first><last>zola</last>"_s))
                  .isEmpty());
        CHECK(legacyItems(query(raw, u"l5"_s, u"set"_s, u"<first>ali</first><last>lid</last>"_s))
                  .keys() == QStringList{u"alice@flint.test"_s});
    }
    SECTION("an empty search is refused")
    {
        const QDomElement refused = query(raw, u"e1"_s, u"set"_s, u"<first>  </first>"_s);
        CHECK(refused.attribute(u"type"_s) == u"error"_s);
        CHECK_FALSE(
            refused.firstChildElement(u"error"_s).firstChildElement(u"not-acceptable"_s).isNull());
    }
}

TEST_CASE("The directory returns at most 50 matches", "[search]")
{
    TestServer server;
    if (!server.start())
        FAIL(server.log().toStdString());
    for (int i = 0; i < 55; ++i)
        REQUIRE(server.addUser(u"member%1"_s.arg(i, 2, 10, QLatin1Char('0')), u"pw"_s));
    REQUIRE(server.addUser(u"dave"_s, u"dave pw"_s));
    RawStream raw(server.port(), server.domain());
    REQUIRE(raw.connectToServer());
    REQUIRE(raw.login(u"dave"_s, u"dave pw"_s));
    // In username order: the first fifty.
    const auto results = formItems(query(raw, u"many"_s, u"set"_s, formSearch(u"member"_s)));
    CHECK(results.size() == 50);
    CHECK(results.firstKey() == u"member00@flint.test"_s);
    CHECK(results.lastKey() == u"member49@flint.test"_s);
}

TEST_CASE("The directory is closed to streams that have not logged in", "[search]")
{
    TestServer server;
    if (!server.start())
        FAIL(server.log().toStdString());
    RawStream raw(server.port(), server.domain());
    REQUIRE(raw.connectToServer());
    REQUIRE(raw.startTls());
    raw.openStream();
    REQUIRE(raw.waitForText("</stream:features>"));
    raw.send("<iq type='set' to='flint.test' id='anonymous'><query xmlns='jabber:iq:search'>"
             "<first>a</first></query></iq>");
    REQUIRE(raw.waitForText("not-authorized"));
    CHECK_FALSE(raw.received().contains("<item"));
    CHECK(raw.waitForDisconnected());
}

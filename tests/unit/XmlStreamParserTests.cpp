#include "server/XmlStream.h"

#include <catch2/catch.hpp>

#include <QRandomGenerator>

#include <memory>
#include <vector>

using namespace flint;
using namespace Qt::StringLiterals;

namespace {

const QString StreamsNs = u"http://etherx.jabber.org/streams"_s;
const QString XmlNs = u"http://www.w3.org/XML/1998/namespace"_s;
const QByteArray ClientHeader =
    "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>";

using Event = XmlStreamParser::Event;

// The events the parser reports up to NeedMoreData, one line each; stops after the stream
// closes or fails. Returns whether the stream is still going.
bool collect(XmlStreamParser &parser, QStringList &out)
{
    for (;;) {
        switch (parser.next()) {
        case Event::NeedMoreData:
            return true;
        case Event::StreamOpened:
            out << u"OPEN "_s + parser.defaultNamespace();
            break;
        case Event::Element:
            out << QString::fromUtf8(serializeElement(parser.element()));
            break;
        case Event::StreamClosed:
            out << u"CLOSED"_s;
            return false;
        case Event::Error:
            out << u"ERROR %1: %2"_s.arg(parser.errorCondition(), parser.errorText());
            return false;
        }
    }
}

QStringList feedPieces(const QList<QByteArray> &pieces, qint64 maxElementBytes = 1 << 20)
{
    XmlStreamParser parser(maxElementBytes);
    QStringList out;
    for (const QByteArray &piece : pieces) {
        parser.feed(piece);
        if (!collect(parser, out))
            break;
    }
    return out;
}

// `data` cut into random pieces of 1 to 40 bytes.
QList<QByteArray> split(const QByteArray &data, QRandomGenerator &random)
{
    QList<QByteArray> pieces;
    for (qsizetype pos = 0; pos < data.size();) {
        const qsizetype length = 1 + random.bounded(40);
        pieces << data.mid(pos, length);
        pos += length;
    }
    return pieces;
}

QList<QByteArray> singleBytes(const QByteArray &data)
{
    QList<QByteArray> pieces;
    for (const char c : data)
        pieces << QByteArray(1, c);
    return pieces;
}

std::string text(const QStringList &events)
{
    return events.join(u" | "_s).toStdString();
}

// Feeds `data` after a client stream header and returns the first event after StreamOpened.
Event firstEventAfterHeader(XmlStreamParser &parser, const QByteArray &data)
{
    parser.feed(ClientHeader);
    REQUIRE(parser.next() == Event::StreamOpened);
    parser.feed(data);
    return parser.next();
}

} // namespace

TEST_CASE("a stream split anywhere parses like the whole stream", "[xml]")
{
    struct Case {
        QByteArray stream;
        QStringList events;
    };
    const std::vector<Case> cases = {
        {"<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
         "xmlns:stream='http://etherx.jabber.org/streams' xmlns:x='urn:x&apos;y' to='a' "
         "version='1.0'><message to='b'><body>h\xc3\xa9llo \xf0\x9f\x98\x80 &lt;&amp;</body>"
         "<x:foo a='1'/></message>\n <presence/>  \r\n<iq id='1'>"
         "<query xmlns='jabber:iq:roster'/></iq><x:bar/><message><body>\xe4\xb8\xad\xe6\x96\x87"
         "</body></message></stream:stream>",
         {u"OPEN jabber:client"_s,
          u"<message to=\"b\"><body>héllo 😀 &lt;&amp;</body><foo xmlns=\"urn:x'y\" "
          u"a=\"1\"/></message>"_s,
          u"<presence/>"_s, u"<iq id=\"1\"><query xmlns=\"jabber:iq:roster\"/></iq>"_s,
          u"<bar xmlns=\"urn:x'y\"/>"_s, u"<message><body>中文</body></message>"_s, u"CLOSED"_s}},
        {"<s:stream xmlns='jabber:client' xmlns:s='http://etherx.jabber.org/streams'>"
         "<presence/><message/></s:stream>",
         {u"OPEN jabber:client"_s, u"<presence/>"_s, u"<message/>"_s, u"CLOSED"_s}},
        {ClientHeader + "<presence/><y:foo/></stream:stream>",
         {u"OPEN jabber:client"_s, u"<presence/>"_s,
          u"ERROR not-well-formed: Namespace prefix 'y' not declared"_s}},
        {ClientHeader + "<presence/>&foo;<message/></stream:stream>",
         {u"OPEN jabber:client"_s, u"<presence/>"_s,
          u"ERROR restricted-xml: entity &foo; is not allowed"_s}},
        {ClientHeader + "<presence/>text<message/></stream:stream>",
         {u"OPEN jabber:client"_s, u"<presence/>"_s,
          u"ERROR not-well-formed: text between stanzas"_s}},
        {ClientHeader + "<presence/></stream>",
         {u"OPEN jabber:client"_s, u"<presence/>"_s,
          u"ERROR not-well-formed: Opening and ending tag mismatch."_s}},
        {ClientHeader + "<presence/><!-- c --><message/></stream:stream>",
         {u"OPEN jabber:client"_s, u"<presence/>"_s,
          u"ERROR restricted-xml: Comment is not allowed"_s}},
    };

    QRandomGenerator random(20240607);
    for (size_t index = 0; index < cases.size(); ++index) {
        const Case &current = cases[index];
        CAPTURE(index);
        REQUIRE(text(feedPieces({current.stream})) == text(current.events));
        for (int trial = 0; trial < 200; ++trial) {
            const QList<QByteArray> pieces =
                trial == 0 ? singleBytes(current.stream) : split(current.stream, random);
            const QStringList events = feedPieces(pieces);
            if (events != current.events) {
                CAPTURE(trial, pieces.size());
                REQUIRE(text(events) == text(current.events));
            }
        }
    }
}

TEST_CASE("the stream header's attributes and namespaces are reported", "[xml]")
{
    XmlStreamParser parser(4096);
    parser.feed("<?xml version='1.0' encoding='UTF-8'?><stream:stream xmlns='jabber:server' "
                "xmlns:stream='http://etherx.jabber.org/streams' "
                "xmlns:db='jabber:server:dialback' to='example.com' from='other.example' "
                "version='1.0' xml:lang='de'>");
    REQUIRE(parser.next() == Event::StreamOpened);
    CHECK(parser.streamNamespace() == StreamsNs);
    CHECK(parser.defaultNamespace() == u"jabber:server"_s);
    const QXmlStreamAttributes &attributes = parser.streamAttributes();
    CHECK(attributes.value(u"to"_s) == u"example.com"_s);
    CHECK(attributes.value(u"from"_s) == u"other.example"_s);
    CHECK(attributes.value(u"version"_s) == u"1.0"_s);
    CHECK(attributes.value(XmlNs, u"lang"_s) == u"de"_s);
    CHECK(parser.next() == Event::NeedMoreData);

    parser.feed("<db:result from='other.example' to='example.com'>key</db:result>");
    REQUIRE(parser.next() == Event::Element);
    CHECK(parser.element().namespaceURI() == u"jabber:server:dialback"_s);
    CHECK(parser.element().localName() == u"result"_s);
    CHECK(parser.element().text() == u"key"_s);
}

TEST_CASE("a wrong root element or stream namespace is refused", "[xml]")
{
    const QByteArray header = GENERATE(
        QByteArray("<stream:features xmlns:stream='http://etherx.jabber.org/streams'>"),
        QByteArray("<stream:stream xmlns='jabber:client' xmlns:stream='urn:not-streams'>"));
    XmlStreamParser parser(4096);
    parser.feed(header);
    REQUIRE(parser.next() == Event::Error);
    CHECK(parser.errorCondition() == u"invalid-namespace"_s);
}

TEST_CASE("stanzas keep their namespaces and attributes", "[xml]")
{
    const QByteArray stanza =
        "<message xmlns:x='urn:x' to='b@example.com' type='chat' xml:lang='fr' x:mark='yes'>"
        "<body xml:lang='en'>hi &amp; bye</body><x:item n='1'/>"
        "<data xmlns='urn:other'><inner/></data></message>";
    const bool byteByByte = GENERATE(false, true);
    CAPTURE(byteByByte);

    XmlStreamParser parser(4096);
    parser.feed(ClientHeader);
    REQUIRE(parser.next() == Event::StreamOpened);
    // Twice: the second stanza is read by a reader that was parked and resumed in between.
    for (int round = 0; round < 2; ++round) {
        CAPTURE(round);
        Event event = Event::NeedMoreData;
        if (byteByByte) {
            for (qsizetype i = 0; i < stanza.size() && event == Event::NeedMoreData; ++i) {
                parser.feed(stanza.mid(i, 1));
                event = parser.next();
            }
        } else {
            parser.feed(stanza);
            event = parser.next();
        }
        REQUIRE(event == Event::Element);
        const QDomElement message = parser.element();
        CHECK(message.namespaceURI() == u"jabber:client"_s);
        CHECK(message.localName() == u"message"_s);
        CHECK(message.attribute(u"to"_s) == u"b@example.com"_s);
        CHECK(message.attribute(u"type"_s) == u"chat"_s);
        CHECK(message.attributeNS(XmlNs, u"lang"_s) == u"fr"_s);
        CHECK(message.attributeNS(u"urn:x"_s, u"mark"_s) == u"yes"_s);

        const QDomElement body = message.firstChildElement(u"body"_s);
        REQUIRE(!body.isNull());
        CHECK(body.namespaceURI() == u"jabber:client"_s);
        CHECK(body.text() == u"hi & bye"_s);
        CHECK(body.attributeNS(XmlNs, u"lang"_s) == u"en"_s);

        const QDomElement item = body.nextSiblingElement();
        CHECK(item.namespaceURI() == u"urn:x"_s);
        CHECK(item.localName() == u"item"_s);
        CHECK(item.attribute(u"n"_s) == u"1"_s);

        const QDomElement data = item.nextSiblingElement();
        CHECK(data.namespaceURI() == u"urn:other"_s);
        CHECK(data.firstChildElement().namespaceURI() == u"urn:other"_s);
        CHECK(data.firstChildElement().localName() == u"inner"_s);

        const QByteArray xml = serializeElement(message);
        CHECK(xml.contains("xml:lang=\"fr\""));
        CHECK(xml.contains("xml:lang=\"en\""));
        CHECK(parser.next() == Event::NeedMoreData);
    }
}

TEST_CASE("restricted XML ends the stream", "[xml]")
{
    SECTION("a document type declaration")
    {
        XmlStreamParser parser(4096);
        parser.feed("<?xml version='1.0'?><!DOCTYPE stream:stream [<!ENTITY e 'boom'>]>" +
                    ClientHeader);
        CHECK(parser.next() == Event::Error);
        CHECK(parser.errorCondition() == u"restricted-xml"_s);
    }
    SECTION("restricted content inside or between stanzas")
    {
        const auto [data, condition] = GENERATE(table<const char *, const char *>({
            {"<message><!-- note --></message>", "restricted-xml"},
            {"<message><?pi data?></message>", "restricted-xml"},
            {"<?pi data?><message/>", "restricted-xml"},
            {"<message><body>&nbsp;</body></message>", "restricted-xml"},
            {"&nbsp;<message/>", "restricted-xml"},
            // A predefined entity is allowed XML, but still text between stanzas.
            {"&amp;<message/>", "not-well-formed"},
        }));
        CAPTURE(data);
        XmlStreamParser parser(4096);
        CHECK(firstEventAfterHeader(parser, data) == Event::Error);
        CHECK(parser.errorCondition() == QLatin1StringView(condition));
        CHECK(!parser.errorText().isEmpty());
        // The stream stays failed.
        parser.feed("<presence/>");
        CHECK(parser.next() == Event::Error);
    }
    SECTION("the predefined entities are allowed")
    {
        XmlStreamParser parser(4096);
        REQUIRE(firstEventAfterHeader(
                    parser, "<message><body>&lt;&gt;&amp;&apos;&quot;&#x263A;</body></message>") ==
                Event::Element);
        CHECK(parser.element().text() == u"<>&'\"\u263A"_s);
    }
}

TEST_CASE("elements larger than the limit are refused", "[xml]")
{
    constexpr qint64 Max = 1024;
    XmlStreamParser parser(Max);
    parser.feed(ClientHeader);
    REQUIRE(parser.next() == Event::StreamOpened);

    SECTION("stanzas up to the limit pass, the counter restarting at each stanza")
    {
        const QByteArray stanza = "<message><body>" + QByteArray(900, 'a') + "</body></message>";
        for (int i = 0; i < 5; ++i) {
            parser.feed(stanza);
            REQUIRE(parser.next() == Event::Element);
            CHECK(parser.element().text().size() == 900);
        }
    }
    SECTION("whitespace keepalives do not add up")
    {
        parser.feed("<presence/>");
        REQUIRE(parser.next() == Event::Element);
        for (int i = 0; i < 3 * Max; ++i) {
            parser.feed(i % 2 ? " " : "\r\n");
            REQUIRE(parser.next() == Event::NeedMoreData);
        }
        parser.feed("<presence/>");
        CHECK(parser.next() == Event::Element);
    }
    SECTION("an incomplete element fails as soon as it passes the limit")
    {
        parser.feed("<message><body>");
        CHECK(parser.next() == Event::NeedMoreData);
        Event event = Event::NeedMoreData;
        int pieces = 0;
        while (event == Event::NeedMoreData && pieces < 100) {
            parser.feed(QByteArray(100, 'b'));
            ++pieces;
            event = parser.next();
        }
        CHECK(event == Event::Error);
        CHECK(parser.errorCondition() == u"policy-violation"_s);
        CHECK(pieces * 100 <= Max + 100);
    }
    SECTION("a huge element in one piece fails without being read whole")
    {
        parser.feed("<message><body>" + QByteArray(1 << 20, 'c'));
        CHECK(parser.next() == Event::Error);
        CHECK(parser.errorCondition() == u"policy-violation"_s);
    }
}

TEST_CASE("reset() starts a new stream, as after STARTTLS", "[xml]")
{
    const bool byteByByte = GENERATE(false, true);
    CAPTURE(byteByByte);
    XmlStreamParser parser(4096);
    const auto feed = [&](const QByteArray &data) {
        QStringList events;
        for (const QByteArray &piece : byteByByte ? singleBytes(data) : QList<QByteArray>{data}) {
            parser.feed(piece);
            collect(parser, events);
        }
        return events;
    };

    CHECK(text(feed("<?xml version='1.0'?>" + ClientHeader +
                    "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>")) ==
          text({u"OPEN jabber:client"_s,
                u"<starttls xmlns=\"urn:ietf:params:xml:ns:xmpp-tls\"/>"_s}));
    // Bytes after <starttls/> are not part of the TLS stream and must be dropped.
    parser.feed("<presence/>");
    parser.reset();
    CHECK(text(feed("<?xml version='1.0'?><s:stream xmlns='jabber:server' "
                    "xmlns:s='http://etherx.jabber.org/streams' to='secure.example'>"
                    "<message><body>after</body></message>")) ==
          text({u"OPEN jabber:server"_s,
                u"<message xmlns=\"jabber:server\"><body>after</body></message>"_s}));
    CHECK(parser.streamAttributes().value(u"to"_s) == u"secure.example"_s);
    CHECK(text(feed("<iq id='2'/></s:stream>")) ==
          text({u"<iq xmlns=\"jabber:server\" id=\"2\"/>"_s, u"CLOSED"_s}));
}

TEST_CASE("parsers sharing the reader pool keep their own streams", "[xml]")
{
    // More parsers than the pool keeps readers, with different prefixes and default namespaces.
    constexpr int Count = 12;
    std::vector<std::unique_ptr<XmlStreamParser>> parsers;
    std::vector<QStringList> events(Count);
    std::vector<QByteArray> streams;
    std::vector<QStringList> expected;
    for (int i = 0; i < Count; ++i) {
        parsers.push_back(std::make_unique<XmlStreamParser>(4096));
        const QByteArray number = QByteArray::number(i);
        const QByteArray streamPrefix = "s" + number;
        const QString defaultNs = i % 2 ? u"jabber:server"_s : u"jabber:client"_s;
        const QString inherited = i % 2 ? u" xmlns=\"jabber:server\""_s : QString();
        streams.push_back("<" + streamPrefix + ":stream xmlns='" + defaultNs.toUtf8() + "' xmlns:" +
                          streamPrefix + "='http://etherx.jabber.org/streams' xmlns:p" + number +
                          "='urn:p:" + number + "'><message id='" + number + "'><body>" + number +
                          " \xc3\xa9</body></message> <p" + number + ":item n='" + number +
                          "'/><presence/></" + streamPrefix + ":stream>");
        const QString n = QString::number(i);
        expected.push_back({u"OPEN "_s + defaultNs,
                            u"<message%1 id=\"%2\"><body>%2 é</body></message>"_s.arg(inherited, n),
                            u"<item xmlns=\"urn:p:%1\" n=\"%1\"/>"_s.arg(n),
                            u"<presence%1/>"_s.arg(inherited), u"CLOSED"_s});
    }

    // Round robin in random pieces, so readers are parked by one parser and taken by another.
    QRandomGenerator random(4242);
    std::vector<qsizetype> positions(Count, 0);
    bool progress = true;
    while (progress) {
        progress = false;
        for (int i = 0; i < Count; ++i) {
            if (positions[i] >= streams[i].size())
                continue;
            const qsizetype length = 1 + random.bounded(12);
            parsers[i]->feed(streams[i].mid(positions[i], length));
            positions[i] += length;
            collect(*parsers[i], events[i]);
            progress = true;
        }
    }
    for (int i = 0; i < Count; ++i) {
        CAPTURE(i);
        CHECK(text(events[i]) == text(expected[i]));
    }
}

TEST_CASE("serializeElement() and parseElement() round trip", "[xml]")
{
    const QByteArray xml =
        "<message xmlns='jabber:client' to='a@example.com' xml:lang='en'>"
        "<body>x &lt;&amp;&gt; \xc3\xa9\xf0\x9f\x98\x80</body>"
        "<x:y xmlns:x='urn:x' x:attr='1' plain='2'/><z xmlns='urn:z'><w>deep</w></z></message>";
    const QDomElement element = parseElement(xml);
    REQUIRE(!element.isNull());
    CHECK(element.attributeNS(XmlNs, u"lang"_s) == u"en"_s);

    // Attribute order is not kept: QDom stores attributes in a hash.
    const QByteArray serialized = serializeElement(element);
    CHECK(serialized.startsWith("<message "));
    CHECK(serialized.contains(" to=\"a@example.com\""));
    CHECK(serialized.contains(" xml:lang=\"en\""));
    CHECK(serialized.contains("<body>x &lt;&amp;&gt; \xc3\xa9\xf0\x9f\x98\x80</body>"));
    CHECK(serialized.contains("<y xmlns=\"urn:x\""));
    CHECK(serialized.contains(" plain=\"2\""));
    CHECK(serialized.contains("<z xmlns=\"urn:z\"><w>deep</w></z></message>"));

    const QDomElement reparsed = parseElement(serialized);
    REQUIRE(!reparsed.isNull());
    CHECK(reparsed.namespaceURI() == u"jabber:client"_s);
    CHECK(reparsed.attribute(u"to"_s) == u"a@example.com"_s);
    CHECK(reparsed.attributeNS(XmlNs, u"lang"_s) == u"en"_s);
    CHECK(reparsed.firstChildElement(u"body"_s).text() == u"x <&> é😀"_s);
    const QDomElement y = reparsed.firstChildElement(u"y"_s);
    CHECK(y.namespaceURI() == u"urn:x"_s);
    CHECK(y.attributeNS(u"urn:x"_s, u"attr"_s) == u"1"_s);
    CHECK(y.attribute(u"plain"_s) == u"2"_s);
    const QDomElement z = reparsed.firstChildElement(u"z"_s);
    CHECK(z.namespaceURI() == u"urn:z"_s);
    CHECK(z.firstChildElement().namespaceURI() == u"urn:z"_s);
    CHECK(z.firstChildElement().text() == u"deep"_s);
    CHECK(serializeElement(reparsed).size() == serialized.size());

    SECTION("a different enclosing namespace is declared on the element")
    {
        CHECK(serializeElement(element, u"jabber:server"_s)
                  .startsWith("<message xmlns=\"jabber:client\" "));
    }
    SECTION("malformed or restricted input gives a null element")
    {
        const QByteArray bad = GENERATE(QByteArray("<message><body></message>"),
                                        QByteArray("<message>&foo;</message>"),
                                        QByteArray("<message><!-- c --></message>"),
                                        QByteArray("<message>"), QByteArray("text"));
        CAPTURE(bad.toStdString());
        CHECK(parseElement(bad).isNull());
    }
}

TEST_CASE("namespace URIs with markup characters are escaped when serialised", "[xml]")
{
    QDomDocument document;
    QDomElement message = document.createElementNS(u"jabber:client"_s, u"message"_s);
    QDomElement payload = document.createElementNS(u"urn:x&<\"y"_s, u"payload"_s);
    payload.setAttributeNS(u"urn:attr&ns"_s, u"a:flag"_s, u"1"_s);
    message.appendChild(payload);
    document.appendChild(message);

    const QByteArray xml = flint::serializeElement(message);
    INFO(xml.toStdString());
    CHECK_FALSE(xml.contains("urn:x&<"));
    const QDomElement parsed = flint::parseElement(xml);
    REQUIRE_FALSE(parsed.isNull());
    const QDomElement child = parsed.firstChildElement();
    CHECK(child.namespaceURI() == u"urn:x&<\"y"_s);
    CHECK(child.attributeNS(u"urn:attr&ns"_s, u"flag"_s) == u"1"_s);
}

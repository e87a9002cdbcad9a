#include "XmlStream.h"

#include <QXmlStreamEntityResolver>
#include <QXmlStreamWriter>

#include <utility>
#include <vector>

using namespace Qt::StringLiterals;

namespace flint {
namespace {

constexpr qsizetype FeedChunk = 4096;
constexpr size_t MaxPooledReaders = 8;
const QString StreamsNs = u"http://etherx.jabber.org/streams"_s;

// Readers of parked streams, taken by whichever stream receives data next. A reader holds about
// 16 KiB of parser stacks and buffers.
std::vector<std::unique_ptr<QXmlStreamReader>> &readerPool()
{
    thread_local std::vector<std::unique_ptr<QXmlStreamReader>> pool;
    return pool;
}

std::unique_ptr<QXmlStreamReader> takeReader()
{
    auto &pool = readerPool();
    if (pool.empty())
        return std::make_unique<QXmlStreamReader>();
    auto reader = std::move(pool.back());
    pool.pop_back();
    return reader;
}

void returnReader(std::unique_ptr<QXmlStreamReader> reader)
{
    auto &pool = readerPool();
    if (pool.size() < MaxPooledReaders) {
        reader->clear();
        pool.push_back(std::move(reader));
    }
}

// The UTF-16 units the reader decodes from UTF-8 `data`: one per sequence, two for 4-byte ones.
qint64 utf16Length(const QByteArray &data)
{
    qint64 length = 0;
    for (const char c : data) {
        const auto byte = uchar(c);
        if ((byte & 0xC0) != 0x80)
            ++length;
        if (byte >= 0xF0)
            ++length;
    }
    return length;
}

QByteArray attributeValue(QString value)
{
    return value.replace(u'&', u"&amp;"_s)
        .replace(u'<', u"&lt;"_s)
        .replace(u'\'', u"&apos;"_s)
        .toUtf8();
}

bool isXmlSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

} // namespace

// Records references to undeclared entities: RFC 6120 §11.1 forbids anything but the five
// predefined ones, and an unknown entity must end the stream with <restricted-xml/>.
class XmlStreamParser::EntityGuard : public QXmlStreamEntityResolver {
public:
    QString resolveUndeclaredEntity(const QString &name) override
    {
        undeclared = name;
        return QString();
    }
    QString undeclared;
};

XmlStreamParser::XmlStreamParser(qint64 maxElementBytes) : m_maxElementBytes(maxElementBytes)
{
    reset();
}

XmlStreamParser::~XmlStreamParser() = default;

void XmlStreamParser::reset()
{
    m_entityGuard = std::make_unique<EntityGuard>();
    startReader();
    m_streamHeader.clear();
    m_pending.clear();
    m_bytesSinceBoundary = 0;
    m_depth = 0;
    m_open.clear();
    m_element = {};
    m_document = {};
    m_streamAttributes.clear();
    m_failed = false;
}

void XmlStreamParser::feed(const QByteArray &data)
{
    m_pending.append(data);
}

XmlStreamParser::Event XmlStreamParser::fail(const QString &condition, const QString &text)
{
    m_failed = true;
    m_errorCondition = condition;
    m_errorText = text;
    return Event::Error;
}

XmlStreamParser::Event XmlStreamParser::next()
{
    if (m_failed)
        return Event::Error;
    if (m_open.isEmpty()) {
        // The last element belongs to the caller now.
        m_element = {};
        m_document = {};
    }
    for (;;) {
        if (m_reader) {
            const Event event = readToken();
            if (event == Event::Element && m_pending.isEmpty() &&
                m_reader->characterOffset() == m_charsFed)
                parkReader();
            if (event != Event::NeedMoreData)
                return event;
        }
        if (m_pending.isEmpty())
            return Event::NeedMoreData;
        if (!m_reader) {
            // Whitespace keepalives between stanzas need no reader.
            qsizetype spaces = 0;
            while (spaces < m_pending.size() && isXmlSpace(m_pending.at(spaces)))
                ++spaces;
            if (spaces > 0) {
                m_pending = spaces == m_pending.size() ? QByteArray() : m_pending.sliced(spaces);
                m_bytesSinceBoundary = 0;
                continue;
            }
            if (!resumeReader())
                return fail(u"internal-server-error"_s, u"cannot resume the stream"_s);
        }
        // Hand data to the reader in small chunks so the size limit is enforced before a huge
        // element is ever buffered whole.
        QByteArray chunk;
        if (m_pending.size() <= FeedChunk) {
            chunk = std::exchange(m_pending, QByteArray());
            // The reader keeps the last data it was given until more comes: no spare capacity.
            if (chunk.capacity() > chunk.size())
                chunk.squeeze();
        } else {
            chunk = m_pending.first(FeedChunk);
            m_pending.remove(0, FeedChunk);
        }
        m_bytesSinceBoundary += chunk.size();
        if (m_bytesSinceBoundary > m_maxElementBytes)
            return fail(u"policy-violation"_s,
                        u"stanza larger than %1 bytes"_s.arg(m_maxElementBytes));
        addToReader(chunk);
    }
}

void XmlStreamParser::addToReader(const QByteArray &data)
{
    m_charsFed += utf16Length(data);
    m_reader->addData(data);
}

void XmlStreamParser::parkReader()
{
    returnReader(std::move(m_reader));
}

void XmlStreamParser::startReader()
{
    m_reader = takeReader();
    m_reader->setNamespaceProcessing(true);
    m_reader->setEntityResolver(m_entityGuard.get());
    m_charsFed = 0;
}

bool XmlStreamParser::resumeReader()
{
    startReader();
    addToReader(m_streamHeader);
    // The replayed header gives the document start and the stream element, both reported before.
    return m_reader->readNext() == QXmlStreamReader::StartDocument &&
           m_reader->readNext() == QXmlStreamReader::StartElement;
}

XmlStreamParser::Event XmlStreamParser::readToken()
{
    for (;;) {
        const auto token = m_reader->readNext();
        if (!m_entityGuard->undeclared.isEmpty())
            return fail(u"restricted-xml"_s,
                        u"entity &%1; is not allowed"_s.arg(m_entityGuard->undeclared));
        switch (token) {
        case QXmlStreamReader::Invalid:
            if (m_reader->error() == QXmlStreamReader::PrematureEndOfDocumentError)
                return Event::NeedMoreData;
            return fail(u"not-well-formed"_s, m_reader->errorString());
        case QXmlStreamReader::DTD:
        case QXmlStreamReader::Comment:
        case QXmlStreamReader::ProcessingInstruction:
        case QXmlStreamReader::EntityReference:
            return fail(u"restricted-xml"_s, u"%1 is not allowed"_s.arg(m_reader->tokenString()));
        case QXmlStreamReader::StartDocument:
            if (!m_reader->documentEncoding().isEmpty() &&
                m_reader->documentEncoding().compare(u"utf-8"_s, Qt::CaseInsensitive) != 0)
                return fail(u"unsupported-encoding"_s, u"only UTF-8 is supported"_s);
            continue;
        case QXmlStreamReader::StartElement:
            if (m_depth++ == 0) {
                if (m_reader->name() != u"stream"_s)
                    return fail(u"invalid-namespace"_s, u"the root element must be stream"_s);
                m_streamNamespace = m_reader->namespaceUri().toString();
                if (m_streamNamespace != StreamsNs)
                    return fail(u"invalid-namespace"_s, u"wrong stream namespace"_s);
                m_defaultNamespace.clear();
                for (const auto &declaration : m_reader->namespaceDeclarations()) {
                    if (declaration.prefix().isEmpty())
                        m_defaultNamespace = declaration.namespaceUri().toString();
                }
                m_streamAttributes = m_reader->attributes();
                m_streamHeader = '<' + m_reader->qualifiedName().toUtf8();
                for (const auto &declaration : m_reader->namespaceDeclarations()) {
                    m_streamHeader += declaration.prefix().isEmpty()
                                          ? QByteArray(" xmlns='")
                                          : " xmlns:" + declaration.prefix().toUtf8() + "='";
                    m_streamHeader += attributeValue(declaration.namespaceUri().toString()) + '\'';
                }
                m_streamHeader += '>';
                m_bytesSinceBoundary = 0;
                return Event::StreamOpened;
            } else {
                if (m_open.isEmpty())
                    m_document = QDomDocument();
                QDomElement element = m_document.createElementNS(
                    m_reader->namespaceUri().toString(), m_reader->qualifiedName().toString());
                for (const QXmlStreamAttribute &attribute : m_reader->attributes()) {
                    if (attribute.namespaceUri().isEmpty())
                        element.setAttribute(attribute.name().toString(),
                                             attribute.value().toString());
                    else
                        element.setAttributeNS(attribute.namespaceUri().toString(),
                                               attribute.qualifiedName().toString(),
                                               attribute.value().toString());
                }
                if (m_open.isEmpty())
                    m_document.appendChild(element);
                else
                    m_open.last().appendChild(element);
                m_open << element;
            }
            continue;
        case QXmlStreamReader::EndElement:
            if (--m_depth == 0)
                return Event::StreamClosed;
            m_element = m_open.takeLast();
            if (m_open.isEmpty()) {
                m_bytesSinceBoundary = 0;
                return Event::Element;
            }
            continue;
        case QXmlStreamReader::Characters:
            if (!m_open.isEmpty())
                m_open.last().appendChild(m_document.createTextNode(m_reader->text().toString()));
            else if (!m_reader->isWhitespace())
                return fail(u"not-well-formed"_s, u"text between stanzas"_s);
            else
                m_bytesSinceBoundary = 0; // whitespace keepalive
            continue;
        case QXmlStreamReader::EndDocument:
            return Event::StreamClosed;
        case QXmlStreamReader::NoToken:
            continue;
        }
    }
}

namespace {

// Namespace declarations are written as ordinary attributes: QXmlStreamWriter escapes attribute
// values but not the URIs it declares itself, and a peer may send a namespace with "&" in it.
void writeElement(QXmlStreamWriter &writer, const QDomElement &element, const QString &parentNs)
{
    static const QString XmlNs = u"http://www.w3.org/XML/1998/namespace"_s;
    const QString ns = element.namespaceURI();
    writer.writeStartElement(element.localName().isEmpty() ? element.tagName()
                                                           : element.localName());
    if (ns != parentNs)
        writer.writeAttribute(u"xmlns"_s, ns);
    const QDomNamedNodeMap attributes = element.attributes();
    int prefixes = 0;
    for (int i = 0; i < attributes.count(); ++i) {
        const QDomAttr attribute = attributes.item(i).toAttr();
        const QString attributeNs = attribute.namespaceURI();
        const QString name =
            attribute.localName().isEmpty() ? attribute.name() : attribute.localName();
        if (attributeNs.isEmpty()) {
            writer.writeAttribute(name, attribute.value());
        } else if (attributeNs == XmlNs) {
            writer.writeAttribute(u"xml:"_s + name, attribute.value());
        } else {
            const QString prefix = u"ns%1"_s.arg(++prefixes);
            writer.writeAttribute(u"xmlns:"_s + prefix, attributeNs);
            writer.writeAttribute(prefix + u':' + name, attribute.value());
        }
    }
    for (QDomNode child = element.firstChild(); !child.isNull(); child = child.nextSibling()) {
        if (child.isElement())
            writeElement(writer, child.toElement(), ns);
        else if (child.isText() || child.isCDATASection())
            writer.writeCharacters(child.nodeValue());
    }
    writer.writeEndElement();
}

} // namespace

QByteArray serializeElement(const QDomElement &element, const QString &inheritedNamespace)
{
    QByteArray xml;
    QXmlStreamWriter writer(&xml);
    writeElement(writer, element, inheritedNamespace);
    return xml;
}

QDomElement parseElement(const QByteArray &xml)
{
    XmlStreamParser parser(qMax<qint64>(xml.size() + 1024, 4096));
    parser.feed(
        "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>");
    parser.feed(xml);
    if (parser.next() != XmlStreamParser::Event::StreamOpened)
        return {};
    if (parser.next() != XmlStreamParser::Event::Element)
        return {};
    return parser.element();
}

} // namespace flint

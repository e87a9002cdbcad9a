#include "XmlStream.h"

#include <QXmlStreamEntityResolver>
#include <QXmlStreamWriter>

using namespace Qt::StringLiterals;

namespace flint {
namespace {

constexpr qsizetype FeedChunk = 4096;
const QString StreamsNs = u"http://etherx.jabber.org/streams"_s;

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
    m_reader = std::make_unique<QXmlStreamReader>();
    m_reader->setNamespaceProcessing(true);
    m_reader->setEntityResolver(m_entityGuard.get());
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
    for (;;) {
        const Event event = readToken();
        if (event != Event::NeedMoreData)
            return event;
        if (m_pending.isEmpty())
            return Event::NeedMoreData;
        // Hand data to the reader in small chunks so the size limit is enforced before a huge
        // element is ever buffered whole.
        const QByteArray chunk = m_pending.left(FeedChunk);
        m_pending.remove(0, chunk.size());
        m_bytesSinceBoundary += chunk.size();
        if (m_bytesSinceBoundary > m_maxElementBytes)
            return fail(u"policy-violation"_s,
                        u"stanza larger than %1 bytes"_s.arg(m_maxElementBytes));
        m_reader->addData(chunk);
    }
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

void writeElement(QXmlStreamWriter &writer, const QDomElement &element, const QString &parentNs)
{
    const QString ns = element.namespaceURI();
    writer.writeStartElement(element.localName().isEmpty() ? element.tagName()
                                                           : element.localName());
    if (ns != parentNs)
        writer.writeDefaultNamespace(ns);
    const QDomNamedNodeMap attributes = element.attributes();
    for (int i = 0; i < attributes.count(); ++i) {
        const QDomAttr attribute = attributes.item(i).toAttr();
        const QString attributeNs = attribute.namespaceURI();
        if (attributeNs.isEmpty())
            writer.writeAttribute(attribute.localName().isEmpty() ? attribute.name()
                                                                  : attribute.localName(),
                                  attribute.value());
        else
            writer.writeAttribute(attributeNs, attribute.localName(), attribute.value());
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

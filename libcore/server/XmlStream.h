// Incremental parsing of an XMPP stream into DOM stanzas, with RFC 6120's XML restrictions,
// and serialisation of DOM elements back onto the wire.
#pragma once

#include <QByteArray>
#include <QDomElement>
#include <QXmlStreamAttributes>
#include <QXmlStreamReader>

#include <memory>

namespace flint {

class XmlStreamParser {
public:
    enum class Event { NeedMoreData, StreamOpened, Element, StreamClosed, Error };

    explicit XmlStreamParser(qint64 maxElementBytes);
    ~XmlStreamParser();

    // Starts over, as after STARTTLS or SASL success.
    void reset();
    void feed(const QByteArray &data);
    // The next event; after StreamOpened see streamAttributes(), after Element see element(),
    // after Error see errorCondition() (an RFC 6120 stream error condition) and errorText().
    Event next();

    const QXmlStreamAttributes &streamAttributes() const { return m_streamAttributes; }
    QString streamNamespace() const { return m_streamNamespace; }
    QString defaultNamespace() const { return m_defaultNamespace; }
    QDomElement element() const { return m_element; }
    QString errorCondition() const { return m_errorCondition; }
    QString errorText() const { return m_errorText; }

private:
    Event fail(const QString &condition, const QString &text);
    Event readToken();
    void startReader();
    void addToReader(const QByteArray &data);
    // Between stanzas, with nothing left unparsed, the reader goes back to a shared pool: an idle
    // stream then keeps no reader. resumeReader() takes one and replays the stream header.
    void parkReader();
    bool resumeReader();

    class EntityGuard;
    std::unique_ptr<EntityGuard> m_entityGuard;
    std::unique_ptr<QXmlStreamReader> m_reader; // null while parked
    qint64 m_maxElementBytes;
    QByteArray m_pending;            // received but not yet handed to the reader
    qint64 m_bytesSinceBoundary = 0; // since the last complete top-level element
    qint64 m_charsFed = 0;           // UTF-16 units handed to the reader
    QByteArray m_streamHeader;       // the open stream element, to replay into a resumed reader
    int m_depth = 0;
    QDomDocument m_document;
    QList<QDomElement> m_open;
    QDomElement m_element;
    QXmlStreamAttributes m_streamAttributes;
    QString m_streamNamespace;
    QString m_defaultNamespace;
    QString m_errorCondition;
    QString m_errorText;
    bool m_failed = false;
};

// Writes `element` as XML. Namespace declarations are emitted where an element's namespace
// differs from its parent's; `inheritedNamespace` is the namespace of the enclosing stream.
QByteArray serializeElement(const QDomElement &element,
                            const QString &inheritedNamespace = QStringLiteral("jabber:client"));

// Parses one standalone XML element (e.g. stored stanzas); null element if malformed.
QDomElement parseElement(const QByteArray &xml);

} // namespace flint

#include "Stanza.h"

#include "XmlStream.h"
#include "common/Dom.h"

#include <QXmlStreamWriter>
#include <QXmppNonza.h>

using namespace Qt::StringLiterals;

namespace flint {

Stanza::Stanza(const QDomElement &element) : m_element(element) {}

Stanza Stanza::fromQXmpp(const QXmppNonza &stanza)
{
    QByteArray xml;
    QXmlStreamWriter writer(&xml);
    stanza.toXml(&writer);
    return Stanza(parseElement(xml));
}

Stanza::Kind Stanza::kind() const
{
    const QString name = m_element.localName();
    if (m_element.namespaceURI() != u"jabber:client"_s)
        return Kind::Other;
    if (name == u"iq"_s)
        return Kind::Iq;
    if (name == u"message"_s)
        return Kind::Message;
    if (name == u"presence"_s)
        return Kind::Presence;
    return Kind::Other;
}

Jid Stanza::from() const
{
    return Jid::parse(m_element.attribute(u"from"_s)).value_or(Jid());
}

Jid Stanza::to() const
{
    return Jid::parse(m_element.attribute(u"to"_s)).value_or(Jid());
}

bool Stanza::hasValidTo() const
{
    return !m_element.hasAttribute(u"to"_s) || Jid::parse(m_element.attribute(u"to"_s)).has_value();
}

void Stanza::setFrom(const Jid &jid)
{
    if (jid.isNull())
        m_element.removeAttribute(u"from"_s);
    else
        m_element.setAttribute(u"from"_s, jid.toString());
}

void Stanza::setTo(const Jid &jid)
{
    if (jid.isNull())
        m_element.removeAttribute(u"to"_s);
    else
        m_element.setAttribute(u"to"_s, jid.toString());
}

void Stanza::setAttribute(const QString &name, const QString &value)
{
    m_element.setAttribute(name, value);
}

QDomElement Stanza::child(const QString &name, const QString &ns) const
{
    return childElement(m_element, name, ns);
}

Stanza Stanza::clone() const
{
    QDomDocument document;
    document.appendChild(document.importNode(m_element, true));
    return Stanza(document.documentElement());
}

QByteArray Stanza::toXml() const
{
    return serializeElement(m_element);
}

Stanza Stanza::errorReply(const QString &errorType, const QString &condition,
                          const QString &text) const
{
    Stanza reply = clone();
    QDomElement element = reply.m_element;
    const QString from = element.attribute(u"from"_s);
    const QString to = element.attribute(u"to"_s);
    element.removeAttribute(u"from"_s);
    element.removeAttribute(u"to"_s);
    if (!to.isEmpty())
        element.setAttribute(u"from"_s, to);
    if (!from.isEmpty())
        element.setAttribute(u"to"_s, from);
    element.setAttribute(u"type"_s, u"error"_s);
    // An IQ error carries no payload of its own; messages and presences keep theirs.
    if (kind() == Kind::Iq) {
        while (!element.firstChild().isNull())
            element.removeChild(element.firstChild());
    }
    QDomDocument document = element.ownerDocument();
    const QString ns = u"urn:ietf:params:xml:ns:xmpp-stanzas"_s;
    QDomElement error = document.createElementNS(u"jabber:client"_s, u"error"_s);
    error.setAttribute(u"type"_s, errorType);
    error.appendChild(document.createElementNS(ns, condition));
    if (!text.isEmpty()) {
        QDomElement textElement = document.createElementNS(ns, u"text"_s);
        textElement.setAttributeNS(u"http://www.w3.org/XML/1998/namespace"_s, u"xml:lang"_s,
                                   u"en"_s);
        textElement.appendChild(document.createTextNode(text));
        error.appendChild(textElement);
    }
    element.appendChild(error);
    return reply;
}

Stanza Stanza::iqResult() const
{
    QDomDocument document;
    QDomElement iq = document.createElementNS(u"jabber:client"_s, u"iq"_s);
    iq.setAttribute(u"type"_s, u"result"_s);
    iq.setAttribute(u"id"_s, id());
    if (m_element.hasAttribute(u"from"_s))
        iq.setAttribute(u"to"_s, m_element.attribute(u"from"_s));
    if (m_element.hasAttribute(u"to"_s))
        iq.setAttribute(u"from"_s, m_element.attribute(u"to"_s));
    document.appendChild(iq);
    return Stanza(iq);
}

} // namespace flint

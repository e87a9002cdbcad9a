// A stanza as it travels through the server: a DOM element with typed accessors.
#pragma once

#include "common/Jid.h"

#include <QDomElement>

class QXmppNonza;

namespace flint {

class Stanza {
public:
    enum class Kind { Iq, Message, Presence, Other };

    Stanza() = default;
    explicit Stanza(const QDomElement &element);
    // Serialises a QXmpp stanza (iq, message, presence) into a routable Stanza.
    static Stanza fromQXmpp(const QXmppNonza &stanza);

    bool isNull() const { return m_element.isNull(); }
    Kind kind() const;
    QString type() const { return m_element.attribute(QStringLiteral("type")); }
    QString id() const { return m_element.attribute(QStringLiteral("id")); }
    // Parsed addresses; an absent or malformed attribute gives a null Jid.
    Jid from() const;
    Jid to() const;
    bool hasValidTo() const;
    void setFrom(const Jid &jid);
    void setTo(const Jid &jid);
    void setAttribute(const QString &name, const QString &value);

    QDomElement element() const { return m_element; }
    // First child element (an IQ's payload) and its namespace.
    QDomElement payload() const { return m_element.firstChildElement(); }
    QString payloadNamespace() const { return payload().namespaceURI(); }
    QDomElement child(const QString &name, const QString &ns) const;

    // A deep copy, safe to modify without touching this one.
    Stanza clone() const;
    QByteArray toXml() const;

    // Reads this stanza into a QXmpp class (QXmppRosterIq, QXmppVCardIq, …).
    template <typename T> T as() const
    {
        T value;
        value.parse(m_element);
        return value;
    }

    // An RFC 6120 §8.3 error reply: addresses swapped, type="error", the condition appended.
    Stanza errorReply(const QString &errorType, const QString &condition,
                      const QString &text = {}) const;
    // An empty IQ result for this IQ request.
    Stanza iqResult() const;

private:
    QDomElement m_element;
};

} // namespace flint

// What the room classes (RoomService, Room) share of XEP-0045's wire format: namespaces, the
// mapping of error replies to RoomError, an element builder for QXmpp extensions and data-form
// field values. Internal to the client core.
#pragma once

#include "client/Room.h"
#include "common/Dom.h"

#include <QDomDocument>
#include <QDomElement>
#include <QXmppDataForm.h>
#include <QXmppElement.h>
#include <QXmppStanza.h>

class QXmppError;

namespace flint::muc {

inline const QString MucNs = QStringLiteral("http://jabber.org/protocol/muc");
inline const QString MucUserNs = QStringLiteral("http://jabber.org/protocol/muc#user");
inline const QString MucOwnerNs = QStringLiteral("http://jabber.org/protocol/muc#owner");
inline const QString ConferenceNs = QStringLiteral("jabber:x:conference");
inline const QString PrivateNs = QStringLiteral("jabber:iq:private");
inline const QString BookmarksNs = QStringLiteral("storage:bookmarks");
// The status code of a presence about the receiver's own occupant (XEP-0045 §15.6).
constexpr int SelfPresence = 110;

// The bare JID of `jid`; empty if it is not a JID.
QString bareOf(const QString &jid);
// Errors of a request to the room: moderation, configuration, messages.
RoomError requestErrorFrom(const QXmppStanza::Error &error);
// A failed request: the room's error reply, or no connection.
RoomError errorFrom(const QXmppError &error);
QString fieldText(const QXmppDataForm::Field &field);
bool fieldBool(const QXmppDataForm::Field &field);

// An element to put into a QXmpp stanza as an extension.
class ElementBuilder {
public:
    ElementBuilder(const QString &name, const QString &ns)
        : m_root(m_document.createElementNS(ns, name))
    {
        m_document.appendChild(m_root);
    }
    QDomDocument &document() { return m_document; }
    QDomElement &root() { return m_root; }
    QDomElement add(QDomElement parent, const QString &name, const QString &text = {})
    {
        QDomElement child = m_document.createElementNS(parent.namespaceURI(), name);
        if (!text.isEmpty())
            child.appendChild(m_document.createTextNode(text));
        parent.appendChild(child);
        return child;
    }
    QXmppElement element() const { return QXmppElement(m_root); }

private:
    QDomDocument m_document;
    QDomElement m_root;
};

} // namespace flint::muc

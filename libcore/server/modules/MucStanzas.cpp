#include "MucStanzas.h"

#include "server/C2SSession.h"

using namespace Qt::StringLiterals;

namespace flint::muc {

QDomElement addChild(QDomElement parent, const QString &ns, const QString &name,
                     const QString &text)
{
    QDomDocument document = parent.ownerDocument();
    QDomElement child = document.createElementNS(ns, name);
    if (!text.isEmpty())
        child.appendChild(document.createTextNode(text));
    parent.appendChild(child);
    return child;
}

Stanza newStanza(const QString &name, const QString &type, const Jid &from)
{
    QDomDocument document;
    QDomElement element = document.createElementNS(ClientNs, name);
    if (!type.isEmpty())
        element.setAttribute(u"type"_s, type);
    document.appendChild(element);
    Stanza stanza(element);
    stanza.setFrom(from);
    return stanza;
}

void sendTo(C2SSession *session, Stanza &stanza)
{
    stanza.setTo(session->jid());
    session->send(stanza);
}

QXmppDataForm::Field field(QXmppDataForm::Field::Type type, const QString &key,
                           const QVariant &value, const QString &label,
                           const QList<QPair<QString, QString>> &options)
{
    return QXmppDataForm::Field(type, key, value, false, label, {}, options);
}

} // namespace flint::muc

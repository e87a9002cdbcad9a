// What MucModule's parts (MucModule.cpp, MucModeration.cpp) share of building stanzas: the
// namespaces both use and small DOM helpers. Internal to the server's MUC.
#pragma once

#include "common/Jid.h"
#include "server/Stanza.h"

#include <QDomElement>
#include <QString>
#include <QXmppDataForm.h>

namespace flint {

class C2SSession;

namespace muc {

inline const QString ClientNs = QStringLiteral("jabber:client");
inline const QString MucUserNs = QStringLiteral("http://jabber.org/protocol/muc#user");
inline const QString MucAdminNs = QStringLiteral("http://jabber.org/protocol/muc#admin");
inline const QString MucOwnerNs = QStringLiteral("http://jabber.org/protocol/muc#owner");
// XEP-0045 status code of a presence about the receiver's own occupant.
constexpr int SelfPresenceCode = 110;

// A child element `name` in namespace `ns` with `text`, appended to `parent`.
QDomElement addChild(QDomElement parent, const QString &ns, const QString &name,
                     const QString &text = {});
// An empty stanza (`name`: message, presence, iq) of `type` from `from`.
Stanza newStanza(const QString &name, const QString &type, const Jid &from);
// A data form field (muc#roomconfig, muc#roominfo).
QXmppDataForm::Field field(QXmppDataForm::Field::Type type, const QString &key,
                           const QVariant &value, const QString &label,
                           const QList<QPair<QString, QString>> &options = {});
// Sends `stanza` to `session`, addressed to it.
void sendTo(C2SSession *session, Stanza &stanza);

} // namespace muc
} // namespace flint

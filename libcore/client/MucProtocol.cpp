#include "MucProtocol.h"

#include "common/Jid.h"

#include <QXmppError.h>

using namespace Qt::StringLiterals;

namespace flint::muc {

QString bareOf(const QString &jid)
{
    const auto parsed = Jid::parse(jid);
    return parsed ? parsed->bareString() : QString();
}

RoomError requestErrorFrom(const QXmppStanza::Error &error)
{
    RoomError result{.kind = RoomError::Other, .detail = error.text()};
    switch (error.condition()) {
    case QXmppStanza::Error::Forbidden:
    case QXmppStanza::Error::NotAllowed:
    case QXmppStanza::Error::NotAuthorized:
    case QXmppStanza::Error::NotAcceptable:
        result.kind = RoomError::NotAllowed;
        break;
    case QXmppStanza::Error::ItemNotFound:
        result.kind = RoomError::NotFound;
        break;
    case QXmppStanza::Error::Conflict:
        result.kind = RoomError::NicknameInUse;
        break;
    case QXmppStanza::Error::ServiceUnavailable:
        result.kind = RoomError::NoService;
        break;
    default:
        break;
    }
    return result;
}

RoomError errorFrom(const QXmppError &error)
{
    if (const auto stanzaError = error.value<QXmppStanza::Error>())
        return requestErrorFrom(*stanzaError);
    return {.kind = RoomError::NotConnected, .detail = error.description};
}

QString fieldText(const QXmppDataForm::Field &field)
{
    return field.value().toString();
}

bool fieldBool(const QXmppDataForm::Field &field)
{
    const QString value = field.value().toString();
    return value == u"1"_s || value.compare(u"true"_s, Qt::CaseInsensitive) == 0;
}

} // namespace flint::muc

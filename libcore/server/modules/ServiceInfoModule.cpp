#include "ServiceInfoModule.h"

#include <QDateTime>
#include <QSysInfo>
#include <QTimeZone>
#include <QXmppEntityTimeIq.h>
#include <QXmppVersionIq.h>

using namespace Qt::StringLiterals;

namespace flint {

ServiceInfoModule::ServiceInfoModule(ServerContext &context) : ServerModule(context)
{
    Router &router = context.router;
    const auto pong = [&router](const StanzaEvent &event) {
        router.sendTo(event.origin, event.stanza.iqResult());
        return true;
    };
    for (const QString &addressee : {u"host"_s, u"self"_s})
        router.addHandler(u"iq-get/%1/urn:xmpp:ping"_s.arg(addressee), pong);

    router.addHandler(u"iq-get/host/jabber:iq:version"_s, [&router](const StanzaEvent &event) {
        QXmppVersionIq version;
        version.setType(QXmppIq::Result);
        version.setId(event.stanza.id());
        version.setTo(event.stanza.from().toString());
        version.setFrom(event.stanza.to().toString());
        version.setName(u"Flint"_s);
        version.setVersion(QStringLiteral(FLINT_VERSION));
        version.setOs(QSysInfo::prettyProductName());
        router.sendTo(event.origin, Stanza::fromQXmpp(version));
        return true;
    });

    router.addHandler(u"iq-get/host/urn:xmpp:time"_s, [&router](const StanzaEvent &event) {
        QXmppEntityTimeIq time;
        time.setType(QXmppIq::Result);
        time.setId(event.stanza.id());
        time.setTo(event.stanza.from().toString());
        time.setFrom(event.stanza.to().toString());
        const QDateTime now = QDateTime::currentDateTime();
        time.setUtc(now.toUTC());
        time.setTzo(now.offsetFromUtc());
        router.sendTo(event.origin, Stanza::fromQXmpp(time));
        return true;
    });

    context.features << u"urn:xmpp:ping"_s << u"jabber:iq:version"_s << u"urn:xmpp:time"_s;
}

} // namespace flint

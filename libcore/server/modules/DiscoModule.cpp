#include "DiscoModule.h"

#include "server/AccountStore.h"
#include "server/C2SSession.h"

#include <QXmppDiscoveryIq.h>

using namespace Qt::StringLiterals;

namespace flint {
namespace {

const QString InfoNs = u"http://jabber.org/protocol/disco#info"_s;
const QString ItemsNs = u"http://jabber.org/protocol/disco#items"_s;

QXmppDiscoveryIq replyTo(const Stanza &request, QXmppDiscoveryIq::QueryType type)
{
    QXmppDiscoveryIq reply;
    reply.setType(QXmppIq::Result);
    reply.setId(request.id());
    reply.setTo(request.from().toString());
    reply.setFrom(request.element().attribute(u"to"_s));
    reply.setQueryType(type);
    reply.setQueryNode(request.payload().attribute(u"node"_s));
    return reply;
}

QXmppDiscoveryIq::Identity identity(const QString &category, const QString &type,
                                    const QString &name)
{
    QXmppDiscoveryIq::Identity identity;
    identity.setCategory(category);
    identity.setType(type);
    identity.setName(name);
    return identity;
}

} // namespace

DiscoModule::DiscoModule(ServerContext &context) : ServerModule(context)
{
    Router &router = context.router;
    context.features << InfoNs << ItemsNs;

    router.addHandler(u"iq-get/host/"_s + InfoNs, [this](const StanzaEvent &event) {
        if (!event.stanza.payload().attribute(u"node"_s).isEmpty()) {
            m_context.router.bounce(event.stanza, u"cancel"_s, u"item-not-found"_s);
            return true;
        }
        QXmppDiscoveryIq reply = replyTo(event.stanza, QXmppDiscoveryIq::InfoQuery);
        reply.setIdentities({identity(u"server"_s, u"im"_s, u"Flint"_s)});
        QStringList features = m_context.features;
        features.removeDuplicates();
        features.sort();
        reply.setFeatures(features);
        m_context.router.sendTo(event.origin, Stanza::fromQXmpp(reply));
        return true;
    });
    router.addHandler(u"iq-get/host/"_s + ItemsNs, [this](const StanzaEvent &event) {
        QXmppDiscoveryIq reply = replyTo(event.stanza, QXmppDiscoveryIq::ItemsQuery);
        QList<QXmppDiscoveryIq::Item> items;
        for (const HostedService &service : m_context.services) {
            QXmppDiscoveryIq::Item item;
            item.setJid(service.domain);
            item.setName(service.name);
            items << item;
        }
        reply.setItems(items);
        m_context.router.sendTo(event.origin, Stanza::fromQXmpp(reply));
        return true;
    });

    // Each hosted service's own domain; JIDs at it (rooms, …) are left to its module.
    for (const HostedService &service : context.services) {
        const QString event = u"iq-get/service/"_s + service.domain + u'/';
        router.addHandler(event + InfoNs, [this, service](const StanzaEvent &event) {
            if (!event.stanza.to().isDomain())
                return false;
            QXmppDiscoveryIq reply = replyTo(event.stanza, QXmppDiscoveryIq::InfoQuery);
            reply.setIdentities({identity(service.category, service.type, service.name)});
            QStringList features = service.features;
            features << InfoNs;
            features.removeDuplicates();
            features.sort();
            reply.setFeatures(features);
            if (!service.extendedInfo.isNull())
                reply.setForm(service.extendedInfo);
            m_context.router.sendTo(event.origin, Stanza::fromQXmpp(reply));
            return true;
        });
    }

    // A user's bare JID: an account identity, answered to anyone on this server.
    router.addHandler(u"iq-get/bare/"_s + InfoNs, [this](const StanzaEvent &event) {
        const Jid to = event.stanza.to().isNull() ? event.origin->jid().bare() : event.stanza.to();
        if (!m_context.accounts.exists(to.local())) {
            m_context.router.bounce(event.stanza, u"cancel"_s, u"service-unavailable"_s);
            return true;
        }
        QXmppDiscoveryIq reply = replyTo(event.stanza, QXmppDiscoveryIq::InfoQuery);
        reply.setIdentities({identity(u"account"_s, u"registered"_s, QString())});
        QStringList features = m_context.userFeatures;
        features << InfoNs;
        features.removeDuplicates();
        features.sort();
        reply.setFeatures(features);
        m_context.router.sendTo(event.origin, Stanza::fromQXmpp(reply));
        return true;
    });
    router.addHandler(u"iq-get/bare/"_s + ItemsNs, [this](const StanzaEvent &event) {
        m_context.router.sendTo(
            event.origin, Stanza::fromQXmpp(replyTo(event.stanza, QXmppDiscoveryIq::ItemsQuery)));
        return true;
    });
}

} // namespace flint

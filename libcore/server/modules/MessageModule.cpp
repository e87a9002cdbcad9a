#include "MessageModule.h"

#include "common/Logging.h"
#include "server/AccountStore.h"
#include "server/C2SSession.h"
#include "server/modules/OfflineModule.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace flint {
namespace {

enum class MessageType { Normal, Chat, Groupchat, Headline, Error };

// RFC 6121 §5.2.2: a missing or unknown type is treated as "normal".
MessageType messageType(const Stanza &message)
{
    const QString type = message.type();
    if (type == u"chat"_s)
        return MessageType::Chat;
    if (type == u"groupchat"_s)
        return MessageType::Groupchat;
    if (type == u"headline"_s)
        return MessageType::Headline;
    if (type == u"error"_s)
        return MessageType::Error;
    return MessageType::Normal;
}

QList<C2SSession *> nonNegativeResources(const QList<C2SSession *> &sessions)
{
    QList<C2SSession *> resources;
    for (C2SSession *session : sessions) {
        if (session->isAvailable() && session->priority() >= 0)
            resources.append(session);
    }
    return resources;
}

// The "most available" resources of RFC 6121 §8.5.2.1.1: those sharing the highest
// non-negative priority.
QList<C2SSession *> mostAvailableResources(const QList<C2SSession *> &sessions)
{
    QList<C2SSession *> resources = nonNegativeResources(sessions);
    if (resources.isEmpty())
        return resources;
    const int highest =
        (*std::ranges::max_element(resources, {}, &C2SSession::priority))->priority();
    resources.removeIf(
        [highest](const C2SSession *session) { return session->priority() != highest; });
    return resources;
}

} // namespace

MessageModule::MessageModule(ServerContext &context, OfflineModule &offline)
    : ServerModule(context), m_offline(offline)
{
    Router &router = context.router;
    router.addHandler(u"message/bare"_s, [this](const StanzaEvent &event) {
        Stanza message = event.stanza;
        // A message without `to` is addressed to the sender's own bare JID.
        if (message.to().isNull() && event.origin) {
            message = message.clone();
            message.setTo(event.origin->jid().bare());
        }
        Q_EMIT messageRouted(message, event.origin, routeToBare(message));
        return true;
    });
    router.addHandler(u"message/full"_s, [this](const StanzaEvent &event) {
        Q_EMIT messageRouted(event.stanza, event.origin, routeToFull(event.stanza));
        return true;
    });
    router.addHandler(u"message/host"_s, [this](const StanzaEvent &event) {
        routeToHost(event.stanza);
        return true;
    });
}

// RFC 6121 §8.5.2: to localpart@domainpart.
QList<C2SSession *> MessageModule::routeToBare(const Stanza &message)
{
    const MessageType type = messageType(message);
    if (type == MessageType::Error)
        return {};
    const Jid to = message.to();
    const QList<C2SSession *> sessions = m_context.router.sessions(to);
    if (sessions.isEmpty() && !m_context.accounts.exists(to.local())) {
        // §8.5.1: no such account.
        if (type != MessageType::Headline)
            m_context.router.bounce(message, u"cancel"_s, u"service-unavailable"_s);
        return {};
    }
    if (type == MessageType::Groupchat) {
        m_context.router.bounce(message, u"cancel"_s, u"service-unavailable"_s);
        return {};
    }
    const QList<C2SSession *> targets = type == MessageType::Headline
                                            ? nonNegativeResources(sessions)
                                            : mostAvailableResources(sessions);
    for (C2SSession *target : targets)
        m_context.router.sendTo(target, message);
    if (targets.isEmpty() && type != MessageType::Headline)
        m_offline.store(message);
    return targets;
}

// RFC 6121 §8.5.3: to localpart@domainpart/resourcepart.
QList<C2SSession *> MessageModule::routeToFull(const Stanza &message)
{
    // §8.5.3.1: a bound resource gets it even before its initial presence.
    if (C2SSession *target = m_context.router.session(message.to())) {
        m_context.router.sendTo(target, message);
        return {target};
    }
    // §8.5.3.2.1: chat and normal messages fall back to the bare JID's rules, as in Prosody
    // (normal ones carry e.g. file links that must reach the user later).
    switch (messageType(message)) {
    case MessageType::Chat:
    case MessageType::Normal:
        return routeToBare(message);
    case MessageType::Groupchat:
        m_context.router.bounce(message, u"cancel"_s, u"service-unavailable"_s);
        return {};
    case MessageType::Headline:
    case MessageType::Error:
        return {};
    }
    return {};
}

// Messages to the server itself: nothing here consumes them (RFC 6120 §8.3.3.19).
void MessageModule::routeToHost(const Stanza &message)
{
    const MessageType type = messageType(message);
    if (type == MessageType::Error || type == MessageType::Headline) {
        qCDebug(lcRouter) << "dropped a message to the server from" << message.from().toString();
        return;
    }
    m_context.router.bounce(message, u"cancel"_s, u"service-unavailable"_s);
}

} // namespace flint

#include "PresenceModule.h"

#include "common/Logging.h"
#include "server/AccountStore.h"
#include "server/C2SSession.h"
#include "server/modules/RosterModule.h"

using namespace Qt::StringLiterals;

namespace flint {
namespace {

const QString ClientNs = u"jabber:client"_s;
const QString Subscribe = u"subscribe"_s;
const QString Subscribed = u"subscribed"_s;
const QString Unsubscribe = u"unsubscribe"_s;
const QString Unsubscribed = u"unsubscribed"_s;
const QString Unavailable = u"unavailable"_s;

bool isSubscriptionType(const QString &type)
{
    return type == Subscribe || type == Subscribed || type == Unsubscribe || type == Unsubscribed;
}

Stanza makePresence(const QString &type, const Jid &from, const Jid &to)
{
    QDomDocument document;
    QDomElement presence = document.createElementNS(ClientNs, u"presence"_s);
    if (!type.isEmpty())
        presence.setAttribute(u"type"_s, type);
    document.appendChild(presence);
    Stanza stanza(presence);
    stanza.setFrom(from);
    stanza.setTo(to);
    return stanza;
}

Stanza addressed(const Stanza &presence, const Jid &from, const Jid &to)
{
    Stanza copy = presence.clone();
    copy.setFrom(from);
    copy.setTo(to);
    return copy;
}

// RFC 6121 §4.7.2.3: an integer from -128 to 127, zero when absent or invalid.
int priorityOf(const Stanza &presence)
{
    bool ok = false;
    const int priority = presence.child(u"priority"_s, ClientNs).text().trimmed().toInt(&ok);
    return ok ? qBound(-128, priority, 127) : 0;
}

} // namespace

PresenceModule::PresenceModule(ServerContext &context, RosterModule &roster)
    : ServerModule(context), m_roster(roster), m_store(context.database)
{
    Router &router = context.router;
    router.addHandler(u"presence/self"_s,
                      [this](const StanzaEvent &event) { return handleBroadcast(event); });
    for (const QString &addressee : {u"bare"_s, u"full"_s})
        router.addHandler(u"presence/"_s + addressee,
                          [this](const StanzaEvent &event) { return handleAddressed(event); });

    connect(&router, &Router::sessionAvailable, this, [this](C2SSession *session) {
        // RFC 6121 §3.1.3: unanswered requests are presented again at each initial presence.
        const QList<Stanza> requests = m_store.pending(session->username());
        for (const Stanza &request : requests)
            session->send(request);
    });
    connect(&router, &Router::sessionUnbound, this, [this](C2SSession *session) {
        m_announced.remove(session);
        if (session->isAvailable())
            setUnavailable(session, makePresence(Unavailable, session->jid(), Jid()));
        m_directed.remove(session);
    });
    connect(&roster, &RosterModule::itemRemoved, this, &PresenceModule::onItemRemoved);
    connect(&context.accounts, &AccountStore::accountRemoved, this,
            [this](const QString &username) { m_store.removeUser(username); });
}

bool PresenceModule::handleBroadcast(const StanzaEvent &event)
{
    C2SSession *session = event.origin;
    if (!session)
        return false;
    const QString type = event.stanza.type();
    if (type.isEmpty())
        setAvailable(session, event.stanza);
    else if (type == Unavailable)
        setUnavailable(session, event.stanza);
    else if (type == u"probe"_s)
        answerProbe(session->jid(), session->jid().bare());
    // Subscription requests to one's own account and errors without an addressee mean nothing.
    return true;
}

bool PresenceModule::handleAddressed(const StanzaEvent &event)
{
    const Stanza &presence = event.stanza;
    const QString type = presence.type();
    if (isSubscriptionType(type)) {
        if (event.origin)
            outboundSubscription(event.origin, presence);
        else
            inboundSubscription(presence);
    } else if (type == u"probe"_s) {
        answerProbe(presence.from(), presence.to().bare());
    } else if (type == u"error"_s) {
        // Errors go back to the resource that caused them; there is no one to tell otherwise.
        if (!presence.to().isBare())
            m_context.router.deliverToFull(presence);
    } else if (type.isEmpty() || type == Unavailable) {
        if (event.origin)
            rememberDirected(event.origin, presence);
        deliver(presence);
    }
    return true;
}

void PresenceModule::setAvailable(C2SSession *session, const Stanza &presence)
{
    const bool initial = !session->isAvailable();
    const Stanza stored = addressed(presence, session->jid(), Jid());
    session->setPresence(stored, true, priorityOf(stored));
    broadcast(session, stored);

    if (initial) {
        // RFC 6121 §4.2.2: the new resource learns whom it may see, and its own other resources.
        const QList<RosterItem> items = m_roster.items(session->username());
        for (const RosterItem &item : items) {
            if (!item.hasTo())
                continue;
            const Jid contact = Jid::parse(item.jid).value_or(Jid());
            if (m_context.router.isLocal(contact))
                answerProbe(session->jid(), contact);
            else
                m_context.router.route(makePresence(u"probe"_s, session->jid().bare(), contact));
        }
        for (C2SSession *other : availableSessions(session->jid().bare())) {
            if (other != session)
                session->send(addressed(other->presence(), other->jid(), session->jid()));
        }
    }
    if (!m_announced.contains(session)) {
        m_announced.insert(session);
        qCDebug(lcPresence) << session->jid().toString() << "is available";
        m_context.router.announceAvailable(session);
    }
}

void PresenceModule::setUnavailable(C2SSession *session, const Stanza &presence)
{
    const Stanza stored = addressed(presence, session->jid(), Jid());
    const bool wasAvailable = session->isAvailable();
    session->setPresence(stored, false, 0);
    if (wasAvailable)
        broadcast(session, stored);
    const QSet<Jid> targets = m_directed.take(session);
    for (const Jid &target : targets)
        m_context.router.route(addressed(stored, session->jid(), target));
    qCDebug(lcPresence) << session->jid().toString() << "is unavailable";
}

void PresenceModule::broadcast(C2SSession *session, const Stanza &presence)
{
    const Jid user = session->jid();
    const QList<RosterItem> items = m_roster.items(session->username());
    for (const RosterItem &item : items) {
        if (item.hasFrom())
            m_context.router.route(addressed(presence, user, Jid::parse(item.jid).value_or(Jid())));
    }
    for (C2SSession *own : availableSessions(user.bare()))
        own->send(addressed(presence, user, own->jid()));
}

void PresenceModule::rememberDirected(C2SSession *session, const Stanza &presence)
{
    const Jid target = presence.to();
    if (target.bare() == session->jid().bare())
        return;
    if (presence.type() == Unavailable) {
        m_directed[session].remove(target);
        return;
    }
    // Subscribers hear of the session's end through the broadcast anyway.
    const auto item = m_roster.item(session->username(), target.bareString());
    if (!item || !item->hasFrom())
        m_directed[session].insert(target);
}

void PresenceModule::outboundSubscription(C2SSession *session, const Stanza &presence)
{
    const QString type = presence.type();
    const QString username = session->username();
    const Jid user = session->jid().bare();
    const Jid contact = presence.to().bare();
    if (contact == user)
        return;
    // RFC 6121 §3: the user's server stamps the bare JID and updates the user's roster first.
    const Stanza stamped = addressed(presence, user, contact);
    auto item = m_roster.item(username, contact.toString());
    Router &router = m_context.router;

    if (type == Subscribe) {
        if (!item || (!item->hasTo() && !item->askSubscribe)) {
            RosterItem updated = item.value_or(RosterItem{.jid = contact.toString()});
            updated.askSubscribe = true;
            m_roster.updateItem(username, updated);
        }
        router.route(stamped);
    } else if (type == Unsubscribe) {
        if (item && (item->hasTo() || item->askSubscribe)) {
            item->setTo(false);
            item->askSubscribe = false;
            m_roster.updateItem(username, *item);
        }
        router.route(stamped);
    } else if (type == Subscribed) {
        // Only an approval of a pending request counts (pre-approval is not offered).
        if (!m_store.takePending(username, contact.toString()))
            return;
        if (!item || !item->hasFrom()) {
            RosterItem updated = item.value_or(RosterItem{.jid = contact.toString()});
            updated.setFrom(true);
            m_roster.updateItem(username, updated);
        }
        qCInfo(lcPresence) << username << "approved the subscription of" << contact.toString();
        router.route(stamped);
        sendCurrentPresence(user, contact);
    } else {
        const bool wasPending = m_store.takePending(username, contact.toString());
        const bool wasFrom = item && item->hasFrom();
        if (wasFrom) {
            item->setFrom(false);
            m_roster.updateItem(username, *item);
        }
        if (wasFrom || wasPending)
            router.route(stamped);
        if (wasFrom)
            sendUnavailable(user, contact);
    }
}

void PresenceModule::inboundSubscription(const Stanza &presence)
{
    const QString type = presence.type();
    const Jid from = presence.from().bare();
    const Jid to = presence.to().bare();
    if (from.isNull() || to.local().isEmpty() || from == to)
        return;
    const QString username = to.local();
    if (!m_context.accounts.exists(username)) {
        // RFC 6121 §3.1.3: a request to no one is answered as a denial.
        if (type == Subscribe)
            m_context.router.route(makePresence(Unsubscribed, to, from));
        return;
    }
    const Stanza delivered = addressed(presence, from, to);
    auto item = m_roster.item(username, from.toString());

    if (type == Subscribe) {
        if (item && item->hasFrom()) {
            m_context.router.route(makePresence(Subscribed, to, from));
            return;
        }
        m_store.addPending(username, from.toString(), delivered);
        deliver(delivered);
    } else if (type == Subscribed) {
        if (!item || !item->askSubscribe)
            return;
        item->askSubscribe = false;
        item->setTo(true);
        m_roster.updateItem(username, *item);
        deliver(delivered);
    } else if (type == Unsubscribe) {
        const bool wasPending = m_store.takePending(username, from.toString());
        const bool wasFrom = item && item->hasFrom();
        if (wasFrom) {
            item->setFrom(false);
            m_roster.updateItem(username, *item);
        }
        if (wasFrom || wasPending)
            deliver(delivered);
        if (wasFrom)
            sendUnavailable(to, from);
    } else {
        if (!item || !(item->hasTo() || item->askSubscribe))
            return;
        item->setTo(false);
        item->askSubscribe = false;
        m_roster.updateItem(username, *item);
        deliver(delivered);
    }
}

void PresenceModule::onItemRemoved(const QString &username, const RosterItem &item)
{
    // RFC 6121 §2.5.3: removing a contact cancels the subscriptions in both directions.
    const Jid user = userJid(username);
    const Jid contact = Jid::parse(item.jid).value_or(Jid());
    if (item.hasTo() || item.askSubscribe)
        m_context.router.route(makePresence(Unsubscribe, user, contact));
    const bool wasPending = m_store.takePending(username, item.jid);
    if (item.hasFrom() || wasPending)
        m_context.router.route(makePresence(Unsubscribed, user, contact));
    if (item.hasFrom())
        sendUnavailable(user, contact);
}

void PresenceModule::answerProbe(const Jid &prober, const Jid &target)
{
    if (prober.isNull() || target.local().isEmpty() || !m_context.router.isLocal(target))
        return;
    if (prober.bare() != target) {
        const auto item = m_roster.item(target.local(), prober.bareString());
        if (!item || !item->hasFrom())
            return;
    }
    for (C2SSession *session : availableSessions(target))
        m_context.router.route(addressed(session->presence(), session->jid(), prober));
}

void PresenceModule::sendCurrentPresence(const Jid &user, const Jid &contact)
{
    for (C2SSession *session : availableSessions(user))
        m_context.router.route(addressed(session->presence(), session->jid(), contact));
}

void PresenceModule::sendUnavailable(const Jid &user, const Jid &contact)
{
    for (C2SSession *session : availableSessions(user))
        m_context.router.route(makePresence(Unavailable, session->jid(), contact));
}

void PresenceModule::deliver(const Stanza &presence) const
{
    const Jid to = presence.to();
    if (!to.isBare()) {
        m_context.router.deliverToFull(presence);
        return;
    }
    for (C2SSession *session : availableSessions(to))
        session->send(presence);
}

QList<C2SSession *> PresenceModule::availableSessions(const Jid &bareJid) const
{
    QList<C2SSession *> available = m_context.router.sessions(bareJid);
    available.removeIf([](const C2SSession *session) { return !session->isAvailable(); });
    return available;
}

Jid PresenceModule::userJid(const QString &username) const
{
    return Jid::parse(username + u'@' + m_context.router.domain()).value_or(Jid());
}

} // namespace flint

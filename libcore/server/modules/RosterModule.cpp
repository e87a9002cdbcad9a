#include "RosterModule.h"

#include "common/Logging.h"
#include "server/AccountStore.h"
#include "server/C2SSession.h"

#include <QXmppRosterIq.h>

using namespace Qt::StringLiterals;

namespace flint {
namespace {

const QString RosterNs = u"jabber:iq:roster"_s;
// Storage keys are VARCHAR(255) on MariaDB; names are free text but kept to a sane size.
constexpr int MaxJidLength = 255;
constexpr int MaxGroupLength = 255;
constexpr int MaxNameLength = 1023;

QXmppRosterIq::Item::SubscriptionType subscriptionType(RosterItem::Subscription subscription)
{
    switch (subscription) {
    case RosterItem::Subscription::To:
        return QXmppRosterIq::Item::To;
    case RosterItem::Subscription::From:
        return QXmppRosterIq::Item::From;
    case RosterItem::Subscription::Both:
        return QXmppRosterIq::Item::Both;
    case RosterItem::Subscription::None:
        break;
    }
    return QXmppRosterIq::Item::None;
}

QXmppRosterIq::Item toQXmpp(const RosterItem &item, bool removed)
{
    QXmppRosterIq::Item result;
    result.setBareJid(item.jid);
    if (removed) {
        result.setSubscriptionType(QXmppRosterIq::Item::Remove);
        return result;
    }
    result.setName(item.name);
    result.setGroups({item.groups.cbegin(), item.groups.cend()});
    result.setSubscriptionType(subscriptionType(item.subscription));
    if (item.askSubscribe)
        result.setSubscriptionStatus(u"subscribe"_s);
    return result;
}

// What a client asked for in a roster set, or the error condition that rejects it.
struct RosterSetRequest {
    RosterItem item;
    bool remove = false;
    QString errorCondition;
    QString errorText;
};

RosterSetRequest parseSet(const Stanza &iq)
{
    const auto reject = [](const QString &condition, const QString &text) {
        return RosterSetRequest{{}, false, condition, text};
    };
    const QDomElement query = iq.payload();
    const QDomElement element = query.firstChildElement(u"item"_s);
    if (element.isNull() || !element.nextSiblingElement(u"item"_s).isNull())
        return reject(u"bad-request"_s, u"A roster set carries exactly one item"_s);
    const auto jid = Jid::parse(element.attribute(u"jid"_s));
    if (!jid || !jid->isBare())
        return reject(u"bad-request"_s, u"The item needs a valid bare JID"_s);
    if (jid->toString().size() > MaxJidLength)
        return reject(u"not-acceptable"_s, u"The JID is too long"_s);

    RosterSetRequest request;
    request.item.jid = jid->toString();
    if (element.attribute(u"subscription"_s) == u"remove"_s) {
        request.remove = true;
        return request;
    }
    if (element.hasAttribute(u"name"_s)) {
        request.item.name = element.attribute(u"name"_s);
        if (request.item.name.trimmed().isEmpty() || request.item.name.size() > MaxNameLength)
            return reject(u"not-acceptable"_s, u"The item name is empty or too long"_s);
    }
    for (QDomElement group = element.firstChildElement(u"group"_s); !group.isNull();
         group = group.nextSiblingElement(u"group"_s)) {
        const QString name = group.text();
        if (name.trimmed().isEmpty() || name.size() > MaxGroupLength)
            return reject(u"not-acceptable"_s, u"A group name is empty or too long"_s);
        if (request.item.groups.contains(name))
            return reject(u"bad-request"_s, u"A group is listed twice"_s);
        request.item.groups << name;
    }
    return request;
}

} // namespace

RosterModule::RosterModule(ServerContext &context)
    : ServerModule(context), m_store(context.database)
{
    context.router.addHandler(u"iq-get/self/"_s + RosterNs,
                              [this](const StanzaEvent &event) { return handleGet(event); });
    context.router.addHandler(u"iq-set/self/"_s + RosterNs,
                              [this](const StanzaEvent &event) { return handleSet(event); });
    connect(&context.accounts, &AccountStore::accountRemoved, this,
            [this](const QString &username) { m_store.removeUser(username); });
}

std::optional<RosterItem> RosterModule::item(const QString &username, const QString &contact) const
{
    return m_store.item(username, contact);
}

QList<RosterItem> RosterModule::items(const QString &username) const
{
    return m_store.items(username);
}

bool RosterModule::updateItem(const QString &username, const RosterItem &item)
{
    const auto version = m_store.save(username, item);
    if (!version)
        return false;
    push(username, item, *version, false);
    return true;
}

bool RosterModule::handleGet(const StanzaEvent &event)
{
    C2SSession *session = event.origin;
    if (!session)
        return false;
    const QString username = session->username();
    session->setInterested(true);

    const QDomElement query = event.stanza.payload();
    const QString version = QString::number(m_store.version(username));
    if (query.hasAttribute(u"ver"_s) && query.attribute(u"ver"_s) == version) {
        // XEP-0237: the client's copy is current; changes follow as pushes.
        session->send(event.stanza.iqResult());
        return true;
    }
    QXmppRosterIq reply;
    reply.setType(QXmppIq::Result);
    reply.setId(event.stanza.id());
    reply.setTo(event.stanza.from().toString());
    if (query.hasAttribute(u"ver"_s))
        reply.setVersion(version);
    const QList<RosterItem> items = m_store.items(username);
    for (const RosterItem &item : items)
        reply.addItem(toQXmpp(item, false));
    session->send(Stanza::fromQXmpp(reply));
    return true;
}

bool RosterModule::handleSet(const StanzaEvent &event)
{
    C2SSession *session = event.origin;
    if (!session)
        return false;
    const QString username = session->username();
    Router &router = m_context.router;
    RosterSetRequest request = parseSet(event.stanza);
    if (!request.errorCondition.isEmpty()) {
        router.bounce(event.stanza, u"modify"_s, request.errorCondition, request.errorText);
        return true;
    }
    const auto existing = m_store.item(username, request.item.jid);

    if (request.remove) {
        if (!existing) {
            router.bounce(event.stanza, u"cancel"_s, u"item-not-found"_s,
                          u"The contact is not in the roster"_s);
            return true;
        }
        const auto version = m_store.remove(username, request.item.jid);
        if (!version) {
            router.bounce(event.stanza, u"wait"_s, u"internal-server-error"_s);
            return true;
        }
        qCInfo(lcRoster) << username << "removed" << request.item.jid;
        push(username, *existing, *version, true);
        session->send(event.stanza.iqResult());
        Q_EMIT itemRemoved(username, *existing);
        return true;
    }

    // Flow E: a contact on this server must be an existing account.
    const Jid contact = Jid::parse(request.item.jid).value_or(Jid());
    if (!existing && router.isLocal(contact) && !contact.local().isEmpty() &&
        !m_context.accounts.exists(contact.local())) {
        router.bounce(event.stanza, u"cancel"_s, u"item-not-found"_s,
                      u"There is no user %1 on this server"_s.arg(request.item.jid));
        return true;
    }
    RosterItem item = request.item;
    if (existing) {
        item.subscription = existing->subscription;
        item.askSubscribe = existing->askSubscribe;
    }
    if (!updateItem(username, item)) {
        router.bounce(event.stanza, u"wait"_s, u"internal-server-error"_s);
        return true;
    }
    qCDebug(lcRoster) << username << (existing ? "updated" : "added") << item.jid;
    session->send(event.stanza.iqResult());
    return true;
}

void RosterModule::push(const QString &username, const RosterItem &item, qint64 version,
                        bool removed)
{
    const Jid bare = Jid::parse(username + u'@' + m_context.router.domain()).value_or(Jid());
    const QList<C2SSession *> sessions = m_context.router.sessions(bare);
    for (C2SSession *session : sessions) {
        if (!session->isInterested())
            continue;
        QXmppRosterIq iq;
        iq.setType(QXmppIq::Set);
        iq.setId(u"push-%1"_s.arg(++m_pushCounter));
        iq.setTo(session->jid().toString());
        iq.setVersion(QString::number(version));
        iq.addItem(toQXmpp(item, removed));
        session->send(Stanza::fromQXmpp(iq));
    }
}

} // namespace flint

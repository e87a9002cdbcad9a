#include "RosterManager.h"

#include "client/AccountSession.h"
#include "client/RosterModel.h"
#include "client/SubscriptionRequestModel.h"
#include "common/Jid.h"
#include "common/Logging.h"

#include <QCoreApplication>
#include <QXmppClient.h>
#include <QXmppRosterIq.h>
#include <QXmppRosterManager.h>
#include <QXmppTask.h>
#include <QXmppUtils.h>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace flint {
namespace {

RosterContact::Subscription subscriptionOf(QXmppRosterIq::Item::SubscriptionType type)
{
    switch (type) {
    case QXmppRosterIq::Item::To:
        return RosterContact::To;
    case QXmppRosterIq::Item::From:
        return RosterContact::From;
    case QXmppRosterIq::Item::Both:
        return RosterContact::Both;
    case QXmppRosterIq::Item::None:
    case QXmppRosterIq::Item::Remove:
    case QXmppRosterIq::Item::NotSet:
        break;
    }
    return RosterContact::NoSubscription;
}

bool hasTo(const QXmppRosterIq::Item &item)
{
    return item.subscriptionType() == QXmppRosterIq::Item::To ||
           item.subscriptionType() == QXmppRosterIq::Item::Both;
}

bool hasFrom(const QXmppRosterIq::Item &item)
{
    return item.subscriptionType() == QXmppRosterIq::Item::From ||
           item.subscriptionType() == QXmppRosterIq::Item::Both;
}

bool isAsking(const QXmppRosterIq::Item &item)
{
    return item.subscriptionStatus() == u"subscribe"_s;
}

QStringList sortedGroups(const QSet<QString> &groups)
{
    QStringList sorted(groups.cbegin(), groups.cend());
    sorted.sort();
    return sorted;
}

// XEP-0153: a photo hash announces an avatar, an empty <photo/> its absence; a presence without
// the element says nothing about it.
std::optional<QString> avatarHashOf(const QXmppPresence &presence)
{
    switch (presence.vCardUpdateType()) {
    case QXmppPresence::VCardUpdateValidPhoto:
        return QString::fromLatin1(presence.photoHash().toHex());
    case QXmppPresence::VCardUpdateNoPhoto:
        return QString();
    case QXmppPresence::VCardUpdateNone:
    case QXmppPresence::VCardUpdateNotReady:
        break;
    }
    return std::nullopt;
}

} // namespace

QString describe(const RosterResult &result)
{
    switch (result.kind) {
    case RosterResult::Done:
        switch (result.operation) {
        case RosterResult::AddContact:
            return QCoreApplication::translate(
                "flint::RosterResult", "The contact was added; they will see your request.");
        case RosterResult::RemoveContact:
            return QCoreApplication::translate("flint::RosterResult", "The contact was removed.");
        case RosterResult::RenameContact:
            return QCoreApplication::translate("flint::RosterResult", "The contact was renamed.");
        case RosterResult::SetGroups:
            return QCoreApplication::translate("flint::RosterResult",
                                               "The contact's groups were changed.");
        }
        break;
    case RosterResult::AlreadyInRoster:
        return QCoreApplication::translate("flint::RosterResult",
                                           "This contact is already in your contact list.");
    case RosterResult::NoSuchUser:
        return QCoreApplication::translate("flint::RosterResult",
                                           "There is no such user on the server.");
    case RosterResult::NotInRoster:
        return QCoreApplication::translate("flint::RosterResult",
                                           "This contact is not in your contact list.");
    case RosterResult::InvalidJid:
        return QCoreApplication::translate("flint::RosterResult",
                                           "This is not a valid contact address.");
    case RosterResult::NotConnected:
        return QCoreApplication::translate("flint::RosterResult", "You are not connected.");
    case RosterResult::NotAllowed:
        return QCoreApplication::translate("flint::RosterResult",
                                           "The server did not allow this change.");
    case RosterResult::Failed:
        break;
    }
    return QCoreApplication::translate("flint::RosterResult",
                                       "The contact list could not be changed.");
}

RosterManager::RosterManager(AccountSession &session, QObject *parent)
    : QObject(parent), m_session(session), m_model(new RosterModel(this)),
      m_requests(new SubscriptionRequestModel(this))
{
    QXmppClient &client = session.client();
    m_roster = client.findExtension<QXmppRosterManager>();
    if (!m_roster)
        m_roster = client.addNewExtension<QXmppRosterManager>(&client);

    connect(m_roster, &QXmppRosterManager::rosterReceived, this, &RosterManager::fillModel);
    connect(m_roster, &QXmppRosterManager::itemAdded, this, &RosterManager::updateItem);
    connect(m_roster, &QXmppRosterManager::itemChanged, this, &RosterManager::updateItem);
    connect(m_roster, &QXmppRosterManager::itemRemoved, m_model, &RosterModel::removeContact);
    connect(m_roster, &QXmppRosterManager::presenceChanged, this, &RosterManager::updatePresence);
    connect(m_roster, &QXmppRosterManager::subscriptionRequestReceived, this,
            &RosterManager::handleSubscriptionRequest);
    connect(&client, &QXmppClient::presenceReceived, this, &RosterManager::handlePresence);
    connect(&client, &QXmppClient::connected, this, [this] {
        if (m_session.client().streamManagementState() == QXmppClient::ResumedStream)
            return;
        // A new session: the server presents pending requests and presences again after the
        // initial presence, which QXmppClient sends only once this signal has been handled.
        m_requests->clear();
        m_model->clearPresences();
    });
    connect(&session, &AccountSession::stateChanged, this, [this](AccountSession::State state) {
        if (state == AccountSession::Disconnected)
            m_model->clearPresences();
    });
}

RosterManager::~RosterManager() = default;

bool RosterManager::isRosterReceived() const
{
    return m_roster->isRosterReceived();
}

std::optional<QString> RosterManager::checkedJid(RosterResult::Operation operation,
                                                 const QString &jid)
{
    const auto parsed = Jid::parse(jid.trimmed());
    if (!parsed || !parsed->isBare() ||
        parsed->toString() == m_session.client().configuration().jidBare()) {
        finishLater({operation, jid, RosterResult::InvalidJid, {}});
        return std::nullopt;
    }
    if (!m_session.client().isConnected() || !m_roster->isRosterReceived()) {
        finishLater({operation, parsed->toString(), RosterResult::NotConnected, {}});
        return std::nullopt;
    }
    return parsed->toString();
}

void RosterManager::finish(const RosterResult &result)
{
    qCInfo(lcClientRoster) << result.operation << result.jid << result.kind << result.detail;
    Q_EMIT operationFinished(result);
}

void RosterManager::finishLater(const RosterResult &result)
{
    // Results always arrive from the event loop, never inside the call that asked for them.
    QMetaObject::invokeMethod(
        this, [this, result] { finish(result); }, Qt::QueuedConnection);
}

RosterResult RosterManager::resultOf(RosterResult::Operation operation, const QString &jid,
                                     const QXmppError &error) const
{
    const auto stanzaError = error.value<QXmppStanza::Error>();
    if (!stanzaError)
        return {operation, jid, RosterResult::Failed, error.description};
    using Condition = QXmppStanza::Error::Condition;
    switch (stanzaError->condition()) {
    case Condition::ItemNotFound:
        return {operation, jid,
                operation == RosterResult::AddContact ? RosterResult::NoSuchUser
                                                      : RosterResult::NotInRoster,
                stanzaError->text()};
    case Condition::Forbidden:
    case Condition::NotAllowed:
    case Condition::NotAcceptable:
    case Condition::BadRequest:
    case Condition::JidMalformed:
    case Condition::PolicyViolation:
    case Condition::NotAuthorized:
    case Condition::ResourceConstraint:
        return {operation, jid, RosterResult::NotAllowed, stanzaError->text()};
    default:
        break;
    }
    return {operation, jid, RosterResult::Failed, stanzaError->text()};
}

void RosterManager::addContact(const QString &jid, const QString &name, const QStringList &groups)
{
    const auto contact = checkedJid(RosterResult::AddContact, jid);
    if (!contact)
        return;
    if (m_roster->getRosterBareJids().contains(*contact)) {
        finishLater({RosterResult::AddContact, *contact, RosterResult::AlreadyInRoster, {}});
        return;
    }
    m_roster->addRosterItem(*contact, name, QSet<QString>(groups.cbegin(), groups.cend()))
        .then(this, [this, contact = *contact](QXmppRosterManager::Result &&result) {
            if (const auto *error = std::get_if<QXmppError>(&result)) {
                finish(resultOf(RosterResult::AddContact, contact, *error));
                return;
            }
            m_roster->subscribe(contact);
            finish({RosterResult::AddContact, contact, RosterResult::Done, {}});
        });
}

void RosterManager::removeContact(const QString &jid)
{
    const auto contact = checkedJid(RosterResult::RemoveContact, jid);
    if (!contact)
        return;
    if (!m_roster->getRosterBareJids().contains(*contact)) {
        finishLater({RosterResult::RemoveContact, *contact, RosterResult::NotInRoster, {}});
        return;
    }
    m_roster->removeRosterItem(*contact).then(
        this, [this, contact = *contact](QXmppRosterManager::Result &&result) {
            if (const auto *error = std::get_if<QXmppError>(&result)) {
                finish(resultOf(RosterResult::RemoveContact, contact, *error));
                return;
            }
            m_requests->removeRequest(contact);
            finish({RosterResult::RemoveContact, contact, RosterResult::Done, {}});
        });
}

void RosterManager::renameContact(const QString &jid, const QString &name)
{
    const auto contact = checkedJid(RosterResult::RenameContact, jid);
    if (!contact)
        return;
    const auto item = m_roster->getRosterEntry(*contact);
    sendItemUpdate(RosterResult::RenameContact, *contact, name.trimmed(),
                   sortedGroups(item.groups()));
}

void RosterManager::setGroups(const QString &jid, const QStringList &groups)
{
    const auto contact = checkedJid(RosterResult::SetGroups, jid);
    if (!contact)
        return;
    sendItemUpdate(RosterResult::SetGroups, *contact, m_roster->getRosterEntry(*contact).name(),
                   groups);
}

void RosterManager::sendItemUpdate(RosterResult::Operation operation, const QString &jid,
                                   const QString &name, const QStringList &groups)
{
    if (!m_roster->getRosterBareJids().contains(jid)) {
        finishLater({operation, jid, RosterResult::NotInRoster, {}});
        return;
    }
    // RFC 6121 §2.1.2.5: a roster set carries neither subscription nor ask; the server keeps them.
    QXmppRosterIq::Item item;
    item.setBareJid(jid);
    item.setName(name);
    QSet<QString> groupSet;
    for (const QString &group : groups) {
        if (!group.trimmed().isEmpty())
            groupSet.insert(group.trimmed());
    }
    item.setGroups(groupSet);
    item.setSubscriptionType(QXmppRosterIq::Item::NotSet);
    QXmppRosterIq iq;
    iq.setType(QXmppIq::Set);
    iq.addItem(item);
    m_session.client()
        .sendGenericIq(std::move(iq))
        .then(this, [this, operation, jid](QXmppClient::EmptyResult &&result) {
            if (const auto *error = std::get_if<QXmppError>(&result)) {
                finish(resultOf(operation, jid, *error));
                return;
            }
            finish({operation, jid, RosterResult::Done, {}});
        });
}

void RosterManager::acceptSubscription(const QString &jid)
{
    const QString contact = QXmppUtils::jidToBareJid(jid.trimmed());
    m_requests->removeRequest(contact);
    m_roster->acceptSubscription(contact);
    const auto item = m_roster->getRosterEntry(contact);
    if (!hasTo(item) && !isAsking(item))
        m_roster->subscribe(contact);
}

void RosterManager::denySubscription(const QString &jid)
{
    const QString contact = QXmppUtils::jidToBareJid(jid.trimmed());
    m_requests->removeRequest(contact);
    m_roster->refuseSubscription(contact);
}

void RosterManager::fillModel()
{
    const QStringList jids = m_roster->getRosterBareJids();
    QList<RosterContact> contacts;
    contacts.reserve(jids.size());
    for (const QString &jid : jids) {
        const auto item = m_roster->getRosterEntry(jid);
        RosterContact contact{jid,
                              item.name(),
                              sortedGroups(item.groups()),
                              subscriptionOf(item.subscriptionType()),
                              isAsking(item),
                              {},
                              {}};
        const auto presences = m_roster->getAllPresencesForBareJid(jid);
        for (const QXmppPresence &presence : presences) {
            contact.resources << ResourcePresence::fromPresence(presence);
            if (const auto hash = avatarHashOf(presence); hash && contact.avatarHash.isEmpty())
                contact.avatarHash = *hash;
        }
        contacts << contact;
        if (hasFrom(item))
            m_requests->removeRequest(jid);
    }
    m_model->setContacts(contacts);
    qCInfo(lcClientRoster) << m_session.settings().jid << "roster with" << contacts.size()
                           << "contacts";
    Q_EMIT rosterReceived();
}

void RosterManager::updateItem(const QString &jid)
{
    const auto item = m_roster->getRosterEntry(jid);
    RosterContact contact{jid,
                          item.name(),
                          sortedGroups(item.groups()),
                          subscriptionOf(item.subscriptionType()),
                          isAsking(item),
                          {},
                          {}};
    const bool added = !m_model->contains(jid);
    if (added) {
        const auto presences = m_roster->getAllPresencesForBareJid(jid);
        for (const QXmppPresence &presence : presences)
            contact.resources << ResourcePresence::fromPresence(presence);
    }
    m_model->updateRosterItem(contact);
    // Answered from another of the user's resources.
    if (hasFrom(item))
        m_requests->removeRequest(jid);
}

void RosterManager::updatePresence(const QString &jid, const QString &resource)
{
    if (!m_model->contains(jid))
        return;
    QList<ResourcePresence> resources;
    const auto presences = m_roster->getAllPresencesForBareJid(jid);
    for (const QXmppPresence &presence : presences)
        resources << ResourcePresence::fromPresence(presence);
    m_model->setResources(jid, resources);
    if (const auto hash = avatarHashOf(m_roster->getPresence(jid, resource)))
        m_model->setAvatarHash(jid, *hash);
}

void RosterManager::handleSubscriptionRequest(const QString &jid, const QXmppPresence &presence)
{
    const auto item = m_roster->getRosterEntry(jid);
    if (m_roster->getRosterBareJids().contains(jid) && (hasTo(item) || isAsking(item))) {
        // The user added this contact and asked to see their presence: approving their request
        // in return is what the user meant (pre-approval, RFC 6121 §3.4, done by the client).
        qCInfo(lcClientRoster) << m_session.settings().jid << "approves the request of" << jid;
        m_roster->acceptSubscription(jid);
        return;
    }
    m_requests->addRequest({jid, presence.statusText(), QDateTime::currentDateTimeUtc()});
    Q_EMIT subscriptionRequestReceived(jid, presence.statusText());
}

void RosterManager::handlePresence(const QXmppPresence &presence)
{
    const QString jid = QXmppUtils::jidToBareJid(presence.from());
    if (presence.type() == QXmppPresence::Unsubscribe) {
        // The requester withdrew before the user answered.
        m_requests->removeRequest(jid);
    } else if (presence.type() == QXmppPresence::Unsubscribed) {
        Q_EMIT subscriptionCancelled(jid);
    }
}

} // namespace flint

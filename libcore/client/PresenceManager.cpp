#include "PresenceManager.h"

#include "client/AccountSession.h"
#include "common/Logging.h"

#include <QXmppClient.h>
#include <QXmppPresence.h>
#include <QXmppUtils.h>

#include <algorithm>

namespace flint {
namespace {

PresenceStatus::Availability availabilityOf(QXmppPresence::AvailableStatusType show)
{
    switch (show) {
    case QXmppPresence::Away:
        return PresenceStatus::Away;
    case QXmppPresence::XA:
        return PresenceStatus::ExtendedAway;
    case QXmppPresence::DND:
        return PresenceStatus::DoNotDisturb;
    case QXmppPresence::Chat:
        return PresenceStatus::FreeForChat;
    case QXmppPresence::Online:
    case QXmppPresence::Invisible:
        break;
    }
    return PresenceStatus::Online;
}

QXmppPresence::AvailableStatusType showOf(PresenceStatus::Availability availability)
{
    switch (availability) {
    case PresenceStatus::Away:
        return QXmppPresence::Away;
    case PresenceStatus::ExtendedAway:
        return QXmppPresence::XA;
    case PresenceStatus::DoNotDisturb:
        return QXmppPresence::DND;
    case PresenceStatus::FreeForChat:
        return QXmppPresence::Chat;
    case PresenceStatus::Online:
    case PresenceStatus::Offline:
        break;
    }
    return QXmppPresence::Online;
}

} // namespace

PresenceStatus PresenceStatus::fromPresence(const QXmppPresence &presence)
{
    if (presence.type() != QXmppPresence::Available)
        return {Offline, presence.statusText()};
    return {availabilityOf(presence.availableStatusType()), presence.statusText()};
}

ResourcePresence ResourcePresence::fromPresence(const QXmppPresence &presence)
{
    return {QXmppUtils::jidToResource(presence.from()), PresenceStatus::fromPresence(presence),
            presence.priority()};
}

PresenceManager::PresenceManager(AccountSession &session, QObject *parent)
    : QObject(parent), m_session(session)
{
    QXmppClient &client = session.client();
    connect(&client, &QXmppClient::connected, this, [this] {
        if (m_session.client().streamManagementState() != QXmppClient::ResumedStream &&
            !m_ownResources.isEmpty()) {
            // A new session: the server announces the other resources again.
            m_ownResources.clear();
            Q_EMIT ownResourcesChanged();
        }
    });
    connect(&client, &QXmppClient::presenceReceived, this, &PresenceManager::handlePresence);
}

PresenceManager::~PresenceManager() = default;

bool PresenceManager::setStatus(const PresenceStatus &status)
{
    if (!status.isAvailable())
        return false;
    if (status == m_status)
        return true;
    m_status = status;
    qCDebug(lcClientPresence) << m_session.settings().jid << "status" << status.availability
                              << status.text;
    broadcast();
    Q_EMIT statusChanged(m_status);
    return true;
}

void PresenceManager::setAvatarHash(const QByteArray &sha1)
{
    if (m_avatarHash == sha1)
        return;
    m_avatarHash = sha1;
    broadcast();
}

QXmppPresence PresenceManager::presence() const
{
    QXmppPresence presence(QXmppPresence::Available);
    presence.setAvailableStatusType(showOf(m_status.availability));
    presence.setStatusText(m_status.text);
    if (m_avatarHash) {
        presence.setVCardUpdateType(m_avatarHash->isEmpty() ? QXmppPresence::VCardUpdateNoPhoto
                                                            : QXmppPresence::VCardUpdateValidPhoto);
        presence.setPhotoHash(*m_avatarHash);
    }
    return presence;
}

void PresenceManager::broadcast()
{
    // While disconnected AccountSession keeps it for the next login, so it goes out once.
    m_session.announcePresence(presence());
}

void PresenceManager::handlePresence(const QXmppPresence &presence)
{
    QXmppClient &client = m_session.client();
    const QString ownBare = client.configuration().jidBare();
    const QString from = presence.from();
    if (QXmppUtils::jidToBareJid(from) != ownBare || from == client.configuration().jid())
        return;
    const QString resource = QXmppUtils::jidToResource(from);
    if (resource.isEmpty())
        return;
    const auto existing = std::find_if(m_ownResources.begin(), m_ownResources.end(),
                                       [&](const auto &own) { return own.resource == resource; });
    if (presence.type() == QXmppPresence::Available) {
        const ResourcePresence updated = ResourcePresence::fromPresence(presence);
        if (existing == m_ownResources.end())
            m_ownResources.append(updated);
        else if (*existing != updated)
            *existing = updated;
        else
            return;
    } else if (presence.type() == QXmppPresence::Unavailable && existing != m_ownResources.end()) {
        m_ownResources.erase(existing);
    } else {
        return;
    }
    Q_EMIT ownResourcesChanged();
}

} // namespace flint

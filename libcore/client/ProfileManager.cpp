#include "ProfileManager.h"

#include "client/AccountSession.h"
#include "common/Jid.h"
#include "common/Logging.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMimeDatabase>
#include <QSaveFile>
#include <QTimer>
#include <QUrl>
#include <QXmppClient.h>
#include <QXmppError.h>
#include <QXmppPresence.h>
#include <QXmppSendResult.h>
#include <QXmppTask.h>
#include <QXmppUtils.h>
#include <QXmppVCardIq.h>
#include <QXmppVCardManager.h>

using namespace Qt::StringLiterals;

namespace flint {
namespace {

QString detectedType(const QByteArray &photo)
{
    return photo.isEmpty() ? QString() : QMimeDatabase().mimeTypeForData(photo).name();
}

// The name a card shows: its formatted name, or one put together from its parts.
QString displayName(const QXmppVCardIq &card)
{
    if (!card.fullName().trimmed().isEmpty())
        return card.fullName().trimmed();
    const QString composed =
        QStringList{card.firstName(), card.middleName(), card.lastName()}.join(u' ').simplified();
    return composed.isEmpty() ? card.nickName().trimmed() : composed;
}

Profile profileFrom(const QXmppVCardIq &card)
{
    Profile profile;
    profile.fullName = displayName(card);
    profile.organization = card.organization().organization().trimmed();
    profile.title = card.organization().title().trimmed();
    profile.email = card.email().trimmed();
    profile.phone = card.phones().isEmpty() ? QString() : card.phones().constFirst().number();
    profile.photo = card.photo();
    profile.photoType =
        card.photoType().isEmpty() ? detectedType(profile.photo) : card.photoType().trimmed();
    return profile;
}

// Puts `value` first in a card's list (of emails or phones), replacing the first entry, which
// is the one Profile shows; an empty value removes it. Further entries stay as they were.
template <typename Entry, typename Make>
QList<Entry> withFirst(QList<Entry> entries, const QString &value, Make make)
{
    if (value.isEmpty()) {
        if (!entries.isEmpty())
            entries.removeFirst();
    } else if (entries.isEmpty()) {
        entries.append(make(value));
    } else {
        entries.first() = make(value);
    }
    return entries;
}

QXmppVCardIq cardWith(QXmppVCardIq card, const Profile &profile)
{
    card.setFullName(profile.fullName.trimmed());
    QXmppVCardOrganization organization = card.organization();
    organization.setOrganization(profile.organization.trimmed());
    organization.setTitle(profile.title.trimmed());
    card.setOrganization(organization);
    card.setEmails(withFirst(card.emails(), profile.email.trimmed(), [](const QString &address) {
        QXmppVCardEmail email;
        email.setAddress(address);
        email.setType(QXmppVCardEmail::Type(QXmppVCardEmail::Internet) | QXmppVCardEmail::Work);
        return email;
    }));
    card.setPhones(withFirst(card.phones(), profile.phone.trimmed(), [](const QString &number) {
        QXmppVCardPhone phone;
        phone.setNumber(number);
        phone.setType(QXmppVCardPhone::Type(QXmppVCardPhone::Work) | QXmppVCardPhone::Voice);
        return phone;
    }));
    card.setPhoto(profile.photo);
    card.setPhotoType(profile.photoType.isEmpty() ? detectedType(profile.photo)
                                                  : profile.photoType);
    return card;
}

ProfileResult resultOf(const QXmppError &error)
{
    using Condition = QXmppStanza::Error::Condition;
    if (const auto stanzaError = error.value<QXmppStanza::Error>()) {
        switch (stanzaError->condition()) {
        case Condition::ItemNotFound:
        case Condition::ServiceUnavailable:
        case Condition::RecipientUnavailable:
        case Condition::RemoteServerNotFound:
            return {ProfileResult::NotFound, stanzaError->text()};
        case Condition::Forbidden:
        case Condition::NotAuthorized:
        case Condition::NotAllowed:
        case Condition::SubscriptionRequired:
            return {ProfileResult::Forbidden, stanzaError->text()};
        case Condition::NotAcceptable:
        case Condition::BadRequest:
        case Condition::PolicyViolation:
        case Condition::ResourceConstraint:
            return {ProfileResult::Rejected, stanzaError->text()};
        default:
            return {ProfileResult::Other, stanzaError->text()};
        }
    }
    if (error.holdsType<QXmpp::SendError>())
        return {ProfileResult::NotConnected, error.description};
    return {ProfileResult::Other, error.description};
}

const ProfileResult TimedOut{ProfileResult::TimedOut, u"no answer in time"_s};

} // namespace

QString Profile::photoHash() const
{
    return photo.isEmpty() ? QString() : AvatarCache::hashOf(photo);
}

QString describe(const ProfileResult &result)
{
    switch (result.kind) {
    case ProfileResult::Ok:
        return QCoreApplication::translate("flint::ProfileManager", "The profile was saved.");
    case ProfileResult::NotConnected:
        return QCoreApplication::translate("flint::ProfileManager",
                                           "You are not connected to the server.");
    case ProfileResult::InvalidAddress:
        return QCoreApplication::translate("flint::ProfileManager", "This is not a valid address.");
    case ProfileResult::NotFound:
        return QCoreApplication::translate("flint::ProfileManager", "There is no such account.");
    case ProfileResult::Forbidden:
        return QCoreApplication::translate("flint::ProfileManager",
                                           "The server does not allow this.");
    case ProfileResult::Rejected:
        return QCoreApplication::translate(
            "flint::ProfileManager",
            "The server did not accept the profile; the photo may be too large.");
    case ProfileResult::TimedOut:
        return QCoreApplication::translate("flint::ProfileManager",
                                           "The server did not answer in time.");
    case ProfileResult::Other:
        break;
    }
    return QCoreApplication::translate("flint::ProfileManager",
                                       "The profile could not be loaded or saved: %1")
        .arg(result.detail);
}

ProfileManager::ProfileManager(AccountSession &session, const QString &cacheDirectory,
                               QObject *parent)
    : QObject(parent), m_session(session), m_directory(cacheDirectory),
      m_avatars(cacheDirectory + u"/avatars"_s)
{
    QXmppClient &client = session.client();
    m_vcards = client.findExtension<QXmppVCardManager>();
    if (!m_vcards)
        m_vcards = client.addNewExtension<QXmppVCardManager>();
    connect(&session, &AccountSession::loggedIn, this, &ProfileManager::fetchOwnProfile);
    connect(&client, &QXmppClient::presenceReceived, this, &ProfileManager::handlePresence);
}

ProfileManager::~ProfileManager() = default;

void ProfileManager::setProfile(const Profile &profile)
{
    if (!m_session.client().isAuthenticated()) {
        Q_EMIT profileSaved({ProfileResult::NotConnected, {}});
        return;
    }
    // Publishing over a card never read would drop what other clients put into it.
    if (!m_ownCard) {
        m_pendingSave = profile;
        if (!m_ownFetchId)
            fetchOwnProfile();
        return;
    }
    publish(profile);
}

void ProfileManager::requestProfile(const QString &jid, FetchPolicy policy)
{
    const auto parsed = Jid::parse(jid);
    if (!parsed || parsed->isDomain()) {
        Q_EMIT profileRequestFailed(jid, {ProfileResult::InvalidAddress, jid});
        return;
    }
    const QString bareJid = parsed->bareString();
    if (policy == FetchPolicy::PreferCache) {
        if (const auto cached = cachedProfile(bareJid)) {
            Q_EMIT profileReceived(bareJid, *cached);
            return;
        }
    }
    if (!m_session.client().isAuthenticated()) {
        Q_EMIT profileRequestFailed(bareJid, {ProfileResult::NotConnected, {}});
        return;
    }
    if (!m_contactFetches.contains(bareJid))
        fetchContact(bareJid);
}

std::optional<Profile> ProfileManager::cachedProfile(const QString &jid) const
{
    const auto parsed = Jid::parse(jid);
    if (!parsed)
        return std::nullopt;
    const QString bareJid = parsed->bareString();
    if (const auto found = m_cards.constFind(bareJid); found != m_cards.cend())
        return *found;
    QFile file(cardPath(bareJid));
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QJsonObject card = QJsonDocument::fromJson(file.readAll()).object();
    if (card.isEmpty())
        return std::nullopt;
    Profile profile{.fullName = card.value(u"fullName"_s).toString(),
                    .organization = card.value(u"organization"_s).toString(),
                    .title = card.value(u"title"_s).toString(),
                    .email = card.value(u"email"_s).toString(),
                    .phone = card.value(u"phone"_s).toString(),
                    .photo = {},
                    .photoType = card.value(u"photoType"_s).toString()};
    const QString hash = card.value(u"photoHash"_s).toString();
    if (!hash.isEmpty()) {
        profile.photo = m_avatars.bytes(hash);
        // An image removed from the cache (or damaged) makes the card incomplete: fetch again.
        if (AvatarCache::hashOf(profile.photo) != hash)
            return std::nullopt;
    }
    m_cards.insert(bareJid, profile);
    return profile;
}

void ProfileManager::fetchOwnProfile()
{
    const quint64 id = ++m_lastRequestId;
    m_ownFetchId = id;
    const auto fail = [this](const ProfileResult &result) {
        m_ownFetchId = 0;
        qCInfo(lcClientProfile) << "reading the own card failed:" << result.kind << result.detail;
        if (m_pendingSave) {
            m_pendingSave.reset();
            Q_EMIT profileSaved(result);
        }
    };
    m_vcards->fetchVCard(ownBareJid())
        .then(this, [this, id, fail](QXmppVCardManager::VCardIqResult &&result) {
            if (id != m_ownFetchId)
                return;
            if (const auto *error = std::get_if<QXmppError>(&result)) {
                fail(resultOf(*error));
                return;
            }
            m_ownFetchId = 0;
            adoptOwnCard(std::get<QXmppVCardIq>(result));
            if (m_pendingSave) {
                const Profile profile = *m_pendingSave;
                m_pendingSave.reset();
                publish(profile);
            }
        });
    QTimer::singleShot(requestTimeout(), this, [this, id, fail] {
        if (id == m_ownFetchId)
            fail(TimedOut);
    });
}

void ProfileManager::publish(const Profile &profile)
{
    const quint64 id = ++m_lastRequestId;
    m_saveId = id;
    const QXmppVCardIq card = cardWith(*m_ownCard, profile);
    m_vcards->setVCard(card).then(this, [this, id, card](QXmppVCardManager::Result &&result) {
        if (id != m_saveId)
            return;
        m_saveId = 0;
        if (const auto *error = std::get_if<QXmppError>(&result)) {
            const ProfileResult failure = resultOf(*error);
            qCInfo(lcClientProfile)
                << "publishing the own card failed:" << failure.kind << failure.detail;
            Q_EMIT profileSaved(failure);
            return;
        }
        adoptOwnCard(card);
        Q_EMIT profileSaved({ProfileResult::Ok, {}});
    });
    QTimer::singleShot(requestTimeout(), this, [this, id] {
        if (id != m_saveId)
            return;
        m_saveId = 0;
        Q_EMIT profileSaved(TimedOut);
    });
}

void ProfileManager::adoptOwnCard(const QXmppVCardIq &card)
{
    m_ownCard = std::make_unique<QXmppVCardIq>(card);
    const Profile profile = profileFrom(card);
    if (!profile.photo.isEmpty())
        m_avatars.insert(profile.photo);
    const bool changed = m_ownProfile != profile;
    m_ownProfile = profile;
    if (changed)
        Q_EMIT ownProfileChanged(profile);
    // XEP-0153: the photo's SHA-1 (empty: no photo) for PresenceManager to advertise.
    Q_EMIT ownPhotoHashChanged(
        profile.photo.isEmpty()
            ? QByteArray()
            : QCryptographicHash::hash(profile.photo, QCryptographicHash::Sha1));
}

void ProfileManager::fetchContact(const QString &bareJid)
{
    const quint64 id = ++m_lastRequestId;
    m_contactFetches.insert(bareJid, id);
    m_vcards->fetchVCard(bareJid).then(
        this, [this, id, bareJid](QXmppVCardManager::VCardIqResult &&result) {
            if (m_contactFetches.value(bareJid) != id)
                return;
            m_contactFetches.remove(bareJid);
            if (const auto *error = std::get_if<QXmppError>(&result)) {
                const ProfileResult failure = resultOf(*error);
                qCInfo(lcClientProfile) << "reading the card of" << bareJid
                                        << "failed:" << failure.kind << failure.detail;
                Q_EMIT profileRequestFailed(bareJid, failure);
                return;
            }
            const Profile profile = profileFrom(std::get<QXmppVCardIq>(result));
            storeCard(bareJid, profile);
            Q_EMIT profileReceived(bareJid, profile);
        });
    QTimer::singleShot(requestTimeout(), this, [this, id, bareJid] {
        if (m_contactFetches.value(bareJid) != id)
            return;
        m_contactFetches.remove(bareJid);
        Q_EMIT profileRequestFailed(bareJid, TimedOut);
    });
}

void ProfileManager::handlePresence(const QXmppPresence &presence)
{
    const auto update = presence.vCardUpdateType();
    // Only a presence with <photo/> says which picture is current (XEP-0153 §3.2).
    if (presence.type() != QXmppPresence::Available ||
        (update != QXmppPresence::VCardUpdateValidPhoto &&
         update != QXmppPresence::VCardUpdateNoPhoto))
        return;
    const QString hash = QString::fromLatin1(presence.photoHash().toHex());
    const QString bareJid = QXmppUtils::jidToBareJid(presence.from());
    if (bareJid == ownBareJid()) {
        // Another of the user's clients published a new photo (XEP-0153 §4.3).
        if (m_ownProfile && m_ownProfile->photoHash() != hash && !m_ownFetchId)
            fetchOwnProfile();
        return;
    }
    // A card already read with this photo, or a picture already on disk (another card uses it),
    // needs no fetch; otherwise the card is read so the roster can show the picture.
    const auto cached = cachedProfile(bareJid);
    if (cached ? cached->photoHash() == hash : (hash.isEmpty() || m_avatars.contains(hash)))
        return;
    qCDebug(lcClientProfile) << bareJid << "advertises photo" << hash << "- reading its card";
    if (cached)
        forgetCard(bareJid);
    if (!m_contactFetches.contains(bareJid))
        fetchContact(bareJid);
}

void ProfileManager::storeCard(const QString &bareJid, const Profile &profile)
{
    m_cards.insert(bareJid, profile);
    const QString hash = profile.photo.isEmpty() ? QString() : m_avatars.insert(profile.photo);
    if (!profile.photo.isEmpty() && hash.isEmpty())
        return; // the image could not be stored; the card stays in memory only
    const QJsonObject card{{u"fullName"_s, profile.fullName},
                           {u"organization"_s, profile.organization},
                           {u"title"_s, profile.title},
                           {u"email"_s, profile.email},
                           {u"phone"_s, profile.phone},
                           {u"photoType"_s, profile.photoType},
                           {u"photoHash"_s, hash}};
    QSaveFile file(cardPath(bareJid));
    if (!QDir().mkpath(QFileInfo(file.fileName()).path()) || !file.open(QIODevice::WriteOnly) ||
        file.write(QJsonDocument(card).toJson()) < 0 || !file.commit())
        qCWarning(lcClientProfile) << "cannot cache the card of" << bareJid << "in"
                                   << file.fileName() << ":" << file.errorString();
}

void ProfileManager::forgetCard(const QString &bareJid)
{
    m_cards.remove(bareJid);
    QFile::remove(cardPath(bareJid));
}

QString ProfileManager::cardPath(const QString &bareJid) const
{
    // Percent-encoded so that any JID is one portable file name.
    return m_directory + u"/cards/"_s + QString::fromLatin1(QUrl::toPercentEncoding(bareJid)) +
           u".json"_s;
}

QString ProfileManager::ownBareJid() const
{
    const auto own = Jid::parse(m_session.client().configuration().jidBare());
    return own ? own->bareString() : QString();
}

std::chrono::milliseconds ProfileManager::requestTimeout() const
{
    return std::chrono::seconds(std::max(1, m_session.settings().timeoutSeconds));
}

} // namespace flint

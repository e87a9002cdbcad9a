// Profile cards (XEP-0054) and vCard-based avatars (XEP-0153) for one account: the user's own
// card, read at every login and published with setProfile(), its photo hash carried in outgoing
// presence; contacts' cards on demand, cached in memory and in the account's data directory
// until the contact's presence advertises another photo. Owns the QXmppVCardManager.
#pragma once

#include "client/AvatarCache.h"

#include <QByteArray>
#include <QHash>
#include <QMetaType>
#include <QObject>
#include <QString>

#include <chrono>
#include <memory>
#include <optional>

class QXmppPresence;
class QXmppVCardIq;
class QXmppVCardManager;

namespace flint {

class AccountSession;

struct Profile {
    QString fullName;
    QString organization;
    QString title;
    QString email;
    QString phone;
    QByteArray photo;  // the image file's bytes (PNG, JPEG…); empty: no photo
    QString photoType; // its MIME type; detected from the bytes when left empty

    // The XEP-0153 hash: SHA-1 hex of the photo, empty without one.
    QString photoHash() const;
    bool operator==(const Profile &other) const = default;
};

struct ProfileResult {
    Q_GADGET
public:
    enum Kind {
        Ok,
        NotConnected,
        InvalidAddress, // not a JID
        NotFound,       // no such account (item-not-found, service-unavailable)
        Forbidden,      // the server does not let this account read or change the card
        Rejected,       // the server refused the card, e.g. a photo that is too large
        TimedOut,
        Other,
    };
    Q_ENUM(Kind)
    Kind kind = Other;
    QString detail; // the server's own words, for logs and a "details" view
};

// The one place that turns profile results into user-facing text.
QString describe(const ProfileResult &result);

class ProfileManager : public QObject {
    Q_OBJECT
public:
    enum class FetchPolicy { PreferCache, Refresh };
    Q_ENUM(FetchPolicy)

    // `cacheDirectory`: where this account keeps contacts' cards and avatar images.
    ProfileManager(AccountSession &session, const QString &cacheDirectory,
                   QObject *parent = nullptr);
    ~ProfileManager() override;

    // The user's own card as last read or published; nullopt until read after login.
    const std::optional<Profile> &ownProfile() const { return m_ownProfile; }
    // Publishes the user's card; what the server had that Profile does not show (address,
    // birthday, further numbers…) is kept. Answers with profileSaved().
    void setProfile(const Profile &profile);

    // A contact's card: at once from the cache unless `policy` is Refresh or the cache is stale,
    // otherwise from the server. Answers with profileReceived() or profileRequestFailed().
    void requestProfile(const QString &jid, FetchPolicy policy = FetchPolicy::PreferCache);
    // What the cache holds for a contact, without asking the server.
    std::optional<Profile> cachedProfile(const QString &jid) const;

    const AvatarCache &avatars() const { return m_avatars; }

Q_SIGNALS:
    void ownProfileChanged(const flint::Profile &profile);
    // After the own card was read or published: connect to PresenceManager::setAvatarHash, the
    // one place that writes the account's presence.
    void ownPhotoHashChanged(const QByteArray &sha1);
    void profileSaved(const flint::ProfileResult &result);
    void profileReceived(const QString &bareJid, const flint::Profile &profile);
    void profileRequestFailed(const QString &bareJid, const flint::ProfileResult &result);

private:
    void fetchOwnProfile();
    void publish(const Profile &profile);
    void adoptOwnCard(const QXmppVCardIq &card);
    void fetchContact(const QString &bareJid);
    void handlePresence(const QXmppPresence &presence);
    void storeCard(const QString &bareJid, const Profile &profile);
    void forgetCard(const QString &bareJid);
    QString cardPath(const QString &bareJid) const;
    QString ownBareJid() const;
    // How long a request may wait for the server: the account's login timeout.
    std::chrono::milliseconds requestTimeout() const;

    AccountSession &m_session;
    QXmppVCardManager *m_vcards;
    QString m_directory;
    AvatarCache m_avatars;
    std::optional<Profile> m_ownProfile;
    // The own card as the server has it, the base for the next publish; null until read.
    std::unique_ptr<QXmppVCardIq> m_ownCard;
    std::optional<Profile> m_pendingSave; // waits for the own card to be read first
    quint64 m_lastRequestId = 0;
    quint64 m_ownFetchId = 0; // 0: none in flight
    quint64 m_saveId = 0;
    QHash<QString, quint64> m_contactFetches; // bare JID → request in flight
    mutable QHash<QString, Profile> m_cards;  // read through from the disk cache
};

} // namespace flint

Q_DECLARE_METATYPE(flint::Profile)
Q_DECLARE_METATYPE(flint::ProfileResult)

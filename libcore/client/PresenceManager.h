// The user's own presence (flow C): online, away, extended away, busy, free for chat, with a
// custom text, broadcast through the client presence whenever it changes and restored after every
// login; the account's own other resources as the server reports them.
#pragma once

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>

#include <optional>

class QXmppPresence;

namespace flint {

class AccountSession;

// What one presence says about availability (RFC 6121 §4.7.2.1 <show/> and <status/>).
struct PresenceStatus {
    Q_GADGET
public:
    enum Availability { Offline, Online, FreeForChat, Away, ExtendedAway, DoNotDisturb };
    Q_ENUM(Availability)
    Availability availability = Offline;
    QString text;

    bool isAvailable() const { return availability != Offline; }
    friend bool operator==(const PresenceStatus &, const PresenceStatus &) = default;

    // An error or unavailable presence (or a subscription stanza) reads as Offline.
    static PresenceStatus fromPresence(const QXmppPresence &presence);
};

// One available resource of a contact (or of the user's own account).
struct ResourcePresence {
    QString resource;
    PresenceStatus status;
    int priority = 0;

    friend bool operator==(const ResourcePresence &, const ResourcePresence &) = default;
    static ResourcePresence fromPresence(const QXmppPresence &presence);
};

class PresenceManager : public QObject {
    Q_OBJECT
public:
    explicit PresenceManager(AccountSession &session, QObject *parent = nullptr);
    ~PresenceManager() override;

    PresenceStatus status() const { return m_status; }
    // Broadcasts at once when connected, otherwise with the next login. Going offline is logging
    // out (AccountSession::cancel()), so Offline is refused here and returns false.
    bool setStatus(const PresenceStatus &status);
    // XEP-0153: the SHA-1 of the user's vCard photo (empty: no photo), carried in every presence
    // from now on; set by whoever publishes the vCard.
    void setAvatarHash(const QByteArray &sha1);

    // The account's other available resources (another device logged in as the same user).
    const QList<ResourcePresence> &ownResources() const { return m_ownResources; }

Q_SIGNALS:
    void statusChanged(const flint::PresenceStatus &status);
    void ownResourcesChanged();

private:
    QXmppPresence presence() const;
    void broadcast();
    void handlePresence(const QXmppPresence &presence);

    AccountSession &m_session;
    PresenceStatus m_status{PresenceStatus::Online, {}};
    std::optional<QByteArray> m_avatarHash; // nullopt: not announced at all
    QList<ResourcePresence> m_ownResources;
};

} // namespace flint

Q_DECLARE_METATYPE(flint::PresenceStatus)
Q_DECLARE_METATYPE(flint::ResourcePresence)

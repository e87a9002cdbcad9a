// The roster as a tree for views (flow D): groups, and under each the contacts in it with their
// presence. A contact in several groups appears under each; contacts without a group sit in one
// "Contacts" group. Filled by RosterManager; sorting and filtering are RosterFilterModel's job.
#pragma once

#include "client/PresenceManager.h"

#include <QAbstractItemModel>
#include <QCollator>
#include <QHash>
#include <QList>
#include <QSortFilterProxyModel>
#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

namespace flint {

// One roster item (RFC 6121 §2.1.2) and what is known of the contact's presence.
struct RosterContact {
    Q_GADGET
public:
    // Whose presence is shared: To = the user sees the contact's, From = the contact the user's.
    enum Subscription { NoSubscription, To, From, Both };
    Q_ENUM(Subscription)

    QString jid; // bare
    QString name;
    QStringList groups;
    Subscription subscription = NoSubscription;
    bool subscriptionPending = false;  // the user asked to see the contact's presence, unanswered
    QList<ResourcePresence> resources; // available resources
    QString avatarHash;                // XEP-0153 photo SHA-1 in hex; empty: none or unknown
};

class RosterModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum ItemKind { GroupItem, ContactItem };
    Q_ENUM(ItemKind)

    enum Role {
        KindRole = Qt::UserRole + 1, // ItemKind
        // Groups
        GroupNameRole,      // the group's name; empty for the "Contacts" group
        IsUngroupedRole,    // the group of contacts that have none
        ContactCountRole,   // contacts in the group
        AvailableCountRole, // of which available
        // Contacts
        JidRole,
        NameRole,         // the roster name, may be empty
        DisplayNameRole,  // the roster name, or the JID's local part
        GroupsRole,       // QStringList
        SubscriptionRole, // RosterContact::Subscription
        SubscriptionPendingRole,
        AvailabilityRole, // PresenceStatus::Availability of the best resource
        StatusTextRole,   // of the best resource
        ResourcesRole,    // QList<ResourcePresence>, best first
        AvatarHashRole,
        UnreadCountRole,
    };
    Q_ENUM(Role)

    explicit RosterModel(QObject *parent = nullptr);
    ~RosterModel() override;

    // Replaces everything in one model reset; unread counts are kept.
    void setContacts(const QList<RosterContact> &contacts);
    // Adds a contact or updates its roster fields (name, groups, subscription); presence, avatar
    // and unread count stay.
    void updateRosterItem(const RosterContact &item);
    void removeContact(const QString &jid);
    void setResources(const QString &jid, const QList<ResourcePresence> &resources);
    void setAvatarHash(const QString &jid, const QString &hash);
    // Kept for JIDs outside the roster too, so a contact added later shows its count at once.
    void setUnreadCount(const QString &jid, int count);
    // Everyone offline, as after a disconnection; the roster stays.
    void clearPresences();
    // The display name of the group of contacts without one (default: "Contacts", translated).
    void setUngroupedName(const QString &name);

    bool contains(const QString &jid) const { return m_contacts.contains(jid); }
    // The contact with its resources best first; a default one when `jid` is not in the roster.
    RosterContact contact(const QString &jid) const;
    // The roster name, or the JID's local part (the whole JID when it has none).
    static QString displayName(const RosterContact &contact);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    struct Group {
        QString name; // empty: the ungrouped contacts
        QStringList jids;
        QHash<QString, int> rows;
    };

    static QStringList groupsOf(const RosterContact &contact);
    static void sortBestFirst(QList<ResourcePresence> &resources);
    Group *group(const QString &name) const;
    int groupRow(const Group *group) const;
    QModelIndex groupIndex(const Group *group) const;
    void insertIntoGroup(const QString &groupName, const QString &jid);
    void removeFromGroup(const QString &groupName, const QString &jid);
    // dataChanged for every row showing `jid`, and for its groups when their counts may change.
    void contactChanged(const QString &jid, bool availabilityChanged);

    QHash<QString, RosterContact> m_contacts;
    std::vector<std::unique_ptr<Group>> m_groups; // in order of creation; the proxy sorts
    QHash<QString, Group *> m_groupsByName;
    QHash<QString, int> m_unread;
    QString m_ungroupedName;
};

// Sorting (groups by name with "Contacts" last; contacts available first, then by name in the
// user's locale) and filtering (text in the name or JID; offline contacts shown or hidden) of a
// RosterModel. Groups without a visible contact disappear.
class RosterFilterModel : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit RosterFilterModel(QObject *parent = nullptr);

    QString filterText() const { return m_filterText; }
    void setFilterText(const QString &text);
    bool showOffline() const { return m_showOffline; }
    void setShowOffline(bool show);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    QString m_filterText;
    bool m_showOffline = true;
    QCollator m_collator;
};

} // namespace flint

Q_DECLARE_METATYPE(flint::RosterContact)

#include "RosterModel.h"

#include <algorithm>

namespace flint {
namespace {

// Among resources of equal priority, the one that reads as most reachable wins: busy still
// means at the keyboard, so it ranks above away.
int reachability(PresenceStatus::Availability availability)
{
    switch (availability) {
    case PresenceStatus::FreeForChat:
        return 0;
    case PresenceStatus::Online:
        return 1;
    case PresenceStatus::DoNotDisturb:
        return 2;
    case PresenceStatus::Away:
        return 3;
    case PresenceStatus::ExtendedAway:
        return 4;
    case PresenceStatus::Offline:
        break;
    }
    return 5;
}

PresenceStatus::Availability availabilityOf(const RosterContact &contact)
{
    return contact.resources.isEmpty() ? PresenceStatus::Offline
                                       : contact.resources.first().status.availability;
}

} // namespace

RosterModel::RosterModel(QObject *parent)
    : QAbstractItemModel(parent), m_ungroupedName(tr("Contacts"))
{}

RosterModel::~RosterModel() = default;

QStringList RosterModel::groupsOf(const RosterContact &contact)
{
    QStringList groups;
    for (const QString &name : contact.groups) {
        if (!name.trimmed().isEmpty() && !groups.contains(name))
            groups << name;
    }
    if (groups.isEmpty())
        groups << QString();
    return groups;
}

void RosterModel::sortBestFirst(QList<ResourcePresence> &resources)
{
    resources.removeIf(
        [](const ResourcePresence &resource) { return !resource.status.isAvailable(); });
    std::stable_sort(resources.begin(), resources.end(),
                     [](const ResourcePresence &a, const ResourcePresence &b) {
                         if (a.priority != b.priority)
                             return a.priority > b.priority;
                         return reachability(a.status.availability) <
                                reachability(b.status.availability);
                     });
}

QString RosterModel::displayName(const RosterContact &contact)
{
    if (!contact.name.trimmed().isEmpty())
        return contact.name;
    const qsizetype at = contact.jid.indexOf(u'@');
    return at > 0 ? contact.jid.left(at) : contact.jid;
}

RosterContact RosterModel::contact(const QString &jid) const
{
    return m_contacts.value(jid);
}

void RosterModel::setContacts(const QList<RosterContact> &contacts)
{
    beginResetModel();
    m_contacts.clear();
    m_groups.clear();
    m_groupsByName.clear();
    for (RosterContact contact : contacts) {
        sortBestFirst(contact.resources);
        for (const QString &name : groupsOf(contact)) {
            Group *target = group(name);
            if (!target) {
                m_groups.push_back(std::make_unique<Group>(Group{name, {}, {}}));
                target = m_groups.back().get();
                m_groupsByName.insert(name, target);
            }
            if (target->rows.contains(contact.jid))
                continue;
            target->rows.insert(contact.jid, int(target->jids.size()));
            target->jids << contact.jid;
        }
        m_contacts.insert(contact.jid, contact);
    }
    endResetModel();
}

void RosterModel::updateRosterItem(const RosterContact &item)
{
    const auto existing = m_contacts.find(item.jid);
    if (existing == m_contacts.end()) {
        RosterContact contact = item;
        sortBestFirst(contact.resources);
        m_contacts.insert(contact.jid, contact);
        for (const QString &name : groupsOf(contact))
            insertIntoGroup(name, contact.jid);
        return;
    }
    const QStringList oldGroups = groupsOf(*existing);
    const QStringList newGroups = groupsOf(item);
    existing->name = item.name;
    existing->groups = item.groups;
    existing->subscription = item.subscription;
    existing->subscriptionPending = item.subscriptionPending;
    for (const QString &name : oldGroups) {
        if (!newGroups.contains(name))
            removeFromGroup(name, item.jid);
    }
    for (const QString &name : newGroups) {
        if (!oldGroups.contains(name))
            insertIntoGroup(name, item.jid);
    }
    contactChanged(item.jid, false);
}

void RosterModel::removeContact(const QString &jid)
{
    const auto existing = m_contacts.constFind(jid);
    if (existing == m_contacts.cend())
        return;
    const QStringList groups = groupsOf(*existing);
    for (const QString &name : groups)
        removeFromGroup(name, jid);
    m_contacts.remove(jid);
}

void RosterModel::setResources(const QString &jid, const QList<ResourcePresence> &resources)
{
    const auto existing = m_contacts.find(jid);
    if (existing == m_contacts.end())
        return;
    QList<ResourcePresence> sorted = resources;
    sortBestFirst(sorted);
    if (sorted == existing->resources)
        return;
    const bool wasAvailable = !existing->resources.isEmpty();
    existing->resources = sorted;
    contactChanged(jid, wasAvailable != !sorted.isEmpty());
}

void RosterModel::setAvatarHash(const QString &jid, const QString &hash)
{
    const auto existing = m_contacts.find(jid);
    if (existing == m_contacts.end() || existing->avatarHash == hash)
        return;
    existing->avatarHash = hash;
    contactChanged(jid, false);
}

void RosterModel::setUnreadCount(const QString &jid, int count)
{
    const int previous = m_unread.value(jid);
    if (count <= 0)
        m_unread.remove(jid);
    else
        m_unread.insert(jid, count);
    if (std::max(count, 0) != previous && m_contacts.contains(jid))
        contactChanged(jid, false);
}

void RosterModel::clearPresences()
{
    bool changed = false;
    for (RosterContact &contact : m_contacts) {
        if (!contact.resources.isEmpty()) {
            contact.resources.clear();
            changed = true;
        }
    }
    if (!changed || m_groups.empty())
        return;
    // One signal per group rather than one per contact.
    for (const auto &group : m_groups) {
        const QModelIndex parent = groupIndex(group.get());
        Q_EMIT dataChanged(index(0, 0, parent), index(int(group->jids.size()) - 1, 0, parent));
    }
    Q_EMIT dataChanged(index(0, 0), index(int(m_groups.size()) - 1, 0));
}

void RosterModel::setUngroupedName(const QString &name)
{
    if (name == m_ungroupedName)
        return;
    m_ungroupedName = name;
    if (const Group *ungrouped = group(QString())) {
        const QModelIndex changed = groupIndex(ungrouped);
        Q_EMIT dataChanged(changed, changed);
    }
}

RosterModel::Group *RosterModel::group(const QString &name) const
{
    return m_groupsByName.value(name);
}

int RosterModel::groupRow(const Group *group) const
{
    const auto found =
        std::find_if(m_groups.cbegin(), m_groups.cend(),
                     [group](const auto &candidate) { return candidate.get() == group; });
    return found == m_groups.cend() ? -1 : int(found - m_groups.cbegin());
}

QModelIndex RosterModel::groupIndex(const Group *group) const
{
    const int row = groupRow(group);
    return row < 0 ? QModelIndex() : createIndex(row, 0, nullptr);
}

void RosterModel::insertIntoGroup(const QString &groupName, const QString &jid)
{
    Group *target = group(groupName);
    if (!target) {
        const int row = int(m_groups.size());
        beginInsertRows({}, row, row);
        m_groups.push_back(std::make_unique<Group>(Group{groupName, {}, {}}));
        target = m_groups.back().get();
        m_groupsByName.insert(groupName, target);
        endInsertRows();
    }
    const QModelIndex parent = groupIndex(target);
    const int row = int(target->jids.size());
    beginInsertRows(parent, row, row);
    target->rows.insert(jid, row);
    target->jids << jid;
    endInsertRows();
    Q_EMIT dataChanged(parent, parent);
}

void RosterModel::removeFromGroup(const QString &groupName, const QString &jid)
{
    Group *target = group(groupName);
    if (!target || !target->rows.contains(jid))
        return;
    if (target->jids.size() == 1) {
        const int row = groupRow(target);
        beginRemoveRows({}, row, row);
        m_groupsByName.remove(groupName);
        m_groups.erase(m_groups.begin() + row);
        endRemoveRows();
        return;
    }
    const QModelIndex parent = groupIndex(target);
    const int row = target->rows.value(jid);
    beginRemoveRows(parent, row, row);
    target->jids.removeAt(row);
    target->rows.remove(jid);
    for (int i = row; i < target->jids.size(); ++i)
        target->rows[target->jids[i]] = i;
    endRemoveRows();
    Q_EMIT dataChanged(parent, parent);
}

void RosterModel::contactChanged(const QString &jid, bool availabilityChanged)
{
    const auto contact = m_contacts.constFind(jid);
    if (contact == m_contacts.cend())
        return;
    for (const QString &name : groupsOf(*contact)) {
        const Group *target = group(name);
        if (!target)
            continue;
        const QModelIndex parent = groupIndex(target);
        const QModelIndex changed = index(target->rows.value(jid), 0, parent);
        Q_EMIT dataChanged(changed, changed);
        if (availabilityChanged)
            Q_EMIT dataChanged(parent, parent, {AvailableCountRole});
    }
}

QModelIndex RosterModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column != 0)
        return {};
    if (!parent.isValid())
        return row < int(m_groups.size()) ? createIndex(row, column, nullptr) : QModelIndex();
    if (parent.internalPointer() || parent.row() >= int(m_groups.size()))
        return {};
    Group *target = m_groups[parent.row()].get();
    return row < target->jids.size() ? createIndex(row, column, target) : QModelIndex();
}

QModelIndex RosterModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || !child.internalPointer())
        return {};
    return groupIndex(static_cast<const Group *>(child.internalPointer()));
}

int RosterModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_groups.size());
    if (parent.column() != 0 || parent.internalPointer() || parent.row() >= int(m_groups.size()))
        return 0;
    return int(m_groups[parent.row()]->jids.size());
}

int RosterModel::columnCount(const QModelIndex &) const
{
    return 1;
}

QVariant RosterModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (!index.internalPointer()) {
        const Group &group = *m_groups[index.row()];
        switch (role) {
        case Qt::DisplayRole:
            return group.name.isEmpty() ? m_ungroupedName : group.name;
        case KindRole:
            return QVariant::fromValue(GroupItem);
        case GroupNameRole:
            return group.name;
        case IsUngroupedRole:
            return group.name.isEmpty();
        case ContactCountRole:
            return int(group.jids.size());
        case AvailableCountRole:
            return int(
                std::count_if(group.jids.cbegin(), group.jids.cend(), [this](const auto &jid) {
                    return !m_contacts.value(jid).resources.isEmpty();
                }));
        default:
            return {};
        }
    }
    const auto *group = static_cast<const Group *>(index.internalPointer());
    const auto found = m_contacts.constFind(group->jids.value(index.row()));
    if (found == m_contacts.cend())
        return {};
    const RosterContact &contact = *found;
    switch (role) {
    case Qt::DisplayRole:
    case DisplayNameRole:
        return displayName(contact);
    case KindRole:
        return QVariant::fromValue(ContactItem);
    case JidRole:
        return contact.jid;
    case NameRole:
        return contact.name;
    case GroupsRole:
        return contact.groups;
    case SubscriptionRole:
        return QVariant::fromValue(contact.subscription);
    case SubscriptionPendingRole:
        return contact.subscriptionPending;
    case AvailabilityRole:
        return QVariant::fromValue(availabilityOf(contact));
    case StatusTextRole:
        return contact.resources.isEmpty() ? QString() : contact.resources.first().status.text;
    case ResourcesRole:
        return QVariant::fromValue(contact.resources);
    case AvatarHashRole:
        return contact.avatarHash;
    case UnreadCountRole:
        return m_unread.value(contact.jid);
    default:
        return {};
    }
}

QHash<int, QByteArray> RosterModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractItemModel::roleNames();
    names.insert({{KindRole, "kind"},
                  {GroupNameRole, "groupName"},
                  {IsUngroupedRole, "isUngrouped"},
                  {ContactCountRole, "contactCount"},
                  {AvailableCountRole, "availableCount"},
                  {JidRole, "jid"},
                  {NameRole, "name"},
                  {DisplayNameRole, "displayName"},
                  {GroupsRole, "groups"},
                  {SubscriptionRole, "subscription"},
                  {SubscriptionPendingRole, "subscriptionPending"},
                  {AvailabilityRole, "availability"},
                  {StatusTextRole, "statusText"},
                  {ResourcesRole, "resources"},
                  {AvatarHashRole, "avatarHash"},
                  {UnreadCountRole, "unreadCount"}});
    return names;
}

RosterFilterModel::RosterFilterModel(QObject *parent) : QSortFilterProxyModel(parent)
{
    setRecursiveFilteringEnabled(true);
    setDynamicSortFilter(true);
    m_collator.setCaseSensitivity(Qt::CaseInsensitive);
    m_collator.setNumericMode(true);
    sort(0);
}

void RosterFilterModel::setFilterText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_filterText)
        return;
    m_filterText = trimmed;
    invalidateFilter();
}

void RosterFilterModel::setShowOffline(bool show)
{
    if (show == m_showOffline)
        return;
    m_showOffline = show;
    invalidateFilter();
}

bool RosterFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    // A group shows when one of its contacts does (recursive filtering).
    if (index.data(RosterModel::KindRole).value<RosterModel::ItemKind>() == RosterModel::GroupItem)
        return false;
    if (!m_showOffline &&
        index.data(RosterModel::AvailabilityRole).value<PresenceStatus::Availability>() ==
            PresenceStatus::Offline)
        return false;
    if (m_filterText.isEmpty())
        return true;
    return index.data(RosterModel::DisplayNameRole)
               .toString()
               .contains(m_filterText, Qt::CaseInsensitive) ||
           index.data(RosterModel::JidRole).toString().contains(m_filterText, Qt::CaseInsensitive);
}

bool RosterFilterModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    if (left.data(RosterModel::KindRole).value<RosterModel::ItemKind>() == RosterModel::GroupItem) {
        const bool leftUngrouped = left.data(RosterModel::IsUngroupedRole).toBool();
        const bool rightUngrouped = right.data(RosterModel::IsUngroupedRole).toBool();
        if (leftUngrouped != rightUngrouped)
            return rightUngrouped;
        return m_collator.compare(left.data(RosterModel::GroupNameRole).toString(),
                                  right.data(RosterModel::GroupNameRole).toString()) < 0;
    }
    const bool leftAvailable =
        left.data(RosterModel::AvailabilityRole).value<PresenceStatus::Availability>() !=
        PresenceStatus::Offline;
    const bool rightAvailable =
        right.data(RosterModel::AvailabilityRole).value<PresenceStatus::Availability>() !=
        PresenceStatus::Offline;
    if (leftAvailable != rightAvailable)
        return leftAvailable;
    const int byName = m_collator.compare(left.data(RosterModel::DisplayNameRole).toString(),
                                          right.data(RosterModel::DisplayNameRole).toString());
    if (byName != 0)
        return byName < 0;
    return left.data(RosterModel::JidRole).toString() < right.data(RosterModel::JidRole).toString();
}

} // namespace flint

#include "RoomOccupantModel.h"

namespace flint {
namespace {

int rankOf(RoomRole role)
{
    switch (role) {
    case RoomRole::Moderator:
        return 0;
    case RoomRole::Participant:
        return 1;
    case RoomRole::Visitor:
        return 2;
    case RoomRole::None:
        break;
    }
    return 3;
}

bool sortsBefore(const RoomOccupant &a, const RoomOccupant &b)
{
    if (rankOf(a.role) != rankOf(b.role))
        return rankOf(a.role) < rankOf(b.role);
    const int byName = a.nick.compare(b.nick, Qt::CaseInsensitive);
    return byName != 0 ? byName < 0 : a.nick < b.nick;
}

} // namespace

int RoomOccupantModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_occupants.size());
}

QVariant RoomOccupantModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_occupants.size())
        return {};
    const RoomOccupant &occupant = m_occupants.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case NickRole:
        return occupant.nick;
    case JidRole:
        return occupant.jid;
    case RoomRoleRole:
        return int(occupant.role);
    case AffiliationRole:
        return int(occupant.affiliation);
    case AvailabilityRole:
        return int(occupant.status.availability);
    case StatusTextRole:
        return occupant.status.text;
    case SelfRole:
        return occupant.isSelf;
    case OccupantRole:
        return QVariant::fromValue(occupant);
    default:
        return {};
    }
}

std::optional<RoomOccupant> RoomOccupantModel::occupant(const QString &nick) const
{
    for (const RoomOccupant &occupant : m_occupants) {
        if (occupant.nick == nick)
            return occupant;
    }
    return std::nullopt;
}

void RoomOccupantModel::upsert(const RoomOccupant &occupant)
{
    for (int row = 0; row < m_occupants.size(); ++row) {
        if (m_occupants.at(row).nick != occupant.nick)
            continue;
        if (m_occupants.at(row) == occupant)
            return;
        const bool staysInPlace =
            (row == 0 || sortsBefore(m_occupants.at(row - 1), occupant)) &&
            (row + 1 == m_occupants.size() || sortsBefore(occupant, m_occupants.at(row + 1)));
        if (staysInPlace) {
            m_occupants[row] = occupant;
            Q_EMIT dataChanged(index(row), index(row));
            return;
        }
        beginRemoveRows({}, row, row);
        m_occupants.removeAt(row);
        endRemoveRows();
        break;
    }
    const auto place =
        std::lower_bound(m_occupants.begin(), m_occupants.end(), occupant, sortsBefore);
    const int row = int(place - m_occupants.begin());
    beginInsertRows({}, row, row);
    m_occupants.insert(row, occupant);
    endInsertRows();
}

void RoomOccupantModel::remove(const QString &nick)
{
    for (int row = 0; row < m_occupants.size(); ++row) {
        if (m_occupants.at(row).nick == nick) {
            beginRemoveRows({}, row, row);
            m_occupants.removeAt(row);
            endRemoveRows();
            return;
        }
    }
}

void RoomOccupantModel::clear()
{
    if (m_occupants.isEmpty())
        return;
    beginResetModel();
    m_occupants.clear();
    endResetModel();
}

} // namespace flint

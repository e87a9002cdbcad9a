// The occupants of one Room as a list model for the participant list.
#pragma once

#include "client/Room.h"

#include <QAbstractListModel>

#include <optional>

namespace flint {

// Occupants of one room: moderators first, then participants, then visitors, by nick.
class RoomOccupantModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role {
        NickRole = Qt::UserRole + 1,
        JidRole,
        RoomRoleRole,
        AffiliationRole,
        AvailabilityRole,
        StatusTextRole,
        SelfRole,
        OccupantRole
    };
    Q_ENUM(Role)
    using QAbstractListModel::QAbstractListModel;
    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    std::optional<RoomOccupant> occupant(const QString &nick) const;
    QList<RoomOccupant> all() const { return m_occupants; }

private:
    friend class Room;
    void upsert(const RoomOccupant &occupant);
    void remove(const QString &nick);
    void clear();
    QList<RoomOccupant> m_occupants;
};

} // namespace flint

// Paints a room's participant list (RoomOccupantModel): a section header where the role changes
// (Moderators, Participants, Visitors), then per occupant the presence icon, the nick (bold for
// the user), and the affiliation as a small badge (owner, admin, member).
#pragma once

#include "client/RoomService.h"

#include <QStyledItemDelegate>

namespace flint::ui {

class OccupantDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    // "Moderators", "Participants", "Visitors": the section a role's occupants are listed under.
    static QString sectionName(RoomRole role);
    // "Moderator", "Participant", "Visitor"; empty for none.
    static QString roleName(RoomRole role);
    // "Owner", "Admin", "Member"; empty for none.
    static QString affiliationName(RoomAffiliation affiliation);
    // Whether `index` starts a section (its role differs from the row above).
    static bool startsSection(const QModelIndex &index);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    bool helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                   const QModelIndex &index) override;

private:
    int headerHeight(const QStyleOptionViewItem &option) const;
};

} // namespace flint::ui

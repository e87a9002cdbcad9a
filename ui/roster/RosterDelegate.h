// Paints the roster tree: contacts with avatar, presence dot, name, status text and unread
// badge; groups with their name, available/total count and an expand arrow. Sizes follow the
// font, so rows scale with it and with the screen.
#pragma once

#include <QCache>
#include <QPixmap>
#include <QStyledItemDelegate>

namespace flint {
class AvatarCache;
}

namespace flint::ui {

class RosterDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    explicit RosterDelegate(const AvatarCache &avatars, QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    bool helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                   const QModelIndex &index) override;

private:
    void paintGroup(QPainter *painter, const QStyleOptionViewItem &option,
                    const QModelIndex &index) const;
    void paintContact(QPainter *painter, const QStyleOptionViewItem &option,
                      const QModelIndex &index) const;
    // The contact's photo when the cache has it, otherwise initials; scaled once per size.
    QPixmap avatar(const QModelIndex &index, int size, qreal devicePixelRatio) const;
    // What the second line of a contact says: the status text, or what its presence means.
    static QString secondLine(const QModelIndex &index);

    const AvatarCache &m_avatars;
    mutable QCache<QString, QPixmap> m_pixmaps;
};

} // namespace flint::ui

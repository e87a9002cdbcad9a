// Small building blocks the conversation screens share (the chat tab, the room window, the
// transfers window): icon buttons that follow the palette, secondary text, separators, tinted
// marks and the files a drag carries.
#pragma once

#include <QStringList>

class QColor;
class QFrame;
class QHBoxLayout;
class QLabel;
class QMimeData;
class QPixmap;
class QToolButton;
class QWidget;

namespace flint::ui {

// A flat, icon-only tool button sized to the font; refreshIcons() redraws its icon.
QToolButton *iconButton(const QString &objectName, const QString &iconName, QWidget *parent);
// Redraws the icons of the icon buttons inside `root` in the current palette's colours.
void refreshIcons(QWidget *root);
// Text that matters less (a status line, a hint), in the palette's placeholder colour.
void setSecondary(QWidget *widget);
// A thin line across a column, under a header or a bar.
QFrame *horizontalLine(QWidget *parent);

// The band across the top of a conversation (the chat tab, the room window): `frame`, in the
// window colour, holds the header's widgets in `row` (the header's margins and spacing);
// `widget` is the band with the line under it, for the conversation's layout.
struct ConversationHeader {
    QFrame *frame;
    QHBoxLayout *row;
    QWidget *widget;
};
ConversationHeader conversationHeader(const QString &objectName, QWidget *parent);
// A conversation's title in its header: bold, a little larger, selectable.
QLabel *titleLabel(const QString &objectName, QWidget *parent);
// Icon `name` filled with `colour`, `side` device-independent pixels for `devicePixelRatio`.
QPixmap tintedPixmap(const QString &name, const QColor &colour, int side, qreal devicePixelRatio);
// The local files a drag carries; empty when it carries none.
QStringList localFiles(const QMimeData *data);

} // namespace flint::ui

// The app's icons, drawn from the SVG files in resources/icons: crisp at any scale, line icons
// tinted to the current palette so they read on light and dark themes.
#pragma once

#include "client/PresenceManager.h"

#include <QIcon>
#include <QImage>
#include <QPixmap>
#include <QString>

namespace flint::ui {

// A line icon by file name without extension ("send", "search"…), in the palette's text colour.
QIcon icon(const QString &name);
QIcon statusIcon(PresenceStatus::Availability availability);
QIcon appIcon();
// The user-facing name of an availability ("Online", "Away"…), translated.
QString availabilityName(PresenceStatus::Availability availability);
// A round avatar of `size` device-independent pixels for `devicePixelRatio`: the image's centre
// when there is one, otherwise the initials of `name` on a colour derived from `seed` (the JID).
QPixmap avatarPixmap(const QImage &image, const QString &name, const QString &seed, int size,
                     qreal devicePixelRatio);

} // namespace flint::ui

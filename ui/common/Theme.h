// Light, dark or the system's look, and the font size, applied to the whole app at once.
#pragma once

#include "client/ClientSettings.h"

#include <QColor>

namespace flint::ui {

// Applies `theme` and `fontPointSize` (0: the platform's size) to the running application.
void applyAppearance(ClientSettings::Theme theme, int fontPointSize);
// Whether the current palette is a dark one (for colours the palette does not carry).
bool isDarkPalette();
// Text and marks that say something failed or succeeded, readable on the current palette.
QColor errorColor();
QColor successColor();

} // namespace flint::ui

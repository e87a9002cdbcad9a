// Sizes derived from the fonts in use, so windows and rows suit any font, language and scale.
#pragma once

#include <QSize>

class QFont;
class QWidget;

namespace flint::ui {

// The height of a line of `font`, Chinese included: CJK glyphs come from a fallback font whose
// ascent and descent often exceed the font's own.
int textLineHeight(const QFont &font);
// `widthEm` × `heightEm` line heights of `window`'s font, shrunk to fit the available area of
// the screen it opens on (room left for the window frame and the panels).
QSize defaultWindowSize(const QWidget *window, qreal widthEm, qreal heightEm);

} // namespace flint::ui

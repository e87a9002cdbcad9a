#include "Metrics.h"

#include <QFont>
#include <QFontMetrics>
#include <QScreen>
#include <QTextLayout>
#include <QWidget>
#include <QtMath>

using namespace Qt::StringLiterals;

namespace flint::ui {

int textLineHeight(const QFont &font)
{
    QTextLayout layout(u"Ág 中文"_s, font);
    layout.beginLayout();
    QTextLine line = layout.createLine();
    line.setLeadingIncluded(true);
    layout.endLayout();
    return qMax(QFontMetrics(font).lineSpacing(), qCeil(line.height()));
}

QSize defaultWindowSize(const QWidget *window, qreal widthEm, qreal heightEm)
{
    const int em = window->fontMetrics().height();
    const QSize wanted(qRound(em * widthEm), qRound(em * heightEm));
    const QScreen *screen = window->screen();
    if (!screen)
        return wanted;
    // The frame and title bar are outside the size set here.
    return wanted.boundedTo(screen->availableGeometry().size() * 0.9);
}

} // namespace flint::ui

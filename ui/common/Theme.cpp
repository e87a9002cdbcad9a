#include "Theme.h"

#include <QApplication>
#include <QFont>
#include <QPalette>
#include <QProxyStyle>
#include <QStyle>
#include <QStyleFactory>

namespace flint::ui {
namespace {

// The platform's or Fusion's look, without the bitmap icons some styles put on dialog buttons
// (blurry at 200% and foreign next to the app's line icons).
class FlintStyle : public QProxyStyle {
public:
    using QProxyStyle::QProxyStyle;

    int styleHint(StyleHint hint, const QStyleOption *option, const QWidget *widget,
                  QStyleHintReturn *returnData) const override
    {
        if (hint == SH_DialogButtonBox_ButtonsHaveIcons)
            return 0;
        return QProxyStyle::styleHint(hint, option, widget, returnData);
    }
};

QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x2b, 0x2d, 0x31), base(0x1f, 0x21, 0x24), text(0xe8, 0xea, 0xed);
    const QColor disabled(0x80, 0x86, 0x8b), highlight(0xe2, 0x6a, 0x2c);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, window);
    p.setColor(QPalette::ToolTipBase, base);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, disabled);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x8a, 0xb4, 0xf8));
    p.setColor(QPalette::LinkVisited, QColor(0xc5, 0x8a, 0xf9));
    p.setColor(QPalette::Highlight, highlight);
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Mid, QColor(0x3c, 0x40, 0x43));
    p.setColor(QPalette::Dark, QColor(0x17, 0x18, 0x1a));
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, disabled);
    return p;
}

QPalette lightPalette()
{
    QPalette p = QApplication::style()->standardPalette();
    p.setColor(QPalette::Highlight, QColor(0xe2, 0x6a, 0x2c));
    p.setColor(QPalette::HighlightedText, Qt::white);
    return p;
}

} // namespace

void applyAppearance(ClientSettings::Theme theme, int fontPointSize)
{
    // Fusion draws the same on every platform and honours a dark palette everywhere.
    static const QPalette systemPalette = QApplication::palette();
    static const QFont systemFont = QApplication::font();
    static const QString systemStyle = QApplication::style()->name();
    QApplication::setStyle(new FlintStyle(QStyleFactory::create(
        theme == ClientSettings::Theme::System ? systemStyle : QStringLiteral("Fusion"))));
    switch (theme) {
    case ClientSettings::Theme::System:
        QApplication::setPalette(systemPalette);
        break;
    case ClientSettings::Theme::Light:
        QApplication::setPalette(lightPalette());
        break;
    case ClientSettings::Theme::Dark:
        QApplication::setPalette(darkPalette());
        break;
    }
    QFont font = systemFont;
    if (fontPointSize > 0)
        font.setPointSize(fontPointSize);
    QApplication::setFont(font);
}

bool isDarkPalette()
{
    const QPalette palette = QApplication::palette();
    return palette.color(QPalette::Window).lightness() <
           palette.color(QPalette::WindowText).lightness();
}

} // namespace flint::ui

namespace flint::ui {

QColor errorColor()
{
    return isDarkPalette() ? QColor(0xf2, 0x8b, 0x82) : QColor(0xc5, 0x22, 0x1f);
}

QColor successColor()
{
    return isDarkPalette() ? QColor(0x81, 0xc9, 0x95) : QColor(0x13, 0x73, 0x33);
}

} // namespace flint::ui

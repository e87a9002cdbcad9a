#include "NoticeBar.h"

#include "Theme.h"
#include "Widgets.h"

#include <QApplication>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace flint::ui {

NoticeBar::NoticeBar(const QString &objectName, Kind kind, Dismiss dismiss, QWidget *parent)
    : QFrame(parent), m_kind(kind), m_icon(new QLabel(this)), m_text(new QLabel(this)),
      m_action(new QPushButton(this))
{
    setObjectName(objectName);
    setAutoFillBackground(true);
    m_icon->setAlignment(Qt::AlignTop);
    m_icon->setVisible(kind == Kind::Error);
    m_text->setObjectName(objectName + u"Label"_s);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_action->setObjectName(objectName + u"Action"_s);
    m_action->hide();
    connect(m_action, &QPushButton::clicked, this, &NoticeBar::actionTriggered);

    const int em = fontMetrics().height();
    auto *row = new QHBoxLayout(this);
    row->setContentsMargins(em, em / 3, em / 2, em / 3);
    row->setSpacing(em / 2);
    row->addWidget(m_icon);
    row->addWidget(m_text, 1);
    row->addWidget(m_action, 0, Qt::AlignVCenter);
    if (dismiss == Dismiss::Yes) {
        m_dismiss = iconButton(objectName + u"Dismiss"_s, u"close"_s, this);
        connect(m_dismiss, &QToolButton::clicked, this, &QWidget::hide);
        row->addWidget(m_dismiss, 0, Qt::AlignTop);
    }
    hide();
    applyColours();
    retranslateUi();
}

void NoticeBar::showText(const QString &text)
{
    m_text->setText(text);
    show();
}

QString NoticeBar::text() const
{
    return m_text->text();
}

void NoticeBar::setActionText(const QString &text)
{
    m_action->setText(text);
    m_action->setVisible(!text.isEmpty());
}

void NoticeBar::applyColours()
{
    const bool error = m_kind == Kind::Error;
    const QColor colour = error ? errorColor() : QApplication::palette().color(QPalette::Highlight);
    QColor tint = colour;
    tint.setAlphaF(error ? 0.14 : 0.12);
    QPalette strip = palette();
    strip.setColor(QPalette::Window, tint);
    setPalette(strip);
    if (error) {
        const int side = m_text->fontMetrics().height();
        m_icon->setPixmap(tintedPixmap(u"error"_s, colour, side, devicePixelRatioF()));
    }
    refreshIcons(this);
}

void NoticeBar::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QFrame::changeEvent(event);
}

void NoticeBar::retranslateUi()
{
    if (!m_dismiss)
        return;
    m_dismiss->setToolTip(tr("Dismiss"));
    m_dismiss->setAccessibleName(tr("Dismiss"));
}

} // namespace flint::ui

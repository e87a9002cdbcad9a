#include "Widgets.h"

#include "Icons.h"

#include <QApplication>
#include <QFileInfo>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QMimeData>
#include <QPainter>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace flint::ui {

QToolButton *iconButton(const QString &objectName, const QString &iconName, QWidget *parent)
{
    auto *button = new QToolButton(parent);
    button->setObjectName(objectName);
    button->setIcon(icon(iconName));
    button->setProperty("iconName", iconName);
    button->setAutoRaise(true);
    button->setFocusPolicy(Qt::TabFocus);
    const int side = qRound(button->fontMetrics().height() * 1.25);
    button->setIconSize(QSize(side, side));
    return button;
}

void refreshIcons(QWidget *root)
{
    for (QToolButton *button : root->findChildren<QToolButton *>()) {
        if (const QString name = button->property("iconName").toString(); !name.isEmpty())
            button->setIcon(icon(name));
    }
}

void setSecondary(QWidget *widget)
{
    QPalette palette = widget->palette();
    palette.setColor(QPalette::WindowText,
                     QApplication::palette().color(QPalette::PlaceholderText));
    widget->setPalette(palette);
}

QFrame *horizontalLine(QWidget *parent)
{
    auto *line = new QFrame(parent);
    line->setFrameShape(QFrame::HLine);
    line->setFrameShadow(QFrame::Plain);
    line->setForegroundRole(QPalette::Mid);
    return line;
}

ConversationHeader conversationHeader(const QString &objectName, QWidget *parent)
{
    const int em = parent->fontMetrics().height();
    auto *widget = new QWidget(parent);
    auto *frame = new QFrame(widget);
    frame->setObjectName(objectName);
    frame->setAutoFillBackground(true);
    frame->setBackgroundRole(QPalette::Window);
    auto *row = new QHBoxLayout(frame);
    row->setContentsMargins(em, qRound(em * 0.6), qRound(em * 0.6), qRound(em * 0.6));
    row->setSpacing(qRound(em * 0.7));
    auto *column = new QVBoxLayout(widget);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(0);
    column->addWidget(frame);
    column->addWidget(horizontalLine(widget));
    return {frame, row, widget};
}

QLabel *titleLabel(const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont font = label->font();
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 1.15);
    label->setFont(font);
    return label;
}

QPixmap tintedPixmap(const QString &name, const QColor &colour, int side, qreal devicePixelRatio)
{
    QPixmap pixmap = icon(name).pixmap(QSize(side, side), devicePixelRatio);
    QPainter painter(&pixmap);
    painter.setCompositionMode(QPainter::CompositionMode_SourceIn);
    painter.fillRect(QRect(QPoint(), pixmap.deviceIndependentSize().toSize()), colour);
    painter.end();
    return pixmap;
}

QStringList localFiles(const QMimeData *data)
{
    QStringList files;
    if (!data || !data->hasUrls())
        return files;
    for (const QUrl &url : data->urls()) {
        if (url.isLocalFile() && QFileInfo(url.toLocalFile()).isFile())
            files.append(url.toLocalFile());
    }
    return files;
}

} // namespace flint::ui

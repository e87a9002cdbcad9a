#include "AvatarCropDialog.h"

#include "common/Icons.h"

#include <QDialogButtonBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QPushButton>
#include <QSlider>
#include <QVBoxLayout>
#include <QWheelEvent>

namespace flint::ui {
namespace {

constexpr int MinZoom = 100;
constexpr int MaxZoom = 800;
constexpr int ZoomStep = 10;
// A wheel notch (120 units) zooms by one ZoomStep.
constexpr int WheelUnitsPerPercent = 120 / ZoomStep;

} // namespace

AvatarCropDialog::AvatarCropDialog(const QImage &image, QWidget *parent)
    : QDialog(parent), m_image(image), m_canvas(new QWidget(this)), m_hint(new QLabel(this)),
      m_previewCaption(new QLabel(this)), m_preview(new QLabel(this)),
      m_zoomLabel(new QLabel(this)), m_zoom(new QSlider(Qt::Horizontal, this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("avatarCropDialog"));
    const int em = fontMetrics().height();

    m_hint->setWordWrap(true);
    m_hint->setForegroundRole(QPalette::PlaceholderText);

    m_canvas->setObjectName(QStringLiteral("cropCanvas"));
    m_canvas->setMinimumSize(em * 22, em * 16);
    m_canvas->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    m_canvas->setFocusPolicy(Qt::StrongFocus);
    m_canvas->setCursor(Qt::OpenHandCursor);
    m_canvas->installEventFilter(this);

    m_previewCaption->setAlignment(Qt::AlignHCenter);
    m_preview->setObjectName(QStringLiteral("cropPreview"));
    m_preview->setAlignment(Qt::AlignCenter);
    m_preview->setMinimumSize(em * 7, em * 7);

    m_zoom->setObjectName(QStringLiteral("zoomSlider"));
    m_zoom->setRange(MinZoom, MaxZoom);
    m_zoom->setSingleStep(ZoomStep);
    m_zoom->setPageStep(ZoomStep * 5);
    m_zoomLabel->setBuddy(m_zoom);
    connect(m_zoom, &QSlider::valueChanged, this, &AvatarCropDialog::applyZoom);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!m_image.isNull());

    auto *previewColumn = new QVBoxLayout;
    previewColumn->addWidget(m_previewCaption);
    previewColumn->addWidget(m_preview);
    previewColumn->addStretch();

    auto *cropRow = new QHBoxLayout;
    cropRow->setSpacing(em);
    cropRow->addWidget(m_canvas, 1);
    cropRow->addLayout(previewColumn);

    auto *zoomRow = new QHBoxLayout;
    zoomRow->addWidget(m_zoomLabel);
    zoomRow->addWidget(m_zoom, 1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(em, em, em, em);
    layout->setSpacing(em * 2 / 3);
    layout->addWidget(m_hint);
    layout->addLayout(cropRow, 1);
    layout->addLayout(zoomRow);
    layout->addWidget(m_buttons);

    // Room for the picture beyond the canvas's minimum; the wrapped hint is not counted in the
    // dialog's minimum height.
    resize(em * 32, em * 26);

    setTabOrder(m_canvas, m_zoom);
    setTabOrder(m_zoom, m_buttons);

    const int side = qMin(m_image.width(), m_image.height());
    m_crop = QRect((m_image.width() - side) / 2, (m_image.height() - side) / 2, side, side);
    retranslateUi();
    cropChanged();
    m_canvas->setFocus();
}

QImage AvatarCropDialog::croppedImage() const
{
    return m_image.isNull() ? QImage() : m_image.copy(m_crop);
}

void AvatarCropDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

bool AvatarCropDialog::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_canvas && handleCanvasEvent(event))
        return true;
    return QDialog::eventFilter(watched, event);
}

void AvatarCropDialog::retranslateUi()
{
    setWindowTitle(tr("Crop Picture"));
    m_hint->setText(tr("Drag the frame over the part of the picture to show. Zoom with the mouse "
                       "wheel or the slider; the arrow keys move the frame."));
    m_previewCaption->setText(tr("Preview"));
    m_zoomLabel->setText(tr("&Zoom"));
    m_canvas->setAccessibleName(tr("Picture with crop frame"));
    m_zoom->setAccessibleName(tr("Zoom"));
    m_preview->setAccessibleName(tr("Preview of the avatar"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Use Picture"));
}

bool AvatarCropDialog::handleCanvasEvent(QEvent *event)
{
    switch (event->type()) {
    case QEvent::Paint:
        paintCanvas();
        return true;
    case QEvent::MouseButtonPress: {
        auto *mouse = static_cast<QMouseEvent *>(event);
        if (mouse->button() != Qt::LeftButton || m_image.isNull())
            return false;
        const QPointF point = toImage(mouse->position());
        // A press outside the frame brings it there, so one drag is enough.
        if (!QRectF(m_crop).contains(point))
            moveCrop((point - QPointF(m_crop.width(), m_crop.height()) / 2).toPoint());
        m_grabOffset = point - QPointF(m_crop.topLeft());
        m_dragging = true;
        m_canvas->setCursor(Qt::ClosedHandCursor);
        return true;
    }
    case QEvent::MouseMove: {
        if (!m_dragging)
            return false;
        auto *mouse = static_cast<QMouseEvent *>(event);
        moveCrop((toImage(mouse->position()) - m_grabOffset).toPoint());
        return true;
    }
    case QEvent::MouseButtonRelease:
        if (!m_dragging)
            return false;
        m_dragging = false;
        m_canvas->setCursor(Qt::OpenHandCursor);
        return true;
    case QEvent::Wheel: {
        auto *wheel = static_cast<QWheelEvent *>(event);
        m_zoom->setValue(m_zoom->value() + wheel->angleDelta().y() / WheelUnitsPerPercent);
        return true;
    }
    case QEvent::KeyPress: {
        auto *key = static_cast<QKeyEvent *>(event);
        const int step = key->modifiers() & Qt::ShiftModifier ? 1 : qMax(1, m_crop.width() / 20);
        QPoint offset;
        switch (key->key()) {
        case Qt::Key_Left:
            offset = {-step, 0};
            break;
        case Qt::Key_Right:
            offset = {step, 0};
            break;
        case Qt::Key_Up:
            offset = {0, -step};
            break;
        case Qt::Key_Down:
            offset = {0, step};
            break;
        case Qt::Key_Plus:
        case Qt::Key_Equal:
            m_zoom->setValue(m_zoom->value() + ZoomStep);
            return true;
        case Qt::Key_Minus:
            m_zoom->setValue(m_zoom->value() - ZoomStep);
            return true;
        default:
            return false;
        }
        moveCrop(m_crop.topLeft() + offset);
        return true;
    }
    case QEvent::FocusIn:
    case QEvent::FocusOut:
        m_canvas->update();
        return false;
    default:
        return false;
    }
}

void AvatarCropDialog::paintCanvas()
{
    QPainter painter(m_canvas);
    painter.setRenderHints(QPainter::Antialiasing | QPainter::SmoothPixmapTransform);
    const qreal radius = fontMetrics().height() / 3.0;
    QPainterPath background;
    background.addRoundedRect(QRectF(m_canvas->rect()), radius, radius);
    painter.fillPath(background, QColor(0x20, 0x21, 0x24));
    if (m_image.isNull())
        return;

    const QRectF area = imageArea();
    painter.drawImage(area, m_image);

    const qreal scale = area.width() / m_image.width();
    const QRectF frame(area.topLeft() + QPointF(m_crop.topLeft()) * scale,
                       QSizeF(m_crop.size()) * scale);
    QPainterPath outside;
    outside.addRect(area);
    QPainterPath square;
    square.addRect(frame);
    QPainterPath circle;
    circle.addEllipse(frame);
    // Outside the frame dimmed strongly; the corners the round avatar cuts off, lightly.
    painter.fillPath(outside.subtracted(square), QColor(0, 0, 0, 150));
    painter.fillPath(square.subtracted(circle), QColor(0, 0, 0, 70));

    const qreal line = qMax(1.0, fontMetrics().height() / 10.0);
    painter.setBrush(Qt::NoBrush);
    painter.setPen(QPen(QColor(255, 255, 255, 150), line / 2, Qt::DashLine));
    painter.drawEllipse(frame);
    const QColor frameColour =
        m_canvas->hasFocus() ? palette().color(QPalette::Highlight) : QColor(Qt::white);
    painter.setPen(QPen(frameColour, line));
    painter.drawRect(frame);
}

QRectF AvatarCropDialog::imageArea() const
{
    const qreal margin = fontMetrics().height() / 2.0;
    const QRectF available = QRectF(m_canvas->rect()).adjusted(margin, margin, -margin, -margin);
    if (m_image.isNull() || available.isEmpty())
        return available;
    const qreal scale =
        qMin(available.width() / m_image.width(), available.height() / m_image.height());
    QRectF area(0, 0, m_image.width() * scale, m_image.height() * scale);
    area.moveCenter(available.center());
    return area;
}

QPointF AvatarCropDialog::toImage(const QPointF &canvasPoint) const
{
    const QRectF area = imageArea();
    if (area.isEmpty())
        return {};
    return (canvasPoint - area.topLeft()) * (m_image.width() / area.width());
}

int AvatarCropDialog::sideForZoom(int zoomPercent) const
{
    const int shorter = qMin(m_image.width(), m_image.height());
    return qBound(qMin(shorter, 16), qRound(shorter * 100.0 / zoomPercent), shorter);
}

void AvatarCropDialog::applyZoom(int zoomPercent)
{
    if (m_image.isNull())
        return;
    const QPointF centre = QRectF(m_crop).center();
    const int side = sideForZoom(zoomPercent);
    m_crop.setSize({side, side});
    moveCrop((centre - QPointF(side, side) / 2).toPoint());
}

void AvatarCropDialog::moveCrop(const QPoint &topLeft)
{
    m_crop.moveTopLeft({qBound(0, topLeft.x(), m_image.width() - m_crop.width()),
                        qBound(0, topLeft.y(), m_image.height() - m_crop.height())});
    cropChanged();
}

void AvatarCropDialog::cropChanged()
{
    const int size = fontMetrics().height() * 6;
    m_preview->setPixmap(avatarPixmap(croppedImage(), {}, {}, size, devicePixelRatioF()));
    m_canvas->update();
}

} // namespace flint::ui

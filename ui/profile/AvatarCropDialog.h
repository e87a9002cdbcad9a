// Lets the user pick the square part of a picture that becomes the avatar: a frame moved by
// dragging or the arrow keys and resized with the wheel or a zoom slider, with a round preview.
#pragma once

#include <QDialog>
#include <QImage>
#include <QPointF>
#include <QRect>
#include <QRectF>

class QDialogButtonBox;
class QLabel;
class QSlider;

namespace flint::ui {

class AvatarCropDialog : public QDialog {
    Q_OBJECT
public:
    explicit AvatarCropDialog(const QImage &image, QWidget *parent = nullptr);

    // The chosen square of the picture, at the picture's own resolution.
    QImage croppedImage() const;
    // The chosen square in picture coordinates.
    QRect cropRect() const { return m_crop; }

protected:
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void retranslateUi();
    // The canvas is a plain widget drawn and driven from here, so the dialog stays one class.
    void paintCanvas();
    bool handleCanvasEvent(QEvent *event);
    // Where the picture is drawn on the canvas: as large as fits, centred.
    QRectF imageArea() const;
    QPointF toImage(const QPointF &canvasPoint) const;
    // The frame's side for a zoom level: 100 % is the picture's shorter side.
    int sideForZoom(int zoomPercent) const;
    void applyZoom(int zoomPercent);
    void moveCrop(const QPoint &topLeft);
    void cropChanged();

    QImage m_image;
    QRect m_crop;
    QWidget *m_canvas;
    QLabel *m_hint;
    QLabel *m_previewCaption;
    QLabel *m_preview;
    QLabel *m_zoomLabel;
    QSlider *m_zoom;
    QDialogButtonBox *m_buttons;
    bool m_dragging = false;
    QPointF m_grabOffset; // from the frame's top left to where it was grabbed, in picture pixels
};

} // namespace flint::ui

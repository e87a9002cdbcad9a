#include "FileDropArea.h"

#include "common/Widgets.h"

#include <QApplication>
#include <QDropEvent>
#include <QLabel>

using namespace Qt::StringLiterals;

namespace flint::ui {

FileDropArea::FileDropArea(QWidget *host, std::function<bool()> accepts,
                           std::function<QString()> veilText)
    : QObject(host), m_host(host), m_veil(new QLabel(host)), m_accepts(std::move(accepts)),
      m_veilText(std::move(veilText))
{
    m_veil->setObjectName(u"dropTarget"_s);
    m_veil->setAlignment(Qt::AlignCenter);
    m_veil->setWordWrap(true);
    m_veil->setAttribute(Qt::WA_TransparentForMouseEvents);
    m_veil->hide();
    styleVeil();
    watch(host);
}

void FileDropArea::watch(QWidget *child)
{
    child->setAcceptDrops(true);
    child->installEventFilter(this);
}

bool FileDropArea::eventFilter(QObject *watched, QEvent *event)
{
    switch (event->type()) {
    case QEvent::DragEnter:
    case QEvent::DragMove: {
        auto *drag = static_cast<QDragMoveEvent *>(event);
        if (localFiles(drag->mimeData()).isEmpty())
            break;
        if (!m_accepts()) {
            drag->ignore();
            return true;
        }
        drag->setDropAction(Qt::CopyAction);
        drag->accept();
        showVeil(true);
        return true;
    }
    case QEvent::DragLeave:
        showVeil(false);
        break;
    case QEvent::Drop: {
        auto *drop = static_cast<QDropEvent *>(event);
        const QStringList files = localFiles(drop->mimeData());
        if (files.isEmpty())
            break;
        showVeil(false);
        if (!m_accepts()) {
            drop->ignore();
            return true;
        }
        drop->setDropAction(Qt::CopyAction);
        drop->accept();
        Q_EMIT filesDropped(files);
        return true;
    }
    case QEvent::Resize:
        if (watched == m_host && m_veil->isVisible())
            showVeil(true);
        break;
    case QEvent::PaletteChange:
        if (watched == m_host)
            styleVeil();
        break;
    default:
        break;
    }
    return QObject::eventFilter(watched, event);
}

void FileDropArea::showVeil(bool show)
{
    if (show) {
        m_veil->setText(m_veilText());
        const int margin = m_host->fontMetrics().height() / 2;
        m_veil->setGeometry(m_host->rect().adjusted(margin, margin, -margin, -margin));
        m_veil->raise();
    }
    m_veil->setVisible(show);
}

void FileDropArea::styleVeil()
{
    const QPalette app = QApplication::palette();
    QColor veil = app.color(QPalette::Base);
    veil.setAlphaF(0.94);
    const QColor accent = app.color(QPalette::Highlight);
    m_veil->setStyleSheet(
        u"QLabel#dropTarget { background: rgba(%1, %2, %3, %4); color: %5;"
        " border: 2px dashed %5; border-radius: %6px; font-weight: bold; }"_s.arg(veil.red())
            .arg(veil.green())
            .arg(veil.blue())
            .arg(veil.alpha())
            .arg(accent.name())
            .arg(m_host->fontMetrics().height() / 2));
}

} // namespace flint::ui

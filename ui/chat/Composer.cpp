#include "Composer.h"

#include "chat/EmojiPicker.h"
#include "chat/MessageInput.h"
#include "common/Widgets.h"

#include <QApplication>
#include <QEvent>
#include <QHBoxLayout>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace flint::ui {

Composer::Composer(QWidget *parent)
    : QFrame(parent), m_input(new MessageInput(this)),
      m_fileButton(iconButton(u"sendFileButton"_s, u"attach"_s, this)),
      m_emojiButton(iconButton(u"emojiButton"_s, u"emoji"_s, this)),
      m_sendButton(iconButton(u"sendButton"_s, u"send"_s, this))
{
    setObjectName(u"composer"_s);
    m_input->setFrameShape(QFrame::NoFrame);
    m_input->installEventFilter(this);
    m_sendButton->setEnabled(false);
    connect(m_input, &MessageInput::sendRequested, this, &Composer::sendRequested);
    connect(m_sendButton, &QToolButton::clicked, this, &Composer::sendRequested);
    connect(m_fileButton, &QToolButton::clicked, this, &Composer::fileRequested);
    connect(m_input, &MessageInput::typingChanged, this, [this](bool typing) {
        updateSendButton();
        Q_EMIT typingChanged(typing);
    });
    connect(m_emojiButton, &QToolButton::clicked, this, [this] {
        if (!m_emojiPicker) {
            m_emojiPicker = new EmojiPicker(this);
            connect(m_emojiPicker, &EmojiPicker::emojiChosen, m_input,
                    &MessageInput::insertAtCursor);
        }
        m_emojiPicker->popup(m_emojiButton);
    });

    const int em = fontMetrics().height();
    auto *row = new QHBoxLayout(this);
    row->setContentsMargins(em / 4, em / 6, em / 4, em / 6);
    row->setSpacing(em / 6);
    row->addWidget(m_fileButton, 0, Qt::AlignBottom);
    row->addWidget(m_emojiButton, 0, Qt::AlignBottom);
    row->addWidget(m_input, 1);
    row->addWidget(m_sendButton, 0, Qt::AlignBottom);

    setTabOrder(m_input, m_sendButton);
    setTabOrder(m_sendButton, m_emojiButton);
    setTabOrder(m_emojiButton, m_fileButton);
    setFocusProxy(m_input);
    retranslateUi();
    updateStyle();
}

QWidget *Composer::lastInTabOrder() const
{
    return m_fileButton;
}

QString Composer::takeText()
{
    const QString text = m_input->toPlainText().trimmed();
    if (!text.isEmpty())
        m_input->clear();
    return text;
}

void Composer::setWritable(bool writable)
{
    m_input->setEnabled(writable);
    m_emojiButton->setEnabled(writable);
    m_fileButton->setEnabled(writable);
    updateSendButton();
}

void Composer::setFileToolTip(const QString &text)
{
    m_fileToolTip = text;
    m_fileButton->setToolTip(text);
}

void Composer::updateSendButton()
{
    m_sendButton->setEnabled(m_input->isEnabled() && !m_input->toPlainText().trimmed().isEmpty());
}

// The rounded frame: the accent colour while the field has the focus, a faint line otherwise.
void Composer::updateStyle()
{
    const bool focused = m_input->hasFocus();
    const QPalette app = QApplication::palette();
    QColor border = app.color(focused ? QPalette::Highlight : QPalette::Text);
    if (!focused)
        border.setAlphaF(0.22);
    const int radius = qRound(fontMetrics().height() * 0.6);
    const QString sheet =
        u"QFrame#composer { background: %1; border: 1px solid rgba(%2, %3, %4, %5);"
        " border-radius: %6px; }"_s.arg(app.color(QPalette::Base).name())
            .arg(border.red())
            .arg(border.green())
            .arg(border.blue())
            .arg(border.alpha())
            .arg(radius);
    // Setting a style sheet changes the palette: the same sheet again would never end.
    if (sheet != styleSheet())
        setStyleSheet(sheet);
}

void Composer::retranslateUi()
{
    m_fileButton->setToolTip(m_fileToolTip.isEmpty() ? tr("Send a file (or drop it here)")
                                                     : m_fileToolTip);
    m_fileButton->setAccessibleName(tr("Send file"));
    m_emojiButton->setToolTip(tr("Insert emoji"));
    m_emojiButton->setAccessibleName(tr("Insert emoji"));
    m_sendButton->setToolTip(tr("Send (Enter)"));
    m_sendButton->setAccessibleName(tr("Send"));
}

bool Composer::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_input &&
        (event->type() == QEvent::FocusIn || event->type() == QEvent::FocusOut))
        updateStyle();
    return QFrame::eventFilter(watched, event);
}

void Composer::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::ApplicationPaletteChange)
        updateStyle();
    QFrame::changeEvent(event);
}

} // namespace flint::ui

#include "MessageInput.h"

#include "common/Metrics.h"

#include <QAbstractTextDocumentLayout>
#include <QKeyEvent>

namespace flint::ui {
namespace {

constexpr int MaxVisibleLines = 5;

} // namespace

MessageInput::MessageInput(QWidget *parent) : QPlainTextEdit(parent)
{
    setObjectName(QStringLiteral("messageInput"));
    setTabChangesFocus(true);
    setLineWrapMode(WidgetWidth);
    setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    document()->setDocumentMargin(fontMetrics().height() * 0.3);
    connect(this, &QPlainTextEdit::textChanged, this, [this] {
        updateHeight();
        Q_EMIT typingChanged(!document()->isEmpty());
    });
    // Wrapping changes the number of lines without an edit.
    connect(document()->documentLayout(), &QAbstractTextDocumentLayout::documentSizeChanged, this,
            &MessageInput::updateHeight);
    retranslateUi();
    updateHeight();
}

void MessageInput::retranslateUi()
{
    setPlaceholderText(tr("Type a message"));
    setAccessibleName(tr("Message"));
    setAccessibleDescription(tr("Enter sends the message, Shift+Enter starts a new line"));
}

void MessageInput::insertAtCursor(const QString &text)
{
    insertPlainText(text);
    setFocus(Qt::OtherFocusReason);
}

int MessageInput::heightForLines(int lines) const
{
    const QMargins margins = contentsMargins();
    // The plain text edit counts a line as shown when it ends a pixel above the bottom margin.
    return qCeil(lines * textLineHeight(font()) + 2 * document()->documentMargin()) + 1 +
           margins.top() + margins.bottom();
}

QSize MessageInput::sizeHint() const
{
    return {QPlainTextEdit::sizeHint().width(), heightForLines(m_lines)};
}

QSize MessageInput::minimumSizeHint() const
{
    return {fontMetrics().height() * 6, heightForLines(1)};
}

void MessageInput::updateHeight()
{
    // The plain text layout measures its document in lines.
    const int lines =
        qBound(1, qCeil(document()->documentLayout()->documentSize().height()), MaxVisibleLines);
    // Below the limit everything shows; a scroll bar would only be noise.
    const Qt::ScrollBarPolicy policy =
        lines < MaxVisibleLines ? Qt::ScrollBarAlwaysOff : Qt::ScrollBarAsNeeded;
    if (verticalScrollBarPolicy() != policy)
        setVerticalScrollBarPolicy(policy);
    const int height = heightForLines(lines);
    if (lines == m_lines && minimumHeight() == height && maximumHeight() == height)
        return;
    m_lines = lines;
    setFixedHeight(height);
    updateGeometry();
}

void MessageInput::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) {
        const Qt::KeyboardModifiers modifiers = event->modifiers() & ~Qt::KeypadModifier;
        if (modifiers == Qt::NoModifier) {
            Q_EMIT sendRequested();
            return;
        }
        if (modifiers == Qt::ShiftModifier) {
            // A real line break, as in the sent text, not the editor's soft one.
            insertPlainText(QStringLiteral("\n"));
            ensureCursorVisible();
            return;
        }
    }
    QPlainTextEdit::keyPressEvent(event);
}

void MessageInput::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    if (event->type() == QEvent::FontChange)
        document()->setDocumentMargin(fontMetrics().height() * 0.3);
    // A new font or frame (the chat tab drops the frame) changes the height of the lines.
    if (event->type() == QEvent::FontChange || event->type() == QEvent::ContentsRectChange)
        updateHeight();
    QPlainTextEdit::changeEvent(event);
}

} // namespace flint::ui

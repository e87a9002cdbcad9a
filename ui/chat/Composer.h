// Where a message is written, in a conversation tab and in a room window alike: the growing
// input field between the file and emoji buttons on the left and the send button on the right,
// in a rounded frame that takes the accent colour while the field has the focus.
#pragma once

#include <QFrame>

class QToolButton;

namespace flint::ui {

class EmojiPicker;
class MessageInput;

class Composer : public QFrame {
    Q_OBJECT
public:
    explicit Composer(QWidget *parent = nullptr);

    MessageInput *input() const { return m_input; }
    QToolButton *fileButton() const { return m_fileButton; }
    // The last of the composer's controls in the tab order (input, send, emoji, file).
    QWidget *lastInTabOrder() const;

    // The text to send, trimmed; the field is emptied. Empty when there is nothing to send.
    QString takeText();
    // Whether the user may write here now (a room without voice, a room not joined): the field
    // and every button follow.
    void setWritable(bool writable);
    // What the file button's tooltip says (a translated text, set again on a language change);
    // by default it speaks of a conversation.
    void setFileToolTip(const QString &text);

Q_SIGNALS:
    // Enter in the field or the send button.
    void sendRequested();
    void fileRequested();
    // On every edit: whether the field holds text now.
    void typingChanged(bool typing);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void updateStyle();
    void updateSendButton();

    MessageInput *m_input;
    QToolButton *m_fileButton;
    QToolButton *m_emojiButton;
    QToolButton *m_sendButton;
    EmojiPicker *m_emojiPicker = nullptr;
    QString m_fileToolTip; // empty: the default
};

} // namespace flint::ui

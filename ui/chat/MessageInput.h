// Where the user writes a message: Enter sends, Shift+Enter starts a new line; the field grows
// with its text up to about five lines and scrolls after that.
#pragma once

#include <QPlainTextEdit>

namespace flint::ui {

class MessageInput : public QPlainTextEdit {
    Q_OBJECT
public:
    explicit MessageInput(QWidget *parent = nullptr);

    // Inserts at the cursor (an emoji from the picker) and takes the focus back.
    void insertAtCursor(const QString &text);
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void sendRequested();
    // On every edit: whether the field holds text now.
    void typingChanged(bool typing);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    int heightForLines(int lines) const;
    void updateHeight();

    int m_lines = 1;
};

} // namespace flint::ui

// The find bar over a transcript, shared by the chat tab and the room window: matches in the
// messages highlighted as the user types, Enter for an older match (reading older history when
// the loaded messages hold none), Shift+Enter for a newer one, "3 of 12" or why there is none,
// Esc to close.
#pragma once

#include <QFrame>
#include <QMetaObject>

class QAction;
class QLabel;
class QLineEdit;
class QToolButton;

namespace flint {
class MessageListModel;
} // namespace flint

namespace flint::ui {

class TranscriptView;

class SearchBar : public QFrame {
    Q_OBJECT
public:
    // Searches what `view` shows; F3 and Shift+F3 (FindNext, FindPrevious) work anywhere in
    // `parent` while the bar is open. Hidden until open().
    SearchBar(TranscriptView *view, QWidget *parent);
    ~SearchBar() override;

    // Shows the bar with the focus in its field, the text selected.
    void open();
    // Hides the bar and forgets the text (closed() follows).
    void dismiss();
    // `button` opens and closes the bar; its tooltip names the shortcut.
    void setToggleButton(QToolButton *button);
    // The view was given other messages (a room's history after leaving it): search those.
    void followMessages();

Q_SIGNALS:
    // The user closed the bar: the host puts the focus back where typing goes.
    void closed();

protected:
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    enum class Direction { Older, Newer };

    void retranslateUi();
    void applyColours();
    void textChanged();
    // Finds the next match in `direction` from the current one, reading up to `pageBudget`
    // older pages when the loaded messages hold none.
    void findMatch(Direction direction, int pageBudget);
    bool matches(int row) const;
    void updateStatus(bool found, Direction direction);

    TranscriptView *m_view;
    MessageListModel *m_messages = nullptr;
    QMetaObject::Connection m_rowsInserted;
    QToolButton *m_toggleButton = nullptr;
    QLineEdit *m_field = nullptr;
    QAction *m_fieldIcon = nullptr;
    QLabel *m_status = nullptr;
    QToolButton *m_olderButton = nullptr;
    QToolButton *m_newerButton = nullptr;
    QToolButton *m_closeButton = nullptr;
    qint64 m_matchId = 0;
};

} // namespace flint::ui

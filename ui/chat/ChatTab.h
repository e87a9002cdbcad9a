// One conversation in the chat window: the peer's avatar, name and status on top, the
// transcript with a find bar, what the peer is doing (typing…), send errors, and the composer
// with its emoji picker.
#pragma once

#include "client/PresenceManager.h"

#include <QFrame>
#include <QWidget>

class QLabel;
class QLineEdit;
class QToolButton;

namespace flint {
class ClientAccount;
class Conversation;
enum class ChatState;
} // namespace flint

namespace flint::ui {

class EmojiPicker;
class MessageInput;
class TranscriptView;

class ChatTab : public QWidget {
    Q_OBJECT
public:
    ChatTab(ClientAccount &account, Conversation &conversation, QWidget *parent = nullptr);
    ~ChatTab() override;

    QString peer() const;
    Conversation &conversation() const { return m_conversation; }
    // The roster name, or the JID's local part.
    QString displayName() const { return m_peerName; }
    PresenceStatus::Availability availability() const { return m_availability; }
    int unreadCount() const;

    TranscriptView *transcript() const { return m_view; }
    MessageInput *input() const { return m_input; }
    void focusInput();
    void showMessage(qint64 messageId);
    // Opens the find bar with the focus in it.
    void showSearch();

Q_SIGNALS:
    // The name, presence or unread count shown in the tab changed.
    void summaryChanged();
    void profileRequested(const QString &jid);

protected:
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    enum class SearchDirection { Older, Newer };

    QWidget *createHeader();
    QWidget *createSearchBar();
    QWidget *createComposer();
    void retranslateUi();
    // Colours the palette does not carry: secondary text, the error notice, the composer frame.
    void applyColours();
    void applyComposerStyle(bool focused);
    void refreshPeer();
    void refreshOwnName();
    void refreshAvatar();
    void updateTypingIndicator(ChatState state);
    void send();
    void showSendError(const QString &stanzaId, const QString &text);
    void hideSearch();
    void searchTextChanged();
    // Finds the next match in `direction` from the current one, reading up to `pageBudget`
    // older pages when the loaded messages hold none.
    void findMatch(SearchDirection direction, int pageBudget);
    bool matches(int row) const;
    void updateSearchStatus(bool found, bool historyLeft, SearchDirection direction);

    ClientAccount &m_account;
    Conversation &m_conversation;
    QString m_peerName;
    QString m_ownName;
    PresenceStatus m_status;
    PresenceStatus::Availability m_availability = PresenceStatus::Offline;
    QString m_avatarHash;

    QLabel *m_avatar = nullptr;
    QLabel *m_name = nullptr;
    QLabel *m_statusIcon = nullptr;
    QLabel *m_statusText = nullptr;
    QToolButton *m_searchButton = nullptr;
    QToolButton *m_profileButton = nullptr;
    QFrame *m_searchBar = nullptr;
    QLineEdit *m_searchField = nullptr;
    QLabel *m_searchStatus = nullptr;
    QToolButton *m_olderButton = nullptr;
    QToolButton *m_newerButton = nullptr;
    QToolButton *m_closeSearchButton = nullptr;
    TranscriptView *m_view = nullptr;
    QLabel *m_typing = nullptr;
    QFrame *m_notice = nullptr;
    QLabel *m_noticeIcon = nullptr;
    QLabel *m_noticeText = nullptr;
    QToolButton *m_closeNoticeButton = nullptr;
    QFrame *m_composer = nullptr;
    QToolButton *m_emojiButton = nullptr;
    MessageInput *m_input = nullptr;
    QToolButton *m_sendButton = nullptr;
    EmojiPicker *m_emojiPicker = nullptr;
    qint64 m_matchId = 0;
};

} // namespace flint::ui

// Past conversations: every conversation to browse on the left (rooms by their names, with a room
// icon), and a full-text search over all of them as the user types (a room's hits say who wrote
// them); activating a hit (or a message) opens it in the chat window or in the room's window.
#pragma once

#include <QTimer>
#include <QWidget>

class QAction;
class QLabel;
class QLineEdit;
class QListView;
class QStackedWidget;
class QStandardItemModel;

namespace flint {
class ClientAccount;
class MessageListModel;
} // namespace flint

namespace flint::ui {

class TranscriptView;

class HistoryWindow : public QWidget {
    Q_OBJECT
public:
    // What each row of the results list ("historyResults") holds.
    enum ResultRole {
        PeerRole = Qt::UserRole + 1,
        MessageIdRole,
        TimestampRole,
        SnippetHtmlRole, // the snippet, HTML-escaped, with the matches in <b>…</b>
        GroupChatRole,   // the hit is in a room
        NickRole,        // in a room, the nick of the hit's author
    };
    Q_ENUM(ResultRole)

    static constexpr int SearchLimit = 200;

    explicit HistoryWindow(ClientAccount &account, QWidget *parent = nullptr);
    ~HistoryWindow() override;

Q_SIGNALS:
    void messageActivated(const QString &peer, qint64 messageId);

protected:
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void retranslateUi();
    void search();
    // Whether history keeps `peer` as a room (its bare JID), not a person.
    bool isGroupChat(const QString &peer) const;
    // Shows the conversation's messages; `reload` reads them anew (it changed meanwhile).
    void showConversation(const QString &peer, bool groupChat, bool reload = false);
    void updateResultsLabel();

    ClientAccount &m_account;
    QLineEdit *m_searchField;
    QAction *m_searchIcon;
    QListView *m_conversations;
    QStackedWidget *m_pages;
    QLabel *m_placeholder;
    QWidget *m_browsePage;
    QLabel *m_browseTitle;
    QLabel *m_browseHint;
    TranscriptView *m_transcript;
    QWidget *m_resultsPage;
    QLabel *m_resultsLabel;
    QListView *m_results;
    QStandardItemModel *m_resultModel;
    MessageListModel *m_browsed = nullptr;
    QString m_browsedPeer;
    bool m_browsedGroupChat = false;
    QTimer m_searchTimer;
};

} // namespace flint::ui

// One joined room in a window of its own (Spark and Gajim style): the room's name, subject and
// the user's nick on top; the transcript with its find bar (Ctrl+F) and the composer (emoji,
// files by button or drop); the participants by role on the right with a moderation menu limited
// to what the user's role and affiliation allow; the room's menu (invite, nick, subject, bookmark,
// settings, destroy, leave). Joining and rejoining after a reconnection disable the composer; being
// kicked, banned or the room being destroyed shows a banner with the reason; failures show the
// core's wording.
#pragma once

#include "client/RoomService.h"

#include <QPointer>
#include <QWidget>

#include <functional>

class QAction;
class QLabel;
class QListView;
class QMenu;
class QSplitter;
class QToolButton;

namespace flint {
class ClientAccount;
class MessageListModel;
struct TransferError;
} // namespace flint

namespace flint::ui {

class Composer;
class MessageInput;
class NoticeBar;
class SearchBar;
class TranscriptView;

class RoomWindow : public QWidget {
    Q_OBJECT
public:
    RoomWindow(ClientAccount &account, Room &room, QWidget *parent = nullptr);
    ~RoomWindow() override;

    QString roomJid() const { return m_roomJid; }
    // Null once the room object is gone (the account logged out).
    Room *room() const { return m_room; }
    // Whether the window is active and not minimised: its messages are being read.
    bool isOnScreen() const;
    // Shows the window without taking the focus from the active one.
    void showInBackground();

    TranscriptView *transcript() const { return m_view; }
    MessageInput *input() const { return m_input; }
    QListView *occupantList() const { return m_occupants; }
    QMenu *roomMenu() const { return m_roomMenu; }
    // Opens the find bar over the transcript with the focus in it (also Ctrl+F).
    void showSearch();
    // The moderation menu for the occupant at `row` of the participant list, as a right click
    // opens it (the caller shows or executes it; it deletes itself when closed).
    QMenu *createOccupantMenu(int row);
    // Sends the files as a right-click "Send file" or a drop would; errors show in the window.
    void sendFiles(const QStringList &paths);

Q_SIGNALS:
    // A private chat with an occupant through the room, by their address in it (room/nick).
    void privateChatRequested(const QString &occupantJid);
    // Join Again after an exit or a failed join: this window stays until the new join has one.
    void joinAgainRequested(const QString &roomJid, const QString &nick, const QString &password);

protected:
    void changeEvent(QEvent *event) override;
    void closeEvent(QCloseEvent *event) override;
    bool event(QEvent *event) override;

private:
    QWidget *createHeader();
    QWidget *createNotices();
    QWidget *createComposer();
    QWidget *createOccupantPane();
    void createMenu();
    void retranslateUi();
    void applyColours();

    void refreshHeader();
    void refreshState();
    void refreshActions();
    void refreshTitle();
    void refreshOccupantCount();
    void showExit(RoomExit exit, const QString &reason);
    void showFailure(const RoomError &error);
    void showFileFailure(const QString &fileName, const TransferError &error);
    void markReadIfOnScreen();
    void send();
    void showOccupantMenu(const QPoint &position);
    void insertNick(const QString &nick);

    // What the room menu opens.
    void chooseFiles();
    void invite();
    void changeNick();
    void changeSubject();
    void editBookmark();
    void editSettings();
    void confirmDestroy();
    void leave();
    // A prompt for an optional reason, then `apply(reason)`.
    void askReason(const QString &title, const QString &label, const QString &acceptText,
                   const std::function<void(const QString &)> &apply);

    ClientAccount &m_account;
    QPointer<Room> m_room;
    // The room's history once the room object is gone (after leaving it).
    MessageListModel *m_history = nullptr;
    QString m_roomJid;
    // What the room was joined with, for Join Again once the room object is gone.
    QString m_joinNick;
    QString m_joinPassword;
    bool m_everJoined = false;
    bool m_exited = false;
    RoomExit m_exit = RoomExit::Left;
    QString m_exitReason;
    QString m_joinFailure;

    QLabel *m_roomIcon = nullptr;
    QLabel *m_name = nullptr;
    QLabel *m_subject = nullptr;
    QToolButton *m_subjectButton = nullptr;
    QLabel *m_nick = nullptr;
    QToolButton *m_searchButton = nullptr;
    QToolButton *m_inviteButton = nullptr;
    QToolButton *m_bookmarkButton = nullptr;
    QToolButton *m_menuButton = nullptr;
    NoticeBar *m_stateNotice = nullptr;
    NoticeBar *m_exitBanner = nullptr;
    NoticeBar *m_errorNotice = nullptr;
    QSplitter *m_splitter = nullptr;
    TranscriptView *m_view = nullptr;
    SearchBar *m_searchBar = nullptr;
    Composer *m_composer = nullptr;
    MessageInput *m_input = nullptr;
    QLabel *m_occupantTitle = nullptr;
    QListView *m_occupants = nullptr;

    QMenu *m_roomMenu = nullptr;
    QAction *m_inviteAction = nullptr;
    QAction *m_sendFileAction = nullptr;
    QAction *m_nickAction = nullptr;
    QAction *m_subjectAction = nullptr;
    QAction *m_bookmarkAction = nullptr;
    QAction *m_settingsAction = nullptr;
    QAction *m_destroyAction = nullptr;
    QAction *m_leaveAction = nullptr;
};

} // namespace flint::ui

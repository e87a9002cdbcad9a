// One conversation in the chat window: the peer's avatar, name and status on top, the
// transcript with a find bar, what the peer is doing (typing…), send and file errors, and the
// composer with its emoji picker and "Send file…"; files dropped onto the tab are sent too.
// A private chat with someone in a room (room@service/nick) shows them as "nick (room)" with
// their presence in the room, and offers no profile and no files.
#pragma once

#include "client/PresenceManager.h"

#include <QWidget>

#include <optional>

class QFileDialog;
class QLabel;
class QToolButton;

namespace flint {
class ClientAccount;
class Conversation;
class Room;
struct RoomOccupant;
enum class ChatState;
} // namespace flint

namespace flint::ui {

class Composer;
class FileDropArea;
class MessageInput;
class NoticeBar;
class SearchBar;
class TranscriptView;

class ChatTab : public QWidget {
    Q_OBJECT
public:
    ChatTab(ClientAccount &account, Conversation &conversation, QWidget *parent = nullptr);
    ~ChatTab() override;

    QString peer() const;
    Conversation &conversation() const { return m_conversation; }
    // The roster name, or the JID's local part; "nick (room name)" for someone in a room.
    QString displayName() const { return m_peerName; }
    // Whether the peer is someone in a room (a private chat through the room, XEP-0045 §7.5).
    bool isRoomOccupant() const { return !m_roomJid.isEmpty(); }
    // Files go to contacts only, not to someone known by a nick in a room.
    bool canSendFiles() const { return !isRoomOccupant(); }
    PresenceStatus::Availability availability() const { return m_availability; }
    int unreadCount() const;

    TranscriptView *transcript() const { return m_view; }
    MessageInput *input() const { return m_input; }
    void focusInput();
    void showMessage(qint64 messageId);
    // Opens the find bar with the focus in it.
    void showSearch();
    // Sends each file to the peer (flow H); what cannot be sent is said in the notice.
    void sendFiles(const QStringList &paths);
    // The "Send file" dialog while it is open.
    QFileDialog *sendFileDialog() const;

Q_SIGNALS:
    // The name, presence or unread count shown in the tab changed.
    void summaryChanged();
    void profileRequested(const QString &jid);

protected:
    void changeEvent(QEvent *event) override;

private:
    QWidget *createHeader();
    QWidget *createComposer();
    void retranslateUi();
    // Colours the palette does not carry: secondary text, the error notice, the composer frame.
    void applyColours();
    void refreshPeer();
    // Follows the room of an occupant peer: their presence there, the room's name.
    void watchRoom(Room *room);
    // The peer as the room lists them now; none while they are not in it.
    std::optional<RoomOccupant> roomOccupant() const;
    void refreshOwnName();
    void refreshAvatar();
    void updateTypingIndicator(ChatState state);
    void send();
    void showSendError(const QString &stanzaId, const QString &text);
    void showNotice(const QString &text);
    void chooseFiles();

    ClientAccount &m_account;
    Conversation &m_conversation;
    // The room and nick when the peer is someone in a room, else empty.
    QString m_roomJid;
    QString m_occupantNick;
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
    SearchBar *m_searchBar = nullptr;
    TranscriptView *m_view = nullptr;
    QLabel *m_typing = nullptr;
    NoticeBar *m_notice = nullptr;
    Composer *m_composer = nullptr;
    FileDropArea *m_dropArea = nullptr;
    MessageInput *m_input = nullptr;
};

} // namespace flint::ui

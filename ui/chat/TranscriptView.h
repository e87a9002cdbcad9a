// The messages of one conversation as a scrolling transcript: stays at the newest message while
// the user is there, pages older history in when scrolled to the top without moving what is on
// screen, opens links on click, copies selected messages, and brings a given message into view.
// Files show as cards whose buttons download (through TransferService), open or show the file.
#pragma once

#include "MessageDelegate.h"

#include <QListView>
#include <QVariantAnimation>

namespace flint {
class MessageListModel;
class TransferService;
} // namespace flint

namespace flint::ui {

class MessageDelegate;

class TranscriptView : public QListView {
    Q_OBJECT
public:
    explicit TranscriptView(QWidget *parent = nullptr);
    ~TranscriptView() override;

    // The model to show (not owned); the view alone decides when older pages are read.
    void setMessages(MessageListModel *messages);
    MessageListModel *messages() const { return m_messages; }
    void setNames(const QString &ownName, const QString &peerName);
    // A room's transcript: senders named by their nicks (see MessageDelegate::setGroupChat).
    void setGroupChat(bool groupChat);
    void setFailureText(const QString &stanzaId, const QString &text);
    // Where file cards' Download button takes its files (not owned); no downloads without it.
    void setTransfers(TransferService *transfers);
    // Does what the file card's button of a loaded message does when clicked.
    void triggerFileAction(qint64 messageId, MessageDelegate::FileAction action);
    // Where that button is drawn in the viewport; null when the card does not show it.
    QRect fileActionRect(qint64 messageId, MessageDelegate::FileAction action) const;
    // Highlights the text in every message (empty: none).
    void setSearchText(const QString &text);

    // Reads one older page; false when history has none.
    bool loadOlder();
    // Pages back until the message is loaded, scrolls to it, makes it current and flashes it;
    // false when this conversation has no such message.
    bool showMessage(qint64 messageId);
    // The row of a loaded message, or -1.
    int rowOf(qint64 messageId) const;
    void scrollToLatest();
    bool isAtLatest() const { return m_followLatest; }

    // The link (URL text) under a point of the viewport, or empty.
    QString linkAt(const QPoint &pos) const;
    // The selected messages as plain text: the body alone for one, sender and time for several.
    QString selectedText() const;
    void copySelection() const;

Q_SIGNALS:
    // Enter or a double click on a message.
    void messageActivated(qint64 messageId);

protected:
    void changeEvent(QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    void paintEvent(QPaintEvent *event) override;
    void updateGeometries() override;
    void verticalScrollbarValueChanged(int value) override;

private:
    void handleRangeChanged(int minimum, int maximum);
    void handleRowsInserted(const QModelIndex &parent, int first, int last);
    void updateLinkCursor(const QPoint &pos);
    QStyleOptionViewItem itemOption(const QModelIndex &index) const;
    MessageDelegate::FileAction fileActionAt(const QPoint &pos) const;
    QString senderName(const QModelIndex &index) const;

    MessageListModel *m_messages = nullptr;
    QAbstractItemModel *m_proxy = nullptr;
    MessageDelegate *m_delegate;
    bool m_followLatest = true;
    // Distance from the content's end to the viewport's top, kept while older rows go in.
    int m_anchorFromEnd = -1;
    bool m_loading = false;
    QString m_pressedLink;
    TransferService *m_transfers = nullptr;
    qint64 m_pressedFileId = 0;
    MessageDelegate::FileAction m_pressedFileAction = MessageDelegate::FileAction::None;
    QVariantAnimation m_flash;
    qint64 m_flashId = 0;
};

} // namespace flint::ui

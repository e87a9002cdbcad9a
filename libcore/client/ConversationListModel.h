// The account's conversations, most recent activity first, with unread counts and a preview of
// the last message; read from HistoryStore and kept current as conversations change.
#pragma once

#include "client/HistoryStore.h"

#include <QAbstractListModel>

#include <optional>

namespace flint {

class ConversationManager;

class ConversationListModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role {
        PeerRole = Qt::UserRole + 1, // also Qt::DisplayRole
        GroupChatRole,
        LastActivityRole,
        UnreadCountRole,
        LastMessageRole, // the last message's body, for a one-line preview
        LastMessageOutgoingRole,
    };
    Q_ENUM(Role)

    explicit ConversationListModel(HistoryStore &history, QObject *parent = nullptr);
    // Follows the manager's conversationUpdated().
    explicit ConversationListModel(ConversationManager &manager, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    std::optional<int> rowOf(const QString &peer) const;
    int totalUnreadCount() const;

    // Re-reads `peer` from history: a new conversation appears, a row moves to its place.
    void updateConversation(const QString &peer);

Q_SIGNALS:
    void totalUnreadCountChanged(int count);

private:
    struct Entry {
        HistoryConversation conversation;
        HistoryMessage lastMessage;
    };
    Entry load(const HistoryConversation &conversation) const;
    // Where an entry active at `activity` belongs among the rows (ties keep earlier rows first).
    int placeFor(const QDateTime &activity, int skipped) const;

    HistoryStore &m_history;
    QList<Entry> m_entries;
    int m_totalUnread = 0;
};

} // namespace flint

#include "ConversationListModel.h"

#include "client/ConversationManager.h"

namespace flint {

ConversationListModel::ConversationListModel(HistoryStore &history, QObject *parent)
    : QAbstractListModel(parent), m_history(history)
{
    const QList<HistoryConversation> conversations = m_history.conversations();
    m_entries.reserve(conversations.size());
    for (const HistoryConversation &conversation : conversations) {
        m_entries.append(load(conversation));
        m_totalUnread += conversation.unreadCount;
    }
}

ConversationListModel::ConversationListModel(ConversationManager &manager, QObject *parent)
    : ConversationListModel(manager.history(), parent)
{
    connect(&manager, &ConversationManager::conversationUpdated, this,
            &ConversationListModel::updateConversation);
}

ConversationListModel::Entry
ConversationListModel::load(const HistoryConversation &conversation) const
{
    const QList<HistoryMessage> last = m_history.messages(conversation.peer, std::nullopt, 1);
    return {conversation, last.value(0)};
}

int ConversationListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

QVariant ConversationListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Entry &entry = m_entries.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case PeerRole:
        return entry.conversation.peer;
    case GroupChatRole:
        return entry.conversation.kind == ConversationKind::GroupChat;
    case LastActivityRole:
        return entry.conversation.lastActivity;
    case UnreadCountRole:
        return entry.conversation.unreadCount;
    case LastMessageRole:
        return entry.lastMessage.body;
    case LastMessageOutgoingRole:
        return entry.lastMessage.direction == MessageDirection::Outgoing;
    default:
        return {};
    }
}

QHash<int, QByteArray> ConversationListModel::roleNames() const
{
    return {{PeerRole, "peer"},
            {GroupChatRole, "groupChat"},
            {LastActivityRole, "lastActivity"},
            {UnreadCountRole, "unreadCount"},
            {LastMessageRole, "lastMessage"},
            {LastMessageOutgoingRole, "lastMessageOutgoing"}};
}

std::optional<int> ConversationListModel::rowOf(const QString &peer) const
{
    for (qsizetype row = 0; row < m_entries.size(); ++row) {
        if (m_entries.at(row).conversation.peer == peer)
            return int(row);
    }
    return std::nullopt;
}

int ConversationListModel::totalUnreadCount() const
{
    return m_totalUnread;
}

int ConversationListModel::placeFor(const QDateTime &activity, int skipped) const
{
    int place = 0;
    for (qsizetype row = 0; row < m_entries.size(); ++row) {
        if (row == skipped)
            continue;
        if (m_entries.at(row).conversation.lastActivity < activity)
            return place;
        ++place;
    }
    return place;
}

void ConversationListModel::updateConversation(const QString &peer)
{
    const QList<HistoryMessage> last = m_history.messages(peer, std::nullopt, 1);
    if (last.isEmpty())
        return;
    // The store's last activity is its newest message's time, the one just read.
    const Entry entry{.conversation = {.peer = peer,
                                       .kind = last.first().kind,
                                       .lastActivity = last.first().timestamp,
                                       .unreadCount = m_history.unreadCount(peer)},
                      .lastMessage = last.first()};
    const int unreadBefore = m_totalUnread;
    const std::optional<int> row = rowOf(peer);
    if (!row) {
        const int place = placeFor(entry.conversation.lastActivity, -1);
        beginInsertRows({}, place, place);
        m_entries.insert(place, entry);
        endInsertRows();
        m_totalUnread += entry.conversation.unreadCount;
    } else {
        m_totalUnread +=
            entry.conversation.unreadCount - m_entries.at(*row).conversation.unreadCount;
        const int place = placeFor(entry.conversation.lastActivity, *row);
        if (place != *row) {
            // Qt counts the destination before the row leaves its old place.
            beginMoveRows({}, *row, *row, {}, place > *row ? place + 1 : place);
            m_entries.move(*row, place);
            endMoveRows();
        }
        m_entries[place] = entry;
        const QModelIndex changed = index(place);
        Q_EMIT dataChanged(changed, changed);
    }
    if (m_totalUnread != unreadBefore)
        Q_EMIT totalUnreadCountChanged(m_totalUnread);
}

} // namespace flint

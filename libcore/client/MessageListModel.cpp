#include "MessageListModel.h"

#include <algorithm>

namespace flint {
namespace {

// History's own order: time, then storage order for messages of the same millisecond.
bool isBefore(const HistoryMessage &a, const HistoryMessage &b)
{
    const qint64 at = a.timestamp.toMSecsSinceEpoch();
    const qint64 bt = b.timestamp.toMSecsSinceEpoch();
    return at != bt ? at < bt : a.id < b.id;
}

} // namespace

MessageListModel::MessageListModel(HistoryStore &history, const QString &peer, int pageSize,
                                   QObject *parent)
    : QAbstractListModel(parent), m_history(history), m_peer(peer), m_pageSize(pageSize)
{
    m_messages = m_history.messages(m_peer, std::nullopt, m_pageSize);
    std::reverse(m_messages.begin(), m_messages.end());
    m_hasOlder = m_messages.size() == m_pageSize;
    connect(&m_history, &HistoryStore::deliveryStateChanged, this,
            [this](const QString &peer, const QString &stanzaId, DeliveryState state) {
                if (peer == m_peer)
                    setDeliveryState(stanzaId, state);
            });
    connect(&m_history, &HistoryStore::attachmentLocalPathChanged, this,
            &MessageListModel::setAttachmentLocalPath);
}

int MessageListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_messages.size());
}

QVariant MessageListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const HistoryMessage &message = m_messages.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case BodyRole:
        return message.body;
    case IdRole:
        return message.id;
    case StanzaIdRole:
        return message.stanzaId;
    case OutgoingRole:
        return message.direction == MessageDirection::Outgoing;
    case SenderRole:
        return message.sender;
    case TimestampRole:
        return message.timestamp;
    case DeliveryRole:
        return int(message.delivery);
    case DelayedRole:
        return bool(message.flags & HistoryMessage::OfflineDelayed);
    case AttachmentRole:
        return message.attachment ? QVariant::fromValue(*message.attachment) : QVariant();
    default:
        return {};
    }
}

QHash<int, QByteArray> MessageListModel::roleNames() const
{
    return {{BodyRole, "body"},         {IdRole, "messageId"},    {StanzaIdRole, "stanzaId"},
            {OutgoingRole, "outgoing"}, {SenderRole, "sender"},   {TimestampRole, "timestamp"},
            {DeliveryRole, "delivery"}, {DelayedRole, "delayed"}, {AttachmentRole, "attachment"}};
}

bool MessageListModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_hasOlder;
}

void MessageListModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    QList<HistoryMessage> page = m_history.messages(
        m_peer, m_messages.isEmpty() ? std::nullopt : std::optional(m_messages.first().id),
        m_pageSize);
    m_hasOlder = page.size() == m_pageSize;
    if (page.isEmpty())
        return;
    std::reverse(page.begin(), page.end());
    beginInsertRows({}, 0, int(page.size()) - 1);
    m_messages = page + m_messages;
    endInsertRows();
}

void MessageListModel::add(const HistoryMessage &message)
{
    const auto at = std::upper_bound(m_messages.begin(), m_messages.end(), message, isBefore);
    if (at == m_messages.begin() && m_hasOlder)
        return;
    const int row = int(at - m_messages.begin());
    beginInsertRows({}, row, row);
    m_messages.insert(row, message);
    endInsertRows();
}

void MessageListModel::setDeliveryState(const QString &stanzaId, DeliveryState state)
{
    // Newest first: a delivery update is nearly always about one of the last messages.
    for (qsizetype row = m_messages.size() - 1; row >= 0; --row) {
        HistoryMessage &message = m_messages[row];
        if (message.stanzaId != stanzaId || message.direction != MessageDirection::Outgoing)
            continue;
        message.delivery = state;
        const QModelIndex changed = index(int(row));
        Q_EMIT dataChanged(changed, changed, {DeliveryRole});
        return;
    }
}

void MessageListModel::setAttachmentLocalPath(qint64 messageId, const QString &path)
{
    for (qsizetype row = m_messages.size() - 1; row >= 0; --row) {
        HistoryMessage &message = m_messages[row];
        if (message.id != messageId || !message.attachment)
            continue;
        message.attachment->localPath = path;
        const QModelIndex changed = index(int(row));
        Q_EMIT dataChanged(changed, changed, {AttachmentRole});
        return;
    }
}

} // namespace flint

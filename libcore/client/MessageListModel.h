// The messages of one conversation, oldest first, paged in from HistoryStore: the newest page at
// first, older pages on demand (fetchMore), new messages as the Conversation stores them, and
// delivery states and downloaded files as HistoryStore reports them.
#pragma once

#include "client/HistoryStore.h"

#include <QAbstractListModel>

#include <optional>

namespace flint {

class MessageListModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role {
        BodyRole = Qt::UserRole + 1, // also Qt::DisplayRole
        IdRole,
        StanzaIdRole,
        OutgoingRole,
        SenderRole,
        TimestampRole,  // the original send time (XEP-0203 for offline messages)
        DeliveryRole,   // DeliveryState as int
        DelayedRole,    // delivered late, from offline storage
        AttachmentRole, // QVariant::fromValue(FileAttachment); null when the message has no file
    };
    Q_ENUM(Role)

    MessageListModel(HistoryStore &history, const QString &peer, int pageSize = 50,
                     QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    // Older pages: canFetchMore() says whether history holds messages before the first row.
    bool canFetchMore(const QModelIndex &parent = {}) const override;
    void fetchMore(const QModelIndex &parent = {}) override;

    const HistoryMessage &message(int row) const { return m_messages.at(row); }

private:
    friend class Conversation;
    friend class Room;
    // A message just stored: placed by time; left to paging when it is older than the loaded
    // window, so the window stays one contiguous stretch of history.
    void add(const HistoryMessage &message);
    // What HistoryStore changed in a stored message, if the model holds it.
    void setDeliveryState(const QString &stanzaId, DeliveryState state);
    void setAttachmentLocalPath(qint64 messageId, const QString &path);

    HistoryStore &m_history;
    QString m_peer;
    int m_pageSize;
    bool m_hasOlder = false;
    QList<HistoryMessage> m_messages;
};

} // namespace flint

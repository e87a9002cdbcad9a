#include "SubscriptionRequestModel.h"

#include <algorithm>

namespace flint {

SubscriptionRequestModel::SubscriptionRequestModel(QObject *parent) : QAbstractListModel(parent) {}

void SubscriptionRequestModel::addRequest(const SubscriptionRequest &request)
{
    if (const qsizetype row = rowOf(request.jid); row >= 0) {
        m_requests[row] = request;
        const QModelIndex changed = index(int(row));
        Q_EMIT dataChanged(changed, changed);
        return;
    }
    const int row = int(m_requests.size());
    beginInsertRows({}, row, row);
    m_requests << request;
    endInsertRows();
}

void SubscriptionRequestModel::removeRequest(const QString &jid)
{
    const qsizetype row = rowOf(jid);
    if (row < 0)
        return;
    beginRemoveRows({}, int(row), int(row));
    m_requests.removeAt(row);
    endRemoveRows();
}

void SubscriptionRequestModel::clear()
{
    if (m_requests.isEmpty())
        return;
    beginResetModel();
    m_requests.clear();
    endResetModel();
}

bool SubscriptionRequestModel::contains(const QString &jid) const
{
    return rowOf(jid) >= 0;
}

qsizetype SubscriptionRequestModel::rowOf(const QString &jid) const
{
    const auto found = std::find_if(m_requests.cbegin(), m_requests.cend(),
                                    [&jid](const auto &request) { return request.jid == jid; });
    return found == m_requests.cend() ? -1 : found - m_requests.cbegin();
}

int SubscriptionRequestModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_requests.size());
}

QVariant SubscriptionRequestModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const SubscriptionRequest &request = m_requests[index.row()];
    switch (role) {
    case Qt::DisplayRole:
    case JidRole:
        return request.jid;
    case MessageRole:
        return request.message;
    case ReceivedRole:
        return request.received;
    default:
        return {};
    }
}

QHash<int, QByteArray> SubscriptionRequestModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert({{JidRole, "jid"}, {MessageRole, "message"}, {ReceivedRole, "received"}});
    return names;
}

} // namespace flint

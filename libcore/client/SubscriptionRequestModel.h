// Incoming presence subscription requests waiting for the user's answer, including those the
// server presents again at login (RFC 6121 §3.1.3). Filled by RosterManager.
#pragma once

#include <QAbstractListModel>
#include <QDateTime>
#include <QList>
#include <QString>

namespace flint {

struct SubscriptionRequest {
    QString jid;        // bare
    QString message;    // the requester's <status/> text, may be empty
    QDateTime received; // when this client saw it
};

class SubscriptionRequestModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role { JidRole = Qt::UserRole + 1, MessageRole, ReceivedRole };
    Q_ENUM(Role)

    explicit SubscriptionRequestModel(QObject *parent = nullptr);

    // A repeated request from the same JID replaces the earlier one's message, in place.
    void addRequest(const SubscriptionRequest &request);
    void removeRequest(const QString &jid);
    void clear();
    bool contains(const QString &jid) const;
    const QList<SubscriptionRequest> &requests() const { return m_requests; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    qsizetype rowOf(const QString &jid) const;

    QList<SubscriptionRequest> m_requests; // oldest first
};

} // namespace flint

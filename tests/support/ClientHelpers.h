// Small helpers for tests that drive QXmppClient instances.
#pragma once

#include <QList>
#include <QMetaObject>
#include <QXmppMessage.h>

class QXmppClient;

namespace flint::test {

// A ping round trip: whatever the server sent this client before its answer has now arrived.
bool syncWithServer(QXmppClient &client, const QString &domain);

// A chat (or other type) message without a sender: the server stamps it.
QXmppMessage chat(const QString &to, const QString &body,
                  QXmppMessage::Type type = QXmppMessage::Chat);

// Every message a client receives, in order.
class Inbox {
public:
    explicit Inbox(QXmppClient &client);
    ~Inbox();
    Inbox(const Inbox &) = delete;
    Inbox &operator=(const Inbox &) = delete;

    const QList<QXmppMessage> &messages() const { return m_messages; }
    void clear() { m_messages.clear(); }
    bool waitForCount(qsizetype count) const;

private:
    QList<QXmppMessage> m_messages;
    QMetaObject::Connection m_connection;
};

} // namespace flint::test

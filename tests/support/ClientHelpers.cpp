#include "ClientHelpers.h"

#include "TestServer.h"

#include <QDomElement>
#include <QXmppClient.h>
#include <QXmppPingIq.h>
#include <QXmppTask.h>

#include <memory>

namespace flint::test {

bool syncWithServer(QXmppClient &client, const QString &domain)
{
    auto answered = std::make_shared<bool>(false);
    QXmppPingIq ping;
    ping.setTo(domain);
    client.sendIq(std::move(ping)).then(&client, [answered](auto) { *answered = true; });
    return waitFor([answered] { return *answered; });
}

QXmppMessage chat(const QString &to, const QString &body, QXmppMessage::Type type)
{
    QXmppMessage message(QString(), to, body);
    message.setType(type);
    return message;
}

Inbox::Inbox(QXmppClient &client)
    : m_connection(
          QObject::connect(&client, &QXmppClient::messageReceived,
                           [this](const QXmppMessage &message) { m_messages.append(message); }))
{}

Inbox::~Inbox()
{
    QObject::disconnect(m_connection);
}

bool Inbox::waitForCount(qsizetype count) const
{
    return waitFor([this, count] { return m_messages.size() >= count; });
}

} // namespace flint::test

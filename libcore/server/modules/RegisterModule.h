// XEP-0077 in-band registration: creating an account before login (under the `open` policy,
// throttled per IP address), and for logged-in users a password change or account removal.
#pragma once

#include "server/ServerModule.h"

#include <QHash>
#include <QHostAddress>
#include <QList>

namespace flint {

class RegisterModule : public ServerModule {
    Q_OBJECT
public:
    explicit RegisterModule(ServerContext &context);

private:
    void handleUnauthenticated(const StanzaEvent &event);
    void createAccount(const StanzaEvent &event);
    void handleAccountRequest(const StanzaEvent &event);
    bool registrationAllowedFrom(const QHostAddress &address);
    void recordRegistration(const QHostAddress &address);

    // Successful registrations of the last hour, per peer address (epoch milliseconds).
    QHash<QString, QList<qint64>> m_recentRegistrations;
};

} // namespace flint

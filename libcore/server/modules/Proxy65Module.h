// XEP-0065 SOCKS5 bytestreams proxy at proxy.<domain>: tells users where to connect (streamhost
// query) and lets the initiator of a stream activate the relay between it and the target.
#pragma once

#include "server/ServerModule.h"
#include "server/modules/Socks5Relay.h"

namespace flint {

class Proxy65Module : public ServerModule {
    Q_OBJECT
public:
    explicit Proxy65Module(ServerContext &context);

    bool start(QString *error) override;

private:
    void answerStreamHost(const StanzaEvent &event);
    void activate(const StanzaEvent &event);

    QString m_domain;
    QHostAddress m_address;
    Socks5Relay m_relay;
};

} // namespace flint

// XEP-0280 Message Carbons: a resource that enabled carbons gets a copy of the chat messages its
// account sends and receives through its other resources, so every device shows the whole
// conversation.
#pragma once

#include "server/ServerModule.h"

#include <QSet>

namespace flint {

class C2SSession;
class MessageModule;

class CarbonsModule : public ServerModule {
    Q_OBJECT
public:
    CarbonsModule(ServerContext &context, MessageModule &messages);

private:
    void handleIq(const StanzaEvent &event);
    void copyRouted(const Stanza &message, C2SSession *origin,
                    const QList<C2SSession *> &recipients);
    void sendCopies(const Jid &account, const QString &direction, const Stanza &message,
                    const QSet<C2SSession *> &skipped) const;

    QSet<C2SSession *> m_enabled;
};

} // namespace flint

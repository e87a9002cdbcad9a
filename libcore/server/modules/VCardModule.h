// XEP-0054 vcard-temp: users publish their own vCard (avatar included); anyone on the server
// reads a local user's vCard.
#pragma once

#include "server/ServerModule.h"
#include "server/modules/VCardStore.h"

namespace flint {

class VCardModule : public ServerModule {
    Q_OBJECT
public:
    explicit VCardModule(ServerContext &context);

private:
    void answerGet(const StanzaEvent &event, const QString &username);
    void handleSet(const StanzaEvent &event);

    VCardStore m_store;
};

} // namespace flint

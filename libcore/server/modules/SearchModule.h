// XEP-0055 Jabber Search: a directory of this server's users on the server's own JID, matched
// by username and by the name, nickname and email of their stored vCards.
#pragma once

#include "server/ServerModule.h"

namespace flint {

class SearchModule : public ServerModule {
    Q_OBJECT
public:
    explicit SearchModule(ServerContext &context);

private:
    bool mayUseDirectory(const StanzaEvent &event);
    void answerForm(const StanzaEvent &event);
    void answerSearch(const StanzaEvent &event);
};

} // namespace flint

// RFC 6121 §2 rosters (jabber:iq:roster): get with XEP-0237 versioning, set, remove, and the
// roster pushes to every interested resource. The subscription states are the presence
// module's; it changes them through updateItem().
#pragma once

#include "server/ServerModule.h"
#include "server/modules/RosterStore.h"

namespace flint {

class RosterModule : public ServerModule {
    Q_OBJECT
public:
    explicit RosterModule(ServerContext &context);

    std::optional<RosterItem> item(const QString &username, const QString &contact) const;
    QList<RosterItem> items(const QString &username) const;
    // Stores `item` in `username`'s roster and pushes it to the user's interested resources.
    bool updateItem(const QString &username, const RosterItem &item);

Q_SIGNALS:
    // The user removed `item` from the roster: its subscriptions are to be cancelled.
    void itemRemoved(const QString &username, const flint::RosterItem &item);

private:
    bool handleGet(const StanzaEvent &event);
    bool handleSet(const StanzaEvent &event);
    void push(const QString &username, const RosterItem &item, qint64 version, bool removed);

    RosterStore m_store;
    quint64 m_pushCounter = 0;
};

} // namespace flint

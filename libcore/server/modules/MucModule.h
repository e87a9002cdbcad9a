// XEP-0045 multi-user chat at conference.<domain>: rooms created on first join (locked until
// configured), occupants with roles and affiliations, groupchat fan-out with XEP-0359 stanza ids,
// history with XEP-0203 stamps, subject, moderation, invitations, owner configuration, disco,
// IQs forwarded between occupants (§17.3), status 332 at shutdown; persistent rooms live in
// storage (MucStore) and are loaded at start. The muc#admin and muc#owner handlers are in
// MucModeration.cpp.
#pragma once

#include "server/ServerModule.h"
#include "server/modules/MucRoom.h"
#include "server/modules/MucStore.h"

#include <QSet>

#include <map>
#include <memory>

namespace flint {

class MucModule : public ServerModule {
    Q_OBJECT
public:
    explicit MucModule(ServerContext &context);

    bool start(QString *error) override;
    // Every occupant learns that it leaves the room because the service shuts down (332).
    void stop() override;

private:
    // What an occupant's presence says besides its item.
    struct PresenceInfo {
        bool unavailable = false;
        QList<int> codes;     // to everyone
        QList<int> selfCodes; // to the occupant's own sessions only, with 110
        QString newNick;      // 303
        QString reason;
        QString actor;
    };

    void handlePresence(const StanzaEvent &event);
    void join(const StanzaEvent &event, MucRoom *room, const QString &nick);
    void changeNick(MucRoom &room, MucOccupant &occupant, const StanzaEvent &event,
                    const QString &nick);
    void sendRoomState(MucRoom &room, const MucOccupant &occupant, C2SSession *session,
                       const QList<int> &selfCodes, const QDomElement &historyRequest);
    void leave(MucRoom &room, C2SSession *session, const Stanza &presence);
    // `nick` by value: callers pass the name of the very occupant that is erased.
    void removeOccupant(MucRoom &room, QString nick, const PresenceInfo &info);

    void handleMessage(const StanzaEvent &event);
    void groupchat(MucRoom &room, MucOccupant &sender, const Stanza &message);
    void changeSubject(MucRoom &room, MucOccupant &sender, const Stanza &message);
    void privateMessage(MucRoom &room, MucOccupant &sender, const Stanza &message);
    void invite(MucRoom &room, MucOccupant *sender, const Stanza &message,
                const QDomElement &invitation);
    void decline(MucRoom &room, const Stanza &message, const QDomElement &declination);

    void handleAdminGet(const StanzaEvent &event);
    void handleAdminSet(const StanzaEvent &event);
    bool changeRole(MucRoom &room, C2SSession *origin, const QDomElement &item,
                    const Stanza &request);
    bool changeAffiliation(MucRoom &room, const Jid &actor, const QDomElement &item,
                           const Stanza &request);
    void handleOwnerGet(const StanzaEvent &event);
    void handleOwnerSet(const StanzaEvent &event);
    void applyConfiguration(MucRoom &room, const QDomElement &form);
    void destroy(MucRoom &room, const QDomElement &destroyElement);

    void handleDiscoInfo(const StanzaEvent &event);
    void handleDiscoItems(const StanzaEvent &event);
    void handlePing(const StanzaEvent &event);
    // XEP-0045 §17.3: IQs to an occupant go to its real JID and the answers come back.
    void forwardToOccupant(const StanzaEvent &event);
    bool forwardReply(const StanzaEvent &event);
    void onSessionUnbound(C2SSession *session);
    void onAccountRemoved(const QString &username);

    Stanza occupantPresence(const MucRoom &room, const MucOccupant &occupant, bool withJid,
                            const PresenceInfo &info, bool self) const;
    // Sends `info` about `occupant` to every occupant (each with or without the real JID, as
    // the room's anonymity allows) and to the occupant's own sessions with its self codes.
    void broadcastPresence(MucRoom &room, const MucOccupant &occupant, const PresenceInfo &info);
    void sendToOccupants(const MucRoom &room, const Stanza &stanza) const;
    void sendStatusMessage(const MucRoom &room, const QList<int> &codes) const;
    void appendHistory(MucRoom &room, const Stanza &message);
    void trimHistory(MucRoom &room);
    void persist(const MucRoom &room);
    void persistAffiliation(const MucRoom &room, const QString &jid);
    void removeRoom(const QString &node);
    void removeIfEmpty(const QString &node);
    bool mayCreateRooms(const Jid &user) const;
    int historyLimit(const MucRoom &room) const;
    int occupantLimit(const MucRoom &room) const;
    MucRoom *roomFor(const Jid &jid);

    QString m_domain;
    MucStore m_store;
    std::map<QString, std::unique_ptr<MucRoom>> m_rooms; // by node
    QHash<C2SSession *, QSet<QString>> m_sessionRooms;
    // Requests forwarded to occupants, by the id the room gave them.
    struct ForwardedIq {
        QString id;      // the requester's
        Jid requester;   // full JID
        Jid occupantJid; // room@service/nick the request was addressed to
        Jid target;      // the occupant's full real JID, the only one that may answer
    };
    QHash<QString, ForwardedIq> m_forwardedIqs;
};

} // namespace flint

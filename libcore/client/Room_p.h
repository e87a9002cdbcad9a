// Room's private part, shared with RoomService, which creates the rooms and hands them their
// stanzas. Internal to the client core.
#pragma once

#include "client/AccountSession.h"
#include "client/MessageListModel.h"
#include "client/Room.h"
#include "client/RoomOccupantModel.h"

#include <QSet>
#include <QTimer>

#include <functional>
#include <optional>

class QDomElement;
class QXmppClient;
class QXmppDataForm;
class QXmppIq;
class QXmppMessage;
class QXmppPresence;

namespace flint {

struct Room::Private {
    Private(Room *room, AccountSession &session, HistoryStore &history, const QString &jid)
        : q(room), session(session), history(history), jid(jid),
          occupants(new RoomOccupantModel(room)),
          messages(new MessageListModel(history, jid, 50, room))
    {}

    QXmppClient &client() const { return session.client(); }
    QString ownOccupantJid() const { return jid + u'/' + nick; }
    void setState(State newState);
    void setOwnPosition(RoomRole role, RoomAffiliation affiliation);
    void sendJoin();
    void sendInstantUnlock();
    void handleDisconnected();
    void exit(RoomExit exit, const QString &actorOrReason);
    // Out of the room for now, but still in it as far as the user is concerned.
    void suspend(RoomExit exit, const QString &reason);
    void handlePresence(const QXmppPresence &presence, const QDomElement &element);
    void handleMessage(const QXmppMessage &message, const QDomElement &element);
    void handleErrorMessage(const QXmppMessage &message);
    void store(HistoryMessage message);
    void requestInfo();
    // Sends `iq` to the room; an error reply or no connection ends in failed().
    void request(QXmppIq &&iq, std::function<void(const QDomElement &)> onResult);
    void fetchConfigurationForm(std::function<void(const QXmppDataForm &)> onForm);
    void submitConfiguration(const QXmppDataForm &form, const RoomConfig &config);
    void fail(RoomError::Kind kind, const QString &detail = {})
    {
        Q_EMIT q->failed(RoomError{.kind = kind, .detail = detail});
    }

    Room *q;
    AccountSession &session;
    HistoryStore &history;
    QString jid;
    QString nick;
    QString password;
    QString name;
    QString subject;
    State state = State::Joining;
    RoomRole ownRole = RoomRole::None;
    RoomAffiliation ownAffiliation = RoomAffiliation::None;
    RoomOccupantModel *occupants;
    MessageListModel *messages;
    std::optional<RoomConfig> creation; // create(): configure the room when it turns out new
    QString requestedNick;              // a nick change the room has not confirmed yet
    QSet<QString> ownNicks;             // every nick this account used here, for its echoes
    bool membersOnly = false;
    bool occupantsMayChangeSubject = false;
    bool occupantsMayInvite = true;
    int rejoinRetries = 0;  // left for an automatic rejoin the room refuses as not found
    bool leaveSent = false; // leave() told the room; its answer comes after the Room is gone
    QTimer joinTimer;
};

} // namespace flint

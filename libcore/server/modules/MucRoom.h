// One chat room's state (XEP-0045): its configuration, affiliations, occupants, subject and the
// recent history that new occupants get. The protocol around it lives in MucModule.
#pragma once

#include "server/Stanza.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>

#include <deque>
#include <optional>

namespace flint {

class C2SSession;

enum class MucAffiliation { Outcast, None, Member, Admin, Owner };
enum class MucRole { None, Visitor, Participant, Moderator };

QString affiliationName(MucAffiliation affiliation);
std::optional<MucAffiliation> affiliationFromName(const QString &name);
QString roleName(MucRole role);
std::optional<MucRole> roleFromName(const QString &name);

// The owner's settings (muc#roomconfig), stored as JSON for persistent rooms.
struct MucRoomConfig {
    QString name;
    QString description;
    bool persistent = false;
    bool isPublic = true;
    bool membersOnly = false;
    bool moderated = false;
    bool passwordProtected = false;
    QString password;
    bool nonAnonymous = false; // everyone sees real JIDs (whois = anyone)
    bool allowInvites = false; // occupants may invite into a members-only room
    bool occupantsChangeSubject = false;
    int historyLength = 20;
    int maxUsers = 0; // 0: the service's limit

    QJsonObject toJson() const;
    static MucRoomConfig fromJson(const QJsonObject &object);
};

// One nickname in the room; several sessions of the same user may share it.
struct MucOccupant {
    QString nick;
    Jid realJid; // bare
    QList<C2SSession *> sessions;
    Stanza presence; // the last available presence it sent (show, status, caps…)
    MucRole role = MucRole::None;
};

struct MucHistoryEntry {
    Stanza message; // as reflected to occupants, with its XEP-0203 delay and no `to`
    QDateTime stamp;
    qint64 storageId = 0; // row in muc_history for a persistent room
};

struct MucRoom {
    Jid jid;
    MucRoomConfig config;
    QHash<QString, MucAffiliation> affiliations; // bare JID → anything but None
    QString subject;
    QString subjectFrom; // nick that set it
    bool locked = false; // created, waiting for its owner's configuration
    QList<MucOccupant> occupants;
    std::deque<MucHistoryEntry> history;

    MucAffiliation affiliation(const Jid &jid) const
    {
        return affiliations.value(jid.bareString(), MucAffiliation::None);
    }
    void setAffiliation(const Jid &jid, MucAffiliation affiliation);
    MucOccupant *occupant(const QString &nick);
    MucOccupant *occupantOf(const C2SSession *session);
    // The role someone with this affiliation gets on joining.
    MucRole defaultRole(MucAffiliation affiliation) const;
    QStringList owners() const;
};

} // namespace flint

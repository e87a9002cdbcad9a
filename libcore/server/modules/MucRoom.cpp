#include "MucRoom.h"

using namespace Qt::StringLiterals;

namespace flint {
namespace {

const QStringList AffiliationNames = {u"outcast"_s, u"none"_s, u"member"_s, u"admin"_s, u"owner"_s};
const QStringList RoleNames = {u"none"_s, u"visitor"_s, u"participant"_s, u"moderator"_s};

} // namespace

QString affiliationName(MucAffiliation affiliation)
{
    return AffiliationNames.at(int(affiliation));
}

std::optional<MucAffiliation> affiliationFromName(const QString &name)
{
    const qsizetype index = AffiliationNames.indexOf(name);
    return index < 0 ? std::nullopt : std::optional(MucAffiliation(index));
}

QString roleName(MucRole role)
{
    return RoleNames.at(int(role));
}

std::optional<MucRole> roleFromName(const QString &name)
{
    const qsizetype index = RoleNames.indexOf(name);
    return index < 0 ? std::nullopt : std::optional(MucRole(index));
}

QJsonObject MucRoomConfig::toJson() const
{
    return {{u"name"_s, name},
            {u"description"_s, description},
            {u"persistent"_s, persistent},
            {u"public"_s, isPublic},
            {u"membersOnly"_s, membersOnly},
            {u"moderated"_s, moderated},
            {u"passwordProtected"_s, passwordProtected},
            {u"password"_s, password},
            {u"nonAnonymous"_s, nonAnonymous},
            {u"allowInvites"_s, allowInvites},
            {u"occupantsChangeSubject"_s, occupantsChangeSubject},
            {u"historyLength"_s, historyLength},
            {u"maxUsers"_s, maxUsers}};
}

MucRoomConfig MucRoomConfig::fromJson(const QJsonObject &object)
{
    MucRoomConfig config;
    config.name = object.value(u"name"_s).toString();
    config.description = object.value(u"description"_s).toString();
    config.persistent = object.value(u"persistent"_s).toBool(config.persistent);
    config.isPublic = object.value(u"public"_s).toBool(config.isPublic);
    config.membersOnly = object.value(u"membersOnly"_s).toBool(config.membersOnly);
    config.moderated = object.value(u"moderated"_s).toBool(config.moderated);
    config.passwordProtected =
        object.value(u"passwordProtected"_s).toBool(config.passwordProtected);
    config.password = object.value(u"password"_s).toString();
    config.nonAnonymous = object.value(u"nonAnonymous"_s).toBool(config.nonAnonymous);
    config.allowInvites = object.value(u"allowInvites"_s).toBool(config.allowInvites);
    config.occupantsChangeSubject =
        object.value(u"occupantsChangeSubject"_s).toBool(config.occupantsChangeSubject);
    config.historyLength = object.value(u"historyLength"_s).toInt(config.historyLength);
    config.maxUsers = object.value(u"maxUsers"_s).toInt(config.maxUsers);
    return config;
}

void MucRoom::setAffiliation(const Jid &jid, MucAffiliation affiliation)
{
    if (affiliation == MucAffiliation::None)
        affiliations.remove(jid.bareString());
    else
        affiliations.insert(jid.bareString(), affiliation);
}

MucOccupant *MucRoom::occupant(const QString &nick)
{
    for (MucOccupant &occupant : occupants) {
        if (occupant.nick == nick)
            return &occupant;
    }
    return nullptr;
}

MucOccupant *MucRoom::occupantOf(const C2SSession *session)
{
    for (MucOccupant &occupant : occupants) {
        if (occupant.sessions.contains(session))
            return &occupant;
    }
    return nullptr;
}

MucRole MucRoom::defaultRole(MucAffiliation affiliation) const
{
    switch (affiliation) {
    case MucAffiliation::Owner:
    case MucAffiliation::Admin:
        return MucRole::Moderator;
    case MucAffiliation::Member:
        return MucRole::Participant;
    case MucAffiliation::None:
        return config.moderated ? MucRole::Visitor : MucRole::Participant;
    case MucAffiliation::Outcast:
        return MucRole::None;
    }
    return MucRole::None;
}

QStringList MucRoom::owners() const
{
    QStringList result;
    for (auto it = affiliations.cbegin(); it != affiliations.cend(); ++it) {
        if (it.value() == MucAffiliation::Owner)
            result << it.key();
    }
    return result;
}

} // namespace flint

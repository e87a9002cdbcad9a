// XEP-0045 chat rooms at conference.flint.test: real flint-server processes, QXmppClient users
// sending the room protocol by hand so that every status code and error can be checked.
#include "support/ClientHelpers.h"
#include "support/RawStream.h"
#include "support/TestServer.h"

#include <catch2/catch.hpp>

#include <QDomDocument>
#include <QRegularExpression>
#include <QXmppClient.h>
#include <QXmppClientExtension.h>
#include <QXmppConfiguration.h>
#include <QXmppDataForm.h>
#include <QXmppDiscoveryIq.h>
#include <QXmppElement.h>
#include <QXmppMessage.h>
#include <QXmppMucIq.h>
#include <QXmppPingIq.h>
#include <QXmppPresence.h>
#include <QXmppTask.h>
#include <QXmppVCardIq.h>
#include <QXmppVersionIq.h>

#include <memory>
#include <optional>

using namespace flint::test;
using namespace Qt::StringLiterals;

namespace {

const QString Service = u"conference.flint.test"_s;
const QString MucNs = u"http://jabber.org/protocol/muc"_s;
using Condition = QXmppStanza::Error::Condition;

QXmppElement xml(const QString &text)
{
    QDomDocument document;
    document.setContent(text, true);
    return QXmppElement(document.documentElement());
}

// The answer to an IQ: the result element, or the error.
struct Answer {
    QDomElement result;
    std::optional<QXmppStanza::Error> error;
    bool ok() const { return !result.isNull(); }
    bool failedWith(Condition condition) const { return error && error->condition() == condition; }
};

template <typename Iq> Answer request(QXmppClient &client, Iq iq)
{
    auto answer = std::make_shared<std::optional<Answer>>();
    client.sendIq(std::move(iq)).then(&client, [answer](QXmppClient::IqResult &&result) {
        Answer value;
        if (const auto *element = std::get_if<QDomElement>(&result))
            value.result = *element;
        else
            value.error = std::get<QXmppError>(result).value<QXmppStanza::Error>();
        *answer = value;
    });
    if (!waitFor([answer] { return answer->has_value(); }))
        return {};
    return **answer;
}

// Every stanza a client receives as XML, for what QXmpp's classes do not expose.
class StanzaRecorder : public QXmppClientExtension {
public:
    using QXmppClientExtension::handleStanza;
    bool handleStanza(const QDomElement &stanza) override
    {
        stanzas << stanza;
        return false;
    }
    // The newest recorded element named `name` (at any depth), or a null element.
    QDomElement find(const QString &name) const
    {
        for (auto stanza = stanzas.crbegin(); stanza != stanzas.crend(); ++stanza) {
            const QDomNodeList found = stanza->elementsByTagName(name);
            if (!found.isEmpty())
                return found.at(0).toElement();
        }
        return {};
    }

    QList<QDomElement> stanzas;
};

// One user's connection and everything the rooms sent it.
class User {
public:
    User(const TestServer &server, const QString &name, const QString &resource = u"test"_s)
        : m_name(name)
    {
        recorder = new StanzaRecorder;
        client.insertExtension(0, recorder);
        QObject::connect(&client, &QXmppClient::presenceReceived,
                         [this](const QXmppPresence &presence) { presences << presence; });
        QObject::connect(&client, &QXmppClient::messageReceived,
                         [this](const QXmppMessage &message) { messages << message; });
        connected = connectClient(client, server.clientConfiguration(name, u"secret"_s, resource));
    }

    QString jid() { return client.configuration().jid(); }
    QString bareJid() const { return m_name + u"@flint.test"_s; }

    // Sends a join presence (with `extra` inside the muc element) to room/nick.
    void join(const QString &occupantJid, const QString &extra = {})
    {
        QXmppPresence presence;
        presence.setTo(occupantJid);
        presence.setExtensions({xml(u"<x xmlns='%1'>%2</x>"_s.arg(MucNs, extra))});
        client.sendPacket(presence);
    }
    // Joins and waits for the self-presence (status 110) or an error; returns it.
    QXmppPresence enter(const QString &occupantJid, const QString &extra = {})
    {
        presences.clear();
        join(occupantJid, extra);
        const auto self = waitForPresence(occupantJid, [](const QXmppPresence &presence) {
            return presence.type() == QXmppPresence::Error ||
                   presence.mucStatusCodes().contains(110);
        });
        return self.value_or(QXmppPresence());
    }
    void leave(const QString &occupantJid)
    {
        QXmppPresence presence(QXmppPresence::Unavailable);
        presence.setTo(occupantJid);
        client.sendPacket(presence);
    }
    void say(const QString &room, const QString &body)
    {
        client.sendPacket(chat(room, body, QXmppMessage::GroupChat));
    }

    std::optional<QXmppPresence>
    waitForPresence(const QString &from, const std::function<bool(const QXmppPresence &)> &match,
                    int timeoutMs = 10000)
    {
        std::optional<QXmppPresence> found;
        waitFor(
            [&] {
                for (const QXmppPresence &presence : std::as_const(presences)) {
                    if (presence.from() == from && match(presence)) {
                        found = presence;
                        return true;
                    }
                }
                return false;
            },
            timeoutMs);
        return found;
    }
    std::optional<QXmppMessage>
    waitForMessage(const std::function<bool(const QXmppMessage &)> &match, int timeoutMs = 10000)
    {
        std::optional<QXmppMessage> found;
        waitFor(
            [&] {
                for (const QXmppMessage &message : std::as_const(messages)) {
                    if (match(message)) {
                        found = message;
                        return true;
                    }
                }
                return false;
            },
            timeoutMs);
        return found;
    }
    std::optional<QXmppMessage> waitForBody(const QString &body)
    {
        return waitForMessage([&body](const QXmppMessage &m) { return m.body() == body; });
    }
    QList<QXmppMessage> groupchatWithBody(const QString &room) const
    {
        QList<QXmppMessage> found;
        for (const QXmppMessage &message : messages) {
            if (message.type() == QXmppMessage::GroupChat && !message.body().isEmpty() &&
                message.from().startsWith(room + u'/'))
                found << message;
        }
        return found;
    }

    QXmppClient client;
    StanzaRecorder *recorder = nullptr; // owned by the client
    bool connected = false;
    QList<QXmppPresence> presences;
    QList<QXmppMessage> messages;

private:
    QString m_name;
};

template <typename Stanza> qsizetype firstIndex(const QList<Stanza> &stanzas, const QString &from)
{
    for (qsizetype i = 0; i < stanzas.size(); ++i) {
        if (stanzas.at(i).from() == from)
            return i;
    }
    return -1;
}

bool isError(const QXmppPresence &presence, Condition condition)
{
    return presence.type() == QXmppPresence::Error && presence.error().condition() == condition;
}

QXmppDataForm submitForm(const QList<std::pair<QString, QVariant>> &values)
{
    QXmppDataForm form(QXmppDataForm::Submit);
    QList<QXmppDataForm::Field> fields = {
        QXmppDataForm::Field(QXmppDataForm::Field::HiddenField, u"FORM_TYPE"_s,
                             u"http://jabber.org/protocol/muc#roomconfig"_s)};
    for (const auto &[key, value] : values)
        fields << QXmppDataForm::Field(value.typeId() == QMetaType::Bool
                                           ? QXmppDataForm::Field::BooleanField
                                           : QXmppDataForm::Field::TextSingleField,
                                       key, value);
    form.setFields(fields);
    return form;
}

Answer configure(User &owner, const QString &room, const QXmppDataForm &form)
{
    QXmppMucOwnerIq iq;
    iq.setType(QXmppIq::Set);
    iq.setTo(room);
    iq.setForm(form);
    return request(owner.client, iq);
}

// An instant room: the owner accepts the defaults (XEP-0045 §10.1.2).
Answer unlock(User &owner, const QString &room)
{
    return configure(owner, room, QXmppDataForm(QXmppDataForm::Submit));
}

Answer setItem(User &actor, const QString &room, const QXmppMucItem &item)
{
    QXmppMucAdminIq iq;
    iq.setType(QXmppIq::Set);
    iq.setTo(room);
    iq.setItems({item});
    return request(actor.client, iq);
}

QXmppMucItem roleItem(const QString &nick, QXmppMucItem::Role role)
{
    QXmppMucItem item;
    item.setNick(nick);
    item.setRole(role);
    return item;
}

QXmppMucItem affiliationItem(const QString &jid, QXmppMucItem::Affiliation affiliation)
{
    QXmppMucItem item;
    item.setJid(jid);
    item.setAffiliation(affiliation);
    return item;
}

QStringList listAffiliation(User &actor, const QString &room, QXmppMucItem::Affiliation affiliation)
{
    QXmppMucAdminIq iq;
    iq.setType(QXmppIq::Get);
    iq.setTo(room);
    QXmppMucItem item;
    item.setAffiliation(affiliation);
    iq.setItems({item});
    const Answer answer = request(actor.client, iq);
    QXmppMucAdminIq result;
    result.parse(answer.result);
    QStringList jids;
    for (const QXmppMucItem &listed : result.items())
        jids << listed.jid();
    return jids;
}

QXmppDiscoveryIq disco(User &user, const QString &to, QXmppDiscoveryIq::QueryType type,
                       std::optional<Condition> *error = nullptr)
{
    QXmppDiscoveryIq iq;
    iq.setTo(to);
    iq.setQueryType(type);
    const Answer answer = request(user.client, iq);
    if (error)
        *error = answer.error ? std::optional(answer.error->condition()) : std::nullopt;
    QXmppDiscoveryIq result;
    if (answer.ok())
        result.parse(answer.result);
    return result;
}

TestServerOptions options(Backend backend = Backend::Sqlite,
                          const QMap<QString, QString> &settings = {})
{
    TestServerOptions result;
    result.backend = backend;
    result.settings = settings;
    return result;
}

bool addUsers(const TestServer &server, const QStringList &names)
{
    // The configured admin's account exists from the first start, with a random password.
    return std::all_of(names.cbegin(), names.cend(), [&server](const QString &name) {
        if (name == u"admin"_s)
            return server.runCli({u"user"_s, u"passwd"_s, name}, "secret\n") == 0;
        return server.addUser(name, u"secret"_s);
    });
}

} // namespace

TEST_CASE("three users share a room: join codes, fan-out with stanza ids, history, subject",
          "[muc]")
{
    TestServer server(options());
    REQUIRE(server.start());
    REQUIRE(addUsers(server, {u"alice"_s, u"bob"_s, u"carol"_s, u"dave"_s, u"eve"_s}));
    User alice(server, u"alice"_s), bob(server, u"bob"_s), carol(server, u"carol"_s),
        dave(server, u"dave"_s), eve(server, u"eve"_s);
    REQUIRE(
        (alice.connected && bob.connected && carol.connected && dave.connected && eve.connected));
    const QString room = u"team@"_s + Service;

    // The first join creates the room, locked until its owner configures it.
    const QXmppPresence created = alice.enter(room + u"/Alice"_s);
    CHECK(created.mucStatusCodes().contains(201));
    CHECK(created.mucItem().affiliation() == QXmppMucItem::OwnerAffiliation);
    CHECK(created.mucItem().role() == QXmppMucItem::ModeratorRole);
    CHECK(isError(bob.enter(room + u"/Bob"_s), Condition::ItemNotFound));
    REQUIRE(unlock(alice, room).ok());

    const QXmppPresence bobSelf = bob.enter(room + u"/Bob"_s);
    CHECK(bobSelf.type() == QXmppPresence::Available);
    CHECK(bobSelf.mucItem().role() == QXmppMucItem::ParticipantRole);
    CHECK(bobSelf.mucItem().affiliation() == QXmppMucItem::NoAffiliation);
    // Bob saw Alice before his own presence, without her address (semi-anonymous room)...
    const auto aliceSeen =
        bob.waitForPresence(room + u"/Alice"_s, [](const auto &) { return true; });
    REQUIRE(aliceSeen);
    CHECK(aliceSeen->mucItem().jid().isEmpty());
    CHECK(firstIndex(bob.presences, room + u"/Alice"_s) <
          firstIndex(bob.presences, room + u"/Bob"_s));
    // ... and Alice, a moderator, sees Bob's.
    const auto bobSeen = alice.waitForPresence(room + u"/Bob"_s, [](const auto &) { return true; });
    REQUIRE(bobSeen);
    CHECK(bobSeen->mucItem().jid() == bob.jid());
    REQUIRE(carol.enter(room + u"/Carol"_s).mucStatusCodes().contains(110));

    // Subject, then three messages fan out to everyone with the same room-assigned stanza id.
    QXmppMessage subject(QString(), room);
    subject.setType(QXmppMessage::GroupChat);
    subject.setSubject(u"Plans for Friday"_s);
    alice.client.sendPacket(subject);
    REQUIRE(carol.waitForMessage(
        [](const QXmppMessage &m) { return m.subject() == u"Plans for Friday"_s; }));
    for (const QString &body : {u"one"_s, u"two"_s, u"three"_s})
        alice.say(room, body);
    REQUIRE(bob.waitForBody(u"three"_s));
    REQUIRE(carol.waitForBody(u"three"_s));
    REQUIRE(alice.waitForBody(u"three"_s));
    const QXmppMessage atBob = *bob.waitForBody(u"two"_s);
    const QXmppMessage atCarol = *carol.waitForBody(u"two"_s);
    CHECK(atBob.from() == room + u"/Alice"_s);
    REQUIRE(atBob.stanzaIds().size() == 1);
    CHECK(atBob.stanzaIds().constFirst().by == room);
    CHECK(!atBob.stanzaIds().constFirst().id.isEmpty());
    CHECK(atCarol.stanzaIds().constFirst().id == atBob.stanzaIds().constFirst().id);
    CHECK(bob.waitForBody(u"one"_s)->stanzaIds().constFirst().id !=
          atBob.stanzaIds().constFirst().id);

    // A late joiner asks for two messages of history: they come stamped, then the subject.
    const QDateTime before = QDateTime::currentDateTimeUtc().addSecs(-60);
    dave.enter(room + u"/Dave"_s, u"<history maxstanzas='2'/>"_s);
    REQUIRE(dave.waitForMessage([](const QXmppMessage &m) { return !m.subject().isEmpty(); }));
    const QList<QXmppMessage> history = dave.groupchatWithBody(room);
    REQUIRE(history.size() == 2);
    CHECK(history.at(0).body() == u"two"_s);
    CHECK(history.at(1).body() == u"three"_s);
    CHECK(history.at(0).stamp() > before);
    CHECK(history.at(0).stamp() <= QDateTime::currentDateTimeUtc());
    CHECK(history.at(0).stanzaIds().constFirst().id == atBob.stanzaIds().constFirst().id);
    const auto subjectAtDave =
        dave.waitForMessage([](const QXmppMessage &m) { return !m.subject().isEmpty(); });
    CHECK(subjectAtDave->subject() == u"Plans for Friday"_s);
    CHECK(dave.messages.last().subject() == u"Plans for Friday"_s);

    // Someone outside the room cannot post into it.
    eve.say(room, u"let me in"_s);
    REQUIRE(eve.waitForMessage([](const QXmppMessage &m) {
        return m.type() == QXmppMessage::Error && m.error().condition() == Condition::NotAcceptable;
    }));

    // A private message reaches the occupant's real JID, from the sender's room nick.
    bob.client.sendPacket(chat(room + u"/Carol"_s, u"psst"_s));
    const auto whisper = carol.waitForBody(u"psst"_s);
    REQUIRE(whisper);
    CHECK(whisper->from() == room + u"/Bob"_s);
    CHECK(whisper->type() == QXmppMessage::Chat);

    // Nick change: 303 with the new nick, then the new presence.
    carol.join(room + u"/Caroline"_s);
    const auto renamed = bob.waitForPresence(room + u"/Carol"_s, [](const QXmppPresence &p) {
        return p.type() == QXmppPresence::Unavailable;
    });
    REQUIRE(renamed);
    CHECK(renamed->mucStatusCodes().contains(303));
    CHECK(renamed->mucItem().nick() == u"Caroline"_s);
    REQUIRE(bob.waitForPresence(room + u"/Caroline"_s, [](const QXmppPresence &p) {
        return p.type() == QXmppPresence::Available;
    }));

    // Presence updates are broadcast.
    QXmppPresence away;
    away.setTo(room + u"/Bob"_s);
    away.setAvailableStatusType(QXmppPresence::Away);
    away.setStatusText(u"lunch"_s);
    bob.client.sendPacket(away);
    const auto bobAway = alice.waitForPresence(room + u"/Bob"_s, [](const QXmppPresence &p) {
        return p.availableStatusType() == QXmppPresence::Away;
    });
    REQUIRE(bobAway);
    CHECK(bobAway->statusText() == u"lunch"_s);

    // Someone else cannot take a nick in use; the same user from a second client shares it.
    CHECK(isError(eve.enter(room + u"/Bob"_s), Condition::Conflict));
    User bobPhone(server, u"bob"_s, u"phone"_s);
    REQUIRE(bobPhone.connected);
    const QXmppPresence phoneSelf = bobPhone.enter(room + u"/Bob"_s);
    CHECK(phoneSelf.type() == QXmppPresence::Available);
    alice.say(room, u"both of you"_s);
    REQUIRE(bobPhone.waitForBody(u"both of you"_s));
    REQUIRE(bob.waitForBody(u"both of you"_s));
    // One of Bob's clients leaving keeps Bob in the room.
    bobPhone.leave(room + u"/Bob"_s);
    REQUIRE(bobPhone.waitForPresence(room + u"/Bob"_s, [](const QXmppPresence &p) {
        return p.type() == QXmppPresence::Unavailable;
    }));
    alice.say(room, u"still there?"_s);
    REQUIRE(bob.waitForBody(u"still there?"_s));
    REQUIRE(syncWithServer(alice.client, server.domain()));
    CHECK(!alice.waitForPresence(
        room + u"/Bob"_s,
        [](const QXmppPresence &p) { return p.type() == QXmppPresence::Unavailable; }, 200));

    // Leaving tells the others.
    dave.leave(room + u"/Dave"_s);
    const auto daveGone = carol.waitForPresence(room + u"/Dave"_s, [](const QXmppPresence &p) {
        return p.type() == QXmppPresence::Unavailable;
    });
    REQUIRE(daveGone);
    CHECK(daveGone->mucItem().role() == QXmppMucItem::NoRole);
}

TEST_CASE("moderation: kick, ban, voice in a moderated room, members-only and invitations", "[muc]")
{
    TestServer server(options());
    REQUIRE(server.start());
    REQUIRE(addUsers(server, {u"alice"_s, u"bob"_s, u"carol"_s, u"dave"_s}));
    User alice(server, u"alice"_s), bob(server, u"bob"_s), carol(server, u"carol"_s),
        dave(server, u"dave"_s);
    REQUIRE((alice.connected && bob.connected && carol.connected && dave.connected));
    const QString room = u"mods@"_s + Service;
    alice.enter(room + u"/Alice"_s);
    REQUIRE(configure(alice, room,
                      submitForm({{u"muc#roomconfig_moderatedroom"_s, true},
                                  {u"muc#roomconfig_whois"_s, u"anyone"_s}}))
                .ok());
    // A moderated room: newcomers are visitors and cannot speak until given voice.
    const QXmppPresence bobSelf = bob.enter(room + u"/Bob"_s);
    CHECK(bobSelf.mucItem().role() == QXmppMucItem::VisitorRole);
    CHECK(bobSelf.mucStatusCodes().contains(100)); // non-anonymous
    bob.say(room, u"hello?"_s);
    REQUIRE(bob.waitForMessage([](const QXmppMessage &m) {
        return m.type() == QXmppMessage::Error && m.error().condition() == Condition::Forbidden;
    }));
    REQUIRE(setItem(alice, room, roleItem(u"Bob"_s, QXmppMucItem::ParticipantRole)).ok());
    REQUIRE(bob.waitForPresence(room + u"/Bob"_s, [](const QXmppPresence &p) {
        return p.mucItem().role() == QXmppMucItem::ParticipantRole;
    }));
    bob.say(room, u"thanks for the voice"_s);
    REQUIRE(alice.waitForBody(u"thanks for the voice"_s));

    // A participant may not kick; a moderator may not kick the owner.
    carol.enter(room + u"/Carol"_s);
    CHECK(setItem(bob, room, roleItem(u"Carol"_s, QXmppMucItem::NoRole))
              .failedWith(Condition::Forbidden));
    REQUIRE(setItem(alice, room, roleItem(u"Bob"_s, QXmppMucItem::ModeratorRole)).ok());
    CHECK(setItem(bob, room, roleItem(u"Alice"_s, QXmppMucItem::NoRole))
              .failedWith(Condition::NotAllowed));

    // Kick: 307 to everyone, with the actor and the reason.
    QXmppMucItem kick = roleItem(u"Carol"_s, QXmppMucItem::NoRole);
    kick.setReason(u"too loud"_s);
    REQUIRE(setItem(bob, room, kick).ok());
    const auto kicked = carol.waitForPresence(room + u"/Carol"_s, [](const QXmppPresence &p) {
        return p.type() == QXmppPresence::Unavailable;
    });
    REQUIRE(kicked);
    CHECK(kicked->mucStatusCodes().contains(307));
    CHECK(kicked->mucStatusCodes().contains(110));
    CHECK(kicked->mucItem().reason() == u"too loud"_s);
    CHECK(carol.recorder->find(u"actor"_s).attribute(u"nick"_s) == u"Bob"_s);
    REQUIRE(alice.waitForPresence(room + u"/Carol"_s, [](const QXmppPresence &p) {
        return p.mucStatusCodes().contains(307);
    }));
    // A kicked user may come back; a banned one may not.
    REQUIRE(carol.enter(room + u"/Carol"_s).type() == QXmppPresence::Available);
    CHECK(setItem(bob, room, affiliationItem(carol.bareJid(), QXmppMucItem::OutcastAffiliation))
              .failedWith(Condition::Forbidden)); // a moderator without affiliation
    REQUIRE(setItem(alice, room, affiliationItem(carol.bareJid(), QXmppMucItem::OutcastAffiliation))
                .ok());
    const auto banned = bob.waitForPresence(room + u"/Carol"_s, [](const QXmppPresence &p) {
        return p.mucStatusCodes().contains(301);
    });
    REQUIRE(banned);
    CHECK(banned->mucItem().affiliation() == QXmppMucItem::OutcastAffiliation);
    CHECK(isError(carol.enter(room + u"/Carol"_s), Condition::Forbidden));
    CHECK(listAffiliation(alice, room, QXmppMucItem::OutcastAffiliation) ==
          QStringList{carol.bareJid()});
    CHECK(listAffiliation(bob, room, QXmppMucItem::OutcastAffiliation).isEmpty());

    // Members only: outsiders are refused (and ejected with 322 when the room closes).
    REQUIRE(configure(alice, room, submitForm({{u"muc#roomconfig_membersonly"_s, true}})).ok());
    const auto closed = bob.waitForPresence(
        room + u"/Bob"_s, [](const QXmppPresence &p) { return p.mucStatusCodes().contains(322); });
    REQUIRE(closed);
    CHECK(isError(dave.enter(room + u"/Dave"_s), Condition::RegistrationRequired));
    // An invitation from the owner makes the invitee a member.
    QXmppMessage invitation(QString(), room);
    invitation.setExtensions(
        {xml(u"<x xmlns='http://jabber.org/protocol/muc#user'><invite to='dave@flint.test'>"
             "<reason>join us</reason></invite></x>"_s)});
    alice.client.sendPacket(invitation);
    REQUIRE(waitFor([&dave] { return !dave.recorder->find(u"invite"_s).isNull(); }));
    const QDomElement invited = dave.recorder->find(u"invite"_s);
    CHECK(invited.parentNode().parentNode().toElement().attribute(u"from"_s) == room);
    CHECK(invited.attribute(u"from"_s) == alice.bareJid());
    CHECK(invited.firstChildElement(u"reason"_s).text() == u"join us"_s);
    REQUIRE(dave.enter(room + u"/Dave"_s).type() == QXmppPresence::Available);
    CHECK(dave.presences.last().mucItem().affiliation() == QXmppMucItem::MemberAffiliation);
    CHECK(listAffiliation(alice, room, QXmppMucItem::MemberAffiliation) ==
          QStringList{dave.bareJid()});
    // Removing the membership of someone inside a members-only room ejects them with 321.
    REQUIRE(
        setItem(alice, room, affiliationItem(dave.bareJid(), QXmppMucItem::NoAffiliation)).ok());
    REQUIRE(dave.waitForPresence(room + u"/Dave"_s, [](const QXmppPresence &p) {
        return p.mucStatusCodes().contains(321);
    }));
    // A declined invitation goes back to the inviter.
    QXmppMessage declination(QString(), room);
    declination.setExtensions(
        {xml(u"<x xmlns='http://jabber.org/protocol/muc#user'><decline to='alice@flint.test'>"
             "<reason>busy</reason></decline></x>"_s)});
    bob.client.sendPacket(declination);
    REQUIRE(waitFor([&alice] { return !alice.recorder->find(u"decline"_s).isNull(); }));
    const QDomElement declined = alice.recorder->find(u"decline"_s);
    CHECK(declined.attribute(u"from"_s) == bob.bareJid());
    CHECK(declined.firstChildElement(u"reason"_s).text() == u"busy"_s);
    // XEP-0249: a direct invitation is a message from user to user.
    QXmppMessage direct(QString(), dave.bareJid());
    direct.setMucInvitationJid(room);
    direct.setMucInvitationReason(u"come back later"_s);
    alice.client.sendPacket(direct);
    const auto directInvitation =
        dave.waitForMessage([](const QXmppMessage &m) { return !m.mucInvitationJid().isEmpty(); });
    REQUIRE(directInvitation);
    CHECK(directInvitation->mucInvitationJid() == room);
    CHECK(directInvitation->mucInvitationReason() == u"come back later"_s);
    CHECK(directInvitation->from() == alice.jid());

    // The last owner cannot step down.
    CHECK(setItem(alice, room, affiliationItem(alice.bareJid(), QXmppMucItem::AdminAffiliation))
              .failedWith(Condition::Conflict));
}

TEST_CASE("room creation rules, configuration form, passwords, disco and destroy", "[muc]")
{
    TestServer server(options(Backend::Sqlite, {{u"muc/room_creation"_s, u"admins"_s}}));
    REQUIRE(server.start());
    REQUIRE(addUsers(server, {u"admin"_s, u"bob"_s, u"carol"_s}));
    User admin(server, u"admin"_s), bob(server, u"bob"_s), carol(server, u"carol"_s);
    REQUIRE((admin.connected && bob.connected && carol.connected));
    const QString room = u"board@"_s + Service;

    // room_creation = admins: an ordinary user cannot create a room.
    CHECK(isError(bob.enter(u"bobs@"_s + Service + u"/Bob"_s), Condition::NotAllowed));
    REQUIRE(admin.enter(room + u"/Admin"_s).mucStatusCodes().contains(201));

    // The owner's configuration form, a non-owner refused.
    QXmppMucOwnerIq get;
    get.setType(QXmppIq::Get);
    get.setTo(room);
    const Answer formAnswer = request(admin.client, get);
    REQUIRE(formAnswer.ok());
    QXmppMucOwnerIq formIq;
    formIq.parse(formAnswer.result);
    QStringList keys;
    for (const QXmppDataForm::Field &field : formIq.form().fields())
        keys << field.key();
    for (const QString &key : {u"muc#roomconfig_roomname"_s, u"muc#roomconfig_roomdesc"_s,
                               u"muc#roomconfig_persistentroom"_s, u"muc#roomconfig_publicroom"_s,
                               u"muc#roomconfig_membersonly"_s, u"muc#roomconfig_moderatedroom"_s,
                               u"muc#roomconfig_passwordprotectedroom"_s,
                               u"muc#roomconfig_roomsecret"_s, u"muc#roomconfig_whois"_s,
                               u"muc#roomconfig_allowinvites"_s, u"muc#roomconfig_changesubject"_s,
                               u"muc#maxhistoryfetch"_s, u"muc#roomconfig_maxusers"_s})
        CHECK(keys.contains(key));
    REQUIRE(configure(admin, room,
                      submitForm({{u"muc#roomconfig_roomname"_s, u"The Board"_s},
                                  {u"muc#roomconfig_roomdesc"_s, u"Decisions"_s},
                                  {u"muc#roomconfig_passwordprotectedroom"_s, true},
                                  {u"muc#roomconfig_roomsecret"_s, u"s3cret"_s}}))
                .ok());
    CHECK(request(bob.client, get).failedWith(Condition::Forbidden));

    CHECK(isError(bob.enter(room + u"/Bob"_s), Condition::NotAuthorized));
    CHECK(isError(bob.enter(room + u"/Bob"_s, u"<password>wrong</password>"_s),
                  Condition::NotAuthorized));
    REQUIRE(bob.enter(room + u"/Bob"_s, u"<password>s3cret</password>"_s).type() ==
            QXmppPresence::Available);

    // A later change tells the occupants with status 104.
    REQUIRE(configure(admin, room, submitForm({{u"muc#roomconfig_changesubject"_s, true}})).ok());
    REQUIRE(bob.waitForMessage([&room](const QXmppMessage &m) {
        return m.from() == room && m.type() == QXmppMessage::GroupChat && m.body().isEmpty() &&
               m.subject().isEmpty();
    }));

    // Disco: the service, its public rooms, a room's features and info form.
    std::optional<Condition> error;
    const QXmppDiscoveryIq serviceInfo = disco(bob, Service, QXmppDiscoveryIq::InfoQuery);
    REQUIRE(!serviceInfo.identities().isEmpty());
    CHECK(serviceInfo.identities().constFirst().category() == u"conference"_s);
    CHECK(serviceInfo.features().contains(MucNs));
    const QXmppDiscoveryIq items = disco(bob, Service, QXmppDiscoveryIq::ItemsQuery);
    REQUIRE(items.items().size() == 1);
    CHECK(items.items().constFirst().jid() == room);
    CHECK(items.items().constFirst().name() == u"The Board"_s);
    const QXmppDiscoveryIq info = disco(bob, room, QXmppDiscoveryIq::InfoQuery);
    CHECK(info.identities().constFirst().name() == u"The Board"_s);
    for (const QString &feature :
         {MucNs, u"muc_public"_s, u"muc_temporary"_s, u"muc_passwordprotected"_s, u"muc_open"_s,
          u"muc_unmoderated"_s, u"muc_semianonymous"_s})
        CHECK(info.features().contains(feature));
    QMap<QString, QString> roomInfo;
    for (const QXmppDataForm::Field &field : info.form().fields())
        roomInfo.insert(field.key(), field.value().toString());
    CHECK(roomInfo.value(u"muc#roominfo_description"_s) == u"Decisions"_s);
    CHECK(roomInfo.value(u"muc#roominfo_occupants"_s) == u"2"_s);
    disco(bob, u"nowhere@"_s + Service, QXmppDiscoveryIq::InfoQuery, &error);
    CHECK(error == Condition::ItemNotFound);

    // Destroy: occupants get an unavailable presence with the reason and the new venue.
    QXmppIq destroy(QXmppIq::Set);
    destroy.setTo(room);
    destroy.setExtensions({xml(u"<query xmlns='http://jabber.org/protocol/muc#owner'>"
                               "<destroy jid='new@conference.flint.test'><reason>moved</reason>"
                               "</destroy></query>"_s)});
    CHECK(request(bob.client, destroy).failedWith(Condition::Forbidden));
    REQUIRE(request(admin.client, destroy).ok());
    const auto gone = bob.waitForPresence(room + u"/Bob"_s, [](const QXmppPresence &p) {
        return p.type() == QXmppPresence::Unavailable;
    });
    REQUIRE(gone);
    const QDomElement destroyed = bob.recorder->find(u"destroy"_s);
    CHECK(destroyed.attribute(u"jid"_s) == u"new@conference.flint.test"_s);
    CHECK(destroyed.firstChildElement(u"reason"_s).text() == u"moved"_s);
    CHECK(disco(bob, Service, QXmppDiscoveryIq::ItemsQuery).items().isEmpty());

    // Cancelling the first configuration abandons the new room.
    admin.enter(u"scratch@"_s + Service + u"/Admin"_s);
    QXmppMucOwnerIq cancel;
    cancel.setType(QXmppIq::Set);
    cancel.setTo(u"scratch@"_s + Service);
    cancel.setForm(QXmppDataForm(QXmppDataForm::Cancel));
    REQUIRE(request(admin.client, cancel).ok());
    disco(carol, u"scratch@"_s + Service, QXmppDiscoveryIq::InfoQuery, &error);
    CHECK(error == Condition::ItemNotFound);
}

TEST_CASE("a persistent room keeps its configuration, subject, affiliations and history across "
          "a restart",
          "[muc]")
{
    const Backend backend = GENERATE(Backend::Sqlite, Backend::MariaDb);
    INFO(backendName(backend).toStdString());
    TestServer server(options(backend));
    REQUIRE(server.start());
    REQUIRE(addUsers(server, {u"alice"_s, u"bob"_s, u"carol"_s}));
    const QString room = u"archive@"_s + Service;
    {
        User alice(server, u"alice"_s), bob(server, u"bob"_s);
        REQUIRE((alice.connected && bob.connected));
        alice.enter(room + u"/Alice"_s);
        alice.say(room, u"before it was kept"_s);
        REQUIRE(alice.waitForBody(u"before it was kept"_s));
        REQUIRE(configure(alice, room,
                          submitForm({{u"muc#roomconfig_persistentroom"_s, true},
                                      {u"muc#roomconfig_roomname"_s, u"Archive"_s},
                                      {u"muc#maxhistoryfetch"_s, u"3"_s}}))
                    .ok());
        bob.enter(room + u"/Bob"_s);
        REQUIRE(setItem(alice, room, affiliationItem(bob.bareJid(), QXmppMucItem::AdminAffiliation))
                    .ok());
        REQUIRE(setItem(alice, room,
                        affiliationItem(u"carol@flint.test"_s, QXmppMucItem::OutcastAffiliation))
                    .ok());
        QXmppMessage subject(QString(), room);
        subject.setType(QXmppMessage::GroupChat);
        subject.setSubject(u"Kept forever"_s);
        alice.client.sendPacket(subject);
        for (const QString &body : {u"m1"_s, u"m2"_s, u"m3"_s, u"m4"_s})
            bob.say(room, body);
        REQUIRE(alice.waitForBody(u"m4"_s));
        // A persistent room that never had a subject is kept too.
        bob.enter(u"quiet@"_s + Service + u"/Bob"_s);
        REQUIRE(configure(bob, u"quiet@"_s + Service,
                          submitForm({{u"muc#roomconfig_persistentroom"_s, true},
                                      {u"muc#roomconfig_roomname"_s, u"Quiet"_s}}))
                    .ok());
        REQUIRE(syncWithServer(alice.client, server.domain()));
        // Everyone leaves: a persistent room stays.
    }
    REQUIRE(server.stop() == 0);
    REQUIRE(server.start());

    User alice(server, u"alice"_s), bob(server, u"bob"_s), carol(server, u"carol"_s);
    REQUIRE((alice.connected && bob.connected && carol.connected));
    const QXmppDiscoveryIq items = disco(carol, Service, QXmppDiscoveryIq::ItemsQuery);
    QStringList names;
    for (const auto &item : items.items())
        names << item.name();
    names.sort();
    CHECK(names == QStringList{u"Archive"_s, u"Quiet"_s});
    CHECK(disco(carol, room, QXmppDiscoveryIq::InfoQuery).features().contains(u"muc_persistent"_s));
    CHECK(isError(carol.enter(room + u"/Carol"_s), Condition::Forbidden));
    const QXmppPresence bobSelf = bob.enter(room + u"/Bob"_s);
    CHECK(bobSelf.mucItem().affiliation() == QXmppMucItem::AdminAffiliation);
    CHECK(bobSelf.mucItem().role() == QXmppMucItem::ModeratorRole);
    const auto subject =
        bob.waitForMessage([](const QXmppMessage &m) { return !m.subject().isEmpty(); });
    REQUIRE(subject);
    CHECK(subject->subject() == u"Kept forever"_s);
    QStringList bodies;
    for (const QXmppMessage &message : bob.groupchatWithBody(room)) {
        bodies << message.body();
        CHECK(message.stamp().isValid());
    }
    CHECK(bodies == QStringList{u"m2"_s, u"m3"_s, u"m4"_s});
    CHECK(alice.enter(room + u"/Alice"_s).mucItem().affiliation() ==
          QXmppMucItem::OwnerAffiliation);

    // Destroying it removes it from storage too.
    QXmppIq destroy(QXmppIq::Set);
    destroy.setTo(room);
    destroy.setExtensions(
        {xml(u"<query xmlns='http://jabber.org/protocol/muc#owner'><destroy/></query>"_s)});
    REQUIRE(request(alice.client, destroy).ok());
    REQUIRE(server.stop() == 0);
    REQUIRE(server.start());
    User later(server, u"carol"_s);
    REQUIRE(later.connected);
    const auto left = disco(later, Service, QXmppDiscoveryIq::ItemsQuery).items();
    REQUIRE(left.size() == 1);
    CHECK(left.constFirst().name() == u"Quiet"_s);
}

TEST_CASE("an occupant whose connection dies leaves the room and can rejoin", "[muc]")
{
    TestServer server(options());
    REQUIRE(server.start());
    REQUIRE(addUsers(server, {u"alice"_s, u"bob"_s}));
    User alice(server, u"alice"_s);
    REQUIRE(alice.connected);
    const QString room = u"lobby@"_s + Service;
    alice.enter(room + u"/Alice"_s);
    REQUIRE(unlock(alice, room).ok());

    auto raw = std::make_unique<RawStream>(server.port(), server.domain());
    REQUIRE(raw->connectToServer());
    REQUIRE(raw->login(u"bob"_s, u"secret"_s, u"laptop"_s));
    raw->send("<presence to='lobby@conference.flint.test/Bob'>"
              "<x xmlns='http://jabber.org/protocol/muc'/></presence>");
    REQUIRE(raw->waitForText("110"));
    REQUIRE(alice.waitForPresence(room + u"/Bob"_s, [](const QXmppPresence &p) {
        return p.type() == QXmppPresence::Available;
    }));
    raw.reset(); // the TCP connection drops without a goodbye
    const auto gone = alice.waitForPresence(room + u"/Bob"_s, [](const QXmppPresence &p) {
        return p.type() == QXmppPresence::Unavailable;
    });
    REQUIRE(gone);

    User bob(server, u"bob"_s, u"laptop"_s);
    REQUIRE(bob.connected);
    REQUIRE(bob.enter(room + u"/Bob"_s).mucStatusCodes().contains(110));
    alice.say(room, u"welcome back"_s);
    REQUIRE(bob.waitForBody(u"welcome back"_s));
    // XEP-0410: the client can check that it is still joined.
    QXmppPingIq ping;
    ping.setTo(room + u"/Bob"_s);
    CHECK(request(bob.client, ping).ok());
}

TEST_CASE("room fan-out: one serialisation per message, each copy with its session's address",
          "[muc]")
{
    TestServer server(options());
    REQUIRE(server.start());
    REQUIRE(addUsers(server, {u"alice"_s, u"bob"_s, u"carol"_s}));
    User alice(server, u"alice"_s);
    // A resource with every character an attribute value must escape.
    const QString resource = u"desk & \"lab\" <1>'s"_s;
    User bob(server, u"bob"_s, resource);
    REQUIRE((alice.connected && bob.connected));
    const QString room = u"fanout@"_s + Service;
    alice.enter(room + u"/Alice"_s);
    REQUIRE(unlock(alice, room).ok());
    REQUIRE(bob.enter(room + u"/Bob"_s).mucStatusCodes().contains(110));
    auto raw = std::make_unique<RawStream>(server.port(), server.domain());
    REQUIRE(raw->connectToServer());
    REQUIRE(raw->login(u"carol"_s, u"secret"_s, u"r&amp;d"_s));
    raw->send("<presence to='fanout@conference.flint.test/Carol'>"
              "<x xmlns='http://jabber.org/protocol/muc'><history maxstanzas='0'/></x>"
              "</presence>");
    REQUIRE(raw->waitForText("110"));
    REQUIRE(alice.waitForPresence(room + u"/Carol"_s, [](const QXmppPresence &p) {
        return p.type() == QXmppPresence::Available;
    }));
    // Everyone sees Carol's presence addressed to them, also from the one-serialisation path.
    const auto carolSeen = bob.waitForPresence(room + u"/Carol"_s, [](const QXmppPresence &p) {
        return p.type() == QXmppPresence::Available;
    });
    REQUIRE(carolSeen);
    CHECK(carolSeen->to() == bob.jid());

    QXmppMessage message = chat(room, u"one for all"_s, QXmppMessage::GroupChat);
    message.setExtensions({xml(u"<x xmlns='urn:example:fanout'><y a='1 &amp; 2'/></x>"_s)});
    alice.client.sendPacket(message);
    const auto received = bob.waitForBody(u"one for all"_s);
    REQUIRE(received);
    CHECK(received->to() == bob.jid());
    CHECK(bob.jid().endsWith(resource));
    CHECK(received->from() == room + u"/Alice"_s);
    QDomElement stanza;
    for (const QDomElement &element : std::as_const(bob.recorder->stanzas)) {
        if (element.firstChildElement(u"body"_s).text() == u"one for all"_s)
            stanza = element;
    }
    REQUIRE(!stanza.isNull());
    CHECK(stanza.attribute(u"to"_s) == bob.jid());
    CHECK(stanza.namespaceURI() == u"jabber:client"_s);
    CHECK(stanza.firstChildElement(u"body"_s).namespaceURI() == u"jabber:client"_s);
    CHECK(stanza.firstChildElement(u"stanza-id"_s).namespaceURI() == u"urn:xmpp:sid:0"_s);
    const QDomElement extension = stanza.firstChildElement(u"x"_s);
    CHECK(extension.namespaceURI() == u"urn:example:fanout"_s);
    CHECK(extension.firstChildElement(u"y"_s).namespaceURI() == u"urn:example:fanout"_s);
    CHECK(extension.firstChildElement(u"y"_s).attribute(u"a"_s) == u"1 & 2"_s);
    // On the wire: the address escaped, the rest as the session's serialiser writes it.
    REQUIRE(raw->waitForText("one for all"));
    const QByteArray bytes = raw->received();
    CHECK(bytes.contains("<message to=\"carol@flint.test/r&amp;d\""));
    CHECK(bytes.contains("<x xmlns=\"urn:example:fanout\"><y a=\"1 &amp; 2\"/></x>"));
    CHECK(bytes.contains("<body>one for all</body>"));
    // Alice gets her own copy too.
    REQUIRE(alice.waitForBody(u"one for all"_s));
    CHECK(alice.waitForBody(u"one for all"_s)->to() == alice.jid());
}

TEST_CASE("occupants learn with status 332 that the service shuts down", "[muc]")
{
    TestServer server(options());
    REQUIRE(server.start());
    REQUIRE(addUsers(server, {u"alice"_s, u"bob"_s}));
    User alice(server, u"alice"_s);
    REQUIRE(alice.connected);
    const QString room = u"closing@"_s + Service;
    alice.enter(room + u"/Alice"_s);
    REQUIRE(unlock(alice, room).ok());
    RawStream bob(server.port(), server.domain());
    REQUIRE(bob.connectToServer());
    REQUIRE(bob.login(u"bob"_s, u"secret"_s, u"laptop"_s));
    bob.send("<presence to='closing@conference.flint.test/Bob'>"
             "<x xmlns='http://jabber.org/protocol/muc'/></presence>");
    REQUIRE(bob.waitForText("110"));
    bob.clearReceived();

    REQUIRE(server.stop() == 0);
    const auto shutdown = alice.waitForPresence(
        room + u"/Alice"_s, [](const QXmppPresence &p) { return p.mucStatusCodes().contains(332); },
        5000);
    REQUIRE(shutdown);
    CHECK(shutdown->type() == QXmppPresence::Unavailable);
    CHECK(shutdown->mucStatusCodes().contains(110));
    CHECK(shutdown->mucItem().role() == QXmppMucItem::NoRole);
    // On the wire: the presence, then the stream error that closes the stream.
    REQUIRE(bob.waitForText("system-shutdown"));
    const QByteArray bytes = bob.received();
    const qsizetype presence = bytes.indexOf("<presence");
    REQUIRE(presence >= 0);
    CHECK(bytes.indexOf("from=\"closing@conference.flint.test/Bob\"", presence) > presence);
    CHECK(bytes.indexOf("type=\"unavailable\"", presence) > presence);
    CHECK(bytes.indexOf("code=\"332\"", presence) > presence);
    CHECK(bytes.indexOf("code=\"332\"") < bytes.indexOf("system-shutdown"));
}

TEST_CASE("IQs to an occupant go to its real JID and the answers come back (XEP-0045 §17.3)",
          "[muc]")
{
    TestServer server(options());
    REQUIRE(server.start());
    REQUIRE(addUsers(server, {u"alice"_s, u"bob"_s, u"carol"_s, u"dave"_s}));
    User alice(server, u"alice"_s), carol(server, u"carol"_s), dave(server, u"dave"_s);
    REQUIRE((alice.connected && carol.connected && dave.connected));
    const QString room = u"forward@"_s + Service;
    alice.enter(room + u"/Alice"_s);
    REQUIRE(unlock(alice, room).ok());
    REQUIRE(carol.enter(room + u"/Carol"_s).mucStatusCodes().contains(110));
    RawStream bob(server.port(), server.domain());
    REQUIRE(bob.connectToServer());
    REQUIRE(bob.login(u"bob"_s, u"secret"_s, u"laptop"_s));
    bob.send("<presence to='forward@conference.flint.test/Bob'>"
             "<x xmlns='http://jabber.org/protocol/muc'/></presence>");
    REQUIRE(bob.waitForText("110"));
    bob.clearReceived();

    // A vCard request to Bob's occupant JID reaches Bob's client from Alice's occupant JID,
    // under an id of the room's.
    QXmppVCardIq vCardRequest;
    vCardRequest.setTo(room + u"/Bob"_s);
    vCardRequest.setId(u"alice-vcard-1"_s);
    std::optional<QXmppClient::IqResult> vCardAnswer;
    alice.client.sendIq(std::move(vCardRequest))
        .then(&alice.client,
              [&vCardAnswer](QXmppClient::IqResult &&result) { vCardAnswer = std::move(result); });
    REQUIRE(bob.waitForText("</iq>"));
    const QByteArray bytes = bob.received();
    const qsizetype start = bytes.lastIndexOf("<iq ", bytes.indexOf("vcard-temp"));
    QDomDocument forwardedDocument;
    REQUIRE(
        forwardedDocument.setContent(bytes.mid(start, bytes.indexOf("</iq>") + 5 - start), true));
    const QDomElement forwarded = forwardedDocument.documentElement();
    CHECK(forwarded.attribute(u"type"_s) == u"get"_s);
    CHECK(forwarded.attribute(u"from"_s) == room + u"/Alice"_s);
    CHECK(forwarded.attribute(u"to"_s) == u"bob@flint.test/laptop"_s);
    const QString forwardedId = forwarded.attribute(u"id"_s);
    CHECK(!forwardedId.isEmpty());
    CHECK(forwardedId != u"alice-vcard-1"_s);
    CHECK(forwarded.firstChildElement(u"vCard"_s).namespaceURI() == u"vcard-temp"_s);
    // Only Bob may answer it: a guess of the id from someone else goes nowhere.
    RawStream mallory(server.port(), server.domain());
    REQUIRE(mallory.connectToServer());
    REQUIRE(mallory.login(u"dave"_s, u"secret"_s, u"raw"_s));
    mallory.send(u"<iq type='result' id='%1' to='%2/Alice'><vCard xmlns='vcard-temp'>"
                 "<FN>Not Bob</FN></vCard></iq>"_s.arg(forwardedId, room)
                     .toUtf8());
    bob.send(u"<iq type='result' id='%1' to='%2/Alice'><vCard xmlns='vcard-temp'>"
             "<FN>Bob Builder</FN></vCard></iq>"_s.arg(forwardedId, room)
                 .toUtf8());
    REQUIRE(waitFor([&vCardAnswer] { return vCardAnswer.has_value(); }));
    const auto *vCardResult = std::get_if<QDomElement>(&*vCardAnswer);
    REQUIRE(vCardResult);
    CHECK(vCardResult->attribute(u"from"_s) == room + u"/Bob"_s);
    CHECK(vCardResult->attribute(u"id"_s) == u"alice-vcard-1"_s);
    QXmppVCardIq vCard;
    vCard.parse(*vCardResult);
    CHECK(vCard.fullName() == u"Bob Builder"_s);

    // An error answer comes back as well.
    vCardRequest = QXmppVCardIq();
    vCardRequest.setTo(room + u"/Bob"_s);
    std::optional<QXmppClient::IqResult> errorAnswer;
    bob.clearReceived();
    alice.client.sendIq(std::move(vCardRequest))
        .then(&alice.client,
              [&errorAnswer](QXmppClient::IqResult &&result) { errorAnswer = std::move(result); });
    REQUIRE(bob.waitForText("</iq>"));
    const QString secondId = QRegularExpression(u"id=\"(muc-[^\"]+)\""_s)
                                 .match(QString::fromUtf8(bob.received()))
                                 .captured(1);
    REQUIRE(!secondId.isEmpty());
    bob.send(u"<iq type='error' id='%1' to='%2/Alice'><error type='cancel'>"
             "<item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>"_s
                 .arg(secondId, room)
                 .toUtf8());
    REQUIRE(waitFor([&errorAnswer] { return errorAnswer.has_value(); }));
    const auto *error = std::get_if<QXmppError>(&*errorAnswer);
    REQUIRE(error);
    CHECK(error->value<QXmppStanza::Error>()->condition() == Condition::ItemNotFound);

    // A QXmpp occupant answers version and disco#info requests through the room.
    QXmppVersionIq versionRequest;
    versionRequest.setType(QXmppIq::Get);
    versionRequest.setTo(room + u"/Carol"_s);
    const Answer version = request(alice.client, versionRequest);
    REQUIRE(version.ok());
    CHECK(version.result.attribute(u"from"_s) == room + u"/Carol"_s);
    QXmppVersionIq versionResult;
    versionResult.parse(version.result);
    CHECK(!versionResult.name().isEmpty());
    const QXmppDiscoveryIq info = disco(alice, room + u"/Carol"_s, QXmppDiscoveryIq::InfoQuery);
    CHECK(info.features().contains(u"jabber:iq:version"_s));

    // No such nickname; not an occupant; the service itself does not serve the namespace.
    QXmppVCardIq toNobody;
    toNobody.setTo(room + u"/Nobody"_s);
    CHECK(request(alice.client, toNobody).failedWith(Condition::ItemNotFound));
    QXmppVCardIq fromOutside;
    fromOutside.setTo(room + u"/Bob"_s);
    CHECK(request(dave.client, fromOutside).failedWith(Condition::NotAcceptable));
    QXmppVCardIq toRoom;
    toRoom.setTo(room);
    CHECK(request(alice.client, toRoom).failedWith(Condition::ServiceUnavailable));
    // Self-ping stays the room's answer (XEP-0410); a ping to another occupant is forwarded,
    // and Carol's client (which does not serve pings) answers it.
    QXmppPingIq selfPing;
    selfPing.setTo(room + u"/Alice"_s);
    CHECK(request(alice.client, selfPing).ok());
    QXmppPingIq ping;
    ping.setTo(room + u"/Carol"_s);
    CHECK(request(alice.client, ping).failedWith(Condition::FeatureNotImplemented));
}

TEST_CASE("members-only: 322 removes every non-member when the room closes, 321 whoever loses "
          "membership",
          "[muc]")
{
    const Backend backend = GENERATE(Backend::Sqlite, Backend::MariaDb);
    INFO(backendName(backend).toStdString());
    TestServer server(options(backend));
    REQUIRE(server.start());
    REQUIRE(addUsers(server, {u"alice"_s, u"bob"_s, u"carol"_s, u"dave"_s}));
    User alice(server, u"alice"_s), bob(server, u"bob"_s), carol(server, u"carol"_s),
        dave(server, u"dave"_s);
    REQUIRE((alice.connected && bob.connected && carol.connected && dave.connected));
    const QString room = u"club@"_s + Service;
    alice.enter(room + u"/Alice"_s);
    REQUIRE(configure(alice, room, submitForm({{u"muc#roomconfig_persistentroom"_s, true}})).ok());
    REQUIRE(
        setItem(alice, room, affiliationItem(bob.bareJid(), QXmppMucItem::MemberAffiliation)).ok());
    for (User *user : {&bob, &carol, &dave})
        REQUIRE(user->enter(room + u'/' + user->bareJid().section(u'@', 0, 0))
                    .mucStatusCodes()
                    .contains(110));

    REQUIRE(configure(alice, room, submitForm({{u"muc#roomconfig_membersonly"_s, true}})).ok());
    for (User *user : {&carol, &dave}) {
        const QString occupant = room + u'/' + user->bareJid().section(u'@', 0, 0);
        const auto self = user->waitForPresence(
            occupant, [](const QXmppPresence &p) { return p.mucStatusCodes().contains(322); });
        REQUIRE(self);
        CHECK(self->type() == QXmppPresence::Unavailable);
        CHECK(self->mucStatusCodes().contains(110));
        CHECK(self->mucItem().role() == QXmppMucItem::NoRole);
        CHECK(self->mucItem().affiliation() == QXmppMucItem::NoAffiliation);
        for (User *witness : {&alice, &bob}) {
            const auto seen = witness->waitForPresence(
                occupant, [](const QXmppPresence &p) { return p.mucStatusCodes().contains(322); });
            REQUIRE(seen);
            CHECK(seen->type() == QXmppPresence::Unavailable);
            CHECK(!seen->mucStatusCodes().contains(110));
        }
        CHECK(isError(user->enter(occupant), Condition::RegistrationRequired));
    }
    // The member stays and still hears the room (after the configuration change, 104).
    REQUIRE(bob.waitForMessage([&room](const QXmppMessage &m) {
        return m.from() == room && m.type() == QXmppMessage::GroupChat && m.body().isEmpty() &&
               m.subject().isEmpty();
    }));
    CHECK(
        std::none_of(bob.presences.cbegin(), bob.presences.cend(), [&room](const QXmppPresence &p) {
            return p.from() == room + u"/bob"_s && p.type() == QXmppPresence::Unavailable;
        }));
    alice.say(room, u"members only now"_s);
    REQUIRE(bob.waitForBody(u"members only now"_s));

    // Revoking Bob's membership removes him with 321.
    REQUIRE(setItem(alice, room, affiliationItem(bob.bareJid(), QXmppMucItem::NoAffiliation)).ok());
    const auto revoked = bob.waitForPresence(
        room + u"/bob"_s, [](const QXmppPresence &p) { return p.mucStatusCodes().contains(321); });
    REQUIRE(revoked);
    CHECK(revoked->type() == QXmppPresence::Unavailable);
    CHECK(revoked->mucStatusCodes().contains(110));
    CHECK(revoked->mucItem().role() == QXmppMucItem::NoRole);
    CHECK(revoked->mucItem().affiliation() == QXmppMucItem::NoAffiliation);
    const auto seen = alice.waitForPresence(
        room + u"/bob"_s, [](const QXmppPresence &p) { return p.mucStatusCodes().contains(321); });
    REQUIRE(seen);
    CHECK(seen->type() == QXmppPresence::Unavailable);
    CHECK(isError(bob.enter(room + u"/bob"_s), Condition::RegistrationRequired));
    CHECK(listAffiliation(alice, room, QXmppMucItem::MemberAffiliation).isEmpty());

    // An owner may close a temporary room from outside it: emptied, the room goes away.
    const QString lounge = u"lounge@"_s + Service;
    alice.enter(lounge + u"/Alice"_s);
    REQUIRE(unlock(alice, lounge).ok());
    REQUIRE(carol.enter(lounge + u"/carol"_s).mucStatusCodes().contains(110));
    alice.leave(lounge + u"/Alice"_s);
    REQUIRE(carol.waitForPresence(lounge + u"/Alice"_s, [](const QXmppPresence &p) {
        return p.type() == QXmppPresence::Unavailable;
    }));
    REQUIRE(configure(alice, lounge, submitForm({{u"muc#roomconfig_membersonly"_s, true}})).ok());
    REQUIRE(carol.waitForPresence(lounge + u"/carol"_s, [](const QXmppPresence &p) {
        return p.mucStatusCodes().contains(322);
    }));
    std::optional<Condition> gone;
    disco(alice, lounge, QXmppDiscoveryIq::InfoQuery, &gone);
    CHECK(gone == Condition::ItemNotFound);
}

TEST_CASE("a full room, the room quota and malformed requests get clear errors and change nothing",
          "[muc]")
{
    TestServer server(options(Backend::Sqlite, {{u"muc/max_occupants"_s, u"2"_s},
                                                {u"muc/max_rooms_per_user"_s, u"1"_s}}));
    REQUIRE(server.start());
    REQUIRE(addUsers(server, {u"alice"_s, u"bob"_s, u"carol"_s}));
    User alice(server, u"alice"_s), bob(server, u"bob"_s), carol(server, u"carol"_s);
    REQUIRE((alice.connected && bob.connected && carol.connected));
    const QString room = u"small@"_s + Service;
    REQUIRE(alice.enter(room + u"/Alice"_s).mucStatusCodes().contains(201));
    REQUIRE(unlock(alice, room).ok());

    // One room per user: a second one is refused and does not come to exist (Bob, who owns
    // none, creates it afresh).
    const QString second = u"another@"_s + Service;
    CHECK(isError(alice.enter(second + u"/Alice"_s), Condition::NotAllowed));
    CHECK(bob.enter(second + u"/Bob"_s).mucStatusCodes().contains(201));
    bob.leave(second + u"/Bob"_s);

    // Two people fit; the third is told the room is full.
    REQUIRE(bob.enter(room + u"/Bob"_s).mucStatusCodes().contains(110));
    CHECK(isError(carol.enter(room + u"/Carol"_s), Condition::ServiceUnavailable));

    // A join without a nickname, and a chat message to the room itself.
    CHECK(isError(carol.enter(room), Condition::JidMalformed));
    carol.client.sendPacket(chat(room, u"hello?"_s, QXmppMessage::Chat));
    REQUIRE(carol.waitForMessage([](const QXmppMessage &m) {
        return m.type() == QXmppMessage::Error && m.error().condition() == Condition::BadRequest;
    }));

    // The room goes on with its two occupants; Carol hears nothing of it.
    carol.messages.clear();
    bob.say(room, u"still just us"_s);
    REQUIRE(alice.waitForBody(u"still just us"_s));
    CHECK_FALSE(carol.waitForMessage(
        [](const QXmppMessage &m) { return m.body() == u"still just us"_s; }, 1000));
}

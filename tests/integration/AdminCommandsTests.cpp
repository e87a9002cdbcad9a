// XEP-0133 admin commands over XEP-0050: discovery, the multi-step flow, and each command's
// effect on real accounts.
#include "support/TestServer.h"

#include <catch2/catch.hpp>

#include <QDomElement>
#include <QXmlStreamWriter>
#include <QXmppClient.h>
#include <QXmppConfiguration.h>
#include <QXmppDataForm.h>
#include <QXmppDiscoveryIq.h>
#include <QXmppDiscoveryManager.h>
#include <QXmppTask.h>
#include <QXmppVCardIq.h>
#include <QXmppVCardManager.h>

#include <optional>

using namespace flint::test;
using namespace Qt::StringLiterals;

namespace {

const QString CommandsNs = u"http://jabber.org/protocol/commands"_s;
const QString AdminNs = u"http://jabber.org/protocol/admin"_s;

// An XEP-0050 <command/> request, optionally carrying a data form.
class CommandIq : public QXmppIq {
public:
    CommandIq(const QString &to, const QString &node, const QString &action,
              const QString &sessionId, const std::optional<QXmppDataForm> &form)
        : m_node(node), m_action(action), m_sessionId(sessionId), m_form(form)
    {
        setType(QXmppIq::Set);
        setTo(to);
    }

protected:
    void toXmlElementFromChild(QXmlStreamWriter *writer) const override
    {
        writer->writeStartElement(u"command"_s);
        writer->writeDefaultNamespace(CommandsNs);
        writer->writeAttribute(u"node"_s, m_node);
        writer->writeAttribute(u"action"_s, m_action);
        if (!m_sessionId.isEmpty())
            writer->writeAttribute(u"sessionid"_s, m_sessionId);
        if (m_form)
            m_form->toXml(writer);
        writer->writeEndElement();
    }

private:
    QString m_node;
    QString m_action;
    QString m_sessionId;
    std::optional<QXmppDataForm> m_form;
};

struct CommandReply {
    QDomElement command; // null on error
    std::optional<QXmppStanza::Error> error;

    QString status() const { return command.attribute(u"status"_s); }
    QString sessionId() const { return command.attribute(u"sessionid"_s); }
    QString note() const { return command.firstChildElement(u"note"_s).text(); }
    QXmppDataForm form() const
    {
        QXmppDataForm form;
        form.parse(command.firstChildElement(u"x"_s));
        return form;
    }
    QVariant value(const QString &key) const
    {
        const QXmppDataForm data = form();
        for (const QXmppDataForm::Field &field : data.fields()) {
            if (field.key() == key)
                return field.value();
        }
        return {};
    }
};

class Admin {
public:
    explicit Admin(QXmppClient &client) : m_client(client) {}

    CommandReply send(const QString &command, const QString &action, const QString &sessionId = {},
                      const std::optional<QXmppDataForm> &form = {})
    {
        std::optional<QXmppClient::IqResult> result;
        const QString domain = m_client.configuration().domain();
        m_client.sendIq(CommandIq(domain, AdminNs + u'#' + command, action, sessionId, form))
            .then(&m_client,
                  [&result](QXmppClient::IqResult &&answer) { result = std::move(answer); });
        REQUIRE(waitFor([&] { return result.has_value(); }));
        CommandReply reply;
        if (const auto *element = std::get_if<QDomElement>(&*result)) {
            reply.command = element->firstChildElement(u"command"_s);
        } else {
            const auto error = std::get<QXmppError>(*result);
            reply.error = error.value<QXmppStanza::Error>();
            REQUIRE(reply.error.has_value());
        }
        return reply;
    }

    // Executes `command`, fills the form it hands out with `values` and submits it.
    CommandReply run(const QString &command, const QMap<QString, QVariant> &values = {})
    {
        const CommandReply first = send(command, u"execute"_s);
        if (first.error)
            return first;
        REQUIRE(first.status() == u"executing"_s);
        REQUIRE_FALSE(first.sessionId().isEmpty());
        QXmppDataForm form = first.form();
        REQUIRE(form.type() == QXmppDataForm::Form);
        form.setType(QXmppDataForm::Submit);
        for (QXmppDataForm::Field &field : form.fields()) {
            if (values.contains(field.key()))
                field.setValue(values.value(field.key()));
        }
        return send(command, u"complete"_s, first.sessionId(), form);
    }

private:
    QXmppClient &m_client;
};

bool canLogIn(const TestServer &server, const QString &user, const QString &password)
{
    QXmppClient client;
    const bool connected = connectClient(client, server.clientConfiguration(user, password));
    client.disconnectFromServer();
    return connected;
}

std::optional<QXmppStanza::Error::Condition> conditionOf(const CommandReply &reply)
{
    return reply.error ? std::optional(reply.error->condition()) : std::nullopt;
}

} // namespace

TEST_CASE("admins manage accounts with ad-hoc commands", "[admin]")
{
    const Backend backend = GENERATE(Backend::Sqlite, Backend::MariaDb);
    INFO("backend: " << backendName(backend).toStdString());
    // `admins` is the policy these commands exist for; they work under the others too.
    TestServer server({.backend = backend});
    REQUIRE(server.start());
    // The configured admin's first-start account gets a known password.
    REQUIRE(server.runCli({u"user"_s, u"passwd"_s, u"admin"_s}, "admin pw\n") == 0);
    REQUIRE(server.addUser(u"alice"_s, u"alice pw"_s));

    QXmppClient adminClient;
    REQUIRE(connectClient(adminClient, server.clientConfiguration(u"admin"_s, u"admin pw"_s)));
    Admin admin(adminClient);

    SECTION("the command list is discoverable by admins only")
    {
        auto *disco = adminClient.findExtension<QXmppDiscoveryManager>();
        std::optional<QList<QXmppDiscoveryIq::Item>> items;
        disco->requestDiscoItems(server.domain(), CommandsNs)
            .then(&adminClient, [&](auto &&result) {
                if (auto *list = std::get_if<QList<QXmppDiscoveryIq::Item>>(&result))
                    items = *list;
            });
        REQUIRE(waitFor([&] { return items.has_value(); }));
        QStringList nodes;
        for (const auto &item : *items)
            nodes << item.node();
        CHECK(nodes.contains(AdminNs + u"#add-user"_s));
        CHECK(nodes.contains(AdminNs + u"#delete-user"_s));
        CHECK(nodes.contains(AdminNs + u"#change-user-password"_s));
        CHECK(nodes.contains(AdminNs + u"#get-registered-users-list"_s));
        CHECK(nodes.contains(AdminNs + u"#get-online-users-list"_s));

        std::optional<QStringList> features;
        disco->requestDiscoInfo(server.domain()).then(&adminClient, [&](auto &&result) {
            if (auto *info = std::get_if<QXmppDiscoveryIq>(&result))
                features = info->features();
        });
        REQUIRE(waitFor([&] { return features.has_value(); }));
        CHECK(features->contains(CommandsNs));

        QXmppClient aliceClient;
        REQUIRE(connectClient(aliceClient, server.clientConfiguration(u"alice"_s, u"alice pw"_s)));
        std::optional<qsizetype> aliceItems;
        aliceClient.findExtension<QXmppDiscoveryManager>()
            ->requestDiscoItems(server.domain(), CommandsNs)
            .then(&aliceClient, [&](auto &&result) {
                if (auto *list = std::get_if<QList<QXmppDiscoveryIq::Item>>(&result))
                    aliceItems = list->size();
            });
        REQUIRE(waitFor([&] { return aliceItems.has_value(); }));
        CHECK(*aliceItems == 0);
    }

    SECTION("add-user creates an account that can log in")
    {
        const CommandReply first = admin.send(u"add-user"_s, u"execute"_s);
        CHECK(first.status() == u"executing"_s);
        CHECK(first.command.firstChildElement(u"actions"_s).attribute(u"execute"_s) ==
              u"complete"_s);
        CHECK(first.value(u"FORM_TYPE"_s).toString() == AdminNs);

        const CommandReply done =
            admin.run(u"add-user"_s, {{u"accountjid"_s, u"carol@flint.test"_s},
                                      {u"password"_s, u"carol pw"_s},
                                      {u"password-verify"_s, u"carol pw"_s},
                                      {u"given_name"_s, u"Carol"_s},
                                      {u"email"_s, u"carol@example.com"_s}});
        REQUIRE_FALSE(done.error.has_value());
        CHECK(done.status() == u"completed"_s);
        CHECK(done.note().contains(u"carol@flint.test"_s));
        CHECK(canLogIn(server, u"carol"_s, u"carol pw"_s));
        // The optional details become the new user's vCard.
        std::optional<QXmppVCardIq> vcard;
        adminClient.findExtension<QXmppVCardManager>()
            ->fetchVCard(u"carol@flint.test"_s)
            .then(&adminClient, [&](auto &&result) {
                if (auto *card = std::get_if<QXmppVCardIq>(&result))
                    vcard = *card;
            });
        REQUIRE(waitFor([&] { return vcard.has_value(); }));
        CHECK(vcard->firstName() == u"Carol"_s);
        CHECK(vcard->email() == u"carol@example.com"_s);

        // Taken names, differing passwords and other domains are refused.
        CHECK(conditionOf(admin.run(u"add-user"_s, {{u"accountjid"_s, u"carol@flint.test"_s},
                                                    {u"password"_s, u"x"_s},
                                                    {u"password-verify"_s, u"x"_s}})) ==
              QXmppStanza::Error::Conflict);
        CHECK(conditionOf(admin.run(u"add-user"_s, {{u"accountjid"_s, u"dave@flint.test"_s},
                                                    {u"password"_s, u"one"_s},
                                                    {u"password-verify"_s, u"two"_s}})) ==
              QXmppStanza::Error::NotAcceptable);
        CHECK(conditionOf(admin.run(u"add-user"_s, {{u"accountjid"_s, u"dave@elsewhere.test"_s},
                                                    {u"password"_s, u"one"_s},
                                                    {u"password-verify"_s, u"one"_s}})) ==
              QXmppStanza::Error::NotAllowed);
        CHECK_FALSE(canLogIn(server, u"dave"_s, u"one"_s));
    }

    SECTION("a command can be canceled, and its session is gone afterwards")
    {
        const CommandReply first = admin.send(u"add-user"_s, u"execute"_s);
        const CommandReply canceled = admin.send(u"add-user"_s, u"cancel"_s, first.sessionId());
        CHECK(canceled.status() == u"canceled"_s);
        QXmppDataForm form = first.form();
        form.setType(QXmppDataForm::Submit);
        CHECK(conditionOf(admin.send(u"add-user"_s, u"complete"_s, first.sessionId(), form)) ==
              QXmppStanza::Error::BadRequest);
    }

    SECTION("delete-user and change-user-password")
    {
        REQUIRE(server.addUser(u"bob"_s, u"bob pw"_s));
        REQUIRE(server.addUser(u"eve"_s, u"eve pw"_s));
        QXmppClient bobClient;
        REQUIRE(connectClient(bobClient, server.clientConfiguration(u"bob"_s, u"bob pw"_s)));

        const CommandReply deleted =
            admin.run(u"delete-user"_s,
                      {{u"accountjids"_s, QStringList{u"bob@flint.test"_s, u"eve@flint.test"_s}}});
        REQUIRE_FALSE(deleted.error.has_value());
        CHECK(deleted.status() == u"completed"_s);
        // The deleted user's open stream ends.
        CHECK(waitFor([&] { return !bobClient.isConnected(); }));
        CHECK_FALSE(canLogIn(server, u"bob"_s, u"bob pw"_s));
        CHECK_FALSE(canLogIn(server, u"eve"_s, u"eve pw"_s));
        CHECK(conditionOf(admin.run(u"delete-user"_s,
                                    {{u"accountjids"_s, QStringList{u"ghost@flint.test"_s}}})) ==
              QXmppStanza::Error::ItemNotFound);

        const CommandReply changed =
            admin.run(u"change-user-password"_s,
                      {{u"accountjid"_s, u"alice@flint.test"_s}, {u"password"_s, u"reset pw"_s}});
        REQUIRE_FALSE(changed.error.has_value());
        CHECK(changed.status() == u"completed"_s);
        CHECK(canLogIn(server, u"alice"_s, u"reset pw"_s));
        CHECK_FALSE(canLogIn(server, u"alice"_s, u"alice pw"_s));
    }

    SECTION("registered and online users lists")
    {
        REQUIRE(server.addUser(u"bob"_s, u"bob pw"_s));
        QXmppClient aliceClient;
        REQUIRE(connectClient(aliceClient,
                              server.clientConfiguration(u"alice"_s, u"alice pw"_s, u"laptop"_s)));

        const CommandReply registered = admin.run(u"get-registered-users-list"_s);
        REQUIRE_FALSE(registered.error.has_value());
        CHECK(registered.status() == u"completed"_s);
        CHECK(registered.form().type() == QXmppDataForm::Result);
        const QStringList users = registered.value(u"registereduserjids"_s).toStringList();
        CHECK(users ==
              QStringList{u"admin@flint.test"_s, u"alice@flint.test"_s, u"bob@flint.test"_s});
        const CommandReply limited =
            admin.run(u"get-registered-users-list"_s, {{u"max_items"_s, u"25"_s}});
        CHECK(limited.value(u"registereduserjids"_s).toStringList() == users);

        const CommandReply online = admin.run(u"get-online-users-list"_s);
        REQUIRE_FALSE(online.error.has_value());
        CHECK(online.status() == u"completed"_s);
        CHECK(online.value(u"onlineuserjids"_s).toStringList() ==
              QStringList{u"admin@flint.test/test"_s, u"alice@flint.test/laptop"_s});
    }
}

TEST_CASE("admin commands are forbidden to other users", "[admin]")
{
    const Backend backend = GENERATE(Backend::Sqlite, Backend::MariaDb);
    INFO("backend: " << backendName(backend).toStdString());
    TestServer server({.backend = backend, .registrationPolicy = u"open"_s});
    REQUIRE(server.start());
    REQUIRE(server.addUser(u"alice"_s, u"alice pw"_s));
    REQUIRE(server.addUser(u"boss"_s, u"boss pw"_s, true));

    QXmppClient aliceClient;
    REQUIRE(connectClient(aliceClient, server.clientConfiguration(u"alice"_s, u"alice pw"_s)));
    Admin alice(aliceClient);
    CHECK(conditionOf(alice.send(u"add-user"_s, u"execute"_s)) == QXmppStanza::Error::Forbidden);
    CHECK(conditionOf(alice.send(u"get-registered-users-list"_s, u"execute"_s)) ==
          QXmppStanza::Error::Forbidden);

    // An admin marked in storage (user add --admin) is an admin too.
    QXmppClient bossClient;
    REQUIRE(connectClient(bossClient, server.clientConfiguration(u"boss"_s, u"boss pw"_s)));
    Admin boss(bossClient);
    const CommandReply added = boss.run(u"add-user"_s, {{u"accountjid"_s, u"frank@flint.test"_s},
                                                        {u"password"_s, u"frank pw"_s},
                                                        {u"password-verify"_s, u"frank pw"_s}});
    REQUIRE_FALSE(added.error.has_value());
    CHECK(added.status() == u"completed"_s);
    CHECK(canLogIn(server, u"frank"_s, u"frank pw"_s));
}

#include "AdminCommandsModule.h"

#include "common/Logging.h"
#include "server/AccountStore.h"
#include "server/C2SSession.h"
#include "server/XmlStream.h"

#include <QUuid>
#include <QXmlStreamWriter>
#include <QXmppDataForm.h>
#include <QXmppDiscoveryIq.h>
#include <QXmppVCardIq.h>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace flint {
namespace {

const QString CommandsNs = u"http://jabber.org/protocol/commands"_s;
const QString AdminNs = u"http://jabber.org/protocol/admin"_s;
const QString DataFormsNs = u"jabber:x:data"_s;
const QString InfoNs = u"http://jabber.org/protocol/disco#info"_s;
const QString ItemsNs = u"http://jabber.org/protocol/disco#items"_s;

using Field = QXmppDataForm::Field;

QXmppDataForm adminForm(QXmppDataForm::Type type, const QString &title, const QList<Field> &fields,
                        const QString &instructions = {})
{
    return QXmppDataForm(type,
                         QList<Field>{Field(Field::HiddenField, u"FORM_TYPE"_s, AdminNs)} + fields,
                         title, instructions);
}

Field jidField(const QString &key, const QString &label)
{
    return Field(Field::JidSingleField, key, {}, true, label);
}

Field passwordField(const QString &key, const QString &label)
{
    return Field(Field::TextPrivateField, key, {}, true, label);
}

Field maxItemsField()
{
    QList<QPair<QString, QString>> options;
    for (const QString &count : {u"25"_s, u"50"_s, u"75"_s, u"100"_s, u"150"_s, u"200"_s})
        options << qMakePair(count, count);
    options << qMakePair(u"All"_s, u"none"_s);
    return Field(Field::ListSingleField, u"max_items"_s, u"none"_s, false,
                 u"Maximum number of items to show"_s, {}, options);
}

QVariant fieldValue(const QXmppDataForm &form, const QString &key)
{
    const auto fields = form.fields();
    const auto it = std::find_if(fields.cbegin(), fields.cend(),
                                 [&key](const Field &field) { return field.key() == key; });
    return it == fields.cend() ? QVariant() : it->value();
}

QStringList limited(QStringList items, const QXmppDataForm &form)
{
    bool ok = false;
    const int maximum = fieldValue(form, u"max_items"_s).toString().toInt(&ok);
    if (ok && maximum > 0 && maximum < items.size())
        items.resize(maximum);
    return items;
}

QXmppDiscoveryIq discoReply(const Stanza &request, QXmppDiscoveryIq::QueryType type)
{
    QXmppDiscoveryIq reply;
    reply.setType(QXmppIq::Result);
    reply.setId(request.id());
    reply.setTo(request.element().attribute(u"from"_s));
    reply.setFrom(request.element().attribute(u"to"_s));
    reply.setQueryType(type);
    reply.setQueryNode(request.payload().attribute(u"node"_s));
    return reply;
}

// An error reply carrying an XEP-0050 specific condition (bad-sessionid, bad-action…).
Stanza commandError(const Stanza &request, const QString &condition,
                    const QString &commandCondition)
{
    Stanza reply = request.errorReply(u"modify"_s, condition);
    QDomElement error = reply.child(u"error"_s, u"jabber:client"_s);
    error.appendChild(error.ownerDocument().createElementNS(CommandsNs, commandCondition));
    return reply;
}

} // namespace

// What a submitted command reports: an error, or a note and possibly a result form.
struct AdminCommandsModule::Outcome {
    QString errorType;
    QString errorCondition; // empty on success
    QString text;
    QXmppDataForm result;

    static Outcome failure(const QString &type, const QString &condition, const QString &text)
    {
        return {type, condition, text, {}};
    }
    static Outcome done(const QString &note, const QXmppDataForm &result = {})
    {
        return {{}, {}, note, result};
    }
    // The error for an account operation that did not succeed.
    static Outcome accountFailure(AccountStore::Result result, const QString &account)
    {
        const QString text = account + u": "_s + AccountStore::describe(result);
        switch (result) {
        case AccountStore::Result::Exists:
            return failure(u"cancel"_s, u"conflict"_s, text);
        case AccountStore::Result::NotFound:
            return failure(u"cancel"_s, u"item-not-found"_s, text);
        case AccountStore::Result::InvalidName:
            return failure(u"modify"_s, u"jid-malformed"_s, text);
        case AccountStore::Result::InvalidPassword:
            return failure(u"modify"_s, u"not-acceptable"_s, text);
        case AccountStore::Result::Ok:
        case AccountStore::Result::StorageError:
            break;
        }
        return failure(u"wait"_s, u"internal-server-error"_s, text);
    }
};

AdminCommandsModule::AdminCommandsModule(ServerContext &context)
    : ServerModule(context), m_vcards(context.database)
{
    m_commands = {
        {AdminNs + u"#add-user"_s, u"Add User"_s,
         [] {
             return adminForm(
                 QXmppDataForm::Form, u"Adding a User"_s,
                 {jidField(u"accountjid"_s, u"The Jabber ID for the account to be added"_s),
                  passwordField(u"password"_s, u"The password for this account"_s),
                  passwordField(u"password-verify"_s, u"Retype password"_s),
                  Field(Field::TextSingleField, u"email"_s, {}, false, u"Email address"_s),
                  Field(Field::TextSingleField, u"given_name"_s, {}, false, u"Given name"_s),
                  Field(Field::TextSingleField, u"surname"_s, {}, false, u"Family name"_s)},
                 u"Fill out this form to add a user."_s);
         },
         [this](const QXmppDataForm &form) { return addUser(form); }},
        {AdminNs + u"#delete-user"_s, u"Delete User"_s,
         [] {
             return adminForm(QXmppDataForm::Form, u"Deleting a User"_s,
                              {Field(Field::JidMultiField, u"accountjids"_s, {}, true,
                                     u"The Jabber ID(s) to delete"_s)},
                              u"Fill out this form to delete one or more users."_s);
         },
         [this](const QXmppDataForm &form) { return deleteUsers(form); }},
        {AdminNs + u"#change-user-password"_s, u"Change User Password"_s,
         [] {
             return adminForm(QXmppDataForm::Form, u"Changing a User Password"_s,
                              {jidField(u"accountjid"_s, u"The Jabber ID for this account"_s),
                               passwordField(u"password"_s, u"The password for this account"_s)},
                              u"Fill out this form to change a user's password."_s);
         },
         [this](const QXmppDataForm &form) { return changeUserPassword(form); }},
        {AdminNs + u"#get-registered-users-list"_s, u"Get List of Registered Users"_s,
         [] {
             return adminForm(QXmppDataForm::Form, u"Requesting List of Registered Users"_s,
                              {maxItemsField()});
         },
         [this](const QXmppDataForm &form) { return registeredUsers(form); }},
        {AdminNs + u"#get-online-users-list"_s, u"Get List of Online Users"_s,
         [] {
             return adminForm(QXmppDataForm::Form, u"Requesting List of Online Users"_s,
                              {maxItemsField()});
         },
         [this](const QXmppDataForm &form) { return onlineUsers(form); }},
    };

    Router &router = context.router;
    router.addHandler(u"iq-set/host/"_s + CommandsNs, [this](const StanzaEvent &event) {
        execute(event);
        return true;
    });
    // Ahead of the disco module, for the command nodes only.
    router.addHandler(
        u"iq-get/host/"_s + ItemsNs,
        [this](const StanzaEvent &event) { return answerCommandList(event); }, 10);
    router.addHandler(
        u"iq-get/host/"_s + InfoNs,
        [this](const StanzaEvent &event) { return answerCommandInfo(event); }, 10);
    // A command session ends with the stream that started it.
    connect(&router, &Router::sessionUnbound, this, [this](C2SSession *session) {
        m_pending.removeIf([owner = session->jid()](const auto &pending) {
            return pending.value().owner == owner;
        });
    });
    context.features << CommandsNs;
}

bool AdminCommandsModule::isAdmin(const C2SSession *session) const
{
    return m_context.config.isAdmin(session->jid().bareString()) ||
           m_context.accounts.isAdmin(session->username());
}

const AdminCommandsModule::Command *AdminCommandsModule::command(const QString &node) const
{
    const auto it = std::find_if(m_commands.cbegin(), m_commands.cend(),
                                 [&node](const Command &command) { return command.node == node; });
    return it == m_commands.cend() ? nullptr : &*it;
}

void AdminCommandsModule::execute(const StanzaEvent &event)
{
    const Stanza &request = event.stanza;
    const QDomElement element = request.payload();
    if (element.localName() != u"command"_s) {
        m_context.router.sendTo(event.origin, request.errorReply(u"modify"_s, u"bad-request"_s));
        return;
    }
    if (!isAdmin(event.origin)) {
        qCInfo(lcAuth) << event.origin->jid().toString() << "is not an admin; refused"
                       << element.attribute(u"node"_s);
        m_context.router.sendTo(event.origin,
                                request.errorReply(u"auth"_s, u"forbidden"_s,
                                                   u"Only administrators can run this command"_s));
        return;
    }
    const QString node = element.attribute(u"node"_s);
    const Command *command = this->command(node);
    if (!command) {
        m_context.router.sendTo(event.origin, request.errorReply(u"cancel"_s, u"item-not-found"_s,
                                                                 u"No such command"_s));
        return;
    }

    QXmppDataForm submitted;
    if (const QDomElement form = element.firstChildElement(u"x"_s);
        form.namespaceURI() == DataFormsNs)
        submitted.parse(form);
    const QString action = element.attribute(u"action"_s, u"execute"_s);
    const bool cancel = action == u"cancel"_s || submitted.type() == QXmppDataForm::Cancel;
    QString sessionId = element.attribute(u"sessionid"_s);
    if (!sessionId.isEmpty()) {
        const auto pending = m_pending.constFind(sessionId);
        if (pending == m_pending.cend() || pending->node != node ||
            pending->owner != event.origin->jid()) {
            m_context.router.sendTo(event.origin,
                                    commandError(request, u"bad-request"_s, u"bad-sessionid"_s));
            return;
        }
    } else if (cancel) {
        m_context.router.sendTo(event.origin,
                                commandError(request, u"bad-request"_s, u"bad-sessionid"_s));
        return;
    }
    if (action != u"execute"_s && action != u"complete"_s && action != u"next"_s && !cancel) {
        m_context.router.sendTo(event.origin,
                                commandError(request, u"bad-request"_s, u"bad-action"_s));
        return;
    }

    QByteArray xml;
    QXmlStreamWriter writer(&xml);
    writer.writeStartElement(u"iq"_s);
    writer.writeAttribute(u"type"_s, u"result"_s);
    writer.writeAttribute(u"id"_s, request.id());
    writer.writeAttribute(u"from"_s, request.element().attribute(u"to"_s));
    writer.writeAttribute(u"to"_s, request.from().toString());
    writer.writeStartElement(u"command"_s);
    writer.writeDefaultNamespace(CommandsNs);
    writer.writeAttribute(u"node"_s, node);

    if (cancel) {
        m_pending.remove(sessionId);
        writer.writeAttribute(u"sessionid"_s, sessionId);
        writer.writeAttribute(u"status"_s, u"canceled"_s);
    } else if (submitted.type() != QXmppDataForm::Submit) {
        // First stage: hand out the form and remember the session.
        if (sessionId.isEmpty()) {
            sessionId = QUuid::createUuid().toString(QUuid::WithoutBraces);
            m_pending.insert(sessionId, Pending{node, event.origin->jid()});
        }
        writer.writeAttribute(u"sessionid"_s, sessionId);
        writer.writeAttribute(u"status"_s, u"executing"_s);
        writer.writeStartElement(u"actions"_s);
        writer.writeAttribute(u"execute"_s, u"complete"_s);
        writer.writeEmptyElement(u"complete"_s);
        writer.writeEndElement();
        command->form().toXml(&writer);
    } else {
        m_pending.remove(sessionId);
        const Outcome outcome = command->complete(submitted);
        qCInfo(lcAuth) << event.origin->jid().toString() << "ran" << node << "->"
                       << (outcome.errorCondition.isEmpty() ? u"completed"_s
                                                            : outcome.errorCondition);
        if (!outcome.errorCondition.isEmpty()) {
            m_context.router.sendTo(
                event.origin,
                request.errorReply(outcome.errorType, outcome.errorCondition, outcome.text));
            return;
        }
        if (!sessionId.isEmpty())
            writer.writeAttribute(u"sessionid"_s, sessionId);
        writer.writeAttribute(u"status"_s, u"completed"_s);
        if (!outcome.text.isEmpty()) {
            writer.writeStartElement(u"note"_s);
            writer.writeAttribute(u"type"_s, u"info"_s);
            writer.writeCharacters(outcome.text);
            writer.writeEndElement();
        }
        if (!outcome.result.isNull())
            outcome.result.toXml(&writer);
    }
    writer.writeEndElement();
    writer.writeEndElement();
    m_context.router.sendTo(event.origin, Stanza(parseElement(xml)));
}

bool AdminCommandsModule::answerCommandList(const StanzaEvent &event)
{
    if (event.stanza.payload().attribute(u"node"_s) != CommandsNs)
        return false;
    QXmppDiscoveryIq reply = discoReply(event.stanza, QXmppDiscoveryIq::ItemsQuery);
    // Non-admins see an empty list (XEP-0050 §2.2).
    if (isAdmin(event.origin)) {
        QList<QXmppDiscoveryIq::Item> items;
        for (const Command &command : m_commands) {
            QXmppDiscoveryIq::Item item;
            item.setJid(m_context.config.domain);
            item.setNode(command.node);
            item.setName(command.name);
            items << item;
        }
        reply.setItems(items);
    }
    m_context.router.sendTo(event.origin, Stanza::fromQXmpp(reply));
    return true;
}

bool AdminCommandsModule::answerCommandInfo(const StanzaEvent &event)
{
    const Command *command = this->command(event.stanza.payload().attribute(u"node"_s));
    if (!command)
        return false;
    QXmppDiscoveryIq reply = discoReply(event.stanza, QXmppDiscoveryIq::InfoQuery);
    QXmppDiscoveryIq::Identity identity;
    identity.setCategory(u"automation"_s);
    identity.setType(u"command-node"_s);
    identity.setName(command->name);
    reply.setIdentities({identity});
    reply.setFeatures({CommandsNs, DataFormsNs});
    m_context.router.sendTo(event.origin, Stanza::fromQXmpp(reply));
    return true;
}

std::optional<QString> AdminCommandsModule::accountName(const QString &jid, Outcome *failure) const
{
    const auto parsed = Jid::parse(jid.trimmed());
    if (!parsed || parsed->local().isEmpty() || !parsed->isBare()) {
        *failure = Outcome::failure(u"modify"_s, u"jid-malformed"_s,
                                    u"\"%1\" is not an account address"_s.arg(jid));
        return std::nullopt;
    }
    if (parsed->domain() != m_context.config.domain) {
        *failure = Outcome::failure(
            u"cancel"_s, u"not-allowed"_s,
            u"Only accounts of %1 can be managed here"_s.arg(m_context.config.domain));
        return std::nullopt;
    }
    return parsed->local();
}

AdminCommandsModule::Outcome AdminCommandsModule::addUser(const QXmppDataForm &form)
{
    Outcome failure;
    const QString jid = fieldValue(form, u"accountjid"_s).toString();
    const auto name = accountName(jid, &failure);
    if (!name)
        return failure;
    const QString password = fieldValue(form, u"password"_s).toString();
    if (password != fieldValue(form, u"password-verify"_s).toString())
        return Outcome::failure(u"modify"_s, u"not-acceptable"_s, u"The two passwords differ"_s);
    const AccountStore::Result result = m_context.accounts.create(*name, password);
    if (result != AccountStore::Result::Ok)
        return Outcome::accountFailure(result, jid);

    // The optional details become the new user's profile card (XEP-0054).
    QXmppVCardIq vcard;
    vcard.setEmail(fieldValue(form, u"email"_s).toString().trimmed());
    vcard.setFirstName(fieldValue(form, u"given_name"_s).toString().trimmed());
    vcard.setLastName(fieldValue(form, u"surname"_s).toString().trimmed());
    if (vcard.email().isEmpty() && vcard.firstName().isEmpty() && vcard.lastName().isEmpty())
        return Outcome::done(u"Created the account %1"_s.arg(jid));
    vcard.setFullName(QStringList{vcard.firstName(), vcard.lastName()}.join(u' ').trimmed());
    if (!m_vcards.save(*name, serializeElement(Stanza::fromQXmpp(vcard).payload())))
        return Outcome::done(
            u"Created the account %1, but its profile could not be saved"_s.arg(jid));
    return Outcome::done(u"Created the account %1"_s.arg(jid));
}

AdminCommandsModule::Outcome AdminCommandsModule::deleteUsers(const QXmppDataForm &form)
{
    const QStringList jids = fieldValue(form, u"accountjids"_s).toStringList();
    if (jids.isEmpty())
        return Outcome::failure(u"modify"_s, u"bad-request"_s, u"Name at least one account"_s);
    // Every address is checked before the first account goes, so a typo deletes nothing.
    QStringList names;
    for (const QString &jid : jids) {
        Outcome failure;
        const auto name = accountName(jid, &failure);
        if (!name)
            return failure;
        if (!m_context.accounts.exists(*name))
            return Outcome::accountFailure(AccountStore::Result::NotFound, jid);
        names << *name;
    }
    for (qsizetype i = 0; i < names.size(); ++i) {
        const AccountStore::Result result = m_context.accounts.remove(names[i]);
        if (result != AccountStore::Result::Ok)
            return Outcome::accountFailure(result, jids[i]);
    }
    return Outcome::done(u"Deleted %1 account(s)"_s.arg(names.size()));
}

AdminCommandsModule::Outcome AdminCommandsModule::changeUserPassword(const QXmppDataForm &form)
{
    Outcome failure;
    const QString jid = fieldValue(form, u"accountjid"_s).toString();
    const auto name = accountName(jid, &failure);
    if (!name)
        return failure;
    const QString password = fieldValue(form, u"password"_s).toString();
    const AccountStore::Result result = m_context.accounts.setPassword(*name, password);
    if (result != AccountStore::Result::Ok)
        return Outcome::accountFailure(result, jid);
    return Outcome::done(u"Changed the password of %1"_s.arg(jid));
}

AdminCommandsModule::Outcome AdminCommandsModule::registeredUsers(const QXmppDataForm &form) const
{
    QStringList jids;
    for (const QString &name : m_context.accounts.list())
        jids << name + u'@' + m_context.config.domain;
    return Outcome::done(
        {}, adminForm(QXmppDataForm::Result, u"Registered Users"_s,
                      {Field(Field::JidMultiField, u"registereduserjids"_s, limited(jids, form),
                             false, u"The list of all users"_s)}));
}

AdminCommandsModule::Outcome AdminCommandsModule::onlineUsers(const QXmppDataForm &form) const
{
    QStringList jids;
    for (const C2SSession *session : m_context.router.allSessions())
        jids << session->jid().toString();
    jids.sort();
    return Outcome::done(
        {}, adminForm(QXmppDataForm::Result, u"Online Users"_s,
                      {Field(Field::JidMultiField, u"onlineuserjids"_s, limited(jids, form), false,
                             u"The list of all online users"_s)}));
}

} // namespace flint

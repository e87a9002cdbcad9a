#include "RegisterModule.h"

#include "common/Logging.h"
#include "server/AccountStore.h"
#include "server/C2SSession.h"

#include <QDateTime>
#include <QXmppRegisterIq.h>

using namespace Qt::StringLiterals;

namespace flint {
namespace {

const QString RegisterNs = u"jabber:iq:register"_s;
constexpr qint64 HourMs = 3600 * 1000;

struct Credentials {
    QString username;
    QString password;
};

// The fields of a registration request: plain <username/>/<password/> or a submitted data form.
Credentials credentialsOf(const QXmppRegisterIq &iq)
{
    Credentials credentials{iq.username().trimmed(), iq.password()};
    const auto fields = iq.form().fields();
    for (const QXmppDataForm::Field &field : fields) {
        if (field.key() == u"username"_s && credentials.username.isEmpty())
            credentials.username = field.value().toString().trimmed();
        else if (field.key() == u"password"_s && credentials.password.isEmpty())
            credentials.password = field.value().toString();
    }
    return credentials;
}

QXmppRegisterIq resultFor(const Stanza &request)
{
    QXmppRegisterIq reply;
    reply.setType(QXmppIq::Result);
    reply.setId(request.id());
    reply.setTo(request.element().attribute(u"from"_s));
    reply.setFrom(request.element().attribute(u"to"_s));
    return reply;
}

QXmppDataForm registrationForm(const QString &instructions)
{
    using Field = QXmppDataForm::Field;
    return QXmppDataForm(QXmppDataForm::Form,
                         {Field(Field::HiddenField, u"FORM_TYPE"_s, RegisterNs),
                          Field(Field::TextSingleField, u"username"_s, {}, true, u"Username"_s),
                          Field(Field::TextPrivateField, u"password"_s, {}, true, u"Password"_s)},
                         u"Create an account"_s, instructions);
}

} // namespace

RegisterModule::RegisterModule(ServerContext &context) : ServerModule(context)
{
    Router &router = context.router;
    router.addHandler(u"preauth-iq/"_s + RegisterNs, [this](const StanzaEvent &event) {
        handleUnauthenticated(event);
        return true;
    });
    for (const QString &type : {u"get"_s, u"set"_s}) {
        for (const QString &addressee : {u"self"_s, u"host"_s}) {
            router.addHandler(u"iq-%1/%2/%3"_s.arg(type, addressee, RegisterNs),
                              [this](const StanzaEvent &event) {
                                  handleAccountRequest(event);
                                  return true;
                              });
        }
    }
    context.features << RegisterNs;
}

void RegisterModule::handleUnauthenticated(const StanzaEvent &event)
{
    const Stanza &request = event.stanza;
    // XEP-0077 §3.1: a host without in-band registration answers service-unavailable.
    if (m_context.config.registrationPolicy != RegistrationPolicy::Open) {
        event.origin->send(request.errorReply(
            u"cancel"_s, u"service-unavailable"_s,
            u"This server does not allow in-band registration; ask an administrator for an account"_s));
        return;
    }
    if (request.type() == u"get"_s) {
        const QString instructions =
            u"Choose a username and password for your account on %1."_s.arg(
                m_context.config.domain);
        QXmppRegisterIq reply = resultFor(request);
        reply.setInstructions(instructions);
        reply.setUsername(u""_s);
        reply.setPassword(u""_s);
        reply.setForm(registrationForm(instructions));
        event.origin->send(Stanza::fromQXmpp(reply));
        return;
    }
    if (request.type() != u"set"_s) {
        event.origin->send(request.errorReply(u"modify"_s, u"bad-request"_s));
        return;
    }
    if (request.as<QXmppRegisterIq>().isRemove()) {
        event.origin->send(request.errorReply(u"auth"_s, u"not-authorized"_s,
                                              u"Log in before removing an account"_s));
        return;
    }
    createAccount(event);
}

void RegisterModule::createAccount(const StanzaEvent &event)
{
    const Stanza &request = event.stanza;
    const Credentials credentials = credentialsOf(request.as<QXmppRegisterIq>());
    if (credentials.username.isEmpty() || credentials.password.isEmpty()) {
        event.origin->send(request.errorReply(u"modify"_s, u"not-acceptable"_s,
                                              u"A username and a password are required"_s));
        return;
    }
    const QHostAddress address = event.origin->peerAddress();
    if (!registrationAllowedFrom(address)) {
        qCInfo(lcAuth) << address << "registration refused: too many from this address";
        event.origin->send(request.errorReply(
            u"wait"_s, u"policy-violation"_s,
            u"Too many accounts were registered from your address; try again later"_s));
        return;
    }
    const AccountStore::Result result =
        m_context.accounts.create(credentials.username, credentials.password);
    switch (result) {
    case AccountStore::Result::Ok:
        recordRegistration(address);
        qCInfo(lcAuth) << address << "registered" << credentials.username;
        event.origin->send(request.iqResult());
        return;
    case AccountStore::Result::Exists:
        event.origin->send(
            request.errorReply(u"cancel"_s, u"conflict"_s, AccountStore::describe(result)));
        return;
    case AccountStore::Result::InvalidName:
        event.origin->send(
            request.errorReply(u"modify"_s, u"jid-malformed"_s, AccountStore::describe(result)));
        return;
    case AccountStore::Result::InvalidPassword:
        event.origin->send(
            request.errorReply(u"modify"_s, u"not-acceptable"_s, AccountStore::describe(result)));
        return;
    case AccountStore::Result::NotFound:
    case AccountStore::Result::StorageError:
        break;
    }
    event.origin->send(
        request.errorReply(u"wait"_s, u"internal-server-error"_s, AccountStore::describe(result)));
}

void RegisterModule::handleAccountRequest(const StanzaEvent &event)
{
    const Stanza &request = event.stanza;
    const QString username = event.origin->username();
    if (request.type() == u"get"_s) {
        QXmppRegisterIq reply = resultFor(request);
        reply.setIsRegistered(true);
        reply.setUsername(username);
        event.origin->send(Stanza::fromQXmpp(reply));
        return;
    }
    const auto iq = request.as<QXmppRegisterIq>();
    if (iq.isRemove()) {
        // XEP-0077 §3.2: the result goes out first; removing the account then ends its streams.
        event.origin->send(request.iqResult());
        const AccountStore::Result result = m_context.accounts.remove(username);
        if (result == AccountStore::Result::Ok)
            qCInfo(lcAuth) << event.origin->peerAddress() << "removed the account" << username;
        else
            qCWarning(lcAuth) << "removing the account" << username
                              << "failed:" << AccountStore::describe(result);
        return;
    }
    const Credentials credentials = credentialsOf(iq);
    if (credentials.username.isEmpty() || credentials.password.isEmpty()) {
        event.origin->send(
            request.errorReply(u"modify"_s, u"bad-request"_s,
                               u"A password change needs the username and the new password"_s));
        return;
    }
    if (Jid::normalizeLocal(credentials.username) != username) {
        event.origin->send(request.errorReply(
            u"auth"_s, u"forbidden"_s, u"You can only change the password of your own account"_s));
        return;
    }
    const AccountStore::Result result =
        m_context.accounts.setPassword(username, credentials.password);
    if (result == AccountStore::Result::InvalidPassword) {
        event.origin->send(
            request.errorReply(u"modify"_s, u"not-acceptable"_s, AccountStore::describe(result)));
        return;
    }
    if (result != AccountStore::Result::Ok) {
        event.origin->send(request.errorReply(u"wait"_s, u"internal-server-error"_s,
                                              AccountStore::describe(result)));
        return;
    }
    qCInfo(lcAuth) << event.origin->peerAddress() << "changed the password of" << username;
    event.origin->send(request.iqResult());
}

bool RegisterModule::registrationAllowedFrom(const QHostAddress &address)
{
    const int limit = m_context.config.registrationsPerIpPerHour;
    if (limit == 0) // 0 turns the limit off
        return true;
    const qint64 hourAgo = QDateTime::currentMSecsSinceEpoch() - HourMs;
    for (auto it = m_recentRegistrations.begin(); it != m_recentRegistrations.end();) {
        it->removeIf([hourAgo](qint64 time) { return time <= hourAgo; });
        it = it->isEmpty() ? m_recentRegistrations.erase(it) : std::next(it);
    }
    return m_recentRegistrations.value(address.toString()).size() < limit;
}

void RegisterModule::recordRegistration(const QHostAddress &address)
{
    m_recentRegistrations[address.toString()] << QDateTime::currentMSecsSinceEpoch();
}

} // namespace flint

#include "SaslNegotiator.h"

#include "AccountStore.h"
#include "common/Jid.h"

using namespace Qt::StringLiterals;

namespace flint {

SaslNegotiator::SaslNegotiator(const AccountStore &accounts, const QString &domain, bool encrypted)
    : m_accounts(accounts), m_domain(domain), m_encrypted(encrypted)
{}

SaslNegotiator::~SaslNegotiator() = default;

QStringList SaslNegotiator::mechanisms(bool encrypted)
{
    QStringList names = {u"SCRAM-SHA-256"_s, u"SCRAM-SHA-1"_s};
    if (encrypted)
        names << u"PLAIN"_s;
    return names;
}

SaslNegotiator::Step SaslNegotiator::fail(const QString &condition, const QString &reason)
{
    m_scram.reset();
    return Step{Step::Kind::Failure, {}, condition, reason};
}

bool SaslNegotiator::authzidAcceptable(const QString &authzid) const
{
    if (authzid.isEmpty())
        return true;
    const auto jid = Jid::parse(authzid);
    return jid && jid->isBare() && jid->local() == m_username && jid->domain() == m_domain;
}

SaslNegotiator::Step SaslNegotiator::start(const QString &mechanism,
                                           const QByteArray &initialResponse)
{
    if (m_scram)
        return fail(u"malformed-request"_s, u"authentication already in progress"_s);
    if (mechanism == u"SCRAM-SHA-256"_s)
        return startScram(ScramAlgorithm::Sha256, initialResponse);
    if (mechanism == u"SCRAM-SHA-1"_s)
        return startScram(ScramAlgorithm::Sha1, initialResponse);
    if (mechanism == u"PLAIN"_s && m_encrypted)
        return plain(initialResponse);
    return fail(u"invalid-mechanism"_s, u"mechanism %1 not offered"_s.arg(mechanism));
}

SaslNegotiator::Step SaslNegotiator::startScram(ScramAlgorithm algorithm, const QByteArray &message)
{
    m_scram = std::make_unique<ScramServerExchange>(algorithm);
    const auto first = m_scram->start(message);
    if (first.status == ScramServerExchange::Status::Failed)
        return fail(u"malformed-request"_s, first.error);
    const auto name = Jid::normalizeLocal(m_scram->username());
    m_username = name.value_or(QString());
    if (!authzidAcceptable(m_scram->authzid()))
        return fail(u"invalid-authzid"_s, u"authzid %1 not allowed"_s.arg(m_scram->authzid()));
    const auto step =
        m_scram->challenge(name ? m_accounts.credentials(*name, algorithm) : std::nullopt);
    if (step.status != ScramServerExchange::Status::Continue)
        return fail(u"temporary-auth-failure"_s, step.error);
    return Step{Step::Kind::Challenge, step.response, {}, {}};
}

SaslNegotiator::Step SaslNegotiator::respond(const QByteArray &response)
{
    if (!m_scram)
        return fail(u"malformed-request"_s, u"response without authentication in progress"_s);
    const auto step = m_scram->finish(response);
    m_scram.reset();
    if (step.status != ScramServerExchange::Status::Succeeded)
        return fail(u"not-authorized"_s, step.error);
    return Step{Step::Kind::Success, step.response, {}, {}};
}

SaslNegotiator::Step SaslNegotiator::plain(const QByteArray &message)
{
    const QList<QByteArray> parts = message.split('\0');
    if (parts.size() != 3)
        return fail(u"malformed-request"_s,
                    u"PLAIN message is not authzid NUL authcid NUL passwd"_s);
    const auto name = Jid::normalizeLocal(QString::fromUtf8(parts[1]));
    m_username = name.value_or(QString());
    if (!authzidAcceptable(QString::fromUtf8(parts[0])))
        return fail(u"invalid-authzid"_s, u"authzid not allowed"_s);
    if (!name || !m_accounts.checkPassword(*name, QString::fromUtf8(parts[2])))
        return fail(u"not-authorized"_s, u"wrong username or password"_s);
    return Step{Step::Kind::Success, {}, {}, {}};
}

} // namespace flint

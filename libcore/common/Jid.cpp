#include "Jid.h"

#include <QUrl>

#include <algorithm>

namespace flint {
namespace {

constexpr int MaxPartBytes = 1023;

bool withinLength(const QString &part)
{
    return !part.isEmpty() && part.toUtf8().size() <= MaxPartBytes;
}

bool hasControlCharacter(const QString &text)
{
    return std::any_of(text.begin(), text.end(),
                       [](QChar c) { return c.category() == QChar::Other_Control; });
}

bool hasForbiddenCharacter(const QString &text, QStringView forbidden)
{
    for (QChar c : text) {
        if (c.category() == QChar::Other_Control || c.isSpace() || forbidden.contains(c))
            return true;
    }
    return false;
}

// Domainparts: lower case, NFKC, IDNA to its Unicode form, no trailing dot (RFC 7622 §3.2).
std::optional<QString> normalizeDomain(QStringView domain)
{
    QString text = domain.toString().normalized(QString::NormalizationForm_KC).toLower();
    if (text.endsWith(u'.'))
        text.chop(1);
    if (text.startsWith(u'[') && text.endsWith(u']'))
        return withinLength(text) ? std::optional(text) : std::nullopt;
    const QByteArray ace = QUrl::toAce(text);
    if (ace.isEmpty())
        return std::nullopt;
    text = QUrl::fromAce(ace, QUrl::IgnoreIDNWhitelist);
    if (!withinLength(text) || hasForbiddenCharacter(text, u"@/\\<>\"'&:"))
        return std::nullopt;
    return text;
}

} // namespace

std::optional<QString> Jid::normalizeLocal(QStringView local)
{
    // UsernameCaseMapped profile: case fold, then NFKC; the RFC 7622 §3.3.1 exclusions.
    const QString text = local.toString().toCaseFolded().normalized(QString::NormalizationForm_KC);
    if (!withinLength(text) || hasForbiddenCharacter(text, u"\"&'/:<>@"))
        return std::nullopt;
    return text;
}

std::optional<Jid> Jid::parse(QStringView text)
{
    Jid jid;
    QStringView rest = text;
    const qsizetype slash = rest.indexOf(u'/');
    if (slash >= 0) {
        jid.m_resource = rest.mid(slash + 1).toString().normalized(QString::NormalizationForm_KC);
        if (!withinLength(jid.m_resource) || hasControlCharacter(jid.m_resource))
            return std::nullopt;
        rest = rest.left(slash);
    }
    const qsizetype at = rest.indexOf(u'@');
    if (at >= 0) {
        const auto local = normalizeLocal(rest.left(at));
        if (!local)
            return std::nullopt;
        jid.m_local = *local;
        rest = rest.mid(at + 1);
    }
    const auto domain = normalizeDomain(rest);
    if (!domain)
        return std::nullopt;
    jid.m_domain = *domain;
    return jid;
}

Jid Jid::bare() const
{
    Jid jid = *this;
    jid.m_resource.clear();
    return jid;
}

Jid Jid::withResource(const QString &resource) const
{
    Jid jid = *this;
    jid.m_resource = resource;
    return jid;
}

QString Jid::toString() const
{
    QString text;
    if (!m_local.isEmpty())
        text += m_local + u'@';
    text += m_domain;
    if (!m_resource.isEmpty())
        text += u'/' + m_resource;
    return text;
}

} // namespace flint

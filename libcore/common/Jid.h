// XMPP addresses (RFC 7622): parsing, normalisation, bare/full forms.
#pragma once

#include <QHashFunctions>
#include <QString>

#include <optional>

namespace flint {

class Jid {
public:
    Jid() = default;
    // Parses and normalises `text`; nullopt when it is not a valid JID.
    static std::optional<Jid> parse(QStringView text);
    // Normalises one localpart (username), or nullopt when it is invalid.
    static std::optional<QString> normalizeLocal(QStringView local);

    const QString &local() const { return m_local; }
    const QString &domain() const { return m_domain; }
    const QString &resource() const { return m_resource; }

    bool isNull() const { return m_domain.isEmpty(); }
    bool isBare() const { return m_resource.isEmpty(); }
    bool isDomain() const { return m_local.isEmpty() && m_resource.isEmpty(); }
    Jid bare() const;
    Jid withResource(const QString &resource) const;
    QString toString() const;
    QString bareString() const { return bare().toString(); }

    friend bool operator==(const Jid &, const Jid &) = default;

private:
    QString m_local;
    QString m_domain;
    QString m_resource;
};

inline size_t qHash(const Jid &jid, size_t seed = 0)
{
    return qHashMulti(seed, jid.local(), jid.domain(), jid.resource());
}

} // namespace flint

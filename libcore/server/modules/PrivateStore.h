// The private_storage table (XEP-0049): each user's stored elements as XML, one row per element
// name and namespace, with their sizes for the per-user limit.
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace flint {

class Database;

struct PrivateElement {
    QString ns;
    QString name;
    QByteArray xml;
};

class PrivateStore {
public:
    explicit PrivateStore(Database &database);

    // The stored element, an empty array when there is none; nullopt on a storage error.
    std::optional<QByteArray> load(const QString &username, const QString &ns,
                                   const QString &name) const;
    // Bytes stored for the user apart from the elements named in `except`; nullopt on an error.
    std::optional<qint64> usage(const QString &username, const QList<PrivateElement> &except) const;
    // Replaces every element in `elements` at once.
    bool save(const QString &username, const QList<PrivateElement> &elements);
    bool removeUser(const QString &username);

private:
    Database &m_database;
};

} // namespace flint

// The vcards table (XEP-0054): each user's vCard element as XML.
#pragma once

#include <QByteArray>
#include <QString>

namespace flint {

class Database;

class VCardStore {
public:
    explicit VCardStore(Database &database);

    // The user's vCard XML into `xml` (empty when none is stored); false on a storage error.
    bool load(const QString &username, QByteArray *xml) const;
    bool save(const QString &username, const QByteArray &xml);
    bool removeUser(const QString &username);

private:
    Database &m_database;
};

} // namespace flint

// The uploads table (XEP-0363): one row per slot, pending until its file arrives, then complete.
#pragma once

#include <QStringList>

#include <optional>

namespace flint {

class Database;

class UploadStore {
public:
    struct Slot {
        QString id;
        QString owner; // bare JID
        QString filename;
        qint64 size = 0;
        QString contentType;
        qint64 createdAt = 0; // seconds since the epoch
        bool complete = false;
    };
    enum class Result { Added, QuotaExceeded, StorageError };

    explicit UploadStore(Database &database);

    // Records a pending slot unless the owner's stored and pending sizes plus this one would go
    // over `quota`.
    Result add(const Slot &slot, qint64 quota);
    std::optional<Slot> slot(const QString &id) const;
    // Marks a pending slot complete (or a complete one pending again, when its file could not be
    // stored); false when it was not in the other state.
    bool setComplete(const QString &id, bool complete);
    bool remove(const QString &id);
    // Slots completed before `completeBefore` or left pending since before `pendingBefore`.
    QStringList expired(qint64 completeBefore, qint64 pendingBefore) const;

private:
    Database &m_database;
};

} // namespace flint

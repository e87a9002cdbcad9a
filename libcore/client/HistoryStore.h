// Local message history: one SQLite file per account, full-text search, keyset paging.
#pragma once

#include "common/Database.h"

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>

#include <memory>
#include <optional>

namespace flint {

enum class ConversationKind { Chat = 0, GroupChat = 1 };
enum class MessageDirection { Incoming = 0, Outgoing = 1 };
// Sent = accepted by the server; Delivered = the peer's receipt (XEP-0184) arrived.
enum class DeliveryState { Sending = 0, Sent = 1, Delivered = 2, Failed = 3 };

// A file that belongs to a message: a link (XEP-0066) to a file on an HTTP upload service, or a
// file sent or received in this conversation by a bytestream (then `url` is empty).
struct FileAttachment {
    QString url;       // https URL to download from; empty for a bytestream transfer
    QString name;      // file name as the sender gave it
    qint64 size = -1;  // -1: unknown
    QByteArray sha256; // empty: unknown
    QString localPath; // where the file is on this computer; empty until downloaded
    QString mediaType;
    friend bool operator==(const FileAttachment &, const FileAttachment &) = default;
};

struct HistoryMessage {
    enum Flag { NoFlags = 0, OfflineDelayed = 1 }; // delivered late with its original time
    qint64 id = 0;                                 // assigned by the store
    QString peer;                                  // normalised bare JID of the conversation
    ConversationKind kind = ConversationKind::Chat;
    QString stanzaId; // origin-id or stanza id; empty = no deduplication
    MessageDirection direction = MessageDirection::Incoming;
    QString sender; // full JID (or room occupant JID) of the author
    QString body;
    QDateTime timestamp; // original send time, stored as UTC milliseconds
    DeliveryState delivery = DeliveryState::Sent;
    int flags = NoFlags;
    std::optional<FileAttachment> attachment; // the message is (also) a file
};

struct HistoryConversation {
    QString peer;
    ConversationKind kind = ConversationKind::Chat;
    QDateTime lastActivity;
    int unreadCount = 0;
};

struct SearchHit {
    // Around each match in `snippet`; both are characters XML forbids, so a message body can
    // never contain them and the UI can escape the text first and then replace the markers.
    static constexpr QChar highlightStart = QChar(0x02);
    static constexpr QChar highlightEnd = QChar(0x03);
    qint64 messageId = 0;
    QString peer;
    QString sender; // the author's full JID (room/nick in a room)
    QString snippet;
    QDateTime timestamp;
};

// Synchronous; use it on the thread that opened it (a Qt Sql connection belongs to one thread).
// Tells of the changes it makes to stored messages, so every model of a conversation follows.
class HistoryStore : public QObject {
    Q_OBJECT
public:
    enum class Error { None, CannotOpen, SchemaTooNew, MigrationFailed };

    HistoryStore();
    ~HistoryStore() override;

    // Opens (creating if needed) the database at `path` and brings its schema up to date.
    Error open(const QString &path);
    bool isOpen() const { return m_open; }
    // The one place history errors become user-visible text.
    static QString errorText(Error error);

    // Stores one message in its own transaction; a known stanza id in the same conversation
    // returns the stored message's id instead (`inserted` says which). nullopt when the write
    // failed.
    std::optional<qint64> addMessage(const HistoryMessage &message, bool *inserted = nullptr);
    // Bulk import in one transaction: the ids in order, or nullopt (nothing stored) on failure.
    std::optional<QList<qint64>> addMessages(const QList<HistoryMessage> &messages);
    // Moves an outgoing message to `peer` forward: Sending → Sent → Delivered or Failed, and
    // Failed → Sending for a retry; anything else (e.g. a late Sent after Failed) is refused.
    // Returns whether a message changed.
    bool setDeliveryState(const QString &peer, const QString &stanzaId, DeliveryState state);
    // Where a message's attached file is now on this computer (downloaded or saved); false when
    // the message has no attachment.
    bool setAttachmentLocalPath(qint64 messageId, const QString &path);

    // Newest first, strictly older than `beforeId` (the oldest message of the previous page).
    QList<HistoryMessage> messages(const QString &peer, std::optional<qint64> beforeId,
                                   int limit) const;
    // Every whitespace-separated term must occur (case-insensitive substring); newest first.
    QList<SearchHit> search(const QString &text, int limit) const;

    QList<HistoryConversation> conversations() const; // most recent activity first
    void markRead(const QString &peer);
    int unreadCount(const QString &peer) const;
    // SQLite's integrity check plus the consistency of the full-text index with the messages.
    bool integrityCheck() const;
    // Whether search matches substrings inside words (trigram index, SQLite >= 3.34).
    bool hasSubstringSearch() const { return m_trigram; }

Q_SIGNALS:
    void deliveryStateChanged(const QString &peer, const QString &stanzaId,
                              flint::DeliveryState state);
    void attachmentLocalPathChanged(qint64 messageId, const QString &path);

private:
    struct Statements;
    std::optional<qint64> insert(const HistoryMessage &message, bool *inserted);

    Database m_database;
    std::unique_ptr<Statements> m_statements;
    bool m_open = false;
    bool m_trigram = false;
};

} // namespace flint

Q_DECLARE_METATYPE(flint::FileAttachment)

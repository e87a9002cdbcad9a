#include "HistorySchema.h"

using namespace Qt::StringLiterals;

namespace flint {

QList<Migration> historyMigrations(bool trigramSearch)
{
    const QString tokenizer =
        trigramSearch ? u"trigram case_sensitive 0"_s : u"unicode61 remove_diacritics 2"_s;
    return {
        {1,
         "conversations, messages, full-text index",
         {
             u"CREATE TABLE conversations (id INTEGER PRIMARY KEY AUTOINCREMENT,"
             " peer TEXT NOT NULL UNIQUE, kind INTEGER NOT NULL,"
             " last_activity INTEGER NOT NULL DEFAULT 0, unread INTEGER NOT NULL DEFAULT 0)"_s,
             u"CREATE INDEX conversations_by_activity ON conversations (last_activity)"_s,
             // AUTOINCREMENT: ids are never reused, so the UI and the full-text index can
             // keep referring to a message id after older messages are deleted.
             u"CREATE TABLE messages (id INTEGER PRIMARY KEY AUTOINCREMENT,"
             " conversation_id INTEGER NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,"
             " stanza_id TEXT, direction INTEGER NOT NULL, sender TEXT NOT NULL,"
             " body TEXT NOT NULL, timestamp INTEGER NOT NULL, delivery INTEGER NOT NULL,"
             " flags INTEGER NOT NULL DEFAULT 0)"_s,
             // NULL stanza ids are distinct in SQLite: messages without an id are never merged.
             u"CREATE UNIQUE INDEX messages_by_stanza_id ON messages (conversation_id, stanza_id)"_s,
             u"CREATE INDEX messages_by_time ON messages (conversation_id, timestamp, id)"_s,
             // External content: the index stores no second copy of the bodies.
             u"CREATE VIRTUAL TABLE messages_fts USING fts5 (body, content='messages',"
             " content_rowid='id', tokenize='%1')"_s.arg(tokenizer),
             u"CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN"
             " INSERT INTO messages_fts (rowid, body) VALUES (new.id, new.body); END"_s,
             u"CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN"
             " INSERT INTO messages_fts (messages_fts, rowid, body)"
             " VALUES ('delete', old.id, old.body); END"_s,
             u"CREATE TRIGGER messages_fts_update AFTER UPDATE OF body ON messages BEGIN"
             " INSERT INTO messages_fts (messages_fts, rowid, body)"
             " VALUES ('delete', old.id, old.body);"
             " INSERT INTO messages_fts (rowid, body) VALUES (new.id, new.body); END"_s,
         }},
        {2,
         "file attachments of messages",
         {
             // At most one file per message; size -1 and empty texts stand for "unknown".
             u"CREATE TABLE attachments (message_id INTEGER PRIMARY KEY"
             " REFERENCES messages (id) ON DELETE CASCADE, url TEXT NOT NULL DEFAULT '',"
             " name TEXT NOT NULL, size INTEGER NOT NULL DEFAULT -1,"
             " sha256 TEXT NOT NULL DEFAULT '', media_type TEXT NOT NULL DEFAULT '',"
             " local_path TEXT NOT NULL DEFAULT '')"_s,
         }},
    };
}

} // namespace flint

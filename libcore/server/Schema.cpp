#include "Schema.h"

using namespace Qt::StringLiterals;

namespace flint {

const QList<Migration> &serverMigrations()
{
    static const QList<Migration> migrations = {
        {1,
         "accounts, rosters, offline messages, vCards",
         {
             u"CREATE TABLE users (username {key} NOT NULL PRIMARY KEY, salt {blob} NOT NULL,"
             " iterations INTEGER NOT NULL, sha1_stored_key {blob} NOT NULL,"
             " sha1_server_key {blob} NOT NULL, sha256_stored_key {blob} NOT NULL,"
             " sha256_server_key {blob} NOT NULL, is_admin INTEGER NOT NULL DEFAULT 0,"
             " created_at BIGINT NOT NULL){table}"_s,
             u"CREATE TABLE roster_items (username {key} NOT NULL, contact {key} NOT NULL,"
             " name {text}, subscription VARCHAR(8) NOT NULL DEFAULT 'none',"
             " ask_subscribe INTEGER NOT NULL DEFAULT 0, approved INTEGER NOT NULL DEFAULT 0,"
             " PRIMARY KEY (username, contact)){table}"_s,
             u"CREATE TABLE roster_groups (username {key} NOT NULL, contact {key} NOT NULL,"
             " group_name {key} NOT NULL, PRIMARY KEY (username, contact, group_name)){table}"_s,
             u"CREATE TABLE roster_versions (username {key} NOT NULL PRIMARY KEY,"
             " version BIGINT NOT NULL){table}"_s,
             u"CREATE TABLE pending_subscriptions (username {key} NOT NULL,"
             " contact {key} NOT NULL, stanza {text} NOT NULL, created_at BIGINT NOT NULL,"
             " PRIMARY KEY (username, contact)){table}"_s,
             u"CREATE TABLE offline_messages (id {id}, username {key} NOT NULL,"
             " stanza {text} NOT NULL, stored_at BIGINT NOT NULL){table}"_s,
             u"CREATE INDEX offline_messages_by_user ON offline_messages (username, id)"_s,
             u"CREATE TABLE vcards (username {key} NOT NULL PRIMARY KEY, vcard {text} NOT NULL,"
             " updated_at BIGINT NOT NULL){table}"_s,
         }},
        {2,
         "HTTP file upload slots",
         {
             u"CREATE TABLE uploads (slot {key} NOT NULL PRIMARY KEY, owner {key} NOT NULL,"
             " filename {text} NOT NULL, size BIGINT NOT NULL, content_type {text} NOT NULL,"
             " created_at BIGINT NOT NULL, complete INTEGER NOT NULL DEFAULT 0){table}"_s,
             u"CREATE INDEX uploads_by_owner ON uploads (owner)"_s,
         }},
        {3,
         "private XML storage",
         {
             u"CREATE TABLE private_storage (username {key} NOT NULL, namespace {key} NOT NULL,"
             " name {key} NOT NULL, xml {text} NOT NULL, size BIGINT NOT NULL,"
             " PRIMARY KEY (username, namespace, name)){table}"_s,
         }},
        {4,
         "persistent chat rooms: configuration, subject, affiliations, recent history",
         {
             u"CREATE TABLE muc_rooms (room {key} NOT NULL PRIMARY KEY, config {text} NOT NULL,"
             " subject {text} NOT NULL, subject_from {text} NOT NULL,"
             " created_at BIGINT NOT NULL){table}"_s,
             u"CREATE TABLE muc_affiliations (room {key} NOT NULL, jid {key} NOT NULL,"
             " affiliation VARCHAR(8) NOT NULL, PRIMARY KEY (room, jid)){table}"_s,
             u"CREATE INDEX muc_affiliations_by_jid ON muc_affiliations (jid)"_s,
             u"CREATE TABLE muc_history (id {id}, room {key} NOT NULL, stanza {text} NOT NULL,"
             " stamp BIGINT NOT NULL){table}"_s,
             u"CREATE INDEX muc_history_by_room ON muc_history (room, id)"_s,
         }},
    };
    return migrations;
}

} // namespace flint

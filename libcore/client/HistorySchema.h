// The local history database's numbered migrations.
#pragma once

#include "common/Database.h"

namespace flint {

// `trigramSearch` picks the full-text tokenizer when the database is created: trigram (substring
// search, also inside CJK text without spaces) needs SQLite 3.34; unicode61 matches word prefixes.
QList<Migration> historyMigrations(bool trigramSearch);

} // namespace flint

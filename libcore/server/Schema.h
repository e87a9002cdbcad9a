// The one list of schema migrations for every back end; each module's SQL uses these tables.
#pragma once

#include "common/Database.h"

namespace flint {

const QList<Migration> &serverMigrations();

} // namespace flint

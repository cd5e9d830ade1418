// The schema, as numbered migrations applied in order, one transaction each. Each migration is
// written for both backends side by side, so that their logical schema stays the same: the same
// tables, columns, keys and checks; only the column types' spelling differs.
#pragma once

#include <vector>

#include "store/database.hpp"

namespace reassure::store {

struct Migration {
  int version;  // 1, 2, 3... with no gap
  const char* name;
  const char* sqlite;
  const char* postgresql;
};

// Every migration this program knows, in order.
const std::vector<Migration>& migrations();

// Brings the database to the latest schema: creates schema_migrations if need be, applies each
// missing migration in its own transaction (recording it there), and refuses a database whose
// schema is newer than this program's (StoreError newer_schema). Safe when several processes
// open the same database at once. Returns the schema version.
int migrate(Database& db);

}  // namespace reassure::store

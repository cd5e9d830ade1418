#include "store/migrations.hpp"

#include <string>

#include "store/store.hpp"

namespace reassure::store {

// Tables whose rows are never changed nor deleted refuse it in the database itself, whatever
// the client: SQLite with triggers that abort, PostgreSQL with triggers calling refuse_change.
#define REASSURE_SQLITE_APPEND_ONLY(table)                     \
  "CREATE TRIGGER " table "_no_update BEFORE UPDATE ON " table \
  " BEGIN SELECT RAISE(ABORT, '" table                         \
  " is append-only: rows cannot be changed'); END;\n"          \
  "CREATE TRIGGER " table "_no_delete BEFORE DELETE ON " table \
  " BEGIN SELECT RAISE(ABORT, '" table " is append-only: rows cannot be deleted'); END;\n"
#define REASSURE_POSTGRESQL_APPEND_ONLY(table)                             \
  "CREATE TRIGGER " table "_append_only BEFORE UPDATE OR DELETE ON " table \
  " FOR EACH ROW EXECUTE FUNCTION refuse_change();\n"                      \
  "CREATE TRIGGER " table "_no_truncate BEFORE TRUNCATE ON " table         \
  " FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();\n"

const std::vector<Migration>& migrations() {
  static const std::vector<Migration> all = {
      {1, "scenario uploads",
       R"(
CREATE TABLE scenarios (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  latest_version INTEGER NOT NULL DEFAULT 0 CHECK (latest_version >= 0));
CREATE TABLE scenario_versions (
  id INTEGER PRIMARY KEY,
  scenario_id INTEGER NOT NULL REFERENCES scenarios (id),
  version INTEGER NOT NULL CHECK (version >= 1),
  content_key TEXT NOT NULL CHECK (length(content_key) = 64),
  releasability TEXT NOT NULL,
  uploader TEXT NOT NULL,
  uploaded_at TEXT NOT NULL,
  file_count INTEGER NOT NULL CHECK (file_count >= 1),
  total_bytes INTEGER NOT NULL CHECK (total_bytes >= 0),
  UNIQUE (scenario_id, version));
CREATE TABLE scenario_files (
  version_id INTEGER NOT NULL REFERENCES scenario_versions (id),
  path TEXT NOT NULL,
  content BLOB NOT NULL,
  PRIMARY KEY (version_id, path));
)" REASSURE_SQLITE_APPEND_ONLY("scenario_versions") REASSURE_SQLITE_APPEND_ONLY("scenario_files"),
       R"(
CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: rows cannot be changed or deleted', TG_TABLE_NAME;
END $$;
CREATE TABLE scenarios (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  latest_version INTEGER NOT NULL DEFAULT 0 CHECK (latest_version >= 0));
CREATE TABLE scenario_versions (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  scenario_id BIGINT NOT NULL REFERENCES scenarios (id),
  version INTEGER NOT NULL CHECK (version >= 1),
  content_key TEXT NOT NULL CHECK (length(content_key) = 64),
  releasability TEXT NOT NULL,
  uploader TEXT NOT NULL,
  uploaded_at TEXT NOT NULL,
  file_count INTEGER NOT NULL CHECK (file_count >= 1),
  total_bytes BIGINT NOT NULL CHECK (total_bytes >= 0),
  UNIQUE (scenario_id, version));
CREATE TABLE scenario_files (
  version_id BIGINT NOT NULL REFERENCES scenario_versions (id),
  path TEXT NOT NULL,
  content BYTEA NOT NULL,
  PRIMARY KEY (version_id, path));
)" REASSURE_POSTGRESQL_APPEND_ONLY("scenario_versions")
           REASSURE_POSTGRESQL_APPEND_ONLY("scenario_files")},

      {2, "users and the audit log",
       R"(
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  nation TEXT NOT NULL CHECK (length(nation) = 2),
  role TEXT NOT NULL CHECK (role IN ('planner', 'observer', 'admin')),
  token_hash TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
  created_at TEXT NOT NULL);
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  who TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT NOT NULL,
  address TEXT NOT NULL);
)" REASSURE_SQLITE_APPEND_ONLY("audit_log"),
       R"(
CREATE TABLE users (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  nation TEXT NOT NULL CHECK (length(nation) = 2),
  role TEXT NOT NULL CHECK (role IN ('planner', 'observer', 'admin')),
  token_hash TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
  created_at TEXT NOT NULL);
CREATE TABLE audit_log (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at TEXT NOT NULL,
  who TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT NOT NULL,
  address TEXT NOT NULL);
)" REASSURE_POSTGRESQL_APPEND_ONLY("audit_log")},

      {3, "plan cache",
       R"(
CREATE TABLE plan_cache (
  content_key TEXT NOT NULL,
  variant TEXT NOT NULL,
  options TEXT NOT NULL,
  result_json TEXT NOT NULL,
  hits INTEGER NOT NULL DEFAULT 0 CHECK (hits >= 0),
  created_at TEXT NOT NULL,
  PRIMARY KEY (content_key, variant, options));
)",
       R"(
CREATE TABLE plan_cache (
  content_key TEXT NOT NULL,
  variant TEXT NOT NULL,
  options TEXT NOT NULL,
  result_json TEXT NOT NULL,
  hits BIGINT NOT NULL DEFAULT 0 CHECK (hits >= 0),
  created_at TEXT NOT NULL,
  PRIMARY KEY (content_key, variant, options));
)"},

      {4, "registry statements",
       R"(
CREATE TABLE statement_keys (
  nation TEXT NOT NULL CHECK (length(nation) = 2),
  date TEXT NOT NULL CHECK (length(date) = 10),
  latest_revision INTEGER NOT NULL DEFAULT 0 CHECK (latest_revision >= 0),
  PRIMARY KEY (nation, date));
CREATE TABLE statements (
  id INTEGER PRIMARY KEY,
  nation TEXT NOT NULL,
  date TEXT NOT NULL,
  revision INTEGER NOT NULL CHECK (revision >= 1),
  position TEXT NOT NULL,
  source TEXT NOT NULL,
  releasability TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  UNIQUE (nation, date, revision),
  FOREIGN KEY (nation, date) REFERENCES statement_keys (nation, date));
)" REASSURE_SQLITE_APPEND_ONLY("statements"),
       R"(
CREATE TABLE statement_keys (
  nation TEXT NOT NULL CHECK (length(nation) = 2),
  date TEXT NOT NULL CHECK (length(date) = 10),
  latest_revision INTEGER NOT NULL DEFAULT 0 CHECK (latest_revision >= 0),
  PRIMARY KEY (nation, date));
CREATE TABLE statements (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  nation TEXT NOT NULL,
  date TEXT NOT NULL,
  revision INTEGER NOT NULL CHECK (revision >= 1),
  position TEXT NOT NULL,
  source TEXT NOT NULL,
  releasability TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  UNIQUE (nation, date, revision),
  FOREIGN KEY (nation, date) REFERENCES statement_keys (nation, date));
)" REASSURE_POSTGRESQL_APPEND_ONLY("statements")},
  };
  return all;
}

namespace {

// PostgreSQL: processes opening the same database at once take turns through an advisory
// lock held until their transaction ends (SQLite's BEGIN IMMEDIATE does the same for a file).
constexpr const char* kPostgresMigrationLock = "SELECT pg_advisory_xact_lock(7265617373)";

int applied_version(Database& db) {
  auto rows = db.query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
  return int(rows.at(0).integer(0));
}

}  // namespace

int migrate(Database& db) {
  const bool postgresql = db.backend() == Backend::postgresql;
  const int latest = migrations().back().version;
  auto refuse_newer = [&](int version) {
    if (version > latest)
      throw StoreError(StoreError::Code::newer_schema, "",
                       "the database's schema is version " + std::to_string(version) +
                           ", newer than this program's " + std::to_string(latest) +
                           ": open it with the program that migrated it, or a newer one");
  };
  db.transaction(Database::Mode::write, [&] {
    if (postgresql) db.query(kPostgresMigrationLock);
    db.script(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
        "name TEXT NOT NULL, applied_at TEXT NOT NULL)");
  });
  for (const auto& migration : migrations()) {
    db.transaction(Database::Mode::write, [&] {
      if (postgresql) db.query(kPostgresMigrationLock);
      int version = applied_version(db);  // read under the lock: another process may have
      refuse_newer(version);              // applied it meanwhile
      if (version >= migration.version) return;
      db.script(postgresql ? migration.postgresql : migration.sqlite);
      db.query("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
               {std::int64_t(migration.version), std::string(migration.name), utc_now()});
    });
  }
  int version = 0;
  db.transaction(Database::Mode::read, [&] { version = applied_version(db); });
  refuse_newer(version);
  return version;
}

}  // namespace reassure::store

// The headquarters' persistence, behind one interface: scenario uploads kept as versions, users
// and their tokens, the append-only audit log, the plan cache and the registry's statements.
// Two backends, chosen by URL: SQLite (a file, the embedded default) and PostgreSQL (a shared
// database, several server processes at once). docs/store.md describes the schema and limits.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/releasability.hpp"

namespace reassure::store {

// Why an operation was refused. `field` names the offending input when there is one.
class StoreError : public std::runtime_error {
 public:
  enum class Code {
    invalid_input,  // a value breaks a rule or a limit (the message says which)
    conflict,       // a record with that key exists (a user name, say)
    newer_schema,   // the database was migrated by a newer program
    database,       // the database refused or failed (constraint, connection, disk)
  };
  StoreError(Code code, std::string field, const std::string& message)
      : std::runtime_error(field.empty() ? message : field + ": " + message),
        code_(code),
        field_(std::move(field)) {}
  Code code() const { return code_; }
  const std::string& field() const { return field_; }

 private:
  Code code_;
  std::string field_;
};

// Limits on what one call may store, so that a careless or hostile client is refused with a
// message before the database fills (docs/store.md, "Limits").
namespace limits {
constexpr std::size_t kMaxNameBytes = 100;          // scenario and user names
constexpr std::size_t kMaxFiles = 1'000;            // files in one scenario upload
constexpr std::size_t kMaxPathBytes = 255;          // a file's relative path
constexpr std::size_t kMaxFileBytes = 16u << 20;    // one file, as the scenario loader reads
constexpr std::size_t kMaxUploadBytes = 64u << 20;  // all files of one upload
constexpr std::size_t kMaxShortText = 200;          // an action, a position id, an address
constexpr std::size_t kMaxLongText = 4'000;         // a target, a source, plan options
constexpr std::size_t kMaxPlanBytes = 64u << 20;    // a cached plan's JSON
constexpr int kMaxListed = 10'000;                  // rows one read-back returns
}  // namespace limits

// A scenario's files: relative path ("scenario.yaml", "geometry/line.geojson") -> bytes.
using ScenarioFiles = std::map<std::string, std::string>;

struct ScenarioUpload {
  std::string name;  // letters, digits, '.', '_', '-'; starts with a letter or digit
  ScenarioFiles files;
  Releasability releasability;
  std::string uploader;  // a user name
};

struct ScenarioVersion {
  std::string name;
  int version = 0;          // 1 for the first upload of the name, then 2, 3...
  std::string content_key;  // content_key(files), 64 hex digits
  Releasability releasability;
  std::string uploader;
  std::string uploaded_at;  // UTC, "2026-12-02T13:10:00.123Z"
  int file_count = 0;
  std::int64_t total_bytes = 0;
  ScenarioFiles files;  // filled by scenario_version() only
};

// SHA-256 over every file in path order (the path, NUL, its size in decimal, NUL, its bytes),
// as lowercase hex: the same files give the same key on every backend and machine.
std::string content_key(const ScenarioFiles& files);

enum class Role { planner, observer, admin };
std::string to_string(Role role);
std::optional<Role> role_from_string(const std::string& text);

struct User {
  std::int64_t id = 0;
  std::string name;    // as for scenario names
  std::string nation;  // ISO 3166-1 alpha-2
  Role role = Role::observer;
  std::string created_at;
};

// A new user and the bearer token that authenticates them: the token is shown once, only its
// SHA-256 is stored.
struct NewUser {
  User user;
  std::string token;  // 64 hex digits from 32 random bytes (OpenSSL's CSPRNG)
};

struct AuditRecord {
  std::string who;      // a user name, or the program ("cli")
  std::string action;   // what was done, e.g. "scenario.upload"
  std::string target;   // on what, e.g. "coalition@3"
  std::string address;  // from where, e.g. "127.0.0.1"
};

struct AuditEntry : AuditRecord {
  std::int64_t id = 0;  // increasing in the order written
  std::string at;       // UTC, as uploaded_at
};

// A plan is a function of the scenario's content, the variant and the options: cached under
// the three.
struct PlanKey {
  std::string content_key;
  std::string variant;
  std::string options;  // canonical text of the options that change the plan
};

struct CachedPlan {
  std::string result_json;
  std::int64_t hits = 0;  // times served from the cache, this one included
};

// A registry statement as recorded at the headquarters. Statements are keyed by nation and
// date; recording another for the same key adds a revision that supersedes the earlier ones,
// which are kept.
struct StatementRecord {
  std::string nation;    // ISO 3166-1 alpha-2
  Date date;             // when the nation said it
  std::string position;  // an id of the scenario's position vocabulary
  std::string source;
  Releasability releasability;
  std::string recorded_by;  // a user name
};

struct StoredStatement : StatementRecord {
  int revision = 0;  // 1, then 2... for the same nation and date
  std::string recorded_at;
  bool current = false;  // not superseded by a later revision
};

class Store {
 public:
  virtual ~Store() = default;

  // The schema version the database now has (the program's latest after opening).
  virtual int schema_version() = 0;

  // Scenarios. Every upload is a new version; none is ever overwritten.
  virtual ScenarioVersion add_scenario_version(const ScenarioUpload& upload) = 0;
  virtual std::vector<std::string> scenario_names() = 0;
  // Every version of the name, oldest first, without files.
  virtual std::vector<ScenarioVersion> scenario_versions(const std::string& name) = 0;
  // One version with its files; nullopt if there is none.
  virtual std::optional<ScenarioVersion> scenario_version(const std::string& name, int version) = 0;

  // Users. The token is returned once; a user is found again only by presenting it.
  virtual NewUser create_user(const std::string& name, const std::string& nation, Role role) = 0;
  virtual std::optional<User> user_by_token(const std::string& token) = 0;
  virtual std::vector<User> users() = 0;

  // The audit log: appended to, read back in order; the database refuses changes to it.
  virtual AuditEntry append_audit(const AuditRecord& record) = 0;
  // Entries with id > after_id, oldest first, at most `limit` (<= limits::kMaxListed).
  virtual std::vector<AuditEntry> audit_log(std::int64_t after_id, int limit) = 0;

  // The plan cache. Storing a key already present keeps the first result (the same content,
  // variant and options give the same plan); returns whether this call stored it.
  virtual bool put_plan(const PlanKey& key, const std::string& result_json) = 0;
  // The cached result, counting the hit; nullopt on a miss.
  virtual std::optional<CachedPlan> get_plan(const PlanKey& key) = 0;

  // Registry statements with their history.
  virtual StoredStatement add_statement(const StatementRecord& record) = 0;
  // Every revision of the nation's statements, by date then revision.
  virtual std::vector<StoredStatement> statement_history(const std::string& nation) = 0;
  // The current revision of every statement, by nation then date.
  virtual std::vector<StoredStatement> current_statements() = 0;
};

// The current time in UTC as the store records it: "2026-12-02T13:10:00.123Z" (sorts as text).
std::string utc_now();

// Opens (creating if need be) and migrates the store the URL names: "sqlite:PATH" or
// "postgresql://..." (libpq's URI form; "postgres://" too). Throws StoreError.
std::unique_ptr<Store> open_store(const std::string& url);

}  // namespace reassure::store

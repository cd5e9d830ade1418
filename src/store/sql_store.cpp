// The store's logic, written once in SQL that both backends run: inputs validated and bounded
// before they reach the database, every operation one transaction.
#include <charconv>
#include <ctime>
#include <mutex>

#include "core/diagnostic.hpp"
#include "core/utf8.hpp"
#include "store/crypto.hpp"
#include "store/database.hpp"
#include "store/migrations.hpp"
#include "store/store.hpp"

namespace reassure::store {

// ---- Rows, time ----

const std::string& Row::text(std::size_t column) const {
  const auto& cell = cells.at(column);
  if (!cell) throw StoreError(StoreError::Code::database, "", "unexpected NULL in a result");
  return *cell;
}

std::int64_t Row::integer(std::size_t column) const {
  const auto& text = this->text(column);
  std::int64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size())
    throw StoreError(StoreError::Code::database, "", "expected an integer in a result");
  return value;
}

std::string utc_now() {
  auto now = std::chrono::system_clock::now();
  auto seconds = std::chrono::system_clock::to_time_t(now);
  auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()) % 1000;
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char text[64];
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, int(millis.count()));
  return text;
}

// ---- Public helpers ----

std::string content_key(const ScenarioFiles& files) {
  Sha256 hash;
  for (const auto& [path, bytes] : files) {  // std::map: in path order
    hash.add(path);
    hash.add(std::string_view("\0", 1));
    hash.add(std::to_string(bytes.size()));
    hash.add(std::string_view("\0", 1));
    hash.add(bytes);
  }
  return hash.hex();
}

std::string to_string(Role role) {
  switch (role) {
    case Role::planner:
      return "planner";
    case Role::observer:
      return "observer";
    case Role::admin:
      return "admin";
  }
  return "observer";
}

std::optional<Role> role_from_string(const std::string& text) {
  for (Role role : {Role::planner, Role::observer, Role::admin})
    if (to_string(role) == text) return role;
  return std::nullopt;
}

namespace {

// ---- Validation: every input bounded and checked before it reaches the database ----

[[noreturn]] void refuse(const std::string& field, const std::string& message) {
  throw StoreError(StoreError::Code::invalid_input, field, message);
}

bool name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '_' || c == '-';
}

// Scenario and user names: they appear in URLs and logs, so a small alphabet.
void check_name(const std::string& field, const std::string& name) {
  if (name.empty()) refuse(field, "must not be empty");
  if (name.size() > limits::kMaxNameBytes)
    refuse(field, "longer than " + std::to_string(limits::kMaxNameBytes) + " bytes");
  for (char c : name)
    if (!name_char(c))
      refuse(field, excerpt(name) + " may hold only letters, digits, '.', '_' and '-'");
  if (name[0] == '.' || name[0] == '_' || name[0] == '-')
    refuse(field, excerpt(name) + " must start with a letter or a digit");
}

// Free text: valid UTF-8 without NUL or other control characters, within `limit` bytes.
void check_text(const std::string& field, const std::string& text, std::size_t limit,
                bool may_be_empty) {
  if (text.empty() && !may_be_empty) refuse(field, "must not be empty");
  if (text.size() > limit) refuse(field, "longer than " + std::to_string(limit) + " bytes");
  if (invalid_utf8_at(text) != std::string_view::npos) refuse(field, "is not valid UTF-8 text");
  for (unsigned char c : text)
    if (c < 0x20 || c == 0x7F) refuse(field, "holds a control character");
}

void check_nation(const std::string& field, const std::string& nation) {
  if (!is_country_code(nation))
    refuse(field,
           excerpt(nation, 8) + " is not an ISO 3166-1 alpha-2 country code (two capital letters)");
}

void check_marking(const std::string& field, const Releasability& marking) {
  std::string problem;
  if (!releasability_from_string(to_string(marking), problem) ||
      *releasability_from_string(to_string(marking), problem) != marking)
    refuse(field,
           problem.empty() ? "the nations must be sorted, unique and at least one" : problem);
}

// A relative path inside the upload: segments of name characters, no '.' or '..' segment, no
// leading or doubled '/', so that the files can be written back under any folder safely.
void check_path(const std::string& path) {
  const std::string field = "files[" + excerpt(path) + "]";
  if (path.empty()) refuse("files", "a file has an empty path");
  if (path.size() > limits::kMaxPathBytes)
    refuse(field, "path longer than " + std::to_string(limits::kMaxPathBytes) + " bytes");
  std::size_t start = 0;
  while (start <= path.size()) {
    auto end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    auto segment = std::string_view(path).substr(start, end - start);
    if (segment.empty() || segment == "." || segment == "..")
      refuse(field, "must be a relative path without empty, '.' or '..' parts");
    for (char c : segment)
      if (!name_char(c))
        refuse(field, "a path may hold only letters, digits, '.', '_', '-' and '/'");
    start = end + 1;
  }
}

std::int64_t check_files(const ScenarioFiles& files) {
  if (files.empty()) refuse("files", "an upload needs at least one file");
  if (files.size() > limits::kMaxFiles)
    refuse("files", std::to_string(files.size()) + " files, more than the " +
                        std::to_string(limits::kMaxFiles) + " allowed");
  std::size_t total = 0;
  for (const auto& [path, bytes] : files) {
    check_path(path);
    if (bytes.size() > limits::kMaxFileBytes)
      refuse("files['" + path + "']",
             "larger than " + std::to_string(limits::kMaxFileBytes >> 20) + " MiB");
    total += bytes.size();  // at most kMaxFiles * kMaxFileBytes: no overflow
  }
  if (total > limits::kMaxUploadBytes)
    refuse("files",
           "the upload totals more than " + std::to_string(limits::kMaxUploadBytes >> 20) + " MiB");
  return std::int64_t(total);
}

Releasability marking_from_db(const std::string& text) {
  std::string problem;
  auto marking = releasability_from_string(text, problem);
  if (!marking)
    throw StoreError(StoreError::Code::database, "releasability",
                     "a stored marking is unreadable: " + problem);
  return *marking;
}

int to_int(std::int64_t value) {
  return int(value);
}  // versions and counts fit: checked

// ---- The store ----

class SqlStore : public Store {
 public:
  explicit SqlStore(std::unique_ptr<Database> db) : db_(std::move(db)) {
    schema_version_ = migrate(*db_);
  }

  int schema_version() override { return schema_version_; }

  ScenarioVersion add_scenario_version(const ScenarioUpload& upload) override {
    check_name("name", upload.name);
    check_name("uploader", upload.uploader);
    check_marking("releasability", upload.releasability);
    ScenarioVersion v;
    v.total_bytes = check_files(upload.files);
    v.name = upload.name;
    v.content_key = content_key(upload.files);
    v.releasability = upload.releasability;
    v.uploader = upload.uploader;
    v.file_count = int(upload.files.size());
    write([&] {
      v.uploaded_at = utc_now();
      // The scenario's row is the counter: the UPDATE locks it until commit, so concurrent
      // uploads of one name (any process, any backend) take numbers one after the other.
      db_->query("INSERT INTO scenarios (name) VALUES ($1) ON CONFLICT (name) DO NOTHING",
                 {upload.name});
      auto counter = db_->query(
          "UPDATE scenarios SET latest_version = latest_version + 1 WHERE name = $1 "
          "RETURNING id, latest_version",
          {upload.name});
      v.version = to_int(counter.at(0).integer(1));
      auto inserted = db_->query(
          "INSERT INTO scenario_versions (scenario_id, version, content_key, releasability, "
          "uploader, uploaded_at, file_count, total_bytes) "
          "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
          {counter.at(0).integer(0), std::int64_t(v.version), v.content_key,
           to_string(v.releasability), v.uploader, v.uploaded_at, std::int64_t(v.file_count),
           v.total_bytes});
      auto id = inserted.at(0).integer(0);
      for (const auto& [path, bytes] : upload.files)
        db_->query("INSERT INTO scenario_files (version_id, path, content) VALUES ($1, $2, $3)",
                   {id, path, Blob{bytes}});
    });
    return v;
  }

  std::vector<std::string> scenario_names() override {
    std::vector<std::string> names;
    read([&] {
      for (const auto& row : db_->query("SELECT name FROM scenarios WHERE latest_version > 0 "
                                        "ORDER BY name LIMIT $1",
                                        {std::int64_t(limits::kMaxListed)}))
        names.push_back(row.text(0));
    });
    return names;
  }

  std::vector<ScenarioVersion> scenario_versions(const std::string& name) override {
    check_name("name", name);
    std::vector<ScenarioVersion> versions;
    read([&] {
      for (const auto& row :
           db_->query(kVersionColumns + std::string(" ORDER BY v.version LIMIT $2"),
                      {name, std::int64_t(limits::kMaxListed)}))
        versions.push_back(version_from(row));
    });
    return versions;
  }

  std::optional<ScenarioVersion> scenario_version(const std::string& name, int version) override {
    check_name("name", name);
    std::optional<ScenarioVersion> found;
    read([&] {
      auto rows = db_->query(kVersionColumns + std::string(" AND v.version = $2"),
                             {name, std::int64_t(version)});
      if (rows.empty()) return;
      found = version_from(rows[0]);
      for (const auto& file :
           db_->query("SELECT path, content FROM scenario_files WHERE version_id = $1",
                      {rows[0].integer(8)}))
        found->files[file.text(0)] = file.text(1);
    });
    return found;
  }

  NewUser create_user(const std::string& name, const std::string& nation, Role role) override {
    check_name("name", name);
    check_nation("nation", nation);
    NewUser created;
    created.token = random_hex(32);
    created.user.name = name;
    created.user.nation = nation;
    created.user.role = role;
    try {
      write([&] {
        created.user.created_at = utc_now();
        auto rows = db_->query(
            "INSERT INTO users (name, nation, role, token_hash, created_at) "
            "VALUES ($1, $2, $3, $4, $5) RETURNING id",
            {name, nation, to_string(role), sha256_hex(created.token), created.user.created_at});
        created.user.id = rows.at(0).integer(0);
      });
    } catch (const StoreError& error) {
      if (error.code() != StoreError::Code::conflict) throw;
      throw StoreError(StoreError::Code::conflict, "name", "a user '" + name + "' exists");
    }
    return created;
  }

  std::optional<User> user_by_token(const std::string& token) override {
    // Only a well-formed token is hashed and looked up; anything else matches no one.
    if (token.size() != 64 || token.find_first_not_of("0123456789abcdef") != std::string::npos)
      return std::nullopt;
    std::optional<User> user;
    read([&] {
      auto rows =
          db_->query(kUserColumns + std::string(" WHERE token_hash = $1"), {sha256_hex(token)});
      if (!rows.empty()) user = user_from(rows[0]);
    });
    return user;
  }

  std::vector<User> users() override {
    std::vector<User> all;
    read([&] {
      for (const auto& row : db_->query(kUserColumns + std::string(" ORDER BY name LIMIT $1"),
                                        {std::int64_t(limits::kMaxListed)}))
        all.push_back(user_from(row));
    });
    return all;
  }

  AuditEntry append_audit(const AuditRecord& record) override {
    check_text("who", record.who, limits::kMaxNameBytes, false);
    check_text("action", record.action, limits::kMaxShortText, false);
    check_text("target", record.target, limits::kMaxLongText, true);
    check_text("address", record.address, limits::kMaxShortText, true);
    AuditEntry entry;
    static_cast<AuditRecord&>(entry) = record;
    write([&] {
      entry.at = utc_now();
      entry.id = db_->query(
                        "INSERT INTO audit_log (at, who, action, target, address) "
                        "VALUES ($1, $2, $3, $4, $5) RETURNING id",
                        {entry.at, record.who, record.action, record.target, record.address})
                     .at(0)
                     .integer(0);
    });
    return entry;
  }

  std::vector<AuditEntry> audit_log(std::int64_t after_id, int limit) override {
    if (limit < 0 || limit > limits::kMaxListed)
      refuse("limit", "must be from 0 to " + std::to_string(limits::kMaxListed));
    std::vector<AuditEntry> entries;
    read([&] {
      for (const auto& row :
           db_->query("SELECT id, at, who, action, target, address FROM audit_log WHERE id > $1 "
                      "ORDER BY id LIMIT $2",
                      {after_id, std::int64_t(limit)})) {
        AuditEntry e;
        e.id = row.integer(0);
        e.at = row.text(1);
        e.who = row.text(2);
        e.action = row.text(3);
        e.target = row.text(4);
        e.address = row.text(5);
        entries.push_back(std::move(e));
      }
    });
    return entries;
  }

  bool put_plan(const PlanKey& key, const std::string& result_json) override {
    check_plan_key(key);
    // JSON may be laid out on lines: only UTF-8 (no NUL) and the size are checked.
    if (result_json.empty()) refuse("result_json", "must not be empty");
    if (result_json.size() > limits::kMaxPlanBytes)
      refuse("result_json", "larger than " + std::to_string(limits::kMaxPlanBytes >> 20) + " MiB");
    if (invalid_utf8_at(result_json) != std::string_view::npos)
      refuse("result_json", "is not valid UTF-8 text");
    bool stored = false;
    write([&] {
      stored = !db_->query(
                       "INSERT INTO plan_cache (content_key, variant, options, result_json, "
                       "created_at) VALUES ($1, $2, $3, $4, $5) "
                       "ON CONFLICT (content_key, variant, options) DO NOTHING RETURNING hits",
                       {key.content_key, key.variant, key.options, result_json, utc_now()})
                    .empty();
    });
    return stored;
  }

  std::optional<CachedPlan> get_plan(const PlanKey& key) override {
    check_plan_key(key);
    std::optional<CachedPlan> plan;
    write([&] {
      auto rows = db_->query(
          "UPDATE plan_cache SET hits = hits + 1 "
          "WHERE content_key = $1 AND variant = $2 AND options = $3 RETURNING result_json, hits",
          {key.content_key, key.variant, key.options});
      if (!rows.empty()) plan = CachedPlan{rows[0].text(0), rows[0].integer(1)};
    });
    return plan;
  }

  StoredStatement add_statement(const StatementRecord& record) override {
    check_nation("nation", record.nation);
    if (record.date < Date::earliest() || record.date > Date::latest())
      refuse("date", "outside " + Date::earliest().iso() + " to " + Date::latest().iso());
    check_text("position", record.position, limits::kMaxShortText, false);
    check_text("source", record.source, limits::kMaxLongText, false);
    check_marking("releasability", record.releasability);
    check_name("recorded_by", record.recorded_by);
    StoredStatement stored;
    static_cast<StatementRecord&>(stored) = record;
    stored.current = true;
    write([&] {
      stored.recorded_at = utc_now();
      // As for scenario versions: the key's row counts its revisions under a row lock.
      db_->query(
          "INSERT INTO statement_keys (nation, date) VALUES ($1, $2) "
          "ON CONFLICT (nation, date) DO NOTHING",
          {record.nation, record.date.iso()});
      stored.revision = to_int(db_->query("UPDATE statement_keys SET latest_revision = "
                                          "latest_revision + 1 WHERE nation = $1 AND date = $2 "
                                          "RETURNING latest_revision",
                                          {record.nation, record.date.iso()})
                                   .at(0)
                                   .integer(0));
      db_->query(
          "INSERT INTO statements (nation, date, revision, position, source, releasability, "
          "recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
          {record.nation, record.date.iso(), std::int64_t(stored.revision), record.position,
           record.source, to_string(record.releasability), record.recorded_by, stored.recorded_at});
    });
    return stored;
  }

  std::vector<StoredStatement> statement_history(const std::string& nation) override {
    check_nation("nation", nation);
    return statements(" WHERE s.nation = $1 ORDER BY s.date, s.revision LIMIT $2",
                      {nation, std::int64_t(limits::kMaxListed)});
  }

  std::vector<StoredStatement> current_statements() override {
    return statements(" WHERE s.revision = k.latest_revision ORDER BY s.nation, s.date LIMIT $1",
                      {std::int64_t(limits::kMaxListed)});
  }

 private:
  static constexpr const char* kVersionColumns =
      "SELECT s.name, v.version, v.content_key, v.releasability, v.uploader, v.uploaded_at, "
      "v.file_count, v.total_bytes, v.id FROM scenario_versions v "
      "JOIN scenarios s ON s.id = v.scenario_id WHERE s.name = $1";
  static constexpr const char* kUserColumns =
      "SELECT id, name, nation, role, created_at FROM users";

  void write(const std::function<void()>& work) { db_->transaction(Database::Mode::write, work); }
  void read(const std::function<void()>& work) { db_->transaction(Database::Mode::read, work); }

  static void check_plan_key(const PlanKey& key) {
    if (key.content_key.size() != 64 ||
        key.content_key.find_first_not_of("0123456789abcdef") != std::string::npos)
      refuse("content_key", "expected 64 lowercase hex digits (a SHA-256)");
    check_text("variant", key.variant, limits::kMaxShortText, false);
    check_text("options", key.options, limits::kMaxLongText, true);
  }

  static ScenarioVersion version_from(const Row& row) {
    ScenarioVersion v;
    v.name = row.text(0);
    v.version = to_int(row.integer(1));
    v.content_key = row.text(2);
    v.releasability = marking_from_db(row.text(3));
    v.uploader = row.text(4);
    v.uploaded_at = row.text(5);
    v.file_count = to_int(row.integer(6));
    v.total_bytes = row.integer(7);
    return v;
  }

  static User user_from(const Row& row) {
    User user;
    user.id = row.integer(0);
    user.name = row.text(1);
    user.nation = row.text(2);
    auto role = role_from_string(row.text(3));
    if (!role) throw StoreError(StoreError::Code::database, "role", "a stored role is unknown");
    user.role = *role;
    user.created_at = row.text(4);
    return user;
  }

  std::vector<StoredStatement> statements(const std::string& where,
                                          const std::vector<Value>& params) {
    std::vector<StoredStatement> found;
    read([&] {
      for (const auto& row :
           db_->query("SELECT s.nation, s.date, s.revision, s.position, s.source, s.releasability, "
                      "s.recorded_by, s.recorded_at, k.latest_revision FROM statements s "
                      "JOIN statement_keys k ON k.nation = s.nation AND k.date = s.date" +
                          where,
                      params)) {
        StoredStatement s;
        s.nation = row.text(0);
        auto date = Date::parse(row.text(1));
        if (!date) throw StoreError(StoreError::Code::database, "date", "a stored date is bad");
        s.date = *date;
        s.revision = to_int(row.integer(2));
        s.position = row.text(3);
        s.source = row.text(4);
        s.releasability = marking_from_db(row.text(5));
        s.recorded_by = row.text(6);
        s.recorded_at = row.text(7);
        s.current = s.revision == row.integer(8);
        found.push_back(std::move(s));
      }
    });
    return found;
  }

  std::unique_ptr<Database> db_;
  int schema_version_ = 0;
};

}  // namespace

std::unique_ptr<Database> open_database(const std::string& url) {
  if (url.starts_with("sqlite:")) {
    auto path = url.substr(7);
    if (path.empty()) refuse("url", "sqlite: needs a file path (sqlite:PATH)");
    return open_sqlite(path);
  }
  if (url.starts_with("postgresql://") || url.starts_with("postgres://"))
    return open_postgresql(url);
  // The URL is not echoed: it may hold a password.
  refuse("url", "expected sqlite:PATH or postgresql://... (a libpq URI)");
}

std::unique_ptr<Store> open_store(const std::string& url) {
  return std::make_unique<SqlStore>(open_database(url));
}

}  // namespace reassure::store

// The SQLite backend: one file, in WAL mode (readers do not block the writer), foreign keys
// enforced, every write in a transaction that waits (busy timeout) rather than fails when
// another connection holds the write lock.
#include <sqlite3.h>

#include <chrono>
#include <mutex>
#include <thread>

#include "store/database.hpp"
#include "store/store.hpp"

namespace reassure::store {
namespace {

// How long a writer waits for another connection's transaction before giving up.
constexpr int kBusyTimeoutMs = 30'000;

class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql.data(), int(sql.size()), &stmt_, nullptr) != SQLITE_OK) fail();
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Binds $1, $2... by name, so that the same SQL text serves PostgreSQL.
  void bind(const std::vector<Value>& params) {
    for (std::size_t i = 0; i < params.size(); ++i) {
      std::string name = "$";
      name += std::to_string(i + 1);
      int index = sqlite3_bind_parameter_index(stmt_, name.c_str());
      if (index == 0) continue;  // a parameter the statement does not use
      int rc = std::visit(
          [&](const auto& value) {
            using T = std::decay_t<decltype(value)>;
            if constexpr (std::is_same_v<T, std::int64_t>)
              return sqlite3_bind_int64(stmt_, index, value);
            else if constexpr (std::is_same_v<T, std::string>)
              return sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT,
                                         SQLITE_UTF8);
            else
              return sqlite3_bind_blob64(stmt_, index, value.bytes.data(), value.bytes.size(),
                                         SQLITE_TRANSIENT);
          },
          params[i]);
      if (rc != SQLITE_OK) fail();
    }
  }

  Rows run() {
    Rows rows;
    while (true) {
      int rc = sqlite3_step(stmt_);
      if (rc == SQLITE_DONE) return rows;
      if (rc != SQLITE_ROW) fail();
      Row row;
      for (int c = 0, n = sqlite3_column_count(stmt_); c < n; ++c) {
        if (sqlite3_column_type(stmt_, c) == SQLITE_NULL) {
          row.cells.emplace_back();
          continue;
        }
        // Text, integers and blobs alike: the bytes as SQLite gives them (integers in decimal).
        auto* bytes = static_cast<const char*>(sqlite3_column_blob(stmt_, c));
        row.cells.emplace_back(std::string(bytes ? bytes : "", sqlite3_column_bytes(stmt_, c)));
      }
      rows.push_back(std::move(row));
    }
  }

  [[noreturn]] void fail() const {
    int code = sqlite3_extended_errcode(db_);
    auto kind = code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY
                    ? StoreError::Code::conflict
                    : StoreError::Code::database;
    throw StoreError(kind, "", std::string("SQLite: ") + sqlite3_errmsg(db_));
  }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

class SqliteDatabase : public Database {
 public:
  explicit SqliteDatabase(const std::string& path) {
    int rc = sqlite3_open_v2(path.c_str(), &db_,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                             nullptr);
    if (rc != SQLITE_OK) {
      std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close(db_);
      throw StoreError(StoreError::Code::database, "",
                       "cannot open SQLite database '" + path + "': " + message);
    }
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_busy_timeout(db_, kBusyTimeoutMs);
    // WAL: readers and one writer at once; synchronous=FULL: a commit that returned is on disk;
    // foreign keys: SQLite enforces them only when asked, per connection.
    exec_when_free("PRAGMA journal_mode=WAL");
    exec("PRAGMA synchronous=FULL");
    exec("PRAGMA foreign_keys=ON");
  }
  ~SqliteDatabase() override { sqlite3_close(db_); }

  Backend backend() const override { return Backend::sqlite; }

  void transaction(Mode mode, const std::function<void()>& work) override {
    std::lock_guard lock(mutex_);  // one transaction at a time on this connection
    exec(mode == Mode::write ? "BEGIN IMMEDIATE" : "BEGIN");
    try {
      work();
      exec("COMMIT");
    } catch (...) {
      sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
      throw;
    }
  }

  Rows query(std::string_view sql, const std::vector<Value>& params) override {
    Statement statement(db_, sql);
    statement.bind(params);
    return statement.run();
  }

  void script(const std::string& sql) override { exec(sql); }

 private:
  void exec(const std::string& sql) {
    char* error = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) == SQLITE_OK) return;
    std::string message = error ? error : sqlite3_errmsg(db_);
    sqlite3_free(error);
    throw StoreError(StoreError::Code::database, "", "SQLite: " + message);
  }

  // Switching a fresh file to WAL needs it to itself, and SQLite reports "database is locked"
  // at once, without its busy handler, when another connection opens it at that moment (seen
  // with three threads opening one new file under the sanitizers): tried again, in steps of
  // 10 ms, for as long as the busy timeout.
  void exec_when_free(const std::string& sql) {
    for (int waited = 0;; waited += 10) {
      int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr);
      if (rc == SQLITE_OK) return;
      if ((rc & 0xff) != SQLITE_BUSY || waited >= kBusyTimeoutMs) exec(sql);  // throws
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }

  sqlite3* db_ = nullptr;
  std::mutex mutex_;
};

}  // namespace

std::unique_ptr<Database> open_sqlite(const std::string& path) {
  return std::make_unique<SqliteDatabase>(path);
}

}  // namespace reassure::store

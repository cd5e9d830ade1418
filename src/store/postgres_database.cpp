// The PostgreSQL backend (libpqxx 6.4): a shared database that several server processes use at
// once, so correctness rests on transactions, row locks and constraints in the database, never
// on locks in this process. A process keeps a few connections, so that its requests' short
// transactions run side by side rather than queue behind one connection's round trips.
#include <condition_variable>
#include <mutex>
#include <pqxx/pqxx>

#include "store/database.hpp"
#include "store/store.hpp"

namespace reassure::store {
namespace {

constexpr pqxx::oid kByteaOid = 17;  // PostgreSQL's type id of bytea (pg_type.dat)

// bytea's hex input format, "\x0a1b...": parameters go as text, and PostgreSQL converts them
// by the column's type.
std::string bytea_text(const std::string& bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string text = "\\x";
  text.reserve(2 + 2 * bytes.size());
  for (unsigned char byte : bytes) {
    text += kHex[byte >> 4];
    text += kHex[byte & 15];
  }
  return text;
}

[[noreturn]] void rethrow(const std::exception& error) {
  if (auto* sql = dynamic_cast<const pqxx::sql_error*>(&error); sql && sql->sqlstate() == "23505")
    throw StoreError(StoreError::Code::conflict, "", std::string("PostgreSQL: ") + error.what());
  throw StoreError(StoreError::Code::database, "", std::string("PostgreSQL: ") + error.what());
}

class PostgresDatabase : public Database {
 public:
  // Connects once at opening, so that a wrong URL or a server that is down is told at once.
  explicit PostgresDatabase(const std::string& url) : url_(url) { idle_.push_back(connect()); }

  Backend backend() const override { return Backend::postgresql; }

  void transaction(Mode, const std::function<void()>& work) override {
    if (txn_) throw std::logic_error("store: a transaction inside a transaction");
    auto connection = acquire();
    try {
      pqxx::work txn(*connection);
      txn_ = &txn;
      try {
        work();
      } catch (...) {
        txn_ = nullptr;
        throw;  // the transaction's destructor rolls it back
      }
      txn_ = nullptr;
      txn.commit();
    } catch (const StoreError&) {
      release(std::move(connection));
      throw;
    } catch (const pqxx::broken_connection& error) {
      forget();  // not returned: the next transaction opens a new one
      rethrow(error);
    } catch (const std::exception& error) {
      release(std::move(connection));
      rethrow(error);
    }
    release(std::move(connection));
  }

  Rows query(std::string_view sql, const std::vector<Value>& params) override {
    std::vector<std::string> texts;
    texts.reserve(params.size());
    for (const auto& value : params)
      texts.push_back(std::visit(
          [](const auto& v) -> std::string {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::int64_t>)
              return std::to_string(v);
            else if constexpr (std::is_same_v<T, std::string>)
              return v;
            else
              return bytea_text(v.bytes);
          },
          value));
    try {
      auto result =
          active().exec_params(std::string(sql), pqxx::prepare::make_dynamic_params(texts));
      return rows(result);
    } catch (const std::exception& error) {
      rethrow(error);
    }
  }

  void script(const std::string& sql) override {
    try {
      active().exec(sql);
    } catch (const std::exception& error) {
      rethrow(error);
    }
  }

 private:
  pqxx::work& active() {
    if (!txn_) throw std::logic_error("store: a query outside a transaction");
    return *txn_;
  }

  static Rows rows(const pqxx::result& result) {
    Rows rows;
    rows.reserve(result.size());
    for (const auto& r : result) {
      Row row;
      for (const auto& field : r) {
        if (field.is_null())
          row.cells.emplace_back();
        else if (field.type() == kByteaOid)
          row.cells.emplace_back(pqxx::binarystring(field).str());
        else
          row.cells.emplace_back(std::string(field.c_str(), field.size()));
      }
      rows.push_back(std::move(row));
    }
    return rows;
  }

  std::unique_ptr<pqxx::connection> connect() {
    try {
      return std::make_unique<pqxx::connection>(url_);
    } catch (const std::exception& error) {
      // libpq's message names the host and port, never the password.
      throw StoreError(StoreError::Code::database, "",
                       std::string("cannot connect to PostgreSQL: ") + error.what());
    }
  }

  // An idle connection, a new one while fewer than kMaxConnections are open, or the first to be
  // released.
  std::unique_ptr<pqxx::connection> acquire() {
    std::unique_lock lock(mutex_);
    released_.wait(lock, [&] { return !idle_.empty() || open_ < kMaxConnections; });
    if (!idle_.empty()) {
      auto connection = std::move(idle_.back());
      idle_.pop_back();
      return connection;
    }
    ++open_;
    lock.unlock();
    try {
      return connect();
    } catch (...) {
      forget();
      throw;
    }
  }
  void release(std::unique_ptr<pqxx::connection> connection) {
    if (!connection->is_open()) return forget();  // lost (server restarted): opened afresh
    {
      std::lock_guard lock(mutex_);
      idle_.push_back(std::move(connection));
    }
    released_.notify_one();
  }
  // A connection that will not come back (broken, or never opened).
  void forget() {
    {
      std::lock_guard lock(mutex_);
      --open_;
    }
    released_.notify_one();
  }

  // Enough for a server's request threads and solver threads to rarely wait, few enough that
  // several processes stay well under PostgreSQL's default max_connections (100).
  static constexpr int kMaxConnections = 4;

  std::string url_;
  std::mutex mutex_;
  std::condition_variable released_;
  std::vector<std::unique_ptr<pqxx::connection>> idle_;
  int open_ = 1;  // the one connect() in the constructor
  // The transaction this thread runs (a thread runs one at a time, on one connection).
  static thread_local pqxx::work* txn_;
};

thread_local pqxx::work* PostgresDatabase::txn_ = nullptr;

}  // namespace

std::unique_ptr<Database> open_postgresql(const std::string& url) {
  return std::make_unique<PostgresDatabase>(url);
}

}  // namespace reassure::store

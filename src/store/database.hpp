// One connection to a database, as the store's SQL needs it: statements with numbered
// parameters ($1, $2... on both backends), run inside transactions. The store's logic is
// written once over this; the two backends differ only here and in their migrations.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace reassure::store {

enum class Backend { sqlite, postgresql };

// Bytes for a BLOB (SQLite) or BYTEA (PostgreSQL) column.
struct Blob {
  std::string bytes;
};
using Value = std::variant<std::int64_t, std::string, Blob>;

// A result row: each column's value as text (integers in decimal, blobs as their bytes), or
// nullopt for NULL.
struct Row {
  std::vector<std::optional<std::string>> cells;

  const std::string& text(std::size_t column) const;
  std::int64_t integer(std::size_t column) const;
};
using Rows = std::vector<Row>;

class Database {
 public:
  virtual ~Database() = default;
  virtual Backend backend() const = 0;

  // Runs `work` in one transaction, committed when it returns and rolled back if it throws.
  // A writing transaction takes the write lock at its start on SQLite (BEGIN IMMEDIATE), so
  // that two writers queue instead of one failing on upgrading its lock.
  enum class Mode { read, write };
  virtual void transaction(Mode mode, const std::function<void()>& work) = 0;

  // One statement, inside transaction(). Throws StoreError: conflict on a unique key,
  // database otherwise.
  virtual Rows query(std::string_view sql, const std::vector<Value>& params = {}) = 0;
  // Several statements without parameters (a migration), inside transaction().
  virtual void script(const std::string& sql) = 0;
};

// "sqlite:PATH" or "postgresql://..." / "postgres://..."; throws StoreError.
std::unique_ptr<Database> open_database(const std::string& url);
std::unique_ptr<Database> open_sqlite(const std::string& path);
std::unique_ptr<Database> open_postgresql(const std::string& url);

}  // namespace reassure::store

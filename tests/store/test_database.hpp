// A fresh, empty database for each test, on either backend: a file in a temporary folder for
// SQLite; a new database in the test cluster (tests/store/pg_cluster.sh, started by ctest) for
// PostgreSQL. Dropped or deleted when the test ends.
#pragma once

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <pqxx/pqxx>
#include <stdexcept>
#include <string>

#include "store/database.hpp"

namespace reassure::store {

// How GoogleTest prints a backend in test names and messages.
inline void PrintTo(Backend backend, std::ostream* out) {
  *out << (backend == Backend::sqlite ? "SQLite" : "PostgreSQL");
}

}  // namespace reassure::store

namespace reassure::store::testing {

inline std::string backend_name(Backend backend) {
  return backend == Backend::sqlite ? "SQLite" : "PostgreSQL";
}

// The URL of the test cluster's maintenance database, from the state folder the cluster script
// wrote. Fails loudly when the cluster is not running: PostgreSQL tests must not pass unrun.
inline std::string cluster_url() {
  std::ifstream file(std::string(REASSURE_PG_STATE) + "/url");
  std::string url;
  if (!std::getline(file, url) || url.empty())
    throw std::runtime_error(
        "no PostgreSQL test cluster: run the tests with ctest (which starts it), or "
        "tests/store/pg_cluster.sh start " REASSURE_PG_STATE);
  return url;
}

class TestDatabase {
 public:
  explicit TestDatabase(Backend backend) : backend_(backend) {
    static std::atomic<int> counter = 0;
    auto unique = std::to_string(getpid()) + "_" + std::to_string(counter++);
    if (backend == Backend::sqlite) {
      folder_ = std::filesystem::temp_directory_path() / ("reassure-store-" + unique);
      std::filesystem::create_directories(folder_);
      url_ = "sqlite:" + (folder_ / "store.db").string();
      return;
    }
    admin_url_ = cluster_url();
    name_ = "store_test_" + unique;
    admin("CREATE DATABASE " + name_);
    url_ = admin_url_.substr(0, admin_url_.rfind('/') + 1) + name_;
  }
  ~TestDatabase() {
    try {
      if (backend_ == Backend::sqlite)
        std::filesystem::remove_all(folder_);
      else
        admin("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
    } catch (...) {
      // A database left behind goes with the cluster's folder when ctest stops it.
    }
  }
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  const std::string& url() const { return url_; }
  Backend backend() const { return backend_; }

 private:
  void admin(const std::string& sql) {
    pqxx::connection connection(admin_url_);
    pqxx::nontransaction txn(connection);  // CREATE/DROP DATABASE cannot run in a transaction
    txn.exec(sql);
  }

  Backend backend_;
  std::string url_;
  std::filesystem::path folder_;
  std::string admin_url_, name_;
};

}  // namespace reassure::store::testing

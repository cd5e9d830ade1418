// What the API tests share: the real HttpServer with every API route on 127.0.0.1 (a free
// port) over a real store on either backend, users of several nations and roles, a client that
// speaks to it by route template, tar archives built in memory, and the response recorder.
//
// Response recording: when the environment variable REASSURE_RECORD_RESPONSES names a file,
// every response a test receives is appended to it as one JSON object per line:
//   {"method":"GET","route":"/scenarios/{name}/versions","status":200,
//    "content_type":"application/json","body":<the body parsed as JSON, or as a string>}
// `route` is the OpenAPI path template the request was made for (never the raw path), so that
// tests/api/check_responses.mjs can validate each body against api/openapi.json's schema for
// that operation and status.
#pragma once

#include <filesystem>

#include <httplib.h>
#include <sys/types.h>

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "app/api_routes.hpp"
#include "server/http_server.hpp"
#include "store/database.hpp"
#include "store/store.hpp"
#include "store/test_database.hpp"

namespace reassure::api_test {

// The smallest valid scenario (tests/io/good/minimal.yaml); `variation` adds a comment line so
// that each upload has its own content.
std::string minimal_scenario(const std::string& variation = "");
store::ScenarioFiles minimal_files(const std::string& variation = "");
// Every file of a scenario's folder, by its path inside it: what a planner's upload holds.
store::ScenarioFiles folder_files(const std::filesystem::path& folder);

// A store that counts the calls made to it, forwarding each to the real one: tests check that
// a request for a record the caller may not see does no work that depends on that record.
class CountingStore : public store::Store {
 public:
  explicit CountingStore(std::unique_ptr<store::Store> inner) : inner_(std::move(inner)) {}
  int schema_version() override { return inner_->schema_version(); }
  store::ScenarioVersion add_scenario_version(const store::ScenarioUpload& upload) override;
  std::vector<std::string> scenario_names() override { return inner_->scenario_names(); }
  std::vector<store::ScenarioVersion> scenario_versions(const std::string& name) override {
    return inner_->scenario_versions(name);
  }
  std::optional<store::ScenarioVersion> scenario_version(const std::string& name,
                                                         int version) override;
  store::NewUser create_user(const std::string& name, const std::string& nation,
                             store::Role role) override {
    return inner_->create_user(name, nation, role);
  }
  std::optional<store::User> user_by_token(const std::string& token) override {
    return inner_->user_by_token(token);
  }
  std::vector<store::User> users() override { return inner_->users(); }
  store::AuditEntry append_audit(const store::AuditRecord& record) override;
  std::vector<store::AuditEntry> audit_log(std::int64_t after_id, int limit) override {
    return inner_->audit_log(after_id, limit);
  }
  bool put_plan(const store::PlanKey& key, const std::string& result_json) override;
  std::optional<store::CachedPlan> get_plan(const store::PlanKey& key) override;
  store::StoredStatement add_statement(const store::StatementRecord& record) override;
  std::vector<store::StoredStatement> statement_history(const std::string& nation) override {
    return inner_->statement_history(nation);
  }
  std::vector<store::StoredStatement> current_statements() override {
    return inner_->current_statements();
  }

  // Calls that read a version's files, touch the plan cache, or write anything.
  int files_read() const { return files_read_; }
  int writes() const { return writes_; }
  int plan_cache_calls() const { return plan_cache_calls_; }

 private:
  std::unique_ptr<store::Store> inner_;
  std::atomic<int> files_read_{0}, writes_{0}, plan_cache_calls_{0};
};

struct Response {
  int status = 0;
  std::string content_type;
  std::string body;
  std::multimap<std::string, std::string> headers;
  nlohmann::json json;  // null when the body is not JSON

  std::string error_code() const;
  std::string header(const std::string& name) const;
};

// One request: made for a route template, its {params} substituted (URL-encoded).
struct Request {
  std::string method = "GET";
  std::string route;
  std::map<std::string, std::string> params;
  std::string query;  // "as_of=2026-01-01", encoded by the caller
  std::string token;  // empty: no Authorization header
  std::string body;
  std::string content_type = "application/json";
  std::string prefer = "";  // the Prefer header ("wait=10"), if any
};

class ApiServer {
 public:
  explicit ApiServer(store::Backend backend);
  ~ApiServer();

  // A new user's bearer token.
  std::string user(const std::string& name, const std::string& nation, store::Role role);
  Response send(const Request& request);
  // Shorthands.
  Response get(const std::string& route, const std::map<std::string, std::string>& params,
               const std::string& token, const std::string& query = "");
  Response post_json(const std::string& route, const std::map<std::string, std::string>& params,
                     const std::string& token, const nlohmann::json& body);

  CountingStore& store() { return *store_; }
  server::HttpServer& http() { return http_; }
  int port() const { return port_; }

 private:
  store::testing::TestDatabase db_;
  std::unique_ptr<CountingStore> store_;
  server::HttpServer http_;
  int port_ = 0;
  std::thread runner_;
};

// `reassure serve` (the real program) as a child process on a free loopback port over `db`,
// its port read from the first line it prints; SIGKILLed when destroyed or asked.
class Served {
 public:
  explicit Served(const std::string& db);
  ~Served() { kill_now(); }
  Served(const Served&) = delete;
  Served& operator=(const Served&) = delete;
  void kill_now();
  int port() const { return port_; }

 private:
  pid_t pid_ = -1;
  int port_ = -1;
};

// ---- Archives ----

struct ArchiveEntry {
  std::string path{};
  std::string content{};
  enum class Type { file, directory, symlink, hardlink, fifo, device } type = Type::file;
  std::string link{};     // the target of a link
  std::size_t zeros = 0;  // instead of content: this many zero bytes, written in pieces
};
// A ustar archive of the entries, gzip-compressed (level 1) if asked.
std::string tar_archive(const std::vector<ArchiveEntry>& entries, bool gzip);
std::vector<ArchiveEntry> entries_of(const store::ScenarioFiles& files,
                                     const std::string& folder = "");

// ---- Bodies ----

// {"files": {...}} for a JSON upload.
nlohmann::json upload_body(const store::ScenarioFiles& files);

}  // namespace reassure::api_test

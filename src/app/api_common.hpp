// What the API's route files share: the store and the cache of loaded scenarios every route
// reads through, who may see what (releasability), the audit line of every write, and the JSON
// shapes of errors and records. Each area adds its routes in its own file (api_scenarios.cpp,
// api_registry.cpp, api_audit.cpp); add_api_routes (api_routes.cpp) calls them all.
//
// The rule of visibility every route keeps: a record the caller may not see is answered
// exactly as one that does not exist (same status, same body, built from the request alone), and
// no store work depends on it (no files read, no cache touched).
#pragma once

#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "app/lru_cache.hpp"
#include "app/plan_jobs.hpp"
#include "engine/engine.hpp"
#include "server/api_error.hpp"
#include "server/http_server.hpp"
#include "store/store.hpp"

namespace reassure::app {

// Scenarios loaded from their stored files, by content key (store::content_key), the most
// recently used kept: a scenario is parsed once, then every status (or plan) of it is fast.
// Thread-safe; a Loaded is immutable, so callers share it.
class LoadedScenarios {
 public:
  explicit LoadedScenarios(std::size_t capacity = 16) : loaded_(capacity) {}

  // The loaded scenario of `version` (metadata from the store; its files are read only on a
  // miss). The caller has checked the version is visible to its caller. A stored version that
  // no longer loads (a newer program's stricter rules) is ApiError 422 scenario.invalid.
  std::shared_ptr<const engine::Loaded> get(store::Store& store,
                                            const store::ScenarioVersion& version);
  // A scenario loaded already (an upload's), under its store content key.
  void remember(const std::string& key, std::shared_ptr<const engine::Loaded> loaded) {
    loaded_.put(key, std::move(loaded));
  }
  std::size_t size() const { return loaded_.size(); }

 private:
  LruCache<std::shared_ptr<const engine::Loaded>> loaded_;
};

// What every route of the API reads and writes through; shared by the handlers, alive as long
// as the server's routes are.
struct ApiContext {
  explicit ApiContext(store::Store& s) : store(s) {}
  store::Store& store;
  LoadedScenarios scenarios;
  // The files of the versions read last, by content key (a version's files never change).
  LruCache<std::shared_ptr<const store::ScenarioFiles>> version_files{16};
  // Plans and comparisons solved off the request threads (api_plans.cpp); destroyed with the
  // routes, before the store they cache into.
  std::unique_ptr<PlanJobs> jobs;
  // Cached plans as answered, by cache key, scenario and the caller's nation (a view depends on
  // nothing else): a repeated request costs a lookup, not a redaction and a serialisation.
  LruCache<std::string> rendered_plans{256};
  // Scenario versions read again with a request's what-ifs (engine::with_what_ifs), by the
  // version's content, the what-ifs' text and the caller's nation (what a what-if may name
  // depends on it): a repeated what-if costs a lookup, not a second reading of the files.
  LruCache<std::shared_ptr<const engine::Loaded>> what_if_scenarios{16};
  // Uploads of one name are checked against its latest version and stored one at a time (in
  // this process): a retried upload must find the first one stored.
  std::mutex uploads;
};
using Api = std::shared_ptr<ApiContext>;

// ---- Who may see what ----

bool visible(const server::Caller& caller, const Releasability& marking);
// The versions of `name` the caller may see, oldest first (metadata only).
std::vector<store::ScenarioVersion> visible_versions(store::Store& store,
                                                     const server::Caller& caller,
                                                     const std::string& name);
// One version's metadata if it exists and the caller may see it; otherwise ApiError 404
// scenario.not_found with a message built from the name and number alone (hidden == missing).
store::ScenarioVersion visible_version(store::Store& store, const server::Caller& caller,
                                       const std::string& name, int version);

// The loaded scenario of a version the caller may see: also its own marking (the stored
// version's is the same for every upload; a version stored otherwise that the scenario itself
// does not release is answered as visible_version answers a missing one).
std::shared_ptr<const engine::Loaded> visible_scenario(ApiContext& api,
                                                       const server::Caller& caller,
                                                       const store::ScenarioVersion& version);

// ---- Request parameters ----

// A scenario name checked as the store checks names (ApiError 400 field.range naming `field`).
std::string checked_scenario_name(const std::string& name, const std::string& field);
// The {name} of a scenario route, so checked.
std::string scenario_name_param(const server::Call& call);
// The {version} of a route: a positive integer (ApiError 400 field.range).
int version_param(const server::Call& call);
// Refuses a query parameter the route does not know (ApiError 400 field.unknown): a misspelt
// `as_of` must not be ignored.
void check_query(const server::Call& call, const std::vector<std::string>& known);
// The query parameter's single value, if given (twice: ApiError 400 field.range).
std::optional<std::string> query_param(const server::Call& call, const std::string& name);
// A releasability marking as a request gives it ("public", "coalition", "rel:DE,FR"), which the
// caller must be able to read back (ApiError 400 field.range naming `field`).
Releasability marking_field(const server::Caller& caller, const std::string& text,
                            const std::string& field);

// ---- Writes ----

// Appends the audit line of a write: the caller, the action ("scenario.upload"), the target
// ("coalition@3") and the client's address.
void audit(store::Store& store, const server::Call& call, const std::string& action,
           const std::string& target);

// ---- Answers ----

// A store refusal as the API's error: invalid input 400 field.range, conflict 409; anything
// else is rethrown (a 500 that never shows the database's text).
[[noreturn]] void rethrow_store_error(const store::StoreError& error);
// 422 with the engine's problems: {"error": {...first problem...}, "problems": [...]}.
server::Reply problems_reply(const std::vector<engine::Problem>& problems, int status = 422);

nlohmann::json version_json(const store::ScenarioVersion& version, bool with_files);
nlohmann::json statement_json(const store::StoredStatement& statement);

// ---- Each area's routes ----

void add_scenario_routes(server::HttpServer& http, const Api& api);
void add_registry_routes(server::HttpServer& http, const Api& api);
void add_audit_routes(server::HttpServer& http, const Api& api);
void add_plan_routes(server::HttpServer& http, const Api& api);

}  // namespace reassure::app

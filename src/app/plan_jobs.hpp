// Plans and comparisons asked of the headquarters server, solved off the request threads.
//
// A solve can take a minute; an HTTP worker must not wait for it. A request either finds its
// result in the store's plan cache (keyed by the engine's content key: the scenario's files,
// the variant(s), the options and the program's version) or becomes a job that a small pool of
// solver threads runs, whose progress and result the caller reads back by the job's id. The
// same request asked again while its job is queued or running joins that job, so a dashboard
// refreshing does not start a second solve. Results that hold (not cancelled, not stopped at a
// time limit, not failed) go into the cache, so that every later caller gets them at once.
//
// Jobs keep their full result; what a caller may see of it (releasability) is decided by the
// route, not here.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "app/lru_cache.hpp"
#include "core/releasability.hpp"
#include "engine/engine.hpp"

namespace reassure::server {
class Metrics;
}
namespace reassure::store {
class Store;
}

namespace reassure::app {

struct PlanJobRequest {
  std::shared_ptr<const engine::Loaded> loaded;
  std::string scenario;               // what the caller named, "name@version": shown in the job
  Releasability marking;              // the scenario version's: who may read the job back
  std::vector<std::string> variants;  // one: a plan; several: a comparison, the first the reference
  bool compare = false;
  double time_limit_seconds = 60;
  std::string requested_by;  // a user name
};

enum class JobState { queued, running, done, failed, cancelled };
std::string to_string(JobState state);

// A job as its callers see it at one moment.
struct JobView {
  std::string id;  // 32 hex digits, random: ids do not tell how many jobs others ran
  JobState state = JobState::queued;
  std::string scenario;
  Releasability marking;
  std::vector<std::string> variants;
  bool compare = false;
  double time_limit_seconds = 60;
  std::string requested_by;
  std::string key;  // the engine's content key of the request
  engine::Progress progress;
  std::string queued_at, started_at, finished_at;  // UTC; empty until it happens
  // The engine's full JSON of the plan (to_json) or comparison (to_full_json) once finished (done,
  // failed or cancelled; a cancelled solve still has a feasible plan); absent before.
  std::shared_ptr<const nlohmann::json> result;
  bool cached = false;  // the result was stored in the plan cache
};

// Refused because the queue is full: the caller should retry later (HTTP 503).
class JobsBusy : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class PlanJobs {
 public:
  struct Limits {
    int solvers = 2;                 // jobs solved at once (CBC itself runs one at a time)
    std::size_t max_queued = 32;     // jobs waiting; beyond, submit throws JobsBusy
    std::size_t max_finished = 256;  // finished jobs kept to be read back, oldest dropped first
  };

  // Metrics may be null; else solves running/queued and cache hits/misses are counted there.
  PlanJobs(store::Store& store, Limits limits, server::Metrics* metrics = nullptr);
  // Cancels what is queued and running and waits for the solver threads.
  ~PlanJobs();
  PlanJobs(const PlanJobs&) = delete;
  PlanJobs& operator=(const PlanJobs&) = delete;

  struct Submitted {
    std::shared_ptr<const nlohmann::json> cached;  // the cached result: no job
    std::string job;                               // else the job's id
    bool joined = false;                           // the same request was already queued or running
    std::string key;                               // the request's cache key (cache_key)
  };
  // The cached result if there is one (counting the hit; the last results used are kept in
  // memory, so that a hit reads neither the store nor JSON text), else a job. The request's
  // arguments are the caller's to check first (engine::check_variant, check_time_limit): a job with
  // bad arguments finishes `failed` with the engine's problems.
  Submitted submit(PlanJobRequest request);

  std::optional<JobView> job(const std::string& id) const;
  // Waits until the job has finished or `timeout` has passed; the job as it then is.
  std::optional<JobView> wait(const std::string& id, std::chrono::milliseconds timeout) const;
  // Asks a queued or running job to stop: a queued one ends cancelled at once, a running one at
  // the solver's next check, with the feasible plan it has. False if there is no such job, or it
  // has finished or is finishing (its solve has returned): too late to cancel.
  bool cancel(const std::string& id);

  // The store's plan-cache key of a request (its engine content key).
  static std::string cache_key(const PlanJobRequest& request);

 private:
  struct Job;
  void solve_loop();
  void run(Job& job);
  void finish(Job& job, JobState state, nlohmann::json result, bool cached);
  void forget_oldest_finished();

  store::Store& store_;
  Limits limits_;
  server::Metrics* metrics_;
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  std::map<std::string, std::shared_ptr<Job>> jobs_;
  std::map<std::string, std::string> active_by_key_;  // queued or running: key -> id
  std::deque<std::string> queue_;
  std::deque<std::string> finished_;  // oldest first
  // Results that hold, by cache key, as the store has them: the ones used last.
  LruCache<std::shared_ptr<const nlohmann::json>> recent_{64};
  bool stopping_ = false;
  std::vector<std::thread> solvers_;
};

}  // namespace reassure::app

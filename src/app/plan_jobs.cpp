#include "app/plan_jobs.hpp"

#include <algorithm>
#include <atomic>

#include "server/metrics.hpp"
#include "store/crypto.hpp"
#include "store/store.hpp"

namespace reassure::app {

struct PlanJobs::Job {
  JobView view;  // guarded by PlanJobs::mutex_
  std::shared_ptr<const engine::Loaded> loaded;
  std::atomic<bool> cancel{false};
  // Set under the lock once the solve has returned and its outcome is decided: a cancel after
  // that is too late, and says so, rather than be accepted and then not honoured.
  bool closing = false;
};

namespace {

bool finished(JobState state) {
  return state == JobState::done || state == JobState::failed || state == JobState::cancelled;
}

engine::PlanOptions plan_options(const PlanJobRequest& request) {
  engine::PlanOptions options;
  options.time_limit_seconds = request.time_limit_seconds;
  return options;
}

// The plan cache's key: the engine's content key says everything; the variant and the options
// are kept beside it so that a person reading the table knows what each row is.
store::PlanKey store_key(const std::string& key, const PlanJobRequest& request) {
  std::string variants;
  for (const auto& v : request.variants) variants += (variants.empty() ? "" : ",") + v;
  char limit[64];
  std::snprintf(limit, sizeof limit, "%.17g", request.time_limit_seconds);
  return {key, variants,
          std::string(request.compare ? "compare" : "plan") + " time_limit=" + limit};
}

// Whether a finished result may be served to later callers as it is: only a plan proven as
// the engine proves it (not cancelled, not stopped at its time limit, not failed).
bool cacheable(const std::vector<engine::Problem>& problems) {
  return std::none_of(problems.begin(), problems.end(), [](const engine::Problem& p) {
    return p.code == engine::Code::solver_cancelled || p.code == engine::Code::solver_time_limit ||
           p.code == engine::Code::solver_failed || p.code == engine::Code::model_too_large ||
           p.code == engine::Code::variant_unknown || p.code == engine::Code::variants_empty ||
           p.code == engine::Code::time_limit_invalid;
  });
}

}  // namespace

std::string to_string(JobState state) {
  switch (state) {
    case JobState::queued:
      return "queued";
    case JobState::running:
      return "running";
    case JobState::done:
      return "done";
    case JobState::failed:
      return "failed";
    case JobState::cancelled:
      return "cancelled";
  }
  return "?";
}

PlanJobs::PlanJobs(store::Store& store, Limits limits, server::Metrics* metrics)
    : store_(store), limits_(limits), metrics_(metrics) {
  if (metrics_) {
    // Declared up front so that /metrics shows them at zero before the first solve.
    metrics_->gauge("reassure_solves_running", "Plans and comparisons being solved");
    metrics_->gauge("reassure_solves_queued", "Plans and comparisons waiting for a solver");
    metrics_->counter("reassure_solves_total", "Plans and comparisons solved (any outcome)");
    metrics_->counter("reassure_plan_cache_hits_total", "Plan requests served from the cache");
    metrics_->counter("reassure_plan_cache_misses_total",
                      "Plan requests not in the cache (solved or joined to a running solve)");
  }
  for (int i = 0; i < std::max(1, limits_.solvers); ++i)
    solvers_.emplace_back([this] { solve_loop(); });
}

PlanJobs::~PlanJobs() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    for (auto& [id, job] : jobs_) job->cancel = true;
  }
  changed_.notify_all();
  for (auto& solver : solvers_) solver.join();
}

std::string PlanJobs::cache_key(const PlanJobRequest& request) {
  auto options = plan_options(request);
  return request.compare ? engine::compare_key(*request.loaded, request.variants, options)
                         : engine::plan_key(*request.loaded, request.variants.at(0), options);
}

PlanJobs::Submitted PlanJobs::submit(PlanJobRequest request) {
  if (!request.loaded || request.variants.empty())
    throw std::invalid_argument("a plan job needs a loaded scenario and a variant");
  std::string key = cache_key(request);
  if (auto recent = recent_.get(key)) {
    if (metrics_) ++metrics_->counter("reassure_plan_cache_hits_total", "");
    return {*recent, "", false, key};
  }
  if (auto hit = store_.get_plan(store_key(key, request))) {
    if (metrics_) ++metrics_->counter("reassure_plan_cache_hits_total", "");
    auto result = std::make_shared<const nlohmann::json>(nlohmann::json::parse(hit->result_json));
    recent_.put(key, result);
    return {result, "", false, key};
  }
  if (metrics_) ++metrics_->counter("reassure_plan_cache_misses_total", "");

  std::lock_guard lock(mutex_);
  if (auto active = active_by_key_.find(key); active != active_by_key_.end())
    return {nullptr, active->second, true, key};
  if (queue_.size() >= limits_.max_queued)
    throw JobsBusy("the solvers are busy: " + std::to_string(queue_.size()) +
                   " plans are waiting; retry later");
  auto job = std::make_shared<Job>();
  job->loaded = request.loaded;
  JobView& view = job->view;
  view.id = store::random_hex(16);
  view.scenario = request.scenario;
  view.marking = request.marking;
  view.variants = request.variants;
  view.compare = request.compare;
  view.time_limit_seconds = request.time_limit_seconds;
  view.requested_by = request.requested_by;
  view.key = key;
  view.queued_at = store::utc_now();
  view.progress.variant = request.variants.front();
  view.progress.variants = int(request.variants.size());
  jobs_[view.id] = job;
  active_by_key_[key] = view.id;
  queue_.push_back(view.id);
  if (metrics_) ++metrics_->gauge("reassure_solves_queued", "");
  changed_.notify_all();
  return {nullptr, view.id, false, key};
}

std::optional<JobView> PlanJobs::job(const std::string& id) const {
  std::lock_guard lock(mutex_);
  auto it = jobs_.find(id);
  if (it == jobs_.end()) return std::nullopt;
  return it->second->view;
}

std::optional<JobView> PlanJobs::wait(const std::string& id,
                                      std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mutex_);
  auto it = jobs_.find(id);
  if (it == jobs_.end()) return std::nullopt;
  auto job = it->second;  // kept alive even if forgotten meanwhile
  changed_.wait_for(lock, timeout, [&] { return finished(job->view.state) || stopping_; });
  return job->view;
}

bool PlanJobs::cancel(const std::string& id) {
  std::unique_lock lock(mutex_);
  auto it = jobs_.find(id);
  if (it == jobs_.end() || finished(it->second->view.state)) return false;
  auto job = it->second;
  if (job->closing) return false;
  job->cancel = true;
  if (job->view.state == JobState::queued) {
    queue_.erase(std::find(queue_.begin(), queue_.end(), id));
    if (metrics_) --metrics_->gauge("reassure_solves_queued", "");
    lock.unlock();
    finish(*job, JobState::cancelled, nullptr, false);
  }
  return true;
}

void PlanJobs::solve_loop() {
  for (;;) {
    std::shared_ptr<Job> job;
    {
      std::unique_lock lock(mutex_);
      changed_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      job = jobs_.at(queue_.front());
      queue_.pop_front();
      job->view.state = JobState::running;
      job->view.started_at = store::utc_now();
      if (metrics_) {
        --metrics_->gauge("reassure_solves_queued", "");
        ++metrics_->gauge("reassure_solves_running", "");
      }
    }
    changed_.notify_all();
    run(*job);
  }
}

void PlanJobs::run(Job& job) {
  PlanJobRequest request;  // what the job was asked, read under the lock once
  {
    std::lock_guard lock(mutex_);
    request.variants = job.view.variants;
    request.compare = job.view.compare;
    request.time_limit_seconds = job.view.time_limit_seconds;
  }
  auto options = plan_options(request);
  options.cancel = &job.cancel;
  options.on_progress = [this, &job](const engine::Progress& progress) {
    {
      std::lock_guard lock(mutex_);
      job.view.progress = progress;
    }
    changed_.notify_all();
  };
  nlohmann::json result;
  std::vector<engine::Problem> problems;
  bool held = false;
  try {
    if (request.compare) {
      auto compared = engine::compare(*job.loaded, request.variants, options);
      result = engine::to_full_json(compared);  // what view_of_compare reads
      problems = compared.problems;
      held = compared.ok();
    } else {
      auto planned = engine::plan(*job.loaded, request.variants.front(), options);
      result = engine::to_json(planned);
      problems = planned.problems;
      held = planned.ok();
    }
  } catch (const std::exception& e) {
    // A bug in the engine must not take the server down; the job says it failed.
    result = {
        {"schema_version", engine::kSchemaVersion},
        {"problems",
         {{{"code", "solver.failed"}, {"message", std::string("internal error: ") + e.what()}}}}};
    held = false;
  }
  bool was_cancelled;
  {
    std::lock_guard lock(mutex_);
    job.closing = true;
    was_cancelled = job.cancel.load();
  }
  JobState state = !held ? JobState::failed : was_cancelled ? JobState::cancelled : JobState::done;
  bool cached = false;
  if (state == JobState::done && cacheable(problems)) {
    try {
      store_.put_plan(store_key(job.view.key, request), result.dump());
      cached = true;
    } catch (const std::exception&) {
      // The cache is an optimisation: a store that refuses it leaves the result served from
      // the job, and the next request solves again.
    }
  }
  finish(job, state, std::move(result), cached);
}

void PlanJobs::finish(Job& job, JobState state, nlohmann::json result, bool cached) {
  {
    std::lock_guard lock(mutex_);
    // Counted before anyone waiting on the job hears it has finished.
    if (metrics_ && job.view.state == JobState::running) {
      --metrics_->gauge("reassure_solves_running", "");
      ++metrics_->counter("reassure_solves_total", "");
    }
    job.view.state = state;
    job.view.finished_at = store::utc_now();
    if (!result.is_null())
      job.view.result = std::make_shared<const nlohmann::json>(std::move(result));
    job.view.cached = cached;
    if (cached) recent_.put(job.view.key, job.view.result);
    job.loaded.reset();  // the scenario is not needed any more
    active_by_key_.erase(job.view.key);
    finished_.push_back(job.view.id);
    forget_oldest_finished();
  }
  changed_.notify_all();
}

void PlanJobs::forget_oldest_finished() {
  while (finished_.size() > limits_.max_finished) {
    jobs_.erase(finished_.front());
    finished_.pop_front();
  }
}

}  // namespace reassure::app

// The server's plan jobs on the real coalition scenario and a real SQLite store: solved off the
// caller's thread, cached when they hold, joined when asked twice, cancelled on request, refused
// when the queue is full.
#include "app/plan_jobs.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>

#include "server/metrics.hpp"
#include "store/store.hpp"

using namespace reassure;
using namespace std::chrono_literals;

namespace {

const std::string kCoalition =
    std::string(REASSURE_SOURCE_DIR) + "/scenarios/coalition/scenario.yaml";

std::shared_ptr<const engine::Loaded> coalition() {
  static auto loaded = engine::load(kCoalition).loaded;
  return loaded;
}

class PlanJobsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    static int count = 0;
    path_ = std::filesystem::temp_directory_path() /
            ("reassure-jobs-" + std::to_string(getpid()) + "-" + std::to_string(++count) + ".db");
    std::filesystem::remove(path_);
    store_ = store::open_store("sqlite:" + path_.string());
    ASSERT_TRUE(coalition());
  }
  void TearDown() override {
    store_.reset();
    for (const char* suffix : {"", "-wal", "-shm"})
      std::filesystem::remove(path_.string() + suffix);
  }

  static app::PlanJobRequest request(std::vector<std::string> variants, bool compare = false) {
    app::PlanJobRequest r;
    r.loaded = coalition();
    r.scenario = "coalition@1";
    r.variants = std::move(variants);
    r.compare = compare;
    r.requested_by = "ana";
    return r;
  }

  std::int64_t counted(const std::string& name) { return metrics_.counter(name, "").load(); }

  std::filesystem::path path_;
  std::unique_ptr<store::Store> store_;
  server::Metrics metrics_;
};

// A minute is far beyond what the coalition's plans take; the bound only keeps a broken runner
// from hanging the suite.
constexpr auto kPatience = 60s;

}  // namespace

TEST_F(PlanJobsTest, SolvesOffThreadThenServesTheResultFromTheCache) {
  app::PlanJobs jobs(*store_, {}, &metrics_);
  auto first = jobs.submit(request({"base"}));
  ASSERT_FALSE(first.cached);
  ASSERT_FALSE(first.job.empty());
  EXPECT_EQ(first.job.size(), 32u);
  auto done = jobs.wait(first.job, kPatience);
  ASSERT_TRUE(done);
  ASSERT_EQ(done->state, app::JobState::done);
  ASSERT_TRUE(done->result);
  EXPECT_TRUE(done->cached);
  EXPECT_EQ((*done->result)["forcegen"]["status"], "optimal");
  EXPECT_EQ(done->progress.variant, "base");
  EXPECT_GT(done->progress.solve.components, 0);
  EXPECT_EQ(done->progress.solve.components_done, done->progress.solve.components);
  EXPECT_FALSE(done->started_at.empty());
  EXPECT_LE(done->queued_at, done->started_at);
  EXPECT_LE(done->started_at, done->finished_at);

  auto again = jobs.submit(request({"base"}));
  ASSERT_TRUE(again.cached);
  EXPECT_TRUE(again.job.empty());
  EXPECT_EQ(*again.cached, *done->result);
  EXPECT_EQ(counted("reassure_plan_cache_hits_total"), 1);
  EXPECT_EQ(counted("reassure_plan_cache_misses_total"), 1);
  EXPECT_EQ(counted("reassure_solves_total"), 1);
  EXPECT_EQ(metrics_.gauge("reassure_solves_running", "").load(), 0);
}

TEST_F(PlanJobsTest, TheCacheOutlivesTheRunnerAndTellsVariantsApart) {
  {
    app::PlanJobs jobs(*store_, {});
    auto submitted = jobs.submit(request({"base"}));
    ASSERT_EQ(jobs.wait(submitted.job, kPatience)->state, app::JobState::done);
  }
  app::PlanJobs jobs(*store_, {});
  EXPECT_TRUE(jobs.submit(request({"base"})).cached);
  EXPECT_FALSE(jobs.submit(request({"no-us-backstop"})).cached);
  auto other_limit = request({"base"});
  other_limit.time_limit_seconds = 30;
  EXPECT_FALSE(jobs.submit(other_limit).cached);
  EXPECT_FALSE(jobs.submit(request({"base"}, true)).cached);  // a comparison is not a plan
}

TEST_F(PlanJobsTest, TheSameRequestAskedTwiceJoinsOneSolve) {
  app::PlanJobs jobs(*store_, {.solvers = 1}, &metrics_);
  // The one solver is busy with the first request; the second waits behind it and is asked
  // again while it waits.
  auto busy = jobs.submit(request({"two-year-mission"}));
  auto first = jobs.submit(request({"germany-commits"}));
  auto second = jobs.submit(request({"germany-commits"}));
  EXPECT_FALSE(first.joined);
  EXPECT_TRUE(second.joined);
  EXPECT_EQ(first.job, second.job);
  ASSERT_EQ(jobs.wait(first.job, kPatience)->state, app::JobState::done);
  ASSERT_EQ(jobs.wait(busy.job, kPatience)->state, app::JobState::done);
  EXPECT_EQ(counted("reassure_solves_total"), 2);
}

TEST_F(PlanJobsTest, ACancelledJobEndsCancelledAndIsNotCached) {
  app::PlanJobs jobs(*store_, {.solvers = 1});
  auto ahead = jobs.submit(request({"base"}));
  auto waiting = jobs.submit(request({"no-us-backstop"}));
  EXPECT_TRUE(jobs.cancel(waiting.job));
  auto cancelled = jobs.wait(waiting.job, kPatience);
  ASSERT_TRUE(cancelled);
  EXPECT_EQ(cancelled->state, app::JobState::cancelled);
  EXPECT_FALSE(cancelled->cached);
  EXPECT_FALSE(jobs.cancel(waiting.job));  // finished: nothing to cancel
  EXPECT_FALSE(jobs.cancel("no-such-job"));
  ASSERT_EQ(jobs.wait(ahead.job, kPatience)->state, app::JobState::done);
  // Asked again, the cancelled request is solved afresh, not served a cancelled plan.
  auto again = jobs.submit(request({"no-us-backstop"}));
  EXPECT_FALSE(again.cached);
  EXPECT_NE(again.job, waiting.job);
}

TEST_F(PlanJobsTest, ARunningSolveStopsWhenCancelledWithAFeasiblePlan) {
  app::PlanJobs jobs(*store_, {});
  auto submitted = jobs.submit(request({"base", "no-us-backstop", "two-year-mission"}, true));
  // Cancelled as soon as it runs (or while still queued: then it ends at once).
  for (auto deadline = std::chrono::steady_clock::now() + kPatience;
       std::chrono::steady_clock::now() < deadline;) {
    auto job = jobs.job(submitted.job);
    if (job->state != app::JobState::queued) break;
    std::this_thread::sleep_for(1ms);
  }
  jobs.cancel(submitted.job);
  auto ended = jobs.wait(submitted.job, kPatience);
  ASSERT_TRUE(ended);
  if (ended->state == app::JobState::done) GTEST_SKIP() << "solved before the cancel reached it";
  EXPECT_EQ(ended->state, app::JobState::cancelled);
  EXPECT_FALSE(ended->cached);
  if (ended->result) EXPECT_EQ((*ended->result)["problems"][0]["code"], "solver.cancelled");
  EXPECT_TRUE(
      jobs.submit(request({"base", "no-us-backstop", "two-year-mission"}, true)).job.size());
}

TEST_F(PlanJobsTest, AJobWithAnUnknownVariantFailsWithTheEnginesProblem) {
  app::PlanJobs jobs(*store_, {});
  auto submitted = jobs.submit(request({"no-such-variant"}));
  auto ended = jobs.wait(submitted.job, kPatience);
  ASSERT_TRUE(ended);
  EXPECT_EQ(ended->state, app::JobState::failed);
  EXPECT_FALSE(ended->cached);
  ASSERT_TRUE(ended->result);
  EXPECT_EQ((*ended->result)["problems"][0]["code"], "variant.unknown");
}

TEST_F(PlanJobsTest, AFullQueueIsRefusedAndTheRefusalStoresNothing) {
  app::PlanJobs jobs(*store_, {.solvers = 1, .max_queued = 1});
  // One solving, one waiting at most: of three different requests at once, one is refused.
  int refused = 0;
  std::vector<std::string> ids;
  for (const char* variant : {"base", "no-us-backstop", "germany-commits"}) {
    try {
      ids.push_back(jobs.submit(request({variant})).job);
    } catch (const app::JobsBusy& busy) {
      ++refused;
      EXPECT_NE(std::string(busy.what()).find("retry later"), std::string::npos);
    }
  }
  EXPECT_GE(refused, 1);
  for (const auto& id : ids) EXPECT_EQ(jobs.wait(id, kPatience)->state, app::JobState::done);
}

TEST_F(PlanJobsTest, OldFinishedJobsAreForgottenBeyondTheLimit) {
  app::PlanJobs jobs(*store_, {.solvers = 1, .max_finished = 1});
  auto first = jobs.submit(request({"no-such-variant"}));
  ASSERT_TRUE(jobs.wait(first.job, kPatience));
  auto second = jobs.submit(request({"another-unknown"}));
  ASSERT_TRUE(jobs.wait(second.job, kPatience));
  for (auto deadline = std::chrono::steady_clock::now() + kPatience;
       jobs.job(first.job) && std::chrono::steady_clock::now() < deadline;)
    std::this_thread::sleep_for(1ms);
  EXPECT_FALSE(jobs.job(first.job));
  EXPECT_TRUE(jobs.job(second.job));
}

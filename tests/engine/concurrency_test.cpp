// What a server does with the engine: plans of one loaded scenario on several threads at once
// (the same results as one after another), and a solve cancelled from another thread.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "engine/engine.hpp"

using namespace reassure;

namespace {

const std::string kCoalition =
    std::string(REASSURE_SOURCE_DIR) + "/scenarios/coalition/scenario.yaml";

// A plan's JSON without the solver's statistics (times differ from run to run).
nlohmann::json fingerprint(const engine::PlanResult& result) {
  auto json = engine::to_json(result);
  json["forcegen"].erase("solver");
  return json;
}

std::shared_ptr<const engine::Loaded> coalition() {
  auto result = engine::load(kCoalition);
  EXPECT_TRUE(result.ok());
  return result.loaded;
}

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

}  // namespace

TEST(EngineConcurrency, FourThreadsPlanAsOneDoes) {
  auto loaded = coalition();
  ASSERT_TRUE(loaded);
  const std::vector<std::string> variants{"base", "no-us-backstop", "germany-commits",
                                          "two-year-mission"};
  std::vector<nlohmann::json> serial;
  for (const auto& v : variants) {
    auto result = engine::plan(*loaded, v);
    ASSERT_TRUE(result.ok()) << v;
    serial.push_back(fingerprint(result));
  }
  std::vector<nlohmann::json> parallel(variants.size());
  std::vector<std::thread> threads;
  // Each thread plans every variant, starting at its own, so that all four run at once.
  std::vector<std::vector<nlohmann::json>> seen(variants.size());
  for (std::size_t t = 0; t < variants.size(); ++t)
    threads.emplace_back([&, t] {
      for (std::size_t k = 0; k < variants.size(); ++k) {
        std::size_t v = (t + k) % variants.size();
        seen[t].push_back(fingerprint(engine::plan(*loaded, variants[v])));
      }
    });
  for (auto& thread : threads) thread.join();
  for (std::size_t t = 0; t < variants.size(); ++t)
    for (std::size_t k = 0; k < variants.size(); ++k) {
      std::size_t v = (t + k) % variants.size();
      EXPECT_EQ(seen[t][k], serial[v]) << "thread " << t << ", variant " << variants[v];
    }
  // Every plan differs from the others somewhere: the comparison above could fail.
  EXPECT_NE(serial[0], serial[1]);
  EXPECT_NE(serial[0], serial[3]);
}

// Cancelled after its first component, the plan comes back at once, feasible, marked so.
TEST(EngineConcurrency, CancelReturnsSolverCancelledPromptly) {
  auto loaded = coalition();
  ASSERT_TRUE(loaded);
  std::atomic<bool> cancel{false};
  Clock::time_point cancelled_at;
  engine::PlanOptions options;
  options.cancel = &cancel;
  options.on_progress = [&](const engine::Progress& p) {
    if (p.solve.components_done == 1) {
      cancelled_at = Clock::now();
      cancel = true;
    }
  };
  auto result = engine::plan(*loaded, "base", options);
  double after_cancel = seconds_since(cancelled_at);
  ASSERT_TRUE(result.plan);
  EXPECT_TRUE(result.ok());  // a cancelled plan still holds: feasible
  ASSERT_EQ(result.problems.size(), 1u);
  EXPECT_EQ(result.problems[0].code, engine::Code::solver_cancelled);
  EXPECT_EQ(result.plan->solution.status, forcegen::SolveStatus::cancelled);
  EXPECT_LT(after_cancel, 2.0);
  auto json = engine::to_json(result);
  EXPECT_EQ(json["problems"][0]["code"], "solver.cancelled");
  EXPECT_EQ(json["forcegen"]["status"], "cancelled");
}

// Cancelled from another thread before it starts: every variant of a comparison is skipped.
TEST(EngineConcurrency, CancelStopsAComparison) {
  auto loaded = coalition();
  ASSERT_TRUE(loaded);
  std::atomic<bool> cancel{false};
  std::thread([&] { cancel = true; }).join();
  engine::PlanOptions options;
  options.cancel = &cancel;
  auto result = engine::compare(*loaded, {"base", "two-year-mission"}, options);
  ASSERT_EQ(result.plans.size(), 2u);
  ASSERT_EQ(result.problems.size(), 2u);
  for (const auto& p : result.problems) EXPECT_EQ(p.code, engine::Code::solver_cancelled);
}

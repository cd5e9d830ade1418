// A solve that a server drives: progress after each component, cancellation, and several
// solves at once on different threads (CBC's CbcMain keeps global state).
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "fixture.hpp"
#include "forcegen/eligibility.hpp"
#include "forcegen/model.hpp"
#include "forcegen/solve.hpp"

using namespace reassure;
using namespace reassure::testing;

namespace {

// Two independent components (companies and flights share no pledge or line); the company
// one is the staggered year of fixture.hpp, whose LP bound (3000) is above the optimum (2700),
// so CBC proves it.
Scenario two_components() {
  Scenario s = staggered_year();
  require(s, "air", "flight", 1, "abroad", 2);
  pledge(s, "wing", "CC", "flight", 1, 0).readiness_days = 0;
  return s;
}

forcegen::Model model_of(const Scenario& s) {
  forcegen::Eligibility eligibility(s);
  return forcegen::build_model(eligibility);
}

}  // namespace

TEST(SolveControl, ProgressIsToldOncePerComponentInOrder) {
  auto model = model_of(two_components());
  std::vector<forcegen::SolveProgress> told;
  forcegen::SolveOptions options;
  options.on_progress = [&](const forcegen::SolveProgress& p) { told.push_back(p); };
  auto solved = forcegen::solve(model, options);
  ASSERT_EQ(solved.status, forcegen::SolveStatus::optimal);
  ASSERT_EQ(solved.stats.components, 2);
  ASSERT_EQ(told.size(), 2u);
  for (std::size_t k = 0; k < told.size(); ++k) {
    EXPECT_EQ(told[k].components, 2);
    EXPECT_EQ(told[k].components_done, int(k) + 1);
    EXPECT_GE(told[k].seconds, 0);
  }
  EXPECT_LE(told[0].seconds, told[1].seconds);
}

TEST(SolveControl, ACancelledSolveKeepsWhatItPlannedAndClaimsNothing) {
  auto model = model_of(two_components());
  auto whole = forcegen::solve(model);
  ASSERT_EQ(whole.status, forcegen::SolveStatus::optimal);

  // Cancelled after the first component: the second is not begun.
  std::atomic<bool> cancel{false};
  forcegen::SolveOptions options;
  options.cancel = &cancel;
  int told = 0;
  options.on_progress = [&](const forcegen::SolveProgress&) {
    ++told;
    cancel = true;
  };
  auto part = forcegen::solve(model, options);
  EXPECT_EQ(part.status, forcegen::SolveStatus::cancelled);
  EXPECT_EQ(forcegen::to_string(part.status), "cancelled");
  EXPECT_EQ(told, 1);
  EXPECT_EQ(part.stats.components, 1);
  EXPECT_TRUE(model.feasible(part.x));
  EXPECT_GT(part.objective, 0);
  EXPECT_LT(part.objective, whole.objective);

  // Cancelled before it starts: nothing planned, still a feasible (empty) plan.
  auto none = forcegen::solve(model, options);
  EXPECT_EQ(none.status, forcegen::SolveStatus::cancelled);
  EXPECT_EQ(none.objective, 0);
  EXPECT_TRUE(model.feasible(none.x));

  // The whole model handed to CBC (the benchmarks' peer) stops too, with a feasible plan.
  options.decompose = false;
  auto peer = forcegen::solve(model, options);
  EXPECT_EQ(peer.status, forcegen::SolveStatus::cancelled);
  EXPECT_TRUE(model.feasible(peer.x));
}

TEST(SolveControl, SolvesOnSeveralThreadsAtOnceAgreeWithOneAlone) {
  auto model = model_of(two_components());
  auto alone = forcegen::solve(model);
  ASSERT_EQ(alone.status, forcegen::SolveStatus::optimal);
  ASSERT_GT(alone.stats.mip_components, 0) << "the test must make CBC run";

  constexpr int kThreads = 6, kRounds = 5;
  std::vector<forcegen::Solution> results(kThreads * kRounds);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      for (int r = 0; r < kRounds; ++r) {
        forcegen::SolveOptions options;
        options.decompose = (t + r) % 2 == 0;  // CBC on the compact form or the whole model
        results[std::size_t(t * kRounds + r)] = forcegen::solve(model, options);
      }
    });
  for (auto& thread : threads) thread.join();
  for (const auto& result : results) {
    EXPECT_EQ(result.status, forcegen::SolveStatus::optimal);
    EXPECT_EQ(result.objective, alone.objective);
    EXPECT_TRUE(model.feasible(result.x));
  }
}

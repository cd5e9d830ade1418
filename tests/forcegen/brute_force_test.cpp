// Property: on small random instances the planner's objective equals the best found by
// enumerating every integer assignment, whichever path (flow, LP, MIP) solved it; the whole-
// model CBC peer agrees, and the greedy baseline never beats it.
#include <gtest/gtest.h>

#include <cstdio>
#include <functional>
#include <random>

#include "fixture.hpp"
#include "forcegen/plan.hpp"

using namespace reassure;
using namespace reassure::testing;

namespace {

std::int64_t brute_force(const forcegen::Model& model) {
  std::size_t n = model.variables.size();
  std::vector<int> x(n, 0);
  std::vector<std::vector<const forcegen::Row*>> rows_of(n);
  for (const auto* rows : {&model.demand_rows, &model.window_rows})
    for (const auto& row : *rows)
      for (int v : row.variables) rows_of[v].push_back(&row);
  std::map<const forcegen::Row*, int> load;
  std::int64_t best = 0;
  std::function<void(std::size_t, std::int64_t)> go = [&](std::size_t v, std::int64_t value) {
    if (v == n) {
      best = std::max(best, value);
      return;
    }
    for (int units = 0; units <= model.variables[v].upper; ++units) {
      bool fits = true;
      for (auto* row : rows_of[v])
        if (load[row] + units > row->bound) fits = false;
      if (!fits) break;
      for (auto* row : rows_of[v]) load[row] += units;
      go(v + 1, value + units * model.variables[v].value);
      for (auto* row : rows_of[v]) load[row] -= units;
    }
  };
  go(0, 0);
  return best;
}

Scenario random_scenario(std::mt19937& rng) {
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  Scenario s = empty_scenario(pick(2, 4));
  const char* sites[] = {"near", "far", "abroad"};
  int requirements = pick(1, 3);
  for (int i = 0; i < requirements; ++i) {
    auto& q = require(s, "R" + std::to_string(i), i % 2 ? "flight" : "company", pick(1, 2),
                      sites[pick(0, 2)], pick(1, 5));
    q.first_rotation = pick(1, 2);
    if (pick(0, 1)) q.last_rotation = pick(q.first_rotation, s.mission.rotations);
    if (pick(0, 3) == 0) q.max_readiness_days = 30;
  }
  int pledges = pick(1, 3);
  for (int p = 0; p < pledges; ++p) {
    auto& pl = pledge(s, "P" + std::to_string(p), s.nations[pick(0, 3)].code,
                      pick(0, 2) ? "company" : "flight", pick(1, 3), pick(0, 2));
    pl.available_from = pick(1, 2);
    pl.readiness_days = pick(0, 1) ? 20 : 60;
    if (pick(0, 2) == 0) pl.caveats.min_distance_km = 100;
    if (pick(0, 3) == 0) pl.caveats.exclude_countries = {"PL"};
  }
  return s;
}

}  // namespace

TEST(ForcegenProperty, OptimiserMatchesBruteForceOnSmallInstances) {
  std::mt19937 rng(20250904);
  int checked = 0, coupled = 0;
  for (int trial = 0; trial < 300; ++trial) {
    Scenario s = random_scenario(rng);
    forcegen::Eligibility eligibility(s);
    auto model = forcegen::build_model(eligibility);
    if (model.variables.size() > 14) continue;  // keep the enumeration small
    std::int64_t expected = brute_force(model);
    auto ours = forcegen::solve(model);
    ASSERT_EQ(ours.status, forcegen::SolveStatus::optimal) << "trial " << trial;
    ASSERT_EQ(ours.objective, expected) << "trial " << trial;
    forcegen::SolveOptions whole;
    whole.decompose = false;
    auto peer = forcegen::solve(model, whole);
    ASSERT_EQ(peer.objective, expected) << "trial " << trial;
    auto greedy = forcegen::solve_greedy(model);
    ASSERT_TRUE(model.feasible(greedy.x));
    ASSERT_LE(greedy.objective, expected);
    ++checked;
    if (ours.stats.mip_components + ours.stats.rounded_components +
            ours.stats.lp_integral_components >
        0)
      ++coupled;
  }
  EXPECT_GT(checked, 150);
  EXPECT_GT(coupled, 30);  // the rotation-coupled path is exercised, not only the flow
}

// Property, at a size brute force cannot reach: pledges that come in interchangeable copies
// (pooled in the caveat network) and lines at every site. Ours must prove the optimum CBC
// proves on the whole model, through every path: LP integral, rounded and grown, CBC.
TEST(ForcegenProperty, OptimiserMatchesWholeModelCbcWithPooledPledges) {
  std::mt19937 rng(1);
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  const char* sites[] = {"near", "far", "abroad"};
  int lp_integral = 0, rounded = 0, branched = 0;
  for (int trial = 0; trial < 150; ++trial) {
    Scenario s = empty_scenario(pick(3, 6));
    for (int i = 0; i < pick(3, 6); ++i) {
      auto& q =
          require(s, "R" + std::to_string(i), "company", pick(1, 4), sites[pick(0, 2)], pick(1, 5));
      q.first_rotation = pick(1, 2);
      if (pick(0, 3) == 0) q.max_readiness_days = 30;
    }
    for (int p = 0, pledges = pick(3, 7); p < pledges; ++p) {
      auto& pl = pledge(s, "P" + std::to_string(p), s.nations[pick(0, 3)].code, "company",
                        pick(1, 4), pick(0, 2));
      pl.readiness_days = pick(0, 1) ? 20 : 60;
      if (pick(0, 2) == 0) pl.caveats.min_distance_km = 100;
      if (pick(0, 3) == 0) pl.caveats.exclude_countries = {"PL"};
      const Pledge original = pl;  // pushing copies moves the pledges
      for (int copy = pick(0, 2); copy > 0; --copy) {
        Pledge twin = original;
        twin.id.append("-").append(std::to_string(copy));
        twin.quantity = pick(1, 4);
        s.pledges.push_back(twin);
      }
    }
    forcegen::Eligibility eligibility(s);
    auto model = forcegen::build_model(eligibility);
    forcegen::SolveOptions whole;
    whole.decompose = false;
    auto peer = forcegen::solve(model, whole);
    ASSERT_EQ(peer.status, forcegen::SolveStatus::optimal) << "trial " << trial;
    auto ours = forcegen::solve(model);
    ASSERT_EQ(ours.status, forcegen::SolveStatus::optimal) << "trial " << trial;
    ASSERT_EQ(ours.objective, peer.objective) << "trial " << trial;
    lp_integral += ours.stats.lp_integral_components;
    rounded += ours.stats.rounded_components;
    branched += ours.stats.mip_components;
  }
  std::printf("components: %d LP integral, %d rounded, %d branched\n", lp_integral, rounded,
              branched);
  EXPECT_GT(lp_integral, 0);
  EXPECT_GT(rounded, 0);
  EXPECT_GT(branched, 0);
}

// Property: on small random instances the planner's objective equals the best found by
// enumerating every integer assignment, whichever path (flow, LP, MIP) solved it; the whole-
// model CBC peer agrees, and the greedy baseline never beats it.
#include <gtest/gtest.h>

#include <cstdio>
#include <functional>
#include <random>

#include "fixture.hpp"
#include "forcegen/caveat_network.hpp"
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

// The best plan's value by enumeration, checked against the plan's meaning rather than the
// model's rows: at every step of a line's period the units whose tours cover it stay within
// its quantity, each pledge's units serve at most once in any recovery + 1 consecutive tours of
// its own, and a unit is worth K·π·m for each step it serves inside the line's period, less its
// readiness cost for each step of its tour.
std::int64_t brute_force_in_time(const forcegen::Model& model) {
  std::size_t n = model.variables.size();
  std::vector<int> x(n, 0);
  std::int64_t best = 0;
  auto feasible = [&]() {
    for (std::size_t i = 0; i < model.requirements.size(); ++i) {
      const auto& q = model.requirements[i];
      for (int t = q.first_step; t < q.end_step; ++t) {
        int units = 0;
        for (std::size_t v = 0; v < n; ++v) {
          const auto& var = model.variables[v];
          if (var.requirement == int(i) && var.start <= t && t < var.start + var.length)
            units += x[v];
        }
        if (units > q.units) return false;
      }
    }
    for (std::size_t p = 0; p < model.pledges.size(); ++p)
      for (const auto& last : model.variables) {  // windows ending at each tour it may serve
        if (last.pledge != int(p)) continue;
        int units = 0;
        for (std::size_t v = 0; v < n; ++v) {
          const auto& var = model.variables[v];
          if (var.pledge == int(p) && var.tour <= last.tour &&
              var.tour >= last.tour - model.pledges[p].recovery)
            units += x[v];
        }
        if (units > model.pledges[p].units) return false;
      }
    return true;
  };
  auto worth = [&]() {
    std::int64_t total = 0;
    for (std::size_t v = 0; v < n; ++v) {
      const auto& var = model.variables[v];
      const auto& q = model.requirements[var.requirement];
      int served = std::min(q.end_step, var.start + var.length) - std::max(q.first_step, var.start);
      total += x[v] * (model.fill_weight * q.priority * q.personnel * served -
                       model.pledges[var.pledge].cost * var.length);
    }
    return total;
  };
  std::function<void(std::size_t)> go = [&](std::size_t v) {
    if (v == n) {
      if (feasible()) best = std::max(best, worth());
      return;
    }
    for (int units = 0; units <= model.variables[v].upper; ++units) {
      x[v] = units;
      go(v + 1);
    }
    x[v] = 0;
  };
  go(0);
  return best;
}

// Pledges with tours of their own (2 to 6 months, from a first day that need not fall on a
// month boundary, perhaps withdrawn) and lines with dates, on rotations of six months.
Scenario random_calendar_scenario(std::mt19937& rng) {
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  Scenario s = empty_scenario(pick(1, 2));
  Date start = s.mission.start;
  int months = s.mission.rotations * s.mission.rotation_months;
  const char* sites[] = {"near", "far", "abroad"};
  for (int i = 0, lines = pick(1, 2); i < lines; ++i) {
    auto& q =
        require(s, "R" + std::to_string(i), "company", pick(1, 2), sites[pick(0, 2)], pick(1, 5));
    if (pick(0, 1)) q.from_date = start.plus_months(pick(0, months - 1)).plus_days(pick(0, 1) * 9);
    if (pick(0, 1)) {
      Date first = q.from_date.value_or(start);
      q.to_date = first.plus_months(pick(1, months)).plus_days(-1);
    }
    if (pick(0, 3) == 0) q.max_readiness_days = 30;
  }
  for (int p = 0, pledges = pick(1, 3); p < pledges; ++p) {
    auto& pl = pledge(s, "P" + std::to_string(p), s.nations[pick(0, 3)].code, "company", pick(1, 2),
                      pick(0, 1));
    if (pick(0, 3)) pl.tour_months = std::vector<int>{2, 3, 4, 6}[std::size_t(pick(0, 3))];
    if (pick(0, 1)) pl.first_day = start.plus_months(pick(0, 5)).plus_days(pick(0, 1) * 12);
    if (pick(0, 3) == 0) pl.withdrawn_from = start.plus_months(pick(4, months + 2));
    if (pl.withdrawn_from && pl.first_day && *pl.withdrawn_from <= *pl.first_day)
      pl.withdrawn_from.reset();
    pl.readiness_days = pick(0, 1) ? 20 : 60;
    if (pick(0, 2) == 0) pl.caveats.min_distance_km = 100;
    if (pick(0, 2) == 0) {  // a twin on the same tours: pooled with it
      Pledge twin = pl;
      twin.id += "-twin";
      twin.quantity = pick(1, 2);
      // or, with a caveat of its own, a side pool of its own in the same spans
      if (pick(0, 2) == 0) twin.caveats.min_distance_km = pl.caveats.min_distance_km ? 0 : 100;
      s.pledges.push_back(twin);
    }
  }
  return s;
}

// Over the model's components: supplies of side pools of more than one staggered pledge, and
// arcs between hubs in the spans of staggered tours (side pools of different lines sharing a
// span).
struct TourNetworks {
  int pooled_supplies = 0, tour_arcs = 0;
};
TourNetworks tour_networks(const forcegen::Model& model) {
  TourNetworks seen;
  for (const auto& part : forcegen::components(model)) {
    auto network = forcegen::caveat_network(model, part);
    for (std::size_t p = std::size_t(network.first_side_pool); p < network.pools.size(); ++p)
      if (network.pools[p].pledges.size() > 1)
        seen.pooled_supplies += int(network.pools[p].supplies.size());
    for (const auto& span : network.spans) {
      bool rotation = false;
      for (int c : span.columns)
        if (c < network.supply_columns()) {
          const auto& supply = network.supplies[std::size_t(c)];
          rotation = supply.start % model.steps_per_rotation == 0 &&
                     supply.length == model.steps_per_rotation;
        }
      if (rotation) continue;
      for (int c : span.columns)
        if (network.columns[std::size_t(c)].tail >= 0 && network.columns[std::size_t(c)].head >= 0)
          ++seen.tour_arcs;
    }
  }
  return seen;
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

// Our optimum (in `ours`) equals enumeration against the plan's meaning in time, and CBC on
// the whole model; the greedy baseline is feasible and no better.
void check_in_time(const forcegen::Model& model, int trial, forcegen::Solution& ours) {
  std::int64_t expected = brute_force_in_time(model);
  ASSERT_EQ(brute_force(model), expected) << "trial " << trial << ": the rows miss a rule";
  ours = forcegen::solve(model);
  ASSERT_EQ(ours.status, forcegen::SolveStatus::optimal) << "trial " << trial;
  ASSERT_EQ(ours.objective, expected) << "trial " << trial;
  forcegen::SolveOptions whole;
  whole.decompose = false;
  auto peer = forcegen::solve(model, whole);
  ASSERT_EQ(peer.objective, expected) << "trial " << trial;
  auto greedy = forcegen::solve_greedy(model);
  ASSERT_TRUE(model.feasible(greedy.x)) << "trial " << trial;
  ASSERT_LE(greedy.objective, expected);
}

// One rotation of six months and three-month tours from its start, for all the staggered
// pledges: they share the spans [0,1) and [1,2), with caveats of their own (near is refused
// by a distance caveat, abroad by a country one), so their side pools reach different sets
// of lines through linked hubs; a pledge on the rotation, sometimes, and a dated line bring
// side rows across spans.
Scenario shared_spans_scenario(std::mt19937& rng) {
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  Scenario s = empty_scenario(1);
  const char* sites[] = {"near", "far", "abroad"};
  int first = pick(0, 2);
  for (int i = 0, lines = pick(2, 3); i < lines; ++i) {
    auto& q = require(s, "R" + std::to_string(i), "company", pick(1, 2), sites[(first + i) % 3],
                      pick(1, 5));
    if (pick(0, 3) == 0) q.from_date = s.mission.start.plus_months(pick(1, 4));
  }
  for (int p = 0, pledges = pick(2, 3); p < pledges; ++p) {
    auto& pl = pledge(s, "P" + std::to_string(p), s.nations[pick(0, 3)].code, "company", pick(1, 2),
                      pick(0, 1));
    if (p > 0 || pick(0, 2)) pl.tour_months = 3;
    pl.readiness_days = pick(0, 1) ? 20 : 60;
    int caveat = pick(0, 2);
    if (caveat == 1) pl.caveats.min_distance_km = 100;
    if (caveat == 2) pl.caveats.exclude_countries = {"PL"};
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

// Staggered pledges that share tour spans reach their lines through the spans' hubs: the
// same property as below, on instances where that happens.
TEST(ForcegenProperty, SidePoolsSharingTourSpansMatchBruteForce) {
  std::mt19937 rng(20261202);
  int checked = 0, tour_hubs = 0, side_rows = 0;
  for (int trial = 0; trial < 300 && checked < 100; ++trial) {
    Scenario s = shared_spans_scenario(rng);
    forcegen::Eligibility eligibility(s);
    auto model = forcegen::build_model(eligibility);
    if (model.variables.empty() || model.variables.size() > 10) continue;
    forcegen::Solution ours;
    check_in_time(model, trial, ours);
    if (HasFatalFailure()) return;
    ++checked;
    if (tour_networks(model).tour_arcs > 0) ++tour_hubs;
    for (const auto& part : forcegen::components(model))
      if (!forcegen::caveat_network(model, part).decision_fills.empty()) ++side_rows;
  }
  std::printf("checked %d: %d with hubs linked in a tour span, %d with side rows\n", checked,
              tour_hubs, side_rows);
  EXPECT_GE(checked, 80);
  EXPECT_GT(tour_hubs, 20);
  EXPECT_GT(side_rows, 20);
}

// The same property over the calendar: staggered tours, dated lines, withdrawn pledges.
TEST(ForcegenProperty, StaggeredToursAndDatedPeriodsMatchBruteForce) {
  std::mt19937 rng(20260601);
  int checked = 0, staggered = 0, demand_rows = 0, pooled = 0, tour_hubs = 0;
  for (int trial = 0; trial < 400 && checked < 200; ++trial) {
    Scenario s = random_calendar_scenario(rng);
    forcegen::Eligibility eligibility(s);
    auto model = forcegen::build_model(eligibility);
    if (model.variables.empty() || model.variables.size() > 9) continue;
    forcegen::Solution ours;
    check_in_time(model, trial, ours);
    if (HasFatalFailure()) return;
    ++checked;
    if (ours.stats.tour_components > 0) ++staggered;
    if (!model.demand_rows.empty()) ++demand_rows;
    auto seen = tour_networks(model);
    if (seen.pooled_supplies > 0) ++pooled;
    if (seen.tour_arcs > 0) ++tour_hubs;
  }
  std::printf(
      "checked %d: %d with staggered tours, %d with side pools of several pledges, %d with "
      "hubs linked in a tour span\n",
      checked, staggered, pooled, tour_hubs);
  EXPECT_GE(checked, 150);
  EXPECT_GT(staggered, 60);    // tour spans in the caveat network are exercised
  EXPECT_GT(demand_rows, 30);  // and tours that compete for a line
  EXPECT_GT(pooled, 40);       // and side pools of several pledges
}

// Property, at a size brute force cannot reach: pledges that come in interchangeable copies
// (pooled in the caveat network) and lines at every site. Ours must prove the optimum CBC
// proves on the whole model, through every path: LP integral, rounded and grown, CBC, and
// with the dive before CBC wherever the plan falls short of the LP bound (the instances small
// enough for brute force never do: their LP is integral or rounding reaches it).
TEST(ForcegenProperty, OptimiserMatchesWholeModelCbcWithPooledPledges) {
  std::mt19937 rng(1);
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  const char* sites[] = {"near", "far", "abroad"};
  int lp_integral = 0, rounded = 0, branched = 0, dived = 0;
  forcegen::SolveOptions diving;  // every plan short of its LP bound dives before CBC
  diving.dive_from_fill_points = 0;
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
    auto dive = forcegen::solve(model, diving);
    ASSERT_EQ(dive.status, forcegen::SolveStatus::optimal) << "trial " << trial;
    ASSERT_EQ(dive.objective, peer.objective) << "trial " << trial;
    lp_integral += ours.stats.lp_integral_components;
    rounded += ours.stats.rounded_components;
    branched += ours.stats.mip_components;
    dived += dive.stats.dived_components;
  }
  std::printf("components: %d LP integral, %d rounded, %d branched; %d dived when asked to\n",
              lp_integral, rounded, branched, dived);
  EXPECT_GT(lp_integral, 0);
  EXPECT_GT(rounded, 0);
  EXPECT_GT(branched, 0);
  EXPECT_GT(dived, 0);
}

// Staggered tours at a size brute force cannot reach, where the LP of a component's fill or of
// its readiness cost has a gap: the two stages (fill first, then readiness with the fill held)
// must prove the optimum CBC proves on the whole model, with the default options and with a
// dive wherever a stage's plan falls short of its bound.
TEST(ForcegenProperty, TwoStagesMatchWholeModelCbcOnStaggeredTours) {
  std::mt19937 rng(20261203);
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  const char* sites[] = {"near", "far", "abroad"};
  int checked = 0, staggered = 0, branched = 0, dived = 0, split = 0;
  forcegen::SolveOptions diving;
  diving.dive_from_fill_points = 0;
  for (int trial = 0; trial < 60; ++trial) {
    Scenario s = empty_scenario(pick(2, 3));
    Date start = s.mission.start;
    for (int i = 0, lines = pick(2, 5); i < lines; ++i) {
      auto& q =
          require(s, "R" + std::to_string(i), "company", pick(1, 4), sites[pick(0, 2)], pick(1, 5));
      if (pick(0, 2) == 0) q.from_date = start.plus_months(pick(1, 5));
    }
    for (int p = 0, pledges = pick(3, 7); p < pledges; ++p) {
      auto& pl = pledge(s, "P" + std::to_string(p), s.nations[pick(0, 3)].code, "company",
                        pick(1, 4), pick(0, 2));
      if (pick(0, 1)) pl.tour_months = std::vector<int>{2, 3, 4}[std::size_t(pick(0, 2))];
      if (pick(0, 1)) pl.first_day = start.plus_months(pick(0, 3));
      pl.readiness_days = std::vector<int>{10, 40, 70, 100}[std::size_t(pick(0, 3))];
      if (pick(0, 2) == 0) pl.caveats.min_distance_km = 100;
    }
    forcegen::Eligibility eligibility(s);
    auto model = forcegen::build_model(eligibility);
    if (model.variables.empty()) continue;
    forcegen::SolveOptions whole;
    whole.decompose = false;
    auto peer = forcegen::solve(model, whole);
    ASSERT_EQ(peer.status, forcegen::SolveStatus::optimal) << "trial " << trial;
    auto ours = forcegen::solve(model);
    ASSERT_EQ(ours.status, forcegen::SolveStatus::optimal) << "trial " << trial;
    ASSERT_EQ(ours.objective, peer.objective) << "trial " << trial;
    auto dive = forcegen::solve(model, diving);
    ASSERT_EQ(dive.status, forcegen::SolveStatus::optimal) << "trial " << trial;
    ASSERT_EQ(dive.objective, peer.objective) << "trial " << trial;
    ++checked;
    if (ours.stats.tour_components > 0) ++staggered;
    branched += ours.stats.mip_components;
    dived += dive.stats.dived_components;
    split += ours.stats.split_stages + dive.stats.split_stages;
  }
  std::printf(
      "checked %d: %d with staggered tours; %d components branched, %d dived when asked, %d "
      "stages proven on a face in parts\n",
      checked, staggered, branched, dived, split);
  EXPECT_GE(checked, 50);
  EXPECT_GT(staggered, 30);
  EXPECT_GT(branched, 5);  // a stage's bound not reached: CBC proves it
  EXPECT_GT(dived, 5);
  EXPECT_GT(split, 0);  // the search in parts proves some stages, checked against CBC above
}

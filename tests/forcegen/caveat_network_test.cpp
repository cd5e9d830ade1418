// The caveat network: hubs by set inclusion, pools of interchangeable pledges, routing and
// dealing pooled units back to their pledges.
#include "forcegen/caveat_network.hpp"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>

#include "fixture.hpp"
#include "forcegen/solve.hpp"

using namespace reassure;
using namespace reassure::testing;
using forcegen::CaveatNetwork;

namespace {

// Three company lines, one at each site, over three rotations.
Scenario three_lines() {
  Scenario s = empty_scenario(3);
  require(s, "near", "company", 2, "near", 5);
  require(s, "far", "company", 2, "far", 3);
  require(s, "abroad", "company", 2, "abroad", 1);
  return s;
}

struct Built {
  forcegen::Model model;
  forcegen::Component part;
  CaveatNetwork network;
};

Built build(const Scenario& s) {
  forcegen::Eligibility eligibility(s);
  Built b;
  b.model = forcegen::build_model(eligibility);
  auto parts = forcegen::components(b.model);
  EXPECT_EQ(parts.size(), 1u);
  b.part = parts.at(0);
  b.network = forcegen::caveat_network(b.model, b.part);
  return b;
}

// The requirements reachable from a node along the network's arcs.
std::set<int> reachable(const CaveatNetwork& network, int node) {
  std::set<int> lines;
  std::vector<int> stack{node};
  while (!stack.empty()) {
    int n = stack.back();
    stack.pop_back();
    for (std::size_t c = std::size_t(network.supply_columns()); c < network.columns.size(); ++c) {
      const auto& column = network.columns[c];
      if (column.tail != n) continue;
      if (column.head >= 0)
        stack.push_back(column.head);
      else
        for (auto [line, units] : network.fill_lines[column.lines]) lines.insert(line);
    }
  }
  return lines;
}

}  // namespace

TEST(CaveatNetwork, HubsFollowSetInclusionAndReachExactlyTheAllowedLines) {
  Scenario s = three_lines();
  pledge(s, "anywhere", "AA", "company", 2, 1);
  pledge(s, "not-near", "BB", "company", 2, 1).caveats.min_distance_km = 100;         // far, abroad
  pledge(s, "not-abroad", "CC", "company", 2, 1).caveats.exclude_countries = {"PL"};  // near, far
  auto b = build(s);
  const auto& n = b.network;
  // Per rotation: 3 hubs ({near, far, abroad} and its two subsets {far, abroad} and
  // {near, far}, which cover it) and a node for far, held by both subsets. Near and abroad
  // hang from one hub each, so their fills start there.
  EXPECT_EQ(n.nodes, 3 * 4);
  EXPECT_EQ(n.supply_columns(), 3 * 3);
  // Per rotation: the full set to its two subsets, the two subsets to far's node, and one fill
  // column per line (all three differ in priority).
  EXPECT_EQ(n.columns.size(), std::size_t(9 + 3 * (4 + 3)));
  for (int c = 0; c < n.supply_columns(); ++c) {
    const auto& supply = n.supplies[c];
    std::set<int> allowed(supply.lines.begin(), supply.lines.end());
    EXPECT_EQ(reachable(n, n.columns[c].head), allowed) << "supply " << c;
  }
}

TEST(CaveatNetwork, PoolsInterchangeablePledgesOnly) {
  Scenario s = three_lines();
  pledge(s, "a", "AA", "company", 2, 1);
  pledge(s, "b", "BB", "company", 1, 1);                                // same as a
  pledge(s, "c", "CC", "company", 1, 2);                                // rests longer
  pledge(s, "d", "DD", "company", 1, 1).caveats.min_distance_km = 100;  // fewer lines
  auto b = build(s);
  ASSERT_EQ(b.network.pools.size(), 3u);
  const auto& pool = b.network.pools[0];
  EXPECT_EQ(pool.pledges.size(), 2u);
  EXPECT_EQ(pool.total_units, 3);
  EXPECT_EQ(pool.supplies.size(), 3u);
  // Recovery 1 over rotations 1-3: windows {1, 2} and {2, 3}, each bounded by the pool's 3.
  int windows = 0;
  for (const auto& w : b.network.windows)
    if (b.network.supplies[w.columns[0]].pool == 0) {
      ++windows;
      EXPECT_EQ(w.columns.size(), 2u);
      EXPECT_EQ(w.bound, 3);
    }
  EXPECT_EQ(windows, 2);
}

TEST(CaveatNetwork, DealsPooledUnitsBackWithinEachPledgesRest) {
  // Two pledges of 2 and 1 units, resting one rotation, pooled: 3 units. The pool serves 1, 2
  // and 1 units in rotations 1-3 (each pair of rotations within 3). Dealt without regard to
  // rest, "a" would serve 1 then 2: 3 units of its 2 in rotations 1-2.
  Scenario s = three_lines();
  pledge(s, "a", "AA", "company", 2, 1);
  pledge(s, "b", "BB", "company", 1, 1);
  auto b = build(s);
  ASSERT_EQ(b.network.pools.size(), 1u);
  std::vector<std::int64_t> supplies(b.network.supply_columns(), 0);
  for (int c = 0; c < b.network.supply_columns(); ++c)
    supplies[c] = b.network.supplies[c].tour == 2 ? 2 : 1;
  auto flows = forcegen::route(b.network, supplies);
  std::vector<int> x(b.model.variables.size(), 0);
  forcegen::assign(b.network, flows, x);
  EXPECT_TRUE(b.model.feasible(x));
  EXPECT_EQ(b.model.objective(x), forcegen::value(b.network, flows));
  // Every unit goes to near (priority 5, 2 wanted); per pledge and rotation: a 1, 1, 1 and
  // b 0, 1, 0.
  std::map<std::pair<std::string, int>, int> served;
  auto units = [&](const std::string& pledge, int rotation) {
    return served[std::make_pair(pledge, rotation)];
  };
  for (std::size_t v = 0; v < x.size(); ++v) {
    const auto& var = b.model.variables[v];
    const auto& q = s.requirements[b.model.requirements[var.requirement].source];
    if (x[v] > 0) {
      EXPECT_EQ(q.id, "near");
    }
    served[{s.pledges[b.model.pledges[var.pledge].source].id, var.rotation}] += x[v];
  }
  EXPECT_EQ(units("a", 1) + units("b", 1), 1);
  EXPECT_EQ(units("a", 2) + units("b", 2), 2);
  EXPECT_EQ(units("a", 3) + units("b", 3), 1);
  EXPECT_EQ(units("b", 2), 1);  // a has only one unit free in rotation 2
}

TEST(CaveatNetwork, ImproveIsRotationByRotationAndTheSolverBeatsIt) {
  // near (2 units, priority 5) can only be served by "a" (3 units, resting one rotation);
  // "not-near" (2 units, no rest) serves far (priority 3) and abroad (1). Each unit is worth
  // priority × 100 personnel (no readiness costs, so the fill weight is 1).
  Scenario s = three_lines();
  pledge(s, "a", "AA", "company", 3, 1).readiness_days = 0;
  auto& not_near = pledge(s, "not-near", "BB", "company", 2, 0);
  not_near.caveats.min_distance_km = 100;
  not_near.readiness_days = 0;
  auto b = build(s);
  ASSERT_EQ(b.model.fill_weight, 1);
  // Rotation by rotation from nothing: rotation 1 takes all of a (near 2, far or abroad 1) and
  // not-near (the rest of far and abroad): 2×5 + 2×3 + 1×1 = 17. In rotation 2, a rests:
  // far 2×3 = 6. Rotation 3 is rotation 1 again: 17. In all 40 × 100.
  auto flows =
      forcegen::improve(b.network, std::vector<std::int64_t>(b.network.supply_columns(), 0));
  std::vector<int> x(b.model.variables.size(), 0);
  forcegen::assign(b.network, flows, x);
  ASSERT_TRUE(b.model.feasible(x));
  EXPECT_EQ(b.model.objective(x), 4000);
  // The optimum keeps one of a's units for near in rotation 2 (2, 1, 2 units of a): near
  // 10 + 5 + 10, far 6 in each rotation: 43 × 100.
  auto solved = forcegen::solve(b.model);
  ASSERT_EQ(solved.status, forcegen::SolveStatus::optimal);
  EXPECT_EQ(solved.objective, 4300);
}

// Property: from any supplies, the grown and routed plan is feasible in the full model (every
// pledge's own rest respected after pooling) and worth exactly what the network says.
TEST(CaveatNetwork, RoutingMatchesTheFullModelOnRandomSupplies) {
  std::mt19937 rng(7);
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  const char* sites[] = {"near", "far", "abroad"};
  for (int trial = 0; trial < 40; ++trial) {
    Scenario s = empty_scenario(pick(2, 4));
    for (int i = 0; i < pick(2, 5); ++i)
      require(s, "R" + std::to_string(i), "company", pick(1, 3), sites[pick(0, 2)], pick(1, 5));
    for (int p = 0; p < pick(2, 6); ++p) {
      auto& pl = pledge(s, "P" + std::to_string(p), s.nations[pick(0, 3)].code, "company",
                        pick(1, 3), pick(1, 2));
      if (pick(0, 2) == 0) pl.caveats.min_distance_km = 100;
      if (pick(0, 2) == 0) pl.caveats.exclude_countries = {"PL"};
    }
    forcegen::Eligibility eligibility(s);
    auto model = forcegen::build_model(eligibility);
    for (const auto& part : forcegen::components(model)) {
      auto network = forcegen::caveat_network(model, part);
      std::vector<std::int64_t> supplies(network.supply_columns());
      for (int c = 0; c < network.supply_columns(); ++c)
        supplies[c] = pick(0, network.columns[c].upper);
      auto flows = forcegen::improve(network, supplies);
      std::vector<int> x(model.variables.size(), 0);
      forcegen::assign(network, flows, x);
      ASSERT_TRUE(model.feasible(x)) << "trial " << trial;
      std::int64_t planned = 0;
      for (int v : part.variables) planned += model.variables[v].value * x[v];
      ASSERT_EQ(planned, forcegen::value(network, flows)) << "trial " << trial;
    }
  }
}

// The staggered year's spans, by start: four's tour [0,2), rotation 1 [0,3), four's [2,4),
// rotation 2 [3,6), four's [4,6). Far is served by a staggered tour: its own fill in each.
TEST(CaveatNetwork, StaggeredToursAreSpansTiedByTheLinesOwnFills) {
  auto b = build(staggered_year());
  const auto& n = b.network;
  ASSERT_EQ(b.model.fill_weight, 1);
  ASSERT_EQ(n.pools.size(), 2u);  // six, on the rotations, then four's side pool
  EXPECT_EQ(n.first_side_pool, 1);
  EXPECT_TRUE(n.staggered());
  ASSERT_EQ(n.supply_columns(), 5);  // six's two rotations, four's three tours
  const std::vector<std::pair<int, int>> spans{{0, 2}, {0, 3}, {2, 2}, {3, 3}, {4, 2}};
  ASSERT_EQ(n.spans.size(), spans.size());
  std::vector<int> fills;  // far's fill in each span, in order
  for (std::size_t k = 0; k < spans.size(); ++k) {
    int fill = -1;
    for (int c : n.spans[k].columns) {
      if (c < n.supply_columns()) {
        EXPECT_EQ(std::make_pair(n.supplies[c].start, n.supplies[c].length), spans[k]);
        EXPECT_EQ(n.columns[c].value, 0);  // readiness 0
      } else if (n.columns[c].head < 0) {
        EXPECT_EQ(fill, -1);
        fill = c;
      }
    }
    ASSERT_GE(fill, 0);
    EXPECT_EQ(n.columns[fill].value, 300 * spans[k].second);  // far's worth per step: 300
    EXPECT_EQ(n.columns[fill].upper, 2);
    fills.push_back(fill);
  }
  for (int k = 2; k < 5; ++k) EXPECT_EQ(n.supplies[k].tour, k - 2);  // four's own tours
  EXPECT_EQ(n.tour_columns, 3 + 3);                                  // four's supplies and fills
  // six's window over both rotations, four's two windows of two consecutive tours, and far's
  // four elementary intervals: [0,2) holds the fills of [0,2) and [0,3), [2,3) those of [0,3)
  // and [2,4), [3,4) those of [2,4) and [3,6), [4,6) those of [3,6) and [4,6).
  ASSERT_EQ(n.windows.size(), 7u);
  std::set<std::vector<int>> side_rows;
  for (const auto& w : n.windows)
    if (n.columns[w.columns[0]].head < 0 && w.columns[0] >= n.supply_columns()) {
      EXPECT_EQ(w.bound, 2);
      side_rows.insert(w.columns);
    }
  std::set<std::vector<int>> expected{
      {fills[0], fills[1]}, {fills[1], fills[2]}, {fills[2], fills[3]}, {fills[3], fills[4]}};
  EXPECT_EQ(side_rows, expected);
  std::vector<int> decision_fills = fills;
  std::sort(decision_fills.begin(), decision_fills.end());
  EXPECT_EQ(n.decision_fills, decision_fills);
  EXPECT_EQ(n.decisions(), 10);
}

TEST(CaveatNetwork, SideRowsLeaveEachSpanWhatTheDemandAllows) {
  auto b = build(staggered_year());
  const auto& n = b.network;
  // Decisions: six 1 in rotation 1 and 0 in rotation 2; four 2, 0, 1 on its tours; far's
  // fills 2 in four's first tour, 1 in its last, none in the others. Six cannot serve
  // rotation 1, where four's first tour holds both places of [0,2): (4 + 2) × 300.
  std::vector<std::int64_t> decisions(std::size_t(n.decisions()), 0);
  std::map<std::pair<int, int>, std::int64_t> supply{{{0, 3}, 1}, {{0, 2}, 2}, {{4, 2}, 1}};
  for (int d = 0; d < n.supply_columns(); ++d) {
    auto it = supply.find({n.supplies[d].start, n.supplies[d].length});
    if (it != supply.end()) decisions[std::size_t(d)] = it->second;
  }
  auto span_of = [&](int c) {
    for (std::size_t k = 0; k < n.spans.size(); ++k)
      for (int column : n.spans[k].columns)
        if (column == c) return int(k);
    return -1;
  };
  for (int d = n.supply_columns(); d < n.decisions(); ++d) {
    int span = span_of(n.decision_column(d));
    decisions[std::size_t(d)] = span == 0 ? 2 : span == 4 ? 1 : 0;
  }
  auto flows = forcegen::route(n, decisions);
  EXPECT_EQ(forcegen::value(n, flows), 1800);
  std::vector<int> x(b.model.variables.size(), 0);
  forcegen::assign(n, flows, x);
  EXPECT_TRUE(b.model.feasible(x));
  EXPECT_EQ(b.model.objective(x), 1800);
  // Grown span by span: six, unused in rotation 1, leaves its window free for rotation 2,
  // where [4,6) has a place beside four's unit: 1800 + 3 × 300 = 2700, the optimum.
  auto grown = forcegen::improve(n, decisions);
  x.assign(b.model.variables.size(), 0);
  forcegen::assign(n, grown, x);
  EXPECT_TRUE(b.model.feasible(x));
  EXPECT_EQ(forcegen::value(n, grown), 2700);
  EXPECT_EQ(b.model.objective(x), 2700);
}

// One rotation of six months, steps of three: "wide" (2 units, resting one tour) may serve
// near (1 unit, priority 5: 500 a step) and far (2 units, priority 3: 300 a step) on its
// three-month tours [0,1) and [1,2); "narrow" (1 unit, no rest) only far, on the same tours.
// In each span the hub {near, far} of wide has the hub {far} of narrow as its child; near
// hangs from wide's hub, far from narrow's. Wide's supply is one column per tour, whatever
// its lines.
TEST(CaveatNetwork, SidePoolReachesTwoLinesThroughItsTourHub) {
  Scenario s = empty_scenario(1);
  require(s, "near", "company", 1, "near", 5);
  require(s, "far", "company", 2, "far", 3);
  auto& wide = pledge(s, "wide", "AA", "company", 2, 1);
  wide.tour_months = 3;
  wide.readiness_days = 0;
  auto& narrow = pledge(s, "narrow", "BB", "company", 1, 0);
  narrow.tour_months = 3;
  narrow.readiness_days = 0;
  narrow.caveats.min_distance_km = 100;
  auto b = build(s);
  const auto& n = b.network;
  ASSERT_EQ(b.model.fill_weight, 1);
  ASSERT_EQ(b.model.steps, 2);
  ASSERT_EQ(n.pools.size(), 2u);
  EXPECT_EQ(n.first_side_pool, 0);
  ASSERT_EQ(n.spans.size(), 2u);
  EXPECT_EQ(n.nodes, 2 * 2);             // two hubs per span, no shared line node
  EXPECT_EQ(n.supply_columns(), 2 * 2);  // one per pool and tour
  // Per span: the arc from wide's hub to narrow's (at most far's 2 units) and near's and far's
  // own fills.
  ASSERT_EQ(n.columns.size(), std::size_t(4 + 2 * 3));
  EXPECT_EQ(n.tour_columns, 10);
  auto id = [&](int pledge) { return s.pledges[b.model.pledges[pledge].source].id; };
  auto line = [&](int requirement) {
    return s.requirements[b.model.requirements[requirement].source].id;
  };
  for (int c = 0; c < n.supply_columns(); ++c) {
    const auto& supply = n.supplies[c];
    bool is_wide = id(n.pools[supply.pool].pledges[0]) == "wide";
    EXPECT_EQ(supply.lines.size(), is_wide ? 2u : 1u);
    std::set<int> allowed(supply.lines.begin(), supply.lines.end());
    EXPECT_EQ(reachable(n, n.columns[c].head), allowed) << "supply " << c;
    EXPECT_EQ(n.columns[c].upper, is_wide ? 2 : 1);
  }
  int arcs = 0;
  for (const auto& column : n.columns)
    if (column.tail >= 0 && column.head >= 0) {
      ++arcs;
      EXPECT_EQ(column.upper, 2);
    }
  EXPECT_EQ(arcs, 2);
  // Every interval of a line lies in one span: no side row. Wide's window over its two tours.
  ASSERT_EQ(n.windows.size(), 1u);
  EXPECT_EQ(n.windows[0].bound, 2);
  EXPECT_EQ(n.decisions(), 4);

  // Wide serves 2 units in tour 0 and none in tour 1, narrow 1 in each: in tour 0 wide's units
  // go to near (500) and, through the arc, to far (300) beside narrow's (300); in tour 1
  // narrow's to far. 1100 + 300.
  std::vector<std::int64_t> decisions(4, 0);
  for (int c = 0; c < n.supply_columns(); ++c)
    decisions[std::size_t(c)] = id(n.pools[n.supplies[c].pool].pledges[0]) == "narrow" ? 1
                                : n.supplies[c].tour == 0                              ? 2
                                                                                       : 0;
  auto flows = forcegen::route(n, decisions);
  EXPECT_EQ(forcegen::value(n, flows), 1400);
  std::vector<int> x(b.model.variables.size(), 0);
  forcegen::assign(n, flows, x);
  EXPECT_TRUE(b.model.feasible(x));
  EXPECT_EQ(b.model.objective(x), 1400);
  std::map<std::tuple<std::string, std::string, int>, int> read;  // (pledge, line, tour)
  for (std::size_t v = 0; v < x.size(); ++v) {
    const auto& var = b.model.variables[v];
    if (x[v] > 0) read[{id(var.pledge), line(var.requirement), var.tour}] += x[v];
  }
  std::map<std::tuple<std::string, std::string, int>, int> expected{{{"wide", "near", 0}, 1},
                                                                    {{"wide", "far", 0}, 1},
                                                                    {{"narrow", "far", 0}, 1},
                                                                    {{"narrow", "far", 1}, 1}};
  EXPECT_EQ(read, expected);

  // The optimum puts wide on near in both tours (its window allows 2 unit-tours) and narrow on
  // far: 2 × (500 + 300).
  auto solved = forcegen::solve(b.model);
  ASSERT_EQ(solved.status, forcegen::SolveStatus::optimal);
  EXPECT_EQ(solved.objective, 1600);
  EXPECT_EQ(solved.stats.tour_components, 1);
  EXPECT_EQ(solved.stats.tour_columns, 10);
}

// Two staggered pledges on the same grid (four-month tours [0,2), [2,4), [4,6), resting one
// tour): "one" of 1 unit and "two" of 2 are one side pool of 3 units, a supply per tour
// bounded by 3 into a span of its own with far's fill (bounded by far's 2), and the pool's
// windows over two consecutive tours bounded by 3. One tour at a time serves far: no side row.
// Its best plan serves 2, 1, 2 units (5 tours of two steps at 300: 3000); dealt tour by tour,
// one takes 1 in tour 0, nothing in tour 1 (resting) and 1 in tour 2; two takes the rest,
// 1, 1, 1, never more than 2 over two consecutive tours.
TEST(CaveatNetwork, StaggeredPledgesOnOneGridArePooledAndDealtBack) {
  Scenario s = empty_scenario(2);
  require(s, "far", "company", 2, "far", 3);
  for (auto [id, units] : {std::pair{"one", 1}, std::pair{"two", 2}}) {
    auto& p = pledge(s, id, "AA", "company", units, 1);
    p.tour_months = 4;
    p.readiness_days = 0;
  }
  auto b = build(s);
  const auto& n = b.network;
  ASSERT_EQ(b.model.fill_weight, 1);
  ASSERT_EQ(n.pools.size(), 1u);
  EXPECT_EQ(n.first_side_pool, 0);
  EXPECT_EQ(n.pools[0].pledges.size(), 2u);
  EXPECT_EQ(n.pools[0].total_units, 3);
  ASSERT_EQ(n.supply_columns(), 3);
  for (int k = 0; k < n.supply_columns(); ++k) {
    EXPECT_EQ(n.supplies[k].tour, k);
    EXPECT_EQ(n.supplies[k].start, 2 * k);
    EXPECT_EQ(n.supplies[k].variables.size(), 2u);
    EXPECT_EQ(n.columns[std::size_t(k)].upper, 3);
  }
  int pool_windows = 0;
  for (const auto& w : n.windows)
    if (w.bound == 3) {
      ++pool_windows;
      EXPECT_EQ(w.columns.size(), 2u);
    }
  EXPECT_EQ(pool_windows, 2);
  EXPECT_EQ(n.windows.size(), 2u);

  std::vector<std::int64_t> decisions{2, 1, 2};
  ASSERT_EQ(n.decisions(), 3);
  auto flows = forcegen::route(n, decisions);
  EXPECT_EQ(forcegen::value(n, flows), 3000);
  std::vector<int> x(b.model.variables.size(), 0);
  forcegen::assign(n, flows, x);
  EXPECT_TRUE(b.model.feasible(x));
  EXPECT_EQ(b.model.objective(x), 3000);
  std::map<std::pair<std::string, int>, int> dealt;  // (pledge, tour) -> units
  for (std::size_t v = 0; v < x.size(); ++v) {
    const auto& var = b.model.variables[v];
    dealt[{s.pledges[std::size_t(b.model.pledges[std::size_t(var.pledge)].source)].id, var.tour}] +=
        x[v];
  }
  std::map<std::pair<std::string, int>, int> expected{{{"one", 0}, 1}, {{"one", 1}, 0},
                                                      {{"one", 2}, 1}, {{"two", 0}, 1},
                                                      {{"two", 1}, 1}, {{"two", 2}, 1}};
  EXPECT_EQ(dealt, expected);

  auto solved = forcegen::solve(b.model);
  ASSERT_EQ(solved.status, forcegen::SolveStatus::optimal);
  EXPECT_EQ(solved.objective, 3000);
  EXPECT_EQ(solved.stats.tour_columns, 3 + 3);  // supplies and fills
}

TEST(CaveatNetwork, StaggeredComponentIsSolvedExactly) {
  Scenario s = staggered_year();
  forcegen::Eligibility eligibility(s);
  auto model = forcegen::build_model(eligibility);
  auto solved = forcegen::solve(model);
  ASSERT_EQ(solved.status, forcegen::SolveStatus::optimal);
  EXPECT_EQ(solved.objective, 2700);
  EXPECT_EQ(solved.stats.tour_components, 1);
}

// A line from 1 September 2026 cuts rotation 1 (steps of three months): a whole-rotation tour
// serves one step of it there and two in rotation 2. No staggered tour; the fills are worth
// 300 and 600.
TEST(CaveatNetwork, DatedLineIsWorthTheStepsItIsServed) {
  Scenario s = empty_scenario(2);
  require(s, "far", "company", 1, "far", 3).from_date = *Date::parse("2026-09-01");
  pledge(s, "one", "AA", "company", 1, 0).readiness_days = 0;
  auto b = build(s);
  EXPECT_FALSE(b.network.staggered());
  std::set<std::int64_t> fills;
  for (int c = b.network.supply_columns(); c < int(b.network.columns.size()); ++c)
    if (b.network.columns[c].head < 0) fills.insert(b.network.columns[c].value);
  EXPECT_EQ(fills, (std::set<std::int64_t>{300, 600}));
  auto solved = forcegen::solve(b.model);
  ASSERT_EQ(solved.status, forcegen::SolveStatus::optimal);
  EXPECT_EQ(solved.objective, 900);
  EXPECT_EQ(solved.stats.tour_components, 0);
}

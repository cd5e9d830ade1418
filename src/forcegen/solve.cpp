#include "forcegen/solve.hpp"

#include <lemon/list_graph.h>
#include <lemon/network_simplex.h>
#include <coin/CbcModel.hpp>
#include <coin/CbcSolver.hpp>
#include <coin/CoinPackedMatrix.hpp>
#include <coin/OsiClpSolverInterface.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <numeric>
#include <unordered_map>

namespace reassure::forcegen {

std::string to_string(SolveStatus status) {
  switch (status) {
    case SolveStatus::optimal:
      return "optimal";
    case SolveStatus::feasible:
      return "feasible";
    case SolveStatus::failed:
      return "failed";
  }
  return "?";
}

namespace {

using Clock = std::chrono::steady_clock;

// Transportation per rotation: source -> (pledge, rotation) -> (requirement, rotation) -> sink,
// with a zero-cost bypass so that leaving units at home is allowed.
void solve_network(const Model& model, const Component& part, std::vector<int>& x) {
  using Graph = lemon::ListDigraph;
  Graph graph;
  Graph::Node source = graph.addNode(), sink = graph.addNode();
  std::map<std::pair<int, int>, Graph::Node> pledge_node, demand_node;
  Graph::ArcMap<std::int64_t> capacity(graph), cost(graph);
  auto arc = [&](Graph::Node a, Graph::Node b, std::int64_t cap, std::int64_t c) {
    auto e = graph.addArc(a, b);
    capacity[e] = cap;
    cost[e] = c;
    return e;
  };
  std::int64_t supply = 0;
  std::vector<std::pair<int, Graph::Arc>> assignment_arcs;
  for (int v : part.variables) {
    const auto& var = model.variables[v];
    auto pk = std::make_pair(var.pledge, var.rotation);
    auto dk = std::make_pair(var.requirement, var.rotation);
    if (!pledge_node.count(pk)) {
      pledge_node[pk] = graph.addNode();
      int units = model.pledges[var.pledge].units;
      arc(source, pledge_node[pk], units, 0);
      supply += units;
    }
    if (!demand_node.count(dk)) {
      demand_node[dk] = graph.addNode();
      arc(demand_node[dk], sink, model.requirements[var.requirement].units, 0);
    }
    assignment_arcs.emplace_back(v, arc(pledge_node[pk], demand_node[dk], var.upper, -var.value));
  }
  arc(source, sink, supply, 0);
  lemon::NetworkSimplex<Graph, std::int64_t, std::int64_t> simplex(graph);
  Graph::NodeMap<std::int64_t> supplies(graph, 0);
  supplies[source] = supply;
  supplies[sink] = -supply;
  simplex.upperMap(capacity).costMap(cost).supplyMap(supplies);
  simplex.run();  // always feasible thanks to the bypass
  for (auto& [v, e] : assignment_arcs) x[v] = int(simplex.flow(e));
}

struct MipResult {
  bool proven = false;
  bool lp_integral = false;
  bool rounded = false;  // proven by rounding the LP and repairing, no branching
  double bound = 0;
  double lp_seconds = 0, mip_seconds = 0;
};

double since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Raises variables, most valuable first, while every row they are in has room: turns the LP
// solution rounded down into a maximal integer plan.
void repair(const Model& model, const Component& part, std::vector<double>& start) {
  // Rows local to the component, and for each of its columns the local rows it is in.
  std::vector<const Row*> rows;
  for (int r : part.demand_rows) rows.push_back(&model.demand_rows[r]);
  for (int r : part.window_rows) rows.push_back(&model.window_rows[r]);
  std::unordered_map<int, int> column_of;
  column_of.reserve(part.variables.size());
  for (std::size_t j = 0; j < part.variables.size(); ++j)
    column_of.emplace(part.variables[j], int(j));
  std::vector<std::vector<int>> rows_of(part.variables.size());
  std::vector<long long> load(rows.size(), 0);
  for (std::size_t r = 0; r < rows.size(); ++r)
    for (int v : rows[r]->variables) {
      int j = column_of.at(v);
      rows_of[j].push_back(int(r));
      load[r] += (long long)start[j];
    }
  std::vector<int> order(part.variables.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
    return model.variables[part.variables[a]].value > model.variables[part.variables[b]].value;
  });
  for (int j : order) {
    long long room = model.variables[part.variables[j]].upper - (long long)start[j];
    for (int r : rows_of[j]) room = std::min(room, rows[r]->bound - load[r]);
    if (room <= 0) continue;
    start[j] += double(room);
    for (int r : rows_of[j]) load[r] += room;
  }
}

// Builds the component's rows into an OSI solver (minimising the negated value). The matrix
// is assembled in one go: appending row by row copies it every time, which made loading the
// large benchmark model take minutes.
void load_rows(const Model& model, const Component& part, OsiClpSolverInterface& solver) {
  int n = int(part.variables.size());
  std::unordered_map<int, int> column_of;
  column_of.reserve(std::size_t(n));
  std::vector<double> lower(n, 0), upper(n), objective(n);
  for (int j = 0; j < n; ++j) {
    const auto& var = model.variables[part.variables[j]];
    column_of.emplace(part.variables[j], j);
    upper[j] = var.upper;
    objective[j] = -double(var.value);
  }
  std::vector<CoinBigIndex> starts{0};
  std::vector<int> columns, lengths;
  std::vector<double> row_lower, row_upper;
  auto add = [&](const Row& row) {
    for (int v : row.variables) columns.push_back(column_of.at(v));
    lengths.push_back(int(row.variables.size()));
    starts.push_back(CoinBigIndex(columns.size()));
    row_lower.push_back(-COIN_DBL_MAX);
    row_upper.push_back(row.bound);
  };
  for (int r : part.demand_rows) add(model.demand_rows[r]);
  for (int r : part.window_rows) add(model.window_rows[r]);
  std::vector<double> ones(columns.size(), 1.0);
  CoinPackedMatrix matrix(false, n, int(lengths.size()), CoinBigIndex(columns.size()), ones.data(),
                          columns.data(), starts.data(), lengths.data());
  solver.loadProblem(matrix, lower.data(), upper.data(), objective.data(), row_lower.data(),
                     row_upper.data());
  for (int j = 0; j < n; ++j) solver.setInteger(j);
  solver.messageHandler()->setLogLevel(0);
}

MipResult solve_mip(const Model& model, const Component& part, std::vector<int>& x,
                    const SolveOptions& options, bool try_lp_first) {
  OsiClpSolverInterface solver;
  load_rows(model, part, solver);
  MipResult result;
  int n = int(part.variables.size());
  std::vector<double> start(n, 0.0);
  double start_value = 0;
  auto lp_started = Clock::now();
  if (try_lp_first) {
    // x = 0 is primal feasible and columns far outnumber rows: primal simplex is about ten
    // times faster here than CLP's default dual (bench/, docs/performance.md).
    solver.setHintParam(OsiDoDualInInitial, false, OsiHintDo);
    solver.initialSolve();
    const double* lp = solver.getColSolution();
    bool integral = true;
    for (int j = 0; j < n; ++j) {
      if (std::fabs(lp[j] - std::round(lp[j])) > 1e-6) integral = false;
      start[j] = std::floor(lp[j] + 1e-6);
    }
    result.bound = -solver.getObjValue();
    if (integral) {
      for (int j = 0; j < n; ++j) x[part.variables[j]] = int(std::lround(lp[j]));
      result.proven = result.lp_integral = true;
      result.lp_seconds = since(lp_started);
      return result;
    }
    repair(model, part, start);
    for (int j = 0; j < n; ++j)
      start_value += double(model.variables[part.variables[j]].value) * start[j];
    // Integer coefficients: no integer plan beats the LP bound rounded down.
    if (start_value >= std::floor(result.bound + 1e-6)) {
      for (int j = 0; j < n; ++j) x[part.variables[j]] = int(start[j]);
      result.proven = result.rounded = true;
      result.lp_seconds = since(lp_started);
      return result;
    }
  }
  result.lp_seconds = since(lp_started);
  auto mip_started = Clock::now();
  // CBC as its own program runs it: presolve, cut generators and primal heuristics. Bare
  // branchAndBound() left components unproven after a minute that these settle in a second.
  CbcModel cbc(solver);
  CbcSolverUsefulData data;
  CbcMain0(cbc, data);
  cbc.setLogLevel(0);
  cbc.messageHandler()->setLogLevel(0);
  std::string seconds = std::to_string(options.time_limit_seconds);
  const char* argv[] = {"reassure", "-log", "0", "-sec", seconds.c_str(), "-solve", "-quit"};
  CbcMain1(7, argv, cbc, nullptr, data);
  const double* best = cbc.bestSolution();
  double best_value = 0;
  if (best)
    for (int j = 0; j < n; ++j)
      best_value += double(model.variables[part.variables[j]].value) * std::round(best[j]);
  // Keep the repaired LP rounding if CBC stopped on the time limit with nothing better.
  bool use_cbc = best && (!try_lp_first || best_value >= start_value);
  for (int j = 0; j < n; ++j)
    x[part.variables[j]] = use_cbc ? int(std::lround(best[j])) : int(start[j]);
  result.proven = cbc.isProvenOptimal();
  result.bound = -cbc.getBestPossibleObjValue();
  result.mip_seconds = since(mip_started);
  return result;
}

}  // namespace

Solution solve(const Model& model, const SolveOptions& options) {
  auto started = Clock::now();
  Solution solution;
  solution.x.assign(model.variables.size(), 0);
  bool proven = true;
  double bound = 0;
  if (!options.decompose) {
    Component whole;
    whole.variables.resize(model.variables.size());
    std::iota(whole.variables.begin(), whole.variables.end(), 0);
    whole.demand_rows.resize(model.demand_rows.size());
    std::iota(whole.demand_rows.begin(), whole.demand_rows.end(), 0);
    whole.window_rows.resize(model.window_rows.size());
    std::iota(whole.window_rows.begin(), whole.window_rows.end(), 0);
    solution.stats.components = solution.stats.mip_components = 1;
    auto result = solve_mip(model, whole, solution.x, options, false);
    solution.stats.largest_component = int(model.variables.size());
    solution.stats.mip_seconds = result.mip_seconds;
    proven = result.proven;
    bound = result.bound;
  } else {
    for (const auto& part : components(model)) {
      ++solution.stats.components;
      solution.stats.largest_component =
          std::max(solution.stats.largest_component, int(part.variables.size()));
      if (!part.rotation_coupled) {
        auto network_started = Clock::now();
        ++solution.stats.network_components;
        solve_network(model, part, solution.x);
        for (int v : part.variables) bound += double(model.variables[v].value) * solution.x[v];
        solution.stats.network_seconds += since(network_started);
        continue;
      }
      auto result = solve_mip(model, part, solution.x, options, true);
      if (result.lp_integral)
        ++solution.stats.lp_integral_components;
      else if (result.rounded)
        ++solution.stats.rounded_components;
      else
        ++solution.stats.mip_components;
      solution.stats.lp_seconds += result.lp_seconds;
      solution.stats.mip_seconds += result.mip_seconds;
      proven = proven && result.proven;
      bound += result.bound;
    }
  }
  solution.objective = model.objective(solution.x);
  if (!model.feasible(solution.x)) {
    solution.status = SolveStatus::failed;
  } else {
    solution.status = proven ? SolveStatus::optimal : SolveStatus::feasible;
  }
  solution.bound =
      proven ? double(solution.objective) : std::max(bound, double(solution.objective));
  solution.gap =
      solution.bound > 0 ? (solution.bound - double(solution.objective)) / solution.bound : 0;
  solution.stats.seconds = std::chrono::duration<double>(Clock::now() - started).count();
  return solution;
}

Solution solve_greedy(const Model& model) {
  auto started = Clock::now();
  Solution solution;
  solution.x.assign(model.variables.size(), 0);
  // used[p][r]: units of pledge p serving in rotation r.
  std::vector<std::vector<int>> used(model.pledges.size(),
                                     std::vector<int>(model.rotations + 2, 0));
  std::map<std::pair<int, int>, std::vector<int>> candidates;  // (requirement, rotation) -> vars
  for (std::size_t v = 0; v < model.variables.size(); ++v)
    candidates[{model.variables[v].requirement, model.variables[v].rotation}].push_back(int(v));
  std::vector<int> order(model.requirements.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
    return model.requirements[a].priority > model.requirements[b].priority;
  });
  auto free_units = [&](int p, int r) {
    const auto& pledge = model.pledges[p];
    int busy = 0;
    for (int t = std::max(1, r - pledge.recovery); t <= r; ++t) busy += used[p][t];
    return pledge.units - busy;
  };
  for (int r = 1; r <= model.rotations; ++r)
    for (int i : order) {
      auto it = candidates.find({i, r});
      if (it == candidates.end()) continue;
      auto vars = it->second;
      std::stable_sort(vars.begin(), vars.end(), [&](int a, int b) {
        return model.pledges[model.variables[a].pledge].cost <
               model.pledges[model.variables[b].pledge].cost;
      });
      int need = model.requirements[i].units;
      for (int v : vars) {
        if (need == 0) break;
        int p = model.variables[v].pledge;
        int take = std::min({need, free_units(p, r), model.variables[v].upper});
        if (take <= 0) continue;
        solution.x[v] += take;
        used[p][r] += take;
        need -= take;
      }
    }
  solution.objective = model.objective(solution.x);
  solution.status = model.feasible(solution.x) ? SolveStatus::feasible : SolveStatus::failed;
  solution.stats.seconds = std::chrono::duration<double>(Clock::now() - started).count();
  return solution;
}

}  // namespace reassure::forcegen

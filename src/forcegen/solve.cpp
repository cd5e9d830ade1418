#include "forcegen/solve.hpp"

#include "forcegen/caveat_network.hpp"

#include <coin/CbcEventHandler.hpp>
#include <coin/CbcModel.hpp>
#include <coin/CbcSolver.hpp>
#include <coin/ClpEventHandler.hpp>
#include <coin/CoinPackedMatrix.hpp>
#include <coin/OsiClpSolverInterface.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <memory>
#include <mutex>
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
    case SolveStatus::cancelled:
      return "cancelled";
  }
  return "?";
}

namespace {

bool cancelled(const SolveOptions& options) {
  return options.cancel && options.cancel->load(std::memory_order_relaxed);
}

// Stops CBC's search at its next event once the caller cancels. CBC clones its handler into
// the models it makes, so the clone keeps the same flag.
class CancelSearch : public CbcEventHandler {
 public:
  explicit CancelSearch(const std::atomic<bool>* cancel) : cancel_(cancel) {}
  CbcAction event(CbcEvent) override { return stopped() ? stop : noAction; }
  CbcAction event(CbcEvent, void*) override { return stopped() ? stop : noAction; }
  CbcEventHandler* clone() const override { return new CancelSearch(*this); }

 private:
  bool stopped() const { return cancel_ && cancel_->load(std::memory_order_relaxed); }
  const std::atomic<bool>* cancel_;
};

// Stops CLP's simplex at its next iteration once the caller cancels (0: stop, -1: go on).
class CancelSimplex : public ClpEventHandler {
 public:
  explicit CancelSimplex(const std::atomic<bool>* cancel) : cancel_(cancel) {}
  int event(Event) override { return cancel_ && cancel_->load(std::memory_order_relaxed) ? 0 : -1; }
  ClpEventHandler* clone() const override { return new CancelSimplex(*this); }

 private:
  const std::atomic<bool>* cancel_;
};

// CbcMain0 and CbcMain1 keep state in globals: one search at a time in the process, whatever
// the thread (a server plans several requests at once).
std::mutex cbc_main;

using Clock = std::chrono::steady_clock;

struct MipResult {
  bool proven = false;
  bool lp_integral = false;
  bool rounded = false;  // proven by rounding the LP down and growing it, no branching
  int dives = 0;
  double bound = 0;
  double lp_seconds = 0, mip_seconds = 0;
};

std::int64_t worth(const Model& model, const Component& part, const std::vector<int>& x) {
  std::int64_t total = 0;
  for (int v : part.variables) total += model.variables[v].value * x[v];
  return total;
}

double since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
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

// Runs CBC as the `cbc` program runs it (its defaults: presolve, cut generators, heuristics),
// silently, within the time limit, with any further options before "-solve".
void run_cbc(CbcModel& cbc, double seconds, const std::atomic<bool>* cancel,
             const std::vector<std::string>& options = {}) {
  CancelSearch on_cancel(cancel);
  cbc.passInEventHandler(&on_cancel);
  std::lock_guard<std::mutex> one_at_a_time(cbc_main);
  CbcSolverUsefulData data;
  CbcMain0(cbc, data);
  cbc.setLogLevel(0);
  cbc.messageHandler()->setLogLevel(0);
  std::vector<std::string> args{"reassure", "-log", "0", "-sec", std::to_string(seconds)};
  args.insert(args.end(), options.begin(), options.end());
  args.insert(args.end(), {"-solve", "-quit"});
  std::vector<const char*> argv;
  for (const auto& arg : args) argv.push_back(arg.c_str());
  CbcMain1(int(argv.size()), argv.data(), cbc, nullptr, data);
}

// CBC closes most components of the benchmarks at the root or within a few dozen nodes; a
// search that has not after this many restarts from its best plan (see solve_coupled).
constexpr int restart_after_nodes = 100;

// Branch and cut for a plan at least one unit better than ours (every plan's value is an
// integer), as the rounding paths need it, stopping after `nodes` nodes (-1: at the end or
// the time limit); returns the seconds it took. CBC's defaults, preprocessing included:
// without it, a component of the large benchmark's seed 13 stayed unproven after 10 s even
// with the optimum as cutoff; with it, it closed in 0.1 s (docs/performance.md).
double search_better_plan(CbcModel& cbc, std::int64_t plan_value, const SolveOptions& options,
                          int nodes = -1) {
  auto started = Clock::now();
  std::vector<std::string> args{"-cutoff", std::to_string(-double(plan_value) - 0.5)};
  if (nodes >= 0) args.insert(args.end(), {"-maxNodes", std::to_string(nodes)});
  run_cbc(cbc, options.time_limit_seconds, options.cancel, args);
  return since(started);
}

// The peer of the benchmarks: the whole model handed to CBC as one MIP, run as the `cbc` program
// runs it (presolve, cut generators, heuristics).
MipResult solve_whole(const Model& model, const Component& part, std::vector<int>& x,
                      const SolveOptions& options) {
  OsiClpSolverInterface solver;
  load_rows(model, part, solver);
  MipResult result;
  auto mip_started = Clock::now();
  CbcModel cbc(solver);
  run_cbc(cbc, options.time_limit_seconds, options.cancel);
  if (const double* best = cbc.bestSolution())
    for (std::size_t j = 0; j < part.variables.size(); ++j)
      x[part.variables[j]] = int(std::lround(best[j]));
  result.proven = cbc.isProvenOptimal();
  result.bound = -cbc.getBestPossibleObjValue();
  result.mip_seconds = since(mip_started);
  return result;
}

// The compact model into an OSI solver: flow conservation (in = out) at every node, each window's
// supplies within the pool's units. Every column is integer. For integer supplies the rest is
// a network with an integral optimum anyway, but a pure integer program lets CBC use all rows
// for its cuts (zero-half, two-step MIR across the flow rows): one component with
// half-integral LP vertices went from an unfinished 60 s search to 0 nodes
// (docs/performance.md).
void load_network(const CaveatNetwork& network, OsiClpSolverInterface& solver) {
  int n = int(network.columns.size());
  int nodes = network.nodes;
  std::vector<CoinBigIndex> starts{0};
  std::vector<int> rows, lengths;
  std::vector<double> elements, lower(n, 0), upper(n), objective(n);
  for (int c = 0; c < n; ++c) {
    const auto& column = network.columns[c];
    std::size_t before = rows.size();
    if (column.head >= 0) rows.push_back(column.head), elements.push_back(1);
    if (column.tail >= 0) rows.push_back(column.tail), elements.push_back(-1);
    for (int w : network.windows_of_column[c]) rows.push_back(nodes + w), elements.push_back(1);
    lengths.push_back(int(rows.size() - before));
    starts.push_back(CoinBigIndex(rows.size()));
    upper[c] = column.upper;
    objective[c] = -double(column.value);
  }
  std::vector<double> row_lower(nodes, 0), row_upper(nodes, 0);
  for (const auto& window : network.windows) {
    row_lower.push_back(-COIN_DBL_MAX);
    row_upper.push_back(window.bound);
  }
  CoinPackedMatrix matrix(true, int(row_lower.size()), n, CoinBigIndex(rows.size()),
                          elements.data(), rows.data(), starts.data(), lengths.data());
  solver.loadProblem(matrix, lower.data(), upper.data(), objective.data(), row_lower.data(),
                     row_upper.data());
  for (int c = 0; c < n; ++c) solver.setInteger(c);
  solver.messageHandler()->setLogLevel(0);
}

// An upper bound on the caveat network's LP from any row prices, as exact as long double
// arithmetic: with node prices π and window prices μ ≥ 0, every flow x within its bounds has
// value·x = (value − Nᵀπ − Wᵀμ)·x + μ·Wx ≤ Σ_c upper_c·max(0, reduced_c) + Σ_w μ_w·bound_w.
// CLP's objective is only as exact as its tolerances: near 10^12 it can fall a fraction below
// an integral LP value, and rounding it down would "prove" a plan one unit short.
long double dual_bound(const CaveatNetwork& network, const double* row_price) {
  // CLP minimises −value: its prices are the negated π and μ.
  int nodes = network.nodes;
  std::vector<long double> mu(network.windows.size());
  long double bound = 0;
  for (std::size_t w = 0; w < mu.size(); ++w) {
    mu[w] = std::max<long double>(0, -row_price[nodes + int(w)]);
    bound += mu[w] * network.windows[w].bound;
  }
  for (std::size_t c = 0; c < network.columns.size(); ++c) {
    const auto& column = network.columns[c];
    long double reduced = column.value;
    if (column.head >= 0) reduced += row_price[column.head];
    if (column.tail >= 0) reduced -= row_price[column.tail];
    for (int w : network.windows_of_column[c]) reduced -= mu[std::size_t(w)];
    if (reduced > 0) bound += reduced * column.upper;
  }
  return bound;
}

// Whether integer decisions (supplies, then the fills the side rows hold) keep their bounds and
// every packing row (every column of a packing row is a decision).
bool within_windows(const CaveatNetwork& network, const std::vector<std::int64_t>& decisions) {
  std::vector<std::int64_t> amount(network.columns.size(), 0);
  for (int d = 0; d < network.decisions(); ++d) {
    auto column = std::size_t(network.decision_column(d));
    auto units = decisions[std::size_t(d)];
    if (units < 0 || units > network.columns[column].upper) return false;
    amount[column] = units;
  }
  for (const auto& window : network.windows) {
    std::int64_t load = 0;
    for (int c : window.columns) load += amount[std::size_t(c)];
    if (load > window.bound) return false;
  }
  return true;
}

// Integer decisions by diving: the LP's fractional decision nearest an integer is fixed there,
// or, if the LP has no solution then, at its value rounded down (the units it loses can leave
// their paths, so that always has one); CLP re-solves from its basis, until every decision is
// integral. Rounding the whole LP down at once loses what one fixing lets the other supplies
// take back: on the large benchmark the dive reaches the optimum or comes within a few units
// where rounding and growing fall 10⁷–10⁸ short. Empty if CLP fails.
std::vector<std::int64_t> dive(const OsiClpSolverInterface& relaxed, const CaveatNetwork& network) {
  OsiClpSolverInterface lp(relaxed);
  int decisions = network.decisions();
  for (int fixed = 0; fixed <= decisions && lp.isProvenOptimal(); ++fixed) {
    const double* x = lp.getColSolution();
    int pick = -1;
    double nearest = 1;
    for (int d = 0; d < decisions; ++d) {
      double amount = x[network.decision_column(d)];
      double distance = std::fabs(amount - std::round(amount));
      if (distance > 1e-6 && distance < nearest) nearest = distance, pick = d;
    }
    if (pick < 0) {
      std::vector<std::int64_t> units(static_cast<std::size_t>(decisions));
      for (int d = 0; d < decisions; ++d)
        units[std::size_t(d)] = std::llround(x[network.decision_column(d)]);
      return units;
    }
    int column = network.decision_column(pick);
    double rounded = std::round(x[column]), down = std::floor(x[column]);
    lp.setColBounds(column, rounded, rounded);
    lp.resolve();
    if (!lp.isProvenOptimal() && rounded != down) {
      lp.setColBounds(column, down, down);
      lp.resolve();
    }
  }
  return {};
}

// A rotation-coupled or staggered component through its caveat network. The LP relaxation
// gives the bound; its decisions (supplies, fills of side rows) rounded down and grown give a
// plan, proven optimal when it reaches the bound rounded down (the optimum is an integer). A plan
// short of it by options.dive_from_fill_points fill points or more is bettered by a dive where it
// can. Then CBC's branch and cut looks only for plans better than the best one: the plans only set
// the cutoff, the proof is CBC's, so the method stays exact.
MipResult solve_coupled(const Component& part, const CaveatNetwork& network,
                        std::int64_t fill_weight, std::vector<int>& x,
                        const SolveOptions& options) {
  MipResult result;
  auto lp_started = Clock::now();
  OsiClpSolverInterface solver;
  load_network(network, solver);
  CancelSimplex on_cancel(options.cancel);
  solver.getModelPtr()->passInEventHandler(&on_cancel);  // copied: the dive's and CBC's too
  // Zero is primal feasible and presolve finds little to remove in a network: primal simplex
  // without presolve is the fastest of CLP's methods here (docs/performance.md).
  solver.setHintParam(OsiDoDualInInitial, false, OsiHintDo);
  solver.setHintParam(OsiDoPresolveInInitial, false, OsiHintDo);
  solver.initialSolve();
  long double lp_bound = dual_bound(network, solver.getRowPrice());
  result.bound = double(lp_bound);
  // Plan values are integers: none exceeds the bound rounded down. The margin only ever makes
  // the target higher than needed, never lower.
  auto target = std::int64_t(std::floor(lp_bound + 1e-3L));
  int decisions = network.decisions();
  std::vector<std::int64_t> units(std::size_t(decisions), 0);
  bool integral = false;
  if (solver.isProvenOptimal()) {  // else its values may break a window: start from nothing
    const double* lp = solver.getColSolution();
    integral = true;
    for (int d = 0; d < decisions; ++d) {
      double amount = lp[network.decision_column(d)];
      if (std::fabs(amount - std::round(amount)) > 1e-6) integral = false;
      units[std::size_t(d)] = std::int64_t(std::floor(amount + 1e-6));
    }
  }
  auto plan = improve(network, units);
  std::int64_t plan_value = value(network, plan);
  if (plan_value < target && (long double)(target - plan_value) >=
                                 options.dive_from_fill_points * (long double)fill_weight) {
    ++result.dives;
    auto dived = dive(solver, network);
    if (!dived.empty() && within_windows(network, dived)) {
      auto other = improve(network, std::move(dived));
      if (value(network, other) > plan_value) {
        plan = std::move(other);
        plan_value = value(network, plan);
      }
    }
  }
  result.lp_seconds = since(lp_started);
  if (plan_value >= target) {
    result.proven = true;
    (integral ? result.lp_integral : result.rounded) = true;
    result.bound = double(plan_value);
  } else {
    // CBC is quick to show that nothing beats a plan at the optimum and can be slow to prove
    // one it found itself: a search that finds a better plan within its first nodes starts
    // again with that plan as the cutoff; one that finds none there is run again without a
    // node limit. The plan's value rises at every restart, so the restarts end.
    std::unique_ptr<CbcModel> cbc;
    const double* best = nullptr;
    for (int nodes = restart_after_nodes;;) {
      cbc = std::make_unique<CbcModel>(solver);
      SolveOptions left = options;  // the time limit holds for all the searches together
      left.time_limit_seconds = std::max(0.0, options.time_limit_seconds - result.mip_seconds);
      result.mip_seconds += search_better_plan(*cbc, plan_value, left, nodes);
      best = cbc->bestSolution();
      bool improved = false;
      if (best) {
        for (int d = 0; d < decisions; ++d)
          units[std::size_t(d)] = std::llround(best[network.decision_column(d)]);
        auto better = route(network, units);
        if (value(network, better) > plan_value) {
          plan = std::move(better);
          plan_value = value(network, plan);
          improved = true;
        }
      }
      if (cbc->isProvenOptimal() || cbc->isProvenInfeasible() || nodes < 0 ||
          result.mip_seconds >= options.time_limit_seconds)
        break;
      if (!improved) nodes = -1;
    }
    double planned = double(value(network, plan));
    // Nothing better than the cutoff proves ours optimal; a better plan proven optimal must
    // also be worth, once routed, what CBC said.
    result.proven = cbc->isProvenInfeasible() ||
                    (cbc->isProvenOptimal() && best && planned >= -cbc->getObjValue() - 0.5);
    double cbc_bound = -cbc->getBestPossibleObjValue();  // ±huge if CBC stopped early
    result.bound = result.proven ? planned
                                 : std::max(planned, std::isfinite(cbc_bound) && cbc_bound < 1e300
                                                         ? std::min(result.bound, cbc_bound)
                                                         : result.bound);
  }
  for (int v : part.variables) x[v] = 0;
  assign(network, std::move(plan), x);
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
    auto result = solve_whole(model, whole, solution.x, options);
    solution.stats.largest_component = int(model.variables.size());
    solution.stats.mip_seconds = result.mip_seconds;
    proven = result.proven;
    bound = result.bound;
  } else {
    auto parts = components(model);
    SolveProgress progress;
    progress.components = int(parts.size());
    for (const auto& part : parts) {
      // The previous component is told here, after its `continue` or its end.
      if (progress.components_done > 0 && options.on_progress) {
        progress.seconds = since(started);
        options.on_progress(progress);
      }
      if (cancelled(options)) break;  // what is planned so far stays, the rest has no units
      ++progress.components_done;
      ++solution.stats.components;
      solution.stats.largest_component =
          std::max(solution.stats.largest_component, int(part.variables.size()));
      auto network_started = Clock::now();
      auto network = caveat_network(model, part);
      // Staggered tours: spans of their own, tied to the others by side rows.
      if (network.staggered()) ++solution.stats.tour_components;
      if (!part.rotation_coupled && !network.staggered()) {
        // No window spans two rotations: each rotation is a min-cost flow on its own, with
        // every pool's units available, and its optimum is the component's.
        ++solution.stats.network_components;
        std::vector<std::int64_t> units(std::size_t(network.supply_columns()));
        for (int s = 0; s < network.supply_columns(); ++s)
          units[std::size_t(s)] = network.columns[std::size_t(s)].upper;
        assign(network, route(network, units), solution.x);
        bound += double(worth(model, part, solution.x));
        solution.stats.network_seconds += since(network_started);
        continue;
      }
      solution.stats.caveat_network_seconds += since(network_started);
      solution.stats.caveat_network_columns += (long long)network.columns.size();
      solution.stats.tour_columns += network.tour_columns;
      solution.stats.caveat_network_rows += network.nodes + (long long)network.windows.size();
      auto result = solve_coupled(part, network, model.fill_weight, solution.x, options);
      solution.stats.dived_components += result.dives;
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
    if (options.on_progress && !cancelled(options)) {
      progress.seconds = since(started);
      options.on_progress(progress);
    }
  }
  solution.objective = model.objective(solution.x);
  if (!model.feasible(solution.x)) {
    solution.status = SolveStatus::failed;
  } else if (cancelled(options)) {
    solution.status = SolveStatus::cancelled;
    proven = false;
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

namespace {

// Σ_v min(x_v, reference_v) over the component.

long long kept(const Component& part, const std::vector<int>& x,
               const std::vector<int>& reference) {
  long long total = 0;
  for (int v : part.variables) total += std::min(x[v], reference[v]);
  return total;
}

// The component's plan worth at least its current value that keeps most of the reference:
// the full model's rows, a row holding the value, and k_v <= x_v, k_v <= reference_v.
void keep_reference(const Model& model, const Component& part, const std::vector<int>& reference,
                    std::vector<int>& x, const SolveOptions& options) {
  OsiClpSolverInterface solver;
  load_rows(model, part, solver);
  int n = int(part.variables.size());
  std::int64_t current = worth(model, part, x);
  std::vector<int> row(n);
  std::vector<double> values(n);
  for (int j = 0; j < n; ++j) {
    row[j] = j;
    values[j] = double(model.variables[part.variables[j]].value);
    solver.setObjCoeff(j, 0);
  }
  solver.addRow(n, row.data(), values.data(), double(current), COIN_DBL_MAX);
  for (int j = 0; j < n; ++j) {
    int v = part.variables[j];
    if (reference[v] == 0) continue;
    int k = solver.getNumCols();
    int cols[2] = {k, j};
    double ones[2] = {1, -1};
    solver.addCol(0, nullptr, nullptr, 0, reference[v], -1);  // maximise kept units
    solver.addRow(2, cols, ones, -COIN_DBL_MAX, 0);           // k_v <= x_v
  }
  std::vector<double> start(solver.getNumCols(), 0);
  for (int j = 0; j < n; ++j) start[j] = x[part.variables[j]];
  CbcModel cbc(solver);
  cbc.setLogLevel(0);
  cbc.messageHandler()->setLogLevel(0);
  cbc.setBestSolution(start.data(), int(start.size()), 0, true);  // warm start, gets checked
  run_cbc(cbc, options.time_limit_seconds, options.cancel);
  const double* found = cbc.bestSolution();
  if (!found) return;
  std::vector<int> candidate = x;
  for (int j = 0; j < n; ++j) candidate[part.variables[j]] = int(std::lround(found[j]));
  // Only a plan as good, within every row, and keeping more replaces ours: CBC's tolerances
  // are no proof.
  if (feasible_within(model, part, candidate) && worth(model, part, candidate) >= current &&
      kept(part, candidate, reference) > kept(part, x, reference))
    for (int v : part.variables) x[v] = candidate[v];
}

}  // namespace

Solution closest_to(const Model& model, const Solution& best, const std::vector<int>& reference,
                    const SolveOptions& options) {
  Solution solution = best;
  if (solution.status == SolveStatus::failed) return solution;
  for (const auto& part : components(model)) {
    long long keepable = 0;
    for (int v : part.variables) keepable += reference[v];
    if (kept(part, solution.x, reference) == keepable) continue;
    // The reference itself, where it fits this model and is worth as much, is kept whole.
    std::vector<int> as_before = solution.x;
    for (int v : part.variables) as_before[v] = reference[v];
    if (feasible_within(model, part, as_before) &&
        worth(model, part, as_before) >= worth(model, part, solution.x)) {
      for (int v : part.variables) solution.x[v] = reference[v];
      continue;
    }
    keep_reference(model, part, reference, solution.x, options);
  }
  // Each component is worth at least what it was; more only where `best` was not proven.
  solution.objective = model.objective(solution.x);
  solution.bound = std::max(solution.bound, double(solution.objective));
  solution.gap =
      solution.bound > 0 ? (solution.bound - double(solution.objective)) / solution.bound : 0;
  return solution;
}

Solution solve_greedy(const Model& model) {
  auto started = Clock::now();
  Solution solution;
  solution.x.assign(model.variables.size(), 0);
  // used[p][t]: units of pledge p on its tour t; filled[i][step]: units on line i.
  std::vector<std::map<int, int>> used(model.pledges.size());
  std::vector<std::vector<int>> filled(model.requirements.size(),
                                       std::vector<int>(std::size_t(model.steps), 0));
  std::map<std::pair<int, int>, std::vector<int>> candidates;  // (start, requirement) -> vars
  for (std::size_t v = 0; v < model.variables.size(); ++v)
    candidates[{model.variables[v].start, model.variables[v].requirement}].push_back(int(v));
  std::vector<int> order(model.requirements.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
    return model.requirements[a].priority > model.requirements[b].priority;
  });
  auto free_units = [&](int p, int tour) {
    const auto& pledge = model.pledges[p];
    int busy = 0;
    for (int t = tour - pledge.recovery; t <= tour; ++t)
      if (auto it = used[p].find(t); it != used[p].end()) busy += it->second;
    return pledge.units - busy;
  };
  // What the line can still take over the steps the variable's tour covers.
  auto room = [&](const Variable& var) {
    const auto& q = model.requirements[var.requirement];
    int most = 0;
    for (int t = std::max(q.first_step, var.start);
         t < std::min(q.end_step, var.start + var.length); ++t)
      most = std::max(most, filled[var.requirement][t]);
    return q.units - most;
  };
  for (int step = 0; step < model.steps; ++step)
    for (int i : order) {
      auto it = candidates.find({step, i});
      if (it == candidates.end()) continue;
      auto vars = it->second;
      std::stable_sort(vars.begin(), vars.end(), [&](int a, int b) {
        return model.pledges[model.variables[a].pledge].cost <
               model.pledges[model.variables[b].pledge].cost;
      });
      for (int v : vars) {
        const auto& var = model.variables[v];
        int take = std::min({room(var), free_units(var.pledge, var.tour), var.upper});
        if (take <= 0) continue;
        solution.x[v] += take;
        used[var.pledge][var.tour] += take;
        const auto& q = model.requirements[var.requirement];
        for (int t = std::max(q.first_step, var.start);
             t < std::min(q.end_step, var.start + var.length); ++t)
          filled[var.requirement][t] += take;
      }
    }
  solution.objective = model.objective(solution.x);
  solution.status = model.feasible(solution.x) ? SolveStatus::feasible : SolveStatus::failed;
  solution.stats.seconds = std::chrono::duration<double>(Clock::now() - started).count();
  return solution;
}

}  // namespace reassure::forcegen

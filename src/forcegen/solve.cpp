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
#include <stdexcept>
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
  int split_stages = 0;  // proven by search_in_parts on two parts or more
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

// The neighbourhood search of the two stages (run_stage) stops after this many nodes: it only
// proposes a plan.
constexpr int neighbourhood_nodes = 500;

// Branch and cut for a plan at least one unit better than ours (every plan's value is an
// integer), as the rounding paths need it, stopping after `nodes` nodes (-1: at the end or
// the time limit); returns the seconds it took. CBC's defaults, preprocessing included:
// without it, a component of the large benchmark's seed 13 stayed unproven after 10 s even
// with the optimum as cutoff; with it, it closed in 0.1 s (docs/performance.md).
double search_better_plan(CbcModel& cbc, std::int64_t plan_value, const SolveOptions& options,
                          int nodes = -1, const std::vector<std::string>& extra = {}) {
  auto started = Clock::now();
  std::vector<std::string> args{"-cutoff", std::to_string(-double(plan_value) - 0.5)};
  if (nodes >= 0) args.insert(args.end(), {"-maxNodes", std::to_string(nodes)});
  args.insert(args.end(), extra.begin(), extra.end());
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

// A stage's objective row that holds the other stage's optimum: Σ_c coefficient_c·x_c ≥ at_least,
// loaded after the windows (docs/models/forcegen.md, "Two stages").
struct Floor {
  const std::vector<std::int64_t>* coefficient = nullptr;  // per column
  std::int64_t at_least = 0;
};

struct Prices {
  std::vector<long double> reduced;  // per column: gain − Nᵀπ − Wᵀμ + λa
  std::vector<long double> window;   // μ ≥ 0
  long double bound = 0;
};

// An upper bound on max gain·x over the caveat network's LP from any row prices, as exact as
// long double arithmetic: with node prices π, window prices μ ≥ 0 and a price λ ≥ 0 on the
// floor row, every flow x within its column bounds (and the floor) has gain·x = (gain − Nᵀπ − Wᵀμ +
// λa)·x + μ·Wx − λ·ax ≤ Σ_c max(reduced_c·lower_c, reduced_c·upper_c) + Σ_w μ_w·bound_w −
// λ·at_least. CLP's objective is only as exact as its tolerances: near 10^12 it can fall a fraction
// below an integral LP value, and rounding it down would "prove" a plan one unit short. The bounds
// are the LP's as they are now: stage 2 fixes columns and makes windows tight, and a tight window's
// price may take either sign.
Prices reduced_gains(const CaveatNetwork& network, const std::vector<std::int64_t>& gain,
                     const OsiClpSolverInterface& solver, const Floor& floor = {}) {
  // CLP minimises −gain: its prices are the negated π and μ, and λ for the ≥ row.
  const double* row_price = solver.getRowPrice();
  const double* row_lower = solver.getRowLower();
  int nodes = network.nodes;
  Prices prices;
  auto& mu = prices.window;
  mu.resize(network.windows.size());
  for (std::size_t w = 0; w < mu.size(); ++w) {
    mu[w] = -(long double)row_price[nodes + int(w)];
    if (row_lower[nodes + int(w)] != double(network.windows[w].bound))
      mu[w] = std::max<long double>(0, mu[w]);  // a packing row: μ ≥ 0
    prices.bound += mu[w] * network.windows[w].bound;
  }
  long double lambda = 0;
  if (floor.coefficient) {
    lambda = std::max<long double>(0, row_price[nodes + int(mu.size())]);
    prices.bound -= lambda * floor.at_least;
  }
  const double* lower = solver.getColLower();
  const double* upper = solver.getColUpper();
  prices.reduced.resize(network.columns.size());
  for (std::size_t c = 0; c < network.columns.size(); ++c) {
    const auto& column = network.columns[c];
    long double reduced = gain[c];
    if (column.head >= 0) reduced += row_price[column.head];
    if (column.tail >= 0) reduced -= row_price[column.tail];
    for (int w : network.windows_of_column[c]) reduced -= mu[std::size_t(w)];
    if (floor.coefficient) reduced += lambda * (*floor.coefficient)[c];
    prices.bound += std::max(reduced * (long double)lower[c], reduced * (long double)upper[c]);
    prices.reduced[c] = reduced;
  }
  return prices;
}

long double dual_bound(const CaveatNetwork& network, const std::vector<std::int64_t>& gain,
                       const OsiClpSolverInterface& solver, const Floor& floor = {}) {
  return reduced_gains(network, gain, solver, floor).bound;
}

std::vector<std::int64_t> column_values(const CaveatNetwork& network) {
  std::vector<std::int64_t> values;
  values.reserve(network.columns.size());
  for (const auto& column : network.columns) values.push_back(column.value);
  return values;
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

// The dive of the two stages, several decisions per re-solve: the `batch` fractional decisions
// nearest an integer are fixed there at once, and kept if the LP's value, rounded down, holds;
// otherwise they are freed and half as many tried (the batch doubles again after a success). A
// single decision is fixed as in dive(), whatever the LP's value, or at its value rounded down
// when the LP then has no solution (in stage 2, with a floor row or fixed columns, that may have
// none either: the dive then gives up). With each stage's objective many LP optima tie and most
// batches keep the value: on large-staggered seed 1, 9–290 re-solves per dive, 1.4–21 s
// where one fixing per re-solve took 26–37 s. Empty if CLP fails or the dive gives up.
std::vector<std::int64_t> dive_in_batches(const OsiClpSolverInterface& relaxed,
                                          const CaveatNetwork& network) {
  OsiClpSolverInterface lp(relaxed);
  lp.setHintParam(OsiDoDualInResolve, true, OsiHintDo);  // bounds change: the basis stays dual
  int decisions = network.decisions();
  std::size_t batch = 0;
  std::vector<std::pair<double, int>> fractional;
  while (lp.isProvenOptimal()) {
    const double* x = lp.getColSolution();
    fractional.clear();
    for (int d = 0; d < decisions; ++d) {
      double amount = x[network.decision_column(d)];
      double distance = std::fabs(amount - std::round(amount));
      if (distance > 1e-6) fractional.emplace_back(distance, d);
    }
    if (fractional.empty()) {
      std::vector<std::int64_t> units(static_cast<std::size_t>(decisions));
      for (int d = 0; d < decisions; ++d)
        units[std::size_t(d)] = std::llround(x[network.decision_column(d)]);
      return units;
    }
    if (batch == 0) batch = std::max<std::size_t>(1, fractional.size() / 2);
    batch = std::min(batch, fractional.size());
    std::partial_sort(fractional.begin(), fractional.begin() + std::ptrdiff_t(batch),
                      fractional.end());
    double keep = std::floor(-lp.getObjValue() + 1e-6) - 1e-6;
    std::unique_ptr<CoinWarmStart> basis(lp.getWarmStart());
    std::vector<double> amounts, lower, upper;
    for (std::size_t k = 0; k < batch; ++k) {
      int column = network.decision_column(fractional[k].second);
      amounts.push_back(x[column]);
      lower.push_back(lp.getColLower()[column]);
      upper.push_back(lp.getColUpper()[column]);
      lp.setColBounds(column, std::round(amounts.back()), std::round(amounts.back()));
    }
    lp.resolve();
    if (batch == 1) {
      double down = std::floor(amounts[0]);
      if (!lp.isProvenOptimal() && down != std::round(amounts[0])) {
        lp.setColBounds(network.decision_column(fractional[0].second), down, down);
        lp.resolve();
      }
      batch = 2;
    } else if (!lp.isProvenOptimal() || -lp.getObjValue() < keep) {
      for (std::size_t k = 0; k < batch; ++k)
        lp.setColBounds(network.decision_column(fractional[k].second), lower[k], upper[k]);
      lp.setWarmStart(basis.get());
      lp.resolve();
      batch /= 2;
    } else {
      batch *= 2;
    }
  }
  return {};
}

std::int64_t total(const std::vector<std::int64_t>& gain, const CaveatNetwork::Flows& flows) {
  std::int64_t sum = 0;
  for (std::size_t c = 0; c < flows.size(); ++c) sum += gain[c] * flows[c];
  return sum;
}

// Fixes what every plan earning `most` or more must do (exact reduced-cost fixing,
// docs/models/forcegen.md, "Two stages"): for the prices of `solver`'s LP, with B their bound
// and r the reduced gains, a plan earns B − Σ_c |r_c|·(distance of x_c from the bound r_c
// prefers) − Σ_w μ_w·(bound_w − W_w·x) (− λ·(floor's excess)), every term ≥ 0. So a plan earning
// `most` keeps each term within B − most: a column whose |r| exceeds B − most sits at the bound
// it prefers, a window whose price exceeds it is tight (flows and windows are integers). Where
// the LP bound is the integer optimum (B − most < 1), most columns are fixed: the LP's optimal
// face. Returns whether the face alone makes every plan on it earn `most`: the terms left free
// can then take less than B − most + 1 in all.
bool keep_to_face(const CaveatNetwork& network, const std::vector<std::int64_t>& gain,
                  std::int64_t most, OsiClpSolverInterface& solver, const Floor& floor = {}) {
  auto prices = reduced_gains(network, gain, solver, floor);
  // The margin covers the long double arithmetic of B and r many times over.
  long double slack = prices.bound - most + 1e-3L;
  if (slack < 0) return false;  // no plan earns `most`: CLP's prices are off, fix nothing
  // What the terms left free can take from B at most, with B − most.
  long double loose = prices.bound - most;
  for (std::size_t c = 0; c < network.columns.size(); ++c) {
    // A column's term is |r|·(distance from the bound its gain prefers), whatever its bounds.
    double lower = solver.getColLower()[c], upper = solver.getColUpper()[c];
    if (prices.reduced[c] < -slack)
      solver.setColBounds(int(c), lower, lower);
    else if (prices.reduced[c] > slack)
      solver.setColBounds(int(c), upper, upper);
    else
      loose += std::fabs(prices.reduced[c]) * (upper - lower);
  }
  for (std::size_t w = 0; w < network.windows.size(); ++w) {
    if (prices.window[w] > slack)
      solver.setRowLower(network.nodes + int(w), double(network.windows[w].bound));
    else if (solver.getRowLower()[network.nodes + int(w)] != double(network.windows[w].bound))
      loose += prices.window[w] * network.windows[w].bound;
  }
  return loose + 1e-3L < 1;
}

// The parts of a MIP whose free columns share no row: union-find over the columns that
// `solver`'s bounds leave free, linked by every row that holds two of them. Columns fixed by the
// bounds link nothing, so on an optimal face a component may fall apart into pieces that can
// be searched one by one (docs/models/forcegen.md, "Searching the face in parts"; on the
// benchmarks most faces stay in one piece). Each part lists its free columns.
std::vector<std::vector<int>> free_parts(const OsiClpSolverInterface& solver) {
  int n = solver.getNumCols();
  const double* lower = solver.getColLower();
  const double* upper = solver.getColUpper();
  std::vector<int> parent(static_cast<std::size_t>(n));
  std::iota(parent.begin(), parent.end(), 0);
  auto find = [&](int c) {
    while (parent[std::size_t(c)] != c)
      c = parent[std::size_t(c)] = parent[std::size_t(parent[std::size_t(c)])];
    return c;
  };
  auto is_free = [&](int c) { return upper[c] > lower[c] + 0.5; };
  const CoinPackedMatrix* rows = solver.getMatrixByRow();
  for (int r = 0; r < solver.getNumRows(); ++r) {
    auto row = rows->getVector(r);
    int first = -1;
    for (int k = 0; k < row.getNumElements(); ++k) {
      int c = row.getIndices()[k];
      if (!is_free(c)) continue;
      if (first < 0)
        first = find(c);
      else
        parent[std::size_t(find(c))] = first;
    }
  }
  std::vector<std::vector<int>> parts;
  std::vector<int> part_of(std::size_t(n), -1);
  for (int c = 0; c < n; ++c) {
    if (!is_free(c)) continue;
    int root = find(c);
    if (part_of[std::size_t(root)] < 0) {
      part_of[std::size_t(root)] = int(parts.size());
      parts.emplace_back();
    }
    parts[std::size_t(part_of[std::size_t(root)])].push_back(c);
  }
  return parts;
}

// One part of `solver`'s model as a MIP of its own: its free columns, the rows that hold them,
// with every other column at its value in `at` (the fixed ones at their bound): rows keep
// their bounds less what the other columns take. Minimises the part's own objective.
void load_part(const OsiClpSolverInterface& solver, const std::vector<int>& part,
               const std::vector<double>& at, OsiClpSolverInterface& sub) {
  int n = solver.getNumCols();
  std::vector<int> index(std::size_t(n), -1);
  for (std::size_t k = 0; k < part.size(); ++k) index[std::size_t(part[k])] = int(k);
  const CoinPackedMatrix* by_row = solver.getMatrixByRow();
  std::vector<int> row_of(std::size_t(solver.getNumRows()), -1);
  std::vector<double> row_lower, row_upper;
  std::vector<CoinBigIndex> starts{0};
  std::vector<int> columns;
  std::vector<double> elements;
  std::vector<int> lengths;
  const CoinPackedMatrix* by_column = solver.getMatrixByCol();
  for (int c : part) {
    auto column = by_column->getVector(c);
    for (int k = 0; k < column.getNumElements(); ++k) {
      int r = column.getIndices()[k];
      if (row_of[std::size_t(r)] >= 0) continue;
      row_of[std::size_t(r)] = int(row_lower.size());
      auto row = by_row->getVector(r);
      double others = 0;
      std::size_t before = columns.size();
      for (int e = 0; e < row.getNumElements(); ++e) {
        int j = row.getIndices()[e];
        if (index[std::size_t(j)] >= 0)
          columns.push_back(index[std::size_t(j)]), elements.push_back(row.getElements()[e]);
        else
          others += row.getElements()[e] * at[std::size_t(j)];
      }
      lengths.push_back(int(columns.size() - before));
      starts.push_back(CoinBigIndex(columns.size()));
      double lo = solver.getRowLower()[r], up = solver.getRowUpper()[r];
      row_lower.push_back(lo <= -COIN_DBL_MAX ? -COIN_DBL_MAX : lo - others);
      row_upper.push_back(up >= COIN_DBL_MAX ? COIN_DBL_MAX : up - others);
    }
  }
  std::vector<double> lower, upper, objective;
  for (int c : part) {
    lower.push_back(solver.getColLower()[c]);
    upper.push_back(solver.getColUpper()[c]);
    objective.push_back(solver.getObjCoefficients()[c]);
  }
  CoinPackedMatrix matrix(false, int(part.size()), int(row_lower.size()),
                          CoinBigIndex(columns.size()), elements.data(), columns.data(),
                          starts.data(), lengths.data());
  sub.loadProblem(matrix, lower.data(), upper.data(), objective.data(), row_lower.data(),
                  row_upper.data());
  for (int k = 0; k < int(part.size()); ++k) sub.setInteger(k);
  sub.messageHandler()->setLogLevel(0);
}

// An upper bound on the gain (−objective) of `lp`'s MIP from its LP's row prices, valid for any
// prices: for min c·x, c·x = d·x + y·Ax with d = c − Aᵀy, and y·Ax ≥ Σ_r min(y_r·lower_r,
// y_r·upper_r) over the row bounds; a price whose row bound is infinite on its side counts as 0.
// In long double, as dual_bound() is: CLP's objective is only as exact as its tolerances.
long double part_bound(const OsiClpSolverInterface& lp) {
  int n = lp.getNumCols(), m = lp.getNumRows();
  std::vector<long double> price(static_cast<std::size_t>(m));
  long double lowest = 0;
  for (int r = 0; r < m; ++r) {
    long double y = lp.getRowPrice()[r];
    double lo = lp.getRowLower()[r], up = lp.getRowUpper()[r];
    if ((y > 0 && lo <= -COIN_DBL_MAX) || (y < 0 && up >= COIN_DBL_MAX)) y = 0;
    price[std::size_t(r)] = y;
    if (y != 0) lowest += std::min(y * (long double)lo, y * (long double)up);
  }
  const CoinPackedMatrix* by_column = lp.getMatrixByCol();
  for (int c = 0; c < n; ++c) {
    long double d = lp.getObjCoefficients()[c];
    auto column = by_column->getVector(c);
    for (int k = 0; k < column.getNumElements(); ++k)
      d -= price[std::size_t(column.getIndices()[k])] * column.getElements()[k];
    lowest += std::min(d * (long double)lp.getColLower()[c], d * (long double)lp.getColUpper()[c]);
  }
  return -lowest;
}

// What one stage found: whether its best plan is proven the best for the stage's objective, and
// an upper bound on that objective.
struct StageResult {
  bool proven = false, lp_integral = false, searched = false;
  long double bound = 0;
};

// The search in parts (docs/models/forcegen.md, "Searching the face in parts"). Every plan
// earning at least ours lies on the face that `solver`'s LP prices give for that gain
// (keep_to_face), and there the free columns often fall into parts that share no row: the
// best plans of the parts add up. Each part is a MIP of its own, the other columns at their
// fixed values: settled by its LP bound when that is no more than what our plan earns there,
// otherwise by CBC with that as cutoff (and the restarts of run_stage). The parts' best plans
// together satisfy every row; routed, they give a plan worth at least their sum, and that sum
// plus the fixed columns' gain bounds every plan on the face. Returns whether the plan is
// then proven optimal; otherwise (a part left open) the whole search follows from the plan,
// which may have improved.
bool search_in_parts(const OsiClpSolverInterface& solver, const CaveatNetwork& network,
                     const std::vector<std::int64_t>& gain, const Floor& floor,
                     CaveatNetwork::Flows& plan, const SolveOptions& options, MipResult& result) {
  auto started = Clock::now();
  double searching = 0;
  std::int64_t reached = total(gain, plan);
  OsiClpSolverInterface face(solver);
  keep_to_face(network, gain, reached, face, floor);
  // Our plan earns `reached`, so it lies on the face; everything below rests on that.
  const double* lower = face.getColLower();
  const double* upper = face.getColUpper();
  std::int64_t most = 0;  // the fixed columns' gain, then the parts' best added
  for (std::size_t c = 0; c < plan.size(); ++c) {
    if (double(plan[c]) < lower[c] - 1e-9 || double(plan[c]) > upper[c] + 1e-9) return false;
    if (upper[c] <= lower[c] + 0.5) most += gain[c] * plan[c];
  }
  auto parts = free_parts(face);
  std::sort(parts.begin(), parts.end(),
            [](const auto& a, const auto& b) { return a.size() < b.size(); });
  std::vector<double> best(plan.begin(), plan.end());  // the parts' best plans, together
  bool proven = true;
  for (const auto& part : parts) {
    std::int64_t part_best = 0;
    for (int c : part) part_best += gain[std::size_t(c)] * plan[std::size_t(c)];
    OsiClpSolverInterface sub;
    load_part(face, part, best, sub);
    sub.initialSolve();
    if (!sub.isProvenOptimal()) {  // our plan is a solution: CLP failed
      proven = false;
      break;
    }
    if (std::floor(part_bound(sub) + 1e-3L) <= part_best) {
      most += part_best;
      continue;
    }
    std::unique_ptr<CbcModel> cbc;
    const double* x = nullptr;
    for (int nodes = restart_after_nodes;;) {
      cbc = std::make_unique<CbcModel>(sub);
      SolveOptions left = options;  // the time limit holds for all the searches together
      left.time_limit_seconds = std::max(0.0, options.time_limit_seconds - result.mip_seconds);
      double took = search_better_plan(*cbc, part_best, left, nodes);
      result.mip_seconds += took, searching += took;
      bool improved = false;
      if ((x = cbc->bestSolution())) {
        std::int64_t earned = 0;
        for (std::size_t k = 0; k < part.size(); ++k)
          earned += gain[std::size_t(part[k])] * std::llround(x[k]);
        if (earned > part_best) {
          part_best = earned, improved = true;
          for (std::size_t k = 0; k < part.size(); ++k)
            best[std::size_t(part[k])] = std::round(x[k]);
        }
      }
      if (cbc->isProvenOptimal() || cbc->isProvenInfeasible() || nodes < 0 ||
          result.mip_seconds >= options.time_limit_seconds)
        break;
      if (!improved) nodes = -1;
    }
    // Nothing better than the cutoff, or the optimum CBC proved and we hold.
    if (!cbc->isProvenInfeasible() &&
        !(cbc->isProvenOptimal() && x && double(part_best) >= -cbc->getObjValue() - 0.5)) {
      proven = false;
      break;
    }
    most += part_best;
  }
  std::vector<std::int64_t> units(std::size_t(network.decisions()));
  for (int d = 0; d < network.decisions(); ++d)
    units[std::size_t(d)] = std::llround(best[std::size_t(network.decision_column(d))]);
  if (within_windows(network, units)) {
    auto routed = route(network, units);
    if (value(network, routed) > value(network, plan)) plan = std::move(routed);
  }
  result.lp_seconds += since(started) - searching;
  proven = proven && total(gain, plan) >= most;
  if (proven && parts.size() > 1) ++result.split_stages;
  return proven;
}

// One stage on the caveat network's LP, solved in `solver` with the stage's objective (gain,
// maximised) and floor: its bound from the row prices; the LP's decisions rounded down and
// grown, a plan proven when it reaches the bound rounded down (the gains are integers); in two
// stages, searches of the LP's optimal face and of the plan's neighbourhood; a dive when the
// plan is still `dive_from` or more below the bound (never when negative); then CBC's branch
// and cut for a plan at least one unit better, in two stages first part by part on the face
// of the plan's gain (search_in_parts). Plans are routed with the full values and kept when
// worth more in full (so in stage 2 only plans that keep the fill replace the best): they only
// set the cutoff, the proof is the bound reached or CBC's, so the method stays exact.
StageResult run_stage(OsiClpSolverInterface& solver, const CaveatNetwork& network,
                      const std::vector<std::int64_t>& gain, const Floor& floor,
                      long double dive_from, bool two_stages, CaveatNetwork::Flows& plan,
                      const SolveOptions& options, MipResult& result) {
  auto started = Clock::now();
  StageResult stage;
  auto keep_if_better = [&](CaveatNetwork::Flows candidate) {
    if (plan.empty() || value(network, candidate) > value(network, plan))
      plan = std::move(candidate);
  };
  long double lp_bound = dual_bound(network, gain, solver, floor);
  // Plan values are integers: none exceeds the bound rounded down. The margin only ever makes
  // the target higher than needed, never lower.
  auto target = std::int64_t(std::floor(lp_bound + 1e-3L));
  int decisions = network.decisions();
  std::vector<std::int64_t> units(std::size_t(decisions), 0);
  if (solver.isProvenOptimal()) {  // else its values may break a window: start from nothing
    const double* lp = solver.getColSolution();
    stage.lp_integral = true;
    for (int d = 0; d < decisions; ++d) {
      double amount = lp[network.decision_column(d)];
      if (std::fabs(amount - std::round(amount)) > 1e-6) stage.lp_integral = false;
      units[std::size_t(d)] = std::int64_t(std::floor(amount + 1e-6));
    }
  }
  keep_if_better(improve(network, units));
  // In two stages the optimum is most often the LP bound rounded down, and plans that reach it
  // lie on the LP's optimal face, which reduced-cost fixing cuts down to a small MIP: CBC looks
  // there first (its first nodes, without preprocessing: on large-staggered 0.04–3 s where the
  // dive took 1–20 s). Only a plan is taken from it; the proof is the bound it reaches.
  double face_seconds = 0;
  if (two_stages && total(gain, plan) < target) {
    OsiClpSolverInterface face(solver);
    keep_to_face(network, gain, target, face, floor);
    CbcModel cbc(face);
    face_seconds =
        search_better_plan(cbc, target - 1, options, restart_after_nodes, {"-preprocess", "off"});
    result.mip_seconds += face_seconds;
    if (const double* best = cbc.bestSolution()) {
      for (int d = 0; d < decisions; ++d)
        units[std::size_t(d)] = std::llround(best[network.decision_column(d)]);
      keep_if_better(route(network, units));
    }
  }
  // Then the plans that agree with ours wherever the LP does (RINS: Danna, Rothberg and Le Pape,
  // "Exploring relaxation induced neighborhoods to improve MIP solutions", 2005): every column
  // whose LP value equals our plan's is fixed there, and CBC searches what is left for a better
  // plan, within its first nodes. Our plan lies in that neighbourhood, so there is always a
  // plan; only a plan is taken from it, never a bound. In stage 2 the plan it starts from is
  // stage 1's, cheap or not: on large-staggered seed 1 it took the cost from 14,757 to 3,276
  // (the optimum) in 0.2 s, where the dive took 4 s to reach 3,288.
  if (two_stages && total(gain, plan) < target && solver.isProvenOptimal()) {
    OsiClpSolverInterface near(solver);
    const double* lp = solver.getColSolution();
    for (std::size_t c = 0; c < plan.size(); ++c)
      if (std::fabs(lp[c] - double(plan[c])) < 1e-6)
        near.setColBounds(int(c), double(plan[c]), double(plan[c]));
    CbcModel cbc(near);
    SolveOptions left = options;
    left.time_limit_seconds = std::max(0.0, options.time_limit_seconds - result.mip_seconds);
    double took = search_better_plan(cbc, total(gain, plan), left, neighbourhood_nodes);
    face_seconds += took;
    result.mip_seconds += took;
    if (const double* best = cbc.bestSolution()) {
      for (int d = 0; d < decisions; ++d)
        units[std::size_t(d)] = std::llround(best[network.decision_column(d)]);
      keep_if_better(route(network, units));
    }
  }
  if (dive_from >= 0 && total(gain, plan) < target &&
      (long double)(target - total(gain, plan)) >= dive_from) {
    ++result.dives;
    auto dived = two_stages ? dive_in_batches(solver, network) : dive(solver, network);
    if (!dived.empty() && within_windows(network, dived))
      keep_if_better(improve(network, std::move(dived)));
  }
  result.lp_seconds += since(started) - face_seconds;
  if (total(gain, plan) >= target) {
    stage.proven = true;
    stage.bound = total(gain, plan);
    return stage;
  }
  stage.lp_integral = false;
  stage.searched = true;
  if (two_stages && search_in_parts(solver, network, gain, floor, plan, options, result)) {
    stage.proven = true;
    stage.bound = total(gain, plan);
    return stage;
  }
  // CBC is quick to show that nothing beats a plan at the optimum and can be slow to prove
  // one it found itself: a search that finds a better plan within its first nodes starts
  // again with that plan as the cutoff; one that finds none there is run again without a
  // node limit. The plan's gain rises at every restart, so the restarts end.
  std::unique_ptr<CbcModel> cbc;
  const double* best = nullptr;
  for (int nodes = restart_after_nodes;;) {
    cbc = std::make_unique<CbcModel>(solver);
    SolveOptions left = options;  // the time limit holds for all the searches together
    left.time_limit_seconds = std::max(0.0, options.time_limit_seconds - result.mip_seconds);
    std::int64_t before = total(gain, plan);
    result.mip_seconds += search_better_plan(*cbc, before, left, nodes);
    best = cbc->bestSolution();
    if (best) {
      for (int d = 0; d < decisions; ++d)
        units[std::size_t(d)] = std::llround(best[network.decision_column(d)]);
      keep_if_better(route(network, units));
    }
    bool improved = total(gain, plan) > before;
    if (cbc->isProvenOptimal() || cbc->isProvenInfeasible() || nodes < 0 ||
        result.mip_seconds >= options.time_limit_seconds)
      break;
    if (!improved) nodes = -1;
  }
  auto planned = (long double)total(gain, plan);
  // Nothing better than the cutoff proves ours optimal; a better plan proven optimal must
  // also be worth, once routed, what CBC said.
  stage.proven = cbc->isProvenInfeasible() ||
                 (cbc->isProvenOptimal() && best && planned >= -cbc->getObjValue() - 0.5);
  double cbc_bound = -cbc->getBestPossibleObjValue();  // ±huge if CBC stopped early
  stage.bound = stage.proven ? planned
                             : std::max(planned, std::isfinite(cbc_bound) && cbc_bound < 1e300
                                                     ? std::min(lp_bound, (long double)cbc_bound)
                                                     : lp_bound);
  return stage;
}

// The LP of the caveat network into CLP, solved by its primal simplex: zero is primal feasible
// and presolve finds little to remove in a network, so this is the fastest of CLP's methods
// here (docs/performance.md).
void solve_relaxation(OsiClpSolverInterface& solver) {
  solver.setHintParam(OsiDoDualInInitial, false, OsiHintDo);
  solver.setHintParam(OsiDoPresolveInInitial, false, OsiHintDo);
  solver.initialSolve();
}

// A rotation-coupled component through its caveat network, with the weighted objective in one
// stage (docs/models/forcegen.md, "Solution method", path 3). A plan short of the bound by
// options.dive_from_fill_points fill points or more is bettered by a dive where it can.
MipResult solve_weighted(const CaveatNetwork& network, std::int64_t fill_weight,
                         CaveatNetwork::Flows& plan, const SolveOptions& options) {
  MipResult result;
  auto started = Clock::now();
  OsiClpSolverInterface solver;
  load_network(network, solver);
  CancelSimplex on_cancel(options.cancel);
  solver.getModelPtr()->passInEventHandler(&on_cancel);  // copied: the dive's and CBC's too
  solve_relaxation(solver);
  result.lp_seconds += since(started);
  auto stage = run_stage(solver, network, column_values(network), {},
                         options.dive_from_fill_points * (long double)fill_weight, false, plan,
                         options, result);
  result.proven = stage.proven;
  result.lp_integral = stage.proven && stage.lp_integral;
  result.rounded = stage.proven && !stage.lp_integral && !stage.searched;
  result.bound = double(stage.bound);
  return result;
}

// A component with staggered tours, in two stages (docs/models/forcegen.md, "Two stages"):
// the most fill points F*, then the least readiness cost among the plans that earn F*. Each
// stage's objective has small integer coefficients, where the weighted one puts the cost at
// 10^-10 of the plan's value, within CLP's and CBC's tolerances.
MipResult solve_in_two_stages(const CaveatNetwork& network, std::int64_t fill_weight,
                              CaveatNetwork::Flows& plan, const SolveOptions& options) {
  MipResult result;
  auto started = Clock::now();
  // Every column is worth fill points times K (fills) or a readiness cost (supplies), never both.
  std::vector<std::int64_t> fill(network.columns.size(), 0), saving(network.columns.size(), 0);
  for (std::size_t c = 0; c < network.columns.size(); ++c) {
    auto worth = network.columns[c].value;
    if (worth > 0 && worth % fill_weight != 0)
      throw std::logic_error("caveat network: a fill is not worth whole fill points");
    if (worth > 0)
      fill[c] = worth / fill_weight;
    else
      saving[c] = worth;  // a supply's −c·T, an arc's nothing
  }
  OsiClpSolverInterface solver;
  load_network(network, solver);
  for (std::size_t c = 0; c < fill.size(); ++c) solver.setObjCoeff(int(c), -double(fill[c]));
  CancelSimplex on_cancel(options.cancel);
  solver.getModelPtr()->passInEventHandler(&on_cancel);  // copied: the dive's and CBC's too
  solve_relaxation(solver);
  result.lp_seconds += since(started);
  auto first = run_stage(solver, network, fill, {}, options.dive_from_fill_points, true, plan,
                         options, result);
  std::int64_t most_fill = total(fill, plan);

  // Stage 2: the least cost among plans with Σ fill ≥ F* (exact in integers). They lie on stage
  // 1's face, fixed here; the row itself is added unless the face implies it. The first stage's
  // LP optimum lies on both, so the primal simplex goes on from its basis.
  auto second_started = Clock::now();
  bool implied = keep_to_face(network, fill, most_fill, solver);
  Floor floor{&fill, most_fill};
  if (implied) {
    floor = {};
  } else {
    std::vector<int> columns(fill.size());
    std::iota(columns.begin(), columns.end(), 0);
    std::vector<double> coefficients(fill.begin(), fill.end());
    solver.addRow(int(columns.size()), columns.data(), coefficients.data(), double(most_fill),
                  COIN_DBL_MAX);
  }
  for (std::size_t c = 0; c < saving.size(); ++c) solver.setObjCoeff(int(c), -double(saving[c]));
  solver.setHintParam(OsiDoDualInResolve, false, OsiHintDo);
  solver.resolve();
  result.lp_seconds += since(second_started);
  // No dive in stage 2: the neighbourhood search of run_stage finds better plans, sooner.
  auto second = run_stage(solver, network, saving, floor, -1, true, plan, options, result);

  result.proven = first.proven && second.proven;
  result.lp_integral = result.proven && first.lp_integral && second.lp_integral;
  result.rounded = result.proven && !result.lp_integral && !first.searched && !second.searched;
  // Every plan costs at least nothing: without stage 1's proof, K times its bound bounds all.
  result.bound = result.proven  ? double(value(network, plan))
                 : first.proven ? double((long double)fill_weight * most_fill + second.bound)
                                : double((long double)fill_weight * first.bound);
  return result;
}

// A rotation-coupled or staggered component through its caveat network: the plan goes into x.
MipResult solve_coupled(const Component& part, const CaveatNetwork& network,
                        std::int64_t fill_weight, std::vector<int>& x,
                        const SolveOptions& options) {
  CaveatNetwork::Flows plan;
  auto result = network.staggered() ? solve_in_two_stages(network, fill_weight, plan, options)
                                    : solve_weighted(network, fill_weight, plan, options);
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
      solution.stats.split_stages += result.split_stages;
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

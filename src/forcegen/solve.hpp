// Exact solution of the force-generation model.
//
// The model splits into independent components (no variable links two of them). A component
// in which no pledge could serve two rotations within its recovery is a transportation
// problem per rotation: a min-cost flow, solved exactly and integrally by LEMON's
// NetworkSimplex. A component where recovery couples rotations, or with staggered tours, gets
// the MIP on its caveat network: its LP relaxation (CLP) first, rounded down and grown, proven
// optimal when that reaches the LP bound; otherwise CBC branch and cut, with the best plan found
// by rounding and growing, or by diving, as cutoff (docs/models/forcegen.md, "Solution method").
#pragma once

#include <atomic>
#include <functional>
#include <string>
#include <vector>

#include "forcegen/model.hpp"

namespace reassure::forcegen {

// cancelled: the caller stopped the solve; the plan is feasible but claims nothing more.
enum class SolveStatus { optimal, feasible, failed, cancelled };
std::string to_string(SolveStatus status);

// Where a long solve stands, told after each component (components are solved in turn).
struct SolveProgress {
  int components_done = 0, components = 0;
  double seconds = 0;  // since the solve started
};

struct SolveOptions {
  double time_limit_seconds = 60;  // per MIP component
  bool decompose = true;           // false: the whole model goes to CBC as one MIP (the peer)
  // A rotation-coupled component whose rounded plan is this many fill points (model
  // fill_weight) or more below its LP bound dives for a better plan before CBC; 0 dives
  // whenever the plan is short. Exact at any value; below one point CBC closes the gap
  // faster than a dive (docs/performance.md).
  double dive_from_fill_points = 1;
  // Called on the solving thread after each component; may be empty.
  std::function<void(const SolveProgress&)> on_progress;
  // Set (from any thread) to stop: components not begun are skipped, and CLP and CBC stop at
  // their next iteration or node; the solve returns a feasible plan with status `cancelled`.
  const std::atomic<bool>* cancel = nullptr;
};

struct SolveStats {
  int components = 0;
  int network_components = 0;
  int lp_integral_components = 0;  // LP optimum integral: optimal without branching
  int rounded_components = 0;      // LP rounded down and repaired reached the LP bound
  int mip_components = 0;          // needed CBC's branch and cut
  int dived_components = 0;        // dived for a better plan before CBC
  int split_stages = 0;            // stages proven on a face that fell into several parts
  int tour_components = 0;         // with staggered tours: spans of their own, side rows
  int largest_component = 0;       // variables
  long long caveat_network_columns = 0, caveat_network_rows = 0;  // summed over components
  long long tour_columns = 0;  // of those columns, in the spans of staggered tours
  double seconds = 0;
  // Where the time went: min-cost flows, building caveat networks, LP and rounding, CBC.
  double network_seconds = 0, caveat_network_seconds = 0, lp_seconds = 0, mip_seconds = 0;
};

struct Solution {
  SolveStatus status = SolveStatus::failed;
  std::vector<int> x;          // units per model variable
  std::int64_t objective = 0;  // of x
  double bound = 0;            // proven upper bound on the objective
  double gap = 0;              // (bound - objective) / |bound|; 0 when optimal
  SolveStats stats;
};

Solution solve(const Model& model, const SolveOptions& options = {});

// Among the plans worth as much as `best` (per component, so a proven optimum stays proven),
// one that keeps as many as it can of the reference's units: reference[v] is what another plan
// (a variant's reference) put on variable v. Alternative optima otherwise make shortfalls
// "appear" in a variant that changed nothing near them. CBC maximises Σ min(x_v, reference_v)
// on each component where the reference could be kept better than `best` keeps it.
Solution closest_to(const Model& model, const Solution& best, const std::vector<int>& reference,
                    const SolveOptions& options = {});

// What a spreadsheet planner does: requirements by priority, rotation by rotation, each
// filled from the readiest pledges still free. Feasible, not optimal; the baseline to beat.
Solution solve_greedy(const Model& model);

}  // namespace reassure::forcegen

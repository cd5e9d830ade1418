// The compact form of a rotation-coupled component: per tour span (a rotation, or the steps of
// staggered tours that start and end together), pledges reach requirement lines through one hub
// node per distinct set of lines their caveats allow, the hubs linked by set inclusion;
// interchangeable pledges are pooled, and lines reached from the same hubs share a node. A
// pledge × line × tour triple becomes a path, so the columns number about pools × tours plus
// hubs and line nodes, instead of pledges × lines × tours, with the same plans (see
// docs/models/forcegen.md, "The caveat network" and "Staggered tours in the caveat network").
// The spans of staggered tours are tied by packing rows on the fills of the lines they share.
#pragma once

#include <cstdint>
#include <vector>

#include "forcegen/model.hpp"

namespace reassure::forcegen {

struct CaveatNetwork {
  // One column of the compact model. Supplies (units of a pool serving in one of its tours)
  // come first; then arcs between nodes, and fills (units ending at lines of one value).
  // `tail` and `head` are network nodes, -1 where the column starts (supplies) or ends (fills)
  // the flow.
  struct Column {
    int tail = -1, head = -1;
    std::int64_t upper = 0;  // sums of demands: past int for very large sets
    std::int64_t value = 0;  // objective coefficient (to maximise)
    int lines = -1;          // a fill column's lines: index into fill_lines
  };
  // Interchangeable pledges: same recovery, same readiness cost, same lines in the same tours.
  // The model serves them as one stock of units. Pools on the rotations come first, then the
  // side pools of staggered pledges (from first_side_pool).
  struct Pool {
    std::vector<int> pledges;      // model pledges
    std::vector<int> units;        // of each
    int recovery = 0;              // in tours of their own (rotations for pools on the rotations)
    std::int64_t total_units = 0;  // past int: 100,000 pledges of 100,000 units
    std::vector<int> supplies;     // the pool's supply columns, by tour
  };
  // Units of a pool serving in one of its tours: `tour` is the rotation for pools on the
  // rotations, the pledges' own tour index for side pools; the tour's span is the steps
  // [start, start + length).
  struct Supply {
    int pool = 0, tour = 0, start = 0, length = 1;
    std::vector<int> lines;                   // requirements it may serve, sorted
    std::vector<std::vector<int>> variables;  // [pledge in pool][line]: the model variable
  };
  // A packing row, Σ columns ≤ bound: a pool's supplies over its recovery window, or a line's
  // demand over one interval that a staggered tour covers (the line's own fills in the spans
  // covering it).
  struct Window {
    std::vector<int> columns;
    std::int64_t bound = 0;
  };

  // The nodes [first_node, end_node) of one tour span and its columns, sorted by tail node
  // with the supplies last: spans are independent min-cost flows once the decisions are fixed.
  struct Span {
    int first_node = 0, end_node = 0;
    std::vector<int> columns;
  };
  using Flows = std::vector<std::int64_t>;  // per column

  std::vector<Column> columns;  // supplies first
  std::vector<Pool> pools;
  int first_side_pool = 0;  // pools from here hold staggered pledges
  std::vector<Supply> supplies;
  std::vector<Window> windows;
  std::vector<std::vector<int>> windows_of_column;
  std::vector<Span> spans;  // by start, then length
  int nodes = 0;
  // The lines behind each fill column, with their demand: lines of one span reached from the
  // same hubs and worth the same, interchangeable.
  std::vector<std::vector<std::pair<int, int>>> fill_lines;  // (requirement, units)
  // The fills that some line's demand row over a staggered tour holds: with the supplies,
  // what a plan decides (the rest follows by routing each span).
  std::vector<int> decision_fills;
  long long tour_columns = 0;  // columns of the spans that are not whole rotations

  int supply_columns() const { return int(supplies.size()); }
  bool staggered() const { return first_side_pool < int(pools.size()); }
  int decisions() const { return supply_columns() + int(decision_fills.size()); }
  int decision_column(int d) const {
    return d < supply_columns() ? d : decision_fills[std::size_t(d - supply_columns())];
  }
};

// The compact form of one component. Exact because every variable's value is its line's worth
// less its pledge's readiness cost, as build_model() makes it.
CaveatNetwork caveat_network(const Model& model, const Component& part);

// The best plan for the given decisions (units per supply, then per decision fill, each an upper
// limit; see decision_column): per span a min-cost flow, exact and integral. A plan's own
// decisions give a plan worth at least as much.
CaveatNetwork::Flows route(const CaveatNetwork& network,
                           const std::vector<std::int64_t>& decisions);

// A maximal plan from feasible decisions (the LP's rounded down): span by span, the best
// routing when each supply and fill may grow to what its rows leave free given the others.
CaveatNetwork::Flows improve(const CaveatNetwork& network,
                             const std::vector<std::int64_t>& decisions);

std::int64_t value(const CaveatNetwork& network, const CaveatNetwork::Flows& flows);

// Adds the units of a plan to the model variables of the component: each pool's units are
// dealt to its pledges tour by tour, and each unit follows a path from its pool through the
// hubs to a line.
void assign(const CaveatNetwork& network, CaveatNetwork::Flows flows, std::vector<int>& x);

}  // namespace reassure::forcegen

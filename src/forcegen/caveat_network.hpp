// The compact form of a rotation-coupled component: per rotation, pledges reach requirement
// lines through one hub node per distinct set of lines their caveats allow, the hubs linked by
// set inclusion; interchangeable pledges are pooled, and lines reached from the same hubs share
// a node. A pledge × line × rotation triple becomes a path, so the columns number about
// pools × rotations plus hubs and line groups, instead of pledges × lines × rotations, with the
// same plans (see docs/models/forcegen.md, "Caveat network"). Pledges whose tours are not whole
// rotations (staggered) keep their tour-start variables as side columns, pooled the same way
// and tied to the network by packing rows ("Staggered tours in the caveat network").
#pragma once

#include <cstdint>
#include <vector>

#include "forcegen/model.hpp"

namespace reassure::forcegen {

struct CaveatNetwork {
  // One column of the compact model. Supplies (units of a pool serving in a rotation) come
  // first; then arcs between nodes, and fills (units ending at lines of one value); the side
  // columns (a side pool's units on one line and tour) last. `tail` and `head` are
  // network nodes, -1 where the column starts (supplies) or ends (fills) the flow; side columns
  // have neither.
  struct Column {
    int tail = -1, head = -1;
    std::int64_t upper = 0;  // sums of demands: past int for very large sets
    std::int64_t value = 0;  // objective coefficient (to maximise)
    int lines = -1;          // a fill column's lines: index into fill_lines
  };
  // Interchangeable pledges: same recovery, same readiness cost, same lines in the same
  // rotations. The model serves them as one stock of units.
  struct Pool {
    std::vector<int> pledges;  // model pledges
    std::vector<int> units;    // of each
    int recovery = 0;
    std::int64_t total_units = 0;  // past int: 100,000 pledges of 100,000 units
    std::vector<int> supplies;     // the pool's supply columns, by rotation
  };
  // Units of a pool serving in one rotation.
  struct Supply {
    int pool = 0, rotation = 0;
    std::vector<int> lines;                   // requirements it may serve, sorted
    std::vector<std::vector<int>> variables;  // [pledge in pool][line]: the model variable
  };
  // A packing row, Σ columns ≤ bound: a pool's supplies over its recovery window, a side
  // pool's side columns over its own, or a line's demand over one interval (its own fill in
  // that rotation plus the side columns covering the interval).
  struct Window {
    std::vector<int> columns;
    std::int64_t bound = 0;
  };

  // Interchangeable staggered pledges: the same tours (index, start and length), recovery,
  // readiness cost and lines in each tour. One stock of units, dealt back like a pool's.
  struct SidePool {
    std::vector<int> pledges;  // model pledges
    std::vector<int> units;    // of each
    int recovery = 0;          // in tours of their own
    std::int64_t total_units = 0;
    std::vector<int> columns;  // its side columns, by tour and line
  };
  // A side column: a side pool's units on one line in one of its tours.
  struct Side {
    int pool = 0, tour = 0;
    std::vector<int> variables;  // [pledge in pool]: the model variable
  };

  // The nodes [first_node, end_node) of one rotation and its columns, sorted by tail node with
  // the supplies last: rotations are independent min-cost flows once supplies are fixed.
  struct Rotation {
    int first_node = 0, end_node = 0;
    std::vector<int> columns;
  };
  using Flows = std::vector<std::int64_t>;  // per column

  std::vector<Column> columns;  // supplies first
  std::vector<Pool> pools;
  std::vector<Supply> supplies;
  std::vector<Window> windows;
  std::vector<std::vector<int>> windows_of_column;
  std::vector<Rotation> rotations;
  int nodes = 0;
  // The lines behind each fill column, with their demand: lines of one rotation reached from
  // the same hubs and worth the same, interchangeable.
  std::vector<std::vector<std::pair<int, int>>> fill_lines;  // (requirement, units)

  std::vector<SidePool> side_pools;
  std::vector<Side> side;  // behind each side column, in column order

  int supply_columns() const { return int(supplies.size()); }
  int first_side_column() const { return int(columns.size() - side.size()); }
  // The columns a plan chooses; the rest follows by routing: supplies, then side columns.
  int decisions() const { return supply_columns() + int(side.size()); }
  int decision_column(int d) const {
    return d < supply_columns() ? d : first_side_column() + d - supply_columns();
  }
};

// The compact form of one component. Exact because every variable's value is its line's worth
// less its pledge's readiness cost, as build_model() makes it.
CaveatNetwork caveat_network(const Model& model, const Component& part);

// The best plan for the given decisions (units per pool and rotation, each an upper limit, then
// the side columns, kept as they are; see decision_column): per rotation a min-cost flow, exact
// and integral, each line's own fill capped by what the side columns leave of its demand.
CaveatNetwork::Flows route(const CaveatNetwork& network,
                           const std::vector<std::int64_t>& decisions);

// A maximal plan from feasible decisions (the LP's rounded down): rotation by rotation, the
// best routing when each supply and own fill may grow to what its rows leave free given the
// others; then each side column, the most valuable first, grows as far as its rows allow.
CaveatNetwork::Flows improve(const CaveatNetwork& network,
                             const std::vector<std::int64_t>& decisions);

std::int64_t value(const CaveatNetwork& network, const CaveatNetwork::Flows& flows);

// Adds the units of a plan to the model variables of the component: each unit follows a path
// from its pledge through the hubs to a line; a side column's units are dealt to the side
// pool's pledges tour by tour.
void assign(const CaveatNetwork& network, CaveatNetwork::Flows flows, std::vector<int>& x);

}  // namespace reassure::forcegen

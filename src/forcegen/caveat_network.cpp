#include "forcegen/caveat_network.hpp"

#include <lemon/network_simplex.h>
#include <lemon/static_graph.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <numeric>
#include <stdexcept>
#include <tuple>
#include <unordered_map>

namespace reassure::forcegen {

namespace {

// A unit's worth on a line for the steps [start, start + length) of a tour: the line's part of
// its value, K π m σ with σ the steps of the tour inside the line's period. A line whose dates
// cut a rotation is served for the steps of the rotation inside its period.
std::int64_t line_value(const Model& model, int requirement, int start, int length) {
  const auto& q = model.requirements[requirement];
  int served = std::min(q.end_step, start + length) - std::max(q.first_step, start);
  return model.fill_weight * q.priority * q.personnel * served;
}

// Pledges with a tour that is not one whole rotation: their pools are side pools.
std::vector<bool> staggered_pledges(const Model& model, const Component& part) {
  std::vector<bool> staggered(model.pledges.size(), false);
  int s = model.steps_per_rotation;
  for (int v : part.variables) {
    const auto& var = model.variables[v];
    if (var.start % s != 0 || var.length != s) staggered[var.pledge] = true;
  }
  return staggered;
}

using Bits = std::vector<std::uint64_t>;

bool subset(const Bits& a, const Bits& b) {
  for (std::size_t w = 0; w < a.size(); ++w)
    if (a[w] & ~b[w]) return false;
  return true;
}

// Walks entries sorted by pledge, one pledge's block [a, b) at a time, and finds its pool by
// the signature of what makes pledges interchangeable (recovery, cost, then what the caller
// adds per entry); join(pool, fresh, a, b) creates the pool when fresh and adds the pledge.
// Pools are numbered in order of first appearance.
template <class Entry, class Signature, class Join>
void group_into_pools(const Model& model, const std::vector<Entry>& entries,
                      Signature add_to_signature, Join join) {
  std::map<std::vector<std::int64_t>, int> pool_of_signature;
  for (std::size_t a = 0; a < entries.size();) {
    std::size_t b = a;
    while (b < entries.size() && entries[b].pledge == entries[a].pledge) ++b;
    const auto& pledge = model.pledges[entries[a].pledge];
    std::vector<std::int64_t> signature{pledge.recovery, pledge.cost};
    for (std::size_t e = a; e < b; ++e) add_to_signature(entries[e], signature);
    int next = int(pool_of_signature.size());
    auto [it, fresh] = pool_of_signature.emplace(std::move(signature), next);
    join(it->second, fresh, a, b);
    a = b;
  }
}

// A unit that serves rests `recovery` tours: in any recovery+1 consecutive tours a pool serves
// with at most its units. Only the maximal such sets of its tours matter, and a set of one
// tour is already the supply's bound.
void add_pool_windows(const CaveatNetwork::Pool& pool, CaveatNetwork& network) {
  const auto& list = pool.supplies;
  std::size_t last_end = 0;
  for (std::size_t a = 0; a < list.size(); ++a) {
    std::size_t b = a;
    while (b + 1 < list.size() &&
           network.supplies[list[b + 1]].tour - network.supplies[list[a]].tour <= pool.recovery)
      ++b;
    if (b + 1 > last_end && b > a) {
      network.windows.push_back(
          {{list.begin() + std::ptrdiff_t(a), list.begin() + std::ptrdiff_t(b) + 1},
           pool.total_units});  // supply indices are their columns
    }
    last_end = std::max(last_end, b + 1);
  }
}

// Groups the component's pledges on the rotations (or, with `side`, its staggered pledges)
// into pools of interchangeable ones (same recovery, same cost, same lines in the same tours),
// and each pool's variables by tour: rotations on the rotations; the pledges' own tours,
// start and length alike, for side pools. Pooling is exact: units that rest alike can always
// be dealt back to their pledges (see assign()).
void collect_pools(const Model& model, const Component& part, const std::vector<bool>& staggered,
                   bool side, CaveatNetwork& network) {
  // (pledge, tour, requirement, variable), sorted: each pledge's lines tour by tour.
  struct Entry {
    int pledge, tour, requirement, variable;
    bool operator<(const Entry& o) const {
      return std::tie(pledge, tour, requirement) < std::tie(o.pledge, o.tour, o.requirement);
    }
  };
  std::vector<Entry> entries;
  if (!side) entries.reserve(part.variables.size());
  for (int v : part.variables) {
    const auto& var = model.variables[v];
    if (staggered[var.pledge] != side) continue;
    if (var.value != line_value(model, var.requirement, var.start, var.length) -
                         model.pledges[var.pledge].cost * var.length)
      throw std::logic_error("caveat network: a variable's value is not its line's less its cost");
    entries.push_back({var.pledge, side ? var.tour : var.rotation, var.requirement, v});
  }
  std::sort(entries.begin(), entries.end());

  auto signature = [&](const Entry& entry, std::vector<std::int64_t>& signature) {
    if (side) {
      const auto& var = model.variables[entry.variable];
      signature.insert(signature.end(), {var.tour, var.start, var.length, var.requirement});
    } else {
      signature.push_back(entry.tour);
      signature.push_back(entry.requirement);
    }
  };
  int first = int(network.pools.size());
  group_into_pools(model, entries, signature,
                   [&](int id, bool fresh, std::size_t a, std::size_t b) {
                     const auto& pledge = model.pledges[entries[a].pledge];
                     if (fresh) {
                       network.pools.push_back({{}, {}, pledge.recovery, 0, {}});
                       auto& pool = network.pools.back();
                       for (std::size_t e = a; e < b; ++e) {
                         if (e == a || entries[e].tour != entries[e - 1].tour) {
                           const auto& var = model.variables[entries[e].variable];
                           pool.supplies.push_back(int(network.supplies.size()));
                           network.supplies.push_back(
                               {first + id, entries[e].tour, var.start, var.length, {}, {}});
                         }
                         network.supplies.back().lines.push_back(entries[e].requirement);
                       }
                     }
                     auto& pool = network.pools[std::size_t(first + id)];
                     pool.pledges.push_back(entries[a].pledge);
                     pool.units.push_back(pledge.units);
                     pool.total_units += pledge.units;
                     std::size_t e = a;
                     for (int s : pool.supplies) {
                       auto& supply = network.supplies[s];
                       supply.variables.emplace_back();
                       for (std::size_t k = 0; k < supply.lines.size(); ++k, ++e)
                         supply.variables.back().push_back(entries[e].variable);
                     }
                   });
  for (std::size_t p = std::size_t(first); p < network.pools.size(); ++p)
    add_pool_windows(network.pools[p], network);
}

// A line's own fill in one span: (line, start, length) -> its fill column.
using OwnFills = std::map<std::tuple<int, int, int>, int>;

// One span's hubs: a node per distinct line set, an arc to each maximal proper subset among
// the sets, and the lines no subset covers hanging from the hub itself. From a hub, exactly
// its set is reachable. Lines hanging from the same hubs are interchangeable in the span:
// they share one node (none when a single hub holds them) and one fill column per value,
// except the lines staggered tours may serve (`own`), which get a fill column of their own:
// their demand rows hold it.
void add_span(const Model& model, const std::vector<int>& supplies, const std::vector<bool>& own,
              OwnFills& own_fill, CaveatNetwork& network) {
  int start = network.supplies[supplies[0]].start, length = network.supplies[supplies[0]].length;
  std::map<std::vector<int>, int> set_index;
  std::vector<std::vector<int>> sets;
  std::vector<int> hub_of_supply;
  for (int s : supplies) {
    const auto& lines = network.supplies[s].lines;
    auto [it, fresh] = set_index.emplace(lines, int(sets.size()));
    if (fresh) sets.push_back(lines);
    hub_of_supply.push_back(it->second);
  }
  // Local numbering of the span's lines for the bit sets.
  std::map<int, int> local;
  for (const auto& set : sets)
    for (int line : set) local.emplace(line, 0);
  std::vector<int> line_of_local;
  for (auto& [line, id] : local) {
    id = int(line_of_local.size());
    line_of_local.push_back(line);
  }
  std::size_t words = (line_of_local.size() + 63) / 64;
  std::vector<Bits> bits(sets.size(), Bits(words, 0));
  for (std::size_t h = 0; h < sets.size(); ++h)
    for (int line : sets[h]) bits[h][local[line] / 64] |= std::uint64_t(1) << (local[line] % 64);

  std::vector<std::vector<int>> children(sets.size());
  std::vector<std::vector<int>> parents(line_of_local.size());  // hubs a line hangs from
  for (std::size_t h = 0; h < sets.size(); ++h) {
    std::vector<int> inside;
    for (std::size_t t = 0; t < sets.size(); ++t)
      if (sets[t].size() < sets[h].size() && subset(bits[t], bits[h])) inside.push_back(int(t));
    for (int t : inside) {
      bool maximal = true;
      for (int u : inside)
        if (u != t && sets[u].size() > sets[t].size() && subset(bits[t], bits[u])) maximal = false;
      if (maximal) children[h].push_back(t);
    }
    Bits covered(words, 0);
    for (int t : children[h])
      for (std::size_t w = 0; w < words; ++w) covered[w] |= bits[t][w];
    for (int line : sets[h]) {
      int id = local[line];
      if (!(covered[id / 64] >> (id % 64) & 1)) parents[id].push_back(int(h));
    }
  }
  std::map<std::vector<int>, std::vector<int>> lines_of_parents;
  for (std::size_t id = 0; id < parents.size(); ++id)
    lines_of_parents[parents[id]].push_back(line_of_local[id]);

  CaveatNetwork::Span block;
  block.first_node = network.nodes;
  std::size_t first_column = network.columns.size();
  int first_hub = network.nodes;
  network.nodes += int(sets.size());
  // An arc never carries more than the lines beyond it can take.
  std::vector<std::int64_t> demand(sets.size(), 0);
  for (std::size_t h = 0; h < sets.size(); ++h)
    for (int line : sets[h]) demand[h] += model.requirements[line].units;
  for (std::size_t h = 0; h < sets.size(); ++h)
    for (int t : children[h])
      network.columns.push_back({first_hub + int(h), first_hub + t, demand[t]});
  for (const auto& [hubs, lines] : lines_of_parents) {
    int node = first_hub + hubs[0];
    std::int64_t total = 0;
    std::map<std::pair<std::int64_t, int>, std::vector<std::pair<int, int>>> by_value;
    for (int line : lines) {
      int units = model.requirements[line].units;
      total += units;
      by_value[{line_value(model, line, start, length), own[line] ? line : -1}].emplace_back(line,
                                                                                             units);
    }
    if (hubs.size() > 1) {
      node = network.nodes++;
      for (int h : hubs) network.columns.push_back({first_hub + h, node, total});
    }
    for (auto& [key, members] : by_value) {
      std::int64_t units = 0;
      for (auto [line, u] : members) units += u;
      if (key.second >= 0) own_fill[{key.second, start, length}] = int(network.columns.size());
      network.columns.push_back({node, -1, units, key.first, int(network.fill_lines.size())});
      network.fill_lines.push_back(std::move(members));
    }
  }
  block.end_node = network.nodes;
  for (std::size_t i = 0; i < supplies.size(); ++i)
    network.columns[supplies[i]].head = first_hub + hub_of_supply[i];
  if (start % model.steps_per_rotation != 0 || length != model.steps_per_rotation)
    network.tour_columns += (long long)(network.columns.size() - first_column + supplies.size());
  network.spans.push_back(std::move(block));
}

// The rows that tie the spans: each demand row of the tour-start model that holds a staggered
// tour, over the line's own fills in the spans covering its interval. A row left with one
// fill is that fill's bound. The fills in a row are decisions.
void add_side_rows(const Model& model, const Component& part, const std::vector<bool>& staggered,
                   const OwnFills& own_fill, CaveatNetwork& network) {
  std::vector<int> held;
  for (int r : part.demand_rows) {
    const auto& row = model.demand_rows[r];
    CaveatNetwork::Window window{{}, row.bound};
    auto staggered_tour = [&](int v) { return staggered[model.variables[v].pledge]; };
    if (std::none_of(row.variables.begin(), row.variables.end(), staggered_tour))
      continue;  // the line's fill bound already says it
    for (int v : row.variables) {
      const auto& var = model.variables[v];
      window.columns.push_back(own_fill.at({var.requirement, var.start, var.length}));
    }
    // Tours of one span share the fill.
    std::sort(window.columns.begin(), window.columns.end());
    window.columns.erase(std::unique(window.columns.begin(), window.columns.end()),
                         window.columns.end());
    std::int64_t upper = 0;
    for (int c : window.columns) upper += network.columns[std::size_t(c)].upper;
    if (upper <= window.bound) continue;
    held.insert(held.end(), window.columns.begin(), window.columns.end());
    network.windows.push_back(std::move(window));
  }
  std::sort(held.begin(), held.end());
  held.erase(std::unique(held.begin(), held.end()), held.end());
  network.decision_fills = std::move(held);
}

}  // namespace

CaveatNetwork caveat_network(const Model& model, const Component& part) {
  CaveatNetwork network;
  auto staggered = staggered_pledges(model, part);
  collect_pools(model, part, staggered, false, network);
  network.first_side_pool = int(network.pools.size());
  // Most components have no staggered pledge: skip the passes over all their variables.
  bool any_staggered = std::find(staggered.begin(), staggered.end(), true) != staggered.end();
  if (any_staggered) collect_pools(model, part, staggered, true, network);
  for (const auto& supply : network.supplies) {
    const auto& pool = network.pools[supply.pool];
    network.columns.push_back(
        {-1, -1, pool.total_units, -model.pledges[pool.pledges[0]].cost * supply.length});
  }
  std::vector<bool> own(model.requirements.size(), false);
  if (any_staggered)
    for (int v : part.variables)
      if (staggered[model.variables[v].pledge]) own[model.variables[v].requirement] = true;
  OwnFills own_fill;
  std::map<std::pair<int, int>, std::vector<int>> by_span;  // (start, length) -> supplies
  for (std::size_t s = 0; s < network.supplies.size(); ++s)
    by_span[{network.supplies[s].start, network.supplies[s].length}].push_back(int(s));
  for (auto& [span, supplies] : by_span) add_span(model, supplies, own, own_fill, network);
  // Each span's columns, sorted by tail with the supplies (out of the source) last.
  for (std::size_t c = 0; c < network.columns.size(); ++c) {
    int node = c < network.supplies.size() ? network.columns[c].head : network.columns[c].tail;
    auto it = std::upper_bound(network.spans.begin(), network.spans.end(), node,
                               [](int n, const auto& span) { return n < span.end_node; });
    it->columns.push_back(int(c));
  }
  for (auto& span : network.spans)
    std::stable_sort(span.columns.begin(), span.columns.end(), [&](int a, int b) {
      auto key = [&](int c) {
        return c < network.supply_columns() ? network.nodes : network.columns[c].tail;
      };
      return key(a) < key(b);
    });
  if (any_staggered) add_side_rows(model, part, staggered, own_fill, network);
  network.windows_of_column.assign(network.columns.size(), {});
  for (std::size_t w = 0; w < network.windows.size(); ++w)
    for (int c : network.windows[w].columns) network.windows_of_column[c].push_back(int(w));
  return network;
}

namespace {

// The best routing of one span, each of its columns capped by caps[column]: a min-cost flow.
// Writes the flow of each of the span's columns.
void route_span(const CaveatNetwork& network, const CaveatNetwork::Span& span,
                const std::vector<std::int64_t>& caps, CaveatNetwork::Flows& flows) {
  using Graph = lemon::StaticDigraph;
  int source = span.end_node - span.first_node, sink = source + 1;
  auto local = [&](int node, int outside) { return node < 0 ? outside : node - span.first_node; };
  // StaticDigraph wants arcs sorted by tail: the span's columns are (supplies, whose tail
  // is the source, last), and the bypass comes after them.
  std::vector<std::pair<int, int>> arcs;
  arcs.reserve(span.columns.size() + 1);
  std::int64_t total = 0;
  for (int c : span.columns) {
    const auto& column = network.columns[c];
    arcs.emplace_back(local(column.tail, source), local(column.head, sink));
    if (c < network.supply_columns()) total += caps[c];
  }
  arcs.emplace_back(source, sink);  // units may stay at home
  Graph graph;
  graph.build(source + 2, arcs.begin(), arcs.end());
  Graph::ArcMap<std::int64_t> upper(graph), cost(graph);
  for (std::size_t a = 0; a < span.columns.size(); ++a) {
    int c = span.columns[a];
    upper[graph.arc(int(a))] = caps[c];
    cost[graph.arc(int(a))] = -network.columns[c].value;
  }
  upper[graph.arc(int(span.columns.size()))] = total;
  cost[graph.arc(int(span.columns.size()))] = 0;
  Graph::NodeMap<std::int64_t> supply(graph, 0);
  supply[graph.node(source)] = total;
  supply[graph.node(sink)] = -total;
  lemon::NetworkSimplex<Graph, std::int64_t, std::int64_t> simplex(graph);
  simplex.upperMap(upper).costMap(cost).supplyMap(supply).run();  // feasible: the bypass
  for (std::size_t a = 0; a < span.columns.size(); ++a)
    flows[span.columns[a]] = simplex.flow(graph.arc(int(a)));
}

// A plan being built: its flows and what each packing row holds of them, so that a column
// can be told what its rows leave it given all the others.
class Builder {
 public:
  Builder(const CaveatNetwork& network, const std::vector<std::int64_t>& decisions)
      : network_(network),
        flows_(network.columns.size(), 0),
        load_(network.windows.size(), 0),
        decision_(network.columns.size(), false) {
    if (int(decisions.size()) != network.decisions())
      throw std::logic_error("caveat network: one value per supply and decision fill expected");
    for (int d = 0; d < network.decisions(); ++d) {
      decision_[std::size_t(network.decision_column(d))] = true;
      set(network.decision_column(d), decisions[d]);
    }
  }

  std::int64_t room(int c) const {
    std::int64_t cap = network_.columns[c].upper;
    for (int w : network_.windows_of_column[c])
      cap = std::min(cap, network_.windows[w].bound - (load_[w] - flows_[c]));
    return std::max<std::int64_t>(cap, 0);
  }

  void set(int c, std::int64_t amount) {
    for (int w : network_.windows_of_column[c]) load_[w] += amount - flows_[c];
    flows_[c] = amount;
  }

  // Re-routes a span, each decision capped by `grow` ? its room : its current amount (within
  // its room, for a fill), every other column by its room.
  void route(const CaveatNetwork::Span& span, bool grow, std::vector<std::int64_t>& caps,
             CaveatNetwork::Flows& routed) {
    for (int c : span.columns)
      caps[c] = grow || !decision_[c]           ? room(c)
                : c < network_.supply_columns() ? flows_[c]
                                                : std::min(flows_[c], room(c));
    route_span(network_, span, caps, routed);
    for (int c : span.columns) set(c, routed[c]);
  }

  CaveatNetwork::Flows& flows() { return flows_; }

 private:
  const CaveatNetwork& network_;
  CaveatNetwork::Flows flows_;
  std::vector<std::int64_t> load_;
  std::vector<bool> decision_;
};

CaveatNetwork::Flows build_plan(const CaveatNetwork& network,
                                const std::vector<std::int64_t>& decisions, bool grow) {
  Builder plan(network, decisions);
  std::vector<std::int64_t> caps(network.columns.size(), 0);
  CaveatNetwork::Flows routed(network.columns.size(), 0);
  for (const auto& span : network.spans) plan.route(span, grow, caps, routed);
  return std::move(plan.flows());
}

}  // namespace

CaveatNetwork::Flows route(const CaveatNetwork& network,
                           const std::vector<std::int64_t>& decisions) {
  return build_plan(network, decisions, false);
}

CaveatNetwork::Flows improve(const CaveatNetwork& network,
                             const std::vector<std::int64_t>& decisions) {
  return build_plan(network, decisions, true);
}

std::int64_t value(const CaveatNetwork& network, const CaveatNetwork::Flows& flows) {
  std::int64_t total = 0;
  for (std::size_t c = 0; c < flows.size(); ++c) total += network.columns[c].value * flows[c];
  return total;
}

namespace {

// Deals a pool's units out to its pledges, time by time (rotations, or a side pool's tours,
// ascending), each pledge taking what its own units leave free over its recovery: the pool's
// windows guarantee there is always room. `amount[i]` units serve at `time[i]`; returns the
// units of each pledge (by position in the pool) at each time.
std::vector<std::vector<std::int64_t>> deal(const std::vector<int>& pledge_units, int recovery,
                                            const std::vector<int>& time,
                                            const std::vector<std::int64_t>& amount) {
  std::size_t n = time.size();
  std::vector<std::vector<std::int64_t>> units(pledge_units.size(),
                                               std::vector<std::int64_t>(n, 0));
  for (std::size_t i = 0; i < n; ++i) {
    std::int64_t left = amount[i];
    for (std::size_t m = 0; m < pledge_units.size() && left > 0; ++m) {
      std::int64_t free = pledge_units[m];
      for (std::size_t j = 0; j < i; ++j)
        if (time[i] - time[j] <= recovery) free -= units[m][j];
      std::int64_t take = std::min(left, free);
      if (take <= 0) continue;
      units[m][i] = take;
      left -= take;
    }
    if (left > 0) throw std::logic_error("caveat network: a pool's units do not deal out");
  }
  return units;
}

std::vector<std::vector<std::int64_t>> deal(const CaveatNetwork& network,
                                            const CaveatNetwork::Pool& pool,
                                            const CaveatNetwork::Flows& flows) {
  std::vector<int> tour;
  std::vector<std::int64_t> amount;
  for (int s : pool.supplies) {
    tour.push_back(network.supplies[std::size_t(s)].tour);
    amount.push_back(flows[std::size_t(s)]);
  }
  return deal(pool.units, pool.recovery, tour, amount);
}

}  // namespace

void assign(const CaveatNetwork& network, CaveatNetwork::Flows left, std::vector<int>& x) {
  // Decompose the flow into paths from a pool's hub to a fill column: the hub graph of a span is
  // acyclic and a hub reaches exactly the lines of its set, so each path ends at lines its
  // pledges may serve in that tour. A fill column's units go to its lines in turn, each up to
  // its demand.
  std::vector<std::vector<int>> out(network.nodes);
  for (int c = network.supply_columns(); c < int(network.columns.size()); ++c)
    if (left[c] > 0) out[network.columns[c].tail].push_back(c);
  std::vector<std::size_t> next(network.nodes, 0);
  std::vector<std::size_t> member(network.fill_lines.size(), 0);  // the line being filled
  std::vector<int> filled(network.fill_lines.size(), 0);          // units it has so far
  std::vector<int> path;
  for (const auto& pool : network.pools) {
    auto units = deal(network, pool, left);
    for (std::size_t i = 0; i < pool.supplies.size(); ++i) {
      const auto& supply = network.supplies[pool.supplies[i]];
      for (std::size_t m = 0; m < pool.pledges.size(); ++m) {
        std::int64_t unplaced = units[m][i];
        while (unplaced > 0) {
          path.clear();
          int node = network.columns[pool.supplies[i]].head;
          std::int64_t amount = unplaced;
          for (;;) {
            while (left[out[node][next[node]]] == 0) ++next[node];
            int c = out[node][next[node]];
            path.push_back(c);
            amount = std::min(amount, left[c]);
            if (network.columns[c].head < 0) break;
            node = network.columns[c].head;
          }
          int fill = network.columns[path.back()].lines;
          auto [line, demand] = network.fill_lines[fill][member[fill]];
          amount = std::min<std::int64_t>(amount, demand - filled[fill]);
          filled[fill] += int(amount);
          if (filled[fill] == demand) ++member[fill], filled[fill] = 0;
          for (int c : path) left[c] -= amount;
          unplaced -= amount;
          auto k = std::lower_bound(supply.lines.begin(), supply.lines.end(), line) -
                   supply.lines.begin();
          x[supply.variables[m][std::size_t(k)]] += int(amount);
        }
      }
    }
  }
}

}  // namespace reassure::forcegen

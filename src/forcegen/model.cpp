#include "forcegen/model.hpp"

#include <algorithm>
#include <climits>
#include <cstdint>
#include <map>
#include <numeric>

namespace reassure::forcegen {

std::int64_t Model::objective(const std::vector<int>& x) const {
  // build_model keeps every plan's value under 2^53; an infeasible x may not be, and its sum
  // is formed in 128 bits and capped rather than wrapped.
  Wide total = 0;
  for (std::size_t v = 0; v < variables.size(); ++v) total += Wide(variables[v].value) * x[v];
  return std::int64_t(std::clamp<Wide>(total, INT64_MIN, INT64_MAX));
}

namespace {

bool fits(const Row& row, const std::vector<int>& x) {
  long long sum = 0;
  for (int v : row.variables) sum += x[v];
  return sum <= row.bound;
}

}  // namespace

bool Model::feasible(const std::vector<int>& x) const {
  for (std::size_t v = 0; v < variables.size(); ++v)
    if (x[v] < 0 || x[v] > variables[v].upper) return false;
  for (const auto* rows : {&demand_rows, &window_rows})
    for (const auto& row : *rows)
      if (!fits(row, x)) return false;
  return true;
}

bool feasible_within(const Model& model, const Component& part, const std::vector<int>& x) {
  for (int v : part.variables)
    if (x[v] < 0 || x[v] > model.variables[v].upper) return false;
  for (int r : part.demand_rows)
    if (!fits(model.demand_rows[r], x)) return false;
  for (int r : part.window_rows)
    if (!fits(model.window_rows[r], x)) return false;
  return true;
}

namespace {

std::int64_t readiness_cost(int readiness_days) {
  return std::min(readiness_days, 365) / 30;
}

// Windows [t-k, t] over the pledge's own tours where it has variables; only the maximal ones
// matter, since a window inside another is implied by it.
void add_window_rows(const Model& model, int pledge, const std::vector<int>& vars,
                     std::vector<Row>& rows) {
  const auto& p = model.pledges[pledge];
  std::map<int, std::vector<int>> by_tour;
  for (int v : vars) by_tour[model.variables[v].tour].push_back(v);
  std::vector<int> used;
  for (auto& [t, list] : by_tour) used.push_back(t);

  std::vector<std::pair<int, int>> spans;  // index range into `used`
  for (std::size_t a = 0; a < used.size(); ++a) {
    std::size_t b = a;
    while (b + 1 < used.size() && used[b + 1] - used[a] <= p.recovery) ++b;
    if (spans.empty() || b > std::size_t(spans.back().second)) spans.emplace_back(int(a), int(b));
  }
  for (auto [a, b] : spans) {
    Row row{{}, p.units};
    for (int i = a; i <= b; ++i)
      for (int v : by_tour[used[i]]) row.variables.push_back(v);
    long long upper = 0;
    for (int v : row.variables) upper += model.variables[v].upper;
    if (upper > row.bound) rows.push_back(std::move(row));  // otherwise bounds imply it
  }
}

// A line's demand rows: one per span of steps that the same tours cover (the elementary
// intervals between tour starts and ends), in time order. With the mission's rotations, one
// per rotation.
void add_demand_rows(Model& model, int requirement, const std::vector<int>& vars) {
  const auto& q = model.requirements[requirement];
  std::vector<int> cuts{q.first_step, q.end_step};
  for (int v : vars) {
    const auto& var = model.variables[v];
    cuts.push_back(std::max(q.first_step, var.start));
    cuts.push_back(std::min(q.end_step, var.start + var.length));
  }
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
  for (std::size_t c = 0; c + 1 < cuts.size(); ++c) {
    Row row{{}, q.units};
    long long upper = 0;
    for (int v : vars) {
      const auto& var = model.variables[v];
      if (var.start <= cuts[c] && cuts[c] < var.start + var.length) {
        row.variables.push_back(v);
        upper += var.upper;
      }
    }
    if (upper > row.bound) model.demand_rows.push_back(std::move(row));
  }
}

}  // namespace

Model build_model(const Eligibility& eligibility, std::vector<ExcludedPledge>* excluded) {
  const Scenario& s = eligibility.scenario();
  const Calendar& calendar = eligibility.calendar();
  Model model;
  model.rotations = s.mission.rotations;
  model.steps = calendar.steps();
  model.steps_per_rotation = calendar.steps_per_rotation();

  std::vector<int> requirement_index(s.requirements.size(), -1);
  for (std::size_t i = 0; i < s.requirements.size(); ++i) {
    const auto& q = s.requirements[i];
    const Capability* c = eligibility.capability(q.capability);
    auto [first, end] = calendar.line_steps(q);
    if (!c || first >= end) continue;
    requirement_index[i] = int(model.requirements.size());
    model.requirements.push_back({int(i), q.quantity, calendar.rotation_of(first),
                                  calendar.rotation_of(end - 1), first, end, q.priority,
                                  c->personnel});
  }

  struct Candidate {
    int requirement;
    std::vector<Service> services;
  };
  std::vector<std::pair<int, std::vector<Candidate>>> usable;
  for (std::size_t p = 0; p < s.pledges.size(); ++p) {
    const auto& pledge = s.pledges[p];
    Reason first_reason = eligibility.pledge_usable(pledge);
    std::vector<Candidate> candidates;
    Reason why = first_reason;
    if (first_reason == Reason::eligible) {
      why = Reason::capability;
      for (int i : eligibility.lines_for(pledge.capability)) {
        if (requirement_index[i] < 0) continue;
        Reason r = Reason::eligible;
        auto services = eligibility.services(pledge, s.requirements[i], &r);
        if (services.empty()) {
          why = r;
          continue;
        }
        candidates.push_back({requirement_index[i], std::move(services)});
      }
    }
    if (candidates.empty()) {
      if (excluded) excluded->push_back({int(p), why});
      continue;
    }
    usable.emplace_back(int(p), std::move(candidates));
  }

  // K exceeds every plan's total readiness cost: a pledge's units serve at most one tour at a
  // time, so it spends at most u_p units over the steps its tours span (the mission, or past
  // its end when a tour outlasts it).
  // Every sum below is formed in 128 bits and checked: at the validator's largest values
  // (100,000 pledges and lines of 100,000 units of 100,000 personnel) it passes 2^63.
  Wide max_cost_total = 0;
  for (auto& [p, candidates] : usable) {
    const auto& pledge = s.pledges[p];
    const Capability* c = eligibility.capability(pledge.capability);
    ModelPledge mp{p, pledge.quantity, pledge.recovery_rotations, c->personnel,
                   readiness_cost(pledge.readiness_days)};
    int span = model.steps;
    for (const auto& candidate : candidates)
      for (const auto& service : candidate.services)
        span = std::max(span, service.tour.start + service.tour.length);
    max_cost_total += Wide(mp.cost) * mp.units * span;
    model.pledges.push_back(mp);
  }
  // No plan fills more than every line at every step of its period: that bounds every plan's
  // value, and each coefficient is at most one line's share of it.
  Wide fill_weight = max_cost_total + 1, most = 0;
  for (const auto& q : model.requirements)
    most += fill_weight * q.priority * q.personnel * q.units * (q.end_step - q.first_step);
  if (most > kExactLimit)
    throw ModelTooLarge("the plan's objective could reach " + std::to_string(double(most)) +
                        ", beyond 2^53, the largest value planned exactly (" +
                        std::to_string(model.requirements.size()) + " lines, " +
                        std::to_string(model.pledges.size()) + " pledges, readiness weight " +
                        std::to_string(double(fill_weight)) +
                        "): split the scenario or plan it with smaller quantities or personnel");
  model.fill_weight = std::int64_t(fill_weight);

  std::vector<std::vector<int>> vars_of_pledge(model.pledges.size());
  std::vector<std::vector<int>> vars_of_requirement(model.requirements.size());
  for (std::size_t mp = 0; mp < usable.size(); ++mp) {
    const auto& pledge = model.pledges[mp];
    for (const auto& candidate : usable[mp].second) {
      const auto& q = model.requirements[candidate.requirement];
      for (const auto& service : candidate.services) {
        const auto& tour = service.tour;
        Variable v{int(mp),
                   candidate.requirement,
                   calendar.rotation_of(tour.start),
                   tour.index,
                   tour.start,
                   tour.length,
                   service.served,
                   std::min(pledge.units, q.units),
                   model.fill_weight * q.priority * q.personnel * service.served -
                       pledge.cost * tour.length};
        int index = int(model.variables.size());
        model.variables.push_back(v);
        vars_of_pledge[mp].push_back(index);
        vars_of_requirement[std::size_t(candidate.requirement)].push_back(index);
      }
    }
  }
  for (std::size_t i = 0; i < model.requirements.size(); ++i)
    add_demand_rows(model, int(i), vars_of_requirement[i]);
  for (std::size_t mp = 0; mp < model.pledges.size(); ++mp)
    add_window_rows(model, int(mp), vars_of_pledge[mp], model.window_rows);
  return model;
}

std::vector<Component> components(const Model& model) {
  // Union-find over pledges (0..P-1) and requirements (P..P+R-1).
  int pledges = int(model.pledges.size());
  std::vector<int> parent(pledges + model.requirements.size());
  std::iota(parent.begin(), parent.end(), 0);
  auto find = [&](int a) {
    while (parent[a] != a) a = parent[a] = parent[parent[a]];
    return a;
  };
  for (const auto& v : model.variables) parent[find(v.pledge)] = find(pledges + v.requirement);

  std::map<int, Component> by_root;
  for (std::size_t v = 0; v < model.variables.size(); ++v)
    by_root[find(model.variables[v].pledge)].variables.push_back(int(v));
  for (std::size_t r = 0; r < model.demand_rows.size(); ++r)
    by_root[find(model.variables[model.demand_rows[r].variables[0]].pledge)].demand_rows.push_back(
        int(r));
  for (std::size_t r = 0; r < model.window_rows.size(); ++r) {
    const auto& row = model.window_rows[r];
    auto& component = by_root[find(model.variables[row.variables[0]].pledge)];
    component.window_rows.push_back(int(r));
    int first = model.variables[row.variables.front()].tour;
    for (int v : row.variables)
      if (model.variables[v].tour != first) component.rotation_coupled = true;
  }
  std::vector<Component> result;
  for (auto& [root, component] : by_root) result.push_back(std::move(component));
  return result;
}

}  // namespace reassure::forcegen

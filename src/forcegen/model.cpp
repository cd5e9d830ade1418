#include "forcegen/model.hpp"

#include <algorithm>
#include <map>
#include <numeric>

namespace reassure::forcegen {

std::int64_t Model::objective(const std::vector<int>& x) const {
  std::int64_t total = 0;
  for (std::size_t v = 0; v < variables.size(); ++v) total += variables[v].value * x[v];
  return total;
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

// Windows [t-k, t] over the rotations where the pledge has variables; only the maximal ones
// matter, since a window inside another is implied by it.
void add_window_rows(const Model& model, int pledge, const std::vector<int>& vars,
                     std::vector<Row>& rows) {
  const auto& p = model.pledges[pledge];
  std::map<int, std::vector<int>> by_rotation;
  for (int v : vars) by_rotation[model.variables[v].rotation].push_back(v);
  std::vector<int> used;
  for (auto& [r, list] : by_rotation) used.push_back(r);

  std::vector<std::pair<int, int>> spans;  // index range into `used`
  for (std::size_t a = 0; a < used.size(); ++a) {
    std::size_t b = a;
    while (b + 1 < used.size() && used[b + 1] - used[a] <= p.recovery) ++b;
    if (spans.empty() || b > std::size_t(spans.back().second)) spans.emplace_back(int(a), int(b));
  }
  for (auto [a, b] : spans) {
    Row row{{}, p.units};
    for (int i = a; i <= b; ++i)
      for (int v : by_rotation[used[i]]) row.variables.push_back(v);
    long long upper = 0;
    for (int v : row.variables) upper += model.variables[v].upper;
    if (upper > row.bound) rows.push_back(std::move(row));  // otherwise bounds imply it
  }
}

}  // namespace

Model build_model(const Eligibility& eligibility, std::vector<ExcludedPledge>* excluded) {
  const Scenario& s = eligibility.scenario();
  Model model;
  model.rotations = s.mission.rotations;

  std::vector<int> requirement_index(s.requirements.size(), -1);
  for (std::size_t i = 0; i < s.requirements.size(); ++i) {
    const auto& q = s.requirements[i];
    const Capability* c = eligibility.capability(q.capability);
    int last = std::min(s.last_rotation(q), model.rotations);
    if (!c || q.first_rotation > last) continue;
    requirement_index[i] = int(model.requirements.size());
    model.requirements.push_back(
        {int(i), q.quantity, q.first_rotation, last, q.priority, c->personnel});
  }

  struct Candidate {
    int requirement;
    std::vector<int> rotations;
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
        auto rotations = eligibility.served_rotations(pledge, s.requirements[i], &r);
        if (rotations.empty()) {
          why = r;
          continue;
        }
        candidates.push_back({requirement_index[i], std::move(rotations)});
      }
    }
    if (candidates.empty()) {
      if (excluded) excluded->push_back({int(p), why});
      continue;
    }
    usable.emplace_back(int(p), std::move(candidates));
  }

  std::int64_t max_cost_total = 0;
  for (auto& [p, candidates] : usable) {
    const auto& pledge = s.pledges[p];
    const Capability* c = eligibility.capability(pledge.capability);
    ModelPledge mp{p, pledge.quantity, pledge.recovery_rotations, c->personnel,
                   readiness_cost(pledge.readiness_days)};
    max_cost_total += mp.cost * mp.units * model.rotations;
    model.pledges.push_back(mp);
  }
  model.fill_weight = max_cost_total + 1;

  std::vector<std::vector<int>> vars_of_pledge(model.pledges.size());
  std::map<std::pair<int, int>, std::vector<int>> vars_of_demand;
  for (std::size_t mp = 0; mp < usable.size(); ++mp) {
    const auto& pledge = model.pledges[mp];
    for (const auto& candidate : usable[mp].second) {
      const auto& q = model.requirements[candidate.requirement];
      for (int r : candidate.rotations) {
        Variable v{int(mp), candidate.requirement, r, std::min(pledge.units, q.units),
                   model.fill_weight * q.priority * q.personnel - pledge.cost};
        int index = int(model.variables.size());
        model.variables.push_back(v);
        vars_of_pledge[mp].push_back(index);
        vars_of_demand[{candidate.requirement, r}].push_back(index);
      }
    }
  }
  for (auto& [key, vars] : vars_of_demand) {
    long long upper = 0;
    for (int v : vars) upper += model.variables[v].upper;
    int bound = model.requirements[key.first].units;
    if (upper > bound) model.demand_rows.push_back({vars, bound});
  }
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
    int first = model.variables[row.variables.front()].rotation;
    for (int v : row.variables)
      if (model.variables[v].rotation != first) component.rotation_coupled = true;
  }
  std::vector<Component> result;
  for (auto& [root, component] : by_root) result.push_back(std::move(component));
  return result;
}

}  // namespace reassure::forcegen

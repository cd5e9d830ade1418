#include "forcegen/plan.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <tuple>

namespace reassure::forcegen {

namespace {

std::string status_text(const Solution& solution) {
  if (solution.status != SolveStatus::feasible) return to_string(solution.status);
  char text[64];
  std::snprintf(text, sizeof text, "feasible (gap %.3f%%)", 100.0 * solution.gap);
  return text;
}

// Why nobody could fill a requirement line in a rotation: the reason most pledges of its
// capability gave for that rotation.
std::string no_pledge_reason(const Eligibility& eligibility, const Requirement& requirement,
                             int rotation) {
  std::map<Reason, int> count;
  std::map<Reason, std::string> example;  // a caveat refusal in full, naming its geometry
  int total = 0;
  for (int p : eligibility.pledges_for(requirement.capability)) {
    const Pledge& pledge = eligibility.scenario().pledges[p];
    Reason why = eligibility.why_not(pledge, requirement, rotation);
    ++count[why];
    ++total;
    if (!example.count(why)) {
      auto verdict = eligibility.caveat_verdict(pledge, requirement);
      if (verdict.reason == why && !verdict.detail.empty())
        example[why] = "; pledge " + pledge.id + ": " + describe(verdict);
    }
  }
  if (total == 0) return "no pledge of this capability";
  auto top = std::max_element(count.begin(), count.end(),
                              [](auto& a, auto& b) { return a.second < b.second; });
  return "no eligible pledge (" + std::to_string(top->second) + " of " + std::to_string(total) +
         " pledges of the capability: " + to_string(top->first) + example[top->first] + ")";
}

void add(Fill& fill, int required_units, int filled_units, int personnel) {
  fill.required_units += required_units;
  fill.filled_units += filled_units;
  fill.required_personnel += (long long)required_units * personnel;
  fill.filled_personnel += (long long)filled_units * personnel;
}

}  // namespace

Plan describe(const Eligibility& eligibility, const Model& model, const Solution& solution,
              const std::vector<ExcludedPledge>& excluded) {
  const Scenario& scenario = eligibility.scenario();
  Plan plan;
  plan.scenario = scenario.name;
  plan.as_of = scenario.as_of.iso();
  plan.rotations = model.rotations;
  plan.solution = solution;
  plan.status = status_text(solution);

  // Units filled per (model requirement, rotation), and which requirements had candidates.
  std::map<std::pair<int, int>, int> filled;
  std::map<std::pair<int, int>, bool> had_candidates;
  std::map<std::string, std::map<int, long long>> personnel_by_nation_rotation;
  std::map<std::string, int> unit_rotations;
  for (std::size_t v = 0; v < model.variables.size(); ++v) {
    const auto& var = model.variables[v];
    had_candidates[{var.requirement, var.rotation}] = true;
    int units = solution.x[v];
    if (units == 0) continue;
    filled[{var.requirement, var.rotation}] += units;
    const auto& pledge = scenario.pledges[model.pledges[var.pledge].source];
    const auto& requirement = scenario.requirements[model.requirements[var.requirement].source];
    int personnel = units * model.pledges[var.pledge].personnel;
    plan.assignments.push_back({pledge.id, pledge.nation, pledge.capability, requirement.id,
                                requirement.site, var.rotation, units, personnel});
    personnel_by_nation_rotation[pledge.nation][var.rotation] += personnel;
    unit_rotations[pledge.nation] += units;
  }
  std::sort(plan.assignments.begin(), plan.assignments.end(), [](auto& a, auto& b) {
    return std::tie(a.rotation, a.requirement, a.nation, a.pledge) <
           std::tie(b.rotation, b.requirement, b.nation, b.pledge);
  });

  std::map<std::string, Fill> by_domain;
  std::map<int, Fill> by_rotation;
  for (std::size_t i = 0; i < model.requirements.size(); ++i) {
    const auto& mq = model.requirements[i];
    const auto& requirement = scenario.requirements[mq.source];
    const Capability* capability = eligibility.capability(requirement.capability);
    std::string domain = to_string(capability->domain);
    Fill line{requirement.id};
    for (int r = mq.first; r <= mq.last; ++r) {
      int got = filled.count({int(i), r}) ? filled[{int(i), r}] : 0;
      add(line, mq.units, got, mq.personnel);
      add(by_domain[domain], mq.units, got, mq.personnel);
      add(by_rotation[r], mq.units, got, mq.personnel);
      add(plan.total, mq.units, got, mq.personnel);
      if (got < mq.units) {
        std::string why = had_candidates.count({int(i), r})
                              ? "eligible pledges exhausted (recovery or other lines)"
                              : no_pledge_reason(eligibility, requirement, r);
        plan.shortfalls.push_back({requirement.id, requirement.capability, domain, requirement.site,
                                   r, mq.units - got, (long long)(mq.units - got) * mq.personnel,
                                   why});
      }
    }
    plan.by_requirement.push_back(line);
  }
  for (auto& [domain, fill] : by_domain) {
    fill.key = domain;
    plan.by_domain.push_back(fill);
  }
  for (auto& [rotation, fill] : by_rotation) {
    fill.key = std::to_string(rotation);
    plan.by_rotation.push_back(fill);
  }
  plan.total.key = "total";

  for (auto& [code, per_rotation] : personnel_by_nation_rotation) {
    Burden b;
    b.nation = code;
    const Nation* nation = eligibility.nation(code);
    b.name = nation ? nation->name : code;
    for (auto& [rotation, personnel] : per_rotation) {
      b.personnel_rotations += personnel;
      b.peak_personnel = std::max(b.peak_personnel, personnel);
    }
    b.unit_rotations = unit_rotations[code];
    b.share = plan.total.filled_personnel
                  ? double(b.personnel_rotations) / double(plan.total.filled_personnel)
                  : 0.0;
    plan.burden.push_back(b);
  }
  std::sort(plan.burden.begin(), plan.burden.end(), [](auto& a, auto& b) {
    return a.personnel_rotations != b.personnel_rotations
               ? a.personnel_rotations > b.personnel_rotations
               : a.nation < b.nation;
  });

  for (const auto& e : excluded) {
    const auto& pledge = scenario.pledges[e.source];
    plan.excluded.push_back(
        {pledge.id, pledge.nation, pledge.capability, pledge.quantity, to_string(e.reason)});
  }
  return plan;
}

namespace {

// The reference plan's units on each of the model's variables (pledge, line and rotation
// matched by id: the variant may have added or removed pledges and lines).
std::vector<int> reference_units(const Scenario& scenario, const Model& model,
                                 const Plan& reference) {
  std::map<std::tuple<std::string, std::string, int>, int> units;
  for (const auto& a : reference.assignments)
    units[{a.pledge, a.requirement, a.rotation}] += a.units;
  std::vector<int> result(model.variables.size(), 0);
  for (std::size_t v = 0; v < model.variables.size(); ++v) {
    const auto& var = model.variables[v];
    auto it = units.find({scenario.pledges[model.pledges[var.pledge].source].id,
                          scenario.requirements[model.requirements[var.requirement].source].id,
                          var.rotation});
    if (it != units.end()) result[v] = it->second;
  }
  return result;
}

}  // namespace

Plan make_plan(const Scenario& scenario, const std::string& variant_name,
               const SolveOptions& options, const Plan* reference) {
  Eligibility eligibility(scenario);
  std::vector<ExcludedPledge> excluded;
  Model model = build_model(eligibility, &excluded);
  Solution solution = solve(model, options);
  if (reference)
    solution = closest_to(model, solution, reference_units(scenario, model, *reference), options);
  Plan plan = describe(eligibility, model, solution, excluded);
  plan.variant = variant_name;
  return plan;
}

}  // namespace reassure::forcegen

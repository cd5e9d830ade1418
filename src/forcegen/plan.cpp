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

// A shortfall's reason, in words and as codes (Shortfall::code, ::cause).
struct ShortfallReason {
  std::string why, code, cause;
  // The same in words that neither name a pledge nor count the pledges (some may be restricted
  // from whoever reads a view of the plan).
  std::string general;
};

// Why nobody could fill a requirement line in a rotation: the reason most pledges of its
// capability gave for that rotation.
ShortfallReason no_pledge_reason(const Eligibility& eligibility, const Requirement& requirement,
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
  if (total == 0)
    return {"no pledge of this capability", "no_pledge_of_capability", "",
            "no pledge of this capability"};
  auto top = std::max_element(count.begin(), count.end(),
                              [](auto& a, auto& b) { return a.second < b.second; });
  return {"no eligible pledge (" + std::to_string(top->second) + " of " + std::to_string(total) +
              " pledges of the capability: " + to_string(top->first) + example[top->first] + ")",
          "no_eligible_pledge", code(top->first),
          "no eligible pledge (most pledges of the capability: " + to_string(top->first) + ")"};
}

const ShortfallReason kExhausted{"eligible pledges exhausted (recovery or other lines)",
                                 "pledges_exhausted", "",
                                 "eligible pledges exhausted (recovery or other lines)"};

// Adds `steps` steps of a line needing `required` units and holding `filled`.
void add(Fill& fill, long long required, long long filled, long long personnel, int steps) {
  fill.required_units += required * steps;
  fill.filled_units += filled * steps;
  fill.required_personnel += required * personnel * steps;
  fill.filled_personnel += filled * personnel * steps;
}

}  // namespace

Plan describe(const Eligibility& eligibility, const Model& model, const Solution& solution,
              const std::vector<ExcludedPledge>& excluded) {
  const Scenario& scenario = eligibility.scenario();
  Plan plan;
  plan.scenario = scenario.name;
  plan.as_of = scenario.as_of.iso();
  plan.releasability = scenario.releasability;
  plan.rotations = model.rotations;
  plan.solution = solution;
  plan.status = status_text(solution);

  const Calendar& calendar = eligibility.calendar();
  plan.steps_per_rotation = model.steps_per_rotation;
  plan.mission_start = scenario.mission.start.iso();
  plan.planned_from = calendar.date(calendar.first_planned_step()).iso();
  auto first_day = [&](int step) { return calendar.date(step).iso(); };
  auto last_day = [&](int end_step) { return calendar.date(end_step).plus_days(-1).iso(); };

  // Per line, changes over time of the units serving it and of the tours that could: events
  // at the steps where a tour's service starts (+) or ends (−).
  std::vector<std::map<int, long long>> serving(model.requirements.size()),
      could(model.requirements.size());
  std::map<std::string, std::map<int, long long>> personnel_change;  // nation -> step -> ±
  std::map<std::string, long long> personnel_steps, unit_steps;
  for (std::size_t v = 0; v < model.variables.size(); ++v) {
    const auto& var = model.variables[v];
    const auto& mq = model.requirements[var.requirement];
    int from = std::max(mq.first_step, var.start);
    int to = std::min(mq.end_step, var.start + var.length);
    could[var.requirement][from] += 1;
    could[var.requirement][to] -= 1;
    int units = solution.x[v];
    if (units == 0) continue;
    serving[var.requirement][from] += units;
    serving[var.requirement][to] -= units;
    const auto& pledge = scenario.pledges[model.pledges[var.pledge].source];
    const auto& requirement = scenario.requirements[mq.source];
    long long personnel = (long long)units * model.pledges[var.pledge].personnel;
    plan.assignments.push_back({pledge.id, pledge.nation, pledge.capability, requirement.id,
                                requirement.site, var.rotation, first_day(var.start),
                                last_day(var.start + var.length), units, personnel, from, to,
                                pledge.marking});
    personnel_change[pledge.nation][from] += personnel;
    personnel_change[pledge.nation][to] -= personnel;
    personnel_steps[pledge.nation] += personnel * var.served;
    unit_steps[pledge.nation] += (long long)units * var.served;
  }
  std::sort(plan.assignments.begin(), plan.assignments.end(), [](auto& a, auto& b) {
    return std::tie(a.rotation, a.start, a.requirement, a.nation, a.pledge) <
           std::tie(b.rotation, b.start, b.requirement, b.nation, b.pledge);
  });

  std::map<std::string, Fill> by_domain;
  std::map<int, Fill> by_rotation;
  for (std::size_t i = 0; i < model.requirements.size(); ++i) {
    const auto& mq = model.requirements[i];
    const auto& requirement = scenario.requirements[mq.source];
    const Capability* capability = eligibility.capability(requirement.capability);
    std::string domain = to_string(capability->domain);
    Fill line;
    line.key = requirement.id;
    LineTimeline timeline{requirement.id, requirement.capability, domain, requirement.site,
                          mq.units,       mq.personnel,           {}};
    std::vector<std::string> reasons;  // the line's distinct full reasons, for Span::reason
    // The spans where the fill is constant, cut at rotation boundaries too.
    std::vector<int> cuts{mq.first_step, mq.end_step};
    for (int r = mq.first; r <= mq.last + 1; ++r)
      cuts.push_back((r - 1) * model.steps_per_rotation);
    for (const auto* events : {&serving[i], &could[i]})
      for (auto& [step, change] : *events) cuts.push_back(step);
    std::sort(cuts.begin(), cuts.end());
    cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
    long long got = 0, candidates = 0;
    auto next_serving = serving[i].begin(), next_could = could[i].begin();
    Shortfall* previous = nullptr;
    for (std::size_t c = 0; c + 1 < cuts.size(); ++c) {
      int a = cuts[c], b = cuts[c + 1];
      for (; next_serving != serving[i].end() && next_serving->first <= a; ++next_serving)
        got += next_serving->second;
      for (; next_could != could[i].end() && next_could->first <= a; ++next_could)
        candidates += next_could->second;
      if (a < mq.first_step || b > mq.end_step) continue;
      int steps = b - a, rotation = calendar.rotation_of(a);
      add(line, mq.units, got, mq.personnel, steps);
      add(by_domain[domain], mq.units, got, mq.personnel, steps);
      add(by_rotation[rotation], mq.units, got, mq.personnel, steps);
      add(plan.total, mq.units, got, mq.personnel, steps);
      // A span that is filled would be short, if withheld from a view, for want of the
      // candidates that fill it: the plan's own reason when candidates are exhausted.
      ShortfallReason why = candidates > 0 || got >= mq.units
                                ? kExhausted
                                : no_pledge_reason(eligibility, requirement, rotation);
      {
        Span span{a,   b,           rotation, first_day(a), last_day(b),
                  got, why.general, why.code, why.cause,    0};
        auto known = std::find(reasons.begin(), reasons.end(), why.why);
        span.reason = int(known - reasons.begin());
        if (known == reasons.end()) reasons.push_back(why.why);
        timeline.spans.push_back(std::move(span));
      }
      if (got >= mq.units) {
        previous = nullptr;
        continue;
      }
      int missing = mq.units - int(got);
      if (previous && previous->rotation == rotation && previous->missing_units == missing &&
          previous->why == why.why) {
        previous->end = last_day(b);
        previous->missing_personnel += (long long)missing * mq.personnel * steps;
        continue;
      }
      plan.shortfalls.push_back({requirement.id, requirement.capability, domain, requirement.site,
                                 rotation, first_day(a), last_day(b), missing,
                                 (long long)missing * mq.personnel * steps, why.why, why.code,
                                 why.cause});
      previous = &plan.shortfalls.back();
    }
    plan.by_requirement.push_back(line);
    plan.timeline.push_back(std::move(timeline));
  }
  for (auto& [domain, fill] : by_domain) {
    fill.key = domain;
    plan.by_domain.push_back(fill);
  }
  for (auto& [rotation, fill] : by_rotation) {
    fill.key = std::to_string(rotation);
    fill.start = scenario.mission.rotation_start(rotation).iso();
    fill.end = scenario.mission.rotation_end(rotation).iso();
    plan.by_rotation.push_back(fill);
  }
  plan.total.key = "total";

  for (auto& [code, changes] : personnel_change) {
    Burden b;
    b.nation = code;
    const Nation* nation = eligibility.nation(code);
    b.name = nation ? nation->name : code;
    long long deployed = 0;
    for (auto& [step, change] : changes) {
      deployed += change;
      b.peak_personnel = std::max(b.peak_personnel, deployed);
    }
    b.personnel_rotations = personnel_steps[code];
    b.unit_rotations = unit_steps[code];
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
    plan.excluded.push_back({pledge.id, pledge.nation, pledge.capability, pledge.quantity,
                             to_string(e.reason), code(e.reason), pledge.marking,
                             pledge.caveats.marking});
  }
  return plan;
}

namespace {

// The reference plan's units on each of the model's variables (pledge, line and rotation
// matched by id and the tour by its first day: the variant may have added or removed pledges
// and lines).
std::vector<int> reference_units(const Eligibility& eligibility, const Model& model,
                                 const Plan& reference) {
  const Scenario& scenario = eligibility.scenario();
  std::map<std::tuple<std::string, std::string, std::string>, int> units;
  for (const auto& a : reference.assignments) units[{a.pledge, a.requirement, a.start}] += a.units;
  std::vector<int> result(model.variables.size(), 0);
  for (std::size_t v = 0; v < model.variables.size(); ++v) {
    const auto& var = model.variables[v];
    auto it = units.find({scenario.pledges[model.pledges[var.pledge].source].id,
                          scenario.requirements[model.requirements[var.requirement].source].id,
                          eligibility.calendar().date(var.start).iso()});
    if (it != units.end()) result[v] = it->second;
  }
  return result;
}

}  // namespace

Plan make_plan(const Scenario& scenario, const std::string& variant_name,
               const SolveOptions& options, const Plan* reference, geo::ShapeLibrary* shapes) {
  Eligibility eligibility(scenario, shapes);
  std::vector<ExcludedPledge> excluded;
  Model model = build_model(eligibility, &excluded);
  Solution solution = solve(model, options);
  if (reference)
    solution =
        closest_to(model, solution, reference_units(eligibility, model, *reference), options);
  Plan plan = describe(eligibility, model, solution, excluded);
  plan.variant = variant_name;
  return plan;
}

}  // namespace reassure::forcegen

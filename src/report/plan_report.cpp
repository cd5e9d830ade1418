#include <fmt/format.h>

#include <cmath>
#include <cstdio>
#include <map>
#include <numeric>
#include <set>

#include "report/reports.hpp"
#include "report/table.hpp"

namespace reassure::report {

using forcegen::Fill;
using forcegen::Plan;

namespace {

// An amount summed over time steps, in rotations: a whole number with the mission's own
// rotations, a fraction when tours or periods cut rotations.
nlohmann::json rotations_json(long long steps, int per_rotation) {
  if (steps % per_rotation == 0) return steps / per_rotation;
  return double(steps) / double(per_rotation);
}

nlohmann::json fill_json(const Fill& f, int per) {
  nlohmann::json out = {{"key", f.key},
                        {"required_units", rotations_json(f.required_units, per)},
                        {"filled_units", rotations_json(f.filled_units, per)},
                        {"required_personnel", rotations_json(f.required_personnel, per)},
                        {"filled_personnel", rotations_json(f.filled_personnel, per)},
                        {"fill_rate", f.rate()}};
  if (!f.start.empty()) out["start"] = f.start, out["end"] = f.end;
  return out;
}

nlohmann::json fills_json(const std::vector<Fill>& fills, int per) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& f : fills) out.push_back(fill_json(f, per));
  return out;
}

// "2026-06-01 to 2026-11-30": the days a rotation, a tour or a shortfall spans.
std::string days(const std::string& start, const std::string& end) {
  return start + " to " + end;
}

void fill_rows(Table& table, const std::vector<Fill>& fills, int per, bool dated = false) {
  for (const auto& f : fills)
    table.add(
        {dated ? f.key + " (" + days(f.start, f.end) + ")" : f.key,
         in_rotations(f.filled_units, per) + "/" + in_rotations(f.required_units, per),
         in_rotations(f.filled_personnel, per) + "/" + in_rotations(f.required_personnel, per),
         percent(f.rate())});
}

// A line and rotation; a line and first day when tours or periods cut rotations.
std::string shortfall_key(const Plan& plan, const forcegen::Shortfall& s) {
  if (plan.steps_per_rotation > 1) return s.requirement + " from " + s.start;
  return s.requirement + " r" + std::to_string(s.rotation);
}

// Says where the plan starts when the mission began before the plan date.
std::string history_line(const Plan& plan) {
  if (plan.planned_from == plan.mission_start) return "";
  return "History before " + plan.planned_from + ": not planned (the plan starts at the first " +
         "step on or after the plan date)\n";
}

}  // namespace

nlohmann::json plan_json(const Plan& plan) {
  int per = plan.steps_per_rotation;
  // The domain of each assignment's line (land, air, sea...): a map draws its unit's symbol by it.
  std::map<std::string, std::string> domain_of;
  for (const auto& line : plan.timeline) domain_of[line.requirement] = line.domain;
  nlohmann::json assignments = nlohmann::json::array();
  for (const auto& a : plan.assignments)
    assignments.push_back({{"pledge", a.pledge},
                           {"nation", a.nation},
                           {"capability", a.capability},
                           {"domain", domain_of[a.requirement]},
                           {"requirement", a.requirement},
                           {"site", a.site},
                           {"rotation", a.rotation},
                           {"start", a.start},
                           {"end", a.end},
                           {"units", a.units},
                           {"personnel", a.personnel},
                           {"from_step", a.from_step},
                           {"to_step", a.to_step},
                           {"releasability", to_string(a.marking.releasability)},
                           {"restricted_view", to_string(a.marking.restricted_view)}});
  nlohmann::json shortfalls = nlohmann::json::array();
  for (const auto& s : plan.shortfalls)
    shortfalls.push_back({{"requirement", s.requirement},
                          {"capability", s.capability},
                          {"domain", s.domain},
                          {"site", s.site},
                          {"rotation", s.rotation},
                          {"start", s.start},
                          {"end", s.end},
                          {"missing_units", s.missing_units},
                          {"missing_personnel", rotations_json(s.missing_personnel, per)},
                          {"why", s.why},
                          {"code", s.code},
                          {"cause", s.cause.empty() ? nlohmann::json() : nlohmann::json(s.cause)}});
  nlohmann::json burden = nlohmann::json::array();
  for (const auto& b : plan.burden)
    burden.push_back({{"nation", b.nation},
                      {"name", b.name},
                      {"personnel_rotations", rotations_json(b.personnel_rotations, per)},
                      {"peak_personnel", b.peak_personnel},
                      {"unit_rotations", rotations_json(b.unit_rotations, per)},
                      {"share", b.share}});
  nlohmann::json excluded = nlohmann::json::array();
  for (const auto& e : plan.excluded)
    excluded.push_back({{"pledge", e.pledge},
                        {"nation", e.nation},
                        {"capability", e.capability},
                        {"units", e.units},
                        {"reason", e.reason},
                        {"code", e.code},
                        {"releasability", to_string(e.marking.releasability)},
                        {"restricted_view", to_string(e.marking.restricted_view)},
                        {"caveats_releasability", to_string(e.caveats_marking.releasability)},
                        {"caveats_restricted_view", to_string(e.caveats_marking.restricted_view)}});
  nlohmann::json timeline = nlohmann::json::array();
  for (const auto& line : plan.timeline) {
    nlohmann::json spans = nlohmann::json::array();
    for (const auto& s : line.spans)
      spans.push_back({{"from_step", s.from_step},
                       {"to_step", s.to_step},
                       {"rotation", s.rotation},
                       {"start", s.start},
                       {"end", s.end},
                       {"filled_units", s.filled_units},
                       {"why", s.why},
                       {"code", s.code},
                       {"cause", s.cause.empty() ? nlohmann::json() : nlohmann::json(s.cause)},
                       {"reason", s.reason}});
    timeline.push_back({{"requirement", line.requirement},
                        {"capability", line.capability},
                        {"domain", line.domain},
                        {"site", line.site},
                        {"units", line.units},
                        {"unit_personnel", line.unit_personnel},
                        {"spans", spans}});
  }
  const auto& stats = plan.solution.stats;
  return {{"scenario", plan.scenario},
          {"releasability", to_string(plan.releasability)},
          {"variant", plan.variant},
          {"as_of", plan.as_of},
          {"rotations", plan.rotations},
          {"planned_from", plan.planned_from},
          {"forcegen",
           {{"status", forcegen::to_string(plan.solution.status)},
            {"status_text", plan.status},
            {"objective", plan.solution.objective},
            {"bound", plan.solution.bound},
            {"gap", plan.solution.gap},
            {"fill_rate", plan.total.rate()},
            {"fill",
             {{"total", fill_json(plan.total, per)},
              {"by_requirement", fills_json(plan.by_requirement, per)},
              {"by_domain", fills_json(plan.by_domain, per)},
              {"by_rotation", fills_json(plan.by_rotation, per)}}},
            {"assignments", assignments},
            {"shortfalls", shortfalls},
            {"burden", burden},
            {"excluded", excluded},
            {"steps_per_rotation", per},
            {"timeline", timeline},
            {"solver",
             {{"components", stats.components},
              {"network_components", stats.network_components},
              {"lp_integral_components", stats.lp_integral_components},
              {"rounded_components", stats.rounded_components},
              {"mip_components", stats.mip_components},
              {"largest_component_variables", stats.largest_component},
              {"seconds", stats.seconds},
              {"network_seconds", stats.network_seconds},
              {"lp_seconds", stats.lp_seconds},
              {"mip_seconds", stats.mip_seconds}}}}}};
}

std::string plan_text(const Plan& plan) {
  const auto& stats = plan.solution.stats;
  int per = plan.steps_per_rotation;
  std::string out = fmt::format(
      "Force generation: {} (variant {}), positions as of {}, {} rotations\n"
      "Solver: {} in {:.3f} s ({} components: {} network flow, {} LP integral, {} LP rounded, "
      "{} MIP)\n"
      "{}"
      "Fill: {} of {} personnel-rotations ({}); {} shortfall lines\n\n",
      plan.scenario, plan.variant, plan.as_of, plan.rotations, plan.status, stats.seconds,
      stats.components, stats.network_components, stats.lp_integral_components,
      stats.rounded_components, stats.mip_components, history_line(plan),
      in_rotations(plan.total.filled_personnel, per),
      in_rotations(plan.total.required_personnel, per), percent(plan.total.rate()),
      plan.shortfalls.size());

  Table domains({"domain", "units", "personnel", "fill"}, {false, true, true, true});
  fill_rows(domains, plan.by_domain, per);
  out += "Fill by domain\n" + domains.str() + "\n";
  Table rotations({"rotation", "units", "personnel", "fill"}, {false, true, true, true});
  fill_rows(rotations, plan.by_rotation, per, true);
  out += "Fill by rotation\n" + rotations.str() + "\n";
  Table requirements({"requirement", "units", "personnel", "fill"}, {false, true, true, true});
  fill_rows(requirements, plan.by_requirement, per);
  out += "Fill by requirement (over all rotations)\n" + requirements.str() + "\n";

  Table shortfalls(
      {"requirement", "rotation", "days", "site", "missing units", "missing personnel", "why"},
      {false, true, false, false, true, true, false});
  for (const auto& s : plan.shortfalls)
    shortfalls.add({s.requirement, std::to_string(s.rotation), days(s.start, s.end), s.site,
                    std::to_string(s.missing_units), in_rotations(s.missing_personnel, per),
                    s.why});
  out += "Shortfalls\n" + (shortfalls.empty() ? std::string("none\n") : shortfalls.str()) + "\n";

  Table burden({"nation", "personnel-rotations", "peak personnel", "unit-rotations", "share"},
               {false, true, true, true, true});
  for (const auto& b : plan.burden)
    burden.add({b.nation + " " + b.name, in_rotations(b.personnel_rotations, per),
                thousands(b.peak_personnel), in_rotations(b.unit_rotations, per),
                percent(b.share)});
  out += "Burden sharing\n" + burden.str() + "\n";

  Table assignments(
      {"rotation", "tour", "requirement", "site", "nation", "pledge", "units", "personnel"},
      {true, false, false, false, false, false, true, true});
  for (const auto& a : plan.assignments)
    assignments.add({std::to_string(a.rotation), days(a.start, a.end), a.requirement, a.site,
                     a.nation, a.pledge, std::to_string(a.units), thousands(a.personnel)});
  out += "Assignments\n" + assignments.str();

  if (!plan.excluded.empty()) {
    Table excluded({"pledge", "nation", "capability", "units", "why not used"},
                   {false, false, false, true, false});
    for (const auto& e : plan.excluded)
      excluded.add({e.pledge, e.nation, e.capability, std::to_string(e.units), e.reason});
    out += "\nPledges left out\n" + excluded.str();
  }
  return out;
}

namespace {
struct Difference {
  std::vector<std::string> appear, vanish;
  std::map<std::string, long long> burden_change;  // nation -> personnel-rotations delta
  int per = 1;  // burden_change's steps per rotation: the two plans' grids in common
};

Difference difference(const Plan& base, const Plan& other) {
  Difference d;
  std::map<std::string, int> before, after;
  for (const auto& s : base.shortfalls) before[shortfall_key(base, s)] = s.missing_units;
  for (const auto& s : other.shortfalls) after[shortfall_key(other, s)] = s.missing_units;
  for (auto& [key, units] : after)
    if (!before.count(key))
      d.appear.push_back(key + " (" + std::to_string(units) + (units == 1 ? " unit)" : " units)"));
  for (auto& [key, units] : before)
    if (!after.count(key)) d.vanish.push_back(key);
  std::map<std::string, long long> change;
  d.per = std::lcm(base.steps_per_rotation, other.steps_per_rotation);
  for (const auto& b : base.burden)
    change[b.nation] -= b.personnel_rotations * (d.per / base.steps_per_rotation);
  for (const auto& b : other.burden)
    change[b.nation] += b.personnel_rotations * (d.per / other.steps_per_rotation);
  for (auto& [nation, delta] : change)
    if (delta != 0) d.burden_change[nation] = delta;
  return d;
}
}  // namespace

std::string describe(const InputChange& change) {
  std::string record = change.records + (change.id.empty() ? "" : "[" + change.id + "]");
  switch (change.action) {
    case InputChange::Action::changed:
      return fmt::format("changed {}.{}: {} -> {}", record, change.key, change.before,
                         change.after);
    case InputChange::Action::leaves:
      return fmt::format("{} leaves the force ({})", change.id, record);
    default:
      return to_string(change.action) + " " + record;
  }
}

namespace {
const std::vector<InputChange>& inputs_of(const Scenario& scenario, const std::string& variant) {
  static const std::vector<InputChange> none;
  const Variant* v = RecordIndex(scenario.variants, &Variant::name).find(variant);
  return v ? v->changes : none;
}

// The nation a changed record belongs to (if any) and its markings in the base and in the
// variant: a view of the comparison (report/views.hpp) lists the change only to a nation that
// every one of them releases it to.
struct ChangeMarkings {
  std::string owner;
  std::vector<std::string> markings;
};

ChangeMarkings markings_of(const Scenario& base, const Variant* variant, const InputChange& c) {
  ChangeMarkings out;
  auto pledge = [&](const Pledge& p) {
    out.owner = p.nation;
    out.markings.push_back(to_string(p.marking.releasability));
    if (c.key == "caveats") out.markings.push_back(to_string(p.caveats.marking.releasability));
  };
  auto statement = [&](const std::string& nation, const Statement& s) {
    if (statement_key(nation, s) != c.id) return;
    out.owner = nation;
    out.markings.push_back(to_string(s.releasability));
  };
  auto undisclosed = [&](const UndisclosedCommitment& u) {
    if (u.id == c.id) out.markings.push_back(to_string(u.releasability));
  };
  std::vector<const Scenario*> holders{&base};
  if (variant && variant->replaced) holders.push_back(variant->replaced.get());
  if (variant && variant->added) holders.push_back(variant->added.get());
  if (c.records == "pledges") {
    for (const Scenario* s : holders)
      for (const auto& p : s->pledges)
        if (p.id == c.id) pledge(p);
  } else if (c.records == "statements") {
    for (const Scenario* s : holders)
      for (const auto& n : s->nations)
        for (const auto& st : n.statements) statement(n.code, st);
    if (variant) {
      for (const auto& [key, st] : variant->replaced_statements)
        statement(key.substr(0, key.find('@')), st);
      for (const auto& [nation, st] : variant->statements) statement(nation, st);
    }
  } else if (c.records == "undisclosed_commitments") {
    for (const Scenario* s : holders)
      for (const auto& u : s->undisclosed) undisclosed(u);
  } else {
    out.markings.push_back(to_string(Releasability{}));
  }
  // A record found nowhere is released to no one.
  if (out.markings.empty()) out.markings.push_back("rel:");
  return out;
}

nlohmann::json inputs_json(const Scenario& scenario, const std::string& variant_name) {
  const Variant* variant = RecordIndex(scenario.variants, &Variant::name).find(variant_name);
  nlohmann::json out = nlohmann::json::array();
  for (const auto& c : inputs_of(scenario, variant_name)) {
    auto marked = markings_of(scenario, variant, c);
    nlohmann::json entry = {
        {"action", to_string(c.action)}, {"records", c.records}, {"id", c.id},
        {"file", c.where.file},          {"line", c.where.line}, {"owner", marked.owner},
        {"markings", marked.markings}};
    if (c.action == InputChange::Action::changed) {
      entry["key"] = c.key;
      entry["before"] = c.before;
      entry["after"] = c.after;
    }
    out.push_back(entry);
  }
  return out;
}
}  // namespace

nlohmann::json compare_figures(const nlohmann::json& forcegen) {
  auto list = [&](const char* key) {
    auto it = forcegen.find(key);
    return it != forcegen.end() && it->is_array() ? *it : nlohmann::json::array();
  };
  auto fill = forcegen.contains("fill") ? forcegen["fill"] : nlohmann::json::object();
  // Missing personnel is a count of personnel-rotations, exact to a step: added as numbers,
  // then shown as the plan shows it.
  auto shortfalls_by = [&](const char* key) {
    std::map<std::string, nlohmann::json> by;
    for (const auto& s : list("shortfalls")) {
      // Rotations in their order (9 before 10), domains by name.
      nlohmann::json value = s.value(key, nlohmann::json());
      char number[32] = "";
      if (value.is_number_integer())
        std::snprintf(number, sizeof number, "%012lld", value.get<long long>());
      std::string group = value.is_string() ? value.get<std::string>() : number;
      auto& entry = by[group];
      if (entry.is_null())
        entry = {{key, value}, {"lines", 0}, {"missing_units", 0}, {"missing_personnel", 0.0}};
      entry["lines"] = entry["lines"].get<long long>() + 1;
      entry["missing_units"] =
          entry["missing_units"].get<long long>() + s.value("missing_units", 0LL);
      entry["missing_personnel"] =
          entry["missing_personnel"].get<double>() + s.value("missing_personnel", 0.0);
    }
    nlohmann::json out = nlohmann::json::array();
    for (auto& [group, entry] : by) {
      double missing = entry["missing_personnel"].get<double>();
      if (missing == std::floor(missing)) entry["missing_personnel"] = (long long)missing;
      out.push_back(std::move(entry));
    }
    return out;
  };
  nlohmann::json burden = nlohmann::json::array();
  for (const auto& b : list("burden"))
    burden.push_back({{"nation", b.value("nation", "")},
                      {"personnel_rotations", b.value("personnel_rotations", nlohmann::json(0))},
                      {"share", b.value("share", 0.0)}});
  return {{"objective", forcegen.value("objective", nlohmann::json(nullptr))},
          {"fill_by_domain", fill.value("by_domain", nlohmann::json::array())},
          {"fill_by_rotation", fill.value("by_rotation", nlohmann::json::array())},
          {"shortfalls_by_domain", shortfalls_by("domain")},
          {"shortfalls_by_rotation", shortfalls_by("rotation")},
          {"burden", burden},
          {"nations_contributing", burden.size()}};
}

nlohmann::json compare_json(const Scenario& scenario, const std::vector<Plan>& plans) {
  nlohmann::json variants = nlohmann::json::array();
  for (const auto& plan : plans) {
    long long missing = 0;
    for (const auto& s : plan.shortfalls) missing += s.missing_personnel;
    nlohmann::json entry = {
        {"variant", plan.variant},
        {"status", forcegen::to_string(plan.solution.status)},
        {"rotations", plan.rotations},
        {"fill_rate", plan.total.rate()},
        {"required_personnel",
         rotations_json(plan.total.required_personnel, plan.steps_per_rotation)},
        {"filled_personnel", rotations_json(plan.total.filled_personnel, plan.steps_per_rotation)},
        {"shortfall_lines", plan.shortfalls.size()},
        {"shortfall_personnel", rotations_json(missing, plan.steps_per_rotation)},
        {"inputs_changed", inputs_json(scenario, plan.variant)}};
    entry.update(compare_figures(plan_json(plan)["forcegen"]));
    if (&plan != &plans.front()) {
      auto d = difference(plans.front(), plan);
      entry["against"] = plans.front().variant;
      entry["shortfalls_appear"] = d.appear;
      entry["shortfalls_vanish"] = d.vanish;
      nlohmann::json change = nlohmann::json::object();
      for (auto& [nation, delta] : d.burden_change) change[nation] = rotations_json(delta, d.per);
      entry["burden_change"] = change;
    }
    variants.push_back(entry);
  }
  return {{"compare", variants}};
}

std::string compare_text(const Scenario& scenario, const std::vector<Plan>& plans) {
  Table table({"variant", "status", "rotations", "fill", "filled/required personnel",
               "shortfall lines", "missing personnel"},
              {false, false, true, true, true, true, true});
  for (const auto& plan : plans) {
    long long missing = 0;
    for (const auto& s : plan.shortfalls) missing += s.missing_personnel;
    int per = plan.steps_per_rotation;
    table.add({plan.variant, plan.status, std::to_string(plan.rotations),
               percent(plan.total.rate()),
               in_rotations(plan.total.filled_personnel, per) + "/" +
                   in_rotations(plan.total.required_personnel, per),
               std::to_string(plan.shortfalls.size()), in_rotations(missing, per)});
  }
  std::string out = "Variants compared\n" + table.str();
  auto inputs = [&](const Plan& plan) {
    const auto& changes = inputs_of(scenario, plan.variant);
    out += fmt::format("  inputs changed from the base scenario ({}):\n", changes.size());
    for (const auto& c : changes) out += "    " + describe(c) + "\n";
  };
  // A reference other than the base changes inputs too.
  if (!plans.empty() &&
      RecordIndex(scenario.variants, &Variant::name).contains(plans.front().variant)) {
    out += fmt::format("\n{} (the reference):\n", plans.front().variant);
    inputs(plans.front());
  }
  for (std::size_t i = 1; i < plans.size(); ++i) {
    auto d = difference(plans.front(), plans[i]);
    out += fmt::format("\n{} against {}:\n", plans[i].variant, plans.front().variant);
    inputs(plans[i]);
    auto list = [&](const char* what, const std::vector<std::string>& items) {
      out += fmt::format("  {} ({}):", what, items.size());
      for (std::size_t k = 0; k < items.size(); ++k) out += (k ? ", " : " ") + items[k];
      out += "\n";
    };
    list("shortfalls that appear", d.appear);
    list("shortfalls that vanish", d.vanish);
    out += "  burden change (personnel-rotations):";
    if (d.burden_change.empty()) out += " none";
    for (auto& [nation, delta] : d.burden_change)
      out += fmt::format(" {} {}{}", nation, delta > 0 ? "+" : "", in_rotations(delta, d.per));
    out += "\n";
  }
  return out;
}

}  // namespace reassure::report

#include <fmt/format.h>

#include <map>
#include <set>

#include "report/reports.hpp"
#include "report/table.hpp"

namespace reassure::report {

using forcegen::Fill;
using forcegen::Plan;

namespace {

nlohmann::json fill_json(const Fill& f) {
  return {{"key", f.key},
          {"required_units", f.required_units},
          {"filled_units", f.filled_units},
          {"required_personnel", f.required_personnel},
          {"filled_personnel", f.filled_personnel},
          {"fill_rate", f.rate()}};
}

nlohmann::json fills_json(const std::vector<Fill>& fills) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& f : fills) out.push_back(fill_json(f));
  return out;
}

void fill_rows(Table& table, const std::vector<Fill>& fills) {
  for (const auto& f : fills)
    table.add({f.key, std::to_string(f.filled_units) + "/" + std::to_string(f.required_units),
               thousands(f.filled_personnel) + "/" + thousands(f.required_personnel),
               percent(f.rate())});
}

std::string shortfall_key(const forcegen::Shortfall& s) {
  return s.requirement + " r" + std::to_string(s.rotation);
}

}  // namespace

nlohmann::json plan_json(const Plan& plan) {
  nlohmann::json assignments = nlohmann::json::array();
  for (const auto& a : plan.assignments)
    assignments.push_back({{"pledge", a.pledge},
                           {"nation", a.nation},
                           {"capability", a.capability},
                           {"requirement", a.requirement},
                           {"site", a.site},
                           {"rotation", a.rotation},
                           {"units", a.units},
                           {"personnel", a.personnel}});
  nlohmann::json shortfalls = nlohmann::json::array();
  for (const auto& s : plan.shortfalls)
    shortfalls.push_back({{"requirement", s.requirement},
                          {"capability", s.capability},
                          {"domain", s.domain},
                          {"site", s.site},
                          {"rotation", s.rotation},
                          {"missing_units", s.missing_units},
                          {"missing_personnel", s.missing_personnel},
                          {"why", s.why}});
  nlohmann::json burden = nlohmann::json::array();
  for (const auto& b : plan.burden)
    burden.push_back({{"nation", b.nation},
                      {"name", b.name},
                      {"personnel_rotations", b.personnel_rotations},
                      {"peak_personnel", b.peak_personnel},
                      {"unit_rotations", b.unit_rotations},
                      {"share", b.share}});
  nlohmann::json excluded = nlohmann::json::array();
  for (const auto& e : plan.excluded)
    excluded.push_back({{"pledge", e.pledge},
                        {"nation", e.nation},
                        {"capability", e.capability},
                        {"units", e.units},
                        {"reason", e.reason}});
  const auto& stats = plan.solution.stats;
  return {{"scenario", plan.scenario},
          {"variant", plan.variant},
          {"as_of", plan.as_of},
          {"rotations", plan.rotations},
          {"forcegen",
           {{"status", forcegen::to_string(plan.solution.status)},
            {"status_text", plan.status},
            {"objective", plan.solution.objective},
            {"bound", plan.solution.bound},
            {"gap", plan.solution.gap},
            {"fill_rate", plan.total.rate()},
            {"fill",
             {{"total", fill_json(plan.total)},
              {"by_requirement", fills_json(plan.by_requirement)},
              {"by_domain", fills_json(plan.by_domain)},
              {"by_rotation", fills_json(plan.by_rotation)}}},
            {"assignments", assignments},
            {"shortfalls", shortfalls},
            {"burden", burden},
            {"excluded", excluded},
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
  std::string out = fmt::format(
      "Force generation: {} (variant {}), positions as of {}, {} rotations\n"
      "Solver: {} in {:.3f} s ({} components: {} network flow, {} LP integral, {} LP rounded, "
      "{} MIP)\n"
      "Fill: {} of {} personnel-rotations ({}); {} shortfall lines\n\n",
      plan.scenario, plan.variant, plan.as_of, plan.rotations, plan.status, stats.seconds,
      stats.components, stats.network_components, stats.lp_integral_components,
      stats.rounded_components, stats.mip_components, thousands(plan.total.filled_personnel),
      thousands(plan.total.required_personnel), percent(plan.total.rate()), plan.shortfalls.size());

  Table domains({"domain", "units", "personnel", "fill"}, {false, true, true, true});
  fill_rows(domains, plan.by_domain);
  out += "Fill by domain\n" + domains.str() + "\n";
  Table rotations({"rotation", "units", "personnel", "fill"}, {false, true, true, true});
  fill_rows(rotations, plan.by_rotation);
  out += "Fill by rotation\n" + rotations.str() + "\n";
  Table requirements({"requirement", "units", "personnel", "fill"}, {false, true, true, true});
  fill_rows(requirements, plan.by_requirement);
  out += "Fill by requirement (over all rotations)\n" + requirements.str() + "\n";

  Table shortfalls({"requirement", "rotation", "site", "missing units", "missing personnel", "why"},
                   {false, true, false, true, true, false});
  for (const auto& s : plan.shortfalls)
    shortfalls.add({s.requirement, std::to_string(s.rotation), s.site,
                    std::to_string(s.missing_units), thousands(s.missing_personnel), s.why});
  out += "Shortfalls\n" + (shortfalls.empty() ? std::string("none\n") : shortfalls.str()) + "\n";

  Table burden({"nation", "personnel-rotations", "peak personnel", "unit-rotations", "share"},
               {false, true, true, true, true});
  for (const auto& b : plan.burden)
    burden.add({b.nation + " " + b.name, thousands(b.personnel_rotations),
                thousands(b.peak_personnel), std::to_string(b.unit_rotations), percent(b.share)});
  out += "Burden sharing\n" + burden.str() + "\n";

  Table assignments({"rotation", "requirement", "site", "nation", "pledge", "units", "personnel"},
                    {true, false, false, false, false, true, true});
  for (const auto& a : plan.assignments)
    assignments.add({std::to_string(a.rotation), a.requirement, a.site, a.nation, a.pledge,
                     std::to_string(a.units), thousands(a.personnel)});
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
};

Difference difference(const Plan& base, const Plan& other) {
  Difference d;
  std::map<std::string, int> before, after;
  for (const auto& s : base.shortfalls) before[shortfall_key(s)] = s.missing_units;
  for (const auto& s : other.shortfalls) after[shortfall_key(s)] = s.missing_units;
  for (auto& [key, units] : after)
    if (!before.count(key))
      d.appear.push_back(key + " (" + std::to_string(units) + (units == 1 ? " unit)" : " units)"));
  for (auto& [key, units] : before)
    if (!after.count(key)) d.vanish.push_back(key);
  std::map<std::string, long long> change;
  for (const auto& b : base.burden) change[b.nation] -= b.personnel_rotations;
  for (const auto& b : other.burden) change[b.nation] += b.personnel_rotations;
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
  const Variant* v = scenario.find_variant(variant);
  return v ? v->changes : none;
}

nlohmann::json inputs_json(const std::vector<InputChange>& changes) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& c : changes) {
    nlohmann::json entry = {{"action", to_string(c.action)},
                            {"records", c.records},
                            {"id", c.id},
                            {"file", c.where.file},
                            {"line", c.where.line}};
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

nlohmann::json compare_json(const Scenario& scenario, const std::vector<Plan>& plans) {
  nlohmann::json variants = nlohmann::json::array();
  for (const auto& plan : plans) {
    long long missing = 0;
    for (const auto& s : plan.shortfalls) missing += s.missing_personnel;
    nlohmann::json entry = {{"variant", plan.variant},
                            {"status", forcegen::to_string(plan.solution.status)},
                            {"rotations", plan.rotations},
                            {"fill_rate", plan.total.rate()},
                            {"required_personnel", plan.total.required_personnel},
                            {"filled_personnel", plan.total.filled_personnel},
                            {"shortfall_lines", plan.shortfalls.size()},
                            {"shortfall_personnel", missing},
                            {"inputs_changed", inputs_json(inputs_of(scenario, plan.variant))}};
    if (&plan != &plans.front()) {
      auto d = difference(plans.front(), plan);
      entry["against"] = plans.front().variant;
      entry["shortfalls_appear"] = d.appear;
      entry["shortfalls_vanish"] = d.vanish;
      entry["burden_change"] = d.burden_change;
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
    table.add(
        {plan.variant, plan.status, std::to_string(plan.rotations), percent(plan.total.rate()),
         thousands(plan.total.filled_personnel) + "/" + thousands(plan.total.required_personnel),
         std::to_string(plan.shortfalls.size()), thousands(missing)});
  }
  std::string out = "Variants compared\n" + table.str();
  auto inputs = [&](const Plan& plan) {
    const auto& changes = inputs_of(scenario, plan.variant);
    out += fmt::format("  inputs changed from the base scenario ({}):\n", changes.size());
    for (const auto& c : changes) out += "    " + describe(c) + "\n";
  };
  // A reference other than the base changes inputs too.
  if (!plans.empty() && scenario.find_variant(plans.front().variant)) {
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
      out += fmt::format(" {} {}{}", nation, delta > 0 ? "+" : "", thousands(delta));
    out += "\n";
  }
  return out;
}

}  // namespace reassure::report

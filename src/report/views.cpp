#include "report/views.hpp"

#include "report/reports.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace reassure::report {

namespace {

using nlohmann::json;

// The marking a record carries in the full JSON. A marking that is missing or unreadable
// releases the record to no one: a view fails closed.
Releasability marking(const json& record, const char* key) {
  auto it = record.find(key);
  if (it == record.end() || !it->is_string()) return {ReleaseScope::nations, {}};
  std::string problem;
  auto parsed = releasability_from_string(it->get<std::string>(), problem);
  return parsed ? *parsed : Releasability{ReleaseScope::nations, {}};
}

std::string text(const json& record, const char* key) {
  auto it = record.find(key);
  return it != record.end() && it->is_string() ? it->get<std::string>() : std::string();
}

long long whole(const json& record, const char* key) {
  auto it = record.find(key);
  return it != record.end() && it->is_number_integer() ? it->get<long long>() : 0;
}

// A pledge-derived record the viewer may see: released to the viewer's nation, or the viewer's
// nation's own.
bool sees(const json& record, const char* key, const Viewer& viewer) {
  return releasable_to(marking(record, key), text(record, "nation"), viewer.nation);
}

// Only "aggregated" says to show a restricted record anonymously; anything else withholds it.
bool aggregated(const json& record, const char* key) {
  return text(record, key) == "aggregated";
}

// The keys listed, copied from `from` where present: the one way a view takes a value over.
json pick(const json& from, std::initializer_list<const char*> keys) {
  json out = json::object();
  for (const char* key : keys)
    if (auto it = from.find(key); it != from.end()) out[key] = *it;
  return out;
}

// An amount summed over steps, in rotations (as report::plan_json writes it).
json rotations(long long steps, long long per) {
  if (per <= 0) per = 1;
  if (steps % per == 0) return steps / per;
  return double(steps) / double(per);
}

struct Fill {
  long long required_units = 0, filled_units = 0, required_personnel = 0, filled_personnel = 0;
  void add(long long units, long long got, long long unit_personnel, long long steps) {
    required_units += units * steps;
    filled_units += got * steps;
    required_personnel += units * unit_personnel * steps;
    filled_personnel += got * unit_personnel * steps;
  }
  double rate() const {
    return required_personnel ? double(filled_personnel) / double(required_personnel) : 1.0;
  }
  json to_json(const std::string& key, long long per, const json& days = json()) const {
    json out = {{"key", key},
                {"required_units", rotations(required_units, per)},
                {"filled_units", rotations(filled_units, per)},
                {"required_personnel", rotations(required_personnel, per)},
                {"filled_personnel", rotations(filled_personnel, per)},
                {"fill_rate", rate()}};
    if (days.is_object()) {
      out["start"] = days.value("start", "");
      out["end"] = days.value("end", "");
    }
    return out;
  }
};

// One assignment's service, as burden sharing counts it.
struct Service {
  long long personnel = 0, units = 0;
  long long from = 0, to = 0;
};

struct Withheld {
  long long from = 0, to = 0, units = 0;
};

const json& array_at(const json& object, const char* key) {
  static const json empty = json::array();
  auto it = object.find(key);
  return it != object.end() && it->is_array() ? *it : empty;
}

// Reasons a pledge is left out that come from caveats (the nation's or the pledge's): not told
// to a viewer its caveats are not released to.
bool caveat_reason(const std::string& code) {
  static const std::set<std::string> caveats = {"condition", "domain", "distance",
                                                "country",   "zone",   "site"};
  return caveats.count(code) > 0;
}

// The fills, shortfalls and totals of the plan without the withheld assignments, from the
// plan's timeline (report::plan_json): per line, the spans over which its fill is constant.
struct Figures {
  json by_requirement = json::array(), by_domain = json::array(), by_rotation = json::array();
  json shortfalls = json::array();
  Fill total;
};

Figures figures(const json& forcegen, const std::map<std::string, std::vector<Withheld>>& withheld,
                const std::map<std::string, json>& rotation_days, long long per) {
  Figures out;
  std::map<std::string, Fill> by_domain;
  std::map<long long, Fill> by_rotation;
  for (const auto& line : array_at(forcegen, "timeline")) {
    std::string requirement = text(line, "requirement"), domain = text(line, "domain");
    long long units = whole(line, "units"), unit_personnel = whole(line, "unit_personnel");
    auto hidden = withheld.find(requirement);
    Fill fill;
    json* previous = nullptr;
    long long previous_reason = -1;
    for (const auto& span : array_at(line, "spans")) {
      long long from = whole(span, "from_step"), to = whole(span, "to_step"), steps = to - from;
      long long got = whole(span, "filled_units");
      if (hidden != withheld.end())
        for (const auto& w : hidden->second)
          if (w.from <= from && to <= w.to) got -= w.units;
      long long rotation = whole(span, "rotation");
      fill.add(units, got, unit_personnel, steps);
      by_domain[domain].add(units, got, unit_personnel, steps);
      by_rotation[rotation].add(units, got, unit_personnel, steps);
      out.total.add(units, got, unit_personnel, steps);
      if (got >= units) {
        previous = nullptr;
        continue;
      }
      long long missing = units - got, reason = whole(span, "reason");
      // Merged as the plan merges them: one rotation, the same units missing, the same reason.
      if (previous && whole(*previous, "rotation") == rotation &&
          whole(*previous, "missing_units") == missing && previous_reason == reason) {
        (*previous)["end"] = text(span, "end");
        (*previous)["missing_personnel"] =
            whole(*previous, "missing_personnel") + missing * unit_personnel * steps;
        continue;
      }
      out.shortfalls.push_back({{"requirement", requirement},
                                {"capability", text(line, "capability")},
                                {"domain", domain},
                                {"site", text(line, "site")},
                                {"rotation", rotation},
                                {"start", text(span, "start")},
                                {"end", text(span, "end")},
                                {"missing_units", missing},
                                {"missing_personnel", missing * unit_personnel * steps},
                                {"why", text(span, "why")},
                                {"code", text(span, "code")},
                                {"cause", span.value("cause", json())}});
      previous = &out.shortfalls.back();
      previous_reason = reason;
    }
    out.by_requirement.push_back(fill.to_json(requirement, per));
  }
  // Raw step sums until here; in rotations for the reader.
  for (auto& s : out.shortfalls)
    s["missing_personnel"] = rotations(whole(s, "missing_personnel"), per);
  for (const auto& [domain, fill] : by_domain) out.by_domain.push_back(fill.to_json(domain, per));
  for (const auto& [rotation, fill] : by_rotation) {
    std::string key = std::to_string(rotation);
    auto days = rotation_days.find(key);
    out.by_rotation.push_back(
        fill.to_json(key, per, days == rotation_days.end() ? json::object() : days->second));
  }
  return out;
}

json burden(const std::map<std::string, std::vector<Service>>& services,
            const std::map<std::string, std::string>& names, const Fill& total, long long per) {
  struct Row {
    std::string nation;
    long long personnel_steps = 0, unit_steps = 0, peak = 0;
  };
  std::vector<Row> rows;
  for (const auto& [nation, list] : services) {
    Row row{nation};
    std::map<long long, long long> change;
    for (const auto& s : list) {
      row.personnel_steps += s.personnel * (s.to - s.from);
      row.unit_steps += s.units * (s.to - s.from);
      change[s.from] += s.personnel;
      change[s.to] -= s.personnel;
    }
    long long deployed = 0;
    for (const auto& [step, delta] : change) row.peak = std::max(row.peak, deployed += delta);
    rows.push_back(row);
  }
  std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    return a.personnel_steps != b.personnel_steps ? a.personnel_steps > b.personnel_steps
                                                  : a.nation < b.nation;
  });
  json out = json::array();
  for (const auto& row : rows) {
    auto name = names.find(row.nation);
    out.push_back({{"nation", row.nation},
                   {"name", name == names.end() ? row.nation : name->second},
                   {"personnel_rotations", rotations(row.personnel_steps, per)},
                   {"peak_personnel", row.peak},
                   {"unit_rotations", rotations(row.unit_steps, per)},
                   {"share", total.filled_personnel
                                 ? double(row.personnel_steps) / double(total.filled_personnel)
                                 : 0.0}});
  }
  return out;
}

const std::string kRestricted = "restricted";

}  // namespace

json view_of_plan(const json& full, const Viewer& viewer) {
  if (!full.is_object() || !releasable_to(marking(full, "releasability"), viewer.nation))
    return json();
  json out = pick(full, {"schema_version", "problems", "scenario", "releasability", "variant",
                         "as_of", "rotations", "planned_from"});
  auto forcegen = full.find("forcegen");
  if (forcegen == full.end() || !forcegen->is_object()) return out;
  const json& f = *forcegen;
  long long per = std::max<long long>(1, whole(f, "steps_per_rotation"));

  std::map<std::string, json> rotation_days;
  if (auto fill = f.find("fill"); fill != f.end() && fill->is_object())
    for (const auto& r : array_at(*fill, "by_rotation")) rotation_days[text(r, "key")] = r;

  // Each assignment shown, merged into a restricted row, or withheld.
  json assignments = json::array();
  std::map<std::tuple<std::string, std::string, std::string, long long>, json> merged;
  std::map<std::string, std::vector<Withheld>> withheld;  // by requirement
  std::map<std::string, std::vector<Service>> services;   // by nation shown, or "restricted"
  for (const auto& a : array_at(f, "assignments")) {
    Service service{whole(a, "personnel"), whole(a, "units"), whole(a, "from_step"),
                    whole(a, "to_step")};
    if (sees(a, "releasability", viewer)) {
      assignments.push_back(
          pick(a, {"pledge", "nation", "capability", "domain", "requirement", "site", "rotation",
                   "start", "end", "units", "personnel", "releasability"}));
      services[text(a, "nation")].push_back(service);
    } else if (aggregated(a, "restricted_view")) {
      long long rotation = whole(a, "rotation");
      auto key =
          std::tuple(text(a, "requirement"), text(a, "capability"), text(a, "site"), rotation);
      auto [it, fresh] = merged.try_emplace(key);
      json* row = &it->second;
      if (fresh) {
        const json& days = rotation_days[std::to_string(rotation)];
        *row = {{"pledge", kRestricted},
                {"nation", kRestricted},
                {"capability", std::get<1>(key)},
                {"domain", a.value("domain", "")},
                {"requirement", std::get<0>(key)},
                {"site", std::get<2>(key)},
                {"rotation", rotation},
                {"start", days.is_object() ? days.value("start", "") : ""},
                {"end", days.is_object() ? days.value("end", "") : ""},
                {"units", 0},
                {"personnel", 0}};
      }
      (*row)["units"] = whole(*row, "units") + service.units;
      (*row)["personnel"] = whole(*row, "personnel") + service.personnel;
      services[kRestricted].push_back(service);
    } else {
      withheld[text(a, "requirement")].push_back({service.from, service.to, service.units});
    }
  }
  for (auto& [key, row] : merged) assignments.push_back(std::move(row));
  std::stable_sort(assignments.begin(), assignments.end(), [](const json& a, const json& b) {
    auto order = [](const json& x) {
      return std::tuple(whole(x, "rotation"), text(x, "start"), text(x, "requirement"),
                        text(x, "nation"), text(x, "pledge"));
    };
    return order(a) < order(b);
  });

  Figures fig = figures(f, withheld, rotation_days, per);
  std::map<std::string, std::string> names{{kRestricted, kRestricted}};
  for (const auto& b : array_at(f, "burden")) names[text(b, "nation")] = text(b, "name");

  json excluded = json::array();
  for (const auto& e : array_at(f, "excluded")) {
    if (!sees(e, "releasability", viewer)) continue;
    json row =
        pick(e, {"pledge", "nation", "capability", "units", "reason", "code", "releasability"});
    if (caveat_reason(text(e, "code")) && !sees(e, "caveats_releasability", viewer)) {
      if (!aggregated(e, "caveats_restricted_view")) continue;
      row["reason"] = "a caveat not releasable to your nation";
      row["code"] = "caveat_restricted";
    }
    excluded.push_back(std::move(row));
  }

  json view = pick(f, {"status", "status_text", "gap"});
  view["fill_rate"] = fig.total.rate();
  view["fill"] = {{"total", fig.total.to_json("total", per)},
                  {"by_requirement", fig.by_requirement},
                  {"by_domain", fig.by_domain},
                  {"by_rotation", fig.by_rotation}};
  view["assignments"] = std::move(assignments);
  view["shortfalls"] = std::move(fig.shortfalls);
  view["burden"] = burden(services, names, fig.total, per);
  view["excluded"] = std::move(excluded);
  out["forcegen"] = std::move(view);
  return out;
}

namespace {

// A shortfall as a comparison names it (report::compare_json): line and rotation, or line and
// first day when tours or periods cut rotations.
std::string shortfall_key(const json& s, long long per) {
  if (per > 1) return text(s, "requirement") + " from " + text(s, "start");
  return text(s, "requirement") + " r" + std::to_string(whole(s, "rotation"));
}

double number(const json& value) {
  return value.is_number() ? value.get<double>() : 0.0;
}

// Personnel-rotations as a number of steps of `per` steps per rotation.
long long in_steps(const json& value, long long per) {
  return value.is_number_integer() ? value.get<long long>() * per
                                   : (long long)std::llround(number(value) * double(per));
}

}  // namespace

namespace {

// Whether a nation's view of a plan is the plan itself: nothing withheld, aggregated or
// reworded for it.
bool sees_whole(const json& full, const json& view) {
  if (array_at(full, "assignments").size() != array_at(view, "assignments").size() ||
      array_at(full, "excluded").size() != array_at(view, "excluded").size())
    return false;
  for (const char* list : {"assignments", "burden", "excluded"})
    for (const auto& row : array_at(view, list))
      if (text(row, "nation") == kRestricted || text(row, "code") == "caveat_restricted")
        return false;
  return true;
}

}  // namespace

json view_of_compare(const json& full_compare, const Viewer& viewer) {
  if (!full_compare.is_object()) return json();
  const json& full_plans = array_at(full_compare, "plans");
  if (full_plans.empty()) return json();
  std::vector<json> plans;
  for (const auto& p : full_plans) {
    plans.push_back(view_of_plan(p, viewer));
    if (plans.back().is_null()) return json();
  }
  json out = pick(full_compare, {"schema_version", "problems"});
  const json& entries = array_at(full_compare, "compare");
  json variants = json::array();
  auto per_of = [](const json& plan_full) {
    auto f = plan_full.find("forcegen");
    return f == plan_full.end() ? 1LL : std::max<long long>(1, whole(*f, "steps_per_rotation"));
  };
  const json& reference = plans.front();
  for (std::size_t i = 0; i < plans.size(); ++i) {
    const json& plan = plans[i];
    long long per = per_of(full_plans[i]);
    const json& f = plan.contains("forcegen") ? plan["forcegen"] : json::object();
    long long missing = 0;
    for (const auto& s : array_at(f, "shortfalls"))
      missing += in_steps(s.value("missing_personnel", json(0)), per);
    const json& total = f.contains("fill") ? f["fill"]["total"] : json::object();
    json entry = {{"variant", plan.value("variant", "")},
                  {"status", f.value("status", "")},
                  {"rotations", plan.value("rotations", 0)},
                  {"fill_rate", f.value("fill_rate", 1.0)},
                  {"required_personnel", total.value("required_personnel", json(0))},
                  {"filled_personnel", total.value("filled_personnel", json(0))},
                  {"shortfall_lines", array_at(f, "shortfalls").size()},
                  {"shortfall_personnel", rotations(missing, per)}};
    // The inputs a variant changes, those about records the viewer may see.
    json inputs = json::array();
    if (i < entries.size())
      for (const auto& c : array_at(entries[i], "inputs_changed")) {
        bool shown = true;
        for (const auto& m : array_at(c, "markings"))
          shown = shown && m.is_string() &&
                  releasable_to(marking(json{{"m", m}}, "m"), text(c, "owner"), viewer.nation);
        if (!c.contains("markings")) shown = false;
        if (shown)
          inputs.push_back(
              pick(c, {"action", "records", "id", "file", "line", "key", "before", "after"}));
      }
    entry["inputs_changed"] = std::move(inputs);
    entry.update(compare_figures(f));
    // The objective weighs every pledge: told only to a viewer who sees the whole plan.
    if (full_plans[i].contains("forcegen") && sees_whole(full_plans[i]["forcegen"], f))
      entry["objective"] = full_plans[i]["forcegen"].value("objective", json());
    if (i > 0) {
      long long base_per = per_of(full_plans.front());
      long long common = std::lcm(base_per, per);
      const json& bf = reference.contains("forcegen") ? reference["forcegen"] : json::object();
      std::map<std::string, long long> before, after;
      for (const auto& s : array_at(bf, "shortfalls"))
        before[shortfall_key(s, base_per)] = whole(s, "missing_units");
      for (const auto& s : array_at(f, "shortfalls"))
        after[shortfall_key(s, per)] = whole(s, "missing_units");
      json appear = json::array(), vanish = json::array();
      for (const auto& [key, units] : after)
        if (!before.count(key))
          appear.push_back(key + " (" + std::to_string(units) +
                           (units == 1 ? " unit)" : " units)"));
      for (const auto& [key, units] : before)
        if (!after.count(key)) vanish.push_back(key);
      std::map<std::string, long long> change;
      for (const auto& b : array_at(bf, "burden"))
        change[text(b, "nation")] -=
            in_steps(b.value("personnel_rotations", json(0)), base_per) * (common / base_per);
      for (const auto& b : array_at(f, "burden"))
        change[text(b, "nation")] +=
            in_steps(b.value("personnel_rotations", json(0)), per) * (common / per);
      json burden_change = json::object();
      for (const auto& [nation, delta] : change)
        if (delta != 0) burden_change[nation] = rotations(delta, common);
      entry["against"] = reference.value("variant", "");
      entry["shortfalls_appear"] = std::move(appear);
      entry["shortfalls_vanish"] = std::move(vanish);
      entry["burden_change"] = std::move(burden_change);
    }
    variants.push_back(std::move(entry));
  }
  out["compare"] = std::move(variants);
  return out;
}

}  // namespace reassure::report

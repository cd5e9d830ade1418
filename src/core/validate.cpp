#include "core/validate.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "core/registry.hpp"

namespace reassure {

namespace {

class Checker {
 public:
  explicit Checker(const Scenario& s) : s_(s) {}

  std::vector<Diagnostic> run() {
    unique_ids();
    nations();
    undisclosed();
    requirements();
    pledges(s_.pledges, "pledges");
    conditions_and_variants();
    return std::move(out_);
  }

 private:
  void report(const Located& record, const std::string& field, const std::string& path,
              const std::string& message) {
    out_.push_back({record.at(field), path.empty() ? field : path + "." + field, message});
  }

  template <typename T>
  void unique(const std::vector<T>& items, std::string T::*key, const std::string& what,
              const std::string& field) {
    std::map<std::string, const T*> seen;
    for (const auto& item : items) {
      const std::string& id = item.*key;
      if (id.empty()) continue;
      auto [it, fresh] = seen.emplace(id, &item);
      if (!fresh)
        report(item, field, what,
               "duplicate " + field + " '" + id + "' (first defined at " + it->second->where.file +
                   ":" + std::to_string(it->second->where.line) + ")");
    }
  }

  void unique_ids() {
    unique(s_.nations, &Nation::code, "nations", "code");
    unique(s_.undisclosed, &UndisclosedCommitment::id, "undisclosed_commitments", "id");
    unique(s_.capabilities, &Capability::id, "capabilities", "id");
    unique(s_.sites, &Site::id, "sites", "id");
    unique(s_.requirements, &Requirement::id, "requirements", "id");
    unique(s_.pledges, &Pledge::id, "pledges", "id");
    unique(s_.conditions, &Condition::id, "conditions", "id");
    unique(s_.variants, &Variant::name, "variants", "name");
  }

  static bool country_code(const std::string& code) {
    return code.size() == 2 && std::isupper((unsigned char)code[0]) &&
           std::isupper((unsigned char)code[1]);
  }

  void country_list(const Located& owner, const std::vector<std::string>& codes,
                    const std::string& field, const std::string& path) {
    for (const auto& code : codes)
      if (!country_code(code))
        report(owner, field, path,
               "'" + code + "' is not an ISO 3166-1 alpha-2 country code (two capital letters)");
  }

  void caveats(const Located& owner, const Caveats& c, const std::string& path) {
    country_list(owner, c.countries, "countries", path + ".caveats");
    country_list(owner, c.exclude_countries, "exclude_countries", path + ".caveats");
    for (const auto& id : c.conditions)
      if (!s_.find_condition(id))
        report(owner, "conditions", path + ".caveats",
               "unknown condition '" + id + "' (declare it under conditions:)");
  }

  void nations() {
    for (const auto& n : s_.nations) {
      std::string path = "nations[" + n.code + "]";
      if (!country_code(n.code))
        report(n, "code", path, "'" + n.code + "' is not an ISO 3166-1 alpha-2 code");
      caveats(n, n.caveats, path);
    }
  }

  // An announcement of unnamed commitments must be backed by participants who had not yet
  // said anything in public: otherwise the registry would count someone twice.
  void undisclosed() {
    for (const auto& u : s_.undisclosed) {
      auto status = coalition_status(s_, u.date);
      int counted = int(status.undisclosed_counted.size());
      // Records are counted in file order: the ones past the silent participants are excess.
      int rank = 0;
      for (const auto& other : s_.undisclosed) {
        if (&other == &u) break;
        if (other.date <= u.date) ++rank;
      }
      if (rank >= counted)
        report(u, "id", "undisclosed_commitments[" + u.id + "]",
               std::to_string(status.undisclosed_recorded) +
                   " undisclosed commitments announced by " + u.date.iso() + " but only " +
                   std::to_string(counted) +
                   " participants had no public position then: each record must stand for a "
                   "participant that had not spoken");
    }
  }

  void rotation_range(const Located& owner, int first, std::optional<int> last,
                      const std::string& path, const std::string& first_field,
                      const std::string& last_field) {
    // A variant may lengthen the mission: periods are checked against the longest one.
    int rotations = longest_mission();
    if (first > rotations)
      report(owner, first_field, path,
             "rotation " + std::to_string(first) + " is after the mission's last rotation (" +
                 std::to_string(rotations) + ")");
    if (last && *last > rotations)
      report(owner, last_field, path,
             "rotation " + std::to_string(*last) + " is after the mission's last rotation (" +
                 std::to_string(rotations) + ")");
    if (last && *last < first)
      report(owner, last_field, path,
             "ends before it starts (rotation " + std::to_string(first) + ")");
  }

  int longest_mission() const {
    int rotations = s_.mission.rotations;
    for (const auto& v : s_.variants) rotations = std::max(rotations, v.rotations.value_or(0));
    return rotations;
  }

  // The mission's last day in its longest variant: dated periods must start before it.
  Date last_mission_day() const {
    Mission longest = s_.mission;
    longest.rotations = longest_mission();
    return longest.rotation_end(longest.rotations);
  }

  // A requirement's dated period: either dates or rotations at each end, inside the mission.
  void dated_period(const Requirement& q, const std::string& path) {
    if (q.from_date && q.fields.count("from_rotation"))
      report(q, "from_date", path, "give from_date or from_rotation, not both");
    if (q.to_date && q.fields.count("to_rotation"))
      report(q, "to_date", path, "give to_date or to_rotation, not both");
    if (q.from_date && *q.from_date > last_mission_day())
      report(q, "from_date", path,
             "starts after the mission's last day (" + last_mission_day().iso() + ")");
    if (q.to_date && *q.to_date < s_.mission.start)
      report(q, "to_date", path, "ends before the mission starts (" + s_.mission.start.iso() + ")");
    Date first = q.from_date.value_or(s_.mission.rotation_start(q.first_rotation));
    if (q.to_date && *q.to_date < first)
      report(q, "to_date", path, "ends before it starts (" + first.iso() + ")");
  }

  // A pledge's own calendar: a first day or a first rotation, withdrawn after it starts.
  void pledge_calendar(const Pledge& p, const std::string& path, int rotations) {
    if (p.first_day && p.fields.count("available_from"))
      report(p, "first_day", path, "give first_day or available_from, not both");
    if (p.available_from > rotations)
      report(p, "available_from", path,
             "rotation " + std::to_string(p.available_from) +
                 " is after the mission's last rotation (" + std::to_string(rotations) + ")");
    Date first = p.first_day.value_or(s_.mission.rotation_start(p.available_from));
    if (p.withdrawn_from && *p.withdrawn_from <= first)
      report(p, "withdrawn_from", path,
             "withdrawn on or before its first day (" + first.iso() + ")");
  }

  void requirements() {
    for (const auto& q : s_.requirements) {
      std::string path = "requirements[" + q.id + "]";
      if (!q.capability.empty() && !s_.find_capability(q.capability))
        report(q, "capability", path, "unknown capability '" + q.capability + "'");
      if (!q.site.empty() && !s_.find_site(q.site))
        report(q, "site", path, "reference to a missing site '" + q.site + "'");
      rotation_range(q, q.first_rotation, q.last_rotation, path, "from_rotation", "to_rotation");
      dated_period(q, path);
    }
    for (const auto& site : s_.sites)
      if (!country_code(site.country))
        report(site, "country", "sites[" + site.id + "]",
               "'" + site.country + "' is not an ISO 3166-1 alpha-2 code");
  }

  // `available_from` is checked against the base mission's rotations (a variant's pledges
  // too), as docs/scenario-format.md says: a pledge is offered for the mission as planned.
  void pledges(const std::vector<Pledge>& list, const std::string& where) {
    int rotations = s_.mission.rotations;
    for (const auto& p : list) {
      std::string path = where + "[" + p.id + "]";
      if (!p.nation.empty() && !s_.find_nation(p.nation))
        report(p, "nation", path, "unknown nation code '" + p.nation + "'");
      if (!p.capability.empty() && !s_.find_capability(p.capability))
        report(p, "capability", path, "pledge for an unknown capability '" + p.capability + "'");
      pledge_calendar(p, path, rotations);
      caveats(p, p.caveats, path);
    }
  }

  void conditions_and_variants() {
    for (const auto& v : s_.variants) {
      std::string path = "variants[" + v.name + "]";
      if (v.name == "base") report(v, "name", path, "'base' is reserved for the scenario itself");
      for (const auto& [id, holds] : v.conditions)
        if (!s_.find_condition(id))
          report(v, "conditions." + id, path, "unknown condition '" + id + "'");
      for (const auto& p : v.pledges)
        for (const auto& base : s_.pledges)
          if (p.id == base.id)
            report(p, "id", path + ".pledges[" + p.id + "]",
                   "duplicate id '" + p.id + "' (the base scenario has a pledge " + p.id + " at " +
                       base.where.file + ":" + std::to_string(base.where.line) + ")");
      for (const auto& code : v.remove_nations)
        if (!s_.find_nation(code))
          report(v, "remove_nations", path, "unknown nation code '" + code + "'");
      for (const auto& [code, statement] : v.statements)
        if (!s_.find_nation(code))
          report(statement, "nation", path + ".statements", "unknown nation code '" + code + "'");
      pledges(v.pledges, path + ".pledges");
    }
  }

  const Scenario& s_;
  std::vector<Diagnostic> out_;
};

}  // namespace

std::vector<Diagnostic> validate(const Scenario& scenario) {
  return Checker(scenario).run();
}

void require_valid(const Scenario& scenario) {
  auto problems = validate(scenario);
  if (!problems.empty()) throw ScenarioError(std::move(problems));
}

}  // namespace reassure

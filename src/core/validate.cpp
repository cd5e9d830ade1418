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
    geometries_and_zones();
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
    geometric_caveats(owner, c, path + ".caveats");
  }

  // Every geometry, zone and site a caveat names must exist: a distance from nothing would
  // otherwise let every site pass.
  void geometric_caveats(const Located& owner, const Caveats& c, const std::string& path) {
    if (c.min_distance_km && !s_.find_geometry(kContactLine))
      report(owner, "min_distance_km", path,
             "min_distance_km is measured from the contact line, and the scenario has none "
             "(contact_line: or a geometry '" +
                 kContactLine + "')");
    for (std::size_t i = 0; i < c.distances.size(); ++i) {
      const auto& d = c.distances[i];
      if (!d.from.empty() && !s_.find_geometry(d.from) && !s_.find_site(d.from))
        out_.push_back(
            {d.where, path + ".distance[" + std::to_string(i) + "].from",
             "unknown geometry or site '" + d.from + "' (declare it under geometries: or sites:)"});
    }
    for (const auto& [key, ids] :
         {std::pair{"zones", &c.zones}, {"exclude_zones", &c.exclude_zones}})
      for (const auto& id : *ids)
        if (!s_.find_zone(id))
          report(owner, key, path, "unknown zone '" + id + "' (declare it under zones:)");
    for (const auto& id : c.sites)
      if (!s_.find_site(id)) report(owner, "sites", path, "unknown site '" + id + "'");
  }

  void geometries_and_zones() {
    unique(s_.geometries, &Geometry::id, "geometries", "id");
    unique(s_.zones, &Zone::id, "zones", "id");
    unique(s_.parties, &Party::id, "parties", "id");
    for (const auto& p : s_.parties)
      for (const auto& code : p.nations)
        if (!s_.find_nation(code))
          report(p, "nations", "parties[" + p.id + "]", "unknown nation code '" + code + "'");
    for (const auto& z : s_.zones) zone(z);
  }

  void zone(const Zone& z) {
    std::string path = "zones[" + z.id + "]";
    auto geometry = [&](const std::string& key, const std::string& id, Geometry::Kind kind) {
      const Geometry* g = s_.find_geometry(id);
      if (!g)
        report(z, key, path, "unknown geometry '" + id + "' (declare it under geometries:)");
      else if (g->kind != kind)
        report(z, key, path,
               "geometry '" + id + "' is " +
                   (g->kind == Geometry::Kind::line ? "a line" : "an area") + "; " + key +
                   " needs " + (kind == Geometry::Kind::line ? "a line" : "an area"));
    };
    if (z.area.empty() == z.along.empty())
      report(z, "area", path,
             "a zone is either an area (area: polygon id) or a band (along: line id)");
    if (!z.area.empty()) {
      geometry("area", z.area, Geometry::Kind::area);
      if (!z.widths.empty()) report(z, "widths", path, "an area zone has no width");
    }
    if (!z.along.empty()) {
      geometry("along", z.along, Geometry::Kind::line);
      if (z.widths.empty()) report(z, "along", path, "a band needs widths (at least one)");
      unique(z.widths, &ZoneWidth::id, path + ".widths", "id");
      if (!z.width.empty() && !z.chosen_width())
        report(z, "width", path, "unknown width '" + z.width + "' (not among the zone's widths)");
      if (z.width.empty() && z.widths.size() > 1)
        report(z, "widths", path,
               "the zone has several widths: choose one with width: (or in a variant)");
    }
    if (z.side == BandSide::facing) {
      if (z.facing.empty())
        report(z, "side", path, "side: facing needs facing: (a site id)");
      else if (!s_.find_site(z.facing))
        report(z, "facing", path, "unknown site '" + z.facing + "'");
    } else if (!z.facing.empty()) {
      report(z, "facing", path, "facing: is used only with side: facing");
    }
    for (const auto& l : z.limits) {
      std::string at = path + ".limits";
      if (!l.party.empty() && !s_.find_nation(l.party) && !s_.find_party(l.party))
        report(l, "party", at,
               "unknown party '" + l.party + "' (a nation code, or an id under parties:)");
      if (l.until && *l.until < l.from)
        report(l, "until", at, "ends before it starts (" + l.from.iso() + ")");
      for (const auto& u : l.units)
        if (!u.capability.empty() && !s_.find_capability(u.capability))
          out_.push_back(
              {u.where, at + ".units.capability", "unknown capability '" + u.capability + "'"});
    }
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
    // A variant may lengthen the mission: periods are checked against the longest one.
    int rotations = s_.mission.rotations;
    for (const auto& v : s_.variants) rotations = std::max(rotations, v.rotations.value_or(0));
    for (const auto& v : s_.variants) rotations = std::max(rotations, v.rotations.value_or(0));
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

  void requirements() {
    for (const auto& q : s_.requirements) {
      std::string path = "requirements[" + q.id + "]";
      if (!q.capability.empty() && !s_.find_capability(q.capability))
        report(q, "capability", path, "unknown capability '" + q.capability + "'");
      if (!q.site.empty() && !s_.find_site(q.site))
        report(q, "site", path, "reference to a missing site '" + q.site + "'");
      rotation_range(q, q.first_rotation, q.last_rotation, path, "from_rotation", "to_rotation");
    }
    for (const auto& site : s_.sites)
      if (!country_code(site.country))
        report(site, "country", "sites[" + site.id + "]",
               "'" + site.country + "' is not an ISO 3166-1 alpha-2 code");
  }

  void pledges(const std::vector<Pledge>& list, const std::string& where) {
    for (const auto& p : list) {
      std::string path = where + "[" + p.id + "]";
      if (!p.nation.empty() && !s_.find_nation(p.nation))
        report(p, "nation", path, "unknown nation code '" + p.nation + "'");
      if (!p.capability.empty() && !s_.find_capability(p.capability))
        report(p, "capability", path, "pledge for an unknown capability '" + p.capability + "'");
      rotation_range(p, p.available_from, std::nullopt, path, "available_from", "");
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
      for (const auto& [zone, width] : v.zone_widths) {
        const Zone* z = s_.find_zone(zone);
        if (!z)
          report(v, "zone_widths." + zone, path, "unknown zone '" + zone + "'");
        else if (std::none_of(z->widths.begin(), z->widths.end(),
                              [&](const ZoneWidth& w) { return w.id == width; }))
          report(v, "zone_widths." + zone, path,
                 "zone '" + zone + "' has no width '" + width + "'");
      }
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

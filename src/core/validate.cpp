#include "core/validate.hpp"

#include "core/releasability.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <string_view>
#include <unordered_map>

namespace reassure {

namespace {

class Checker {
 public:
  explicit Checker(const Scenario& s)
      : s_(s),
        positions_(s.positions, &Position::id),
        nations_(s.nations, &Nation::code),
        capabilities_(s.capabilities, &Capability::id),
        sites_(s.sites, &Site::id),
        conditions_(s.conditions, &Condition::id),
        geometries_(s.geometries, &Geometry::id),
        zones_(s.zones, &Zone::id),
        parties_(s.parties, &Party::id),
        // A variant may lengthen the mission: periods are checked against the longest one.
        rotations_(longest_mission(s)) {}

  std::vector<Diagnostic> run() {
    unique_ids();
    vocabulary();
    nations();
    undisclosed();
    requirements();
    pledges(s_.pledges, "pledges");
    conditions_and_variants();
    geometries_and_zones();
    markings();
    return std::move(out_);
  }

 private:
  void report(const Located& record, const std::string& field, const std::string& path,
              const std::string& message) {
    out_.push_back({record.at(field), path.empty() ? field : path + "." + field, message});
  }

  static int longest_mission(const Scenario& s) {
    int rotations = s.mission.rotations;
    for (const auto& v : s.variants)
      if (v.mission) rotations = std::max(rotations, v.mission->rotations);
    return rotations;
  }

  template <typename T>
  void unique(const std::vector<T>& items, std::string T::*key, const std::string& what,
              const std::string& field) {
    std::unordered_map<std::string_view, const T*> seen;
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
    unique(s_.positions, &Position::id, "positions", "id");
    unique(s_.nations, &Nation::code, "nations", "code");
    unique(s_.undisclosed, &UndisclosedCommitment::id, "undisclosed_commitments", "id");
    unique(s_.capabilities, &Capability::id, "capabilities", "id");
    unique(s_.sites, &Site::id, "sites", "id");
    unique(s_.requirements, &Requirement::id, "requirements", "id");
    unique(s_.pledges, &Pledge::id, "pledges", "id");
    unique(s_.conditions, &Condition::id, "conditions", "id");
    unique(s_.variants, &Variant::name, "variants", "name");
  }

  static bool country_code(const std::string& code) { return is_country_code(code); }

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
      if (!conditions_.contains(id))
        report(owner, "conditions", path + ".caveats",
               "unknown condition '" + id + "' (declare it under conditions:)");
    geometric_caveats(owner, c, path + ".caveats");
  }

  // Every geometry, zone and site a caveat names must exist: a distance from nothing would
  // otherwise let every site pass.
  void geometric_caveats(const Located& owner, const Caveats& c, const std::string& path) {
    if (c.min_distance_km && !geometries_.contains(kContactLine))
      report(owner, "min_distance_km", path,
             "min_distance_km is measured from the contact line, and the scenario has none "
             "(contact_line: or a geometry '" +
                 kContactLine + "')");
    for (std::size_t i = 0; i < c.distances.size(); ++i) {
      const auto& d = c.distances[i];
      if (!d.from.empty() && !geometries_.contains(d.from) && !sites_.contains(d.from))
        out_.push_back(
            {d.where, path + ".distance[" + std::to_string(i) + "].from",
             "unknown geometry or site '" + d.from + "' (declare it under geometries: or sites:)"});
    }
    for (const auto& [key, ids] :
         {std::pair{"zones", &c.zones}, {"exclude_zones", &c.exclude_zones}})
      for (const auto& id : *ids)
        if (!zones_.contains(id))
          report(owner, key, path, "unknown zone '" + id + "' (declare it under zones:)");
    for (const auto& id : c.sites)
      if (!sites_.contains(id)) report(owner, "sites", path, "unknown site '" + id + "'");
  }

  void geometries_and_zones() {
    unique(s_.geometries, &Geometry::id, "geometries", "id");
    unique(s_.zones, &Zone::id, "zones", "id");
    unique(s_.parties, &Party::id, "parties", "id");
    for (const auto& p : s_.parties)
      for (const auto& code : p.nations)
        if (!nations_.contains(code))
          report(p, "nations", "parties[" + p.id + "]", "unknown nation code '" + code + "'");
    for (const auto& z : s_.zones) zone(z);
  }

  void zone(const Zone& z) {
    std::string path = "zones[" + z.id + "]";
    auto geometry = [&](const std::string& key, const std::string& id, Geometry::Kind kind) {
      const Geometry* g = geometries_.find(id);
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
      else if (!sites_.contains(z.facing))
        report(z, "facing", path, "unknown site '" + z.facing + "'");
    } else if (!z.facing.empty()) {
      report(z, "facing", path, "facing: is used only with side: facing");
    }
    for (const auto& l : z.limits) {
      std::string at = path + ".limits";
      if (!l.party.empty() && !nations_.contains(l.party) && !parties_.contains(l.party))
        report(l, "party", at,
               "unknown party '" + l.party + "' (a nation code, or an id under parties:)");
      if (l.until && *l.until < l.from)
        report(l, "until", at, "ends before it starts (" + l.from.iso() + ")");
      for (const auto& u : l.units)
        if (!u.capability.empty() && !capabilities_.contains(u.capability))
          out_.push_back(
              {u.where, at + ".units.capability", "unknown capability '" + u.capability + "'"});
    }
  }

  // Each default role is filled by exactly one position, of the standing the role implies:
  // a silent participant stays inside, a silent stakeholder outside, a leaving nation leaves.
  void vocabulary() {
    if (s_.positions.empty()) return;  // the loader reports the missing section
    for (DefaultRole role : all_default_roles()) {
      Standing standing = role == DefaultRole::participant_without_statement ? Standing::participant
                          : role == DefaultRole::stakeholder_without_statement
                              ? Standing::outside
                              : Standing::former_participant;
      const Position* first = nullptr;
      for (const auto& p : s_.positions) {
        if (p.default_for != role) continue;
        std::string path = "positions[" + p.id + "]";
        if (first) {
          std::string message = "'";
          message += to_string(role) + "' is already the default of position '" + first->id + "' (";
          message += first->where.file + ":" + std::to_string(first->where.line);
          report(p, "default_for", path, message + "): one position per default");
        } else {
          first = &p;
        }
        if (p.coalition != standing)
          report(p, "coalition", path,
                 "the default for a " + to_string(role) + " must have coalition: " +
                     to_string(standing) + ", got " + to_string(p.coalition));
      }
      if (!first)
        out_.push_back({s_.positions.front().where, "positions",
                        "no position is the default for a " + to_string(role) +
                            " (give one position default_for: " + to_string(role) + ")"});
    }
  }

  std::string known_positions() const {
    std::string known;
    for (const auto& p : s_.positions) known += (known.empty() ? "" : ", ") + p.id;
    return known;
  }

  // A statement or an announcement names a position of the vocabulary.
  const Position* position(const Located& owner, const std::string& id, const std::string& path) {
    if (s_.positions.empty()) return nullptr;  // no vocabulary: one error says so
    const Position* p = positions_.find(id);
    if (!p && !id.empty())
      report(owner, "position", path,
             "unknown position '" + id + "' (known: " + known_positions() + ")");
    return p;
  }

  void nations() {
    for (const auto& n : s_.nations) {
      std::string path = "nations[" + n.code + "]";
      if (!country_code(n.code))
        report(n, "code", path, "'" + n.code + "' is not an ISO 3166-1 alpha-2 code");
      caveats(n, n.caveats, path);
      for (std::size_t i = 0; i < n.statements.size(); ++i)
        position(n.statements[i], n.statements[i].position,
                 path + ".statements[" + n.statements[i].date.iso() + "]");
    }
  }

  // An announcement of unnamed commitments must be backed by participants who had not yet
  // said anything in public: otherwise the registry would count someone twice. The registry
  // (coalition_status) counts min(silent participants, records announced) on a date; computed
  // here for all the records' dates in one sweep rather than once per record.
  void undisclosed() {
    if (s_.undisclosed.empty()) return;
    std::vector<Date> dates;
    for (const auto& u : s_.undisclosed) dates.push_back(u.date);
    std::sort(dates.begin(), dates.end());
    dates.erase(std::unique(dates.begin(), dates.end()), dates.end());
    auto index = [&](Date d) {
      return std::size_t(std::lower_bound(dates.begin(), dates.end(), d) - dates.begin());
    };
    std::vector<int> silent = silent_participants(dates);
    // Records announced on or before each date.
    std::vector<int> recorded(dates.size(), 0);
    for (const auto& u : s_.undisclosed) ++recorded[index(u.date)];
    for (std::size_t i = 1; i < recorded.size(); ++i) recorded[i] += recorded[i - 1];
    // Records are counted in file order: the ones past the silent participants are excess.
    // A record's rank is the number of earlier records dated on or before it (a Fenwick tree
    // over the dates).
    std::vector<int> tree(dates.size() + 1, 0);
    for (const auto& u : s_.undisclosed) {
      std::size_t at = index(u.date);
      std::string path = "undisclosed_commitments[" + u.id + "]";
      // An unnamed participant can only be announced as holding a participant's position.
      if (const Position* p = position(u, u.position, path);
          p && p->coalition != Standing::participant)
        report(u, "position", path,
               "an undisclosed commitment stands for a participant, but '" + p->id +
                   "' has coalition: " + to_string(p->coalition));
      int rank = 0;
      for (std::size_t i = at + 1; i > 0; i -= i & (~i + 1)) rank += tree[i];
      for (std::size_t i = at + 1; i <= dates.size(); i += i & (~i + 1)) ++tree[i];
      int counted = std::min(silent[at], recorded[at]);
      if (rank >= counted)
        report(u, "id", "undisclosed_commitments[" + u.id + "]",
               std::to_string(recorded[at]) + " undisclosed commitments announced by " +
                   u.date.iso() + " but only " + std::to_string(counted) +
                   " participants had no public position then: each record must stand for a "
                   "participant that had not spoken");
    }
  }

  // For each date (sorted, distinct), the participants whose position is undisclosed then, as
  // statement_as_of reads it: no statement yet, or the latest one (the last of equal dates)
  // names the vocabulary's default for a silent participant. One sweep over the changes of every
  // participant's position.
  std::vector<int> silent_participants(const std::vector<Date>& dates) const {
    std::vector<std::pair<Date, int>> changes;  // (date, +1 or -1 silent participant)
    int silent = 0;
    const Position* silent_position =
        s_.default_position(DefaultRole::participant_without_statement);
    if (!silent_position) return std::vector<int>(dates.size(), 0);
    for (const auto& nation : s_.nations) {
      // Without a statement a participant holds the silent default; a stakeholder does not.
      bool was_silent = nation.participant;
      if (was_silent) ++silent;
      std::vector<const Statement*> statements;
      for (const auto& st : nation.statements) statements.push_back(&st);
      std::stable_sort(statements.begin(), statements.end(),
                       [](const Statement* a, const Statement* b) { return a->date < b->date; });
      for (std::size_t i = 0; i < statements.size(); ++i) {
        if (i + 1 < statements.size() && statements[i + 1]->date == statements[i]->date) continue;
        bool is_silent = statements[i]->position == silent_position->id;
        if (is_silent != was_silent) changes.emplace_back(statements[i]->date, is_silent ? 1 : -1);
        was_silent = is_silent;
      }
    }
    std::sort(changes.begin(), changes.end());
    std::vector<int> result;
    std::size_t next = 0;
    for (Date date : dates) {
      while (next < changes.size() && changes[next].first <= date) silent += changes[next++].second;
      result.push_back(silent);
    }
    return result;
  }

  void rotation_range(const Located& owner, int first, std::optional<int> last,
                      const std::string& path, const std::string& first_field,
                      const std::string& last_field) {
    int rotations = rotations_;
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

  // The mission's last day in its longest variant: dated periods must start before it.
  Date last_mission_day() const {
    Mission longest = s_.mission;
    longest.rotations = rotations_;
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
      if (!q.capability.empty() && !capabilities_.contains(q.capability))
        report(q, "capability", path, "unknown capability '" + q.capability + "'");
      if (!q.site.empty() && !sites_.contains(q.site))
        report(q, "site", path, "reference to a missing site '" + q.site + "'");
      rotation_range(q, q.first_rotation, q.last_rotation, path, "from_rotation", "to_rotation");
      dated_period(q, path);
    }
    for (const auto& site : s_.sites) {
      if (!country_code(site.country))
        report(site, "country", "sites[" + site.id + "]",
               "'" + site.country + "' is not an ISO 3166-1 alpha-2 code");
      if (!site.administered_by.empty() && !country_code(site.administered_by))
        report(site, "administered_by", "sites[" + site.id + "]",
               "'" + site.administered_by + "' is not an ISO 3166-1 alpha-2 code");
    }
  }

  // `available_from` is checked against the base mission's rotations (a variant's pledges
  // too), as docs/scenario-format.md says: a pledge is offered for the mission as planned.
  void pledges(const std::vector<Pledge>& list, const std::string& where) {
    int rotations = s_.mission.rotations;
    for (const auto& p : list) {
      std::string path = where + "[" + p.id + "]";
      if (!p.nation.empty() && !nations_.contains(p.nation))
        report(p, "nation", path, "unknown nation code '" + p.nation + "'");
      if (!p.capability.empty() && !capabilities_.contains(p.capability))
        report(p, "capability", path, "pledge for an unknown capability '" + p.capability + "'");
      pledge_calendar(p, path, rotations);
      caveats(p, p.caveats, path);
    }
  }

  // A record released to a list of nations names nations of the scenario: a misspelt code
  // would silently release it to no one.
  void released_to(const Located& owner, const Releasability& marking, const std::string& field,
                   const std::string& path) {
    for (const auto& code : marking.nations)
      if (!nations_.contains(code))
        report(owner, field, path,
               "unknown nation '" + code +
                   "' (a record is released only to nations of the "
                   "scenario)");
  }

  void markings() {
    Located scenario;
    scenario.where = s_.releasability_at;
    released_to(scenario, s_.releasability, "releasability", "");
    for (const auto& n : s_.nations)
      for (const auto& st : n.statements)
        released_to(st, st.releasability, "releasability",
                    "nations[" + n.code + "].statements[" + st.date.iso() + "]");
    for (const auto& u : s_.undisclosed)
      released_to(u, u.releasability, "releasability", "undisclosed_commitments[" + u.id + "]");
    for (const auto& p : s_.pledges) {
      std::string path = "pledges[" + p.id + "]";
      released_to(p, p.marking.releasability, "releasability", path);
      released_to(p, p.caveats.marking.releasability, "caveats.releasability", path);
    }
  }

  // What a variant names must exist in the base. Its records are checked by validating the
  // scenario it makes (see engine::load_checked): the same rules as the base.
  void conditions_and_variants() {
    for (const auto& v : s_.variants) {
      std::string path = "variants[" + v.name + "]";
      if (v.name == "base") report(v, "name", path, "'base' is reserved for the scenario itself");
      for (std::size_t i = 0; i < v.remove_nations.size(); ++i)
        if (!nations_.contains(v.remove_nations[i]))
          out_.push_back({v.at("remove_nations"),
                          path + ".remove_nations[" + std::to_string(i) + "]",
                          "unknown nation code '" + v.remove_nations[i] + "'"});
      for (const auto& [code, statement] : v.statements) {
        // Named copies: clang 14 (make fuzz) cannot capture structured bindings in a lambda.
        const std::string& nation = code;
        bool added = v.added && std::any_of(v.added->nations.begin(), v.added->nations.end(),
                                            [&](const Nation& n) { return n.code == nation; });
        if (!nations_.contains(code) && !added)
          report(statement, "nation", path + ".statements", "unknown nation code '" + code + "'");
      }
      for (const auto& [zone, chosen] : v.zone_widths) {
        const std::string& width = chosen;
        const Zone* z = zones_.find(zone);
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
  // Checking a reference must not scan the list, or 100,000 pledges take minutes to validate.
  const RecordIndex<Position> positions_;
  const RecordIndex<Nation> nations_;
  const RecordIndex<Capability> capabilities_;
  const RecordIndex<Site> sites_;
  const RecordIndex<Condition> conditions_;
  const RecordIndex<Geometry> geometries_;
  const RecordIndex<Zone> zones_;
  const RecordIndex<Party> parties_;
  const int rotations_;
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

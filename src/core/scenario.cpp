#include "core/scenario.hpp"

#include <algorithm>
#include <utility>

namespace reassure {

namespace {
template <typename Enum>
struct Names {
  std::vector<std::pair<Enum, const char*>> entries;

  std::string name(Enum value) const {
    for (auto& [e, n] : entries)
      if (e == value) return n;
    return "?";
  }
  std::optional<Enum> parse(const std::string& text) const {
    for (auto& [e, n] : entries)
      if (text == n) return e;
    return std::nullopt;
  }
};

const Names<Position>& position_names() {
  static const Names<Position> names{{
      {Position::committed, "committed"},
      {Position::conditional, "conditional"},
      {Position::monitoring_only, "monitoring-only"},
      {Position::support_only, "support-only"},
      {Position::undecided, "undecided"},
      {Position::declined, "declined"},
      {Position::undisclosed, "undisclosed"},
      {Position::host, "host"},
      {Position::backstop_unclear, "backstop-unclear"},
      {Position::opposed, "opposed"},
      {Position::non_participant, "non-participant"},
  }};
  return names;
}

const Names<Domain>& domain_names() {
  static const Names<Domain> names{{
      {Domain::land, "land"},
      {Domain::sea, "sea"},
      {Domain::air, "air"},
      {Domain::monitoring, "monitoring"},
      {Domain::training, "training"},
      {Domain::logistics, "logistics"},
      {Domain::enablers, "enablers"},
  }};
  return names;
}

const Names<Basis>& basis_names() {
  static const Names<Basis> names{{
      {Basis::reported, "reported"},
      {Basis::estimate, "estimate"},
      {Basis::assumption, "assumption"},
      {Basis::inferred, "inferred"},
  }};
  return names;
}

template <typename T>
const T* find_by(const std::vector<T>& items, const std::string& key, std::string T::*member) {
  auto it = std::find_if(items.begin(), items.end(), [&](const T& t) { return t.*member == key; });
  return it == items.end() ? nullptr : &*it;
}
}  // namespace

const std::vector<Position>& all_positions() {
  static const std::vector<Position> all = [] {
    std::vector<Position> v;
    for (auto& [e, n] : position_names().entries) v.push_back(e);
    return v;
  }();
  return all;
}
std::string to_string(Position position) {
  return position_names().name(position);
}
std::optional<Position> position_from_string(const std::string& text) {
  return position_names().parse(text);
}

bool position_allows_pledges(Position position) {
  switch (position) {
    case Position::committed:
    case Position::conditional:
    case Position::monitoring_only:
    case Position::support_only:
    case Position::host:
    case Position::backstop_unclear:
      return true;
    default:
      return false;
  }
}

std::string to_string(Domain domain) {
  return domain_names().name(domain);
}
std::optional<Domain> domain_from_string(const std::string& text) {
  return domain_names().parse(text);
}

std::string to_string(Basis basis) {
  return basis_names().name(basis);
}
std::optional<Basis> basis_from_string(const std::string& text) {
  return basis_names().parse(text);
}

const Nation* Scenario::find_nation(const std::string& code) const {
  return find_by(nations, code, &Nation::code);
}
const Capability* Scenario::find_capability(const std::string& id) const {
  return find_by(capabilities, id, &Capability::id);
}
const Site* Scenario::find_site(const std::string& id) const {
  return find_by(sites, id, &Site::id);
}
const Condition* Scenario::find_condition(const std::string& id) const {
  return find_by(conditions, id, &Condition::id);
}
const Variant* Scenario::find_variant(const std::string& name) const {
  return find_by(variants, name, &Variant::name);
}

const Geometry* Scenario::find_geometry(const std::string& id) const {
  return find_by(geometries, id, &Geometry::id);
}
const Zone* Scenario::find_zone(const std::string& id) const {
  return find_by(zones, id, &Zone::id);
}
const Party* Scenario::find_party(const std::string& id) const {
  return find_by(parties, id, &Party::id);
}

const Statement* statement_as_of(const Nation& nation, Date date) {
  const Statement* latest = nullptr;
  for (const auto& s : nation.statements)
    if (s.date <= date && (!latest || s.date >= latest->date)) latest = &s;
  return latest;
}

Scenario apply_variant(const Scenario& base, const std::string& variant_name) {
  if (variant_name.empty() || variant_name == "base") return base;
  const Variant* variant = base.find_variant(variant_name);
  if (!variant) {
    std::string known = "base";
    for (const auto& v : base.variants) known += ", " + v.name;
    throw ScenarioError({{{base.file, 0, 0},
                          "variant",
                          "unknown variant '" + variant_name + "' (known: " + known + ")"}});
  }
  Scenario result = base;
  for (auto& [id, holds] : variant->conditions)
    for (auto& c : result.conditions)
      if (c.id == id) c.holds = holds;
  if (variant->rotations) result.mission.rotations = *variant->rotations;
  if (variant->as_of) result.as_of = *variant->as_of;
  for (const auto& [zone, width] : variant->zone_widths)
    for (auto& z : result.zones)
      if (z.id == zone) z.width = width;
  for (const auto& [code, statement] : variant->statements)
    for (auto& nation : result.nations)
      if (nation.code == code) {
        nation.statements.push_back(statement);
        std::stable_sort(nation.statements.begin(), nation.statements.end(),
                         [](const Statement& a, const Statement& b) { return a.date < b.date; });
      }
  result.pledges.insert(result.pledges.end(), variant->pledges.begin(), variant->pledges.end());
  // A nation that leaves takes its pledges with it; its record stays so the registry can show it.
  auto leaves = [&](const std::string& code) {
    return std::find(variant->remove_nations.begin(), variant->remove_nations.end(), code) !=
           variant->remove_nations.end();
  };
  std::erase_if(result.pledges, [&](const Pledge& p) { return leaves(p.nation); });
  for (auto& nation : result.nations)
    if (leaves(nation.code)) {
      Statement left;
      left.date = result.as_of;
      left.position = Position::declined;
      left.summary = "leaves the force in variant '" + variant_name + "'";
      left.source = "variant " + variant_name;
      left.where = variant->where;
      nation.statements.push_back(left);
    }
  return result;
}

}  // namespace reassure

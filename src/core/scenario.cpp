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

const Names<Standing>& standing_names() {
  static const Names<Standing> names{{
      {Standing::participant, "participant"},
      {Standing::former_participant, "former-participant"},
      {Standing::outside, "outside"},
  }};
  return names;
}

const Names<DefaultRole>& default_role_names() {
  static const Names<DefaultRole> names{{
      {DefaultRole::participant_without_statement, "participant-without-statement"},
      {DefaultRole::stakeholder_without_statement, "stakeholder-without-statement"},
      {DefaultRole::leaving_nation, "leaving-nation"},
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

}  // namespace

std::string to_string(Standing standing) {
  return standing_names().name(standing);
}
std::optional<Standing> standing_from_string(const std::string& text) {
  return standing_names().parse(text);
}

std::string to_string(DefaultRole role) {
  return default_role_names().name(role);
}
std::optional<DefaultRole> default_role_from_string(const std::string& text) {
  return default_role_names().parse(text);
}
const std::vector<DefaultRole>& all_default_roles() {
  static const std::vector<DefaultRole> all = [] {
    std::vector<DefaultRole> v;
    for (auto& [e, n] : default_role_names().entries) v.push_back(e);
    return v;
  }();
  return all;
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

const Position* Scenario::default_position(DefaultRole role) const {
  auto it = std::find_if(positions.begin(), positions.end(),
                         [&](const Position& p) { return p.default_for == role; });
  return it == positions.end() ? nullptr : &*it;
}
const Statement* statement_as_of(const Nation& nation, Date date) {
  const Statement* latest = nullptr;
  for (const auto& s : nation.statements)
    if (s.date <= date && (!latest || s.date >= latest->date)) latest = &s;
  return latest;
}

PositionIndex::PositionIndex(const Scenario& scenario)
    : by_id_(scenario.positions, &Position::id),
      silent_participant_(scenario.default_position(DefaultRole::participant_without_statement)),
      silent_stakeholder_(scenario.default_position(DefaultRole::stakeholder_without_statement)) {}

const Position* PositionIndex::find(const std::string& id) const {
  return by_id_.find(id);
}

const Position* PositionIndex::of(const Nation& nation, Date date) const {
  if (const Statement* s = statement_as_of(nation, date)) return find(s->position);
  return nation.participant ? silent_participant_ : silent_stakeholder_;
}

std::string to_string(InputChange::Action action) {
  switch (action) {
    case InputChange::Action::added:
      return "added";
    case InputChange::Action::removed:
      return "removed";
    case InputChange::Action::changed:
      return "changed";
    case InputChange::Action::leaves:
      return "leaves";
  }
  return "?";
}

std::string statement_key(const std::string& nation, const Statement& statement) {
  return nation + "@" + statement.date.iso();
}

Scenario& Variant::replace() {
  if (!replaced) replaced = std::make_shared<Scenario>();
  return *replaced;
}
Scenario& Variant::add() {
  if (!added) added = std::make_shared<Scenario>();
  return *added;
}

namespace {
bool removes(const Variant& variant, const std::string& records, const std::string& id) {
  return std::any_of(variant.removed.begin(), variant.removed.end(),
                     [&](const RecordRef& r) { return r.records == records && r.id == id; });
}

void sort_statements(Nation& nation) {
  std::stable_sort(nation.statements.begin(), nation.statements.end(),
                   [](const Statement& a, const Statement& b) { return a.date < b.date; });
}

// Remove, replace, add: the same three steps for every kind of record.
void patch_records(Scenario& result, const Variant& variant) {
  for_each_record_list([&](const char* records, const char*, auto list, auto id) {
    auto& items = result.*list;
    std::erase_if(items, [&](const auto& item) { return removes(variant, records, item.*id); });
    if (variant.replaced)
      for (const auto& replacement : (*variant.replaced).*list)
        for (auto& item : items)
          if (item.*id == replacement.*id) item = replacement;
    if (variant.added) {
      const auto& extra = (*variant.added).*list;
      items.insert(items.end(), extra.begin(), extra.end());
    }
  });
}

void patch_statements(Scenario& result, const Variant& variant) {
  for (auto& nation : result.nations) {
    std::erase_if(nation.statements, [&](const Statement& s) {
      return removes(variant, "statements", statement_key(nation.code, s));
    });
    for (const auto& [key, replacement] : variant.replaced_statements)
      for (auto& s : nation.statements)
        if (statement_key(nation.code, s) == key) s = replacement;
    for (const auto& [code, statement] : variant.statements)
      if (nation.code == code) nation.statements.push_back(statement);
    sort_statements(nation);
  }
}
}  // namespace

Scenario apply_variant(const Scenario& base, const std::string& variant_name) {
  if (variant_name.empty() || variant_name == "base") return base;
  const Variant* variant = RecordIndex(base.variants, &Variant::name).find(variant_name);
  if (!variant) {
    std::string known = "base";
    for (const auto& v : base.variants) known += ", " + v.name;
    throw ScenarioError({{{base.file, 0, 0},
                          "variant",
                          "unknown variant '" + variant_name + "' (known: " + known + ")"}});
  }
  Scenario result = base;
  // Records first: a replaced nation comes back with its base statements, which the
  // statement patch then changes.
  patch_records(result, *variant);
  patch_statements(result, *variant);
  if (variant->mission) result.mission = *variant->mission;
  if (variant->as_of) result.as_of = *variant->as_of;
  for (const auto& [zone, width] : variant->zone_widths)
    for (auto& z : result.zones)
      if (z.id == zone) z.width = width;
  // A nation that leaves takes its pledges with it; its record stays so the registry can show it.
  auto leaves = [&](const std::string& code) {
    return std::find(variant->remove_nations.begin(), variant->remove_nations.end(), code) !=
           variant->remove_nations.end();
  };
  std::erase_if(result.pledges, [&](const Pledge& p) { return leaves(p.nation); });
  const Position* leaving = result.default_position(DefaultRole::leaving_nation);
  for (auto& nation : result.nations)
    if (leaves(nation.code)) {
      Statement left;
      left.date = result.as_of;
      left.position = leaving ? leaving->id : "";
      left.summary = "leaves the force in variant '" + variant_name + "'";
      left.source = "variant " + variant_name;
      left.where = variant->where;
      nation.statements.push_back(left);
    }
  return result;
}

}  // namespace reassure

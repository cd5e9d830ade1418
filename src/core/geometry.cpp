#include <algorithm>

#include "core/geometry.hpp"
#include "core/zones.hpp"

namespace reassure {

std::string to_string(BandSide side) {
  switch (side) {
    case BandSide::both:
      return "both";
    case BandSide::left:
      return "left";
    case BandSide::right:
      return "right";
    case BandSide::facing:
      return "facing";
  }
  return "?";
}

std::optional<BandSide> band_side_from_string(const std::string& text) {
  for (BandSide side : {BandSide::both, BandSide::left, BandSide::right, BandSide::facing})
    if (to_string(side) == text) return side;
  return std::nullopt;
}

const ZoneWidth* Zone::chosen_width() const {
  if (width.empty()) return widths.size() == 1 ? &widths.front() : nullptr;
  auto it =
      std::find_if(widths.begin(), widths.end(), [&](const ZoneWidth& w) { return w.id == width; });
  return it == widths.end() ? nullptr : &*it;
}

namespace {
// Entries in force on the date, oldest first (stable: same-day entries keep file order).
std::vector<const ZoneLimit*> in_force(const Zone& zone, const std::string& party, Date date) {
  std::vector<const ZoneLimit*> entries;
  for (const auto& limit : zone.limits)
    if (limit.party == party && limit.from <= date && (!limit.until || date <= *limit.until))
      entries.push_back(&limit);
  std::stable_sort(entries.begin(), entries.end(),
                   [](const ZoneLimit* a, const ZoneLimit* b) { return a->from < b->from; });
  return entries;
}
}  // namespace

LimitsInForce limits_in_force(const Zone& zone, const std::string& party, Date date) {
  LimitsInForce result;
  for (const ZoneLimit* entry : in_force(zone, party, date)) {
    if (entry->personnel) result.personnel = LimitsInForce::Personnel{*entry->personnel, entry};
    for (const auto& unit : entry->units) {
      auto it = std::find_if(result.units.begin(), result.units.end(),
                             [&](const auto& u) { return u.limit.capability == unit.capability; });
      if (it == result.units.end())
        result.units.push_back({unit, entry});
      else
        *it = {unit, entry};
    }
    for (const auto& weapon : entry->weapons) {
      auto it = std::find_if(result.weapons.begin(), result.weapons.end(), [&](const auto& w) {
        return w.limit.weapon_class == weapon.weapon_class &&
               w.limit.min_calibre_mm == weapon.min_calibre_mm;
      });
      if (it == result.weapons.end())
        result.weapons.push_back({weapon, entry});
      else
        *it = {weapon, entry};
    }
  }
  return result;
}

}  // namespace reassure

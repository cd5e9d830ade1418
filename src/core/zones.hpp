// What an agreement allows each party inside a zone on a given day. Monitoring asks it when a
// heavy weapon is seen inside its withdrawal line; deployment asks it before placing a unit.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/geometry.hpp"

namespace reassure {

// The limits in force, each with the agreement entry that set it (for the citation).
struct LimitsInForce {
  struct Personnel {
    long long max = 0;
    const ZoneLimit* set_by = nullptr;
  };
  struct Units {
    UnitLimit limit;
    const ZoneLimit* set_by = nullptr;
  };
  struct Weapons {
    WeaponLimit limit;
    const ZoneLimit* set_by = nullptr;
  };
  std::optional<Personnel> personnel;  // none: no personnel limit
  std::vector<Units> units;            // one per capability
  std::vector<Weapons> weapons;        // one per weapon class and calibre threshold

  bool empty() const { return !personnel && units.empty() && weapons.empty(); }
};

// The limits on `party` (a nation code or a party id, matched exactly) inside `zone` on `date`.
// An entry is in force from its `from` date to its `until` date, both included. Each item
// (personnel; units of one capability; weapons of one class from one calibre) takes its value
// from the latest entry in force that sets it, so a later agreement replaces what it restates
// and leaves the rest; of two entries from the same day, the one listed later wins.
LimitsInForce limits_in_force(const Zone& zone, const std::string& party, Date date);

}  // namespace reassure

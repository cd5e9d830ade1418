// A vocabulary of positions for scenarios built in code by the unit tests: the core names no
// position, so every test scenario declares the ones it uses, as a scenario file would.
#pragma once

#include <string>

#include "core/scenario.hpp"

namespace reassure::testing {

inline Position position(const std::string& id, Standing coalition, bool may_pledge, bool committed,
                         std::optional<DefaultRole> default_for = {}) {
  Position p;
  p.id = id;
  p.label = id;
  p.coalition = coalition;
  p.may_pledge = may_pledge;
  p.committed = committed;
  p.default_for = default_for;
  return p;
}

// The coalition scenario's vocabulary, with the same meanings (scenarios/coalition/positions.yaml).
inline std::vector<Position> coalition_positions() {
  using S = Standing;
  return {
      position("committed", S::participant, true, true),
      position("conditional", S::participant, true, false),
      position("monitoring-only", S::participant, true, false),
      position("support-only", S::participant, true, false),
      position("undecided", S::participant, false, false),
      position("declined", S::participant, false, false),
      position("undisclosed", S::participant, false, false,
               DefaultRole::participant_without_statement),
      position("host", S::participant, true, false),
      position("backstop-unclear", S::outside, true, false),
      position("opposed", S::outside, false, false),
      position("non-participant", S::outside, false, false,
               DefaultRole::stakeholder_without_statement),
      position("former-participant", S::former_participant, false, false,
               DefaultRole::leaving_nation),
  };
}

}  // namespace reassure::testing

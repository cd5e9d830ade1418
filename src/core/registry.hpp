// The coalition registry as of a date: who is in, what each has said, and the counts by
// position, computed from the dated statements.
#pragma once

#include <map>
#include <optional>
#include <vector>

#include "core/scenario.hpp"

namespace reassure {

struct NationStatus {
  std::string code;
  std::string name;
  bool participant = false;
  std::string role;
  Position position = Position::undisclosed;
  std::optional<Statement> statement;  // the statement behind the position, if any is public
};

struct CoalitionStatus {
  Date as_of;
  int participants = 0;
  std::map<Position, int> by_position;  // participants only; every position present, maybe 0
  std::vector<NationStatus> nations;    // participants first, then stakeholders outside
  // Announcements counting participants whose names were not published. Each one counted
  // turns one participant without a public position into a committed one.
  std::vector<UndisclosedCommitment> undisclosed_counted;
  int undisclosed_recorded = 0;  // announced on or before as_of
};

// Undisclosed commitments are counted only while there are participants without a public
// position to account for them: a nation that later speaks publicly may have been one of them.
CoalitionStatus coalition_status(const Scenario& scenario, Date as_of);

}  // namespace reassure

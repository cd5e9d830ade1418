// The coalition registry as of a date: who is in, what each has said, and the counts by
// position, computed from the dated statements and what the scenario's positions mean.
#pragma once

#include <optional>
#include <vector>

#include "core/scenario.hpp"

namespace reassure {

struct NationStatus {
  std::string code;
  std::string name;
  bool participant = false;  // where the nation stands on the date (its position says)
  Standing standing = Standing::outside;
  std::string role;
  std::string position;                // vocabulary id
  std::string label;                   // the position's label
  std::optional<Statement> statement;  // the statement behind the position, if any is public
};

struct PositionCount {
  std::string position;  // vocabulary id
  std::string label;
  int participants = 0;
};

struct CoalitionStatus {
  Date as_of;
  RegistryWords words;  // what the scenario calls the body and its members
  int participants = 0;
  int former_participants = 0;
  int committed = 0;               // participants whose position counts as committed
  int committed_by_statement = 0;  // of which by a public statement
  // Participants by position, in the vocabulary's order, with every participant position
  // present (maybe 0).
  std::vector<PositionCount> by_position;
  std::vector<NationStatus> nations;  // participants, then former participants, then outside
  // Announcements counting participants whose names were not published. Each one counted
  // turns one participant without a public position into one holding the announced position.
  std::vector<UndisclosedCommitment> undisclosed_counted;
  int undisclosed_recorded = 0;   // announced on or before as_of
  int committed_undisclosed = 0;  // counted records whose position counts as committed

  int count(const std::string& position) const;
};

// Undisclosed commitments are counted only while there are participants without a public
// position to account for them: a nation that later speaks publicly may have been one of them.
CoalitionStatus coalition_status(const Scenario& scenario, Date as_of);

// The same as a user of the viewer's nation may see it: computed from only the statements and
// undisclosed commitments released to that nation (its own statements always are), as if the
// others did not exist. A nation whose statements are all withheld reads as having said nothing.
CoalitionStatus coalition_status(const Scenario& scenario, Date as_of, const Viewer& viewer);

}  // namespace reassure

#include "core/registry.hpp"

#include <algorithm>

namespace reassure {

namespace {
NationStatus status_of(const Nation& nation, Date as_of) {
  NationStatus status{nation.code,
                      nation.name,
                      nation.participant,
                      nation.role,
                      nation.participant ? Position::undisclosed : Position::non_participant,
                      std::nullopt};
  if (const Statement* s = statement_as_of(nation, as_of)) {
    status.position = s->position;
    status.statement = *s;
  }
  return status;
}
}  // namespace

CoalitionStatus coalition_status(const Scenario& scenario, Date as_of) {
  CoalitionStatus result;
  result.as_of = as_of;
  for (Position p : all_positions()) result.by_position[p] = 0;

  for (const auto& nation : scenario.nations) {
    NationStatus status = status_of(nation, as_of);
    if (status.participant) {
      ++result.participants;
      ++result.by_position[status.position];
    }
    result.nations.push_back(std::move(status));
  }
  std::stable_partition(result.nations.begin(), result.nations.end(),
                        [](const NationStatus& s) { return s.participant; });

  std::vector<const UndisclosedCommitment*> announced;
  for (const auto& u : scenario.undisclosed)
    if (u.date <= as_of) announced.push_back(&u);
  result.undisclosed_recorded = int(announced.size());
  int pool = result.by_position[Position::undisclosed];
  int counted = std::min(pool, result.undisclosed_recorded);
  for (int i = 0; i < counted; ++i) {
    result.undisclosed_counted.push_back(*announced[i]);
    --result.by_position[Position::undisclosed];
    ++result.by_position[announced[i]->position];
  }
  return result;
}

}  // namespace reassure

#include "core/registry.hpp"

#include <algorithm>

namespace reassure {

namespace {
NationStatus status_of(const Nation& nation, const PositionIndex& positions, Date as_of) {
  NationStatus status;
  status.code = nation.code;
  status.name = nation.name;
  status.role = nation.role;
  const Statement* s = statement_as_of(nation, as_of);
  if (s) status.statement = *s;
  const Position* position = positions.of(nation, as_of);
  // An unvalidated vocabulary may miss the position: the nation keeps the standing its record
  // gives, and the id it was given.
  status.standing = position ? position->coalition
                             : (nation.participant ? Standing::participant : Standing::outside);
  status.participant = status.standing == Standing::participant;
  status.position = position ? position->id : (s ? s->position : "");
  status.label = position ? position->label : status.position;
  return status;
}

int rank(Standing standing) {
  switch (standing) {
    case Standing::participant:
      return 0;
    case Standing::former_participant:
      return 1;
    case Standing::outside:
      return 2;
  }
  return 2;
}
CoalitionStatus registry_as_seen(const Scenario& scenario, Date as_of, const Viewer* viewer);

}  // namespace

int CoalitionStatus::count(const std::string& position) const {
  for (const auto& c : by_position)
    if (c.position == position) return c.participants;
  return 0;
}

CoalitionStatus coalition_status(const Scenario& scenario, Date as_of) {
  return registry_as_seen(scenario, as_of, nullptr);
}

CoalitionStatus coalition_status(const Scenario& scenario, Date as_of, const Viewer& viewer) {
  return registry_as_seen(scenario, as_of, &viewer);
}

namespace {

// The registry from the records released to the viewer (all of them without one).
CoalitionStatus registry_as_seen(const Scenario& scenario, Date as_of, const Viewer* viewer) {
  PositionIndex positions(scenario);
  CoalitionStatus result;
  result.as_of = as_of;
  result.words = scenario.registry;
  for (const auto& p : scenario.positions)
    if (p.coalition == Standing::participant) result.by_position.push_back({p.id, p.label, 0});
  auto slot = [&](const std::string& id) -> PositionCount* {
    for (auto& c : result.by_position)
      if (c.position == id) return &c;
    return nullptr;
  };

  for (const auto& record : scenario.nations) {
    // A viewer's nation holds the statements it may see, and only those.
    std::optional<Nation> released;
    if (viewer) {
      released = record;
      std::erase_if(released->statements, [&](const Statement& s) {
        return !releasable_to(s.releasability, record.code, viewer->nation);
      });
    }
    const Nation& nation = released ? *released : record;
    NationStatus status = status_of(nation, positions, as_of);
    if (status.standing == Standing::former_participant) ++result.former_participants;
    if (status.participant) {
      ++result.participants;
      if (auto* c = slot(status.position)) ++c->participants;
      const Position* p = positions.find(status.position);
      if (p && p->committed) {
        ++result.committed;
        if (status.statement) ++result.committed_by_statement;
      }
    }
    result.nations.push_back(std::move(status));
  }
  std::stable_sort(result.nations.begin(), result.nations.end(),
                   [](const NationStatus& a, const NationStatus& b) {
                     return rank(a.standing) < rank(b.standing);
                   });

  std::vector<const UndisclosedCommitment*> announced;
  for (const auto& u : scenario.undisclosed)
    if (u.date <= as_of && (!viewer || releasable_to(u.releasability, viewer->nation)))
      announced.push_back(&u);
  result.undisclosed_recorded = int(announced.size());
  const Position* silent = scenario.default_position(DefaultRole::participant_without_statement);
  PositionCount* pool = silent ? slot(silent->id) : nullptr;
  int counted = pool ? std::min(pool->participants, result.undisclosed_recorded) : 0;
  for (int i = 0; i < counted; ++i) {
    const UndisclosedCommitment& u = *announced[i];
    result.undisclosed_counted.push_back(u);
    --pool->participants;
    if (silent->committed) --result.committed;  // the slot it fills was counted already
    if (auto* c = slot(u.position)) ++c->participants;
    const Position* p = positions.find(u.position);
    if (p && p->committed) {
      ++result.committed;
      ++result.committed_undisclosed;
    }
  }
  return result;
}

}  // namespace

}  // namespace reassure

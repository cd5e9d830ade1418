// The force-generation plan as planners read it: assignments, fill rates, shortfalls and
// burden sharing, computed from the solved model.
#pragma once

#include <string>
#include <vector>

#include "forcegen/solve.hpp"

namespace reassure::forcegen {

struct Assignment {
  std::string pledge, nation, capability, requirement, site;
  int rotation = 0;
  std::string start, end;  // the tour's first and last day (ISO dates)
  int units = 0;
  long long personnel = 0;
  // The steps of the plan's time grid it serves the line, [from_step, to_step): what a view
  // of the plan recomputes figures from when it leaves the assignment out.
  int from_step = 0, to_step = 0;
  Marking marking;  // the pledge's
};

// A stretch of a requirement line over which its fill is constant, within one rotation: the
// plan's figures are sums over these, and a view of the plan that withholds assignments sums
// them again (report/views.hpp).
struct Span {
  int from_step = 0, to_step = 0;  // [from, to) on the plan's time grid
  int rotation = 0;
  std::string start, end;  // first and last day
  long long filled_units = 0;
  // Why the span is short, or would be if it held fewer units: the reason's code and cause,
  // in words that name no pledge and count none (`why`); `reason` tells the plan's own reasons
  // apart, as the plan merges shortfalls of equal reasons.
  std::string why, code, cause;
  int reason = 0;
};

struct LineTimeline {
  std::string requirement, capability, domain, site;
  long long units = 0;           // needed at each step
  long long unit_personnel = 0;  // persons per unit
  std::vector<Span> spans;
};

// Amounts over time (units, personnel) are summed over the steps of the plan's time grid
// (Calendar): with the mission's own rotations a step is a rotation, so they are unit- and
// personnel-rotations; Plan::steps_per_rotation converts otherwise.
struct Fill {
  std::string key;         // requirement id, domain name or rotation number
  std::string start, end;  // a rotation's first and last day; empty for other fills
  long long required_units = 0, filled_units = 0;
  long long required_personnel = 0, filled_personnel = 0;
  double rate() const {
    return required_personnel ? double(filled_personnel) / double(required_personnel) : 1.0;
  }
};

struct Shortfall {
  std::string requirement, capability, domain, site;
  int rotation = 0;
  std::string start, end;  // the days short (within the rotation)
  int missing_units = 0;
  long long missing_personnel = 0;
  std::string why;  // no eligible pledge (and the commonest reason) or pledges exhausted
  // The same as stable codes: pledges_exhausted, no_pledge_of_capability or no_eligible_pledge;
  // for the last, `cause` is the commonest reason's code (code(Reason): distance, zone...).
  std::string code, cause;
};

struct Burden {
  std::string nation, name;
  long long personnel_rotations = 0;  // personnel summed over the steps served
  long long peak_personnel = 0;       // largest contingent at any one time
  long long unit_rotations = 0;       // units summed over the steps served
  double share = 0;                   // of all personnel-rotations filled
};

struct Exclusion {
  std::string pledge, nation, capability;
  int units = 0;
  std::string reason;
  std::string code;                  // the reason's stable code (code(Reason))
  Marking marking, caveats_marking;  // the pledge's and its caveats'
};

struct Plan {
  std::string scenario, variant;
  std::string as_of;
  int rotations = 0;
  // The first day the plan covers: the mission's start, or the first step starting on or after
  // the plan date when the mission began before it (what came before is history, not planned).
  std::string mission_start, planned_from;
  int steps_per_rotation = 1;  // divides the summed amounts into rotations
  Solution solution;
  std::string status;  // "optimal" or "feasible (gap x%)"
  Fill total;
  std::vector<Fill> by_requirement, by_domain, by_rotation;
  std::vector<Assignment> assignments;
  std::vector<Shortfall> shortfalls;
  std::vector<Burden> burden;
  std::vector<Exclusion> excluded;
  std::vector<LineTimeline> timeline;  // one per requirement line, in by_requirement's order
  Releasability releasability;         // the scenario's
};

// Plans the scenario as given (apply a variant first with apply_variant). With a reference
// plan (the first variant of a comparison), ties between optimal plans are broken towards
// the reference's assignments, so that what differs is what the variant changed. With a
// library of shapes, plans of scenarios with the same geometries index them once.
Plan make_plan(const Scenario& scenario, const std::string& variant_name = "base",
               const SolveOptions& options = {}, const Plan* reference = nullptr,
               geo::ShapeLibrary* shapes = nullptr);

// Assembles the plan from a model and any solution of it (used by the benchmarks too).
Plan describe(const Eligibility& eligibility, const Model& model, const Solution& solution,
              const std::vector<ExcludedPledge>& excluded);

}  // namespace reassure::forcegen

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
  int units = 0;
  int personnel = 0;
};

struct Fill {
  std::string key;  // requirement id, domain name or rotation number
  int required_units = 0, filled_units = 0;
  long long required_personnel = 0, filled_personnel = 0;
  double rate() const {
    return required_personnel ? double(filled_personnel) / double(required_personnel) : 1.0;
  }
};

struct Shortfall {
  std::string requirement, capability, domain, site;
  int rotation = 0;
  int missing_units = 0;
  long long missing_personnel = 0;
  std::string why;  // no eligible pledge (and the commonest reason) or pledges exhausted
};

struct Burden {
  std::string nation, name;
  long long personnel_rotations = 0;  // personnel summed over rotations served
  long long peak_personnel = 0;       // largest contingent in any one rotation
  int unit_rotations = 0;
  double share = 0;  // of all personnel-rotations filled
};

struct Exclusion {
  std::string pledge, nation, capability;
  int units = 0;
  std::string reason;
};

struct Plan {
  std::string scenario, variant;
  std::string as_of;
  int rotations = 0;
  Solution solution;
  std::string status;  // "optimal" or "feasible (gap x%)"
  Fill total;
  std::vector<Fill> by_requirement, by_domain, by_rotation;
  std::vector<Assignment> assignments;
  std::vector<Shortfall> shortfalls;
  std::vector<Burden> burden;
  std::vector<Exclusion> excluded;
};

// Plans the scenario as given (apply a variant first with apply_variant). With a reference
// plan (the first variant of a comparison), ties between optimal plans are broken towards
// the reference's assignments, so that what differs is what the variant changed.
Plan make_plan(const Scenario& scenario, const std::string& variant_name = "base",
               const SolveOptions& options = {}, const Plan* reference = nullptr);

// Assembles the plan from a model and any solution of it (used by the benchmarks too).
Plan describe(const Eligibility& eligibility, const Model& model, const Solution& solution,
              const std::vector<ExcludedPledge>& excluded);

}  // namespace reassure::forcegen

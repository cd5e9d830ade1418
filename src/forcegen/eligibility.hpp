// Which pledge may fill which requirement, and when: every national caveat, the nation's
// position, the conditions of the variant, availability and readiness.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/scenario.hpp"

namespace reassure::forcegen {

// Why a pledge cannot serve a requirement (or at all); `eligible` when it can.
enum class Reason {
  eligible,
  position,           // the nation's position as of the plan date allows no pledges
  condition,          // a condition the pledge depends on does not hold in this variant
  capability,         // the pledge offers another capability
  domain,             // domain caveat (air only, sea only, monitoring-only...)
  distance,           // the site is closer to the line of contact than the caveat allows
  country,            // the site's host country is excluded by a caveat
  availability,       // the pledge is available only after the requirement's period
  readiness,          // too slow for the requirement's first rotation
  unknown_reference,  // the pledge names a nation, or the line a site, that does not exist
};
std::string to_string(Reason reason);

// The caveat that rules a pledge out of a line: whose it is (the nation's or the pledge's) and
// which key, so that an error can point at it.
struct CaveatVerdict {
  Reason reason = Reason::eligible;
  bool national = false;
  std::string key;  // min_distance_km, domains, countries or exclude_countries
};

class Eligibility {
 public:
  explicit Eligibility(const Scenario& scenario);

  // Reasons that rule the pledge out of any plan, whatever the requirement.
  Reason pledge_usable(const Pledge& pledge) const;
  // Caveats of pledge and nation against the requirement's site (ignores position,
  // conditions and timing).
  Reason caveats_allow(const Pledge& pledge, const Requirement& requirement) const {
    return caveat_verdict(pledge, requirement).reason;
  }
  CaveatVerdict caveat_verdict(const Pledge& pledge, const Requirement& requirement) const;
  // The rotations in which the pledge may serve the requirement; empty with `why` set if none.
  std::vector<int> rotations(const Pledge& pledge, const Requirement& requirement,
                             Reason* why = nullptr) const;

  // Why the pledge cannot serve the requirement in this rotation (eligible if it can).
  Reason why_not(const Pledge& pledge, const Requirement& requirement, int rotation) const;

  double site_distance_km(const std::string& site) const;
  const Scenario& scenario() const { return scenario_; }

 private:
  const Scenario& scenario_;
  std::map<std::string, double> site_distance_km_;
};

// Pledges whose caveats exclude every requirement of their capability, whatever the
// variant: a scenario error ("a caveat that no requirement could ever satisfy").
// `pledges` are checked against the scenario's requirements (by default its own pledges; a
// variant's added pledges against the variant's scenario); `path` prefixes the field names.
std::vector<Diagnostic> unsatisfiable_caveats(const Scenario& scenario);
std::vector<Diagnostic> unsatisfiable_caveats(const Scenario& scenario,
                                              const std::vector<Pledge>& pledges,
                                              const std::string& path);

}  // namespace reassure::forcegen

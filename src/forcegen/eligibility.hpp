// Which pledge may fill which requirement, and when: every national caveat, the nation's
// position, the conditions of the variant, availability and readiness.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/scenario.hpp"
#include "forcegen/calendar.hpp"

namespace reassure::geo {
class ShapeLibrary;
}

namespace reassure::forcegen {

// Why a pledge cannot serve a requirement (or at all); `eligible` when it can.
enum class Reason {
  eligible,
  position,           // the nation's position as of the plan date allows no pledges
  condition,          // a condition the pledge depends on does not hold in this variant
  capability,         // the pledge offers another capability
  domain,             // domain caveat (air only, sea only, monitoring-only...)
  distance,           // the site is nearer to or farther from a named geometry than allowed
  country,            // the site's host country is excluded by a caveat
  availability,       // the pledge is available only after the requirement's period
  readiness,          // too slow for the requirement's first rotation
  unknown_reference,  // the pledge names a nation, or the line a site, that does not exist
  zone,               // the site is outside the zones a caveat allows, or inside one it excludes
  site,               // the site is not among the sites a caveat allows
};
std::string to_string(Reason reason);
// The reason as a stable code for programs ("position", "distance", "unknown_reference"...):
// the enumerator's name, never reworded.
std::string code(Reason reason);

// The caveat that rules a pledge out of a line: whose it is (the nation's or the pledge's) and
// which key, so that an error can point at it.
struct CaveatVerdict {
  Reason reason = Reason::eligible;
  bool national = false;
  std::string key;     // min_distance_km, distance, domains, sites, countries, zones...
  std::string detail;  // which geometry, zone or site, and the figures (geometric caveats)
};

// The refusal in the users' words: which caveat (whose, which key) and which geometry, zone or
// site, with the figures, e.g. "too close to the line of contact: site near is 73.2 km from it,
// less than 100.0 km (caveat min_distance_km of the nation)".
std::string describe(const CaveatVerdict& verdict);

// A tour of a pledge that may serve a line: `served` of its steps fall in the line's period.
struct Service {
  Tour tour;
  int served = 0;
};

class Eligibility {
 public:
  // With a library, the geometries' shapes are taken from it (built there if new).
  explicit Eligibility(const Scenario& scenario, geo::ShapeLibrary* shapes = nullptr);

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

  // rotations() for a pledge already known to be usable (pledge_usable() said eligible): the
  // planner checks that once per pledge, not once per line.
  std::vector<int> served_rotations(const Pledge& pledge, const Requirement& requirement,
                                    Reason* why = nullptr) const;

  // The tours in which a usable pledge may serve the line: they overlap the line's period and
  // leave the units the notice they need (readiness). Empty with `why` set if none.
  std::vector<Service> services(const Pledge& pledge, const Requirement& requirement,
                                Reason* why = nullptr) const;
  const Calendar& calendar() const { return calendar_; }

  // Why the pledge cannot serve the requirement in this rotation (eligible if it can).
  Reason why_not(const Pledge& pledge, const Requirement& requirement, int rotation) const;

  double site_distance_km(const std::string& site) const;
  const Scenario& scenario() const { return scenario_; }

  // Constant-time look-ups: the planner asks these for every pledge and line pair.
  const Nation* nation(const std::string& code) const { return nations_.find(code); }
  const Site* site(const std::string& id) const { return sites_.find(id); }
  const Capability* capability(const std::string& id) const { return capabilities_.find(id); }
  // Indices into scenario().requirements of the lines wanting a capability.
  const std::vector<int>& lines_for(const std::string& capability) const;
  // Indices into scenario().pledges of the pledges offering a capability.
  const std::vector<int>& pledges_for(const std::string& capability) const;

 private:
  // Geometric facts about each site, computed once for the geometries and zones caveats name.
  struct SiteFacts {
    std::vector<std::optional<double>> distance_km;  // by from_index_; none: no such geometry
    std::vector<std::optional<bool>> in_zone;        // by zone_index_; none: zone unusable
  };
  void compute_site_facts(geo::ShapeLibrary* shapes);
  CaveatVerdict check(const Caveats& caveats, Domain domain, const Site& site, bool national) const;
  CaveatVerdict check_geometry(const Caveats& caveats, const Site& site, bool national) const;

  const Scenario& scenario_;
  std::unordered_map<std::string, int> from_index_;
  std::unordered_map<std::string, int> zone_index_;
  std::unordered_map<std::string, SiteFacts> site_facts_;
  Calendar calendar_;
  RecordIndex<Nation> nations_;
  RecordIndex<Site> sites_;
  RecordIndex<Capability> capabilities_;
  RecordIndex<Condition> conditions_;
  // Nations whose position on the plan date lets their pledges enter (the vocabulary's
  // may_pledge), decided once for all their pledges.
  std::unordered_map<std::string, bool> may_pledge_;
  std::unordered_map<std::string, std::vector<int>> lines_by_capability_;
  std::unordered_map<std::string, std::vector<int>> pledges_by_capability_;
};

// Pledges whose caveats exclude every requirement of their capability, whatever the
// variant: a scenario error ("a caveat that no requirement could ever satisfy").
// `pledges` are checked against the scenario's requirements (by default its own pledges; a
// variant's added pledges against the variant's scenario); `path` prefixes the field names.
std::vector<Diagnostic> unsatisfiable_caveats(const Scenario& scenario,
                                              geo::ShapeLibrary* shapes = nullptr);
std::vector<Diagnostic> unsatisfiable_caveats(const Scenario& scenario,
                                              const std::vector<Pledge>& pledges,
                                              const std::string& path,
                                              geo::ShapeLibrary* shapes = nullptr);

}  // namespace reassure::forcegen

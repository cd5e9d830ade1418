// The scenario: the coalition's nations and their dated positions, capabilities, sites,
// the statement of requirements, the pledges with their caveats, and the variants to compare.
// Plain data; io fills it, the planners read it.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/diagnostic.hpp"

namespace reassure {

// Where a record and each of its fields were read from, so that errors found later (a
// reference to a missing site, say) still point at the line.
struct Located {
  SourceLocation where;
  std::map<std::string, SourceLocation> fields;

  SourceLocation at(const std::string& field) const {
    auto it = fields.find(field);
    return it == fields.end() ? where : it->second;
  }
};

enum class Position {
  committed,         // will deploy or be present on land, at sea or in the air
  conditional,       // would contribute once stated conditions hold
  monitoring_only,   // monitoring of the peace deal, no troops
  support_only,      // logistics, training or material support, no troops
  undecided,         // has not taken a position yet
  declined,          // has ruled out a contribution of troops
  undisclosed,       // participant whose position was never made public
  host,              // Ukraine: the host nation
  backstop_unclear,  // the United States: backstop of uncertain content
  opposed,           // Russia: rejects the force in any format
  non_participant,   // outside the coalition (e.g. vetoing members of NATO or the EU)
};

const std::vector<Position>& all_positions();
std::string to_string(Position position);
std::optional<Position> position_from_string(const std::string& text);

// Positions whose pledges may enter a plan: the nation has said it will contribute something.
bool position_allows_pledges(Position position);

enum class Domain { land, sea, air, monitoring, training, logistics, enablers };

std::string to_string(Domain domain);
std::optional<Domain> domain_from_string(const std::string& text);

// How much a fact can be trusted, as the scenario file labels it.
enum class Basis {
  reported,    // stated by a source
  estimate,    // a number derived from vague reporting
  assumption,  // an illustrative planning assumption, editable
  inferred,    // deduced from other records (e.g. an unpublished list)
};
std::string to_string(Basis basis);
std::optional<Basis> basis_from_string(const std::string& text);

struct Statement : Located {
  Date date;
  Position position = Position::undisclosed;
  std::string summary;
  std::string source;
  bool doubtful_source = false;  // the facts mark this source as of doubtful reliability
};

// One of the participants counted in an announcement whose list was never published
// ("26 formally committed", Paris, 4 September 2025): recorded without a name.
struct UndisclosedCommitment : Located {
  std::string id;
  Date date;
  Position position = Position::committed;
  std::string summary;
  std::string source;
};

struct Caveats {
  std::optional<double> min_distance_km;  // from the line of contact
  std::vector<Domain> domains;            // empty: any domain
  std::vector<std::string> countries;     // host countries allowed; empty: any
  std::vector<std::string> exclude_countries;
  std::vector<std::string> conditions;  // condition ids that must hold
};

struct Nation : Located {
  std::string code;  // ISO 3166-1 alpha-2
  std::string name;
  bool participant = false;  // one of the coalition's participants (else a stakeholder)
  std::string role;          // e.g. "co-lead"; free text
  std::string membership_source;
  Caveats caveats;                    // apply to every pledge of the nation
  std::vector<Statement> statements;  // sorted by date when loaded
};

struct Capability : Located {
  std::string id;
  std::string name;
  Domain domain = Domain::land;
  int personnel = 0;  // per unit
  std::string description;
  Basis basis = Basis::assumption;  // of the personnel figure
  std::string source;
};

struct Site : Located {
  std::string id;
  std::string name;
  std::string country;
  double lat = 0;
  double lon = 0;
  std::string kind;
  std::string source;
  std::string note;
};

struct Requirement : Located {
  std::string id;
  std::string capability;
  int quantity = 0;  // units needed in every rotation of the period
  std::string site;
  int first_rotation = 1;
  std::optional<int> last_rotation;       // nullopt: to the end of the mission
  int priority = 3;                       // 1 (lowest) .. 5 (highest)
  std::optional<int> max_readiness_days;  // for the first rotation it is needed
  // Dated period, instead of from_rotation / to_rotation: the first and the last day needed.
  std::optional<Date> from_date, to_date;
  Basis basis = Basis::assumption;
  std::string note;
  std::string source;
};

struct Pledge : Located {
  std::string id;
  std::string nation;
  std::string capability;
  int quantity = 0;            // units
  int available_from = 1;      // first rotation the units can serve
  int readiness_days = 30;     // notice needed to deploy
  int recovery_rotations = 2;  // rotations a unit needs after serving before it serves again
  // The pledge's own tours, when they differ from the mission's rotations: tour length in
  // months (0: the mission's rotation_months; recovery then counts these tours), the first
  // day of its first tour (instead of available_from), the date it is withdrawn from.
  int tour_months = 0;
  std::optional<Date> first_day, withdrawn_from;
  Caveats caveats;
  Basis basis = Basis::assumption;
  std::string note;
  std::string source;
};

struct Condition : Located {
  std::string id;
  std::string description;
  bool holds = true;
  Basis basis = Basis::assumption;
  std::string source;
  std::string note;
};

struct Mission : Located {
  Date start;
  int rotation_months = 6;
  int rotations = 2;

  // Rotation r (1-based) starts rotation_months·(r−1) calendar months after the mission's
  // start (a month end stays a month end) and ends the day before the next one starts.
  Date rotation_start(int rotation) const {
    return start.plus_months((rotation - 1) * rotation_months);
  }
  Date rotation_end(int rotation) const { return rotation_start(rotation + 1).plus_days(-1); }
};

struct LineOfContact {
  std::vector<std::vector<std::pair<double, double>>> lines;  // (lat, lon) polylines
  std::string label;
  std::string source;
  std::string file;
};

// What a variant changes; applied on top of the base scenario by apply_variant().
struct Variant : Located {
  std::string name;
  std::string description;
  std::map<std::string, bool> conditions;
  std::optional<int> rotations;
  std::optional<Date> as_of;
  std::vector<std::string> remove_nations;
  std::vector<std::pair<std::string, Statement>> statements;  // (nation, statement)
  std::vector<Pledge> pledges;
};

struct Scenario {
  std::string name;
  std::string description;
  std::string file;  // the top-level scenario file
  Date as_of;        // the date positions are read at for planning
  Mission mission;
  std::vector<Nation> nations;
  std::vector<UndisclosedCommitment> undisclosed;
  std::vector<Capability> capabilities;
  std::vector<Site> sites;
  std::vector<Requirement> requirements;
  std::vector<Pledge> pledges;
  std::vector<Condition> conditions;
  std::vector<Variant> variants;
  LineOfContact line_of_contact;

  const Nation* find_nation(const std::string& code) const;
  const Capability* find_capability(const std::string& id) const;
  const Site* find_site(const std::string& id) const;
  const Condition* find_condition(const std::string& id) const;
  const Variant* find_variant(const std::string& name) const;
  int last_rotation(const Requirement& requirement) const {
    return requirement.last_rotation.value_or(mission.rotations);
  }
};

// The scenario as a variant sees it. Throws ScenarioError naming the variant if it is unknown.
Scenario apply_variant(const Scenario& base, const std::string& variant_name);

// The nation's latest statement on or before the date, if any.
const Statement* statement_as_of(const Nation& nation, Date date);

}  // namespace reassure

// The scenario: the coalition's nations and their dated positions, capabilities, sites,
// the statement of requirements, the pledges with their caveats, and the variants to compare.
// Plain data; io fills it, the planners read it.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/date.hpp"
#include "core/diagnostic.hpp"
#include "core/geometry.hpp"
#include "core/provenance.hpp"
#include "core/releasability.hpp"

namespace reassure {

// Where a nation holding a position stands: inside the coalition, having left it, or outside
// (a stakeholder such as a backstop power or an opponent).
enum class Standing { participant, former_participant, outside };
std::string to_string(Standing standing);
std::optional<Standing> standing_from_string(const std::string& text);

// The positions a vocabulary must name for nations that have not said anything, and for a
// nation that leaves the force in a variant.
enum class DefaultRole {
  participant_without_statement,  // a participant with no public statement yet
  stakeholder_without_statement,  // a nation outside the coalition with no statement
  leaving_nation,                 // a nation a variant takes out of the force
};
std::string to_string(DefaultRole role);
std::optional<DefaultRole> default_role_from_string(const std::string& text);
const std::vector<DefaultRole>& all_default_roles();

// One position of the scenario's vocabulary: the core knows positions only by what they mean.
struct Position : Located {
  std::string id;     // what statements name
  std::string label;  // what reports show
  std::string description;
  bool may_pledge = false;  // its holders' pledges may enter a plan
  bool committed = false;   // counts as committed in the registry
  Standing coalition = Standing::participant;
  std::optional<DefaultRole> default_for;
};

enum class Domain { land, sea, air, monitoring, training, logistics, enablers };

std::string to_string(Domain domain);
std::optional<Domain> domain_from_string(const std::string& text);

struct Statement : Located {
  Date date;
  std::string position;  // an id of the scenario's vocabulary
  std::string summary;
  std::string source;
  bool doubtful_source = false;   // the facts mark this source as of doubtful reliability
  Basis basis = Basis::reported;  // a statement is what a source reports, unless it says
  Releasability releasability;    // who may see it (its nation always does)
};

// One of the participants counted in an announcement whose list was never published
// ("26 formally committed", Paris, 4 September 2025): recorded without a name.
struct UndisclosedCommitment : Located {
  std::string id;
  Date date;
  std::string position;  // an id of the scenario's vocabulary
  std::string summary;
  std::string source;
  Releasability releasability;  // who may see it (it has no owner)
};

// Who may see a pledge, or its caveats, and what the others see of it in a plan
// (docs/scenario-format.md, "Markings"). The pledge's nation always sees both.
struct Marking {
  Releasability releasability;
  RestrictedView restricted_view = RestrictedView::aggregated;

  friend bool operator==(const Marking&, const Marking&) = default;
};

struct Caveats {
  std::optional<double> min_distance_km;  // from the line of contact
  std::vector<Domain> domains;            // empty: any domain
  std::vector<std::string> countries;     // host countries allowed; empty: any
  std::vector<std::string> exclude_countries;
  std::vector<std::string> conditions;  // condition ids that must hold
  // Geometric caveats (docs/scenario-format.md, "Geometric caveats").
  std::vector<DistanceCaveat> distances;   // from named geometries or sites
  std::vector<std::string> zones;          // the site must lie in one of these; empty: any
  std::vector<std::string> exclude_zones;  // the site must lie in none of these
  std::vector<std::string> sites;          // sites allowed; empty: any
  Marking marking;                         // a pledge's caveats only; a nation's are coalition
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
  std::string administered_by;  // who holds it, when not `country` (occupied, disputed); or empty
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
  Marking marking;  // of the pledge; caveats.marking of its caveats
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

// The words the registry's reports use for the body and its members (scenario.yaml,
// `registry`): a coalition has participants, a UN force troop contributors. The defaults are
// the coalition's.
struct RegistryWords : Located {
  std::string body = "Coalition";  // "Coalition status as of ..."
  std::string participants = "participants";
  std::string former_participant = "former participant";
  std::string former_participants = "former participants";
  std::string committed = "committed";
  std::string undisclosed = "undisclosed";
  std::string outside = "Stakeholders outside the coalition";  // the heading of the others
};

struct Scenario;

// One change a variant makes to the inputs, as `compare` lists it. Values are shown as the
// files write them; "(not set)" stands for a key left to its default.
struct InputChange : Located {
  enum class Action { added, removed, changed, leaves };
  Action action = Action::changed;
  std::string records;  // the section: "pledges", "mission", "statements"...
  std::string id;       // the record's id; NATION@DATE for a statement; empty for mission
  std::string key;      // the key changed
  std::string before, after;
};
std::string to_string(InputChange::Action action);

// A record a variant removes, named by its section and id.
struct RecordRef : Located {
  std::string records;
  std::string id;
};

// What a variant changes, as a patch on the base scenario applied by apply_variant(): records
// removed, base records replaced (the loader has merged the changed keys into them), records
// added, then nations leaving. Statements are named NATION@DATE.
struct Variant : Located {
  std::string name;
  std::string description;
  std::string source;
  std::vector<RecordRef> removed;
  // Scenario-shaped holders of the records replaced and added, one list per kind of record
  // (see for_each_record_list); null when the variant replaces or adds none.
  std::shared_ptr<Scenario> replaced, added;
  std::optional<Mission> mission;  // the mission's calendar, replaced whole
  std::optional<Date> as_of;
  std::vector<std::pair<std::string, Statement>> replaced_statements;  // (NATION@DATE, new)
  std::vector<std::pair<std::string, Statement>> statements;           // added: (nation, new)
  std::vector<std::string> remove_nations;  // they leave: pledges dropped, record kept
  std::vector<InputChange> changes;         // every change above, for the reports

  std::map<std::string, std::string> zone_widths;  // zone id -> width id (shorthand)

  Scenario& replace();  // the holders, created on first use
  Scenario& add();
};

struct Scenario {
  std::string name;
  std::string description;
  std::string file;             // the top-level scenario file
  Date as_of;                   // the date positions are read at for planning
  Releasability releasability;  // who may see the scenario at all
  SourceLocation releasability_at;
  Mission mission;
  RegistryWords registry;
  std::vector<Position> positions;  // the vocabulary, in the order reports list it
  std::vector<Nation> nations;
  std::vector<UndisclosedCommitment> undisclosed;
  std::vector<Capability> capabilities;
  std::vector<Site> sites;
  std::vector<Requirement> requirements;
  std::vector<Pledge> pledges;
  std::vector<Condition> conditions;
  std::vector<Variant> variants;
  std::vector<Geometry> geometries;  // the contact line is the one named kContactLine
  std::vector<Zone> zones;
  std::vector<Party> parties;

  const Position* default_position(DefaultRole role) const;
  int last_rotation(const Requirement& requirement) const {
    return requirement.last_rotation.value_or(mission.rotations);
  }
};

// The scenario as a variant sees it. Throws ScenarioError naming the variant if it is unknown.
Scenario apply_variant(const Scenario& base, const std::string& variant_name);

// Every list of records a variant may add to, remove from or change, with its section name in
// the files, the key of its id and where the ids live. A new kind of record becomes patchable
// by one line here.
template <typename Visit>
void for_each_record_list(Visit&& visit) {
  visit("positions", "id", &Scenario::positions, &Position::id);
  visit("nations", "code", &Scenario::nations, &Nation::code);
  visit("undisclosed_commitments", "id", &Scenario::undisclosed, &UndisclosedCommitment::id);
  visit("capabilities", "id", &Scenario::capabilities, &Capability::id);
  visit("sites", "id", &Scenario::sites, &Site::id);
  visit("requirements", "id", &Scenario::requirements, &Requirement::id);
  visit("pledges", "id", &Scenario::pledges, &Pledge::id);
  visit("conditions", "id", &Scenario::conditions, &Condition::id);
  visit("geometries", "id", &Scenario::geometries, &Geometry::id);
  visit("zones", "id", &Scenario::zones, &Zone::id);
  visit("parties", "id", &Scenario::parties, &Party::id);
}

// NATION@DATE: how a variant names a statement.
std::string statement_key(const std::string& nation, const Statement& statement);

// The nation's latest statement on or before the date, if any.
const Statement* statement_as_of(const Nation& nation, Date date);

// The records of one list by id, found in constant time: the one way records are looked up
// (a scenario may hold 100,000 pledges, and a scan per reference would take minutes). Built
// once where many look-ups follow; it points into the list, which must outlive it unchanged.
// Of two records with one id (an error the validation reports) it finds the first.
template <typename T>
class RecordIndex {
 public:
  RecordIndex(const std::vector<T>& records, std::string T::*id) {
    by_id_.reserve(records.size());
    for (const auto& record : records) by_id_.emplace(record.*id, &record);
  }
  const T* find(std::string_view id) const {
    auto it = by_id_.find(id);
    return it == by_id_.end() ? nullptr : it->second;
  }
  bool contains(std::string_view id) const { return find(id) != nullptr; }

 private:
  std::unordered_map<std::string_view, const T*> by_id_;
};

// The vocabulary indexed by id, built once for the many lookups of a registry or a plan.
class PositionIndex {
 public:
  explicit PositionIndex(const Scenario& scenario);
  const Position* find(const std::string& id) const;
  // The nation's position on the date: its latest statement's, or the vocabulary's default
  // for a silent participant or stakeholder. Null only in a vocabulary that failed validation.
  const Position* of(const Nation& nation, Date date) const;

 private:
  RecordIndex<Position> by_id_;
  const Position* silent_participant_ = nullptr;
  const Position* silent_stakeholder_ = nullptr;
};

}  // namespace reassure

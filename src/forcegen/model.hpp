// The force-generation model: integer units of pledges assigned to requirement lines in
// each rotation. See docs/models/forcegen.md for the mathematics.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <vector>

#include "forcegen/eligibility.hpp"

namespace reassure::forcegen {

struct ModelPledge {
  int source = 0;  // index into Scenario::pledges
  int units = 0;
  int recovery = 0;  // tours of rest after each tour served (the pledge's own tours)
  int personnel = 0;
  std::int64_t cost = 0;  // per unit and step served: readiness in months, the tie-breaker
};

struct ModelRequirement {
  int source = 0;                    // index into Scenario::requirements
  int units = 0;                     // at any time of its period
  int first = 1, last = 1;           // rotations its period touches
  int first_step = 0, end_step = 0;  // its period: steps [first_step, end_step)
  int priority = 3;
  int personnel = 0;
};

// x[v] units of pledge p serve requirement i on one of the pledge's tours: the steps
// [start, start + length), of which `served` fall in the line's period. `rotation` is the
// mission rotation the tour starts in; with the mission's own rotations the tour is that
// rotation.
struct Variable {
  int pledge = 0, requirement = 0, rotation = 0;
  int tour = 0, start = 0, length = 1, served = 1;
  int upper = 0;
  std::int64_t value = 0;  // objective coefficient (to maximise)
};

// Sum of the listed variables <= bound: a requirement's demand in one span of steps where the
// same tours cover it, or a pledge's units over a window of recovery+1 consecutive tours of
// its own (a unit that serves rests after).
struct Row {
  std::vector<int> variables;
  int bound = 0;
};

struct Model {
  int rotations = 0;
  int steps = 0, steps_per_rotation = 1;  // the time grid (Calendar)
  std::int64_t fill_weight = 0;  // K: one personnel-priority point outweighs all tie-breaks
  std::vector<ModelPledge> pledges;
  std::vector<ModelRequirement> requirements;
  std::vector<Variable> variables;
  std::vector<Row> demand_rows;  // one per requirement and rotation that has variables
  std::vector<Row> window_rows;  // the maximal windows per pledge that bind anything

  std::int64_t objective(const std::vector<int>& x) const;
  bool feasible(const std::vector<int>& x) const;
};

// The model's objective cannot be computed exactly: some plan could be worth more than 2^53,
// beyond what a double (the LP's and CBC's arithmetic) holds without rounding. A refusal, not
// a wrong figure: build_model throws it, naming the figures.
class ModelTooLarge : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// 128-bit integers (GCC and Clang) for sums that can pass 2^63.
__extension__ typedef __int128 Wide;

// Largest objective coefficient and plan value the solvers handle exactly: 2^53.
inline constexpr std::int64_t kExactLimit = std::int64_t(1) << 53;

struct ExcludedPledge {
  int source = 0;
  Reason reason = Reason::eligible;
};

// Builds the model; pledges that cannot serve any requirement are listed with the reason.
// Throws ModelTooLarge when a plan's value could exceed kExactLimit.
Model build_model(const Eligibility& eligibility, std::vector<ExcludedPledge>* excluded = nullptr);

// Independent parts of the model: no variable links two of them.
struct Component {
  std::vector<int> variables;
  std::vector<int> demand_rows;
  std::vector<int> window_rows;
  // True when some pledge's recovery couples two tours it could serve in: then the
  // part is no longer a network and needs the MIP.
  bool rotation_coupled = false;
};
std::vector<Component> components(const Model& model);

// Model::feasible for one component's variables and rows.
bool feasible_within(const Model& model, const Component& part, const std::vector<int>& x);

}  // namespace reassure::forcegen

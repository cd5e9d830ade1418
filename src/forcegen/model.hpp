// The force-generation model: integer units of pledges assigned to requirement lines in
// each rotation. See docs/models/forcegen.md for the mathematics.
#pragma once

#include <cstdint>
#include <vector>

#include "forcegen/eligibility.hpp"

namespace reassure::forcegen {

struct ModelPledge {
  int source = 0;  // index into Scenario::pledges
  int units = 0;
  int recovery = 0;  // rotations of rest after each rotation served
  int personnel = 0;
  std::int64_t cost = 0;  // per unit-rotation: readiness in months, the tie-breaker
};

struct ModelRequirement {
  int source = 0;  // index into Scenario::requirements
  int units = 0;   // per rotation
  int first = 1, last = 1;
  int priority = 3;
  int personnel = 0;
};

// x[v] units of pledge p serve requirement i in rotation r.
struct Variable {
  int pledge = 0, requirement = 0, rotation = 0;
  int upper = 0;
  std::int64_t value = 0;  // objective coefficient (to maximise)
};

// Sum of the listed variables <= bound: a requirement's demand in one rotation, or a pledge's
// units over a window of recovery+1 consecutive rotations (a unit that serves rests after).
struct Row {
  std::vector<int> variables;
  int bound = 0;
};

struct Model {
  int rotations = 0;
  std::int64_t fill_weight = 0;  // K: one personnel-priority point outweighs all tie-breaks
  std::vector<ModelPledge> pledges;
  std::vector<ModelRequirement> requirements;
  std::vector<Variable> variables;
  std::vector<Row> demand_rows;  // one per requirement and rotation that has variables
  std::vector<Row> window_rows;  // the maximal windows per pledge that bind anything

  std::int64_t objective(const std::vector<int>& x) const;
  bool feasible(const std::vector<int>& x) const;
};

struct ExcludedPledge {
  int source = 0;
  Reason reason = Reason::eligible;
};

// Builds the model; pledges that cannot serve any requirement are listed with the reason.
Model build_model(const Eligibility& eligibility, std::vector<ExcludedPledge>* excluded = nullptr);

// Independent parts of the model: no variable links two of them.
struct Component {
  std::vector<int> variables;
  std::vector<int> demand_rows;
  std::vector<int> window_rows;
  // True when some pledge's recovery couples two rotations it could serve in: then the
  // part is no longer a network and needs the MIP.
  bool rotation_coupled = false;
};
std::vector<Component> components(const Model& model);

// Model::feasible for one component's variables and rows.
bool feasible_within(const Model& model, const Component& part, const std::vector<int>& x);

}  // namespace reassure::forcegen

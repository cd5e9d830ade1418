// Consistency of a loaded scenario: every reference resolves, every id is unique, every
// period lies within the mission. Problems come back with the file, line and field.
#pragma once

#include <vector>

#include "core/scenario.hpp"

namespace reassure {

std::vector<Diagnostic> validate(const Scenario& scenario);

// Throws ScenarioError if validate() finds anything.
void require_valid(const Scenario& scenario);

}  // namespace reassure

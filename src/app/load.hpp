// The one way a scenario enters the program: read, then checked for references and for
// caveats no requirement could meet, every problem reported together.
#pragma once

#include <string>

#include "core/scenario.hpp"

namespace reassure::app {

// Throws ScenarioError with every problem found, each naming file, line and field.
Scenario load_checked(const std::string& path);

}  // namespace reassure::app

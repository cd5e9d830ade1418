// The one way a scenario enters the program: read, then checked for references and for
// caveats no requirement could meet, every problem reported together.
#pragma once

#include <string>
#include <vector>

#include "core/scenario.hpp"

namespace reassure::geo {
class ShapeLibrary;
}

namespace reassure::engine {

// Throws ScenarioError with every problem found, each naming file, line and field. The base
// and its variants are checked with shapes from `shapes` (a library of its own if null): pass
// the library the plans will use, and a line is indexed once for the whole run.
Scenario load_checked(const std::string& path, geo::ShapeLibrary* shapes = nullptr);

// The same for a scenario.yaml held in memory, named `file`, its includes read from `folder`
// (io::load_scenario_text): what the fuzzer and tests feed without temporary files.
Scenario load_checked_text(const std::string& text, const std::string& file,
                           const std::string& folder);

// The checks themselves, on a scenario read by any io::load_scenario* with the problems found
// while reading: references and caveats run only when every file could be read.
Scenario check_loaded(Scenario scenario, std::vector<Diagnostic> problems,
                      geo::ShapeLibrary* shapes);

// The checks check_loaded runs on the scenario one variant makes, once the base passes them:
// what they find is the variant's doing, told at the variant's lines and under its field.
std::vector<Diagnostic> check_variant_scenario(const Scenario& scenario, const Variant& variant,
                                               geo::ShapeLibrary* shapes);

}  // namespace reassure::engine

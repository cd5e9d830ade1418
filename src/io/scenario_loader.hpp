// Reads a scenario (YAML files and the GeoJSON files of its named geometries) into the core model.
// Every problem is reported with file, line, column and field; loading stops only after the whole
// scenario has been read, so the user sees all problems at once.
#pragma once

#include <string>

#include "core/scenario.hpp"
#include "io/text_file.hpp"

namespace reassure::io {

// Throws ScenarioError listing every syntax, type and range problem found.
Scenario load_scenario(const std::string& path);

// Reads as much as can be read, appending every problem to `problems`, so that the caller can
// go on to check references too and report everything in one go. Fields in error keep their
// defaults.
Scenario load_scenario(const std::string& path, std::vector<Diagnostic>& problems);

// The same, from a scenario.yaml already in memory (`text`), reported as `file`; included
// files resolve in `folder` and must stay inside it. The text is checked as a file would be
// (size, UTF-8). For tests and fuzzing: no temporary file needed.
Scenario load_scenario_text(const std::string& text, const std::string& file,
                            const std::string& folder, std::vector<Diagnostic>& problems);

}  // namespace reassure::io

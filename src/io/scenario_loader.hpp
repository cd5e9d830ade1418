// Reads a scenario (YAML files and the GeoJSON files of its named geometries) into the core model.
// Every problem is reported with file, line, column and field; loading stops only after the whole
// scenario has been read, so the user sees all problems at once.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/scenario.hpp"
#include "io/text_file.hpp"

namespace reassure::io {

// Throws ScenarioError listing every syntax, type and range problem found.
Scenario load_scenario(const std::string& path);

// Reads as much as can be read, appending every problem to `problems`, so that the caller can
// go on to check references too and report everything in one go. Fields in error keep their
// defaults.
// With `read`, every file read is recorded there by its path inside the scenario's folder.
Scenario load_scenario(const std::string& path, std::vector<Diagnostic>& problems,
                       FileSet* read = nullptr);

// The same from a set of files held in memory (an upload): `main` is the scenario.yaml among
// them; what it includes is looked up in the set, under the same limits and checks as on disk
// (size, UTF-8, no path outside the folder: '../x.yaml' or '/etc/x.yaml' is refused at the
// line that names it). The set's names are checked first (check_file_set).
// Variants defined by a caller outside the scenario's files ("what if France leaves?"), read
// after the files' own variants by the same reader, with the same rules and messages.
struct WhatIf {
  // YAML (or JSON, which YAML reads too): one variants.yaml entry when `field` is set, else a
  // file of the shape of variants.yaml (`variants:`, a list of entries).
  std::string text;
  std::string file;   // names the text in problems
  std::string field;  // the entry's path in problems ("variants[1]"); empty for a file
  // Whether the caller may see a base record (its section and id): a record it may not see is,
  // to this what-if, one the base does not have. Null: every record.
  std::function<bool(const std::string& records, const std::string& id)> visible;
};
struct WhatIfs {
  std::vector<WhatIf> entries;
};

Scenario load_scenario_files(const FileSet& files, const std::string& main,
                             std::vector<Diagnostic>& problems, FileSet* read = nullptr,
                             const WhatIfs* what_ifs = nullptr);

// Problems with a set of files itself, before any is read: a name that is not a plain relative
// path ('a/b.yaml'), too many files, too many bytes in all (limits.hpp). Field "files".
std::vector<Diagnostic> check_file_set(const FileSet& files);

// The same, from a scenario.yaml already in memory (`text`), reported as `file`; included
// files resolve in `folder` and must stay inside it. The text is checked as a file would be
// (size, UTF-8). For tests and fuzzing: no temporary file needed.
Scenario load_scenario_text(const std::string& text, const std::string& file,
                            const std::string& folder, std::vector<Diagnostic>& problems);

}  // namespace reassure::io

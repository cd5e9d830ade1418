// The library entry point: load -> validate -> status / plan / compare. What the `reassure` CLI
// and the headquarters server call; each returns a typed result whose problems carry a stable
// reason code (Code) besides a message naming file, line and field. Each result has a JSON form
// with a top-level "schema_version" (kSchemaVersion). docs/api-library.md lists them all.
//
// Thread safety: a Loaded scenario is immutable once loaded (its library of shapes locks
// itself), so plans and comparisons of one scenario may run on several threads at once; CBC is
// called under a lock in forcegen (solve.cpp).
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/registry.hpp"
#include "core/scenario.hpp"
#include "forcegen/plan.hpp"
#include "geo/atlas.hpp"
#include "io/scenario_loader.hpp"
#include "io/text_file.hpp"

namespace reassure::engine {

using reassure::Viewer;  // who reads a view (core/releasability.hpp)

// Version of the JSON the engine writes: raised when a key is removed, renamed or changes its
// meaning (adding a key does not raise it).
inline constexpr int kSchemaVersion = 1;

// Why a request failed or what the caller must know of its result, as stable strings
// (code_name): programs test these, never the messages.
enum class Code {
  scenario_invalid,     // "scenario.invalid": a file breaks a rule of the format or a reference
  scenario_unreadable,  // "scenario.unreadable": a file missing, outside the folder, too large,
                        // not UTF-8, or not YAML/GeoJSON at all
  upload_invalid,       // "upload.invalid": a set of files in memory has a bad name or is too big
  variant_unknown,      // "variant.unknown": no such variant in the scenario
  variant_invalid,      // "variant.invalid": a what-if breaks a rule of variants.yaml
  variants_empty,       // "variants.empty": a comparison names no variant
  date_invalid,         // "date.invalid": not a date YYYY-MM-DD in the supported range
  time_limit_invalid,   // "time_limit.invalid": not above 0 and at most 86,400 seconds
  model_too_large,      // "model.too_large": the plan's values pass the solvers' exact range
  solver_failed,        // "solver.failed": no feasible plan came back (a bug, not the input)
  solver_time_limit,    // "solver.time_limit": the plan is feasible but not proven optimal
  solver_cancelled,     // "solver.cancelled": stopped by the caller; the plan is feasible only
};
std::string_view code_name(Code code);

// One problem: its code, the message in the user's words, where it is (file, line, column;
// empty file when it is in the request, not in a file) and the field (dotted path in the file,
// or the request's option: "variant", "as_of", "time_limit", "files").
struct Problem {
  Code code = Code::scenario_invalid;
  std::string message;
  SourceLocation where;
  std::string field;

  std::string format() const;  // "file:line:column: field: message", as the CLI prints it
};

// A scenario read and checked (base and variants): the input of status, plan and compare.
struct Loaded {
  std::string file;  // the path, or the main file's name in a set held in memory
  Scenario scenario;
  // SHA-256 (hex) of the files read, each by its path inside the scenario's folder, so that the
  // same files give the same digest whether read from the disk or from memory.
  std::string content;
  // The files read, by the same paths: what the headquarters stores as a version of it.
  io::FileSet files;
  std::string main;  // the scenario.yaml among them
  // Indexed geometries shared by every plan of this scenario and of its what-ifs (thread-safe;
  // found by content, so a what-if's changed geometry is indexed apart).
  std::shared_ptr<geo::ShapeLibrary> shapes = std::make_shared<geo::ShapeLibrary>();
};

struct LoadResult {
  std::string file;                      // what was asked for: the path, or the main file's name
  std::shared_ptr<const Loaded> loaded;  // null when there are problems
  std::vector<Problem> problems;         // scenario.* or upload.invalid, every one found
  bool ok() const { return loaded != nullptr; }
};

// A scenario.yaml on disk; what it names must stay inside its folder.
LoadResult load(const std::string& path);
// A set of files held in memory (an upload), `main` the scenario.yaml among them: the same
// limits, checks and messages as on disk (io::load_scenario_files).
LoadResult load(const io::FileSet& files, const std::string& main = "scenario.yaml");

// A variant defined by its caller rather than in the scenario's files ("what if France
// leaves?", "what if Poland joins with these pledges?"): the text of one entry of variants.yaml
// (YAML, or JSON, which YAML reads too) with `field` its path in the request ("variants[1]"),
// or of a file of variants.yaml's shape with `field` empty. docs/scenario-format.md.
using WhatIf = io::WhatIf;

// The scenario with the what-ifs' variants after its own, read by the scenario's own reader
// and checked by the rules of its variants.yaml: problems (variant.invalid) name the
// what-if's field. With a viewer, a what-if sees only what is released to the viewer's nation:
// a pledge, statement or undisclosed commitment it may not see is unknown to it, as one the
// scenario lacks, with the same message. The result's `content` covers the what-ifs' text, so
// that plan_key and compare_key tell what-ifs apart and the same one gives the same key.
LoadResult with_what_ifs(const Loaded& loaded, std::vector<WhatIf> what_ifs,
                         const Viewer* viewer = nullptr);

// What `validate` reports: valid or not, the sizes of the scenario, every problem.
struct Validation {
  std::string file;
  bool valid = false;
  std::size_t nations = 0, capabilities = 0, sites = 0, requirements = 0, pledges = 0, variants = 0;
  std::vector<Problem> problems;
};
Validation validate(const LoadResult& result);

// The coalition as of a date (empty: the scenario's as_of).
struct StatusResult {
  std::optional<CoalitionStatus> status;
  std::vector<Problem> problems;  // date.invalid
  bool ok() const { return status.has_value(); }
};
StatusResult status(const Loaded& loaded, const std::string& as_of = "");

// Where a plan or comparison stands: which variant (of how many) and the solve's progress.
struct Progress {
  std::string variant;
  int variant_index = 0, variants = 1;
  forcegen::SolveProgress solve;
};

struct PlanOptions {
  double time_limit_seconds = 60;  // per MIP component, above 0 and at most 86,400
  std::function<void(const Progress&)> on_progress;  // on the solving thread; may be empty
  const std::atomic<bool>* cancel = nullptr;  // set from any thread to stop (solver.cancelled)
};

// The plan of one variant. With model.too_large (or an argument problem) there is no plan;
// with solver.failed, solver.time_limit or solver.cancelled the plan is there, marked so.
struct PlanResult {
  std::optional<forcegen::Plan> plan;
  std::optional<Scenario> planned;  // the scenario the variant makes (for reports)
  std::vector<Problem> problems;
  std::string key;  // content key of the request (plan_key)
  // A plan that holds: present, not failed (it may be cancelled or short of proof).
  bool ok() const;
};
PlanResult plan(const Loaded& loaded, const std::string& variant = "base",
                const PlanOptions& options = {});

// Variants side by side, the first the reference; plans in the order named.
struct CompareResult {
  std::shared_ptr<const Scenario> scenario;  // the base, whose variants the plans are
  std::vector<forcegen::Plan> plans;
  std::vector<Problem> problems;
  std::string key;  // compare_key
  bool ok() const;
};
CompareResult compare(const Loaded& loaded, const std::vector<std::string>& variants,
                      const PlanOptions& options = {});

// Content keys for caching: SHA-256 (hex) of the scenario's files (Loaded::content), the
// program's version, the schema version, the variant(s) and the options that change a result
// (time limit). Equal keys, equal results, unless a solve was cancelled or stopped at its time
// limit (such results should not be cached).
std::string plan_key(const Loaded& loaded, const std::string& variant, const PlanOptions& options);
std::string compare_key(const Loaded& loaded, const std::vector<std::string>& variants,
                        const PlanOptions& options);

// Checks of a request's arguments, for callers that check them before loading (the CLI does:
// a bad option is told before the scenario's problems). nullopt when fine.
std::optional<Problem> check_date(const std::string& as_of);
std::optional<Problem> check_time_limit(double seconds);
std::optional<Problem> check_variant(const Scenario& scenario, const std::string& variant);

// The theatre as a map reads it (docs/theatre.md): the scenario's named geometries, its zones as
// polygons (a band along a line computed by geo::zone_polygons) and its sites, as one GeoJSON
// FeatureCollection (RFC 7946: [longitude, latitude], outer rings counter-clockwise), each
// feature's properties flat for GIS programs. Of the variant's scenario (variant.unknown else).
struct TheatreResult {
  std::optional<nlohmann::json> geojson;
  std::vector<Problem> problems;  // variant.unknown
  bool ok() const { return geojson.has_value(); }
};
TheatreResult theatre(const Loaded& loaded, const std::string& variant = "base");

// Views for a nation (docs/api-library.md, "Views for a nation"): what a user of the viewer's
// nation may see. Every one of them is pure, and gives nothing of a scenario whose own marking
// does not release it to the viewer (check may_see first and answer "not found").
bool may_see(const Loaded& loaded, const Viewer& viewer);
// The viewer's counts (pledges released to the viewer's nation or its own). A scenario that
// failed to load gives its problems' codes and places, not their messages or fields; one the
// viewer may not see gives an empty, invalid validation.
Validation validate(const LoadResult& result, const Viewer& viewer);
// The registry from the statements and undisclosed commitments released to the viewer; no
// status (and no problem) for a scenario the viewer may not see.
StatusResult status(const Loaded& loaded, const std::string& as_of, const Viewer& viewer);
// The theatre, for a viewer: nothing (and no problem) of a scenario the viewer may not see. Its
// geometries, zones and sites carry no marking of their own: the scenario's marking covers them.
TheatreResult theatre(const Loaded& loaded, const std::string& variant, const Viewer& viewer);
// The plan's full JSON (to_json(PlanResult), as cached) redacted for the viewer
// (report::view_of_plan); null JSON for a scenario the viewer may not see.
nlohmann::json view_of_plan(const nlohmann::json& full, const Viewer& viewer);
// The comparison with the full JSON of each plan under "plans": what view_of_compare reads.
nlohmann::json to_full_json(const CompareResult& result);
// to_full_json(CompareResult) redacted for the viewer (report::view_of_compare).
nlohmann::json view_of_compare(const nlohmann::json& full, const Viewer& viewer);

// JSON of each result, with "schema_version" and "problems" (each {code, message, file, line,
// column, field}) at the top. A status, plan or comparison keeps the report module's JSON
// (report::registry_json, plan_json, compare_json) and adds those keys.
nlohmann::json to_json(const Problem& problem);
nlohmann::json to_json(const std::vector<Problem>& problems);  // {schema_version, problems}
nlohmann::json to_json(const Validation& validation);
nlohmann::json to_json(const StatusResult& result);
nlohmann::json to_json(const PlanResult& result);
nlohmann::json to_json(const CompareResult& result);
// The FeatureCollection with `schema_version` and `problems` as foreign members (RFC 7946 §6.1).
nlohmann::json to_json(const TheatreResult& result);

}  // namespace reassure::engine

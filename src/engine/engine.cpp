#include "engine/engine.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <functional>

#include "core/sha256.hpp"
#include "core/validate.hpp"
#include "engine/checked.hpp"
#include "forcegen/model.hpp"
#include "io/scenario_loader.hpp"
#include "report/reports.hpp"
#include "report/views.hpp"

#ifndef REASSURE_VERSION
#error "REASSURE_VERSION is defined by CMake (the project's version)"
#endif

namespace reassure::engine {

namespace {

constexpr double kMaxTimeLimit = 86400;  // seconds: a day per component is beyond any use

// Problems a caller must know of while the result still holds.
bool is_notice(Code code) {
  return code == Code::solver_time_limit || code == Code::solver_cancelled;
}

bool has_error(const std::vector<Problem>& problems) {
  for (const auto& p : problems)
    if (!is_notice(p.code)) return true;
  return false;
}

std::vector<Problem> problems_of(const std::vector<Diagnostic>& diagnostics, Code code) {
  std::vector<Problem> out;
  for (const auto& d : diagnostics)
    out.push_back(
        {d.unreadable && code == Code::scenario_invalid ? Code::scenario_unreadable : code,
         d.message, d.where, d.field});
  return out;
}

// A length before each part, so that no two different lists of parts hash alike.
void add_part(Sha256& hash, std::string_view part) {
  hash.add(std::to_string(part.size()));
  hash.add(":");
  hash.add(part);
}

// The digest of a scenario's files: each path inside the folder and its bytes, in path order.
std::string digest(const io::FileSet& files) {
  Sha256 hash;
  add_part(hash, "reassure scenario files");
  for (const auto& [name, text] : files) {
    add_part(hash, name);
    add_part(hash, text);
  }
  return hash.hex();
}

// What the checks made of a scenario read with `problems`; the files read give its content.
LoadResult finish(std::string file, Scenario scenario, std::vector<Diagnostic> problems,
                  const io::FileSet& read, const std::string& main) {
  auto loaded = std::make_shared<Loaded>();
  loaded->file = file;
  LoadResult result;
  result.file = std::move(file);
  try {
    loaded->scenario = check_loaded(std::move(scenario), std::move(problems), loaded->shapes.get());
  } catch (const ScenarioError& e) {
    result.problems = problems_of(e.diagnostics(), Code::scenario_invalid);
    return result;
  }
  loaded->content = digest(read);
  loaded->files = read;
  loaded->main = main;
  result.loaded = std::move(loaded);
  return result;
}

forcegen::SolveOptions solve_options(const PlanOptions& options, const std::string& variant,
                                     int index, int count) {
  forcegen::SolveOptions solve;
  solve.time_limit_seconds = options.time_limit_seconds;
  solve.cancel = options.cancel;
  if (options.on_progress)
    solve.on_progress = [report = options.on_progress, variant, index,
                         count](const forcegen::SolveProgress& p) {
      report({variant, index, count, p});
    };
  return solve;
}

// What a plan's solve status means for the caller, as a problem (none when optimal).
void note_status(const forcegen::Plan& plan, const PlanOptions& options,
                 std::vector<Problem>& problems) {
  const auto& solution = plan.solution;
  std::string variant = "variant " + excerpt(plan.variant) + ": ";
  switch (solution.status) {
    case forcegen::SolveStatus::optimal:
      return;
    case forcegen::SolveStatus::feasible: {
      char gap[64];
      std::snprintf(gap, sizeof gap, "%.3f%%", 100.0 * solution.gap);
      char limit[64];
      std::snprintf(limit, sizeof limit, "%g", options.time_limit_seconds);
      problems.push_back({Code::solver_time_limit,
                          variant + "the time limit of " + limit +
                              " s per component was reached: the plan is feasible, within " + gap +
                              " of the best possible",
                          {},
                          "time_limit"});
      return;
    }
    case forcegen::SolveStatus::cancelled:
      problems.push_back({Code::solver_cancelled,
                          variant + "the solve was cancelled: the plan is feasible, not optimal",
                          {},
                          ""});
      return;
    case forcegen::SolveStatus::failed:
      problems.push_back(
          {Code::solver_failed, variant + "the solvers returned no feasible plan", {}, ""});
      return;
  }
}

std::string number(double value) {
  char text[64];
  std::snprintf(text, sizeof text, "%.17g", value);
  return text;
}

// The parts of a request's key common to plans and comparisons.
Sha256 key_start(const Loaded& loaded, std::string_view kind, const PlanOptions& options) {
  Sha256 hash;
  add_part(hash, kind);
  add_part(hash, REASSURE_VERSION);
  add_part(hash, std::to_string(kSchemaVersion));
  add_part(hash, loaded.content);
  add_part(hash, number(options.time_limit_seconds));
  return hash;
}

// Merges the engine's keys into a report's JSON object.
nlohmann::json with_problems(nlohmann::json json, const std::vector<Problem>& problems) {
  json["schema_version"] = kSchemaVersion;
  json["problems"] = nlohmann::json::array();
  for (const auto& p : problems) json["problems"].push_back(to_json(p));
  return json;
}

}  // namespace

std::string_view code_name(Code code) {
  switch (code) {
    case Code::scenario_invalid:
      return "scenario.invalid";
    case Code::scenario_unreadable:
      return "scenario.unreadable";
    case Code::upload_invalid:
      return "upload.invalid";
    case Code::variant_unknown:
      return "variant.unknown";
    case Code::variant_invalid:
      return "variant.invalid";
    case Code::variants_empty:
      return "variants.empty";
    case Code::date_invalid:
      return "date.invalid";
    case Code::time_limit_invalid:
      return "time_limit.invalid";
    case Code::model_too_large:
      return "model.too_large";
    case Code::solver_failed:
      return "solver.failed";
    case Code::solver_time_limit:
      return "solver.time_limit";
    case Code::solver_cancelled:
      return "solver.cancelled";
  }
  return "?";
}

std::string Problem::format() const {
  return Diagnostic{where, field, message}.format();
}

LoadResult load(const std::string& path) {
  std::vector<Diagnostic> problems;
  io::FileSet read;
  Scenario scenario = io::load_scenario(path, problems, &read);
  // The files are named by their paths inside the scenario's folder: the main one by its name.
  return finish(path, std::move(scenario), std::move(problems), read,
                std::filesystem::path(path).filename().string());
}

LoadResult load(const io::FileSet& files, const std::string& main) {
  if (auto bad = io::check_file_set(files); !bad.empty())
    return {main, nullptr, problems_of(bad, Code::upload_invalid)};
  std::vector<Diagnostic> problems;
  io::FileSet read;
  Scenario scenario = io::load_scenario_files(files, main, problems, &read);
  return finish(main, std::move(scenario), std::move(problems), read, main);
}

namespace {

// Whether a viewer may see a base record a what-if names: pledges, statements and undisclosed
// commitments carry markings; every other record is the coalition's.
std::function<bool(const std::string&, const std::string&)> visible_to(const Scenario& base,
                                                                       const Viewer& viewer) {
  auto pledges = std::make_shared<RecordIndex<Pledge>>(base.pledges, &Pledge::id);
  auto undisclosed = std::make_shared<RecordIndex<UndisclosedCommitment>>(
      base.undisclosed, &UndisclosedCommitment::id);
  auto nations = std::make_shared<RecordIndex<Nation>>(base.nations, &Nation::code);
  return [pledges, undisclosed, nations, nation = viewer.nation](const std::string& records,
                                                                 const std::string& id) {
    if (records == "pledges") {
      const Pledge* p = pledges->find(id);
      return !p || releasable_to(p->marking.releasability, p->nation, nation);
    }
    if (records == "undisclosed_commitments") {
      const UndisclosedCommitment* u = undisclosed->find(id);
      return !u || releasable_to(u->releasability, nation);
    }
    if (records == "statements") {
      const Nation* n = nations->find(id.substr(0, id.find('@')));
      if (!n) return true;
      for (const auto& st : n->statements)
        if (statement_key(n->code, st) == id && !releasable_to(st.releasability, n->code, nation))
          return false;
    }
    return true;
  };
}

// A problem under "variants[NAME]" told under the what-if's field in the request.
void rename_field(std::string& field, const std::string& name, const std::string& to) {
  std::string prefix = "variants[" + name + "]";
  if (field.rfind(prefix, 0) == 0 && (field.size() == prefix.size() || field[prefix.size()] == '.'))
    field = to + field.substr(prefix.size());
}

}  // namespace

LoadResult with_what_ifs(const Loaded& loaded, std::vector<WhatIf> what_ifs, const Viewer* viewer) {
  LoadResult result;
  result.file = loaded.file;
  if (viewer) {
    auto visible = visible_to(loaded.scenario, *viewer);
    for (auto& what_if : what_ifs) what_if.visible = visible;
  }
  io::WhatIfs extra{what_ifs};
  std::vector<Diagnostic> problems;
  Scenario scenario = io::load_scenario_files(loaded.files, loaded.main, problems, nullptr, &extra);
  std::size_t own = loaded.scenario.variants.size();
  if (problems.empty() && viewer) {
    // An id a what-if adds that the scenario uses already is refused in the same words whether
    // or not the caller may see that record: neither its place nor what it holds is told.
    for (std::size_t i = own; i < scenario.variants.size(); ++i) {
      const Variant& v = scenario.variants[i];
      if (!v.added) continue;
      for_each_record_list([&](const char* records, const char*, auto list, auto id) {
        RecordIndex index(loaded.scenario.*list, id);
        for (const auto& record : (*v.added).*list)
          if (index.contains(record.*id))
            problems.push_back({record.where, "variants[" + v.name + "].add." + records,
                                "the id '" + record.*id +
                                    "' is taken by a record of the scenario: give the added "
                                    "record another"});
      });
    }
  }
  if (problems.empty()) {
    // The base and its own variants passed every check when loaded: the what-ifs' are left.
    problems = reassure::validate(scenario);
    // As check_loaded: the scenarios the variants make are checked once the variants pass.
    bool passed = problems.empty();
    for (std::size_t i = own; passed && i < scenario.variants.size(); ++i) {
      auto found = check_variant_scenario(scenario, scenario.variants[i], loaded.shapes.get());
      problems.insert(problems.end(), found.begin(), found.end());
    }
  }
  if (!problems.empty()) {
    // Entries read from a request are named by their field there, not by the name they give.
    bool one_each = scenario.variants.size() == own + what_ifs.size();
    for (auto& d : problems)
      for (std::size_t i = 0; one_each && i < what_ifs.size(); ++i)
        if (!what_ifs[i].field.empty())
          rename_field(d.field, scenario.variants[own + i].name, what_ifs[i].field);
    result.problems = problems_of(problems, Code::variant_invalid);
    return result;
  }
  auto out = std::make_shared<Loaded>();
  out->file = loaded.file;
  out->scenario = std::move(scenario);
  out->files = loaded.files;
  out->main = loaded.main;
  out->shapes = loaded.shapes;
  Sha256 hash;
  add_part(hash, "reassure scenario with what-ifs");
  add_part(hash, loaded.content);
  for (const auto& what_if : what_ifs) {
    add_part(hash, what_if.field);
    add_part(hash, what_if.text);
  }
  out->content = hash.hex();
  result.loaded = std::move(out);
  return result;
}

Validation validate(const LoadResult& result) {
  Validation v;
  v.file = result.file;
  v.problems = result.problems;
  if (!result.ok()) return v;
  const Scenario& s = result.loaded->scenario;
  v.valid = true;
  v.nations = s.nations.size();
  v.capabilities = s.capabilities.size();
  v.sites = s.sites.size();
  v.requirements = s.requirements.size();
  v.pledges = s.pledges.size();
  v.variants = s.variants.size();
  return v;
}

bool may_see(const Loaded& loaded, const Viewer& viewer) {
  return releasable_to(loaded.scenario.releasability, viewer.nation);
}

Validation validate(const LoadResult& result, const Viewer& viewer) {
  Validation v;
  if (!result.ok()) {
    // A broken file's markings cannot be trusted, and a message may quote any record: the
    // viewer learns where each problem is and its code, not what it says.
    v.file = result.file;
    for (const auto& p : result.problems)
      v.problems.push_back({p.code, "not shown: ask the scenario's owner", p.where, ""});
    return v;
  }
  if (!may_see(*result.loaded, viewer)) return v;
  v = validate(result);
  const Scenario& s = result.loaded->scenario;
  v.pledges = std::size_t(std::count_if(s.pledges.begin(), s.pledges.end(), [&](const Pledge& p) {
    return releasable_to(p.marking.releasability, p.nation, viewer.nation);
  }));
  return v;
}

StatusResult status(const Loaded& loaded, const std::string& as_of, const Viewer& viewer) {
  StatusResult result = status(loaded, as_of);
  if (!result.status) return result;
  if (!may_see(loaded, viewer)) {
    result.status.reset();
    return result;
  }
  result.status = coalition_status(loaded.scenario, result.status->as_of, viewer);
  return result;
}

nlohmann::json view_of_plan(const nlohmann::json& full, const Viewer& viewer) {
  return report::view_of_plan(full, viewer);
}

nlohmann::json view_of_compare(const nlohmann::json& full, const Viewer& viewer) {
  return report::view_of_compare(full, viewer);
}

nlohmann::json to_full_json(const CompareResult& result) {
  nlohmann::json out = to_json(result);
  if (result.plans.empty() || !result.scenario) return out;
  nlohmann::json plans = nlohmann::json::array();
  for (const auto& plan : result.plans) plans.push_back(with_problems(report::plan_json(plan), {}));
  out["plans"] = std::move(plans);
  return out;
}

std::optional<Problem> check_date(const std::string& as_of) {
  std::string problem;
  if (Date::parse_in_range(as_of, problem)) return std::nullopt;
  return Problem{Code::date_invalid, problem, {}, "as_of"};
}

std::optional<Problem> check_time_limit(double seconds) {
  if (std::isfinite(seconds) && seconds > 0 && seconds <= kMaxTimeLimit) return std::nullopt;
  return Problem{Code::time_limit_invalid,
                 "expected seconds, a number above 0 and at most 86400, got " + number(seconds),
                 {},
                 "time_limit"};
}

std::optional<Problem> check_variant(const Scenario& scenario, const std::string& variant) {
  if (variant == "base" || RecordIndex(scenario.variants, &Variant::name).contains(variant))
    return std::nullopt;
  std::string known = "base";
  for (const auto& v : scenario.variants) known += ", " + v.name;
  return Problem{Code::variant_unknown,
                 "unknown variant " + excerpt(variant) + " (known: " + known + ")",
                 {},
                 "variant"};
}

StatusResult status(const Loaded& loaded, const std::string& as_of) {
  StatusResult result;
  Date date = loaded.scenario.as_of;
  if (!as_of.empty()) {
    std::string problem;
    auto parsed = Date::parse_in_range(as_of, problem);
    if (!parsed) {
      result.problems.push_back({Code::date_invalid, problem, {}, "as_of"});
      return result;
    }
    date = *parsed;
  }
  result.status = coalition_status(loaded.scenario, date);
  return result;
}

bool PlanResult::ok() const {
  return plan && !has_error(problems);
}

PlanResult plan(const Loaded& loaded, const std::string& variant, const PlanOptions& options) {
  PlanResult result;
  result.key = plan_key(loaded, variant, options);
  for (auto problem :
       {check_time_limit(options.time_limit_seconds), check_variant(loaded.scenario, variant)})
    if (problem) result.problems.push_back(*problem);
  if (!result.problems.empty()) return result;
  Scenario planned = apply_variant(loaded.scenario, variant);
  try {
    result.plan = forcegen::make_plan(planned, variant, solve_options(options, variant, 0, 1),
                                      nullptr, loaded.shapes.get());
  } catch (const forcegen::ModelTooLarge& e) {
    result.problems.push_back({Code::model_too_large, e.what(), {}, ""});
    return result;
  }
  result.planned = std::move(planned);
  note_status(*result.plan, options, result.problems);
  return result;
}

bool CompareResult::ok() const {
  return !plans.empty() && !has_error(problems);
}

CompareResult compare(const Loaded& loaded, const std::vector<std::string>& variants,
                      const PlanOptions& options) {
  CompareResult result;
  result.key = compare_key(loaded, variants, options);
  if (auto problem = check_time_limit(options.time_limit_seconds))
    result.problems.push_back(*problem);
  if (variants.empty())
    result.problems.push_back({Code::variants_empty, "name at least one variant", {}, "variants"});
  for (const auto& name : variants)
    if (auto problem = check_variant(loaded.scenario, name)) {
      problem->field = "variants";
      result.problems.push_back(*problem);
    }
  if (!result.problems.empty()) return result;
  result.scenario = std::make_shared<const Scenario>(loaded.scenario);
  int count = int(variants.size());
  try {
    for (int i = 0; i < count; ++i) {
      const auto& name = variants[std::size_t(i)];
      result.plans.push_back(forcegen::make_plan(
          apply_variant(loaded.scenario, name), name, solve_options(options, name, i, count),
          result.plans.empty() ? nullptr : &result.plans.front(), loaded.shapes.get()));
      note_status(result.plans.back(), options, result.problems);
    }
  } catch (const forcegen::ModelTooLarge& e) {
    result.plans.clear();
    result.problems.push_back({Code::model_too_large, e.what(), {}, ""});
  }
  return result;
}

std::string plan_key(const Loaded& loaded, const std::string& variant, const PlanOptions& options) {
  Sha256 hash = key_start(loaded, "reassure plan", options);
  add_part(hash, variant);
  return hash.hex();
}

std::string compare_key(const Loaded& loaded, const std::vector<std::string>& variants,
                        const PlanOptions& options) {
  Sha256 hash = key_start(loaded, "reassure compare", options);
  for (const auto& variant : variants) add_part(hash, variant);
  return hash.hex();
}

nlohmann::json to_json(const Problem& problem) {
  return {
      {"code", code_name(problem.code)},
      {"message", problem.message},
      {"file", problem.where.file.empty() ? nlohmann::json() : nlohmann::json(problem.where.file)},
      {"line", problem.where.line},
      {"column", problem.where.column},
      {"field", problem.field}};
}

nlohmann::json to_json(const std::vector<Problem>& problems) {
  return with_problems(nlohmann::json::object(), problems);
}

nlohmann::json to_json(const Validation& v) {
  return with_problems({{"file", v.file},
                        {"valid", v.valid},
                        {"nations", v.nations},
                        {"capabilities", v.capabilities},
                        {"sites", v.sites},
                        {"requirement_lines", v.requirements},
                        {"pledges", v.pledges},
                        {"variants", v.variants}},
                       v.problems);
}

nlohmann::json to_json(const StatusResult& result) {
  if (!result.status) return to_json(result.problems);
  return with_problems(report::registry_json(*result.status), result.problems);
}

nlohmann::json to_json(const PlanResult& result) {
  if (!result.plan) return to_json(result.problems);
  return with_problems(report::plan_json(*result.plan), result.problems);
}

nlohmann::json to_json(const CompareResult& result) {
  if (result.plans.empty() || !result.scenario) return to_json(result.problems);
  return with_problems(report::compare_json(*result.scenario, result.plans), result.problems);
}

}  // namespace reassure::engine

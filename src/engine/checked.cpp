#include "engine/checked.hpp"

#include <algorithm>

#include "core/validate.hpp"
#include "forcegen/eligibility.hpp"
#include "geo/atlas.hpp"
#include "io/scenario_loader.hpp"

namespace reassure::engine {

namespace {

// Whether the diagnostic points into the variant's own entry in its file.
bool inside(const Variant& variant, const std::vector<Variant>& all, const SourceLocation& at) {
  if (at.file != variant.where.file || at.line < variant.where.line) return false;
  for (const auto& other : all)
    if (other.where.file == at.file && other.where.line > variant.where.line &&
        at.line >= other.where.line)
      return false;
  return true;
}

// A problem of the scenario a variant makes, told as the variant's. One found in a base record
// (a line whose site the variant removed, say) points at the patch entry that names the
// record it misses, or else at the variant, and keeps the base record's place in the message.
Diagnostic in_variant(const Variant& variant, const std::vector<Variant>& all, Diagnostic d) {
  std::string prefix = "variants[" + variant.name + "]";
  if (d.field.rfind(prefix, 0) != 0) d.field = prefix + "." + d.field;
  if (inside(variant, all, d.where)) return d;
  SourceLocation base = d.where;
  d.where = variant.where;
  for (const auto& change : variant.changes)
    if (!change.id.empty() && change.action != InputChange::Action::added &&
        d.message.find("'" + change.id + "'") != std::string::npos) {
      d.where = change.where;
      break;
    }
  d.message += " (in the base record at " + base.file + ":" + std::to_string(base.line) + ")";
  return d;
}

// Whether the variant adds, removes or changes a geometry: only then are its shapes checked
// again (the base's passed already).
bool patches_geometries(const Variant& variant) {
  return std::any_of(variant.changes.begin(), variant.changes.end(),
                     [](const InputChange& c) { return c.records == "geometries"; });
}

}  // namespace

// References and caveats checked once the scenario is read, unless some file was unreadable.
Scenario check_loaded(Scenario scenario, std::vector<Diagnostic> problems,
                      geo::ShapeLibrary* library) {
  geo::ShapeLibrary own;
  if (!library) library = &own;
  bool readable = std::none_of(problems.begin(), problems.end(),
                               [](const Diagnostic& d) { return d.unreadable; });
  if (readable) {
    auto references = validate(scenario);
    problems.insert(problems.end(), references.begin(), references.end());
    auto shapes = geo::validate_geometries(scenario);
    problems.insert(problems.end(), shapes.begin(), shapes.end());
    auto caveats = forcegen::unsatisfiable_caveats(scenario, library);
    problems.insert(problems.end(), caveats.begin(), caveats.end());
    // The scenario each variant makes goes through the same checks as the base, once the base
    // passes them: what they find then is the variant's doing.
    if (problems.empty())
      for (const auto& variant : scenario.variants) {
        auto found = check_variant_scenario(scenario, variant, library);
        problems.insert(problems.end(), found.begin(), found.end());
      }
  }
  if (!problems.empty()) throw ScenarioError(problems);
  return scenario;
}

std::vector<Diagnostic> check_variant_scenario(const Scenario& scenario, const Variant& variant,
                                               geo::ShapeLibrary* library) {
  geo::ShapeLibrary own;
  if (!library) library = &own;
  std::vector<Diagnostic> problems;
  Scenario varied = apply_variant(scenario, variant.name);
  auto found = validate(varied);
  // Only a geometry the variant added or changed can fail here (the base's passed): the
  // problem is told at its place in the variant's GeoJSON file, like the base's.
  if (patches_geometries(variant))
    for (auto& d : geo::validate_geometries(varied)) {
      d.field = "variants[" + variant.name + "]." + d.field;
      problems.push_back(d);
    }
  auto unusable = forcegen::unsatisfiable_caveats(varied, library);
  found.insert(found.end(), unusable.begin(), unusable.end());
  for (auto& d : found) problems.push_back(in_variant(variant, scenario.variants, d));
  return problems;
}

Scenario load_checked(const std::string& path, geo::ShapeLibrary* shapes) {
  std::vector<Diagnostic> problems;
  Scenario scenario = io::load_scenario(path, problems);
  return check_loaded(std::move(scenario), std::move(problems), shapes);
}

Scenario load_checked_text(const std::string& text, const std::string& file,
                           const std::string& folder) {
  std::vector<Diagnostic> problems;
  Scenario scenario = io::load_scenario_text(text, file, folder, problems);
  return check_loaded(std::move(scenario), std::move(problems), nullptr);
}

}  // namespace reassure::engine

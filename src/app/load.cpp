#include "app/load.hpp"

#include <algorithm>

#include "core/validate.hpp"
#include "forcegen/eligibility.hpp"
#include "geo/atlas.hpp"
#include "io/scenario_loader.hpp"

namespace reassure::app {

Scenario load_checked(const std::string& path) {
  std::vector<Diagnostic> problems;
  Scenario scenario = io::load_scenario(path, problems);
  bool readable = std::none_of(problems.begin(), problems.end(),
                               [](const Diagnostic& d) { return d.unreadable; });
  if (readable) {
    auto references = validate(scenario);
    problems.insert(problems.end(), references.begin(), references.end());
    auto shapes = geo::validate_geometries(scenario);
    problems.insert(problems.end(), shapes.begin(), shapes.end());
    auto caveats = forcegen::unsatisfiable_caveats(scenario);
    problems.insert(problems.end(), caveats.begin(), caveats.end());
    // A variant's own pledges meet the variant's requirements and conditions.
    if (references.empty())
      for (const auto& variant : scenario.variants) {
        auto varied =
            forcegen::unsatisfiable_caveats(apply_variant(scenario, variant.name), variant.pledges,
                                            "variants[" + variant.name + "].pledges");
        problems.insert(problems.end(), varied.begin(), varied.end());
      }
  }
  if (!problems.empty()) throw ScenarioError(problems);
  return scenario;
}

}  // namespace reassure::app

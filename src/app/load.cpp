#include "app/load.hpp"

#include <algorithm>

#include "core/validate.hpp"
#include "forcegen/eligibility.hpp"
#include "io/scenario_loader.hpp"

namespace reassure::app {

namespace {

// References and caveats checked once the scenario is read, unless some file was unreadable.
Scenario checked(Scenario scenario, std::vector<Diagnostic> problems) {
  bool readable = std::none_of(problems.begin(), problems.end(),
                               [](const Diagnostic& d) { return d.unreadable; });
  if (readable) {
    auto references = validate(scenario);
    problems.insert(problems.end(), references.begin(), references.end());
    auto caveats = forcegen::unsatisfiable_caveats(scenario);
    problems.insert(problems.end(), caveats.begin(), caveats.end());
    // A variant's own pledges meet the variant's requirements and conditions. The check needs
    // the variant's scenario without the base pledges: copying those for every variant made
    // validation quadratic.
    if (references.empty()) {
      Scenario without_pledges = scenario;
      without_pledges.pledges.clear();
      for (const auto& variant : scenario.variants) {
        if (variant.pledges.empty()) continue;
        auto varied = forcegen::unsatisfiable_caveats(apply_variant(without_pledges, variant.name),
                                                      variant.pledges,
                                                      "variants[" + variant.name + "].pledges");
        problems.insert(problems.end(), varied.begin(), varied.end());
      }
    }
  }
  if (!problems.empty()) throw ScenarioError(problems);
  return scenario;
}

}  // namespace

Scenario load_checked(const std::string& path) {
  std::vector<Diagnostic> problems;
  Scenario scenario = io::load_scenario(path, problems);
  return checked(std::move(scenario), std::move(problems));
}

Scenario load_checked_text(const std::string& text, const std::string& file,
                           const std::string& folder) {
  std::vector<Diagnostic> problems;
  Scenario scenario = io::load_scenario_text(text, file, folder, problems);
  return checked(std::move(scenario), std::move(problems));
}

}  // namespace reassure::app

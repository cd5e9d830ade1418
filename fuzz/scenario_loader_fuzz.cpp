// The bytes are a scenario.yaml, run through the whole `reassure validate` pipeline
// (engine::load_checked_text: read checks, YAML, limits, references, caveats). Included files
// resolve in the default scenario's folder, so its nations.yaml, pledges.yaml... can be named.
// A scenario that loads has its registry written as JSON, which throws on text that is not
// UTF-8: every string reaching the writer must have been checked on the way in.
//
// Anything but a ScenarioError escaping (a yaml-cpp exception, a JSON error), a crash, a
// sanitizer finding or a timeout is a bug.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/registry.hpp"
#include "engine/checked.hpp"
#include "report/reports.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string folder = std::string(REASSURE_SOURCE_DIR) + "/scenarios/coalition";
  std::string text(reinterpret_cast<const char*>(data), size);
  try {
    auto scenario = reassure::engine::load_checked_text(text, folder + "/scenario.yaml", folder);
    auto status = reassure::coalition_status(scenario, scenario.as_of);
    static_cast<void>(reassure::report::registry_json(status).dump());
    static_cast<void>(reassure::report::registry_text(status));
  } catch (const reassure::ScenarioError& e) {
    // Every diagnostic names a file: a refusal the user cannot locate is a bug too.
    for (const auto& d : e.diagnostics())
      if (d.where.file.empty()) __builtin_trap();
  }
  return 0;
}

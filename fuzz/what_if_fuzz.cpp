// The bytes are a what-if as a request carries it: one entry of variants.yaml, JSON or YAML,
// read by engine::with_what_ifs into the marked test scenario (tests/engine/marked, whose
// pledges, caveats and statements are released to some nations only) for a German user, then,
// if it reads, planned. Every refusal must be variant.invalid with a message (the scenario
// itself is valid: nothing else can be wrong), and a what-if that reads must plan.
//
// Anything else escaping (a yaml-cpp exception, a JSON error), a crash, a sanitizer finding or
// a timeout is a bug.
#include <cstddef>
#include <cstdint>
#include <string>

#include "engine/engine.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace reassure;
  static const auto base =
      engine::load(std::string(REASSURE_SOURCE_DIR) + "/tests/engine/marked/scenario.yaml");
  if (!base.ok()) __builtin_trap();
  std::string text(reinterpret_cast<const char*>(data), size);
  engine::Viewer viewer{"DE"};
  auto result =
      engine::with_what_ifs(*base.loaded, {{text, "request", "variants[1]", nullptr}}, &viewer);
  if (!result.ok()) {
    for (const auto& problem : result.problems)
      if (problem.code != engine::Code::variant_invalid || problem.message.empty())
        __builtin_trap();
    return 0;
  }
  const auto& variants = result.loaded->scenario.variants;
  if (variants.size() != base.loaded->scenario.variants.size() + 1) __builtin_trap();
  engine::PlanOptions options;
  options.time_limit_seconds = 5;
  auto plan = engine::plan(*result.loaded, variants.back().name, options);
  if (!plan.plan && plan.problems.empty()) __builtin_trap();
  static_cast<void>(engine::to_json(plan).dump());
  return 0;
}

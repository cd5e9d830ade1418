// Deterministic generator of large synthetic coalitions for the benchmarks: a Scenario built in
// memory (no file I/O) from a seed, with the mixes a real force-generation conference shows:
// most nations committed, some conditional or declined; caveats on distance from the line of
// contact, on domains and on host countries; pledges that depend on conditions; recovery
// mostly two rotations. Supply is sized to be comparable to demand, so that plans are neither
// trivially full nor empty.
#pragma once

#include <cstdint>
#include <string>

#include "core/scenario.hpp"

namespace reassure::bench {

struct GeneratorParams {
  std::string name = "synthetic";
  std::uint64_t seed = 20260106;
  int nations = 40;
  int pledges = 5000;
  int requirements = 2000;  // requirement lines
  int rotations = 8;
  int sites = 200;
  // Every pledge gets recovery_rotations = 0: each rotation is then a transportation problem
  // and the whole model is a pure min-cost flow.
  bool network_only = false;
  // Share of the pledges on tours of their own (3, 4, 9 or 12 months from a first day 0-5
  // months into the mission), out of step with the rotations, and of lines with dates (added
  // later, or ending early). 0 draws nothing more: the other presets are unchanged.
  double staggered = 0;
};

// The presets of the benchmark: medium (40 nations, 500 pledges, 200 lines, 8 rotations),
// large (40 / 5000 / 2000 / 8) and network (large with every recovery 0).
GeneratorParams medium_params();
GeneratorParams large_params();
GeneratorParams network_params();
// medium with staggered tours: 20 % of the pledges on their own tours, 10 % of lines dated.
GeneratorParams staggered_params();
// large with staggered tours in its mix: 15 % of the pledges on their own tours, 7.5 % of lines
// dated.
GeneratorParams large_staggered_params();

// Pure: the same parameters always give the same scenario.
Scenario generate(const GeneratorParams& params);

// A one-line summary of what was generated (supply and demand in unit-rotations, exclusions).
std::string describe_scenario(const Scenario& scenario);

}  // namespace reassure::bench

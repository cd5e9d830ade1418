// Fusion: reports of the same event from several sources become one incident. Two reports
// describe the same event when their places agree within their stated precisions, their times
// within their time precisions and a gap, their types are compatible, and they come from
// different sources (a source does not report one event twice; its repeats are versions of one
// id). The incident's place and time are the precision-weighted means of its reports', and its
// confidence grows with each independent source. docs/models/monitor.md gives the rules and
// their grounds.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "monitor/report.hpp"

namespace reassure::monitor {

struct FusionRules {
  // A report's precision_m is read as two standard deviations of its position error. Two
  // reports may fuse when their distance is at most `sigmas` standard deviations of the
  // difference of the two positions (and at least `min_distance_m` is always allowed).
  double sigmas = 3;
  double min_distance_m = 100;
  // Their times may differ by the sum of their time precisions and this gap (reporting a
  // burst of fire by its start or end).
  std::int64_t max_gap_s = 600;
};

struct Incident {
  std::vector<std::size_t> reports;  // indexes of its reports in the input, in time order
  std::int64_t time = 0;             // precision-weighted mean, seconds since 1970 UTC
  double time_precision_s = 0;
  double lat = 0, lon = 0;
  double precision_m = 0;  // two standard deviations of the combined position
  IncidentType type = IncidentType::explosion;
  WeaponClass weapon = WeaponClass::unknown;
  std::uint32_t count = 0;  // the largest count a report gives
  int sources = 0;          // independent sources (distinct source ids)
  double confidence = 0;    // 1 - product of (1 - each source's confidence)
};

// Whether a report of type `a` and one of type `b` may describe the same event.
bool compatible(IncidentType a, IncidentType b);

// The incidents of `reports` (each in exactly one incident), in time order. Withdrawn reports
// are left out (their indexes are in no incident). O(n log n + n·k) for k incidents open at
// once (within a time window), which the time gap keeps small.
std::vector<Incident> fuse(std::span<const Report> reports, const FusionRules& rules = {});

}  // namespace reassure::monitor

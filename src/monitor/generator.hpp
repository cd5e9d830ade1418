// Synthetic report streams with known ground truth, for tests, demos and benchmarks: events
// happen along a line of contact at a daily rate (calm, then escalating from a change day);
// several sources observe each one with their own errors of place and time and their own
// confidence; the stream then carries what real ones do: the same line sent twice, lines that
// arrive late, corrections, withdrawals and malformed lines. The same options and seed give the
// same stream.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "monitor/report.hpp"

namespace reassure::monitor {

struct LatLonPoint {
  double lat = 0, lon = 0;
};

struct GeneratorOptions {
  std::uint64_t seed = 1;
  std::int64_t start = 0;  // seconds since 1970 UTC of the first day's 00:00
  int days = 7;
  double calm_events_per_day = 40;        // the OSCE mission's calm days: 0-100 a day
  double escalated_events_per_day = 900;  // its bad days: 1,000 and more
  int escalation_day = -1;                // from this day on (0-based); -1: never
  // The line events cluster along; they fall within `spread_km` of it (normal, either side).
  std::vector<LatLonPoint> line = {{47.10, 37.60}, {47.90, 37.80}, {48.60, 38.10}, {49.00, 38.50}};
  double spread_km = 6;
  int patrols = 8, uavs = 3, cameras = 6, acoustic_sensors = 4;
  double duplicate_share = 0.02;    // a line sent twice
  double late_share = 0.05;         // a line arriving up to six hours late
  double correction_share = 0.01;   // a report corrected later (a second version)
  double withdrawal_share = 0.005;  // a report withdrawn later
  double malformed_share = 0.01;    // a line broken in transit or by hand
};

struct TrueEvent {
  std::string id;
  std::int64_t time = 0;
  double lat = 0, lon = 0;
  IncidentType type = IncidentType::explosion;
  WeaponClass weapon = WeaponClass::unknown;
  int day = 0;
};

struct GeneratedStream {
  std::vector<std::string> lines;     // JSON Lines, in the order they arrive
  std::vector<std::int64_t> arrival;  // when each line arrives
  // For each line: the event it reports (index into events), or -1 for a malformed line.
  std::vector<long> event_of_line;
  std::vector<TrueEvent> events;
};

GeneratedStream generate_stream(const GeneratorOptions& options);

}  // namespace reassure::monitor

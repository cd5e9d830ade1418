// Incident reports as monitors send them: the project's JSON Lines format
// (docs/report-format.md), one report a line, read and checked field by field. A line either
// gives a Report, with any repair made by a documented rule recorded beside it, or is
// quarantined with its file, line, field and reason: nothing valid is dropped, nothing wrong
// is stored as if it were right.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/releasability.hpp"

namespace reassure::monitor {

enum class SourceKind { patrol, uav, camera, acoustic_sensor, radar, open_source };
enum class IncidentType {
  explosion,
  shelling,
  small_arms_fire,
  heavy_weapon_seen,
  drone,
  airspace_violation,
  movement_of_forces,
  mine,
  restriction_of_movement,
  uav_jamming,
};
// Weapon classes as the withdrawal agreements name them (the Minsk measures' lines: artillery
// of 100 mm and more, multiple rocket launchers, the heaviest systems; tanks, artillery under
// 100 mm and mortars).
enum class WeaponClass {
  unknown,
  small_arms,
  mortar,
  artillery_under_100mm,
  artillery_100mm_plus,
  mlrs,
  heavy_mlrs,
  tank,
  armoured_vehicle,
  air_defence,
  aircraft,
  drone,
};
// A report as sent, corrected (a new version of the same id) or withdrawn by its source.
enum class ReportStatus { reported, corrected, withdrawn };

std::string_view to_string(SourceKind kind);
std::string_view to_string(IncidentType type);
std::string_view to_string(WeaponClass weapon);
std::string_view to_string(ReportStatus status);

struct Report {
  std::string id;  // unique for its source
  SourceKind source_kind = SourceKind::patrol;
  std::string source_id;                  // the patrol, UAV or sensor; may be empty
  std::optional<std::uint64_t> sequence;  // the sensor's own counter
  std::uint32_t version = 1;
  ReportStatus status = ReportStatus::reported;
  // Absent only in a withdrawal, which names the report and nothing else.
  std::int64_t observed_at = 0;        // seconds since 1970-01-01 UTC
  std::uint32_t time_precision_s = 0;  // the true time lies within ± this
  double lat = 0, lon = 0;             // WGS 84 degrees
  double precision_m = 0;              // the true place lies within this radius
  IncidentType type = IncidentType::explosion;
  WeaponClass weapon = WeaponClass::unknown;
  std::optional<double> calibre_mm;
  std::uint32_t count = 1;              // shots, explosions, weapons, drones seen
  std::optional<double> direction_deg;  // direction of fire, clockwise from north
  double confidence = 1;                // the source's own, 0 to 1
  std::string text;
  Releasability releasability;  // who may see it; coalition by default
};

// A field changed by a documented rule (docs/report-format.md, "Repairs"), kept with the
// report so anyone can see what was read and what was stored.
struct Repair {
  std::string field;
  std::string rule;    // the rule's name, e.g. "swapped-coordinates"
  std::string detail;  // what was read and what was kept
};

// A line not stored: where, which field, why.
struct Quarantine {
  std::string file;
  std::uint64_t line = 0;
  std::string field;  // a JSON path like "position.lat"; empty for the line as a whole
  std::string reason;
};

struct ParsedReport {
  std::optional<Report> report;
  std::vector<Repair> repairs;
  std::optional<Quarantine> problem;  // set exactly when report is not
};

struct ReportLimits {
  std::size_t max_line_bytes = 64 * 1024;
  std::size_t max_id_bytes = 128;
  std::size_t max_text_bytes = 8 * 1024;
  // A report observed later than its arrival by more than this is refused: clocks of sensors
  // drift, but not by hours.
  std::int64_t future_tolerance_s = 600;
};

// Reads JSON Lines reports, one line at a time, with one parser kept between lines (simdjson,
// on demand: the hot path of ingest). Not thread-safe: one reader a thread.
class ReportReader {
 public:
  explicit ReportReader(ReportLimits limits = {});
  ~ReportReader();
  ReportReader(const ReportReader&) = delete;
  ReportReader& operator=(const ReportReader&) = delete;

  // `received_at`: when the report arrived (seconds since 1970 UTC), for the future check.
  ParsedReport parse_line(std::string_view line, std::int64_t received_at, std::string_view file,
                          std::uint64_t line_number);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// The reports as they stand after corrections and withdrawals: of all versions of one report
// (same source kind, source id and id) the highest version counts, and a withdrawn report is
// left out; the rest keep the order of `all`. Returns indexes into `all`.
std::vector<std::size_t> current_versions(const std::vector<Report>& all);

// RFC 3339 date and time with a zone ("2026-03-01T14:05:00Z", "...+02:00", fractions of a second
// allowed and dropped), years 1900 to 2100, as seconds since 1970-01-01 UTC; none otherwise.
std::optional<std::int64_t> parse_timestamp(std::string_view text);
// The inverse, in UTC: "2026-03-01T14:05:00Z".
std::string format_timestamp(std::int64_t seconds);

}  // namespace reassure::monitor

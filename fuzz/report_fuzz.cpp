// The bytes are a JSON Lines file of incident reports, read line by line by the monitoring
// reader as ingest reads it. Every line gives exactly one of a report or a quarantine; a
// quarantine names its file and line; a report holds only what the format admits (coordinates
// in range after any repair, a finite precision, a known type, a time in 1900-2100).
//
// A crash, a sanitizer finding, a hang or an exception escaping is a bug.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "monitor/report.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace reassure::monitor;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  static ReportReader reader;
  const std::int64_t received = *parse_timestamp("2026-03-01T18:00:00Z");
  const std::int64_t earliest = *parse_timestamp("1900-01-01T00:00:00Z");
  std::uint64_t line_number = 0;
  while (!text.empty()) {
    auto end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
    auto parsed = reader.parse_line(line, received, "fuzz.jsonl", ++line_number);
    if (bool(parsed.report) == bool(parsed.problem)) __builtin_trap();
    if (parsed.problem && (parsed.problem->file != "fuzz.jsonl" ||
                           parsed.problem->line != line_number || parsed.problem->reason.empty()))
      __builtin_trap();
    if (parsed.report && parsed.report->status != ReportStatus::withdrawn) {
      const Report& r = *parsed.report;
      if (!(std::abs(r.lat) <= 90) || !(std::abs(r.lon) <= 180) || !std::isfinite(r.precision_m) ||
          r.precision_m < 0 || r.id.empty() || r.observed_at < earliest ||
          r.observed_at > received + 600 || r.count < 1)
        __builtin_trap();
      static_cast<void>(format_timestamp(r.observed_at));
    }
  }
  return 0;
}

// Reports read line by line: a valid report and what is stored of it, the repairs made by rule,
// and a table of malformed lines, each with the field and reason it is quarantined for.
#include "monitor/report.hpp"

#include <gtest/gtest.h>

#include <string>

namespace reassure::monitor {
namespace {

// 2026-03-01T18:00:00Z: when the test's reports arrive.
const std::int64_t kReceived = *parse_timestamp("2026-03-01T18:00:00Z");

ParsedReport read(const std::string& line) {
  ReportReader reader;
  return reader.parse_line(line, kReceived, "reports.jsonl", 7);
}

const std::string kValid =
    R"({"id":"p7-0042","source":{"kind":"patrol","id":"team-7","sequence":42},)"
    R"("observed_at":"2026-03-01T14:05:30+02:00","time_precision_s":60,)"
    R"("position":{"lat":48.5,"lon":37.9,"precision_m":500},"type":"shelling",)"
    R"("weapon_class":"artillery_100mm_plus","calibre_mm":122,"count":3,"direction_deg":45,)"
    R"("confidence":0.8,"text":"Three impacts 2-3 km north-north-east.\nSeen and heard.",)"
    R"("releasability":["GB","FR"]})";

TEST(ReportReader, ReadsEveryFieldOfAValidReport) {
  auto parsed = read(kValid);
  ASSERT_TRUE(parsed.report) << parsed.problem->field << ": " << parsed.problem->reason;
  const Report& r = *parsed.report;
  EXPECT_EQ(r.id, "p7-0042");
  EXPECT_EQ(r.source_kind, SourceKind::patrol);
  EXPECT_EQ(r.source_id, "team-7");
  EXPECT_EQ(r.sequence, 42u);
  EXPECT_EQ(r.version, 1u);
  EXPECT_EQ(r.status, ReportStatus::reported);
  EXPECT_EQ(format_timestamp(r.observed_at), "2026-03-01T12:05:30Z");  // +02:00 made UTC
  EXPECT_EQ(r.time_precision_s, 60u);
  EXPECT_DOUBLE_EQ(r.lat, 48.5);
  EXPECT_DOUBLE_EQ(r.lon, 37.9);
  EXPECT_DOUBLE_EQ(r.precision_m, 500);
  EXPECT_EQ(r.type, IncidentType::shelling);
  EXPECT_EQ(r.weapon, WeaponClass::artillery_100mm_plus);
  EXPECT_EQ(r.calibre_mm, 122);
  EXPECT_EQ(r.count, 3u);
  EXPECT_EQ(r.direction_deg, 45);
  EXPECT_DOUBLE_EQ(r.confidence, 0.8);
  EXPECT_EQ(r.text, "Three impacts 2-3 km north-north-east.\nSeen and heard.");
  EXPECT_EQ(to_string(r.releasability), "rel:FR,GB");
  EXPECT_TRUE(parsed.repairs.empty());
  EXPECT_FALSE(parsed.problem);
}

TEST(ReportReader, DefaultsOfOptionalFields) {
  auto parsed =
      read(R"({"id":"c-1","source":{"kind":"camera"},"observed_at":"2026-03-01T10:00:00Z",)"
           R"("position":{"lat":48.1,"lon":37.2,"precision_m":2400},"type":"explosion"})");
  ASSERT_TRUE(parsed.report);
  EXPECT_EQ(parsed.report->count, 1u);
  EXPECT_EQ(parsed.report->weapon, WeaponClass::unknown);
  EXPECT_DOUBLE_EQ(parsed.report->confidence, 1);
  EXPECT_EQ(to_string(parsed.report->releasability), "coalition");
  EXPECT_FALSE(parsed.report->sequence);
}

TEST(ReportReader, AWithdrawalNeedsOnlyItsIdAndSource) {
  auto parsed =
      read(R"({"id":"p7-0042","source":{"kind":"patrol"},"version":2,"status":"withdrawn"})");
  ASSERT_TRUE(parsed.report);
  EXPECT_EQ(parsed.report->status, ReportStatus::withdrawn);
  EXPECT_EQ(parsed.report->version, 2u);
}

TEST(ReportReader, SwappedCoordinatesAreRepairedAndTheRepairKept) {
  auto parsed = read(R"({"id":"u-9","source":{"kind":"uav"},"observed_at":"2026-03-01T10:00:00Z",)"
                     R"("position":{"lat":37.9,"lon":148.5,"precision_m":50},"type":"drone"})");
  // 148.5 cannot be a latitude; 37.9 can: they were swapped.
  ASSERT_TRUE(parsed.report);
  EXPECT_DOUBLE_EQ(parsed.report->lat, 37.9);
  EXPECT_DOUBLE_EQ(parsed.report->lon, 148.5);
  auto other = read(R"({"id":"u-9","source":{"kind":"uav"},"observed_at":"2026-03-01T10:00:00Z",)"
                    R"("position":{"lat":137.9,"lon":48.5,"precision_m":50},"type":"drone"})");
  ASSERT_TRUE(other.report);
  EXPECT_DOUBLE_EQ(other.report->lat, 48.5);
  EXPECT_DOUBLE_EQ(other.report->lon, 137.9);
  ASSERT_EQ(other.repairs.size(), 1u);
  EXPECT_EQ(other.repairs[0].rule, "swapped-coordinates");
  EXPECT_EQ(other.repairs[0].field, "position");
}

TEST(ReportReader, AWindowsLineEndIsNotPartOfTheLine) {
  EXPECT_TRUE(read(kValid + "\r").report);
}

struct Malformed {
  std::string what;
  std::string line;
  std::string field;
  std::string reason;  // a part of the reason
};

std::string with(const std::string& from, const std::string& to) {
  std::string line = kValid;
  auto at = line.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return line.replace(at, from.size(), to);
}

TEST(ReportReader, QuarantinesEachMalformedLineNamingItsFieldAndReason) {
  const std::vector<Malformed> table = {
      {"truncated JSON", kValid.substr(0, 60), "", "not valid JSON"},
      {"empty line", "", "", "not valid JSON"},
      {"not an object", "[1,2]", "", "expected a JSON object"},
      {"two values", kValid + " {}", "", "more than one JSON value"},
      {"unknown field", with(R"("count":3)", R"("cuont":3)"), "cuont", "not a field"},
      {"field twice", with(R"("count":3)", R"("count":3,"count":4)"), "count", "twice"},
      {"id missing", with(R"("id":"p7-0042",)", ""), "id", "missing"},
      {"id empty", with(R"("id":"p7-0042")", R"("id":"")"), "id", "empty"},
      {"id a number", with(R"("id":"p7-0042")", R"("id":42)"), "id", "expected text"},
      {"id with a control character", with(R"("id":"p7-0042")", R"("id":"p7\u0007")"), "id",
       "control character"},
      {"source kind unknown", with(R"("kind":"patrol")", R"("kind":"satellite")"), "source.kind",
       "expected one of patrol, uav"},
      {"source kind missing", with(R"("kind":"patrol",)", ""), "source.kind", "missing"},
      {"sequence negative", with(R"("sequence":42)", R"("sequence":-1)"), "source.sequence",
       "whole number"},
      {"sequence a fraction", with(R"("sequence":42)", R"("sequence":4.5)"), "source.sequence",
       "whole number"},
      {"time without zone", with("14:05:30+02:00", "14:05:30"), "observed_at", "RFC 3339"},
      {"time with a day that does not exist", with("2026-03-01T14", "2026-02-30T14"), "observed_at",
       "RFC 3339"},
      {"time before 1900", with("2026-03-01T14", "1899-12-31T14"), "observed_at", "RFC 3339"},
      {"time in dd-mm-yyyy", with("2026-03-01T14:05:30+02:00", "01-03-2026"), "observed_at",
       "RFC 3339"},
      {"time in the future", with("2026-03-01T14:05:30+02:00", "2026-03-02T14:05:30Z"),
       "observed_at", "in the future"},
      {"latitude beyond 180", with(R"("lat":48.5)", R"("lat":248.5)"), "position.lat", "from -180"},
      {"both coordinates beyond 90", with(R"("lat":48.5,"lon":37.9)", R"("lat":148.5,"lon":137.9)"),
       "position.lat", "latitude from -90 to 90"},
      {"latitude equals longitude", with(R"("lon":37.9)", R"("lon":48.5)"), "position",
       "latitude equals longitude"},
      {"null island", with(R"("lat":48.5,"lon":37.9)", R"("lat":0,"lon":0)"), "position",
       "never filled in"},
      {"latitude null", with(R"("lat":48.5)", R"("lat":null)"), "position.lat",
       "expected a number"},
      {"latitude as text", with(R"("lat":48.5)", R"("lat":"48.5")"), "position.lat",
       "expected a number"},
      {"NaN", with(R"("lat":48.5)", R"("lat":NaN)"), "position.lat", ""},
      {"number beyond double", with(R"("lat":48.5)", R"("lat":1e999)"), "position.lat", ""},
      {"position missing", with(R"("position":{"lat":48.5,"lon":37.9,"precision_m":500},)", ""),
       "position.lat", "missing"},
      {"precision missing", with(R"(,"precision_m":500)", ""), "position.precision_m", "missing"},
      {"precision negative", with(R"("precision_m":500)", R"("precision_m":-5)"),
       "position.precision_m", "from 0"},
      {"type unknown", with(R"("type":"shelling")", R"("type":"artillery")"), "type",
       "expected one of explosion"},
      {"type missing", with(R"("type":"shelling",)", ""), "type", "missing"},
      {"count zero", with(R"("count":3)", R"("count":0)"), "count", "from 1"},
      {"count huge", with(R"("count":3)", R"("count":18446744073709551616)"), "count", ""},
      {"confidence above 1", with(R"("confidence":0.8)", R"("confidence":1.5)"), "confidence",
       "from 0"},
      {"direction 400", with(R"("direction_deg":45)", R"("direction_deg":400)"), "direction_deg",
       "from 0"},
      {"releasability empty list", with(R"(["GB","FR"])", "[]"), "releasability", "no one"},
      {"releasability bad code", with(R"(["GB","FR"])", R"(["GBR"])"), "releasability", ""},
      // Read on demand, nothing deeper than a report's own fields is ever descended into.
      {"deep nesting", with(R"("text":"Three)", R"("x":[[[[[[[[[[1]]]]]]]]]],"text":"Three)"), "x",
       "not a field"},
      {"deep nesting in a field", with(R"(["GB","FR"])", R"([[[[[["GB"]]]]]])"), "releasability",
       "expected text"},
      {"Latin-1 byte",
       with("Seen and heard",
            "Seen and h\xe9"
            "ard"),
       "", "not UTF-8"},
      {"text too long", with("Seen and heard.", std::string(9000, 'a')), "text", "longer than"},
  };
  for (const auto& row : table) {
    auto parsed = read(row.line);
    ASSERT_FALSE(parsed.report) << row.what;
    ASSERT_TRUE(parsed.problem) << row.what;
    EXPECT_EQ(parsed.problem->file, "reports.jsonl") << row.what;
    EXPECT_EQ(parsed.problem->line, 7u) << row.what;
    EXPECT_EQ(parsed.problem->field, row.field) << row.what << ": " << parsed.problem->reason;
    EXPECT_NE(parsed.problem->reason.find(row.reason), std::string::npos)
        << row.what << ": " << parsed.problem->reason;
    EXPECT_TRUE(parsed.repairs.empty()) << row.what;
  }
}

TEST(ReportReader, ALineLongerThanTheLimitIsRefusedBeforeParsing) {
  ReportLimits limits;
  limits.max_line_bytes = 100;
  ReportReader reader(limits);
  auto parsed = reader.parse_line(kValid, kReceived, "f", 1);
  ASSERT_TRUE(parsed.problem);
  EXPECT_NE(parsed.problem->reason.find("longer than 100 bytes"), std::string::npos);
}

TEST(ReportReader, OneReaderReadsManyLines) {
  ReportReader reader;
  for (int i = 0; i < 1000; ++i) {
    auto line = with(R"("id":"p7-0042")", R"("id":"r)" + std::to_string(i) + R"(")");
    auto parsed = reader.parse_line(i % 7 == 3 ? "{" : line, kReceived, "f", i + 1);
    EXPECT_EQ(bool(parsed.report), i % 7 != 3) << i;
    if (parsed.report) EXPECT_EQ(parsed.report->id, "r" + std::to_string(i));
  }
}

TEST(Timestamps, ParseAndFormat) {
  EXPECT_EQ(parse_timestamp("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(parse_timestamp("1970-01-01T01:00:00+01:00"), 0);
  EXPECT_EQ(parse_timestamp("1969-12-31T19:00:00-05:00"), 0);
  EXPECT_EQ(parse_timestamp("2024-02-29T12:00:00.123456Z"), 1709208000);
  EXPECT_FALSE(parse_timestamp("2023-02-29T12:00:00Z"));  // not a leap year
  EXPECT_FALSE(parse_timestamp("2026-03-01T24:00:00Z"));
  EXPECT_FALSE(parse_timestamp("2026-03-01T12:00:00.Z"));
  EXPECT_FALSE(parse_timestamp("2026-03-01T12:00:00Z "));
  EXPECT_FALSE(parse_timestamp("2101-01-01T00:00:00Z"));
  EXPECT_EQ(format_timestamp(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(format_timestamp(1709208000), "2024-02-29T12:00:00Z");
  EXPECT_EQ(format_timestamp(*parse_timestamp("1900-01-01T00:00:01Z")), "1900-01-01T00:00:01Z");
  EXPECT_EQ(format_timestamp(*parse_timestamp("2100-12-31T23:59:59Z")), "2100-12-31T23:59:59Z");
}

}  // namespace
}  // namespace reassure::monitor

// Fusion on hand-made pairs of reports (one incident or two, and why), and on generated streams
// with known ground truth: pairwise precision and recall above stated floors.
#include "monitor/fusion.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "monitor/generator.hpp"

namespace reassure::monitor {
namespace {

const std::int64_t kNoon = *parse_timestamp("2026-03-01T12:00:00Z");

Report report(std::string source, double lat, double lon, double precision_m,
              std::int64_t time = kNoon, IncidentType type = IncidentType::shelling,
              double confidence = 0.9) {
  Report r;
  r.id = source + "-1";
  r.source_kind = SourceKind::patrol;
  r.source_id = std::move(source);
  r.observed_at = time;
  r.time_precision_s = 60;
  r.lat = lat, r.lon = lon;
  r.precision_m = precision_m;
  r.type = type;
  r.confidence = confidence;
  return r;
}

// Metres to degrees of latitude.
double north(double metres) {
  return metres / 111'320;
}

TEST(Fusion, TwoSourcesCloseTogetherMakeOneIncident) {
  std::vector<Report> reports = {
      report("a", 48.0, 38.0, 500, kNoon, IncidentType::explosion),
      report("b", 48.0 + north(300), 38.0, 500, kNoon + 120, IncidentType::shelling, 0.8)};
  auto incidents = fuse(reports);
  ASSERT_EQ(incidents.size(), 1u);
  const Incident& i = incidents[0];
  EXPECT_EQ(i.reports, (std::vector<std::size_t>{0, 1}));
  // Equal precisions: the midpoint, sqrt(2) times more precise.
  EXPECT_NEAR(i.lat, 48.0 + north(150), 1e-9);
  EXPECT_NEAR(i.precision_m, 500 / std::sqrt(2.0), 1e-6);
  EXPECT_EQ(i.time, kNoon + 60);
  EXPECT_EQ(i.type, IncidentType::shelling);  // what fired, from the one who saw it
  EXPECT_EQ(i.sources, 2);
  EXPECT_NEAR(i.confidence, 1 - 0.1 * 0.2, 1e-12);
}

TEST(Fusion, APreciseReportPullsThePlaceTowardsIt) {
  // σ 50 m against σ 500 m: weights 100 to 1.
  std::vector<Report> reports = {report("uav", 48.0, 38.0, 100),
                                 report("patrol", 48.0 + north(1000), 38.0, 1000)};
  auto incidents = fuse(reports);
  ASSERT_EQ(incidents.size(), 1u);
  EXPECT_NEAR((incidents[0].lat - 48.0) * 111'320, 1000.0 / 101, 1e-6);
}

TEST(Fusion, WhatKeepsReportsApart) {
  // Too far for their precisions: 3 km apart, σ 250 m each (3σ of the difference: 1.06 km).
  EXPECT_EQ(
      fuse(std::vector{report("a", 48, 38, 500), report("b", 48 + north(3000), 38, 500)}).size(),
      2u);
  // Just inside and just outside 3σ of the difference (σ 250 m each: 3·353.6 = 1,060.7 m).
  EXPECT_EQ(
      fuse(std::vector{report("a", 48, 38, 500), report("b", 48 + north(1060), 38, 500)}).size(),
      1u);
  EXPECT_EQ(
      fuse(std::vector{report("a", 48, 38, 500), report("b", 48 + north(1062), 38, 500)}).size(),
      2u);
  // The same source twice is two events.
  EXPECT_EQ(fuse(std::vector{report("a", 48, 38, 500), report("a", 48, 38, 500)}).size(), 2u);
  // Types that cannot be one event.
  EXPECT_EQ(fuse(std::vector{report("a", 48, 38, 500, kNoon, IncidentType::small_arms_fire),
                             report("b", 48, 38, 500, kNoon, IncidentType::explosion)})
                .size(),
            2u);
  // Too far apart in time: 600 s of gap plus 60 + 60 s of precision.
  EXPECT_EQ(
      fuse(std::vector{report("a", 48, 38, 500), report("b", 48, 38, 500, kNoon + 720)}).size(),
      1u);
  EXPECT_EQ(
      fuse(std::vector{report("a", 48, 38, 500), report("b", 48, 38, 500, kNoon + 721)}).size(),
      2u);
}

TEST(Fusion, WithdrawnReportsAreInNoIncident) {
  std::vector<Report> reports = {report("a", 48, 38, 500), report("b", 48, 38, 500)};
  reports[1].status = ReportStatus::withdrawn;
  auto incidents = fuse(reports);
  ASSERT_EQ(incidents.size(), 1u);
  EXPECT_EQ(incidents[0].reports, std::vector<std::size_t>{0});
}

TEST(CurrentVersions, TheHighestVersionCountsAndAWithdrawalRemoves) {
  std::vector<Report> all = {report("a", 48, 38, 500), report("b", 48, 38, 500),
                             report("a", 48.1, 38, 500), report("b", 48, 38, 500),
                             report("a", 48, 38, 500)};
  all[2].version = 2;
  all[3].version = 2, all[3].status = ReportStatus::withdrawn;
  all[4].version = 1;  // a late copy of version 1: version 2 still counts
  EXPECT_EQ(current_versions(all), std::vector<std::size_t>{2});
}

struct Score {
  double precision, recall;
  std::size_t incidents, events;
};

// Pairwise: of the pairs of reports fused into one incident, the share that report one true
// event (precision); of the pairs that report one true event, the share fused (recall).
Score score(const GeneratedStream& stream) {
  ReportReader reader;
  std::vector<Report> reports;
  std::vector<long> event_of;
  for (std::size_t i = 0; i < stream.lines.size(); ++i) {
    auto parsed = reader.parse_line(stream.lines[i], stream.arrival[i], "generated", i + 1);
    if (!parsed.report) {
      EXPECT_EQ(stream.event_of_line[i], -1) << stream.lines[i];
      continue;
    }
    reports.push_back(*parsed.report);
    event_of.push_back(stream.event_of_line[i]);
  }
  std::vector<Report> current;
  std::vector<long> truth;
  for (std::size_t index : current_versions(reports)) {
    current.push_back(reports[index]);
    truth.push_back(event_of[index]);
  }
  auto incidents = fuse(current);
  auto pairs = [](double n) { return n * (n - 1) / 2; };
  double together = 0, same_event = 0, both = 0;
  std::map<long, double> per_event;
  for (long e : truth) per_event[e] += 1;
  for (const auto& [event, n] : per_event) same_event += pairs(n);
  for (const auto& incident : incidents) {
    together += pairs(double(incident.reports.size()));
    std::map<long, double> members;
    for (std::size_t r : incident.reports) members[truth[r]] += 1;
    for (const auto& [event, n] : members) both += pairs(n);
  }
  return {together ? both / together : 1, same_event ? both / same_event : 1, incidents.size(),
          per_event.size()};
}

TEST(Fusion, GeneratedWeekAboveItsFloors) {
  GeneratorOptions options;
  options.start = *parse_timestamp("2026-03-01T00:00:00Z");
  options.days = 7;
  options.escalation_day = 5;  // two days at the OSCE mission's bad-day rate
  auto stream = generate_stream(options);
  auto s = score(stream);
  std::printf(
      "# fusion on a generated week: %zu lines, %zu events, %zu incidents, precision %.4f, "
      "recall %.4f\n",
      stream.lines.size(), s.events, s.incidents, s.precision, s.recall);
  EXPECT_GE(s.precision, 0.95);
  EXPECT_GE(s.recall, 0.95);
}

TEST(Generator, TheSameSeedGivesTheSameStream) {
  GeneratorOptions options;
  options.days = 2;
  auto a = generate_stream(options), b = generate_stream(options);
  EXPECT_EQ(a.lines, b.lines);
  options.seed = 2;
  EXPECT_NE(generate_stream(options).lines, a.lines);
}

TEST(Generator, EscalationRaisesTheDailyRate) {
  GeneratorOptions options;
  options.days = 6;
  options.escalation_day = 3;
  auto stream = generate_stream(options);
  std::vector<int> per_day(6);
  for (const auto& e : stream.events) per_day[e.day] += 1;
  for (int d = 0; d < 3; ++d) EXPECT_LT(per_day[d], 80) << d;   // Poisson(40)
  for (int d = 3; d < 6; ++d) EXPECT_GT(per_day[d], 750) << d;  // Poisson(900)
}

}  // namespace
}  // namespace reassure::monitor

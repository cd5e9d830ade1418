// Geometric caveats in the eligibility: distances from named geometries and sites, zones,
// allowed sites; a caveat naming a missing geometry refuses, never passes. The fixture's line
// runs along 37°E from 47°N to 50°N; `near` (48.5°N, 36°E) lies 73.9 km west of it, `far`
// (Kyiv) about 460 km, `abroad` (Rzeszów) in Poland.
#include <gtest/gtest.h>

#include "fixture.hpp"
#include "forcegen/eligibility.hpp"

using namespace reassure;
using namespace reassure::testing;

namespace {
forcegen::CaveatVerdict verdict(const Scenario& s, const std::string& pledge_id,
                                const std::string& line) {
  forcegen::Eligibility eligibility(s);
  const Pledge* pledge = nullptr;
  for (const auto& p : s.pledges)
    if (p.id == pledge_id) pledge = &p;
  for (const auto& q : s.requirements)
    if (q.id == line) return eligibility.caveat_verdict(*pledge, q);
  return {};
}

Scenario three_lines() {
  Scenario s = empty_scenario(1);
  require(s, "R-near", "company", 1, "near");
  require(s, "R-far", "company", 1, "far");
  require(s, "R-abroad", "company", 1, "abroad");
  return s;
}
}  // namespace

TEST(GeometricCaveats, MinDistanceIsFromTheContactLineAndNamesIt) {
  Scenario s = three_lines();
  pledge(s, "P1", "AA", "company", 1).caveats.min_distance_km = 100;
  auto v = verdict(s, "P1", "R-near");
  EXPECT_EQ(v.reason, forcegen::Reason::distance);
  EXPECT_EQ(v.key, "min_distance_km");
  EXPECT_FALSE(v.national);
  EXPECT_NE(v.detail.find("too close to the line of contact: site near is 73.9 km"),
            std::string::npos)
      << v.detail;
  EXPECT_EQ(verdict(s, "P1", "R-far").reason, forcegen::Reason::eligible);
}

TEST(GeometricCaveats, WithoutTheGeometryADistanceCaveatRefusesEverySite) {
  Scenario s = three_lines();
  s.geometries.clear();  // no contact line
  pledge(s, "P1", "AA", "company", 1).caveats.min_distance_km = 100;
  DistanceCaveat from_port;
  from_port.from = "odesa-port";
  from_port.max_km = 50;
  pledge(s, "P2", "BB", "company", 1).caveats.distances = {from_port};
  for (const char* line : {"R-near", "R-far", "R-abroad"}) {
    EXPECT_EQ(verdict(s, "P1", line).reason, forcegen::Reason::unknown_reference) << line;
    auto v = verdict(s, "P2", line);
    EXPECT_EQ(v.reason, forcegen::Reason::unknown_reference) << line;
    EXPECT_NE(v.detail.find("odesa-port"), std::string::npos);
  }
}

TEST(GeometricCaveats, MaxDistanceFromASiteAndTheNationsCaveatComeFirst) {
  Scenario s = three_lines();
  DistanceCaveat near_kyiv;
  near_kyiv.from = "far";  // a site: the distance is the geodesic between the two points
  near_kyiv.max_km = 10;
  s.nations[0].caveats.distances = {near_kyiv};
  pledge(s, "P1", "AA", "company", 1).caveats.min_distance_km = 1000;
  auto v = verdict(s, "P1", "R-near");
  EXPECT_EQ(v.reason, forcegen::Reason::distance);
  EXPECT_TRUE(v.national);
  EXPECT_EQ(v.key, "distance");
  EXPECT_NE(v.detail.find("too far from far"), std::string::npos) << v.detail;
  EXPECT_NE(forcegen::describe(v).find("(caveat distance of the nation)"), std::string::npos);
  // At Kyiv itself the nation's caveat holds and the pledge's own 1,000 km refuses.
  EXPECT_EQ(verdict(s, "P1", "R-far").key, "min_distance_km");
}

TEST(GeometricCaveats, AllowedSitesAndZones) {
  Scenario s = three_lines();
  Zone band;
  band.id = "buffer";
  band.along = kContactLine;
  ZoneWidth w;
  w.id = "w", w.km = 100;
  band.widths = {w};
  s.zones.push_back(band);
  pledge(s, "P1", "AA", "company", 1).caveats.exclude_zones = {"buffer"};
  pledge(s, "P2", "BB", "company", 1).caveats.zones = {"buffer"};
  pledge(s, "P3", "CC", "company", 1).caveats.sites = {"abroad"};
  EXPECT_EQ(verdict(s, "P1", "R-near").reason, forcegen::Reason::zone);  // 73.9 km < 100
  EXPECT_EQ(verdict(s, "P1", "R-far").reason, forcegen::Reason::eligible);
  EXPECT_EQ(verdict(s, "P2", "R-near").reason, forcegen::Reason::eligible);
  EXPECT_EQ(verdict(s, "P2", "R-far").key, "zones");
  EXPECT_EQ(verdict(s, "P3", "R-far").reason, forcegen::Reason::site);
  EXPECT_EQ(verdict(s, "P3", "R-abroad").reason, forcegen::Reason::eligible);
  s.zones[0].widths[0].km = 50;  // now near is outside the band
  EXPECT_EQ(verdict(s, "P1", "R-near").reason, forcegen::Reason::eligible);
}

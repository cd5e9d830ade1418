// Zones drawn as polygons (geo/band.hpp) against hand-worked areas and against the planners' own
// measure (Atlas::in_zone, geodesic distances): a map must show the zone the planners use.
#include "geo/band.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "geo/atlas.hpp"
#include "geo/distance.hpp"

using namespace reassure;

namespace {

// A meridian segment at 30°E from 48°N to 49°N (meridians are geodesics): its length by the
// engine's own distance function.
const std::vector<LatLon> kMeridian{{48.0, 30.0}, {49.0, 30.0}};
double meridian_km() {
  return geo::distance_km(48.0, 30.0, 49.0, 30.0);
}

// The longitude `km` east (positive) or west of the segment's middle, found by the engine's
// distance function (a parallel is not a geodesic, but 15 km along it is within millimetres).
double lon_at(double km) {
  double lo = 0, hi = 1;
  for (int i = 0; i < 60; ++i) {
    double mid = (lo + hi) / 2;
    (geo::distance_km(48.5, 30.0, 48.5, 30.0 + mid) < std::abs(km) ? lo : hi) = mid;
  }
  return 30.0 + std::copysign(lo, km);
}

Scenario scenario_with_band(BandSide side, double km, double from_km,
                            std::vector<std::vector<LatLon>> lines = {kMeridian}) {
  Scenario s;
  Geometry line;
  line.id = "line";
  line.kind = Geometry::Kind::line;
  line.lines = std::move(lines);
  s.geometries.push_back(line);
  Site site;
  site.id = "east-site";
  site.lat = 48.5;
  site.lon = 31.0;
  s.sites.push_back(site);
  Zone zone;
  zone.id = "band";
  zone.along = "line";
  zone.side = side;
  zone.facing = side == BandSide::facing ? "east-site" : "";
  ZoneWidth width;
  width.id = "w";
  width.km = km;
  width.from_km = from_km;
  zone.widths.push_back(width);
  s.zones.push_back(zone);
  return s;
}

}  // namespace

TEST(Band, BothSidesOfAMeridianSegmentIsTwiceTheWidthTimesTheLengthWithRoundEnds) {
  auto polygons = geo::band_polygons({kMeridian}, 10, 0, geo::BandHalf::both);
  ASSERT_EQ(polygons.size(), 1u);
  EXPECT_EQ(polygons[0].rings.size(), 1u);
  double length = meridian_km();
  // 2 * 10 km * 111.2 km, plus a disc of 10 km at the two ends together.
  double expected = 2 * 10 * length + std::numbers::pi * 10 * 10;
  EXPECT_NEAR(geo::area_km2(polygons), expected, expected * 0.005);
}

TEST(Band, OneSideIsHalfWithoutTheEnds) {
  double length = meridian_km();
  for (auto half : {geo::BandHalf::left, geo::BandHalf::right}) {
    auto polygons = geo::band_polygons({kMeridian}, 10, 0, half);
    EXPECT_NEAR(geo::area_km2(polygons), 10 * length, 10 * length * 0.005);
  }
  // Walking north, left is west.
  auto left = geo::band_polygons({kMeridian}, 10, 0, geo::BandHalf::left);
  EXPECT_TRUE(geo::contains(left, 48.5, lon_at(-5)));
  EXPECT_FALSE(geo::contains(left, 48.5, lon_at(5)));
  auto right = geo::band_polygons({kMeridian}, 10, 0, geo::BandHalf::right);
  EXPECT_TRUE(geo::contains(right, 48.5, lon_at(5)));
  EXPECT_FALSE(geo::contains(right, 48.5, lon_at(-5)));
}

TEST(Band, APointFiveKmOffIsInsideAndFifteenKmOffIsOutside) {
  auto polygons = geo::band_polygons({kMeridian}, 10, 0, geo::BandHalf::both);
  for (double km : {5.0, -5.0, 9.9, -9.9})
    EXPECT_TRUE(geo::contains(polygons, 48.5, lon_at(km))) << km;
  for (double km : {15.0, -15.0, 10.1, -10.1})
    EXPECT_FALSE(geo::contains(polygons, 48.5, lon_at(km))) << km;
  // Beyond the northern end, within and past 10 km along the meridian (0.09° is 10.0 km).
  EXPECT_TRUE(geo::contains(polygons, 49.08, 30.0));
  EXPECT_FALSE(geo::contains(polygons, 49.1, 30.0));
}

TEST(Band, ARingIsTheOuterBandLessTheInner) {
  auto ring = geo::band_polygons({kMeridian}, 20, 10, geo::BandHalf::both);
  double outer = geo::area_km2(geo::band_polygons({kMeridian}, 20, 0, geo::BandHalf::both));
  double inner = geo::area_km2(geo::band_polygons({kMeridian}, 10, 0, geo::BandHalf::both));
  EXPECT_NEAR(geo::area_km2(ring), outer - inner, (outer - inner) * 0.001);
  ASSERT_EQ(ring.size(), 1u);
  EXPECT_EQ(ring[0].rings.size(), 2u);  // an outer ring and the hole around the line
  EXPECT_FALSE(geo::contains(ring, 48.5, lon_at(5)));
  EXPECT_TRUE(geo::contains(ring, 48.5, lon_at(15)));
  EXPECT_FALSE(geo::contains(ring, 48.5, lon_at(25)));
}

TEST(Band, WidthsOutOfOrderOrAnEmptyLineGiveNothing) {
  EXPECT_TRUE(geo::band_polygons({kMeridian}, 10, 10, geo::BandHalf::both).empty());
  EXPECT_TRUE(geo::band_polygons({kMeridian}, 0, 0, geo::BandHalf::both).empty());
  EXPECT_TRUE(
      geo::band_polygons({{{48.0, 30.0}, {48.0, 30.0}}}, 10, 0, geo::BandHalf::both).empty());
}

TEST(Band, AgreesWithTheAtlasOnEverySideAwayFromTheEdges) {
  // A bent line of three geodesic segments, over 300 km, so that the projection's distortion
  // and the joins both count.
  std::vector<std::vector<LatLon>> bent{{{47.0, 35.0}, {47.8, 36.2}, {48.6, 36.0}, {49.4, 37.5}}};
  for (auto side : {BandSide::both, BandSide::left, BandSide::right, BandSide::facing}) {
    for (double from_km : {0.0, 8.0}) {
      Scenario s = scenario_with_band(side, 25, from_km, bent);
      auto polygons = geo::zone_polygons(s, s.zones[0]);
      ASSERT_TRUE(polygons.has_value());
      geo::Atlas atlas(s);
      int checked = 0;
      for (double lat = 46.6; lat <= 49.8; lat += 0.05)
        for (double lon = 34.4; lon <= 38.2; lon += 0.05) {
          double d = *atlas.distance_km("line", lat, lon);
          // Within 0.3 km of an edge of the band the two may disagree by rounding of the arcs.
          if (std::abs(d - 25) < 0.3 || std::abs(d - from_km) < 0.3) continue;
          // Beyond the line's ends a one-sided band stops square (band.hpp); in_zone counts half
          // a disc there: skip points nearer an end than the rest of the line.
          if (side != BandSide::both) {
            double to_ends = std::min(geo::distance_km(lat, lon, 47.0, 35.0),
                                      geo::distance_km(lat, lon, 49.4, 37.5));
            if (to_ends <= d + 0.3) continue;
          }
          EXPECT_EQ(geo::contains(*polygons, lat, lon), *atlas.in_zone("band", lat, lon))
              << to_string(side) << " from " << from_km << " at " << lat << "," << lon
              << " d=" << d;
          ++checked;
        }
      EXPECT_GT(checked, 3000);
    }
  }
}

TEST(Band, AFacingBandTakesTheSideOfItsSite) {
  // The site is east of the meridian: walking north, the right side.
  Scenario s = scenario_with_band(BandSide::facing, 10, 0);
  auto polygons = geo::zone_polygons(s, s.zones[0]);
  ASSERT_TRUE(polygons.has_value());
  EXPECT_TRUE(geo::contains(*polygons, 48.5, lon_at(5)));
  EXPECT_FALSE(geo::contains(*polygons, 48.5, lon_at(-5)));
  // A zone without its width or its line has no polygons.
  s.zones[0].widths.clear();
  EXPECT_FALSE(geo::zone_polygons(s, s.zones[0]).has_value());
  s = scenario_with_band(BandSide::both, 10, 0);
  s.zones[0].along = "missing";
  EXPECT_FALSE(geo::zone_polygons(s, s.zones[0]).has_value());
}

#include "geo/distance.hpp"

#include <gtest/gtest.h>

#include <cmath>

using namespace reassure;

// Reference values: WGS84 meridian arc from the equator to 1°N is 110.574 km; the geodesic
// Kyiv (50.4501, 30.5234) to Lviv (49.8397, 24.0297) is about 470 km.
TEST(Geodesic, KnownDistances) {
  EXPECT_NEAR(geo::distance_km(0, 0, 1, 0), 110.574, 0.001);
  EXPECT_NEAR(geo::distance_km(50.4501, 30.5234, 49.8397, 24.0297), 469.5, 1.5);
  EXPECT_DOUBLE_EQ(geo::distance_km(48, 35, 48, 35), 0.0);
}

TEST(Geodesic, DistanceToASegmentIsTheFootOfThePerpendicular) {
  // A segment along the equator; a point 1° north above its middle is one meridian degree away.
  EXPECT_NEAR(geo::distance_to_segment_km(1, 0.5, 0, 0, 0, 1), 110.574, 0.01);
  // Beyond the segment's end the nearest point is the endpoint.
  EXPECT_NEAR(geo::distance_to_segment_km(0, 3, 0, 0, 0, 1), geo::distance_km(0, 3, 0, 1), 1e-6);
  // On the segment: zero.
  EXPECT_NEAR(geo::distance_to_segment_km(0, 0.25, 0, 0, 0, 1), 0.0, 1e-6);
}

TEST(Geodesic, NeverFartherThanTheNearestVertexAndAgreesWithDenseSampling) {
  // A long north-south segment at 37°E; points west of it at mid-latitudes.
  double lat_a = 47.0, lat_b = 50.0, lon = 37.0;
  for (double lat : {47.5, 48.3, 49.9}) {
    double d = geo::distance_to_segment_km(lat, 35.0, lat_a, lon, lat_b, lon);
    double sampled = 1e9;
    for (int i = 0; i <= 3000; ++i) {
      double t = lat_a + (lat_b - lat_a) * i / 3000.0;  // meridians are geodesics
      sampled = std::min(sampled, geo::distance_km(lat, 35.0, t, lon));
    }
    EXPECT_LE(d, sampled + 1e-6);
    EXPECT_NEAR(d, sampled, 0.01) << lat;
  }
}

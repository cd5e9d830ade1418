// The GeoJSON reader on small texts: what it reads, and every refusal with its line and field.
#include "io/geojson.hpp"

#include <gtest/gtest.h>

#include <string>

using namespace reassure;

namespace {

struct Read {
  std::vector<io::GeoFeature> features;
  std::vector<Diagnostic> problems;
};

Read read(const std::string& text, io::GeoJsonLimits limits = {}) {
  Read r;
  r.features = io::read_geojson(text, "t.geojson", r.problems, limits);
  return r;
}

// The one problem reported, as "line: field: message".
std::string problem(const std::string& text, io::GeoJsonLimits limits = {}) {
  auto r = read(text, limits);
  if (r.problems.size() != 1)
    return "expected one problem, got " + std::to_string(r.problems.size());
  const auto& d = r.problems[0];
  return std::to_string(d.where.line) + ": " + d.field + ": " + d.message;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST(GeoJson, ReadsLinesAndAreasWithHolesAsLatLon) {
  auto r = read(R"({"type": "FeatureCollection", "features": [
    {"type": "Feature", "id": "l", "properties": {"label": "a line", "source": "hand"},
     "geometry": {"type": "MultiLineString", "coordinates": [[[36, 47], [37, 48]], [[30, 50], [31, 51], [32, 52]]]}},
    {"type": "Feature", "properties": {"id": "a"},
     "geometry": {"type": "Polygon", "coordinates": [
       [[30, 50], [31, 50], [31, 51], [30, 51], [30, 50]],
       [[30.4, 50.4], [30.4, 50.6], [30.6, 50.6], [30.6, 50.4], [30.4, 50.4]]]}},
    {"type": "Feature", "geometry": {"type": "MultiPolygon", "coordinates": [
       [[[0, 0], [1, 0], [1, 1], [0, 0]]], [[[5, 5], [6, 5], [6, 6], [5, 5, 100]]]]}}]})");
  ASSERT_TRUE(r.problems.empty()) << r.problems[0].format();
  ASSERT_EQ(r.features.size(), 3u);
  const auto& l = r.features[0];
  EXPECT_EQ(l.id, "l");
  EXPECT_EQ(l.label, "a line");
  EXPECT_EQ(l.source, "hand");
  EXPECT_EQ(l.geometry.kind, Geometry::Kind::line);
  ASSERT_EQ(l.geometry.lines.size(), 2u);
  EXPECT_EQ(l.geometry.lines[0], (std::vector<LatLon>{{47, 36}, {48, 37}}));
  EXPECT_EQ(l.geometry.line_at[1].line, 3);
  const auto& a = r.features[1];
  EXPECT_EQ(a.id, "a") << "an id among the properties";
  EXPECT_EQ(a.geometry.kind, Geometry::Kind::area);
  ASSERT_EQ(a.geometry.polygons.size(), 1u);
  ASSERT_EQ(a.geometry.polygons[0].rings.size(), 2u);
  EXPECT_EQ(a.geometry.polygons[0].rings[0].size(), 4u) << "the closing position is dropped";
  EXPECT_EQ(a.geometry.polygons[0].ring_at[1].line, 7);
  EXPECT_EQ(r.features[2].id, "");
  EXPECT_EQ(r.features[2].geometry.polygons.size(), 2u);
}

TEST(GeoJson, AFeatureOrABareGeometryIsAFileToo) {
  EXPECT_EQ(
      read(
          R"({"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[0, 0], [1, 1]]}})")
          .features.size(),
      1u);
  EXPECT_EQ(read(R"({"type": "LineString", "coordinates": [[0, 0], [1, 1]]})").features.size(), 1u);
}

TEST(GeoJson, NaNInfinityAndNumbersBeyondADoubleAreRefusedWithTheirLine) {
  EXPECT_TRUE(contains(problem("{\"type\": \"LineString\",\n \"coordinates\": [[0, NaN], [1, 1]]}"),
                       "2: : NaN and infinity are not numbers in JSON"));
  EXPECT_TRUE(
      contains(problem("{\"type\": \"LineString\",\n \"coordinates\": [[0, 0], [Infinity, 1]]}"),
               "2: : NaN and infinity"));
  EXPECT_TRUE(
      contains(problem("{\"type\": \"LineString\",\n\n \"coordinates\": [[0, 1e999], [1, 1]]}"),
               "3: : number 1e999 is beyond the range of a double"));
}

TEST(GeoJson, CoordinatesOutOfRangeNameTheirPosition) {
  EXPECT_EQ(problem("{\"type\": \"LineString\", \"coordinates\": [[0, 0],\n [181, 1]]}"),
            "2: coordinates[1][0]: longitude must be between -180 and 180, got 181");
  EXPECT_EQ(problem("{\"type\": \"LineString\", \"coordinates\": [[0, 0],\n [1, -90.5]]}"),
            "2: coordinates[1][1]: latitude must be between -90 and 90, got -90.5");
  EXPECT_TRUE(contains(problem(R"({"type": "LineString", "coordinates": [[0, 0], [1, "1"]]})"),
                       "coordinates[1]: expected a position [longitude, latitude] of numbers"));
}

TEST(GeoJson, RingsMustBeClosedAndLinesLongEnough) {
  EXPECT_TRUE(
      contains(problem(R"({"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1]]]})"),
               "coordinates[0]: the ring is not closed"));
  EXPECT_TRUE(contains(problem(R"({"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [0, 0]]]})"),
                       "a ring needs at least four positions"));
  EXPECT_TRUE(contains(problem(R"({"type": "LineString", "coordinates": [[0, 0]]})"),
                       "a line needs at least two positions"));
}

TEST(GeoJson, UnknownAndUnsupportedTypesAreNamed) {
  EXPECT_TRUE(contains(problem(R"({"type": "Polygone", "coordinates": []})"),
                       "geometry type 'Polygone' is unknown; expected LineString"));
  EXPECT_TRUE(contains(problem(R"({"type": "Point", "coordinates": [0, 0]})"),
                       "'Point' is not a line or an area"));
  EXPECT_TRUE(contains(
      problem(
          R"({"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": {"type": "GeometryCollection", "geometries": []}}]})"),
      "features[0].geometry.type: geometry type 'GeometryCollection' is not supported"));
  EXPECT_TRUE(contains(problem("[1, 2]"), "expected a GeoJSON object"));
}

TEST(GeoJson, NestingAndSizeAreBoundedBeforeAnythingIsBuilt) {
  std::string deep(100'000, '[');  // would overflow a recursive parser's stack
  EXPECT_TRUE(contains(problem(deep), "nested deeper than 16 levels"));
  io::GeoJsonLimits small;
  small.max_points_per_geometry = 3;
  EXPECT_TRUE(contains(
      problem(R"({"type": "LineString", "coordinates": [[0, 0], [1, 1], [2, 2], [3, 3]]})", small),
      "more than 3 positions in one geometry"));
  small.max_points_per_geometry = 100;
  small.max_points_per_file = 5;
  auto r = read(
      R"({"type": "MultiLineString", "coordinates": [[[0, 0], [1, 1], [2, 2]], [[3, 3], [4, 4], [5, 5]]]})",
      small);
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_TRUE(contains(r.problems[0].message, "more than 5 positions in the file"));
  small.max_points_per_file = 1;  // bounds the number of JSON values as well: 4 per position
  std::string many = "[";
  for (int i = 0; i < 150'000; ++i) many += "0,";
  many += "0]";
  EXPECT_TRUE(contains(problem(many, small), "JSON values"));
}

TEST(GeoJson, SyntaxErrorsPointAtTheirLine) {
  EXPECT_TRUE(contains(problem("{\"type\": \"LineString\",\n\n \"coordinates\" [[0, 0], [1, 1]]}"),
                       "3: : JSON syntax"));
}

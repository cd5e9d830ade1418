// GeoJSON (RFC 7946) lines and areas, read from memory with bounded effort: the nesting depth,
// the number of values and the number of positions are capped before anything is built, so a
// hostile file is refused, never a hang or a crash. Every problem names file, line and field.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/geometry.hpp"

namespace reassure::io {

// docs/scenario-format.md, "Limits".
struct GeoJsonLimits {
  std::size_t max_points_per_file = 250'000;
  std::size_t max_points_per_geometry = 250'000;  // per Feature's geometry
  int max_depth = 16;  // a MultiPolygon inside a FeatureCollection needs 8
};

// One Feature (or a bare geometry), its geometry converted to (lat, lon).
struct GeoFeature {
  std::string id;  // the Feature's "id", or its properties' "id"; empty if neither
  std::string label;
  std::string source;
  SourceLocation where;
  std::string field;  // e.g. "features[2]"
  Geometry geometry;  // kind, lines or polygons, and their locations
};

// Reads a FeatureCollection, a Feature or a bare LineString, MultiLineString, Polygon or
// MultiPolygon. Appends a diagnostic for every problem found: JSON syntax, depth and size
// bounds, NaN, infinity and numbers beyond a double, coordinates out of range, unclosed rings,
// rings or lines with too few positions, geometry types that are unknown or not lines and areas.
// Returns the features read without error.
std::vector<GeoFeature> read_geojson(std::string_view text, const std::string& file,
                                     std::vector<Diagnostic>& out,
                                     const GeoJsonLimits& limits = {});

}  // namespace reassure::io

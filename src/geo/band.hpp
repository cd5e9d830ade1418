// Zones as polygons, for maps (the theatre's GeoJSON, docs/theatre.md): a band of a width along
// a line, on both sides or on one, or a ring between two widths. The planners never read these
// polygons (Atlas::in_zone measures geodesic distances); a map draws them. GEOS buffers the line
// in a local azimuthal-equidistant projection (GeographicLib) centred on the line, where
// distances from the centre are true and distances elsewhere are within a fraction of a percent
// over a theatre of a few hundred kilometres (docs/theatre.md, "Accuracy").
#pragma once

#include <optional>
#include <vector>

#include "core/scenario.hpp"

namespace reassure::geo {

// Which part of a band: both sides, or the left or right side walking the line in the order of
// its positions.
enum class BandHalf { both, left, right };

// The points within `km` of the lines (and beyond `from_km` when above 0: a ring), as polygons
// with rings in lat/lon, outer rings counter-clockwise and holes clockwise (RFC 7946), without
// the repeated closing position. Both sides: round ends; one side: the band stops square at
// the line's ends. Parts with fewer than two distinct positions are skipped. Throws
// std::runtime_error if GEOS fails (it does not on valid input).
std::vector<PolygonRings> band_polygons(const std::vector<std::vector<LatLon>>& lines, double km,
                                        double from_km, BandHalf half);

// The zone's polygons: its area's, or its band's (the chosen width; the side facing its site
// decided as Atlas::in_zone decides it). nullopt when the zone misses its geometry, its width or
// its site (the validation reports those).
std::optional<std::vector<PolygonRings>> zone_polygons(const Scenario& scenario, const Zone& zone);

// Geodesic area of polygons on the WGS84 ellipsoid in km² (holes subtracted).
double area_km2(const std::vector<PolygonRings>& polygons);

// Whether a point lies inside the polygons (even-odd rule on lat/lon, for points not on an
// edge): what tests and a map's reader ask.
bool contains(const std::vector<PolygonRings>& polygons, double lat, double lon);

}  // namespace reassure::geo

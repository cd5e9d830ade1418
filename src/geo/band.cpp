#include "geo/band.hpp"

#include <geos_c.h>
#include <GeographicLib/AzimuthalEquidistant.hpp>
#include <GeographicLib/Geodesic.hpp>
#include <GeographicLib/GeodesicLine.hpp>
#include <GeographicLib/PolygonArea.hpp>
#include <algorithm>
#include <cmath>
#include <memory>
#include <stdexcept>
#include <string>

#include "geo/atlas.hpp"

namespace reassure::geo {

namespace {

using GeographicLib::Geodesic;

// Geodesic segments longer than this are cut before projecting: a straight segment in the
// projection then stays within metres of the geodesic it stands for.
constexpr double kDensifyKm = 5;
// Segments per quarter circle of a round end or join: the arc is short of the true circle by
// under 0.2% of the width.
constexpr int kQuadrantSegments = 16;

// One GEOS context per call (the reentrant API): no state shared between threads.
class Geos {
 public:
  Geos() : handle_(GEOS_init_r()) {
    if (!handle_) throw std::runtime_error("GEOS could not start");
    GEOSContext_setErrorMessageHandler_r(handle_, &Geos::on_error, &error_);
  }
  ~Geos() { GEOS_finish_r(handle_); }
  Geos(const Geos&) = delete;
  Geos& operator=(const Geos&) = delete;

  GEOSContextHandle_t handle() const { return handle_; }
  // A geometry GEOS returned, owned; a null one is GEOS's failure, reported with its message.
  struct Deleter {
    GEOSContextHandle_t handle;
    void operator()(GEOSGeometry* g) const { GEOSGeom_destroy_r(handle, g); }
  };
  using Owned = std::unique_ptr<GEOSGeometry, Deleter>;
  Owned own(GEOSGeometry* g, const char* what) const {
    if (!g) throw std::runtime_error(std::string("GEOS failed to ") + what + ": " + error_);
    return Owned(g, Deleter{handle_});
  }

 private:
  static void on_error(const char* message, void* user) {
    *static_cast<std::string*>(user) = message ? message : "";
  }
  GEOSContextHandle_t handle_;
  std::string error_;
};

// The line's positions with a position at least every kDensifyKm along each geodesic segment.
std::vector<LatLon> densified(const std::vector<LatLon>& line) {
  const Geodesic& earth = Geodesic::WGS84();
  std::vector<LatLon> out;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (i > 0) {
      auto [lat1, lon1] = line[i - 1];
      auto [lat2, lon2] = line[i];
      auto segment = earth.InverseLine(lat1, lon1, lat2, lon2);
      int pieces = static_cast<int>(std::ceil(segment.Distance() / 1000 / kDensifyKm));
      for (int k = 1; k < pieces; ++k) {
        double lat = 0, lon = 0;
        segment.Position(segment.Distance() * k / pieces, lat, lon);
        out.emplace_back(lat, lon);
      }
    }
    if (out.empty() || out.back() != line[i]) out.push_back(line[i]);
  }
  return out;
}

// The projection's centre: the middle of the lines' extent. The lines the scenarios hold stay
// within one hemisphere of longitude (validated geometries never cross the antimeridian).
LatLon centre_of(const std::vector<std::vector<LatLon>>& lines) {
  double south = 90, north = -90, west = 180, east = -180;
  for (const auto& line : lines)
    for (auto [lat, lon] : line) {
      south = std::min(south, lat);
      north = std::max(north, lat);
      west = std::min(west, lon);
      east = std::max(east, lon);
    }
  return {(south + north) / 2, (west + east) / 2};
}

struct Projection {
  GeographicLib::AzimuthalEquidistant ae{Geodesic::WGS84()};
  LatLon centre;
  // In km east and north of the centre.
  std::pair<double, double> forward(LatLon p) const {
    double x = 0, y = 0;
    ae.Forward(centre.first, centre.second, p.first, p.second, x, y);
    return {x / 1000, y / 1000};
  }
  LatLon reverse(double x, double y) const {
    double lat = 0, lon = 0;
    ae.Reverse(centre.first, centre.second, x * 1000, y * 1000, lat, lon);
    return {lat, lon};
  }
};

Geos::Owned line_string(const Geos& geos, const Projection& projection,
                        const std::vector<LatLon>& line) {
  auto h = geos.handle();
  GEOSCoordSequence* seq = GEOSCoordSeq_create_r(h, static_cast<unsigned>(line.size()), 2);
  if (!seq) throw std::runtime_error("GEOS could not hold a line");
  for (std::size_t i = 0; i < line.size(); ++i) {
    auto [x, y] = projection.forward(line[i]);
    GEOSCoordSeq_setXY_r(h, seq, static_cast<unsigned>(i), x, y);
  }
  return geos.own(GEOSGeom_createLineString_r(h, seq), "build a line");
}

// The band of one distance: each part buffered, then all united.
Geos::Owned buffer(const Geos& geos, const std::vector<Geos::Owned>& parts, double km,
                   BandHalf half) {
  auto h = geos.handle();
  GEOSBufferParams* p = GEOSBufferParams_create_r(h);
  if (!p) throw std::runtime_error("GEOS could not set a buffer up");
  GEOSBufferParams_setEndCapStyle_r(h, p, GEOSBUF_CAP_ROUND);
  GEOSBufferParams_setJoinStyle_r(h, p, GEOSBUF_JOIN_ROUND);
  GEOSBufferParams_setQuadrantSegments_r(h, p, kQuadrantSegments);
  // GEOS keeps the left side for a positive distance and the right side for a negative one.
  GEOSBufferParams_setSingleSided_r(h, p, half == BandHalf::both ? 0 : 1);
  double distance = half == BandHalf::right ? -km : km;
  std::vector<GEOSGeometry*> pieces;
  try {
    for (const auto& part : parts)
      pieces.push_back(
          geos.own(GEOSBufferWithParams_r(h, part.get(), p, distance), "buffer a line").release());
  } catch (...) {
    for (auto* piece : pieces) GEOSGeom_destroy_r(h, piece);
    GEOSBufferParams_destroy_r(h, p);
    throw;
  }
  GEOSBufferParams_destroy_r(h, p);
  auto collection = geos.own(GEOSGeom_createCollection_r(h, GEOS_GEOMETRYCOLLECTION, pieces.data(),
                                                         static_cast<unsigned>(pieces.size())),
                             "collect the bands");
  return geos.own(GEOSUnaryUnion_r(h, collection.get()), "unite the bands");
}

std::vector<LatLon> ring_of(const Geos& geos, const Projection& projection,
                            const GEOSGeometry* ring, bool counter_clockwise) {
  auto h = geos.handle();
  const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(h, ring);
  unsigned size = 0;
  GEOSCoordSeq_getSize_r(h, seq, &size);
  char ccw = 0;
  GEOSCoordSeq_isCCW_r(h, seq, &ccw);
  std::vector<LatLon> out;
  // The last position repeats the first.
  for (unsigned i = 0; i + 1 < size; ++i) {
    double x = 0, y = 0;
    GEOSCoordSeq_getXY_r(h, seq, i, &x, &y);
    out.push_back(projection.reverse(x, y));
  }
  // The projection keeps orientation, so the planar test decides it.
  if ((ccw != 0) != counter_clockwise) std::reverse(out.begin() + (out.empty() ? 0 : 1), out.end());
  return out;
}

}  // namespace

std::vector<PolygonRings> band_polygons(const std::vector<std::vector<LatLon>>& lines, double km,
                                        double from_km, BandHalf half) {
  std::vector<std::vector<LatLon>> usable;
  for (const auto& line : lines) {
    auto dense = densified(line);
    if (dense.size() >= 2) usable.push_back(std::move(dense));
  }
  if (usable.empty() || !(km > 0) || from_km >= km) return {};
  Geos geos;
  auto h = geos.handle();
  Projection projection{.centre = centre_of(usable)};
  std::vector<Geos::Owned> parts;
  for (const auto& line : usable) parts.push_back(line_string(geos, projection, line));
  auto band = buffer(geos, parts, km, half);
  if (from_km > 0)
    band = geos.own(GEOSDifference_r(h, band.get(), buffer(geos, parts, from_km, half).get()),
                    "cut the ring");
  std::vector<PolygonRings> out;
  int count = GEOSGetNumGeometries_r(h, band.get());
  for (int i = 0; i < count; ++i) {
    const GEOSGeometry* polygon = GEOSGetGeometryN_r(h, band.get(), i);
    if (GEOSGeomTypeId_r(h, polygon) != GEOS_POLYGON || GEOSisEmpty_r(h, polygon)) continue;
    PolygonRings rings;
    rings.rings.push_back(ring_of(geos, projection, GEOSGetExteriorRing_r(h, polygon), true));
    int holes = GEOSGetNumInteriorRings_r(h, polygon);
    for (int k = 0; k < holes; ++k)
      rings.rings.push_back(
          ring_of(geos, projection, GEOSGetInteriorRingN_r(h, polygon, k), false));
    out.push_back(std::move(rings));
  }
  return out;
}

std::optional<std::vector<PolygonRings>> zone_polygons(const Scenario& scenario, const Zone& zone) {
  auto geometry = std::find_if(
      scenario.geometries.begin(), scenario.geometries.end(),
      [&](const Geometry& g) { return g.id == (zone.area.empty() ? zone.along : zone.area); });
  if (geometry == scenario.geometries.end()) return std::nullopt;
  if (!zone.area.empty()) {
    if (geometry->kind != Geometry::Kind::area) return std::nullopt;
    return geometry->polygons;
  }
  const ZoneWidth* width = zone.chosen_width();
  if (!width || geometry->kind != Geometry::Kind::line) return std::nullopt;
  BandHalf half = BandHalf::both;
  switch (zone.side) {
    case BandSide::both:
      break;
    case BandSide::left:
      half = BandHalf::left;
      break;
    case BandSide::right:
      half = BandHalf::right;
      break;
    case BandSide::facing: {
      auto site = std::find_if(scenario.sites.begin(), scenario.sites.end(),
                               [&](const Site& s) { return s.id == zone.facing; });
      if (site == scenario.sites.end()) return std::nullopt;
      ShapeSet shapes({*geometry});
      Side side = shapes.find(geometry->id)->side(site->lat, site->lon);
      // A site on the line faces both sides, as in_zone counts a point on the line in either.
      half = side == Side::left    ? BandHalf::left
             : side == Side::right ? BandHalf::right
                                   : BandHalf::both;
      break;
    }
  }
  return band_polygons(geometry->lines, width->km, width->from_km, half);
}

double area_km2(const std::vector<PolygonRings>& polygons) {
  double total = 0;
  for (const auto& polygon : polygons)
    for (std::size_t r = 0; r < polygon.rings.size(); ++r) {
      GeographicLib::PolygonArea ring(Geodesic::WGS84());
      for (auto [lat, lon] : polygon.rings[r]) ring.AddPoint(lat, lon);
      double perimeter = 0, area = 0;
      ring.Compute(false, true, perimeter, area);
      total += (r == 0 ? 1 : -1) * std::abs(area) / 1e6;
    }
  return total;
}

bool contains(const std::vector<PolygonRings>& polygons, double lat, double lon) {
  bool inside = false;
  for (const auto& polygon : polygons)
    for (const auto& ring : polygon.rings)
      for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
        auto [lat_i, lon_i] = ring[i];
        auto [lat_j, lon_j] = ring[j];
        if ((lat_i > lat) != (lat_j > lat) &&
            lon < (lon_j - lon_i) * (lat - lat_i) / (lat_j - lat_i) + lon_i)
          inside = !inside;
      }
  return inside;
}

}  // namespace reassure::geo

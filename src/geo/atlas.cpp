#include "geo/atlas.hpp"

#include <s2/mutable_s2shape_index.h>
#include <s2/s2closest_edge_query.h>
#include <s2/s2contains_point_query.h>
#include <s2/s2earth.h>
#include <s2/s2edge_distances.h>
#include <s2/s2error.h>
#include <s2/s2latlng.h>
#include <s2/s2loop.h>
#include <s2/s2polygon.h>
#include <s2/s2polyline.h>
#include <s2/s2predicates.h>

#include <cmath>
#include <functional>
#include <limits>

#include "geo/distance.hpp"

namespace reassure::geo {

namespace {

// S2's vector comparison is ambiguous under C++20's reversed operators (clang warns): compare
// the coordinates.
bool same(const S2Point& a, const S2Point& b) {
  return a.x() == b.x() && a.y() == b.y() && a.z() == b.z();
}

S2Point point(double lat, double lon) {
  return S2LatLng::FromDegrees(lat, lon).Normalized().ToPoint();
}

// Positions as S2 points, without repeated neighbours (S2 refuses a zero-length edge, and a
// repeated position adds nothing to a line or a ring).
std::vector<S2Point> points(const std::vector<LatLon>& positions) {
  std::vector<S2Point> out;
  out.reserve(positions.size());
  for (auto [lat, lon] : positions) {
    S2Point p = point(lat, lon);
    if (out.empty() || !same(out.back(), p)) out.push_back(p);
  }
  return out;
}

// A ring's distinct corners (a repeat of the first at the end closes nothing new).
std::vector<S2Point> corners(const std::vector<LatLon>& ring) {
  auto vertices = points(ring);
  if (vertices.size() > 1 && same(vertices.front(), vertices.back())) vertices.pop_back();
  return vertices;
}

std::unique_ptr<S2Loop> loop(const std::vector<LatLon>& ring) {
  auto vertices = corners(ring);
  auto result = std::make_unique<S2Loop>(vertices, S2Debug::DISABLE);
  // Rings may come in either orientation (RFC 7946 asks for counter-clockwise outer rings, older
  // files do not follow it): a ring bounds the smaller of the two regions it separates.
  result->Normalize();
  return result;
}

// The sphere S2 measures on has radius R = S2Earth's 6,371.01 km; the ellipsoid's radii of
// curvature lie between M_min = a(1-e²) = 6,335.44 km and N_max = a/√(1-e²) = 6,399.59 km. With
// the same latitude and longitude on both, any curve's ellipsoidal length over its spherical
// length lies between M_min/R and N_max/R, and so does the ratio of geodesic distances. An
// edge is a great-circle arc on the sphere and a geodesic on the ellipsoid: the two part by a
// few metres on a 100 km edge, covered by the slack.
constexpr double kMinRatio = 6335.44 / 6371.01;
constexpr double kMaxRatio = 6399.59 / 6371.01;
constexpr double kSlackKm = 0.05;
constexpr double kOnLineKm = 0.001;

}  // namespace

struct Shape::Impl {
  const Geometry* geometry = nullptr;
  std::vector<std::unique_ptr<S2Polyline>> lines;
  std::vector<std::vector<S2Point>> line_points;  // per index shape id, for sides
  std::unique_ptr<S2Polygon> polygon;
  MutableS2ShapeIndex index;

  // The geodesic distance to one indexed edge, or a lower bound of it when that is already no
  // better than `best`: every point X of edge AB has PX ≥ (PA + PB − AB) / 2.
  double edge_km(const S2Point& x, int shape_id, int edge_id, double best) const {
    auto edge = index.shape(shape_id)->edge(edge_id);
    S2LatLng p(x), a(edge.v0), b(edge.v1);
    double pa = geo::distance_km(p.lat().degrees(), p.lng().degrees(), a.lat().degrees(),
                                 a.lng().degrees());
    double pb = geo::distance_km(p.lat().degrees(), p.lng().degrees(), b.lat().degrees(),
                                 b.lng().degrees());
    double ab = S2Earth::ToKm(S1Angle(edge.v0, edge.v1)) * kMaxRatio + kSlackKm;
    double bound = (pa + pb - ab) / 2;
    if (bound >= best) return bound;
    return distance_to_segment_km(p.lat().degrees(), p.lng().degrees(), a.lat().degrees(),
                                  a.lng().degrees(), b.lat().degrees(), b.lng().degrees());
  }
};

Shape::Shape(const Geometry& geometry) : impl_(std::make_unique<Impl>()) {
  impl_->geometry = &geometry;
  if (geometry.kind == Geometry::Kind::line) {
    for (const auto& part : geometry.lines) {
      auto vertices = points(part);
      if (vertices.size() < 2) continue;  // validate_geometries reports it
      impl_->lines.push_back(std::make_unique<S2Polyline>(vertices, S2Debug::DISABLE));
      impl_->line_points.push_back(std::move(vertices));
      impl_->index.Add(std::make_unique<S2Polyline::Shape>(impl_->lines.back().get()));
    }
  } else {
    std::vector<std::unique_ptr<S2Loop>> loops;
    for (const auto& polygon : geometry.polygons)
      for (const auto& ring : polygon.rings)
        if (corners(ring).size() >= 3) loops.push_back(loop(ring));  // else reported as invalid
    impl_->polygon = std::make_unique<S2Polygon>();
    impl_->polygon->set_s2debug_override(S2Debug::DISABLE);
    impl_->polygon->InitNested(std::move(loops));
    impl_->index.Add(std::make_unique<S2Polygon::Shape>(impl_->polygon.get()));
  }
}

Shape::~Shape() = default;
Shape::Shape(Shape&&) noexcept = default;
Shape& Shape::operator=(Shape&&) noexcept = default;

const Geometry& Shape::geometry() const {
  return *impl_->geometry;
}

double Shape::distance_km(double lat, double lon) const {
  S2Point x = point(lat, lon);
  S2ClosestEdgeQuery query(&impl_->index);
  S2ClosestEdgeQuery::PointTarget target(x);
  auto nearest = query.FindClosestEdge(&target);
  if (nearest.is_empty()) return std::numeric_limits<double>::infinity();
  if (nearest.is_interior()) return 0;
  // The nearest edge on the sphere need not be the nearest on the ellipsoid: every edge that
  // could be is a candidate, nearest on the sphere first. A candidate is measured exactly only
  // if a cheap lower bound (from the distances to its ends and its length) could beat the best
  // so far, and the scan stops once no farther edge can.
  double sphere_km = S2Earth::ToKm(nearest.distance());
  query.mutable_options()->set_include_interiors(false);
  query.mutable_options()->set_max_distance(
      S2Earth::KmToAngle(sphere_km * kMaxRatio / kMinRatio + 2 * kSlackKm));
  double best = std::numeric_limits<double>::infinity();
  for (const auto& result : query.FindClosestEdges(&target)) {
    if (S2Earth::ToKm(result.distance()) * kMinRatio - kSlackKm >= best) break;
    best = std::min(best, impl_->edge_km(x, result.shape_id(), result.edge_id(), best));
  }
  return best;
}

bool Shape::contains(double lat, double lon) const {
  if (!impl_->polygon) return false;
  auto query = MakeS2ContainsPointQuery(&impl_->index);
  return query.Contains(point(lat, lon));
}

namespace {
// The side of p at vertex v of the path u → v → w: left inside the wedge swept
// counter-clockwise from v→w to v→u.
Side wedge_side(const S2Point& u, const S2Point& v, const S2Point& w, const S2Point& p) {
  if (same(p, v)) return Side::on;
  return s2pred::OrderedCCW(w, p, u, v) ? Side::left : Side::right;
}
}  // namespace

Side Shape::side(double lat, double lon) const {
  if (impl_->lines.empty()) return Side::on;
  S2Point p = point(lat, lon);
  S2ClosestEdgeQuery query(&impl_->index);
  S2ClosestEdgeQuery::PointTarget target(p);
  auto nearest = query.FindClosestEdge(&target);
  if (nearest.is_empty()) return Side::on;
  const auto& v = impl_->line_points[std::size_t(nearest.shape_id())];
  std::size_t i = std::size_t(nearest.edge_id());
  const S2Point &a = v[i], &b = v[i + 1];
  // When the nearest point of the edge is one of its ends, the neighbouring edge decides too.
  double to_edge = S2::GetDistance(p, a, b).radians();
  constexpr double kSame = 1e-15;
  if (i > 0 && to_edge >= S1Angle(p, a).radians() - kSame) return wedge_side(v[i - 1], a, b, p);
  if (i + 2 < v.size() && to_edge >= S1Angle(p, b).radians() - kSame)
    return wedge_side(a, b, v[i + 2], p);
  int sign = s2pred::Sign(a, b, p);
  return sign > 0 ? Side::left : sign < 0 ? Side::right : Side::on;
}

std::vector<Diagnostic> validate_geometries(const Scenario& scenario) {
  std::vector<Diagnostic> out;
  for (const auto& g : scenario.geometries) {
    std::string field = "geometries[" + g.id + "]";
    auto where = [&](const std::vector<SourceLocation>& at, std::size_t i) {
      return i < at.size() ? at[i] : g.where;
    };
    if (g.kind == Geometry::Kind::line) {
      for (std::size_t k = 0; k < g.lines.size(); ++k) {
        auto vertices = points(g.lines[k]);
        if (vertices.size() < 2) {
          out.push_back({where(g.line_at, k), field,
                         "line " + std::to_string(k) + " has fewer than two distinct positions"});
          continue;
        }
        S2Polyline line(vertices, S2Debug::DISABLE);
        S2Error error;
        if (line.FindValidationError(&error))
          out.push_back({where(g.line_at, k), field,
                         "line " + std::to_string(k) + " is not valid: " + error.text()});
      }
      continue;
    }
    bool rings_valid = true;
    for (const auto& polygon : g.polygons)
      for (std::size_t r = 0; r < polygon.rings.size(); ++r) {
        if (corners(polygon.rings[r]).size() < 3) {
          out.push_back({where(polygon.ring_at, r), field,
                         "ring " + std::to_string(r) + " has fewer than three distinct corners"});
          rings_valid = false;
          continue;
        }
        auto ring = loop(polygon.rings[r]);
        S2Error error;
        if (ring->FindValidationError(&error)) {
          out.push_back({where(polygon.ring_at, r), field,
                         "ring " + std::to_string(r) + " is not valid (" + error.text() +
                             "; edge i joins the ring's distinct positions i and i+1, from 0)"});
          rings_valid = false;
        }
      }
    if (!rings_valid) continue;
    // Rings one by one are sound; together they must not cross (holes inside their polygon,
    // polygons of a MultiPolygon apart).
    S2Polygon whole;
    whole.set_s2debug_override(S2Debug::DISABLE);
    std::vector<std::unique_ptr<S2Loop>> loops;
    for (const auto& polygon : g.polygons)
      for (const auto& ring : polygon.rings) loops.push_back(loop(ring));
    whole.InitNested(std::move(loops));
    S2Error error;
    if (whole.FindValidationError(&error))
      out.push_back(
          {g.polygons.empty() || g.polygons[0].ring_at.empty() ? g.where : g.polygons[0].ring_at[0],
           field, "the rings cross or overlap one another: " + error.text()});
  }
  return out;
}

ShapeSet::ShapeSet(std::vector<Geometry> geometries) : geometries_(std::move(geometries)) {
  // The shapes point into geometries_, which no longer changes.
  for (const auto& g : geometries_) shapes_.emplace(g.id, Shape(g));
}

const Shape* ShapeSet::find(const std::string& geometry) const {
  auto it = shapes_.find(geometry);
  return it == shapes_.end() ? nullptr : &it->second;
}

std::optional<double> ShapeSet::distance_km(const std::string& geometry, double lat,
                                            double lon) const {
  const Shape* shape = find(geometry);
  if (!shape) return std::nullopt;
  auto key = std::tuple(geometry, lat, lon);
  {
    std::lock_guard lock(measured_mutex_);
    if (auto it = measured_.find(key); it != measured_.end()) return it->second;
  }
  double km = shape->distance_km(lat, lon);
  std::lock_guard lock(measured_mutex_);
  measured_.emplace(key, km);
  return km;
}

namespace {
// What the shapes are built from: ids, kinds and positions (labels and sources do not count).
bool same_shapes(const std::vector<Geometry>& a, const std::vector<Geometry>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].id != b[i].id || a[i].kind != b[i].kind || a[i].lines != b[i].lines ||
        a[i].polygons.size() != b[i].polygons.size())
      return false;
    for (std::size_t k = 0; k < a[i].polygons.size(); ++k)
      if (a[i].polygons[k].rings != b[i].polygons[k].rings) return false;
  }
  return true;
}

// A hash of what same_shapes compares, to find a candidate set without comparing every position.
std::size_t content_key(const std::vector<Geometry>& geometries) {
  std::size_t key = geometries.size();
  auto mix = [&](std::size_t value) {
    key ^= value + 0x9e3779b97f4a7c15ULL + (key << 6) + (key >> 2);
  };
  auto positions = [&](const std::vector<LatLon>& part) {
    mix(part.size());
    for (auto [lat, lon] : part) {
      mix(std::hash<double>{}(lat));
      mix(std::hash<double>{}(lon));
    }
  };
  for (const auto& g : geometries) {
    mix(std::hash<std::string>{}(g.id));
    mix(std::size_t(g.kind));
    for (const auto& line : g.lines) positions(line);
    for (const auto& polygon : g.polygons)
      for (const auto& ring : polygon.rings) positions(ring);
  }
  return key;
}
}  // namespace

std::shared_ptr<const ShapeSet> ShapeLibrary::shapes_of(const std::vector<Geometry>& geometries) {
  std::size_t key = content_key(geometries);
  // Built under the lock: two threads asking for the same new set index it once.
  std::lock_guard lock(mutex_);
  for (const auto& entry : sets_)
    if (entry.key == key && same_shapes(entry.shapes->geometries(), geometries))
      return entry.shapes;
  sets_.push_back({key, std::make_shared<const ShapeSet>(geometries)});
  return sets_.back().shapes;
}

std::size_t ShapeLibrary::sets_built() const {
  std::lock_guard lock(mutex_);
  return sets_.size();
}

Atlas::Atlas(const Scenario& scenario, ShapeLibrary* library)
    : sites_(scenario.sites, &Site::id),
      zones_(scenario.zones, &Zone::id),
      shapes_(library ? library->shapes_of(scenario.geometries)
                      : std::make_shared<const ShapeSet>(scenario.geometries)) {}

const Shape* Atlas::shape(const std::string& geometry) const {
  return shapes_->find(geometry);
}

std::optional<double> Atlas::distance_km(const std::string& from, double lat, double lon) const {
  if (auto km = shapes_->distance_km(from, lat, lon)) return km;
  if (const Site* site = sites_.find(from)) return geo::distance_km(site->lat, site->lon, lat, lon);
  return std::nullopt;
}

std::optional<bool> Atlas::in_zone(const std::string& zone_id, double lat, double lon) const {
  const Zone* zone = zones_.find(zone_id);
  if (!zone) return std::nullopt;
  if (!zone->area.empty()) {
    const Shape* area = shape(zone->area);
    if (!area) return std::nullopt;
    return area->contains(lat, lon);
  }
  const Shape* line = shape(zone->along);
  const ZoneWidth* width = zone->chosen_width();
  if (!line || !width) return std::nullopt;
  double distance = *shapes_->distance_km(zone->along, lat, lon);
  // A ring excludes its inner edge, so that rings of one line (0-10, 10-20 km) never overlap.
  if (distance > width->km || (width->from_km > 0 && distance <= width->from_km)) return false;
  // A point within a metre of the line is on it, on both sides (a computed side would be noise).
  Side side = distance < kOnLineKm ? Side::on : line->side(lat, lon);
  switch (zone->side) {
    case BandSide::both:
      return true;
    case BandSide::left:
      return side != Side::right;
    case BandSide::right:
      return side != Side::left;
    case BandSide::facing: {
      const Site* facing = sites_.find(zone->facing);
      if (!facing) return std::nullopt;
      Side wanted = line->side(facing->lat, facing->lon);
      return side == Side::on || side == wanted;
    }
  }
  return std::nullopt;
}

}  // namespace reassure::geo

// The scenario's named geometries and zones, indexed for the questions planners and monitors
// ask of a place: how far is it from a line or area, is it inside an area or a zone, which side
// of a line is it on. S2 indexes the geometries and finds the nearest edges and the containing
// polygons; GeographicLib measures the geodesic distance to the few nearest edges on the WGS84
// ellipsoid (docs/models/geometry.md).
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "core/scenario.hpp"

namespace reassure::geo {

enum class Side { left, right, on };  // walking a line in the order of its positions

// One named geometry, indexed.
class Shape {
 public:
  explicit Shape(const Geometry& geometry);
  ~Shape();
  Shape(Shape&&) noexcept;
  Shape& operator=(Shape&&) noexcept;

  const Geometry& geometry() const;
  // Geodesic distance on the WGS84 ellipsoid from the point to the nearest point of the
  // geometry, in km; 0 inside an area; +infinity for a geometry without a usable part.
  double distance_km(double lat, double lon) const;
  // Whether an area contains the point (S2's semi-open model: a point on an edge shared by two
  // areas belongs to exactly one). Always false for a line.
  bool contains(double lat, double lon) const;
  // The side of a line the point lies on, at the line's nearest point: at a vertex, the side of
  // the wedge the two edges make; beyond an end, the side of the end edge's great circle.
  // Side::on for a point on the line or for an area.
  Side side(double lat, double lon) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// What S2 finds wrong with the scenario's geometries: rings that cross themselves or each other,
// rings and lines without enough distinct positions, antipodal neighbours. Each names the file,
// the line of the ring or line, and the geometry.
std::vector<Diagnostic> validate_geometries(const Scenario& scenario);

// One set of named geometries, indexed. It keeps its own copy of the geometries, so that every
// scenario with the same geometries (the base and the variants that leave them alone) can
// share it, and it remembers the distances it measured: a site that every variant asks about
// is measured once (the geodesic search along a long line is the costly part).
class ShapeSet {
 public:
  explicit ShapeSet(std::vector<Geometry> geometries);
  ShapeSet(const ShapeSet&) = delete;
  ShapeSet& operator=(const ShapeSet&) = delete;

  const Shape* find(const std::string& geometry) const;
  const std::vector<Geometry>& geometries() const { return geometries_; }
  // Shape::distance_km of the named geometry, measured once per point; nullopt if no such
  // geometry. Safe to call from several threads.
  std::optional<double> distance_km(const std::string& geometry, double lat, double lon) const;

 private:
  std::vector<Geometry> geometries_;
  std::map<std::string, Shape> shapes_;
  mutable std::mutex measured_mutex_;
  mutable std::map<std::tuple<std::string, double, double>, double> measured_;
};

// The shape sets built so far, found by content: asked for a scenario's geometries, it gives
// the set built for the same geometries (ids, kinds and positions) if there is one, and builds
// it otherwise. Indexing a long line is the costly part of measuring distances; one library
// for a run indexes each distinct set of geometries once, however many variants it plans.
// Plans on several threads may share one library (the engine's loaded scenario does).
class ShapeLibrary {
 public:
  std::shared_ptr<const ShapeSet> shapes_of(const std::vector<Geometry>& geometries);
  std::size_t sets_built() const;

 private:
  struct Entry {
    std::size_t key;  // content_key of the geometries
    std::shared_ptr<const ShapeSet> shapes;
  };
  mutable std::mutex mutex_;
  std::vector<Entry> sets_;
};

// The scenario's geometries, indexed once (or taken from a library); zones and distances from
// geometries or sites.
class Atlas {
 public:
  explicit Atlas(const Scenario& scenario, ShapeLibrary* library = nullptr);

  const Shape* shape(const std::string& geometry) const;
  // Distance in km from a named geometry, or else from a site; nullopt if neither exists.
  std::optional<double> distance_km(const std::string& from, double lat, double lon) const;
  // Whether the zone holds the point; nullopt if the zone, its geometry, its width or the point
  // it faces is missing (the validation reports those).
  std::optional<bool> in_zone(const std::string& zone, double lat, double lon) const;

 private:
  RecordIndex<Site> sites_;
  RecordIndex<Zone> zones_;
  std::shared_ptr<const ShapeSet> shapes_;
};

}  // namespace reassure::geo

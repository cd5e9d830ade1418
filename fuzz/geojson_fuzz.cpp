// The bytes are a GeoJSON file, read from memory by the scenario's GeoJSON reader with small
// bounds; every line and area read is then validated and queried through S2 as a scenario
// geometry would be (distance, containment, side, and a band zone along lines), whether or not
// the validation accepted it: the loader builds the same indexes before it reports.
//
// A crash, a sanitizer finding, a hang, an exception escaping, or a diagnostic that names no
// file and line is a bug.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "geo/atlas.hpp"
#include "io/geojson.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace reassure;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  io::GeoJsonLimits limits;
  limits.max_points_per_file = 2000;  // keeps each run short; the bounds themselves are tested
  limits.max_points_per_geometry = 1000;
  std::vector<Diagnostic> problems;
  auto features = io::read_geojson(text, "fuzz.geojson", problems, limits);
  for (const auto& d : problems)
    if (d.where.file.empty() || d.where.line < 1) __builtin_trap();
  Scenario s;
  Site site;
  site.id = "site", site.lat = 48.5, site.lon = 30.5;
  s.sites.push_back(site);
  for (std::size_t i = 0; i < features.size(); ++i) {
    Geometry g = features[i].geometry;
    g.id = "g" + std::to_string(i);
    s.geometries.push_back(g);
    if (g.kind == Geometry::Kind::line) {
      Zone z;
      z.id = "z" + std::to_string(i);
      z.along = g.id;
      z.side = BandSide::facing;
      z.facing = "site";
      ZoneWidth w;
      w.id = "w", w.km = 50;
      z.widths.push_back(w);
      s.zones.push_back(z);
    }
  }
  for (const auto& d : geo::validate_geometries(s))
    if (d.where.file.empty()) __builtin_trap();
  geo::Atlas atlas(s);
  for (const auto& g : s.geometries) {
    const geo::Shape* shape = atlas.shape(g.id);
    for (auto [lat, lon] : {std::pair{48.5, 30.5}, {-89.9, 179.9}, {0.0, 0.0}}) {
      double d = shape->distance_km(lat, lon);
      if (d < 0) __builtin_trap();
      static_cast<void>(shape->contains(lat, lon));
      static_cast<void>(shape->side(lat, lon));
    }
  }
  for (const auto& z : s.zones) static_cast<void>(atlas.in_zone(z.id, 10, 20));
  return 0;
}

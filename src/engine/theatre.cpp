// The theatre's GeoJSON (engine.hpp, docs/theatre.md): what a map or a GIS program draws of a
// scenario. Zones are drawn, never measured, from these polygons; the planners measure geodesic
// distances (geo::Atlas).
#include <cmath>

#include "core/scenario.hpp"
#include "engine/engine.hpp"
#include "geo/band.hpp"

namespace reassure::engine {

namespace {

using nlohmann::json;

// A millionth of a degree is about 0.1 m: finer digits are noise in a file for maps.
double rounded(double degrees) {
  return std::round(degrees * 1e6) / 1e6;
}

json position(LatLon p) {
  return json::array({rounded(p.second), rounded(p.first)});
}

// Twice the signed area of a ring in degrees (positive: counter-clockwise), enough to orient it.
double signed_area(const std::vector<LatLon>& ring) {
  double sum = 0;
  for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++)
    sum += (ring[j].second - ring[i].second) * (ring[j].first + ring[i].first);
  return sum;
}

// A ring closed as GeoJSON closes it, counter-clockwise when outer and clockwise when a hole
// (RFC 7946 §3.1.6), whichever way the file gave it.
json ring_json(const std::vector<LatLon>& ring, bool outer) {
  json out = json::array();
  bool ccw = signed_area(ring) > 0;
  if (ccw == outer)
    for (const auto& p : ring) out.push_back(position(p));
  else
    for (auto it = ring.rbegin(); it != ring.rend(); ++it) out.push_back(position(*it));
  if (!ring.empty()) out.push_back(out.front());
  return out;
}

json polygons_json(const std::vector<PolygonRings>& polygons) {
  if (polygons.empty()) return nullptr;
  json parts = json::array();
  for (const auto& polygon : polygons) {
    json rings = json::array();
    for (std::size_t r = 0; r < polygon.rings.size(); ++r)
      rings.push_back(ring_json(polygon.rings[r], r == 0));
    parts.push_back(std::move(rings));
  }
  if (parts.size() == 1) return {{"type", "Polygon"}, {"coordinates", parts[0]}};
  return {{"type", "MultiPolygon"}, {"coordinates", std::move(parts)}};
}

json lines_json(const std::vector<std::vector<LatLon>>& lines) {
  json parts = json::array();
  for (const auto& line : lines) {
    json positions = json::array();
    for (const auto& p : line) positions.push_back(position(p));
    parts.push_back(std::move(positions));
  }
  if (parts.empty()) return nullptr;
  if (parts.size() == 1) return {{"type", "LineString"}, {"coordinates", parts[0]}};
  return {{"type", "MultiLineString"}, {"coordinates", std::move(parts)}};
}

json text_or_null(const std::string& text) {
  return text.empty() ? json(nullptr) : json(text);
}

json feature(const std::string& kind, const std::string& id, json geometry, json properties) {
  properties["id"] = id;
  properties["kind"] = kind;
  return {{"type", "Feature"},
          {"id", kind + ":" + id},
          {"geometry", std::move(geometry)},
          {"properties", std::move(properties)}};
}

// One line per agreement entry, in the file's order: "UA from 2026-06-01: tanks max 0, ...".
std::string limits_summary(const Zone& zone) {
  std::string out;
  for (const auto& limit : zone.limits) {
    if (!out.empty()) out += "; ";
    out += limit.party + " from " + limit.from.iso();
    if (limit.until) out += " to " + limit.until->iso();
    std::string items;
    auto add = [&](const std::string& item) { items += (items.empty() ? "" : ", ") + item; };
    if (limit.personnel) add("personnel max " + std::to_string(*limit.personnel));
    for (const auto& unit : limit.units)
      add(unit.capability + " units max " + std::to_string(unit.max));
    for (const auto& weapon : limit.weapons) {
      std::string item = weapon.weapon_class;
      if (weapon.min_calibre_mm) {
        std::string mm = std::to_string(*weapon.min_calibre_mm);
        mm.erase(mm.find_last_not_of('0') + 1);
        if (!mm.empty() && mm.back() == '.') mm.pop_back();
        item += " from " + mm + " mm";
      }
      add(item + " max " + std::to_string(weapon.max));
    }
    out += ": " + (items.empty() ? std::string("no limit set") : items);
  }
  return out;
}

json theatre_geojson(const Scenario& scenario, const std::string& variant,
                     const std::vector<Variant>& variants) {
  json features = json::array();
  // Drawing order: areas, then zones over them, then lines, then sites on top.
  for (auto kind : {Geometry::Kind::area, Geometry::Kind::line}) {
    if (kind == Geometry::Kind::line)
      for (const auto& zone : scenario.zones) {
        auto polygons = geo::zone_polygons(scenario, zone);
        const ZoneWidth* width = zone.area.empty() ? zone.chosen_width() : nullptr;
        json properties{{"label", zone.label},
                        {"source", text_or_null(zone.source)},
                        {"basis", to_string(zone.basis)},
                        {"note", text_or_null(zone.note)},
                        {"area", text_or_null(zone.area)},
                        {"along", text_or_null(zone.along)},
                        {"side", zone.area.empty() ? json(to_string(zone.side)) : json(nullptr)},
                        {"facing", text_or_null(zone.facing)},
                        {"width", width ? json(width->id) : json(nullptr)},
                        {"width_km", width ? json(width->km) : json(nullptr)},
                        {"from_km", width ? json(width->from_km) : json(nullptr)},
                        {"width_source", width ? text_or_null(width->source) : json(nullptr)},
                        {"width_basis", width ? json(to_string(width->basis)) : json(nullptr)},
                        {"widths", zone.widths.size()},
                        {"limits", text_or_null(limits_summary(zone))}};
        features.push_back(feature("zone", zone.id, polygons ? polygons_json(*polygons) : nullptr,
                                   std::move(properties)));
      }
    for (const auto& g : scenario.geometries) {
      if (g.kind != kind) continue;
      json properties{{"label", text_or_null(g.label)},
                      {"source", text_or_null(g.source)},
                      {"basis", to_string(g.basis)},
                      {"note", text_or_null(g.note)},
                      {"file", text_or_null(g.file)}};
      features.push_back(
          feature(kind == Geometry::Kind::line ? "line" : "area", g.id,
                  kind == Geometry::Kind::line ? lines_json(g.lines) : polygons_json(g.polygons),
                  std::move(properties)));
    }
  }
  for (const auto& site : scenario.sites) {
    json properties{{"label", site.name},
                    {"source", text_or_null(site.source)},
                    {"basis", nullptr},
                    {"note", text_or_null(site.note)},
                    {"site_kind", site.kind},
                    {"country", site.country},
                    {"administered_by", text_or_null(site.administered_by)}};
    features.push_back(feature("site", site.id,
                               {{"type", "Point"}, {"coordinates", position({site.lat, site.lon})}},
                               std::move(properties)));
  }
  // The scenario's variants, for a map that offers them (the dashboard's Force view).
  json offered = json::array({{{"name", "base"}, {"description", "the scenario as it stands"}}});
  for (const auto& v : variants)
    offered.push_back({{"name", v.name}, {"description", v.description}});
  // `name` is the layer's name in GDAL and QGIS; the other foreign members say what it is of.
  return {{"type", "FeatureCollection"},
          {"name", scenario.name + (variant == "base" ? "" : " (" + variant + ")")},
          {"scenario", scenario.name},
          {"variant", variant},
          {"variants", std::move(offered)},
          {"features", std::move(features)}};
}

}  // namespace

TheatreResult theatre(const Loaded& loaded, const std::string& variant) {
  TheatreResult result;
  if (auto problem = check_variant(loaded.scenario, variant)) {
    result.problems.push_back(*problem);
    return result;
  }
  result.geojson =
      theatre_geojson(apply_variant(loaded.scenario, variant), variant, loaded.scenario.variants);
  return result;
}

TheatreResult theatre(const Loaded& loaded, const std::string& variant, const Viewer& viewer) {
  if (!may_see(loaded, viewer)) return {};
  return theatre(loaded, variant);
}

json to_json(const TheatreResult& result) {
  if (!result.geojson) return to_json(result.problems);
  json out = *result.geojson;
  out["schema_version"] = kSchemaVersion;
  out["problems"] = to_json(result.problems)["problems"];
  return out;
}

}  // namespace reassure::engine

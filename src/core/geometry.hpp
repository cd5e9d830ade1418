// Named geometries (lines and areas read from GeoJSON), the zones built from them, the parties
// to the agreements that set limits inside zones, and the geometric caveats of nations and
// pledges. Plain data: io fills it, geo indexes it, the planners and monitoring read it.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/date.hpp"
#include "core/diagnostic.hpp"
#include "core/provenance.hpp"

namespace reassure {

// (latitude, longitude) in WGS84 decimal degrees. GeoJSON files say [longitude, latitude]; the
// reader swaps them once, so that everything inside the program reads like sites.yaml.
using LatLon = std::pair<double, double>;

// One GeoJSON Polygon: its outer ring, then its holes. Rings are stored without the repeated
// closing position.
struct PolygonRings {
  std::vector<std::vector<LatLon>> rings;
  std::vector<SourceLocation> ring_at;  // where each ring stands in its file
};

struct Geometry : Located {
  enum class Kind { line, area };
  std::string id;
  Kind kind = Kind::line;
  std::vector<std::vector<LatLon>> lines;  // Kind::line: LineString parts
  std::vector<SourceLocation> line_at;     // where each part stands in its file
  std::vector<PolygonRings> polygons;      // Kind::area: Polygon parts (with holes)
  std::string label;
  std::string source;
  Basis basis = Basis::assumption;
  std::string note;
  std::string file;  // the GeoJSON file it was read from
};

// Which side of a line a band covers, walking the line in the order of its positions.
enum class BandSide { both, left, right, facing };
std::string to_string(BandSide side);
std::optional<BandSide> band_side_from_string(const std::string& text);

// One sourced value of a zone's width: sources disagree, so every value is kept and the
// scenario (or a variant) chooses one by id.
struct ZoneWidth : Located {
  std::string id;
  double km = 0;       // how far the band reaches from the line, on each covered side
  double from_km = 0;  // where it begins: 0 at the line; more for a ring (from_km, km]
  std::optional<Date> date;
  Basis basis = Basis::assumption;
  std::string source;
  std::string note;
};

struct UnitLimit {
  std::string capability;
  long long max = 0;  // units
  SourceLocation where;
};

// A class of weapons (e.g. "artillery", "tanks", "mlrs"), optionally only from a calibre up.
struct WeaponLimit {
  std::string weapon_class;
  std::optional<double> min_calibre_mm;  // counts weapons of this calibre and above
  long long max = 0;                     // weapons
  SourceLocation where;
};

// What an agreement allows one party inside a zone, from a date (until another date or a later
// agreement that sets the same item).
struct ZoneLimit : Located {
  std::string party;  // a nation code or a declared party id
  Date from;
  std::optional<Date> until;  // last day in force; none: until replaced
  std::string agreement;
  Basis basis = Basis::assumption;
  std::string source;
  std::optional<long long> personnel;  // persons
  std::vector<UnitLimit> units;
  std::vector<WeaponLimit> weapons;
};

// An area: a polygon geometry, or a band along a line geometry.
struct Zone : Located {
  std::string id;
  std::string label;
  std::string area;   // a polygon geometry id (or empty)
  std::string along;  // a line geometry id (or empty)
  BandSide side = BandSide::both;
  std::string facing;  // site id when side is `facing`
  std::vector<ZoneWidth> widths;
  std::string width;  // the chosen width id; empty: the only one
  std::vector<ZoneLimit> limits;
  Basis basis = Basis::assumption;
  std::string source;
  std::string note;

  // The width in force: the chosen one, or the only one; nullptr if neither.
  const ZoneWidth* chosen_width() const;
};

// A party to an agreement that is not (only) a nation, e.g. "armed formations".
struct Party : Located {
  std::string id;
  std::string name;
  std::vector<std::string> nations;  // nations it stands for, if any
  std::string source;
};

// A distance caveat: the site must lie at least min_km and at most max_km from a named geometry
// (or site).
struct DistanceCaveat {
  std::string from;
  std::optional<double> min_km;
  std::optional<double> max_km;
  SourceLocation where;
};

// The geometry id the `contact_line:` file is loaded as, and that `min_distance_km` measures from.
inline const std::string kContactLine = "contact-line";

}  // namespace reassure

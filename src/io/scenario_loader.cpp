#include "io/scenario_loader.hpp"

#include "io/geojson.hpp"
#include "io/text_file.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <type_traits>

namespace reassure::io {

namespace fs = std::filesystem;

namespace {

// A YAML mapping being read: knows its file and dotted path, records a diagnostic for every
// missing, mistyped or out-of-range field, and for every key it was not asked about.
class Record {
 public:
  Record(YAML::Node node, std::string file, std::string path, std::vector<Diagnostic>& out)
      : node_(std::move(node)), file_(std::move(file)), path_(std::move(path)), out_(out) {
    // yaml-cpp keeps the first of two equal keys; a hand-edited file must not lose the other.
    if (!node_.IsMap()) return;
    std::set<std::string> seen;
    for (const auto& entry : node_) {
      auto key = entry.first.as<std::string>("");
      if (!seen.insert(key).second)
        out_.push_back({location(entry.first), join(key), "duplicate key '" + key + "'"});
    }
  }

  ~Record() {
    if (!node_.IsMap()) return;
    for (const auto& entry : node_) {
      auto key = entry.first.as<std::string>("");
      if (!asked_.count(key))
        out_.push_back({location(entry.first), join(key), "unknown key '" + key + "'"});
    }
  }

  bool is_map() const { return node_.IsMap(); }
  SourceLocation where() const { return location(node_); }
  const std::string& path() const { return path_; }
  const std::string& file() const { return file_; }

  bool has(const std::string& key) {
    asked_.insert(key);
    const YAML::Node& n = node_;
    return n.IsMap() && n[key] && !n[key].IsNull();
  }
  YAML::Node child(const std::string& key) {
    asked_.insert(key);
    const YAML::Node& n = node_;
    return n[key];
  }
  SourceLocation where(const std::string& key) {
    asked_.insert(key);
    const YAML::Node& n = node_;
    auto c = n[key];
    return c ? location(c) : where();
  }
  std::string join(const std::string& key) const { return path_.empty() ? key : path_ + "." + key; }

  void error(const std::string& key, const std::string& message) {
    out_.push_back({where(key), join(key), message});
  }

  std::string text(const std::string& key, bool required, Located* into = nullptr) {
    if (!has(key)) {
      if (required) error(key, "is required");
      return {};
    }
    auto node = child(key);
    if (into) into->fields[key] = location(node);
    if (!node.IsScalar()) {
      error(key, "expected a text value");
      return {};
    }
    if (required && node.Scalar().empty()) error(key, "is required (the value is empty)");
    return node.Scalar();
  }

  // A whole number (T = long long) or a number (T = double) within [min, max].
  template <typename T>
  std::optional<T> bounded(const std::string& key, bool required, T min, T max, Located* into) {
    auto raw = text(key, required, into);
    if (raw.empty()) return std::nullopt;
    constexpr bool whole = std::is_integral_v<T>;
    T value{};
    std::size_t used = 0;
    try {
      if constexpr (whole)
        value = std::stoll(raw, &used);
      else
        value = std::stod(raw, &used);
    } catch (...) {
      used = 0;
    }
    if (used != raw.size() || used == 0) {
      error(key, std::string(whole ? "expected a whole number" : "expected a number") + ", got '" +
                     raw + "'");
      return std::nullopt;
    }
    if (value < min || value > max) {
      std::ostringstream range;
      range << "must be between " << min << " and " << max << ", got " << raw;
      error(key, range.str());
      return std::nullopt;
    }
    return value;
  }

  std::optional<long long> integer(const std::string& key, bool required, long long min,
                                   long long max, Located* into = nullptr) {
    return bounded<long long>(key, required, min, max, into);
  }

  std::optional<double> number(const std::string& key, bool required, double min, double max,
                               Located* into = nullptr) {
    return bounded<double>(key, required, min, max, into);
  }

  std::optional<bool> boolean(const std::string& key, Located* into = nullptr) {
    auto raw = text(key, false, into);
    if (raw.empty()) return std::nullopt;
    if (raw == "true" || raw == "yes") return true;
    if (raw == "false" || raw == "no") return false;
    error(key, "expected true or false, got '" + raw + "'");
    return std::nullopt;
  }

  std::optional<Date> date(const std::string& key, bool required, Located* into = nullptr) {
    auto raw = text(key, required, into);
    if (raw.empty()) return std::nullopt;
    auto parsed = Date::parse(raw);
    if (!parsed) {
      error(key, "expected a date YYYY-MM-DD, got '" + raw + "'");
      return std::nullopt;
    }
    if (parsed->iso() < "2000-01-01" || parsed->iso() > "2100-12-31") {
      error(key, "date " + raw + " is out of range (2000-01-01 to 2100-12-31)");
      return std::nullopt;
    }
    return parsed;
  }

  // A list of text values, each with where it stands (to point at one bad entry).
  std::vector<std::pair<std::string, SourceLocation>> located_texts(const std::string& key,
                                                                    Located* into = nullptr) {
    std::vector<std::pair<std::string, SourceLocation>> values;
    if (!has(key)) return values;
    auto node = child(key);
    if (into) into->fields[key] = location(node);
    if (!node.IsSequence()) {
      error(key, "expected a list");
      return values;
    }
    for (std::size_t i = 0; i < node.size(); ++i) {
      if (!node[i].IsScalar()) {
        out_.push_back({location(node[i]), join(key) + "[" + std::to_string(i) + "]",
                        "expected a text value"});
        continue;
      }
      values.emplace_back(node[i].Scalar(), location(node[i]));
    }
    return values;
  }

  std::vector<std::string> texts(const std::string& key, Located* into = nullptr) {
    std::vector<std::string> values;
    for (auto& [value, where] : located_texts(key, into)) values.push_back(value);
    return values;
  }

  void error_at(const SourceLocation& where, const std::string& key, const std::string& message) {
    out_.push_back({where, join(key), message});
  }

  template <typename Enum>
  std::optional<Enum> choice(const std::string& key, bool required,
                             std::optional<Enum> (*parse)(const std::string&),
                             const std::string& allowed, Located* into = nullptr) {
    auto raw = text(key, required, into);
    if (raw.empty()) return std::nullopt;
    auto value = parse(raw);
    if (!value) error(key, "unknown value '" + raw + "' (expected one of: " + allowed + ")");
    return value;
  }

  SourceLocation location(const YAML::Node& node) const {
    auto mark = node.Mark();
    if (mark.is_null()) return {file_, 0, 0};
    return {file_, mark.line + 1, mark.column + 1};
  }

 private:
  YAML::Node node_;
  std::string file_;
  std::string path_;
  std::vector<Diagnostic>& out_;
  std::set<std::string> asked_;
};

const std::string kPositions =
    "committed, conditional, monitoring-only, support-only, undecided, declined, undisclosed, "
    "host, backstop-unclear, opposed, non-participant";
const std::string kDomains = "land, sea, air, monitoring, training, logistics, enablers";
const std::string kBases = "reported, estimate, assumption, inferred";
const char* const kSiteKinds[] = {"hq",          "hub",           "airbase",
                                  "port",        "training-area", "monitoring-post",
                                  "airlift-hub", "rail-crossing"};
std::string join_kinds() {
  std::string out;
  for (const char* kind : kSiteKinds) out += (out.empty() ? "" : ", ") + std::string(kind);
  return out;
}

// A `geometries:` record, before its file is read.
struct GeometryRef : Located {
  std::string id, file, feature, label, source, note;
  std::string path;  // the record's field path, e.g. "geometries[2]"; "contact_line" for it
  Basis basis = Basis::assumption;
};

class Loader {
 public:
  explicit Loader(std::vector<Diagnostic>& out) : out_(out) {}

  // Calls read(record, index) for every mapping in the list under `key`.
  template <typename Read>
  void each(Record& parent, const std::string& key, Read read) {
    if (!parent.has(key)) return;
    auto list = parent.child(key);
    if (!list.IsSequence()) {
      parent.error(key, "expected a list");
      return;
    }
    for (std::size_t i = 0; i < list.size(); ++i) {
      Record item(list[i], parent.file(), parent.join(key) + "[" + std::to_string(i) + "]", out_);
      if (!item.is_map()) {
        out_.push_back({item.where(), item.path(), "expected a mapping of keys to values"});
        continue;
      }
      read(item);
    }
  }

  Caveats caveats(Record& parent, Located& owner) {
    Caveats c;
    if (!parent.has("caveats")) return c;
    owner.fields["caveats"] = parent.where("caveats");
    Record r(parent.child("caveats"), parent.file(), parent.join("caveats"), out_);
    if (!r.is_map()) {
      parent.error("caveats", "expected a mapping of caveats");
      return c;
    }
    c.min_distance_km = r.number("min_distance_km", false, 0, 5000, &owner);
    for (const auto& [d, where] : r.located_texts("domains", &owner)) {
      if (auto domain = domain_from_string(d))
        c.domains.push_back(*domain);
      else
        r.error_at(where, "domains",
                   "unknown domain '" + d + "' (expected one of: " + kDomains + ")");
    }
    c.countries = r.texts("countries", &owner);
    c.exclude_countries = r.texts("exclude_countries", &owner);
    c.conditions = r.texts("conditions", &owner);
    geometric_caveats(r, owner, c);
    return c;
  }

  // distance, zones, exclude_zones, sites (docs/scenario-format.md, "Geometric caveats").
  void geometric_caveats(Record& r, Located& owner, Caveats& c) {
    each(r, "distance", [&](Record& d) {
      DistanceCaveat caveat;
      caveat.where = d.where();
      caveat.from = d.text("from", true);
      caveat.min_km = d.number("min_km", false, 0, 20050, nullptr);
      caveat.max_km = d.number("max_km", false, 0, 20050, nullptr);
      if (!caveat.min_km && !caveat.max_km)
        d.error("min_km", "a distance caveat needs min_km, max_km or both");
      else if (caveat.min_km && caveat.max_km && *caveat.min_km > *caveat.max_km)
        d.error("max_km", "max_km is below min_km: no site could satisfy the caveat");
      c.distances.push_back(std::move(caveat));
    });
    if (r.has("distance")) owner.fields["distance"] = r.where("distance");
    c.zones = r.texts("zones", &owner);
    c.exclude_zones = r.texts("exclude_zones", &owner);
    c.sites = r.texts("sites", &owner);
  }

  Statement statement(Record& r) {
    Statement s;
    s.where = r.where();
    if (auto d = r.date("date", true, &s)) s.date = *d;
    if (auto p = r.choice<Position>("position", true, position_from_string, kPositions, &s))
      s.position = *p;
    s.summary = r.text("summary", true, &s);
    s.source = r.text("source", true, &s);
    s.doubtful_source = r.boolean("doubtful", &s).value_or(false);
    return s;
  }

  Pledge pledge(Record& r) {
    Pledge p;
    p.where = r.where();
    p.id = r.text("id", true, &p);
    p.nation = r.text("nation", true, &p);
    p.capability = r.text("capability", true, &p);
    p.quantity = int(r.integer("quantity", true, 1, 100000, &p).value_or(0));
    p.available_from = int(r.integer("available_from", false, 1, 1000, &p).value_or(1));
    p.readiness_days = int(r.integer("readiness_days", false, 0, 3650, &p).value_or(30));
    p.recovery_rotations = int(r.integer("recovery_rotations", false, 0, 100, &p).value_or(2));
    p.caveats = caveats(r, p);
    p.basis =
        r.choice<Basis>("basis", false, basis_from_string, kBases, &p).value_or(Basis::assumption);
    p.note = r.text("note", false, &p);
    p.source = r.text("source", false, &p);
    return p;
  }

  void lists(Record& top, Scenario& s) {
    each(top, "nations", [&](Record& r) {
      Nation n;
      n.where = r.where();
      n.code = r.text("code", true, &n);
      n.name = r.text("name", true, &n);
      n.participant = r.boolean("participant", &n).value_or(false);
      n.role = r.text("role", false, &n);
      n.membership_source = r.text("membership_source", false, &n);
      n.caveats = caveats(r, n);
      each(r, "statements", [&](Record& sr) { n.statements.push_back(statement(sr)); });
      std::stable_sort(n.statements.begin(), n.statements.end(),
                       [](const Statement& a, const Statement& b) { return a.date < b.date; });
      s.nations.push_back(std::move(n));
    });
    each(top, "undisclosed_commitments", [&](Record& r) {
      UndisclosedCommitment u;
      u.where = r.where();
      u.id = r.text("id", true, &u);
      if (auto d = r.date("date", true, &u)) u.date = *d;
      u.position = r.choice<Position>("position", false, position_from_string, kPositions, &u)
                       .value_or(Position::committed);
      u.summary = r.text("summary", true, &u);
      u.source = r.text("source", true, &u);
      s.undisclosed.push_back(std::move(u));
    });
    each(top, "capabilities", [&](Record& r) {
      Capability c;
      c.where = r.where();
      c.id = r.text("id", true, &c);
      c.name = r.text("name", false, &c);
      if (auto d = r.choice<Domain>("domain", true, domain_from_string, kDomains, &c))
        c.domain = *d;
      c.personnel = int(r.integer("personnel", true, 1, 100000, &c).value_or(0));
      c.description = r.text("description", false, &c);
      c.basis = r.choice<Basis>("basis", false, basis_from_string, kBases, &c)
                    .value_or(Basis::assumption);
      c.source = r.text("source", false, &c);
      s.capabilities.push_back(std::move(c));
    });
    each(top, "sites", [&](Record& r) {
      Site site;
      site.where = r.where();
      site.id = r.text("id", true, &site);
      site.name = r.text("name", false, &site);
      site.country = r.text("country", true, &site);
      site.lat = r.number("lat", true, -90, 90, &site).value_or(0);
      site.lon = r.number("lon", true, -180, 180, &site).value_or(0);
      site.kind = r.text("kind", false, &site);
      site.source = r.text("source", false, &site);
      site.note = r.text("note", false, &site);
      if (!site.kind.empty() &&
          !std::count(std::begin(kSiteKinds), std::end(kSiteKinds), site.kind))
        r.error("kind",
                "unknown site kind '" + site.kind + "' (expected one of: " + join_kinds() + ")");
      s.sites.push_back(std::move(site));
    });
    each(top, "requirements", [&](Record& r) {
      Requirement q;
      q.where = r.where();
      q.id = r.text("id", true, &q);
      q.capability = r.text("capability", true, &q);
      q.quantity = int(r.integer("quantity", true, 1, 100000, &q).value_or(0));
      q.site = r.text("site", true, &q);
      q.first_rotation = int(r.integer("from_rotation", false, 1, 1000, &q).value_or(1));
      if (auto last = r.integer("to_rotation", false, 1, 1000, &q)) q.last_rotation = int(*last);
      q.priority = int(r.integer("priority", false, 1, 5, &q).value_or(3));
      if (auto days = r.integer("max_readiness_days", false, 0, 3650, &q))
        q.max_readiness_days = int(*days);
      q.basis = r.choice<Basis>("basis", false, basis_from_string, kBases, &q)
                    .value_or(Basis::assumption);
      q.note = r.text("note", false, &q);
      q.source = r.text("source", false, &q);
      s.requirements.push_back(std::move(q));
    });
    each(top, "pledges", [&](Record& r) { s.pledges.push_back(pledge(r)); });
    each(top, "conditions", [&](Record& r) {
      Condition c;
      c.where = r.where();
      c.id = r.text("id", true, &c);
      c.description = r.text("description", false, &c);
      c.holds = r.boolean("holds", &c).value_or(true);
      c.basis = r.choice<Basis>("basis", false, basis_from_string, kBases, &c)
                    .value_or(Basis::assumption);
      c.source = r.text("source", false, &c);
      c.note = r.text("note", false, &c);
      s.conditions.push_back(std::move(c));
    });
    each(top, "variants", [&](Record& r) { s.variants.push_back(variant(r)); });
    each(top, "geometries", [&](Record& r) { geometry_refs.push_back(geometry_ref(r)); });
    each(top, "zones", [&](Record& r) { s.zones.push_back(zone(r)); });
    each(top, "parties", [&](Record& r) {
      Party p;
      p.where = r.where();
      p.id = r.text("id", true, &p);
      p.name = r.text("name", false, &p);
      p.nations = r.texts("nations", &p);
      p.source = r.text("source", false, &p);
      s.parties.push_back(std::move(p));
    });
  }

  // Geometry records are read with their files once every YAML file is in (see load_scenario).
  std::vector<GeometryRef> geometry_refs;

  GeometryRef geometry_ref(Record& r) {
    GeometryRef g;
    g.where = r.where();
    g.path = r.path();
    g.id = r.text("id", false, &g);
    g.file = r.text("file", true, &g);
    g.feature = r.text("feature", false, &g);
    g.label = r.text("label", false, &g);
    g.source = r.text("source", false, &g);
    g.basis =
        r.choice<Basis>("basis", false, basis_from_string, kBases, &g).value_or(Basis::assumption);
    g.note = r.text("note", false, &g);
    return g;
  }

  Zone zone(Record& r) {
    Zone z;
    z.where = r.where();
    z.id = r.text("id", true, &z);
    z.label = r.text("label", false, &z);
    z.area = r.text("area", false, &z);
    z.along = r.text("along", false, &z);
    z.side =
        r.choice<BandSide>("side", false, band_side_from_string, "both, left, right, facing", &z)
            .value_or(BandSide::both);
    z.facing = r.text("facing", false, &z);
    each(r, "widths", [&](Record& w) {
      ZoneWidth width;
      width.where = w.where();
      width.id = w.text("id", true, &width);
      width.km = w.number("km", true, 0, 5000, &width).value_or(0);
      width.date = w.date("date", false, &width);
      width.basis = w.choice<Basis>("basis", false, basis_from_string, kBases, &width)
                        .value_or(Basis::assumption);
      width.source = w.text("source", false, &width);
      width.note = w.text("note", false, &width);
      z.widths.push_back(std::move(width));
    });
    if (r.has("widths")) z.fields["widths"] = r.where("widths");
    z.width = r.text("width", false, &z);
    each(r, "limits", [&](Record& l) { z.limits.push_back(zone_limit(l)); });
    z.basis =
        r.choice<Basis>("basis", false, basis_from_string, kBases, &z).value_or(Basis::assumption);
    z.source = r.text("source", false, &z);
    z.note = r.text("note", false, &z);
    return z;
  }

  ZoneLimit zone_limit(Record& r) {
    ZoneLimit l;
    l.where = r.where();
    l.party = r.text("party", true, &l);
    if (auto d = r.date("from", true, &l)) l.from = *d;
    l.until = r.date("until", false, &l);
    l.agreement = r.text("agreement", false, &l);
    l.basis =
        r.choice<Basis>("basis", false, basis_from_string, kBases, &l).value_or(Basis::assumption);
    l.source = r.text("source", false, &l);
    l.personnel = r.integer("personnel", false, 0, 10'000'000, &l);
    each(r, "units", [&](Record& u) {
      UnitLimit unit;
      unit.where = u.where();
      unit.capability = u.text("capability", true);
      unit.max = u.integer("max", true, 0, 100000).value_or(0);
      l.units.push_back(std::move(unit));
    });
    each(r, "weapons", [&](Record& w) {
      WeaponLimit weapon;
      weapon.where = w.where();
      weapon.weapon_class = w.text("class", true);
      weapon.min_calibre_mm = w.number("min_calibre_mm", false, 0, 2000, nullptr);
      weapon.max = w.integer("max", true, 0, 1'000'000).value_or(0);
      l.weapons.push_back(std::move(weapon));
    });
    return l;
  }

  Variant variant(Record& r) {
    Variant v;
    v.where = r.where();
    v.name = r.text("name", true, &v);
    v.description = r.text("description", false, &v);
    if (r.has("conditions")) {
      auto node = r.child("conditions");
      v.fields["conditions"] = r.where("conditions");
      if (!node.IsMap()) {
        r.error("conditions", "expected a mapping of condition id to true/false");
      } else {
        Record conditions(node, r.file(), r.join("conditions"), out_);
        for (const auto& entry : node) {
          auto id = entry.first.as<std::string>("");
          v.fields["conditions." + id] = conditions.location(entry.first);
          if (auto holds = conditions.boolean(id)) v.conditions[id] = *holds;
        }
      }
    }
    if (auto rotations = r.integer("rotations", false, 1, 100, &v)) v.rotations = int(*rotations);
    v.as_of = r.date("as_of", false, &v);
    v.remove_nations = r.texts("remove_nations", &v);
    each(r, "statements", [&](Record& sr) {
      auto nation = sr.text("nation", true);
      Statement s = statement(sr);
      s.fields["nation"] = sr.where("nation");
      v.statements.emplace_back(nation, s);
    });
    each(r, "pledges", [&](Record& pr) { v.pledges.push_back(pledge(pr)); });
    if (r.has("zone_widths")) {
      auto node = r.child("zone_widths");
      v.fields["zone_widths"] = r.where("zone_widths");
      if (!node.IsMap()) {
        r.error("zone_widths", "expected a mapping of zone id to width id");
      } else {
        Record widths(node, r.file(), r.join("zone_widths"), out_);
        for (const auto& entry : node) {
          auto zone = entry.first.as<std::string>("");
          v.fields["zone_widths." + zone] = widths.location(entry.first);
          v.zone_widths[zone] = widths.text(zone, true);
        }
      }
    }
    return v;
  }

 private:
  std::vector<Diagnostic>& out_;
};

std::optional<YAML::Node> parse_yaml(const fs::path& path, const ReadLimits& limits,
                                     std::vector<Diagnostic>& out,
                                     const SourceLocation& referenced_from,
                                     const std::string& field) {
  std::string text;
  try {
    text = read_text_file(path, limits, referenced_from, field);
  } catch (const ScenarioError& e) {
    out.insert(out.end(), e.diagnostics().begin(), e.diagnostics().end());
    return std::nullopt;
  }
  try {
    return YAML::Load(text);
  } catch (const YAML::ParserException& e) {
    out.push_back(
        {{path.string(), e.mark.line + 1, e.mark.column + 1}, "", "YAML syntax: " + e.msg, true});
    return std::nullopt;
  }
}

// One geometry from the features a record selects: all of them, or those with the record's
// `feature` id. Their parts are put together; lines and areas do not mix.
std::optional<Geometry> assemble(const GeometryRef& ref, const std::string& id,
                                 const std::vector<const io::GeoFeature*>& features,
                                 std::vector<Diagnostic>& out) {
  Geometry g;
  static_cast<Located&>(g) = ref;
  g.id = id;
  g.label = ref.label;
  g.source = ref.source;
  g.basis = ref.basis;
  g.note = ref.note;
  for (std::size_t i = 0; i < features.size(); ++i) {
    const io::GeoFeature& f = *features[i];
    if (i == 0) g.kind = f.geometry.kind;
    if (f.geometry.kind != g.kind) {
      out.push_back(
          {f.where, f.field, "geometry '" + id + "' mixes lines and areas; give each its own id"});
      return std::nullopt;
    }
    if (g.label.empty()) g.label = f.label;
    if (g.source.empty()) g.source = f.source;
    g.file = f.geometry.file;
    g.lines.insert(g.lines.end(), f.geometry.lines.begin(), f.geometry.lines.end());
    g.line_at.insert(g.line_at.end(), f.geometry.line_at.begin(), f.geometry.line_at.end());
    g.polygons.insert(g.polygons.end(), f.geometry.polygons.begin(), f.geometry.polygons.end());
  }
  return g;
}

// Reads the GeoJSON files the geometry records name (each file once) and turns them into the
// scenario's named geometries.
void load_geometries(const std::vector<GeometryRef>& refs, const fs::path& dir,
                     const ReadLimits& limits, Scenario& s, std::vector<Diagnostic>& out) {
  std::map<std::string, std::optional<std::vector<io::GeoFeature>>> files;
  for (const auto& ref : refs) {
    if (ref.file.empty()) continue;  // reported as required
    bool first = !files.count(ref.file);
    auto& features = files[ref.file];
    std::string field = ref.path == "contact_line" ? ref.path : ref.path + ".file";
    if (first) {
      try {
        std::string path = (dir / ref.file).string();
        std::string text = read_text_file(path, limits, ref.at("file"), field);
        std::size_t before = out.size();
        auto read = io::read_geojson(text, path, out);
        if (out.size() == before) features = std::move(read);
      } catch (const ScenarioError& e) {
        out.insert(out.end(), e.diagnostics().begin(), e.diagnostics().end());
      }
    }
    if (!features) continue;  // the file's problems are reported
    std::vector<const io::GeoFeature*> chosen;
    for (const auto& f : *features)
      if (ref.feature.empty() || f.id == ref.feature) chosen.push_back(&f);
    if (chosen.empty()) {
      out.push_back({ref.at(ref.feature.empty() ? "file" : "feature"),
                     ref.path + (ref.feature.empty() ? ".file" : ".feature"),
                     ref.feature.empty()
                         ? "the file holds no line or area"
                         : "no feature with id '" + ref.feature + "' in " + ref.file});
      continue;
    }
    if (!ref.id.empty() || !ref.feature.empty()) {
      if (auto g = assemble(ref, ref.id.empty() ? ref.feature : ref.id, chosen, out))
        s.geometries.push_back(std::move(*g));
      continue;
    }
    // No id: every feature is a geometry named by its own id.
    for (const io::GeoFeature* f : chosen) {
      if (f->id.empty()) {
        out.push_back({f->where, f->field,
                       "a feature without an \"id\" (or properties.id), in a file that " +
                           ref.path + " reads without an id of its own"});
        continue;
      }
      if (auto g = assemble(ref, f->id, {f}, out)) s.geometries.push_back(std::move(*g));
    }
  }
}

}  // namespace

Scenario load_scenario(const std::string& path) {
  std::vector<Diagnostic> problems;
  Scenario s = load_scenario(path, problems);
  if (!problems.empty()) throw ScenarioError(problems);
  return s;
}

Scenario load_scenario(const std::string& path, std::vector<Diagnostic>& out) {
  Scenario s;
  s.file = path;
  fs::path dir = fs::path(path).parent_path();
  // Includes and the line of contact must stay inside the scenario's folder.
  ReadLimits limits;
  limits.root = dir.empty() ? fs::path(".") : dir;
  auto root = parse_yaml(path, ReadLimits{limits.max_file_bytes, {}}, out, {path, 0, 0}, "");
  if (!root) return s;
  Loader loader(out);
  {
    Record top(*root, path, "", out);
    if (!top.is_map()) {
      out.push_back({top.where(), "", "a scenario file must be a mapping of sections"});
      return s;
    }
    if (top.has("scenario")) {
      Record r(top.child("scenario"), path, "scenario", out);
      s.name = r.text("name", true);
      s.description = r.text("description", false);
      if (auto d = r.date("as_of", true)) s.as_of = *d;
    } else {
      top.error("scenario", "is required (name, description, as_of)");
    }
    if (top.has("mission")) {
      Record r(top.child("mission"), path, "mission", out);
      s.mission.where = r.where();
      if (auto d = r.date("start", true, &s.mission)) s.mission.start = *d;
      s.mission.rotation_months =
          int(r.integer("rotation_months", false, 1, 60, &s.mission).value_or(6));
      s.mission.rotations = int(r.integer("rotations", false, 1, 100, &s.mission).value_or(2));
    } else {
      top.error("mission", "is required (start, rotation_months, rotations)");
    }
    loader.lists(top, s);
    auto includes = top.located_texts("include");
    auto contact = top.text("contact_line", false);
    auto contact_at = top.where("contact_line");
    for (const auto& [name, include_at] : includes) {
      auto file = (dir / name).string();
      auto node = parse_yaml(file, limits, out, include_at, "include");
      if (!node) continue;
      Record included(*node, file, "", out);
      if (!included.is_map()) {
        out.push_back({included.where(), "", "an included file must be a mapping of sections"});
        continue;
      }
      loader.lists(included, s);
    }
    if (!contact.empty()) {
      // The contact line is the geometry named contact-line (docs/scenario-format.md).
      GeometryRef line;
      line.where = contact_at;
      line.fields["file"] = contact_at;
      line.id = kContactLine;
      line.file = contact;
      line.path = "contact_line";
      loader.geometry_refs.insert(loader.geometry_refs.begin(), line);
    }
    load_geometries(loader.geometry_refs, dir, limits, s, out);
  }
  return s;
}

}  // namespace reassure::io

#include "io/scenario_loader.hpp"

#include "io/geojson.hpp"
#include "io/limits.hpp"
#include "io/number.hpp"
#include "io/text_file.hpp"
#include "io/yaml_shape.hpp"

#include "core/releasability.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <tuple>
#include <type_traits>
#include <unordered_map>

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
    // One pass builds the index every lookup uses: yaml-cpp's own lookup scans the mapping
    // and converts each key, which made a large scenario slow to read.
    for (const auto& entry : node_) {
      auto key = entry.first.as<std::string>("");
      keys_.emplace_back(key, entry.first);
      if (!entries_.emplace(key, entry.second).second)
        out_.push_back(
            {location(entry.first), join(field_of(key)), "duplicate key " + excerpt(key)});
      if (key.size() > limits::kMaxShortText)
        out_.push_back({location(entry.first), join(field_of(key)),
                        "a key of " + std::to_string(key.size()) +
                            " bytes, more than the limit of " +
                            std::to_string(limits::kMaxShortText)});
    }
  }

  ~Record() {
    for (const auto& [key, node] : keys_)
      if (!asked_.count(key))
        out_.push_back({location(node), join(field_of(key)), "unknown key " + excerpt(key)});
  }

  // A key as the field of a message: a key too long to be one is not repeated in full.
  static std::string field_of(const std::string& key) {
    return key.size() <= limits::kMaxShortText ? key : "<long key>";
  }

  bool is_map() const { return node_.IsMap(); }
  const YAML::Node& node() const { return node_; }
  SourceLocation where() const { return location(node_); }
  const std::string& path() const { return path_; }
  const std::string& file() const { return file_; }

  // The key is present, even with no value: a present key must hold a valid value.
  bool has(const std::string& key) {
    asked_.insert(key);
    return entries_.count(key) > 0;
  }
  YAML::Node child(const std::string& key) {
    asked_.insert(key);
    auto it = entries_.find(key);
    return it == entries_.end() ? YAML::Node(YAML::NodeType::Undefined) : it->second;
  }
  // Where the key's value stands; for a key with no value, where the key stands (yaml-cpp
  // marks an empty value at the next line).
  SourceLocation where(const std::string& key) {
    asked_.insert(key);
    auto it = entries_.find(key);
    if (it == entries_.end()) return where();
    if (it->second.IsNull())
      for (const auto& [name, node] : keys_)
        if (name == key) return location(node);
    return location(it->second);
  }
  std::string join(const std::string& key) const { return path_.empty() ? key : path_ + "." + key; }

  void error(const std::string& key, const std::string& message) {
    out_.push_back({where(key), join(key), message});
  }

  // The text of a present key, or nullopt (absent, or in error: reported). A key with no
  // value (null, ~ or nothing) is an error, never a silent default; so is a value longer than
  // the limit of its kind (io/limits.hpp) or one that is not UTF-8 once unescaped.
  std::optional<std::string> scalar(const std::string& key, bool required, Located* into) {
    if (!has(key)) {
      if (required) error(key, "is required");
      return std::nullopt;
    }
    auto node = child(key);
    if (into) into->fields[key] = where(key);
    if (node.IsNull()) {
      error(key,
            "has no value (null, ~ or nothing after the colon): give a value or remove the "
            "key");
      return std::nullopt;
    }
    if (!node.IsScalar()) {
      error(key, "expected a text value");
      return std::nullopt;
    }
    if (!acceptable_text(location(node), key, node.Scalar(), limit_for(key))) return std::nullopt;
    return node.Scalar();
  }

  std::string text(const std::string& key, bool required, Located* into = nullptr) {
    auto value = scalar(key, required, into);
    if (value && required && value->empty()) error(key, "is required (the value is empty)");
    return value.value_or("");
  }

  // Descriptions, summaries, notes, sources and roles are free text; every other text value is
  // an id, a code, a name or a word, and much shorter.
  static std::size_t limit_for(const std::string& key) {
    static const std::set<std::string> free_text = {"description", "summary", "note",
                                                    "source",      "role",    "membership_source"};
    return free_text.count(key) ? limits::kMaxLongText : limits::kMaxShortText;
  }

  bool acceptable_text(const SourceLocation& where, const std::string& key,
                       const std::string& value, std::size_t limit) {
    if (value.size() > limit) {
      error_at(where, key,
               "is " + std::to_string(value.size()) + " bytes long, more than the limit of " +
                   std::to_string(limit) + " (" + excerpt(value) + ")");
      return false;
    }
    // An escape in a quoted value (a lone UTF-16 surrogate) can make text that is not UTF-8.
    if (invalid_utf8_at(value) != std::string_view::npos) {
      error_at(where, key, "is not valid UTF-8 text (check its escapes)");
      return false;
    }
    return true;
  }

  // A whole number (T = long long) or a number (T = double) within [min, max].
  template <typename T>
  std::optional<T> bounded(const std::string& key, bool required, T min, T max, Located* into) {
    auto raw = scalar(key, required, into);
    if (!raw) return std::nullopt;
    constexpr bool whole = std::is_integral_v<T>;
    std::optional<T> parsed;
    if constexpr (whole)
      parsed = parse_whole_number(*raw);
    else
      parsed = parse_decimal_number(*raw);
    if (!parsed) {
      error(key, std::string(whole ? "expected a whole number" : "expected a number") + ", got " +
                     excerpt(*raw) + " (decimal digits only: no NaN, infinity or hex)");
      return std::nullopt;
    }
    T value = *parsed;
    if (value < min || value > max) {
      std::ostringstream range;
      range << "must be between " << min << " and " << max << ", got " << *raw;
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
    auto raw = scalar(key, false, into);
    if (!raw) return std::nullopt;
    if (*raw == "true" || *raw == "yes") return true;
    if (*raw == "false" || *raw == "no") return false;
    error(key, "expected true or false, got " + excerpt(*raw));
    return std::nullopt;
  }

  std::optional<Date> date(const std::string& key, bool required, Located* into = nullptr) {
    auto raw = scalar(key, required, into);
    if (!raw) return std::nullopt;
    std::string problem;
    auto parsed = Date::parse_in_range(*raw, problem);
    if (!parsed) error(key, problem);
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
    if (node.size() > limits::kMaxRecords) {
      error(key, "more than " + std::to_string(limits::kMaxRecords) + " values in the list");
      return values;
    }
    for (std::size_t i = 0; i < node.size(); ++i) {
      std::string at = key + "[" + std::to_string(i) + "]";
      if (!node[i].IsScalar()) {
        out_.push_back({location(node[i]), join(at), "expected a text value"});
        continue;
      }
      if (!acceptable_text(location(node[i]), at, node[i].Scalar(), limits::kMaxShortText))
        continue;
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
    auto raw = scalar(key, required, into);
    if (!raw) return std::nullopt;
    auto value = parse(*raw);
    if (!value)
      error(key, "unknown value " + excerpt(*raw) + " (expected one of: " + allowed + ")");
    return value;
  }

  // A releasability marking (docs/scenario-format.md, "Markings"): `public`, `coalition`, or a
  // list of the nations it is released to, `[DE, FR]`. Which codes are nations of the scenario
  // is checked once every file is read (core/validate.cpp).
  std::optional<Releasability> releasability(const std::string& key, Located* into) {
    if (!has(key)) return std::nullopt;
    auto node = child(key);
    if (into) into->fields[key] = where(key);
    const std::string expected =
        "expected public, coalition or a list of nation codes such as [DE, FR]";
    if (node.IsNull()) {
      error(key,
            "has no value (null, ~ or nothing after the colon): give a value or remove the "
            "key (default coalition)");
      return std::nullopt;
    }
    if (node.IsScalar()) {
      if (node.Scalar() == "public") return Releasability{ReleaseScope::everyone, {}};
      if (node.Scalar() == "coalition") return Releasability{ReleaseScope::coalition, {}};
      error(key, expected + ", got " + excerpt(node.Scalar()));
      return std::nullopt;
    }
    if (!node.IsSequence()) {
      error(key, expected);
      return std::nullopt;
    }
    if (node.size() == 0) {
      error(key,
            "an empty list releases the record to no one: name at least one nation, or "
            "write coalition");
      return std::nullopt;
    }
    if (node.size() > kMaxReleasableNations) {
      error(key, "names " + std::to_string(node.size()) + " nations, more than the limit of " +
                     std::to_string(kMaxReleasableNations) + " (write coalition instead)");
      return std::nullopt;
    }
    Releasability marking{ReleaseScope::nations, {}};
    bool fine = true;
    for (std::size_t i = 0; i < node.size(); ++i) {
      std::string at = key + "[" + std::to_string(i) + "]";
      std::string code = node[i].IsScalar() ? node[i].Scalar() : "";
      if (!is_country_code(code)) {
        error_at(location(node[i]), at,
                 node[i].IsScalar() ? excerpt(code) +
                                          " is not an ISO 3166-1 alpha-2 country code (two capital "
                                          "letters)"
                                    : std::string("expected a nation code"));
        fine = false;
      } else if (std::count(marking.nations.begin(), marking.nations.end(), code)) {
        error_at(location(node[i]), at, "'" + code + "' is listed twice");
        fine = false;
      } else {
        marking.nations.push_back(code);
      }
    }
    if (!fine) return std::nullopt;
    std::sort(marking.nations.begin(), marking.nations.end());
    return marking;
  }

  // A marking with what the others see (`restricted_view`), for a pledge and its caveats. The
  // view says what nations outside a list see, so it is refused beside any other marking: it
  // would have no effect, and a reader could take the record for restricted.
  Marking marking(Located* into, const std::string& prefix = "") {
    Marking m;
    Located fields;
    if (auto r = releasability("releasability", &fields)) m.releasability = *r;
    auto view = choice<RestrictedView>(
        "restricted_view", false,
        +[](const std::string& t) { return restricted_view_from_string(t); },
        "aggregated, withheld", &fields);
    if (view) {
      m.restricted_view = *view;
      // A variant that changes only the marking is told at its own line, not the base's.
      auto at =
          where("restricted_view").line > 0 ? where("restricted_view") : where("releasability");
      if (m.releasability.scope != ReleaseScope::nations)
        error_at(at, "restricted_view",
                 "restricted_view applies only to a record released to a list of nations "
                 "(releasability: [DE, FR]); this one is " +
                     to_string(m.releasability) +
                     ": remove the key (in a variant's change, set it to null)");
    }
    if (into)
      for (auto& [key, at] : fields.fields) into->fields[prefix + key] = at;
    return m;
  }

  SourceLocation location(const YAML::Node& node) const {
    auto mark = node.Mark();
    if (mark.is_null()) return {file_, 0, 0};
    return {file_, mark.line + 1, mark.column + 1};
  }

 private:
  YAML::Node node_;
  std::unordered_map<std::string, YAML::Node> entries_;   // key -> value, the first of equals
  std::vector<std::pair<std::string, YAML::Node>> keys_;  // every key, in file order
  std::string file_;
  std::string path_;
  std::vector<Diagnostic>& out_;
  std::set<std::string> asked_;
};

const std::string kStandings = "participant, former-participant, outside";
const std::string kDefaultRoles =
    "participant-without-statement, stakeholder-without-statement, leaving-nation";
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
  YAML::Node written;  // the record as written; none for the contact line
};

// The GeoJSON files read so far, by the name the records give: each is read once, however many
// records and variants name it. None for a file that could not be read (its problems are told).
using GeoJsonFiles = std::map<std::string, std::optional<std::vector<io::GeoFeature>>>;

void load_geometries(const std::vector<GeometryRef>& refs, const fs::path& dir,
                     const ReadLimits& limits, GeoJsonFiles& files, Scenario& s,
                     std::vector<Diagnostic>& out);

std::optional<YAML::Node> parse_yaml_text(const std::string& file, const std::string& text,
                                          std::vector<Diagnostic>& out);

class Loader {
 public:
  // `dir` and `limits`: where the GeoJSON files that geometry records name are read from, and
  // within which bounds (a variant's files are confined like the base's).
  Loader(std::vector<Diagnostic>& out, fs::path dir, ReadLimits limits)
      : Loader(out, std::move(dir), std::move(limits), std::make_shared<GeoJsonFiles>()) {}

  // Calls read(record, index) for every mapping in the list under `key`.
  template <typename Read>
  void each(Record& parent, const std::string& key, Read read) {
    if (!parent.has(key)) return;
    auto list = parent.child(key);
    if (!list.IsSequence()) {
      parent.error(key, "expected a list");
      return;
    }
    if (list.size() > limits::kMaxRecords) {
      parent.error(key,
                   "more than " + std::to_string(limits::kMaxRecords) + " records in the list");
      return;
    }
    for (std::size_t i = 0; i < list.size(); ++i) {
      // A top-level record is kept as written, for the variants that change it.
      if (parent.path().empty()) written_[key].push_back({list[i], parent.file()});
      Record item(list[i], parent.file(), parent.join(key) + "[" + std::to_string(i) + "]", out_);
      if (!item.is_map()) {
        out_.push_back({item.where(), item.path(), "expected a mapping of keys to values"});
        continue;
      }
      read(item);
    }
  }

  Caveats caveats(Record& parent, Located& owner, bool markable = false) {
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
    // A pledge's caveats may be marked apart from the pledge; a nation's are as its record.
    if (markable) c.marking = r.marking(&owner, "caveats.");
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
    s.position = r.text("position", true, &s);
    s.summary = r.text("summary", true, &s);
    s.source = r.text("source", true, &s);
    s.doubtful_source = r.boolean("doubtful", &s).value_or(false);
    s.basis =
        r.choice<Basis>("basis", false, basis_from_string, kBases, &s).value_or(Basis::reported);
    if (auto m = r.releasability("releasability", &s)) s.releasability = *m;
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
    p.tour_months = int(r.integer("tour_months", false, 1, 60, &p).value_or(0));
    p.first_day = r.date("first_day", false, &p);
    p.withdrawn_from = r.date("withdrawn_from", false, &p);
    p.caveats = caveats(r, p, true);
    p.marking = r.marking(&p);
    p.basis =
        r.choice<Basis>("basis", false, basis_from_string, kBases, &p).value_or(Basis::assumption);
    p.note = r.text("note", false, &p);
    p.source = r.text("source", false, &p);
    return p;
  }

  // One position of the scenario's vocabulary (positions.yaml).
  Position position(Record& r) {
    Position p;
    p.where = r.where();
    p.id = r.text("id", true, &p);
    p.label = r.text("label", false, &p);
    if (p.label.empty()) p.label = p.id;
    p.description = r.text("description", false, &p);
    p.may_pledge = r.boolean("may_pledge", &p).value_or(false);
    p.committed = r.boolean("committed", &p).value_or(false);
    if (auto c = r.choice<Standing>("coalition", true, standing_from_string, kStandings, &p))
      p.coalition = *c;
    p.default_for =
        r.choice<DefaultRole>("default_for", false, default_role_from_string, kDefaultRoles, &p);
    return p;
  }

  void lists(Record& top, Scenario& s) {
    each(top, "positions", [&](Record& r) { s.positions.push_back(position(r)); });
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
      u.position = r.text("position", true, &u);
      u.summary = r.text("summary", true, &u);
      u.source = r.text("source", true, &u);
      if (auto m = r.releasability("releasability", &u)) u.releasability = *m;
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
      site.administered_by = r.text("administered_by", false, &site);
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
      q.from_date = r.date("from_date", false, &q);
      q.to_date = r.date("to_date", false, &q);
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
    // Variants patch records of any file: they are read once every file is (read_variants).
    if (top.has("variants")) {
      auto list = top.child("variants");
      if (!list.IsSequence()) top.error("variants", "expected a list");
      for (std::size_t i = 0; list.IsSequence() && i < list.size(); ++i)
        pending_variants_.push_back(
            {list[i], top.file(), top.join("variants") + "[" + std::to_string(i) + "]"});
    }
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
    g.written = r.node();
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
      width.from_km = w.number("from_km", false, 0, 5000, &width).value_or(0);
      if (width.from_km > 0 && width.from_km >= width.km)
        w.error("from_km", "from_km is not below km: the band would be empty");
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

  // The mission's calendar, from scenario.yaml or from a variant's change of it.
  void mission(Record& r, Mission& m) {
    m.where = r.where();
    if (auto d = r.date("start", true, &m)) m.start = *d;
    m.rotation_months = int(r.integer("rotation_months", false, 1, 60, &m).value_or(6));
    m.rotations = int(r.integer("rotations", false, 1, 100, &m).value_or(2));
  }

  // The registry's words (scenario.yaml, `registry`): each optional, never empty.
  void registry_words(Record& r, RegistryWords& words) {
    words.where = r.where();
    auto word = [&](const char* key, std::string& into) {
      auto text = r.scalar(key, false, &words);
      if (text && text->empty())
        r.error(key,
                "is empty: give the word the reports use, or remove the key for the "
                "default \"" +
                    into + "\"");
      else if (text)
        into = *text;
    };
    word("body", words.body);
    word("participants", words.participants);
    word("former_participant", words.former_participant);
    word("former_participants", words.former_participants);
    word("committed", words.committed);
    word("undisclosed", words.undisclosed);
    word("outside", words.outside);
  }

  void remember_mission(const YAML::Node& node, const std::string& file) {
    written_mission_ = {node, file};
  }

  // The lists of a record, and the GeoJSON files its geometry records name: a variant's added
  // or changed geometries are read as the base's are.
  void lists_and_files(Record& top, Scenario& s) {
    lists(top, s);
    read_geometries(s);
  }

  // The geometries of the records read so far, from their GeoJSON files.
  void read_geometries(Scenario& s) {
    load_geometries(geometry_refs, dir_, limits_, *files_, s, out_);
  }

  // Every geometry of the base as the record that names it alone: the record that read it, with
  // the geometry's id (and, for a file read without an id, the feature it came from). A variant
  // removes or changes a geometry by id like any record, the contact line included.
  void name_geometries(const Scenario& s) {
    std::map<std::tuple<std::string, int, int>, const GeometryRef*> by_place;
    for (const auto& ref : geometry_refs)
      by_place.emplace(std::tuple(ref.where.file, ref.where.line, ref.where.column), &ref);
    auto& named = written_["geometries"];
    named.clear();
    for (const auto& g : s.geometries) {
      auto it = by_place.find(std::tuple(g.where.file, g.where.line, g.where.column));
      if (it == by_place.end()) continue;
      const GeometryRef& ref = *it->second;
      YAML::Node node = ref.written.IsMap() ? unmarked(ref.written) : YAML::Node();
      if (!ref.written.IsMap()) node["file"] = ref.file;
      node["id"] = g.id;
      if (ref.id.empty() && ref.feature.empty()) node["feature"] = g.id;
      named.push_back({node, ref.where.file});
    }
  }

  // Every variant, once all the files are read, so that a patch may name any record.
  void read_variants(Scenario& s) {
    for (const auto& [node, file, index_path, what_if] : pending_variants_) {
      std::string name =
          node.IsMap() && node["name"] && node["name"].IsScalar() ? node["name"].Scalar() : "";
      current_file_ = file;
      // A what-if sees only the base records released to its caller (WhatIfs::visible).
      visible_ = what_if ? what_if->visible : nullptr;
      std::string path = what_if && !what_if->field.empty() ? what_if->field
                         : name.empty()                     ? index_path
                                                            : "variants[" + name + "]";
      Record r(node, file, path, out_);
      if (!r.is_map()) {
        out_.push_back({r.where(), r.path(), "expected a mapping of keys to values"});
        continue;
      }
      s.variants.push_back(variant(r, s));
    }
    visible_ = nullptr;
  }

  // The what-ifs' entries, read after the files' own variants (read_variants).
  void add_what_ifs(const WhatIfs& what_ifs) {
    for (const auto& what_if : what_ifs.entries) {
      auto root = parse_yaml_text(what_if.file, what_if.text, out_);
      if (!root) continue;
      if (!what_if.field.empty()) {
        pending_variants_.push_back({*root, what_if.file, what_if.field, &what_if});
        continue;
      }
      // A file of what-ifs has the shape of variants.yaml: `variants:`, a list of entries.
      Record top(*root, what_if.file, "", out_);
      auto list = top.is_map() && top.has("variants") ? top.child("variants") : YAML::Node();
      if (!list.IsSequence() || list.size() == 0) {
        out_.push_back({top.where(), "variants",
                        "expected `variants:`, a list of variant entries as in variants.yaml"});
        continue;
      }
      for (std::size_t i = 0; i < list.size(); ++i)
        pending_variants_.push_back(
            {list[i], what_if.file, "variants[" + std::to_string(i) + "]", &what_if});
    }
  }

 private:
  // A reader for a variant's records shares the files its parent read.
  Loader(std::vector<Diagnostic>& out, fs::path dir, ReadLimits limits,
         std::shared_ptr<GeoJsonFiles> files)
      : out_(out), dir_(std::move(dir)), limits_(std::move(limits)), files_(std::move(files)) {}

  struct Written {
    YAML::Node node;
    std::string file;
  };
  struct Pending {
    YAML::Node node;
    std::string file, path;
    const WhatIf* what_if = nullptr;  // null for a variant of the scenario's files
  };

  Variant variant(Record& r, const Scenario& s) {
    Variant v;
    v.where = r.where();
    v.name = r.text("name", true, &v);
    v.description = r.text("description", false, &v);
    v.source = r.text("source", false, &v);
    // Order of the file's keys does not matter: remove, change, add, leave (apply_variant).
    if (r.has("remove")) removals(r, v);
    if (r.has("change")) changes(r, s, v);
    sugar(r, s, v);
    if (r.has("add")) additions(r, v);
    v.remove_nations = r.texts("remove_nations", &v);
    for (const auto& code : v.remove_nations)
      v.changes.push_back(
          change(InputChange::Action::leaves, "nations", code, v.at("remove_nations")));
    for (const auto& replaced : v.changes)
      if (replaced.action == InputChange::Action::changed && !replaced.id.empty())
        for (const auto& removed : v.removed)
          if (removed.records == replaced.records && removed.id == replaced.id)
            out_.push_back({replaced.where, r.path() + ".change." + replaced.records,
                            "'" + replaced.id + "' is removed by this variant too"});
    return v;
  }

  static InputChange change(InputChange::Action action, const std::string& records,
                            const std::string& id, const SourceLocation& where,
                            const std::string& key = "", const std::string& before = "",
                            const std::string& after = "") {
    InputChange c;
    c.where = where;
    c.action = action;
    c.records = records;
    c.id = id;
    c.key = key;
    c.before = before;
    c.after = after;
    return c;
  }

  static std::string singular(const std::string& records) {
    if (records == "capabilities") return "capability";
    if (records == "geometries") return "geometry";
    if (records == "undisclosed_commitments") return "undisclosed commitment";
    if (records == "requirements") return "requirement line";
    return records.substr(0, records.size() - 1);
  }

  const Written* written(const std::string& records, const std::string& id_key,
                         const std::string& id) const {
    // A record its caller may not see is, to a what-if, one the base does not have.
    if (visible_ && !visible_(records, id)) return nullptr;
    auto it = written_.find(records);
    if (it == written_.end()) return nullptr;
    for (const auto& w : it->second)
      if (w.node.IsMap() && w.node[id_key] && w.node[id_key].IsScalar() &&
          w.node[id_key].Scalar() == id)
        return &w;
    return nullptr;
  }

  // The statement NATION@DATE of the base scenario, as written; reports what is wrong if it
  // names none or more than one.
  std::optional<Written> written_statement(const std::string& key, const SourceLocation& where,
                                           const std::string& field) {
    auto at = key.find('@');
    auto date = at == std::string::npos ? std::nullopt : Date::parse(key.substr(at + 1));
    const Written* nation =
        at == std::string::npos ? nullptr : written("nations", "code", key.substr(0, at));
    if (!date || !nation) {
      out_.push_back(
          {where, field,
           "unknown statement '" + key +
               "': name a statement NATION@YYYY-MM-DD of a nation of the base scenario"});
      return std::nullopt;
    }
    std::vector<YAML::Node> found;
    auto list = nation->node["statements"];
    for (std::size_t i = 0; list && list.IsSequence() && i < list.size(); ++i) {
      auto d = list[i]["date"];
      if (d && d.IsScalar() && Date::parse(d.Scalar()) == date) found.push_back(list[i]);
    }
    // A statement its caller may not see is, to a what-if, one the nation did not make.
    if (visible_ && !visible_("statements", key)) found.clear();
    if (found.size() != 1) {
      out_.push_back(
          {where, field,
           found.empty()
               ? "unknown statement '" + key + "': the nation has no statement of that date"
               : "statement '" + key + "' is ambiguous: the nation has " +
                     std::to_string(found.size()) + " statements of that date"});
      return std::nullopt;
    }
    return Written{found.front(), nation->file};
  }

  void removals(Record& r, Variant& v) {
    Record remove(r.child("remove"), r.file(), r.join("remove"), out_);
    if (!remove.is_map()) return r.error("remove", "expected a mapping of record lists to ids");
    auto ref = [&](const std::string& records, const std::string& id, const SourceLocation& at) {
      RecordRef removed;
      removed.where = at;
      removed.records = records;
      removed.id = id;
      v.removed.push_back(removed);
      v.changes.push_back(change(InputChange::Action::removed, records, id, at));
    };
    for_each_record_list([&](const char* records, const char* id_key, auto, auto) {
      for (const auto& [id, at] : remove.located_texts(records)) {
        if (written(records, id_key, id))
          ref(records, id, at);
        else
          out_.push_back(
              {at, remove.join(records),
               "unknown " + singular(records) + " '" + id + "': the base scenario has none"});
      }
    });
    for (const auto& [key, at] : remove.located_texts("statements"))
      if (written_statement(key, at, remove.join("statements"))) ref("statements", key, at);
  }

  // A base record with the patch's keys replacing its own. The base's values carry no
  // position, so that what a reader says about them (nothing new: the base was read already)
  // can be told from what it says about the patch, which points at the variant's lines.
  static YAML::Node merged(const Written& base, const YAML::Node& patch) {
    YAML::Node merged(YAML::NodeType::Map);
    for (const auto& entry : base.node)
      if (!patch[entry.first.as<std::string>("")])
        merged.force_insert(unmarked(entry.first), unmarked(entry.second));
    // A key set to null goes back to its default (docs/scenario-format.md, variants.yaml).
    for (const auto& entry : patch)
      if (!entry.second.IsNull()) merged.force_insert(entry.first, entry.second);
    return merged;
  }

  static YAML::Node unmarked(const YAML::Node& node) {
    if (node.IsScalar()) return YAML::Node(node.Scalar());
    YAML::Node copy(node.IsSequence() ? YAML::NodeType::Sequence
                    : node.IsMap()    ? YAML::NodeType::Map
                                      : YAML::NodeType::Null);
    if (node.IsSequence())
      for (const auto& item : node) copy.push_back(unmarked(item));
    if (node.IsMap())
      for (const auto& entry : node)
        copy.force_insert(unmarked(entry.first), unmarked(entry.second));
    return copy;
  }

  static std::string written_value(const YAML::Node& node) {
    if (!node || node.IsNull()) return "(not set)";
    if (node.IsScalar()) return node.Scalar();
    YAML::Emitter out;
    out << YAML::Flow << node;
    return out.c_str();
  }

  // The changed record keeps the base's positions for the keys it did not change.
  static void relocate(Located& changed, const Located& base, const SourceLocation& where) {
    Located located = base;
    for (const auto& [key, at] : changed.fields)
      if (at.line > 0) located.fields[key] = at;
    located.where = where;
    changed.fields = located.fields;
    changed.where = located.where;
  }

  // One record changed: `patch` maps keys to their new values (null: back to the default).
  template <typename T, typename Read>
  std::optional<T> changed(const Written& base, const T& base_record, const YAML::Node& patch,
                           const std::string& records, const std::string& id,
                           const std::string& id_key, const SourceLocation& where,
                           const std::string& path, Variant& v, Read read) {
    if (!patch.IsMap()) {
      out_.push_back({where, path, "expected a mapping of keys to their new values"});
      return std::nullopt;
    }
    if (!id_key.empty() && patch[id_key]) {
      out_.push_back({where, path + "." + id_key,
                      "a variant cannot change an id: remove the record and add a new one"});
      return std::nullopt;
    }
    std::vector<Diagnostic> said;
    std::optional<T> result = read(merged(base, patch), said);
    for (auto& d : said)
      if (d.where.line > 0) out_.push_back(d);
    if (!result) return std::nullopt;
    relocate(*result, base_record, where);
    for (const auto& entry : patch) {
      auto key = entry.first.as<std::string>("");
      v.changes.push_back(change(InputChange::Action::changed, records, id, where, key,
                                 written_value(base.node[key]), written_value(entry.second)));
      v.changes.back().where = {v.where.file, entry.first.Mark().line + 1,
                                entry.first.Mark().column + 1};
    }
    return result;
  }

  // A record of a list, changed: read as its section reads it.
  template <typename T>
  void change_record(const std::string& records, const std::string& id_key,
                     const std::vector<T>& base_list, std::string T::*id_member,
                     std::vector<T> Scenario::*list, const std::string& id, const YAML::Node& patch,
                     const SourceLocation& where, const std::string& path, Variant& v) {
    const Written* base = written(records, id_key, id);
    auto typed = std::find_if(base_list.begin(), base_list.end(),
                              [&](const T& t) { return t.*id_member == id; });
    if (!base || typed == base_list.end()) {
      out_.push_back(
          {where, path,
           "unknown " + singular(records) + " '" + id + "': the base scenario has none"});
      return;
    }
    // Two changes of one record (a shorthand key and a change: entry) would hide one another.
    auto& replaced = v.replace().*list;
    if (std::any_of(replaced.begin(), replaced.end(),
                    [&](const T& t) { return t.*id_member == id; })) {
      out_.push_back({where, path, "'" + id + "' is changed twice in this variant"});
      return;
    }
    auto result = changed<T>(*base, *typed, patch, records, id, id_key, where, path, v,
                             [&](const YAML::Node& node, std::vector<Diagnostic>& said) {
                               return read_one(records, node, path, list, said);
                             });
    if (result) (v.replace().*list).push_back(*result);
  }

  // One record read as its section reads its entries, diagnostics under `path`.
  template <typename T>
  std::optional<T> read_one(const std::string& records, const YAML::Node& node,
                            const std::string& path, std::vector<T> Scenario::*list,
                            std::vector<Diagnostic>& said) {
    YAML::Node doc(YAML::NodeType::Map), one(YAML::NodeType::Sequence);
    one.push_back(node);
    doc.force_insert(YAML::Node(records), one);
    Scenario scratch;
    Loader reader(said, dir_, limits_, files_);
    {
      Record top(doc, current_file_, path + "#", said);
      reader.lists_and_files(top, scratch);
    }
    // "path#.pledges[0].quantity" reads "path.quantity"
    std::string prefix = path + "#." + records + "[0]";
    for (auto& d : said)
      if (d.field.rfind(prefix, 0) == 0) d.field = path + d.field.substr(prefix.size());
    if ((scratch.*list).size() != 1) return std::nullopt;
    return (scratch.*list).front();
  }

  void changes(Record& r, const Scenario& s, Variant& v) {
    Record change(r.child("change"), r.file(), r.join("change"), out_);
    if (!change.is_map()) return r.error("change", "expected a mapping of record lists to changes");
    for_each_record_list([&](const char* records, const char* id_key, auto list, auto id) {
      if (!change.has(records)) return;
      auto node = change.child(records);
      if (!node.IsMap())
        return change.error(records, "expected a mapping of ids to the keys they change");
      for (const auto& entry : node)
        change_record(records, id_key, s.*list, id, list, entry.first.as<std::string>(""),
                      entry.second, change.location(entry.first),
                      change.join(records) + "." + entry.first.as<std::string>(""), v);
    });
    if (change.has("statements")) {
      auto node = change.child("statements");
      if (!node.IsMap())
        change.error("statements", "expected a mapping of NATION@DATE to the keys they change");
      for (const auto& entry : node.IsMap() ? node : YAML::Node()) {
        auto key = entry.first.as<std::string>("");
        change_statement(s, key, entry.second, change.location(entry.first),
                         change.join("statements") + "." + key, v);
      }
    }
    if (change.has("mission"))
      change_mission(s, change.child("mission"), change.where("mission"), change.join("mission"),
                     v);
    if (change.has("scenario"))
      change_as_of(s, change.child("scenario"), change.where("scenario"), change.join("scenario"),
                   v);
  }

  void change_statement(const Scenario& s, const std::string& key, const YAML::Node& patch,
                        const SourceLocation& where, const std::string& path, Variant& v) {
    auto base = written_statement(key, where, path);
    if (!base) return;
    const Statement* typed = nullptr;
    auto at = key.find('@');
    if (const Nation* n = RecordIndex(s.nations, &Nation::code).find(key.substr(0, at)))
      for (const auto& st : n->statements)
        if (statement_key(n->code, st) == key) typed = &st;
    if (!typed) return;
    auto result = changed<Statement>(*base, *typed, patch, "statements", key, "", where, path, v,
                                     [&](const YAML::Node& node, std::vector<Diagnostic>& said) {
                                       Record record(node, current_file_, path, said);
                                       return std::optional<Statement>(statement(record));
                                     });
    if (result) v.replaced_statements.emplace_back(key, *result);
  }

  void change_mission(const Scenario& s, const YAML::Node& patch, const SourceLocation& where,
                      const std::string& path, Variant& v) {
    if (v.mission) {
      out_.push_back({where, path, "the mission is changed twice in this variant"});
      return;
    }
    auto result =
        changed<Mission>(written_mission_, s.mission, patch, "mission", "", "", where, path, v,
                         [&](const YAML::Node& node, std::vector<Diagnostic>& said) {
                           Record record(node, current_file_, path, said);
                           Mission m;
                           mission(record, m);
                           return std::optional<Mission>(m);
                         });
    if (result) v.mission = *result;
  }

  // Of the scenario's header a variant changes only the date positions are read at.
  void change_as_of(const Scenario& s, const YAML::Node& patch, const SourceLocation& where,
                    const std::string& path, Variant& v) {
    if (!patch.IsMap()) {
      out_.push_back({where, path, "expected a mapping of keys to their new values"});
      return;
    }
    if (v.as_of) {
      out_.push_back({where, path, "as_of is changed twice in this variant"});
      return;
    }
    Record record(patch, v.where.file, path, out_);
    v.as_of = record.date("as_of", true);
    if (v.as_of)
      v.changes.push_back(change(InputChange::Action::changed, "scenario", "",
                                 record.where("as_of"), "as_of", s.as_of.iso(), v.as_of->iso()));
  }

  // The keys of the first variants, read as the patch entries they stand for.
  void sugar(Record& r, const Scenario& s, Variant& v) {
    if (r.has("conditions")) {
      auto node = r.child("conditions");
      if (!node.IsMap()) {
        r.error("conditions", "expected a mapping of condition id to true/false");
      } else {
        for (const auto& entry : node) {
          YAML::Node patch(YAML::NodeType::Map);
          patch.force_insert(YAML::Node("holds"), entry.second);
          auto id = entry.first.as<std::string>("");
          change_record("conditions", "id", s.conditions, &Condition::id, &Scenario::conditions, id,
                        patch, r.location(entry.first), r.join("conditions") + "." + id, v);
        }
      }
    }
    for (const char* key : {"rotations", "as_of"}) {
      if (!r.has(key)) continue;
      YAML::Node patch(YAML::NodeType::Map);
      patch.force_insert(YAML::Node(key), r.child(key));
      if (std::string(key) == "rotations")
        change_mission(s, patch, r.where(key), r.path(), v);
      else
        change_as_of(s, patch, r.where(key), r.path(), v);
    }
    add_statements(r, v);
    add_list(r, "pledges", &Scenario::pledges, &Pledge::id, v);
  }

  void add_statements(Record& r, Variant& v) {
    each(r, "statements", [&](Record& sr) {
      auto nation = sr.text("nation", true);
      Statement s = statement(sr);
      s.fields["nation"] = sr.where("nation");
      v.changes.push_back(
          change(InputChange::Action::added, "statements", statement_key(nation, s), s.where));
      v.statements.emplace_back(nation, s);
    });
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
          // Listed as the change of the zone's `width` it stands for.
          const Written* base = written("zones", "id", zone);
          v.changes.push_back(change(
              InputChange::Action::changed, "zones", zone, widths.location(entry.first), "width",
              written_value(base ? base->node["width"] : YAML::Node()), v.zone_widths[zone]));
        }
      }
    }
  }

  template <typename T>
  void add_list(Record& r, const std::string& records, std::vector<T> Scenario::*list,
                std::string T::*id, Variant& v) {
    if (!r.has(records)) return;
    YAML::Node doc(YAML::NodeType::Map);
    doc.force_insert(YAML::Node(records), r.child(records));
    Scenario scratch;
    Loader reader(out_, dir_, limits_, files_);
    {
      Record top(doc, r.file(), r.path(), out_);
      reader.lists_and_files(top, scratch);
    }
    for (const auto& record : scratch.*list) {
      v.changes.push_back(change(InputChange::Action::added, records, record.*id, record.where));
      (v.add().*list).push_back(record);
    }
  }

  void additions(Record& r, Variant& v) {
    Record add(r.child("add"), r.file(), r.join("add"), out_);
    if (!add.is_map()) return r.error("add", "expected a mapping of record lists to new records");
    for_each_record_list([&](const char* records, const char*, auto list, auto id) {
      add_list(add, records, list, id, v);
    });
    add_statements(add, v);
  }

  std::map<std::string, std::vector<Written>> written_;
  Written written_mission_;
  std::vector<Pending> pending_variants_;
  std::string current_file_;  // of the variant being read
  std::function<bool(const std::string&, const std::string&)> visible_;  // of a what-if's caller

  std::vector<Diagnostic>& out_;
  fs::path dir_;
  ReadLimits limits_;
  std::shared_ptr<GeoJsonFiles> files_;
};

// The text as one YAML document, its shape first checked against the limits.
std::optional<YAML::Node> parse_yaml_text(const std::string& file, const std::string& text,
                                          std::vector<Diagnostic>& out) {
  try {
    if (auto problem = check_yaml_shape(file, text)) {
      out.push_back(*problem);
      return std::nullopt;
    }
    return YAML::Load(text);
  } catch (const YAML::ParserException& e) {
    out.push_back({{file, e.mark.line + 1, e.mark.column + 1}, "", "YAML syntax: " + e.msg, true});
    return std::nullopt;
  }
}

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
  return parse_yaml_text(path.string(), text, out);
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
                     const ReadLimits& limits, GeoJsonFiles& files, Scenario& s,
                     std::vector<Diagnostic>& out) {
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

// Lists concatenated from several files must stay within the limit too.
template <typename T>
void check_list_size(const std::vector<T>& list, const std::string& name,
                     std::vector<Diagnostic>& out) {
  if (list.size() > limits::kMaxRecords)
    out.push_back({list[limits::kMaxRecords].where, name,
                   "more than " + std::to_string(limits::kMaxRecords) +
                       " records in the list (over all included files)"});
}

void check_list_sizes(const Scenario& s, std::vector<Diagnostic>& out) {
  check_list_size(s.nations, "nations", out);
  check_list_size(s.undisclosed, "undisclosed_commitments", out);
  check_list_size(s.capabilities, "capabilities", out);
  check_list_size(s.sites, "sites", out);
  check_list_size(s.requirements, "requirements", out);
  check_list_size(s.pledges, "pledges", out);
  check_list_size(s.conditions, "conditions", out);
  check_list_size(s.variants, "variants", out);
  check_list_size(s.geometries, "geometries", out);
  check_list_size(s.zones, "zones", out);
  check_list_size(s.parties, "parties", out);
}

Scenario load_root(const std::optional<YAML::Node>& root, const std::string& path,
                   const fs::path& dir, ReadLimits limits, std::vector<Diagnostic>& out,
                   const WhatIfs* what_ifs = nullptr);

// Whether a file's name in a set held in memory is one a scenario could name: relative, already
// in its shortest form (no '.', '..', empty or trailing part), no backslash, valid UTF-8.
bool plain_relative_path(const std::string& name) {
  if (name.empty() || name.size() > limits::kMaxPathBytes) return false;
  if (invalid_utf8_at(name) != std::string::npos || name.find('\\') != std::string::npos)
    return false;
  fs::path path(name);
  if (path.is_absolute() || !path.has_filename()) return false;
  for (const auto& part : path)
    if (part == "." || part == ".." || part.empty()) return false;
  return path.lexically_normal().generic_string() == name;
}

}  // namespace

std::vector<Diagnostic> check_file_set(const FileSet& files) {
  std::vector<Diagnostic> out;
  auto refuse = [&](const std::string& message) {
    out.push_back({{"", 0, 0}, "files", message, true});
  };
  if (files.size() > limits::kMaxFiles)
    refuse("more than " + std::to_string(limits::kMaxFiles) + " files");
  std::uintmax_t total = 0;
  for (const auto& [name, text] : files) {
    total += text.size();  // bounded: each text is in memory already
    if (!plain_relative_path(name))
      refuse("the file name " + excerpt(name) +
             " is not a path inside the scenario's folder (expected a relative path such as "
             "'parts/nations.yaml', without '.', '..', a leading '/' or '\\')");
  }
  if (total > limits::kMaxFileSetBytes)
    refuse("the files hold " + std::to_string(total) + " bytes, more than the limit of " +
           std::to_string(limits::kMaxFileSetBytes));
  return out;
}

Scenario load_scenario(const std::string& path) {
  std::vector<Diagnostic> problems;
  Scenario s = load_scenario(path, problems);
  if (!problems.empty()) throw ScenarioError(problems);
  return s;
}

Scenario load_scenario(const std::string& path, std::vector<Diagnostic>& out, FileSet* read) {
  fs::path dir = fs::path(path).parent_path();
  ReadLimits limits;
  limits.record = read;
  auto root = parse_yaml(path, limits, out, {path, 0, 0}, "");
  return load_root(root, path, dir, limits, out);
}

Scenario load_scenario_files(const FileSet& files, const std::string& main,
                             std::vector<Diagnostic>& out, FileSet* read, const WhatIfs* what_ifs) {
  auto bad_names = check_file_set(files);
  if (!bad_names.empty()) {
    out.insert(out.end(), bad_names.begin(), bad_names.end());
    Scenario s;
    s.file = main;
    return s;
  }
  // The folder is the set itself: files are named relative to it, as a scenario names them.
  ReadLimits limits;
  limits.in_memory = &files;
  limits.record = read;
  limits.root = ".";
  auto root = parse_yaml(main, limits, out, {main, 0, 0}, "");
  return load_root(root, main, "", limits, out, what_ifs);
}

Scenario load_scenario_text(const std::string& text, const std::string& file,
                            const std::string& folder, std::vector<Diagnostic>& out) {
  std::optional<YAML::Node> root;
  try {
    check_text(file, text, ReadLimits{}, {file, 0, 0}, "");
    root = parse_yaml_text(file, text, out);
  } catch (const ScenarioError& e) {
    out.insert(out.end(), e.diagnostics().begin(), e.diagnostics().end());
  }
  return load_root(root, file, folder, ReadLimits{}, out);
}

namespace {

Scenario load_root(const std::optional<YAML::Node>& root, const std::string& path,
                   const fs::path& dir, ReadLimits limits, std::vector<Diagnostic>& out,
                   const WhatIfs* what_ifs) {
  Scenario s;
  s.file = path;
  // Includes and the line of contact must stay inside the scenario's folder.
  limits.root = dir.empty() ? fs::path(".") : dir;
  if (!root) return s;
  Loader loader(out, dir, limits);
  {
    Record top(*root, path, "", out);
    if (!top.is_map()) {
      out.push_back({top.where(), "", "a scenario file must be a mapping of sections"});
      return s;
    }
    if (top.has("scenario")) {
      Record r(top.child("scenario"), path, "scenario", out);
      if (!r.is_map()) top.error("scenario", "expected a mapping (name, description, as_of)");
      s.name = r.text("name", true);
      s.description = r.text("description", false);
      if (auto d = r.date("as_of", true)) s.as_of = *d;
    } else {
      top.error("scenario", "is required (name, description, as_of)");
    }
    if (auto marking = top.releasability("releasability", nullptr)) {
      s.releasability = *marking;
      s.releasability_at = top.where("releasability");
    }
    if (top.has("mission")) {
      Record r(top.child("mission"), path, "mission", out);
      if (!r.is_map())
        top.error("mission", "expected a mapping (start, rotation_months, rotations)");
      loader.mission(r, s.mission);
      loader.remember_mission(top.child("mission"), path);
    } else {
      top.error("mission", "is required (start, rotation_months, rotations)");
    }
    if (top.has("registry")) {
      Record r(top.child("registry"), path, "registry", out);
      if (r.is_map())
        loader.registry_words(r, s.registry);
      else
        top.error("registry", "expected a mapping of words (body, participants, committed...)");
    }
    loader.lists(top, s);
    auto includes = top.located_texts("include");
    auto contact = top.text("contact_line", false);
    auto contact_at = top.where("contact_line");
    if (includes.size() > limits::kMaxIncludes) {
      top.error("include", "more than " + std::to_string(limits::kMaxIncludes) + " files");
      includes.clear();
    }
    bool all_read = true;
    for (const auto& [name, include_at] : includes) {
      auto file = (dir / name).string();
      auto node = parse_yaml(file, limits, out, include_at, "include");
      all_read = all_read && node.has_value();
      if (!node) continue;
      Record included(*node, file, "", out);
      if (!included.is_map()) {
        out.push_back({included.where(), "", "an included file must be a mapping of sections"});
        continue;
      }
      loader.lists(included, s);
    }
    // The core names no position: a scenario declares its own vocabulary.
    if (s.positions.empty() && all_read)
      top.error("positions",
                "is required: the scenario declares its positions (a list with id, coalition, "
                "may_pledge, committed, and the three default_for roles: " +
                    kDefaultRoles + ")");
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
    loader.read_geometries(s);
    // Variants last: a patch may name a record of any file, or a geometry of any GeoJSON file.
    loader.name_geometries(s);
    if (what_ifs) loader.add_what_ifs(*what_ifs);
    loader.read_variants(s);
  }
  check_list_sizes(s, out);
  return s;
}

}  // namespace

}  // namespace reassure::io

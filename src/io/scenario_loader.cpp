#include "io/scenario_loader.hpp"

#include "io/text_file.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
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
    return c;
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
    p.tour_months = int(r.integer("tour_months", false, 1, 60, &p).value_or(0));
    p.first_day = r.date("first_day", false, &p);
    p.withdrawn_from = r.date("withdrawn_from", false, &p);
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
    each(top, "variants", [&](Record& r) { s.variants.push_back(variant(r)); });
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
      try {
        s.line_of_contact = load_line_of_contact((dir / contact).string(), limits, contact_at);
      } catch (const ScenarioError& e) {
        out.insert(out.end(), e.diagnostics().begin(), e.diagnostics().end());
      }
    }
  }
  return s;
}

LineOfContact load_line_of_contact(const std::string& path, const ReadLimits& limits,
                                   const SourceLocation& referenced_from) {
  std::string text = read_text_file(path, limits, referenced_from, "contact_line");
  // Strict JSON first: nlohmann rejects what YAML would forgive, with the offending offset.
  try {
    nlohmann::json checked = nlohmann::json::parse(text);
    static_cast<void>(checked);  // only the syntax check is wanted
  } catch (const nlohmann::json::parse_error& e) {
    throw ScenarioError(
        {{locate(path, text, e.byte), "", std::string("JSON syntax: ") + e.what(), true}});
  }
  // Then the content through yaml-cpp, whose nodes know their line, so that a bad coordinate
  // is reported where it stands.
  YAML::Node doc = YAML::Load(text);
  std::vector<Diagnostic> out;
  LineOfContact result;
  result.file = path;
  auto where = [&](const YAML::Node& node) {
    auto mark = node.Mark();
    return mark.is_null() ? SourceLocation{path, 0, 0}
                          : SourceLocation{path, mark.line + 1, mark.column + 1};
  };
  auto fail = [&](const YAML::Node& node, const std::string& field, const std::string& message) {
    out.push_back({where(node), field, message});
  };
  auto text_of = [](const YAML::Node& node, const char* key) {
    return node.IsMap() && node[key] && node[key].IsScalar() ? node[key].Scalar() : std::string();
  };
  if (!doc.IsMap() || text_of(doc, "type") != "FeatureCollection" || !doc["features"] ||
      !doc["features"].IsSequence()) {
    fail(doc.IsMap() && doc["type"] ? doc["type"] : doc, "type",
         "expected a GeoJSON FeatureCollection with a 'features' list");
    throw ScenarioError(out);
  }
  auto number = [](const YAML::Node& node, double& value) {
    if (!node.IsScalar()) return false;
    try {
      std::size_t used = 0;
      value = std::stod(node.Scalar(), &used);
      return used == node.Scalar().size();
    } catch (...) {
      return false;
    }
  };
  auto read_line = [&](const YAML::Node& coords, const std::string& field) {
    std::vector<std::pair<double, double>> line;
    if (!coords || !coords.IsSequence() || coords.size() < 2) {
      fail(coords ? coords : doc, field, "a LineString needs at least two positions");
      return;
    }
    for (std::size_t i = 0; i < coords.size(); ++i) {
      const auto& c = coords[i];
      std::string at = field + "[" + std::to_string(i) + "]";
      double lon = 0, lat = 0;
      if (!c.IsSequence() || c.size() < 2 || !number(c[0], lon) || !number(c[1], lat)) {
        fail(c, at, "expected [longitude, latitude]");
        return;
      }
      if (lon < -180 || lon > 180 || lat < -90 || lat > 90) {
        fail(c, at, "longitude/latitude out of range");
        return;
      }
      line.emplace_back(lat, lon);
    }
    result.lines.push_back(std::move(line));
  };
  const auto& features = doc["features"];
  for (std::size_t f = 0; f < features.size(); ++f) {
    std::string field = "features[" + std::to_string(f) + "]";
    const auto& feature = features[f];
    if (!feature.IsMap() || !feature["geometry"] || !feature["geometry"].IsMap()) {
      fail(feature, field, "expected a Feature with a geometry");
      continue;
    }
    if (feature["properties"] && feature["properties"].IsMap()) {
      if (result.label.empty()) result.label = text_of(feature["properties"], "label");
      if (result.source.empty()) result.source = text_of(feature["properties"], "source");
    }
    const auto& geometry = feature["geometry"];
    std::string type = text_of(geometry, "type");
    if (type == "LineString") {
      read_line(geometry["coordinates"], field + ".geometry.coordinates");
    } else if (type == "MultiLineString" && geometry["coordinates"] &&
               geometry["coordinates"].IsSequence()) {
      for (std::size_t i = 0; i < geometry["coordinates"].size(); ++i)
        read_line(geometry["coordinates"][i],
                  field + ".geometry.coordinates[" + std::to_string(i) + "]");
    } else {
      fail(geometry["type"] ? geometry["type"] : geometry, field + ".geometry.type",
           "expected LineString or MultiLineString, got '" + type + "'");
    }
  }
  if (result.lines.empty() && out.empty())
    fail(features, "features", "no line of contact in the file");
  if (!out.empty()) throw ScenarioError(out);
  return result;
}

}  // namespace reassure::io

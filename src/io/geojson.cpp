#include "io/geojson.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <iterator>
#include <nlohmann/json.hpp>

namespace reassure::io {

namespace {

// A JSON value with the offset of its token's last character in the text, so that a bad value
// is reported on its own line. Built by nlohmann's SAX parser, which is iterative: nesting is
// bounded here, before any value is built.
struct Json {
  enum class Type { null, boolean, number, string, array, object };
  Type type = Type::null;
  std::size_t offset = 0;
  double number = 0;
  std::string text;
  std::vector<Json> items;
  std::vector<std::string> keys;  // objects: keys[i] names items[i]

  const Json* find(const std::string& key) const {
    for (std::size_t i = 0; i < keys.size(); ++i)
      if (keys[i] == key) return &items[i];
    return nullptr;
  }
  std::string string_member(const std::string& key) const {
    const Json* value = find(key);
    return value && value->type == Type::string ? value->text : std::string();
  }
};

// A character iterator that remembers how far the parser has read, so that SAX events can be
// placed in the text.
class TrackingIterator {
 public:
  using iterator_category = std::forward_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  TrackingIterator() = default;
  TrackingIterator(const char* at, const char* base, std::size_t* read)
      : at_(at), base_(base), read_(read) {}
  reference operator*() const {
    *read_ = std::max(*read_, std::size_t(at_ - base_) + 1);
    return *at_;
  }
  TrackingIterator& operator++() {
    ++at_;
    return *this;
  }
  TrackingIterator operator++(int) {
    auto copy = *this;
    ++at_;
    return copy;
  }
  bool operator==(const TrackingIterator& other) const { return at_ == other.at_; }
  bool operator!=(const TrackingIterator& other) const { return at_ != other.at_; }

 private:
  const char* at_ = nullptr;
  const char* base_ = nullptr;
  std::size_t* read_ = nullptr;
};

// Line starts, for turning offsets into line and column without rescanning the text.
class Lines {
 public:
  Lines(std::string_view text, std::string file) : file_(std::move(file)) {
    starts_.push_back(0);
    for (std::size_t i = 0; i < text.size(); ++i)
      if (text[i] == '\n') starts_.push_back(i + 1);
  }
  SourceLocation at(std::size_t offset) const {
    auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
    std::size_t line = std::size_t(it - starts_.begin());
    return {file_, int(line), int(offset - starts_[line - 1] + 1)};
  }
  const std::string& file() const { return file_; }

 private:
  std::string file_;
  std::vector<std::size_t> starts_;
};

class Builder : public nlohmann::json_sax<nlohmann::json> {
 public:
  Builder(std::string_view text, const Lines& lines, const std::size_t& read,
          const GeoJsonLimits& limits, std::vector<Diagnostic>& out)
      : text_(text),
        lines_(lines),
        read_(read),
        out_(out),
        max_depth_(std::size_t(limits.max_depth)),
        // Positions have two or three numbers and one array; the rest is a little structure.
        max_values_(4 * limits.max_points_per_file + 100'000) {}

  bool null() override { return add(Json::Type::null); }
  bool boolean(bool) override { return add(Json::Type::boolean); }
  bool number_integer(number_integer_t value) override { return number(double(value)); }
  bool number_unsigned(number_unsigned_t value) override { return number(double(value)); }
  bool number_float(number_float_t value, const string_t& raw) override {
    if (!std::isfinite(value)) {
      fail(token_end(true), "number " + raw + " is beyond the range of a double");
      return false;
    }
    return number(value);
  }
  bool string(string_t& value) override {
    if (!add(Json::Type::string)) return false;
    current().text = std::move(value);
    return true;
  }
  bool binary(binary_t&) override { return add(Json::Type::null); }
  bool start_object(std::size_t) override { return open(Json::Type::object); }
  bool key(string_t& value) override {
    stack_.back().keys.push_back(std::move(value));
    return true;
  }
  bool end_object() override { return close(); }
  bool start_array(std::size_t) override { return open(Json::Type::array); }
  bool end_array() override { return close(); }
  bool parse_error(std::size_t position, const std::string& token,
                   const nlohmann::detail::exception& e) override {
    std::size_t at = position ? position - 1 : 0;
    std::string message = std::string("JSON syntax: ") + e.what();
    std::string next(text_.substr(std::min(at, text_.size()), 4));
    std::transform(next.begin(), next.end(), next.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    if (e.id == 406)  // nlohmann: a number that overflows a double
      message = "number " + token + " is beyond the range of a double";
    else if (next.rfind("nan", 0) == 0 || next.rfind("inf", 0) == 0 || next.rfind("-inf", 0) == 0)
      message = "NaN and infinity are not numbers in JSON (" + message + ")";
    fail(at, message);
    return false;
  }

  Json& root() { return root_; }
  bool failed() const { return failed_; }

 private:
  std::size_t token_end(bool number) const {
    // A number is known only once the character after it is read; anything else at its end.
    std::size_t back = number ? 2 : 1;
    return read_ >= back ? read_ - back : 0;
  }
  void fail(std::size_t offset, const std::string& message) {
    out_.push_back({lines_.at(offset), "", message});
    failed_ = true;
  }
  bool count() {
    if (++values_ <= max_values_) return true;
    fail(token_end(false), "more than " + std::to_string(max_values_) +
                               " JSON values: the file is larger than a GeoJSON file may be");
    return false;
  }
  Json& current() { return stack_.empty() ? root_ : stack_.back().items.back(); }
  bool add(Json::Type type) {
    if (!count()) return false;
    Json value;
    value.type = type;
    value.offset = token_end(false);
    if (stack_.empty())
      root_ = std::move(value);
    else
      stack_.back().items.push_back(std::move(value));
    return true;
  }
  bool number(double value) {
    if (!count()) return false;
    Json json;
    json.type = Json::Type::number;
    json.number = value;
    json.offset = token_end(true);
    if (stack_.empty())
      root_ = std::move(json);
    else
      stack_.back().items.push_back(std::move(json));
    return true;
  }
  bool open(Json::Type type) {
    if (!count()) return false;
    if (stack_.size() >= max_depth_) {
      fail(token_end(false), "nested deeper than " + std::to_string(max_depth_) +
                                 " levels: not a GeoJSON line or area");
      return false;
    }
    Json value;
    value.type = type;
    value.offset = token_end(false);
    stack_.push_back(std::move(value));
    return true;
  }
  bool close() {
    Json done = std::move(stack_.back());
    stack_.pop_back();
    if (stack_.empty())
      root_ = std::move(done);
    else
      stack_.back().items.push_back(std::move(done));
    return true;
  }

  std::string_view text_;
  const Lines& lines_;
  const std::size_t& read_;
  std::vector<Diagnostic>& out_;
  std::size_t max_depth_;
  std::size_t max_values_;
  std::size_t values_ = 0;
  std::vector<Json> stack_;
  Json root_;
  bool failed_ = false;
};

const char* const kKinds = "LineString, MultiLineString, Polygon or MultiPolygon";

// Turns the JSON tree into features, reporting what is not GeoJSON lines and areas.
class Reader {
 public:
  Reader(const Lines& lines, const GeoJsonLimits& limits, std::vector<Diagnostic>& out)
      : lines_(lines), limits_(limits), out_(out) {}

  std::vector<GeoFeature> document(const Json& root) {
    std::vector<GeoFeature> features;
    if (root.type != Json::Type::object) {
      fail(root, "", "expected a GeoJSON object (FeatureCollection, Feature or geometry)");
      return features;
    }
    std::string type = root.string_member("type");
    if (type == "FeatureCollection") {
      const Json* list = root.find("features");
      if (!list || list->type != Json::Type::array) {
        fail(list ? *list : root, "features", "a FeatureCollection needs a 'features' list");
        return features;
      }
      for (std::size_t i = 0; i < list->items.size() && !over_file_limit_; ++i)
        if (auto f = feature(list->items[i], "features[" + std::to_string(i) + "]"))
          features.push_back(std::move(*f));
    } else if (type == "Feature") {
      if (auto f = feature(root, "")) features.push_back(std::move(*f));
    } else {
      GeoFeature f;
      f.where = at(root);
      if (geometry(root, "", f.geometry)) features.push_back(std::move(f));
    }
    return features;
  }

 private:
  SourceLocation at(const Json& value) const { return lines_.at(value.offset); }
  void fail(const Json& value, const std::string& field, const std::string& message) {
    out_.push_back({at(value), field, message});
  }
  static std::string join(const std::string& path, const std::string& key) {
    return path.empty() ? key : path + "." + key;
  }

  std::optional<GeoFeature> feature(const Json& value, const std::string& path) {
    if (value.type != Json::Type::object || value.string_member("type") != "Feature") {
      fail(value, path, "expected a Feature (an object with \"type\": \"Feature\")");
      return std::nullopt;
    }
    GeoFeature f;
    f.where = at(value);
    f.field = path;
    if (const Json* id = value.find("id")) {
      if (id->type == Json::Type::string)
        f.id = id->text;
      else if (id->type == Json::Type::number)
        f.id = format(id->number);
    }
    if (const Json* properties = value.find("properties");
        properties && properties->type == Json::Type::object) {
      if (f.id.empty()) f.id = properties->string_member("id");
      f.label = properties->string_member("label");
      f.source = properties->string_member("source");
    }
    const Json* geom = value.find("geometry");
    if (!geom || geom->type != Json::Type::object) {
      fail(geom ? *geom : value, join(path, "geometry"), "a Feature needs a geometry object");
      return std::nullopt;
    }
    if (!geometry(*geom, join(path, "geometry"), f.geometry)) return std::nullopt;
    return f;
  }

  bool geometry(const Json& value, const std::string& path, Geometry& into) {
    std::string type = value.string_member("type");
    const Json* coords = value.find("coordinates");
    std::string field = join(path, "coordinates");
    points_in_geometry_ = 0;
    std::size_t before = out_.size();
    if (type == "LineString" || type == "MultiLineString" || type == "Polygon" ||
        type == "MultiPolygon") {
      if (!coords || coords->type != Json::Type::array) {
        fail(coords ? *coords : value, field, "a " + type + " needs a 'coordinates' list");
        return false;
      }
    }
    if (type == "LineString") {
      into.kind = Geometry::Kind::line;
      line(*coords, field, into);
    } else if (type == "MultiLineString") {
      into.kind = Geometry::Kind::line;
      for (std::size_t i = 0; i < coords->items.size(); ++i)
        line(coords->items[i], field + "[" + std::to_string(i) + "]", into);
      if (coords->items.empty()) fail(*coords, field, "a MultiLineString needs at least one line");
    } else if (type == "Polygon") {
      into.kind = Geometry::Kind::area;
      polygon(*coords, field, into);
    } else if (type == "MultiPolygon") {
      into.kind = Geometry::Kind::area;
      for (std::size_t i = 0; i < coords->items.size(); ++i)
        polygon(coords->items[i], field + "[" + std::to_string(i) + "]", into);
      if (coords->items.empty()) fail(*coords, field, "a MultiPolygon needs at least one polygon");
    } else {
      const Json* type_value = value.find("type");
      std::string why =
          type.empty() ? "a geometry needs a \"type\"" : "geometry type '" + type + "'";
      if (type == "Point" || type == "MultiPoint")
        why += " is not a line or an area (a named point is a site, in sites.yaml)";
      else if (type == "GeometryCollection")
        why += " is not supported (give each line or area its own Feature)";
      else if (!type.empty())
        why += " is unknown";
      fail(type_value ? *type_value : value, join(path, "type"), why + "; expected " + kKinds);
      return false;
    }
    return out_.size() == before;
  }

  // A position [longitude, latitude] or [longitude, latitude, altitude].
  bool position(const Json& value, const std::string& field, LatLon& into) {
    if (value.type != Json::Type::array || value.items.size() < 2 || value.items.size() > 3 ||
        std::any_of(value.items.begin(), value.items.end(),
                    [](const Json& v) { return v.type != Json::Type::number; })) {
      fail(value, field, "expected a position [longitude, latitude] of numbers");
      return false;
    }
    double lon = value.items[0].number, lat = value.items[1].number;
    if (lon < -180 || lon > 180) {
      fail(value.items[0], field + "[0]",
           "longitude must be between -180 and 180, got " + format(lon));
      return false;
    }
    if (lat < -90 || lat > 90) {
      fail(value.items[1], field + "[1]",
           "latitude must be between -90 and 90, got " + format(lat));
      return false;
    }
    into = {lat, lon};
    return true;
  }
  static std::string format(double value) {
    std::string text = std::to_string(value);
    text.erase(text.find_last_not_of('0') + 1);
    if (!text.empty() && text.back() == '.') text.pop_back();
    return text;
  }

  // Counts positions against both bounds; false once either is passed.
  bool count(const Json& value, const std::string& field, std::size_t n) {
    points_in_file_ += n;
    points_in_geometry_ += n;
    if (points_in_geometry_ > limits_.max_points_per_geometry) {
      fail(value, field,
           "more than " + std::to_string(limits_.max_points_per_geometry) +
               " positions in one geometry (the limit per geometry)");
      return false;
    }
    if (points_in_file_ > limits_.max_points_per_file) {
      fail(value, field,
           "more than " + std::to_string(limits_.max_points_per_file) +
               " positions in the file (the limit per file)");
      over_file_limit_ = true;
      return false;
    }
    return true;
  }

  std::optional<std::vector<LatLon>> positions(const Json& value, const std::string& field) {
    if (value.type != Json::Type::array) {
      fail(value, field, "expected a list of positions");
      return std::nullopt;
    }
    if (!count(value, field, value.items.size())) return std::nullopt;
    std::vector<LatLon> result(value.items.size());
    for (std::size_t i = 0; i < value.items.size(); ++i)
      if (!position(value.items[i], field + "[" + std::to_string(i) + "]", result[i]))
        return std::nullopt;
    return result;
  }

  void line(const Json& value, const std::string& field, Geometry& into) {
    auto points = positions(value, field);
    if (!points) return;
    if (points->size() < 2) {
      fail(value, field, "a line needs at least two positions");
      return;
    }
    into.lines.push_back(std::move(*points));
    into.line_at.push_back(at(value));
  }

  void polygon(const Json& value, const std::string& field, Geometry& into) {
    if (value.type != Json::Type::array || value.items.empty()) {
      fail(value, field, "a polygon needs a list of rings (the outer ring, then any holes)");
      return;
    }
    PolygonRings polygon;
    for (std::size_t r = 0; r < value.items.size(); ++r) {
      const Json& ring = value.items[r];
      std::string ring_field = field + "[" + std::to_string(r) + "]";
      auto points = positions(ring, ring_field);
      if (!points) return;
      if (points->size() < 4) {
        fail(ring, ring_field,
             "a ring needs at least four positions (three corners and the first again)");
        return;
      }
      if (points->front() != points->back()) {
        fail(ring, ring_field,
             "the ring is not closed: its last position must repeat its first (RFC 7946 3.1.6)");
        return;
      }
      points->pop_back();
      polygon.rings.push_back(std::move(*points));
      polygon.ring_at.push_back(at(ring));
    }
    into.polygons.push_back(std::move(polygon));
  }

  const Lines& lines_;
  const GeoJsonLimits& limits_;
  std::vector<Diagnostic>& out_;
  std::size_t points_in_file_ = 0;
  std::size_t points_in_geometry_ = 0;
  bool over_file_limit_ = false;
};

}  // namespace

std::vector<GeoFeature> read_geojson(std::string_view text, const std::string& file,
                                     std::vector<Diagnostic>& out, const GeoJsonLimits& limits) {
  Lines lines(text, file);
  std::size_t read = 0;
  Builder builder(text, lines, read, limits, out);
  TrackingIterator first(text.data(), text.data(), &read);
  TrackingIterator last(text.data() + text.size(), text.data(), &read);
  bool parsed = nlohmann::json::sax_parse(first, last, &builder);
  if (!parsed || builder.failed()) return {};
  Reader reader(lines, limits, out);
  auto features = reader.document(builder.root());
  for (auto& f : features) f.geometry.file = file;
  return features;
}

}  // namespace reassure::io

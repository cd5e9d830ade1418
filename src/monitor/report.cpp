#include "monitor/report.hpp"

#include <simdjson.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <unordered_map>

#include "core/date.hpp"
#include "core/utf8.hpp"

namespace reassure::monitor {

namespace {

using simdjson::ondemand::json_type;
using simdjson::ondemand::object;
using simdjson::ondemand::value;

template <typename Enum, std::size_t N>
struct Names {
  std::array<std::string_view, N> names;
  std::string_view of(Enum e) const { return names[static_cast<std::size_t>(e)]; }
  std::optional<Enum> find(std::string_view text) const {
    for (std::size_t i = 0; i < N; ++i)
      if (names[i] == text) return static_cast<Enum>(i);
    return std::nullopt;
  }
  std::string listed() const {
    std::string out;
    for (auto name : names) out += (out.empty() ? "" : ", ") + std::string(name);
    return out;
  }
};

constexpr Names<SourceKind, 6> kSourceKinds{
    {"patrol", "uav", "camera", "acoustic_sensor", "radar", "open_source"}};
constexpr Names<IncidentType, 10> kIncidentTypes{
    {"explosion", "shelling", "small_arms_fire", "heavy_weapon_seen", "drone", "airspace_violation",
     "movement_of_forces", "mine", "restriction_of_movement", "uav_jamming"}};
constexpr Names<WeaponClass, 12> kWeaponClasses{
    {"unknown", "small_arms", "mortar", "artillery_under_100mm", "artillery_100mm_plus", "mlrs",
     "heavy_mlrs", "tank", "armoured_vehicle", "air_defence", "aircraft", "drone"}};
constexpr Names<ReportStatus, 3> kStatuses{{"reported", "corrected", "withdrawn"}};

// A field's problem: thrown inside one line's parse, caught once, made a Quarantine.
struct FieldError {
  std::string field;
  std::string reason;
};

std::string_view why(simdjson::error_code error) {
  switch (error) {
    case simdjson::UTF8_ERROR:
      return "text that is not UTF-8";
    case simdjson::NUMBER_ERROR:
    case simdjson::NUMBER_OUT_OF_RANGE:
      return "a number out of range";
    case simdjson::INCORRECT_TYPE:
      return "a value of the wrong type";
    case simdjson::DEPTH_ERROR:
      return "nesting deeper than allowed";
    case simdjson::CAPACITY:
      return "a line longer than allowed";
    default:
      return "not valid JSON";
  }
}

void check(simdjson::error_code error, std::string_view field) {
  if (error) throw FieldError{std::string(field), std::string(why(error))};
}

std::string_view text_of(value v, std::string_view field) {
  json_type type;
  check(v.type().get(type), field);
  if (type != json_type::string) throw FieldError{std::string(field), "expected text in quotes"};
  std::string_view text;
  check(v.get_string().get(text), field);
  return text;
}

double number_of(value v, std::string_view field, double low, double high) {
  json_type type;
  check(v.type().get(type), field);
  if (type != json_type::number) throw FieldError{std::string(field), "expected a number"};
  double number;
  check(v.get_double().get(number), field);
  if (!std::isfinite(number) || number < low || number > high)
    throw FieldError{std::string(field), "expected a number from " + std::to_string(low) + " to " +
                                             std::to_string(high)};
  return number;
}

std::uint64_t whole_of(value v, std::string_view field, std::uint64_t low, std::uint64_t high) {
  json_type type;
  check(v.type().get(type), field);
  if (type != json_type::number) throw FieldError{std::string(field), "expected a whole number"};
  std::uint64_t number;
  if (v.get_uint64().get(number))
    throw FieldError{std::string(field), "expected a whole number from " + std::to_string(low) +
                                             " to " + std::to_string(high)};
  if (number < low || number > high)
    throw FieldError{std::string(field), "expected a whole number from " + std::to_string(low) +
                                             " to " + std::to_string(high)};
  return number;
}

template <typename Enum, std::size_t N>
Enum named(value v, std::string_view field, const Names<Enum, N>& names) {
  auto text = text_of(v, field);
  auto found = names.find(text);
  if (!found) throw FieldError{std::string(field), "expected one of " + names.listed()};
  return *found;
}

// Text a person wrote or an id: bounded, and without control characters that would break a
// table or a log line (a tab and line breaks are allowed in free text only).
std::string bounded_text(std::string_view text, std::string_view field, std::size_t max,
                         bool free_text) {
  if (text.size() > max)
    throw FieldError{std::string(field), "longer than " + std::to_string(max) + " bytes"};
  for (unsigned char c : text)
    if ((c < 0x20 && !(free_text && (c == '\t' || c == '\n' || c == '\r'))) || c == 0x7f)
      throw FieldError{std::string(field), "holds a control character"};
  return std::string(text);
}

std::string path(std::string_view parent, std::string_view key) {
  return parent.empty() ? std::string(key) : std::string(parent) + "." + std::string(key);
}

// Each key once: a second one would leave which value counts to the reader. Objects of a report
// have a few known keys (any other is refused), so a small fixed list does, with no allocation.
struct SeenKeys {
  std::array<std::string_view, 24> keys;
  std::size_t count = 0;
  void add(std::string_view key, std::string_view parent) {
    for (std::size_t i = 0; i < count; ++i)
      if (keys[i] == key) throw FieldError{path(parent, key), "appears twice"};
    if (count == keys.size()) throw FieldError{path(parent, key), "too many fields"};
    keys[count++] = key;
  }
};

void read_source(value v, Report& report, bool& has_kind) {
  object source;
  if (v.get_object().get(source)) throw FieldError{"source", "expected an object"};
  SeenKeys seen;
  for (auto entry : source) {
    std::string_view key;
    check(entry.unescaped_key().get(key), "source");
    seen.add(key, "source");
    value inner = entry.value();
    if (key == "kind") {
      report.source_kind = named(inner, "source.kind", kSourceKinds);
      has_kind = true;
    } else if (key == "id") {
      report.source_id = bounded_text(text_of(inner, "source.id"), "source.id", 128, false);
    } else if (key == "sequence") {
      report.sequence = whole_of(inner, "source.sequence", 0, std::uint64_t(1) << 53);
    } else {
      throw FieldError{path("source", key), "not a field of a source (kind, id, sequence)"};
    }
  }
}

struct Position {
  std::optional<double> lat, lon, precision_m;
};

void read_position(value v, Position& position) {
  object object_value;
  if (v.get_object().get(object_value)) throw FieldError{"position", "expected an object"};
  SeenKeys seen;
  for (auto entry : object_value) {
    std::string_view key;
    check(entry.unescaped_key().get(key), "position");
    seen.add(key, "position");
    value inner = entry.value();
    // Both coordinates are read up to ±180 so that swapped ones can be recognised and repaired.
    if (key == "lat")
      position.lat = number_of(inner, "position.lat", -180, 180);
    else if (key == "lon")
      position.lon = number_of(inner, "position.lon", -180, 180);
    else if (key == "precision_m")
      position.precision_m = number_of(inner, "position.precision_m", 0, 1e6);
    else
      throw FieldError{path("position", key), "not a field of a position (lat, lon, precision_m)"};
  }
}

Releasability read_releasability(value v) {
  json_type type;
  check(v.type().get(type), "releasability");
  std::string text;
  if (type == json_type::string) {
    text = std::string(text_of(v, "releasability"));
  } else if (type == json_type::array) {
    simdjson::ondemand::array nations;
    check(v.get_array().get(nations), "releasability");
    text = "rel:";
    std::size_t count = 0;
    for (auto item : nations) {
      value code;
      check(item.get(code), "releasability");
      if (++count > kMaxReleasableNations)
        throw FieldError{"releasability",
                         "more than " + std::to_string(kMaxReleasableNations) + " nations"};
      text += (count > 1 ? "," : "") + std::string(text_of(code, "releasability"));
    }
    if (count == 0) throw FieldError{"releasability", "an empty list releases to no one"};
  } else {
    throw FieldError{"releasability", "expected \"public\", \"coalition\" or a list of nations"};
  }
  std::string problem;
  auto marking = releasability_from_string(text, problem);
  if (!marking) throw FieldError{"releasability", problem};
  return *marking;
}

}  // namespace

std::string_view to_string(SourceKind kind) {
  return kSourceKinds.of(kind);
}
std::string_view to_string(IncidentType type) {
  return kIncidentTypes.of(type);
}
std::string_view to_string(WeaponClass weapon) {
  return kWeaponClasses.of(weapon);
}
std::string_view to_string(ReportStatus status) {
  return kStatuses.of(status);
}

std::optional<std::int64_t> parse_timestamp(std::string_view text) {
  // YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)
  if (text.size() < 20 || text.size() > 40) return std::nullopt;
  auto date = Date::parse(text.substr(0, 10));
  if (!date || *date < Date::earliest() || Date::latest() < *date) return std::nullopt;
  if (text[10] != 'T' && text[10] != 't' && text[10] != ' ') return std::nullopt;
  auto two = [&](std::size_t at) -> int {
    if (at + 2 > text.size()) return -1;
    char a = text[at], b = text[at + 1];
    if (a < '0' || a > '9' || b < '0' || b > '9') return -1;
    return (a - '0') * 10 + (b - '0');
  };
  int hour = two(11), minute = two(14), second = two(17);
  if (text[13] != ':' || text[16] != ':' || hour < 0 || hour > 23 || minute < 0 || minute > 59 ||
      second < 0 || second > 59)
    return std::nullopt;
  std::size_t at = 19;
  if (at < text.size() && text[at] == '.') {
    ++at;
    std::size_t digits = 0;
    while (at < text.size() && text[at] >= '0' && text[at] <= '9') ++at, ++digits;
    if (digits == 0 || digits > 9) return std::nullopt;
  }
  if (at >= text.size()) return std::nullopt;  // a time without a zone is ambiguous
  int offset = 0;
  if (text[at] == 'Z' || text[at] == 'z') {
    ++at;
  } else if (text[at] == '+' || text[at] == '-') {
    int sign = text[at] == '-' ? -1 : 1;
    int hours = two(at + 1), minutes = two(at + 4);
    if (at + 6 > text.size() || text[at + 3] != ':' || hours < 0 || hours > 23 || minutes < 0 ||
        minutes > 59)
      return std::nullopt;
    offset = sign * (hours * 3600 + minutes * 60);
    at += 6;
  } else {
    return std::nullopt;
  }
  if (at != text.size()) return std::nullopt;
  return std::int64_t(date->days_since_epoch()) * 86400 + hour * 3600 + minute * 60 + second -
         offset;
}

std::string format_timestamp(std::int64_t seconds) {
  std::int64_t days = seconds >= 0 ? seconds / 86400 : -((-seconds + 86399) / 86400);
  std::int64_t in_day = seconds - days * 86400;
  std::string date =
      Date::earliest().plus_days(int(days - Date::earliest().days_since_epoch())).iso();
  char clock[16];
  std::snprintf(clock, sizeof clock, "T%02d:%02d:%02dZ", int(in_day / 3600), int(in_day / 60 % 60),
                int(in_day % 60));
  return date + clock;
}

std::vector<std::size_t> current_versions(const std::vector<Report>& all) {
  // The latest version of each report, by key; ties keep the first seen (a duplicate line).
  std::unordered_map<std::string, std::size_t> latest;
  latest.reserve(all.size());
  auto key_of = [](const Report& r) {
    std::string key(to_string(r.source_kind));
    key += '\x1f';
    key += r.source_id;
    key += '\x1f';
    key += r.id;
    return key;
  };
  for (std::size_t i = 0; i < all.size(); ++i) {
    auto [at, added] = latest.try_emplace(key_of(all[i]), i);
    if (!added && all[i].version > all[at->second].version) at->second = i;
  }
  std::vector<std::size_t> kept;
  for (const auto& [key, index] : latest)
    if (all[index].status != ReportStatus::withdrawn) kept.push_back(index);
  std::sort(kept.begin(), kept.end());
  return kept;
}

struct ReportReader::State {
  ReportLimits limits;
  simdjson::ondemand::parser parser;
  std::string buffer;  // the line, with simdjson's padding after it
};

ReportReader::ReportReader(ReportLimits limits) : state_(std::make_unique<State>()) {
  state_->limits = limits;
  state_->parser = simdjson::ondemand::parser(limits.max_line_bytes);
  state_->buffer.reserve(limits.max_line_bytes + simdjson::SIMDJSON_PADDING);
}

ReportReader::~ReportReader() = default;

ParsedReport ReportReader::parse_line(std::string_view line, std::int64_t received_at,
                                      std::string_view file, std::uint64_t line_number) {
  ParsedReport out;
  auto quarantine = [&](std::string field, std::string reason) {
    out.report.reset();
    out.repairs.clear();
    out.problem = Quarantine{std::string(file), line_number, std::move(field), std::move(reason)};
    return out;
  };
  const ReportLimits& limits = state_->limits;
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);  // a Windows line end
  if (line.size() > limits.max_line_bytes)
    return quarantine("", "a line longer than " + std::to_string(limits.max_line_bytes) + " bytes");
  state_->buffer.assign(line);
  state_->buffer.append(simdjson::SIMDJSON_PADDING, '\0');
  simdjson::padded_string_view input(state_->buffer.data(), line.size(), state_->buffer.size());

  Report report;
  Position position;
  bool has_id = false, has_kind = false, has_time = false, has_type = false;
  try {
    simdjson::ondemand::document document;
    check(state_->parser.iterate(input).get(document), "");
    object root;
    if (document.get_object().get(root)) throw FieldError{"", "expected a JSON object"};
    SeenKeys seen;
    for (auto entry : root) {
      std::string_view key;
      check(entry.unescaped_key().get(key), "");
      std::string_view field = key;  // a top-level field's path is its key
      seen.add(key, "");
      value v = entry.value();
      if (key == "id") {
        report.id = bounded_text(text_of(v, field), field, limits.max_id_bytes, false);
        if (report.id.empty()) throw FieldError{std::string(field), "empty"};
        has_id = true;
      } else if (key == "source") {
        read_source(v, report, has_kind);
      } else if (key == "version") {
        report.version = std::uint32_t(whole_of(v, field, 1, 1'000'000));
      } else if (key == "status") {
        report.status = named(v, field, kStatuses);
      } else if (key == "observed_at") {
        auto text = text_of(v, field);
        auto when = parse_timestamp(text);
        if (!when)
          throw FieldError{std::string(field),
                           "expected an RFC 3339 time with its zone, 1900 to 2100 "
                           "(2026-03-01T14:05:00Z)"};
        report.observed_at = *when;
        has_time = true;
      } else if (key == "time_precision_s") {
        report.time_precision_s = std::uint32_t(whole_of(v, field, 0, 366 * 86400));
      } else if (key == "position") {
        read_position(v, position);
      } else if (key == "type") {
        report.type = named(v, field, kIncidentTypes);
        has_type = true;
      } else if (key == "weapon_class") {
        report.weapon = named(v, field, kWeaponClasses);
      } else if (key == "calibre_mm") {
        report.calibre_mm = number_of(v, field, 1, 1000);
      } else if (key == "count") {
        report.count = std::uint32_t(whole_of(v, field, 1, 1'000'000));
      } else if (key == "direction_deg") {
        double direction = number_of(v, field, 0, 360);
        report.direction_deg = direction == 360 ? 0 : direction;
      } else if (key == "confidence") {
        report.confidence = number_of(v, field, 0, 1);
      } else if (key == "text") {
        report.text = bounded_text(text_of(v, field), field, limits.max_text_bytes, true);
      } else if (key == "releasability") {
        report.releasability = read_releasability(v);
      } else {
        throw FieldError{std::string(field), "not a field of a report (docs/report-format.md)"};
      }
    }
    // Past the object, the document must be at its end (current_location says out of bounds).
    if (document.current_location().error() != simdjson::OUT_OF_BOUNDS)
      throw FieldError{"", "more than one JSON value on the line"};
  } catch (const FieldError& error) {
    // simdjson checks UTF-8 over the whole line in its first pass; the byte is located here,
    // only for a line that has one.
    if (auto bad = invalid_utf8_at(line); bad != std::string_view::npos)
      return quarantine("", "text that is not UTF-8 at byte " + std::to_string(bad + 1));
    return quarantine(error.field, error.reason);
  }

  if (!has_id) return quarantine("id", "missing");
  if (!has_kind) return quarantine("source.kind", "missing");
  if (report.status == ReportStatus::withdrawn) {
    // A withdrawal names the report it takes back; the rest may be left out.
    out.report = std::move(report);
    return out;
  }
  if (!has_time) return quarantine("observed_at", "missing");
  if (!has_type) return quarantine("type", "missing");
  if (!position.lat || !position.lon)
    return quarantine(position.lat ? "position.lon" : "position.lat", "missing");
  if (!position.precision_m) return quarantine("position.precision_m", "missing");
  double lat = *position.lat, lon = *position.lon;
  if (lat == 0 && lon == 0)
    return quarantine("position", "0, 0 (off the coast of Africa): a position never filled in");
  if (lat == lon)
    return quarantine("position", "latitude equals longitude: one field copied into the other");
  if (std::abs(lat) > 90) {
    if (std::abs(lon) > 90) return quarantine("position.lat", "expected a latitude from -90 to 90");
    // Repair "swapped-coordinates": a latitude beyond ±90 with a longitude that could be one.
    out.repairs.push_back({"position", "swapped-coordinates",
                           "read lat " + std::to_string(lat) + ", lon " + std::to_string(lon) +
                               "; kept lat " + std::to_string(lon) + ", lon " +
                               std::to_string(lat)});
    std::swap(lat, lon);
  }
  report.lat = lat;
  report.lon = lon;
  report.precision_m = *position.precision_m;
  if (report.observed_at > received_at + limits.future_tolerance_s)
    return quarantine("observed_at", "in the future: " + format_timestamp(report.observed_at) +
                                         ", received " + format_timestamp(received_at));
  out.report = std::move(report);
  return out;
}

}  // namespace reassure::monitor

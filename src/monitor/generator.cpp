#include "monitor/generator.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

namespace reassure::monitor {

namespace {

constexpr double kKmPerDegree = 111.32;

struct Source {
  SourceKind kind;
  std::string id;
  double precision_m;    // ~2 standard deviations of its position error
  int time_precision_s;  // ~2 standard deviations of its clock and timing error
  double confidence;
  std::uint64_t sequence = 0;
};

std::vector<Source> sources_of(const GeneratorOptions& o) {
  std::vector<Source> sources;
  auto add = [&](int count, SourceKind kind, const char* prefix, double precision, int time,
                 double confidence) {
    for (int i = 1; i <= count; ++i)
      sources.push_back({kind, fmt::format("{}-{}", prefix, i), precision, time, confidence});
  };
  add(o.patrols, SourceKind::patrol, "patrol", 2000, 120, 0.9);
  add(o.uavs, SourceKind::uav, "uav", 150, 10, 0.85);
  add(o.cameras, SourceKind::camera, "camera", 600, 5, 0.8);
  add(o.acoustic_sensors, SourceKind::acoustic_sensor, "acoustic", 1500, 2, 0.6);
  return sources;
}

// A point on the line, chosen uniformly by length, moved across it by a normal distance.
LatLonPoint place_near_line(const GeneratorOptions& o, std::mt19937_64& random) {
  const auto& line = o.line;
  std::vector<double> lengths;
  for (std::size_t i = 1; i < line.size(); ++i) {
    double dy = (line[i].lat - line[i - 1].lat) * kKmPerDegree;
    double dx = (line[i].lon - line[i - 1].lon) * kKmPerDegree * std::cos(line[i].lat * M_PI / 180);
    lengths.push_back(std::hypot(dx, dy));
  }
  std::discrete_distribution<std::size_t> segment(lengths.begin(), lengths.end());
  std::size_t s = segment(random);
  double t = std::uniform_real_distribution<double>(0, 1)(random);
  LatLonPoint a = line[s], b = line[s + 1];
  double lat = a.lat + t * (b.lat - a.lat), lon = a.lon + t * (b.lon - a.lon);
  double cos_lat = std::cos(lat * M_PI / 180);
  double dy = (b.lat - a.lat) * kKmPerDegree, dx = (b.lon - a.lon) * kKmPerDegree * cos_lat;
  double length = std::hypot(dx, dy);
  double across = std::normal_distribution<double>(0, o.spread_km)(random);
  // The unit normal to the segment, (-dy, dx) / length, in km, back to degrees.
  lat += across * (dx / length) / kKmPerDegree;
  lon += across * (-dy / length) / (kKmPerDegree * cos_lat);
  return {lat, lon};
}

std::pair<IncidentType, WeaponClass> kind_of_event(std::mt19937_64& random) {
  double u = std::uniform_real_distribution<double>(0, 1)(random);
  std::uniform_int_distribution<int> three(0, 2);
  if (u < 0.35) {
    const WeaponClass guns[] = {WeaponClass::artillery_100mm_plus, WeaponClass::mlrs,
                                WeaponClass::mortar};
    return {IncidentType::shelling, guns[three(random)]};
  }
  if (u < 0.65) return {IncidentType::explosion, WeaponClass::unknown};
  if (u < 0.90) return {IncidentType::small_arms_fire, WeaponClass::small_arms};
  if (u < 0.94) {
    const WeaponClass heavy[] = {WeaponClass::tank, WeaponClass::artillery_100mm_plus,
                                 WeaponClass::mlrs};
    return {IncidentType::heavy_weapon_seen, heavy[three(random)]};
  }
  if (u < 0.99) return {IncidentType::drone, WeaponClass::drone};
  return {IncidentType::mine, WeaponClass::unknown};
}

// What a source of this kind reports of an event of this type: a sensor that only hears tells
// an explosion, not what fired; a camera cannot see a mine.
IncidentType observed_type(IncidentType truth, SourceKind kind) {
  if (kind == SourceKind::acoustic_sensor && truth == IncidentType::shelling)
    return IncidentType::explosion;
  return truth;
}

struct Observation {
  std::int64_t arrival;
  std::string line;
  long event;
};

std::string report_line(const Source& source, const std::string& id, std::uint64_t sequence,
                        int version, std::string_view status, std::int64_t observed_at, double lat,
                        double lon, IncidentType type, WeaponClass weapon) {
  return fmt::format(
      R"({{"id":"{}","source":{{"kind":"{}","id":"{}","sequence":{}}},"version":{},"status":"{}",)"
      R"("observed_at":"{}","time_precision_s":{},"position":{{"lat":{:.6f},"lon":{:.6f},)"
      R"("precision_m":{:.0f}}},"type":"{}","weapon_class":"{}","confidence":{}}})",
      id, to_string(source.kind), source.id, sequence, version, status,
      format_timestamp(observed_at), source.time_precision_s, lat, lon, source.precision_m,
      to_string(type), to_string(weapon), source.confidence);
}

}  // namespace

GeneratedStream generate_stream(const GeneratorOptions& o) {
  std::mt19937_64 random(o.seed);
  std::uniform_real_distribution<double> unit(0, 1);
  GeneratedStream out;
  auto sources = sources_of(o);
  std::vector<Observation> observations;
  std::vector<std::size_t> order(sources.size());

  for (int day = 0; day < o.days; ++day) {
    double rate = o.escalation_day >= 0 && day >= o.escalation_day ? o.escalated_events_per_day
                                                                   : o.calm_events_per_day;
    int events = std::poisson_distribution<int>(rate)(random);
    for (int e = 0; e < events; ++e) {
      TrueEvent event;
      event.id = fmt::format("event-{}", out.events.size() + 1);
      event.day = day;
      event.time = o.start + std::int64_t(day) * 86400 + std::int64_t(unit(random) * 86400);
      auto place = place_near_line(o, random);
      event.lat = place.lat, event.lon = place.lon;
      std::tie(event.type, event.weapon) = kind_of_event(random);
      const long index = long(out.events.size());
      out.events.push_back(event);

      // One to four sources see it, none twice.
      int seen_by = 1 + std::binomial_distribution<int>(3, 0.4)(random);
      std::iota(order.begin(), order.end(), 0);
      std::shuffle(order.begin(), order.end(), random);
      for (int k = 0; k < seen_by && k < int(order.size()); ++k) {
        Source& source = sources[order[k]];
        const std::uint64_t sequence = ++source.sequence;
        const std::string id = fmt::format("{}-{}", source.id, sequence);
        std::normal_distribution<double> metres(0, source.precision_m / 2);
        std::normal_distribution<double> seconds(0, source.time_precision_s / 2.0);
        double cos_lat = std::cos(event.lat * M_PI / 180);
        double lat = event.lat + metres(random) / 1000 / kKmPerDegree;
        double lon = event.lon + metres(random) / 1000 / (kKmPerDegree * cos_lat);
        std::int64_t when = event.time + std::int64_t(std::lround(seconds(random)));
        std::int64_t arrival = when + 60 + std::int64_t(unit(random) * 540);
        if (unit(random) < o.late_share) arrival += std::int64_t(unit(random) * 6 * 3600);
        IncidentType type = observed_type(event.type, source.kind);
        std::string line =
            report_line(source, id, sequence, 1, "reported", when, lat, lon, type, event.weapon);
        if (unit(random) < o.malformed_share) {
          // Broken in transit: cut short.
          line.resize(line.size() / 2);
          observations.push_back({arrival, line, -1});
          continue;
        }
        observations.push_back({arrival, line, index});
        if (unit(random) < o.duplicate_share) observations.push_back({arrival + 30, line, index});
        double u = unit(random);
        if (u < o.correction_share) {
          // A second look, closer to the truth.
          observations.push_back(
              {arrival + 1800,
               report_line(source, id, sequence, 2, "corrected", when, (lat + event.lat) / 2,
                           (lon + event.lon) / 2, type, event.weapon),
               index});
        } else if (u < o.correction_share + o.withdrawal_share) {
          observations.push_back({arrival + 3600,
                                  fmt::format(R"({{"id":"{}","source":{{"kind":"{}","id":"{}"}},)"
                                              R"("version":2,"status":"withdrawn"}})",
                                              id, to_string(source.kind), source.id),
                                  index});
        }
      }
    }
  }
  std::stable_sort(
      observations.begin(), observations.end(),
      [](const Observation& a, const Observation& b) { return a.arrival < b.arrival; });
  out.lines.reserve(observations.size());
  for (auto& observation : observations) {
    out.lines.push_back(std::move(observation.line));
    out.arrival.push_back(observation.arrival);
    out.event_of_line.push_back(observation.event);
  }
  return out;
}

}  // namespace reassure::monitor

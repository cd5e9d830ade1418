#include "monitor/fusion.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

namespace reassure::monitor {

namespace {

constexpr double kMetresPerDegree = 111'320;

struct Open {
  Incident incident;
  double weight_position = 0;  // sum of 1/σ² of its reports
  double weight_time = 0;
  double not_confident = 1;    // product of (1 - confidence) over its sources
  std::int64_t last_time = 0;  // its latest report's time
  std::int64_t reach_s = 0;    // the largest time precision among its reports
  std::vector<std::pair<SourceKind, std::string>> sources;
};

double sigma_of(double precision_m) {
  return std::max(precision_m, 1.0) / 2;
}

// The more specific of two compatible types: what fired beats what was heard.
IncidentType specific(IncidentType a, IncidentType b) {
  return a == IncidentType::explosion ? b : a;
}

}  // namespace

bool compatible(IncidentType a, IncidentType b) {
  if (a == b) return true;
  auto heard = [](IncidentType t) {
    return t == IncidentType::explosion || t == IncidentType::shelling;
  };
  return heard(a) && heard(b);
}

std::vector<Incident> fuse(std::span<const Report> reports, const FusionRules& rules) {
  std::vector<std::size_t> order;
  order.reserve(reports.size());
  for (std::size_t i = 0; i < reports.size(); ++i)
    if (reports[i].status != ReportStatus::withdrawn) order.push_back(i);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return reports[a].observed_at < reports[b].observed_at;
  });

  std::vector<Incident> done;
  std::vector<Open> open;
  auto close = [&](Open& o) {
    o.incident.confidence = 1 - o.not_confident;
    o.incident.sources = int(o.sources.size());
    done.push_back(std::move(o.incident));
  };
  for (std::size_t index : order) {
    const Report& r = reports[index];
    // Incidents whose reports are all too long before this one can take no more.
    const std::int64_t reach = rules.max_gap_s + 2 * std::int64_t(r.time_precision_s);
    for (std::size_t i = 0; i < open.size();) {
      if (open[i].last_time + rules.max_gap_s + 2 * open[i].reach_s + reach < r.observed_at) {
        close(open[i]);
        open[i] = std::move(open.back());
        open.pop_back();
      } else {
        ++i;
      }
    }
    const double sigma = sigma_of(r.precision_m);
    const double cos_lat = std::cos(r.lat * M_PI / 180);
    Open* best = nullptr;
    double best_score = 1;
    for (auto& o : open) {
      const Incident& incident = o.incident;
      if (!compatible(incident.type, r.type)) continue;
      const std::int64_t gap = std::llabs(r.observed_at - incident.time);
      if (gap > rules.max_gap_s + std::int64_t(r.time_precision_s + incident.time_precision_s))
        continue;
      const std::pair<SourceKind, std::string> source{r.source_kind, r.source_id};
      if (!r.source_id.empty() &&
          std::find(o.sources.begin(), o.sources.end(), source) != o.sources.end())
        continue;
      const double dy = (r.lat - incident.lat) * kMetresPerDegree;
      const double dx = (r.lon - incident.lon) * kMetresPerDegree * cos_lat;
      const double distance = std::hypot(dx, dy);
      const double sigma_incident = incident.precision_m / 2;
      const double allowed =
          std::max(rules.min_distance_m, rules.sigmas * std::hypot(sigma, sigma_incident));
      const double score = distance / allowed;
      if (score <= best_score) best = &o, best_score = score;
    }
    const double w = 1 / (sigma * sigma);
    const double time_sigma = std::max(1.0, r.time_precision_s / 2.0);
    const double wt = 1 / (time_sigma * time_sigma);
    if (!best) {
      Open o;
      o.incident.reports = {index};
      o.incident.time = r.observed_at;
      o.incident.time_precision_s = r.time_precision_s;
      o.incident.lat = r.lat, o.incident.lon = r.lon;
      o.incident.precision_m = 2 * sigma;
      o.incident.type = r.type;
      o.incident.weapon = r.weapon;
      o.incident.count = r.count;
      o.weight_position = w, o.weight_time = wt;
      o.not_confident = 1 - r.confidence;
      o.last_time = r.observed_at;
      o.reach_s = r.time_precision_s;
      o.sources.emplace_back(r.source_kind, r.source_id);
      open.push_back(std::move(o));
      continue;
    }
    Open& o = *best;
    Incident& incident = o.incident;
    incident.reports.push_back(index);
    // Inverse-variance weighting: the mean of independent measurements of one place, each by
    // its precision; the combined precision is better than any one's.
    const double total = o.weight_position + w;
    incident.lat = (incident.lat * o.weight_position + r.lat * w) / total;
    incident.lon = (incident.lon * o.weight_position + r.lon * w) / total;
    incident.precision_m = 2 / std::sqrt(total);
    o.weight_position = total;
    const double total_t = o.weight_time + wt;
    incident.time = std::llround(
        (double(incident.time) * o.weight_time + double(r.observed_at) * wt) / total_t);
    incident.time_precision_s = 2 / std::sqrt(total_t);
    o.weight_time = total_t;
    incident.type = specific(incident.type, r.type);
    if (incident.weapon == WeaponClass::unknown) incident.weapon = r.weapon;
    incident.count = std::max(incident.count, r.count);
    o.last_time = std::max(o.last_time, r.observed_at);
    o.reach_s = std::max<std::int64_t>(o.reach_s, r.time_precision_s);
    const std::pair<SourceKind, std::string> source{r.source_kind, r.source_id};
    if (r.source_id.empty() ||
        std::find(o.sources.begin(), o.sources.end(), source) == o.sources.end()) {
      o.sources.push_back(source);
      o.not_confident *= 1 - r.confidence;
    }
  }
  for (auto& o : open) close(o);
  std::stable_sort(done.begin(), done.end(),
                   [](const Incident& a, const Incident& b) { return a.time < b.time; });
  return done;
}

}  // namespace reassure::monitor

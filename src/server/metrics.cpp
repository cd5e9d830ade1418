#include "server/metrics.hpp"

#include <fmt/format.h>

#include <tuple>

namespace reassure::server {

const std::vector<double>& Metrics::latency_buckets() {
  static const std::vector<double> buckets{0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1,
                                           0.25,   0.5,   1,     2.5,   5,    10,    30,   60};
  return buckets;
}

std::string prometheus_label(const std::string& value) {
  std::string out;
  for (char c : value) {
    if (c == '\\' || c == '"')
      out += '\\', out += c;
    else if (c == '\n')
      out += "\\n";
    else
      out += c;
  }
  return out;
}

void Metrics::observe_request(const std::string& method, const std::string& route, int status,
                              double seconds) {
  std::lock_guard lock(mutex_);
  ++requests_[{method, route, status}];
  auto& latency = latencies_[{method, route}];
  const auto& bounds = latency_buckets();
  if (latency.buckets.empty()) latency.buckets.assign(bounds.size(), 0);
  for (std::size_t b = 0; b < bounds.size(); ++b)
    if (seconds <= bounds[b]) ++latency.buckets[b];
  ++latency.count;
  latency.sum += seconds;
}

std::atomic<std::int64_t>& Metrics::series(const std::string& name, const std::string& help,
                                           bool is_gauge) {
  std::lock_guard lock(mutex_);
  auto& entry = named_[name];
  if (!entry.value) {
    entry.help = help;
    entry.is_gauge = is_gauge;
    entry.value = std::make_unique<std::atomic<std::int64_t>>(0);
  }
  return *entry.value;
}

std::atomic<std::int64_t>& Metrics::counter(const std::string& name, const std::string& help) {
  return series(name, help, false);
}

std::atomic<std::int64_t>& Metrics::gauge(const std::string& name, const std::string& help) {
  return series(name, help, true);
}

std::string Metrics::prometheus_text() const {
  std::lock_guard lock(mutex_);
  std::string out;
  out += "# HELP reassure_http_requests_total HTTP requests answered, by route and status.\n";
  out += "# TYPE reassure_http_requests_total counter\n";
  for (const auto& [key, count] : requests_) {
    const auto& [method, route, status] = key;
    out +=
        fmt::format("reassure_http_requests_total{{method=\"{}\",route=\"{}\",status=\"{}\"}} {}\n",
                    method, prometheus_label(route), status, count);
  }
  out += "# HELP reassure_http_request_duration_seconds Time to answer, by route.\n";
  out += "# TYPE reassure_http_request_duration_seconds histogram\n";
  const auto& bounds = latency_buckets();
  for (const auto& [key, latency] : latencies_) {
    std::string labels =
        fmt::format("method=\"{}\",route=\"{}\"", key.first, prometheus_label(key.second));
    for (std::size_t b = 0; b < bounds.size(); ++b)
      out += fmt::format("reassure_http_request_duration_seconds_bucket{{{},le=\"{}\"}} {}\n",
                         labels, bounds[b], latency.buckets[b]);
    out += fmt::format("reassure_http_request_duration_seconds_bucket{{{},le=\"+Inf\"}} {}\n",
                       labels, latency.count);
    out +=
        fmt::format("reassure_http_request_duration_seconds_sum{{{}}} {}\n", labels, latency.sum);
    out += fmt::format("reassure_http_request_duration_seconds_count{{{}}} {}\n", labels,
                       latency.count);
  }
  for (const auto& [name, entry] : named_) {
    out += fmt::format("# HELP {} {}\n# TYPE {} {}\n{} {}\n", name, entry.help, name,
                       entry.is_gauge ? "gauge" : "counter", name, entry.value->load());
  }
  return out;
}

}  // namespace reassure::server

// What the server counts, rendered in the Prometheus text exposition format (version 0.0.4):
// requests and their latencies by route template (never by raw path, so that a client cannot
// grow the series without bound), and named counters and gauges the routes declare (solves
// running, plan cache hits...). Thread-safe.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace reassure::server {

class Metrics {
 public:
  // Latency buckets, seconds (upper bounds; +Inf is implied).
  static const std::vector<double>& latency_buckets();

  void observe_request(const std::string& method, const std::string& route, int status,
                       double seconds);

  // A counter or gauge by name (declared once with its help text; later calls return it).
  std::atomic<std::int64_t>& counter(const std::string& name, const std::string& help);
  std::atomic<std::int64_t>& gauge(const std::string& name, const std::string& help);

  std::string prometheus_text() const;

 private:
  struct Series {
    std::string help;
    bool is_gauge = false;
    std::unique_ptr<std::atomic<std::int64_t>> value;
  };
  struct Latency {
    std::vector<std::uint64_t> buckets;  // cumulative counts per bucket, as exposed
    std::uint64_t count = 0;
    double sum = 0;
  };
  std::atomic<std::int64_t>& series(const std::string& name, const std::string& help,
                                    bool is_gauge);

  mutable std::mutex mutex_;
  // (method, route, status) → requests; (method, route) → latencies.
  std::map<std::tuple<std::string, std::string, int>, std::uint64_t> requests_;
  std::map<std::pair<std::string, std::string>, Latency> latencies_;
  std::map<std::string, Series> named_;
};

// A Prometheus label value with backslash, double quote and newline escaped.
std::string prometheus_label(const std::string& value);

}  // namespace reassure::server

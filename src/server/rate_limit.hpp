// A token bucket per client (address or user): `per_second` requests on average, bursts of
// `burst`. The table of clients is bounded: when full, clients whose bucket has refilled are
// forgotten first, and a new client beyond that shares one bucket with the other newcomers,
// so that many addresses cannot exhaust the server's memory.
#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>

namespace reassure::server {

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;

  RateLimiter(double per_second, double burst, std::size_t max_clients = 10'000);

  // True when `client` may make a request now (and takes one token); false when it must wait.
  bool allow(const std::string& client, Clock::time_point now = Clock::now());
  // Seconds until `client` has a token again (0 if it has one).
  double wait_seconds(const std::string& client, Clock::time_point now = Clock::now());

 private:
  struct Bucket {
    double tokens;
    Clock::time_point updated;
  };
  Bucket& bucket(const std::string& client, Clock::time_point now);
  void refill(Bucket& bucket, Clock::time_point now) const;

  double per_second_;
  double burst_;
  std::size_t max_clients_;
  std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;
  Bucket newcomers_;
};

}  // namespace reassure::server

#include "server/rate_limit.hpp"

#include <algorithm>
#include <iterator>

namespace reassure::server {

RateLimiter::RateLimiter(double per_second, double burst, std::size_t max_clients)
    : per_second_(per_second),
      burst_(burst),
      max_clients_(max_clients),
      newcomers_{burst, Clock::now()} {}

void RateLimiter::refill(Bucket& bucket, Clock::time_point now) const {
  double elapsed = std::chrono::duration<double>(now - bucket.updated).count();
  if (elapsed > 0) {
    bucket.tokens = std::min(burst_, bucket.tokens + elapsed * per_second_);
    bucket.updated = now;
  }
}

RateLimiter::Bucket& RateLimiter::bucket(const std::string& client, Clock::time_point now) {
  if (auto it = buckets_.find(client); it != buckets_.end()) return it->second;
  if (buckets_.size() >= max_clients_) {
    for (auto it = buckets_.begin(); it != buckets_.end();) {
      refill(it->second, now);
      it = it->second.tokens >= burst_ ? buckets_.erase(it) : std::next(it);
    }
    if (buckets_.size() >= max_clients_) return newcomers_;
  }
  return buckets_.emplace(client, Bucket{burst_, now}).first->second;
}

bool RateLimiter::allow(const std::string& client, Clock::time_point now) {
  std::lock_guard lock(mutex_);
  auto& b = bucket(client, now);
  refill(b, now);
  if (b.tokens < 1) return false;
  b.tokens -= 1;
  return true;
}

double RateLimiter::wait_seconds(const std::string& client, Clock::time_point now) {
  std::lock_guard lock(mutex_);
  auto& b = bucket(client, now);
  refill(b, now);
  return b.tokens >= 1 ? 0 : (1 - b.tokens) / per_second_;
}

}  // namespace reassure::server

#include "server/rate_limit.hpp"

#include <gtest/gtest.h>

using reassure::server::RateLimiter;
using namespace std::chrono_literals;

TEST(RateLimiter, BurstThenRefillAtTheRate) {
  RateLimiter limiter(2, 3);  // 2 a second, 3 at once
  auto t0 = RateLimiter::Clock::now();
  EXPECT_TRUE(limiter.allow("a", t0));
  EXPECT_TRUE(limiter.allow("a", t0));
  EXPECT_TRUE(limiter.allow("a", t0));
  EXPECT_FALSE(limiter.allow("a", t0));
  EXPECT_DOUBLE_EQ(limiter.wait_seconds("a", t0), 0.5);
  EXPECT_TRUE(limiter.allow("b", t0));  // another client has its own bucket
  EXPECT_FALSE(limiter.allow("a", t0 + 400ms));
  EXPECT_TRUE(limiter.allow("a", t0 + 500ms));
  EXPECT_FALSE(limiter.allow("a", t0 + 500ms));
  // A long pause refills only up to the burst.
  auto later = t0 + 100s;
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(limiter.allow("a", later));
  EXPECT_FALSE(limiter.allow("a", later));
}

TEST(RateLimiter, ManyClientsShareOneBucketBeyondTheTable) {
  RateLimiter limiter(1, 2, 2);  // a table of two clients
  auto t0 = RateLimiter::Clock::now();
  EXPECT_TRUE(limiter.allow("a", t0));
  EXPECT_TRUE(limiter.allow("b", t0));
  // The table is full and neither a nor b has refilled: newcomers share one bucket of 2.
  EXPECT_TRUE(limiter.allow("c", t0));
  EXPECT_TRUE(limiter.allow("d", t0));
  EXPECT_FALSE(limiter.allow("e", t0));
  // Once a and b have refilled they are forgotten and a newcomer gets its own bucket.
  EXPECT_TRUE(limiter.allow("f", t0 + 10s));
  EXPECT_TRUE(limiter.allow("f", t0 + 10s));
}

#include "core/date.hpp"

#include <gtest/gtest.h>

using reassure::Date;

TEST(Date, ParsesIsoDates) {
  auto d = Date::parse("2025-09-04");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->iso(), "2025-09-04");
}

TEST(Date, RejectsMalformedAndImpossibleDates) {
  for (const char* bad : {"2025-9-4", "2025-02-30", "2025-13-01", "04/09/2025", "2025-09-04x", ""})
    EXPECT_FALSE(Date::parse(bad)) << bad;
  EXPECT_TRUE(Date::parse("2024-02-29"));
  EXPECT_FALSE(Date::parse("2025-02-29"));
}

TEST(Date, OrdersAndShifts) {
  auto a = *Date::parse("2025-09-04"), b = *Date::parse("2026-01-06");
  EXPECT_LT(a, b);
  EXPECT_EQ(a.plus_days(124), b);
  EXPECT_EQ(b.days_since_epoch() - a.days_since_epoch(), 124);
  EXPECT_EQ(Date::parse("2026-01-31")->plus_months(1).iso(), "2026-02-28");
  EXPECT_EQ(Date::parse("2026-06-01")->plus_months(6).iso(), "2026-12-01");
}

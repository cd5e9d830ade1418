#include "core/date.hpp"
#include "core/scenario.hpp"

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

TEST(Date, CountsDaysAndWholeMonthsAcrossMonthEndsAndLeapYears) {
  auto d = [](const char* text) { return *Date::parse(text); };
  EXPECT_EQ(d("2024-02-28").days_until(d("2024-03-01")), 2);  // 2024 is a leap year
  EXPECT_EQ(d("2025-02-28").days_until(d("2025-03-01")), 1);
  EXPECT_EQ(d("2100-02-28").days_until(d("2100-03-01")), 1);  // 2100 is not
  EXPECT_EQ(d("2000-02-28").days_until(d("2000-03-01")), 2);  // 2000 is
  EXPECT_EQ(d("2026-03-01").days_until(d("2026-02-01")), -28);
  EXPECT_EQ(d("2024-01-31").plus_months(1).iso(), "2024-02-29");
  EXPECT_EQ(d("2024-01-31").plus_months(2).iso(), "2024-03-31");  // from the start, not chained
  EXPECT_EQ(d("2026-06-01").whole_months_until(d("2026-06-01")), 0);
  EXPECT_EQ(d("2026-06-01").whole_months_until(d("2026-06-30")), 0);
  EXPECT_EQ(d("2026-06-01").whole_months_until(d("2026-07-01")), 1);
  EXPECT_EQ(d("2026-06-01").whole_months_until(d("2027-05-31")), 11);
  EXPECT_EQ(d("2026-06-01").whole_months_until(d("2026-05-31")), -1);
  EXPECT_EQ(d("2024-01-31").whole_months_until(d("2024-02-29")), 1);  // the month end counts
  EXPECT_EQ(d("2024-01-31").whole_months_until(d("2024-02-28")), 0);
  EXPECT_EQ(d("2024-01-30").whole_months_until(d("2024-02-29")), 1);  // 30 Feb is its end
  EXPECT_EQ(d("2024-01-30").whole_months_until(d("2024-03-30")), 2);
}

TEST(Mission, RotationsHaveTheirFirstAndLastDays) {
  reassure::Mission m;
  m.start = *Date::parse("2026-06-01");
  m.rotation_months = 6;
  EXPECT_EQ(m.rotation_start(1).iso(), "2026-06-01");
  EXPECT_EQ(m.rotation_end(1).iso(), "2026-11-30");
  EXPECT_EQ(m.rotation_start(2).iso(), "2026-12-01");
  EXPECT_EQ(m.rotation_end(2).iso(), "2027-05-31");
  m.start = *Date::parse("2023-08-31");  // month ends stay month ends, leap day included
  EXPECT_EQ(m.rotation_start(2).iso(), "2024-02-29");
  EXPECT_EQ(m.rotation_end(1).iso(), "2024-02-28");
  EXPECT_EQ(m.rotation_end(2).iso(), "2024-08-30");
}

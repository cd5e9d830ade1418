#include "core/date.hpp"

#include <charconv>
#include <cstdio>

#include "core/diagnostic.hpp"

namespace reassure {

namespace {
std::optional<int> parse_digits(std::string_view text) {
  int value = 0;
  for (char c : text)
    if (c < '0' || c > '9') return std::nullopt;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}
}  // namespace

std::optional<Date> Date::parse(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto y = parse_digits(text.substr(0, 4));
  auto m = parse_digits(text.substr(5, 2));
  auto d = parse_digits(text.substr(8, 2));
  if (!y || !m || !d) return std::nullopt;
  std::chrono::year_month_day ymd{std::chrono::year(*y), std::chrono::month(unsigned(*m)),
                                  std::chrono::day(unsigned(*d))};
  if (!ymd.ok()) return std::nullopt;
  return Date(ymd);
}

Date Date::earliest() {
  return Date(std::chrono::year(1900) / 1 / 1);
}

Date Date::latest() {
  return Date(std::chrono::year(2100) / 12 / 31);
}

std::optional<Date> Date::parse_in_range(std::string_view text, std::string& problem) {
  auto parsed = parse(text);
  if (!parsed) {
    problem = "expected a date YYYY-MM-DD, got " + excerpt(std::string(text));
    return std::nullopt;
  }
  if (*parsed < earliest() || *parsed > latest()) {
    problem = "date " + std::string(text) + " is out of range (" + earliest().iso() + " to " +
              latest().iso() + ")";
    return std::nullopt;
  }
  return parsed;
}

std::string Date::iso() const {
  std::chrono::year_month_day ymd{days_};
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", int(ymd.year()), unsigned(ymd.month()),
                unsigned(ymd.day()));
  return buffer;
}

Date Date::plus_days(int days) const {
  return Date(days_ + std::chrono::days(days));
}

Date Date::plus_months(int months) const {
  std::chrono::year_month_day ymd{days_};
  auto shifted = ymd + std::chrono::months(months);
  // 31 January + 1 month lands on the last day of February, as a planner would count.
  if (!shifted.ok()) shifted = shifted.year() / shifted.month() / std::chrono::last;
  return Date(shifted);
}

int Date::whole_months_until(Date later) const {
  std::chrono::year_month_day a{days_}, b{later.days_};
  int months =
      (int(b.year()) - int(a.year())) * 12 + int(unsigned(b.month())) - int(unsigned(a.month()));
  // The month difference is off by at most one either way (the day of the month decides).
  while (plus_months(months) > later) --months;
  while (plus_months(months + 1) <= later) ++months;
  return months;
}

}  // namespace reassure

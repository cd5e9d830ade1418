// Calendar dates as the scenario files and statements give them (ISO 8601, day precision).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace reassure {

class Date {
 public:
  Date() = default;
  explicit Date(std::chrono::year_month_day ymd) : days_(std::chrono::sys_days(ymd)) {}

  // Parses "YYYY-MM-DD"; nullopt unless the text is exactly a valid calendar date.
  static std::optional<Date> parse(std::string_view text);

  // The one range of dates the program accepts, in a scenario file or on the command line:
  // 1900-01-01 to 2100-12-31 (docs/scenario-format.md, "Limits").
  static Date earliest();
  static Date latest();
  // parse() within that range; otherwise nullopt, and `problem` says what is wrong with the
  // text in the user's words (not a date, or out of range).
  static std::optional<Date> parse_in_range(std::string_view text, std::string& problem);

  std::string iso() const;
  int days_since_epoch() const { return days_.time_since_epoch().count(); }
  Date plus_days(int days) const;
  Date plus_months(int months) const;
  // Days from this date to `later` (negative when `later` is earlier).
  int days_until(Date later) const { return later.days_since_epoch() - days_since_epoch(); }
  // The largest m with plus_months(m) <= later: whole calendar months elapsed, counted as
  // plus_months counts them (31 January + 1 month is the last day of February).
  int whole_months_until(Date later) const;

  friend auto operator<=>(const Date&, const Date&) = default;

 private:
  explicit Date(std::chrono::sys_days days) : days_(days) {}
  std::chrono::sys_days days_{};
};

}  // namespace reassure

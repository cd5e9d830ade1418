#include "forcegen/calendar.hpp"

#include <algorithm>
#include <climits>
#include <numeric>

namespace reassure::forcegen {

Calendar::Calendar(const Scenario& scenario) : scenario_(scenario) {
  const auto& mission = scenario.mission;
  int step = mission.rotation_months;
  for (const auto& pledge : scenario.pledges)
    step = std::gcd(std::gcd(step, tour_months(pledge)), first_month(pledge));
  for (const auto& requirement : scenario.requirements) {
    auto [first, end] = months(requirement);
    step = std::gcd(std::gcd(step, first), end);
  }
  step_months_ = step;
  steps_per_rotation_ = mission.rotation_months / step;
  steps_ = mission.rotations * steps_per_rotation_;
  // A tour that started before the plan date was decided before it: pledges read as of that
  // date cannot fill it, so the plan starts at the next step.
  if (scenario.as_of > mission.start) {
    int first = mission.start.whole_months_until(scenario.as_of) / step_months_;
    if (date(first) < scenario.as_of) ++first;
    first_planned_ = std::min(first, steps_);
  }
}

Date Calendar::date(int step) const {
  return scenario_.mission.start.plus_months(step * step_months_);
}

int Calendar::tour_months(const Pledge& pledge) const {
  return pledge.tour_months > 0 ? pledge.tour_months : scenario_.mission.rotation_months;
}

int Calendar::first_month(const Pledge& pledge) const {
  const auto& mission = scenario_.mission;
  if (!pledge.first_day) return (pledge.available_from - 1) * mission.rotation_months;
  // The first month boundary on or after the first day: no unit serves before it.
  int month = mission.start.whole_months_until(*pledge.first_day);
  if (mission.start.plus_months(month) < *pledge.first_day) ++month;
  return std::max(0, month);
}

Date Calendar::first_day(const Requirement& requirement) const {
  return requirement.from_date ? *requirement.from_date
                               : scenario_.mission.rotation_start(requirement.first_rotation);
}

std::pair<int, int> Calendar::months(const Requirement& q) const {
  const auto& mission = scenario_.mission;
  int length = mission.rotations * mission.rotation_months;
  // Every month the period touches: the demand is never understated.
  int first = q.from_date ? mission.start.whole_months_until(*q.from_date)
                          : (q.first_rotation - 1) * mission.rotation_months;
  int end = q.to_date ? mission.start.whole_months_until(*q.to_date) + 1
                      : scenario_.last_rotation(q) * mission.rotation_months;
  first = std::clamp(first, 0, length);
  return {first, std::clamp(end, first, length)};
}

std::pair<int, int> Calendar::line_steps(const Requirement& requirement) const {
  auto [first, end] = months(requirement);
  int first_step = std::max(first / step_months_, first_planned_);
  return {first_step, std::max(first_step, end / step_months_)};
}

std::vector<Tour> Calendar::tours(const Pledge& pledge) const {
  const auto& mission = scenario_.mission;
  int length = tour_months(pledge);
  int withdrawn =
      pledge.withdrawn_from ? mission.start.whole_months_until(*pledge.withdrawn_from) : INT_MAX;
  std::vector<Tour> result;
  int month = first_month(pledge);
  for (int index = 0; month < mission.rotations * mission.rotation_months; ++index) {
    if (month + length > withdrawn) break;  // the tour would outlast the pledge
    // A tour before the plan's first step is history: not planned, but its index counts.
    if (month >= first_planned_ * step_months_)
      result.push_back({index, month / step_months_, length / step_months_});
    month += length;
  }
  return result;
}

int Calendar::notice_days(const Requirement& requirement, int step) const {
  Date notice = scenario_.as_of;
  if (requirement.max_readiness_days)
    notice = std::max(notice, first_day(requirement).plus_days(-*requirement.max_readiness_days));
  return notice.days_until(date(step));
}

}  // namespace reassure::forcegen

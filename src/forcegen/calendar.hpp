// The plan's time grid. Every rotation, tour and requirement period starts and ends on a step:
// a whole number of calendar months after the mission's start, the step being the largest
// that divides the rotation length, every pledge's tour length, every pledge's first tour and
// every period's bounds (with the mission's rotations only, a step is a rotation). Dates that
// fall between steps are rounded so that a plan never overstates what it has: a unit starts
// its first tour on the first step on or after its first day and ends its last tour on or
// before the day it is withdrawn; a line is needed in every step its days touch. The plan
// covers the mission from the first step starting on or after the plan date: what started
// before it is history, neither required nor filled. See docs/models/forcegen.md, "Time".
#pragma once

#include <vector>

#include "core/scenario.hpp"

namespace reassure::forcegen {

// One tour of a pledge: its units serve the steps [start, start + length).
struct Tour {
  int index = 0;  // 0 for the pledge's first tour; recovery counts in these
  int start = 0, length = 0;
};

class Calendar {
 public:
  explicit Calendar(const Scenario& scenario);

  int step_months() const { return step_months_; }
  int steps() const { return steps_; }  // the mission's length
  // The first step the plan covers: the first starting on or after the plan date (0 when the
  // mission starts after it; steps() when the mission is over).
  int first_planned_step() const { return first_planned_; }
  int steps_per_rotation() const { return steps_per_rotation_; }
  Date date(int step) const;  // the first day of the step
  int rotation_of(int step) const { return step / steps_per_rotation_ + 1; }

  // The steps [first, end) in which the line is needed, within the planned part of the mission
  // (empty if none).
  std::pair<int, int> line_steps(const Requirement& requirement) const;
  // The pledge's tours that start within the planned part of the mission and end before it is
  // withdrawn.
  std::vector<Tour> tours(const Pledge& pledge) const;
  // Days a unit has to get ready for a tour starting at `step` on the line: from the plan
  // date, or from the line's call-up (max_readiness_days before its first day) when that is
  // later.
  int notice_days(const Requirement& requirement, int step) const;

 private:
  int tour_months(const Pledge& pledge) const;
  int first_month(const Pledge& pledge) const;  // of the first tour, from the mission's start
  std::pair<int, int> months(const Requirement& q) const;  // [first, end)
  Date first_day(const Requirement& requirement) const;

  const Scenario& scenario_;
  int step_months_ = 1, steps_ = 0, steps_per_rotation_ = 1, first_planned_ = 0;
};

}  // namespace reassure::forcegen

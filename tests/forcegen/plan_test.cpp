#include <gtest/gtest.h>

#include <algorithm>

#include "fixture.hpp"
#include "forcegen/calendar.hpp"
#include "forcegen/plan.hpp"

using namespace reassure;
using namespace reassure::testing;

namespace {
int filled(const forcegen::Plan& plan, const std::string& requirement, int rotation) {
  int units = 0;
  for (const auto& a : plan.assignments)
    if (a.requirement == requirement && a.rotation == rotation) units += a.units;
  return units;
}
}  // namespace

// Three units that rest two rotations after each one served keep one unit in place for ever:
// the rule of three follows from recovery_rotations = 2.
TEST(Forcegen, RuleOfThreeSustainsOneUnitFromThree) {
  Scenario s = empty_scenario(6);
  require(s, "R1", "company", 1, "far");
  pledge(s, "P1", "AA", "company", 3, 2);
  auto plan = forcegen::make_plan(s);
  EXPECT_EQ(plan.solution.status, forcegen::SolveStatus::optimal);
  EXPECT_DOUBLE_EQ(plan.total.rate(), 1.0);
  EXPECT_TRUE(plan.shortfalls.empty());
}

// Two units wanted in each of three rotations from the same three units: any window of three
// consecutive rotations holds at most three unit-rotations, so three of six are filled.
TEST(Forcegen, RecoveryWindowsCapWhatOnePledgeCanGive) {
  Scenario s = empty_scenario(3);
  require(s, "R1", "company", 2, "far");
  pledge(s, "P1", "AA", "company", 3, 2);
  auto plan = forcegen::make_plan(s);
  EXPECT_EQ(plan.solution.status, forcegen::SolveStatus::optimal);
  EXPECT_EQ(plan.total.filled_units, 3);
  EXPECT_EQ(plan.total.required_units, 6);
  int missing = 0;
  for (const auto& sf : plan.shortfalls) missing += sf.missing_units;
  EXPECT_EQ(missing, 3);
}

TEST(Forcegen, WithoutRecoveryTheModelIsANetworkFlow) {
  Scenario s = empty_scenario(3);
  require(s, "R1", "company", 2, "far");
  pledge(s, "P1", "AA", "company", 3, 0);
  auto plan = forcegen::make_plan(s);
  EXPECT_EQ(plan.solution.stats.network_components, 1);
  EXPECT_EQ(plan.solution.stats.mip_components + plan.solution.stats.lp_integral_components, 0);
  EXPECT_DOUBLE_EQ(plan.total.rate(), 1.0);
}

TEST(Forcegen, MinimumDistanceFromTheLineKeepsTroopsOffTheFrontLine) {
  Scenario s = empty_scenario(1);
  require(s, "NEAR", "company", 1, "near");
  require(s, "FAR", "company", 1, "far");
  pledge(s, "P1", "AA", "company", 2, 0).caveats.min_distance_km = 100;
  auto plan = forcegen::make_plan(s);
  EXPECT_EQ(filled(plan, "NEAR", 1), 0);
  EXPECT_EQ(filled(plan, "FAR", 1), 1);
  ASSERT_EQ(plan.shortfalls.size(), 1u);
  EXPECT_EQ(plan.shortfalls[0].requirement, "NEAR");
  EXPECT_NE(plan.shortfalls[0].why.find("too close to the line of contact"), std::string::npos);
}

TEST(Forcegen, ScarceUnitsGoToTheHigherPriority) {
  Scenario s = empty_scenario(1);
  require(s, "LOW", "company", 1, "far", 1);
  require(s, "HIGH", "company", 1, "abroad", 5);
  pledge(s, "P1", "AA", "company", 1, 0);
  auto plan = forcegen::make_plan(s);
  EXPECT_EQ(filled(plan, "HIGH", 1), 1);
  EXPECT_EQ(filled(plan, "LOW", 1), 0);
}

TEST(Forcegen, ConditionsPositionsAndCountriesExcludePledges) {
  Scenario s = empty_scenario(1);
  Condition backstop;
  backstop.id = "us-backstop";
  backstop.holds = false;
  s.conditions.push_back(backstop);
  require(s, "R1", "company", 3, "far");
  pledge(s, "P-cond", "AA", "company", 1, 0).caveats.conditions = {"us-backstop"};
  pledge(s, "P-abroad", "BB", "company", 1, 0).caveats.exclude_countries = {"UA"};
  pledge(s, "P-declined", "CC", "company", 1, 0);
  Statement declined;
  declined.date = *Date::parse("2025-12-01");
  declined.position = "declined";
  s.nations[2].statements.push_back(declined);
  pledge(s, "P-ok", "DD", "company", 1, 0);
  auto plan = forcegen::make_plan(s);
  EXPECT_EQ(filled(plan, "R1", 1), 1);
  ASSERT_EQ(plan.assignments.size(), 1u);
  EXPECT_EQ(plan.assignments[0].nation, "DD");
  ASSERT_EQ(plan.excluded.size(), 3u);  // each with its reason
  EXPECT_EQ(plan.excluded[0].reason, "a condition does not hold");
  EXPECT_EQ(plan.excluded[1].reason, "host country excluded by caveat");
  EXPECT_EQ(plan.excluded[2].reason, "nation's position allows no pledges");
}

TEST(Forcegen, ReadinessBindsOnlyTheFirstRotation) {
  Scenario s = empty_scenario(2);
  require(s, "R1", "company", 1, "far").max_readiness_days = 30;
  pledge(s, "SLOW", "AA", "company", 2, 0).readiness_days = 90;
  auto plan = forcegen::make_plan(s);
  EXPECT_EQ(filled(plan, "R1", 1), 0);
  EXPECT_EQ(filled(plan, "R1", 2), 1);
}

TEST(Forcegen, BurdenSharesAddUpToTheForce) {
  Scenario s = empty_scenario(2);
  require(s, "R1", "company", 2, "far");
  require(s, "R2", "flight", 1, "abroad");
  pledge(s, "P1", "AA", "company", 4, 1);
  pledge(s, "P2", "BB", "flight", 1, 0);
  auto plan = forcegen::make_plan(s);
  double share = 0;
  long long personnel = 0;
  for (const auto& b : plan.burden) {
    share += b.share;
    personnel += b.personnel_rotations;
  }
  EXPECT_NEAR(share, 1.0, 1e-12);
  EXPECT_EQ(personnel, plan.total.filled_personnel);
  EXPECT_EQ(plan.total.filled_personnel, 2 * 2 * 100 + 2 * 50);
  ASSERT_EQ(plan.burden.size(), 2u);
  EXPECT_EQ(plan.burden[0].nation, "AA");
  EXPECT_EQ(plan.burden[0].peak_personnel, 200);
}

TEST(Forcegen, UnsatisfiableCaveatIsAScenarioError) {
  Scenario s = empty_scenario(1);
  require(s, "R1", "company", 1, "near");
  pledge(s, "P1", "AA", "company", 1).caveats.min_distance_km = 5000;
  auto problems = forcegen::unsatisfiable_caveats(s);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].field, "pledges[P1].caveats.min_distance_km");
}

namespace {

// Two identical single companies, resting one rotation, for one line wanting one company in
// each of two rotations: either pledge can go first, so two plans are optimal. `other` is the
// one the solver did not choose.
struct TwoEqualPlans {
  forcegen::Model model;
  forcegen::Solution best;
  std::vector<int> other;
};

TwoEqualPlans two_equal_plans() {
  Scenario s = empty_scenario(2);
  require(s, "kyiv", "company", 1, "far");
  pledge(s, "first", "AA", "company", 1, 1);
  pledge(s, "second", "BB", "company", 1, 1);
  forcegen::Eligibility eligibility(s);
  TwoEqualPlans t;
  t.model = forcegen::build_model(eligibility);
  t.best = forcegen::solve(t.model);
  t.other.assign(t.model.variables.size(), 0);
  for (std::size_t v = 0; v < t.other.size(); ++v)
    if (t.best.x[v] == 0) t.other[v] = 1;
  return t;
}

}  // namespace

TEST(Forcegen, TiesAreBrokenTowardsAReferencePlan) {
  // Told that a reference plan used the other order, the solver keeps it at the same value.
  auto t = two_equal_plans();
  ASSERT_EQ(t.best.status, forcegen::SolveStatus::optimal);
  ASSERT_TRUE(t.model.feasible(t.other));
  ASSERT_EQ(t.model.objective(t.other), t.best.objective);
  auto kept = forcegen::closest_to(t.model, t.best, t.other);
  EXPECT_EQ(kept.status, forcegen::SolveStatus::optimal);
  EXPECT_EQ(kept.objective, t.best.objective);
  EXPECT_EQ(kept.x, t.other);
}

TEST(Forcegen, ANoLongerFittingReferenceIsKeptWhereItStillFits) {
  // The reference also names the unit the solver chose in rotation 1: two units on a line
  // wanting one. It cannot be kept whole; CBC keeps the two units it can.
  auto t = two_equal_plans();
  ASSERT_EQ(t.best.status, forcegen::SolveStatus::optimal);
  std::vector<int> reference = t.other;
  for (std::size_t v = 0; v < reference.size(); ++v)
    if (t.best.x[v] == 1 && t.model.variables[v].rotation == 1) reference[v] = 1;
  ASSERT_FALSE(t.model.feasible(reference));
  auto kept = forcegen::closest_to(t.model, t.best, reference);
  EXPECT_EQ(kept.status, forcegen::SolveStatus::optimal);
  EXPECT_EQ(kept.objective, t.best.objective);
  EXPECT_EQ(kept.x, t.other);
}

// Tours. A one-year mission (two rotations of six months from 1 June 2026); the line wants two
// companies all year. AA's company serves four-month tours and rests one tour after each; BB's
// serves six-month tours back to back. The grid is two months (gcd of 6 and 4): AA's tours are
// steps [0,2), [2,4), [4,6), BB's [0,3), [3,6). BB fills one place all year (6 steps); AA's best
// is tours 0 and 2 (4 steps), so one company is missing from 1 October 2026 to 31 January 2027,
// split at the rotation change on 1 December. Fill 10 of 12 company-steps.
TEST(Tours, FourAndSixMonthToursShareALine) {
  Scenario s = empty_scenario(2);
  require(s, "R1", "company", 2, "far");
  pledge(s, "P4", "AA", "company", 1, 1).tour_months = 4;
  pledge(s, "P6", "BB", "company", 1, 0);
  auto plan = forcegen::make_plan(s);
  EXPECT_EQ(plan.solution.status, forcegen::SolveStatus::optimal);
  EXPECT_EQ(plan.steps_per_rotation, 3);
  EXPECT_EQ(plan.total.filled_units, 10);
  EXPECT_EQ(plan.total.required_units, 12);
  ASSERT_EQ(plan.shortfalls.size(), 2u);
  EXPECT_EQ(plan.shortfalls[0].start, "2026-10-01");
  EXPECT_EQ(plan.shortfalls[0].end, "2026-11-30");
  EXPECT_EQ(plan.shortfalls[0].rotation, 1);
  EXPECT_EQ(plan.shortfalls[1].start, "2026-12-01");
  EXPECT_EQ(plan.shortfalls[1].end, "2027-01-31");
  EXPECT_EQ(plan.shortfalls[1].rotation, 2);
  std::vector<std::string> tours;
  for (const auto& a : plan.assignments)
    if (a.pledge == "P4") tours.push_back(a.start + "/" + a.end);
  EXPECT_EQ(tours, (std::vector<std::string>{"2026-06-01/2026-09-30", "2027-02-01/2027-05-31"}));
  // 100 personnel for 4 steps of 2 months: 400 personnel-steps, 133.3 personnel-rotations.
  auto aa = std::find_if(plan.burden.begin(), plan.burden.end(),
                         [](const auto& b) { return b.nation == "AA"; });
  ASSERT_NE(aa, plan.burden.end());
  EXPECT_EQ(aa->personnel_rotations, 400);
}

// The model of the same case: tour-start variables, demand rows per elementary interval.
TEST(Tours, DemandRowsFollowTheElementaryIntervals) {
  Scenario s = empty_scenario(2);
  require(s, "R1", "company", 2, "far");
  pledge(s, "P4", "AA", "company", 1, 1).tour_months = 4;
  pledge(s, "P6", "BB", "company", 1, 0);
  forcegen::Eligibility eligibility(s);
  auto model = forcegen::build_model(eligibility);
  EXPECT_EQ(model.steps, 6);
  ASSERT_EQ(model.variables.size(), 5u);  // 3 tours of P4, 2 of P6
  // Cuts at steps 0, 2, 3, 4, 6: four intervals, each covered by one tour of each pledge, of
  // at most one unit each: 1 + 1 <= q = 2, so the bounds imply every demand row.
  EXPECT_TRUE(model.demand_rows.empty());
  // P4's windows of two consecutive tours (recovery 1): tours {0,1} and {1,2}.
  ASSERT_EQ(model.window_rows.size(), 2u);
  for (const auto& v : model.variables)
    if (v.pledge == 0) {
      EXPECT_EQ(v.length, 2);
      EXPECT_EQ(v.value, model.fill_weight * 3 * 100 * 2 - model.pledges[0].cost * 2);
    }
}

// Readiness counts the days from the plan date: 11 days before the mission starts, a pledge
// needing 30 days misses the first rotation but serves the second.
TEST(Tours, ReadinessCountsFromThePlanDate) {
  Scenario s = empty_scenario(2);
  s.as_of = *Date::parse("2026-05-21");
  require(s, "R1", "company", 1, "far");
  pledge(s, "P1", "AA", "company", 2, 0).readiness_days = 30;
  auto plan = forcegen::make_plan(s);
  EXPECT_EQ(filled(plan, "R1", 1), 0);
  EXPECT_EQ(filled(plan, "R1", 2), 1);
  ASSERT_EQ(plan.shortfalls.size(), 1u);
  EXPECT_NE(plan.shortfalls[0].why.find("readiness"), std::string::npos) << plan.shortfalls[0].why;
}

// Dated periods: a line added from 1 September 2026 and a pledge withdrawn from 1 March 2027.
TEST(Tours, DatedLineAndWithdrawnPledge) {
  Scenario s = empty_scenario(2);
  auto& line = require(s, "R1", "company", 1, "far");
  line.from_date = *Date::parse("2026-09-01");
  auto& p = pledge(s, "P1", "AA", "company", 1, 0);
  p.tour_months = 3;
  p.withdrawn_from = *Date::parse("2027-03-01");
  auto plan = forcegen::make_plan(s);
  EXPECT_EQ(plan.solution.status, forcegen::SolveStatus::optimal);
  // Three-month tours from 1 June: the line wants Sept-May (3 tours), the pledge serves the
  // tours ending by 28 February: Sept-Nov and Dec-Feb. March-May is short.
  ASSERT_EQ(plan.shortfalls.size(), 1u);
  EXPECT_EQ(plan.shortfalls[0].start, "2027-03-01");
  EXPECT_EQ(plan.shortfalls[0].end, "2027-05-31");
  EXPECT_EQ(plan.total.required_units, 3);  // steps of three months
  EXPECT_EQ(plan.total.filled_units, 2);
}

// The validator's largest values: 100 rotations, lines and pledges of 100,000 units of 100,000
// personnel, priority 5. With readiness 0 (no tie-break, K = 1) every plan is worth at most
// 5 × 10^5 × 10^5 × 100 = 5 × 10^12: planned exactly, and the figures (10^12
// personnel-rotations, 10^10 personnel at once) are right where an int wrapped before.
TEST(Overflow, LargestAdmittedQuantitiesArePlannedExactly) {
  for (int recovery : {0, 1}) {
    Scenario s = empty_scenario(100);
    s.capabilities[0].personnel = 100000;
    require(s, "R1", "company", 100000, "far", 5);
    pledge(s, "P1", "AA", "company", 100000, recovery).readiness_days = 0;
    auto plan = forcegen::make_plan(s);
    ASSERT_EQ(plan.solution.status, forcegen::SolveStatus::optimal) << "recovery " << recovery;
    long long rotations = recovery == 0 ? 100 : 50;  // recovery 1: every other rotation
    EXPECT_EQ(plan.solution.objective, 5LL * 100000 * 100000 * rotations);
    EXPECT_EQ(plan.total.filled_personnel, 100000LL * 100000 * rotations);
    EXPECT_EQ(plan.total.required_personnel, 100000LL * 100000 * 100);
    ASSERT_EQ(plan.burden.size(), 1u);
    EXPECT_EQ(plan.burden[0].personnel_rotations, 100000LL * 100000 * rotations);
    EXPECT_EQ(plan.burden[0].peak_personnel, 100000LL * 100000);
    EXPECT_EQ(plan.shortfalls.size(), std::size_t(100 - rotations));
  }
}

// With the slowest readiness (3,650 days, a tie-break cost of 12 a unit-rotation) K is about
// 10^8 per pledge and a plan could be worth 10^20 and more: beyond 2^53 a double (the LP's
// arithmetic) rounds, so the planner refuses, naming the figures, instead of printing a
// rounded plan as optimal.
TEST(Overflow, ObjectivesBeyondExactArithmeticAreRefused) {
  Scenario s = empty_scenario(100);
  s.capabilities[0].personnel = 100000;
  require(s, "R1", "company", 100000, "far", 5);
  for (int p = 0; p < 100; ++p) {
    std::string id = "P";
    id += std::to_string(p);
    pledge(s, id, "AA", "company", 100000, 2).readiness_days = 3650;
  }
  try {
    forcegen::make_plan(s);
    FAIL() << "expected ModelTooLarge";
  } catch (const forcegen::ModelTooLarge& e) {
    EXPECT_NE(std::string(e.what()).find("beyond 2^53"), std::string::npos) << e.what();
  }
}

// Without tours or dates of their own the grid step is the rotation: the model is the rotation
// model. A first day between month boundaries starts the first tour on the next boundary, and
// from a month end the boundaries stay month ends.
TEST(Calendar, StepIsTheRotationUnlessToursOrDatesCutIt) {
  Scenario s = empty_scenario(3);
  require(s, "R1", "company", 1, "far");
  pledge(s, "P1", "AA", "company", 1, 0);
  {
    forcegen::Calendar calendar(s);
    EXPECT_EQ(calendar.step_months(), 6);
    EXPECT_EQ(calendar.steps(), 3);
    EXPECT_EQ(calendar.tours(s.pledges[0]).size(), 3u);
  }
  s.mission.start = *Date::parse("2026-01-31");
  auto& p = pledge(s, "P2", "BB", "company", 1, 0);
  p.first_day = *Date::parse("2026-03-15");  // after 28 February, before 31 March
  p.tour_months = 4;
  forcegen::Calendar calendar(s);
  EXPECT_EQ(calendar.step_months(), 2);  // gcd(6, 4, first tour at month 2)
  auto tours = calendar.tours(s.pledges[1]);
  ASSERT_FALSE(tours.empty());
  EXPECT_EQ(calendar.date(tours[0].start).iso(), "2026-03-31");
  EXPECT_EQ(calendar.date(tours[0].start + tours[0].length).iso(), "2026-07-31");
  // Tours start before the mission's end (18 months: month 18 is 2027-07-31).
  EXPECT_EQ(calendar.date(tours.back().start).iso(), "2027-03-31");
}

// A mission that began before the plan date is planned from the first step starting on or after
// it: a step that starts on the plan date is planned, one under way is history.
TEST(Calendar, PlanStartsAtTheFirstStepOnOrAfterThePlanDate) {
  Scenario s = empty_scenario(4);  // rotations from 2026-06-01, 2026-12-01, 2027-06-01, ...
  auto first_planned = [&](const char* as_of) {
    s.as_of = *Date::parse(as_of);
    forcegen::Calendar calendar(s);
    return calendar.date(calendar.first_planned_step()).iso();
  };
  EXPECT_EQ(first_planned("2026-01-06"), "2026-06-01");  // before the mission: all of it
  EXPECT_EQ(first_planned("2026-06-01"), "2026-06-01");
  EXPECT_EQ(first_planned("2026-08-15"), "2026-12-01");
  EXPECT_EQ(first_planned("2026-12-01"), "2026-12-01");
  EXPECT_EQ(first_planned("2030-01-01"), "2028-06-01");  // over: the mission's end, no step left
  // With two-month tours the step is two months: the plan starts at the next of them.
  pledge(s, "P1", "AA", "company", 1, 0).tour_months = 2;
  EXPECT_EQ(first_planned("2026-08-15"), "2026-10-01");
  forcegen::Calendar calendar(s);
  EXPECT_EQ(calendar.date(calendar.tours(s.pledges[0]).front().start).iso(), "2026-10-01");
  EXPECT_EQ(calendar.tours(s.pledges[0]).front().index, 2);  // tours 0 and 1 were history
}

// The rotation under way on the plan date is neither required nor short: one sustained unit
// fills the three rotations left (three unit-rotations, not four).
TEST(Forcegen, HistoryBeforeThePlanDateIsNotPlanned) {
  Scenario s = empty_scenario(4);
  s.as_of = *Date::parse("2026-08-15");
  require(s, "R1", "company", 1, "far");
  pledge(s, "P1", "AA", "company", 1, 0);
  auto plan = forcegen::make_plan(s);
  EXPECT_EQ(plan.solution.status, forcegen::SolveStatus::optimal);
  EXPECT_EQ(plan.planned_from, "2026-12-01");
  EXPECT_EQ(plan.mission_start, "2026-06-01");
  EXPECT_EQ(plan.total.required_units, 3);
  EXPECT_EQ(plan.total.filled_units, 3);
  EXPECT_TRUE(plan.shortfalls.empty());
  EXPECT_EQ(plan.by_rotation.front().key, "2");
  EXPECT_EQ(filled(plan, "R1", 1), 0);
}

// A site held by another country than its own answers to both in country caveats: an
// allow-list must name both, an exclusion of either refuses it.
TEST(Forcegen, CountryCaveatsTestTheSitesCountryAndWhoHoldsIt) {
  Scenario s = empty_scenario(1);
  require(s, "R1", "company", 1, "far");  // a UA site
  pledge(s, "P-ua", "AA", "company", 1, 0).caveats.countries = {"UA"};
  pledge(s, "P-not-pl", "BB", "company", 1, 0).caveats.exclude_countries = {"PL"};
  pledge(s, "P-ua-pl", "CC", "company", 1, 0).caveats.countries = {"UA", "PL"};
  auto verdicts = [&] {
    forcegen::Eligibility eligibility(s);
    std::vector<forcegen::Reason> out;
    for (const auto& p : s.pledges)
      out.push_back(eligibility.caveat_verdict(p, s.requirements[0]).reason);
    return out;
  };
  using forcegen::Reason;
  EXPECT_EQ(verdicts(),
            (std::vector<Reason>{Reason::eligible, Reason::eligible, Reason::eligible}));
  s.sites[1].administered_by = "PL";  // "far", held by PL for the test
  EXPECT_EQ(verdicts(), (std::vector<Reason>{Reason::country, Reason::country, Reason::eligible}));
}

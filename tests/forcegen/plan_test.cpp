#include <gtest/gtest.h>

#include "fixture.hpp"
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
  declined.position = Position::declined;
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

TEST(Forcegen, TiesAreBrokenTowardsAReferencePlan) {
  // Two identical single companies for one line: either plan is optimal. Told that a reference
  // plan used the other one, the solver keeps the reference's choice at the same value.
  Scenario s = empty_scenario(2);
  require(s, "kyiv", "company", 1, "far");
  pledge(s, "first", "AA", "company", 1, 1);
  pledge(s, "second", "BB", "company", 1, 1);
  forcegen::Eligibility eligibility(s);
  auto model = forcegen::build_model(eligibility);
  auto best = forcegen::solve(model);
  ASSERT_EQ(best.status, forcegen::SolveStatus::optimal);
  std::vector<int> reference(model.variables.size(), 0);
  for (std::size_t v = 0; v < model.variables.size(); ++v)
    if (best.x[v] == 0) reference[v] = 1;  // the units the solver left out
  auto kept = forcegen::closest_to(model, best, reference);
  EXPECT_EQ(kept.status, forcegen::SolveStatus::optimal);
  EXPECT_EQ(kept.objective, best.objective);
  EXPECT_TRUE(model.feasible(kept.x));
  for (std::size_t v = 0; v < model.variables.size(); ++v)
    EXPECT_EQ(kept.x[v], reference[v]) << "variable " << v;
}

TEST(Forcegen, ANoLongerFittingReferenceIsKeptWhereItStillFits) {
  // As above, but the reference also names the unit the solver chose in rotation 1: two units
  // on a line wanting one. It cannot be kept whole; CBC keeps the two units it can.
  Scenario s = empty_scenario(2);
  require(s, "kyiv", "company", 1, "far");
  pledge(s, "first", "AA", "company", 1, 1);
  pledge(s, "second", "BB", "company", 1, 1);
  forcegen::Eligibility eligibility(s);
  auto model = forcegen::build_model(eligibility);
  auto best = forcegen::solve(model);
  ASSERT_EQ(best.status, forcegen::SolveStatus::optimal);
  std::vector<int> complement(model.variables.size(), 0), reference;
  for (std::size_t v = 0; v < model.variables.size(); ++v)
    if (best.x[v] == 0) complement[v] = 1;
  reference = complement;
  for (std::size_t v = 0; v < model.variables.size(); ++v)
    if (best.x[v] == 1 && model.variables[v].rotation == 1) reference[v] = 1;
  ASSERT_FALSE(model.feasible(reference));
  auto kept = forcegen::closest_to(model, best, reference);
  EXPECT_EQ(kept.status, forcegen::SolveStatus::optimal);
  EXPECT_EQ(kept.objective, best.objective);
  EXPECT_EQ(kept.x, complement);
}

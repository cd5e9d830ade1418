#include <gtest/gtest.h>

#include <stdexcept>

#include "../forcegen/fixture.hpp"
#include "core/registry.hpp"
#include "report/reports.hpp"
#include "report/table.hpp"

using namespace reassure;
using namespace reassure::testing;

TEST(Table, AlignsColumnsAndCountsUtf8Once) {
  report::Table table({"nation", "units"}, {false, true});
  table.add({"Türkiye", "3"});
  table.add({"France", "12"});
  EXPECT_EQ(table.str(),
            "nation   units\n"
            "-------  -----\n"
            "Türkiye      3\n"
            "France      12\n");
}

TEST(Table, NumbersReadLikeAStaffTable) {
  EXPECT_EQ(report::thousands(0), "0");
  EXPECT_EQ(report::thousands(999), "999");
  EXPECT_EQ(report::thousands(25000), "25,000");
  EXPECT_EQ(report::thousands(-1234567), "-1,234,567");
  EXPECT_EQ(report::percent(0.8731), "87.3%");
}

TEST(Table, AmountsOverStepsReadInRotations) {
  EXPECT_EQ(report::in_rotations(6, 3), "2");
  EXPECT_EQ(report::in_rotations(11, 3), "3.7");
  EXPECT_EQ(report::in_rotations(7, 3), "2.3");
  EXPECT_EQ(report::in_rotations(-7, 3), "-2.3");
  EXPECT_EQ(report::in_rotations(37035, 3), "12,345");
  EXPECT_EQ(report::in_rotations(1, 6), "0.2");
}

namespace {
forcegen::Plan small_plan(Scenario& s) {
  require(s, "R1", "company", 2, "far");
  require(s, "R2", "company", 1, "near");
  pledge(s, "P1", "AA", "company", 2, 0).caveats.min_distance_km = 100;
  return forcegen::make_plan(s);
}
}  // namespace

TEST(PlanReport, JsonCarriesStatusFillAssignmentsShortfallsAndBurden) {
  Scenario s = empty_scenario(1);
  auto json = report::plan_json(small_plan(s));
  const auto& f = json["forcegen"];
  EXPECT_EQ(f["status"], "optimal");
  EXPECT_DOUBLE_EQ(f["fill_rate"].get<double>(), 2.0 / 3.0);
  ASSERT_EQ(f["assignments"].size(), 1u);
  EXPECT_EQ(f["assignments"][0]["requirement"], "R1");
  EXPECT_EQ(f["assignments"][0]["personnel"], 200);
  ASSERT_EQ(f["shortfalls"].size(), 1u);
  EXPECT_EQ(f["shortfalls"][0]["requirement"], "R2");
  EXPECT_EQ(f["shortfalls"][0]["missing_personnel"], 100);
  ASSERT_EQ(f["burden"].size(), 1u);
  EXPECT_DOUBLE_EQ(f["burden"][0]["share"].get<double>(), 1.0);
  EXPECT_EQ(f["fill"]["by_domain"][0]["key"], "land");
}

TEST(PlanReport, TextNamesTheShortfallAndItsReason) {
  Scenario s = empty_scenario(1);
  auto text = report::plan_text(small_plan(s));
  EXPECT_NE(text.find("Fill: 200 of 300 personnel-rotations"), std::string::npos) << text;
  EXPECT_NE(text.find("too close to the line of contact"), std::string::npos) << text;
}

TEST(PlanReport, CompareListsShortfallsThatAppearAndBurdenChanges) {
  Scenario s = empty_scenario(1);
  auto base = small_plan(s);
  base.variant = "base";
  Scenario t = empty_scenario(1);
  require(t, "R1", "company", 2, "far");
  require(t, "R2", "company", 1, "near");
  auto none = forcegen::make_plan(t);
  none.variant = "nobody";
  auto json = report::compare_json(s, {base, none});
  ASSERT_EQ(json["compare"].size(), 2u);
  const auto& other = json["compare"][1];
  EXPECT_EQ(other["shortfalls_appear"].size(), 1u);  // R1 r1, which base filled
  EXPECT_EQ(other["burden_change"]["AA"], -200);
  EXPECT_NE(report::compare_text(s, {base, none}).find("AA -200"), std::string::npos);
}

TEST(PlanReport, CompareListsTheInputsEachVariantChangesBeforeThePlan) {
  Scenario s = empty_scenario(1);
  Variant v;
  v.name = "cut";
  InputChange cut;
  cut.action = InputChange::Action::changed;
  cut.records = "pledges";
  cut.id = "P1";
  cut.key = "quantity";
  cut.before = "4";
  cut.after = "2";
  cut.where = {"variants.yaml", 12, 9};
  InputChange dropped;
  dropped.action = InputChange::Action::removed;
  dropped.records = "requirements";
  dropped.id = "R2";
  v.changes = {cut, dropped};
  s.variants.push_back(v);
  auto base = small_plan(s);
  base.variant = "base";
  auto other = base;
  other.variant = "cut";
  auto json = report::compare_json(s, {base, other});
  EXPECT_TRUE(json["compare"][0]["inputs_changed"].empty());
  const auto& inputs = json["compare"][1]["inputs_changed"];
  ASSERT_EQ(inputs.size(), 2u);
  EXPECT_EQ(inputs[0]["action"], "changed");
  EXPECT_EQ(inputs[0]["before"], "4");
  EXPECT_EQ(inputs[0]["after"], "2");
  EXPECT_EQ(inputs[0]["line"], 12);
  EXPECT_EQ(inputs[1]["action"], "removed");
  EXPECT_EQ(inputs[1]["id"], "R2");
  auto text = report::compare_text(s, {base, other});
  auto listed = text.find("changed pledges[P1].quantity: 4 -> 2");
  ASSERT_NE(listed, std::string::npos) << text;
  EXPECT_NE(text.find("removed requirements[R2]"), std::string::npos) << text;
  EXPECT_LT(listed, text.find("shortfalls that appear")) << "inputs first, then the plan";
}

TEST(HtmlReport, IsSelfContainedAndEscapesText) {
  Scenario s = empty_scenario(1);
  s.name = "Test <script>";
  auto plan = small_plan(s);
  auto html = report::html_report(s, coalition_status(s, s.as_of), plan);
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_NE(html.find("Test &lt;script&gt;"), std::string::npos);
  EXPECT_NE(html.find("<svg"), std::string::npos);
  EXPECT_EQ(html.find("http://"), std::string::npos);  // no external assets
}

// With the dashboard's report script: inlined with its data, and nothing in the data can close
// the element that carries it.
TEST(HtmlReport, InlinesTheReportScriptAndItsData) {
  Scenario s = empty_scenario(1);
  auto plan = small_plan(s);
  report::ReportScripts scripts{"(()=>{document.title+='!'})();",
                                "#report-app{color:red}",
                                {{"status", {{"note", "</script><script>alert(1)</script>"}}}}};
  auto html = report::html_report(s, coalition_status(s, s.as_of), plan, &scripts);
  EXPECT_NE(html.find("<div id=\"report-app\" hidden></div>"), std::string::npos);
  EXPECT_NE(html.find("<style>#report-app{color:red}</style>"), std::string::npos);
  EXPECT_NE(html.find("<script>(()=>{document.title+='!'})();</script>"), std::string::npos);
  EXPECT_NE(html.find("\\u003c/script>\\u003cscript>alert(1)\\u003c/script>"), std::string::npos)
      << html;
  EXPECT_EQ(html.find("alert(1)</script>"), std::string::npos);
  EXPECT_EQ(html.find("http://"), std::string::npos);  // still no external assets

  report::ReportScripts closing{"var a='</SCRIPT>';", "", nlohmann::json::object()};
  EXPECT_THROW(report::html_report(s, coalition_status(s, s.as_of), plan, &closing),
               std::runtime_error);
  report::ReportScripts style{"", "a{}</style><b>", nlohmann::json::object()};
  EXPECT_THROW(report::html_report(s, coalition_status(s, s.as_of), plan, &style),
               std::runtime_error);
}

TEST(PlanReport, RotationsTourAndShortfallsCarryTheirDays) {
  Scenario s = empty_scenario(1);  // the mission starts on 1 June 2026, rotations of 6 months
  auto plan = small_plan(s);
  auto json = report::plan_json(plan);
  const auto& f = json["forcegen"];
  EXPECT_EQ(f["fill"]["by_rotation"][0]["start"], "2026-06-01");
  EXPECT_EQ(f["fill"]["by_rotation"][0]["end"], "2026-11-30");
  EXPECT_EQ(f["assignments"][0]["start"], "2026-06-01");
  EXPECT_EQ(f["assignments"][0]["end"], "2026-11-30");
  EXPECT_EQ(f["shortfalls"][0]["end"], "2026-11-30");
  auto text = report::plan_text(plan);
  EXPECT_NE(text.find("1 (2026-06-01 to 2026-11-30)"), std::string::npos) << text;
  auto html = report::html_report(s, coalition_status(s, s.as_of), plan);
  EXPECT_NE(html.find("2026-11-30"), std::string::npos);
}

namespace {
const nlohmann::json& nation_entry(const nlohmann::json& status, const std::string& code) {
  for (const auto& n : status["nations"])
    if (n["code"] == code) return n;
  throw std::runtime_error("no nation " + code);
}
}  // namespace

// A statement's basis says how far to trust it; one not labelled is what its source reports.
TEST(RegistryReport, StatementsCarryTheirBasis) {
  Scenario s = empty_scenario(1);
  s.nations[1].statements[0].basis = Basis::inferred;
  auto status = coalition_status(s, s.as_of);
  auto json = report::registry_json(status);
  EXPECT_EQ(nation_entry(json, "AA")["statement"]["basis"], "reported");
  EXPECT_EQ(nation_entry(json, "BB")["statement"]["basis"], "inferred");
  auto text = report::registry_text(status);
  EXPECT_NE(text.find("basis"), std::string::npos) << text;
  EXPECT_NE(text.find("inferred"), std::string::npos) << text;
}

// The registry speaks the scenario's words; JSON keys stay, with the words as labels.
TEST(RegistryReport, UsesTheScenariosWordsForTheBodyAndItsMembers) {
  Scenario s = empty_scenario(1);
  auto coalition = report::registry_text(coalition_status(s, s.as_of));
  EXPECT_EQ(coalition.rfind("Coalition status as of 2026-01-06\n4 participants; 4 committed", 0),
            0u)
      << coalition;
  EXPECT_NE(coalition.find("\nStakeholders outside the coalition\n"), std::string::npos);
  s.registry.body = "Force";
  s.registry.participants = "troop contributors";
  s.registry.committed = "contributing";
  s.registry.undisclosed = "unnamed";
  s.registry.outside = "Others concerned";
  auto status = coalition_status(s, s.as_of);
  auto text = report::registry_text(status);
  EXPECT_EQ(text.rfind("Force status as of 2026-01-06\n"
                       "4 troop contributors; 4 contributing (4 by public statement, 0 unnamed)\n",
                       0),
            0u)
      << text;
  EXPECT_NE(text.find("\nTroop contributors\n"), std::string::npos) << text;
  EXPECT_NE(text.find("\nOthers concerned\n"), std::string::npos) << text;
  EXPECT_EQ(text.find("participant"), std::string::npos) << text;
  auto json = report::registry_json(status);
  EXPECT_EQ(json["participants"], 4);
  EXPECT_EQ(json["labels"]["participants"], "troop contributors");
  EXPECT_EQ(json["labels"]["body"], "Force");
  auto plan = small_plan(s);
  auto html = report::html_report(s, status, plan);
  EXPECT_NE(html.find("<h2>Force as of 2026-01-06</h2><p>4 troop contributors, 4 contributing."),
            std::string::npos);
}

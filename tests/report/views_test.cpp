// report::view_of_plan fails closed on a full plan it does not fully understand: a record
// without a readable marking is released to no one, a restricted_view other than "aggregated"
// withholds, and a key the view was not taught is never copied. The JSON is written by hand:
// one line needing 2 units of 10 persons over one step, filled by two assignments.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "report/views.hpp"

using namespace reassure;
using nlohmann::json;

namespace {

json assignment(const std::string& pledge, const std::string& nation, const json& marking,
                const json& view) {
  json a = {{"pledge", pledge},
            {"nation", nation},
            {"capability", "coy"},
            {"requirement", "r1"},
            {"site", "kyiv"},
            {"rotation", 1},
            {"start", "2026-06-01"},
            {"end", "2026-11-30"},
            {"units", 1},
            {"personnel", 10},
            {"from_step", 0},
            {"to_step", 1},
            {"secret_note", "never shown"}};
  if (!marking.is_null()) a["releasability"] = marking;
  if (!view.is_null()) a["restricted_view"] = view;
  return a;
}

json full_plan(const json& first, const json& second) {
  json fill = {{"key", "1"}, {"start", "2026-06-01"}, {"end", "2026-11-30"}};
  return {
      {"schema_version", 1},
      {"problems", json::array()},
      {"scenario", "hand"},
      {"releasability", "coalition"},
      {"variant", "base"},
      {"secret_header", "never shown"},
      {"forcegen",
       {{"status", "optimal"},
        {"objective", 42},
        {"steps_per_rotation", 1},
        {"fill", {{"by_rotation", json::array({fill})}}},
        {"assignments", json::array({first, second})},
        {"burden", json::array({{{"nation", "FR"}, {"name", "France"}}})},
        {"excluded", json::array()},
        {"timeline", json::array({{{"requirement", "r1"},
                                   {"capability", "coy"},
                                   {"domain", "land"},
                                   {"site", "kyiv"},
                                   {"units", 2},
                                   {"unit_personnel", 10},
                                   {"spans", json::array({{{"from_step", 0},
                                                           {"to_step", 1},
                                                           {"rotation", 1},
                                                           {"start", "2026-06-01"},
                                                           {"end", "2026-11-30"},
                                                           {"filled_units", 2},
                                                           {"why", "eligible pledges exhausted"},
                                                           {"code", "pledges_exhausted"},
                                                           {"cause", nullptr},
                                                           {"reason", 0}}})}}})}}}};
}

TEST(ViewOfPlan, ARecordWithoutAReadableMarkingIsReleasedToNoOne) {
  for (const json& marking : {json(), json("rel:"), json("secret"), json(7)}) {
    json v = report::view_of_plan(full_plan(assignment("p1", "FR", "coalition", json()),
                                            assignment("p2", "DE", marking, "aggregated")),
                                  {"FR"});
    const json& f = v["forcegen"];
    ASSERT_EQ(f["assignments"].size(), 2u) << marking;  // p1 and one restricted row
    EXPECT_EQ(f["assignments"][1]["nation"], "restricted");
    EXPECT_EQ(v.dump().find("p2"), std::string::npos);
  }
}

TEST(ViewOfPlan, AnUnknownRestrictedViewWithholds) {
  for (const json& view : {json(), json("hidden"), json(1)}) {
    json v = report::view_of_plan(full_plan(assignment("p1", "FR", "coalition", json()),
                                            assignment("p2", "DE", "rel:DE", view)),
                                  {"FR"});
    const json& f = v["forcegen"];
    ASSERT_EQ(f["assignments"].size(), 1u) << view;
    EXPECT_EQ(f["fill"]["total"]["filled_personnel"], 10);
    ASSERT_EQ(f["shortfalls"].size(), 1u);
    EXPECT_EQ(f["shortfalls"][0]["missing_personnel"], 10);
    EXPECT_EQ(v.dump().find("\"DE\""), std::string::npos);
  }
}

TEST(ViewOfPlan, OnlyTheKeysItWasTaughtAreCopied) {
  json v = report::view_of_plan(full_plan(assignment("p1", "FR", "coalition", json()),
                                          assignment("p2", "FR", "public", json())),
                                {"DE"});
  std::string text = v.dump();
  EXPECT_EQ(text.find("never shown"), std::string::npos);
  EXPECT_FALSE(v["forcegen"].contains("objective"));
  EXPECT_FALSE(v["forcegen"].contains("timeline"));
  EXPECT_EQ(v["forcegen"]["fill"]["total"]["filled_personnel"], 20);
  EXPECT_EQ(v["forcegen"]["burden"][0]["personnel_rotations"], 20);
}

}  // namespace

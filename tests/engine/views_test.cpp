// Views for a nation (docs/api-library.md, "Views for a nation"): the registry, the validation
// and the plan as a user of one nation may see them, on a small scenario whose figures are
// worked out by hand (tests/engine/marked/scenario.yaml).
//
// The plan of the coalition fills kyiv-guard (4 companies of 100) with fr-coy (2, public),
// de-coy (1, released to DE and FR, aggregated) and pl-coy (1, released to PL, withheld):
// 400 of 400 personnel. fr-reserve and pl-reserve are left out by conditions of caveats
// released to their own nations only (fr-reserve's aggregated, pl-reserve's withheld).
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <string>

#include "engine/engine.hpp"

using namespace reassure;
using nlohmann::json;

namespace {

const std::string kMarked = std::string(REASSURE_TEST_DATA) + "/engine/marked/scenario.yaml";

const engine::Loaded& marked() {
  static const auto result = engine::load(kMarked);
  if (!result.ok()) throw std::runtime_error(result.problems.front().format());
  return *result.loaded;
}

const json& full_plan() {
  static const json plan = engine::to_json(engine::plan(marked()));
  return plan;
}

json view(const std::string& nation) {
  return engine::view_of_plan(full_plan(), {nation});
}

const json* row(const json& list, const std::string& key, const std::string& value) {
  for (const auto& r : list)
    if (r.value(key, "") == value) return &r;
  return nullptr;
}

std::vector<std::string> values(const json& list, const std::string& key) {
  std::vector<std::string> out;
  for (const auto& r : list) out.push_back(r.value(key, ""));
  return out;
}

TEST(Views, TheFullPlanCarriesEachRecordsMarking) {
  const json& f = full_plan()["forcegen"];
  EXPECT_EQ(full_plan()["releasability"], "coalition");
  EXPECT_DOUBLE_EQ(f["fill_rate"].get<double>(), 1.0);
  const json* de = row(f["assignments"], "pledge", "de-coy");
  ASSERT_NE(de, nullptr);
  EXPECT_EQ((*de)["releasability"], "rel:DE,FR");
  EXPECT_EQ((*de)["restricted_view"], "aggregated");
  EXPECT_EQ((*row(f["assignments"], "pledge", "pl-coy"))["restricted_view"], "withheld");
  EXPECT_EQ((*row(f["excluded"], "pledge", "pl-reserve"))["caveats_releasability"], "rel:PL");
}

// Poland's own pledge is shown to Poland; Germany's company is not released to it, and is shown
// as one anonymous restricted row: every total as in the coalition's plan.
TEST(Views, AggregatedContributionsKeepEveryTotal) {
  json v = view("PL");
  const json& f = v["forcegen"];
  EXPECT_DOUBLE_EQ(f["fill_rate"].get<double>(), 1.0);
  EXPECT_EQ(f["fill"]["total"]["filled_personnel"], 400);
  EXPECT_TRUE(f["shortfalls"].empty());
  EXPECT_EQ(values(f["assignments"], "pledge"),
            (std::vector<std::string>{"fr-coy", "pl-coy", "restricted"}));
  const json* restricted = row(f["assignments"], "nation", "restricted");
  EXPECT_EQ((*restricted)["units"], 1);
  EXPECT_EQ((*restricted)["personnel"], 100);
  EXPECT_EQ((*restricted)["start"], "2026-06-01");
  EXPECT_EQ(values(f["burden"], "nation"), (std::vector<std::string>{"FR", "PL", "restricted"}));
  EXPECT_EQ((*row(f["burden"], "nation", "restricted"))["personnel_rotations"], 100);
  EXPECT_DOUBLE_EQ((*row(f["burden"], "nation", "FR"))["share"].get<double>(), 0.5);
  EXPECT_EQ(v.dump().find("de-coy"), std::string::npos);
  EXPECT_EQ(v.dump().find("\"DE\""), std::string::npos);
}

// France does not see Poland's withheld company: 300 of 400, a shortfall of one company, and
// the burden shared by France (200) and Germany (100) only.
TEST(Views, WithheldContributionsLeaveEveryFigure) {
  json v = view("FR");
  const json& f = v["forcegen"];
  EXPECT_DOUBLE_EQ(f["fill_rate"].get<double>(), 0.75);
  EXPECT_EQ(f["fill"]["total"]["filled_personnel"], 300);
  EXPECT_EQ(f["fill"]["total"]["required_personnel"], 400);
  EXPECT_EQ(f["fill"]["by_requirement"][0]["filled_units"], 3);
  EXPECT_EQ(f["fill"]["by_domain"][0]["filled_personnel"], 300);
  EXPECT_EQ(f["fill"]["by_rotation"][0]["filled_personnel"], 300);
  ASSERT_EQ(f["shortfalls"].size(), 1u);
  EXPECT_EQ(f["shortfalls"][0]["missing_units"], 1);
  EXPECT_EQ(f["shortfalls"][0]["missing_personnel"], 100);
  EXPECT_EQ(f["shortfalls"][0]["code"], "pledges_exhausted");
  EXPECT_EQ(values(f["assignments"], "pledge"), (std::vector<std::string>{"de-coy", "fr-coy"}));
  EXPECT_EQ(values(f["burden"], "nation"), (std::vector<std::string>{"FR", "DE"}));
  EXPECT_NEAR((*row(f["burden"], "nation", "FR"))["share"].get<double>(), 2.0 / 3.0, 1e-12);
  EXPECT_EQ((*row(f["burden"], "nation", "DE"))["peak_personnel"], 100);
  std::string text = v.dump();
  for (const char* hidden : {"pl-coy", "restricted", "pl-reserve", "\"PL\""})
    EXPECT_EQ(text.find(hidden), std::string::npos) << hidden;
}

// Caveats released apart from the pledge: France sees its own reserve and why it is out;
// Germany sees the reserve, not the caveat's reason (aggregated); nobody but Poland sees that
// pl-reserve was left out by a caveat (withheld).
TEST(Views, CaveatsReleasedApartFromThePledge) {
  const json fr = view("FR")["forcegen"]["excluded"];
  EXPECT_EQ((*row(fr, "pledge", "fr-reserve"))["code"], "condition");
  EXPECT_EQ(row(fr, "pledge", "pl-reserve"), nullptr);
  const json de = view("DE")["forcegen"]["excluded"];
  EXPECT_EQ((*row(de, "pledge", "fr-reserve"))["code"], "caveat_restricted");
  EXPECT_EQ(row(de, "pledge", "pl-reserve"), nullptr);
  const json pl = view("PL")["forcegen"]["excluded"];
  EXPECT_EQ((*row(pl, "pledge", "pl-reserve"))["code"], "condition");
  EXPECT_EQ((*row(pl, "pledge", "fr-reserve"))["code"], "caveat_restricted");
}

// A nation that is not in the scenario sees what is public or coalition-wide: one public
// pledge, Germany's company as restricted, Poland's withheld.
TEST(Views, AnotherPartnerSeesOnlyWhatIsReleasedToAll) {
  const json f = view("GB")["forcegen"];
  EXPECT_EQ(f["fill"]["total"]["filled_personnel"], 300);
  EXPECT_EQ(values(f["burden"], "nation"), (std::vector<std::string>{"FR", "restricted"}));
  EXPECT_EQ(values(f["assignments"], "pledge"), (std::vector<std::string>{"fr-coy", "restricted"}));
}

TEST(Views, NotAViewerNoPlan) {
  EXPECT_TRUE(view("").is_null());  // not a nation: not a coalition partner
  json secret = full_plan();
  secret["releasability"] = "rel:FR";
  EXPECT_TRUE(engine::view_of_plan(secret, {"DE"}).is_null());
  EXPECT_FALSE(engine::view_of_plan(secret, {"FR"}).is_null());
  secret["releasability"] = "rel:";  // unreadable: released to no one
  EXPECT_TRUE(engine::view_of_plan(secret, {"FR"}).is_null());
  secret["releasability"] = "public";  // anyone: the public records only
  const json none = engine::view_of_plan(secret, {""})["forcegen"];
  EXPECT_EQ(values(none["assignments"], "pledge"),
            (std::vector<std::string>{"fr-coy", "restricted"}));
}

TEST(Views, TheFailureFormKeepsItsProblems) {
  json failure = engine::to_json(
      std::vector<engine::Problem>{{engine::Code::model_too_large, "too large", {}, "variant"}});
  failure["releasability"] = "coalition";
  json v = engine::view_of_plan(failure, {"FR"});
  EXPECT_EQ(v["problems"].size(), 1u);
  EXPECT_FALSE(v.contains("forcegen"));
}

// The registry from the statements each nation may see. Coalition: FR, DE and PL committed by
// statement, AT silent and counted by u1: 4 of 4. France does not see Germany's statement
// (DE only) but sees u1: FR and PL by statement, DE and AT silent, u1 counted: 3. Germany
// sees its own statement, not u1: 3. Poland sees neither: 2.
TEST(Views, StatusCountsAreTheViewersCounts) {
  auto committed = [](const std::optional<engine::Viewer>& viewer) {
    auto result = viewer ? engine::status(marked(), "", *viewer) : engine::status(marked());
    EXPECT_TRUE(result.ok());
    return result.status->committed;
  };
  EXPECT_EQ(committed(std::nullopt), 4);
  EXPECT_EQ(committed(engine::Viewer{"FR"}), 3);
  EXPECT_EQ(committed(engine::Viewer{"DE"}), 3);
  EXPECT_EQ(committed(engine::Viewer{"PL"}), 2);
  auto fr = engine::status(marked(), "", {"FR"});
  EXPECT_EQ(fr.status->participants, 4);
  EXPECT_EQ(fr.status->committed_undisclosed, 1);
  std::string text = engine::to_json(fr).dump();
  EXPECT_EQ(text.find("in confidence"), std::string::npos);
  std::string pl = engine::to_json(engine::status(marked(), "", {"PL"})).dump();
  EXPECT_EQ(pl.find("One more counted"), std::string::npos);
}

TEST(Views, ValidationCountsAreTheViewersCounts) {
  auto loaded = engine::load(kMarked);
  EXPECT_EQ(engine::validate(loaded).pledges, 5u);
  EXPECT_EQ(engine::validate(loaded, {"FR"}).pledges,
            4u);  // fr-coy, de-coy, fr-reserve, pl-reserve
  EXPECT_EQ(engine::validate(loaded, {"PL"}).pledges, 4u);
  EXPECT_EQ(engine::validate(loaded, {"GB"}).pledges, 3u);
}

}  // namespace

namespace {

json compare_view(const std::string& nation) {
  static const json full = engine::to_full_json(engine::compare(marked(), {"base", "de-opens"}));
  return engine::view_of_compare(full, {nation});
}

// de-opens releases Germany's company to the coalition (and Germany's statement to anyone).
// Poland saw it aggregated in the base: the same totals, and the burden moves from the
// restricted row to Germany. France saw it already, and still does not see Poland's: 300 of 400
// in both. Only France may read the change of de-coy; nobody but Germany the base statement.
TEST(Views, ComparisonsAreComputedFromTheViews) {
  json pl = compare_view("PL")["compare"];
  ASSERT_EQ(pl.size(), 2u);
  EXPECT_EQ(pl[0]["filled_personnel"], 400);
  EXPECT_EQ(pl[1]["filled_personnel"], 400);
  EXPECT_EQ(pl[1]["burden_change"], (json{{"DE", 100}, {"restricted", -100}}));
  EXPECT_TRUE(pl[1]["inputs_changed"].empty());
  json fr = compare_view("FR")["compare"];
  EXPECT_EQ(fr[0]["filled_personnel"], 300);
  EXPECT_EQ(fr[1]["filled_personnel"], 300);
  EXPECT_EQ(fr[1]["shortfall_lines"], 1);
  EXPECT_EQ(fr[1]["shortfall_personnel"], 100);
  EXPECT_TRUE(fr[1]["shortfalls_appear"].empty());
  EXPECT_TRUE(fr[1]["burden_change"].empty());
  EXPECT_EQ(values(fr[1]["inputs_changed"], "id"), (std::vector<std::string>{"de-coy", "de-coy"}));
  EXPECT_FALSE(fr[1]["inputs_changed"][0].contains("markings"));
  json de = compare_view("DE")["compare"];
  EXPECT_EQ(de[1]["inputs_changed"].size(), 3u);
  EXPECT_EQ(compare_view("FR").dump().find("\"PL\""), std::string::npos);
  // The objective weighs Poland's withheld company too: France is not told it, nor Poland
  // (Germany's company is aggregated for it).
  EXPECT_TRUE(fr[0]["objective"].is_null());
  EXPECT_TRUE(pl[0]["objective"].is_null());
  // The figures beside the summary are the views': France misses one company in one line.
  EXPECT_EQ(
      fr[0]["shortfalls_by_domain"],
      (json::array(
          {{{"domain", "land"}, {"lines", 1}, {"missing_units", 1}, {"missing_personnel", 100}}})));
  EXPECT_EQ(fr[0]["nations_contributing"], 2);
}

}  // namespace

namespace {

// The default scenario marks no record: a partner's view has the coalition's figures. A cached
// plan is redacted on the way out in well under the 2 ms a route may spend on it (the best of
// five runs, so that a loaded machine does not fail the test; in optimised builds).
TEST(Views, TheDefaultPlanIsSeenWholeAndRedactedFast) {
  auto loaded =
      engine::load(std::string(REASSURE_SOURCE_DIR) + "/scenarios/coalition/scenario.yaml");
  ASSERT_TRUE(loaded.ok());
  json full = engine::to_json(engine::plan(*loaded.loaded));
  double best = 1e9;
  json v;
  for (int i = 0; i < 5; ++i) {
    auto start = std::chrono::steady_clock::now();
    v = engine::view_of_plan(full, {"DE"});
    best = std::min(
        best, std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                  .count());
  }
  RecordProperty("best_ms", std::to_string(best));
#if defined(NDEBUG) && !defined(__SANITIZE_ADDRESS__)
  EXPECT_LT(best, 2.0);  // timed in optimised builds only: Debug and ASan are ten times slower
#endif
  const json& f = v["forcegen"];
  const json& ff = full["forcegen"];
  EXPECT_EQ(f["fill"], ff["fill"]);
  EXPECT_EQ(f["burden"], ff["burden"]);
  EXPECT_EQ(f["assignments"].size(), ff["assignments"].size());
  EXPECT_EQ(f["excluded"].size(), ff["excluded"].size());
  ASSERT_EQ(f["shortfalls"].size(), ff["shortfalls"].size());
  for (std::size_t i = 0; i < ff["shortfalls"].size(); ++i) {
    EXPECT_EQ(f["shortfalls"][i]["missing_personnel"], ff["shortfalls"][i]["missing_personnel"]);
    EXPECT_EQ(f["shortfalls"][i]["code"], ff["shortfalls"][i]["code"]);
  }
}

}  // namespace

// The theatre's map carries no marking of its own: a viewer the scenario is released to sees it
// whole, one it is not released to sees nothing and learns nothing (not even its variants).
TEST(Views, TheTheatreIsShownWholeOrNotAtAll) {
  auto loaded = engine::load(kMarked);
  ASSERT_TRUE(loaded.ok());
  auto full = engine::theatre(*loaded.loaded);
  ASSERT_TRUE(full.ok());
  auto de = engine::theatre(*loaded.loaded, "base", engine::Viewer{"DE"});
  ASSERT_TRUE(de.ok());
  EXPECT_EQ(*de.geojson, *full.geojson);
  for (const std::string& variant : {"base", "no-such-variant"}) {
    auto outsider = engine::theatre(*loaded.loaded, variant, engine::Viewer{"not-a-nation"});
    EXPECT_FALSE(outsider.ok());
    EXPECT_TRUE(outsider.problems.empty());
  }
  auto unknown = engine::theatre(*loaded.loaded, "no-such-variant", engine::Viewer{"DE"});
  ASSERT_EQ(unknown.problems.size(), 1u);
  EXPECT_EQ(unknown.problems[0].code, engine::Code::variant_unknown);
}

// Plans, comparisons and their jobs through HTTP on both backends, over scenarios uploaded as a
// planner would: the real coalition scenario (cached answers, jobs followed to their result,
// cancellation) and a small marked one (what each nation sees of a plan built on restricted
// pledges).
#include <gmock/gmock.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/api_fixture.hpp"

namespace reassure::api_test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

const std::filesystem::path kCoalition =
    std::filesystem::path(REASSURE_SOURCE_DIR) / "scenarios" / "coalition";
// Hand-checked in tests/engine/views_test.cpp: 4 companies needed at Kyiv; FR pledges 2
// (public), DE 1 (to DE and FR, others see it aggregated), PL 1 (to PL only, withheld).
const std::filesystem::path kMarked =
    std::filesystem::path(REASSURE_TEST_DATA) / "engine" / "marked";

class PlanApiTest : public ApiTest {
 public:
  std::string pl_observer = server.user("piotr", "PL", store::Role::observer);

  Request plan(const std::string& name, const nlohmann::json& body, const std::string& token,
               int wait = 60) {
    return ask("plans", name, body, token, wait);
  }
  Request compare(const std::string& name, const nlohmann::json& body, const std::string& token,
                  int wait = 60) {
    return ask("comparisons", name, body, token, wait);
  }
  Response job(const std::string& id, const std::string& token, int wait = 0) {
    Request r{"GET", "/jobs/{id}", {{"id", id}}, "", token, "", ""};
    wait_for(r, wait);
    return server.send(r);
  }
  Response cancel(const std::string& id, const std::string& token) {
    return server.send({"DELETE", "/jobs/{id}", {{"id", id}}, "", token, "", ""});
  }

 private:
  // POST /scenarios/{name}/versions/1/{what}; with `Prefer: wait=N` the route answers once the
  // solve is done, or after N seconds.
  static Request ask(const std::string& what, const std::string& name, const nlohmann::json& body,
                     const std::string& token, int wait) {
    Request r{"POST",
              "/scenarios/{name}/versions/{version}/" + what,
              {{"name", name}, {"version", "1"}},
              "",
              token,
              body.dump(),
              "application/json"};
    wait_for(r, wait);
    return r;
  }
  // `Prefer: wait=N`: the route answers once the solve is done, or after N seconds.
  static void wait_for(Request& r, int wait) {
    if (wait > 0) r.prefer = "wait=" + std::to_string(wait);
  }
};

std::string id_of(const Response& r) {
  return r.json["id"].is_string() ? r.json["id"].get<std::string>() : "";
}

TEST_P(PlanApiTest, APlanIsSolvedOnceThenEveryCallerGetsItFromTheCache) {
  ASSERT_EQ(upload("coalition", folder_files(kCoalition), fr_planner).status, 201);
  auto first = server.send(plan("coalition", {{"variant", "base"}}, fr_planner));
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.json["state"], "done");
  EXPECT_EQ(first.json["kind"], "plan");
  EXPECT_EQ(first.json["scenario"], "coalition@1");
  EXPECT_EQ(first.json["result"]["forcegen"]["status"], "optimal");
  EXPECT_EQ(first.header("X-Reassure-Cache"), "miss");
  EXPECT_EQ(first.header("Location"), "/jobs/" + id_of(first));

  auto again = server.send(plan("coalition", nlohmann::json::object(), de_observer));
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.header("X-Reassure-Cache"), "hit");
  EXPECT_TRUE(again.json["id"].is_null());
  EXPECT_TRUE(again.json["cached"].get<bool>());
  // The coalition scenario restricts nothing: every nation sees the same plan.
  EXPECT_EQ(again.json["result"], first.json["result"]);
  EXPECT_THAT(server.http().metrics().prometheus_text(),
              HasSubstr("reassure_plan_cache_hits_total 1"));

  // The first solve was asked by anne and is in the audit log; the cache hit is a read.
  auto audit = server.get("/audit", {}, admin);
  std::string requests;
  for (const auto& entry : audit.json)
    if (entry["action"] == "plan.request") requests += entry["target"].get<std::string>() + ";";
  EXPECT_THAT(requests, HasSubstr("coalition@1 base job " + id_of(first)));
  EXPECT_EQ(std::count(requests.begin(), requests.end(), ';'), 1);
}

TEST_P(PlanApiTest, AComparisonIsFollowedToItsResultAtItsLocation) {
  ASSERT_EQ(upload("coalition", folder_files(kCoalition), fr_planner).status, 201);
  auto asked = server.send(
      compare("coalition", {{"variants", {"base", "no-us-backstop"}}, {"time_limit_seconds", 30}},
              de_observer, 0));
  ASSERT_TRUE(asked.status == 202 || asked.status == 200) << asked.body;
  std::string id = id_of(asked);
  ASSERT_EQ(asked.header("Location"), "/jobs/" + id);
  auto followed = job(id, de_observer, 60);
  ASSERT_EQ(followed.status, 200) << followed.body;
  EXPECT_EQ(followed.json["state"], "done");
  EXPECT_EQ(followed.json["kind"], "comparison");
  EXPECT_EQ(followed.json["variants"], nlohmann::json({"base", "no-us-backstop"}));
  EXPECT_EQ(followed.json["progress"]["variants"], 2);
  EXPECT_EQ(followed.json["progress"]["components_done"], followed.json["progress"]["components"]);
  EXPECT_EQ(followed.json["result"]["compare"].size(), 2u);
  EXPECT_TRUE(followed.json["cached"].get<bool>());
}

TEST_P(PlanApiTest, BadRequestsAreRefusedNamingTheField) {
  ASSERT_EQ(upload("minimal", minimal_files(), fr_planner).status, 201);
  struct Case {
    bool comparison;
    nlohmann::json body;
    int status;
    std::string code, field;
  };
  const std::vector<Case> cases{
      {false, {{"variant", "no-such"}}, 422, "variant.unknown", "variant"},
      {false, {{"variant", 3}}, 400, "field.type", "variant"},
      {false, {{"time_limit_seconds", 0}}, 400, "field.range", "time_limit_seconds"},
      {false, {{"varient", "base"}}, 400, "field.unknown", "varient"},
      {true, nlohmann::json::object(), 400, "field.missing", "variants"},
      {true, {{"variants", nlohmann::json::array()}}, 400, "field.range", "variants"},
      {true, {{"variants", {"base", "nope"}}}, 422, "variant.unknown", "variants"},
  };
  int writes = server.store().writes();
  for (const auto& c : cases) {
    auto r = server.send(c.comparison ? compare("minimal", c.body, fr_planner)
                                      : plan("minimal", c.body, fr_planner));
    EXPECT_EQ(r.status, c.status) << c.body;
    EXPECT_EQ(r.error_code(), c.code) << c.body;
    EXPECT_EQ(r.json["error"]["field"], c.field) << c.body;
  }
  EXPECT_EQ(server.store().writes(), writes);  // no job, no audit line
  auto bad_version = plan("minimal", nlohmann::json::object(), fr_planner);
  bad_version.params["version"] = "x";
  EXPECT_EQ(server.send(bad_version).json["error"]["field"], "version");
  auto bad_wait = plan("minimal", nlohmann::json::object(), fr_planner);
  bad_wait.prefer = "wait=soon";
  auto refused = server.send(bad_wait);
  EXPECT_EQ(refused.status, 400);
  EXPECT_EQ(refused.json["error"]["field"], "Prefer");
  EXPECT_EQ(job("0123", fr_planner).status, 404);
}

// One plan, solved once on every pledge; each nation sees its part (docs/api-library.md,
// "Views"): PL its own withheld company and DE's aggregated one; FR DE's company (released to
// FR) but not PL's, whose figures are the plan's without it.
TEST_P(PlanApiTest, EachNationSeesThePlanAsFarAsTheMarkingsRelease) {
  ASSERT_EQ(upload("marked", folder_files(kMarked), fr_planner).status, 201);
  auto fr = server.send(plan("marked", nlohmann::json::object(), fr_observer));
  ASSERT_EQ(fr.status, 200) << fr.body;
  auto pl = server.send(plan("marked", nlohmann::json::object(), pl_observer));
  ASSERT_EQ(pl.status, 200) << pl.body;
  EXPECT_EQ(pl.header("X-Reassure-Cache"), "hit");

  const auto& fr_plan = fr.json["result"]["forcegen"];
  EXPECT_EQ(fr_plan["fill"]["total"]["filled_personnel"], 300);
  EXPECT_EQ(fr_plan["shortfalls"][0]["missing_units"], 1);
  EXPECT_THAT(fr.body, Not(HasSubstr("pl-coy")));
  EXPECT_THAT(fr.body, HasSubstr("de-coy"));

  const auto& pl_plan = pl.json["result"]["forcegen"];
  EXPECT_EQ(pl_plan["fill"]["total"]["filled_personnel"], 400);
  EXPECT_TRUE(pl_plan["shortfalls"].empty());
  EXPECT_THAT(pl.body, HasSubstr("pl-coy"));
  EXPECT_THAT(pl.body, Not(HasSubstr("de-coy")));
  EXPECT_THAT(pl.body, HasSubstr("restricted"));
}

TEST_P(PlanApiTest, OnlyPlannersCancelAndACancelledSolveIsNotCached) {
  ASSERT_EQ(upload("coalition", folder_files(kCoalition), fr_planner).status, 201);
  auto asked = server.send(
      compare("coalition",
              {{"variants", {"base", "no-us-backstop", "germany-commits", "two-year-mission"}}},
              fr_planner, 0));
  std::string id = id_of(asked);
  ASSERT_FALSE(id.empty()) << asked.body;
  auto forbidden = cancel(id, de_observer);
  EXPECT_EQ(forbidden.status, 403);
  auto cancelled = cancel(id, de_planner);
  if (cancelled.status == 409) {
    EXPECT_EQ(cancelled.error_code(), "job.finished");  // solved before the cancel came
  } else {
    ASSERT_EQ(cancelled.status / 100, 2) << cancelled.body;
    auto ended = job(id, fr_planner, 60);
    EXPECT_EQ(ended.json["state"], "cancelled");
    EXPECT_FALSE(ended.json["cached"].get<bool>());
    // Asked again, it is solved afresh rather than served a cancelled plan.
    auto again = server.send(
        compare("coalition",
                {{"variants", {"base", "no-us-backstop", "germany-commits", "two-year-mission"}}},
                fr_planner, 0));
    EXPECT_NE(again.header("X-Reassure-Cache"), "hit");
  }
  EXPECT_EQ(cancel(id, de_planner).status, 409);  // finished now, whichever way
}

// A version the store marks for the coalition whose scenario releases itself to FR only (no
// upload can make one: an upload takes the scenario's own marking) is answered to DE as a
// missing one, on the status and plan routes alike.
TEST_P(PlanApiTest, AScenarioMarkedNarrowerThanItsVersionIsStillHidden) {
  auto files = minimal_files();
  files["scenario.yaml"] += "\nreleasability: [FR]\n";
  server.store().add_scenario_version({"narrow", files, Releasability{}, "anne"});
  auto status = server.get("/scenarios/{name}/versions/{version}/status",
                           {{"name", "narrow"}, {"version", "1"}}, de_observer);
  auto missing = server.get("/scenarios/{name}/versions/{version}/status",
                            {{"name", "narrow"}, {"version", "2"}}, de_observer);
  EXPECT_EQ(status.status, 404);
  EXPECT_EQ(status.body.replace(status.body.find("version 1 "), 10, "version 2 "), missing.body);
  auto planned = server.send(plan("narrow", nlohmann::json::object(), de_observer));
  EXPECT_EQ(planned.status, 404);
  EXPECT_EQ(planned.error_code(), "scenario.not_found");
  EXPECT_EQ(server.send(plan("narrow", nlohmann::json::object(), fr_observer)).status, 200);
}

// A comparison entry without what names it (its name, and the file and line of each input it
// changes): the figures of the plan.
nlohmann::json figures(nlohmann::json entry) {
  entry.erase("variant");
  for (auto& input : entry["inputs_changed"]) {
    input.erase("file");
    input.erase("line");
  }
  return entry;
}

// "What if France leaves?" asked in the request is the scenario's own france-leaves: the same
// plan, figure for figure. Asked again (its keys in another order), it is a cache hit; another
// what-if of the same name is another answer.
TEST_P(PlanApiTest, AWhatIfIsPlannedAsTheSameVariantWrittenInTheFile) {
  ASSERT_EQ(upload("coalition", folder_files(kCoalition), fr_planner).status, 201);
  auto named =
      server.send(compare("coalition", {{"variants", {"base", "france-leaves"}}}, fr_planner));
  ASSERT_EQ(named.status, 200) << named.body;
  nlohmann::json fr_leaves{{"name", "fr-leaves"}, {"remove_nations", {"FR"}}};
  auto asked = server.send(compare("coalition", {{"variants", {"base", fr_leaves}}}, fr_planner));
  ASSERT_EQ(asked.status, 200) << asked.body;
  EXPECT_EQ(asked.header("X-Reassure-Cache"), "miss");
  const auto& file_entry = named.json["result"]["compare"][1];
  const auto& asked_entry = asked.json["result"]["compare"][1];
  EXPECT_EQ(asked_entry["variant"], "fr-leaves");
  EXPECT_EQ(figures(asked_entry), figures(file_entry));
  EXPECT_TRUE(asked_entry["objective"].is_number());  // the coalition's plan marks nothing
  EXPECT_LT(asked_entry["filled_personnel"].get<double>(),
            asked.json["result"]["compare"][0]["filled_personnel"].get<double>());
  EXPECT_EQ(asked.json["variants"], nlohmann::json({"base", "fr-leaves"}));

  // The same what-if, written otherwise: the same answer, from the cache.
  Request again = compare("coalition", nlohmann::json::object(), de_observer);
  again.body = R"({"variants": ["base", {"remove_nations": ["FR"],   "name": "fr-leaves"}]})";
  auto hit = server.send(again);
  ASSERT_EQ(hit.status, 200) << hit.body;
  EXPECT_EQ(hit.header("X-Reassure-Cache"), "hit");
  EXPECT_EQ(hit.json["result"], asked.json["result"]);

  // Another what-if under the same name does not collide with it.
  nlohmann::json de_leaves{{"name", "fr-leaves"}, {"remove_nations", {"DE"}}};
  auto other = server.send(compare("coalition", {{"variants", {"base", de_leaves}}}, fr_planner));
  ASSERT_EQ(other.status, 200) << other.body;
  EXPECT_EQ(other.header("X-Reassure-Cache"), "miss");
  EXPECT_NE(figures(other.json["result"]["compare"][1]), figures(asked_entry));

  // A plan of one what-if: "joins with these pledges" (a nation of the scenario pledges more).
  nlohmann::json pl_joins{{"name", "pl-joins"},
                          {"add",
                           {{"pledges",
                             {{{"id", "pl-whatif-1"},
                               {"nation", "PL"},
                               {"capability", "logistics-company"},
                               {"quantity", 2},
                               {"available_from", 1},
                               {"basis", "assumption"},
                               {"source", "what-if"}}}}}}};
  auto planned = server.send(plan("coalition", {{"variant", pl_joins}}, fr_planner));
  ASSERT_EQ(planned.status, 200) << planned.body;
  EXPECT_EQ(planned.json["result"]["variant"], "pl-joins");
  EXPECT_THAT(planned.body, HasSubstr("pl-whatif-1"));

  // A new solve of a what-if is audited with what it asked.
  auto audit = server.get("/audit", {}, admin);
  std::string requests;
  for (const auto& entry : audit.json)
    if (entry["action"] == "compare.request") requests += entry["target"].get<std::string>() + ";";
  EXPECT_THAT(requests,
              HasSubstr(R"(base,fr-leaves {"name":"fr-leaves","remove_nations":["FR"]})"));
}

// A what-if is read as an entry of variants.yaml: what is wrong is told at its field in the
// request, nothing is solved, nothing is written.
TEST_P(PlanApiTest, AWhatIfThatBreaksARuleIsRefusedNamingItsField) {
  ASSERT_EQ(upload("marked", folder_files(kMarked), fr_planner).status, 201);
  struct Case {
    bool comparison;
    nlohmann::json body;
    std::string field;
  };
  nlohmann::json unknown_capability{
      {"name", "x"},
      {"add",
       {{"pledges",
         {{{"id", "x-coy"}, {"nation", "AT"}, {"capability", "no-such"}, {"quantity", 1}}}}}}};
  const std::vector<Case> cases{
      {true,
       {{"variants", {"base", {{"name", "x"}, {"remove_nations", {"FR", "XX"}}}}}},
       "variants[1].remove_nations[1]"},
      {false, {{"variant", {{"name", "x"}, {"remove_nations", "FR"}}}}, "variant.remove_nations"},
      {false, {{"variant", {{"name", "base"}}}}, "variant.name"},
      {false, {{"variant", {{"description", "no name"}}}}, "variant.name"},
      {false, {{"variant", {{"name", "a b"}}}}, "variant.name"},
      {false, {{"variant", {{"name", "de-opens"}}}}, "variant.name"},
      {false, {{"variant", {{"name", "x"}, {"bogus", 1}}}}, "variant.bogus"},
      {false, unknown_capability, "variant.pledges[x-coy].capability"},
      {false,
       {{"variant", {{"name", "x"}, {"remove", {{"pledges", {"no-such"}}}}}}},
       "variant.remove.pledges"},
      {true, {{"variants", {{{"name", "x"}}, {{"name", "x"}}}}}, "variants[1].name"},
  };
  int writes = server.store().writes();
  for (const auto& c : cases) {
    auto body = c.body;
    if (!c.comparison && !body.contains("variant")) body = {{"variant", body}};
    auto r = server.send(c.comparison ? compare("marked", body, fr_planner)
                                      : plan("marked", body, fr_planner));
    EXPECT_EQ(r.status, 422) << body << r.body;
    EXPECT_EQ(r.error_code(), "variant.invalid") << body << r.body;
    EXPECT_EQ(r.json["error"]["field"], c.field) << body << r.body;
  }
  EXPECT_EQ(server.store().writes(), writes);  // no job, no audit line
  auto not_a_variant = server.send(plan("marked", {{"variant", 3}}, fr_planner));
  EXPECT_EQ(not_a_variant.status, 400);
  EXPECT_EQ(not_a_variant.json["error"]["field"], "variant");
}

// Poland's company is released to Poland only: to a German user a what-if that names it is
// answered exactly as one that names a pledge the scenario does not have. Poland may name it.
TEST_P(PlanApiTest, AWhatIfNamesOnlyWhatItsCallerMaySee) {
  ASSERT_EQ(upload("marked", folder_files(kMarked), fr_planner).status, 201);
  auto removing = [](const std::string& pledge) {
    return nlohmann::json{
        {"variants", {"base", {{"name", "x"}, {"remove", {{"pledges", {pledge}}}}}}}};
  };
  auto changing = [](const std::string& pledge) {
    return nlohmann::json{
        {"variant", {{"name", "x"}, {"change", {{"pledges", {{pledge, {{"quantity", 2}}}}}}}}}};
  };
  for (bool compared : {true, false}) {
    auto body = [&](const std::string& pledge) {
      return compared ? removing(pledge) : changing(pledge);
    };
    auto ask = [&](const std::string& pledge, const std::string& token) {
      return server.send(compared ? compare("marked", body(pledge), token)
                                  : plan("marked", body(pledge), token));
    };
    auto hidden = ask("pl-coy", de_observer);
    auto missing = ask("zz-coy", de_observer);
    EXPECT_EQ(hidden.status, 422) << hidden.body;
    EXPECT_EQ(missing.status, 422) << missing.body;
    std::string told = hidden.body;
    for (auto at = told.find("pl-coy"); at != std::string::npos; at = told.find("pl-coy"))
      told.replace(at, 6, "zz-coy");
    EXPECT_EQ(told, missing.body);
    auto own = ask("pl-coy", pl_observer);
    EXPECT_EQ(own.status, 200) << own.body;
  }
  // A pledge added under the id of one the caller may not see is refused in the words used for
  // the id of one it may see: neither its place nor its content is told.
  auto adding = [&](const std::string& id) {
    nlohmann::json pledge{{"id", id}, {"nation", "AT"}, {"capability", "company"}, {"quantity", 1}};
    return server.send(plan(
        "marked", {{"variant", {{"name", "x"}, {"add", {{"pledges", {pledge}}}}}}}, de_observer));
  };
  auto hidden = adding("pl-coy");
  auto seen = adding("fr-coy");
  EXPECT_EQ(hidden.status, 422) << hidden.body;
  EXPECT_EQ(hidden.json["error"]["field"], "variant.add.pledges");
  std::string told = hidden.body;
  told.replace(told.find("pl-coy"), 6, "fr-coy");
  EXPECT_EQ(told, seen.body);
}

TEST_P(PlanApiTest, TheVariantsAWhatIfMayChooseFromAreListed) {
  ASSERT_EQ(upload("marked", folder_files(kMarked), fr_planner).status, 201);
  auto r = server.get("/scenarios/{name}/versions/{version}/variants",
                      {{"name", "marked"}, {"version", "1"}}, de_observer);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json["variants"][0]["name"], "base");
  EXPECT_EQ(r.json["variants"][1]["name"], "de-opens");
  EXPECT_EQ(r.json["nations"].size(), 4u);
  EXPECT_EQ(r.json["capabilities"][0]["id"], "company");
  EXPECT_EQ(r.json["rotations"], 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, PlanApiTest,
                         ::testing::Values(store::Backend::sqlite, store::Backend::postgresql),
                         backend_test_name);

}  // namespace
}  // namespace reassure::api_test

// The plan and comparison routes over HTTP on loopback, against the real coalition scenario:
// cached answers, jobs with progress and results, cancellation, and what a user of another
// nation may not learn of a restricted scenario's plans and jobs.
#include "app/api_plans.hpp"

#include <gtest/gtest.h>
#include <httplib.h>
#include <unistd.h>

#include <filesystem>
#include <thread>

#include "server/api_error.hpp"

using namespace reassure;

namespace {

const std::string kCoalition =
    std::string(REASSURE_SOURCE_DIR) + "/scenarios/coalition/scenario.yaml";

// The test's users by the names the tests call them: a French planner, a German planner and a
// German observer; each signs in with a token of 64 hex digits, as the server's are.
const std::map<std::string, server::Caller> kUsers{
    {"fr-planner", {"anne", "FR", "planner"}},
    {"de-planner", {"dirk", "DE", "planner"}},
    {"de-observer", {"olga", "DE", "observer"}},
};
std::string token_of(const std::string& user) {
  auto at = std::distance(kUsers.begin(), kUsers.find(user));
  return std::string(64, "abc"[at]);
}

class PlanRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    static int count = 0;
    path_ = std::filesystem::temp_directory_path() /
            ("reassure-plans-" + std::to_string(getpid()) + "-" + std::to_string(++count) + ".db");
    std::filesystem::remove(path_);
    store_ = store::open_store("sqlite:" + path_.string());
    static auto loaded = engine::load(kCoalition).loaded;
    ASSERT_TRUE(loaded);
    jobs_ = std::make_unique<app::PlanJobs>(*store_, app::PlanJobs::Limits{}, &http_.metrics());
    http_.set_authenticator([](const std::string& token) -> std::optional<server::Caller> {
      for (const auto& [user, caller] : kUsers)
        if (token_of(user) == token) return caller;
      return std::nullopt;
    });
    // "coalition" version 1 is for the whole coalition; version 2, the same files, only for FR.
    app::add_plan_routes(
        http_, *jobs_, [](const server::Call& call, const std::string& name, int version) {
          app::VisibleScenario found{name, version, {}, loaded};
          if (version == 2) found.marking = {ReleaseScope::nations, {"FR"}};
          if (name != "coalition" || version > 2 ||
              !releasable_to(found.marking, call.caller->nation))
            throw server::ApiError(404, "scenario.not_found", "no such scenario version", "name");
          return found;
        });
    port_ = http_.bind({"127.0.0.1", 0});
    thread_ = std::thread([this] { http_.run(); });
  }
  void TearDown() override {
    http_.stop();
    thread_.join();
    jobs_.reset();
    store_.reset();
    for (const char* suffix : {"", "-wal", "-shm"})
      std::filesystem::remove(path_.string() + suffix);
  }

  httplib::Result post(const std::string& path, const std::string& body,
                       const std::string& token = "fr-planner", int wait = 60) {
    httplib::Client client("127.0.0.1", port_);
    client.set_read_timeout(90);
    httplib::Headers headers{{"Authorization", "Bearer " + token_of(token)}};
    if (wait > 0) headers.emplace("Prefer", "wait=" + std::to_string(wait));
    return client.Post(path.c_str(), headers, body, "application/json");
  }
  httplib::Result get(const std::string& path, const std::string& token = "fr-planner",
                      int wait = 0) {
    httplib::Client client("127.0.0.1", port_);
    client.set_read_timeout(90);
    httplib::Headers headers{{"Authorization", "Bearer " + token_of(token)}};
    if (wait > 0) headers.emplace("Prefer", "wait=" + std::to_string(wait));
    return client.Get(path.c_str(), headers);
  }
  httplib::Result remove(const std::string& path, const std::string& token) {
    httplib::Client client("127.0.0.1", port_);
    return client.Delete(path.c_str(), {{"Authorization", "Bearer " + token_of(token)}});
  }

  std::filesystem::path path_;
  std::unique_ptr<store::Store> store_;
  server::HttpServer http_{{}, [](const std::string&) {}};
  std::unique_ptr<app::PlanJobs> jobs_;
  int port_ = 0;
  std::thread thread_;
};

nlohmann::json json_of(const httplib::Result& result) {
  return nlohmann::json::parse(result->body);
}

}  // namespace

TEST_F(PlanRoutesTest, APlanIsSolvedOnceThenServedFromTheCache) {
  auto first = post("/scenarios/coalition/versions/1/plans", R"({"variant": "base"})");
  ASSERT_TRUE(first);
  ASSERT_EQ(first->status, 200) << first->body;
  auto job = json_of(first);
  EXPECT_EQ(job["state"], "done");
  EXPECT_EQ(job["kind"], "plan");
  EXPECT_EQ(job["scenario"], "coalition@1");
  EXPECT_EQ(job["result"]["forcegen"]["status"], "optimal");
  EXPECT_EQ(first->get_header_value("X-Reassure-Cache"), "miss");
  EXPECT_EQ(first->get_header_value("Location"), "/jobs/" + job["id"].get<std::string>());

  auto again = post("/scenarios/coalition/versions/1/plans", "{}");
  ASSERT_EQ(again->status, 200);
  EXPECT_EQ(again->get_header_value("X-Reassure-Cache"), "hit");
  auto cached = json_of(again);
  EXPECT_TRUE(cached["id"].is_null());
  EXPECT_TRUE(cached["cached"].get<bool>());
  EXPECT_EQ(cached["result"], job["result"]);
  EXPECT_NE(http_.metrics().prometheus_text().find("reassure_plan_cache_hits_total 1"),
            std::string::npos);
}

TEST_F(PlanRoutesTest, AJobIsFollowedToItsResultAtItsLocation) {
  auto asked = post("/scenarios/coalition/versions/1/comparisons",
                    R"({"variants": ["base", "no-us-backstop"], "time_limit_seconds": 30})",
                    "de-observer", 0);
  ASSERT_TRUE(asked);
  ASSERT_TRUE(asked->status == 202 || asked->status == 200) << asked->body;
  auto location = asked->get_header_value("Location");
  ASSERT_EQ(location.rfind("/jobs/", 0), 0u);
  auto followed = get(location, "de-observer", 60);
  ASSERT_EQ(followed->status, 200) << followed->body;
  auto job = json_of(followed);
  EXPECT_EQ(job["state"], "done");
  EXPECT_EQ(job["kind"], "comparison");
  EXPECT_EQ(job["variants"], nlohmann::json({"base", "no-us-backstop"}));
  EXPECT_EQ(job["progress"]["variants"], 2);
  EXPECT_EQ(job["progress"]["components_done"], job["progress"]["components"]);
  EXPECT_EQ(job["result"]["compare"].size(), 2u);
  EXPECT_TRUE(job["cached"].get<bool>());
}

TEST_F(PlanRoutesTest, BadRequestsAreRefusedNamingTheField) {
  struct Case {
    std::string path, body;
    int status;
    std::string code, field;
  };
  const std::vector<Case> cases{
      {"/scenarios/coalition/versions/1/plans", R"({"variant": "no-such"})", 422, "variant.unknown",
       "variant"},
      {"/scenarios/coalition/versions/1/plans", R"({"variant": 3})", 400, "field.type", "variant"},
      {"/scenarios/coalition/versions/1/plans", R"({"time_limit_seconds": 0})", 400, "field.range",
       "time_limit_seconds"},
      {"/scenarios/coalition/versions/1/plans", R"({"varient": "base"})", 400, "field.unknown",
       "varient"},
      {"/scenarios/coalition/versions/x/plans", "{}", 400, "field.range", "version"},
      {"/scenarios/coalition/versions/1/comparisons", "{}", 400, "field.missing", "variants"},
      {"/scenarios/coalition/versions/1/comparisons", R"({"variants": []})", 400, "field.range",
       "variants"},
      {"/scenarios/coalition/versions/1/comparisons", R"({"variants": ["base", "nope"]})", 422,
       "variant.unknown", "variants"},
  };
  for (const auto& c : cases) {
    auto result = post(c.path, c.body);
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, c.status) << c.body;
    auto error = json_of(result)["error"];
    EXPECT_EQ(error["code"], c.code) << c.body;
    EXPECT_EQ(error["field"], c.field) << c.body;
  }
  httplib::Client client("127.0.0.1", port_);
  auto bad_wait =
      client.Post("/scenarios/coalition/versions/1/plans",
                  {{"Authorization", "Bearer " + token_of("fr-planner")}, {"Prefer", "wait=soon"}},
                  "{}", "application/json");
  EXPECT_EQ(bad_wait->status, 400);
  EXPECT_EQ(json_of(bad_wait)["error"]["field"], "Prefer");
}

TEST_F(PlanRoutesTest, ARestrictedScenarioAndItsJobsAreInvisibleToOtherNations) {
  auto missing = post("/scenarios/coalition/versions/9/plans", "{}", "de-planner");
  auto hidden = post("/scenarios/coalition/versions/2/plans", "{}", "de-planner");
  ASSERT_EQ(missing->status, 404);
  EXPECT_EQ(hidden->status, missing->status);
  EXPECT_EQ(hidden->body, missing->body);

  auto own = post("/scenarios/coalition/versions/2/plans", "{}", "fr-planner", 0);
  ASSERT_TRUE(own->status == 202 || own->status == 200) << own->body;
  auto location = own->get_header_value("Location");
  auto seen = get(location, "de-observer");
  auto never = get("/jobs/00000000000000000000000000000000", "de-observer");
  EXPECT_EQ(seen->status, 404);
  EXPECT_EQ(seen->body, never->body);
  auto cancel = remove(location, "de-planner");
  EXPECT_EQ(cancel->status, 404);
  EXPECT_EQ(cancel->body, remove("/jobs/00000000000000000000000000000000", "de-planner")->body);
  EXPECT_EQ(get(location, "fr-planner", 60)->status, 200);
}

TEST_F(PlanRoutesTest, OnlyPlannersCancelAndAFinishedJobIsNotCancelled) {
  auto asked = post("/scenarios/coalition/versions/1/plans", R"({"variant": "two-year-mission"})",
                    "fr-planner", 0);
  auto location = asked->get_header_value("Location");
  ASSERT_FALSE(location.empty());
  EXPECT_EQ(remove(location, "de-observer")->status, 403);
  auto cancelled = remove(location, "de-planner");
  ASSERT_TRUE(cancelled);
  auto state = json_of(cancelled)["state"];
  if (cancelled->status == 409) {
    EXPECT_EQ(json_of(cancelled)["error"]["code"], "job.finished");  // solved first
  } else {
    EXPECT_TRUE(state == "cancelled" || state == "running") << cancelled->body;
    auto ended = json_of(get(location, "fr-planner", 60));
    EXPECT_EQ(ended["state"], "cancelled");
    EXPECT_FALSE(ended["cached"].get<bool>());
  }
  EXPECT_EQ(remove(location, "de-planner")->status, 409);  // finished now, whichever way
}

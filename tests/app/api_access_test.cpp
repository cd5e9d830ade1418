// Access on every route, from one table keyed by "METHOD /template": who may call it (no
// token, a wrong token, a role too low), and what a user of another nation learns of records not
// releasable to them: nothing (the answer for a hidden record is the answer for a missing one,
// lists and counts leave it out, and no store work depends on it). A route in the server's
// route table without an entry here fails EveryRouteHasAnAccessCheck: a route added later (plan,
// compare) must bring its access check with it.
#include <gmock/gmock.h>

#include <functional>
#include <set>

#include "app/api_fixture.hpp"

namespace reassure::api_test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// The records every check runs against:
//   shared  v1 coalition (uploaded)
//   secret  v1 rel:FR
//   mixed   v1 coalition, v2 rel:FR
//   FR statements: 2026-01-05 r1 coalition, r2 rel:FR; 2026-02-01 r1 rel:FR
class AccessTest : public ApiTest {
 public:
  void SetUp() override {
    ASSERT_EQ(upload("shared", minimal_files(), fr_planner).status, 201);
    store_marked("secret", "rel:FR", "secret");
    store_marked("mixed", "coalition", "mixed 1");
    store_marked("mixed", "rel:FR", "mixed 2");
    auto record = [&](const std::string& date, const std::string& position,
                      const std::string& marking) {
      nlohmann::json body{{"nation", "FR"},           {"date", date},
                          {"position", position},     {"source", "Élysée"},
                          {"releasability", marking}, {"scenario", "shared"},
                          {"scenario_version", 1}};
      ASSERT_EQ(server.post_json("/registry/statements", {}, fr_planner, body).status, 201);
    };
    record("2026-01-05", "undisclosed", "coalition");
    record("2026-01-05", "committed", "rel:FR");
    record("2026-02-01", "committed", "rel:FR");
  }

 public:
  // 401 without a token and with a token that names no one.
  void expect_needs_token(Request request) {
    request.token = "";
    auto none = server.send(request);
    EXPECT_EQ(none.status, 401) << none.body;
    EXPECT_EQ(none.error_code(), "auth.required");
    request.token = std::string(64, '0');
    auto wrong = server.send(request);
    EXPECT_EQ(wrong.status, 401) << wrong.body;
    EXPECT_EQ(wrong.error_code(), "auth.invalid");
  }
  void expect_forbidden(Request request, const std::vector<std::string>& tokens) {
    for (const auto& token : tokens) {
      request.token = token;
      int writes = server.store().writes();
      auto r = server.send(request);
      EXPECT_EQ(r.status, 403) << r.body;
      EXPECT_EQ(r.error_code(), "auth.forbidden");
      EXPECT_EQ(server.store().writes(), writes);
    }
  }
  // The hidden record's answer, its name swapped for the missing one's, is the missing one's;
  // and answering it read no files, wrote nothing and asked no cached plan.
  void expect_hidden_as_missing(const Request& hidden, const Request& missing,
                                const std::vector<std::pair<std::string, std::string>>& swaps) {
    int files = server.store().files_read(), writes = server.store().writes(),
        plans = server.store().plan_cache_calls();
    auto h = server.send(hidden);
    EXPECT_EQ(server.store().files_read(), files) << "files read for a hidden record";
    EXPECT_EQ(server.store().writes(), writes);
    EXPECT_EQ(server.store().plan_cache_calls(), plans);
    auto m = server.send(missing);
    EXPECT_EQ(h.status, m.status);
    std::string body = h.body;
    for (const auto& [from, to] : swaps)
      if (!from.empty())
        for (auto at = body.find(from); at != std::string::npos;
             at = body.find(from, at + to.size()))
          body.replace(at, from.size(), to);
    EXPECT_EQ(body, m.body) << "hidden: " << h.body;
    EXPECT_EQ(h.content_type, m.content_type);
  }
  Request as(Request request, const std::string& token) {
    request.token = token;
    return request;
  }
  // Plans and comparisons: a token needed; a hidden version asked as a missing one (no file
  // read, no cached plan asked: the timing of a cache hit cannot tell it exists); the version's
  // own nation answered.
  void expect_planning_access(const std::string& route, const nlohmann::json& body) {
    auto ask = [&](const std::string& name, const std::string& version) {
      return Request{"POST",
                     route,
                     {{"name", name}, {"version", version}},
                     "",
                     "",
                     body.dump(),
                     "application/json",
                     "wait=60"};
    };
    expect_needs_token(ask("shared", "1"));
    expect_hidden_as_missing(as(ask("secret", "1"), de_observer),
                             as(ask("nothere", "1"), de_observer), {{"secret", "nothere"}});
    expect_hidden_as_missing(as(ask("mixed", "2"), de_observer), as(ask("mixed", "3"), de_observer),
                             {{"version 2 ", "version 3 "}});
    EXPECT_EQ(server.send(as(ask("secret", "1"), fr_observer)).status, 200);
    EXPECT_EQ(server.send(as(ask("shared", "1"), de_observer)).status, 200);
  }
  // A finished plan job of the version only FR may see (a time limit of its own: a new solve,
  // not a cache hit, which has no job).
  std::string secret_job() {
    static int time_limit = 1000;
    nlohmann::json body{{"variant", "base"}, {"time_limit_seconds", time_limit++}};
    auto answer = server.send({"POST",
                               "/scenarios/{name}/versions/{version}/plans",
                               {{"name", "secret"}, {"version", "1"}},
                               "",
                               fr_planner,
                               body.dump(),
                               "application/json",
                               "wait=60"});
    EXPECT_EQ(answer.status, 200) << answer.body;
    std::string location = answer.header("Location");
    return location.substr(location.rfind('/') + 1);
  }
};

Request get(const std::string& route, std::map<std::string, std::string> params = {},
            std::string query = "") {
  return {"GET", route, std::move(params), std::move(query), "", "", ""};
}
Request post(const std::string& route, std::map<std::string, std::string> params,
             const nlohmann::json& body) {
  return {"POST", route, std::move(params), "", "", body.dump(), "application/json"};
}

nlohmann::json statement_naming(const std::string& scenario, int version) {
  return {{"nation", "DE"},
          {"date", "2026-01-05"},
          {"position", "committed"},
          {"source", "Bundestag"},
          {"releasability", "coalition"},
          {"scenario", scenario},
          {"scenario_version", version}};
}

// An id no job has: 32 hex digits, as the server's are.
const std::string kNoJob(32, '0');

using Check = std::function<void(AccessTest&)>;

// One entry per route of the API: every route the server answers.
const std::map<std::string, Check>& access_checks() {
  static const std::map<std::string, Check> checks = {
      {"GET /healthz",
       [](AccessTest& t) { EXPECT_EQ(t.server.send(get("/healthz")).status, 200); }},
      {"GET /metrics",
       [](AccessTest& t) {
         auto r = t.server.send(get("/metrics"));
         EXPECT_EQ(r.status, 200);
         // Routes by template only: no scenario name reaches the metrics.
         EXPECT_THAT(r.body, Not(HasSubstr("secret")));
       }},
      {"GET /openapi.json",
       [](AccessTest& t) { EXPECT_EQ(t.server.send(get("/openapi.json")).status, 200); }},
      {"GET /",
       [](AccessTest& t) {
         auto r = t.server.send(get("/"));
         EXPECT_EQ(r.status, 200);
         EXPECT_EQ(r.content_type, "text/html; charset=utf-8");
       }},
      {"GET /assets/{file}",
       [](AccessTest& t) {
         EXPECT_EQ(t.server.send(get("/assets/{file}", {{"file", "app.js"}})).status, 200);
         // Confined to the web folder: a symlink out of it is a missing file.
         auto escape = t.server.send(get("/assets/{file}", {{"file", "escape.js"}}));
         EXPECT_EQ(escape.status, 404);
         EXPECT_EQ(escape.error_code(), "web.not_found");
       }},
      {"GET /me",
       [](AccessTest& t) {
         t.expect_needs_token(get("/me"));
         EXPECT_EQ(t.server.send(t.as(get("/me"), t.de_observer)).json["nation"], "DE");
       }},
      {"GET /scenarios",
       [](AccessTest& t) {
         t.expect_needs_token(get("/scenarios"));
         auto de = t.server.send(t.as(get("/scenarios"), t.de_observer));
         ASSERT_EQ(de.status, 200);
         ASSERT_EQ(de.json.size(), 2u) << de.body;  // mixed, shared
         EXPECT_EQ(de.json[0]["name"], "mixed");
         EXPECT_EQ(de.json[0]["latest_version"], 1);
         EXPECT_EQ(de.json[0]["versions"], 1);
         EXPECT_THAT(de.body, Not(HasSubstr("secret")));
         EXPECT_THAT(de.body, Not(HasSubstr("rel:FR")));
         auto fr = t.server.send(t.as(get("/scenarios"), t.fr_observer));
         ASSERT_EQ(fr.json.size(), 3u);
         EXPECT_EQ(fr.json[0]["latest_version"], 2);
       }},
      {"POST /scenarios/{name}/versions",
       [](AccessTest& t) {
         auto body = upload_body(minimal_files("new"));
         t.expect_needs_token(post("/scenarios/{name}/versions", {{"name", "fresh"}}, body));
         t.expect_forbidden(post("/scenarios/{name}/versions", {{"name", "fresh"}}, body),
                            {t.fr_observer, t.de_observer});
         // Names are one namespace: a name whose latest version DE may not see cannot take DE's
         // upload, and the refusal is the same whatever is hidden behind it.
         int writes = t.server.store().writes();
         auto secret = t.server.send(
             t.as(post("/scenarios/{name}/versions", {{"name", "secret"}}, body), t.de_planner));
         auto mixed = t.server.send(
             t.as(post("/scenarios/{name}/versions", {{"name", "mixed"}}, body), t.de_planner));
         EXPECT_EQ(t.server.store().writes(), writes);
         EXPECT_EQ(secret.status, 409);
         EXPECT_EQ(secret.error_code(), "scenario.name_unavailable");
         std::string swapped = secret.body;
         swapped.replace(swapped.find("secret"), 6, "mixed");
         EXPECT_EQ(swapped, mixed.body);
         EXPECT_THAT(secret.body, Not(HasSubstr("rel:")));
         EXPECT_EQ(t.server
                       .send(t.as(post("/scenarios/{name}/versions", {{"name", "fresh"}}, body),
                                  t.de_planner))
                       .status,
                   201);
       }},
      {"GET /scenarios/{name}/versions",
       [](AccessTest& t) {
         const std::string route = "/scenarios/{name}/versions";
         t.expect_needs_token(get(route, {{"name", "shared"}}));
         t.expect_hidden_as_missing(t.as(get(route, {{"name", "secret"}}), t.de_observer),
                                    t.as(get(route, {{"name", "nothere"}}), t.de_observer),
                                    {{"secret", "nothere"}});
         auto mixed = t.server.send(t.as(get(route, {{"name", "mixed"}}), t.de_observer));
         ASSERT_EQ(mixed.json.size(), 1u);
         EXPECT_EQ(mixed.json[0]["version"], 1);
         EXPECT_EQ(t.server.send(t.as(get(route, {{"name", "mixed"}}), t.fr_observer)).json.size(),
                   2u);
       }},
      {"GET /scenarios/{name}/versions/{version}",
       [](AccessTest& t) {
         const std::string route = "/scenarios/{name}/versions/{version}";
         t.expect_needs_token(get(route, {{"name", "shared"}, {"version", "1"}}));
         t.expect_hidden_as_missing(
             t.as(get(route, {{"name", "secret"}, {"version", "1"}}), t.de_observer),
             t.as(get(route, {{"name", "nothere"}, {"version", "1"}}), t.de_observer),
             {{"secret", "nothere"}});
         t.expect_hidden_as_missing(
             t.as(get(route, {{"name", "mixed"}, {"version", "2"}}), t.de_observer),
             t.as(get(route, {{"name", "mixed"}, {"version", "3"}}), t.de_observer),
             {{"version 2 ", "version 3 "}});
         EXPECT_EQ(
             t.server.send(t.as(get(route, {{"name", "secret"}, {"version", "1"}}), t.fr_observer))
                 .status,
             200);
       }},
      {"GET /scenarios/{name}/versions/{version}/file",
       [](AccessTest& t) {
         const std::string route = "/scenarios/{name}/versions/{version}/file";
         t.expect_needs_token(get(route, {{"name", "shared"}, {"version", "1"}}, "path=x"));
         t.expect_hidden_as_missing(
             t.as(get(route, {{"name", "secret"}, {"version", "1"}}, "path=scenario.yaml"),
                  t.de_observer),
             t.as(get(route, {{"name", "nothere"}, {"version", "1"}}, "path=scenario.yaml"),
                  t.de_observer),
             {{"secret", "nothere"}});
         t.expect_hidden_as_missing(
             t.as(get(route, {{"name", "mixed"}, {"version", "2"}}, "path=scenario.yaml"),
                  t.de_observer),
             t.as(get(route, {{"name", "mixed"}, {"version", "3"}}, "path=scenario.yaml"),
                  t.de_observer),
             {{"version 2 ", "version 3 "}});
       }},
      {"GET /scenarios/{name}/versions/{version}/status",
       [](AccessTest& t) {
         const std::string route = "/scenarios/{name}/versions/{version}/status";
         t.expect_needs_token(get(route, {{"name", "shared"}, {"version", "1"}}));
         t.expect_hidden_as_missing(
             t.as(get(route, {{"name", "secret"}, {"version", "1"}}), t.de_observer),
             t.as(get(route, {{"name", "nothere"}, {"version", "1"}}), t.de_observer),
             {{"secret", "nothere"}});
         t.expect_hidden_as_missing(
             t.as(get(route, {{"name", "mixed"}, {"version", "2"}}, "as_of=2026-01-01"),
                  t.de_observer),
             t.as(get(route, {{"name", "mixed"}, {"version", "3"}}, "as_of=2026-01-01"),
                  t.de_observer),
             {{"version 2 ", "version 3 "}});
         EXPECT_EQ(
             t.server.send(t.as(get(route, {{"name", "secret"}, {"version", "1"}}), t.fr_observer))
                 .status,
             200);
       }},
      {"GET /scenarios/{name}/versions/{version}/variants",
       [](AccessTest& t) {
         const std::string route = "/scenarios/{name}/versions/{version}/variants";
         t.expect_needs_token(get(route, {{"name", "shared"}, {"version", "1"}}));
         t.expect_hidden_as_missing(
             t.as(get(route, {{"name", "secret"}, {"version", "1"}}), t.de_observer),
             t.as(get(route, {{"name", "nothere"}, {"version", "1"}}), t.de_observer),
             {{"secret", "nothere"}});
         t.expect_hidden_as_missing(
             t.as(get(route, {{"name", "mixed"}, {"version", "2"}}), t.de_observer),
             t.as(get(route, {{"name", "mixed"}, {"version", "3"}}), t.de_observer),
             {{"version 2 ", "version 3 "}});
         EXPECT_EQ(
             t.server.send(t.as(get(route, {{"name", "secret"}, {"version", "1"}}), t.fr_observer))
                 .status,
             200);
       }},
      {"GET /scenarios/{name}/versions/{version}/theatre",
       [](AccessTest& t) {
         const std::string route = "/scenarios/{name}/versions/{version}/theatre";
         t.expect_needs_token(get(route, {{"name", "shared"}, {"version", "1"}}));
         t.expect_hidden_as_missing(
             t.as(get(route, {{"name", "secret"}, {"version", "1"}}), t.de_observer),
             t.as(get(route, {{"name", "nothere"}, {"version", "1"}}), t.de_observer),
             {{"secret", "nothere"}});
         // A variant asked of a hidden version tells nothing of its variants either.
         t.expect_hidden_as_missing(
             t.as(get(route, {{"name", "mixed"}, {"version", "2"}}, "variant=nothere"),
                  t.de_observer),
             t.as(get(route, {{"name", "mixed"}, {"version", "3"}}, "variant=nothere"),
                  t.de_observer),
             {{"version 2 ", "version 3 "}});
         EXPECT_EQ(
             t.server.send(t.as(get(route, {{"name", "secret"}, {"version", "1"}}), t.fr_observer))
                 .status,
             200);
       }},
      {"POST /validate",
       [](AccessTest& t) {
         auto body = upload_body(minimal_files());
         t.expect_needs_token(post("/validate", {}, body));
         EXPECT_EQ(t.server.send(t.as(post("/validate", {}, body), t.de_observer)).status, 200);
       }},
      {"GET /registry/statements",
       [](AccessTest& t) {
         t.expect_needs_token(get("/registry/statements"));
         auto de = t.server.send(t.as(get("/registry/statements"), t.de_observer));
         ASSERT_EQ(de.json.size(), 1u) << de.body;
         EXPECT_EQ(de.json[0]["revision"], 1);
         EXPECT_EQ(de.json[0]["current"], true);
         EXPECT_THAT(de.body, Not(HasSubstr("rel:FR")));
         EXPECT_THAT(de.body, Not(HasSubstr("2026-02-01")));
         auto fr = t.server.send(t.as(get("/registry/statements"), t.fr_observer));
         ASSERT_EQ(fr.json.size(), 2u);
         EXPECT_EQ(fr.json[0]["revision"], 2);
       }},
      {"GET /registry/statements/{nation}",
       [](AccessTest& t) {
         const std::string route = "/registry/statements/{nation}";
         t.expect_needs_token(get(route, {{"nation", "FR"}}));
         auto de = t.server.send(t.as(get(route, {{"nation", "FR"}}), t.de_observer));
         ASSERT_EQ(de.json.size(), 1u) << de.body;
         EXPECT_EQ(de.json[0]["current"], true);
         EXPECT_THAT(de.body, Not(HasSubstr("rel:FR")));
         EXPECT_EQ(t.server.send(t.as(get(route, {{"nation", "FR"}}), t.fr_observer)).json.size(),
                   3u);
         // A nation with only hidden statements answers as one with none.
         t.store_marked_statement("PL", "rel:FR");
         t.expect_hidden_as_missing(t.as(get(route, {{"nation", "PL"}}), t.de_observer),
                                    t.as(get(route, {{"nation", "JP"}}), t.de_observer), {});
       }},
      {"POST /registry/statements",
       [](AccessTest& t) {
         auto body = statement_naming("shared", 1);
         t.expect_needs_token(post("/registry/statements", {}, body));
         t.expect_forbidden(post("/registry/statements", {}, body), {t.fr_observer, t.de_observer});
         t.expect_hidden_as_missing(
             t.as(post("/registry/statements", {}, statement_naming("secret", 1)), t.de_planner),
             t.as(post("/registry/statements", {}, statement_naming("nothere", 1)), t.de_planner),
             {{"secret", "nothere"}});
         t.expect_hidden_as_missing(
             t.as(post("/registry/statements", {}, statement_naming("mixed", 2)), t.de_planner),
             t.as(post("/registry/statements", {}, statement_naming("mixed", 3)), t.de_planner),
             {{"version 2 ", "version 3 "}});
         EXPECT_EQ(t.server.send(t.as(post("/registry/statements", {}, body), t.de_planner)).status,
                   201);
       }},
      {"POST /scenarios/{name}/versions/{version}/plans",
       [](AccessTest& t) {
         t.expect_planning_access("/scenarios/{name}/versions/{version}/plans",
                                  nlohmann::json::object());
       }},
      {"POST /scenarios/{name}/versions/{version}/comparisons",
       [](AccessTest& t) {
         t.expect_planning_access("/scenarios/{name}/versions/{version}/comparisons",
                                  {{"variants", {"base"}}});
       }},
      {"GET /jobs/{id}",
       [](AccessTest& t) {
         std::string id = t.secret_job();
         t.expect_needs_token(get("/jobs/{id}", {{"id", id}}));
         t.expect_hidden_as_missing(t.as(get("/jobs/{id}", {{"id", id}}), t.de_observer),
                                    t.as(get("/jobs/{id}", {{"id", kNoJob}}), t.de_observer), {});
         EXPECT_EQ(t.server.send(t.as(get("/jobs/{id}", {{"id", id}}), t.fr_observer)).status, 200);
       }},
      {"DELETE /jobs/{id}",
       [](AccessTest& t) {
         std::string id = t.secret_job();
         Request cancel{"DELETE", "/jobs/{id}", {{"id", id}}, "", "", "", ""};
         t.expect_needs_token(cancel);
         t.expect_forbidden(cancel, {t.fr_observer, t.de_observer});
         Request none{"DELETE", "/jobs/{id}", {{"id", kNoJob}}, "", "", "", ""};
         t.expect_hidden_as_missing(t.as(cancel, t.de_planner), t.as(none, t.de_planner), {});
         // Finished: FR's planner is told so (the job is theirs to see).
         EXPECT_EQ(t.server.send(t.as(cancel, t.fr_planner)).status, 409);
       }},
      {"GET /audit",
       [](AccessTest& t) {
         t.expect_needs_token(get("/audit"));
         t.expect_forbidden(get("/audit"), {t.fr_observer, t.fr_planner, t.de_planner});
         EXPECT_EQ(t.server.send(t.as(get("/audit"), t.admin)).status, 200);
       }},
  };
  return checks;
}

TEST_P(AccessTest, EveryRoutesAccessHolds) {
  for (const auto& [route, check] : access_checks()) {
    SCOPED_TRACE(route);
    check(*this);
  }
}

// Not parameterized: the route table is the same on both backends.
TEST(ApiAccess, EveryRouteHasAnAccessCheck) {
  ApiServer server(store::Backend::sqlite);
  std::set<std::string> served;
  for (const auto& route : server.http().routes()) {
    std::string key = route.method + " " + route.path;
    served.insert(key);
    EXPECT_TRUE(access_checks().contains(key))
        << key << " has no access check in tests/app/api_access_test.cpp";
  }
  for (const auto& [key, check] : access_checks())
    EXPECT_TRUE(served.contains(key)) << key << " is checked but no longer served";
}

INSTANTIATE_TEST_SUITE_P(Backends, AccessTest,
                         ::testing::Values(store::Backend::sqlite, store::Backend::postgresql),
                         backend_test_name);

}  // namespace
}  // namespace reassure::api_test

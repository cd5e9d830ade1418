// Registry statements and the audit log through HTTP on both backends.
#include <gmock/gmock.h>

#include "app/api_fixture.hpp"

namespace reassure::api_test {
namespace {

// text followed by n (appended: GCC 12 warns falsely of `"s" + std::to_string(n)`, -Wrestrict).
std::string numbered(std::string text, long n) {
  text += std::to_string(n);
  return text;
}

nlohmann::json statement(const std::string& date, const std::string& position,
                         const std::string& marking = "coalition") {
  return {{"nation", "FR"},           {"date", date},
          {"position", position},     {"source", "Élysée"},
          {"releasability", marking}, {"scenario", "coalition"},
          {"scenario_version", 1}};
}

TEST_P(ApiTest, StatementsAreRecordedAsRevisionsAndReadBackWithTheirHistory) {
  ASSERT_EQ(upload("coalition", minimal_files(), fr_planner).status, 201);
  auto first = server.post_json("/registry/statements", {}, fr_planner,
                                statement("2026-01-05", "undisclosed"));
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_EQ(first.header("Location"), "/registry/statements/FR");
  EXPECT_EQ(first.json["revision"], 1);
  EXPECT_EQ(first.json["recorded_by"], "anne");
  EXPECT_EQ(first.json["source"], "Élysée");
  auto second = server.post_json("/registry/statements", {}, de_planner,
                                 statement("2026-01-05", "committed"));
  ASSERT_EQ(second.status, 201) << second.body;
  EXPECT_EQ(second.json["revision"], 2);
  ASSERT_EQ(
      server.post_json("/registry/statements", {}, fr_planner, statement("2026-02-01", "committed"))
          .status,
      201);

  auto history = server.get("/registry/statements/{nation}", {{"nation", "FR"}}, de_observer);
  ASSERT_EQ(history.status, 200);
  ASSERT_EQ(history.json.size(), 3u);
  EXPECT_EQ(history.json[0]["revision"], 1);
  EXPECT_EQ(history.json[0]["current"], false);
  EXPECT_EQ(history.json[1]["revision"], 2);
  EXPECT_EQ(history.json[1]["current"], true);
  EXPECT_EQ(history.json[2]["date"], "2026-02-01");

  auto current = server.get("/registry/statements", {}, de_observer);
  ASSERT_EQ(current.status, 200);
  ASSERT_EQ(current.json.size(), 2u);
  EXPECT_EQ(current.json[0]["position"], "committed");
  EXPECT_EQ(current.json[0]["revision"], 2);

  auto audit = server.get("/audit", {}, admin);
  ASSERT_EQ(audit.json.size(), 4u);
  EXPECT_EQ(audit.json[1]["action"], "statement.record");
  EXPECT_EQ(audit.json[1]["target"], "FR@2026-01-05#1");
  EXPECT_EQ(audit.json[2]["who"], "dieter");
}

TEST_P(ApiTest, AStatementIsCheckedAgainstTheScenariosVocabularyAndItsFields) {
  ASSERT_EQ(upload("coalition", minimal_files(), fr_planner).status, 201);
  auto unknown =
      server.post_json("/registry/statements", {}, fr_planner, statement("2026-01-05", "wavering"));
  EXPECT_EQ(unknown.status, 422);
  EXPECT_EQ(unknown.error_code(), "statement.position");
  EXPECT_THAT(unknown.json["error"]["message"].get<std::string>(),
              ::testing::HasSubstr("committed, undisclosed"));
  struct Case {
    std::string key;
    nlohmann::json value;
    int status;
    std::string code;
  };
  std::vector<Case> cases = {
      {"nation", "fr", 400, "field.range"},
      {"nation", 33, 400, "field.type"},
      {"date", "2026-02-30", 400, "field.range"},
      {"date", nullptr, 400, "field.type"},
      {"releasability", "rel:DE", 400, "field.range"},  // FR could not read it back
      {"releasability", "secret", 400, "field.range"},
      {"scenario_version", 2.0, 400, "field.type"},
      {"scenario_version", 0, 400, "field.range"},
      {"scenario_version", 7, 404, "scenario.not_found"},
      {"scenario", "../x", 400, "field.range"},
      {"colour", "blue", 400, "field.unknown"},
  };
  for (const auto& c : cases) {
    auto body = statement("2026-01-05", "committed");
    body[c.key] = c.value;
    auto r = server.post_json("/registry/statements", {}, fr_planner, body);
    EXPECT_EQ(r.status, c.status) << c.key << " " << c.value.dump() << ": " << r.body;
    EXPECT_EQ(r.error_code(), c.code) << c.key << " " << c.value.dump();
    if (c.status == 400) {
      EXPECT_EQ(r.json["error"]["field"], c.key) << c.key;
    }
  }
  auto missing = statement("2026-01-05", "committed");
  missing.erase("source");
  auto r = server.post_json("/registry/statements", {}, fr_planner, missing);
  EXPECT_EQ(r.error_code(), "field.missing");
  EXPECT_EQ(r.json["error"]["field"], "source");
  EXPECT_EQ(server.get("/registry/statements", {}, fr_planner).json.size(), 0u);
  EXPECT_EQ(server.get("/registry/statements/{nation}", {{"nation", "F1"}}, fr_planner).status,
            400);
}

TEST_P(ApiTest, TheAuditLogIsPagedByIdAndHasNoRouteThatChangesIt) {
  for (int i = 0; i < 5; ++i)
    ASSERT_EQ(upload(numbered("s", i), minimal_files(std::to_string(i)), fr_planner).status, 201);
  auto page = server.get("/audit", {}, admin, "limit=2");
  ASSERT_EQ(page.status, 200);
  ASSERT_EQ(page.json.size(), 2u);
  auto next = server.get("/audit", {}, admin,
                         numbered("limit=2&after_id=", page.json[1]["id"].get<long>()));
  ASSERT_EQ(next.json.size(), 2u);
  EXPECT_EQ(next.json[0]["target"], "s2@1");
  auto rest =
      server.get("/audit", {}, admin, numbered("after_id=", next.json[1]["id"].get<long>()));
  EXPECT_EQ(rest.json.size(), 1u);
  for (const char* query :
       {"limit=0", "limit=1001", "after_id=-1", "limit=x", "limit=1&limit=2", "since=1"}) {
    auto bad = server.get("/audit", {}, admin, query);
    EXPECT_EQ(bad.status, 400) << query;
  }
  for (const char* method : {"DELETE", "PUT", "POST"}) {
    auto r = server.send({method, "/audit", {}, "", admin, "", "application/json"});
    EXPECT_EQ(r.status, 405) << method;
    EXPECT_EQ(r.header("Allow"), "GET");
  }
  for (const auto& route : server.http().routes())
    EXPECT_FALSE(route.path.rfind("/audit", 0) == 0 && route.method != "GET") << route.path;
}

}  // namespace
}  // namespace reassure::api_test

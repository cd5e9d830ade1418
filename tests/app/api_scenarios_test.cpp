// Scenario routes through HTTP on both backends: uploads as JSON and as archives (with the
// tricks a hostile archive plays), listings, versions, files, validation and status.
#include <gmock/gmock.h>

#include <chrono>
#include <mutex>
#include <set>
#include <thread>

#include "app/api_fixture.hpp"

namespace reassure::api_test {
namespace {

using ::testing::HasSubstr;
using T = ArchiveEntry::Type;

TEST_P(ApiTest, AJsonUploadIsStoredAsVersionOneAndReadBack) {
  auto files = minimal_files();
  files["geometry/line.geojson"] = R"({"type": "FeatureCollection", "features": []})";
  auto r = upload("coalition", files, fr_planner);
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.header("Location"), "/scenarios/coalition/versions/1");
  EXPECT_EQ(r.json["version"], 1);
  EXPECT_EQ(r.json["releasability"], "coalition");
  EXPECT_EQ(r.json["uploader"], "anne");
  EXPECT_EQ(r.json["file_count"], 2);
  EXPECT_EQ(r.json["content_key"], store::content_key(files));
  ASSERT_EQ(r.json["files"].size(), 2u);
  EXPECT_EQ(r.json["files"][0]["path"], "geometry/line.geojson");

  auto list = server.get("/scenarios", {}, de_observer);
  ASSERT_EQ(list.status, 200);
  ASSERT_EQ(list.json.size(), 1u);
  EXPECT_EQ(list.json[0]["name"], "coalition");
  EXPECT_EQ(list.json[0]["latest_version"], 1);
  EXPECT_EQ(list.json[0]["versions"], 1);

  auto versions = server.get("/scenarios/{name}/versions", {{"name", "coalition"}}, de_observer);
  ASSERT_EQ(versions.status, 200);
  ASSERT_EQ(versions.json.size(), 1u);
  EXPECT_FALSE(versions.json[0].contains("files"));

  auto one = server.get("/scenarios/{name}/versions/{version}",
                        {{"name", "coalition"}, {"version", "1"}}, de_observer);
  ASSERT_EQ(one.status, 200);
  EXPECT_EQ(one.json["files"][1]["path"], "scenario.yaml");
  EXPECT_EQ(one.json["files"][1]["bytes"], files["scenario.yaml"].size());

  // The files, markings and all, go to the uploader's nation only.
  auto refused = server.get("/scenarios/{name}/versions/{version}/file",
                            {{"name", "coalition"}, {"version", "1"}}, de_observer,
                            "path=geometry%2Fline.geojson");
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(refused.error_code(), "scenario.files_owner_only");
  auto file = server.get("/scenarios/{name}/versions/{version}/file",
                         {{"name", "coalition"}, {"version", "1"}}, fr_observer,
                         "path=geometry%2Fline.geojson");
  ASSERT_EQ(file.status, 200) << file.body;
  EXPECT_EQ(file.json["content"], files["geometry/line.geojson"]);
  auto missing = server.get("/scenarios/{name}/versions/{version}/file",
                            {{"name", "coalition"}, {"version", "1"}}, fr_observer, "path=nope");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.error_code(), "scenario.file_not_found");

  auto audit = server.get("/audit", {}, admin);
  ASSERT_EQ(audit.status, 200);
  ASSERT_EQ(audit.json.size(), 1u);
  EXPECT_EQ(audit.json[0]["who"], "anne");
  EXPECT_EQ(audit.json[0]["action"], "scenario.upload");
  EXPECT_EQ(audit.json[0]["target"], "coalition@1");
  EXPECT_EQ(audit.json[0]["address"], "127.0.0.1");
}

TEST_P(ApiTest, ARetriedUploadAnswersTheVersionItMadeAndNewContentMakesTheNext) {
  auto first = upload("coalition", minimal_files(), fr_planner);
  ASSERT_EQ(first.status, 201);
  auto again = upload("coalition", minimal_files(), fr_planner);
  EXPECT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.json["version"], 1);
  EXPECT_EQ(again.header("Location"), "");
  auto changed = upload("coalition", minimal_files("v2"), de_planner);
  EXPECT_EQ(changed.status, 201);
  EXPECT_EQ(changed.json["version"], 2);
  // Back to the first content: a new version (only the latest is compared), never an overwrite.
  auto back = upload("coalition", minimal_files(), fr_planner);
  EXPECT_EQ(back.status, 201);
  EXPECT_EQ(back.json["version"], 3);
  auto versions = server.get("/scenarios/{name}/versions", {{"name", "coalition"}}, fr_observer);
  EXPECT_EQ(versions.json.size(), 3u);
  EXPECT_EQ(server.get("/audit", {}, admin).json.size(), 3u);  // the retry wrote nothing
}

TEST_P(ApiTest, TheSameUploadSentAtOnceFromSeveralClientsMakesOneVersion) {
  std::vector<std::thread> clients;
  std::mutex mutex;
  std::multiset<int> statuses;
  for (int i = 0; i < 6; ++i)
    clients.emplace_back([&] {
      auto r = upload("together", minimal_files(), fr_planner);
      std::lock_guard lock(mutex);
      statuses.insert(r.status);
    });
  for (auto& client : clients) client.join();
  EXPECT_EQ(statuses.count(201), 1u);
  EXPECT_EQ(statuses.count(200), 5u);
  auto versions = server.get("/scenarios/{name}/versions", {{"name", "together"}}, fr_planner);
  EXPECT_EQ(versions.json.size(), 1u);
}

TEST_P(ApiTest, AScenarioThatDoesNotLoadIsRefusedWithItsProblemsAndNothingStored) {
  auto files = minimal_files();
  files["scenario.yaml"] += "unknown_key: 1\n";
  auto r = upload("broken", files, fr_planner);
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.error_code(), "scenario.invalid");
  ASSERT_FALSE(r.json["problems"].empty());
  auto problem = r.json["problems"][0];
  EXPECT_EQ(problem["code"], "scenario.invalid");
  EXPECT_EQ(problem["file"], "scenario.yaml");
  EXPECT_GT(problem["line"].get<int>(), 0);
  EXPECT_EQ(server.get("/scenarios", {}, fr_planner).json.size(), 0u);
  EXPECT_EQ(server.get("/scenarios/{name}/versions", {{"name", "broken"}}, fr_planner).status, 404);
  EXPECT_EQ(server.store().writes(), 0);
  // A path that leaves the scenario is the engine's upload.invalid.
  auto escaping = minimal_files();
  escaping["../outside.yaml"] = "x: 1\n";
  auto bad = upload("broken", escaping, fr_planner);
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(bad.error_code(), "upload.invalid");
}

TEST_P(ApiTest, AnArchiveUploadsLikeJsonPlainOrGzippedWithOrWithoutATopFolder) {
  auto files = minimal_files();
  files["notes/readme.txt"] = "notes\n";
  auto plain = upload_archive("tarred", tar_archive(entries_of(files), false), false, fr_planner);
  ASSERT_EQ(plain.status, 201) << plain.body;
  EXPECT_EQ(plain.json["content_key"], store::content_key(files));
  // The same files in a top folder, gzipped, with directory entries: the same content.
  auto entries = entries_of(files, "scenario-1/");
  entries.insert(entries.begin(), {"scenario-1/", "", T::directory});
  auto gz = upload_archive("tarred", tar_archive(entries, true), true, fr_planner);
  EXPECT_EQ(gz.status, 200) << gz.body;
  EXPECT_EQ(gz.json["version"], 1);
  // Another main file at the top, named in the query: stored as scenario.yaml.
  store::ScenarioFiles other{{"main.yaml", minimal_scenario("main")}};
  auto named = upload_archive("tarred", tar_archive(entries_of(other), true), true, fr_planner,
                              "main=main.yaml");
  ASSERT_EQ(named.status, 201) << named.body;
  EXPECT_EQ(named.json["files"][0]["path"], "scenario.yaml");
  // A gzip body sent as plain tar is not read as one.
  auto mislabelled =
      upload_archive("tarred", tar_archive(entries_of(files), true), false, fr_planner);
  EXPECT_EQ(mislabelled.status, 400);
  EXPECT_EQ(mislabelled.error_code(), "archive.invalid");
}

struct Trick {
  const char* what;
  std::vector<ArchiveEntry> entries;
  int status;
  const char* code;
  const char* field;
};

TEST_P(ApiTest, HostileArchiveEntriesAreRefusedByNameAndNothingIsStored) {
  std::string yaml = minimal_scenario();
  std::vector<Trick> tricks = {
      {"absolute path",
       {{"scenario.yaml", yaml}, {"/etc/passwd", "x"}},
       400,
       "archive.entry",
       "/etc/passwd"},
      {"dot-dot",
       {{"scenario.yaml", yaml}, {"a/../../x.yaml", "x"}},
       400,
       "archive.entry",
       "a/../../x.yaml"},
      {"symlink",
       {{"scenario.yaml", yaml}, {"link.yaml", "", T::symlink, "/etc/passwd"}},
       400,
       "archive.entry",
       "link.yaml"},
      {"hardlink",
       {{"scenario.yaml", yaml}, {"hard.yaml", "", T::hardlink, "scenario.yaml"}},
       400,
       "archive.entry",
       "hard.yaml"},
      {"fifo", {{"scenario.yaml", yaml}, {"pipe", "", T::fifo}}, 400, "archive.entry", "pipe"},
      {"device", {{"scenario.yaml", yaml}, {"dev", "", T::device}}, 400, "archive.entry", "dev"},
      {"duplicate",
       {{"scenario.yaml", yaml}, {"./scenario.yaml", yaml}},
       400,
       "archive.entry",
       "./scenario.yaml"},
      {"not UTF-8", {{"scenario.yaml", yaml}, {"caf\xe9.yaml", "x"}}, 400, "archive.entry", ""},
      {"control character",
       {{"scenario.yaml", yaml}, {"a\tb.yaml", "x"}},
       400,
       "archive.entry",
       ""},
      {"oversize file",
       {{"scenario.yaml", yaml}, {"big.bin", "", T::file, "", (16u << 20) + 1}},
       413,
       "archive.too_large",
       "big.bin"},
  };
  for (const auto& trick : tricks) {
    for (bool gzip : {false, true}) {
      if (gzip == false && std::string(trick.what) == "oversize file") continue;  // > 8 MiB body
      auto r = upload_archive("tricky", tar_archive(trick.entries, gzip), gzip, fr_planner);
      EXPECT_EQ(r.status, trick.status) << trick.what << ": " << r.body;
      EXPECT_EQ(r.error_code(), trick.code) << trick.what;
      if (*trick.field) {
        EXPECT_EQ(r.json["error"]["field"], trick.field) << trick.what;
      }
    }
  }
  EXPECT_EQ(server.store().writes(), 0);
  EXPECT_EQ(server.get("/scenarios", {}, fr_planner).json.size(), 0u);
}

TEST_P(ApiTest, AGzipBombStopsAtTheUploadLimitNotAtTheEndOfMemory) {
  // Five files of 15 MiB of zeros (each under the file limit, 75 MiB in all: over the 64 MiB
  // total), about 75 KiB compressed.
  std::vector<ArchiveEntry> entries{{"scenario.yaml", minimal_scenario()}};
  for (int i = 0; i < 5; ++i)
    entries.push_back({"zeros" + std::to_string(i), "", T::file, "", std::size_t(15) << 20});
  std::string bomb = tar_archive(entries, true);
  ASSERT_LT(bomb.size(), std::size_t(1) << 20);
  auto started = std::chrono::steady_clock::now();
  auto r = upload_archive("bomb", bomb, true, fr_planner);
  EXPECT_EQ(r.status, 413) << r.body;
  EXPECT_EQ(r.error_code(), "archive.too_large");
  EXPECT_THAT(r.json["error"]["message"].get<std::string>(), HasSubstr("uncompressed"));
  EXPECT_EQ(r.json["error"]["field"], "zeros4");
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(10));
}

TEST_P(ApiTest, TooManyArchiveEntriesAreRefused) {
  std::vector<ArchiveEntry> entries{{"scenario.yaml", minimal_scenario()}};
  for (int i = 0; i < 1000; ++i) entries.push_back({"f/" + std::to_string(i), "x"});
  auto r = upload_archive("many", tar_archive(entries, true), true, fr_planner);
  EXPECT_EQ(r.status, 413) << r.body;
  EXPECT_EQ(r.error_code(), "archive.too_large");
  auto garbage = upload_archive("many", "not a tar at all", false, fr_planner);
  EXPECT_EQ(garbage.status, 400);
  EXPECT_EQ(garbage.error_code(), "archive.invalid");
  auto empty = upload_archive("many", tar_archive({}, false), false, fr_planner);
  EXPECT_EQ(empty.status, 400);
  EXPECT_EQ(empty.error_code(), "archive.invalid");
}

TEST_P(ApiTest, MalformedUploadBodiesAreRefusedNamingTheField) {
  struct Case {
    std::string body;
    int status;
    std::string code, field;
  };
  std::vector<Case> cases = {
      {"{", 400, "body.invalid_json", "body"},
      {"[]", 400, "field.type", "body"},
      {"{}", 400, "field.missing", "files"},
      {R"({"files": []})", 400, "field.type", "files"},
      {R"({"files": {}})", 400, "field.type", "files"},
      {R"({"files": {"scenario.yaml": 3}})", 400, "field.type", "files.scenario.yaml"},
      {R"({"files": {"scenario.yaml": "x"}, "mian": "x"})", 400, "field.unknown", "mian"},
      {R"({"files": {"scenario.yaml": "x"}, "main": 1})", 400, "field.type", "main"},
      {R"({"files": {"scenario.yaml": "x"}, "main": "sub/x.yaml"})", 400, "field.range", "main"},
  };
  for (const auto& c : cases) {
    auto r = server.send({"POST",
                          "/scenarios/{name}/versions",
                          {{"name", "x"}},
                          "",
                          fr_planner,
                          c.body,
                          "application/json"});
    EXPECT_EQ(r.status, c.status) << c.body << " -> " << r.body;
    EXPECT_EQ(r.error_code(), c.code) << c.body;
    EXPECT_EQ(r.json["error"].value("field", ""), c.field) << c.body;
  }
  auto text = server.send({"POST",
                           "/scenarios/{name}/versions",
                           {{"name", "x"}},
                           "",
                           fr_planner,
                           "scenario: x",
                           "text/yaml"});
  EXPECT_EQ(text.status, 415);
  EXPECT_EQ(text.error_code(), "body.content_type");
  auto huge = server.send({"POST",
                           "/scenarios/{name}/versions",
                           {{"name", "x"}},
                           "",
                           fr_planner,
                           std::string((8u << 20) + 1, ' '),
                           "application/json"});
  EXPECT_EQ(huge.status, 413);
  EXPECT_EQ(huge.error_code(), "body.too_large");
  auto bad_name = upload("-x", minimal_files(), fr_planner);
  EXPECT_EQ(bad_name.status, 400);
  EXPECT_EQ(bad_name.json["error"]["field"], "name");
  // A file of 100 KiB passes (the JSON reader's 64 KiB string limit is for ordinary fields).
  auto files = minimal_files();
  files["scenario.yaml"] += "# " + std::string(100 << 10, 'x') + "\n";
  EXPECT_EQ(upload("long", files, fr_planner).status, 201);
  EXPECT_EQ(server.store().writes(), 2);  // the long one and its audit line
}

TEST_P(ApiTest, ValidateAnswersTheEnginesValidationAndStoresNothing) {
  auto good = server.post_json("/validate", {}, fr_observer, upload_body(minimal_files()));
  ASSERT_EQ(good.status, 200) << good.body;
  EXPECT_EQ(good.json["valid"], true);
  EXPECT_EQ(good.json["nations"], 1);
  auto files = minimal_files();
  files["scenario.yaml"] += "unknown_key: 1\n";
  auto bad = server.post_json("/validate", {}, fr_observer, upload_body(files));
  ASSERT_EQ(bad.status, 200);
  EXPECT_EQ(bad.json["valid"], false);
  EXPECT_EQ(bad.json["problems"][0]["code"], "scenario.invalid");
  auto tarred = server.send({"POST",
                             "/validate",
                             {},
                             "",
                             fr_observer,
                             tar_archive(entries_of(minimal_files()), true),
                             "application/gzip"});
  EXPECT_EQ(tarred.json["valid"], true) << tarred.body;
  EXPECT_EQ(server.store().writes(), 0);
}

TEST_P(ApiTest, StatusComesFromTheStoredVersionAsOfADate) {
  ASSERT_EQ(upload("coalition", minimal_files(), fr_planner).status, 201);
  std::map<std::string, std::string> v1{{"name", "coalition"}, {"version", "1"}};
  int reads = server.store().files_read();
  auto status = server.get("/scenarios/{name}/versions/{version}/status", v1, de_observer);
  ASSERT_EQ(status.status, 200) << status.body;
  EXPECT_EQ(status.json["as_of"], "2026-01-06");
  EXPECT_EQ(status.json["committed"], 1);
  EXPECT_EQ(server.store().files_read(), reads);  // kept in memory when it was uploaded
  auto earlier = server.get("/scenarios/{name}/versions/{version}/status", v1, de_observer,
                            "as_of=2025-01-01");
  ASSERT_EQ(earlier.status, 200);
  EXPECT_EQ(earlier.json["as_of"], "2025-01-01");
  EXPECT_EQ(earlier.json["committed"], 0);        // France spoke on 2025-03-01
  EXPECT_EQ(server.store().files_read(), reads);  // loaded once, then from memory
  auto bad = server.get("/scenarios/{name}/versions/{version}/status", v1, de_observer,
                        "as_of=2025-13-01");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.error_code(), "date.invalid");
  EXPECT_EQ(bad.json["error"]["field"], "as_of");
  auto typo =
      server.get("/scenarios/{name}/versions/{version}/status", v1, de_observer, "asof=2025-01-01");
  EXPECT_EQ(typo.status, 400);
  EXPECT_EQ(typo.error_code(), "field.unknown");
  auto no_version = server.get("/scenarios/{name}/versions/{version}/status",
                               {{"name", "coalition"}, {"version", "x1"}}, de_observer);
  EXPECT_EQ(no_version.status, 400);
  EXPECT_EQ(no_version.json["error"]["field"], "version");
}

INSTANTIATE_TEST_SUITE_P(Backends, ApiTest,
                         ::testing::Values(store::Backend::sqlite, store::Backend::postgresql),
                         backend_test_name);

}  // namespace
}  // namespace reassure::api_test

// The dashboard's files at GET / and GET /assets/{file}: typed by extension, tagged for
// revalidation, and confined to the web folder (no "..", no hidden file, no symlink out of it),
// a missing one answered 404 as JSON; and with no dashboard installed, 404 web.missing.
#include <gtest/gtest.h>

#include "app/api_fixture.hpp"
#include "app/web_assets.hpp"
#include "testing/cli.hpp"

namespace reassure::api_test {
namespace {

class WebTest : public ApiTest {
 public:
  httplib::Result raw_get(const std::string& path, const httplib::Headers& headers = {}) {
    httplib::Client client("127.0.0.1", server.port());
    client.set_connection_timeout(5);
    client.set_read_timeout(5);
    return client.Get(path, headers);
  }
  static std::string error_code(const httplib::Result& r) {
    auto body = nlohmann::json::parse(r->body, nullptr, false);
    return body.is_object() && body.contains("error") ? body["error"].value("code", "") : "";
  }
};

TEST_P(WebTest, ThePageAndItsScriptAreServedTypedAndTagged) {
  auto page = raw_get("/");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_EQ(page->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_NE(page->body.find("assets/app.js"), std::string::npos);
  EXPECT_EQ(page->get_header_value("Cache-Control"), "no-cache");
  auto script = raw_get("/assets/app.js");
  ASSERT_TRUE(script);
  EXPECT_EQ(script->status, 200);
  EXPECT_EQ(script->get_header_value("Content-Type"), "application/javascript; charset=utf-8");
  EXPECT_EQ(script->body, "console.log(\"test asset\");\n");
}

TEST_P(WebTest, AnUnchangedFileIsNotSentAgain) {
  auto first = raw_get("/assets/app.js");
  ASSERT_TRUE(first);
  std::string etag = first->get_header_value("ETag");
  ASSERT_FALSE(etag.empty());
  auto again = raw_get("/assets/app.js", {{"If-None-Match", etag}});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 304);
  EXPECT_TRUE(again->body.empty());
  auto other = raw_get("/assets/app.js", {{"If-None-Match", "\"0\""}});
  ASSERT_TRUE(other);
  EXPECT_EQ(other->status, 200);
}

TEST_P(WebTest, OnlyPlainFilesOfTheWebFolderAreServed) {
  // Missing, hidden, of an unserved type, a symlink out of the folder, a climb out of it.
  for (const char* path : {"/assets/nothing.js", "/assets/.hidden.js", "/assets/index.cpp",
                           "/assets/escape.js", "/assets/..", "/assets/%2e%2e",
                           "/assets/..%2fapi_fixture.hpp", "/assets/%2e%2e%2fapi_fixture.hpp"}) {
    auto r = raw_get(path);
    ASSERT_TRUE(r) << path;
    EXPECT_EQ(r->status, 404) << path;
    EXPECT_EQ(r->get_header_value("Content-Type"), "application/json") << path;
    EXPECT_EQ(r->body.find("#pragma"), std::string::npos) << path;
  }
  EXPECT_EQ(error_code(raw_get("/assets/escape.js")), "web.not_found");
  EXPECT_EQ(error_code(raw_get("/assets/nothing.js")), "web.not_found");
}

TEST(WebContentType, ByExtension) {
  EXPECT_EQ(app::web_content_type("app.css"), "text/css; charset=utf-8");
  EXPECT_EQ(app::web_content_type("countries.json"), "application/json");
  EXPECT_EQ(app::web_content_type("README"), std::nullopt);
  EXPECT_EQ(app::web_content_type("run.sh"), std::nullopt);
}

TEST(WebRoutes, WithoutADashboardBothRoutesAnswerWebMissing) {
  server::HttpServer http({}, [](const std::string&) {});
  app::add_web_routes(http, {});
  int port = http.bind({"127.0.0.1", 0});
  std::thread runner([&] { http.run(); });
  httplib::Client client("127.0.0.1", port);
  client.set_connection_timeout(5);
  client.set_read_timeout(5);
  for (const char* path : {"/", "/assets/app.js"}) {
    auto r = client.Get(path);
    ASSERT_TRUE(r) << path;
    EXPECT_EQ(r->status, 404) << path;
    EXPECT_NE(r->body.find("web.missing"), std::string::npos) << r->body;
  }
  http.stop();
  runner.join();
}

TEST(WebOption, AFolderWithoutAPageIsABadArgument) {
  auto run = reassure::testing::run_program(
      REASSURE_BINARY, "serve --listen 127.0.0.1:0 --db sqlite::memory: --web " REASSURE_TEST_DATA);
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("--web: no index.html in"), std::string::npos) << run.err;
}

// The files never touch the store: one backend is enough.
INSTANTIATE_TEST_SUITE_P(Backends, WebTest, ::testing::Values(store::Backend::sqlite),
                         backend_test_name);

}  // namespace
}  // namespace reassure::api_test

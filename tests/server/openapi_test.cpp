#include "server/openapi.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "server/http_server.hpp"

using namespace reassure::server;
using nlohmann::json;

namespace {

TEST(OpenApi, TheDocumentParsesAndItsReferencesResolve) {
  auto document = json::parse(openapi_document());
  EXPECT_EQ(document["openapi"].get<std::string>().rfind("3.", 0), 0u);
  EXPECT_TRUE(dangling_references(document).empty());
}

// The built-in routes here; the whole table (with the API's routes) in tests/app/api_routes_test.
TEST(OpenApi, TheChecksFindWhatDisagrees) {
  HttpServer server({}, [](const std::string&) {});
  auto document = json::parse(openapi_document());
  EXPECT_EQ(undocumented_routes(server.routes(), document), std::vector<std::string>{});
  // Only the API's routes (src/app, checked in tests/app) are documented and not built in.
  auto api_operations = unserved_operations(server.routes(), document);
  EXPECT_NE(std::find(api_operations.begin(), api_operations.end(), "get /me"),
            api_operations.end());
  EXPECT_EQ(access_mismatches(server.routes(), document), std::vector<std::string>{});
  // The checks can fail: a route added without a document entry is named.
  server.add({"GET", "/nations/{code}", "a nation", [](const Call&) { return Reply{}; }});
  EXPECT_EQ(undocumented_routes(server.routes(), document),
            std::vector<std::string>{"GET /nations/{code}"});
  // A route that needs a user, documented as open to anyone, is named; and the reverse.
  document["paths"]["/nations/{code}"]["get"]["security"] = json::array();
  EXPECT_EQ(access_mismatches(server.routes(), document),
            std::vector<std::string>{"GET /nations/{code}"});
  document["paths"]["/healthz"]["get"].erase("security");
  EXPECT_EQ(access_mismatches(server.routes(), document),
            (std::vector<std::string>{"GET /healthz", "GET /nations/{code}"}));
  for (const auto& operation : api_operations)
    document["paths"].erase(operation.substr(operation.find(' ') + 1));
  document["paths"]["/plans"]["post"] = json::object();
  EXPECT_EQ(unserved_operations(server.routes(), document),
            std::vector<std::string>{"post /plans"});
  document["paths"]["/plans"]["post"]["responses"]["200"]["$ref"] = "#/components/responses/Nope";
  EXPECT_EQ(dangling_references(document), std::vector<std::string>{"#/components/responses/Nope"});
}

}  // namespace

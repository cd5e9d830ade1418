#include "server/openapi.hpp"

#include <gtest/gtest.h>

#include "server/http_server.hpp"

using namespace reassure::server;
using nlohmann::json;

namespace {

TEST(OpenApi, TheDocumentParsesAndItsReferencesResolve) {
  auto document = json::parse(openapi_document());
  EXPECT_EQ(document["openapi"].get<std::string>().rfind("3.", 0), 0u);
  EXPECT_TRUE(dangling_references(document).empty());
}

TEST(OpenApi, EveryRouteIsDocumentedAndEveryOperationServed) {
  HttpServer server({}, [](const std::string&) {});
  auto document = json::parse(openapi_document());
  EXPECT_EQ(undocumented_routes(server.routes(), document), std::vector<std::string>{});
  EXPECT_EQ(unserved_operations(server.routes(), document), std::vector<std::string>{});
  // The checks can fail: a route added without a document entry is named.
  server.add({"GET", "/nations/{code}", "a nation", [](const Call&) { return Reply{}; }});
  EXPECT_EQ(undocumented_routes(server.routes(), document),
            std::vector<std::string>{"GET /nations/{code}"});
  document["paths"]["/plans"]["post"] = json::object();
  EXPECT_EQ(unserved_operations(server.routes(), document),
            std::vector<std::string>{"post /plans"});
  document["paths"]["/plans"]["post"]["responses"]["200"]["$ref"] = "#/components/responses/Nope";
  EXPECT_EQ(dangling_references(document), std::vector<std::string>{"#/components/responses/Nope"});
}

}  // namespace

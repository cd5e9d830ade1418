// The API's whole route table (src/app/api_routes.cpp with the server's built-in routes)
// against its OpenAPI document: a route added without its documentation, or with access that
// differs from what the document says, fails here.
#include "app/api_routes.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "server/openapi.hpp"

using namespace reassure;

namespace {

const char* access_name(server::Access access) {
  switch (access) {
    case server::Access::anyone:
      return "anyone";
    case server::Access::user:
      return "user";
    case server::Access::planner:
      return "planner";
    case server::Access::admin:
      return "admin";
  }
  return "?";
}

// The role a route needs, as each operation states it in "x-access" (anyone, user, planner,
// admin): the document's "security" only tells open routes from the others.
std::vector<std::string> role_mismatches(const std::vector<server::Route>& routes,
                                         const nlohmann::json& document) {
  std::vector<std::string> out;
  for (const auto& route : routes) {
    std::string method = route.method;
    for (auto& c : method) c = char(std::tolower(static_cast<unsigned char>(c)));
    auto pointer = nlohmann::json::json_pointer("/paths") / route.path / method / "x-access";
    if (!document.contains(pointer) || document[pointer] != access_name(route.access))
      out.push_back(route.method + " " + route.path +
                    " needs x-access: " + access_name(route.access));
  }
  return out;
}

TEST(ApiRoutes, TheWholeRouteTableMatchesTheOpenApiDocument) {
  auto path = std::filesystem::temp_directory_path() /
              ("reassure-routes-" + std::to_string(getpid()) + ".db");
  std::filesystem::remove(path);
  {
    auto store = store::open_store("sqlite:" + path.string());
    server::HttpServer http({}, [](const std::string&) {});
    app::add_api_routes(http, *store);
    auto document = nlohmann::json::parse(server::openapi_document());
    EXPECT_GT(http.routes().size(), 3u);  // more than the built-in ones
    EXPECT_EQ(server::undocumented_routes(http.routes(), document), std::vector<std::string>{});
    EXPECT_EQ(server::unserved_operations(http.routes(), document), std::vector<std::string>{});
    EXPECT_EQ(server::access_mismatches(http.routes(), document), std::vector<std::string>{});
    EXPECT_EQ(role_mismatches(http.routes(), document), std::vector<std::string>{});
    EXPECT_EQ(server::dangling_references(document), std::vector<std::string>{});
  }
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
}

}  // namespace

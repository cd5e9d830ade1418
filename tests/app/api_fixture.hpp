// The fixture of the API suites: a server over a fresh store, on each backend, with users of
// two nations in each role.
#pragma once

#include <gtest/gtest.h>

#include "app/api_test_support.hpp"

namespace reassure::api_test {

// Public: the access checks (api_access_test.cpp) are functions of a table, not members.
class ApiTest : public ::testing::TestWithParam<store::Backend> {
 public:
  ApiServer server{GetParam()};
  std::string fr_planner = server.user("anne", "FR", store::Role::planner);
  std::string fr_observer = server.user("olivier", "FR", store::Role::observer);
  std::string de_planner = server.user("dieter", "DE", store::Role::planner);
  std::string de_observer = server.user("dora", "DE", store::Role::observer);
  std::string admin = server.user("ada", "GB", store::Role::admin);

  Response upload(const std::string& name, const store::ScenarioFiles& files,
                  const std::string& token) {
    return server.post_json("/scenarios/{name}/versions", {{"name", name}}, token,
                            upload_body(files));
  }
  Response upload_archive(const std::string& name, const std::string& bytes, bool gzip,
                          const std::string& token, const std::string& query = "") {
    return server.send({"POST",
                        "/scenarios/{name}/versions",
                        {{"name", name}},
                        query,
                        token,
                        bytes,
                        gzip ? "application/gzip" : "application/x-tar"});
  }
  // A version stored directly, with a marking no upload can give yet.
  store::ScenarioVersion store_marked(const std::string& name, const std::string& marking,
                                      const std::string& variation = "") {
    std::string problem;
    auto releasability = releasability_from_string(marking, problem);
    return server.store().add_scenario_version(
        {name, minimal_files(variation), *releasability, "anne"});
  }
  void store_marked_statement(const std::string& nation, const std::string& marking) {
    std::string problem;
    server.store().add_statement({nation, *Date::parse("2026-01-05"), "committed", "test",
                                  *releasability_from_string(marking, problem), "anne"});
  }
};

inline std::string backend_test_name(const ::testing::TestParamInfo<store::Backend>& info) {
  return store::testing::backend_name(info.param);
}

}  // namespace reassure::api_test

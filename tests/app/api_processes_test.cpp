// A shared deployment: two `reassure serve` processes on one PostgreSQL database. Uploads to
// one name through both at once make consecutive versions, none lost or doubled, each with its
// own files; a plan solved by one server is a cache hit at the other.
#include <gtest/gtest.h>
#include <httplib.h>

#include <mutex>
#include <set>
#include <thread>

#include "app/api_test_support.hpp"
#include "testing/cli.hpp"

namespace reassure::api_test {
namespace {

httplib::Headers bearer(const std::string& token) {
  return {{"Authorization", "Bearer " + token}};
}

TEST(ApiProcesses, TwoServersOnOnePostgresqlDatabaseShareVersionsAndPlans) {
  store::testing::TestDatabase db(store::Backend::postgresql);
  auto added = reassure::testing::run_program(
      REASSURE_BINARY, "user add anne --nation FR --role planner --db " + db.url());
  ASSERT_EQ(added.exit_code, 0) << added.err;
  std::string token = added.out.substr(added.out.find("token: ") + 7, 64);
  Served first(db.url()), second(db.url());
  ASSERT_GT(first.port(), 0);
  ASSERT_GT(second.port(), 0);

  constexpr int kEach = 8;
  std::mutex mutex;
  std::map<int, std::string> acknowledged;  // version -> content key
  auto uploader = [&](int port, int server) {
    httplib::Client client("127.0.0.1", port);
    client.set_read_timeout(30, 0);
    for (int i = 0; i < kEach; ++i) {
      auto files =
          minimal_files("server " + std::to_string(server) + " upload " + std::to_string(i));
      auto r = client.Post("/scenarios/shared/versions", bearer(token), upload_body(files).dump(),
                           "application/json");
      ASSERT_TRUE(r);
      ASSERT_EQ(r->status, 201) << r->body;
      int version = nlohmann::json::parse(r->body)["version"].get<int>();
      std::lock_guard lock(mutex);
      EXPECT_TRUE(acknowledged.emplace(version, store::content_key(files)).second)
          << "version " << version << " given twice";
    }
  };
  std::thread a(uploader, first.port(), 1), b(uploader, second.port(), 2);
  a.join();
  b.join();
  ASSERT_EQ(acknowledged.size(), std::size_t(2 * kEach));
  EXPECT_EQ(acknowledged.begin()->first, 1);
  EXPECT_EQ(acknowledged.rbegin()->first, 2 * kEach);

  httplib::Client to_first("127.0.0.1", first.port()), to_second("127.0.0.1", second.port());
  auto listed = to_second.Get("/scenarios/shared/versions", bearer(token));
  ASSERT_TRUE(listed);
  auto versions = nlohmann::json::parse(listed->body);
  ASSERT_EQ(versions.size(), acknowledged.size());
  for (const auto& v : versions)
    EXPECT_EQ(v["content_key"], acknowledged.at(v["version"].get<int>()));

  to_first.set_read_timeout(90, 0);
  auto headers = bearer(token);
  headers.emplace("Prefer", "wait=60");
  auto solved =
      to_first.Post("/scenarios/shared/versions/1/plans", headers, "{}", "application/json");
  ASSERT_TRUE(solved);
  ASSERT_EQ(solved->status, 200) << solved->body;
  auto cached =
      to_second.Post("/scenarios/shared/versions/1/plans", headers, "{}", "application/json");
  ASSERT_TRUE(cached);
  EXPECT_EQ(cached->get_header_value("X-Reassure-Cache"), "hit");
  EXPECT_EQ(nlohmann::json::parse(cached->body)["result"],
            nlohmann::json::parse(solved->body)["result"]);
}

}  // namespace
}  // namespace reassure::api_test

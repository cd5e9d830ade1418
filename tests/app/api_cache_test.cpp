// The cache of loaded scenarios the API's reads go through: bounded, most recently used kept,
// one load per content key, safe from several threads.
#include <gtest/gtest.h>

#include <thread>

#include "app/api_common.hpp"
#include "app/api_test_support.hpp"

namespace reassure::api_test {
namespace {

class LoadedScenariosTest : public ::testing::Test {
 protected:
  store::testing::TestDatabase db{store::Backend::sqlite};
  CountingStore store{store::open_store(db.url())};

  store::ScenarioVersion stored(const std::string& variation) {
    auto v = store.add_scenario_version({"cached", minimal_files(variation), {}, "anne"});
    return v;
  }
};

TEST_F(LoadedScenariosTest, KeepsTheMostRecentlyUsedAndReadsFilesOnlyOnAMiss) {
  app::LoadedScenarios cache(2);
  auto v1 = stored("1"), v2 = stored("2"), v3 = stored("3");
  auto first = cache.get(store, v1);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->scenario.name, "minimal");
  EXPECT_EQ(cache.get(store, v1), first);  // the same object, no second read
  EXPECT_EQ(store.files_read(), 1);
  cache.get(store, v2);
  cache.get(store, v1);  // v1 now the most recent
  cache.get(store, v3);  // evicts v2
  EXPECT_EQ(cache.size(), 2u);
  EXPECT_EQ(store.files_read(), 3);
  cache.get(store, v1);
  EXPECT_EQ(store.files_read(), 3);
  cache.get(store, v2);
  EXPECT_EQ(store.files_read(), 4);
}

TEST_F(LoadedScenariosTest, ThreadsShareOneLoadedScenario) {
  app::LoadedScenarios cache(4);
  std::vector<store::ScenarioVersion> versions{stored("a"), stored("b"), stored("c")};
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 6; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 20; ++i)
        if (!cache.get(store, versions[std::size_t(t + i) % versions.size()])) ++failures;
    });
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(cache.size(), 3u);
  auto one = cache.get(store, versions[0]);
  EXPECT_EQ(cache.get(store, versions[0]), one);
}

}  // namespace
}  // namespace reassure::api_test

// The real `reassure serve` (SQLite) killed with SIGKILL while uploads run: after a restart,
// every upload the server acknowledged (201 or 200) is there with its exact files, and no
// version is half-written (each version's files add up to its file count and bytes).
#include <fcntl.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "app/api_test_support.hpp"
#include "testing/cli.hpp"

namespace reassure::api_test {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

struct Acknowledged {
  std::string name;
  int version;
  store::ScenarioFiles files;
};

// The files of upload i: the minimal scenario with its own comment, and a block of text whose
// size varies, so that a version half-written would show in its bytes.
store::ScenarioFiles files_of(int thread, int i) {
  auto files = minimal_files("thread " + std::to_string(thread) + " upload " + std::to_string(i));
  files["data/block.txt"] = std::string(std::size_t(50'000 + 997 * i), char('a' + i % 26));
  return files;
}

httplib::Headers bearer(const std::string& token) {
  return {{"Authorization", "Bearer " + token}};
}

TEST(ApiCrash, EveryAcknowledgedUploadSurvivesASigkillWhole) {
  fs::path folder = fs::temp_directory_path() / ("reassure-crash-" + std::to_string(getpid()));
  fs::remove_all(folder);
  fs::create_directories(folder);
  std::string db = "sqlite:" + (folder / "hq.db").string();
  auto added = reassure::testing::run_program(
      REASSURE_BINARY, "user add anne --nation FR --role planner --db " + db);
  ASSERT_EQ(added.exit_code, 0) << added.err;
  auto at = added.out.find("token: ");
  ASSERT_NE(at, std::string::npos);
  std::string token = added.out.substr(at + 7, 64);

  std::mutex mutex;
  std::vector<Acknowledged> acknowledged;
  {
    Served server(db);
    ASSERT_GT(server.port(), 0);
    std::atomic<bool> stop{false};
    auto uploader = [&](int thread) {
      httplib::Client client("127.0.0.1", server.port());
      client.set_read_timeout(10, 0);
      std::string name = "crash-" + std::to_string(thread);
      for (int i = 0; i < 400 && !stop; ++i) {  // bounded whatever happens
        auto files = files_of(thread, i);
        auto r = client.Post("/scenarios/" + name + "/versions", bearer(token),
                             upload_body(files).dump(), "application/json");
        if (!r) return;  // the server is gone
        if (r->status != 201 && r->status != 200) continue;
        auto version = nlohmann::json::parse(r->body)["version"].get<int>();
        std::lock_guard lock(mutex);
        acknowledged.push_back({name, version, std::move(files)});
      }
    };
    std::thread a(uploader, 1), b(uploader, 2);
    // Killed once a few uploads are acknowledged (polled, bounded), while both still upload.
    auto deadline = Clock::now() + std::chrono::seconds(20);
    while (Clock::now() < deadline) {
      {
        std::lock_guard lock(mutex);
        if (acknowledged.size() >= 12) break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    server.kill_now();
    stop = true;
    a.join();
    b.join();
  }
  ASSERT_GE(acknowledged.size(), 12u) << "too few uploads acknowledged before the deadline";

  Served again(db);
  ASSERT_GT(again.port(), 0);
  httplib::Client client("127.0.0.1", again.port());
  for (const auto& ack : acknowledged) {
    auto path = "/scenarios/" + ack.name + "/versions/" + std::to_string(ack.version);
    auto r = client.Get(path, bearer(token));
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200) << path << ": " << r->body;
    auto version = nlohmann::json::parse(r->body);
    EXPECT_EQ(version["content_key"], store::content_key(ack.files)) << path;
    ASSERT_EQ(version["files"].size(), ack.files.size()) << path;
    for (const auto& [file, bytes] : ack.files) {
      auto content = client.Get(path + "/file?path=" + httplib::detail::encode_query_param(file),
                                bearer(token));
      ASSERT_TRUE(content);
      EXPECT_EQ(nlohmann::json::parse(content->body)["content"], bytes) << path << " " << file;
    }
  }
  // Every version stored, acknowledged or not (one in flight at the kill), is whole.
  for (const char* name : {"crash-1", "crash-2"}) {
    auto list = client.Get(std::string("/scenarios/") + name + "/versions", bearer(token));
    ASSERT_TRUE(list);
    if (list->status == 404) continue;
    for (const auto& listed : nlohmann::json::parse(list->body)) {
      auto path = std::string("/scenarios/") + name + "/versions/" +
                  std::to_string(listed["version"].get<int>());
      auto one = nlohmann::json::parse(client.Get(path, bearer(token))->body);
      std::int64_t bytes = 0;
      for (const auto& file : one["files"]) bytes += file["bytes"].get<std::int64_t>();
      EXPECT_EQ(one["files"].size(), listed["file_count"].get<std::size_t>()) << path;
      EXPECT_EQ(bytes, listed["total_bytes"].get<std::int64_t>()) << path;
    }
  }
  again.kill_now();
  fs::remove_all(folder);
}

}  // namespace
}  // namespace reassure::api_test

// `reassure serve` as an operator runs it: started on a free loopback port, asked over HTTP,
// stopped with SIGTERM.
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "testing/cli.hpp"

namespace {

// A fresh SQLite store in the temporary folder, unique to this process and call.
std::string temporary_db() {
  static int count = 0;
  auto path =
      std::filesystem::temp_directory_path() /
      ("reassure-serve-" + std::to_string(getpid()) + "-" + std::to_string(++count) + ".db");
  std::filesystem::remove(path);
  return "sqlite:" + path.string();
}

// The server as a child process, its standard output read through a pipe.
class ServerProcess {
 public:
  explicit ServerProcess(const std::string& listen, const std::string& db = temporary_db()) {
    int out[2];
    if (pipe(out) != 0) return;
    pid_ = fork();
    if (pid_ == 0) {
      dup2(out[1], STDOUT_FILENO);
      close(out[0]);
      close(out[1]);
      execl(REASSURE_BINARY, REASSURE_BINARY, "serve", "--listen", listen.c_str(), "--db",
            db.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    close(out[1]);
    stdout_ = fdopen(out[0], "r");
  }
  ~ServerProcess() {
    if (pid_ > 0 && !waited_) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    if (stdout_) fclose(stdout_);
  }
  // The first line the server prints.
  std::string first_line() {
    char line[512] = {};
    if (!stdout_ || !fgets(line, sizeof line, stdout_)) return "";
    return line;
  }
  // Sends `signal` and waits (at most 10 s) for the exit status; -1 if it did not exit.
  int stop(int signal) {
    kill(pid_, signal);
    for (int i = 0; i < 1000; ++i) {
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        waited_ = true;
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return -1;
  }

 private:
  pid_t pid_ = -1;
  FILE* stdout_ = nullptr;
  bool waited_ = false;
};

int port_of(const std::string& line) {
  auto colon = line.rfind(':');
  return colon == std::string::npos ? -1 : std::stoi(line.substr(colon + 1));
}

TEST(Serve, AnswersOnLoopbackAndStopsOnSigterm) {
  ServerProcess server("127.0.0.1:0");
  std::string line = server.first_line();
  ASSERT_EQ(line.rfind("reassure: listening on http://127.0.0.1:", 0), 0u) << line;
  int port = port_of(line);
  ASSERT_GT(port, 0);
  httplib::Client client("127.0.0.1", port);
  auto health = client.Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  EXPECT_EQ(nlohmann::json::parse(health->body)["status"], "ok");
  auto document = client.Get("/openapi.json");
  ASSERT_TRUE(document);
  EXPECT_EQ(nlohmann::json::parse(document->body)["info"]["title"], "reassure headquarters API");
  EXPECT_EQ(server.stop(SIGTERM), 0);
}

TEST(Serve, StopsOnSigint) {
  ServerProcess server("127.0.0.1:0");
  ASSERT_GT(port_of(server.first_line()), 0);
  EXPECT_EQ(server.stop(SIGINT), 0);
}

TEST(Serve, ABadListenAddressIsABadArgument) {
  auto r = reassure::testing::run("serve --listen 127.0.0.1:99999 --db " + temporary_db());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--listen: the port must be a number from 0 to 65535"), std::string::npos)
      << r.err;
  r = reassure::testing::run("serve --listen nowhere --db " + temporary_db());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("expected HOST:PORT"), std::string::npos) << r.err;
}

TEST(Serve, AnAddressThatCannotBeBoundIsAnError) {
  ServerProcess first("127.0.0.1:0");
  int port = port_of(first.first_line());
  ASSERT_GT(port, 0);
  auto r = reassure::testing::run("serve --listen 127.0.0.1:" + std::to_string(port) + " --db " +
                                  temporary_db());
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("cannot listen on 127.0.0.1:" + std::to_string(port)), std::string::npos)
      << r.err;
  EXPECT_EQ(first.stop(SIGTERM), 0);
}

TEST(Serve, AStoreThatCannotBeOpenedStopsItBeforeItListens) {
  auto r = reassure::testing::run("serve --listen 127.0.0.1:0 --db sqlite:/nonexistent/dir/x.db");
  EXPECT_EQ(r.exit_code, 5) << r.err;
  EXPECT_EQ(r.out.find("listening"), std::string::npos);
  EXPECT_FALSE(r.err.empty());
}

TEST(Users, AddPrintsTheTokenOnceAndListNeverShowsIt) {
  std::string db = temporary_db();
  auto added = reassure::testing::run("user add anne --nation FR --role planner --db " + db);
  ASSERT_EQ(added.exit_code, 0) << added.err;
  auto at = added.out.find("token: ");
  ASSERT_NE(at, std::string::npos) << added.out;
  std::string token = added.out.substr(at + 7, 64);
  EXPECT_EQ(token.find_first_not_of("0123456789abcdef"), std::string::npos) << token;
  auto listed = reassure::testing::run("user list --db " + db);
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_EQ(listed.out.rfind("anne\tFR\tplanner\t", 0), 0u) << listed.out;
  EXPECT_EQ(listed.out.find(token), std::string::npos);
  // The database file holds no token either, only its hash.
  std::ifstream file(db.substr(7), std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(file)), {});
  EXPECT_EQ(bytes.find(token), std::string::npos);
}

TEST(Users, RefusalsNameTheFieldAndExitAsDocumented) {
  std::string db = temporary_db();
  auto bad_nation =
      reassure::testing::run("user add bob --nation France --role planner --db " + db);
  EXPECT_EQ(bad_nation.exit_code, 2);
  EXPECT_NE(bad_nation.err.find("nation"), std::string::npos) << bad_nation.err;
  auto bad_role = reassure::testing::run("user add bob --nation FR --role general --db " + db);
  EXPECT_EQ(bad_role.exit_code, 2);
  EXPECT_NE(bad_role.err.find("role: expected planner, observer or admin"), std::string::npos)
      << bad_role.err;
  ASSERT_EQ(reassure::testing::run("user add bob --nation FR --role observer --db " + db).exit_code,
            0);
  auto twice = reassure::testing::run("user add bob --nation DE --role observer --db " + db);
  EXPECT_EQ(twice.exit_code, 2) << twice.err;
  auto nowhere = reassure::testing::run(
      "user add carl --nation FR --role observer --db sqlite:/nonexistent/dir/x.db");
  EXPECT_EQ(nowhere.exit_code, 5) << nowhere.err;
}

TEST(Serve, MeNamesTheUserOfTheBearerToken) {
  std::string db = temporary_db();
  auto added = reassure::testing::run("user add anne --nation FR --role planner --db " + db);
  ASSERT_EQ(added.exit_code, 0) << added.err;
  std::string token = added.out.substr(added.out.find("token: ") + 7, 64);
  ServerProcess server("127.0.0.1:0", db);
  int port = port_of(server.first_line());
  ASSERT_GT(port, 0);
  httplib::Client client("127.0.0.1", port);
  auto me = client.Get("/me", {{"Authorization", "Bearer " + token}});
  ASSERT_TRUE(me);
  EXPECT_EQ(me->status, 200);
  EXPECT_EQ(nlohmann::json::parse(me->body),
            nlohmann::json({{"name", "anne"}, {"nation", "FR"}, {"role", "planner"}}));
  auto anonymous = client.Get("/me");
  ASSERT_TRUE(anonymous);
  EXPECT_EQ(anonymous->status, 401);
  std::string wrong = token;
  wrong[0] = wrong[0] == 'a' ? 'b' : 'a';
  auto forged = client.Get("/me", {{"Authorization", "Bearer " + wrong}});
  ASSERT_TRUE(forged);
  EXPECT_EQ(forged->status, 401);
  EXPECT_EQ(nlohmann::json::parse(forged->body)["error"]["code"], "auth.invalid");
  EXPECT_EQ(server.stop(SIGTERM), 0);
}

}  // namespace

TEST(Scenarios, AddStoresAVersionOnceAndListShowsIt) {
  std::string db = temporary_db();
  auto added = reassure::testing::run("scenario add coalition --db " + db);
  ASSERT_EQ(added.exit_code, 0) << added.err;
  EXPECT_EQ(added.out.rfind("scenario coalition@1 stored: 11 files, ", 0), 0u) << added.out;
  EXPECT_NE(added.out.find("marked public"), std::string::npos) << added.out;
  auto again = reassure::testing::run("scenario add coalition --db " + db);
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(again.out.rfind("scenario coalition@1 already stored (same files)", 0), 0u)
      << again.out;
  auto other = reassure::testing::run("scenario add coalition " + std::string(REASSURE_SOURCE_DIR) +
                                      "/tests/io/good/minimal.yaml --db " + db);
  ASSERT_EQ(other.exit_code, 0) << other.err;
  EXPECT_EQ(other.out.rfind("scenario coalition@2 stored: 1 file, ", 0), 0u) << other.out;
  auto listed = reassure::testing::run("scenario list --db " + db);
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_EQ(listed.out.rfind("coalition\t1\tpublic\t11 files\t", 0), 0u) << listed.out;
  EXPECT_NE(listed.out.find("\ncoalition\t2\tcoalition\t1 file\t"), std::string::npos)
      << listed.out;
}

TEST(Scenarios, AScenarioWithProblemsIsNotStoredAndEachProblemIsNamed) {
  std::string db = temporary_db();
  std::string bad = std::string(REASSURE_SOURCE_DIR) + "/tests/io/bad/marking-empty-list.yaml";
  auto refused = reassure::testing::run("scenario add broken " + bad + " --db " + db);
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("marking-empty-list.yaml:39:20: pledges[0].releasability"),
            std::string::npos)
      << refused.err;
  EXPECT_NE(refused.err.find("not stored (1 problem)"), std::string::npos) << refused.err;
  EXPECT_EQ(reassure::testing::run("scenario list --db " + db).out, "");
  auto bad_name = reassure::testing::run("scenario add 'no spaces' --db " + db);
  EXPECT_EQ(bad_name.exit_code, 2);
  EXPECT_NE(bad_name.err.find("name"), std::string::npos) << bad_name.err;
}

// The whole way a headquarters works: an operator stores the scenario and adds a user; the
// server, started on that store, plans it on request and then answers from its cache.
TEST(Serve, AStoredScenarioIsPlannedOnRequestThenServedFromTheCache) {
  std::string db = temporary_db();
  ASSERT_EQ(reassure::testing::run("scenario add coalition --db " + db).exit_code, 0);
  auto added = reassure::testing::run("user add anne --nation FR --role observer --db " + db);
  std::string token = added.out.substr(added.out.find("token: ") + 7, 64);
  ServerProcess server("127.0.0.1:0", db);
  int port = port_of(server.first_line());
  ASSERT_GT(port, 0);
  httplib::Client client("127.0.0.1", port);
  client.set_read_timeout(90);
  httplib::Headers headers{{"Authorization", "Bearer " + token}, {"Prefer", "wait=60"}};
  auto solved = client.Post("/scenarios/coalition/versions/1/plans", headers,
                            R"({"variant": "no-us-backstop"})", "application/json");
  ASSERT_TRUE(solved);
  ASSERT_EQ(solved->status, 200) << solved->body;
  auto plan = nlohmann::json::parse(solved->body);
  EXPECT_EQ(plan["result"]["forcegen"]["status"], "optimal");
  auto cached = client.Post("/scenarios/coalition/versions/1/plans", headers,
                            R"({"variant": "no-us-backstop"})", "application/json");
  ASSERT_TRUE(cached);
  EXPECT_EQ(cached->get_header_value("X-Reassure-Cache"), "hit");
  EXPECT_EQ(nlohmann::json::parse(cached->body)["result"], plan["result"]);
  auto metrics = client.Get("/metrics");
  ASSERT_TRUE(metrics);
  EXPECT_NE(metrics->body.find("reassure_plan_cache_hits_total 1\n"), std::string::npos);
  EXPECT_NE(metrics->body.find("reassure_solves_total 1\n"), std::string::npos);
  EXPECT_EQ(server.stop(SIGTERM), 0);
}

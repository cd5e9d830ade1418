// `reassure serve` as an operator runs it: started on a free loopback port, asked over HTTP,
// stopped with SIGTERM.
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "testing/cli.hpp"

namespace {

// The server as a child process, its standard output read through a pipe.
class ServerProcess {
 public:
  explicit ServerProcess(const std::string& listen) {
    int out[2];
    if (pipe(out) != 0) return;
    pid_ = fork();
    if (pid_ == 0) {
      dup2(out[1], STDOUT_FILENO);
      close(out[0]);
      close(out[1]);
      execl(REASSURE_BINARY, REASSURE_BINARY, "serve", "--listen", listen.c_str(),
            static_cast<char*>(nullptr));
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
  auto r = reassure::testing::run("serve --listen 127.0.0.1:99999");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--listen: the port must be a number from 0 to 65535"), std::string::npos)
      << r.err;
  r = reassure::testing::run("serve --listen nowhere");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("expected HOST:PORT"), std::string::npos) << r.err;
}

TEST(Serve, AnAddressThatCannotBeBoundIsAnError) {
  ServerProcess first("127.0.0.1:0");
  int port = port_of(first.first_line());
  ASSERT_GT(port, 0);
  auto r = reassure::testing::run("serve --listen 127.0.0.1:" + std::to_string(port));
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("cannot listen on 127.0.0.1:" + std::to_string(port)), std::string::npos)
      << r.err;
  EXPECT_EQ(first.stop(SIGTERM), 0);
}

}  // namespace

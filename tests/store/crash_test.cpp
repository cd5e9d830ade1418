// Crash safety: a writer killed with SIGKILL in the middle of its uploads loses nothing it was
// told had been stored, and leaves no half-written version. On both backends.
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <map>

#include "store/database.hpp"
#include "store/store.hpp"
#include "store/test_database.hpp"

namespace reassure::store {
namespace {

constexpr int kMaxUploads = 300;  // the child's loop is bounded even if never killed
constexpr int kAcksBeforeKill = 12;

// Upload i's files: several files of sizes that vary with i (up to ~300 KB), so that the
// child spends its time inside transactions and the kill lands in one.
ScenarioFiles files_of(int i) {
  ScenarioFiles files;
  files["scenario.yaml"] = "upload: " + std::to_string(i) + "\n";
  for (int f = 0; f < 4; ++f)
    files["geometry/part" + std::to_string(f) + ".geojson"] =
        std::string(1000 + (i * 7919 + f * 104729) % 75000, char('a' + (i + f) % 26));
  return files;
}

struct Ack {
  int upload;   // i
  int version;  // the version the store returned
};

// The child: open its own connection, upload in a loop, report each acknowledged upload on the
// pipe. It never returns: _exit skips the test framework's teardown, which belongs to the parent.
[[noreturn]] void write_uploads(const std::string& url, int ack_fd) {
  try {
    auto store = open_store(url);
    for (int i = 0; i < kMaxUploads; ++i) {
      auto v = store->add_scenario_version({"crash", files_of(i), {}, "writer"});
      Ack ack{i, v.version};
      if (write(ack_fd, &ack, sizeof ack) != sizeof ack) _exit(3);
    }
  } catch (...) {
    _exit(2);
  }
  _exit(0);
}

// Reads whole acks until EOF, or until `wanted` were read (0: to EOF); bounded by a timeout.
bool read_acks(int fd, std::vector<Ack>& acks, std::size_t wanted) {
  while (wanted == 0 || acks.size() < wanted) {
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, 60'000) <= 0) return false;  // no progress in a minute: a hang
    Ack ack;
    auto n = read(fd, &ack, sizeof ack);
    if (n == 0) return true;            // EOF
    if (n != sizeof ack) return false;  // acks are written whole (under PIPE_BUF)
    acks.push_back(ack);
  }
  return true;
}

class CrashTest : public ::testing::TestWithParam<Backend> {};

TEST_P(CrashTest, KilledWriterLosesNoAcknowledgedUploadAndLeavesNoPartOfOne) {
  testing::TestDatabase db(GetParam());
  open_store(db.url());  // migrated before the child starts, so that the kill hits uploads
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    close(fds[0]);
    write_uploads(db.url(), fds[1]);
  }
  close(fds[1]);
  std::vector<Ack> acks;
  bool progressed = read_acks(fds[0], acks, kAcksBeforeKill);
  kill(child, SIGKILL);
  int status = 0;
  waitpid(child, &status, 0);
  ASSERT_TRUE(progressed) << "the writer stalled before " << kAcksBeforeKill << " uploads";
  ASSERT_TRUE(read_acks(fds[0], acks, 0));  // what it acknowledged before dying
  close(fds[0]);
  ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
      << "the writer finished all " << kMaxUploads << " uploads before the kill";
  ASSERT_GE(acks.size(), std::size_t(kAcksBeforeKill));

  auto store = open_store(db.url());  // recovery (SQLite's WAL) happens here
  for (const auto& ack : acks) {
    auto stored = store->scenario_version("crash", ack.version);
    ASSERT_TRUE(stored) << "acknowledged version " << ack.version << " is missing";
    EXPECT_EQ(stored->files, files_of(ack.upload)) << "version " << ack.version;
  }
  // Every version present is whole: its files are all there and hash to its key, and the
  // numbers have no gap (a killed upload took no number).
  auto versions = store->scenario_versions("crash");
  ASSERT_GE(versions.size(), acks.size());
  EXPECT_LE(versions.size(), acks.size() + 1);  // at most one committed but not yet acked
  for (std::size_t i = 0; i < versions.size(); ++i) {
    EXPECT_EQ(versions[i].version, int(i) + 1);
    auto stored = store->scenario_version("crash", versions[i].version);
    ASSERT_TRUE(stored);
    EXPECT_EQ(int(stored->files.size()), stored->file_count);
    EXPECT_EQ(content_key(stored->files), stored->content_key) << "version " << i + 1;
    std::int64_t bytes = 0;
    for (const auto& [path, content] : stored->files) bytes += std::int64_t(content.size());
    EXPECT_EQ(bytes, stored->total_bytes);
  }
  // And no file belongs to no version.
  auto raw = open_database(db.url());
  raw->transaction(Database::Mode::read, [&] {
    EXPECT_EQ(raw->query("SELECT COUNT(*) FROM scenario_files f WHERE NOT EXISTS "
                         "(SELECT 1 FROM scenario_versions v WHERE v.id = f.version_id)")
                  .at(0)
                  .integer(0),
              0);
    EXPECT_EQ(raw->query("SELECT COUNT(*) FROM scenario_files").at(0).integer(0),
              std::int64_t(5 * versions.size()));
  });
}

INSTANTIATE_TEST_SUITE_P(Backends, CrashTest,
                         ::testing::Values(Backend::sqlite, Backend::postgresql),
                         [](const auto& info) { return testing::backend_name(info.param); });

}  // namespace
}  // namespace reassure::store

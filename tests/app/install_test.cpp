// `make install`: the installed program finds its default scenario relative to itself, or by
// REASSURE_SCENARIO, and never through the source tree it was built from.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "testing/cli.hpp"

namespace fs = std::filesystem;

namespace {

using reassure::testing::run_program;

// A fresh folder under the temporary directory, removed with the test.
class Folder {
 public:
  explicit Folder(const std::string& name)
      : path_(fs::temp_directory_path() / ("reassure-" + name + "-" + std::to_string(::getpid()))) {
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~Folder() { fs::remove_all(path_); }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// Runs the command from `folder` with no REASSURE_SCENARIO, so that only the program's own
// place can lead it to a scenario (the test's working directory is the build folder).
std::string from(const fs::path& folder) {
  return "cd " + folder.string() + " && env -u REASSURE_SCENARIO ";
}

void install_into(const fs::path& prefix) {
  std::string command = std::string(REASSURE_CMAKE) + " --install " + REASSURE_BUILD_DIR +
                        " --prefix " + prefix.string() + " > /dev/null";
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
}

}  // namespace

TEST(Install, TheInstalledProgramFindsItsDefaultScenarioBesideItself) {
  Folder prefix("install");
  install_into(prefix.path());
  fs::path program = prefix.path() / "bin/reassure";
  fs::path scenario = prefix.path() / "share/reassure/scenarios/coalition/scenario.yaml";
  ASSERT_TRUE(fs::is_regular_file(program));
  ASSERT_TRUE(fs::is_regular_file(scenario));
  ASSERT_TRUE(fs::is_regular_file(prefix.path() / "share/reassure/scenarios/undof/scenario.yaml"));

  auto r = run_program(program.string(), "validate", from(prefix.path()));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find(scenario.string() + ": valid"), std::string::npos) << r.out;

  // The headline figure comes out of the installed copy of the scenario.
  r = run_program(program.string(), "coalition status --as-of 2025-09-04", from(prefix.path()));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("26 committed"), std::string::npos) << r.out;
}

TEST(Install, AMovedProgramWithoutItsDataSaysWhereItLooked) {
  Folder moved("moved");
  fs::create_directories(moved.path() / "bin");
  fs::path program = moved.path() / "bin/reassure";
  fs::copy_file(REASSURE_BINARY, program);
  auto r = run_program(program.string(), "validate", from(moved.path()));
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_NE(r.err.find("no default scenario found"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find((moved.path() / "share/reassure").string()), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("REASSURE_SCENARIO"), std::string::npos) << r.err;
}

TEST(Install, TheEnvironmentNamesTheDefaultScenario) {
  Folder moved("env");
  fs::create_directories(moved.path() / "bin");
  fs::path program = moved.path() / "bin/reassure";
  fs::copy_file(REASSURE_BINARY, program);
  std::string undof = std::string(REASSURE_SOURCE_DIR) + "/scenarios/undof/scenario.yaml";
  auto r = run_program(program.string(), "validate",
                       "cd " + moved.path().string() + " && REASSURE_SCENARIO=" + undof + " ");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find(undof + ": valid"), std::string::npos) << r.out;

  // Named, it is used even when missing: the error names it, no other scenario stands in.
  std::string missing = (moved.path() / "nowhere.yaml").string();
  r = run_program(program.string(), "validate",
                  "cd " + moved.path().string() + " && REASSURE_SCENARIO=" + missing + " ");
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_NE(r.err.find("nowhere.yaml"), std::string::npos) << r.err;
}

TEST(Install, AnExplicitScenarioWinsOverTheEnvironment) {
  std::string coalition = std::string(REASSURE_SOURCE_DIR) + "/scenarios/coalition/scenario.yaml";
  auto r = reassure::testing::run("validate " + coalition,
                                  "REASSURE_SCENARIO=/nonexistent/scenario.yaml ");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find(coalition + ": valid"), std::string::npos) << r.out;
}

// The checked writer behind `plan --out`: a failed write is reported naming the file, and a
// folder is put in place whole or not at all.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>

#include "app/output.hpp"

namespace fs = std::filesystem;
using reassure::app::OutputError;

namespace {

std::string message_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const OutputError& e) {
    return e.what();
  }
  return "(no error)";
}

std::string content(const fs::path& path) {
  std::ifstream in(path);
  return {std::istreambuf_iterator<char>(in), {}};
}

TEST(Output, AWriteToAFullDeviceFailsNamingTheFile) {
  // /dev/full accepts the open and refuses every write with "No space left on device".
  auto message = message_of([] { reassure::app::write_file_checked("/dev/full", "text"); });
  EXPECT_EQ(message, "cannot write '/dev/full': No space left on device");
}

TEST(Output, AFolderIsReplacedOnlyWhenEveryFileWasWritten) {
  fs::path parent = fs::temp_directory_path() / ("reassure-output-" + std::to_string(::getpid()));
  fs::remove_all(parent);
  fs::create_directories(parent / "out");
  std::ofstream(parent / "out" / "a.txt") << "old\n";
  // The second file cannot be written (its folder does not exist): nothing changes.
  auto message = message_of([&] {
    reassure::app::write_folder(parent / "out", {{"a.txt", "new\n"}, {"no/such/b.txt", "b"}});
  });
  EXPECT_NE(message.find("b.txt': No such file or directory"), std::string::npos) << message;
  EXPECT_EQ(content(parent / "out" / "a.txt"), "old\n");
  EXPECT_EQ(std::distance(fs::directory_iterator(parent), fs::directory_iterator()), 1);
  // All written: the new folder replaces the old one.
  reassure::app::write_folder(parent / "out/", {{"a.txt", "new\n"}, {"b.txt", "b"}});
  EXPECT_EQ(content(parent / "out" / "a.txt"), "new\n");
  EXPECT_EQ(content(parent / "out" / "b.txt"), "b");
  EXPECT_EQ(std::distance(fs::directory_iterator(parent), fs::directory_iterator()), 1);
  fs::remove_all(parent);
}

}  // namespace

// The bounded, confined file reader every scenario file goes through: what it refuses and
// where it says the problem is.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "io/text_file.hpp"

namespace fs = std::filesystem;
using namespace reassure;
using io::ReadLimits;

namespace {

class TextFile : public testing::Test {
 protected:
  void SetUp() override {
    dir_ =
        fs::temp_directory_path() / ("reassure-text-file-" + std::to_string(::getpid()) + "-" +
                                     testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "scenario");
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path write(const std::string& name, const std::string& content) {
    fs::path path = dir_ / name;
    std::ofstream(path, std::ios::binary) << content;
    return path;
  }
  ReadLimits confined() const { return {std::uintmax_t(1) << 20, dir_ / "scenario"}; }

  // The message of the one diagnostic a refused read gives.
  Diagnostic refusal(const fs::path& path, const ReadLimits& limits) {
    try {
      io::read_text_file(path, limits, {"scenario.yaml", 7, 3}, "include");
    } catch (const ScenarioError& e) {
      EXPECT_EQ(e.diagnostics().size(), 1u);
      return e.diagnostics().front();
    }
    ADD_FAILURE() << "read of " << path << " was not refused";
    return {};
  }

  fs::path dir_;
};

TEST_F(TextFile, ReadsATextFileInsideTheFolder) {
  auto path = write("scenario/a.yaml", "name: Kyiv – Київ\n");
  EXPECT_EQ(io::read_text_file(path, confined(), {}, "include"), "name: Kyiv – Київ\n");
}

TEST_F(TextFile, RefusesAFileOutsideTheFolderWithoutShowingItsContent) {
  auto path = write("secret.txt", "TOP-SECRET\n");
  auto d = refusal(dir_ / "scenario" / ".." / "secret.txt", confined());
  EXPECT_NE(d.message.find("outside the scenario's folder"), std::string::npos) << d.message;
  EXPECT_EQ(d.message.find("TOP-SECRET"), std::string::npos);
  EXPECT_EQ(d.where.line, 7);
  EXPECT_EQ(d.field, "include");
  EXPECT_TRUE(d.unreadable);
  // An absolute path elsewhere, and a link inside the folder that points out of it.
  EXPECT_NE(refusal("/etc/passwd", confined()).message.find("outside"), std::string::npos);
  fs::create_symlink(path, dir_ / "scenario" / "link.yaml");
  EXPECT_NE(refusal(dir_ / "scenario" / "link.yaml", confined()).message.find("outside"),
            std::string::npos);
}

TEST_F(TextFile, RefusesFoldersDevicesAndPipes) {
  EXPECT_NE(refusal(dir_ / "scenario", {}).message.find("is a folder"), std::string::npos);
  EXPECT_NE(refusal("/dev/zero", {}).message.find("not a regular file"), std::string::npos);
  auto fifo = dir_ / "scenario" / "pipe.yaml";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  EXPECT_NE(refusal(fifo, confined()).message.find("not a regular file"), std::string::npos);
  EXPECT_NE(refusal(dir_ / "scenario" / "missing.yaml", confined()).message.find("cannot open"),
            std::string::npos);
}

TEST_F(TextFile, RefusesAFileLargerThanTheLimit) {
  auto path = write("scenario/big.yaml", std::string(1025, 'x'));
  auto d = refusal(path, {1024, {}});
  EXPECT_NE(d.message.find("larger than the limit of 1024 bytes"), std::string::npos) << d.message;
  EXPECT_EQ(io::read_text_file(path, {1025, {}}, {}, "").size(), 1025u);
}

TEST_F(TextFile, RefusesBytesThatAreNotUtf8AtTheirLine) {
  auto path = write("scenario/latin1.yaml",
                    "a: 1\nname: Fran\xE7"
                    "ais\n");
  auto d = refusal(path, confined());
  EXPECT_NE(d.message.find("not valid UTF-8"), std::string::npos) << d.message;
  EXPECT_EQ(d.where.file, path.string());
  EXPECT_EQ(d.where.line, 2);
  EXPECT_EQ(d.where.column, 11);
  auto nul = write("scenario/nul.yaml", std::string("a: 1\0", 5));
  EXPECT_NE(refusal(nul, confined()).message.find("NUL"), std::string::npos);
}

TEST(Utf8, AcceptsWellFormedAndRefusesMalformedSequences) {
  EXPECT_EQ(io::invalid_utf8_at("plain ascii"), std::string_view::npos);
  EXPECT_EQ(io::invalid_utf8_at("\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80"), std::string_view::npos);
  EXPECT_EQ(io::invalid_utf8_at("ab\xC0\xAF"), 2u);        // overlong '/'
  EXPECT_EQ(io::invalid_utf8_at("\xE0\x80\xAF"), 0u);      // overlong, three bytes
  EXPECT_EQ(io::invalid_utf8_at("x\xED\xA0\x80"), 1u);     // UTF-16 surrogate
  EXPECT_EQ(io::invalid_utf8_at("\xF4\x90\x80\x80"), 0u);  // past U+10FFFF
  EXPECT_EQ(io::invalid_utf8_at("ok\xE2\x82"), 2u);        // cut short
  EXPECT_EQ(io::invalid_utf8_at("\x80"), 0u);              // stray continuation byte
  EXPECT_EQ(io::invalid_utf8_at("\xFF"), 0u);
}

TEST(Locate, CountsLinesAndColumnsFromOne) {
  auto at = io::locate("f", "ab\ncd\ne", 4);
  EXPECT_EQ(at.line, 2);
  EXPECT_EQ(at.column, 2);
}

}  // namespace

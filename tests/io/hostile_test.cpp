// Hostile or careless input that cannot be committed as a bad file (a FIFO, a list past the
// record limit, text held in memory): each refused with file, line and field, through the
// whole `reassure validate` pipeline (engine::load_checked).
#include <gtest/gtest.h>

#include <sys/stat.h>
#include <algorithm>

#include <filesystem>
#include <fstream>
#include <string>

#include "engine/checked.hpp"
#include "io/limits.hpp"
#include "io/number.hpp"
#include "io/scenario_loader.hpp"

namespace fs = std::filesystem;
using namespace reassure;

namespace {

const fs::path kGood = fs::path(REASSURE_TEST_DATA) / "io" / "good" / "minimal.yaml";

std::string minimal() {
  std::ifstream in(kGood);
  return {std::istreambuf_iterator<char>(in), {}};
}

// The line just after the minimal scenario, where a test's own lines start.
int after_minimal() {
  auto text = minimal();
  return int(std::count(text.begin(), text.end(), '\n')) + 1;
}

class Hostile : public testing::Test {
 protected:
  void SetUp() override {
    dir_ =
        fs::temp_directory_path() / ("reassure-hostile-" + std::to_string(::getpid()) + "-" +
                                     testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name, std::ios::binary) << text;
    return dir_ / name;
  }

  // The diagnostics `reassure validate` gives for the file.
  static std::vector<Diagnostic> diagnose(const fs::path& path) {
    try {
      engine::load_checked(path.string());
    } catch (const ScenarioError& e) {
      return e.diagnostics();
    }
    return {};
  }

  static std::string listing(const std::vector<Diagnostic>& diagnostics) {
    std::string text;
    for (const auto& d : diagnostics) text += d.format() + "\n";
    return text.empty() ? "(none)" : text;
  }

  // Some diagnostic is at file:line, in the field, with the message.
  static bool has(const std::vector<Diagnostic>& diagnostics, const std::string& file, int line,
                  const std::string& field, const std::string& message) {
    for (const auto& d : diagnostics)
      if (fs::path(d.where.file).filename() == file && d.where.line == line &&
          d.field.find(field) != std::string::npos && d.message.find(message) != std::string::npos)
        return true;
    return false;
  }

  fs::path dir_;
};

TEST_F(Hostile, AFifoAsAnIncludeIsNamedAsSuchAtTheIncludeLine) {
  ASSERT_EQ(::mkfifo((dir_ / "pipe.yaml").c_str(), 0600), 0);
  // Reading it would block forever; it must be refused without being opened for long.
  auto path = write("scenario.yaml", minimal() + "include:\n  - pipe.yaml\n");
  auto diagnostics = diagnose(path);
  EXPECT_TRUE(
      has(diagnostics, "scenario.yaml", after_minimal() + 1, "include", "is not a regular file"))
      << listing(diagnostics);
}

TEST_F(Hostile, ALinkToDevZeroIsRefusedAsOutsideTheFolder) {
  fs::create_symlink("/dev/zero", dir_ / "zero.yaml");
  auto path = write("scenario.yaml", minimal() + "include: [zero.yaml]\n");
  auto diagnostics = diagnose(path);
  EXPECT_TRUE(has(diagnostics, "scenario.yaml", after_minimal(), "include",
                  "outside the scenario's folder"))
      << listing(diagnostics);
}

TEST_F(Hostile, DevZeroAsTheScenarioItselfIsNotARegularFile) {
  auto diagnostics = diagnose("/dev/zero");
  ASSERT_EQ(diagnostics.size(), 1u) << listing(diagnostics);
  EXPECT_NE(diagnostics[0].message.find("'/dev/zero' is not a regular file"), std::string::npos)
      << listing(diagnostics);
}

TEST_F(Hostile, AFolderAsTheScenarioIsNamedAsSuch) {
  auto diagnostics = diagnose(dir_);
  ASSERT_EQ(diagnostics.size(), 1u) << listing(diagnostics);
  EXPECT_NE(diagnostics[0].message.find("is a folder, not a file"), std::string::npos)
      << listing(diagnostics);
}

// 100,001 conditions over two files: each file's list is within the limit, the sum is not.
TEST_F(Hostile, ListsOverAllFilesStayWithinTheRecordLimit) {
#ifndef NDEBUG
  GTEST_SKIP() << "100,000 records: run in Release builds only (seconds there, minutes under "
                  "the sanitizers)";
#endif
  const std::size_t half = io::limits::kMaxRecords / 2 + 1;
  std::string conditions = "conditions:\n";
  for (std::size_t i = 0; i < half; ++i) conditions += "  - {id: c}\n";
  write("a.yaml", conditions);
  write("b.yaml", conditions);
  auto path = write("scenario.yaml", minimal() + "include: [a.yaml, b.yaml]\n");
  std::vector<Diagnostic> problems;
  io::load_scenario(path.string(), problems);
  // Record 100,001 counting the minimal scenario's own condition: in b.yaml.
  int line = int(io::limits::kMaxRecords - 1 - half + 2);
  ASSERT_EQ(problems.size(), 1u) << listing(problems);
  EXPECT_TRUE(has(problems, "b.yaml", line, "conditions", "more than 100000 records"))
      << listing(problems);
}

TEST_F(Hostile, OneListPastTheRecordLimitIsRefusedWhole) {
  std::string text = minimal() + "undisclosed_commitments:\n";
  for (std::size_t i = 0; i <= io::limits::kMaxRecords; ++i) text += "  - x\n";
  std::vector<Diagnostic> problems;
  io::load_scenario_text(text, "big.yaml", dir_.string(), problems);
  ASSERT_EQ(problems.size(), 1u) << listing(problems);
  EXPECT_TRUE(has(problems, "big.yaml", after_minimal() + 1, "undisclosed_commitments",
                  "more than 100000 records"))
      << listing(problems);
}

TEST_F(Hostile, ALatinOneByteIsLocatedNotLeftToTheJsonWriter) {
  std::string text = minimal();
  text.replace(text.find("France"), 6,
               "Fran\xe7"
               "ais");
  auto diagnostics = diagnose(write("scenario.yaml", text));
  ASSERT_EQ(diagnostics.size(), 1u) << listing(diagnostics);
  EXPECT_EQ(diagnostics[0].where.line, 13);
  EXPECT_EQ(diagnostics[0].where.column, 15);
  EXPECT_NE(diagnostics[0].message.find("not valid UTF-8"), std::string::npos);
}

TEST_F(Hostile, TextInMemoryIsCheckedAsAFileWouldBe) {
  std::vector<Diagnostic> problems;
  io::load_scenario_text(std::string("scenario: {name: a\0b}\n", 22), "mem.yaml", dir_.string(),
                         problems);
  ASSERT_EQ(problems.size(), 1u) << listing(problems);
  EXPECT_EQ(problems[0].where.file, "mem.yaml");
  EXPECT_EQ(problems[0].where.line, 1);
  EXPECT_NE(problems[0].message.find("NUL"), std::string::npos);
}

TEST_F(Hostile, TextInMemoryResolvesIncludesInItsFolder) {
  write("nations.yaml", "nations:\n  - {code: GB, name: United Kingdom}\n");
  auto s =
      engine::load_checked_text(minimal() + "include: [nations.yaml]\n", "mem.yaml", dir_.string());
  ASSERT_EQ(s.nations.size(), 2u);
  EXPECT_EQ(s.nations[1].code, "GB");
  EXPECT_EQ(s.file, "mem.yaml");
}

// One range for every date, in a file as on the command line: its ends are accepted.
TEST_F(Hostile, DatesFrom1900To2100AreAccepted) {
  std::string text = minimal();
  text.replace(text.find("2025-03-01"), 10, "1900-01-01");
  text.replace(text.find("as_of: 2026-01-06"), 17, "as_of: 2100-12-31");
  auto s = engine::load_checked_text(text, "dates.yaml", dir_.string());
  EXPECT_EQ(s.nations[0].statements[0].date, Date::earliest());
  EXPECT_EQ(s.as_of, Date::latest());
  std::string problem;
  EXPECT_FALSE(Date::parse_in_range("1899-12-31", problem));
  EXPECT_EQ(problem, "date 1899-12-31 is out of range (1900-01-01 to 2100-12-31)");
  EXPECT_FALSE(Date::parse_in_range("2101-01-01", problem));
  EXPECT_FALSE(Date::parse_in_range("2026-02-29", problem));
  EXPECT_EQ(problem, "expected a date YYYY-MM-DD, got '2026-02-29'");
}

TEST(Numbers, AreDecimalDigitsOnly) {
  EXPECT_EQ(io::parse_decimal_number("50.45"), 50.45);
  EXPECT_EQ(io::parse_decimal_number("-0.5"), -0.5);
  EXPECT_EQ(io::parse_decimal_number("+2"), 2.0);
  EXPECT_EQ(io::parse_decimal_number(".5"), 0.5);
  EXPECT_EQ(io::parse_decimal_number("1."), 1.0);
  EXPECT_EQ(io::parse_decimal_number("1e3"), 1000.0);
  EXPECT_EQ(io::parse_decimal_number("2.5E-1"), 0.25);
  for (const char* bad :
       {"",      "-",    ".",     "nan", "NaN", ".nan",  "inf",    "-inf",   ".inf",
        "-.Inf", "0x10", "0x1p3", "1e",  "1e+", "1e999", "-1e999", "1e-999", " 1",
        "1 ",    "1,5",  "1_000", "++1", "--1", "e5",    "1.2.3"})
    EXPECT_FALSE(io::parse_decimal_number(bad)) << "'" << bad << "'";
}

TEST(Numbers, WholeNumbersFitInSixtyFourBits) {
  EXPECT_EQ(io::parse_whole_number("42"), 42);
  EXPECT_EQ(io::parse_whole_number("-3"), -3);
  EXPECT_EQ(io::parse_whole_number("+7"), 7);
  EXPECT_EQ(io::parse_whole_number("007"), 7);
  EXPECT_EQ(io::parse_whole_number("-9223372036854775808"), INT64_MIN);
  for (const char* bad :
       {"", "-", "+", "1.0", "1e3", "0x10", "9223372036854775808", " 1", "1 ", "nan", "--1"})
    EXPECT_FALSE(io::parse_whole_number(bad)) << "'" << bad << "'";
}

}  // namespace

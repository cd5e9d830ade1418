// Every validation error has a test with a bad file.
//
// Each case is a scenario under tests/io/bad/: either a file bad/<case>.yaml, or a folder
// bad/<case>/ whose scenario.yaml is loaded (for cases that need an included file or a
// GeoJSON line of contact next to it). The cases are found at run time, so adding a file adds
// a test. A bad file starts with comment lines that say what must be reported:
//
//   # expect: <substring of the diagnostic message>
//   # at: <file name>:<line>            the line the diagnostic must point at
//   # field: <substring of the field>   optional
//   # not: <substring>                  optional: no diagnostic may contain it
//   # known gap: <what the code does>   optional: the code does not meet the expectation yet
//
// The scenario goes through the whole validation pipeline of `reassure validate` (load,
// validate, unsatisfiable caveats), and some diagnostic must match file, line, field and
// message. A case marked `known gap` that fails is skipped with its note; once the code is
// fixed the case fails until the marker is removed, so the gap cannot be closed silently.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/validate.hpp"
#include "engine/checked.hpp"
#include "forcegen/eligibility.hpp"
#include "io/scenario_loader.hpp"

namespace fs = std::filesystem;
using namespace reassure;

namespace {

const fs::path kData = fs::path(REASSURE_TEST_DATA) / "io";

struct BadCase {
  std::string name;  // the file or folder name, as the test is named
  fs::path scenario;
  std::string expect, at_file, field, known_gap;
  std::vector<std::string> absent;  // `# not:` lines
  int at_line = 0;
  std::string header_error;  // a malformed header, reported as a failure
};

// gtest prints parameters in test listings; show the file rather than raw bytes.
void PrintTo(const BadCase& c, std::ostream* os) {
  *os << c.scenario.string();
}

std::string trim(std::string text) {
  auto not_space = [](unsigned char c) { return !std::isspace(c); };
  text.erase(text.begin(), std::find_if(text.begin(), text.end(), not_space));
  text.erase(std::find_if(text.rbegin(), text.rend(), not_space).base(), text.end());
  return text;
}

BadCase read_case(const std::string& name, const fs::path& scenario) {
  BadCase c;
  c.name = name;
  c.scenario = scenario;
  std::ifstream in(scenario);
  std::string line;
  while (std::getline(in, line) && line.rfind("#", 0) == 0) {
    std::string body = trim(line.substr(1));
    auto colon = body.find(':');
    if (colon == std::string::npos) continue;
    std::string key = trim(body.substr(0, colon)), value = trim(body.substr(colon + 1));
    if (key == "expect") {
      c.expect = value;
    } else if (key == "at") {
      auto sep = value.rfind(':');
      if (sep == std::string::npos) {
        c.header_error = "'# at:' needs <file>:<line>, got '" + value + "'";
        continue;
      }
      c.at_file = value.substr(0, sep);
      try {
        c.at_line = std::stoi(value.substr(sep + 1));
      } catch (...) {
        c.header_error = "'# at:' needs a line number, got '" + value + "'";
      }
    } else if (key == "field") {
      c.field = value;
    } else if (key == "not") {
      c.absent.push_back(value);
    } else if (key == "known gap") {
      c.known_gap = value;
    }
  }
  if (c.header_error.empty() && (c.expect.empty() || c.at_file.empty() || c.at_line <= 0))
    c.header_error = "the file must start with '# expect: <message>' and '# at: <file>:<line>'";
  return c;
}

std::vector<BadCase> discover() {
  std::vector<BadCase> cases;
  fs::path root = kData / "bad";
  if (!fs::is_directory(root)) return cases;
  for (const auto& entry : fs::directory_iterator(root)) {
    if (entry.is_directory() && fs::exists(entry.path() / "scenario.yaml"))
      cases.push_back(read_case(entry.path().filename().string(), entry.path() / "scenario.yaml"));
    else if (entry.is_regular_file() && entry.path().extension() == ".yaml")
      cases.push_back(read_case(entry.path().stem().string(), entry.path()));
  }
  std::sort(cases.begin(), cases.end(),
            [](const BadCase& a, const BadCase& b) { return a.name < b.name; });
  return cases;
}

// What `reassure validate` reports for the file.
std::vector<Diagnostic> diagnose(const fs::path& path) {
  try {
    engine::load_checked(path.string());
    return {};
  } catch (const ScenarioError& e) {
    return e.diagnostics();
  }
}

std::string listing(const std::vector<Diagnostic>& diagnostics) {
  if (diagnostics.empty()) return "  (no diagnostic at all)\n";
  std::string text;
  for (const auto& d : diagnostics) text += "  " + d.format() + "\n";
  return text;
}

bool matches(const BadCase& c, const Diagnostic& d) {
  return fs::path(d.where.file).filename() == fs::path(c.at_file).filename() &&
         d.where.line == c.at_line && d.field.find(c.field) != std::string::npos &&
         d.message.find(c.expect) != std::string::npos;
}

// Empty when the diagnostics meet the case's expectations; otherwise what is wrong.
std::string check(const BadCase& c, const std::vector<Diagnostic>& diagnostics) {
  std::string problems;
  if (std::none_of(diagnostics.begin(), diagnostics.end(),
                   [&](const Diagnostic& d) { return matches(c, d); }))
    problems += "no diagnostic at " + c.at_file + ":" + std::to_string(c.at_line) +
                (c.field.empty() ? "" : " with field containing '" + c.field + "'") +
                " and message containing '" + c.expect + "'\n";
  for (const auto& text : c.absent)
    for (const auto& d : diagnostics)
      if (d.format().find(text) != std::string::npos)
        problems += "unexpected diagnostic containing '" + text + "': " + d.format() + "\n";
  return problems;
}

class BadFile : public testing::TestWithParam<BadCase> {};

TEST_P(BadFile, IsReportedAtItsLine) {
  const BadCase& c = GetParam();
  ASSERT_TRUE(c.header_error.empty()) << c.scenario << ": " << c.header_error;
  auto diagnostics = diagnose(c.scenario);
  std::string problems = check(c, diagnostics);
  if (!c.known_gap.empty()) {
    if (!problems.empty())
      GTEST_SKIP() << "known gap: " << c.known_gap << "\n"
                   << problems << "diagnostics:\n"
                   << listing(diagnostics);
    FAIL() << c.scenario << " is marked '# known gap: " << c.known_gap
           << "' but now passes: remove the marker";
  }
  EXPECT_TRUE(problems.empty()) << c.scenario << ":\n"
                                << problems << "diagnostics:\n"
                                << listing(diagnostics);
}

std::string test_name(const testing::TestParamInfo<BadCase>& info) {
  std::string name = info.param.name;
  for (char& ch : name)
    if (!std::isalnum((unsigned char)ch)) ch = '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(Io, BadFile, testing::ValuesIn(discover()), test_name);

// Guards against the discovery finding nothing (a moved folder would make every case vanish).
TEST(BadFiles, AreDiscovered) {
  auto cases = discover();
  EXPECT_GE(cases.size(), 40u) << "bad files found under " << (kData / "bad");
  for (const auto& c : cases)
    EXPECT_TRUE(c.header_error.empty()) << c.scenario << ": " << c.header_error;
}

TEST(BadFiles, MinimalGoodScenarioHasNoDiagnostic) {
  fs::path good = kData / "good" / "minimal.yaml";
  auto diagnostics = diagnose(good);
  EXPECT_TRUE(diagnostics.empty()) << listing(diagnostics);
}

}  // namespace

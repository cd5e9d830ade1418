// The `reassure` program end to end, on the default scenario and on bad input.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

namespace fs = std::filesystem;

namespace {

struct Run {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

Run run(const std::string& arguments) {
  fs::path err_file =
      fs::temp_directory_path() / ("reassure-cli-" + std::to_string(::getpid()) + ".err");
  std::string command = std::string(REASSURE_BINARY) + " " + arguments + " 2>" + err_file.string();
  Run result;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return result;
  char buffer[4096];
  while (std::size_t n = fread(buffer, 1, sizeof buffer, pipe)) result.out.append(buffer, n);
  int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream err(err_file);
  result.err.assign(std::istreambuf_iterator<char>(err), {});
  fs::remove(err_file);
  return result;
}

const std::string kScenario =
    std::string(REASSURE_SOURCE_DIR) + "/scenarios/coalition/scenario.yaml";

nlohmann::json json_of(const Run& r) {
  return nlohmann::json::parse(r.out);
}

const nlohmann::json& nation(const nlohmann::json& status, const std::string& code) {
  for (const auto& n : status["nations"])
    if (n["code"] == code) return n;
  throw std::runtime_error("no nation " + code);
}

}  // namespace

TEST(Cli, ValidatesTheDefaultScenario) {
  auto r = run("validate " + kScenario);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("valid"), std::string::npos);
}

TEST(Cli, ParisSummitCountsThirtyFiveParticipantsAndTwentySixCommitted) {
  auto r = run("coalition status " + kScenario + " --as-of 2025-09-04 --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto status = json_of(r);
  EXPECT_EQ(status["as_of"], "2025-09-04");
  EXPECT_EQ(status["participants"], 35);
  EXPECT_EQ(status["committed"], 26);
  // Participants by position, in the vocabulary's order (positions.yaml): committed first.
  ASSERT_TRUE(status["by_position"].is_array());
  EXPECT_EQ(status["by_position"][0]["position"], "committed");
  EXPECT_EQ(status["by_position"][0]["participants"], 26);
  int total = 0;
  for (const auto& c : status["by_position"]) total += c["participants"].get<int>();
  EXPECT_EQ(total, 35);
  EXPECT_EQ(nation(status, "DE")["position"], "undecided");
  EXPECT_EQ(nation(status, "IT")["position"], "monitoring-only");
  EXPECT_EQ(nation(status, "US")["position"], "backstop-unclear");
  EXPECT_FALSE(nation(status, "US")["participant"].get<bool>());
  EXPECT_EQ(nation(status, "RU")["position"], "opposed");
  // Every position shown rests on a dated, sourced statement no later than the date.
  for (const auto& n : status["nations"])
    if (!n["statement"].is_null()) {
      EXPECT_LE(n["statement"]["date"].get<std::string>(), "2025-09-04") << n["code"];
      EXPECT_FALSE(n["statement"]["source"].get<std::string>().empty()) << n["code"];
    }
}

TEST(Cli, ParisDeclarationChangesThePicture) {
  auto r = run("coalition status " + kScenario + " --as-of 2026-01-06 --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto status = json_of(r);
  EXPECT_EQ(status["participants"], 35);
  EXPECT_EQ(status["committed"], 20);
  EXPECT_EQ(nation(status, "DE")["position"], "conditional");
  EXPECT_EQ(nation(status, "CZ")["position"], "declined");
  EXPECT_EQ(nation(status, "GB")["position"], "committed");
  EXPECT_EQ(nation(status, "FR")["position"], "committed");
  EXPECT_EQ(nation(status, "US")["position"], "backstop-unclear");
}

TEST(Cli, StatusTextShowsCountsAndSources) {
  auto r = run("coalition status " + kScenario + " --as-of 2025-09-04");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("35 participants; 26 committed"), std::string::npos) << r.out;
}

TEST(Cli, PlansTheDefaultScenarioToOptimality) {
  auto r = run("plan " + kScenario + " --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto f = json_of(r)["forcegen"];
  EXPECT_EQ(f["status"], "optimal");
  double fill = f["fill_rate"];
  EXPECT_GT(fill, 0.0);
  EXPECT_LE(fill, 1.0);
  EXPECT_FALSE(f["assignments"].empty());
  long long assigned = 0, missing = 0;
  for (const auto& a : f["assignments"]) assigned += a["personnel"].get<long long>();
  for (const auto& s : f["shortfalls"]) missing += s["missing_personnel"].get<long long>();
  EXPECT_EQ(assigned, f["fill"]["total"]["filled_personnel"].get<long long>());
  EXPECT_EQ(assigned + missing, f["fill"]["total"]["required_personnel"].get<long long>());
  double share = 0;
  for (const auto& b : f["burden"]) share += b["share"].get<double>();
  EXPECT_NEAR(share, 1.0, 1e-9);
}

TEST(Cli, WritesJsonAndHtmlUnderOut) {
  fs::path out = fs::temp_directory_path() / ("reassure-out-" + std::to_string(::getpid()));
  auto r = run("plan " + kScenario + " --out " + out.string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* file :
       {"plan.json", "plan.txt", "coalition.json", "coalition.txt", "report.html"})
    EXPECT_TRUE(fs::exists(out / file)) << file;
  std::ifstream html(out / "report.html");
  std::string text((std::istreambuf_iterator<char>(html)), {});
  EXPECT_NE(text.find("<h2>Force generation"), std::string::npos);
  fs::remove_all(out);
}

TEST(Cli, ComparesTheShippedVariants) {
  auto r = run("compare " + kScenario +
               " --variants base,no-us-backstop,germany-commits,two-year-mission --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto compare = json_of(r)["compare"];
  ASSERT_EQ(compare.size(), 4u);
  EXPECT_EQ(compare[0]["variant"], "base");
  EXPECT_EQ(compare[3]["rotations"], 4);
  for (const auto& v : compare) EXPECT_EQ(v["status"], "optimal") << v["variant"];
  // Without the US backstop, pledges conditional on it leave: the fill cannot rise.
  EXPECT_LE(compare[1]["filled_personnel"].get<long long>(),
            compare[0]["filled_personnel"].get<long long>());
  // Germany committing forces adds pledges: the fill cannot fall.
  EXPECT_GE(compare[2]["filled_personnel"].get<long long>(),
            compare[0]["filled_personnel"].get<long long>());
  EXPECT_TRUE(compare[1].contains("burden_change"));
  // Ties between optimal plans are broken towards the base plan, so the differences are the
  // variant's: losing the US removes units and opens gaps but closes none, and Germany's
  // forces close gaps without opening any elsewhere.
  EXPECT_FALSE(compare[1]["shortfalls_appear"].empty());
  EXPECT_TRUE(compare[1]["shortfalls_vanish"].empty()) << compare[1]["shortfalls_vanish"];
  EXPECT_TRUE(compare[2]["shortfalls_appear"].empty()) << compare[2]["shortfalls_appear"];
  EXPECT_FALSE(compare[2]["shortfalls_vanish"].empty());
  EXPECT_GT(compare[2]["burden_change"]["DE"].get<long long>(), 0);
}

// Variants as patches: compare lists what each one changes in the inputs, then the plan.
TEST(Cli, CompareListsTheInputsEachVariantChanges) {
  auto r = run("compare " + kScenario +
               " --variants base,us-monitoring-mechanism,uk-smaller-contribution --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto compare = json_of(r)["compare"];
  ASSERT_EQ(compare.size(), 3u);
  EXPECT_TRUE(compare[0]["inputs_changed"].empty());
  const auto& dropped = compare[1]["inputs_changed"];
  ASSERT_EQ(dropped.size(), 2u);
  EXPECT_EQ(dropped[0]["action"], "removed");
  EXPECT_EQ(dropped[0]["records"], "requirements");
  EXPECT_EQ(dropped[0]["id"], "monitor-dnipro");
  // Fewer lines to fill: less is required, and nothing the base filled is lost.
  EXPECT_LT(compare[1]["required_personnel"].get<long long>(),
            compare[0]["required_personnel"].get<long long>());
  EXPECT_TRUE(compare[1]["shortfalls_appear"].empty()) << compare[1]["shortfalls_appear"];
  const auto& cut = compare[2]["inputs_changed"];
  ASSERT_EQ(cut.size(), 2u);
  EXPECT_EQ(cut[0]["id"], "gb-land");
  EXPECT_EQ(cut[0]["key"], "quantity");
  EXPECT_EQ(cut[0]["before"], "7");
  EXPECT_EQ(cut[0]["after"], "4");
  EXPECT_LT(compare[2]["burden_change"]["GB"].get<long long>(), 0);

  auto text = run("compare " + kScenario + " --variants base,uk-smaller-contribution");
  ASSERT_EQ(text.exit_code, 0) << text.err;
  auto listed = text.out.find("changed pledges[gb-land].quantity: 7 -> 4");
  ASSERT_NE(listed, std::string::npos) << text.out;
  EXPECT_LT(listed, text.out.find("shortfalls that appear")) << text.out;
}

// The first variants' keys are patch entries too: the same plans as before, and listed.
TEST(Cli, TheFirstVariantsKeysAreListedAsPatchEntries) {
  auto r = run("compare " + kScenario + " --variants base,germany-commits,france-leaves");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("changed scenario.as_of: 2026-01-06 -> 2026-03-01"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("added pledges[de-land-ukraine]"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("FR leaves the force"), std::string::npos) << r.out;
}

TEST(Cli, RejectsAnUnknownVariantByName) {
  auto r = run("plan " + kScenario + " --variant no-such-thing");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("unknown variant 'no-such-thing'"), std::string::npos) << r.err;
}

TEST(Cli, BadScenarioExitsNonZeroNamingFileLineAndField) {
  fs::path dir = fs::temp_directory_path() / ("reassure-bad-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "scenario.yaml") << "scenario: {name: bad, as_of: 2026-01-06}\n"
                                          "mission: {start: 2026-06-01}\n"
                                          "pledges:\n"
                                          "  - id: P1\n"
                                          "    nation: XX\n"
                                          "    capability: tanks\n"
                                          "    quantity: -3\n";
  auto r = run("validate " + (dir / "scenario.yaml").string());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("scenario.yaml:7:15: pledges[0].quantity: must be between 1 and 100000"),
            std::string::npos)
      << r.err;
  // References are checked in the same run: all problems at once.
  EXPECT_NE(r.err.find("unknown nation code 'XX'"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("pledge for an unknown capability 'tanks'"), std::string::npos) << r.err;
  fs::remove_all(dir);
}

TEST(Cli, RejectsABadDate) {
  auto r = run("coalition status " + kScenario + " --as-of 2025-13-01");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--as-of"), std::string::npos);
}

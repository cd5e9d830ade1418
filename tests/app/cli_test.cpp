// The `reassure` program end to end, on the default scenario and on bad input.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "testing/cli.hpp"

namespace fs = std::filesystem;

namespace {

using reassure::testing::Run;
using reassure::testing::run;

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

// The program under test is the one of this test's own build: under `make sanitize` the CLI
// runs with the sanitizers, never the release binary.
TEST(Cli, RunsTheProgramOfItsOwnBuild) {
  fs::path test_build = fs::canonical("/proc/self/exe").parent_path().parent_path();
  EXPECT_EQ(fs::canonical(REASSURE_BINARY).parent_path(), test_build);
}

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
  // The build's dashboard draws its maps: its script and the data are in the page.
  EXPECT_NE(text.find("<script type=\"application/json\" id=\"report-data\">"), std::string::npos);
  EXPECT_NE(text.find("<div id=\"report-app\""), std::string::npos);
  fs::remove_all(out);
}

TEST(Cli, PlanWebMustHoldTheReportScript) {
  auto r = run("plan " + kScenario + " --web " + fs::temp_directory_path().string() + " --out " +
               (fs::temp_directory_path() / "reassure-no-out").string());
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("--web: no report.js in"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(fs::temp_directory_path() / "reassure-no-out"));
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

// A what-if file holds entries of variants.yaml: "France leaves" written there plans as the
// scenario's own france-leaves; compare defaults to the base against each what-if.
TEST(Cli, AWhatIfFileAddsVariantsToCompareAndPlan) {
  fs::path dir = fs::temp_directory_path() / ("reassure-whatif-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "fr.yaml") << "variants:\n  - name: fr-leaves\n    remove_nations: [FR]\n";
  std::ofstream(dir / "bad.yaml") << "variants:\n  - name: x\n    remove_nations: [FR, XX]\n";
  auto asked =
      run("compare " + kScenario + " --what-if " + (dir / "fr.yaml").string() + " --format json");
  ASSERT_EQ(asked.exit_code, 0) << asked.err;
  auto named = run("compare " + kScenario + " --variants base,france-leaves --format json");
  ASSERT_EQ(named.exit_code, 0) << named.err;
  auto what_if = json_of(asked)["compare"];
  auto file = json_of(named)["compare"];
  ASSERT_EQ(what_if.size(), 2u);
  EXPECT_EQ(what_if[1]["variant"], "fr-leaves");
  for (const char* key : {"filled_personnel", "required_personnel", "shortfall_lines",
                          "shortfall_personnel", "burden_change", "fill_by_domain", "burden"})
    EXPECT_EQ(what_if[1][key], file[1][key]) << key;

  auto plan =
      run("plan " + kScenario + " --what-if " + (dir / "fr.yaml").string() + " --format json");
  ASSERT_EQ(plan.exit_code, 0) << plan.err;
  EXPECT_EQ(json_of(plan)["variant"], "fr-leaves");

  auto bad = run("plan " + kScenario + " --what-if " + (dir / "bad.yaml").string());
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find((dir / "bad.yaml").string() + ":3:"), std::string::npos) << bad.err;
  EXPECT_NE(bad.err.find("variants[x].remove_nations[1]: unknown nation code 'XX'"),
            std::string::npos)
      << bad.err;
  fs::remove_all(dir);
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

// Every kind of patch is listed: a zone's width chosen, a geometry changed, removed or added.
TEST(Cli, CompareListsZoneWidthsAndGeometriesAmongTheInputsChanged) {
  const std::string acceptance = std::string(REASSURE_SOURCE_DIR) + "/tests/acceptance/";
  auto widths = run("compare " + acceptance + "geometric-caveats/scenario.yaml" +
                    " --variants base,wide-buffer --format json");
  ASSERT_EQ(widths.exit_code, 0) << widths.err;
  auto chosen = json_of(widths)["compare"][1]["inputs_changed"];
  ASSERT_EQ(chosen.size(), 1u) << chosen;
  EXPECT_EQ(chosen[0]["action"], "changed");
  EXPECT_EQ(chosen[0]["records"], "zones");
  EXPECT_EQ(chosen[0]["id"], "buffer");
  EXPECT_EQ(chosen[0]["key"], "width");
  EXPECT_EQ(chosen[0]["before"], "narrow");
  EXPECT_EQ(chosen[0]["after"], "wide");
  auto widths_text = run("compare " + acceptance + "geometric-caveats/scenario.yaml" +
                         " --variants base,wide-buffer");
  ASSERT_EQ(widths_text.exit_code, 0) << widths_text.err;
  EXPECT_NE(widths_text.out.find("changed zones[buffer].width: narrow -> wide"), std::string::npos)
      << widths_text.out;

  // The mission's calendar and the date positions are read at, in JSON as in text.
  auto calendar = run("compare " + kScenario + " --variants base,two-year-mission,germany-commits" +
                      " --format json");
  ASSERT_EQ(calendar.exit_code, 0) << calendar.err;
  auto longer = json_of(calendar)["compare"][1]["inputs_changed"];
  ASSERT_EQ(longer.size(), 1u) << longer;
  EXPECT_EQ(longer[0]["records"], "mission");
  EXPECT_EQ(longer[0]["key"], "rotations");
  EXPECT_EQ(longer[0]["before"], "2");
  EXPECT_EQ(longer[0]["after"], "4");
  auto later = json_of(calendar)["compare"][2]["inputs_changed"];
  ASSERT_FALSE(later.empty());
  EXPECT_EQ(later[0]["records"], "scenario");
  EXPECT_EQ(later[0]["key"], "as_of");
  EXPECT_EQ(later[0]["after"], "2026-03-01");
  auto calendar_text = run("compare " + kScenario + " --variants base,two-year-mission");
  ASSERT_EQ(calendar_text.exit_code, 0) << calendar_text.err;
  EXPECT_NE(calendar_text.out.find("changed mission.rotations: 2 -> 4"), std::string::npos)
      << calendar_text.out;

  const std::string geometries = acceptance + "geometry-patches/scenario.yaml";
  auto text = run("compare " + geometries + " --variants base,line-moved-east,line-replaced");
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("changed geometries[contact-line].file: contact-line.geojson -> "
                          "moved-line.geojson"),
            std::string::npos)
      << text.out;
  EXPECT_NE(text.out.find("removed geometries[contact-line]"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("added geometries[contact-line]"), std::string::npos) << text.out;
  auto json = run("compare " + geometries + " --variants base,no-go-area --format json");
  ASSERT_EQ(json.exit_code, 0) << json.err;
  auto added = json_of(json)["compare"][1]["inputs_changed"];
  ASSERT_FALSE(added.empty());
  EXPECT_EQ(added[added.size() - 2]["action"], "added");
  EXPECT_EQ(added[added.size() - 2]["records"], "geometries");
  EXPECT_EQ(added[added.size() - 2]["id"], "no-go");
  auto moved = run("compare " + geometries + " --variants base,line-moved-east --format json");
  ASSERT_EQ(moved.exit_code, 0) << moved.err;
  auto file = json_of(moved)["compare"][1]["inputs_changed"];
  ASSERT_EQ(file.size(), 1u) << file;
  EXPECT_EQ(file[0]["records"], "geometries");
  EXPECT_EQ(file[0]["id"], "contact-line");
  EXPECT_EQ(file[0]["key"], "file");
  EXPECT_EQ(file[0]["after"], "moved-line.geojson");
}

TEST(Cli, RejectsAnUnknownVariantByNameListingTheKnownOnes) {
  auto r = run("plan " + kScenario + " --variant no-such-thing");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--variant: unknown variant 'no-such-thing' (known: base, "),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("no-us-backstop"), std::string::npos) << r.err;
  auto c = run("compare " + kScenario + " --variants base,nope");
  EXPECT_EQ(c.exit_code, 2);
  EXPECT_NE(c.err.find("--variants: unknown variant 'nope' (known: base, "), std::string::npos)
      << c.err;
}

TEST(Cli, TheatreWritesEveryGeometryZoneAndSiteAsGeoJson) {
  auto r = run("theatre " + kScenario + " --format geojson");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto json = json_of(r);
  EXPECT_EQ(json["type"], "FeatureCollection");
  // As many features as the scenario's records: validate counts the sites.
  auto v = json_of(run("validate " + kScenario + " --format json"));
  std::map<std::string, int> kinds;
  for (const auto& f : json["features"]) {
    kinds[f["properties"]["kind"].get<std::string>()] += 1;
    // Every feature has a geometry: the shipped zones all have their line and width.
    EXPECT_TRUE(f["geometry"].is_object()) << f["id"];
  }
  EXPECT_EQ(kinds["site"], v["sites"].get<int>());
  EXPECT_GE(kinds["line"], 1);
  EXPECT_GE(kinds["zone"], 2);
  auto variant = run("theatre " + kScenario + " --variant no-such-thing");
  EXPECT_EQ(variant.exit_code, 2);
  EXPECT_NE(variant.err.find("--variant: unknown variant"), std::string::npos) << variant.err;
  EXPECT_EQ(run("theatre " + kScenario + " --format text").exit_code, 2);
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

// Exit codes exactly as the README documents them: 2 for every command-line mistake, whatever
// code the argument parser would use.
TEST(Cli, BadCommandLinesExitTwo) {
  for (const std::string& arguments : std::vector<std::string>{
           "validate --no-such-flag", "", "frobnicate", "plan " + kScenario + " --time-limit abc",
           "plan " + kScenario + " --time-limit -5", "plan " + kScenario + " --time-limit 0",
           "plan " + kScenario + " --time-limit nan", "plan " + kScenario + " --time-limit inf",
           "plan " + kScenario + " --time-limit 1e999", "plan " + kScenario + " --format xml",
           "compare " + kScenario, "compare " + kScenario + " --variants ,",
           "coalition status " + kScenario + " --as-of 1899-12-31",
           "coalition status " + kScenario + " --as-of 2101-01-01"}) {
    auto r = run(arguments);
    EXPECT_EQ(r.exit_code, 2) << arguments << "\n" << r.err;
    EXPECT_FALSE(r.err.empty()) << arguments;
  }
}

TEST(Cli, TimeLimitMessageNamesTheOption) {
  auto r = run("plan " + kScenario + " --time-limit nan");
  EXPECT_NE(r.err.find("--time-limit: expected seconds"), std::string::npos) << r.err;
}

TEST(Cli, AsOfOutOfRangeNamesTheOptionAndTheRange) {
  auto r = run("coalition status " + kScenario + " --as-of 1899-12-31");
  EXPECT_NE(r.err.find("--as-of: date 1899-12-31 is out of range (1900-01-01 to 2100-12-31)"),
            std::string::npos)
      << r.err;
  // The first and last dates of the range are accepted.
  EXPECT_EQ(run("coalition status " + kScenario + " --as-of 1900-01-01").exit_code, 0);
  EXPECT_EQ(run("coalition status " + kScenario + " --as-of 2100-12-31").exit_code, 0);
}

TEST(Cli, HelpExitsZero) {
  auto r = run("--help");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("validate"), std::string::npos);
}

TEST(Cli, ALatinOneByteInTheScenarioIsLocatedBeforeAnyJsonIsWritten) {
  fs::path dir = fs::temp_directory_path() / ("reassure-latin1-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ifstream in(std::string(REASSURE_TEST_DATA) + "/io/good/minimal.yaml");
  std::string text((std::istreambuf_iterator<char>(in)), {});
  text.replace(text.find("France"), 6,
               "Fran\xe7"
               "ais");
  std::ofstream(dir / "scenario.yaml", std::ios::binary) << text;
  auto r = run("plan " + (dir / "scenario.yaml").string() + " --format json");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(r.out.empty()) << r.out;
  EXPECT_NE(r.err.find("scenario.yaml:13:15: the file is not valid UTF-8"), std::string::npos)
      << r.err;
  fs::remove_all(dir);
}

// A valid scenario at the validator's largest values whose plan could be worth more than a
// double holds exactly: refused as a solver failure, naming the figures, never a rounded
// "optimal" plan.
TEST(Cli, APlanBeyondExactArithmeticIsASolverFailure) {
  fs::path dir = fs::temp_directory_path() / ("reassure-too-large-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ifstream in(std::string(REASSURE_TEST_DATA) + "/io/good/minimal.yaml");
  std::string text((std::istreambuf_iterator<char>(in)), {});
  auto set = [&](const std::string& from, const std::string& to) {
    auto at = text.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    text.replace(at, from.size(), to);
  };
  set("rotations: 2", "rotations: 100");
  set("personnel: 150", "personnel: 100000");
  set("quantity: 1\n    site: kyiv", "quantity: 100000\n    site: kyiv\n    priority: 5");
  std::string pledges;
  for (int p = 0; p < 100; ++p)
    pledges += "  - {id: P" + std::to_string(p + 2) +
               ", nation: FR, capability: infantry, quantity: 100000, readiness_days: 3650}\n";
  set("conditions:\n", pledges + "conditions:\n");
  std::ofstream(dir / "scenario.yaml") << text;
  EXPECT_EQ(run("validate " + (dir / "scenario.yaml").string()).exit_code, 0);
  auto r = run("plan " + (dir / "scenario.yaml").string());
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out;
  EXPECT_NE(r.err.find("beyond 2^53"), std::string::npos) << r.err;
  fs::remove_all(dir);
}

// --out: a folder that is complete or absent, never half-written.
class CliOut : public testing::Test {
 protected:
  void SetUp() override {
    parent_ =
        fs::temp_directory_path() / ("reassure-out-" + std::to_string(::getpid()) + "-" +
                                     testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(parent_);
    fs::create_directories(parent_ / "out");
    std::ofstream(parent_ / "out" / "old.txt") << "from an earlier run\n";
  }
  void TearDown() override { fs::remove_all(parent_); }

  // The names in the parent folder: only `out`, no temporary folder left behind.
  std::vector<std::string> entries() const {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(parent_)) names.push_back(e.path().filename());
    std::sort(names.begin(), names.end());
    return names;
  }

  fs::path parent_;
};

TEST_F(CliOut, ReplacesAnExistingFolderWhole) {
  auto r = run("plan " + kScenario + " --out " + (parent_ / "out").string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_FALSE(fs::exists(parent_ / "out" / "old.txt"));
  EXPECT_TRUE(fs::exists(parent_ / "out" / "report.html"));
  EXPECT_EQ(entries(), std::vector<std::string>{"out"});
}

// A disk that fills up: files may not grow past 64 KiB (plan.json is larger). The program
// must say which file failed, exit 4, and leave the earlier output as it was.
TEST_F(CliOut, AFullDiskLeavesTheOldOutputAndNothingElse) {
  auto r = run("plan " + kScenario + " --out " + (parent_ / "out").string(),
               "ulimit -f 64; trap '' XFSZ; ");
  EXPECT_EQ(r.exit_code, 4) << r.err;
  EXPECT_NE(r.err.find("cannot write '"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("plan.json': File too large"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("wrote"), std::string::npos) << r.err;
  EXPECT_TRUE(fs::exists(parent_ / "out" / "old.txt"));
  EXPECT_FALSE(fs::exists(parent_ / "out" / "plan.json"));
  EXPECT_EQ(entries(), std::vector<std::string>{"out"});
}

TEST_F(CliOut, AMissingParentIsNamedAndNothingIsCreated) {
  fs::path target = parent_ / "missing" / "out";
  auto r = run("plan " + kScenario + " --out " + target.string());
  EXPECT_EQ(r.exit_code, 4) << r.err;
  EXPECT_NE(r.err.find("the folder '" + (parent_ / "missing").string() + "' does not exist"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(entries(), std::vector<std::string>{"out"});
}

TEST_F(CliOut, AFileInTheWayIsNotReplaced) {
  std::ofstream(parent_ / "plain") << "keep me\n";
  auto r = run("plan " + kScenario + " --out " + (parent_ / "plain").string());
  EXPECT_EQ(r.exit_code, 4) << r.err;
  EXPECT_NE(r.err.find("exists and is not a folder"), std::string::npos) << r.err;
  EXPECT_EQ(entries(), (std::vector<std::string>{"out", "plain"}));
}

TEST(Cli, AFullStandardOutputIsAFailure) {
  auto r = run("validate " + kScenario + " >/dev/full");
  EXPECT_EQ(r.exit_code, 4) << r.err;
  EXPECT_NE(r.err.find("cannot write the standard output"), std::string::npos) << r.err;
}

// The scenario named on the command line goes through the same reader as every include.
TEST(Cli, AScenarioThatIsNotARegularFileIsNamedAsSuch) {
  fs::path dir = fs::temp_directory_path() / ("reassure-notfile-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  ASSERT_EQ(::mkfifo((dir / "pipe.yaml").c_str(), 0600), 0);
  struct Case {
    std::string path, message;
  };
  for (const auto& c : std::vector<Case>{{"/dev/zero", "'/dev/zero' is not a regular file"},
                                         {dir.string(), "is a folder, not a file"},
                                         {(dir / "pipe.yaml").string(), "is not a regular file"},
                                         {(dir / "missing.yaml").string(), "cannot open"}}) {
    auto r = run("validate " + c.path);
    EXPECT_EQ(r.exit_code, 1) << c.path << "\n" << r.err;
    EXPECT_NE(r.err.find(c.message), std::string::npos) << c.path << "\n" << r.err;
  }
  fs::remove_all(dir);
}

// Every JSON the program prints carries the engine's schema version and its list of problems
// (docs/api-library.md); a plan's shortfalls and exclusions carry codes.
TEST(Cli, JsonOutputsCarryTheSchemaVersionAndCodes) {
  for (std::string command : {"validate", "coalition status", "plan", "compare --variants base"}) {
    auto r = run(command + " " + kScenario + " --format json");
    ASSERT_EQ(r.exit_code, 0) << command << "\n" << r.err;
    auto json = json_of(r);
    EXPECT_EQ(json["schema_version"], 1) << command;
    EXPECT_TRUE(json["problems"].is_array() && json["problems"].empty()) << command;
  }
  auto plan = json_of(run("plan " + kScenario + " --format json"))["forcegen"];
  ASSERT_FALSE(plan["excluded"].empty());
  for (const auto& e : plan["excluded"]) EXPECT_TRUE(e["code"].is_string()) << e;
  for (const auto& s : plan["shortfalls"]) EXPECT_TRUE(s["code"].is_string()) << s;
}

TEST(Cli, ValidateAsJsonListsTheProblemsWithCodes) {
  fs::path dir = fs::temp_directory_path() / ("reassure-json-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "scenario.yaml") << "scenario: {name: bad, as_of: 2026-01-06}\n"
                                          "mission: {start: 2026-06-01}\n"
                                          "pledges:\n"
                                          "  - id: P1\n"
                                          "    nation: XX\n"
                                          "    capability: tanks\n"
                                          "    quantity: -3\n";
  auto r = run("validate " + (dir / "scenario.yaml").string() + " --format json");
  fs::remove_all(dir);
  EXPECT_EQ(r.exit_code, 1);
  auto json = json_of(r);
  EXPECT_EQ(json["schema_version"], 1);
  EXPECT_EQ(json["valid"], false);
  bool found = false;
  for (const auto& p : json["problems"]) {
    EXPECT_EQ(p["code"], "scenario.invalid") << p;
    if (p["field"] == "pledges[0].quantity") {
      found = true;
      EXPECT_EQ(p["line"], 7);
      EXPECT_EQ(p["column"], 15);
    }
  }
  EXPECT_TRUE(found) << json.dump(2);
  // The same problems on standard error, as without --format json.
  EXPECT_NE(r.err.find("pledges[0].quantity: must be between 1 and 100000"), std::string::npos);
}

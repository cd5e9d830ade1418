// The `reassure` program on a second real operation, scenarios/undof (the UN Disengagement
// Observer Force on the Golan Heights): it validates, its registry gives the contributors the
// sources list on their dates, and its plan of 2013-14 has the figures computed by hand below.
// Nothing in the engine knows UNDOF: every word of it is in the scenario's files.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "testing/cli.hpp"

namespace fs = std::filesystem;

namespace {

using reassure::testing::Run;
using reassure::testing::run;

const std::string kUndof = std::string(REASSURE_SOURCE_DIR) + "/scenarios/undof/scenario.yaml";

nlohmann::json status_as_of(const std::string& date) {
  auto r = run("coalition status " + kUndof + " --as-of " + date + " --format json");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return nlohmann::json::parse(r.out);
}

// The nations counted as contributors: the two positions of the scenario's vocabulary that
// say `committed: true` (positions.yaml).
std::set<std::string> contributors(const nlohmann::json& status) {
  std::set<std::string> codes;
  for (const auto& n : status["nations"])
    if (n["position"] == "troop-contributor" || n["position"] == "agreed-to-contribute")
      codes.insert(n["code"].get<std::string>());
  return codes;
}

std::string position_of(const nlohmann::json& status, const std::string& code) {
  for (const auto& n : status["nations"])
    if (n["code"] == code) return n["position"];
  return "(no nation " + code + ")";
}

nlohmann::json plan(const std::string& variant) {
  auto r = run("plan " + kUndof + " --variant " + variant + " --format json");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return nlohmann::json::parse(r.out)["forcegen"];
}

}  // namespace

TEST(Undof, Validates) {
  auto r = run("validate " + kUndof);
  EXPECT_EQ(r.exit_code, 0) << r.err << r.out;
  EXPECT_NE(r.out.find("valid (17 nations, 6 capabilities, 4 sites, 7 requirement lines, "
                       "10 pledges, 5 variants)"),
            std::string::npos)
      << r.out;
}

// Each date's expected set is the list a source gives; the registry computes it from the dated
// statements of nations.yaml. Two statements are dated by such a list because their own date is
// not in the sources (Peru's exit by the 1999 list, the Philippines' presence by the 2012 one);
// every other membership comes from the nation's own joining and leaving dates.
TEST(Undof, ContributorsAsOfADateAreTheSourcesLists) {
  // 3 June 1974: "Austrian and Peruvian contingents ... Canadian and Polish logistic elements"
  // (undof.unmissions.org/background).
  EXPECT_EQ(contributors(status_as_of("1974-06-03")),
            (std::set<std::string>{"AT", "CA", "PE", "PL"}));
  // 31 May 1999: "Austria, Canada, Japan, Poland, Slovak Republic" (jewishvirtuallibrary.org).
  auto y1999 = status_as_of("1999-05-31");
  EXPECT_EQ(contributors(y1999), (std::set<std::string>{"AT", "CA", "JP", "PL", "SK"}));
  EXPECT_EQ(y1999["committed"], 5);
  EXPECT_EQ(position_of(y1999, "PE"), "former-contributor");
  EXPECT_EQ(position_of(y1999, "FI"), "former-contributor");
  // 2006, India joins "1,074 troops deployed from Canada, Japan, Austria, Poland and Slovakia"
  // (indianexpress.com): on the day Canada lowers its flag, 24 March 2006, India has replaced it.
  EXPECT_EQ(contributors(status_as_of("2006-03-24")),
            (std::set<std::string>{"AT", "IN", "JP", "PL", "SK"}));
  // 13 August 2012: "Austria, India, Japan, Philippines, and Croatia" (liquisearch.com).
  EXPECT_EQ(contributors(status_as_of("2012-08-13")),
            (std::set<std::string>{"AT", "HR", "IN", "JP", "PH"}));
}

TEST(Undof, ThePlanDateShowsTheGapOfJune2013) {
  auto s = status_as_of("2013-06-14");
  // India and the Philippines stay, Fiji has agreed: 3 contributors. Austria has announced its
  // withdrawal: still a participant (4), not counted. Japan and Croatia are gone.
  EXPECT_EQ(contributors(s), (std::set<std::string>{"FJ", "IN", "PH"}));
  EXPECT_EQ(s["participants"], 4);
  EXPECT_EQ(s["committed"], 3);
  EXPECT_EQ(position_of(s, "AT"), "withdrawal-announced");
  EXPECT_EQ(position_of(s, "JP"), "former-contributor");
  EXPECT_EQ(position_of(s, "HR"), "former-contributor");
  EXPECT_EQ(position_of(s, "IL"), "party");
  EXPECT_EQ(position_of(s, "SY"), "party-host");
  EXPECT_EQ(position_of(s, "RU"), "permanent-member-excluded");
  // 22 July 2013: Nepal (11 July) and Ireland (18 July) have agreed too.
  EXPECT_EQ(contributors(status_as_of("2013-07-22")),
            (std::set<std::string>{"FJ", "IE", "IN", "NP", "PH"}));
}

// The registry speaks UNDOF's words (scenario.yaml, `registry`); the JSON keys stay.
TEST(Undof, RegistrySpeaksOfTroopContributors) {
  auto r = run("coalition status " + kUndof + " --as-of 1999-05-31");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("UNDOF status as of 1999-05-31\n5 troop contributors; 5 contributing or "
                       "agreed (5 by public statement, 0 unnamed); 2 former troop contributors"),
            std::string::npos)
      << r.out;
  EXPECT_EQ(r.out.find("participant"), std::string::npos) << r.out;
  auto s = status_as_of("1999-05-31");
  EXPECT_EQ(s["participants"], 5);
  EXPECT_EQ(s["labels"]["participants"], "troop contributors");
}

// A statement dated by a later list is inferred; one dated at the end of the month a source
// gives is an estimate (its date is placed); the others are reported.
TEST(Undof, StatementsSayTheirBasis) {
  auto s = status_as_of("1999-05-31");
  auto basis_of = [&](const std::string& code) {
    for (const auto& n : s["nations"])
      if (n["code"] == code) return n["statement"]["basis"].get<std::string>();
    return std::string("(no nation ") + code + ")";
  };
  EXPECT_EQ(basis_of("PE"), "inferred");
  EXPECT_EQ(basis_of("SK"), "estimate");
  EXPECT_EQ(basis_of("AT"), "reported");
}

TEST(Undof, PlanOf2013FillsWhatTheStayingContingentsCan) {
  auto f = plan("base");
  EXPECT_EQ(f["status"], "optimal");
  // Required, by hand from requirements.yaml and capabilities.yaml, in each of rotations 80
  // and 81: 2 battalions x 350 + company 100 + logistics 190 + transport 45 + HQ 30
  // + mechanised reserve 115 = 1,180; over the two rotations 2,360.
  // Filled: the Filipino battalion (350) and India's logistics (190) and staff (30) in both
  // rotations, one of Fiji's two companies (100) in the northern company's place:
  //   2 x (350 + 190 + 30 + 100) = 1,340.
  EXPECT_EQ(f["fill"]["total"]["required_personnel"], 2360);
  EXPECT_EQ(f["fill"]["total"]["filled_personnel"], 1340);
  // Short in both rotations: one battalion, Japan's transport and the
  // mechanised reserve: 2 x (350 + 45 + 115) = 1,020, on 6 lines.
  long long missing = 0;
  for (const auto& s : f["shortfalls"]) missing += s["missing_personnel"].get<long long>();
  EXPECT_EQ(missing, 1020);
  EXPECT_EQ(f["shortfalls"].size(), 6u);
  // The Filipino battalion holds its own sector, the south (a `sites` caveat): the battalion
  // missing is the northern one, the Austrians' place, in both rotations.
  int north = 0;
  for (const auto& s : f["shortfalls"])
    if (s["requirement"] == "north-battalion") north += s["missing_units"].get<int>();
  EXPECT_EQ(north, 2);
  // Left out by their nation's position on 14 June 2013, and only those.
  std::set<std::string> left_out;
  for (const auto& e : f["excluded"]) {
    left_out.insert(e["pledge"].get<std::string>());
    EXPECT_NE(e["reason"].get<std::string>().find("position"), std::string::npos) << e;
  }
  EXPECT_EQ(left_out, (std::set<std::string>{"at-battalion", "hr-company", "ie-mechanised",
                                             "jp-transport", "np-from-nepal", "np-from-unifil"}));
}

// The mission began in 1974: the plan starts at rotation 80 (2013-11-30), the first to start
// after the plan date; rotations 1 to 79 are history, neither required nor short.
TEST(Undof, HistoryBeforeThePlanDateIsNotPlanned) {
  auto r = run("plan " + kUndof);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("History before 2013-11-30: not planned"), std::string::npos) << r.out;
  auto json = nlohmann::json::parse(run("plan " + kUndof + " --format json").out);
  EXPECT_EQ(json["planned_from"], "2013-11-30");
  std::set<std::string> rotations;
  for (const auto& f : json["forcegen"]["fill"]["by_rotation"])
    rotations.insert(f["key"].get<std::string>());
  EXPECT_EQ(rotations, (std::set<std::string>{"80", "81"}));
  for (const auto& s : json["forcegen"]["shortfalls"]) EXPECT_GE(s["rotation"].get<int>(), 80);
}

TEST(Undof, VariantsOf2013) {
  // Austria stays: its battalion fills the empty battalion line in both rotations (+700).
  EXPECT_EQ(plan("austria-stays")["fill"]["total"]["filled_personnel"], 1340 + 700);
  // Fiji does not come: the northern company stays empty (-200).
  EXPECT_EQ(plan("fiji-does-not-come")["fill"]["total"]["filled_personnel"], 1340 - 200);
  // July 2013: Fiji's second contingent (a battalion, 350) and Ireland's reserve (115) serve in
  // both rotations; Nepal's companies find no free company line: +2 x 465 = +930.
  EXPECT_EQ(plan("july-2013")["fill"]["total"]["filled_personnel"], 1340 + 930);
  // Russia's offer: a permanent member's pledge stays out (the Protocol), the plan is the base.
  auto ru = plan("russia-replaces-austria");
  EXPECT_EQ(ru["fill"]["total"]["filled_personnel"], 1340);
  bool russia_left_out = false;
  for (const auto& e : ru["excluded"])
    if (e["pledge"] == "ru-battalion") russia_left_out = true;
  EXPECT_TRUE(russia_left_out);
  // The Philippines withdrawn from 19 September 2014: its rotation-81 tour (2014-05-31 to
  // 2014-11-29) would end after the day before, so it serves rotation 80 only (-350), and the
  // southern battalion is short in rotation 81.
  auto ph = plan("philippines-leaves-september-2014");
  EXPECT_EQ(ph["fill"]["total"]["filled_personnel"], 1340 - 350);
  bool south_short_in_81 = false;
  for (const auto& s : ph["shortfalls"])
    if (s["requirement"] == "south-battalion" && s["rotation"] == 81) south_short_in_81 = true;
  EXPECT_TRUE(south_short_in_81);
}

// The sites against the hand-drawn lines: a pledge whose `zones` caveat names a zone is valid
// only if some requirement's site lies in that zone, so a scenario beside the UNDOF geometry
// checks each site's zone through `validate`. Expected, from the sources' descriptions: Camp
// Ziouani on the A side within 10 km of Line A, Camp Faouar on the B side within 10 km of
// Line B, Mount Hermon and the Quneitra crossing in the area of separation; and not the other
// way round, nor in the outer rings (10-20, 20-25 km) of their own side. Camp Ziouani, Syrian
// territory held by Israel, is refused by a caveat that excludes Israel.
TEST(Undof, SitesLieInTheZonesTheSourcesPutThemIn) {
  fs::path dir = fs::temp_directory_path() / ("reassure-undof-zones-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const fs::path undof = fs::path(REASSURE_SOURCE_DIR) / "scenarios/undof";
  for (const char* file :
       {"geometries.yaml", "golan-lines.geojson", "sites.yaml", "positions.yaml"})
    fs::copy_file(undof / file, dir / file, fs::copy_options::overwrite_existing);
  auto write = [&](const std::string& pledges) {
    std::ofstream(dir / "scenario.yaml") << R"(scenario: {name: zones, as_of: 2013-06-14}
mission: {start: 2013-11-30, rotations: 1}
include: [positions.yaml, sites.yaml, geometries.yaml]
nations:
  - {code: IL, name: Israel}
  - {code: SY, name: Syria}
  - code: IN
    name: India
    statements: [{date: 2006-02-16, position: troop-contributor, summary: test, source: test}]
capabilities:
  - {id: at-ziouani, domain: land, personnel: 1}
  - {id: at-faouar, domain: land, personnel: 1}
  - {id: at-hermon, domain: land, personnel: 1}
  - {id: at-quneitra, domain: land, personnel: 1}
requirements:
  - {id: r1, capability: at-ziouani, quantity: 1, site: camp-ziouani}
  - {id: r2, capability: at-faouar, quantity: 1, site: camp-faouar}
  - {id: r3, capability: at-hermon, quantity: 1, site: mount-hermon}
  - {id: r4, capability: at-quneitra, quantity: 1, site: quneitra-crossing}
pledges:
)" << pledges;
    return run("validate " + (dir / "scenario.yaml").string());
  };
  auto inside = write(
      R"(  - {id: p1, nation: IN, capability: at-ziouani, quantity: 1, caveats: {zones: [israeli-limitation-0-10km]}}
  - {id: p2, nation: IN, capability: at-faouar, quantity: 1, caveats: {zones: [syrian-limitation-0-10km]}}
  - {id: p3, nation: IN, capability: at-hermon, quantity: 1, caveats: {zones: [area-of-separation]}}
  - {id: p4, nation: IN, capability: at-quneitra, quantity: 1, caveats: {zones: [area-of-separation]}}
)");
  EXPECT_EQ(inside.exit_code, 0) << inside.out << inside.err;
  auto outside = write(
      R"(  - {id: p1, nation: IN, capability: at-ziouani, quantity: 1, caveats: {zones: [syrian-limitation-0-10km, syrian-limitation-10-20km, syrian-limitation-20-25km, area-of-separation]}}
  - {id: p2, nation: IN, capability: at-faouar, quantity: 1, caveats: {zones: [israeli-limitation-0-10km, israeli-limitation-10-20km, israeli-limitation-20-25km, area-of-separation]}}
  - {id: p3, nation: IN, capability: at-hermon, quantity: 1, caveats: {exclude_zones: [area-of-separation]}}
  - {id: p4, nation: IN, capability: at-ziouani, quantity: 1, caveats: {zones: [israeli-limitation-10-20km, israeli-limitation-20-25km]}}
  - {id: p5, nation: IN, capability: at-faouar, quantity: 1, caveats: {zones: [syrian-limitation-10-20km, syrian-limitation-20-25km]}}
  - {id: p6, nation: IN, capability: at-ziouani, quantity: 1, caveats: {exclude_countries: [IL]}}
)");
  EXPECT_NE(outside.exit_code, 0);
  for (const char* pledge :
       {"pledges[p1]", "pledges[p2]", "pledges[p3]", "pledges[p4]", "pledges[p5]", "pledges[p6]"})
    EXPECT_NE((outside.out + outside.err).find(pledge), std::string::npos)
        << pledge << "\n"
        << outside.out << outside.err;
  fs::remove_all(dir);
}

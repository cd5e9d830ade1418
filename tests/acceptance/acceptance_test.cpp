// Acceptance tests as data, in the spirit of OSRM's feature tables: each folder
// tests/acceptance/<case>/ holds a tiny scenario.yaml (and a contact-line.geojson when it uses
// distances) and an expected.yaml with the outcomes a planner would check. The folders are
// found at run time, so adding one adds a test.
//
// expected.yaml is one mapping, or a list of mappings (one plan each, e.g. the base and a
// variant). Keys, all optional but `status`:
//
//   variant: base            the variant to plan (default base)
//   status: optimal          Plan::status
//   fill_rate: 0.75          total personnel fill, compared to 1e-9
//   shortfalls:              exactly this set; `why` (optional) is a substring of the reason
//     - {requirement: R1, rotation: 2, missing_units: 1, why: too close}
//   shortfall_units: 6       missing units summed over all shortfalls (for plans whose optimum
//                            leaves the choice of rotation open)
//   shortfall_days:          exactly these shortfalls, by their first and last day
//     - {requirement: R1, start: 2026-12-01, end: 2026-12-31, missing_units: 1}
//   tours:                   units per pledge, line and tour (by the tour's first and last day)
//     - {pledge: P1, requirement: R1, start: 2026-06-01, end: 2026-11-30, units: 1}
//   burden:                  personnel-rotations per nation; only the nations listed are
//     FR: 600                checked, and 0 means the nation serves nowhere
//   filled:                  units per requirement and rotation, summed over pledges
//     - {requirement: R1, rotation: 1, units: 2}
//   excluded:                exactly the pledges left out of the model, with a substring of
//     - {pledge: P2, reason: domain}   the reason
//
// Every scenario must pass the whole validation of `reassure validate` first.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "core/validate.hpp"
#include "engine/checked.hpp"
#include "forcegen/eligibility.hpp"
#include "forcegen/plan.hpp"

namespace fs = std::filesystem;
using namespace reassure;

namespace {

const fs::path kRoot = fs::path(REASSURE_TEST_DATA) / "acceptance";

struct Case {
  std::string folder;
  std::size_t index = 0;  // which plan of expected.yaml
  std::string variant = "base";
  std::string load_error;  // expected.yaml could not be read
};

// gtest prints parameters in test listings; show the case rather than raw bytes.
void PrintTo(const Case& c, std::ostream* os) {
  *os << c.folder << " (variant " << c.variant << ")";
}

YAML::Node plans_of(const YAML::Node& expected) {
  if (expected.IsSequence()) return expected;
  YAML::Node list(YAML::NodeType::Sequence);
  list.push_back(expected);
  return list;
}

std::vector<Case> discover() {
  std::vector<Case> cases;
  if (!fs::is_directory(kRoot)) return cases;
  std::vector<fs::path> folders;
  for (const auto& entry : fs::directory_iterator(kRoot))
    if (entry.is_directory() && fs::exists(entry.path() / "expected.yaml"))
      folders.push_back(entry.path());
  std::sort(folders.begin(), folders.end());
  for (const auto& folder : folders) {
    std::string name = folder.filename().string();
    try {
      YAML::Node plans = plans_of(YAML::LoadFile((folder / "expected.yaml").string()));
      for (std::size_t i = 0; i < plans.size(); ++i)
        cases.push_back({name, i, plans[i]["variant"].as<std::string>("base"), ""});
    } catch (const YAML::Exception& e) {
      cases.push_back({name, 0, "base", e.what()});
    }
  }
  return cases;
}

Scenario load(const fs::path& path) {
  return engine::load_checked(path.string());
}

using Key = std::pair<std::string, int>;  // requirement, rotation

std::string describe(const std::map<Key, int>& units, const std::string& label) {
  std::string text;
  for (const auto& [key, n] : units)
    text += "  {requirement: " + key.first + ", rotation: " + std::to_string(key.second) + ", " +
            label + ": " + std::to_string(n) + "}\n";
  return text.empty() ? "  (none)\n" : text;
}

std::string describe(const forcegen::Plan& plan) {
  std::string text = "plan of variant '" + plan.variant + "': status " + plan.status + ", fill " +
                     std::to_string(plan.total.rate()) + "\nassignments:\n";
  for (const auto& a : plan.assignments)
    text += "  rotation " + std::to_string(a.rotation) + " " + a.requirement + " <- " + a.pledge +
            " (" + a.nation + ") x" + std::to_string(a.units) + "\n";
  text += "shortfalls:\n";
  for (const auto& s : plan.shortfalls)
    text += "  {requirement: " + s.requirement + ", rotation: " + std::to_string(s.rotation) +
            ", missing_units: " + std::to_string(s.missing_units) + "}  " + s.why + "\n";
  text += "excluded:\n";
  for (const auto& e : plan.excluded) text += "  " + e.pledge + ": " + e.reason + "\n";
  return text;
}

const std::set<std::string> kKeys = {"variant",         "status", "fill_rate", "shortfalls",
                                     "shortfall_units", "burden", "filled",    "excluded",
                                     "shortfall_days",  "tours"};

void check(const forcegen::Plan& plan, const YAML::Node& expected) {
  SCOPED_TRACE(describe(plan));
  for (const auto& entry : expected) {
    auto key = entry.first.as<std::string>();
    EXPECT_TRUE(kKeys.count(key)) << "unknown key '" << key << "' in expected.yaml";
  }
  ASSERT_TRUE(expected["status"]) << "expected.yaml must give the status";
  EXPECT_EQ(plan.status, expected["status"].as<std::string>());

  if (expected["fill_rate"]) {
    EXPECT_NEAR(plan.total.rate(), expected["fill_rate"].as<double>(), 1e-9) << "total fill rate";
  }

  if (expected["shortfalls"]) {
    std::map<Key, int> want, got;
    std::map<Key, std::string> why;
    for (const auto& s : expected["shortfalls"]) {
      Key key{s["requirement"].as<std::string>(), s["rotation"].as<int>()};
      want[key] = s["missing_units"].as<int>();
      if (s["why"]) why[key] = s["why"].as<std::string>();
    }
    for (const auto& s : plan.shortfalls) {
      Key key{s.requirement, s.rotation};
      got[key] += s.missing_units;
      if (why.count(key)) {
        EXPECT_NE(s.why.find(why[key]), std::string::npos)
            << "shortfall " << s.requirement << " rotation " << s.rotation << ": reason '" << s.why
            << "' does not contain '" << why[key] << "'";
      }
    }
    EXPECT_EQ(got, want) << "shortfalls: expected\n"
                         << describe(want, "missing_units") << "got\n"
                         << describe(got, "missing_units");
  }

  if (expected["shortfall_days"]) {
    using Span = std::tuple<std::string, std::string, std::string>;
    std::map<Span, int> want, got;
    for (const auto& s : expected["shortfall_days"])
      want[{s["requirement"].as<std::string>(), s["start"].as<std::string>(),
            s["end"].as<std::string>()}] = s["missing_units"].as<int>();
    for (const auto& s : plan.shortfalls) got[{s.requirement, s.start, s.end}] += s.missing_units;
    EXPECT_EQ(got, want) << "shortfalls by days";
  }

  if (expected["tours"]) {
    using Tour = std::tuple<std::string, std::string, std::string, std::string>;
    std::map<Tour, int> want, got;
    for (const auto& t : expected["tours"])
      want[{t["pledge"].as<std::string>(), t["requirement"].as<std::string>(),
            t["start"].as<std::string>(), t["end"].as<std::string>()}] = t["units"].as<int>();
    for (const auto& a : plan.assignments)
      got[{a.pledge, a.requirement, a.start, a.end}] += a.units;
    EXPECT_EQ(got, want) << "units per pledge, line and tour";
  }

  if (expected["shortfall_units"]) {
    int total = 0;
    for (const auto& s : plan.shortfalls) total += s.missing_units;
    EXPECT_EQ(total, expected["shortfall_units"].as<int>()) << "missing units in all";
  }

  if (expected["burden"]) {
    for (const auto& entry : expected["burden"]) {
      auto nation = entry.first.as<std::string>();
      auto want = entry.second.as<double>();
      auto it = std::find_if(plan.burden.begin(), plan.burden.end(),
                             [&](const forcegen::Burden& b) { return b.nation == nation; });
      double got = it == plan.burden.end()
                       ? 0
                       : double(it->personnel_rotations) / double(plan.steps_per_rotation);
      EXPECT_NEAR(got, want, 1e-9) << "personnel-rotations of " << nation;
    }
  }

  if (expected["filled"]) {
    std::map<Key, int> units;
    for (const auto& a : plan.assignments) units[{a.requirement, a.rotation}] += a.units;
    for (const auto& f : expected["filled"]) {
      Key key{f["requirement"].as<std::string>(), f["rotation"].as<int>()};
      int got = units.count(key) ? units[key] : 0;
      EXPECT_EQ(got, f["units"].as<int>())
          << "units filling " << key.first << " in rotation " << key.second;
    }
  }

  if (expected["excluded"]) {
    std::map<std::string, std::string> want, got;
    for (const auto& e : expected["excluded"])
      want[e["pledge"].as<std::string>()] = e["reason"].as<std::string>();
    for (const auto& e : plan.excluded) got[e.pledge] = e.reason;
    std::set<std::string> want_ids, got_ids;
    for (auto& [id, reason] : want) want_ids.insert(id);
    for (auto& [id, reason] : got) got_ids.insert(id);
    EXPECT_EQ(got_ids, want_ids) << "pledges left out of the plan";
    for (auto& [id, reason] : want) {
      if (got.count(id)) {
        EXPECT_NE(got[id].find(reason), std::string::npos)
            << id << " left out because '" << got[id] << "', expected '" << reason << "'";
      }
    }
  }
}

class Acceptance : public testing::TestWithParam<Case> {};

TEST_P(Acceptance, PlanMeetsExpectations) {
  const Case& c = GetParam();
  fs::path folder = kRoot / c.folder;
  ASSERT_TRUE(c.load_error.empty()) << folder / "expected.yaml"
                                    << ": " << c.load_error;
  YAML::Node expected = plans_of(YAML::LoadFile((folder / "expected.yaml").string()))[c.index];
  Scenario scenario;
  try {
    scenario = load(folder / "scenario.yaml");
  } catch (const ScenarioError& e) {
    FAIL() << "the scenario does not validate:\n" << e.what();
  }
  forcegen::Plan plan = forcegen::make_plan(apply_variant(scenario, c.variant), c.variant);
  check(plan, expected);
}

std::string test_name(const testing::TestParamInfo<Case>& info) {
  std::string name = info.param.folder;
  if (info.param.variant != "base" || info.param.index > 0) name += "_" + info.param.variant;
  for (char& ch : name)
    if (!std::isalnum((unsigned char)ch)) ch = '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(Cases, Acceptance, testing::ValuesIn(discover()), test_name);

TEST(AcceptanceCases, AreDiscovered) {
  std::set<std::string> folders;
  for (const auto& c : discover()) folders.insert(c.folder);
  EXPECT_GE(folders.size(), 10u) << "case folders found under " << kRoot;
}

}  // namespace

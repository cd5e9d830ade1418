// Validation stays near-linear: a generated coalition of 100,000 pledges is checked in well
// under the time its YAML takes to parse; and the one-sweep count of undisclosed commitments
// agrees with the registry's own count on many small random cases.
#include <gtest/gtest.h>

#include <chrono>
#include <iostream>
#include <random>

#include "core/registry.hpp"
#include "core/validate.hpp"
#include "forcegen/eligibility.hpp"
#include "testing/positions.hpp"

using namespace reassure;

namespace {

Date day(int offset) {
  return Date::parse("2025-01-01")->plus_days(offset);
}

// The rule as the registry states it, one record at a time (the validator's old loop).
std::vector<std::string> excess_by_registry(const Scenario& s) {
  std::vector<std::string> ids;
  for (const auto& u : s.undisclosed) {
    int counted = int(coalition_status(s, u.date).undisclosed_counted.size());
    int rank = 0;
    for (const auto& other : s.undisclosed) {
      if (&other == &u) break;
      if (other.date <= u.date) ++rank;
    }
    if (rank >= counted) ids.push_back(u.id);
  }
  return ids;
}

std::vector<std::string> excess_by_validator(const Scenario& s) {
  std::vector<std::string> ids;
  const std::string prefix = "undisclosed_commitments[", suffix = "].id";
  for (const auto& d : validate(s))
    if (d.field.rfind(prefix, 0) == 0 && d.field.size() > prefix.size() + suffix.size() &&
        d.field.compare(d.field.size() - suffix.size(), suffix.size(), suffix) == 0)
      ids.push_back(d.field.substr(prefix.size(), d.field.size() - prefix.size() - suffix.size()));
  return ids;
}

Scenario random_registry(std::mt19937& random) {
  Scenario s;
  s.mission.rotations = 2;
  s.positions = reassure::testing::coalition_positions();
  const char* const positions[] = {"committed", "undisclosed", "declined", "undecided"};
  int nations = 1 + int(random() % 6);
  for (int n = 0; n < nations; ++n) {
    Nation nation;
    nation.code = std::string(1, char('A' + n)) + "A";
    nation.participant = random() % 4 != 0;
    int statements = int(random() % 4);
    for (int k = 0; k < statements; ++k) {
      Statement st;
      st.date = day(int(random() % 8));
      st.position = positions[random() % 4];
      nation.statements.push_back(st);
    }
    s.nations.push_back(nation);
  }
  int records = int(random() % 7);
  for (int k = 0; k < records; ++k) {
    UndisclosedCommitment u;
    u.id = "u" + std::to_string(k);
    u.date = day(int(random() % 8));
    u.position = "committed";
    s.undisclosed.push_back(u);
  }
  return s;
}

TEST(ValidateScale, UndisclosedCountAgreesWithTheRegistry) {
  std::mt19937 random(7);
  int with_excess = 0;
  for (int i = 0; i < 3000; ++i) {
    Scenario s = random_registry(random);
    auto expected = excess_by_registry(s);
    with_excess += !expected.empty();
    ASSERT_EQ(excess_by_validator(s), expected) << "case " << i;
  }
  EXPECT_GT(with_excess, 100) << "the random cases must exercise the rule";
}

// 40 nations, 20 capabilities, 20 sites, 50 requirements, 100,000 pledges, 8 variants of
// 1,000 pledges each, 600 unnamed commitments on 600 dates backed by 600 silent participants: every
// check that used to scan a list per record (references, duplicate ids, variant pledges, the
// registry count).
Scenario large_coalition() {
  Scenario s;
  s.mission.rotations = 4;
  s.positions = reassure::testing::coalition_positions();
  s.conditions.push_back({});
  s.conditions.back().id = "c1";
  for (int n = 0; n < 640; ++n) {
    Nation nation;
    nation.code = std::string(1, char('A' + n / 26)) + char('A' + n % 26);
    nation.participant = true;
    if (n < 40) {
      Statement st;
      st.date = day(0);
      st.position = "committed";
      nation.statements.push_back(st);
    }
    s.nations.push_back(nation);
  }
  for (int c = 0; c < 20; ++c) {
    Capability cap;
    cap.id = "cap" + std::to_string(c);
    cap.personnel = 100;
    s.capabilities.push_back(cap);
    Site site;
    site.id = "s" + std::to_string(c);
    site.country = "PL";
    site.lat = 50;
    site.lon = 20 + c * 0.1;
    s.sites.push_back(site);
  }
  for (int r = 0; r < 50; ++r) {
    Requirement q;
    q.id = "r" + std::to_string(r);
    q.capability = "cap" + std::to_string(r % 20);
    q.site = "s" + std::to_string(r % 20);
    q.quantity = 3;
    s.requirements.push_back(q);
  }
  auto pledge = [&](const std::string& id, int i) {
    Pledge p;
    p.id = id;
    p.nation = s.nations[i % 40].code;
    p.capability = "cap" + std::to_string(i % 20);
    p.quantity = 1;
    p.caveats.conditions = {"c1"};
    return p;
  };
  for (int i = 0; i < 100000; ++i) s.pledges.push_back(pledge("p" + std::to_string(i), i));
  for (int v = 0; v < 8; ++v) {
    Variant variant;
    variant.name = "v" + std::to_string(v);
    for (int i = 0; i < 1000; ++i)
      variant.add().pledges.push_back(pledge("v" + std::to_string(v) + "p" + std::to_string(i), i));
    s.variants.push_back(variant);
  }
  for (int k = 0; k < 600; ++k) {
    UndisclosedCommitment u;
    u.id = "u" + std::to_string(k);
    u.date = day(1 + k);
    u.position = "committed";
    s.undisclosed.push_back(u);
  }
  return s;
}

TEST(ValidateScale, AHundredThousandPledgesValidateInUnderTwoSeconds) {
#ifndef NDEBUG
  GTEST_SKIP() << "timed in Release builds only (sanitizers and -O0 slow it several-fold)";
#endif
  Scenario s = large_coalition();
  auto start = std::chrono::steady_clock::now();
  auto problems = validate(s);
  auto caveats = forcegen::unsatisfiable_caveats(s);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_TRUE(problems.empty()) << problems.size() << " problems, the first: "
                                << (problems.empty() ? "" : problems[0].format());
  EXPECT_TRUE(caveats.empty()) << caveats.size() << " unsatisfiable caveats";
  RecordProperty("validate_seconds", std::to_string(seconds));
  std::cout << "validate + caveats: " << seconds << " s\n";
  EXPECT_LT(seconds, 2.0) << "validate + caveats took " << seconds << " s";
}

}  // namespace

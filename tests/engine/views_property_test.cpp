// A property of the views for a nation (report::view_of_plan): on random small scenarios with
// random markings, for every nation, the view names no record that is not released to it,
// keeps every total when the hidden records are aggregated, and loses exactly the withheld
// contributions otherwise. A nation that may see everything sees the coalition's figures.
#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "engine/engine.hpp"

using namespace reassure;
using nlohmann::json;

namespace {

const std::vector<std::string> kNations = {"FR", "DE", "PL", "IT", "ES"};

struct Drawn {
  std::string id, nation, releasability, view, caveats_releasability, caveats_view;
  bool conditional = false;
};

struct Sample {
  std::string yaml;
  std::vector<Drawn> pledges;
};

std::string marking(std::mt19937& rng, std::string& as_string) {
  int kind = int(rng() % 4);
  if (kind == 0) return as_string = "public";
  if (kind == 1) return as_string = "coalition";
  std::vector<std::string> list;
  for (const auto& n : kNations)
    if (rng() % 3 == 0) list.push_back(n);
  if (list.empty()) list.push_back(kNations[rng() % kNations.size()]);
  std::string yaml = "[", rel = "rel:";
  std::set<std::string> sorted(list.begin(), list.end());
  bool first = true;
  for (const auto& n : sorted) {
    yaml += (first ? "" : ", ") + n;
    rel += (first ? "" : ",") + n;
    first = false;
  }
  as_string = rel;
  return yaml + "]";
}

Sample draw(unsigned seed) {
  std::mt19937 rng(seed);
  Sample s;
  int rotations = 1 + int(rng() % 3);
  std::string y =
      "scenario: {name: random, as_of: 2026-01-06}\n"
      "mission: {start: 2026-06-01, rotations: " +
      std::to_string(rotations) +
      "}\n"
      "conditions:\n  - {id: vote, holds: false}\n"
      "positions:\n"
      "  - {id: committed, may_pledge: true, committed: true, coalition: participant}\n"
      "  - {id: undisclosed, coalition: participant, default_for: "
      "participant-without-statement}\n"
      "  - {id: outside, coalition: outside, default_for: "
      "stakeholder-without-statement}\n"
      "  - {id: former, coalition: former-participant, default_for: leaving-nation}\n"
      "nations:\n";
  for (const auto& n : kNations)
    y += "  - {code: " + n + ", name: Nation" + n +
         ", participant: true, statements: [{date: 2025-01-01, position: committed, summary: "
         "s, source: t}]}\n";
  y += "capabilities:\n  - {id: land, domain: land, personnel: 100}\n"
       "  - {id: air, domain: air, personnel: 30}\n"
       "sites:\n  - {id: kyiv, country: UA, lat: 50.45, lon: 30.52}\n"
       "  - {id: lviv, country: UA, lat: 49.84, lon: 24.03}\n"
       "requirements:\n";
  int lines = 1 + int(rng() % 3);
  for (int i = 0; i < lines; ++i)
    y += "  - {id: line" + std::to_string(i) + ", capability: " + (rng() % 2 ? "land" : "air") +
         ", quantity: " + std::to_string(1 + rng() % 4) +
         ", site: " + (rng() % 2 ? "kyiv" : "lviv") + "}\n";
  y += "pledges:\n";
  int pledges = 2 + int(rng() % 7);
  for (int i = 0; i < pledges; ++i) {
    Drawn d;
    d.id = "pledgeq" + std::to_string(i) + "z";
    d.nation = kNations[rng() % kNations.size()];
    std::string rel = marking(rng, d.releasability);
    d.view = rng() % 2 ? "aggregated" : "withheld";
    std::string cav = marking(rng, d.caveats_releasability);
    d.caveats_view = rng() % 2 ? "aggregated" : "withheld";
    d.conditional = rng() % 4 == 0;
    y += "  - {id: " + d.id + ", nation: " + d.nation +
         ", capability: " + (rng() % 2 ? "land" : "air") +
         ", quantity: " + std::to_string(1 + rng() % 3) +
         ", recovery_rotations: " + std::to_string(rng() % 3) + ", releasability: " + rel;
    if (rel.front() == '[') y += ", restricted_view: " + d.view;
    if (rng() % 4 == 0) y += ", tour_months: 3";
    y += ", caveats: {releasability: " + cav;
    if (cav.front() == '[') y += ", restricted_view: " + d.caveats_view;
    if (d.conditional) y += ", conditions: [vote]";
    y += "}}\n";
    if (rel.front() != '[') d.view = "aggregated";
    if (cav.front() != '[') d.caveats_view = "aggregated";
    s.pledges.push_back(d);
  }
  s.yaml = y;
  return s;
}

bool released(const std::string& marking, const std::string& owner, const std::string& nation) {
  std::string problem;
  auto m = releasability_from_string(marking, problem);
  return m && releasable_to(*m, owner, nation);
}

long long number(const json& v, long long per) {
  return v.is_number_integer() ? v.get<long long>() * per
                               : (long long)std::llround(v.get<double>() * double(per));
}

TEST(ViewsProperty, RandomScenariosLeakNothingAndAddUp) {
  for (unsigned seed = 1; seed <= 40; ++seed) {
    Sample sample = draw(seed);
    auto loaded = engine::load(io::FileSet{{"scenario.yaml", sample.yaml}});
    ASSERT_TRUE(loaded.ok()) << seed << ": " << loaded.problems.front().format() << "\n"
                             << sample.yaml;
    json full = engine::to_json(engine::plan(*loaded.loaded));
    const json& ff = full["forcegen"];
    long long per = ff["steps_per_rotation"].get<long long>();
    std::map<std::string, const Drawn*> by_id;
    for (const auto& d : sample.pledges) by_id[d.id] = &d;
    for (const auto& viewer : kNations) {
      SCOPED_TRACE("seed " + std::to_string(seed) + ", viewer " + viewer + "\n" + sample.yaml);
      json v = engine::view_of_plan(full, {viewer});
      ASSERT_TRUE(v.is_object());
      std::string text = v.dump();
      // Nothing of a pledge not released to the viewer: not its id, nor its nation when all
      // of that nation's pledges are hidden.
      std::set<std::string> nations_seen;
      bool hides_any = false;
      for (const auto& d : sample.pledges) {
        bool sees = released(d.releasability, d.nation, viewer);
        if (sees) nations_seen.insert(d.nation);
        if (!sees) {
          hides_any = true;
          EXPECT_EQ(text.find(d.id), std::string::npos) << d.id;
        }
        if (sees && !released(d.caveats_releasability, d.nation, viewer)) {
          // Left out by its (condition) caveat: told as restricted, or not listed at all.
          bool by_caveat = false;
          for (const auto& e : ff["excluded"])
            by_caveat = by_caveat || (e["pledge"] == d.id && e["code"] == "condition");
          for (const auto& e : v["forcegen"]["excluded"]) {
            if (e["pledge"] == d.id && by_caveat) {
              EXPECT_EQ(e["code"], "caveat_restricted") << d.id;
              EXPECT_EQ(d.caveats_view, "aggregated") << d.id;
            }
          }
        }
      }
      for (const auto& n : kNations) {
        if (!nations_seen.count(n) && n != viewer) {
          EXPECT_EQ(text.find("\"" + n + "\""), std::string::npos) << n;
        }
      }
      // Totals: the full ones less the withheld contributions.
      long long withheld = 0;
      for (const auto& a : ff["assignments"]) {
        const Drawn& d = *by_id.at(a["pledge"]);
        if (!released(d.releasability, d.nation, viewer) && d.view == "withheld")
          withheld += a["personnel"].get<long long>() *
                      (a["to_step"].get<long long>() - a["from_step"].get<long long>());
      }
      const json& vt = v["forcegen"]["fill"]["total"];
      const json& ft = ff["fill"]["total"];
      EXPECT_EQ(number(vt["required_personnel"], per), number(ft["required_personnel"], per));
      EXPECT_EQ(number(vt["filled_personnel"], per),
                number(ft["filled_personnel"], per) - withheld);
      long long burden = 0, missing = 0, full_missing = 0;
      for (const auto& b : v["forcegen"]["burden"]) burden += number(b["personnel_rotations"], per);
      EXPECT_EQ(burden, number(vt["filled_personnel"], per));
      for (const auto& s : v["forcegen"]["shortfalls"])
        missing += number(s["missing_personnel"], per);
      for (const auto& s : ff["shortfalls"]) full_missing += number(s["missing_personnel"], per);
      EXPECT_EQ(missing, full_missing + withheld);
      // A viewer who sees every pledge sees the coalition's figures.
      if (!hides_any) {
        EXPECT_EQ(v["forcegen"]["fill"], ff["fill"]);
        EXPECT_EQ(v["forcegen"]["burden"], ff["burden"]);
        EXPECT_EQ(v["forcegen"]["shortfalls"].size(), ff["shortfalls"].size());
        EXPECT_EQ(v["forcegen"]["assignments"].size(), ff["assignments"].size());
      }
    }
  }
}

}  // namespace

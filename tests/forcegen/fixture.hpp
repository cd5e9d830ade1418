// Tiny scenarios built in code for the planner's unit tests.
#pragma once

#include "core/scenario.hpp"
#include "testing/positions.hpp"

namespace reassure::testing {

inline Scenario empty_scenario(int rotations) {
  Scenario s;
  s.name = "test";
  s.as_of = *Date::parse("2026-01-06");
  s.mission.start = *Date::parse("2026-06-01");
  s.mission.rotations = rotations;
  s.positions = coalition_positions();
  for (const char* code : {"AA", "BB", "CC", "DD"}) {
    Nation n;
    n.code = code;
    n.name = std::string("Nation ") + code;
    n.participant = true;
    Statement st;
    st.date = *Date::parse("2025-09-04");
    st.position = "committed";
    n.statements.push_back(st);
    s.nations.push_back(n);
  }
  Capability c;
  c.id = "company";
  c.domain = Domain::land;
  c.personnel = 100;
  s.capabilities.push_back(c);
  c.id = "flight";
  c.domain = Domain::air;
  c.personnel = 50;
  s.capabilities.push_back(c);
  // A line of contact along 37°E from 47°N to 50°N; sites west of it.
  Geometry line;
  line.id = kContactLine;
  line.lines = {{{47.0, 37.0}, {50.0, 37.0}}};
  s.geometries.push_back(line);
  Site near, far, abroad;
  near.id = "near", near.country = "UA", near.lat = 48.5, near.lon = 36.0;  // ~74 km
  far.id = "far", far.country = "UA", far.lat = 50.45, far.lon = 30.52;     // ~460 km
  abroad.id = "abroad", abroad.country = "PL", abroad.lat = 50.11, abroad.lon = 22.02;
  s.sites = {near, far, abroad};
  return s;
}

inline Requirement& require(Scenario& s, const std::string& id, const std::string& capability,
                            int units, const std::string& site, int priority = 3) {
  Requirement q;
  q.id = id;
  q.capability = capability;
  q.quantity = units;
  q.site = site;
  q.priority = priority;
  s.requirements.push_back(q);
  return s.requirements.back();
}

inline Pledge& pledge(Scenario& s, const std::string& id, const std::string& nation,
                      const std::string& capability, int units, int recovery = 2) {
  Pledge p;
  p.id = id;
  p.nation = nation;
  p.capability = capability;
  p.quantity = units;
  p.recovery_rotations = recovery;
  s.pledges.push_back(p);
  return s.pledges.back();
}

// Staggered tours. A year (two rotations of six months, steps of two months); "far" wants two
// companies. "six" (1 unit, rotations, resting one) serves one rotation of three steps; "four"
// (2 units, four-month tours [0,2), [2,4), [4,6), resting one tour) serves at most 2 units over
// any two consecutive tours. With six in rotation 1, four keeps one place free in [0,3): tours
// of 1, 1, 1 (or 1, 0, 2) units, 6 unit-steps, with six's 3: 9. Without six, four serves 2, 0, 2:
// 8. So 9 unit-steps of 100 personnel at priority 3: 2700. The LP is worth 10 × 300 (six half
// in each rotation, four 1.5, 0.5, 1.5), so the proof needs CBC.
inline Scenario staggered_year() {
  Scenario s = empty_scenario(2);
  require(s, "far", "company", 2, "far", 3);
  pledge(s, "six", "BB", "company", 1, 1).readiness_days = 0;
  auto& four = pledge(s, "four", "AA", "company", 2, 1);
  four.tour_months = 4;
  four.readiness_days = 0;
  return s;
}

}  // namespace reassure::testing

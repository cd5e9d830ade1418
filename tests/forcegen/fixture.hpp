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

}  // namespace reassure::testing

// The registry as a user of one nation sees it (coalition_status with a Viewer): counted from
// the statements and undisclosed commitments released to that nation only, on the hand-checked
// scenario tests/engine/marked (its header gives the figures).
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "core/registry.hpp"
#include "io/scenario_loader.hpp"

using namespace reassure;

namespace {

const Scenario& marked() {
  static const Scenario s =
      io::load_scenario(std::string(REASSURE_TEST_DATA) + "/engine/marked/scenario.yaml");
  return s;
}

const NationStatus& nation(const CoalitionStatus& status, const std::string& code) {
  return *std::find_if(status.nations.begin(), status.nations.end(),
                       [&](const NationStatus& n) { return n.code == code; });
}

// Germany's statement is released to Germany only; u1 to France only.
TEST(RegistryViews, EachNationCountsWhatItMaySee) {
  Date date = marked().as_of;
  CoalitionStatus all = coalition_status(marked(), date);
  EXPECT_EQ(all.committed, 4);
  EXPECT_EQ(all.committed_by_statement, 3);
  EXPECT_EQ(all.committed_undisclosed, 1);

  CoalitionStatus fr = coalition_status(marked(), date, Viewer{"FR"});
  EXPECT_EQ(fr.participants, 4);
  EXPECT_EQ(fr.committed_by_statement, 2);
  EXPECT_EQ(fr.committed_undisclosed, 1);
  EXPECT_EQ(fr.committed, 3);
  EXPECT_FALSE(nation(fr, "DE").statement.has_value());
  EXPECT_EQ(nation(fr, "DE").position, "undisclosed");

  CoalitionStatus de = coalition_status(marked(), date, Viewer{"DE"});
  EXPECT_EQ(de.committed, 3);
  EXPECT_EQ(de.undisclosed_recorded, 0);
  EXPECT_EQ(nation(de, "DE").position, "committed");  // its own statement

  CoalitionStatus pl = coalition_status(marked(), date, Viewer{"PL"});
  EXPECT_EQ(pl.committed, 2);
  EXPECT_EQ(pl.count("undisclosed"), 2);
}

// A viewer that is not a nation sees the public records only: France's public statement.
TEST(RegistryViews, NotANationSeesThePublicRecordsOnly) {
  CoalitionStatus none = coalition_status(marked(), marked().as_of, Viewer{""});
  EXPECT_EQ(none.committed, 1);
  EXPECT_EQ(nation(none, "FR").position, "committed");
}

}  // namespace

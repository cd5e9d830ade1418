// Markings read from the scenario files (docs/scenario-format.md, "Markings"): the defaults,
// each record's own marking, a pledge's caveats marked apart from it, and variants that change
// markings like any other key. The errors are cases of tests/io/bad/marking-*.yaml.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "core/validate.hpp"
#include "io/scenario_loader.hpp"

using namespace reassure;

namespace {

const std::string kMarked = std::string(REASSURE_TEST_DATA) + "/engine/marked/scenario.yaml";

const Pledge& pledge(const Scenario& s, const std::string& id) {
  return *std::find_if(s.pledges.begin(), s.pledges.end(),
                       [&](const Pledge& p) { return p.id == id; });
}

const Nation& nation(const Scenario& s, const std::string& code) {
  return *std::find_if(s.nations.begin(), s.nations.end(),
                       [&](const Nation& n) { return n.code == code; });
}

const Releasability kCoalition{ReleaseScope::coalition, {}};

TEST(Markings, EachRecordKeepsItsOwnAndTheDefaultIsCoalition) {
  Scenario s = io::load_scenario(kMarked);
  EXPECT_TRUE(validate(s).empty());
  EXPECT_EQ(s.releasability, kCoalition);
  EXPECT_EQ(pledge(s, "fr-coy").marking.releasability.scope, ReleaseScope::everyone);
  const Pledge& de = pledge(s, "de-coy");
  EXPECT_EQ(de.marking.releasability, (Releasability{ReleaseScope::nations, {"DE", "FR"}}));
  EXPECT_EQ(de.marking.restricted_view, RestrictedView::aggregated);
  EXPECT_EQ(de.caveats.marking.releasability, kCoalition);
  EXPECT_EQ(pledge(s, "pl-coy").marking.restricted_view, RestrictedView::withheld);
  const Pledge& reserve = pledge(s, "pl-reserve");
  EXPECT_EQ(reserve.marking.releasability, kCoalition);
  EXPECT_EQ(reserve.caveats.marking.releasability, (Releasability{ReleaseScope::nations, {"PL"}}));
  EXPECT_EQ(reserve.caveats.marking.restricted_view, RestrictedView::withheld);
  EXPECT_EQ(reserve.caveats.conditions, std::vector<std::string>{"pl-vote"});
  EXPECT_EQ(nation(s, "DE").statements[0].releasability,
            (Releasability{ReleaseScope::nations, {"DE"}}));
  EXPECT_EQ(nation(s, "PL").statements[0].releasability, kCoalition);
  EXPECT_EQ(s.undisclosed[0].releasability, (Releasability{ReleaseScope::nations, {"FR"}}));
  // Where the marking is written, for the errors that name it.
  EXPECT_EQ(de.at("releasability").line, 42);
  EXPECT_EQ(reserve.at("caveats.releasability").line, 53);
}

// A variant changes a marking like any key; null puts restricted_view back to its default.
TEST(Markings, AVariantChangesMarkingsLikeAnyKey) {
  Scenario s = io::load_scenario(kMarked);
  Scenario v = apply_variant(s, "de-opens");
  EXPECT_TRUE(validate(v).empty());
  const Pledge& de = pledge(v, "de-coy");
  EXPECT_EQ(de.marking.releasability, kCoalition);
  EXPECT_EQ(de.marking.restricted_view, RestrictedView::aggregated);
  EXPECT_EQ(nation(v, "DE").statements[0].releasability.scope, ReleaseScope::everyone);
  EXPECT_EQ(nation(s, "DE").statements[0].releasability.scope, ReleaseScope::nations);
}

TEST(Markings, TheOwnNationAlwaysSeesItsOwnRecords) {
  Releasability others{ReleaseScope::nations, {"DE"}};
  EXPECT_TRUE(releasable_to(others, "PL", "PL"));
  EXPECT_FALSE(releasable_to(others, "PL", "FR"));
  EXPECT_TRUE(releasable_to(others, "PL", "DE"));
  EXPECT_FALSE(releasable_to(others, "", ""));  // no nation is no one's owner
}

}  // namespace

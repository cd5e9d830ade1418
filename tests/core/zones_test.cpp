// Limits in force inside a zone, as dated agreements change them (the Minsk sequence as the
// example: heavy weapons 15 km from the line in September 2014, artillery of 100 mm and more
// 25 km per side from February 2015, tanks 15 km from the Addendum of September 2015).
#include "core/zones.hpp"

#include <gtest/gtest.h>

using namespace reassure;

namespace {
Date day(const char* iso) {
  return *Date::parse(iso);
}

ZoneLimit limit(const char* party, const char* from, const char* agreement) {
  ZoneLimit l;
  l.party = party;
  l.from = day(from);
  l.agreement = agreement;
  return l;
}

WeaponLimit weapons(const char* weapon_class, std::optional<double> calibre, long long max) {
  WeaponLimit w;
  w.weapon_class = weapon_class;
  w.min_calibre_mm = calibre;
  w.max = max;
  return w;
}
}  // namespace

TEST(LimitsInForce, LaterAgreementsReplaceWhatTheyRestateAndKeepTheRest) {
  Zone z;
  z.id = "security-zone";
  auto memorandum = limit("UA", "2014-09-19", "memorandum");
  memorandum.weapons = {weapons("artillery", 100, 0)};
  memorandum.personnel = 500;
  auto package = limit("UA", "2015-02-12", "package of measures");
  package.weapons = {weapons("artillery", 100, 0), weapons("mlrs", std::nullopt, 0)};
  auto addendum = limit("UA", "2015-09-29", "addendum");
  addendum.weapons = {weapons("tanks", std::nullopt, 0)};
  addendum.until = day("2016-12-31");
  auto other = limit("armed-formations", "2015-02-12", "package of measures");
  other.personnel = 0;
  z.limits = {addendum, package, memorandum, other};  // any order: dates decide

  EXPECT_TRUE(limits_in_force(z, "UA", day("2014-09-18")).empty()) << "before any agreement";

  auto autumn_2014 = limits_in_force(z, "UA", day("2014-10-01"));
  ASSERT_TRUE(autumn_2014.personnel);
  EXPECT_EQ(autumn_2014.personnel->max, 500);
  ASSERT_EQ(autumn_2014.weapons.size(), 1u);
  EXPECT_EQ(autumn_2014.weapons[0].set_by->agreement, "memorandum");

  auto spring_2015 = limits_in_force(z, "UA", day("2015-03-01"));
  EXPECT_EQ(spring_2015.personnel->set_by->agreement, "memorandum") << "not restated: kept";
  ASSERT_EQ(spring_2015.weapons.size(), 2u);
  EXPECT_EQ(spring_2015.weapons[0].set_by->agreement, "package of measures") << "restated";
  EXPECT_EQ(spring_2015.weapons[1].limit.weapon_class, "mlrs");

  auto autumn_2015 = limits_in_force(z, "UA", day("2015-09-29"));  // the first day counts
  EXPECT_EQ(autumn_2015.weapons.size(), 3u);
  EXPECT_EQ(limits_in_force(z, "UA", day("2016-12-31")).weapons.size(), 3u) << "last day counts";
  EXPECT_EQ(limits_in_force(z, "UA", day("2017-01-01")).weapons.size(), 2u) << "addendum ended";

  auto formations = limits_in_force(z, "armed-formations", day("2015-03-01"));
  ASSERT_TRUE(formations.personnel);
  EXPECT_EQ(formations.personnel->max, 0);
  EXPECT_TRUE(formations.weapons.empty());
  EXPECT_TRUE(limits_in_force(z, "RU", day("2015-03-01")).empty()) << "parties match exactly";
}

TEST(LimitsInForce, SameDayEntriesTakeTheLaterListed) {
  Zone z;
  auto first = limit("UA", "2015-02-12", "first");
  first.units = {UnitLimit{"armoured-battalion", 2, {}}};
  auto second = limit("UA", "2015-02-12", "second");
  second.units = {UnitLimit{"armoured-battalion", 1, {}}};
  z.limits = {first, second};
  auto in_force = limits_in_force(z, "UA", day("2015-02-12"));
  ASSERT_EQ(in_force.units.size(), 1u);
  EXPECT_EQ(in_force.units[0].limit.max, 1);
  EXPECT_EQ(in_force.units[0].set_by->agreement, "second");
}

TEST(Zone, TheChosenWidthOrTheOnlyOne) {
  Zone z;
  EXPECT_EQ(z.chosen_width(), nullptr);
  ZoneWidth narrow;
  narrow.id = "narrow", narrow.km = 15;
  z.widths = {narrow};
  EXPECT_EQ(z.chosen_width()->km, 15);
  ZoneWidth wide = narrow;
  wide.id = "wide", wide.km = 25;
  z.widths.push_back(wide);
  EXPECT_EQ(z.chosen_width(), nullptr) << "two widths and no choice";
  z.width = "wide";
  EXPECT_EQ(z.chosen_width()->km, 25);
  z.width = "nowhere";
  EXPECT_EQ(z.chosen_width(), nullptr);
}

#include "core/registry.hpp"

#include <gtest/gtest.h>

#include "core/validate.hpp"

using namespace reassure;

namespace {
Statement said(const char* date, Position position) {
  Statement s;
  s.date = *Date::parse(date);
  s.position = position;
  s.summary = "statement";
  s.source = "https://example.org";
  return s;
}

Nation nation(const char* code, bool participant, std::vector<Statement> statements = {}) {
  Nation n;
  n.code = code;
  n.name = code;
  n.participant = participant;
  n.statements = std::move(statements);
  return n;
}

UndisclosedCommitment unnamed(const char* id, const char* date) {
  UndisclosedCommitment u;
  u.id = id;
  u.date = *Date::parse(date);
  u.summary = "one of the committed, list unpublished";
  u.source = "https://example.org/summit";
  return u;
}

// Five participants and one stakeholder: two speak publicly, three say nothing; a summit
// announces two unnamed commitments.
Scenario small_coalition() {
  Scenario s;
  s.nations = {
      nation("AA", true,
             {said("2025-03-01", Position::conditional), said("2025-09-04", Position::committed)}),
      nation("BB", true, {said("2025-09-04", Position::declined)}),
      nation("CC", true),
      nation("DD", true),
      nation("EE", true),
      nation("US", false, {said("2025-09-04", Position::backstop_unclear)})};
  s.undisclosed = {unnamed("u1", "2025-09-04"), unnamed("u2", "2025-09-04")};
  return s;
}
}  // namespace

TEST(Registry, CountsPositionsFromTheLatestStatementBeforeTheDate) {
  auto status = coalition_status(small_coalition(), *Date::parse("2025-06-01"));
  EXPECT_EQ(status.participants, 5);
  EXPECT_EQ(status.by_position[Position::conditional], 1);  // AA's March statement
  EXPECT_EQ(status.by_position[Position::undisclosed], 4);  // BB has not spoken yet
  EXPECT_EQ(status.by_position[Position::committed], 0);
  EXPECT_TRUE(status.undisclosed_counted.empty());  // the summit is later
}

TEST(Registry, UndisclosedCommitmentsTurnSilentParticipantsIntoCommittedOnes) {
  auto status = coalition_status(small_coalition(), *Date::parse("2025-09-04"));
  EXPECT_EQ(status.participants, 5);
  EXPECT_EQ(status.by_position[Position::committed], 3);  // AA + two unnamed
  EXPECT_EQ(status.by_position[Position::declined], 1);
  EXPECT_EQ(status.by_position[Position::undisclosed], 1);  // three silent, two accounted for
  EXPECT_EQ(status.undisclosed_counted.size(), 2u);
  int total = 0;
  for (auto& [position, count] : status.by_position) total += count;
  EXPECT_EQ(total, status.participants);
}

TEST(Registry, StakeholdersAreListedButNotCounted) {
  auto status = coalition_status(small_coalition(), *Date::parse("2025-09-04"));
  ASSERT_EQ(status.nations.size(), 6u);
  EXPECT_EQ(status.nations.back().code, "US");
  EXPECT_FALSE(status.nations.back().participant);
  EXPECT_EQ(status.nations.back().position, Position::backstop_unclear);
  EXPECT_EQ(status.by_position[Position::backstop_unclear], 0);
}

TEST(Registry, UndisclosedCountIsCappedWhenSilentParticipantsSpeakLater) {
  Scenario s = small_coalition();
  s.nations[2].statements.push_back(said("2026-01-06", Position::declined));
  s.nations[3].statements.push_back(said("2026-01-06", Position::undecided));
  auto status = coalition_status(s, *Date::parse("2026-01-06"));
  EXPECT_EQ(status.undisclosed_recorded, 2);
  EXPECT_EQ(status.undisclosed_counted.size(), 1u);  // only EE is still silent
  EXPECT_EQ(status.by_position[Position::committed], 2);
  EXPECT_EQ(status.by_position[Position::undisclosed], 0);
}

TEST(Validate, RejectsMoreUnnamedCommitmentsThanSilentParticipants) {
  Scenario s = small_coalition();
  s.mission.rotations = 2;
  s.undisclosed.push_back(unnamed("u3", "2025-09-04"));
  s.undisclosed.push_back(unnamed("u4", "2025-09-04"));
  auto problems = validate(s);
  ASSERT_FALSE(problems.empty());
  EXPECT_NE(problems.front().message.find("participants had no public position"),
            std::string::npos);
}

TEST(Variant, SwitchesConditionsAddsStatementsAndRemovesNations) {
  Scenario s = small_coalition();
  s.as_of = *Date::parse("2026-01-06");
  s.conditions.push_back({});
  s.conditions.back().id = "us-backstop";
  Pledge p;
  p.id = "AA-1";
  p.nation = "AA";
  s.pledges.push_back(p);
  Variant v;
  v.name = "what-if";
  v.conditions["us-backstop"] = false;
  v.rotations = 4;
  v.statements.emplace_back("CC", said("2026-01-01", Position::committed));
  v.remove_nations = {"AA"};
  s.variants.push_back(v);

  Scenario changed = apply_variant(s, "what-if");
  EXPECT_FALSE(changed.find_condition("us-backstop")->holds);
  EXPECT_EQ(changed.mission.rotations, 4);
  EXPECT_TRUE(changed.pledges.empty());
  auto status = coalition_status(changed, changed.as_of);
  EXPECT_EQ(status.nations[0].position, Position::declined);   // AA left
  EXPECT_EQ(status.nations[2].position, Position::committed);  // CC joined
  EXPECT_TRUE(s.find_condition("us-backstop")->holds);         // the base is untouched
  EXPECT_THROW(apply_variant(s, "no-such-variant"), ScenarioError);
  EXPECT_EQ(apply_variant(s, "base").pledges.size(), 1u);
}

#include "core/registry.hpp"

#include <gtest/gtest.h>

#include "core/validate.hpp"
#include "testing/positions.hpp"

using namespace reassure;

namespace {
Statement said(const char* date, const std::string& position) {
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
  u.position = "committed";
  return u;
}

// Five participants and one stakeholder: two speak publicly, three say nothing; a summit
// announces two unnamed commitments.
Scenario small_coalition() {
  Scenario s;
  s.positions = reassure::testing::coalition_positions();
  s.nations = {
      nation("AA", true, {said("2025-03-01", "conditional"), said("2025-09-04", "committed")}),
      nation("BB", true, {said("2025-09-04", "declined")}),
      nation("CC", true),
      nation("DD", true),
      nation("EE", true),
      nation("US", false, {said("2025-09-04", "backstop-unclear")})};
  s.undisclosed = {unnamed("u1", "2025-09-04"), unnamed("u2", "2025-09-04")};
  return s;
}
}  // namespace

TEST(Registry, CountsPositionsFromTheLatestStatementBeforeTheDate) {
  auto status = coalition_status(small_coalition(), *Date::parse("2025-06-01"));
  EXPECT_EQ(status.participants, 5);
  EXPECT_EQ(status.count("conditional"), 1);  // AA's March statement
  EXPECT_EQ(status.count("undisclosed"), 4);  // BB has not spoken yet
  EXPECT_EQ(status.count("committed"), 0);
  EXPECT_TRUE(status.undisclosed_counted.empty());  // the summit is later
}

TEST(Registry, UndisclosedCommitmentsTurnSilentParticipantsIntoCommittedOnes) {
  auto status = coalition_status(small_coalition(), *Date::parse("2025-09-04"));
  EXPECT_EQ(status.participants, 5);
  EXPECT_EQ(status.count("committed"), 3);  // AA + two unnamed
  EXPECT_EQ(status.count("declined"), 1);
  EXPECT_EQ(status.count("undisclosed"), 1);  // three silent, two accounted for
  EXPECT_EQ(status.undisclosed_counted.size(), 2u);
  EXPECT_EQ(status.committed, 3);
  EXPECT_EQ(status.committed_by_statement, 1);
  EXPECT_EQ(status.committed_undisclosed, 2);
  int total = 0;
  for (const auto& c : status.by_position) total += c.participants;
  EXPECT_EQ(total, status.participants);
}

TEST(Registry, StakeholdersAreListedButNotCounted) {
  auto status = coalition_status(small_coalition(), *Date::parse("2025-09-04"));
  ASSERT_EQ(status.nations.size(), 6u);
  EXPECT_EQ(status.nations.back().code, "US");
  EXPECT_FALSE(status.nations.back().participant);
  EXPECT_EQ(status.nations.back().position, "backstop-unclear");
  EXPECT_EQ(status.nations.back().standing, Standing::outside);
  // Only the positions participants can hold are counted.
  for (const auto& c : status.by_position) EXPECT_NE(c.position, "backstop-unclear");
}

TEST(Registry, UndisclosedCountIsCappedWhenSilentParticipantsSpeakLater) {
  Scenario s = small_coalition();
  s.nations[2].statements.push_back(said("2026-01-06", "declined"));
  s.nations[3].statements.push_back(said("2026-01-06", "undecided"));
  auto status = coalition_status(s, *Date::parse("2026-01-06"));
  EXPECT_EQ(status.undisclosed_recorded, 2);
  EXPECT_EQ(status.undisclosed_counted.size(), 1u);  // only EE is still silent
  EXPECT_EQ(status.count("committed"), 2);
  EXPECT_EQ(status.count("undisclosed"), 0);
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

TEST(Variant, ReplacesRecordsAddsStatementsAndRemovesNations) {
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
  Condition off = s.conditions.back();
  off.holds = false;
  v.replace().conditions.push_back(off);
  v.mission = s.mission;
  v.mission->rotations = 4;
  v.statements.emplace_back("CC", said("2026-01-01", "committed"));
  v.remove_nations = {"AA"};
  s.variants.push_back(v);

  Scenario changed = apply_variant(s, "what-if");
  EXPECT_FALSE(RecordIndex(changed.conditions, &Condition::id).find("us-backstop")->holds);
  EXPECT_EQ(changed.mission.rotations, 4);
  EXPECT_TRUE(changed.pledges.empty());
  auto status = coalition_status(changed, changed.as_of);
  auto of = [&](const std::string& code) {
    for (const auto& n : status.nations)
      if (n.code == code) return n;
    return NationStatus{};
  };
  EXPECT_EQ(of("AA").position, "former-participant");  // AA left
  EXPECT_EQ(of("AA").standing, Standing::former_participant);
  EXPECT_EQ(status.former_participants, 1);
  EXPECT_EQ(status.participants, 4);
  EXPECT_EQ(status.nations.back().code, "US");  // former participants come before outside
  EXPECT_EQ(of("CC").position, "committed");    // CC joined
  EXPECT_TRUE(RecordIndex(s.conditions, &Condition::id)
                  .find("us-backstop")
                  ->holds);  // the base is untouched
  EXPECT_THROW(apply_variant(s, "no-such-variant"), ScenarioError);
  EXPECT_EQ(apply_variant(s, "base").pledges.size(), 1u);
}

// Another operation's vocabulary: the core counts what the positions mean, not their names.
TEST(Registry, CountsFromWhatTheScenariosPositionsMean) {
  using reassure::testing::position;
  Scenario s;
  s.positions = {
      position("contributor", Standing::participant, true, true),
      position("observer", Standing::participant, false, false,
               DefaultRole::participant_without_statement),
      position("withdrawn", Standing::former_participant, false, false,
               DefaultRole::leaving_nation),
      position("party", Standing::outside, false, false),
      position("none", Standing::outside, false, false, DefaultRole::stakeholder_without_statement),
  };
  s.nations = {
      nation("NP", true, {said("1974-06-01", "contributor")}),
      nation("AT", true, {said("1974-06-01", "contributor"), said("2013-06-06", "withdrawn")}),
      nation("FJ", false, {said("2013-06-06", "contributor")}),  // joins
      nation("IL", false, {said("1974-05-31", "party")}), nation("CH", true)};
  auto before = coalition_status(s, *Date::parse("2010-01-01"));
  EXPECT_EQ(before.participants, 3);  // NP, AT, CH (silent); FJ not yet
  EXPECT_EQ(before.committed, 2);
  ASSERT_EQ(before.by_position.size(), 2u);  // contributor, observer: the vocabulary's order
  EXPECT_EQ(before.by_position[0].position, "contributor");
  EXPECT_EQ(before.by_position[1].participants, 1);
  auto after = coalition_status(s, *Date::parse("2014-01-01"));
  EXPECT_EQ(after.participants, 3);  // NP, FJ, CH
  EXPECT_EQ(after.former_participants, 1);
  EXPECT_EQ(after.committed, 2);
  EXPECT_EQ(after.nations[3].code, "AT");  // participants, then former, then outside
  EXPECT_EQ(after.nations[4].code, "IL");
}

TEST(Validate, NamesUnknownPositionsAndMissingDefaults) {
  Scenario s = small_coalition();
  s.mission.rotations = 2;
  s.nations[0].statements[0].position = "maybe";
  std::erase_if(s.positions, [](const Position& p) { return p.id == "former-participant"; });
  auto problems = validate(s);
  auto has = [&](const std::string& text) {
    return std::any_of(problems.begin(), problems.end(), [&](const Diagnostic& d) {
      return d.message.find(text) != std::string::npos;
    });
  };
  EXPECT_TRUE(has("unknown position 'maybe' (known: committed, conditional,"));
  EXPECT_TRUE(has("no position is the default for a leaving-nation"));
}

TEST(Variant, RemovesThenReplacesThenAddsEveryKindOfRecord) {
  Scenario s = small_coalition();
  for (const char* id : {"r1", "r2"}) {
    Requirement q;
    q.id = id;
    q.quantity = 1;
    s.requirements.push_back(q);
  }
  Pledge p;
  p.id = "AA-1";
  p.nation = "AA";
  p.quantity = 4;
  s.pledges.push_back(p);
  Variant v;
  v.name = "what-if";
  RecordRef dropped;
  dropped.records = "requirements";
  dropped.id = "r1";
  v.removed.push_back(dropped);
  Pledge cut = p;
  cut.quantity = 2;
  v.replace().pledges.push_back(cut);
  Requirement added;
  added.id = "r3";
  v.add().requirements.push_back(added);
  RecordRef silenced;
  silenced.records = "statements";
  silenced.id = "BB@2025-09-04";
  v.removed.push_back(silenced);
  s.variants.push_back(v);

  Scenario changed = apply_variant(s, "what-if");
  ASSERT_EQ(changed.requirements.size(), 2u);
  EXPECT_EQ(changed.requirements[0].id, "r2");
  EXPECT_EQ(changed.requirements[1].id, "r3");
  ASSERT_EQ(changed.pledges.size(), 1u);
  EXPECT_EQ(changed.pledges[0].quantity, 2);
  EXPECT_TRUE(RecordIndex(changed.nations, &Nation::code).find("BB")->statements.empty());
  EXPECT_EQ(s.pledges[0].quantity, 4);  // the base is untouched
  EXPECT_EQ(s.requirements.size(), 2u);
}

#include "core/releasability.hpp"

#include <gtest/gtest.h>

namespace reassure {
namespace {

Releasability parse(const char* text) {
  std::string problem;
  auto marking = releasability_from_string(text, problem);
  EXPECT_TRUE(marking) << text << ": " << problem;
  return marking.value_or(Releasability{});
}

std::string problem_of(const char* text) {
  std::string problem;
  EXPECT_FALSE(releasability_from_string(text, problem)) << text;
  return problem;
}

TEST(Releasability, ReadsAndWritesItsThreeForms) {
  EXPECT_EQ(parse("public").scope, ReleaseScope::everyone);
  EXPECT_EQ(parse("coalition").scope, ReleaseScope::coalition);
  auto rel = parse("rel:GB,DE,FR,DE");
  EXPECT_EQ(rel.scope, ReleaseScope::nations);
  EXPECT_EQ(rel.nations, (std::vector<std::string>{"DE", "FR", "GB"}));  // sorted, unique
  EXPECT_EQ(to_string(rel), "rel:DE,FR,GB");
  EXPECT_EQ(to_string(parse("public")), "public");
  EXPECT_EQ(to_string(Releasability{}), "coalition");  // the default
}

TEST(Releasability, RefusesWhatIsNotAMarking) {
  EXPECT_EQ(problem_of("secret"),
            "expected public, coalition or rel:CODE,CODE... (ISO 3166-1 alpha-2 codes)");
  EXPECT_EQ(problem_of("Public"),
            "expected public, coalition or rel:CODE,CODE... (ISO 3166-1 alpha-2 codes)");
  EXPECT_EQ(problem_of("rel:"),
            "'' is not an ISO 3166-1 alpha-2 country code (two capital letters)");
  EXPECT_EQ(problem_of("rel:FR,"),
            "'' is not an ISO 3166-1 alpha-2 country code (two capital letters)");
  EXPECT_EQ(problem_of("rel:fr"),
            "'fr' is not an ISO 3166-1 alpha-2 country code (two capital letters)");
  EXPECT_EQ(problem_of("rel:FRA"),
            "'FRA' is not an ISO 3166-1 alpha-2 country code (two capital letters)");
  EXPECT_EQ(problem_of("rel:FR DE"),
            "'FR DE' is not an ISO 3166-1 alpha-2 country code (two capital letters)");
  std::string many = "rel:";
  for (int i = 0; i < 65; ++i)
    many += std::string(i ? "," : "") + char('A' + i / 26) + char('A' + i % 26);
  EXPECT_EQ(problem_of(many.c_str()), "more than 64 nations");
}

TEST(Releasability, ReleasableTo) {
  Releasability everyone{ReleaseScope::everyone, {}};
  Releasability coalition{ReleaseScope::coalition, {}};
  Releasability to_de_fr{ReleaseScope::nations, {"DE", "FR"}};
  EXPECT_TRUE(releasable_to(everyone, "UA"));
  EXPECT_TRUE(releasable_to(everyone, "not a code"));  // public is public
  EXPECT_TRUE(releasable_to(coalition, "PL"));
  EXPECT_FALSE(releasable_to(coalition, "pl"));  // an invalid code gets nothing restricted
  EXPECT_FALSE(releasable_to(coalition, ""));
  EXPECT_TRUE(releasable_to(to_de_fr, "DE"));
  EXPECT_TRUE(releasable_to(to_de_fr, "FR"));
  EXPECT_FALSE(releasable_to(to_de_fr, "GB"));
  EXPECT_FALSE(releasable_to(to_de_fr, "D"));
  EXPECT_FALSE(releasable_to(to_de_fr, "DEU"));
  EXPECT_FALSE(releasable_to(Releasability{ReleaseScope::nations, {}}, "FR"));  // empty list
}

TEST(Releasability, CountryCodes) {
  EXPECT_TRUE(is_country_code("FR"));
  EXPECT_FALSE(is_country_code("Fr"));
  EXPECT_FALSE(is_country_code("F"));
  EXPECT_FALSE(is_country_code("FRA"));
  EXPECT_FALSE(is_country_code("F1"));
  EXPECT_FALSE(is_country_code("\xC3\x89U"));
}

}  // namespace
}  // namespace reassure

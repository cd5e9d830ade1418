// The scenario loader on a good small scenario (tests/io/loader/): values, defaults, sorting,
// included files, the GeoJSON line of contact, source locations; and that every problem of a
// bad file is reported at once.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "core/validate.hpp"
#include "engine/checked.hpp"
#include "forcegen/eligibility.hpp"
#include "forcegen/plan.hpp"
#include "geo/atlas.hpp"
#include "io/scenario_loader.hpp"

namespace fs = std::filesystem;
using namespace reassure;

namespace {

const fs::path kDir = fs::path(REASSURE_TEST_DATA) / "io" / "loader";

std::string file(const std::string& name) {
  return (kDir / name).string();
}

class LoaderSample : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    scenario_ = new Scenario(io::load_scenario(file("scenario.yaml")));
  }
  static void TearDownTestSuite() {
    delete scenario_;
    scenario_ = nullptr;
  }
  const Scenario& s() const { return *scenario_; }

  static const Pledge& pledge(const Scenario& s, const std::string& id) {
    auto it = std::find_if(s.pledges.begin(), s.pledges.end(),
                           [&](const Pledge& p) { return p.id == id; });
    if (it == s.pledges.end()) throw std::runtime_error("no pledge " + id);
    return *it;
  }

  static Scenario* scenario_;
};
Scenario* LoaderSample::scenario_ = nullptr;

TEST_F(LoaderSample, PassesTheWholeValidation) {
  EXPECT_TRUE(validate(s()).empty());
  EXPECT_TRUE(forcegen::unsatisfiable_caveats(s()).empty());
}

TEST_F(LoaderSample, ReadsHeaderAndMission) {
  EXPECT_EQ(s().name, "loader-sample");
  EXPECT_EQ(s().description, "two nations, two capabilities, two sites");
  EXPECT_EQ(s().file, file("scenario.yaml"));
  EXPECT_EQ(s().as_of.iso(), "2026-01-06");
  EXPECT_EQ(s().mission.start.iso(), "2026-06-01");
  EXPECT_EQ(s().mission.rotations, 3);
  EXPECT_EQ(s().mission.rotation_months, 6) << "default rotation_months";
}

TEST_F(LoaderSample, ConcatenatesListsFromIncludedFiles) {
  // The scenario file's own records first, then each included file's, in include order.
  std::vector<std::string> nations, pledges;
  for (const auto& n : s().nations) nations.push_back(n.code);
  for (const auto& p : s().pledges) pledges.push_back(p.id);
  EXPECT_EQ(nations, (std::vector<std::string>{"FR", "DE", "PL"}));
  EXPECT_EQ(pledges, (std::vector<std::string>{"P1", "P2", "P3"}));
  ASSERT_EQ(s().undisclosed.size(), 1u);
  EXPECT_EQ(s().undisclosed[0].id, "U1");
  EXPECT_EQ(s().undisclosed[0].position, "committed");
  ASSERT_EQ(s().variants.size(), 2u);
  EXPECT_EQ(s().capabilities.size(), 2u);
  EXPECT_EQ(s().sites.size(), 2u);
  EXPECT_EQ(s().requirements.size(), 2u);
  EXPECT_EQ(s().conditions.size(), 2u);
}

TEST_F(LoaderSample, RecordsPointAtTheirOwnFileAndLine) {
  const Pledge& p1 = pledge(s(), "P1");
  EXPECT_EQ(fs::path(p1.where.file).filename(), "scenario.yaml");
  EXPECT_EQ(p1.where.line, 62);
  EXPECT_EQ(p1.at("quantity").line, 65);
  const Pledge& p2 = pledge(s(), "P2");
  EXPECT_EQ(fs::path(p2.where.file).filename(), "more.yaml");
  EXPECT_EQ(p2.where.line, 11);
  EXPECT_EQ(p2.at("quantity").line, 14);
  EXPECT_EQ(p2.at("no-such-field").line, 11) << "an unknown field falls back to the record";
}

TEST_F(LoaderSample, SortsStatementsByDate) {
  const Nation* fr = RecordIndex(s().nations, &Nation::code).find("FR");
  ASSERT_NE(fr, nullptr);
  ASSERT_EQ(fr->statements.size(), 2u);
  EXPECT_EQ(fr->statements[0].date.iso(), "2025-03-01");
  EXPECT_EQ(fr->statements[0].position, "conditional");
  EXPECT_TRUE(fr->statements[0].doubtful_source);
  EXPECT_EQ(fr->statements[1].date.iso(), "2025-09-04");
  EXPECT_EQ(fr->statements[1].position, "committed");
  EXPECT_FALSE(fr->statements[1].doubtful_source) << "default doubtful";
  EXPECT_TRUE(fr->participant);
  EXPECT_EQ(fr->role, "co-lead");
  const Nation* de = RecordIndex(s().nations, &Nation::code).find("DE");
  ASSERT_NE(de, nullptr);
  EXPECT_FALSE(de->participant) << "default participant";
  EXPECT_TRUE(de->statements.empty());
  EXPECT_EQ(de->caveats.conditions, (std::vector<std::string>{"us-backstop"}));
}

TEST_F(LoaderSample, AppliesPledgeDefaults) {
  const Pledge& p1 = pledge(s(), "P1");
  EXPECT_EQ(p1.nation, "FR");
  EXPECT_EQ(p1.capability, "infantry");
  EXPECT_EQ(p1.quantity, 4);
  EXPECT_EQ(p1.available_from, 1);
  EXPECT_EQ(p1.readiness_days, 30);
  EXPECT_EQ(p1.recovery_rotations, 2);
  EXPECT_EQ(p1.basis, Basis::assumption);
  EXPECT_FALSE(p1.caveats.min_distance_km);
  EXPECT_TRUE(p1.caveats.domains.empty());
  EXPECT_TRUE(p1.caveats.countries.empty());
  EXPECT_TRUE(p1.caveats.exclude_countries.empty());
  EXPECT_TRUE(p1.caveats.conditions.empty());
}

TEST_F(LoaderSample, ReadsExplicitPledgeValuesAndCaveats) {
  const Pledge& p2 = pledge(s(), "P2");
  EXPECT_EQ(p2.quantity, 2);
  EXPECT_EQ(p2.available_from, 2);
  EXPECT_EQ(p2.readiness_days, 90);
  EXPECT_EQ(p2.recovery_rotations, 1);
  EXPECT_EQ(p2.basis, Basis::reported);
  ASSERT_TRUE(p2.caveats.min_distance_km.has_value());
  EXPECT_DOUBLE_EQ(*p2.caveats.min_distance_km, 100.0);
  EXPECT_EQ(p2.caveats.domains, (std::vector<Domain>{Domain::land}));
  EXPECT_EQ(p2.caveats.countries, (std::vector<std::string>{"UA", "PL"}));
  EXPECT_EQ(p2.caveats.exclude_countries, (std::vector<std::string>{"RU"}));
  EXPECT_EQ(p2.caveats.conditions, (std::vector<std::string>{"us-backstop"}));
}

TEST_F(LoaderSample, AppliesRequirementDefaults) {
  const Requirement& r1 = s().requirements[0];
  EXPECT_EQ(r1.id, "R1");
  EXPECT_EQ(r1.quantity, 2);
  EXPECT_EQ(r1.site, "kyiv");
  EXPECT_EQ(r1.first_rotation, 1);
  EXPECT_FALSE(r1.last_rotation.has_value());
  EXPECT_EQ(s().last_rotation(r1), 3) << "to the end of the mission";
  EXPECT_EQ(r1.priority, 3);
  EXPECT_FALSE(r1.max_readiness_days.has_value());
  EXPECT_EQ(r1.basis, Basis::assumption);

  const Requirement& r2 = s().requirements[1];
  EXPECT_EQ(r2.first_rotation, 2);
  EXPECT_EQ(r2.last_rotation, 3);
  EXPECT_EQ(r2.priority, 5);
  EXPECT_EQ(r2.max_readiness_days, 60);
  EXPECT_EQ(r2.basis, Basis::estimate);
}

TEST_F(LoaderSample, ReadsCapabilitiesSitesAndConditions) {
  const Capability* mcm = RecordIndex(s().capabilities, &Capability::id).find("mcm");
  ASSERT_NE(mcm, nullptr);
  EXPECT_EQ(mcm->domain, Domain::sea);
  EXPECT_EQ(mcm->personnel, 40);
  const Site* odesa = RecordIndex(s().sites, &Site::id).find("odesa");
  ASSERT_NE(odesa, nullptr);
  EXPECT_EQ(odesa->country, "UA");
  EXPECT_DOUBLE_EQ(odesa->lat, 46.48);
  EXPECT_DOUBLE_EQ(odesa->lon, 30.73);
  const Condition* backstop = RecordIndex(s().conditions, &Condition::id).find("us-backstop");
  ASSERT_NE(backstop, nullptr);
  EXPECT_TRUE(backstop->holds) << "default holds";
  const Condition* un = RecordIndex(s().conditions, &Condition::id).find("un-mandate");
  ASSERT_NE(un, nullptr);
  EXPECT_FALSE(un->holds);
}

TEST_F(LoaderSample, ReadsVariants) {
  const Variant* v = RecordIndex(s().variants, &Variant::name).find("no-backstop");
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(v->description, "the US stays out");
  // The first variants' keys read as patch entries: a condition and the mission changed.
  ASSERT_TRUE(v->replaced);
  ASSERT_EQ(v->replaced->conditions.size(), 1u);
  EXPECT_EQ(v->replaced->conditions[0].id, "us-backstop");
  EXPECT_FALSE(v->replaced->conditions[0].holds);
  EXPECT_EQ(v->replaced->conditions[0].description, "the United States backs the force");
  ASSERT_TRUE(v->mission.has_value());
  EXPECT_EQ(v->mission->rotations, 4);
  EXPECT_EQ(v->mission->start.iso(), "2026-06-01");
  ASSERT_TRUE(v->as_of.has_value());
  EXPECT_EQ(v->as_of->iso(), "2026-03-01");
  EXPECT_EQ(v->remove_nations, (std::vector<std::string>{"DE"}));
  ASSERT_EQ(v->statements.size(), 1u);
  EXPECT_EQ(v->statements[0].first, "DE");
  EXPECT_EQ(v->statements[0].second.position, "committed");
  EXPECT_EQ(v->statements[0].second.date.iso(), "2026-02-01");
}

// What `compare` lists, one entry per change, as the files write the values.
std::vector<std::string> listed(const Variant& v) {
  std::vector<std::string> out;
  for (const auto& c : v.changes)
    out.push_back(to_string(c.action) + " " + c.records + " " + c.id + " " + c.key + " " +
                  c.before + " -> " + c.after + " @" + std::to_string(c.where.line));
  return out;
}

TEST_F(LoaderSample, ReadsVariantPatches) {
  const Variant* v = RecordIndex(s().variants, &Variant::name).find("patched");
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(v->source, "test");
  EXPECT_EQ(
      listed(*v),
      (std::vector<std::string>{
          "removed requirements R2   ->  @52", "changed pledges P1 quantity 4 -> 2 @55",
          "changed statements FR@2025-09-04 summary will deploy -> will deploy less @58",
          "changed mission  rotation_months (not set) -> 4 @56", "added sites lviv   ->  @61"}));
  // The changed pledge is the base one with one key replaced; it points at the variant for
  // that key and at the base for the others.
  ASSERT_EQ(v->replaced->pledges.size(), 1u);
  const Pledge& p1 = v->replaced->pledges[0];
  EXPECT_EQ(p1.quantity, 2);
  EXPECT_EQ(p1.nation, "FR");
  EXPECT_EQ(fs::path(p1.at("quantity").file).filename(), "more.yaml");
  EXPECT_EQ(p1.at("quantity").line, 55);
  EXPECT_EQ(fs::path(p1.at("nation").file).filename(), "scenario.yaml");
  EXPECT_EQ(p1.at("nation").line, pledge(s(), "P1").at("nation").line);
  ASSERT_TRUE(v->mission.has_value());
  EXPECT_EQ(v->mission->rotation_months, 4);
  EXPECT_EQ(v->mission->rotations, 3);  // unchanged

  Scenario varied = apply_variant(s(), "patched");
  EXPECT_EQ(varied.requirements.size(), 1u);
  EXPECT_EQ(pledge(varied, "P1").quantity, 2);
  EXPECT_NE(RecordIndex(varied.sites, &Site::id).find("lviv"), nullptr);
  EXPECT_EQ(RecordIndex(varied.nations, &Nation::code).find("FR")->statements[1].summary,
            "will deploy less");
  EXPECT_EQ(RecordIndex(varied.nations, &Nation::code).find("FR")->statements[1].position,
            "committed");
  EXPECT_EQ(varied.mission.rotation_months, 4);
}

// Geometries are records like the others: a variant moves the line of contact to another
// file, relabels an area read from a file without ids, removes one and adds another; each
// change is listed, and so is a zone's width chosen by `zone_widths`.
TEST(LoadScenario, VariantsPatchGeometriesAndListEveryChange) {
  Scenario s = io::load_scenario(file("geometry-variants.yaml"));
  const Variant* moved = RecordIndex(s.variants, &Variant::name).find("moved");
  ASSERT_NE(moved, nullptr);
  EXPECT_EQ(listed(*moved), (std::vector<std::string>{
                                "changed geometries contact-line file contact-line.geojson -> "
                                "moved-line.geojson @16",
                                "changed geometries north label (not set) -> the northern area @17",
                                "changed zones band width narrow -> wide @18"}));
  Scenario varied = apply_variant(s, "moved");
  using Line = std::vector<std::pair<double, double>>;
  const Geometry* line = RecordIndex(varied.geometries, &Geometry::id).find(kContactLine);
  ASSERT_NE(line, nullptr);
  ASSERT_EQ(line->lines.size(), 1u);
  EXPECT_EQ(line->lines[0], (Line{{47.0, 38.0}, {51.0, 38.0}}));
  const Geometry* north = RecordIndex(varied.geometries, &Geometry::id).find("north");
  ASSERT_NE(north, nullptr);
  EXPECT_EQ(north->label, "the northern area");
  EXPECT_EQ(north->basis, Basis::estimate);  // kept from the base record
  ASSERT_EQ(north->polygons.size(), 1u);
  EXPECT_EQ(RecordIndex(varied.zones, &Zone::id).find("band")->width, "wide");
  EXPECT_EQ(RecordIndex(s.geometries, &Geometry::id).find(kContactLine)->lines.size(),
            3u);  // the base is untouched

  const Variant* reshaped = RecordIndex(s.variants, &Variant::name).find("reshaped");
  ASSERT_NE(reshaped, nullptr);
  EXPECT_EQ(listed(*reshaped), (std::vector<std::string>{"removed geometries south   ->  @21",
                                                         "added geometries both   ->  @24"}));
  std::vector<std::string> ids;
  for (const auto& g : apply_variant(s, "reshaped").geometries) ids.push_back(g.id);
  EXPECT_EQ(ids, (std::vector<std::string>{kContactLine, "north", "both"}));
  EXPECT_EQ(RecordIndex(apply_variant(s, "reshaped").geometries, &Geometry::id)
                .find("both")
                ->polygons.size(),
            2u);
}

// The checks of the base and of every variant, and the plans, share one library of shapes: a
// set of geometries is indexed once, and again only for a variant that patches it.
TEST(LoadChecked, IndexesEachDistinctSetOfGeometriesOnce) {
  geo::ShapeLibrary library;
  const std::string coalition =
      std::string(REASSURE_SOURCE_DIR) + "/scenarios/coalition/scenario.yaml";
  Scenario s = engine::load_checked(coalition, &library);
  ASSERT_GE(s.variants.size(), 10u);
  EXPECT_EQ(library.sets_built(), 1u) << "no variant of the default scenario patches a geometry";
  for (const char* variant : {"base", "two-year-mission"})
    forcegen::make_plan(apply_variant(s, variant), variant, {}, nullptr, &library);
  EXPECT_EQ(library.sets_built(), 1u);

  // The base; the line moved (changed in one variant, removed and added in another: the same
  // geometries); the base's line with a new area.
  geo::ShapeLibrary patched;
  engine::load_checked(
      std::string(REASSURE_TEST_DATA) + "/acceptance/geometry-patches/scenario.yaml", &patched);
  EXPECT_EQ(patched.sets_built(), 3u);
}

TEST_F(LoaderSample, ReadsTheLineOfContactAsTheGeometryNamedContactLine) {
  const Geometry* line = RecordIndex(s().geometries, &Geometry::id).find(kContactLine);
  ASSERT_NE(line, nullptr);
  EXPECT_EQ(line->kind, Geometry::Kind::line);
  EXPECT_EQ(fs::path(line->file).filename(), "contact-line.geojson");
  EXPECT_EQ(line->label, "test line");
  EXPECT_EQ(line->source, "hand-drawn");
  // GeoJSON positions are [longitude, latitude]; the model keeps (lat, lon).
  using Line = std::vector<std::pair<double, double>>;
  ASSERT_EQ(line->lines.size(), 3u) << "one LineString and a MultiLineString of two";
  EXPECT_EQ(line->lines[0], (Line{{47.0, 36.0}, {48.5, 37.5}}));
  EXPECT_EQ(line->lines[1], (Line{{46.5, 33.0}, {46.8, 34.0}}));
  EXPECT_EQ(line->lines[2], (Line{{50.0, 35.0}, {50.5, 35.5}, {51.0, 36.0}}));
}

TEST(LoadScenario, MissingFileIsAScenarioError) {
  try {
    io::load_scenario(file("nowhere.yaml"));
    FAIL() << "expected a ScenarioError";
  } catch (const ScenarioError& e) {
    ASSERT_EQ(e.diagnostics().size(), 1u);
    EXPECT_NE(e.diagnostics()[0].message.find("cannot open"), std::string::npos);
  }
}

// Three unrelated problems in one file: all three come back in one ScenarioError.
TEST(LoadScenario, ReportsEveryProblemNotOnlyTheFirst) {
  std::vector<Diagnostic> diagnostics;
  try {
    io::load_scenario(file("three-errors.yaml"));
    FAIL() << "expected a ScenarioError";
  } catch (const ScenarioError& e) {
    diagnostics = e.diagnostics();
  }
  std::string all;
  for (const auto& d : diagnostics) all += d.format() + "\n";
  ASSERT_EQ(diagnostics.size(), 3u) << all;
  auto has = [&](int line, const std::string& field, const std::string& message) {
    return std::any_of(diagnostics.begin(), diagnostics.end(), [&](const Diagnostic& d) {
      return d.where.line == line && d.field == field &&
             d.message.find(message) != std::string::npos &&
             fs::path(d.where.file).filename() == "three-errors.yaml";
    });
  };
  EXPECT_TRUE(has(4, "scenario.as_of", "expected a date YYYY-MM-DD, got '2026-13-01'")) << all;
  EXPECT_TRUE(has(12, "capabilities[0].colour", "unknown key 'colour'")) << all;
  EXPECT_TRUE(has(17, "pledges[0].quantity", "must be between 1 and 100000, got -3")) << all;
}

// The same for references, which validate() checks once the file has loaded.
TEST(Validate, ReportsEveryBrokenReference) {
  Scenario s = io::load_scenario(file("three-reference-errors.yaml"));
  auto diagnostics = validate(s);
  std::string all;
  for (const auto& d : diagnostics) all += d.format() + "\n";
  ASSERT_EQ(diagnostics.size(), 3u) << all;
  std::vector<std::pair<std::string, int>> got;
  for (const auto& d : diagnostics) got.emplace_back(d.field, d.where.line);
  std::sort(got.begin(), got.end());
  EXPECT_EQ(got, (std::vector<std::pair<std::string, int>>{{"pledges[P1].nation", 27},
                                                           {"pledges[P2].capability", 32},
                                                           {"requirements[R1].site", 24}}))
      << all;
}

}  // namespace

// The engine's entry points on small hand-checked scenarios (tests/acceptance/*): load from a
// path and from files in memory, validate, status, plan, compare; a reason code for each kind
// of failure; the JSON's schema version; content keys.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "engine/engine.hpp"
#include "geo/band.hpp"

namespace fs = std::filesystem;
using namespace reassure;
using engine::Code;

namespace {

std::string acceptance(const std::string& name) {
  return std::string(REASSURE_TEST_DATA) + "/acceptance/" + name + "/scenario.yaml";
}

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

// Every file of a folder, by its path inside it: what a server receives as an upload.
io::FileSet files_of(const fs::path& folder) {
  io::FileSet files;
  for (const auto& entry : fs::recursive_directory_iterator(folder))
    if (entry.is_regular_file())
      files[entry.path().lexically_relative(folder).generic_string()] = read(entry.path());
  return files;
}

io::FileSet acceptance_files(const std::string& name) {
  return files_of(fs::path(acceptance(name)).parent_path());
}

std::vector<std::string> codes(const std::vector<engine::Problem>& problems) {
  std::vector<std::string> out;
  for (const auto& p : problems) out.emplace_back(engine::code_name(p.code));
  return out;
}

// The smallest valid scenario, its nations in an included file.
io::FileSet with_include(const std::string& include) {
  io::FileSet files = acceptance_files("full-fill");
  std::string& main = files["scenario.yaml"];
  auto at = main.find("nations:");
  auto end = main.find("capabilities:");
  files["parts/nations.yaml"] = main.substr(at, end - at);
  main.erase(at, end - at);
  main += "include: [" + include + "]\n";
  return files;
}

std::shared_ptr<const engine::Loaded> loaded(const std::string& name) {
  auto result = engine::load(acceptance(name));
  EXPECT_TRUE(result.ok()) << (result.problems.empty() ? "" : result.problems[0].format());
  return result.loaded;
}

}  // namespace

TEST(EngineCodes, AreStableStrings) {
  EXPECT_EQ(engine::code_name(Code::scenario_invalid), "scenario.invalid");
  EXPECT_EQ(engine::code_name(Code::scenario_unreadable), "scenario.unreadable");
  EXPECT_EQ(engine::code_name(Code::upload_invalid), "upload.invalid");
  EXPECT_EQ(engine::code_name(Code::variant_unknown), "variant.unknown");
  EXPECT_EQ(engine::code_name(Code::variants_empty), "variants.empty");
  EXPECT_EQ(engine::code_name(Code::date_invalid), "date.invalid");
  EXPECT_EQ(engine::code_name(Code::time_limit_invalid), "time_limit.invalid");
  EXPECT_EQ(engine::code_name(Code::model_too_large), "model.too_large");
  EXPECT_EQ(engine::code_name(Code::solver_failed), "solver.failed");
  EXPECT_EQ(engine::code_name(Code::solver_time_limit), "solver.time_limit");
  EXPECT_EQ(engine::code_name(Code::solver_cancelled), "solver.cancelled");
}

// full-fill: one nation (FR), one capability, one site, one line, one pledge, no variant.
TEST(EngineLoad, FromAPathValidatesAndCounts) {
  auto result = engine::load(acceptance("full-fill"));
  ASSERT_TRUE(result.ok());
  auto v = engine::validate(result);
  EXPECT_TRUE(v.valid);
  EXPECT_EQ(v.file, acceptance("full-fill"));
  EXPECT_EQ(v.nations, 1u);
  EXPECT_EQ(v.capabilities, 1u);
  EXPECT_EQ(v.sites, 1u);
  EXPECT_EQ(v.requirements, 1u);
  EXPECT_EQ(v.pledges, 1u);
  EXPECT_EQ(v.variants, 0u);
  EXPECT_EQ(result.loaded->content.size(), 64u);
  auto json = engine::to_json(v);
  EXPECT_EQ(json["schema_version"], engine::kSchemaVersion);
  EXPECT_EQ(json["valid"], true);
  EXPECT_EQ(json["requirement_lines"], 1);
  EXPECT_TRUE(json["problems"].empty());
}

// The same files, from the disk or from memory, make the same scenario and the same content.
TEST(EngineLoad, FromMemoryWithGeoJsonMatchesTheDisk) {
  auto disk = engine::load(acceptance("geometric-caveats"));
  auto memory = engine::load(acceptance_files("geometric-caveats"));
  ASSERT_TRUE(disk.ok());
  ASSERT_TRUE(memory.ok()) << memory.problems[0].format();
  EXPECT_EQ(memory.loaded->file, "scenario.yaml");
  EXPECT_EQ(memory.loaded->content, disk.loaded->content);
  EXPECT_EQ(memory.loaded->scenario.geometries.size(), disk.loaded->scenario.geometries.size());
  EXPECT_FALSE(memory.loaded->scenario.geometries.empty());
  auto a = engine::plan(*disk.loaded), b = engine::plan(*memory.loaded);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a.plan->solution.objective, b.plan->solution.objective);
  EXPECT_EQ(a.key, b.key);
}

TEST(EngineLoad, FromMemoryReadsIncludes) {
  auto result = engine::load(with_include("parts/nations.yaml"));
  ASSERT_TRUE(result.ok()) << result.problems[0].format();
  ASSERT_EQ(result.loaded->scenario.nations.size(), 1u);
  EXPECT_EQ(result.loaded->scenario.nations[0].code, "FR");
}

// An include that climbs out of the folder, or is absolute, is refused at the line naming it,
// even when the set holds a file of that name.
TEST(EngineLoad, FromMemoryRefusesIncludesOutsideTheFolder) {
  for (std::string include : {"../x.yaml", "/etc/passwd", "parts/../../x.yaml"}) {
    auto files = with_include(include);
    auto result = engine::load(files);
    ASSERT_FALSE(result.ok()) << include;
    ASSERT_EQ(result.problems.size(), 1u) << include;
    const auto& p = result.problems[0];
    EXPECT_EQ(p.code, Code::scenario_unreadable) << include;
    EXPECT_EQ(p.where.file, "scenario.yaml");
    EXPECT_GT(p.where.line, 0);
    EXPECT_EQ(p.field, "include");
    EXPECT_NE(p.message.find("outside the scenario's folder"), std::string::npos) << p.message;
  }
}

TEST(EngineLoad, FromMemoryRefusesNamesThatAreNotPlainPaths) {
  for (std::string name :
       std::vector<std::string>{"../x.yaml", "/abs.yaml", "./a.yaml", "a//b.yaml", "a/",
                                "a\\b.yaml", "bad\xff.yaml", ""}) {
    auto files = acceptance_files("full-fill");
    files[name] = "nations: []\n";
    auto result = engine::load(files);
    ASSERT_FALSE(result.ok()) << name;
    ASSERT_EQ(codes(result.problems), std::vector<std::string>{"upload.invalid"}) << name;
    EXPECT_EQ(result.problems[0].field, "files");
  }
}

TEST(EngineLoad, FromMemoryRefusesTooManyFiles) {
  io::FileSet files = acceptance_files("full-fill");
  for (int i = 0; i < 1000; ++i) files["extra/" + std::to_string(i) + ".yaml"] = "";
  auto result = engine::load(files);
  ASSERT_EQ(codes(result.problems), std::vector<std::string>{"upload.invalid"});
  EXPECT_NE(result.problems[0].message.find("more than 1000 files"), std::string::npos);
}

TEST(EngineLoad, FromMemoryChecksSizeAndEncodingLikeTheDisk) {
  auto missing = engine::load(with_include("parts/none.yaml"));
  ASSERT_EQ(codes(missing.problems), std::vector<std::string>{"scenario.unreadable"});
  EXPECT_NE(missing.problems[0].message.find("cannot open 'parts/none.yaml'"), std::string::npos);

  auto files = with_include("parts/nations.yaml");
  files["parts/nations.yaml"] += "# caf\xc3\n";  // a character cut short on line 7
  auto bad = engine::load(files);
  ASSERT_EQ(codes(bad.problems), std::vector<std::string>{"scenario.unreadable"});
  EXPECT_EQ(bad.problems[0].where.file, "parts/nations.yaml");
  EXPECT_EQ(bad.problems[0].where.line, 7);

  files = with_include("parts/nations.yaml");
  files["parts/nations.yaml"] = std::string((16u << 20) + 1, '#');
  auto large = engine::load(files);
  ASSERT_EQ(codes(large.problems), std::vector<std::string>{"scenario.unreadable"});
  EXPECT_NE(large.problems[0].message.find("larger than the limit"), std::string::npos);

  auto no_main = engine::load(acceptance_files("full-fill"), "main.yaml");
  ASSERT_EQ(codes(no_main.problems), std::vector<std::string>{"scenario.unreadable"});
}

// A broken scenario gives the same problems (file, line, field, message) from either source,
// the disk's file names carrying the folder.
TEST(EngineLoad, ProblemsNameFileLineAndFieldFromEitherSource) {
  fs::path dir = fs::temp_directory_path() / ("reassure-engine-" + std::to_string(::getpid()));
  fs::create_directories(dir / "parts");
  auto files = with_include("parts/nations.yaml");
  auto& main = files["scenario.yaml"];
  main.replace(main.find("quantity: 6"), 11, "quantity: 0");
  files["parts/nations.yaml"] += "    colour: blue\n";
  for (const auto& [name, text] : files) std::ofstream(dir / name) << text;
  auto disk = engine::load((dir / "scenario.yaml").string());
  auto memory = engine::load(files);
  fs::remove_all(dir);
  ASSERT_FALSE(memory.ok());
  ASSERT_EQ(memory.problems.size(), disk.problems.size());
  ASSERT_EQ(memory.problems.size(), 2u);
  for (std::size_t i = 0; i < memory.problems.size(); ++i) {
    const auto &m = memory.problems[i], &d = disk.problems[i];
    EXPECT_EQ(m.code, Code::scenario_invalid);
    EXPECT_EQ(d.where.file, (dir / m.where.file).string());
    EXPECT_EQ(m.where.line, d.where.line);
    EXPECT_EQ(m.where.column, d.where.column);
    EXPECT_EQ(m.field, d.field);
    EXPECT_EQ(m.message, d.message);
  }
  // The pledge's quantity on scenario.yaml's pledges line; the unknown key in the include.
  EXPECT_EQ(memory.problems[0].where.file, "scenario.yaml");
  EXPECT_EQ(memory.problems[0].field, "pledges[0].quantity");
  EXPECT_EQ(memory.problems[1].where.file, "parts/nations.yaml");
  auto json = engine::to_json(engine::validate(memory));
  EXPECT_EQ(json["schema_version"], engine::kSchemaVersion);
  EXPECT_EQ(json["valid"], false);
  EXPECT_EQ(json["problems"][0]["code"], "scenario.invalid");
  EXPECT_EQ(json["problems"][0]["file"], "scenario.yaml");
  EXPECT_EQ(json["problems"][0]["field"], "pledges[0].quantity");
}

TEST(EngineStatus, CountsAsOfTheScenarioDateOrAnother) {
  auto scenario = loaded("declined-position");
  auto now = engine::status(*scenario);
  ASSERT_TRUE(now.ok());
  EXPECT_EQ(now.status->as_of.iso(), "2026-01-06");
  auto json = engine::to_json(now);
  EXPECT_EQ(json["schema_version"], engine::kSchemaVersion);
  EXPECT_EQ(json["as_of"], "2026-01-06");
  EXPECT_TRUE(json["problems"].empty());
  // FR committed on 2025-03-01, DE declined then: one committed now, none before.
  EXPECT_EQ(now.status->committed, 1);
  auto before = engine::status(*scenario, "2025-01-01");
  ASSERT_TRUE(before.ok());
  EXPECT_EQ(before.status->as_of.iso(), "2025-01-01");
  EXPECT_EQ(before.status->committed, 0);
}

TEST(EngineStatus, RefusesABadDate) {
  auto scenario = loaded("full-fill");
  for (std::string date : {"2025-02-30", "yesterday", "99999-01-01"}) {
    auto result = engine::status(*scenario, date);
    EXPECT_FALSE(result.ok());
    ASSERT_EQ(codes(result.problems), std::vector<std::string>{"date.invalid"}) << date;
    EXPECT_EQ(result.problems[0].field, "as_of");
    auto json = engine::to_json(result);
    EXPECT_EQ(json["schema_version"], engine::kSchemaVersion);
    EXPECT_EQ(json["problems"][0]["code"], "date.invalid");
  }
  EXPECT_TRUE(engine::check_date("2025-02-29").has_value());  // not a leap year
  EXPECT_FALSE(engine::check_date("2024-02-29").has_value());
}

// exclude-countries: P1 may not serve in UA, so R-UA is short a unit in both rotations (no
// eligible pledge, the host country excluded); R-PL is filled. Fill 2 of 4.
TEST(EnginePlan, ShortfallsCarryReasonCodes) {
  auto result = engine::plan(*loaded("exclude-countries"));
  ASSERT_TRUE(result.ok());
  EXPECT_TRUE(result.problems.empty());
  EXPECT_DOUBLE_EQ(result.plan->total.rate(), 0.5);
  ASSERT_EQ(result.plan->shortfalls.size(), 2u);
  for (const auto& s : result.plan->shortfalls) {
    EXPECT_EQ(s.requirement, "R-UA");
    EXPECT_EQ(s.code, "no_eligible_pledge");
    EXPECT_EQ(s.cause, "country");
  }
  auto json = engine::to_json(result);
  EXPECT_EQ(json["schema_version"], engine::kSchemaVersion);
  EXPECT_TRUE(json["problems"].empty());
  EXPECT_EQ(json["forcegen"]["shortfalls"][0]["code"], "no_eligible_pledge");
  EXPECT_EQ(json["forcegen"]["shortfalls"][0]["cause"], "country");
  EXPECT_EQ(json["forcegen"]["status"], "optimal");
}

// declined-position: P-DE is left out (DE declined), P-FR's one unit a rotation is exhausted.
TEST(EnginePlan, ExclusionsAndExhaustedPledgesCarryCodes) {
  auto result = engine::plan(*loaded("declined-position"));
  ASSERT_TRUE(result.ok());
  ASSERT_EQ(result.plan->excluded.size(), 1u);
  EXPECT_EQ(result.plan->excluded[0].pledge, "P-DE");
  EXPECT_EQ(result.plan->excluded[0].code, "position");
  ASSERT_EQ(result.plan->shortfalls.size(), 2u);
  EXPECT_EQ(result.plan->shortfalls[0].code, "pledges_exhausted");
  EXPECT_EQ(result.plan->shortfalls[0].cause, "");
  auto json = engine::to_json(result);
  EXPECT_EQ(json["forcegen"]["excluded"][0]["code"], "position");
  EXPECT_TRUE(json["forcegen"]["shortfalls"][0]["cause"].is_null());
}

TEST(EnginePlan, RefusesAnUnknownVariantAndABadTimeLimit) {
  auto scenario = loaded("declined-position");
  auto unknown = engine::plan(*scenario, "nope");
  EXPECT_FALSE(unknown.ok());
  EXPECT_FALSE(unknown.plan);
  ASSERT_EQ(codes(unknown.problems), std::vector<std::string>{"variant.unknown"});
  EXPECT_EQ(unknown.problems[0].message, "unknown variant 'nope' (known: base, germany-commits)");
  EXPECT_EQ(unknown.problems[0].field, "variant");
  for (double seconds : {0.0, -1.0, 86400.5, std::nan("")}) {
    engine::PlanOptions options;
    options.time_limit_seconds = seconds;
    auto result = engine::plan(*scenario, "base", options);
    ASSERT_EQ(codes(result.problems), std::vector<std::string>{"time_limit.invalid"}) << seconds;
    EXPECT_EQ(engine::to_json(result)["problems"][0]["field"], "time_limit");
  }
}

// declined-position: base fills 2 of 4; germany-commits (DE committed) fills all 4.
TEST(EngineCompare, PlansTheVariantsInOrder) {
  auto scenario = loaded("declined-position");
  std::vector<std::string> told;
  engine::PlanOptions options;
  options.on_progress = [&](const engine::Progress& p) {
    told.push_back(p.variant + " " + std::to_string(p.variant_index) + "/" +
                   std::to_string(p.variants));
  };
  auto result = engine::compare(*scenario, {"base", "germany-commits"}, options);
  ASSERT_TRUE(result.ok());
  ASSERT_EQ(result.plans.size(), 2u);
  EXPECT_DOUBLE_EQ(result.plans[0].total.rate(), 0.5);
  EXPECT_DOUBLE_EQ(result.plans[1].total.rate(), 1.0);
  ASSERT_FALSE(told.empty());
  EXPECT_EQ(told.front(), "base 0/2");
  EXPECT_EQ(told.back(), "germany-commits 1/2");
  auto json = engine::to_json(result);
  EXPECT_EQ(json["schema_version"], engine::kSchemaVersion);
  EXPECT_EQ(json["compare"][1]["variant"], "germany-commits");
  EXPECT_EQ(json["compare"][1]["against"], "base");
}

TEST(EngineCompare, RefusesNoVariantAndUnknownOnes) {
  auto scenario = loaded("declined-position");
  auto none = engine::compare(*scenario, {});
  EXPECT_EQ(codes(none.problems), std::vector<std::string>{"variants.empty"});
  auto unknown = engine::compare(*scenario, {"base", "x", "y"});
  EXPECT_EQ(codes(unknown.problems),
            (std::vector<std::string>{"variant.unknown", "variant.unknown"}));
  EXPECT_TRUE(unknown.plans.empty());
  EXPECT_EQ(engine::to_json(unknown)["problems"].size(), 2u);
}

// The key changes with the files' bytes, the variant and the time limit, and with nothing else.
TEST(EngineKey, FollowsContentVariantAndOptions) {
  auto a = engine::load(acceptance_files("declined-position"));
  auto b = engine::load(acceptance_files("declined-position"));
  auto files = acceptance_files("declined-position");
  files["scenario.yaml"] += "# a comment changes the bytes\n";
  auto c = engine::load(files);
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  engine::PlanOptions options, longer;
  longer.time_limit_seconds = 61;
  auto key = engine::plan_key(*a.loaded, "base", options);
  EXPECT_EQ(key.size(), 64u);
  EXPECT_EQ(key, engine::plan_key(*b.loaded, "base", options));
  EXPECT_NE(key, engine::plan_key(*c.loaded, "base", options));
  EXPECT_NE(key, engine::plan_key(*a.loaded, "germany-commits", options));
  EXPECT_NE(key, engine::plan_key(*a.loaded, "base", longer));
  EXPECT_NE(key, engine::compare_key(*a.loaded, {"base"}, options));
  EXPECT_NE(engine::compare_key(*a.loaded, {"base", "germany-commits"}, options),
            engine::compare_key(*a.loaded, {"germany-commits", "base"}, options));
  EXPECT_EQ(engine::plan(*a.loaded, "base", options).key, key);
  // A file the scenario does not read is not part of its content.
  files = acceptance_files("declined-position");
  files["notes.txt"] = "not read";
  auto d = engine::load(files);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d.loaded->content, a.loaded->content);
}

// tests/io/good/minimal.yaml at the validator's largest values: a plan that could be worth more
// than a double holds exactly is refused, never rounded (the figures in the message).
TEST(EnginePlan, APlanBeyondExactArithmeticIsModelTooLarge) {
  std::string text = read(std::string(REASSURE_TEST_DATA) + "/io/good/minimal.yaml");
  auto set = [&](const std::string& from, const std::string& to) {
    auto at = text.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    text.replace(at, from.size(), to);
  };
  set("rotations: 2", "rotations: 100");
  set("personnel: 150", "personnel: 100000");
  set("quantity: 1\n    site: kyiv", "quantity: 100000\n    site: kyiv\n    priority: 5");
  std::string pledges;
  for (int p = 0; p < 100; ++p)
    pledges += "  - {id: P" + std::to_string(p + 2) +
               ", nation: FR, capability: infantry, quantity: 100000, readiness_days: 3650}\n";
  set("conditions:\n", pledges + "conditions:\n");
  auto scenario = engine::load(io::FileSet{{"scenario.yaml", text}});
  ASSERT_TRUE(scenario.ok()) << scenario.problems[0].format();
  auto result = engine::plan(*scenario.loaded);
  EXPECT_FALSE(result.ok());
  EXPECT_FALSE(result.plan);
  ASSERT_EQ(codes(result.problems), std::vector<std::string>{"model.too_large"});
  EXPECT_NE(result.problems[0].message.find("beyond 2^53"), std::string::npos);
  auto compared = engine::compare(*scenario.loaded, {"base"});
  EXPECT_TRUE(compared.plans.empty());
  EXPECT_EQ(codes(compared.problems), std::vector<std::string>{"model.too_large"});
}

TEST(EngineValidate, NamesTheFileAskedForEvenWhenNothingCouldBeRead) {
  auto v = engine::validate(engine::load(std::string(REASSURE_TEST_DATA) + "/no/such.yaml"));
  EXPECT_FALSE(v.valid);
  EXPECT_EQ(v.file, std::string(REASSURE_TEST_DATA) + "/no/such.yaml");
  EXPECT_EQ(codes(v.problems), std::vector<std::string>{"scenario.unreadable"});
  auto upload = engine::validate(engine::load(io::FileSet{{"../x.yaml", ""}}, "x.yaml"));
  EXPECT_EQ(upload.file, "x.yaml");
  EXPECT_EQ(codes(upload.problems), std::vector<std::string>{"upload.invalid"});
}

// The shipped scenario's zones drawn for a map (engine::theatre) hold the points the planners
// count inside (Atlas::in_zone) along the whole 2026 line, the projection's error included:
// points more than 0.5 km from a band's edge are on the same side of it in both.
TEST(Engine, TheTheatresZonesAgreeWithTheAtlasAlongTheWholeLine) {
  auto loaded =
      engine::load(std::string(REASSURE_SOURCE_DIR) + "/scenarios/coalition/scenario.yaml");
  ASSERT_TRUE(loaded.ok());
  const Scenario& scenario = loaded.loaded->scenario;
  geo::Atlas atlas(scenario);
  int checked = 0;
  for (const auto& zone : scenario.zones) {
    if (zone.along.empty()) continue;
    auto polygons = geo::zone_polygons(scenario, zone);
    ASSERT_TRUE(polygons.has_value()) << zone.id;
    double km = zone.chosen_width()->km;
    for (double lat = 44.0; lat <= 52.5; lat += 0.1)
      for (double lon = 30.0; lon <= 41.0; lon += 0.1) {
        double d = *atlas.distance_km(zone.along, lat, lon);
        if (std::abs(d - km) < 0.5) continue;
        EXPECT_EQ(geo::contains(*polygons, lat, lon), *atlas.in_zone(zone.id, lat, lon))
            << zone.id << " at " << lat << "," << lon << " d=" << d;
        ++checked;
      }
  }
  EXPECT_GT(checked, 10000);
}

// RFC 7946 §3.1.6: every ring closed, outer rings counter-clockwise and holes clockwise, in
// [longitude, latitude] order, whichever way the scenario's files wrote them.
TEST(Engine, TheTheatresPolygonsFollowTheRightHandRule) {
  auto loaded =
      engine::load(std::string(REASSURE_SOURCE_DIR) + "/scenarios/coalition/scenario.yaml");
  ASSERT_TRUE(loaded.ok());
  auto theatre = engine::theatre(*loaded.loaded);
  ASSERT_TRUE(theatre.ok());
  int rings = 0;
  for (const auto& feature : (*theatre.geojson)["features"]) {
    const auto& geometry = feature["geometry"];
    if (geometry.is_null() || (geometry["type"] != "Polygon" && geometry["type"] != "MultiPolygon"))
      continue;
    auto polygons = geometry["type"] == "Polygon" ? nlohmann::json::array({geometry["coordinates"]})
                                                  : geometry["coordinates"];
    for (const auto& polygon : polygons)
      for (std::size_t r = 0; r < polygon.size(); ++r) {
        const auto& ring = polygon[r];
        ASSERT_GE(ring.size(), 4u);
        EXPECT_EQ(ring.front(), ring.back()) << feature["id"];
        double twice_area = 0;  // shoelace, positive counter-clockwise (x longitude, y latitude)
        for (std::size_t i = 0; i + 1 < ring.size(); ++i)
          twice_area += ring[i][0].get<double>() * ring[i + 1][1].get<double>() -
                        ring[i + 1][0].get<double>() * ring[i][1].get<double>();
        EXPECT_EQ(twice_area > 0, r == 0) << feature["id"] << " ring " << r;
        // Longitude first: the theatre lies within 22-41°E and 43-53°N.
        EXPECT_GT(ring[0][0].get<double>(), 22);
        EXPECT_LT(ring[0][1].get<double>(), 53);
        ++rings;
      }
  }
  EXPECT_GE(rings, 6);  // the area, its zone and four bands
}

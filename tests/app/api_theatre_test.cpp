// The theatre's GeoJSON through HTTP on both backends: the real coalition scenario's lines, zones
// and sites as a map reads them, a variant's, and a hidden version answered as a missing one.
#include <gmock/gmock.h>

#include <filesystem>

#include "app/api_fixture.hpp"

namespace reassure::api_test {
namespace {

const std::filesystem::path kCoalition =
    std::filesystem::path(REASSURE_SOURCE_DIR) / "scenarios" / "coalition";

using ::testing::HasSubstr;

class TheatreApiTest : public ApiTest {};

const nlohmann::json* feature(const nlohmann::json& collection, const std::string& id) {
  for (const auto& f : collection["features"])
    if (f["id"] == id) return &f;
  return nullptr;
}

TEST_P(TheatreApiTest, TheTheatreIsTheVersionsGeometriesZonesAndSitesAsGeoJson) {
  ASSERT_EQ(upload("coalition", folder_files(kCoalition), fr_planner).status, 201);
  std::map<std::string, std::string> v1{{"name", "coalition"}, {"version", "1"}};
  auto theatre = server.get("/scenarios/{name}/versions/{version}/theatre", v1, de_observer);
  ASSERT_EQ(theatre.status, 200) << theatre.body;
  const auto& json = theatre.json;
  EXPECT_EQ(json["type"], "FeatureCollection");
  EXPECT_EQ(json["scenario"], json["name"]);
  EXPECT_EQ(json["variant"], "base");
  // The contact line, lon/lat: the line runs through Ukraine (22-41°E, 44-53°N).
  const auto* line = feature(json, "line:contact-line");
  ASSERT_NE(line, nullptr);
  EXPECT_EQ((*line)["properties"]["kind"], "line");
  auto first = (*line)["geometry"]["type"] == "LineString"
                   ? (*line)["geometry"]["coordinates"][0]
                   : (*line)["geometry"]["coordinates"][0][0];
  EXPECT_GT(first[0].get<double>(), 22);
  EXPECT_LT(first[0].get<double>(), 41);
  EXPECT_GT(first[1].get<double>(), 44);
  EXPECT_LT(first[1].get<double>(), 53);
  // The buffer zone: its chosen width and a closed polygon.
  const auto* zone = feature(json, "zone:buffer-zone");
  ASSERT_NE(zone, nullptr);
  EXPECT_EQ((*zone)["properties"]["width"], "minsk-memorandum-2014");
  EXPECT_EQ((*zone)["properties"]["width_km"], 15);
  EXPECT_EQ((*zone)["properties"]["side"], "both");
  EXPECT_THAT((*zone)["properties"]["limits"].get<std::string>(), HasSubstr("UA from 2026-06-01"));
  const auto& geometry = (*zone)["geometry"];
  ASSERT_TRUE(geometry.is_object());
  const auto& ring =
      geometry["type"] == "Polygon" ? geometry["coordinates"][0] : geometry["coordinates"][0][0];
  EXPECT_GT(ring.size(), 100u);
  EXPECT_EQ(ring.front(), ring.back());
  // Every site, as a point.
  std::size_t sites = 0;
  for (const auto& f : json["features"])
    if (f["properties"]["kind"] == "site") {
      EXPECT_EQ(f["geometry"]["type"], "Point");
      ++sites;
    }
  EXPECT_GT(sites, 10u);
  const auto* kyiv = feature(json, "site:kyiv-hq");
  ASSERT_NE(kyiv, nullptr);
  EXPECT_EQ((*kyiv)["geometry"]["coordinates"], nlohmann::json::array({30.523, 50.45}));
}

TEST_P(TheatreApiTest, TheTheatreOfAVariantAndItsMistakes) {
  ASSERT_EQ(upload("coalition", folder_files(kCoalition), fr_planner).status, 201);
  std::map<std::string, std::string> v1{{"name", "coalition"}, {"version", "1"}};
  const std::string route = "/scenarios/{name}/versions/{version}/theatre";
  auto variant = server.get(route, v1, de_observer, "variant=black-sea-littorals");
  ASSERT_EQ(variant.status, 200) << variant.body;
  EXPECT_EQ(variant.json["variant"], "black-sea-littorals");
  auto unknown = server.get(route, v1, de_observer, "variant=nothere");
  EXPECT_EQ(unknown.status, 422);
  EXPECT_EQ(unknown.error_code(), "variant.unknown");
  EXPECT_EQ(unknown.json["error"]["field"], "variant");
  auto empty = server.get(route, v1, de_observer, "variant=");
  EXPECT_EQ(empty.status, 400);
  EXPECT_EQ(empty.json["error"]["field"], "variant");
  auto typo = server.get(route, v1, de_observer, "variants=base");
  EXPECT_EQ(typo.status, 400);
  EXPECT_EQ(typo.error_code(), "field.unknown");
  auto missing = server.get(route, {{"name", "coalition"}, {"version", "2"}}, de_observer);
  EXPECT_EQ(missing.status, 404);
}

INSTANTIATE_TEST_SUITE_P(Backends, TheatreApiTest,
                         ::testing::Values(store::Backend::sqlite, store::Backend::postgresql),
                         backend_test_name);

}  // namespace
}  // namespace reassure::api_test

// The API's OpenAPI 3 document (api/openapi.json, built in) and the checks that keep it true:
// every route the server answers is documented with its method, and every documented path is
// answered (tests/server/openapi_test.cpp runs them on the server's whole route table).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace reassure::server {

struct Route;

const std::string& openapi_document();

// "GET /scenarios/{name}" for each route the server answers that the document lacks.
std::vector<std::string> undocumented_routes(const std::vector<Route>& routes,
                                             const nlohmann::json& document);
// The same for each documented operation that no route answers.
std::vector<std::string> unserved_operations(const std::vector<Route>& routes,
                                             const nlohmann::json& document);
// "GET /path" for each route whose access disagrees with the document: a route anyone may
// call must say `"security": []`, every other must not (it then needs the bearer token).
std::vector<std::string> access_mismatches(const std::vector<Route>& routes,
                                           const nlohmann::json& document);
// Each "$ref" in the document that names nothing in it.
std::vector<std::string> dangling_references(const nlohmann::json& document);

}  // namespace reassure::server

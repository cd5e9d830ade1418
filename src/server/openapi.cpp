#include "server/openapi.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include "server/http_server.hpp"

namespace reassure::server {

namespace {

std::string lower(std::string text) {
  for (auto& c : text) c = char(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

std::set<std::string> documented(const nlohmann::json& document) {
  std::set<std::string> operations;
  for (const auto& [path, item] : document.at("paths").items())
    for (const auto& [method, operation] : item.items())
      operations.insert(lower(method) + " " + path);
  return operations;
}

void collect_references(const nlohmann::json& value, const nlohmann::json& document,
                        std::vector<std::string>& out) {
  if (value.is_object()) {
    for (const auto& [key, item] : value.items()) {
      if (key == "$ref" && item.is_string()) {
        const auto& ref = item.get_ref<const std::string&>();
        bool found = ref.rfind("#/", 0) == 0 &&
                     document.contains(nlohmann::json::json_pointer(ref.substr(1)));
        if (!found) out.push_back(ref);
      } else {
        collect_references(item, document, out);
      }
    }
  } else if (value.is_array()) {
    for (const auto& item : value) collect_references(item, document, out);
  }
}

}  // namespace

std::vector<std::string> undocumented_routes(const std::vector<Route>& routes,
                                             const nlohmann::json& document) {
  auto operations = documented(document);
  std::vector<std::string> out;
  for (const auto& route : routes)
    if (!operations.contains(lower(route.method) + " " + route.path))
      out.push_back(route.method + " " + route.path);
  return out;
}

std::vector<std::string> unserved_operations(const std::vector<Route>& routes,
                                             const nlohmann::json& document) {
  std::set<std::string> served;
  for (const auto& route : routes) served.insert(lower(route.method) + " " + route.path);
  std::vector<std::string> out;
  for (const auto& operation : documented(document))
    if (!served.contains(operation)) out.push_back(operation);
  return out;
}

std::vector<std::string> access_mismatches(const std::vector<Route>& routes,
                                           const nlohmann::json& document) {
  std::vector<std::string> out;
  const auto& paths = document.at("paths");
  for (const auto& route : routes) {
    auto item = paths.find(route.path);
    if (item == paths.end()) continue;  // undocumented_routes names it
    auto operation = item->find(lower(route.method));
    if (operation == item->end()) continue;
    auto security = operation->find("security");
    bool open = security != operation->end() && security->is_array() && security->empty();
    if (open != (route.access == Access::anyone)) out.push_back(route.method + " " + route.path);
  }
  return out;
}

std::vector<std::string> dangling_references(const nlohmann::json& document) {
  std::vector<std::string> out;
  collect_references(document, document, out);
  return out;
}

}  // namespace reassure::server

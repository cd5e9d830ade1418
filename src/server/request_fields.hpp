// Reading a request's JSON object field by field: each value checked for its type and range,
// each missing required field and each field the route does not know refused with the field's
// path in the error (a typo must not be silently ignored).
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace reassure::server {

class ObjectFields {
 public:
  // `path` names the object in errors ("" for the body itself, else e.g. "pledges[2]").
  explicit ObjectFields(const nlohmann::json& object, std::string path = {});

  // Each throws ApiError 400 (code field.missing, field.type or field.range) naming the field.
  std::optional<std::string> text(const std::string& name, std::size_t max_bytes = 200);
  std::string required_text(const std::string& name, std::size_t max_bytes = 200);
  std::optional<std::int64_t> integer(const std::string& name, std::int64_t min, std::int64_t max);
  std::optional<bool> boolean(const std::string& name);
  // An array of short strings, at most `max_items` of them.
  std::optional<std::vector<std::string>> texts(const std::string& name, std::size_t max_items,
                                                std::size_t max_bytes = 200);
  // A nested object or array, as it is (its reader checks it).
  const nlohmann::json* value(const std::string& name);

  // Throws ApiError 400 (field.unknown) for the first field no call above asked for.
  void done() const;

  std::string path_of(const std::string& name) const;

 private:
  const nlohmann::json* find(const std::string& name);

  const nlohmann::json& object_;
  std::string path_;
  std::set<std::string> known_;
};

}  // namespace reassure::server

#include "server/request_fields.hpp"

#include "core/diagnostic.hpp"
#include "server/api_error.hpp"

namespace reassure::server {

nlohmann::json error_body(const std::string& code, const std::string& message,
                          const std::string& field) {
  nlohmann::json error{{"code", code}, {"message", message}};
  if (!field.empty()) error["field"] = field;
  return {{"error", error}};
}

ObjectFields::ObjectFields(const nlohmann::json& object, std::string path)
    : object_(object), path_(std::move(path)) {
  if (!object_.is_object())
    throw ApiError(400, "field.type", "expected a JSON object", path_.empty() ? "body" : path_);
}

std::string ObjectFields::path_of(const std::string& name) const {
  return path_.empty() ? name : path_ + "." + name;
}

const nlohmann::json* ObjectFields::find(const std::string& name) {
  known_.insert(name);
  auto it = object_.find(name);
  // null is not "absent": a client that sends null for a number has a bug worth hearing about.
  return it == object_.end() ? nullptr : &*it;
}

std::optional<std::string> ObjectFields::text(const std::string& name, std::size_t max_bytes) {
  const auto* value = find(name);
  if (!value) return std::nullopt;
  if (!value->is_string()) throw ApiError(400, "field.type", "expected a string", path_of(name));
  const auto& text = value->get_ref<const std::string&>();
  if (text.size() > max_bytes)
    throw ApiError(400, "field.range",
                   "longer than " + std::to_string(max_bytes) + " bytes: " + excerpt(text),
                   path_of(name));
  return text;
}

std::string ObjectFields::required_text(const std::string& name, std::size_t max_bytes) {
  auto value = text(name, max_bytes);
  if (!value) throw ApiError(400, "field.missing", "required", path_of(name));
  if (value->empty()) throw ApiError(400, "field.range", "must not be empty", path_of(name));
  return *value;
}

std::optional<std::int64_t> ObjectFields::integer(const std::string& name, std::int64_t min,
                                                  std::int64_t max) {
  const auto* value = find(name);
  if (!value) return std::nullopt;
  // nlohmann keeps integers written without a fraction or exponent as integers; 2.0 is not one.
  if (!value->is_number_integer())
    throw ApiError(400, "field.type", "expected an integer", path_of(name));
  // Unsigned first: a number above INT64_MAX must not wrap into range.
  bool in_range;
  if (value->is_number_unsigned()) {
    auto units = value->get<std::uint64_t>();
    in_range = max >= 0 && units <= std::uint64_t(max) && (min <= 0 || units >= std::uint64_t(min));
  } else {
    auto units = value->get<std::int64_t>();
    in_range = units >= min && units <= max;
  }
  if (!in_range)
    throw ApiError(400, "field.range",
                   "expected an integer from " + std::to_string(min) + " to " + std::to_string(max),
                   path_of(name));
  return value->get<std::int64_t>();
}

std::optional<bool> ObjectFields::boolean(const std::string& name) {
  const auto* value = find(name);
  if (!value) return std::nullopt;
  if (!value->is_boolean())
    throw ApiError(400, "field.type", "expected true or false", path_of(name));
  return value->get<bool>();
}

std::optional<std::vector<std::string>> ObjectFields::texts(const std::string& name,
                                                            std::size_t max_items,
                                                            std::size_t max_bytes) {
  const auto* value = find(name);
  if (!value) return std::nullopt;
  if (!value->is_array())
    throw ApiError(400, "field.type", "expected an array of strings", path_of(name));
  if (value->size() > max_items)
    throw ApiError(400, "field.range", "more than " + std::to_string(max_items) + " items",
                   path_of(name));
  std::vector<std::string> out;
  for (std::size_t i = 0; i < value->size(); ++i) {
    const auto& item = (*value)[i];
    std::string where = path_of(name) + "[" + std::to_string(i) + "]";
    if (!item.is_string()) throw ApiError(400, "field.type", "expected a string", where);
    const auto& text = item.get_ref<const std::string&>();
    if (text.size() > max_bytes)
      throw ApiError(400, "field.range", "longer than " + std::to_string(max_bytes) + " bytes",
                     where);
    out.push_back(text);
  }
  return out;
}

const nlohmann::json* ObjectFields::value(const std::string& name) {
  return find(name);
}

void ObjectFields::done() const {
  for (const auto& [key, value] : object_.items())
    if (!known_.contains(key))
      throw ApiError(400, "field.unknown", "not a field of this request: " + excerpt(key),
                     path_of(key));
}

}  // namespace reassure::server

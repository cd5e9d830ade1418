// The bytes are the body of an API request: read by the server's bounded JSON reader, then
// field by field as a route reads its request (strings, integers, booleans, lists, nested
// objects, unknown fields). Every refusal must be a JsonError or an ApiError with a 4xx status
// and a code; a crash, a sanitizer finding, a hang or any other exception is a bug.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "io/json_reader.hpp"
#include "server/api_error.hpp"
#include "server/request_fields.hpp"

namespace {

void read_like_a_route(const nlohmann::json& body) {
  using reassure::server::ObjectFields;
  ObjectFields fields(body);
  static_cast<void>(fields.text("name", 200));
  static_cast<void>(fields.integer("count", -5, 1'000'000));
  static_cast<void>(fields.boolean("dry_run"));
  static_cast<void>(fields.texts("nations", 50, 3));
  if (const auto* nested = fields.value("variant"); nested && nested->is_object()) {
    ObjectFields inner(*nested, "variant");
    static_cast<void>(inner.required_text("name", 64));
    inner.done();
  }
  fields.done();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  reassure::io::JsonLimits limits;
  limits.max_values = 5'000;  // keeps each run short; the bounds themselves are tested
  try {
    read_like_a_route(reassure::io::read_json(text, "body", limits));
  } catch (const reassure::io::JsonError& e) {
    if (std::string_view(e.what()).empty()) __builtin_trap();
  } catch (const reassure::server::ApiError& e) {
    if (e.status() < 400 || e.status() > 499 || e.code().empty()) __builtin_trap();
  }
  return 0;
}

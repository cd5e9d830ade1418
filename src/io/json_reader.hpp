// JSON from outside (API request bodies, report lines) read with bounded effort: size, nesting
// and the number of values are capped while parsing, NaN, infinities and numbers beyond a double
// are refused (JSON has none), text must be UTF-8, and a key given twice in one object is an
// error rather than a silent "last one wins". Every refusal names the line and column.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <string_view>

#include "core/diagnostic.hpp"

namespace reassure::io {

struct JsonLimits {
  std::size_t max_bytes = std::size_t(1) << 20;
  int max_depth = 32;                // nested arrays and objects
  std::size_t max_values = 200'000;  // every value, key and container counts one
  std::size_t max_string_bytes = std::size_t(64) << 10;
};

// A text that is not acceptable JSON; `where` is its line and column in the text.
class JsonError : public std::runtime_error {
 public:
  JsonError(SourceLocation where, const std::string& message)
      : std::runtime_error(message), where_(std::move(where)) {}
  const SourceLocation& where() const { return where_; }

 private:
  SourceLocation where_;
};

// Parses `text` (called `name` in messages) or throws JsonError.
nlohmann::json read_json(std::string_view text, const std::string& name,
                         const JsonLimits& limits = {});

}  // namespace reassure::io

#include "io/json_reader.hpp"

#include <cctype>
#include <set>
#include <vector>

#include "io/text_file.hpp"

namespace reassure::io {

namespace {

// Stops the parse (by throwing) as soon as a bound is crossed, before anything more is built:
// nlohmann's callback parser is iterative, so depth costs no stack, only what is kept.
class Bounds {
 public:
  Bounds(const JsonLimits& limits, const std::string& name) : limits_(limits), name_(name) {}

  bool event(int depth, nlohmann::json::parse_event_t event, nlohmann::json& value) {
    using Event = nlohmann::json::parse_event_t;
    if (++values_ > limits_.max_values)
      fail("more than " + std::to_string(limits_.max_values) + " JSON values");
    if (depth > limits_.max_depth)
      fail("nested deeper than " + std::to_string(limits_.max_depth) + " levels");
    switch (event) {
      case Event::object_start:
        keys_.emplace_back();
        break;
      case Event::object_end:
        if (!keys_.empty()) keys_.pop_back();
        break;
      case Event::key: {
        const auto& key = value.get_ref<const std::string&>();
        if (!keys_.empty() && !keys_.back().insert(key).second)
          fail("key " + excerpt(key) + " appears twice in one object");
        check_string(key);
        break;
      }
      case Event::value:
        if (value.is_string()) check_string(value.get_ref<const std::string&>());
        break;
      default:
        break;
    }
    return true;
  }

 private:
  void check_string(const std::string& text) {
    if (text.size() > limits_.max_string_bytes)
      fail("a string longer than " + std::to_string(limits_.max_string_bytes) + " bytes");
  }
  [[noreturn]] void fail(const std::string& message) {
    // The callback does not know the offset; the whole text is the honest location.
    throw JsonError({name_, 0, 0}, message);
  }

  const JsonLimits& limits_;
  const std::string& name_;
  std::size_t values_ = 0;
  std::vector<std::set<std::string>> keys_;
};

// nlohmann's byte offset (one past the failing character) as line and column.
SourceLocation offset_location(const std::string& name, std::string_view text, std::size_t byte) {
  return locate(name, text, byte > 0 ? byte - 1 : 0);
}

// Whether the token that failed (at `at`, or one before for a sign) spells NaN or an infinity.
bool names_nan_or_infinity(std::string_view text, std::size_t at) {
  auto spells = [&](std::size_t from) {
    std::string word;
    for (std::size_t i = from; i < text.size() && word.size() < 4; ++i)
      word += char(std::tolower(static_cast<unsigned char>(text[i])));
    return word.rfind("nan", 0) == 0 || word.rfind("inf", 0) == 0 || word.rfind("-inf", 0) == 0;
  };
  return spells(at) || (at > 0 && spells(at - 1));
}

}  // namespace

nlohmann::json read_json(std::string_view text, const std::string& name, const JsonLimits& limits) {
  if (text.size() > limits.max_bytes)
    throw JsonError({name, 0, 0}, "larger than " + std::to_string(limits.max_bytes) + " bytes");
  if (auto bad = invalid_utf8_at(text); bad != std::string_view::npos)
    throw JsonError(locate(name, text, bad), "not valid UTF-8 (or a NUL byte) here");
  Bounds bounds(limits, name);
  try {
    return nlohmann::json::parse(
        text.begin(), text.end(),
        [&bounds](int depth, nlohmann::json::parse_event_t event, nlohmann::json& value) {
          return bounds.event(depth, event, value);
        });
  } catch (const nlohmann::json::parse_error& e) {
    std::string message = e.what();
    // "[json.exception.parse_error.101] parse error at line 1, column 5: syntax error ..."
    if (auto colon = message.find(": "); colon != std::string::npos)
      message = message.substr(colon + 2);
    auto where = offset_location(name, text, e.byte);
    if (names_nan_or_infinity(text, e.byte > 0 ? e.byte - 1 : 0))
      message = "NaN and infinity are not numbers in JSON";
    else if (message.size() > 200)  // "last read: ..." quotes the input
      message = message.substr(0, 200) + "...";
    throw JsonError(where, message);
  } catch (const nlohmann::json::out_of_range&) {
    // 406: a number that overflows a double.
    throw JsonError({name, 0, 0}, "a number beyond the range of a double");
  }
}

}  // namespace reassure::io

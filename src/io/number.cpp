#include "io/number.hpp"

#include <charconv>
#include <cmath>
#include <system_error>

namespace reassure::io {

namespace {

bool digit(char c) {
  return c >= '0' && c <= '9';
}

// Number of digits at the start of `text`.
std::size_t digits(std::string_view text) {
  std::size_t n = 0;
  while (n < text.size() && digit(text[n])) ++n;
  return n;
}

// from_chars takes no leading '+'; a sign is kept only when it is a minus.
std::string_view unsigned_part(std::string_view text, bool& negative) {
  negative = !text.empty() && text.front() == '-';
  if (!text.empty() && (text.front() == '+' || text.front() == '-')) text.remove_prefix(1);
  return text;
}

}  // namespace

std::optional<long long> parse_whole_number(std::string_view text) {
  bool negative = false;
  std::string_view body = unsigned_part(text, negative);
  if (body.empty() || digits(body) != body.size()) return std::nullopt;
  // Parse with the sign so that the most negative value stays in range.
  std::string_view signed_text = negative ? text : body;
  long long value = 0;
  auto [end, ec] =
      std::from_chars(signed_text.data(), signed_text.data() + signed_text.size(), value);
  if (ec != std::errc() || end != signed_text.data() + signed_text.size()) return std::nullopt;
  return value;
}

std::optional<double> parse_decimal_number(std::string_view text) {
  bool negative = false;
  std::string_view body = unsigned_part(text, negative);
  // The grammar first: from_chars alone would take "nan", "inf" and hex digits.
  std::size_t whole = digits(body), at = whole, fraction = 0;
  if (at < body.size() && body[at] == '.') {
    fraction = digits(body.substr(at + 1));
    at += 1 + fraction;
  }
  if (whole == 0 && fraction == 0) return std::nullopt;
  if (at < body.size() && (body[at] == 'e' || body[at] == 'E')) {
    std::size_t start = at + 1;
    if (start < body.size() && (body[start] == '+' || body[start] == '-')) ++start;
    std::size_t exponent = digits(body.substr(std::min(start, body.size())));
    if (exponent == 0) return std::nullopt;
    at = start + exponent;
  }
  if (at != body.size()) return std::nullopt;
  std::string_view signed_text = negative ? text : body;
  double value = 0;
  auto [end, ec] =
      std::from_chars(signed_text.data(), signed_text.data() + signed_text.size(), value);
  if (ec != std::errc() || end != signed_text.data() + signed_text.size() || !std::isfinite(value))
    return std::nullopt;
  return value;
}

}  // namespace reassure::io

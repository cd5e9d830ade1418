// Numbers as a scenario file writes them: plain decimal digits only. NaN, infinities, hex
// floats and values beyond the range of a double are refused, wherever a number is read, so
// that no comparison against a bound can be fooled by a value that compares false to all.
#pragma once

#include <optional>
#include <string_view>

namespace reassure::io {

// "[+-]digits" within the range of a long long; nullopt for anything else.
std::optional<long long> parse_whole_number(std::string_view text);

// "[+-]digits[.digits][(e|E)[+-]digits]" (or ".5"), finite and within the range of a double
// (a value too small to be told from zero is refused too); nullopt for anything else.
std::optional<double> parse_decimal_number(std::string_view text);

}  // namespace reassure::io

// A first pass over a YAML text, before any node is built: one document only, nesting and
// size (aliases expanded) within the limits of io/limits.hpp. An alias bomb or a deeply
// nested file is refused here, at the line where it goes past the limit.
#pragma once

#include <optional>
#include <string>

#include "core/diagnostic.hpp"

namespace reassure::io {

// The problem with the text's shape, if any (marked unreadable: nothing more can be read).
// Throws YAML::ParserException on a syntax error, as YAML::Load would.
std::optional<Diagnostic> check_yaml_shape(const std::string& file, const std::string& text);

}  // namespace reassure::io

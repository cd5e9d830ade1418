// UTF-8 as every text the program accepts must be: scenario files, and what the store keeps.
#pragma once

#include <cstddef>
#include <string_view>

namespace reassure {

// Offset of the first byte that is not part of valid UTF-8 (or is NUL); npos when all is well.
// Overlong forms, surrogates and code points past U+10FFFF are invalid, as RFC 3629 says.
std::size_t invalid_utf8_at(std::string_view text);

}  // namespace reassure

// Limits on what a scenario may hold, so that a hostile or careless file is refused with a
// message instead of exhausting memory, the stack or the disk. Documented together in
// docs/scenario-format.md, "Limits"; the file size limit is in ReadLimits (text_file.hpp).
#pragma once

#include <cstddef>

namespace reassure::io::limits {

constexpr int kMaxDepth = 32;                 // nesting of lists and mappings in one file
constexpr std::size_t kMaxNodes = 3'000'000;  // values in one file, an alias counting as
                                              // every value it stands for
constexpr std::size_t kMaxAliases = 10'000;   // aliases (*name) in one file
constexpr std::size_t kMaxRecords = 100'000;  // records in each list, over all files
constexpr std::size_t kMaxIncludes = 100;     // files in `include`
constexpr std::size_t kMaxShortText = 200;    // bytes of an id, code, name or other value
constexpr std::size_t kMaxLongText = 4'000;   // bytes of a description, summary, note,
                                              // source or role
// A scenario's files held in memory (an upload; the on-disk limit on each file holds too).
constexpr std::size_t kMaxFiles = 1'000;                         // files in the set
constexpr std::size_t kMaxFileSetBytes = std::size_t(64) << 20;  // bytes over all files
constexpr std::size_t kMaxPathBytes = 1'024;                     // bytes of a file's name

}  // namespace reassure::io::limits

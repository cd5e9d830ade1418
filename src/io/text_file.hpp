// The one way the program reads a file a scenario names: a regular file, inside the scenario's
// folder unless the caller allows more, bounded in size, valid UTF-8 without NUL bytes. Every
// refusal names the file and the line and field that referenced it, never the file's content.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>

#include "core/diagnostic.hpp"
#include "core/utf8.hpp"

namespace reassure::io {

// A scenario's files held in memory, as a server receives an upload: each file's path inside
// the scenario's folder ("parts/nations.yaml", forward slashes) and its bytes.
using FileSet = std::map<std::string, std::string>;

// Limits on what a scenario may make the program read (docs/scenario-format.md, "Limits").
struct ReadLimits {
  std::uintmax_t max_file_bytes = std::uintmax_t(16) << 20;  // one YAML or GeoJSON file
  // Files must resolve (links and '..' followed) to a path inside this folder; empty: anywhere.
  std::filesystem::path root;
  // When set, files are read from this set instead of the disk, by their path relative to
  // `root` (taken as written: an absolute path or one that climbs out of `root` is refused).
  const FileSet* in_memory = nullptr;
  // When set, every file read is recorded here by its path relative to `root` (or as named
  // when `root` is empty): what a scenario's content key is made of.
  FileSet* record = nullptr;
};

// Reads the whole file (from `limits.in_memory` when set). Throws ScenarioError (one diagnostic,
// marked unreadable) located at `referenced_from` with `field` when the file is missing, not a
// regular file, outside the root, too large or unreadable; located at the offending byte when the
// text is not UTF-8.
std::string read_text_file(const std::filesystem::path& path, const ReadLimits& limits,
                           const SourceLocation& referenced_from, const std::string& field);

// The checks read_text_file makes on what it read (size, UTF-8, no NUL), for text that did
// not come from a file (`name` is what diagnostics call it). Throws ScenarioError.
void check_text(const std::string& name, const std::string& text, const ReadLimits& limits,
                const SourceLocation& referenced_from, const std::string& field);

// invalid_utf8_at lives in core (the store checks text too); io's callers name it as before.
using reassure::invalid_utf8_at;

// The 1-based line and column of a byte offset in a text (columns count bytes).
SourceLocation locate(const std::string& file, std::string_view text, std::size_t offset);

// True when `path`, resolved, lies inside `root`, resolved (both may contain links or '..').
bool inside(const std::filesystem::path& path, const std::filesystem::path& root);

}  // namespace reassure::io

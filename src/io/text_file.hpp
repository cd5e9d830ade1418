// The one way the program reads a file a scenario names: a regular file, inside the scenario's
// folder unless the caller allows more, bounded in size, valid UTF-8 without NUL bytes. Every
// refusal names the file and the line and field that referenced it, never the file's content.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "core/diagnostic.hpp"
#include "core/utf8.hpp"

namespace reassure::io {

// Limits on what a scenario may make the program read (docs/scenario-format.md, "Limits").
struct ReadLimits {
  std::uintmax_t max_file_bytes = std::uintmax_t(16) << 20;  // one YAML or GeoJSON file
  // Files must resolve (links and '..' followed) to a path inside this folder; empty: anywhere.
  std::filesystem::path root;
};

// Reads the whole file. Throws ScenarioError (one diagnostic, marked unreadable) located at
// `referenced_from` with `field` when the file is missing, not a regular file, outside the
// root, too large or unreadable; located at the offending byte when the text is not UTF-8.
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

// Where a value came from, and what is wrong with it: every error a user sees names the file,
// the line and the field.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace reassure {

struct SourceLocation {
  std::string file;
  int line = 0;    // 1-based; 0 when unknown
  int column = 0;  // 1-based; 0 when unknown
};

struct Diagnostic {
  SourceLocation where;
  std::string field;    // dotted path of the offending key, e.g. "pledges[3].quantity"
  std::string message;  // what was expected, in the user's words
  // The file could not be read at all (missing, syntax): checks that need its content would
  // only add noise.
  bool unreadable = false;

  std::string format() const;  // "file:line:column: field: message"
};

// A value from a file, quoted for a message: 'text', cut after `limit` bytes (at a character
// boundary, marked "...") so that a huge value cannot flood the terminal.
std::string excerpt(const std::string& text, std::size_t limit = 60);

// Thrown when a scenario cannot be used; carries every problem found, not just the first.
class ScenarioError : public std::runtime_error {
 public:
  explicit ScenarioError(std::vector<Diagnostic> diagnostics);
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

}  // namespace reassure

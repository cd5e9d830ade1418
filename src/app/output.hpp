// Writing the files of `plan --out DIR` so that a failure leaves nothing half-written: every
// file goes into a fresh folder next to DIR, each write and close is checked, and only when all
// succeeded does the folder take DIR's place (an old DIR is removed once the new one is in).
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace reassure::app {

// A file or folder could not be written; the message names it and says why.
class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Writes `text` to `path` (created or truncated), checking every write and the close.
// Throws OutputError naming the file.
void write_file_checked(const std::filesystem::path& path, const std::string& text);

// Puts a folder holding exactly `files` (name, content) at `dir`, or throws OutputError and
// leaves `dir` as it was. The parent of `dir` must exist; `dir`, if it exists, must be a folder.
void write_folder(const std::filesystem::path& dir,
                  const std::vector<std::pair<std::string, std::string>>& files);

}  // namespace reassure::app

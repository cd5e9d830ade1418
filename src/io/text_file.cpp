#include "io/text_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace reassure::io {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void refuse(const SourceLocation& where, const std::string& field,
                         const std::string& message) {
  throw ScenarioError({{where, field, message, true}});
}

// Closes the descriptor on every path out of read_text_file.
struct Descriptor {
  int fd = -1;
  ~Descriptor() {
    if (fd >= 0) ::close(fd);
  }
};

// The name a file is recorded and looked up by: its path inside the scenario's folder.
std::string name_in_folder(const fs::path& path, const fs::path& root) {
  if (root.empty()) return path.filename().generic_string();
  return path.lexically_normal().lexically_relative(root.lexically_normal()).generic_string();
}

void remember(const fs::path& path, const ReadLimits& limits, const std::string& text) {
  if (limits.record) (*limits.record)[name_in_folder(path, limits.root)] = text;
}

// read_text_file on a set held in memory: the path is taken as written (there are no links to
// follow), so one that is absolute or climbs out of the folder is refused before any look-up.
std::string read_in_memory(const fs::path& path, const ReadLimits& limits,
                           const SourceLocation& referenced_from, const std::string& field) {
  const std::string name = path.string();
  std::string key = name_in_folder(path, limits.root.empty() ? fs::path(".") : limits.root);
  if (path.is_absolute() || key.empty() || key == "." || *fs::path(key).begin() == "..")
    refuse(referenced_from, field,
           "'" + name + "' is outside the scenario's folder (files a scenario names must stay " +
               "inside it)");
  auto found = limits.in_memory->find(key);
  if (found == limits.in_memory->end())
    refuse(referenced_from, field, "cannot open '" + name + "': no such file in the scenario");
  check_text(name, found->second, limits, referenced_from, field);
  if (limits.record) (*limits.record)[key] = found->second;
  return found->second;
}

}  // namespace

bool inside(const fs::path& path, const fs::path& root) {
  std::error_code ec;
  fs::path resolved = fs::weakly_canonical(path, ec);
  if (ec) return false;
  fs::path base = fs::weakly_canonical(root, ec);
  if (ec) return false;
  auto [stop, unused] = std::mismatch(base.begin(), base.end(), resolved.begin(), resolved.end());
  static_cast<void>(unused);
  return stop == base.end();
}

std::string read_text_file(const fs::path& path, const ReadLimits& limits,
                           const SourceLocation& referenced_from, const std::string& field) {
  if (limits.in_memory) return read_in_memory(path, limits, referenced_from, field);
  const std::string name = path.string();
  if (!limits.root.empty() && !inside(path, limits.root))
    refuse(referenced_from, field,
           "'" + name + "' is outside the scenario's folder '" + limits.root.string() +
               "' (files a scenario names must stay inside it)");
  std::error_code ec;
  auto status = fs::status(path, ec);
  if (ec || !fs::exists(status)) refuse(referenced_from, field, "cannot open '" + name + "'");
  if (fs::is_directory(status))
    refuse(referenced_from, field, "'" + name + "' is a folder, not a file");
  if (!fs::is_regular_file(status))
    refuse(referenced_from, field,
           "'" + name + "' is not a regular file (a device, pipe or socket cannot be read)");
  // O_NONBLOCK: should the path have become a pipe since the check above, open must not hang.
  Descriptor file{::open(name.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC)};
  if (file.fd < 0)
    refuse(referenced_from, field, "cannot open '" + name + "': " + std::strerror(errno));
  struct stat info {};
  if (::fstat(file.fd, &info) != 0 || !S_ISREG(info.st_mode))
    refuse(referenced_from, field, "'" + name + "' is not a regular file");
  auto too_large = [&] {
    refuse(referenced_from, field,
           "'" + name + "' is larger than the limit of " + std::to_string(limits.max_file_bytes) +
               " bytes");
  };
  if (std::uintmax_t(info.st_size) > limits.max_file_bytes) too_large();

  std::string text;
  char buffer[1 << 16];
  for (;;) {
    ssize_t got = ::read(file.fd, buffer, sizeof buffer);
    if (got < 0) {
      if (errno == EINTR) continue;
      refuse(referenced_from, field, "cannot read '" + name + "': " + std::strerror(errno));
    }
    if (got == 0) break;
    if (text.size() + std::size_t(got) > limits.max_file_bytes) too_large();  // it grew
    text.append(buffer, std::size_t(got));
  }
  check_text(name, text, limits, referenced_from, field);
  remember(path, limits, text);
  return text;
}

void check_text(const std::string& name, const std::string& text, const ReadLimits& limits,
                const SourceLocation& referenced_from, const std::string& field) {
  if (text.size() > limits.max_file_bytes)
    refuse(referenced_from, field,
           "'" + name + "' is larger than the limit of " + std::to_string(limits.max_file_bytes) +
               " bytes");
  if (auto bad = invalid_utf8_at(text); bad != std::string_view::npos)
    throw ScenarioError({{locate(name, text, bad), "",
                          text[bad] == '\0' ? "a NUL byte: the file is not text"
                                            : "the file is not valid UTF-8 (byte offset " +
                                                  std::to_string(bad) + ")",
                          true}});
}

SourceLocation locate(const std::string& file, std::string_view text, std::size_t offset) {
  int line = 1, column = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return {file, line, column};
}

}  // namespace reassure::io

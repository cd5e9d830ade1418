#include "app/output.hpp"

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace reassure::app {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void fail(const fs::path& path, const std::string& what, int error) {
  throw OutputError("cannot " + what + " '" + path.string() + "': " + std::strerror(error));
}

// A fresh, empty folder named after `target` in the same parent (so that a rename moves it).
fs::path fresh_folder(const fs::path& target, const std::string& purpose) {
  std::string pattern =
      (target.parent_path() / ("." + target.filename().string() + "." + purpose + "-XXXXXX"))
          .string();
  if (!::mkdtemp(pattern.data())) fail(target.parent_path(), "create a folder in", errno);
  return pattern;
}

// Removes a folder of ours, quietly: it is cleanup on the way out of an error.
void discard(const fs::path& folder) {
  std::error_code ignored;
  fs::remove_all(folder, ignored);
}

}  // namespace

void write_file_checked(const fs::path& path, const std::string& text) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) fail(path, "write", errno);
  std::size_t done = 0;
  while (done < text.size()) {
    ssize_t wrote = ::write(fd, text.data() + done, text.size() - done);
    if (wrote < 0 && errno == EINTR) continue;
    if (wrote <= 0) {
      int error = wrote < 0 ? errno : ENOSPC;
      ::close(fd);
      fail(path, "write", error);
    }
    done += std::size_t(wrote);
  }
  // A full disk may only show when the data reaches it.
  if (::fsync(fd) != 0 && errno != EINVAL && errno != EROFS) {
    int error = errno;
    ::close(fd);
    fail(path, "write", error);
  }
  if (::close(fd) != 0) fail(path, "write", errno);
}

void write_folder(const fs::path& dir,
                  const std::vector<std::pair<std::string, std::string>>& files) {
  fs::path target = dir.has_filename() ? dir : dir.parent_path();  // "out/" is "out"
  if (target.empty()) throw OutputError("cannot write to an empty folder name");
  if (!target.has_parent_path()) target = fs::path(".") / target;
  std::error_code ec;
  fs::path parent = target.parent_path();
  if (!fs::is_directory(parent, ec))
    throw OutputError("cannot write to '" + dir.string() + "': the folder '" + parent.string() +
                      "' does not exist");
  auto status = fs::symlink_status(target, ec);
  bool replacing = fs::exists(status);
  if (replacing && !fs::is_directory(status))
    throw OutputError("cannot write to '" + dir.string() + "': it exists and is not a folder");

  fs::path fresh = fresh_folder(target, "new");
  try {
    for (const auto& [name, text] : files) write_file_checked(fresh / name, text);
  } catch (...) {
    discard(fresh);
    throw;
  }
  if (!replacing) {
    if (::rename(fresh.c_str(), target.c_str()) != 0) {
      int error = errno;
      discard(fresh);
      fail(target, "create", error);
    }
    return;
  }
  // The old folder steps aside, the new one takes its name, then the old one goes.
  fs::path old = fresh_folder(target, "old");
  if (::rename(target.c_str(), old.c_str()) != 0) {
    int error = errno;
    discard(fresh);
    discard(old);
    fail(target, "replace", error);
  }
  if (::rename(fresh.c_str(), target.c_str()) != 0) {
    int error = errno;
    ::rename(old.c_str(), target.c_str());  // put the old output back
    discard(fresh);
    fail(target, "replace", error);
  }
  discard(old);
}

}  // namespace reassure::app

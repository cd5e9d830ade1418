#include "app/api_archive.hpp"

#include <archive.h>
#include <archive_entry.h>

#include <memory>

#include "core/diagnostic.hpp"
#include "core/utf8.hpp"
#include "server/api_error.hpp"

namespace reassure::app {

namespace {

using server::ApiError;
namespace limits = store::limits;

// An entry's name in messages: quoted and bounded. In `field` it is as the archive has it
// (bounded; bytes that are not UTF-8 are replaced when the error is written).
std::string shown(const std::string& name) {
  return excerpt(name, 120);
}
std::string field_of(const std::string& name) {
  return name.substr(0, limits::kMaxPathBytes + 1);
}

[[noreturn]] void refuse_entry(const std::string& name, const std::string& why) {
  throw ApiError(400, "archive.entry", "archive entry " + shown(name) + ": " + why, field_of(name));
}

[[noreturn]] void too_large(const std::string& name, const std::string& why) {
  throw ApiError(413, "archive.too_large", why, name.empty() ? "body" : field_of(name));
}

// The entry's path made plain ("./a/b" -> "a/b", "dir/" -> "dir"), or refused.
std::string plain_path(const std::string& raw) {
  if (raw.empty()) refuse_entry(raw, "an empty name");
  if (invalid_utf8_at(raw) != std::string::npos) refuse_entry(raw, "a name that is not UTF-8");
  for (unsigned char c : raw)
    if (c < 0x20 || c == 0x7f || c == '\\')
      refuse_entry(raw, "a control character or a backslash in the name");
  if (raw[0] == '/') refuse_entry(raw, "an absolute path; expected a path inside the scenario");
  std::string path = raw;
  while (path.rfind("./", 0) == 0) path.erase(0, 2);
  while (!path.empty() && path.back() == '/') path.pop_back();
  std::size_t start = 0;
  while (start <= path.size()) {
    auto end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    std::string part = path.substr(start, end - start);
    if (part == "..") refuse_entry(raw, "a '..' component: the path leaves the scenario");
    if (part.empty() || part == ".") refuse_entry(raw, "an empty or '.' component");
    start = end + 1;
  }
  if (path.size() > limits::kMaxPathBytes)
    too_large(raw, "archive entry " + shown(raw) + ": a path longer than " +
                       std::to_string(limits::kMaxPathBytes) + " bytes");
  return path;
}

// libarchive's reason for a failure; it may have none (a null pointer, found by the fuzzer).
std::string reason(archive* a) {
  const char* text = archive_error_string(a);
  return text ? text : "no reason given";
}

const char* kind_of(mode_t type) {
  switch (type) {
    case AE_IFLNK:
      return "a symbolic link";
    case AE_IFCHR:
    case AE_IFBLK:
      return "a device";
    case AE_IFIFO:
      return "a FIFO";
    case AE_IFSOCK:
      return "a socket";
    default:
      return "not a regular file";
  }
}

// Every file in one top folder, none at the top: the folder is the archive's wrapping.
store::ScenarioFiles unwrapped(store::ScenarioFiles files) {
  std::string top;
  for (const auto& [path, bytes] : files) {
    auto slash = path.find('/');
    if (slash == std::string::npos) return files;
    std::string first = path.substr(0, slash);
    if (!top.empty() && first != top) return files;
    top = first;
  }
  if (top.empty()) return files;
  store::ScenarioFiles out;
  for (auto& [path, bytes] : files) out.emplace(path.substr(top.size() + 1), std::move(bytes));
  return out;
}

}  // namespace

store::ScenarioFiles read_archive(std::string_view bytes, ArchiveKind kind) {
  std::unique_ptr<archive, decltype(&archive_read_free)> reader(archive_read_new(),
                                                                &archive_read_free);
  if (!reader) throw std::bad_alloc();
  archive* a = reader.get();
  // Only tar, only gzip: no other format or filter of libarchive's is exposed to the network.
  archive_read_support_format_tar(a);
  if (kind == ArchiveKind::tar_gzip) archive_read_support_filter_gzip(a);
  if (archive_read_open_memory(a, bytes.data(), bytes.size()) != ARCHIVE_OK)
    throw ApiError(400, "archive.invalid", "not a readable tar archive: " + reason(a), "body");

  store::ScenarioFiles files;
  std::size_t entries = 0, total = 0;
  std::string chunk(64 << 10, '\0');
  for (;;) {
    archive_entry* entry = nullptr;
    int status = archive_read_next_header(a, &entry);
    if (status == ARCHIVE_EOF) break;
    if (status != ARCHIVE_OK && status != ARCHIVE_WARN)
      throw ApiError(400, "archive.invalid",
                     std::string("the archive cannot be read after ") + std::to_string(entries) +
                         " entries: " + reason(a),
                     "body");
    if (++entries > limits::kMaxFiles)
      too_large("", "more than " + std::to_string(limits::kMaxFiles) + " entries in the archive");
    const char* name = archive_entry_pathname(entry);
    if (!name) name = archive_entry_pathname_utf8(entry);
    if (!name) refuse_entry("(unnamed)", "a name that cannot be read as UTF-8");
    std::string raw = name;
    mode_t type = archive_entry_filetype(entry);
    if (archive_entry_hardlink(entry)) refuse_entry(raw, "a hard link; expected a regular file");
    if (type == AE_IFDIR) {
      plain_path(raw);  // a hostile folder name is refused too
      continue;
    }
    if (type != AE_IFREG) refuse_entry(raw, std::string(kind_of(type)) + "; expected a file");
    std::string path = plain_path(raw);
    if (files.contains(path)) refuse_entry(raw, "a path given twice");
    if (archive_entry_size_is_set(entry) && archive_entry_size(entry) > 0 &&
        std::size_t(archive_entry_size(entry)) > limits::kMaxFileBytes)
      too_large(raw, "archive entry " + shown(raw) + ": larger than " +
                         std::to_string(limits::kMaxFileBytes) + " bytes");
    std::string content;
    for (;;) {
      la_ssize_t n = archive_read_data(a, chunk.data(), chunk.size());
      if (n == 0) break;
      if (n < 0)
        throw ApiError(400, "archive.invalid",
                       "archive entry " + shown(raw) + " cannot be read: " + reason(a),
                       field_of(raw));
      // Counted as decompressed: the limits hold whatever the headers claim.
      total += std::size_t(n);
      if (content.size() + std::size_t(n) > limits::kMaxFileBytes)
        too_large(raw, "archive entry " + shown(raw) + ": larger than " +
                           std::to_string(limits::kMaxFileBytes) + " bytes");
      if (total > limits::kMaxUploadBytes)
        too_large(raw, "the archive holds more than " + std::to_string(limits::kMaxUploadBytes) +
                           " bytes, uncompressed");
      content.append(chunk.data(), std::size_t(n));
    }
    files.emplace(std::move(path), std::move(content));
  }
  return unwrapped(std::move(files));
}

}  // namespace reassure::app

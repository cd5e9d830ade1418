// The bytes are a scenario archive uploaded to the API: the first byte says how it was sent
// (even: application/x-tar, odd: application/gzip), the rest is the body. Every refusal must be
// an ApiError with a 4xx status and a code, and every file taken must have a plain relative
// path within the store's limits; a crash, a sanitizer finding, a hang or any other exception
// is a bug.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "app/api_archive.hpp"
#include "server/api_error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  auto kind = data[0] % 2 ? reassure::app::ArchiveKind::tar_gzip : reassure::app::ArchiveKind::tar;
  std::string_view body(reinterpret_cast<const char*>(data + 1), size - 1);
  namespace limits = reassure::store::limits;
  try {
    std::size_t total = 0;
    auto files = reassure::app::read_archive(body, kind);
    if (files.size() > limits::kMaxFiles) __builtin_trap();
    for (const auto& [path, bytes] : files) {
      total += bytes.size();
      if (path.empty() || path.front() == '/' || path.size() > limits::kMaxPathBytes ||
          path.find("..") == 0 || path.find("/../") != std::string_view::npos ||
          bytes.size() > limits::kMaxFileBytes)
        __builtin_trap();
    }
    if (total > limits::kMaxUploadBytes) __builtin_trap();
  } catch (const reassure::server::ApiError& e) {
    if (e.status() < 400 || e.status() > 499 || e.code().empty()) __builtin_trap();
  }
  return 0;
}

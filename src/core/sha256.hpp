// SHA-256 (FIPS 180-4), written once here so that content keys need no cryptographic library:
// a plan cached by a key must never be served for other content, and a 64-bit hash could be
// made to collide on purpose by whoever uploads a scenario.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace reassure {

class Sha256 {
 public:
  Sha256();
  void add(std::string_view bytes);
  // The digest of everything added, as 64 lowercase hex digits. The object is spent after.
  std::string hex();

 private:
  void block(const unsigned char* data);
  std::array<std::uint32_t, 8> state_;
  std::array<unsigned char, 64> pending_{};
  std::size_t pending_size_ = 0;
  std::uint64_t total_bytes_ = 0;
};

// The digest of `bytes` in one call.
std::string sha256_hex(std::string_view bytes);

}  // namespace reassure

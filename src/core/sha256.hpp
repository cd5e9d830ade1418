// SHA-256 (FIPS 180-4), OpenSSL's, behind a small interface: content keys (a plan cached by a
// key must never be served for other content, and a 64-bit hash could be made to collide on
// purpose by whoever uploads a scenario) and the hashes of users' tokens.
#pragma once

#include <array>
#include <string>
#include <string_view>

namespace reassure {

class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(Sha256&& other) noexcept;
  Sha256& operator=(Sha256&& other) noexcept;
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  void add(std::string_view bytes);
  // The digest of everything added, as 64 lowercase hex digits. The object is spent after.
  std::string hex();
  // The same digest as its 32 bytes (a hash tree's nodes are hashed from bytes, not hex).
  std::array<unsigned char, 32> digest();

 private:
  void* context_;  // OpenSSL's EVP_MD_CTX
};

// The digest of `bytes` in one call.
std::string sha256_hex(std::string_view bytes);

// Lowercase hex of bytes.
std::string to_hex(const unsigned char* bytes, std::size_t size);

}  // namespace reassure

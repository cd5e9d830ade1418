// Hashing and random tokens, from OpenSSL: the store's content keys and users' tokens.
#pragma once

#include <string>
#include <string_view>

namespace reassure::store {

// SHA-256 of the bytes, as 64 lowercase hex digits.
std::string sha256_hex(std::string_view bytes);

// An incremental SHA-256, for hashing many pieces without joining them.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void add(std::string_view bytes);
  std::string hex();  // ends the hash

 private:
  void* context_;  // EVP_MD_CTX
};

// `bytes` random bytes from OpenSSL's CSPRNG (RAND_bytes), as lowercase hex; throws StoreError
// if the generator fails.
std::string random_hex(int bytes);

}  // namespace reassure::store

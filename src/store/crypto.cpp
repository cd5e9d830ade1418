#include "store/crypto.hpp"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <stdexcept>
#include <vector>

#include "store/store.hpp"

namespace reassure::store {
namespace {

std::string hex(const unsigned char* bytes, std::size_t size) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string text;
  text.reserve(2 * size);
  for (std::size_t i = 0; i < size; ++i) {
    text += kHex[bytes[i] >> 4];
    text += kHex[bytes[i] & 15];
  }
  return text;
}

EVP_MD_CTX* ctx(void* context) {
  return static_cast<EVP_MD_CTX*>(context);
}

[[noreturn]] void openssl_failed(const char* what) {
  throw StoreError(StoreError::Code::database, "", std::string("OpenSSL: ") + what + " failed");
}

}  // namespace

Sha256::Sha256() : context_(EVP_MD_CTX_new()) {
  if (!context_ || EVP_DigestInit_ex(ctx(context_), EVP_sha256(), nullptr) != 1) {
    EVP_MD_CTX_free(ctx(context_));
    openssl_failed("SHA-256 init");
  }
}

Sha256::~Sha256() {
  EVP_MD_CTX_free(ctx(context_));
}

void Sha256::add(std::string_view bytes) {
  if (EVP_DigestUpdate(ctx(context_), bytes.data(), bytes.size()) != 1)
    openssl_failed("SHA-256 update");
}

std::string Sha256::hex() {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (EVP_DigestFinal_ex(ctx(context_), digest, &size) != 1) openssl_failed("SHA-256 final");
  return store::hex(digest, size);
}

std::string sha256_hex(std::string_view bytes) {
  Sha256 hash;
  hash.add(bytes);
  return hash.hex();
}

std::string random_hex(int bytes) {
  std::vector<unsigned char> buffer(bytes);
  if (RAND_bytes(buffer.data(), bytes) != 1) openssl_failed("RAND_bytes");
  return hex(buffer.data(), buffer.size());
}

}  // namespace reassure::store

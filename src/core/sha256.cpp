#include "core/sha256.hpp"

#include <openssl/evp.h>

#include <stdexcept>
#include <utility>

namespace reassure {

namespace {

EVP_MD_CTX* ctx(void* context) {
  return static_cast<EVP_MD_CTX*>(context);
}

[[noreturn]] void openssl_failed(const char* what) {
  throw std::runtime_error(std::string("OpenSSL: SHA-256 ") + what + " failed");
}

}  // namespace

std::string to_hex(const unsigned char* bytes, std::size_t size) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string text;
  text.reserve(2 * size);
  for (std::size_t i = 0; i < size; ++i) {
    text += kHex[bytes[i] >> 4];
    text += kHex[bytes[i] & 15];
  }
  return text;
}

Sha256::Sha256() : context_(EVP_MD_CTX_new()) {
  if (!context_ || EVP_DigestInit_ex(ctx(context_), EVP_sha256(), nullptr) != 1) {
    EVP_MD_CTX_free(ctx(context_));
    openssl_failed("init");
  }
}

Sha256::~Sha256() {
  EVP_MD_CTX_free(ctx(context_));
}

Sha256::Sha256(Sha256&& other) noexcept : context_(std::exchange(other.context_, nullptr)) {}

Sha256& Sha256::operator=(Sha256&& other) noexcept {
  std::swap(context_, other.context_);
  return *this;
}

void Sha256::add(std::string_view bytes) {
  if (!context_ || EVP_DigestUpdate(ctx(context_), bytes.data(), bytes.size()) != 1)
    openssl_failed("update");
}

std::string Sha256::hex() {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (!context_ || EVP_DigestFinal_ex(ctx(context_), digest, &size) != 1) openssl_failed("final");
  return to_hex(digest, size);
}

std::array<unsigned char, 32> Sha256::digest() {
  std::array<unsigned char, 32> out{};
  unsigned int size = 0;
  if (!context_ || EVP_DigestFinal_ex(ctx(context_), out.data(), &size) != 1 || size != out.size())
    openssl_failed("final");
  return out;
}

std::string sha256_hex(std::string_view bytes) {
  Sha256 hash;
  hash.add(bytes);
  return hash.hex();
}

}  // namespace reassure

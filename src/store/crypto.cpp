#include "store/crypto.hpp"

#include <openssl/rand.h>

#include <stdexcept>
#include <vector>

#include "store/store.hpp"

namespace reassure::store {
namespace {

[[noreturn]] void openssl_failed(const char* what) {
  throw StoreError(StoreError::Code::database, "", std::string("OpenSSL: ") + what + " failed");
}

}  // namespace

std::string random_hex(int bytes) {
  std::vector<unsigned char> buffer(bytes);
  if (RAND_bytes(buffer.data(), bytes) != 1) openssl_failed("RAND_bytes");
  return to_hex(buffer.data(), buffer.size());
}

}  // namespace reassure::store

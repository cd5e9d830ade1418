// Hashing and random tokens, from OpenSSL: the store's content keys and users' tokens.
#pragma once

#include <string>
#include <string_view>

#include "core/sha256.hpp"

namespace reassure::store {

// SHA-256 is core's (OpenSSL's, as the random bytes below).
using reassure::Sha256;
using reassure::sha256_hex;

// `bytes` random bytes from OpenSSL's CSPRNG (RAND_bytes), as lowercase hex; throws StoreError
// if the generator fails.
std::string random_hex(int bytes);

}  // namespace reassure::store

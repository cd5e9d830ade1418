// SHA-256 against the examples of FIPS 180-4 (NIST's published digests).
#include <gtest/gtest.h>

#include <string>

#include "core/sha256.hpp"

using reassure::Sha256;
using reassure::sha256_hex;

TEST(Sha256, EmptyMessage) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(Sha256, OneBlockMessage) {
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

// 56 bytes: the padding needs a second block.
TEST(Sha256, TwoBlockMessage) {
  EXPECT_EQ(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(Sha256, MillionAsAddedInUnevenPieces) {
  Sha256 hash;
  std::size_t left = 1'000'000, piece = 1;
  while (left > 0) {  // pieces of 1, 2, ... 1000 bytes, then the rest: every block boundary
    std::size_t take = std::min(left, piece);
    hash.add(std::string(take, 'a'));
    left -= take;
    piece = piece % 1000 + 1;
  }
  EXPECT_EQ(hash.hex(), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

// The evidence log's mathematics: every accepted report and correction is an entry of an
// append-only log that cannot be rewritten quietly. Two structures over the same entries:
// - a hash chain (each entry's link is SHA-256 of the previous link and the entry's leaf
//   hash): verifying it walks the log once and names the first entry altered, dropped or
//   reordered;
// - a Merkle tree exactly as Certificate Transparency's (RFC 6962, section 2.1; RFC 9162,
//   section 2.1): its root (the tree head) is what a daily report prints, an inclusion proof
//   shows one entry is in the log without the log, and a consistency proof shows a later head
//   extends an earlier one (nothing before it was changed).
// Pure: bytes in, digests out; the store keeps the entries (docs/models/monitor.md).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace reassure::monitor {

using Digest = std::array<unsigned char, 32>;

std::string to_hex(const Digest& digest);
// The digest written as 64 hex digits (either case); none for anything else.
std::optional<Digest> digest_from_hex(std::string_view hex);

// RFC 6962: a leaf is hashed as SHA-256(0x00 || entry), an inner node as
// SHA-256(0x01 || left || right), so no leaf can pass for a node (second preimages).
Digest leaf_hash(std::string_view entry);
Digest node_hash(const Digest& left, const Digest& right);
// The Merkle tree hash of no leaves: SHA-256 of nothing.
Digest empty_tree_hash();

// MTH(D[n]) over the leaves' hashes, in O(n).
Digest tree_root(std::span<const Digest> leaves);

// The audit path of leaf `index` in the tree of `leaves` (RFC 6962 2.1.1, PATH(m, D[n])).
// Requires index < leaves.size().
std::vector<Digest> inclusion_proof(std::span<const Digest> leaves, std::uint64_t index);
// True when `proof` shows `leaf` at `index` in the tree of `size` leaves whose root is `root`
// (RFC 9162 2.1.3.2).
bool verify_inclusion(const Digest& leaf, std::uint64_t index, std::uint64_t size,
                      std::span<const Digest> proof, const Digest& root);

// The proof that the tree of the first `old_size` leaves is a prefix of the tree of all of
// `leaves` (RFC 6962 2.1.2, PROOF(m, D[n])). Requires 0 < old_size <= leaves.size().
std::vector<Digest> consistency_proof(std::span<const Digest> leaves, std::uint64_t old_size);
// True when `proof` shows the tree of `old_size` leaves with root `old_root` is a prefix of
// the tree of `new_size` leaves with root `new_root` (RFC 9162 2.1.4.2).
bool verify_consistency(std::uint64_t old_size, std::uint64_t new_size, const Digest& old_root,
                        const Digest& new_root, std::span<const Digest> proof);

// The root of a log that grows one leaf at a time, in O(log n) memory and time per leaf: the
// roots of its perfect subtrees, largest first (a "compact range"). What a server keeps to
// print the head after each append without reading the log again.
class TreeFrontier {
 public:
  void append(const Digest& leaf);
  std::uint64_t size() const { return size_; }
  Digest root() const;

 private:
  std::vector<Digest> subtrees_;  // one per set bit of size_, largest first
  std::uint64_t size_ = 0;
};

// The chain: link(0) = SHA-256(0x02 || leaf(0)), link(i) = SHA-256(0x02 || link(i-1) ||
// leaf(i)); the prefix keeps links apart from leaves and nodes.
Digest first_link(const Digest& leaf);
Digest next_link(const Digest& previous, const Digest& leaf);

// One entry as the store gives it back: its sequence number (0, 1, 2, ... as appended), its
// bytes, and the leaf hash and link recorded when it was appended.
struct StoredEntry {
  std::uint64_t sequence = 0;
  std::string_view bytes;
  Digest leaf{};
  Digest link{};
};

// What verify_chain found first, if anything.
struct ChainBreak {
  enum class Kind {
    altered,    // the entry's bytes no longer hash to its recorded leaf hash
    relinked,   // its bytes match its leaf, but its link does not follow from the entry before
                // it: its recorded hashes were rewritten
    dropped,    // the entry that belongs here is missing from the log
    reordered,  // the entry that belongs here stands later in the log
    inserted,   // the entry here belongs nowhere: the entry after it follows the one before it
  };
  Kind kind;
  std::uint64_t position = 0;  // where in the given list (0-based)
  std::uint64_t sequence = 0;  // the sequence number the log should have there
};
std::string_view to_string(ChainBreak::Kind kind);

// Walks the entries in the order given (the log's order) and returns the first break, or none
// when the sequence counts up from 0 by one, every entry hashes to its leaf and every link
// follows. A log cut short at its end, or rewritten with every hash recomputed from some entry
// on, is found only against a head printed earlier (a daily report's size and root): compare
// with tree_root and verify_consistency.
std::optional<ChainBreak> verify_chain(std::span<const StoredEntry> entries);

}  // namespace reassure::monitor

#include "monitor/evidence.hpp"

#include <bit>
#include <stdexcept>

#include "core/sha256.hpp"

namespace reassure::monitor {

namespace {

constexpr unsigned char kLeafPrefix = 0x00;
constexpr unsigned char kNodePrefix = 0x01;
constexpr unsigned char kLinkPrefix = 0x02;

// SHA-256 of a prefix byte and the parts, in one pass.
Digest hash_of(unsigned char prefix, std::string_view a, std::string_view b = {}) {
  Sha256 hash;
  hash.add({reinterpret_cast<const char*>(&prefix), 1});
  hash.add(a);
  hash.add(b);
  return hash.digest();
}

std::string_view view(const Digest& digest) {
  return {reinterpret_cast<const char*>(digest.data()), digest.size()};
}

// The largest power of two below n (n >= 2): where RFC 6962 splits a tree of n leaves.
std::uint64_t split_of(std::uint64_t n) {
  return std::bit_floor(n - 1);
}

bool lowest_bit(std::uint64_t n) {
  return (n & 1) != 0;
}

void append_subproof(std::span<const Digest> leaves, std::uint64_t m, bool complete,
                     std::vector<Digest>& proof) {
  const std::uint64_t n = leaves.size();
  if (m == n) {
    if (!complete) proof.push_back(tree_root(leaves));
    return;
  }
  const std::uint64_t k = split_of(n);
  if (m <= k) {
    append_subproof(leaves.first(k), m, complete, proof);
    proof.push_back(tree_root(leaves.subspan(k)));
  } else {
    append_subproof(leaves.subspan(k), m - k, false, proof);
    proof.push_back(tree_root(leaves.first(k)));
  }
}

}  // namespace

std::string to_hex(const Digest& digest) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string text;
  text.reserve(64);
  for (unsigned char byte : digest) {
    text += kHex[byte >> 4];
    text += kHex[byte & 15];
  }
  return text;
}

std::optional<Digest> digest_from_hex(std::string_view hex) {
  if (hex.size() != 64) return std::nullopt;
  auto value = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  Digest out{};
  for (std::size_t i = 0; i < out.size(); ++i) {
    int high = value(hex[2 * i]), low = value(hex[2 * i + 1]);
    if (high < 0 || low < 0) return std::nullopt;
    out[i] = static_cast<unsigned char>(high * 16 + low);
  }
  return out;
}

Digest leaf_hash(std::string_view entry) {
  return hash_of(kLeafPrefix, entry);
}

Digest node_hash(const Digest& left, const Digest& right) {
  return hash_of(kNodePrefix, view(left), view(right));
}

Digest empty_tree_hash() {
  return Sha256().digest();
}

void TreeFrontier::append(const Digest& leaf) {
  // Appending a leaf is adding one in binary: each trailing set bit of the size merges the
  // newest subtree with the one before it.
  Digest carry = leaf;
  for (std::uint64_t size = size_; lowest_bit(size); size >>= 1) {
    carry = node_hash(subtrees_.back(), carry);
    subtrees_.pop_back();
  }
  subtrees_.push_back(carry);
  ++size_;
}

Digest TreeFrontier::root() const {
  if (subtrees_.empty()) return empty_tree_hash();
  // RFC 6962 splits at the largest power of two, so the tree of n leaves is the largest
  // perfect subtree on the left of the tree of the rest: fold from the smallest.
  Digest root = subtrees_.back();
  for (auto it = subtrees_.rbegin() + 1; it != subtrees_.rend(); ++it) root = node_hash(*it, root);
  return root;
}

Digest tree_root(std::span<const Digest> leaves) {
  TreeFrontier frontier;
  for (const auto& leaf : leaves) frontier.append(leaf);
  return frontier.root();
}

std::vector<Digest> inclusion_proof(std::span<const Digest> leaves, std::uint64_t index) {
  if (index >= leaves.size()) throw std::out_of_range("inclusion_proof: no such leaf");
  std::vector<Digest> proof;
  // PATH(m, D[n]) from the leaf up: the sibling subtree at each split on the way down, listed
  // from the bottom, so it is built top-down and reversed.
  std::vector<Digest> top_down;
  while (leaves.size() > 1) {
    const std::uint64_t k = split_of(leaves.size());
    if (index < k) {
      top_down.push_back(tree_root(leaves.subspan(k)));
      leaves = leaves.first(k);
    } else {
      top_down.push_back(tree_root(leaves.first(k)));
      leaves = leaves.subspan(k);
      index -= k;
    }
  }
  proof.assign(top_down.rbegin(), top_down.rend());
  return proof;
}

bool verify_inclusion(const Digest& leaf, std::uint64_t index, std::uint64_t size,
                      std::span<const Digest> proof, const Digest& root) {
  if (index >= size) return false;
  std::uint64_t fn = index, sn = size - 1;
  Digest r = leaf;
  for (const auto& p : proof) {
    if (sn == 0) return false;
    if (lowest_bit(fn) || fn == sn) {
      r = node_hash(p, r);
      while (!lowest_bit(fn) && fn != 0) fn >>= 1, sn >>= 1;
    } else {
      r = node_hash(r, p);
    }
    fn >>= 1, sn >>= 1;
  }
  return sn == 0 && r == root;
}

std::vector<Digest> consistency_proof(std::span<const Digest> leaves, std::uint64_t old_size) {
  if (old_size == 0 || old_size > leaves.size())
    throw std::out_of_range("consistency_proof: the old size must be 1 to the new size");
  std::vector<Digest> proof;
  append_subproof(leaves, old_size, true, proof);
  return proof;
}

bool verify_consistency(std::uint64_t old_size, std::uint64_t new_size, const Digest& old_root,
                        const Digest& new_root, std::span<const Digest> proof) {
  if (old_size > new_size) return false;
  if (old_size == new_size) return proof.empty() && old_root == new_root;
  if (old_size == 0) return proof.empty();  // the empty tree is a prefix of every tree
  if (proof.empty()) return false;
  std::vector<Digest> path;
  if (std::has_single_bit(old_size)) path.push_back(old_root);
  path.insert(path.end(), proof.begin(), proof.end());
  std::uint64_t fn = old_size - 1, sn = new_size - 1;
  while (lowest_bit(fn)) fn >>= 1, sn >>= 1;
  Digest fr = path[0], sr = path[0];
  for (std::size_t i = 1; i < path.size(); ++i) {
    const Digest& c = path[i];
    if (sn == 0) return false;
    if (lowest_bit(fn) || fn == sn) {
      fr = node_hash(c, fr);
      sr = node_hash(c, sr);
      while (!lowest_bit(fn) && fn != 0) fn >>= 1, sn >>= 1;
    } else {
      sr = node_hash(sr, c);
    }
    fn >>= 1, sn >>= 1;
  }
  return sn == 0 && fr == old_root && sr == new_root;
}

Digest first_link(const Digest& leaf) {
  return hash_of(kLinkPrefix, view(leaf));
}

Digest next_link(const Digest& previous, const Digest& leaf) {
  return hash_of(kLinkPrefix, view(previous), view(leaf));
}

std::string_view to_string(ChainBreak::Kind kind) {
  switch (kind) {
    case ChainBreak::Kind::altered:
      return "altered";
    case ChainBreak::Kind::relinked:
      return "relinked";
    case ChainBreak::Kind::dropped:
      return "dropped";
    case ChainBreak::Kind::reordered:
      return "reordered";
    case ChainBreak::Kind::inserted:
      return "inserted";
  }
  return "altered";
}

namespace {

// The link entry `entry` should have after `previous` (none: it is the first).
Digest link_after(const std::optional<Digest>& previous, const Digest& leaf) {
  return previous ? next_link(*previous, leaf) : first_link(leaf);
}

// Entry `position` does not follow `previous`: says why, looking at the entries after it (only
// once a break is found, so a sound log costs one pass).
ChainBreak explain_break(std::span<const StoredEntry> entries, std::uint64_t position,
                         const std::optional<Digest>& previous) {
  const StoredEntry& here = entries[position];
  for (std::uint64_t later = position + 1; later < entries.size(); ++later) {
    if (link_after(previous, entries[later].leaf) != entries[later].link) continue;
    // The entry that belongs here is further on: if this one follows it, they changed places;
    // otherwise what stands between them belongs nowhere.
    bool follows_it = next_link(entries[later].link, here.leaf) == here.link;
    return {follows_it ? ChainBreak::Kind::reordered : ChainBreak::Kind::inserted, position,
            position};
  }
  return {ChainBreak::Kind::relinked, position, position};
}

}  // namespace

std::optional<ChainBreak> verify_chain(std::span<const StoredEntry> entries) {
  std::optional<Digest> previous;
  for (std::uint64_t position = 0; position < entries.size(); ++position) {
    const StoredEntry& entry = entries[position];
    // A number already passed is an entry that belongs nowhere; a number ahead means the
    // entry that belongs here stands later in the log, or nowhere.
    if (entry.sequence < position)
      return ChainBreak{ChainBreak::Kind::inserted, position, position};
    if (entry.sequence > position) {
      for (std::uint64_t later = position + 1; later < entries.size(); ++later)
        if (entries[later].sequence == position)
          return ChainBreak{ChainBreak::Kind::reordered, position, position};
      return ChainBreak{ChainBreak::Kind::dropped, position, position};
    }
    if (leaf_hash(entry.bytes) != entry.leaf)
      return ChainBreak{ChainBreak::Kind::altered, position, position};
    if (link_after(previous, entry.leaf) != entry.link)
      return explain_break(entries, position, previous);
    previous = entry.link;
  }
  return std::nullopt;
}

}  // namespace reassure::monitor

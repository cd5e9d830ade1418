// The evidence log: the Merkle tree against RFC 6962's definition and Certificate
// Transparency's published test vectors, every proof of small trees checked both ways (a true
// statement verifies, any changed part fails), and the chain naming the first altered, dropped,
// reordered or inserted entry.
#include "monitor/evidence.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace reassure::monitor {
namespace {

std::string bytes_of(const std::string& hex) {
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
    out += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
  return out;
}

// The leaves of Certificate Transparency's tests (merkle_tree_test.cc), as bytes.
std::vector<Digest> ct_leaves() {
  std::vector<Digest> leaves;
  for (const char* hex : {"", "00", "10", "2021", "3031", "40414243", "5051525354555657",
                          "606162636465666768696a6b6c6d6e6f"})
    leaves.push_back(leaf_hash(bytes_of(hex)));
  return leaves;
}

// MTH as RFC 6962 2.1 defines it, recursively: the reference the fast code is held to.
Digest reference_root(std::span<const Digest> leaves) {
  if (leaves.empty()) return empty_tree_hash();
  if (leaves.size() == 1) return leaves[0];
  std::size_t k = 1;
  while (2 * k < leaves.size()) k *= 2;
  return node_hash(reference_root(leaves.first(k)), reference_root(leaves.subspan(k)));
}

std::vector<Digest> numbered_leaves(int n) {
  std::vector<Digest> leaves;
  for (int i = 0; i < n; ++i) leaves.push_back(leaf_hash("report " + std::to_string(i)));
  return leaves;
}

TEST(MerkleTree, MatchesCertificateTransparencysVectors) {
  EXPECT_EQ(to_hex(empty_tree_hash()),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  const char* roots[] = {"6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                         "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
                         "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
                         "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
                         "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
                         "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
                         "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
                         "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"};
  auto leaves = ct_leaves();
  for (std::size_t n = 1; n <= leaves.size(); ++n)
    EXPECT_EQ(to_hex(tree_root(std::span(leaves).first(n))), roots[n - 1]) << n << " leaves";
}

TEST(MerkleTree, FrontierAndRootEqualTheRecursiveDefinition) {
  auto leaves = numbered_leaves(70);
  TreeFrontier frontier;
  EXPECT_EQ(frontier.root(), empty_tree_hash());
  for (std::size_t n = 1; n <= leaves.size(); ++n) {
    frontier.append(leaves[n - 1]);
    auto expected = reference_root(std::span(leaves).first(n));
    EXPECT_EQ(frontier.size(), n);
    EXPECT_EQ(frontier.root(), expected) << n;
    EXPECT_EQ(tree_root(std::span(leaves).first(n)), expected) << n;
  }
}

TEST(MerkleTree, EveryInclusionProofOfSmallTreesVerifiesAndNothingElseDoes) {
  auto all = numbered_leaves(33);
  const Digest stranger = leaf_hash("not in the log");
  for (std::uint64_t n = 1; n <= all.size(); ++n) {
    auto leaves = std::span(all).first(n);
    auto root = tree_root(leaves);
    for (std::uint64_t i = 0; i < n; ++i) {
      auto proof = inclusion_proof(leaves, i);
      ASSERT_TRUE(verify_inclusion(leaves[i], i, n, proof, root)) << i << " of " << n;
      EXPECT_FALSE(verify_inclusion(stranger, i, n, proof, root));
      EXPECT_FALSE(verify_inclusion(leaves[i], i, n, proof, stranger));
      // (The same path may also fit a tree of another size whose shape it shares: a head is a
      // size and a root together, and the root of the other size differs.)
      if (n < all.size())
        EXPECT_FALSE(
            verify_inclusion(leaves[i], i, n + 1, proof, tree_root(std::span(all).first(n + 1))))
            << i << " of " << n;
      if (n > 1) EXPECT_FALSE(verify_inclusion(leaves[i], (i + 1) % n, n, proof, root));
      EXPECT_FALSE(verify_inclusion(leaves[i], n, n, proof, root));  // no such index
      if (!proof.empty()) {
        auto shorter = proof;
        shorter.pop_back();
        EXPECT_FALSE(verify_inclusion(leaves[i], i, n, shorter, root));
        auto changed = proof;
        changed[0][0] ^= 1;
        EXPECT_FALSE(verify_inclusion(leaves[i], i, n, changed, root));
      }
      auto longer = proof;
      longer.push_back(stranger);
      EXPECT_FALSE(verify_inclusion(leaves[i], i, n, longer, root));
    }
  }
}

TEST(MerkleTree, InclusionProofOfCtsVectorTree) {
  // The audit path of leaf 0 in the tree of 8 (CT's merkle_tree_test.cc, kPathTestVector[4]).
  auto leaves = ct_leaves();
  auto proof = inclusion_proof(leaves, 0);
  ASSERT_EQ(proof.size(), 3u);
  EXPECT_EQ(to_hex(proof[0]), "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7");
  EXPECT_EQ(to_hex(proof[1]), "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e");
  EXPECT_EQ(to_hex(proof[2]), "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4");
}

TEST(MerkleTree, EveryConsistencyProofOfSmallTreesVerifiesAndNothingElseDoes) {
  auto all = numbered_leaves(33);
  const Digest stranger = leaf_hash("rewritten");
  for (std::uint64_t n = 1; n <= all.size(); ++n) {
    auto new_root = tree_root(std::span(all).first(n));
    for (std::uint64_t m = 1; m <= n; ++m) {
      auto old_root = tree_root(std::span(all).first(m));
      auto proof = consistency_proof(std::span(all).first(n), m);
      ASSERT_TRUE(verify_consistency(m, n, old_root, new_root, proof)) << m << " -> " << n;
      if (m == n) continue;
      EXPECT_FALSE(verify_consistency(m, n, stranger, new_root, proof)) << m << " -> " << n;
      EXPECT_FALSE(verify_consistency(m, n, old_root, stranger, proof));
      EXPECT_FALSE(verify_consistency(n, m, new_root, old_root, proof));
      if (m + 1 < n) EXPECT_FALSE(verify_consistency(m + 1, n, old_root, new_root, proof));
      auto changed = proof;
      changed.back()[5] ^= 0x80;
      EXPECT_FALSE(verify_consistency(m, n, old_root, new_root, changed)) << m << " -> " << n;
      EXPECT_FALSE(verify_consistency(m, n, old_root, new_root, {}));
    }
  }
  // A log rewritten before an earlier head: no proof from the rewritten log verifies.
  auto rewritten = all;
  rewritten[3] = stranger;
  auto old_root = tree_root(std::span(all).first(10));
  auto proof = consistency_proof(rewritten, 10);
  EXPECT_FALSE(verify_consistency(10, rewritten.size(), old_root, tree_root(rewritten), proof));
}

// A log of `n` entries as appended, and views of it as a tampered store could return it.
struct Log {
  std::vector<std::string> bytes;
  std::vector<StoredEntry> entries;
};

Log make_log(int n) {
  Log log;
  for (int i = 0; i < n; ++i)
    log.bytes.push_back(R"({"id":"r)" + std::to_string(i) + R"(","type":"shelling"})");
  std::optional<Digest> link;
  for (int i = 0; i < n; ++i) {
    StoredEntry entry;
    entry.sequence = i;
    entry.bytes = log.bytes[i];
    entry.leaf = leaf_hash(entry.bytes);
    entry.link = link ? next_link(*link, entry.leaf) : first_link(entry.leaf);
    link = entry.link;
    log.entries.push_back(entry);
  }
  return log;
}

void expect_break(const std::vector<StoredEntry>& entries, ChainBreak::Kind kind,
                  std::uint64_t position) {
  auto found = verify_chain(entries);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(to_string(found->kind), to_string(kind));
  EXPECT_EQ(found->position, position);
}

TEST(EvidenceChain, ASoundLogVerifies) {
  auto log = make_log(12);
  EXPECT_FALSE(verify_chain(log.entries).has_value());
  EXPECT_FALSE(verify_chain({}).has_value());
}

TEST(EvidenceChain, NamesTheFirstAlteredEntry) {
  auto log = make_log(12);
  std::string changed = log.bytes[4];
  changed[changed.size() - 3] = 'X';  // one byte of the report
  log.entries[4].bytes = changed;
  std::string later = log.bytes[9] + " ";
  log.entries[9].bytes = later;
  expect_break(log.entries, ChainBreak::Kind::altered, 4);
}

TEST(EvidenceChain, AnEntryWithItsHashRecomputedBreaksTheLinks) {
  auto log = make_log(12);
  std::string forged = R"({"id":"r4","type":"small-arms"})";
  log.entries[4].bytes = forged;
  log.entries[4].leaf = leaf_hash(forged);
  expect_break(log.entries, ChainBreak::Kind::relinked, 4);
}

TEST(EvidenceChain, NamesADroppedEntry) {
  auto log = make_log(12);
  log.entries.erase(log.entries.begin() + 6);
  expect_break(log.entries, ChainBreak::Kind::dropped, 6);
}

TEST(EvidenceChain, NamesReorderedEntriesWithTheirNumbersOrSwappedUnderThem) {
  auto log = make_log(12);
  std::swap(log.entries[5], log.entries[7]);  // rows moved, numbers with them
  expect_break(log.entries, ChainBreak::Kind::reordered, 5);

  auto renumbered = make_log(12);
  std::swap(renumbered.entries[5], renumbered.entries[6]);
  std::swap(renumbered.entries[5].sequence, renumbered.entries[6].sequence);  // numbers kept
  expect_break(renumbered.entries, ChainBreak::Kind::reordered, 5);
}

TEST(EvidenceChain, NamesAnInsertedEntry) {
  auto log = make_log(12);
  std::string foreign = R"({"id":"x","type":"explosion"})";
  StoredEntry extra;
  extra.bytes = foreign;
  extra.leaf = leaf_hash(foreign);
  extra.link = next_link(log.entries[2].link, extra.leaf);  // a link of its own, made to fit
  log.entries.insert(log.entries.begin() + 3, extra);
  for (std::uint64_t i = 0; i < log.entries.size(); ++i) log.entries[i].sequence = i;
  // The entry after it does not follow it: the first break is there.
  auto found = verify_chain(log.entries);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->position, 4u);

  // Without a fitting link, the inserted entry itself is named.
  auto plain = make_log(12);
  extra.link = leaf_hash("anything");
  plain.entries.insert(plain.entries.begin() + 3, extra);
  for (std::uint64_t i = 0; i < plain.entries.size(); ++i) plain.entries[i].sequence = i;
  expect_break(plain.entries, ChainBreak::Kind::inserted, 3);

  // A number repeated is an entry that belongs nowhere.
  auto repeated = make_log(12);
  repeated.entries.insert(repeated.entries.begin() + 5, repeated.entries[4]);
  expect_break(repeated.entries, ChainBreak::Kind::inserted, 5);
}

TEST(EvidenceChain, HexRoundTrips) {
  auto digest = leaf_hash("x");
  EXPECT_EQ(digest_from_hex(to_hex(digest)), digest);
  std::string upper = to_hex(digest);
  for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  EXPECT_EQ(digest_from_hex(upper), digest);
  EXPECT_FALSE(digest_from_hex("12"));
  EXPECT_FALSE(digest_from_hex(std::string(64, 'g')));
}

}  // namespace
}  // namespace reassure::monitor

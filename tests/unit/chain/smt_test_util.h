#pragma once

// Test helpers for the sparse Merkle tree, shared by the unit and property tests: an
// in-memory node store and a reference root computed straight from the definition.

#include <map>
#include <optional>
#include <span>
#include <unordered_map>
#include <utility>
#include <vector>

#include "chain/hash.h"
#include "chain/sparse_merkle_tree.h"

namespace tfchain::chain::testing {

// Nodes by hash, as node/ keeps them in LevelDB. Counts reads per hash so tests can
// check that an update reads each node at most once. Not thread-safe.
class MemorySmtStore : public SmtNodeReader {
 public:
  Result<SmtNode> Get(const Hash256& hash) const override {
    ++reads_[hash];
    auto it = nodes_.find(hash);
    if (it == nodes_.end()) return Status::NotFound("no-node", hash.Hex());
    return it->second;
  }

  // Stores the update's new nodes and returns its root.
  Hash256 Store(const SmtUpdate& update) {
    for (const auto& [hash, node] : update.new_nodes) nodes_.insert_or_assign(hash, node);
    return update.root;
  }

  // Applies `changes` to `root`, stores the new nodes and returns the new root; the
  // update must succeed.
  Hash256 ApplyOrDie(const Hash256& root, std::vector<SmtChange> changes) {
    Result<SmtUpdate> update = SmtApply(*this, root, std::move(changes));
    CHECK(update.ok());
    return Store(*update);
  }

  void Erase(const Hash256& hash) { nodes_.erase(hash); }
  void Put(const SmtNode& node) { nodes_.insert_or_assign(SmtNodeHash(node), node); }
  size_t size() const { return nodes_.size(); }
  const std::unordered_map<Hash256, size_t, FixedBytesHasher>& reads() const { return reads_; }
  void ResetReads() { reads_.clear(); }

 private:
  std::unordered_map<Hash256, SmtNode, FixedBytesHasher> nodes_;
  mutable std::unordered_map<Hash256, size_t, FixedBytesHasher> reads_;
};

inline int TestKeyBit(const Hash256& key, size_t depth) { return (key.bytes[depth / 8] >> (7 - depth % 8)) & 1; }

// The root straight from the definition: empty = zero, one leaf = that leaf, else
// inner(left half, right half) split by the key bit at `depth`. `entries` is sorted.
inline Hash256 ReferenceRoot(std::span<const std::pair<Hash256, Bytes>> entries, size_t depth = 0) {
  if (entries.empty()) return Hash256{};
  if (entries.size() == 1) return SmtLeafHash(entries[0].first, entries[0].second);
  size_t split = 0;
  while (split < entries.size() && TestKeyBit(entries[split].first, depth) == 0) ++split;
  const Hash256 left = ReferenceRoot(entries.first(split), depth + 1);
  const Hash256 right = ReferenceRoot(entries.subspan(split), depth + 1);
  Bytes both(left.bytes.begin(), left.bytes.end());
  both.insert(both.end(), right.bytes.begin(), right.bytes.end());
  return TaggedHash(HashDomain::kSmtInner, both);
}

inline Hash256 ReferenceRoot(const std::map<Hash256, Bytes>& model) {
  std::vector<std::pair<Hash256, Bytes>> entries(model.begin(), model.end());
  return ReferenceRoot(std::span<const std::pair<Hash256, Bytes>>(entries));
}

// The changes that build `model` from an empty tree.
inline std::vector<SmtChange> InsertsOf(const std::map<Hash256, Bytes>& model) {
  std::vector<SmtChange> changes;
  for (const auto& [key, value] : model) changes.push_back(SmtChange{key, value});
  return changes;
}

}  // namespace tfchain::chain::testing

#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "chain/sparse_merkle_tree.h"
#include "contracts/state.h"
#include "node/chain_store.h"

namespace tfchain::node {

// The head state as the runtime reads it: the flat 'S' entries of the store.
// Thread-safe (reads only).
class HeadStateReader : public contracts::StateReader {
 public:
  explicit HeadStateReader(const ChainStore& store) : store_(store) {}
  Result<std::optional<Bytes>> Get(ByteSpan key) const override { return store_.GetState(key); }

 private:
  const ChainStore& store_;
};

// The head state for the event loop: HeadStateReader behind a bounded cache of values
// (absent keys included) that every commit updates with what it wrote, so the mempool's
// checks and block execution read hot accounts from memory, not from LevelDB.
// Generational eviction as in CachedNodeReader.
// NOT thread-safe: used from the node's event-loop thread only.
class CachedStateReader : public contracts::StateReader {
 public:
  CachedStateReader(const ChainStore& store, size_t capacity) : store_(store), capacity_(capacity) {}

  Result<std::optional<Bytes>> Get(ByteSpan key) const override;
  // After a block is committed: the values it wrote (nullopt = deleted).
  void Update(const contracts::StateWrites& writes);

 private:
  // Lookups by string_view without building a std::string.
  struct Hasher {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  using Map = std::unordered_map<std::string, std::optional<Bytes>, Hasher, std::equal_to<>>;
  void Put(std::string key, std::optional<Bytes> value) const;

  const ChainStore& store_;
  const size_t capacity_;
  mutable Map young_;
  mutable Map old_;
};

// State tree nodes from the store, behind a bounded cache that also receives every
// node a commit writes (the next block's updates mostly touch recent nodes).
// Eviction is generational: when the young generation is full it becomes the old one
// and the previous old generation is dropped; hits in the old one are promoted.
// NOT thread-safe: used from the node's event-loop thread only.
class CachedNodeReader : public chain::SmtNodeReader {
 public:
  CachedNodeReader(const ChainStore& store, size_t capacity) : store_(store), capacity_(capacity) {}

  Result<chain::SmtNode> Get(const Hash256& hash) const override;
  void Insert(const std::vector<std::pair<Hash256, chain::SmtNode>>& nodes);

 private:
  void Put(const Hash256& hash, chain::SmtNode node) const;

  const ChainStore& store_;
  const size_t capacity_;
  mutable std::unordered_map<Hash256, chain::SmtNode, chain::FixedBytesHasher> young_;
  mutable std::unordered_map<Hash256, chain::SmtNode, chain::FixedBytesHasher> old_;
};

}  // namespace tfchain::node

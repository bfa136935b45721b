#pragma once

#include <cstddef>
#include <deque>
#include <unordered_set>

#include "chain/bytes.h"

namespace tfchain::node {

// The ids of recently seen gossip messages, for de-duplication: a bounded set that
// forgets the oldest id first once it holds `capacity` ids. Not thread-safe.
class SeenCache {
 public:
  // `capacity` must be at least 1.
  explicit SeenCache(size_t capacity);

  // Remembers `id`. Returns true if it was new, false if it was already remembered
  // (which does not make it younger).
  bool Insert(const chain::Hash256& id);
  bool Contains(const chain::Hash256& id) const { return ids_.count(id) != 0; }
  size_t size() const { return ids_.size(); }

 private:
  size_t capacity_;
  std::unordered_set<chain::Hash256, chain::FixedBytesHasher> ids_;
  std::deque<chain::Hash256> order_;  // oldest first
};

}  // namespace tfchain::node

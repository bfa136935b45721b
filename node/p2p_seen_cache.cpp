#include "node/p2p_seen_cache.h"

namespace tfchain::node {

SeenCache::SeenCache(size_t capacity) : capacity_(capacity) { CHECK(capacity_ >= 1); }

bool SeenCache::Insert(const chain::Hash256& id) {
  if (!ids_.insert(id).second) return false;
  order_.push_back(id);
  while (order_.size() > capacity_) {
    ids_.erase(order_.front());
    order_.pop_front();
  }
  return true;
}

}  // namespace tfchain::node

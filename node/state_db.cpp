#include "node/state_db.h"

namespace tfchain::node {

void CachedNodeReader::Put(const Hash256& hash, chain::SmtNode node) const {
  if (young_.size() >= capacity_ / 2) {
    old_ = std::move(young_);
    young_.clear();
  }
  young_.emplace(hash, std::move(node));
}

Result<chain::SmtNode> CachedNodeReader::Get(const Hash256& hash) const {
  if (auto it = young_.find(hash); it != young_.end()) return it->second;
  if (auto it = old_.find(hash); it != old_.end()) {
    chain::SmtNode node = it->second;
    Put(hash, node);
    return node;
  }
  TF_ASSIGN_OR_RETURN(chain::SmtNode node, store_.GetNode(hash));
  Put(hash, node);
  return node;
}

void CachedNodeReader::Insert(const std::vector<std::pair<Hash256, chain::SmtNode>>& nodes) {
  for (const auto& [hash, node] : nodes) Put(hash, node);
}

}  // namespace tfchain::node

#include "node/state_db.h"

namespace tfchain::node {

void CachedStateReader::Put(std::string key, std::optional<Bytes> value) const {
  if (young_.size() >= capacity_ / 2) {
    old_ = std::move(young_);
    young_.clear();
  }
  young_.insert_or_assign(std::move(key), std::move(value));
}

Result<std::optional<Bytes>> CachedStateReader::Get(ByteSpan key) const {
  const std::string_view k(reinterpret_cast<const char*>(key.data()), key.size());
  if (auto it = young_.find(k); it != young_.end()) return it->second;
  if (auto it = old_.find(k); it != old_.end()) {
    std::optional<Bytes> value = it->second;
    old_.erase(it);
    Put(std::string(k), value);
    return value;
  }
  TF_ASSIGN_OR_RETURN(std::optional<Bytes> value, store_.GetState(key));
  Put(std::string(k), value);
  return value;
}

void CachedStateReader::Update(const contracts::StateWrites& writes) {
  for (const auto& [key, value] : writes) {
    old_.erase(key);
    Put(key, value);
  }
}

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

#include "contracts/state.h"

namespace tfchain::contracts {
namespace {
std::string KeyString(ByteSpan key) { return std::string(reinterpret_cast<const char*>(key.data()), key.size()); }
}  // namespace

Result<std::optional<Bytes>> StateOverlay::Get(ByteSpan key) const {
  auto it = writes_.find(KeyString(key));
  if (it != writes_.end()) return it->second;
  return base_.Get(key);
}

void StateOverlay::Record(const std::string& key) {
  auto it = writes_.find(key);
  if (it == writes_.end()) {
    journal_.push_back(Undo{key, false, std::nullopt});
  } else {
    journal_.push_back(Undo{key, true, it->second});
  }
}

void StateOverlay::Put(ByteSpan key, Bytes value) {
  std::string k = KeyString(key);
  Record(k);
  writes_[std::move(k)] = std::move(value);
}

void StateOverlay::Delete(ByteSpan key) {
  std::string k = KeyString(key);
  Record(k);
  writes_[std::move(k)] = std::nullopt;
}

void StateOverlay::RollbackTo(size_t checkpoint) {
  CHECK(checkpoint <= journal_.size());
  while (journal_.size() > checkpoint) {
    Undo& undo = journal_.back();
    if (undo.existed) {
      writes_[undo.key] = std::move(undo.previous);
    } else {
      writes_.erase(undo.key);
    }
    journal_.pop_back();
  }
}

}  // namespace tfchain::contracts

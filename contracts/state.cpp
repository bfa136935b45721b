#include "contracts/state.h"

namespace tfchain::contracts {
namespace {
std::string_view KeyView(ByteSpan key) { return std::string_view(reinterpret_cast<const char*>(key.data()), key.size()); }
}  // namespace

Result<std::optional<Bytes>> StateOverlay::Get(ByteSpan key) const {
  auto it = writes_.find(KeyView(key));
  if (it != writes_.end()) return it->second;
  return base_.Get(key);
}

void StateOverlay::Set(ByteSpan key, std::optional<Bytes> value) {
  const std::string_view k = KeyView(key);
  auto it = writes_.lower_bound(k);
  if (it != writes_.end() && it->first == k) {
    // The journal takes the value being replaced; one search, no copy of it.
    journal_.push_back(Undo{it->first, true, std::move(it->second)});
    it->second = std::move(value);
    return;
  }
  journal_.push_back(Undo{std::string(k), false, std::nullopt});
  writes_.emplace_hint(it, std::string(k), std::move(value));
}

void StateOverlay::Put(ByteSpan key, Bytes value) { Set(key, std::move(value)); }

void StateOverlay::Delete(ByteSpan key) { Set(key, std::nullopt); }

void StateOverlay::RollbackTo(size_t checkpoint) {
  CHECK(checkpoint <= journal_.size());
  while (journal_.size() > checkpoint) {
    Undo& undo = journal_.back();
    if (undo.existed) {
      writes_.find(undo.key)->second = std::move(undo.previous);
    } else {
      writes_.erase(writes_.find(undo.key));
    }
    journal_.pop_back();
  }
}

}  // namespace tfchain::contracts

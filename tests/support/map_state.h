#pragma once

#include <map>
#include <string>

#include "contracts/state.h"

namespace tfchain::testing {

// A state in a std::map, for runtime tests: a StateReader plus a way to apply an
// overlay's writes, as a node commits a block.
class MapState : public contracts::StateReader {
 public:
  chain::Result<std::optional<chain::Bytes>> Get(chain::ByteSpan key) const override {
    auto it = data_.find(std::string(reinterpret_cast<const char*>(key.data()), key.size()));
    if (it == data_.end()) return std::optional<chain::Bytes>();
    return std::optional<chain::Bytes>(it->second);
  }
  void Apply(const contracts::StateOverlay& overlay) {
    for (const auto& [key, value] : overlay.writes()) {
      if (value) {
        data_[key] = *value;
      } else {
        data_.erase(key);
      }
    }
  }
  const std::map<std::string, chain::Bytes>& data() const { return data_; }

 private:
  std::map<std::string, chain::Bytes> data_;
};

}  // namespace tfchain::testing

#pragma once

// Directories for DirectoryIndex tests: records written through the contracts'
// own state accessors (so the index is tested against the real key layout), committed
// block by block into a MapState and into the index, and copied into a KvStore laid
// out as the chain store keeps the head state.

#include <functional>
#include <memory>
#include <string>

#include "chain/bytes.h"
#include "chain/grid_types.h"
#include "contracts/directory_state.h"
#include "contracts/farming_state.h"
#include "contracts/policy_state.h"
#include "node/directory_index.h"
#include "node/kv_store.h"
#include "tests/support/map_state.h"

namespace tfchain::node::testing {

inline constexpr uint64_t kGiB = uint64_t{1} << 30;

inline chain::AccountId Account(uint32_t n, uint8_t kind) {
  chain::AccountId a;
  a.bytes[0] = kind;
  for (int i = 0; i < 4; ++i) a.bytes[1 + i] = static_cast<uint8_t>(n >> (8 * i));
  return a;
}

inline contracts::TwinRecord MakeTwin(chain::TwinId id) {
  return contracts::TwinRecord{id, Account(id, 0x01), "relay.example", chain::Bytes{1, 2, 3}, 1000 + id};
}

// A farm owned by `twin`, with `free_ips` free and `used_ips` rented public IPs.
inline contracts::FarmRecord MakeFarm(chain::FarmId id, std::string name, chain::TwinId twin, size_t free_ips = 0,
                                      size_t used_ips = 0) {
  contracts::FarmRecord f;
  f.id = id;
  f.name = std::move(name);
  f.twin_id = twin;
  f.pricing_policy_id = 1;
  for (size_t i = 0; i < free_ips + used_ips; ++i) {
    const std::string host = std::to_string(id % 250) + "." + std::to_string(i + 2);
    f.public_ips.push_back(contracts::FarmIp{"185.1." + host + "/24", "185.1." + std::to_string(id % 250) + ".1",
                                             i < used_ips ? i + 1 : 0});
  }
  f.created_ms = 2000 + id;
  return f;
}

inline contracts::NodeRecord MakeNode(chain::NodeId id, chain::FarmId farm, chain::Resources resources,
                                      std::string country = "Belgium", std::string city = "Ghent") {
  contracts::NodeRecord n;
  n.id = id;
  n.farm_id = farm;
  n.twin_id = 1000 + id;
  n.account = Account(id, 0x02);
  n.resources = resources;
  n.location = chain::Location{std::move(city), std::move(country), 51'000'000, 3'700'000};
  n.agent_endpoint = "http://10.0.0.1:8080";
  n.connection_price_musd = 80;
  n.created_ms = 3000 + id;
  n.updated_ms = 3000 + id;
  return n;
}

inline contracts::NodeUptime Reported(uint64_t last_report_ms) {
  contracts::NodeUptime u;
  u.last_report_ms = last_report_ms;
  u.first_report_ms = last_report_ms;
  u.last_uptime_s = 100;
  u.report_count = 1;
  return u;
}

// A chain's head state and the index that follows it.
class IndexedState {
 public:
  explicit IndexedState(const chain::GridParams& grid = chain::GridParams{}) : index_(grid) {}

  // One block at `time_ms`: `write` changes the state through the contracts'
  // accessors; the index applies the block's writes. Returns Apply's status.
  chain::Status Commit(uint64_t time_ms, const std::function<void(contracts::StateOverlay&)>& write) {
    contracts::StateOverlay overlay(state_);
    write(overlay);
    chain::Status s = index_.Apply(overlay.writes(), time_ms);
    state_.Apply(overlay);
    return s;
  }

  // The state as the chain store keeps it: 'S' || state key -> value.
  std::unique_ptr<KvStore> ToKvStore() const {
    std::unique_ptr<KvStore> kv = NewMemKvStore();
    WriteBatch batch;
    for (const auto& [key, value] : state_.data()) {
      chain::Bytes k{'S'};
      k.insert(k.end(), key.begin(), key.end());
      batch.Put(k, value);
    }
    CHECK(kv->Write(batch, false).ok());
    return kv;
  }

  DirectoryIndex& index() { return index_; }
  const tfchain::testing::MapState& state() const { return state_; }

 private:
  tfchain::testing::MapState state_;
  DirectoryIndex index_;
};

}  // namespace tfchain::node::testing

#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "chain/account_id.h"
#include "chain/bytes.h"
#include "chain/grid_types.h"
#include "chain/status.h"
#include "contracts/state.h"
#include "contracts/directory_state.h"
#include "contracts/farming_state.h"
#include "node/kv_store.h"
#include "node/writer_priority_mutex.h"
#include "rpc/grid_views.h"

namespace tfchain::node {

// The TF Directory at the head, in memory, for queries: twins, farms, nodes, their
// uptime records, the farming policies and grid parameters, and where each farming
// receipt is. Built once from the head state (Load) and kept current with every
// committed block's state writes (Apply), so that grid_findNodes over 100,000 nodes
// needs no state reads: a scan of compact rows, then the page's views.
//
// What it reads (layouts in contracts/directory_state.cpp, policy_state.cpp and
// farming_state.cpp): twin, farm and node records (0x03 0x01 / 0x03 0x03 / 0x03 0x06),
// farming policies (0x04 0x02), grid parameters (0x04 0x03), node uptime records
// (0x05 0x01) and farming receipts (0x05 0x02: period, node, farm and amount only).
// Every other key is ignored.
//
// Thread-safe: queries run concurrently on RPC worker threads while the node's event
// loop applies blocks; a reader/writer lock guards everything, writers hold it only
// to swap in records already decoded, and a waiting writer goes before new readers
// (so a flood of queries cannot hold up a block commit).
class DirectoryIndex {
 public:
  // `genesis_grid`: the grid parameters until the state holds its own.
  explicit DirectoryIndex(const chain::GridParams& genesis_grid);
  DirectoryIndex(const DirectoryIndex&) = delete;
  DirectoryIndex& operator=(const DirectoryIndex&) = delete;

  // Replaces the index with the directory of the head state in `kv` (the chain
  // store's flat 'S' entries, chain_store.cpp), whose head block has time
  // `head_time_ms`. Errors: the store's read errors; Corruption "state-corrupt" when
  // a record does not decode (the index is then incomplete).
  Status Load(const KvStore& kv, uint64_t head_time_ms);

  // Applies one committed block's state writes (state key -> value, nullopt =
  // deleted) and its time. Errors: Corruption "state-corrupt" for a record that does
  // not decode (it is skipped; the rest is applied).
  Status Apply(const contracts::StateWrites& writes, uint64_t head_time_ms);

  // The head block time the statuses are computed at.
  uint64_t head_time_ms() const;

  std::optional<rpc::TwinView> GetTwin(chain::TwinId id) const;
  std::optional<rpc::TwinView> GetTwinByAccount(const chain::AccountId& account) const;
  std::optional<rpc::FarmView> GetFarm(chain::FarmId id) const;
  // Case-insensitive (ASCII), as farm names are unique.
  std::optional<rpc::FarmView> GetFarmByName(std::string_view name) const;
  // Farms in id order from the `offset`-th, at most `limit`.
  rpc::FarmPage ListFarms(uint64_t offset, uint64_t limit) const;
  std::optional<rpc::NodeView> GetNode(chain::NodeId id) const;
  std::optional<rpc::NodeView> GetNodeByAccount(const chain::AccountId& account) const;
  // The nodes matching query.filter (rpc::NodeFilter), sorted and paged.
  rpc::NodePage FindNodes(const rpc::NodeQuery& query) const;
  std::optional<rpc::UptimeView> GetNodeUptime(chain::NodeId id) const;
  rpc::GridStats Stats() const;
  std::vector<chain::FarmingPolicy> FarmingPolicies() const;

  // A farming receipt's place: its state key is contracts::FarmingState's receipt
  // key of (period, node_id).
  struct ReceiptRef {
    uint64_t period = 0;
    chain::NodeId node_id = 0;
    chain::FarmId farm_id = 0;
    uint64_t amount = 0;
  };
  struct ReceiptMatches {
    uint64_t count = 0;            // receipts matching
    uint64_t total = 0;            // sum of their amounts (saturating)
    std::vector<ReceiptRef> page;  // by (period, node id), from the offset-th, at most limit
  };
  // The receipts matching query's node, farm and period (each when set).
  ReceiptMatches MatchReceipts(const rpc::RewardsQuery& query) const;

 private:
  // What a node row needs for filtering and sorting, dense and sorted by id.
  struct NodeRow {
    chain::NodeId id = 0;
    chain::FarmId farm_id = 0;
    uint64_t total[4] = {};  // cru, mru, sru, hru
    uint64_t free[4] = {};
    uint32_t country = 0;  // interned lower-case text
    uint32_t city = 0;
    bool certified = false;
    bool target_down = false;
    bool reported = false;  // has an accepted uptime report
    uint64_t last_report_ms = 0;
  };
  struct FarmEntry {
    contracts::FarmRecord record;
    uint64_t free_ips = 0;  // public IPs with contract_id 0
  };
  // Per farm id (dense: ids are handed out from 1), for filtering.
  struct FarmFlags {
    bool exists = false;
    bool dedicated = false;
    bool has_free_ip = false;
  };

  // One decoded state write.
  struct Change;
  static Result<std::optional<Change>> Decode(std::string_view key, const std::optional<chain::Bytes>& value);
  void ApplyChange(Change change);  // REQUIRES mu_ held exclusively

  void PutTwin(contracts::TwinRecord twin);
  void DeleteTwin(chain::TwinId id);
  void PutFarm(contracts::FarmRecord farm);
  void DeleteFarm(chain::FarmId id);
  void PutNode(contracts::NodeRecord node);
  void DeleteNode(chain::NodeId id);
  void PutUptime(chain::NodeId id, std::optional<contracts::NodeUptime> uptime);
  void PutReceipt(uint64_t period, chain::NodeId node, std::optional<ReceiptRef> ref);
  void SetFarmFlags(const FarmEntry& farm);
  uint32_t Intern(std::string_view text);
  std::optional<uint32_t> FindInterned(std::string_view text) const;
  NodeRow* FindRow(chain::NodeId id);

  rpc::NodeStatus StatusOf(const NodeRow& row) const;
  bool Matches(const NodeRow& row, const rpc::NodeFilter& filter, const std::optional<uint32_t>& country,
               const std::optional<uint32_t>& city) const;
  rpc::TwinView TwinViewOf(const contracts::TwinRecord& twin) const;
  rpc::FarmView FarmViewOf(const FarmEntry& farm) const;
  rpc::NodeView NodeViewOf(const contracts::NodeRecord& node) const;
  chain::PolicyId FarmingPolicyIdOf(const contracts::NodeRecord& node, const contracts::FarmRecord* farm) const;

  const chain::GridParams genesis_grid_;
  mutable WriterPriorityMutex mu_;
  uint64_t head_time_ms_ = 0;                                         // GUARDED_BY(mu_)
  chain::GridParams grid_;                                            // GUARDED_BY(mu_)
  std::map<chain::PolicyId, chain::FarmingPolicy> farming_policies_;  // GUARDED_BY(mu_)
  std::map<chain::TwinId, contracts::TwinRecord> twins_;              // GUARDED_BY(mu_)
  std::map<chain::AccountId, chain::TwinId> twin_by_account_;         // GUARDED_BY(mu_)
  std::map<chain::FarmId, FarmEntry> farms_;                          // GUARDED_BY(mu_)
  std::map<chain::FarmId, std::set<chain::NodeId>> farm_nodes_;       // GUARDED_BY(mu_), also of unknown farms
  std::unordered_map<std::string, chain::FarmId> farm_by_name_;       // GUARDED_BY(mu_), lower-case names
  std::vector<FarmFlags> farm_flags_;                                 // GUARDED_BY(mu_), by farm id
  std::unordered_map<chain::NodeId, contracts::NodeRecord> nodes_;    // GUARDED_BY(mu_)
  std::map<chain::AccountId, chain::NodeId> node_by_account_;         // GUARDED_BY(mu_)
  std::vector<NodeRow> rows_;                                         // GUARDED_BY(mu_), by id
  std::unordered_map<chain::NodeId, contracts::NodeUptime> uptimes_;  // GUARDED_BY(mu_)
  std::vector<ReceiptRef> receipts_;                                  // GUARDED_BY(mu_), by (period, node)
  std::unordered_map<std::string, uint32_t> interned_;                // GUARDED_BY(mu_), ids from 1
};

}  // namespace tfchain::node

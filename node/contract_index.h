#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "chain/bytes.h"
#include "chain/grid_types.h"
#include "chain/market_types.h"
#include "chain/status.h"
#include "contracts/state.h"
#include "node/kv_store.h"
#include "node/writer_priority_mutex.h"

namespace tfchain::node {

// Which marketplace contracts a twin owns and which are on a node, at the head, for
// contract_listByTwin / contract_listByNode. Holds ids only (about 73 bytes per
// contract measured by tfchain-bench billing); the records stay in the state. Built once from the head
// state (Load: a scan of the contract records, 0x07 0x01 || id:u64be in
// contracts/market_state.cpp) and kept current with every committed block's state
// writes (Apply). Every other key is ignored.
//
// A contract is listed under its owner twin, and under its node unless it is a name
// contract (node and rent contracts); deleted ones (ContractState kDeleted, kept in
// the state) separately from live ones, both ascending by id.
//
// Thread-safe: queries run concurrently on RPC worker threads while the node's event
// loop applies blocks; a WriterPriorityMutex guards everything, and writers hold it
// only to move ids already decoded.
class ContractIndex {
 public:
  ContractIndex() = default;
  ContractIndex(const ContractIndex&) = delete;
  ContractIndex& operator=(const ContractIndex&) = delete;

  // Replaces the index with the contracts of the head state in `kv` (the chain store's
  // flat 'S' entries, chain_store.cpp). Errors: the store's read errors; Corruption
  // "state-corrupt" when a record does not decode (it is skipped; the index then
  // misses it).
  Status Load(const KvStore& kv);

  // Applies one committed block's state writes (state key -> value, nullopt =
  // deleted). Errors: Corruption "state-corrupt" for a record that does not decode
  // (it is skipped; the rest is applied).
  Status Apply(const contracts::StateWrites& writes);

  struct Page {
    uint64_t total = 0;                  // matching contracts, all pages
    std::vector<chain::ContractId> ids;  // ascending, from the offset-th, at most limit
  };
  // The contracts owned by `twin` / on `node`: live ones, and deleted ones too with
  // `include_deleted`. An unknown twin or node has none.
  Page ByTwin(chain::TwinId twin, bool include_deleted, uint64_t offset, uint64_t limit) const;
  Page ByNode(chain::NodeId node, bool include_deleted, uint64_t offset, uint64_t limit) const;

  // Whether a record of contract `id` exists (live or deleted).
  bool Contains(chain::ContractId id) const;
  // How many contracts the index holds (live and deleted).
  uint64_t size() const;

 private:
  // What the index keeps of one record.
  struct Entry {
    chain::TwinId twin = 0;
    chain::NodeId node = 0;  // 0: not listed by node (name contracts)
    bool deleted = false;
    bool operator==(const Entry&) const = default;
  };
  struct Row {
    chain::ContractId id = 0;
    Entry entry;
  };
  // The ids of one twin or node, each list ascending.
  struct Lists {
    std::vector<chain::ContractId> live;
    std::vector<chain::ContractId> deleted;
  };

  static Result<std::optional<std::pair<chain::ContractId, std::optional<Entry>>>> Decode(
      std::string_view key, const std::optional<chain::Bytes>& value);
  // Both REQUIRE mu_ held exclusively.
  void Put(chain::ContractId id, const Entry& entry);
  void Remove(chain::ContractId id);
  std::vector<Row>::const_iterator FindRow(chain::ContractId id) const;  // REQUIRES mu_ held
  static Page PageOf(const Lists* lists, bool include_deleted, uint64_t offset, uint64_t limit);

  mutable WriterPriorityMutex mu_;
  // Ascending by id. Ids are handed out in increasing order, so new contracts append.
  std::vector<Row> rows_;                             // GUARDED_BY(mu_)
  std::unordered_map<chain::TwinId, Lists> by_twin_;  // GUARDED_BY(mu_)
  std::unordered_map<chain::NodeId, Lists> by_node_;  // GUARDED_BY(mu_)
};

}  // namespace tfchain::node

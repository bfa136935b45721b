#pragma once

#include <cstdint>
#include <vector>

#include "chain/market_types.h"
#include "chain/receipt.h"
#include "chain/status.h"
#include "node/kv_store.h"

namespace tfchain::node {

// The node's index of contract bills, for contract_getBills: every
// contract.ContractBilled event of every committed block — from the block hooks
// (billing at the end of a block) and from successful transactions (the final bill of
// a cancel, the bill an update settles first) — kept in the node's own store under a
// node-local key prefix (not state: it has no root and no proofs). ChainStore writes
// a block's bills in the same WriteBatch as the block, so the index never runs ahead
// of or behind the chain. Layout in bill_index.cpp.
//
// Thread-safety: static functions; Read may run on any thread (the KvStore is
// thread-safe), AddBlock is called by the one thread that commits blocks.
class BillIndex {
 public:
  // A bill and where it was emitted.
  struct Entry {
    uint64_t height = 0;
    uint32_t index = 0;  // its place among the block's bills, in execution order
    chain::ContractBill bill;
  };
  struct Page {
    uint64_t total = 0;          // bills of the contract, all pages
    std::vector<Entry> entries;  // oldest first, from the offset-th, at most limit
  };

  // Adds the bills `results` (block `height`) carries to `batch`: begin-block events,
  // the events of successful receipts in block order, then end-block events.
  static void AddBlock(uint64_t height, const chain::BlockResults& results, WriteBatch* batch);

  // The bills of `contract`, oldest first (height, then place in the block). A
  // contract without bills has none (the caller tells unknown contracts apart).
  // Errors: the store's read errors; Corruption "db-corrupt" for an entry that does
  // not decode.
  static Result<Page> Read(const KvStore& kv, chain::ContractId contract, uint64_t offset, uint64_t limit);
};

}  // namespace tfchain::node

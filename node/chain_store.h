#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "chain/block.h"
#include "chain/receipt.h"
#include "chain/sparse_merkle_tree.h"
#include "contracts/state.h"
#include "node/kv_store.h"

namespace tfchain::node {

using chain::Hash256;

// Where a committed transaction is, with its receipt.
struct TxRecord {
  uint64_t height = 0;
  uint32_t index = 0;
  chain::TxSpan span;  // where its encoding lies in the stored block
  chain::Receipt receipt;
};

struct StoredHead {
  uint64_t height = 0;
  Hash256 hash;
};

// Everything one block changes, committed together.
struct BlockCommit {
  const chain::Block* block = nullptr;
  Hash256 hash;
  const std::vector<Hash256>* tx_hashes = nullptr;  // in block order
  const chain::BlockResults* results = nullptr;
  const contracts::StateWrites* state_writes = nullptr;  // nullopt = delete
  const std::vector<std::pair<Hash256, chain::SmtNode>>* new_nodes = nullptr;
  const chain::Commit* commit = nullptr;  // the signatures that committed this block
  uint64_t txs_committed_total = 0;
};

// The node's persistent chain: blocks, transactions with receipts, the head state
// (flat, for fast reads), the state tree nodes (for roots and proofs at any height)
// and metadata, in one KvStore. Layout in chain_store.cpp.
//
// Thread-safety: the read methods may be called from any thread (the KvStore is
// thread-safe); CommitBlock from one thread at a time.
class ChainStore {
 public:
  explicit ChainStore(KvStore& kv) : kv_(kv) {}

  // Writes the block, its receipts, the state changes, the new tree nodes, the block's
  // contract bills (BillIndex) and the new head as ONE batch: after a crash either all of it is there or none. With `sync`
  // the batch is on stable storage when this returns; without, a crash of the machine
  // may lose it (and later unsynced batches) but never half of it.
  Status CommitBlock(const BlockCommit& commit, bool sync = true);

  // nullopt before genesis was committed.
  Result<std::optional<StoredHead>> Head() const;
  Result<std::optional<Hash256>> GenesisHash() const;
  // The commit of the head block (nullopt if none, e.g. only genesis).
  Result<std::optional<chain::Commit>> HeadCommit() const;
  Result<uint64_t> TxsCommitted() const;

  // The layout version this build writes; CheckFormat() refuses a store written with another.
  static constexpr uint64_t kFormat = 2;
  // Ok for an empty store or one of kFormat; InvalidArgument "db-format" otherwise.
  Status CheckFormat() const;

  // NotFound "block-not-found".
  Result<chain::Block> GetBlock(uint64_t height) const;
  Result<Hash256> GetBlockHash(uint64_t height) const;
  Result<uint64_t> GetHeight(const Hash256& block_hash) const;
  Result<chain::BlockResults> GetResults(uint64_t height) const;
  // NotFound "tx-not-found".
  Result<TxRecord> GetTx(const Hash256& tx_hash) const;
  // The committed transaction `record` points at, decoded alone (not its whole block).
  Result<chain::Transaction> GetCommittedTx(const TxRecord& record) const;

  // Evidence committed in blocks, the most recent first: (height, evidence).
  Result<std::vector<std::pair<uint64_t, chain::Evidence>>> CommittedEvidence(size_t limit) const;

  // The head state's value under a state key.
  Result<std::optional<Bytes>> GetState(ByteSpan state_key) const;
  // NotFound "smt-missing-node".
  Result<chain::SmtNode> GetNode(const Hash256& node_hash) const;

  KvStore& kv() { return kv_; }
  // For read-only indexes kept next to the chain (BillIndex::Read).
  const KvStore& kv() const { return kv_; }

 private:
  KvStore& kv_;
};

}  // namespace tfchain::node

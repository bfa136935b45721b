#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "chain/block.h"
#include "chain/genesis.h"
#include "contracts/runtime.h"
#include "node/block_builder.h"
#include "node/chain_store.h"
#include "node/state_db.h"

namespace tfchain::node {

// The chain as this node has committed it: the store, the runtime, the head and the
// head state. Building and committing blocks goes through here.
//
// NOT thread-safe: owned by the node's event-loop thread (the bench drives it from
// one thread too). Read-only store access from other threads goes to store().
class ChainState {
 public:
  struct Options {
    size_t tree_cache_nodes = 1 << 21;
    size_t state_cache_entries = 1 << 17;  // head-state values kept in memory
  };

  // Opens the chain kept in `kv`. An empty store gets the genesis block of
  // `genesis`; otherwise the stored genesis hash must equal the one `genesis` yields
  // (error "genesis-mismatch": the data dir belongs to another chain). `kv` must
  // outlive the ChainState.
  static Result<std::unique_ptr<ChainState>> Open(KvStore& kv, chain::Genesis genesis, const Options& options);
  static Result<std::unique_ptr<ChainState>> Open(KvStore& kv, chain::Genesis genesis) {
    return Open(kv, std::move(genesis), Options{});
  }

  const contracts::Runtime& runtime() const { return runtime_; }
  const chain::Genesis& genesis() const { return runtime_.genesis(); }
  const Hash256& genesis_hash() const { return genesis_hash_; }
  const chain::BlockHeader& head() const { return head_; }
  const Hash256& head_hash() const { return head_hash_; }
  // The commit of the head block, carried by the next block (empty for genesis).
  const chain::Commit& head_commit() const { return head_commit_; }
  uint64_t txs_committed() const { return txs_committed_; }
  const contracts::StateReader& head_state() const { return head_state_; }
  // The validator sets as of the head H: last signed H, current signs H+1, next
  // signs H+2 (Runtime::GetValidatorSets of the head state, cached).
  const contracts::ValidatorSets& validator_sets() const { return validator_sets_; }
  const chain::SmtNodeReader& tree() const { return tree_; }
  const ChainStore& store() const { return store_; }

  // The template for the next block on the head by `proposer` (a consensus key) at
  // `time_ms` (which is raised to head time + 1 if needed: block times strictly
  // increase). Its validator hashes are those of the current and next sets; it
  // carries the head's commit and no evidence (the caller may add some).
  BlockTemplate NextTemplate(uint64_t time_ms, const chain::AccountId& proposer) const;

  // Executes candidates on the head (see BuildBlock).
  Result<BuiltBlock> Build(const BlockTemplate& tmpl, std::span<const Candidate> candidates) const;

  // Commits a built block on the head together with the commit that finalised it,
  // atomically and durably, and advances the head. `built` must extend the head.
  // `durable`: see ChainStore::CommitBlock's `sync` (block sync batches fsyncs).
  Status Commit(BuiltBlock built, chain::Commit commit, bool durable = true);

  // Called by every successful Commit, after the store write and before the head
  // moves, with the committed block header and its state writes (state key -> value,
  // nullopt = deleted). Runs on the committing thread; it must not call back into
  // this ChainState. Observers run in the order they were added; `observer` must not
  // be empty.
  using CommitObserver = std::function<void(const chain::BlockHeader& header,
                                            const contracts::StateWrites& writes)>;
  void AddCommitObserver(CommitObserver observer) {
    CHECK(observer);
    commit_observers_.push_back(std::move(observer));
  }

 private:
  ChainState(KvStore& kv, chain::Genesis genesis, const Options& options);
  Status LoadOrInit();

  ChainStore store_;
  contracts::Runtime runtime_;
  CachedStateReader head_state_;
  CachedNodeReader tree_;
  Hash256 genesis_hash_;
  chain::BlockHeader head_;
  Hash256 head_hash_;
  chain::Commit head_commit_;
  contracts::ValidatorSets validator_sets_;
  uint64_t txs_committed_ = 0;
  std::vector<CommitObserver> commit_observers_;
};

}  // namespace tfchain::node

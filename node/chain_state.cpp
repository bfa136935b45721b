#include "node/chain_state.h"

#include <algorithm>

namespace tfchain::node {
namespace {
// What the store needs of a built block; `commit` may be null (genesis).
BlockCommit CommitOf(const BuiltBlock& built, const chain::Commit* commit, uint64_t txs_committed_total) {
  BlockCommit c;
  c.block = &built.block;
  c.hash = built.hash;
  c.tx_hashes = &built.tx_hashes;
  c.results = &built.results;
  c.state_writes = &built.state_writes;
  c.new_nodes = &built.new_nodes;
  c.commit = commit;
  c.txs_committed_total = txs_committed_total;
  return c;
}
}  // namespace

ChainState::ChainState(KvStore& kv, chain::Genesis genesis, const Options& options)
    : store_(kv),
      runtime_(std::move(genesis)),
      head_state_(store_, options.state_cache_entries),
      tree_(store_, options.tree_cache_nodes) {}

Result<std::unique_ptr<ChainState>> ChainState::Open(KvStore& kv, chain::Genesis genesis, const Options& options) {
  std::unique_ptr<ChainState> state(new ChainState(kv, std::move(genesis), options));
  TF_RETURN_IF_ERROR(state->LoadOrInit());
  return state;
}

Status ChainState::LoadOrInit() {
  // The genesis block is a pure function of the genesis file; build it either way to
  // learn its hash.
  auto mem = NewMemKvStore();
  ChainStore scratch(*mem);
  HeadStateReader empty_state(scratch);
  CachedNodeReader empty_tree(scratch, 16);
  TF_ASSIGN_OR_RETURN(BuiltBlock genesis_block, BuildGenesisBlock(runtime_, empty_state, empty_tree));
  genesis_hash_ = genesis_block.hash;

  TF_ASSIGN_OR_RETURN(std::optional<StoredHead> stored, store_.Head());
  if (!stored) {
    TF_RETURN_IF_ERROR(store_.CommitBlock(CommitOf(genesis_block, nullptr, 0)));
    head_state_.Update(genesis_block.state_writes);
    head_ = genesis_block.block.header;
    head_hash_ = genesis_block.hash;
    validator_sets_ = genesis_block.validator_sets;
    return Status::Ok();
  }

  TF_ASSIGN_OR_RETURN(std::optional<Hash256> stored_genesis, store_.GenesisHash());
  if (!stored_genesis) return Status::Corruption("db-corrupt", "a head but no genesis hash");
  if (*stored_genesis != genesis_hash_) {
    return Status::InvalidArgument("genesis-mismatch", "the data dir holds chain " + stored_genesis->Hex() +
                                                           ", the genesis file gives " + genesis_hash_.Hex());
  }
  TF_RETURN_IF_ERROR(store_.CheckFormat());
  TF_ASSIGN_OR_RETURN(chain::Block head_block, store_.GetBlock(stored->height));
  if (chain::BlockHash(head_block.header) != stored->hash) {
    return Status::Corruption("db-corrupt", "head block does not match the head hash");
  }
  head_ = head_block.header;
  head_hash_ = stored->hash;
  TF_ASSIGN_OR_RETURN(std::optional<chain::Commit> commit, store_.HeadCommit());
  head_commit_ = commit.value_or(chain::Commit{});
  TF_ASSIGN_OR_RETURN(txs_committed_, store_.TxsCommitted());
  TF_ASSIGN_OR_RETURN(validator_sets_, runtime_.GetValidatorSets(head_state_));
  return Status::Ok();
}

BlockTemplate ChainState::NextTemplate(uint64_t time_ms, const chain::AccountId& proposer) const {
  BlockTemplate t;
  t.height = head_.height + 1;
  t.time_ms = std::max(time_ms, head_.time_ms + 1);
  t.prev_hash = head_hash_;
  t.prev_state_root = head_.state_root;
  t.proposer = proposer;
  t.last_commit = head_commit_;
  t.validators_hash = chain::ValidatorSetHash(validator_sets_.current);
  t.next_validators_hash = chain::ValidatorSetHash(validator_sets_.next);
  t.max_txs = genesis().consensus.max_block_txs;
  t.max_bytes = genesis().consensus.max_block_bytes;
  return t;
}

Result<BuiltBlock> ChainState::Build(const BlockTemplate& tmpl, std::span<const Candidate> candidates) const {
  return BuildBlock(runtime_, head_state_, tree_, tmpl, candidates);
}

Status ChainState::Commit(BuiltBlock built, chain::Commit commit, bool durable) {
  CHECK(built.block.header.height == head_.height + 1 && built.block.header.prev_hash == head_hash_);
  const uint64_t txs_committed = txs_committed_ + built.block.txs.size();
  TF_RETURN_IF_ERROR(store_.CommitBlock(CommitOf(built, &commit, txs_committed), durable));
  head_state_.Update(built.state_writes);
  for (const CommitObserver& observer : commit_observers_) observer(built.block.header, built.state_writes);
  tree_.Insert(built.new_nodes);
  head_ = built.block.header;
  head_hash_ = built.hash;
  head_commit_ = std::move(commit);
  validator_sets_ = std::move(built.validator_sets);
  txs_committed_ = txs_committed;
  return Status::Ok();
}

}  // namespace tfchain::node

#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "chain/block.h"
#include "chain/receipt.h"
#include "chain/sparse_merkle_tree.h"
#include "contracts/runtime.h"
#include "contracts/state.h"

namespace tfchain::node {

using chain::Hash256;
using chain::Result;
using chain::Status;

// A transaction offered for a block; its signature has been verified.
struct Candidate {
  const chain::Transaction* tx = nullptr;
  Hash256 hash;
  size_t encoded_size = 0;
};

// What the next block builds on.
struct BlockTemplate {
  uint64_t height = 0;
  uint64_t time_ms = 0;
  Hash256 prev_hash;
  Hash256 prev_state_root;
  chain::AccountId proposer;
  chain::Commit last_commit;
  // Double-sign evidence to include; each piece must pass Runtime::CheckEvidence on
  // the parent state, or the block cannot be built.
  std::vector<chain::Evidence> evidence;
  Hash256 validators_hash;       // hash of the sets that sign this block (current)
  Hash256 next_validators_hash;  // ... and the next one (next)
  uint64_t max_txs = 0;
  uint64_t max_bytes = 0;
};

// A block executed and ready to commit: the block itself plus everything the store
// needs (receipts, state writes, new tree nodes).
struct BuiltBlock {
  chain::Block block;
  Hash256 hash;
  std::vector<Hash256> tx_hashes;
  chain::BlockResults results;
  contracts::StateWrites state_writes;
  std::vector<std::pair<Hash256, chain::SmtNode>> new_nodes;
  // Accounts whose balances or nonce the block wrote (for the mempool's re-check).
  std::vector<chain::AccountId> changed_accounts;
  // The validator sets after this block (Runtime::GetValidatorSets of its state).
  contracts::ValidatorSets validator_sets;
  // Candidates left out because they cannot be included (with the reason); those
  // left out only for lack of room are not listed.
  std::vector<std::pair<Hash256, chain::Status>> rejected;
};

// Executes `candidates` in order on `state` and assembles the block. A candidate
// that is not includable is skipped (and the signer's later candidates with it: their
// nonces would no longer follow). Stops at the template's tx count and byte limits.
// Errors for state read failures and for block hooks that refuse the template's
// inputs (invalid evidence, a last commit for another height: InvalidArgument),
// never for bad transactions. Pure apart from the readers it is given.
Result<BuiltBlock> BuildBlock(const contracts::Runtime& runtime, const contracts::StateReader& state,
                              const chain::SmtNodeReader& nodes, const BlockTemplate& tmpl,
                              std::span<const Candidate> candidates);

// The genesis block (height 0) and its state.
Result<BuiltBlock> BuildGenesisBlock(const contracts::Runtime& runtime, const contracts::StateReader& empty_state,
                                     const chain::SmtNodeReader& nodes);

}  // namespace tfchain::node

#pragma once

#include <span>

#include "chain/block.h"
#include "node/block_builder.h"
#include "node/chain_state.h"

namespace tfchain::node {

// Validates a block received from the network (a proposal, or a block being synced)
// against the head of `chain` by re-executing it: it must extend the head, carry a
// valid commit of the head (more than 2/3 of the head's validators), have a later time,
// contain only includable transactions, valid evidence, and a header equal field by
// field to the one a correct proposer builds from the same inputs. `tx_hashes` are the
// block's transaction hashes, whose signatures the caller has verified (or, for a
// block that comes with a valid commit, that the committing validators verified).
// Returns the executed block, ready for ChainState::Commit. Errors (InvalidArgument):
// "block-wrong-chain", "block-wrong-height", "block-wrong-parent", "block-bad-time",
// "block-bad-last-commit: ...", "block-invalid-tx: ...", "block-invalid-evidence: ...",
// "block-header-mismatch: <field>"; state read failures otherwise.
chain::Result<BuiltBlock> ExecuteBlock(const ChainState& chain, const chain::Block& block,
                                       std::span<const chain::Hash256> tx_hashes);

}  // namespace tfchain::node

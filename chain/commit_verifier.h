#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "chain/status.h"
#include "chain/validator_set.h"
#include "chain/vote.h"

namespace tfchain::chain {

// Checks that `commit` finalises `block_hash` at `height` for `validators` (the set
// that signed that height): every signature is a valid precommit of a distinct member
// for (height, commit.round, block_hash), and the signers hold more than 2/3 of the
// set's total power. Errors (InvalidArgument): "commit-wrong-block" (height or block
// hash differ), "commit-unknown-validator", "commit-duplicate-signer",
// "commit-bad-signature", "commit-insufficient-power". Thread-safe; pure.
Status VerifyCommit(std::string_view chain_id, const std::vector<Validator>& validators, uint64_t height,
                    const Hash256& block_hash, const Commit& commit);

}  // namespace tfchain::chain

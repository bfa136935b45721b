#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "chain/call.h"
#include "chain/event.h"
#include "chain/genesis.h"
#include "chain/validator_set.h"
#include "chain/vote.h"
#include "contracts/staking_state.h"
#include "contracts/state.h"

namespace tfchain::contracts {

// The validator sets of the CometBFT-style H+2 rule, as of a head block H.
struct ValidatorSets {
  std::vector<chain::Validator> last;     // signed H
  std::vector<chain::Validator> current;  // signs H+1
  std::vector<chain::Validator> next;     // signs H+2
  bool operator==(const ValidatorSets&) const = default;
};

// The staking module (docs/staking.md): validators, bonding and delegation, the
// active set and its rotation, epoch rewards from the staking pool, and slashing
// for double-signing (tombstone) and downtime (jail).
//
// Rules in brief:
//  - Funds bonded or unbonding stay in the bonder's `reserved` balance until
//    withdrawn; slashing burns from there (issuance shrinks by the same).
//  - A validator's power is its total bonded stake (unbonding entries excluded).
//  - The active set is the top max_validators by power among registered validators
//    that are not jailed or tombstoned and whose self-bond is at least
//    min_validator_bond; ties go to the smaller consensus key. Sets are ordered by
//    power descending, then consensus key ascending.
//
// Every call and hook failure that is the caller's fault is an InvalidArgument
// Status with a stable kebab-case reason; the caller (Runtime) rolls back a failed
// call. Other codes are state read failures. Const methods only read their own
// parameters, so one Staking may serve concurrent executions on different states.
class Staking {
 public:
  Staking(chain::StakingParams params, std::string chain_id);

  const chain::StakingParams& params() const { return params_; }

  // Registers and self-bonds the genesis validators (from their operators' genesis
  // balances, which must already be written), and sets last = current = next = the
  // active set. Errors: the calls' errors for a Genesis that ParseGenesisJson would
  // refuse, "bad-genesis" when no validator qualifies for the active set.
  Status InitGenesis(StateOverlay& state, const std::vector<chain::GenesisValidator>& validators,
                     std::vector<chain::Event>* events) const;

  // Calls, with `signer` the transaction's signer and `height` the block's height.
  // Errors (all InvalidArgument):
  //   RegisterValidator: "already-validator", "bad-commission", "bad-consensus-key",
  //     "consensus-key-in-use", "consensus-key-tombstoned", "too-many-validators".
  //   SetCommission: "unknown-validator", "validator-tombstoned", "bad-commission".
  //   Bond: "zero-amount", "unknown-validator", "validator-tombstoned",
  //     "insufficient-balance", "too-many-delegators".
  //   Unbond: "zero-amount", "not-bonded", "insufficient-bond",
  //     "too-many-unbonding-entries".
  //   WithdrawUnbonded: "nothing-to-withdraw".
  //   Unjail: "unknown-validator", "tombstoned", "not-jailed", "still-jailed",
  //     "bond-below-minimum".
  Status RegisterValidator(StateOverlay& state, const AccountId& signer, const chain::RegisterValidatorCall& call,
                           std::vector<chain::Event>* events) const;
  Status SetCommission(StateOverlay& state, const AccountId& signer, const chain::SetCommissionCall& call,
                       std::vector<chain::Event>* events) const;
  Status Bond(StateOverlay& state, const AccountId& signer, const chain::BondCall& call,
              std::vector<chain::Event>* events) const;
  Status Unbond(StateOverlay& state, uint64_t height, const AccountId& signer, const chain::UnbondCall& call,
                std::vector<chain::Event>* events) const;
  Status WithdrawUnbonded(StateOverlay& state, uint64_t height, const AccountId& signer,
                          std::vector<chain::Event>* events) const;
  Status Unjail(StateOverlay& state, uint64_t height, const AccountId& signer, std::vector<chain::Event>* events) const;

  // Checks one piece of double-sign evidence for inclusion in block `height`: two
  // votes of the same validator at the same height, round and type for different
  // blocks, both validly signed for this chain, by a registered validator that is not
  // tombstoned, at most evidence_max_age blocks before `height` (and not after it).
  // Errors (InvalidArgument): "evidence-validator-mismatch",
  // "evidence-not-conflicting", "evidence-same-block", "evidence-from-future",
  // "evidence-too-old", "evidence-bad-signature", "evidence-unknown-validator",
  // "evidence-validator-tombstoned".
  Status CheckEvidence(const StateReader& state, const chain::Evidence& evidence, uint64_t height) const;

  // Block `height` begins: (1) each piece of evidence must pass CheckEvidence (else
  // the block is invalid: InvalidArgument); its validator's whole stake is slashed
  // by double_sign_slash_permill and it is tombstoned. Two pieces against one
  // validator make the block invalid (the second finds it tombstoned). (2) The
  // signers of `last_commit` (the precommits for block height-1) are recorded
  // against the `last` set in the downtime windows; a validator that missed more
  // than downtime_window - min_signed_per_window of its window is slashed by
  // downtime_slash_permill and jailed for jail_duration blocks. The commit's
  // signatures are NOT verified here: the node verified the commit before accepting
  // the block. A null or empty commit (height 1, or tests without consensus)
  // records nothing; a commit for another height is "bad-last-commit". Jailing or
  // tombstoning forces the set recomputation in EndBlock.
  Status BeginBlock(StateOverlay& state, uint64_t height, const chain::Commit* last_commit,
                    std::span<const chain::Evidence> evidence, std::vector<chain::Event>* events) const;

  // Block `height` ends: at an epoch end (height % epoch_length == 0) the epoch
  // reward is paid and pending commissions apply; then the sets rotate:
  // last <- current, current <- next, and next <- the recomputed active set at an
  // epoch end or when this block jailed or tombstoned a validator (an empty result
  // keeps the previous set: the chain must not halt by rule). Emits
  // ActiveSetChanged when next changes.
  Status EndBlock(StateOverlay& state, uint64_t height, std::vector<chain::Event>* events) const;

  // The active set the current state gives (see the class comment).
  Result<std::vector<chain::Validator>> ComputeActiveSet(const StateReader& state) const;

  static Result<ValidatorSets> GetValidatorSets(const StateReader& state);
  // The operator account of the validator with this consensus key (also for a
  // tombstoned one), or nullopt.
  static Result<std::optional<AccountId>> OperatorOf(const StateReader& state, const AccountId& consensus_key);

 private:
  // Pays min(epoch_reward, pool balance) over the eligible members of `current`.
  Status PayEpochRewards(StateOverlay& state, std::vector<chain::Event>* events) const;
  Status ApplyPendingCommissions(StateOverlay& state) const;
  // Burns `permill` of every bond and unbonding entry with validator `op` and updates
  // `record` (which the caller writes back). Emits Slashed.
  Status Slash(StateOverlay& state, const AccountId& op, ValidatorRecord& record, uint32_t permill,
               chain::SlashReason reason, std::vector<chain::Event>* events) const;
  Status ApplyEvidence(StateOverlay& state, uint64_t height, const chain::Evidence& evidence,
                       std::vector<chain::Event>* events) const;
  Status RecordSignatures(StateOverlay& state, uint64_t height, const chain::Commit& commit,
                          std::vector<chain::Event>* events) const;

  chain::StakingParams params_;
  std::string chain_id_;
};

// Moves between an account's free and reserved balances, for staking's bookkeeping.
// Reserve fails with "insufficient-balance"; Unreserve and BurnReserved require the
// reserved balance to cover `amount` (an invariant of the staking records).
// BurnReserved destroys the units: issuance shrinks by `amount`.
Status Reserve(StateOverlay& state, const AccountId& who, uint64_t amount);
Status Unreserve(StateOverlay& state, const AccountId& who, uint64_t amount);
Status BurnReserved(StateOverlay& state, const AccountId& who, uint64_t amount);

}  // namespace tfchain::contracts

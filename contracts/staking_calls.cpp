// Staking calls: register_validator, set_commission, bond, unbond,
// withdraw_unbonded, unjail (rules in staking.h and docs/staking.md).
#include <algorithm>

#include "chain/keys.h"
#include "contracts/balances.h"
#include "contracts/staking.h"

namespace tfchain::contracts {
namespace {

Status Invalid(std::string reason, std::string detail) {
  return Status::InvalidArgument(std::move(reason), std::move(detail));
}

std::string Ss58(const AccountId& id) { return chain::ToSs58(id); }

Status CheckCommission(uint32_t commission_permill) {
  if (commission_permill > chain::kPermillDenominator) {
    return Invalid("bad-commission", "commission " + std::to_string(commission_permill) + " permill exceeds " +
                                         std::to_string(chain::kPermillDenominator));
  }
  return Status::Ok();
}

}  // namespace

Staking::Staking(chain::StakingParams params, std::string chain_id)
    : params_(std::move(params)), chain_id_(std::move(chain_id)) {}

Status Reserve(StateOverlay& state, const AccountId& who, uint64_t amount) {
  TF_ASSIGN_OR_RETURN(AccountData account, Balances::GetAccount(state, who));
  if (account.free < amount) {
    return Invalid("insufficient-balance",
                   "free balance " + std::to_string(account.free) + " is below " + std::to_string(amount));
  }
  account.free -= amount;
  account.reserved += amount;  // cannot overflow: free + reserved <= issuance
  Balances::PutAccount(state, who, account);
  return Status::Ok();
}

Status Unreserve(StateOverlay& state, const AccountId& who, uint64_t amount) {
  TF_ASSIGN_OR_RETURN(AccountData account, Balances::GetAccount(state, who));
  CHECK(account.reserved >= amount);
  account.reserved -= amount;
  account.free += amount;
  Balances::PutAccount(state, who, account);
  return Status::Ok();
}

Status BurnReserved(StateOverlay& state, const AccountId& who, uint64_t amount) {
  // Back to free, then burned from there: Balances owns issuance.
  TF_RETURN_IF_ERROR(Unreserve(state, who, amount));
  return Balances::Burn(state, who, amount);
}

Status Staking::RegisterValidator(StateOverlay& state, const AccountId& signer,
                                  const chain::RegisterValidatorCall& call, std::vector<chain::Event>* events) const {
  TF_RETURN_IF_ERROR(CheckCommission(call.commission_permill));
  if (!chain::PublicKey::Parse(chain::KeyScheme::kEd25519, call.consensus_key.span()).ok()) {
    return Invalid("bad-consensus-key", Ss58(call.consensus_key) + " is not a valid ed25519 public key");
  }
  TF_ASSIGN_OR_RETURN(std::optional<ValidatorRecord> existing, StakingState::GetValidator(state, signer));
  if (existing) return Invalid("already-validator", Ss58(signer) + " already operates a validator");
  TF_ASSIGN_OR_RETURN(std::optional<AccountId> key_owner, StakingState::GetOperatorOf(state, call.consensus_key));
  if (key_owner) {
    TF_ASSIGN_OR_RETURN(ValidatorRecord owner, StakingState::GetExistingValidator(state, *key_owner));
    if (owner.tombstoned) {
      return Invalid("consensus-key-tombstoned", "the key of tombstoned validator " + Ss58(*key_owner));
    }
    return Invalid("consensus-key-in-use", "the key of validator " + Ss58(*key_owner));
  }
  TF_ASSIGN_OR_RETURN(std::vector<AccountId> list, StakingState::GetValidatorList(state));
  if (list.size() >= kMaxRegisteredValidators) {
    return Invalid("too-many-validators", std::to_string(list.size()) + " validators are registered already");
  }
  ValidatorRecord record;
  record.consensus_key = call.consensus_key;
  record.commission_permill = call.commission_permill;
  StakingState::PutValidator(state, signer, record);
  StakingState::PutOperatorOf(state, call.consensus_key, signer);
  list.push_back(signer);
  StakingState::PutValidatorList(state, list);
  events->push_back(chain::ValidatorRegisteredEvent{signer, call.consensus_key, call.commission_permill});
  return Status::Ok();
}

Status Staking::SetCommission(StateOverlay& state, const AccountId& signer, const chain::SetCommissionCall& call,
                              std::vector<chain::Event>* events) const {
  TF_ASSIGN_OR_RETURN(std::optional<ValidatorRecord> record, StakingState::GetValidator(state, signer));
  if (!record) return Invalid("unknown-validator", Ss58(signer) + " operates no validator");
  if (record->tombstoned) return Invalid("validator-tombstoned", Ss58(signer) + " is tombstoned");
  TF_RETURN_IF_ERROR(CheckCommission(call.commission_permill));
  record->pending_commission = call.commission_permill;
  StakingState::PutValidator(state, signer, *record);
  events->push_back(chain::CommissionChangedEvent{signer, call.commission_permill});
  return Status::Ok();
}

Status Staking::Bond(StateOverlay& state, const AccountId& signer, const chain::BondCall& call,
                     std::vector<chain::Event>* events) const {
  if (call.amount == 0) return Invalid("zero-amount", "bond an amount above zero");
  TF_ASSIGN_OR_RETURN(std::optional<ValidatorRecord> record, StakingState::GetValidator(state, call.validator));
  if (!record) return Invalid("unknown-validator", Ss58(call.validator) + " operates no validator");
  if (record->tombstoned) return Invalid("validator-tombstoned", Ss58(call.validator) + " is tombstoned");
  TF_ASSIGN_OR_RETURN(std::vector<AccountId> bonders, StakingState::GetBonders(state, call.validator));
  const bool new_bonder = std::find(bonders.begin(), bonders.end(), signer) == bonders.end();
  if (new_bonder && bonders.size() >= kMaxBondersPerValidator && signer != call.validator) {
    return Invalid("too-many-delegators",
                   Ss58(call.validator) + " has " + std::to_string(bonders.size()) + " bonders, the most allowed");
  }
  TF_RETURN_IF_ERROR(Reserve(state, signer, call.amount));
  if (new_bonder) {
    bonders.push_back(signer);
    StakingState::PutBonders(state, call.validator, bonders);
  }
  TF_ASSIGN_OR_RETURN(uint64_t bond, StakingState::GetBond(state, call.validator, signer));
  // No overflow: bonds are reserved funds, and all funds sum to issuance < 2^64.
  StakingState::PutBond(state, call.validator, signer, bond + call.amount);
  record->total_bonded += call.amount;
  if (signer == call.validator) record->self_bond += call.amount;
  StakingState::PutValidator(state, call.validator, *record);
  events->push_back(chain::BondedEvent{call.validator, signer, call.amount});
  return Status::Ok();
}

Status Staking::Unbond(StateOverlay& state, uint64_t height, const AccountId& signer, const chain::UnbondCall& call,
                       std::vector<chain::Event>* events) const {
  if (call.amount == 0) return Invalid("zero-amount", "unbond an amount above zero");
  TF_ASSIGN_OR_RETURN(uint64_t bond, StakingState::GetBond(state, call.validator, signer));
  if (bond == 0) return Invalid("not-bonded", Ss58(signer) + " has no bond with " + Ss58(call.validator));
  if (call.amount > bond) {
    return Invalid("insufficient-bond",
                   "bonded " + std::to_string(bond) + ", asked to unbond " + std::to_string(call.amount));
  }
  const uint64_t release_height = height + params_.unbonding_period;
  TF_ASSIGN_OR_RETURN(std::vector<UnbondingEntry> entries, StakingState::GetUnbonding(state, signer));
  auto same = std::find_if(entries.begin(), entries.end(), [&](const UnbondingEntry& e) {
    return e.validator == call.validator && e.release_height == release_height;
  });
  if (same != entries.end()) {
    same->amount += call.amount;
  } else {
    if (entries.size() >= kMaxUnbondingEntries) {
      return Invalid("too-many-unbonding-entries",
                     std::to_string(entries.size()) + " entries are unbonding; withdraw released ones first");
    }
    entries.push_back(UnbondingEntry{call.validator, call.amount, release_height});
  }
  StakingState::PutUnbonding(state, signer, entries);
  StakingState::PutBond(state, call.validator, signer, bond - call.amount);
  TF_ASSIGN_OR_RETURN(ValidatorRecord record, StakingState::GetExistingValidator(state, call.validator));
  record.total_bonded -= call.amount;
  if (signer == call.validator) record.self_bond -= call.amount;
  StakingState::PutValidator(state, call.validator, record);
  events->push_back(chain::UnbondedEvent{call.validator, signer, call.amount, release_height});
  return Status::Ok();
}

Status Staking::WithdrawUnbonded(StateOverlay& state, uint64_t height, const AccountId& signer,
                                 std::vector<chain::Event>* events) const {
  TF_ASSIGN_OR_RETURN(std::vector<UnbondingEntry> entries, StakingState::GetUnbonding(state, signer));
  std::vector<UnbondingEntry> kept;
  std::vector<AccountId> released_from;
  uint64_t total = 0;
  for (const UnbondingEntry& e : entries) {
    if (e.release_height <= height) {
      total += e.amount;
      released_from.push_back(e.validator);
    } else {
      kept.push_back(e);
    }
  }
  if (released_from.empty()) {
    return Invalid("nothing-to-withdraw", entries.empty() ? "no unbonding entries"
                                                          : "the next entry is released at height " +
                                                                std::to_string(entries.front().release_height));
  }
  StakingState::PutUnbonding(state, signer, kept);
  TF_RETURN_IF_ERROR(Unreserve(state, signer, total));
  for (const AccountId& op : released_from) TF_RETURN_IF_ERROR(StakingState::PruneBonder(state, op, signer));
  events->push_back(chain::WithdrawnEvent{signer, total});
  return Status::Ok();
}

Status Staking::Unjail(StateOverlay& state, uint64_t height, const AccountId& signer,
                       std::vector<chain::Event>* events) const {
  TF_ASSIGN_OR_RETURN(std::optional<ValidatorRecord> record, StakingState::GetValidator(state, signer));
  if (!record) return Invalid("unknown-validator", Ss58(signer) + " operates no validator");
  if (record->tombstoned) return Invalid("tombstoned", Ss58(signer) + " double-signed and cannot return");
  if (!record->jailed) return Invalid("not-jailed", Ss58(signer) + " is not jailed");
  if (height < record->jailed_until) {
    return Invalid("still-jailed", "jailed until height " + std::to_string(record->jailed_until));
  }
  if (record->self_bond < params_.min_validator_bond) {
    return Invalid("bond-below-minimum", "self-bond " + std::to_string(record->self_bond) + " is below " +
                                             std::to_string(params_.min_validator_bond));
  }
  record->jailed = false;
  record->jailed_until = 0;
  StakingState::PutValidator(state, signer, *record);
  events->push_back(chain::UnjailedEvent{signer});
  return Status::Ok();
}

}  // namespace tfchain::contracts

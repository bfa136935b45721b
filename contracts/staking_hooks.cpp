// Staking genesis, the active set and the H+2 rotation at the end of each block.
// Rules in staking.h and docs/staking.md.
#include <algorithm>

#include "contracts/staking.h"

namespace tfchain::contracts {

Status Staking::InitGenesis(StateOverlay& state, const std::vector<chain::GenesisValidator>& validators,
                            std::vector<chain::Event>* events) const {
  for (size_t i = 0; i < validators.size(); ++i) {
    const chain::GenesisValidator& v = validators[i];
    const std::string context = "genesis validator " + v.name;
    Status s =
        RegisterValidator(state, v.account, chain::RegisterValidatorCall{v.validator.id, v.commission_permill}, events);
    if (s.ok()) s = Bond(state, v.account, chain::BondCall{v.account, v.validator.power}, events);
    if (!s.ok()) return s.WithContext(context);
  }
  TF_ASSIGN_OR_RETURN(std::vector<chain::Validator> set, ComputeActiveSet(state));
  if (set.empty()) {
    return Status::InvalidArgument("bad-genesis", "no genesis validator qualifies for the active set");
  }
  for (SetSlot slot : {SetSlot::kLast, SetSlot::kCurrent, SetSlot::kNext}) StakingState::PutSet(state, slot, set);
  chain::ActiveSetChangedEvent changed{0, 1, {}};
  for (const chain::Validator& v : set) changed.members.push_back(v.id);
  events->push_back(std::move(changed));
  return Status::Ok();
}

Result<std::vector<chain::Validator>> Staking::ComputeActiveSet(const StateReader& state) const {
  TF_ASSIGN_OR_RETURN(std::vector<AccountId> operators, StakingState::GetValidatorList(state));
  std::vector<chain::Validator> candidates;
  for (const AccountId& op : operators) {
    TF_ASSIGN_OR_RETURN(ValidatorRecord record, StakingState::GetExistingValidator(state, op));
    if (record.jailed || record.tombstoned || record.self_bond < params_.min_validator_bond) continue;
    candidates.push_back(chain::Validator{record.consensus_key, record.total_bonded});
  }
  std::sort(candidates.begin(), candidates.end(), [](const chain::Validator& a, const chain::Validator& b) {
    return a.power != b.power ? a.power > b.power : a.id < b.id;
  });
  if (candidates.size() > params_.max_validators) candidates.resize(params_.max_validators);
  return candidates;
}

Status Staking::ApplyPendingCommissions(StateOverlay& state) const {
  TF_ASSIGN_OR_RETURN(std::vector<AccountId> operators, StakingState::GetValidatorList(state));
  for (const AccountId& op : operators) {
    TF_ASSIGN_OR_RETURN(ValidatorRecord record, StakingState::GetExistingValidator(state, op));
    if (!record.pending_commission) continue;
    record.commission_permill = *record.pending_commission;
    record.pending_commission.reset();
    StakingState::PutValidator(state, op, record);
  }
  return Status::Ok();
}

Status Staking::EndBlock(StateOverlay& state, uint64_t height, std::vector<chain::Event>* events) const {
  const bool epoch_end = height % params_.epoch_length == 0;
  if (epoch_end) {
    TF_RETURN_IF_ERROR(PayEpochRewards(state, events));
    TF_RETURN_IF_ERROR(ApplyPendingCommissions(state));
  }
  TF_ASSIGN_OR_RETURN(ValidatorSets sets, GetValidatorSets(state));
  TF_ASSIGN_OR_RETURN(uint64_t forced_at, StakingState::GetRecomputeHeight(state));
  std::vector<chain::Validator> next = sets.next;
  if (epoch_end || forced_at == height) {
    TF_ASSIGN_OR_RETURN(std::vector<chain::Validator> computed, ComputeActiveSet(state));
    if (!computed.empty()) next = std::move(computed);  // else keep: never halt by rule
  }
  // Write only what changes: most blocks rotate three equal sets.
  if (sets.last != sets.current) StakingState::PutSet(state, SetSlot::kLast, sets.current);
  if (sets.current != sets.next) StakingState::PutSet(state, SetSlot::kCurrent, sets.next);
  if (next != sets.next) {
    StakingState::PutSet(state, SetSlot::kNext, next);
    chain::ActiveSetChangedEvent changed{height / params_.epoch_length, height + 2, {}};
    for (const chain::Validator& v : next) changed.members.push_back(v.id);
    events->push_back(std::move(changed));
  }
  return Status::Ok();
}

Result<ValidatorSets> Staking::GetValidatorSets(const StateReader& state) {
  ValidatorSets sets;
  TF_ASSIGN_OR_RETURN(sets.last, StakingState::GetSet(state, SetSlot::kLast));
  TF_ASSIGN_OR_RETURN(sets.current, StakingState::GetSet(state, SetSlot::kCurrent));
  TF_ASSIGN_OR_RETURN(sets.next, StakingState::GetSet(state, SetSlot::kNext));
  return sets;
}

Result<std::optional<AccountId>> Staking::OperatorOf(const StateReader& state, const AccountId& consensus_key) {
  return StakingState::GetOperatorOf(state, consensus_key);
}

}  // namespace tfchain::contracts

// Staking epoch rewards, paid from the staking pool at each epoch end.
//
//   reward  = min(epoch_reward, free balance of the pool)
//   R_v     = floor(reward * power_v / total power)   over the eligible members of
//             the current set (not jailed, not tombstoned now)
//   to the operator: floor(R_v * commission_permill / 1,000,000)
//   to each bonder b of v (self-bond included):
//             floor((R_v - commission) * bond_b / total_bonded_v)
// All products in 128 bits; what rounding leaves over stays in the pool. One
// RewardPaid event per (validator, account) paid a non-zero amount: the operator's
// commission and its self-bond share are one payout.
#include <algorithm>

#include "contracts/balances.h"
#include "contracts/staking.h"

namespace tfchain::contracts {
namespace {

uint64_t MulDiv(uint64_t a, uint64_t b, uint64_t c) {
  return static_cast<uint64_t>(static_cast<unsigned __int128>(a) * b / c);
}

struct Payee {
  AccountId op;
  ValidatorRecord record;
  uint64_t power = 0;
};

}  // namespace

Status Staking::PayEpochRewards(StateOverlay& state, std::vector<chain::Event>* events) const {
  const AccountId pool = chain::StakingPoolAccount();
  TF_ASSIGN_OR_RETURN(AccountData pool_account, Balances::GetAccount(state, pool));
  const uint64_t reward = std::min(params_.epoch_reward, pool_account.free);
  if (reward == 0) return Status::Ok();

  TF_ASSIGN_OR_RETURN(std::vector<chain::Validator> current, StakingState::GetSet(state, SetSlot::kCurrent));
  std::vector<Payee> payees;
  unsigned __int128 total_power = 0;
  for (const chain::Validator& v : current) {
    TF_ASSIGN_OR_RETURN(std::optional<AccountId> op, StakingState::GetOperatorOf(state, v.id));
    if (!op) return Status::Corruption("state-corrupt", "set member " + chain::ToSs58(v.id) + " has no operator");
    TF_ASSIGN_OR_RETURN(ValidatorRecord record, StakingState::GetExistingValidator(state, *op));
    if (record.jailed || record.tombstoned || v.power == 0) continue;
    payees.push_back(Payee{*op, record, v.power});
    total_power += v.power;
  }
  if (total_power == 0) return Status::Ok();

  for (const Payee& p : payees) {
    const uint64_t share = static_cast<uint64_t>(static_cast<unsigned __int128>(reward) * p.power / total_power);
    const uint64_t commission = MulDiv(share, p.record.commission_permill, chain::kPermillDenominator);
    const uint64_t rest = share - commission;
    // Payouts in bonder order, the operator first.
    std::vector<std::pair<AccountId, uint64_t>> payouts{{p.op, commission}};
    if (p.record.total_bonded > 0) {
      TF_ASSIGN_OR_RETURN(std::vector<AccountId> bonders, StakingState::GetBonders(state, p.op));
      for (const AccountId& bonder : bonders) {
        TF_ASSIGN_OR_RETURN(uint64_t bond, StakingState::GetBond(state, p.op, bonder));
        const uint64_t amount = MulDiv(rest, bond, p.record.total_bonded);
        if (bonder == p.op) {
          payouts.front().second += amount;
        } else {
          payouts.emplace_back(bonder, amount);
        }
      }
    }
    for (const auto& [account, amount] : payouts) {
      if (amount == 0) continue;
      TF_RETURN_IF_ERROR(Balances::Transfer(state, pool, account, amount, nullptr));
      events->push_back(chain::RewardPaidEvent{p.op, account, amount});
    }
  }
  return Status::Ok();
}

}  // namespace tfchain::contracts

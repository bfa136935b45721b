// Governance actions: validation (at proposal and at enactment) and enactment.
// Rules in governance.h and docs/governance.md.
#include <algorithm>
#include <type_traits>

#include "contracts/farming_state.h"
#include "contracts/governance.h"
#include "contracts/policy_state.h"
#include "contracts/solution_provider_state.h"

namespace tfchain::contracts {
namespace {

Status BadPolicy(std::string detail) { return Status::InvalidArgument("bad-policy", std::move(detail)); }

Status CheckPolicyId(chain::PolicyId id, uint32_t count) {
  if (id > count) {
    return Status::InvalidArgument("unknown-policy", "no policy " + std::to_string(id) + " (there are " +
                                                         std::to_string(count) + "; id 0 creates one)");
  }
  return Status::Ok();
}

bool IsBaseDefault(const chain::FarmingPolicy& p) {
  return p.is_default && p.node_certification == chain::NodeCertification::kDiy &&
         p.farm_certification == chain::FarmCertification::kNotCertified;
}

Status Validate(const StateReader&, const chain::SetTftPriceAction& a) {
  if (a.tft_price_musd == 0) return Status::InvalidArgument("bad-tft-price", "the TFT price must be at least 1 mUSD");
  return Status::Ok();
}

Status Validate(const StateReader& state, const chain::SetPricingPolicyAction& a) {
  TF_ASSIGN_OR_RETURN(uint32_t count, PolicyState::GetPricingPolicyCount(state));
  TF_RETURN_IF_ERROR(CheckPolicyId(a.policy.id, count));
  return chain::ValidatePricingPolicy(a.policy);
}

Status Validate(const StateReader& state, const chain::SetFarmingPolicyAction& a) {
  TF_ASSIGN_OR_RETURN(uint32_t count, PolicyState::GetFarmingPolicyCount(state));
  TF_RETURN_IF_ERROR(CheckPolicyId(a.policy.id, count));
  if (a.policy.id != 0) {
    TF_ASSIGN_OR_RETURN(std::optional<chain::FarmingPolicy> old, PolicyState::GetFarmingPolicy(state, a.policy.id));
    if (!old) return Status::Corruption("state-corrupt", "farming policy " + std::to_string(a.policy.id) + " missing");
    if (old->immutable) {
      return Status::InvalidArgument("policy-immutable",
                                     "farming policy " + std::to_string(a.policy.id) + " is immutable");
    }
  }
  TF_RETURN_IF_ERROR(chain::ValidateFarmingPolicy(a.policy));
  // Every node must keep a policy: a default diy / not-certified one stays.
  bool base_default = IsBaseDefault(a.policy);
  for (chain::PolicyId id = 1; id <= count && !base_default; ++id) {
    if (id == a.policy.id) continue;
    TF_ASSIGN_OR_RETURN(std::optional<chain::FarmingPolicy> p, PolicyState::GetFarmingPolicy(state, id));
    base_default = p && IsBaseDefault(*p);
  }
  if (!base_default) return BadPolicy("no default farming policy for diy nodes in not-certified farms would remain");
  return Status::Ok();
}

Status Validate(const StateReader& state, const chain::SetCertifierAction& a) {
  TF_ASSIGN_OR_RETURN(std::vector<AccountId> certifiers, PolicyState::GetCertifiers(state));
  const bool member = std::find(certifiers.begin(), certifiers.end(), a.account) != certifiers.end();
  if (a.member && member) {
    return Status::InvalidArgument("bad-proposal", chain::ToSs58(a.account) + " is already a certifier");
  }
  if (!a.member && !member) {
    return Status::InvalidArgument("bad-proposal", chain::ToSs58(a.account) + " is not a certifier");
  }
  if (a.member && certifiers.size() >= kMaxCertifiers) {
    return Status::InvalidArgument("bad-proposal",
                                   "the certifier set is full (" + std::to_string(kMaxCertifiers) + ")");
  }
  return Status::Ok();
}

Status Validate(const StateReader&, const chain::SetGridParamsAction& a) {
  // The rules of genesis, and an interval of at least a second on a live chain.
  TF_RETURN_IF_ERROR(chain::ValidateGridParams(a.params));
  if (a.params.uptime_interval_ms < 1000) {
    return Status::InvalidArgument("bad-grid-params", "uptime_interval_ms: must be at least 1000");
  }
  return Status::Ok();
}

Status Validate(const StateReader&, const chain::SetGovernanceParamsAction& a) {
  return chain::ValidateGovernanceParams(a.params);
}

Status Validate(const StateReader& state, const chain::ApproveSolutionProviderAction& a) {
  TF_ASSIGN_OR_RETURN(std::optional<SolutionProvider> provider, SolutionProviderState::Get(state, a.provider_id));
  if (!provider) {
    return Status::InvalidArgument("unknown-solution-provider",
                                   "no solution provider " + std::to_string(a.provider_id));
  }
  if (provider->approved == a.approved) {
    return Status::InvalidArgument("bad-proposal", "solution provider " + std::to_string(a.provider_id) +
                                                       (a.approved ? " is already approved" : " is not approved"));
  }
  return Status::Ok();
}

}  // namespace

Status Governance::ValidateAction(const StateReader& state, const chain::GovAction& action) {
  return std::visit([&](const auto& a) { return Validate(state, a); }, action);
}

Status Governance::Enact(StateOverlay& state, uint64_t time_ms, const chain::GovAction& action,
                         std::vector<chain::Event>* events) const {
  TF_RETURN_IF_ERROR(ValidateAction(state, action));
  return std::visit(
      [&](const auto& a) -> Status {
        using T = std::decay_t<decltype(a)>;
        if constexpr (std::is_same_v<T, chain::SetTftPriceAction>) {
          TF_ASSIGN_OR_RETURN(chain::GridParams grid, PolicyState::GetGridParams(state));
          grid.tft_price_musd = a.tft_price_musd;
          PolicyState::PutGridParams(state, grid);
          return Status::Ok();
        } else if constexpr (std::is_same_v<T, chain::SetPricingPolicyAction>) {
          chain::PricingPolicy policy = a.policy;
          if (policy.id == 0) {
            TF_ASSIGN_OR_RETURN(uint32_t count, PolicyState::GetPricingPolicyCount(state));
            policy.id = count + 1;
          }
          return PolicyState::PutPricingPolicy(state, policy);
        } else if constexpr (std::is_same_v<T, chain::SetFarmingPolicyAction>) {
          chain::FarmingPolicy policy = a.policy;
          if (policy.id == 0) {
            TF_ASSIGN_OR_RETURN(uint32_t count, PolicyState::GetFarmingPolicyCount(state));
            policy.id = count + 1;
          }
          return PolicyState::PutFarmingPolicy(state, policy);
        } else if constexpr (std::is_same_v<T, chain::SetCertifierAction>) {
          TF_ASSIGN_OR_RETURN(std::vector<AccountId> certifiers, PolicyState::GetCertifiers(state));
          if (a.member) {
            certifiers.push_back(a.account);
          } else {
            std::erase(certifiers, a.account);
          }
          PolicyState::PutCertifiers(state, std::move(certifiers));
          return Status::Ok();
        } else if constexpr (std::is_same_v<T, chain::SetGridParamsAction>) {
          // The period length changes from the next period on; the schedule must be
          // written while the state still holds the old length.
          TF_RETURN_IF_ERROR(
              FarmingState::ScheduleFarmingPeriod(state, genesis_time_ms_, time_ms, a.params.farming_period_ms));
          PolicyState::PutGridParams(state, a.params);
          return Status::Ok();
        } else if constexpr (std::is_same_v<T, chain::ApproveSolutionProviderAction>) {
          TF_ASSIGN_OR_RETURN(std::optional<SolutionProvider> provider,
                              SolutionProviderState::Get(state, a.provider_id));
          provider->approved = a.approved;  // ValidateAction found it
          SolutionProviderState::Put(state, *provider);
          events->push_back(chain::SolutionProviderApprovedEvent{a.provider_id, a.approved});
          return Status::Ok();
        } else {
          static_assert(std::is_same_v<T, chain::SetGovernanceParamsAction>, "every action needs an enactment");
          PolicyState::PutGovernanceParams(state, a.params);
          return Status::Ok();
        }
      },
      action);
}

}  // namespace tfchain::contracts

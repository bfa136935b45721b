// Marketplace helpers shared by the call files and the billing hook: lookups with
// their call errors, the billing cache, pricing inputs, and the live-contract indexes
// (marketplace_internal.h).
#include "contracts/marketplace_internal.h"

#include <algorithm>

#include "contracts/policy_state.h"
#include "contracts/solution_provider_state.h"

namespace tfchain::contracts::market_internal {

uint64_t SaturatingAdd(uint64_t a, uint64_t b) { return a > UINT64_MAX - b ? UINT64_MAX : a + b; }

Result<TwinRecord> RequireTwin(const StateReader& state, const AccountId& signer) {
  TF_ASSIGN_OR_RETURN(std::optional<TwinRecord> twin, DirectoryState::GetTwinByAccount(state, signer));
  if (!twin) return Invalid("no-twin", chain::ToSs58(signer) + " has no twin");
  return std::move(*twin);
}

Result<NodeRecord> RequireNode(const StateReader& state, NodeId id) {
  TF_ASSIGN_OR_RETURN(std::optional<NodeRecord> node, DirectoryState::GetNode(state, id));
  if (!node) return Invalid("no-node", "node " + std::to_string(id) + " does not exist");
  return std::move(*node);
}

Result<ContractRecord> RequireLiveContract(const StateReader& state, ContractId id) {
  TF_ASSIGN_OR_RETURN(std::optional<ContractRecord> contract, MarketState::GetContract(state, id));
  if (!contract) return Invalid("no-contract", "contract " + std::to_string(id) + " does not exist");
  if (!contract->live()) return Invalid("contract-deleted", "contract " + std::to_string(id) + " is deleted");
  return std::move(*contract);
}

Result<ContractRecord> RequireOwnedContract(const StateReader& state, const AccountId& signer, ContractId id) {
  TF_ASSIGN_OR_RETURN(TwinRecord twin, RequireTwin(state, signer));
  TF_ASSIGN_OR_RETURN(std::optional<ContractRecord> contract, MarketState::GetContract(state, id));
  if (!contract) return Invalid("no-contract", "contract " + std::to_string(id) + " does not exist");
  if (contract->twin_id != twin.id) {
    return Invalid("not-contract-owner", "contract " + std::to_string(id) + " belongs to twin " +
                                             std::to_string(contract->twin_id) + ", not " + std::to_string(twin.id));
  }
  if (!contract->live()) return Invalid("contract-deleted", "contract " + std::to_string(id) + " is deleted");
  return std::move(*contract);
}

Result<ContractRecord> RequireContractOfNode(const StateReader& state, const AccountId& signer, ContractId id) {
  TF_ASSIGN_OR_RETURN(ContractRecord contract, RequireLiveContract(state, id));
  if (contract.kind != ContractKind::kNode) {
    return Invalid("not-node-contract", "contract " + std::to_string(id) + " is a " +
                                            std::string(chain::ContractKindName(contract.kind)) + " contract");
  }
  TF_ASSIGN_OR_RETURN(std::optional<NodeRecord> node, DirectoryState::GetNode(state, contract.node_id));
  if (!node || node->account != signer) {
    return Invalid("not-contract-node", chain::ToSs58(signer) + " is not node " + std::to_string(contract.node_id) +
                                            " of contract " + std::to_string(id));
  }
  return contract;
}

Status CheckSolutionProvider(const StateReader& state, const std::optional<uint32_t>& id) {
  if (!id) return Status::Ok();
  TF_ASSIGN_OR_RETURN(std::optional<SolutionProvider> provider, SolutionProviderState::Get(state, *id));
  if (!provider) return Invalid("no-solution-provider", "solution provider " + std::to_string(*id) + " does not exist");
  if (!provider->approved) {
    return Invalid("solution-provider-not-approved", "solution provider " + std::to_string(*id) + " is not approved");
  }
  return Status::Ok();
}

bool ValidContractName(const std::string& name) {
  if (name.size() < chain::kMinContractNameLength || name.size() > chain::kMaxContractNameLength) return false;
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

Result<const chain::GridParams*> BillingContext::Grid() {
  if (!grid_) {
    TF_ASSIGN_OR_RETURN(chain::GridParams grid, PolicyState::GetGridParams(state_));
    grid_ = grid;
  }
  return &*grid_;
}

Result<const chain::PricingPolicy*> BillingContext::Policy(PolicyId id) {
  auto it = policies_.find(id);
  if (it == policies_.end()) {
    TF_ASSIGN_OR_RETURN(std::optional<chain::PricingPolicy> policy, PolicyState::GetPricingPolicy(state_, id));
    if (!policy) return Status::Corruption("state-corrupt", "pricing policy " + std::to_string(id) + " is missing");
    it = policies_.emplace(id, std::move(*policy)).first;
  }
  return &it->second;
}

Result<const NodeInfo*> BillingContext::Node(NodeId id) {
  auto it = nodes_.find(id);
  if (it == nodes_.end()) {
    TF_ASSIGN_OR_RETURN(std::optional<NodeRecord> node, DirectoryState::GetNode(state_, id));
    std::optional<NodeInfo> info;
    if (node) {
      TF_ASSIGN_OR_RETURN(std::optional<FarmRecord> farm, DirectoryState::GetFarm(state_, node->farm_id));
      if (!farm) return Status::Corruption("state-corrupt", "farm " + std::to_string(node->farm_id) + " is missing");
      TF_ASSIGN_OR_RETURN(AccountId farmer, TwinAccount(farm->twin_id));
      TF_ASSIGN_OR_RETURN(std::optional<NodeUptime> uptime, FarmingState::GetNodeUptime(state_, id));
      TF_ASSIGN_OR_RETURN(NodeContracts contracts, MarketState::GetNodeContracts(state_, id));
      TF_ASSIGN_OR_RETURN(uint64_t extra_fee, MarketState::GetNodeExtraFee(state_, id));
      info = NodeInfo{id,
                      farm->id,
                      farmer,
                      farm->pricing_policy_id,
                      node->certification == chain::NodeCertification::kCertified,
                      node->resources,
                      uptime ? uptime->total_uptime_ms : 0,
                      contracts.rent_contract_id,
                      contracts.renter_twin_id,
                      extra_fee};
    }
    it = nodes_.emplace(id, std::move(info)).first;
  }
  return it->second ? &*it->second : nullptr;
}

Result<AccountId> BillingContext::TwinAccount(TwinId id) {
  auto it = accounts_.find(id);
  if (it == accounts_.end()) {
    TF_ASSIGN_OR_RETURN(std::optional<TwinRecord> twin, DirectoryState::GetTwin(state_, id));
    if (!twin) return Status::Corruption("state-corrupt", "twin " + std::to_string(id) + " is missing");
    it = accounts_.emplace(id, twin->account).first;
  }
  return it->second;
}

Result<const std::vector<chain::SolutionProviderShare>*> BillingContext::Providers(const std::optional<uint32_t>& id) {
  static const std::vector<chain::SolutionProviderShare> kNone;
  if (!id) return &kNone;
  auto it = providers_.find(*id);
  if (it == providers_.end()) {
    TF_ASSIGN_OR_RETURN(std::optional<SolutionProvider> provider, SolutionProviderState::Get(state_, *id));
    std::vector<chain::SolutionProviderShare> shares;
    if (provider && provider->approved) shares = provider->providers;
    it = providers_.emplace(*id, std::move(shares)).first;
  }
  return &it->second;
}

Result<Pricing> PricingOf(BillingContext& ctx, const ContractRecord& contract, const NodeInfo* node) {
  Pricing p;
  switch (contract.kind) {
    case ContractKind::kName: {
      TF_ASSIGN_OR_RETURN(p.policy, ctx.Policy(1));
      p.inputs.name_contract = true;
      break;
    }
    case ContractKind::kNode: {
      CHECK(node != nullptr);
      TF_ASSIGN_OR_RETURN(p.policy, ctx.Policy(node->pricing_policy_id));
      if (node->rent_contract_id == 0) p.inputs.resources = contract.resources;
      p.inputs.public_ips = contract.ips.size();
      p.inputs.certified = node->certified;
      break;
    }
    case ContractKind::kRent: {
      CHECK(node != nullptr);
      TF_ASSIGN_OR_RETURN(p.policy, ctx.Policy(node->pricing_policy_id));
      p.inputs.resources = node->resources;
      p.inputs.certified = node->certified;
      p.inputs.dedicated_discount_percent = p.policy->dedicated_discount_percent;
      p.inputs.extra_fee_musd_per_month = node->extra_fee_musd;
      break;
    }
  }
  p.hourly = HourlyCostOf(p.inputs, *p.policy);
  return p;
}

Status AdjustTwinBilling(StateOverlay& state, TwinId twin, uint64_t hourly_before, uint64_t hourly_after,
                         int live_delta) {
  if (hourly_before == hourly_after && live_delta == 0) return Status::Ok();
  TF_ASSIGN_OR_RETURN(TwinBilling billing, MarketState::GetTwinBilling(state, twin));
  // The sum is over the twin's live contracts, so it never goes below one of them
  // (saturating all the same).
  billing.hourly_micro = SaturatingAdd(billing.hourly_micro - std::min(billing.hourly_micro, hourly_before),
                                       hourly_after);
  if (live_delta < 0) {
    billing.live_contracts -= std::min(billing.live_contracts, static_cast<uint64_t>(-live_delta));
  } else {
    billing.live_contracts += static_cast<uint64_t>(live_delta);
  }
  MarketState::PutTwinBilling(state, twin, billing);
  return Status::Ok();
}

Status AddLive(StateOverlay& state, const chain::BillingParams& params, const ContractRecord& contract) {
  const uint64_t bucket = contract.id % params.billing_period_blocks;
  TF_ASSIGN_OR_RETURN(std::vector<ContractId> ids, MarketState::GetBucket(state, bucket));
  InsertSortedId(&ids, contract.id);
  MarketState::PutBucket(state, bucket, ids);
  return AdjustTwinBilling(state, contract.twin_id, 0, contract.hourly_micro, 1);
}

Status DeleteContract(StateOverlay& state, BillingContext& ctx, ContractRecord* c, DeleteReason reason,
                      uint64_t now_ms, std::vector<chain::Event>* events) {
  CHECK(c->live());
  switch (c->kind) {
    case ContractKind::kNode: {
      TF_ASSIGN_OR_RETURN(std::optional<NodeRecord> node, DirectoryState::GetNode(state, c->node_id));
      if (node) {
        node->reserved.cru -= std::min(node->reserved.cru, c->resources.cru);
        node->reserved.mru -= std::min(node->reserved.mru, c->resources.mru);
        node->reserved.sru -= std::min(node->reserved.sru, c->resources.sru);
        node->reserved.hru -= std::min(node->reserved.hru, c->resources.hru);
        DirectoryState::PutNode(state, *node);
        if (!c->ips.empty()) {
          TF_ASSIGN_OR_RETURN(std::optional<FarmRecord> farm, DirectoryState::GetFarm(state, node->farm_id));
          if (farm) {
            for (FarmIp& ip : farm->public_ips) {
              if (ip.contract_id == c->id) ip.contract_id = 0;
            }
            DirectoryState::PutFarm(state, *farm);
          }
        }
      }
      MarketState::DeleteDeployment(state, c->node_id, c->deployment_hash);
      TF_ASSIGN_OR_RETURN(NodeContracts on_node, MarketState::GetNodeContracts(state, c->node_id));
      EraseSortedId(&on_node.node_contracts, c->id);
      MarketState::PutNodeContracts(state, c->node_id, on_node);
      ctx.Forget(c->node_id);
      break;
    }
    case ContractKind::kRent: {
      TF_ASSIGN_OR_RETURN(NodeContracts on_node, MarketState::GetNodeContracts(state, c->node_id));
      if (on_node.rent_contract_id == c->id) {
        on_node.rent_contract_id = 0;
        on_node.renter_twin_id = 0;
      }
      MarketState::PutNodeContracts(state, c->node_id, on_node);
      ctx.Forget(c->node_id);
      break;
    }
    case ContractKind::kName:
      MarketState::DeleteNameOwner(state, c->name);
      break;
  }
  const uint64_t bucket = c->id % ctx.params().billing_period_blocks;
  TF_ASSIGN_OR_RETURN(std::vector<ContractId> ids, MarketState::GetBucket(state, bucket));
  EraseSortedId(&ids, c->id);
  MarketState::PutBucket(state, bucket, ids);
  TF_RETURN_IF_ERROR(AdjustTwinBilling(state, c->twin_id, c->hourly_micro, 0, -1));
  c->hourly_micro = 0;
  c->state = ContractState::kDeleted;
  c->reason = reason;
  c->grace_since_ms = 0;
  c->deleted_ms = now_ms;
  c->updated_ms = now_ms;
  MarketState::PutContract(state, *c);
  events->push_back(chain::ContractDeletedEvent{c->id, reason});
  return Status::Ok();
}

}  // namespace tfchain::contracts::market_internal

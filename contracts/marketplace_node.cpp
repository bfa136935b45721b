// Marketplace contracts signed by their owner: create_node, update_node, cancel,
// create_name and create_rent. Rules in marketplace.h and docs/marketplace.md.
#include <algorithm>

#include "contracts/directory_state.h"
#include "contracts/farming_state.h"
#include "contracts/marketplace.h"
#include "contracts/marketplace_internal.h"
#include "contracts/policy_state.h"

namespace tfchain::contracts {
namespace {

using market_internal::BillingContext;
using market_internal::Invalid;

// A node that may take a new contract at `time_ms`: power target up ("node-powered-off")
// and up by its uptime reports ("node-down").
Status CheckNodeUp(const StateReader& state, const NodeRecord& node, uint64_t time_ms) {
  if (node.power_target == chain::PowerState::kDown) {
    return Invalid("node-powered-off", "node " + std::to_string(node.id) + "'s power target is down");
  }
  TF_ASSIGN_OR_RETURN(chain::GridParams grid, PolicyState::GetGridParams(state));
  TF_ASSIGN_OR_RETURN(std::optional<NodeUptime> uptime, FarmingState::GetNodeUptime(state, node.id));
  const NodeLiveness liveness = NodeStatus(node, uptime ? &*uptime : nullptr, time_ms, grid);
  if (liveness != NodeLiveness::kUp) {
    return Invalid("node-down", "node " + std::to_string(node.id) + " is " + std::string(NodeLivenessName(liveness)));
  }
  return Status::Ok();
}

// Whether `a` + `b` fits in `total` in every field (no overflow).
bool Fits(const chain::Resources& reserved, const chain::Resources& add, const chain::Resources& total) {
  auto fits = [](uint64_t r, uint64_t a, uint64_t t) { return r <= t && a <= t - r; };
  return fits(reserved.cru, add.cru, total.cru) && fits(reserved.mru, add.mru, total.mru) &&
         fits(reserved.sru, add.sru, total.sru) && fits(reserved.hru, add.hru, total.hru);
}

chain::Resources Minus(const chain::Resources& a, const chain::Resources& b) {
  return {a.cru - std::min(a.cru, b.cru), a.mru - std::min(a.mru, b.mru), a.sru - std::min(a.sru, b.sru),
          a.hru - std::min(a.hru, b.hru)};
}

chain::Resources Plus(const chain::Resources& a, const chain::Resources& b) {
  return {a.cru + b.cru, a.mru + b.mru, a.sru + b.sru, a.hru + b.hru};  // Fits() was checked
}

Status CheckCapacity(const NodeRecord& node, const chain::Resources& reserved, const chain::Resources& add) {
  if (!Fits(reserved, add, node.resources)) {
    return Invalid("node-capacity-exceeded", "node " + std::to_string(node.id) + " has not enough free capacity");
  }
  return Status::Ok();
}

Status CheckDeploymentData(const Bytes& data) {
  if (data.size() > chain::kMaxDeploymentData) {
    return Invalid("deployment-data-too-large", std::to_string(data.size()) + " bytes exceed " +
                                                    std::to_string(chain::kMaxDeploymentData));
  }
  return Status::Ok();
}

Result<ContractId> TakeContractId(StateOverlay& state) {
  TF_ASSIGN_OR_RETURN(MarketCounters counters, MarketState::GetCounters(state));
  const ContractId id = counters.next_contract_id;
  if (id == UINT64_MAX) return Invalid("id-space-exhausted", "no contract ids left");
  ++counters.next_contract_id;
  MarketState::PutCounters(state, counters);
  return id;
}

// The hourly cost of a new contract, as its first bill will price it.
Result<uint64_t> HourlyOf(const StateReader& state, const chain::BillingParams& params, const ContractRecord& c) {
  BillingContext ctx(state, params);
  const market_internal::NodeInfo* node = nullptr;
  if (c.kind != ContractKind::kName) {
    TF_ASSIGN_OR_RETURN(node, ctx.Node(c.node_id));
    CHECK(node != nullptr);
  }
  TF_ASSIGN_OR_RETURN(market_internal::Pricing pricing, market_internal::PricingOf(ctx, c, node));
  return TotalMicro(pricing.hourly);
}

// Fills the fields every new contract shares.
ContractRecord NewContract(ContractKind kind, TwinId twin, uint64_t height, uint64_t time_ms) {
  ContractRecord c;
  c.twin_id = twin;
  c.kind = kind;
  c.created_height = height;
  c.created_ms = time_ms;
  c.updated_ms = time_ms;
  c.billed_until_ms = time_ms;
  return c;
}

Result<uint64_t> NodeTotalUptime(const StateReader& state, NodeId node) {
  TF_ASSIGN_OR_RETURN(std::optional<NodeUptime> uptime, FarmingState::GetNodeUptime(state, node));
  return uptime ? uptime->total_uptime_ms : 0;
}

}  // namespace

Marketplace::Marketplace(const chain::Genesis& genesis, const Farming& farming)
    : billing_(genesis.billing), farming_(farming) {
  CHECK(billing_.billing_period_blocks >= 1);  // ValidateBillingParams (genesis) guarantees it
}

Status Marketplace::CreateNode(StateOverlay& state, uint64_t height, uint64_t time_ms, const AccountId& signer,
                               const chain::ContractCreateNodeCall& call, std::vector<chain::Event>* events) const {
  TF_ASSIGN_OR_RETURN(TwinRecord twin, market_internal::RequireTwin(state, signer));
  TF_ASSIGN_OR_RETURN(NodeRecord node, market_internal::RequireNode(state, call.node_id));
  TF_RETURN_IF_ERROR(CheckNodeUp(state, node, time_ms));
  TF_ASSIGN_OR_RETURN(NodeContracts on_node, MarketState::GetNodeContracts(state, node.id));
  if (on_node.rent_contract_id != 0 && on_node.renter_twin_id != twin.id) {
    return Invalid("node-rented", "node " + std::to_string(node.id) + " is rented by twin " +
                                      std::to_string(on_node.renter_twin_id));
  }
  TF_ASSIGN_OR_RETURN(std::optional<FarmRecord> farm, DirectoryState::GetFarm(state, node.farm_id));
  if (!farm) return Status::Corruption("state-corrupt", "farm " + std::to_string(node.farm_id) + " is missing");
  if (farm->dedicated && on_node.rent_contract_id == 0) {
    return Invalid("node-dedicated", "node " + std::to_string(node.id) + " is dedicated: rent it first");
  }
  TF_RETURN_IF_ERROR(CheckDeploymentData(call.deployment_data));
  if (call.public_ips > chain::kMaxContractPublicIps) {
    return Invalid("too-many-ips", std::to_string(call.public_ips) + " public IPs exceed " +
                                       std::to_string(chain::kMaxContractPublicIps));
  }
  TF_ASSIGN_OR_RETURN(std::optional<ContractId> duplicate,
                      MarketState::GetDeployment(state, node.id, call.deployment_hash));
  if (duplicate) {
    return Invalid("duplicate-deployment", "contract " + std::to_string(*duplicate) + " on node " +
                                               std::to_string(node.id) + " has the same deployment hash");
  }
  TF_RETURN_IF_ERROR(CheckCapacity(node, node.reserved, call.resources));
  std::vector<size_t> free_ips;
  for (size_t i = 0; i < farm->public_ips.size() && free_ips.size() < call.public_ips; ++i) {
    if (farm->public_ips[i].contract_id == 0) free_ips.push_back(i);
  }
  if (free_ips.size() < call.public_ips) {
    return Invalid("no-free-ip", "farm " + std::to_string(farm->id) + " has " + std::to_string(free_ips.size()) +
                                     " free public IPs, " + std::to_string(call.public_ips) + " asked");
  }
  if (on_node.node_contracts.size() >= billing_.max_contracts_per_node) {
    return Invalid("node-contracts-full", "node " + std::to_string(node.id) + " has " +
                                              std::to_string(on_node.node_contracts.size()) + " contracts");
  }
  TF_RETURN_IF_ERROR(market_internal::CheckSolutionProvider(state, call.solution_provider_id));

  TF_ASSIGN_OR_RETURN(ContractId id, TakeContractId(state));
  ContractRecord c = NewContract(ContractKind::kNode, twin.id, height, time_ms);
  c.id = id;
  c.node_id = node.id;
  c.resources = call.resources;
  for (size_t i : free_ips) {
    farm->public_ips[i].contract_id = id;
    c.ips.push_back(farm->public_ips[i].ip);
  }
  c.deployment_hash = call.deployment_hash;
  c.deployment_data = call.deployment_data;
  c.solution_provider_id = call.solution_provider_id;
  c.ack = AckState::kPending;
  TF_ASSIGN_OR_RETURN(c.uptime_base_ms, NodeTotalUptime(state, node.id));
  TF_ASSIGN_OR_RETURN(c.hourly_micro, HourlyOf(state, billing_, c));

  node.reserved = Plus(node.reserved, call.resources);
  DirectoryState::PutNode(state, node);
  if (!free_ips.empty()) DirectoryState::PutFarm(state, *farm);
  InsertSortedId(&on_node.node_contracts, id);
  MarketState::PutNodeContracts(state, node.id, on_node);
  MarketState::PutDeployment(state, node.id, call.deployment_hash, id);
  const uint64_t deadline = market_internal::SaturatingAdd(height, billing_.ack_deadline_blocks);
  TF_ASSIGN_OR_RETURN(std::vector<ContractId> pending, MarketState::GetAckDeadlines(state, deadline));
  InsertSortedId(&pending, id);
  MarketState::PutAckDeadlines(state, deadline, pending);
  TF_RETURN_IF_ERROR(market_internal::AddLive(state, billing_, c));
  MarketState::PutContract(state, c);
  events->push_back(chain::ContractCreatedEvent{id, twin.id, ContractKind::kNode, node.id, c.ips});
  return Status::Ok();
}

Status Marketplace::UpdateNode(StateOverlay& state, uint64_t /*height*/, uint64_t time_ms, const AccountId& signer,
                               const chain::ContractUpdateNodeCall& call, std::vector<chain::Event>* events) const {
  TF_ASSIGN_OR_RETURN(ContractRecord c, market_internal::RequireOwnedContract(state, signer, call.contract_id));
  if (c.kind != ContractKind::kNode) {
    return Invalid("not-node-contract", "contract " + std::to_string(c.id) + " is a " +
                                            std::string(chain::ContractKindName(c.kind)) + " contract");
  }
  if (c.state == ContractState::kGrace) {
    return Invalid("contract-in-grace", "contract " + std::to_string(c.id) + " is in its grace period");
  }
  TF_RETURN_IF_ERROR(CheckDeploymentData(call.deployment_data));
  TF_ASSIGN_OR_RETURN(std::optional<ContractId> holder, MarketState::GetDeployment(state, c.node_id, call.deployment_hash));
  if (holder && *holder != c.id) {
    return Invalid("duplicate-deployment", "contract " + std::to_string(*holder) + " on node " +
                                               std::to_string(c.node_id) + " has the same deployment hash");
  }
  TF_ASSIGN_OR_RETURN(NodeRecord node, market_internal::RequireNode(state, c.node_id));
  const chain::Resources others = Minus(node.reserved, c.resources);
  TF_RETURN_IF_ERROR(CheckCapacity(node, others, call.resources));

  // Bill up to now at the old resources (kMustPay fails before writing anything).
  BillingContext ctx(state, billing_);
  if (c.ack == AckState::kOk && time_ms > c.billed_until_ms) {
    TF_RETURN_IF_ERROR(market_internal::BillContract(state, ctx, farming_, &c, time_ms, market_internal::BillMode::kMustPay, events));
  }
  node.reserved = Plus(others, call.resources);
  DirectoryState::PutNode(state, node);
  if (call.deployment_hash != c.deployment_hash) {
    MarketState::DeleteDeployment(state, c.node_id, c.deployment_hash);
    MarketState::PutDeployment(state, c.node_id, call.deployment_hash, c.id);
  }
  c.resources = call.resources;
  c.deployment_hash = call.deployment_hash;
  c.deployment_data = call.deployment_data;
  c.updated_ms = time_ms;
  TF_ASSIGN_OR_RETURN(uint64_t hourly, HourlyOf(state, billing_, c));
  TF_RETURN_IF_ERROR(market_internal::AdjustTwinBilling(state, c.twin_id, c.hourly_micro, hourly, 0));
  c.hourly_micro = hourly;
  MarketState::PutContract(state, c);
  events->push_back(chain::ContractUpdatedEvent{c.id});
  return Status::Ok();
}

Status Marketplace::Cancel(StateOverlay& state, uint64_t /*height*/, uint64_t time_ms, const AccountId& signer,
                           const chain::ContractCancelCall& call, std::vector<chain::Event>* events) const {
  TF_ASSIGN_OR_RETURN(ContractRecord c, market_internal::RequireOwnedContract(state, signer, call.contract_id));
  if (c.kind == ContractKind::kRent) {
    TF_ASSIGN_OR_RETURN(NodeContracts on_node, MarketState::GetNodeContracts(state, c.node_id));
    if (!on_node.node_contracts.empty()) {
      return Invalid("rent-has-active-contracts", "node " + std::to_string(c.node_id) + " still has " +
                                                      std::to_string(on_node.node_contracts.size()) +
                                                      " node contracts");
    }
  }
  BillingContext ctx(state, billing_);
  return market_internal::FinalBillAndDelete(state, ctx, farming_, &c, DeleteReason::kCanceled, time_ms, events);
}

Status Marketplace::CreateName(StateOverlay& state, uint64_t height, uint64_t time_ms, const AccountId& signer,
                               const chain::ContractCreateNameCall& call, std::vector<chain::Event>* events) const {
  TF_ASSIGN_OR_RETURN(TwinRecord twin, market_internal::RequireTwin(state, signer));
  if (!market_internal::ValidContractName(call.name)) {
    return Invalid("bad-contract-name", "a name is 3..64 characters of [a-z0-9-_]");
  }
  TF_ASSIGN_OR_RETURN(std::optional<ContractId> holder, MarketState::GetNameOwner(state, call.name));
  if (holder) return Invalid("name-taken", "contract " + std::to_string(*holder) + " holds '" + call.name + "'");
  TF_ASSIGN_OR_RETURN(ContractId id, TakeContractId(state));
  ContractRecord c = NewContract(ContractKind::kName, twin.id, height, time_ms);
  c.id = id;
  c.name = call.name;
  TF_ASSIGN_OR_RETURN(c.hourly_micro, HourlyOf(state, billing_, c));
  MarketState::PutNameOwner(state, call.name, id);
  TF_RETURN_IF_ERROR(market_internal::AddLive(state, billing_, c));
  MarketState::PutContract(state, c);
  events->push_back(chain::ContractCreatedEvent{id, twin.id, ContractKind::kName, 0, {}});
  return Status::Ok();
}

Status Marketplace::CreateRent(StateOverlay& state, uint64_t height, uint64_t time_ms, const AccountId& signer,
                               const chain::ContractCreateRentCall& call, std::vector<chain::Event>* events) const {
  TF_ASSIGN_OR_RETURN(TwinRecord twin, market_internal::RequireTwin(state, signer));
  TF_ASSIGN_OR_RETURN(NodeRecord node, market_internal::RequireNode(state, call.node_id));
  TF_RETURN_IF_ERROR(CheckNodeUp(state, node, time_ms));
  TF_ASSIGN_OR_RETURN(NodeContracts on_node, MarketState::GetNodeContracts(state, node.id));
  if (on_node.rent_contract_id != 0) {
    return Invalid("node-rented", "node " + std::to_string(node.id) + " is rented by contract " +
                                      std::to_string(on_node.rent_contract_id));
  }
  for (ContractId other : on_node.node_contracts) {
    TF_ASSIGN_OR_RETURN(std::optional<ContractRecord> oc, MarketState::GetContract(state, other));
    if (oc && oc->twin_id != twin.id) {
      return Invalid("node-has-other-tenants", "contract " + std::to_string(other) + " of twin " +
                                                   std::to_string(oc->twin_id) + " runs on node " +
                                                   std::to_string(node.id));
    }
  }
  TF_RETURN_IF_ERROR(market_internal::CheckSolutionProvider(state, call.solution_provider_id));
  TF_ASSIGN_OR_RETURN(ContractId id, TakeContractId(state));
  ContractRecord c = NewContract(ContractKind::kRent, twin.id, height, time_ms);
  c.id = id;
  c.node_id = node.id;
  c.solution_provider_id = call.solution_provider_id;
  TF_ASSIGN_OR_RETURN(c.uptime_base_ms, NodeTotalUptime(state, node.id));
  TF_ASSIGN_OR_RETURN(c.hourly_micro, HourlyOf(state, billing_, c));
  on_node.rent_contract_id = id;
  on_node.renter_twin_id = twin.id;
  MarketState::PutNodeContracts(state, node.id, on_node);
  TF_RETURN_IF_ERROR(market_internal::AddLive(state, billing_, c));
  MarketState::PutContract(state, c);
  events->push_back(chain::ContractCreatedEvent{id, twin.id, ContractKind::kRent, node.id, {}});
  return Status::Ok();
}

}  // namespace tfchain::contracts

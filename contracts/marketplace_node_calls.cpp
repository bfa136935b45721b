// Marketplace calls signed by a node (ack, report_resources, report_network; fee-free)
// or by a farmer (set_node_extra_fee), and the fee-free admission rules. Rules in
// marketplace.h and docs/marketplace.md.
#include <variant>

#include "contracts/directory_state.h"
#include "contracts/marketplace.h"
#include "contracts/marketplace_internal.h"
#include "contracts/policy_state.h"

namespace tfchain::contracts {
namespace {

using market_internal::Invalid;

// At most one report per uptime interval per contract ("report-too-early").
Status CheckReportInterval(const StateReader& state, uint64_t last_ms, uint64_t time_ms, ContractId id) {
  if (last_ms == 0) return Status::Ok();
  TF_ASSIGN_OR_RETURN(chain::GridParams grid, PolicyState::GetGridParams(state));
  if (time_ms < last_ms || time_ms - last_ms < grid.uptime_interval_ms) {
    return Invalid("report-too-early", "contract " + std::to_string(id) + " was reported at " +
                                           std::to_string(last_ms) + "; one report per " +
                                           std::to_string(grid.uptime_interval_ms) + " ms");
  }
  return Status::Ok();
}

bool Exceeds(const chain::Resources& used, const chain::Resources& limit) {
  return used.cru > limit.cru || used.mru > limit.mru || used.sru > limit.sru || used.hru > limit.hru;
}

}  // namespace

Status Marketplace::Ack(StateOverlay& state, uint64_t /*height*/, uint64_t time_ms, const AccountId& signer,
                        const chain::ContractAckCall& call, std::vector<chain::Event>* events) const {
  TF_ASSIGN_OR_RETURN(ContractRecord c, market_internal::RequireContractOfNode(state, signer, call.contract_id));
  if (c.ack != AckState::kPending) {
    return Invalid("already-acknowledged", "contract " + std::to_string(c.id) + " is acknowledged");
  }
  if (call.message.size() > chain::kMaxAckMessage) {
    return Invalid("ack-message-too-long", std::to_string(call.message.size()) + " bytes exceed " +
                                               std::to_string(chain::kMaxAckMessage));
  }
  c.ack = call.ok ? AckState::kOk : AckState::kFailed;
  c.ack_message = call.message;
  c.updated_ms = time_ms;
  events->push_back(chain::ContractAcknowledgedEvent{c.id, call.ok, call.message});
  if (call.ok) {
    MarketState::PutContract(state, c);
    return Status::Ok();
  }
  // Never billed (billing waits for the acknowledgement): nothing to refund.
  market_internal::BillingContext ctx(state, billing_);
  return market_internal::DeleteContract(state, ctx, &c, DeleteReason::kDeploymentFailed, time_ms, events);
}

Status Marketplace::ReportResources(StateOverlay& state, uint64_t /*height*/, uint64_t time_ms,
                                    const AccountId& signer, const chain::ContractReportResourcesCall& call,
                                    std::vector<chain::Event>* events) const {
  TF_ASSIGN_OR_RETURN(ContractRecord c, market_internal::RequireContractOfNode(state, signer, call.contract_id));
  TF_RETURN_IF_ERROR(CheckReportInterval(state, c.last_resources_report_ms, time_ms, c.id));
  if (Exceeds(call.used, c.resources)) {
    return Invalid("bad-usage", "contract " + std::to_string(c.id) + " cannot use more than it reserved");
  }
  c.used = call.used;
  c.last_resources_report_ms = time_ms;
  MarketState::PutContract(state, c);
  events->push_back(chain::ResourcesReportedEvent{c.id, call.used});
  return Status::Ok();
}

Status Marketplace::ReportNetwork(StateOverlay& state, uint64_t /*height*/, uint64_t time_ms, const AccountId& signer,
                                  const chain::ContractReportNetworkCall& call,
                                  std::vector<chain::Event>* events) const {
  TF_ASSIGN_OR_RETURN(ContractRecord c, market_internal::RequireContractOfNode(state, signer, call.contract_id));
  TF_RETURN_IF_ERROR(CheckReportInterval(state, c.last_network_report_ms, time_ms, c.id));
  if (call.window_s < 1 || call.window_s > kMaxNetworkWindowS) {
    return Invalid("bad-window", "window_s " + std::to_string(call.window_s) + " is not in [1, 86400]");
  }
  c.unbilled_nu_bytes = market_internal::SaturatingAdd(c.unbilled_nu_bytes, call.bytes);
  c.last_network_report_ms = time_ms;
  MarketState::PutContract(state, c);
  events->push_back(chain::NetworkReportedEvent{c.id, call.bytes, call.window_s});
  return Status::Ok();
}

Status Marketplace::SetNodeExtraFee(StateOverlay& state, uint64_t /*height*/, uint64_t /*time_ms*/,
                                    const AccountId& signer, const chain::NodeSetExtraFeeCall& call,
                                    std::vector<chain::Event>* events) const {
  TF_ASSIGN_OR_RETURN(NodeRecord node, market_internal::RequireNode(state, call.node_id));
  TF_ASSIGN_OR_RETURN(std::optional<FarmRecord> farm, DirectoryState::GetFarm(state, node.farm_id));
  if (!farm) return Status::Corruption("state-corrupt", "farm " + std::to_string(node.farm_id) + " is missing");
  TF_ASSIGN_OR_RETURN(std::optional<TwinId> twin, DirectoryState::GetTwinIdByAccount(state, signer));
  if (!twin || *twin != farm->twin_id) {
    return Invalid("not-farm-owner", chain::ToSs58(signer) + " does not own farm " + std::to_string(farm->id));
  }
  if (!farm->dedicated) return Invalid("farm-not-dedicated", "farm " + std::to_string(farm->id) + " is not dedicated");
  if (call.fee_musd_per_month > kMaxNodeExtraFeeMusd) {
    return Invalid("fee-too-high", std::to_string(call.fee_musd_per_month) + " mUSD exceeds " +
                                       std::to_string(kMaxNodeExtraFeeMusd));
  }
  MarketState::PutNodeExtraFee(state, node.id, call.fee_musd_per_month);
  events->push_back(chain::NodeExtraFeeSetEvent{node.id, call.fee_musd_per_month});
  return Status::Ok();
}

Status Marketplace::CheckFeeFree(const StateReader& state, const AccountId& signer, const chain::Call& call,
                                 uint64_t time_ms) const {
  // Run the call on a throw-away overlay: same checks, same errors, nothing kept.
  StateOverlay scratch(state);
  std::vector<chain::Event> events;
  if (const auto* ack = std::get_if<chain::ContractAckCall>(&call)) {
    return Ack(scratch, 0, time_ms, signer, *ack, &events);
  }
  if (const auto* report = std::get_if<chain::ContractReportResourcesCall>(&call)) {
    return ReportResources(scratch, 0, time_ms, signer, *report, &events);
  }
  if (const auto* report = std::get_if<chain::ContractReportNetworkCall>(&call)) {
    return ReportNetwork(scratch, 0, time_ms, signer, *report, &events);
  }
  if (const auto* cancel = std::get_if<chain::ContractCancelCall>(&call)) {
    return Cancel(scratch, 0, time_ms, signer, *cancel, &events);
  }
  return Invalid("not-fee-free", "the call pays a fee");
}

Result<bool> Marketplace::IsFeeFree(const StateReader& state, const AccountId& signer, const chain::Call& call) const {
  if (std::holds_alternative<chain::ContractAckCall>(call) ||
      std::holds_alternative<chain::ContractReportResourcesCall>(call) ||
      std::holds_alternative<chain::ContractReportNetworkCall>(call)) {
    return true;
  }
  const auto* cancel = std::get_if<chain::ContractCancelCall>(&call);
  if (cancel == nullptr) return false;
  TF_ASSIGN_OR_RETURN(std::optional<TwinId> twin, DirectoryState::GetTwinIdByAccount(state, signer));
  if (!twin) return false;
  TF_ASSIGN_OR_RETURN(std::optional<ContractRecord> c, MarketState::GetContract(state, cancel->contract_id));
  return c && c->twin_id == *twin && c->state == ContractState::kGrace;
}

}  // namespace tfchain::contracts

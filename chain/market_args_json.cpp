#include "chain/market_args_json.h"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "chain/grid_json.h"
#include "chain/json.h"

namespace tfchain::chain {

using nlohmann::json;

namespace {

json Name(std::string_view name) { return std::string(name); }
json OptionalId(const std::optional<uint32_t>& id) { return id ? json(*id) : json(nullptr); }

}  // namespace

json ContractBillJson(const ContractBill& b) {
  json providers = json::array();
  for (const ProviderPayment& p : b.to_providers) {
    providers.push_back({{"account", AccountToJson(p.account)}, {"amount", AmountToJson(p.amount)}});
  }
  return {{"contract_id", b.contract_id},
          {"twin_id", b.twin_id},
          {"kind", Name(ContractKindName(b.kind))},
          {"from_ms", b.from_ms},
          {"to_ms", b.to_ms},
          {"up_ms", b.up_ms},
          {"public_ips", b.public_ips},
          {"nu_bytes", b.nu_bytes},
          {"cusu_micro", b.cusu_micro},
          {"ip_micro", b.ip_micro},
          {"nu_micro", b.nu_micro},
          {"name_micro", b.name_micro},
          {"extra_micro", b.extra_micro},
          {"discount_percent", b.discount_percent},
          {"tft_price_musd", b.tft_price_musd},
          {"amount", AmountToJson(b.amount)},
          {"paid", AmountToJson(b.paid)},
          {"overdue", AmountToJson(b.overdue)},
          {"farmer", AccountToJson(b.farmer)},
          {"to_farmer", AmountToJson(b.to_farmer)},
          {"to_staking_pool", AmountToJson(b.to_staking_pool)},
          {"to_foundation", AmountToJson(b.to_foundation)},
          {"burned", AmountToJson(b.burned)},
          {"to_providers", std::move(providers)},
          {"state_after", Name(ContractStateName(b.state_after))},
          {"final", b.final}};
}

json ToJson(const BillingParams& p) {
  return {{"billing_period_blocks", p.billing_period_blocks},
          {"grace_period_ms", p.grace_period_ms},
          {"ack_deadline_blocks", p.ack_deadline_blocks},
          {"farmer_percent", p.farmer_percent},
          {"staking_pool_percent", p.staking_pool_percent},
          {"foundation_percent", p.foundation_percent},
          {"burn_percent", p.burn_percent},
          {"max_contracts_per_node", p.max_contracts_per_node}};
}

json ArgsJson(const ContractCreateNodeCall& v) {
  return {{"node_id", v.node_id},
          {"resources", ToJson(v.resources)},
          {"public_ips", v.public_ips},
          {"deployment_hash", v.deployment_hash.Hex()},
          {"deployment_data", ToHex(v.deployment_data)},
          {"solution_provider_id", OptionalId(v.solution_provider_id)}};
}
json ArgsJson(const ContractUpdateNodeCall& v) {
  return {{"contract_id", v.contract_id},
          {"resources", ToJson(v.resources)},
          {"deployment_hash", v.deployment_hash.Hex()},
          {"deployment_data", ToHex(v.deployment_data)}};
}
json ArgsJson(const ContractCancelCall& v) { return {{"contract_id", v.contract_id}}; }
json ArgsJson(const ContractCreateNameCall& v) { return {{"name", v.name}}; }
json ArgsJson(const ContractCreateRentCall& v) {
  return {{"node_id", v.node_id}, {"solution_provider_id", OptionalId(v.solution_provider_id)}};
}
json ArgsJson(const ContractAckCall& v) {
  return {{"contract_id", v.contract_id}, {"ok", v.ok}, {"message", v.message}};
}
json ArgsJson(const ContractReportResourcesCall& v) {
  return {{"contract_id", v.contract_id}, {"used", ToJson(v.used)}};
}
json ArgsJson(const ContractReportNetworkCall& v) {
  return {{"contract_id", v.contract_id}, {"bytes", v.bytes}, {"window_s", v.window_s}};
}
json ArgsJson(const NodeSetExtraFeeCall& v) {
  return {{"node_id", v.node_id}, {"fee_musd_per_month", v.fee_musd_per_month}};
}
json ArgsJson(const ServiceCreateCall& v) {
  return {{"service_twin_id", v.service_twin_id}, {"consumer_twin_id", v.consumer_twin_id}};
}
json ArgsJson(const ServiceSetMetadataCall& v) { return {{"id", v.id}, {"metadata", v.metadata}}; }
json ArgsJson(const ServiceSetFeesCall& v) {
  return {{"id", v.id}, {"base_fee_musd", v.base_fee_musd}, {"variable_fee_musd", v.variable_fee_musd}};
}
json ArgsJson(const ServiceApproveCall& v) { return {{"id", v.id}}; }
json ArgsJson(const ServiceRejectCall& v) { return {{"id", v.id}}; }
json ArgsJson(const ServiceCancelCall& v) { return {{"id", v.id}}; }
json ArgsJson(const ServiceBillCall& v) {
  return {{"id", v.id}, {"variable_amount_musd", v.variable_amount_musd}, {"metadata", v.metadata}};
}

json ArgsJson(const ContractCreatedEvent& v) {
  return {{"contract_id", v.contract_id},
          {"twin_id", v.twin_id},
          {"kind", Name(ContractKindName(v.kind))},
          {"node_id", v.node_id},
          {"ips", v.ips}};
}
json ArgsJson(const ContractUpdatedEvent& v) { return {{"contract_id", v.contract_id}}; }
json ArgsJson(const ContractAcknowledgedEvent& v) {
  return {{"contract_id", v.contract_id}, {"ok", v.ok}, {"message", v.message}};
}
json ArgsJson(const ContractGraceStartedEvent& v) {
  return {{"contract_id", v.contract_id}, {"since_ms", v.since_ms}};
}
json ArgsJson(const ContractGraceEndedEvent& v) { return {{"contract_id", v.contract_id}}; }
json ArgsJson(const ContractDeletedEvent& v) {
  return {{"contract_id", v.contract_id}, {"reason", Name(DeleteReasonName(v.reason))}};
}
json ArgsJson(const ContractBilledEvent& v) { return {{"bill", ContractBillJson(v.bill)}}; }
json ArgsJson(const ResourcesReportedEvent& v) {
  return {{"contract_id", v.contract_id}, {"used", ToJson(v.used)}};
}
json ArgsJson(const NetworkReportedEvent& v) {
  return {{"contract_id", v.contract_id}, {"bytes", v.bytes}, {"window_s", v.window_s}};
}
json ArgsJson(const NodeExtraFeeSetEvent& v) {
  return {{"node_id", v.node_id}, {"fee_musd_per_month", v.fee_musd_per_month}};
}
json ArgsJson(const ServiceContractCreatedEvent& v) {
  return {{"id", v.id}, {"service_twin_id", v.service_twin_id}, {"consumer_twin_id", v.consumer_twin_id}};
}
json ArgsJson(const ServiceContractUpdatedEvent& v) { return {{"id", v.id}}; }
json ArgsJson(const ServiceContractApprovedEvent& v) { return {{"id", v.id}}; }
json ArgsJson(const ServiceContractDeletedEvent& v) {
  return {{"id", v.id}, {"reason", Name(DeleteReasonName(v.reason))}};
}
json ArgsJson(const ServiceContractBilledEvent& v) {
  return {{"id", v.id},
          {"window_ms", v.window_ms},
          {"base_musd", v.base_musd},
          {"variable_musd", v.variable_musd},
          {"amount", AmountToJson(v.amount)},
          {"from", AccountToJson(v.from)},
          {"to", AccountToJson(v.to)}};
}

}  // namespace tfchain::chain

#pragma once

#include <nlohmann/json_fwd.hpp>

#include "chain/market_calls.h"
#include "chain/market_events.h"
#include "chain/market_types.h"

namespace tfchain::chain {

// JSON views of the marketplace vocabulary: the "args" objects of the module-5 calls
// and events, used by json.h's ToJson(Call) and ToJson(Event) ({"name", "args"}), and
// the views of ContractBill and BillingParams that the RPC, the wallet and the
// genesis writer share. Conventions as in grid_args_json.h: members are the fields by
// name; resources as grid_json.h's ToJson(Resources); Hash256 and byte strings 0x-hex;
// accounts SS58; TFT amounts (amount, paid, overdue, to_*) decimal strings; ids,
// counters, times, costs in micro USD units, mUSD values and byte counts JSON
// integers; enums by name (ContractKindName & co.); optionals null when absent.
// Pure; thread-safe.

// Every ContractBill field by name: "kind" and "state_after" by name, "farmer" SS58,
// "amount", "paid", "overdue", "to_farmer", "to_staking_pool", "to_foundation",
// "burned" decimal strings, "to_providers": [{"account", "amount"}].
nlohmann::json ContractBillJson(const ContractBill& bill);

// {"billing_period_blocks", "grace_period_ms", "ack_deadline_blocks", "farmer_percent",
//  "staking_pool_percent", "foundation_percent", "burn_percent",
//  "max_contracts_per_node"}: JSON integers (the genesis section "billing").
nlohmann::json ToJson(const BillingParams& params);

nlohmann::json ArgsJson(const ContractCreateNodeCall& v);
nlohmann::json ArgsJson(const ContractUpdateNodeCall& v);
nlohmann::json ArgsJson(const ContractCancelCall& v);
nlohmann::json ArgsJson(const ContractCreateNameCall& v);
nlohmann::json ArgsJson(const ContractCreateRentCall& v);
nlohmann::json ArgsJson(const ContractAckCall& v);
nlohmann::json ArgsJson(const ContractReportResourcesCall& v);
nlohmann::json ArgsJson(const ContractReportNetworkCall& v);
nlohmann::json ArgsJson(const NodeSetExtraFeeCall& v);
nlohmann::json ArgsJson(const ServiceCreateCall& v);
nlohmann::json ArgsJson(const ServiceSetMetadataCall& v);
nlohmann::json ArgsJson(const ServiceSetFeesCall& v);
nlohmann::json ArgsJson(const ServiceApproveCall& v);
nlohmann::json ArgsJson(const ServiceRejectCall& v);
nlohmann::json ArgsJson(const ServiceCancelCall& v);
nlohmann::json ArgsJson(const ServiceBillCall& v);

nlohmann::json ArgsJson(const ContractCreatedEvent& v);
nlohmann::json ArgsJson(const ContractUpdatedEvent& v);
nlohmann::json ArgsJson(const ContractAcknowledgedEvent& v);
nlohmann::json ArgsJson(const ContractGraceStartedEvent& v);
nlohmann::json ArgsJson(const ContractGraceEndedEvent& v);
nlohmann::json ArgsJson(const ContractDeletedEvent& v);
nlohmann::json ArgsJson(const ContractBilledEvent& v);  // {"bill": ContractBillJson}
nlohmann::json ArgsJson(const ResourcesReportedEvent& v);
nlohmann::json ArgsJson(const NetworkReportedEvent& v);
nlohmann::json ArgsJson(const NodeExtraFeeSetEvent& v);
nlohmann::json ArgsJson(const ServiceContractCreatedEvent& v);
nlohmann::json ArgsJson(const ServiceContractUpdatedEvent& v);
nlohmann::json ArgsJson(const ServiceContractApprovedEvent& v);
nlohmann::json ArgsJson(const ServiceContractDeletedEvent& v);
// "amount" a decimal string; "base_musd", "variable_musd", "window_ms" integers.
nlohmann::json ArgsJson(const ServiceContractBilledEvent& v);

}  // namespace tfchain::chain

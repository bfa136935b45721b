#pragma once

// JSON views of the contract RPC results (rpc/contract_views.h) and their JSON Schemas
// for rpc.discover, side by side so that they cannot drift (the rpc tests check every
// result against its schema). Field names and shapes: docs/rpc.md "Contracts".
// Conventions as in chain/json.h: ids, times, counts and bytes are JSON integers;
// money — TFT base units and micro price units (10^-13 USD) — decimal strings;
// accounts SS58; hashes and byte strings 0x-hex; enums by name. Pure functions;
// thread-safe.

#include <nlohmann/json_fwd.hpp>

#include "rpc/contract_views.h"

namespace tfchain::rpc {

// {"contract_id", "twin_id", "kind", "state", "grace_since_ms" (null unless in grace),
//  "deleted_reason" (null unless deleted), "node_id" (null for name contracts),
//  "resources", "ips", "deployment_hash", "deployment_data", "solution_provider_id"
//  (null when none), "name" (null unless a name contract), "ack", "ack_message",
//  "created_height", "created_ms", "billed_until_ms", "overdue", "total_paid",
//  "hourly_micro_usd", "used"}.
nlohmann::json ContractJson(const ContractView& contract);
nlohmann::json ContractSchema();

// {"total", "contracts": [contract]}.
nlohmann::json ContractPageJson(const ContractPage& page);
nlohmann::json ContractPageSchema();

// Every chain::ContractBill field by name, plus "height" (the block that emitted it):
// "farmer" and providers' "account" SS58; "kind" and "state_after" by name; TFT
// amounts (amount, paid, overdue, to_*, burned, providers' amount) and the micro
// costs (*_micro) decimal strings; "to_providers": [{"account", "amount"}].
nlohmann::json BillJson(const BillView& bill);
nlohmann::json BillSchema();

// {"total", "bills": [bill]}.
nlohmann::json BillPageJson(const BillPage& page);
nlohmann::json BillPageSchema();

// {"hourly_micro_usd", "per_hour", "per_month" (decimal strings), "discount_percent",
//  "tft_price_musd"}.
nlohmann::json CostJson(const CostView& cost);
nlohmann::json CostSchema();

// {"twin_id", "balance", "hourly_micro_usd", "per_hour" (decimal strings),
//  "funded_until_ms" (null: the twin pays nothing)}.
nlohmann::json FundedUntilJson(const FundedUntilView& funded);
nlohmann::json FundedUntilSchema();

// {"service_contract_id", "service_twin_id", "consumer_twin_id", "metadata",
//  "base_fee_musd", "variable_fee_musd", "accepted_by_service", "accepted_by_consumer",
//  "approved" (by both), "last_bill_ms", "created_ms"}.
nlohmann::json ServiceContractJson(const ServiceContractView& contract);
nlohmann::json ServiceContractSchema();

}  // namespace tfchain::rpc

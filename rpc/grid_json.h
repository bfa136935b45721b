#pragma once

// JSON views of the grid RPC results (rpc/grid_views.h) and their JSON Schemas for
// rpc.discover, next to each other so that they cannot drift (the rpc tests check
// every result against its schema). Field names and shapes: docs/rpc.md "TF Directory".
// The chain types inside (resources, location, policies, receipts, governance actions)
// use chain/grid_json.h. Pure functions; thread-safe.

#include <nlohmann/json_fwd.hpp>

#include "rpc/grid_views.h"

namespace tfchain::rpc {

// {"twin_id", "account", "relay", "public_key" (0x-hex), "created_ms"}.
nlohmann::json TwinJson(const TwinView& twin);
nlohmann::json TwinSchema();

// {"farm_id", "name", "twin_id", "owner_account", "pricing_policy_id", "certification",
//  "dedicated", "public_ips": [{"ip", "gateway", "contract_id"}], "free_public_ips",
//  "node_ids", "created_ms"}.
nlohmann::json FarmJson(const FarmView& farm);
nlohmann::json FarmSchema();

// Every NodeView field; resources as {"cru", "mru", "sru", "hru"} integers (bytes),
// enums by name, "serial" and "public_config" null when absent.
nlohmann::json NodeJson(const NodeView& node);
nlohmann::json NodeSchema();

// {"node_id", "status", "last_report_ms", "first_report_ms", "last_uptime_s",
//  "periods": [{"period", "uptime_ms", "ip_ms"}], "interval_ms"}.
nlohmann::json UptimeJson(const UptimeView& uptime);
nlohmann::json UptimeSchema();

// {"nodes_total", "nodes_up", "nodes_standby", "farms", "twins", "total": resources,
//  "free": resources, "public_ips", "free_public_ips"}.
nlohmann::json GridStatsJson(const GridStats& stats);
nlohmann::json GridStatsSchema();

// {"id", "proposer", "action": {"kind", ...}, "description", "created_height",
//  "end_height", "status", "yes_power", "no_power", "total_power" (amounts),
//  "result_reason", "closed_height", "quorum_permill", "threshold_permill"}.
nlohmann::json ProposalJson(const ProposalView& proposal);
nlohmann::json ProposalSchema();

// {"provider_id", "creator", "description", "link",
//  "providers": [{"account", "take_percent"}], "approved", "created_ms"}.
nlohmann::json SolutionProviderJson(const SolutionProviderView& provider);
nlohmann::json SolutionProviderSchema();

// Schemas of chain/grid_json.h's views.
nlohmann::json ResourcesSchema();
nlohmann::json PricingPolicySchema();
nlohmann::json FarmingPolicySchema();
nlohmann::json FarmingReceiptSchema();
nlohmann::json GovActionSchema();

}  // namespace tfchain::rpc

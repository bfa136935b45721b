#pragma once

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <string>

#include "chain/gov_action.h"
#include "chain/grid_types.h"
#include "chain/status.h"

namespace tfchain::chain {

// JSON views of the grid types, shared by the RPC server, the wallet and the genesis
// parser. Conventions as in json.h: accounts SS58, enums by name, field names = the
// struct's field names. Pure functions; thread-safe. Callers include
// <nlohmann/json.hpp> to use the values.
//
// Every FromJson is strict and the inverse of its ToJson: the value must be an object
// with exactly the ToJson members (unknown or missing members are errors); integers
// must be JSON integers in the field's range, except that uint64 fields also accept a
// decimal string (AmountFromJson's rules). Errors are InvalidArgument with the reason
// "bad-<type>" ("bad-resources", "bad-location", "bad-node-interface", "bad-ip-config",
// "bad-public-config", "bad-pricing-policy", "bad-farming-policy", "bad-grid-params",
// "bad-governance-params", "bad-gov-action", "bad-farming-receipt") and a detail naming
// the member ("cu: must be a non-negative integer or a decimal string"). The values
// are not validated beyond their types (the runtime checks limits and ranges).

// {"cru", "mru", "sru", "hru"} as JSON integers (bytes for mru/sru/hru).
nlohmann::json ToJson(const Resources& v);
Result<Resources> ResourcesFromJson(const nlohmann::json& value);

// {"city", "country", "latitude": "51.219400", "longitude": "-4.402500"}: degrees as
// decimal strings with exactly 6 decimals. FromJson accepts such a string ("-" sign
// optional, 1 to 3 integer digits, exactly 6 decimals) or a JSON integer of whole
// degrees; the result must fit int32 micro-degrees.
nlohmann::json ToJson(const Location& v);
Result<Location> LocationFromJson(const nlohmann::json& value);
// "51.219400" for 51219400. Thread-safe.
std::string MicroDegreesToString(int32_t micro);

// {"name", "mac", "ips": [string]}.
nlohmann::json ToJson(const NodeInterface& v);
Result<NodeInterface> NodeInterfaceFromJson(const nlohmann::json& value);

// {"ip", "gw"}.
nlohmann::json ToJson(const IpConfig& v);
Result<IpConfig> IpConfigFromJson(const nlohmann::json& value);

// {"ip4": IpConfig, "ip6": IpConfig | null, "domain": string | null}.
nlohmann::json ToJson(const PublicConfig& v);
Result<PublicConfig> PublicConfigFromJson(const nlohmann::json& value);

// {"id", "name", "su", "cu", "nu", "ipu", "unique_name", "domain_name" (integers),
//  "foundation_account", "certified_sales_account" (SS58), "dedicated_discount_percent"}.
nlohmann::json ToJson(const PricingPolicy& v);
Result<PricingPolicy> PricingPolicyFromJson(const nlohmann::json& value);

// {"id", "name", "cu", "su", "nu", "ipv4", "minimal_uptime_permill",
//  "node_certification": "diy"|"certified", "farm_certification": "not-certified"|"gold",
//  "is_default", "immutable"}.
nlohmann::json ToJson(const FarmingPolicy& v);
Result<FarmingPolicy> FarmingPolicyFromJson(const nlohmann::json& value);

// {"uptime_interval_ms", "farming_period_ms", "standby_window_ms", "tft_price_musd",
//  "max_payouts_per_block"}.
nlohmann::json ToJson(const GridParams& v);
Result<GridParams> GridParamsFromJson(const nlohmann::json& value);

// {"voting_period_blocks", "quorum_permill", "threshold_permill", "max_open_proposals"}.
nlohmann::json ToJson(const GovernanceParams& v);
Result<GovernanceParams> GovernanceParamsFromJson(const nlohmann::json& value);

// {"kind": GovActionName, ...}: "set-tft-price" {"tft_price_musd"},
// "set-pricing-policy" {"policy": PricingPolicy}, "set-farming-policy" {"policy":
// FarmingPolicy}, "set-certifier" {"account", "member"}, "set-grid-params" {"params":
// GridParams}, "set-governance-params" {"params": GovernanceParams}.
nlohmann::json ToJson(const GovAction& v);
Result<GovAction> GovActionFromJson(const nlohmann::json& value);

// Every FarmingReceipt field; "account" SS58; "reward_nusd" and "amount" decimal
// strings, the rest JSON integers and "virtualized" a bool.
nlohmann::json ToJson(const FarmingReceipt& v);
Result<FarmingReceipt> FarmingReceiptFromJson(const nlohmann::json& value);

}  // namespace tfchain::chain

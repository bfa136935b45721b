#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "chain/account_id.h"
#include "chain/bytes.h"
#include "chain/grid_types.h"
#include "chain/market_types.h"
#include "chain/status.h"
#include "wallet/cli.h"
#include "wallet/rpc_client.h"

namespace tfchain::wallet {

// The node's marketplace methods (docs/rpc.md "contract_*") with their answers parsed
// and checked. Every method returns the RpcClient's errors (a missing record is the
// node's application error, e.g. "no-contract"), or "bad-rpc-response" when an answer
// lacks a field, has one of the wrong type, or is about another record than the one
// asked for. Each view keeps the node's JSON in `raw` for --json output. Enums are
// kept as the node's names, for display. Amounts (TFT base units) may come as decimal
// strings or integers.

struct MarketContract {  // contract_get, contract_listBy*
  chain::ContractId contract_id = 0;
  chain::TwinId twin_id = 0;
  std::string kind;   // "node" | "name" | "rent"
  std::string state;  // "created" | "grace" | "deleted"
  std::optional<uint64_t> grace_since_ms;
  std::optional<std::string> deleted_reason;
  std::optional<chain::NodeId> node_id;  // nullopt for a name contract
  chain::Resources resources;
  std::vector<std::string> ips;
  chain::Hash256 deployment_hash;
  chain::Bytes deployment_data;
  std::optional<uint32_t> solution_provider_id;
  std::optional<std::string> name;
  std::string ack;  // "pending" | "ok" | "failed"
  std::string ack_message;
  uint64_t created_height = 0;
  uint64_t created_ms = 0;
  uint64_t billed_until_ms = 0;
  uint64_t overdue = 0;           // base units
  uint64_t total_paid = 0;        // base units
  uint64_t hourly_micro_usd = 0;  // 10^-13 USD per hour
  chain::Resources used;
  nlohmann::json raw;
};

struct MarketContractPage {
  uint64_t total = 0;  // contracts matching, all pages
  std::vector<MarketContract> contracts;
  nlohmann::json raw;
};

struct MarketBill {  // contract_getBills: every chain::ContractBill field
  chain::ContractBill bill;
  nlohmann::json raw;
};

struct MarketBillPage {
  uint64_t total = 0;
  std::vector<MarketBill> bills;  // oldest first
  nlohmann::json raw;
};

struct MarketCostEstimate {  // contract_estimateCost
  uint64_t hourly_micro_usd = 0;
  uint64_t per_hour = 0;   // base units, after the discount
  uint64_t per_month = 0;  // base units, after the discount
  uint64_t discount_percent = 0;
  uint64_t tft_price_musd = 0;
  nlohmann::json raw;
};

struct MarketFundedUntil {  // contract_fundedUntil
  chain::TwinId twin_id = 0;
  uint64_t balance = 0;                     // base units
  uint64_t per_hour = 0;                    // base units, without discount
  std::optional<uint64_t> funded_until_ms;  // nullopt: nothing to pay
  nlohmann::json raw;
};

struct MarketServiceContract {  // contract_getServiceContract
  chain::ServiceContractId service_contract_id = 0;
  chain::TwinId service_twin_id = 0;
  chain::TwinId consumer_twin_id = 0;
  std::string metadata;
  uint64_t base_fee_musd = 0;      // per hour
  uint64_t variable_fee_musd = 0;  // per hour, at most
  bool accepted_by_service = false;
  bool accepted_by_consumer = false;
  uint64_t last_bill_ms = 0;  // 0 until approved by both
  uint64_t created_ms = 0;
  nlohmann::json raw;
};

// Not thread-safe (nor is the RpcClient it borrows, which must outlive it).
class ContractClient {
 public:
  explicit ContractClient(RpcClient& rpc) : rpc_(rpc) {}

  chain::Result<MarketContract> GetContract(chain::ContractId id);
  // contract_listByNode when command.node_id, else contract_listByTwin of `twin`.
  chain::Result<MarketContractPage> ListContracts(const ContractListCommand& command, chain::TwinId twin);
  chain::Result<MarketBillPage> GetBills(const ContractBillsCommand& command);
  // `twin` sets the discount when given.
  chain::Result<MarketCostEstimate> EstimateCost(const CostEstimateCommand& command, std::optional<chain::TwinId> twin);
  chain::Result<MarketFundedUntil> FundedUntil(chain::TwinId twin);
  chain::Result<MarketServiceContract> GetServiceContract(chain::ServiceContractId id);

 private:
  RpcClient& rpc_;
};

// The id in the first `event_name` event of a receipt's events ([{name, args}]), read
// from args[`key`] (a JSON integer or decimal string); nullopt when there is none.
std::optional<uint64_t> CreatedIdFromEvents(const nlohmann::json& events, std::string_view event_name,
                                            std::string_view key);

}  // namespace tfchain::wallet

#pragma once

// The capacity marketplace as the RPC layer sees it (NodeApi's contract methods,
// rpc/node_api.h): plain value types built by the node from its contract index, its
// bill index and the head state (contracts/market_state.h holds the records).
// Thread-compatible.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "chain/bytes.h"
#include "chain/grid_types.h"
#include "chain/hash.h"
#include "chain/market_types.h"

namespace tfchain::rpc {

// A node, name or rent contract (contracts::ContractRecord), as docs/rpc.md
// "Contracts" shows it.
struct ContractView {
  chain::ContractId contract_id = 0;
  chain::TwinId twin_id = 0;  // the owner, who pays
  chain::ContractKind kind = chain::ContractKind::kNode;
  chain::ContractState state = chain::ContractState::kCreated;
  uint64_t grace_since_ms = 0;                                      // meaningful in grace only
  chain::DeleteReason deleted_reason = chain::DeleteReason::kNone;  // meaningful when deleted only
  chain::NodeId node_id = 0;                                        // node and rent contracts
  chain::Resources resources;                                       // node contracts: reserved on the node
  std::vector<std::string> ips;                                     // farm IPs held ("a.b.c.d/nn")
  chain::Hash256 deployment_hash;
  chain::Bytes deployment_data;
  std::optional<uint32_t> solution_provider_id;
  std::string name;  // name contracts
  chain::AckState ack = chain::AckState::kOk;
  std::string ack_message;
  uint64_t created_height = 0;
  uint64_t created_ms = 0;
  uint64_t billed_until_ms = 0;
  uint64_t overdue = 0;       // TFT base units owed
  uint64_t total_paid = 0;    // TFT base units paid over the contract's life
  uint64_t hourly_micro = 0;  // current projected cost, micro price units (10^-13 USD) per hour
  chain::Resources used;      // the node's last contract.report_resources
};

inline constexpr uint64_t kDefaultContractPageSize = 100;
inline constexpr uint64_t kMaxContractPageSize = 1000;

// Contracts of a twin or on a node, ascending by id.
struct ContractPage {
  uint64_t total = 0;  // contracts matching (live, or live and deleted), all pages
  std::vector<ContractView> contracts;
};

// One bill of a contract, where the chain emitted it.
struct BillView {
  uint64_t height = 0;  // the block whose execution emitted it
  chain::ContractBill bill;
};

// Bills of one contract, oldest first.
struct BillPage {
  uint64_t total = 0;  // bills of the contract, all pages
  std::vector<BillView> bills;
};

// What contract_estimateCost prices (contracts::CostRequest).
struct CostQuery {
  chain::ContractKind kind = chain::ContractKind::kNode;
  chain::NodeId node_id = 0;          // node and rent contracts
  chain::Resources resources;         // node contracts
  uint64_t public_ips = 0;            // node contracts
  std::optional<chain::TwinId> twin;  // whose discount applies; nullopt: no discount
};

// contracts::CostEstimate: the cost of one contract at the head.
struct CostView {
  uint64_t hourly_micro = 0;  // before discount, micro price units per hour
  uint64_t per_hour = 0;      // TFT base units per hour, after discount
  uint64_t per_month = 0;     // TFT base units per 720 hours, after discount
  uint8_t discount_percent = 0;
  uint64_t tft_price_musd = 0;
};

// contracts::FundedUntil: how long a twin's free balance lasts at its current rate.
struct FundedUntilView {
  chain::TwinId twin_id = 0;
  uint64_t balance = 0;                     // the twin account's free balance, TFT base units
  uint64_t hourly_micro = 0;                // sum over its live contracts, micro price units per hour
  uint64_t per_hour = 0;                    // TFT base units per hour, no discount
  std::optional<uint64_t> funded_until_ms;  // nullopt: it pays nothing
};

// A service contract (contracts::ServiceContractRecord); deleted ones are gone.
struct ServiceContractView {
  chain::ServiceContractId service_contract_id = 0;
  chain::TwinId service_twin_id = 0;
  chain::TwinId consumer_twin_id = 0;
  std::string metadata;
  uint64_t base_fee_musd = 0;      // per hour
  uint64_t variable_fee_musd = 0;  // at most, per hour
  bool accepted_by_service = false;
  bool accepted_by_consumer = false;
  uint64_t last_bill_ms = 0;  // 0 until approved by both
  uint64_t created_ms = 0;
};

}  // namespace tfchain::rpc

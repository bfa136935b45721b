#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chain/account_id.h"
#include "chain/bytes.h"
#include "chain/codec.h"
#include "chain/grid_types.h"
#include "chain/hash.h"
#include "chain/market_types.h"
#include "contracts/directory_state.h"
#include "contracts/state.h"

namespace tfchain::contracts {

using chain::AckState;
using chain::ContractId;
using chain::ContractKind;
using chain::ContractState;
using chain::DeleteReason;
using chain::ServiceContractId;

// The marketplace's state (docs/marketplace.md): node, name and rent contracts, the
// per-node and per-twin indexes the rules need, the billing buckets, the ack
// deadlines, the dedicated-node extra fees and the service contracts. The layout
// (keys and encodings) is at the top of market_state.cpp. The accessors only read and
// write; the rules live in Marketplace (marketplace.h) and ServiceContracts. Readers
// fail only with the StateReader's errors or "state-corrupt". Thread-compatible
// (static functions on caller-owned state).

// Module prefix of marketplace keys (balances 0x01 ... farming 0x05, governance 0x06).
inline constexpr uint8_t kStatePrefixMarket = 0x07;

// Key prefixes for prefix scans (the node's contract index, RPC): the prefix followed
// by a big-endian u64 id, so a scan returns the records in id order.
inline constexpr std::array<uint8_t, 2> kMarketContractPrefix = {kStatePrefixMarket, 0x01};
inline constexpr std::array<uint8_t, 2> kMarketServicePrefix = {kStatePrefixMarket, 0x09};

// A node, name or rent contract. Kept in the state after deletion (state kDeleted)
// so that its history stays queryable; only the indexes forget it.
struct ContractRecord {
  ContractId id = 0;
  TwinId twin_id = 0;  // owner (pays)
  ContractKind kind = ContractKind::kNode;
  ContractState state = ContractState::kCreated;
  DeleteReason reason = DeleteReason::kNone;
  uint64_t grace_since_ms = 0;  // when state == kGrace
  NodeId node_id = 0;           // node and rent contracts
  chain::Resources resources;   // node contracts: reserved on the node
  std::vector<std::string> ips; // node contracts: farm IPs held ("a.b.c.d/nn")
  chain::Hash256 deployment_hash{};  // node contracts
  Bytes deployment_data;             // node contracts, <= chain::kMaxDeploymentData
  std::optional<uint32_t> solution_provider_id;
  std::string name;  // name contracts
  AckState ack = AckState::kOk;  // node contracts start kPending
  std::string ack_message;
  uint64_t created_height = 0;
  uint64_t created_ms = 0;
  uint64_t updated_ms = 0;
  uint64_t billed_until_ms = 0;    // billed up to this block time
  uint64_t uptime_base_ms = 0;     // the node's NodeUptime::total_uptime_ms at creation
  uint64_t billed_up_ms = 0;       // uptime already charged for CU/SU since creation
  uint64_t unbilled_nu_bytes = 0;  // reported network bytes not yet billed
  uint64_t overdue = 0;            // TFT units owed (unpaid bills in grace)
  uint64_t hourly_micro = 0;       // current projected cost (its part of TwinBilling)
  uint64_t total_paid = 0;         // TFT units paid over its life
  chain::Resources used;           // last contract.report_resources
  uint64_t last_resources_report_ms = 0;
  uint64_t last_network_report_ms = 0;
  uint64_t deleted_ms = 0;
  bool operator==(const ContractRecord&) const = default;

  bool live() const { return state != ContractState::kDeleted; }
};

// The live contracts on one node.
struct NodeContracts {
  std::vector<ContractId> node_contracts;  // ascending, <= BillingParams::max_contracts_per_node
  ContractId rent_contract_id = 0;         // 0 = not rented
  TwinId renter_twin_id = 0;
  bool operator==(const NodeContracts&) const = default;

  bool empty() const { return node_contracts.empty() && rent_contract_id == 0; }
};

// A twin's live contracts: how many and the sum of their hourly_micro (the projected
// cost the discount tier and funded-until are computed from).
struct TwinBilling {
  uint64_t hourly_micro = 0;
  uint64_t live_contracts = 0;
  bool operator==(const TwinBilling&) const = default;
};

// The next ids to hand out; ids start at 1 (absent = all 1).
struct MarketCounters {
  ContractId next_contract_id = 1;
  ServiceContractId next_service_id = 1;
  bool operator==(const MarketCounters&) const = default;
};

// A service contract between two twins (ServiceContracts, service_contracts.h).
// Removed from the state when deleted.
struct ServiceContractRecord {
  ServiceContractId id = 0;
  TwinId service_twin_id = 0;
  TwinId consumer_twin_id = 0;
  std::string metadata;
  uint64_t base_fee_musd = 0;
  uint64_t variable_fee_musd = 0;
  bool accepted_by_service = false;
  bool accepted_by_consumer = false;
  uint64_t last_bill_ms = 0;  // set when approved by both
  uint64_t created_ms = 0;
  bool operator==(const ServiceContractRecord&) const = default;
};

// Codecs of the records (grammar in market_state.cpp).
void EncodeTo(chain::Encoder& e, const ContractRecord& v);
Status DecodeFrom(chain::Decoder& d, ContractRecord* out);
void EncodeTo(chain::Encoder& e, const NodeContracts& v);
Status DecodeFrom(chain::Decoder& d, NodeContracts* out);
void EncodeTo(chain::Encoder& e, const TwinBilling& v);
Status DecodeFrom(chain::Decoder& d, TwinBilling* out);
void EncodeTo(chain::Encoder& e, const MarketCounters& v);
Status DecodeFrom(chain::Decoder& d, MarketCounters* out);
void EncodeTo(chain::Encoder& e, const ServiceContractRecord& v);
Status DecodeFrom(chain::Decoder& d, ServiceContractRecord* out);

// Most ids one id-list value (a billing bucket, an ack-deadline list) may hold when
// decoded; far above what the rules produce (1M contracts over a 600-block period is
// ~1,700 per bucket).
inline constexpr size_t kMaxIdListLength = size_t{1} << 22;

class MarketState {
 public:
  // 0x07 0x00 -> MarketCounters (absent = all 1).
  static Result<MarketCounters> GetCounters(const StateReader& state);
  static void PutCounters(StateOverlay& state, const MarketCounters& counters);

  // 0x07 0x01 || id:u64be -> ContractRecord.
  static Result<std::optional<ContractRecord>> GetContract(const StateReader& state, ContractId id);
  static void PutContract(StateOverlay& state, const ContractRecord& contract);

  // 0x07 0x02 || node:u32be -> NodeContracts (absent = empty). Put of an empty value
  // deletes the key.
  static Result<NodeContracts> GetNodeContracts(const StateReader& state, NodeId node);
  static void PutNodeContracts(StateOverlay& state, NodeId node, const NodeContracts& contracts);

  // 0x07 0x03 || node:u32be || hash[32] -> ContractId: the live node contract with
  // that deployment hash on that node.
  static Result<std::optional<ContractId>> GetDeployment(const StateReader& state, NodeId node,
                                                         const chain::Hash256& hash);
  static void PutDeployment(StateOverlay& state, NodeId node, const chain::Hash256& hash, ContractId id);
  static void DeleteDeployment(StateOverlay& state, NodeId node, const chain::Hash256& hash);

  // 0x07 0x04 || name bytes -> ContractId: the live name contract holding `name`.
  static Result<std::optional<ContractId>> GetNameOwner(const StateReader& state, std::string_view name);
  static void PutNameOwner(StateOverlay& state, std::string_view name, ContractId id);
  static void DeleteNameOwner(StateOverlay& state, std::string_view name);

  // 0x07 0x05 || bucket:u64be -> vec<ContractId>: the live contracts with
  // id % billing_period_blocks == bucket, ascending (absent = empty). Put of an empty
  // list deletes the key.
  static Result<std::vector<ContractId>> GetBucket(const StateReader& state, uint64_t bucket);
  static void PutBucket(StateOverlay& state, uint64_t bucket, const std::vector<ContractId>& ids);

  // 0x07 0x06 || twin:u32be -> TwinBilling (absent = zeros). Put of zeros deletes.
  static Result<TwinBilling> GetTwinBilling(const StateReader& state, TwinId twin);
  static void PutTwinBilling(StateOverlay& state, TwinId twin, const TwinBilling& billing);

  // 0x07 0x07 || height:u64be -> vec<ContractId>: node contracts whose ack deadline
  // is the end of block `height`, ascending (absent = empty). Put of empty deletes.
  static Result<std::vector<ContractId>> GetAckDeadlines(const StateReader& state, uint64_t height);
  static void PutAckDeadlines(StateOverlay& state, uint64_t height, const std::vector<ContractId>& ids);

  // 0x07 0x08 || node:u32be -> u64: the node's extra fee in mUSD per month (absent =
  // 0). Put of 0 deletes.
  static Result<uint64_t> GetNodeExtraFee(const StateReader& state, NodeId node);
  static void PutNodeExtraFee(StateOverlay& state, NodeId node, uint64_t fee_musd_per_month);

  // 0x07 0x09 || id:u64be -> ServiceContractRecord.
  static Result<std::optional<ServiceContractRecord>> GetServiceContract(const StateReader& state,
                                                                         ServiceContractId id);
  static void PutServiceContract(StateOverlay& state, const ServiceContractRecord& contract);
  static void DeleteServiceContract(StateOverlay& state, ServiceContractId id);

  // Record keys, for prefix scans and proofs.
  static chain::Bytes ContractKey(ContractId id);
  static chain::Bytes ServiceKey(ServiceContractId id);
};

// Inserts `id` into the ascending list `ids` (no-op if present) / removes it (no-op
// if absent). Pure helpers for the id lists above.
void InsertSortedId(std::vector<ContractId>* ids, ContractId id);
void EraseSortedId(std::vector<ContractId>* ids, ContractId id);

}  // namespace tfchain::contracts

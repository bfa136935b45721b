#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "chain/account_id.h"
#include "chain/codec.h"
#include "chain/grid_types.h"
#include "chain/status.h"

namespace tfchain::chain {

// The vocabulary of the capacity marketplace (module 5, issue 5; docs/marketplace.md):
// node, name and rent contracts, service contracts, billing parameters and bills.
// Plain value types; the runtime (contracts/marketplace*, contracts/service_contracts*)
// gives them meaning. Every type has a strict binary codec (grammar in
// market_types.cpp) found by ADL:
//   void EncodeTo(Encoder&, const T&);  Status DecodeFrom(Decoder&, T*);
// Enums encode as u8 and reject unknown values with "decode-bad-tag".

inline constexpr uint8_t kModuleContracts = 5;  // marketplace: node/name/rent/service contracts

using ContractId = uint64_t;
using ServiceContractId = uint64_t;

// Documented limits, enforced by the runtime with named errors (the codecs only apply
// the generous kCodec* caps of grid_types.h, so an over-limit call still decodes and
// gets a receipt with a precise error).
inline constexpr size_t kMaxDeploymentData = 512;     // bytes
inline constexpr size_t kMinContractNameLength = 3;   // name contracts: 3..64 of [a-z0-9-_]
inline constexpr size_t kMaxContractNameLength = 64;
inline constexpr size_t kMaxAckMessage = 256;
inline constexpr size_t kMaxServiceMetadata = 64;
inline constexpr size_t kMaxContractPublicIps = 16;   // per node contract

// The numeric values are the wire encoding.
enum class ContractKind : uint8_t { kNode = 0, kName = 1, kRent = 2 };          // "node" "name" "rent"
enum class ContractState : uint8_t { kCreated = 0, kGrace = 1, kDeleted = 2 };  // "created" "grace" "deleted"
// "none" "canceled" "out-of-funds" "not-acknowledged" "deployment-failed".
enum class DeleteReason : uint8_t {
  kNone = 0,
  kCanceled = 1,
  kOutOfFunds = 2,
  kNotAcknowledged = 3,
  kDeploymentFailed = 4,
};
enum class AckState : uint8_t { kPending = 0, kOk = 1, kFailed = 2 };  // "pending" "ok" "failed"

// Stable names of the enums and their inverses (nullopt for an unknown name).
// Thread-safe.
std::string_view ContractKindName(ContractKind kind);
std::optional<ContractKind> ParseContractKind(std::string_view name);
std::string_view ContractStateName(ContractState state);
std::optional<ContractState> ParseContractState(std::string_view name);
std::string_view DeleteReasonName(DeleteReason reason);
std::optional<DeleteReason> ParseDeleteReason(std::string_view name);
std::string_view AckStateName(AckState state);
std::optional<AckState> ParseAckState(std::string_view name);

// Billing parameters (genesis section "billing", optional). The defaults are TF Chain
// main-net's.
struct BillingParams {
  uint64_t billing_period_blocks = 600;      // each contract billed when height % period == id % period
  uint64_t grace_period_ms = 1'209'600'000;  // 14 days
  uint64_t ack_deadline_blocks = 300;        // an unacknowledged node contract is deleted after this
  uint8_t farmer_percent = 50;               // shares of a payment; the four sum to exactly 100
  uint8_t staking_pool_percent = 10;
  uint8_t foundation_percent = 40;
  uint8_t burn_percent = 0;
  uint32_t max_contracts_per_node = 1024;  // live node contracts on one node
  bool operator==(const BillingParams&) const = default;
};

// Upper bound of BillingParams::max_contracts_per_node.
inline constexpr uint32_t kMaxContractsPerNodeLimit = 65'536;

// The rules of BillingParams, wherever they come from: billing_period_blocks and
// ack_deadline_blocks in [1, kMaxVotingPeriodBlocks (2^40)]; grace_period_ms in
// [1, kMaxGridDurationMs (2^48)]; the four percents sum to exactly 100;
// max_contracts_per_node in [1, kMaxContractsPerNodeLimit]. Returns InvalidArgument
// "bad-billing-params" with a detail naming the field ("grace_period_ms: must be in
// [1, 2^48]"). Thread-safe.
Status ValidateBillingParams(const BillingParams& params);

// A payment to one solution provider of a contract.
struct ProviderPayment {
  AccountId account;
  uint64_t amount = 0;  // TFT base units
  bool operator==(const ProviderPayment&) const = default;
};

// One bill of a node, name or rent contract: every input and output of the
// computation (docs/marketplace.md), so that a user can recompute it. The payload of
// contract.ContractBilled; the node also indexes it for contract_getBills. Costs are
// in micro price units (10^-13 USD), amounts in TFT base units.
// Invariant (the runtime's): paid == to_farmer + to_staking_pool + to_foundation +
// burned + sum(to_providers.amount).
struct ContractBill {
  ContractId contract_id = 0;
  TwinId twin_id = 0;
  ContractKind kind = ContractKind::kNode;
  uint64_t from_ms = 0;  // interval billed [from_ms, to_ms)
  uint64_t to_ms = 0;
  uint64_t up_ms = 0;  // node uptime charged for CU/SU in it (<= to_ms - from_ms)
  uint64_t public_ips = 0;
  uint64_t nu_bytes = 0;    // network bytes charged
  uint64_t cusu_micro = 0;  // cost before discount (0 in grace)
  uint64_t ip_micro = 0;
  uint64_t nu_micro = 0;
  uint64_t name_micro = 0;
  uint64_t extra_micro = 0;        // dedicated-node extra fee (not discounted, 100% farmer)
  uint8_t discount_percent = 0;    // 0, 20, 30, 40 or 60
  uint64_t tft_price_musd = 0;
  uint64_t amount = 0;   // due for this interval, after discount
  uint64_t paid = 0;     // taken from the user now (amount + overdue collected; 0 if unpaid)
  uint64_t overdue = 0;  // still owed after this bill
  AccountId farmer;      // farm owner's account (zero id for name contracts)
  uint64_t to_farmer = 0;  // includes the extra fee part
  uint64_t to_staking_pool = 0;
  uint64_t to_foundation = 0;
  uint64_t burned = 0;
  std::vector<ProviderPayment> to_providers;  // <= kMaxSolutionProviderShares
  ContractState state_after = ContractState::kCreated;
  bool final = false;  // the last bill (cancel / deletion)
  bool operator==(const ContractBill&) const = default;
};

void EncodeTo(Encoder& e, ContractKind v);
Status DecodeFrom(Decoder& d, ContractKind* out);
void EncodeTo(Encoder& e, ContractState v);
Status DecodeFrom(Decoder& d, ContractState* out);
void EncodeTo(Encoder& e, DeleteReason v);
Status DecodeFrom(Decoder& d, DeleteReason* out);
void EncodeTo(Encoder& e, AckState v);
Status DecodeFrom(Decoder& d, AckState* out);

void EncodeTo(Encoder& e, const BillingParams& v);
Status DecodeFrom(Decoder& d, BillingParams* out);
void EncodeTo(Encoder& e, const ProviderPayment& v);
Status DecodeFrom(Decoder& d, ProviderPayment* out);
// Errors: the fields' decode errors; "decode-oversize" for more than kCodecMaxList
// provider payments (the runtime never emits more than kMaxSolutionProviderShares).
void EncodeTo(Encoder& e, const ContractBill& v);
Status DecodeFrom(Decoder& d, ContractBill* out);

}  // namespace tfchain::chain

#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "chain/account_id.h"
#include "chain/call.h"
#include "chain/event.h"
#include "chain/genesis.h"
#include "chain/market_calls.h"
#include "chain/market_events.h"
#include "chain/market_types.h"
#include "contracts/farming.h"
#include "contracts/market_state.h"
#include "contracts/state.h"

namespace tfchain::contracts {

// What contract_estimateCost asks: the hourly cost of a contract that does not exist
// yet. kNode: `resources` and `public_ips` on `node_id`; kRent: the whole node
// `node_id`; kName: a name contract (node_id, resources and public_ips ignored).
// `twin`: whose balance and existing contracts set the discount (none = no discount);
// a kNode request on a node that `twin` rents costs only its IPs (as it would be billed).
struct CostRequest {
  ContractKind kind = ContractKind::kNode;
  NodeId node_id = 0;
  chain::Resources resources;
  uint64_t public_ips = 0;
  std::optional<TwinId> twin;
};

// The answer: hourly_micro in micro price units (10^-13 USD) before discount; per_hour
// and per_month (720 h) in TFT units after `discount_percent`, the tier the twin
// would reach with this contract added to its projected cost.
struct CostEstimate {
  uint64_t hourly_micro = 0;
  uint64_t per_hour = 0;
  uint64_t per_month = 0;
  uint8_t discount_percent = 0;
  uint64_t tft_price_musd = 0;
  bool operator==(const CostEstimate&) const = default;
};

// How long a twin's free balance lasts at its contracts' current projected cost
// (TwinBilling::hourly_micro, no discount): per_hour = MicroToUnits(hourly_micro) TFT
// units; funded_until_ms = now + floor(balance · 1000·P · 3,600,000 / hourly_micro)
// (saturating), nullopt when nothing costs (hourly_micro == 0).
struct FundedUntil {
  TwinId twin = 0;
  uint64_t balance = 0;
  uint64_t hourly_micro = 0;
  uint64_t per_hour = 0;
  std::optional<uint64_t> funded_until_ms;
  bool operator==(const FundedUntil&) const = default;
};

// The capacity marketplace (docs/marketplace.md): node, name and rent contracts,
// capacity reservation on nodes, public IPs from farm pools, node-side calls
// (acknowledgement, usage and network reports), dedicated-node extra fees, and the
// billing hook (discounts, payment split, grace period, ack deadlines).
//
// Calls take the block's `height` and `time_ms`, the transaction `signer`, the decoded
// call, and append their events to `events`. A call checks everything before it
// writes, so a failed call leaves `state` and `events` untouched (the Runtime also
// rolls back). Failures that are the caller's fault are InvalidArgument with a stable
// kebab-case reason, listed per call; other codes are state read failures
// ("state-corrupt", I/O) that must abort the block.
//
// Errors every contract call may return: "no-twin" (the signer has no twin; not for
// the node-side calls, which check the node instead).
//
// Thread-compatible: const methods only read members set at construction, so one
// Marketplace may serve concurrent executions on different states.
class Marketplace {
 public:
  // Keeps genesis.billing (validated: billing_period_blocks >= 1) and a copy of
  // `farming` (a value type: public-IP time credits go through it).
  Marketplace(const chain::Genesis& genesis, const Farming& farming);

  const chain::BillingParams& billing() const { return billing_; }

  // contract.create_node: reserves `resources` on the node, takes `public_ips` free
  // IPs of its farm (pool order), state kCreated with ack kPending; the ack deadline is
  // the end of block height + ack_deadline_blocks. Emits ContractCreated. Errors:
  // "no-node", "node-down", "node-powered-off", "node-rented", "node-dedicated",
  // "deployment-data-too-large", "too-many-ips", "duplicate-deployment",
  // "node-capacity-exceeded", "no-free-ip", "node-contracts-full",
  // "no-solution-provider", "solution-provider-not-approved".
  Status CreateNode(StateOverlay& state, uint64_t height, uint64_t time_ms, const AccountId& signer,
                    const chain::ContractCreateNodeCall& call, std::vector<chain::Event>* events) const;

  // contract.update_node: bills the contract up to now at its old resources (when
  // acknowledged), then replaces resources, hash and data. Emits ContractBilled (if
  // billed) and ContractUpdated. Errors: "no-contract", "not-contract-owner",
  // "contract-deleted", "not-node-contract", "contract-in-grace",
  // "deployment-data-too-large", "duplicate-deployment", "node-capacity-exceeded",
  // "insufficient-funds" (the bill up to now cannot be paid).
  Status UpdateNode(StateOverlay& state, uint64_t height, uint64_t time_ms, const AccountId& signer,
                    const chain::ContractUpdateNodeCall& call, std::vector<chain::Event>* events) const;

  // contract.cancel: final prorated bill (partial when the balance cannot cover it;
  // the rest is written off), then deletion with reason kCanceled: capacity, IPs and
  // the name are freed. Emits ContractBilled (final) and ContractDeleted. Errors:
  // "no-contract", "not-contract-owner", "contract-deleted",
  // "rent-has-active-contracts".
  Status Cancel(StateOverlay& state, uint64_t height, uint64_t time_ms, const AccountId& signer,
                const chain::ContractCancelCall& call, std::vector<chain::Event>* events) const;

  // contract.create_name: a name contract priced by pricing policy 1. Emits
  // ContractCreated. Errors: "bad-contract-name", "name-taken".
  Status CreateName(StateOverlay& state, uint64_t height, uint64_t time_ms, const AccountId& signer,
                    const chain::ContractCreateNameCall& call, std::vector<chain::Event>* events) const;

  // contract.create_rent: rents the whole node. Emits ContractCreated. Errors:
  // "no-node", "node-down", "node-powered-off", "node-rented",
  // "node-has-other-tenants", "no-solution-provider",
  // "solution-provider-not-approved".
  Status CreateRent(StateOverlay& state, uint64_t height, uint64_t time_ms, const AccountId& signer,
                    const chain::ContractCreateRentCall& call, std::vector<chain::Event>* events) const;

  // contract.ack, signed by the contract's node: ok -> ack kOk (billing starts from
  // creation); failed -> the contract is deleted with kDeploymentFailed, nothing
  // charged. Emits ContractAcknowledged (and ContractDeleted). Errors: "no-contract",
  // "contract-deleted", "not-node-contract", "not-contract-node",
  // "already-acknowledged", "ack-message-too-long".
  Status Ack(StateOverlay& state, uint64_t height, uint64_t time_ms, const AccountId& signer,
             const chain::ContractAckCall& call, std::vector<chain::Event>* events) const;

  // contract.report_resources, signed by the contract's node, at most once per
  // uptime interval per contract. Emits ResourcesReported. Errors: "no-contract",
  // "contract-deleted", "not-node-contract", "not-contract-node", "report-too-early",
  // "bad-usage" (used above the contract's resources in any field).
  Status ReportResources(StateOverlay& state, uint64_t height, uint64_t time_ms, const AccountId& signer,
                         const chain::ContractReportResourcesCall& call, std::vector<chain::Event>* events) const;

  // contract.report_network, signed by the contract's node, at most once per uptime
  // interval per contract; adds `bytes` to the next bill. Emits NetworkReported.
  // Errors: "no-contract", "contract-deleted", "not-node-contract",
  // "not-contract-node", "report-too-early", "bad-window" (window_s not 1..86400).
  Status ReportNetwork(StateOverlay& state, uint64_t height, uint64_t time_ms, const AccountId& signer,
                       const chain::ContractReportNetworkCall& call, std::vector<chain::Event>* events) const;

  // contract.set_node_extra_fee, signed by the node's farm owner: the monthly extra
  // fee of renting the node (0 removes it). Emits NodeExtraFeeSet. Errors: "no-node",
  // "not-farm-owner", "farm-not-dedicated", "fee-too-high" (above 10^9 mUSD).
  Status SetNodeExtraFee(StateOverlay& state, uint64_t height, uint64_t time_ms, const AccountId& signer,
                         const chain::NodeSetExtraFeeCall& call, std::vector<chain::Event>* events) const;

  // Admission of a fee-free call (IsFeeFree): Ok when `call` by `signer` would succeed
  // in a block at `time_ms` on `state`, else the call's own error. Ack, reports and
  // cancel only; any other call is InvalidArgument "not-fee-free".
  Status CheckFeeFree(const StateReader& state, const AccountId& signer, const chain::Call& call,
                      uint64_t time_ms) const;

  // Whether `call` by `signer` pays no fee on `state`: contract.ack,
  // contract.report_resources and contract.report_network always; contract.cancel
  // when the signer's twin owns the contract and it is in grace. Errors: state read
  // failures only.
  Result<bool> IsFeeFree(const StateReader& state, const AccountId& signer, const chain::Call& call) const;

  // The billing hook of block `height` at `time_ms`: bills every live, acknowledged
  // contract of bucket height % billing_period_blocks (ContractBilled, grace
  // transitions, deletions on grace expiry), then deletes the node contracts whose ack
  // deadline is `height` and are still pending (kNotAcknowledged). Each contract's
  // bill is all-or-nothing. Errors: state read failures only (abort the block).
  Status EndBlock(StateOverlay& state, uint64_t height, uint64_t time_ms, std::vector<chain::Event>* events) const;

  // Read-only queries for RPC. EstimateCost errors: "no-node" (kNode/kRent),
  // "no-twin" (a given twin that does not exist). GetFundedUntil errors: "no-twin".
  Result<CostEstimate> EstimateCost(const StateReader& state, const CostRequest& request, uint64_t now_ms) const;
  Result<FundedUntil> GetFundedUntil(const StateReader& state, TwinId twin, uint64_t now_ms) const;

 private:
  chain::BillingParams billing_;
  Farming farming_;
};

// The most a dedicated node's extra fee may be, in mUSD per month.
inline constexpr uint64_t kMaxNodeExtraFeeMusd = 1'000'000'000;
// Bounds of contract.report_network's window.
inline constexpr uint64_t kMaxNetworkWindowS = 86'400;

}  // namespace tfchain::contracts

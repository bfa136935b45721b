#pragma once

// Helpers shared by the marketplace's files (marketplace_*.cpp); not part of the
// module's API. Lookups fail with the call error named in their comment; everything
// else fails only with state read errors.

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "chain/event.h"
#include "chain/market_types.h"
#include "contracts/directory_state.h"
#include "contracts/farming.h"
#include "contracts/market_pricing.h"
#include "contracts/market_state.h"
#include "contracts/state.h"

namespace tfchain::contracts::market_internal {

inline Status Invalid(std::string reason, std::string detail) {
  return Status::InvalidArgument(std::move(reason), std::move(detail));
}

// The signer's twin: "no-twin".
Result<TwinRecord> RequireTwin(const StateReader& state, const AccountId& signer);
// An existing node: "no-node".
Result<NodeRecord> RequireNode(const StateReader& state, NodeId id);
// An existing contract: "no-contract"; not deleted: "contract-deleted".
Result<ContractRecord> RequireLiveContract(const StateReader& state, ContractId id);
// A live contract owned by the signer's twin: "no-twin", "no-contract",
// "not-contract-owner", "contract-deleted".
Result<ContractRecord> RequireOwnedContract(const StateReader& state, const AccountId& signer, ContractId id);
// A live node contract whose node is `signer`: "no-contract", "contract-deleted",
// "not-node-contract", "not-contract-node".
Result<ContractRecord> RequireContractOfNode(const StateReader& state, const AccountId& signer, ContractId id);
// `id`, if set, names an approved solution provider: "no-solution-provider",
// "solution-provider-not-approved".
Status CheckSolutionProvider(const StateReader& state, const std::optional<uint32_t>& id);

// What billing needs to know about a node; constant during one block hook except for
// the rent fields, which deletions refresh (BillingContext::Forget).
struct NodeInfo {
  NodeId id = 0;
  FarmId farm_id = 0;
  AccountId farmer;  // the farm owner twin's account
  PolicyId pricing_policy_id = 0;
  bool certified = false;
  chain::Resources resources;  // the node's total capacity
  uint64_t total_uptime_ms = 0;
  ContractId rent_contract_id = 0;
  TwinId renter_twin_id = 0;
  uint64_t extra_fee_musd = 0;
};

// Read-through cache of what every bill of one call or block hook reads: grid
// parameters, pricing policies, nodes, twin accounts and solution providers. Reads
// `state` (which must outlive it) on first use. Not thread-safe.
class BillingContext {
 public:
  BillingContext(const StateReader& state, const chain::BillingParams& params) : state_(state), params_(params) {}

  const chain::BillingParams& params() const { return params_; }
  Result<const chain::GridParams*> Grid();
  // Pricing policy `id`; "state-corrupt" when it does not exist.
  Result<const chain::PricingPolicy*> Policy(PolicyId id);
  // The node, or nullptr when it does not exist (any more).
  Result<const NodeInfo*> Node(NodeId id);
  // Drops the cached node (after its contracts changed).
  void Forget(NodeId id) { nodes_.erase(id); }
  // The account of twin `id`; "state-corrupt" when it does not exist.
  Result<AccountId> TwinAccount(TwinId id);
  // The shares of approved solution provider `id` (empty for none / unapproved).
  Result<const std::vector<chain::SolutionProviderShare>*> Providers(const std::optional<uint32_t>& id);

 private:
  const StateReader& state_;
  chain::BillingParams params_;
  std::optional<chain::GridParams> grid_;
  std::unordered_map<PolicyId, chain::PricingPolicy> policies_;
  std::unordered_map<NodeId, std::optional<NodeInfo>> nodes_;
  std::unordered_map<TwinId, AccountId> accounts_;
  std::unordered_map<uint32_t, std::vector<chain::SolutionProviderShare>> providers_;
};

// What `contract` costs per hour (its pricing inputs and policy). `node` is its node
// (null for name contracts). For a node contract on a node rented by its owner the
// CU/SU base is zero.
struct Pricing {
  CostInputs inputs;
  const chain::PricingPolicy* policy = nullptr;
  HourlyCost hourly;
};
Result<Pricing> PricingOf(BillingContext& ctx, const ContractRecord& contract, const NodeInfo* node);

// How a bill treats an unpaid amount.
enum class BillMode {
  kRegular,  // unpaid -> overdue, grace transitions
  kMustPay,  // contract.update_node: unpaid -> "insufficient-funds", nothing written
  kFinal,    // cancel / deletion: pay what the balance allows, write the rest off
};

// Bills `contract` for [billed_until_ms, now_ms): computes the cost, discount and
// split, moves the funds, credits public-IP time to farming, updates the record
// fields (billed_until_ms, billed_up_ms, unbilled_nu_bytes, overdue, total_paid,
// hourly_micro) and the owner's TwinBilling, and in kRegular mode applies the grace
// transitions (with their events and, for a rent contract, its node contracts). Emits
// ContractBilled (state_after = kDeleted for kFinal). Does NOT write the contract
// record itself: the caller stores *contract. kMustPay fails with
// "insufficient-funds" (nothing written) when the due amount cannot be paid.
Status BillContract(StateOverlay& state, BillingContext& ctx, const Farming& farming, ContractRecord* contract,
                    uint64_t now_ms, BillMode mode, std::vector<chain::Event>* events);

// Ends a live contract: a final bill (kFinal) unless it is a node contract still
// pending acknowledgement (never billed), then DeleteContract with `reason`.
Status FinalBillAndDelete(StateOverlay& state, BillingContext& ctx, const Farming& farming, ContractRecord* contract,
                          DeleteReason reason, uint64_t now_ms, std::vector<chain::Event>* events);

// Adds a new live contract to the indexes: bucket, TwinBilling (with its
// hourly_micro). The caller writes the record and kind-specific indexes.
Status AddLive(StateOverlay& state, const chain::BillingParams& params, const ContractRecord& contract);

// Deletes a live contract: frees its capacity and IPs (node contracts), the rent
// (rent contracts) or the name, removes it from the bucket, NodeContracts and
// TwinBilling, writes the record with state kDeleted and `reason`, and emits
// ContractDeleted.
Status DeleteContract(StateOverlay& state, BillingContext& ctx, ContractRecord* contract, DeleteReason reason,
                      uint64_t now_ms, std::vector<chain::Event>* events);

// Changes `twin`'s TwinBilling by (hourly_after - hourly_before) and `live_delta`.
Status AdjustTwinBilling(StateOverlay& state, TwinId twin, uint64_t hourly_before, uint64_t hourly_after,
                         int live_delta);

// Whether `name` is 3..64 characters of [a-z0-9-_].
bool ValidContractName(const std::string& name);

uint64_t SaturatingAdd(uint64_t a, uint64_t b);

}  // namespace tfchain::contracts::market_internal

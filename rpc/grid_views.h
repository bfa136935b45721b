#pragma once

// The TF Directory, farming and governance as the RPC layer sees them (NodeApi's grid
// methods, rpc/node_api.h): plain value types built by the node from its directory
// index and head state. Thread-compatible.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chain/account_id.h"
#include "chain/bytes.h"
#include "chain/gov_action.h"
#include "chain/grid_calls.h"
#include "chain/grid_types.h"

namespace tfchain::rpc {

// A node's status from its uptime reports at the head block time (docs/farming.md):
// up if it reported within 2 uptime intervals; standby if its power target is down
// and it reported within the standby window; else down (never reported = down).
enum class NodeStatus : uint8_t { kUp = 0, kStandby = 1, kDown = 2 };

// "up" / "standby" / "down", and the inverse (nullopt for anything else). Thread-safe.
std::string_view NodeStatusName(NodeStatus status);
std::optional<NodeStatus> ParseNodeStatus(std::string_view name);

struct TwinView {
  chain::TwinId twin_id = 0;
  chain::AccountId account;
  std::string relay;
  chain::Bytes public_key;
  uint64_t created_ms = 0;
};

struct FarmIpView {
  std::string ip;            // "a.b.c.d/nn"
  std::string gateway;       // "a.b.c.d"
  uint64_t contract_id = 0;  // the contract holding it; 0 = free
};

struct FarmView {
  chain::FarmId farm_id = 0;
  std::string name;
  chain::TwinId twin_id = 0;
  chain::AccountId owner_account;  // the owner twin's account
  chain::PolicyId pricing_policy_id = 0;
  chain::FarmCertification certification = chain::FarmCertification::kNotCertified;
  bool dedicated = false;
  std::vector<FarmIpView> public_ips;
  uint64_t free_public_ips = 0;         // public_ips with contract_id 0
  std::vector<chain::NodeId> node_ids;  // ascending
  uint64_t created_ms = 0;
};

struct FarmPage {
  uint64_t total = 0;  // farms in the directory
  std::vector<FarmView> farms;
};

// A node with what a client needs to choose it: its capacity (total, reserved by
// contracts, free = total - reserved), location, status and its farm's attributes.
struct NodeView {
  chain::NodeId node_id = 0;
  chain::FarmId farm_id = 0;
  chain::TwinId twin_id = 0;
  chain::AccountId account;
  chain::Resources resources;
  chain::Resources reserved;
  chain::Resources free;
  chain::Location location;
  std::vector<chain::NodeInterface> interfaces;
  std::optional<chain::PublicConfig> public_config;
  std::string agent_endpoint;
  bool virtualized = false;
  std::optional<std::string> serial;
  chain::NodeCertification certification = chain::NodeCertification::kDiy;
  chain::PowerState power_target = chain::PowerState::kUp;
  chain::PowerState power_state = chain::PowerState::kUp;
  NodeStatus status = NodeStatus::kDown;
  uint64_t last_uptime_report_ms = 0;  // block time of the last uptime report; 0 = never
  uint64_t connection_price_musd = 0;
  chain::PolicyId farming_policy_id = 0;  // the farming policy that applies; 0 = none
  uint64_t created_ms = 0;
  uint64_t updated_ms = 0;
  std::string farm_name;
  chain::FarmCertification farm_certification = chain::FarmCertification::kNotCertified;
  bool dedicated = false;        // the farm's flag
  uint64_t free_public_ips = 0;  // in the node's farm
};

// What grid_findNodes matches: every set member must hold (an empty filter matches
// every node). Strings compare ASCII case-insensitively. (Members have initializers so
// that designated initializers may name only some of them.)
struct NodeFilter {
  std::optional<uint64_t> free_cru{};  // free >= value (cores)
  std::optional<uint64_t> free_mru{};  // free >= value (bytes)
  std::optional<uint64_t> free_sru{};
  std::optional<uint64_t> free_hru{};
  std::optional<std::string> country{};
  std::optional<std::string> city{};
  std::optional<chain::FarmId> farm_id{};
  std::optional<bool> certified{};    // node certification == certified (true) / diy (false)
  std::optional<bool> has_free_ip{};  // the farm has (true) / has no (false) free public IP
  std::optional<bool> dedicated{};    // the farm's dedicated flag
  std::optional<NodeStatus> status{};
};

// Result order: node id ascending, or one free capacity descending (ties by node id
// ascending).
enum class NodeSort : uint8_t { kNodeId = 0, kFreeCru = 1, kFreeMru = 2, kFreeSru = 3, kFreeHru = 4 };

// "node_id", "free_cru", "free_mru", "free_sru", "free_hru", and the inverse.
std::string_view NodeSortName(NodeSort sort);
std::optional<NodeSort> ParseNodeSort(std::string_view name);

inline constexpr uint64_t kDefaultNodePageSize = 50;
inline constexpr uint64_t kMaxNodePageSize = 500;

struct NodeQuery {
  NodeFilter filter{};
  NodeSort sort = NodeSort::kNodeId;
  uint64_t offset = 0;
  uint64_t limit = kDefaultNodePageSize;  // the caller (RPC) bounds it by kMaxNodePageSize
};

struct NodePage {
  uint64_t total = 0;           // nodes matching the filter
  std::vector<NodeView> nodes;  // the requested page of them, in the requested order
};

struct UptimePeriodView {
  uint64_t period = 0;
  uint64_t uptime_ms = 0;
  uint64_t ip_ms = 0;
};

// A node's uptime record (contracts/farming_state.h): unsettled periods only.
struct UptimeView {
  chain::NodeId node_id = 0;
  NodeStatus status = NodeStatus::kDown;
  uint64_t last_report_ms = 0;   // 0 = never reported
  uint64_t first_report_ms = 0;  // 0 = never reported
  uint64_t last_uptime_s = 0;    // the uptime the node claimed in its last report
  std::vector<UptimePeriodView> periods;
  uint64_t interval_ms = 0;  // the grid's uptime reporting interval
};

// Totals over the directory at the head.
struct GridStats {
  uint64_t nodes_total = 0;
  uint64_t nodes_up = 0;
  uint64_t nodes_standby = 0;
  uint64_t farms = 0;
  uint64_t twins = 0;
  chain::Resources total;  // sums over all nodes
  chain::Resources free;
  uint64_t public_ips = 0;  // in all farms
  uint64_t free_public_ips = 0;
};

// Which farming receipts farming_getRewards wants: every set member must hold.
struct RewardsQuery {
  std::optional<chain::NodeId> node_id{};
  std::optional<chain::FarmId> farm_id{};
  std::optional<uint64_t> period{};
  uint64_t offset = 0;
  uint64_t limit = 100;  // the caller (RPC) bounds it
};

struct RewardsPage {
  uint64_t count = 0;                           // receipts matching
  uint64_t total = 0;                           // sum of their amounts (TFT base units), all pages
  std::vector<chain::FarmingReceipt> receipts;  // the page, by (period, node id) ascending
};

enum class ProposalStatus : uint8_t { kOpen = 0, kEnacted = 1, kRejected = 2 };

// "open" / "enacted" / "rejected", and the inverse.
std::string_view ProposalStatusName(ProposalStatus status);
std::optional<ProposalStatus> ParseProposalStatus(std::string_view name);

// A solution provider (contracts/solution_provider_state.h).
struct SolutionProviderView {
  uint32_t id = 0;
  chain::AccountId creator;
  std::string description;
  std::string link;
  std::vector<chain::SolutionProviderShare> providers;
  bool approved = false;
  uint64_t created_ms = 0;
};

// A governance proposal (contracts/governance_state.h).
struct ProposalView {
  chain::ProposalId id = 0;
  chain::AccountId proposer;
  chain::GovAction action;
  std::string description;
  uint64_t created_height = 0;
  uint64_t end_height = 0;
  ProposalStatus status = ProposalStatus::kOpen;
  uint64_t yes_power = 0;
  uint64_t no_power = 0;
  uint64_t total_power = 0;    // the active set's power when the proposal was made
  std::string result_reason;   // why it was rejected ("no-quorum", ...); empty otherwise
  uint64_t closed_height = 0;  // 0 while open
  // The governance parameters in force when it was made (they apply to it).
  uint32_t quorum_permill = 0;
  uint32_t threshold_permill = 0;
};

}  // namespace tfchain::rpc

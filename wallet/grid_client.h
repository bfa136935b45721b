#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "chain/account_id.h"
#include "chain/bytes.h"
#include "chain/gov_action.h"
#include "chain/grid_types.h"
#include "chain/status.h"
#include "wallet/cli.h"
#include "wallet/rpc_client.h"

namespace tfchain::wallet {

// The node's TF Directory, farming and governance methods (docs/rpc.md "grid_*",
// "farming_*", "gov_*") with their answers parsed and checked. Every method returns
// the RpcClient's errors (a missing record is NotFound with the node's reason:
// "twin-not-found", "farm-not-found", "node-not-found", "proposal-not-found"), or
// "bad-rpc-response" when an answer lacks a field, has one of the wrong type, or is
// about another record than the one asked for. Each view keeps the node's JSON in
// `raw` for --json output. Enum-like fields (certification, status, ...) are kept as
// the node's names, for display.

struct GridTwin {  // grid_getTwin, grid_getTwinByAccount
  chain::TwinId twin_id = 0;
  chain::AccountId account;
  std::string relay;
  chain::Bytes public_key;
  uint64_t created_ms = 0;
  nlohmann::json raw;
};

struct GridFarmIp {
  std::string ip;       // "a.b.c.d/nn"
  std::string gateway;  // "a.b.c.d"
  uint64_t contract_id = 0;  // 0 = free
};

struct GridFarm {  // grid_getFarm, grid_listFarms
  chain::FarmId farm_id = 0;
  std::string name;
  chain::TwinId twin_id = 0;
  chain::AccountId owner_account;
  chain::PolicyId pricing_policy_id = 0;
  std::string certification;  // "not-certified" | "gold"
  bool dedicated = false;
  std::vector<GridFarmIp> public_ips;
  uint64_t free_public_ips = 0;
  std::vector<chain::NodeId> node_ids;
  uint64_t created_ms = 0;
  nlohmann::json raw;
};

struct GridFarmPage {
  uint64_t total = 0;  // farms in the directory
  std::vector<GridFarm> farms;
  nlohmann::json raw;
};

struct GridNode {  // grid_getNode, grid_listNodes, grid_findNodes
  chain::NodeId node_id = 0;
  chain::FarmId farm_id = 0;
  chain::TwinId twin_id = 0;
  chain::AccountId account;
  chain::Resources resources;  // total
  chain::Resources reserved;   // by contracts
  chain::Resources free;       // total - reserved
  chain::Location location;
  std::vector<chain::NodeInterface> interfaces;
  std::optional<chain::PublicConfig> public_config;
  std::string agent_endpoint;
  bool virtualized = false;
  std::optional<std::string> serial;
  std::string certification;  // "diy" | "certified"
  std::string power_target;   // "up" | "down"
  std::string power_state;
  std::string status;  // "up" | "standby" | "down"
  uint64_t last_uptime_report_ms = 0;
  uint64_t connection_price_musd = 0;
  chain::PolicyId farming_policy_id = 0;
  uint64_t created_ms = 0;
  uint64_t updated_ms = 0;
  std::string farm_name;
  std::string farm_certification;
  bool dedicated = false;
  uint64_t free_public_ips = 0;
  nlohmann::json raw;
};

struct GridNodePage {
  uint64_t total = 0;  // nodes matching
  std::vector<GridNode> nodes;
  nlohmann::json raw;
};

struct GridRewards {  // farming_getRewards
  std::vector<chain::FarmingReceipt> receipts;  // the requested page
  uint64_t count = 0;  // receipts matching, all pages
  uint64_t total = 0;  // TFT base units minted by them, all pages
  nlohmann::json raw;
};

struct GridProposal {  // gov_getProposal, gov_listProposals
  chain::ProposalId id = 0;
  chain::AccountId proposer;
  chain::GovAction action;
  std::string description;
  uint64_t created_height = 0;
  uint64_t end_height = 0;
  std::string status;  // "open" | "enacted" | "rejected"
  uint64_t yes_power = 0;
  uint64_t no_power = 0;
  uint64_t total_power = 0;
  std::string result_reason;
  uint64_t closed_height = 0;
  std::optional<uint64_t> quorum_permill;     // the rules it is decided by, when the node says
  std::optional<uint64_t> threshold_permill;
  nlohmann::json raw;
};

// Not thread-safe (nor is the RpcClient it borrows, which must outlive it).
class GridClient {
 public:
  explicit GridClient(RpcClient& rpc) : rpc_(rpc) {}

  chain::Result<GridTwin> GetTwin(chain::TwinId id);
  chain::Result<GridTwin> GetTwinByAccount(const chain::AccountId& account);
  chain::Result<GridFarm> GetFarm(chain::FarmId id);
  // By name, ignoring case.
  chain::Result<GridFarm> GetFarmByName(const std::string& name);
  chain::Result<GridFarmPage> ListFarms(const PageOptions& page);
  chain::Result<GridNode> GetNode(chain::NodeId id);
  // grid_findNodes with the command's filter when command.find, else grid_listNodes.
  chain::Result<GridNodePage> ListNodes(const NodeListCommand& command);
  chain::Result<GridRewards> GetRewards(const FarmingRewardsCommand& query);
  chain::Result<std::vector<GridProposal>> ListProposals(const std::optional<std::string>& status);
  chain::Result<GridProposal> GetProposal(chain::ProposalId id);

 private:
  RpcClient& rpc_;
};

}  // namespace tfchain::wallet

#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "chain/bytes.h"
#include "chain/grid_types.h"
#include "chain/market_types.h"
#include "wallet/cli_options.h"

namespace tfchain::wallet {

// The parsed command lines of the capacity marketplace (docs/wallet.md "Contracts"):
// node, name and rent contracts, their bills, cost estimates, funded-until, node
// extra fees and service contracts. Parsed by contract_cli.cpp (pure), run by
// contract_commands.cpp and service_commands.cpp. Plain values.

// The deployment of a node contract: its hash, from --deployment-hash, or BLAKE2b-256
// of --deployment-file (read when the command runs), and --data.
struct DeploymentOptions {
  std::optional<chain::Hash256> hash;  // --deployment-hash 0xHEX (exactly 32 bytes)
  std::optional<std::string> file;     // --deployment-file PATH (never with hash)
  std::optional<std::string> data;     // --data TEXT, <= chain::kMaxDeploymentData bytes
};

// Resources as typed: --cpu N (cores), --memory/--ssd/--hdd SIZE (bytes, "8GB").
struct ResourceOptions {
  std::optional<uint64_t> cru;
  std::optional<uint64_t> mru;
  std::optional<uint64_t> sru;
  std::optional<uint64_t> hru;
  bool any() const { return cru || mru || sru || hru; }
};

// `contract create-node --node ID --cpu N --memory SIZE [--ssd SIZE] [--hdd SIZE]
//  [--public-ips N] [--deployment-hash 0xHEX | --deployment-file PATH] [--data TEXT]
//  [--solution-provider ID]` + TxOptions. Without a hash or file the deployment hash
// is 32 random bytes (unique per contract, as the chain wants per node).
struct ContractCreateNodeCommand {
  TxOptions tx;
  chain::NodeId node_id = 0;
  chain::Resources resources;  // cru, mru required; sru, hru default 0
  uint32_t public_ips = 0;     // 0..chain::kMaxContractPublicIps
  DeploymentOptions deployment;
  std::optional<uint32_t> solution_provider_id;
};

// `contract update ID [--cpu N] [--memory SIZE] [--ssd SIZE] [--hdd SIZE]
//  [--deployment-hash 0xHEX | --deployment-file PATH] [--data TEXT]` + TxOptions.
// What is not given keeps its current value (read with contract_get); at least one.
struct ContractUpdateCommand {
  TxOptions tx;
  chain::ContractId contract_id = 0;
  ResourceOptions resources;
  DeploymentOptions deployment;
};

// The single-call contract commands + TxOptions:
//   contract create-name NAME            (3..64 of [a-z0-9-_])
//   contract rent NODE [--solution-provider ID]
//   contract cancel ID
//   contract ack ID ok|failed [--message M]   (signed with the node's key)
struct ContractCommand {
  enum class Action { kCreateName, kRent, kCancel, kAck };
  Action action = Action::kCancel;
  TxOptions tx;
  std::string name;                              // kCreateName
  chain::NodeId node_id = 0;                     // kRent
  std::optional<uint32_t> solution_provider_id;  // kRent
  chain::ContractId contract_id = 0;             // kCancel, kAck
  bool ok = true;                                // kAck
  std::string message;                           // kAck, <= chain::kMaxAckMessage bytes
};

// Whose twin a read-only command is about: --twin ID, or --from NAME|ADDRESS (the
// account's twin, looked up when run). At most one is set.
struct TwinSelector {
  std::optional<chain::TwinId> twin_id;
  std::optional<std::string> account;
};

// `contract list [--twin ID | --node ID | --from NAME|ADDRESS] [--all] [--offset N]
//  [--limit N]`: contract_listByTwin or contract_listByNode; deleted ones with --all.
struct ContractListCommand {
  TwinSelector twin;  // when node_id is not set
  std::optional<chain::NodeId> node_id;
  bool include_deleted = false;
  PageOptions page{0, 100};
};

// `contract show ID`.
struct ContractShowCommand {
  chain::ContractId contract_id = 0;
};

// `contract bills ID [--offset N] [--limit N]`: oldest first.
struct ContractBillsCommand {
  chain::ContractId contract_id = 0;
  PageOptions page{0, 100};
};

// `cost estimate [--kind node|rent|name] [--node ID] [--cpu N] [--memory SIZE]
//  [--ssd SIZE] [--hdd SIZE] [--public-ips N] [--twin ID | --from NAME|ADDRESS]`:
// contract_estimateCost. node needs --node; rent needs --node and no resources; name
// takes neither. The twin, when given, sets the discount.
struct CostEstimateCommand {
  chain::ContractKind kind = chain::ContractKind::kNode;
  std::optional<chain::NodeId> node_id;
  chain::Resources resources;
  uint32_t public_ips = 0;
  TwinSelector twin;
};

// `funded-until [--twin ID | --from NAME|ADDRESS]`: contract_fundedUntil; one is needed.
struct FundedUntilCommand {
  TwinSelector twin;
};

// `node set-extra-fee NODE MUSD` + TxOptions: a dedicated node's extra fee in mUSD
// per month (0..10^9), signed by the farm's owner.
struct NodeSetExtraFeeCommand {
  TxOptions tx;
  chain::NodeId node_id = 0;
  uint64_t fee_musd_per_month = 0;
};

// Service contracts + TxOptions:
//   service create SERVICE_TWIN CONSUMER_TWIN
//   service set-metadata ID METADATA             (<= chain::kMaxServiceMetadata bytes)
//   service set-fees ID --base-fee MUSD --variable-fee MUSD
//   service approve|reject|cancel ID
//   service bill ID [--variable-amount MUSD] [--metadata TEXT]
struct ServiceCommand {
  enum class Action { kCreate, kSetMetadata, kSetFees, kApprove, kReject, kCancel, kBill };
  Action action = Action::kApprove;
  TxOptions tx;
  chain::ServiceContractId id = 0;     // all but kCreate
  chain::TwinId service_twin_id = 0;   // kCreate
  chain::TwinId consumer_twin_id = 0;  // kCreate
  std::string metadata;                // kSetMetadata, kBill
  uint64_t base_fee_musd = 0;          // kSetFees
  uint64_t variable_fee_musd = 0;      // kSetFees
  uint64_t variable_amount_musd = 0;   // kBill
};

// `service show ID`: contract_getServiceContract.
struct ServiceShowCommand {
  chain::ServiceContractId id = 0;
};

}  // namespace tfchain::wallet

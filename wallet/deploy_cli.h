#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "chain/bytes.h"
#include "chain/grid_types.h"
#include "chain/market_types.h"
#include "wallet/cli_options.h"
#include "wallet/contract_cli.h"

namespace tfchain::wallet {

// The parsed command lines of the deployment commands (docs/wallet.md "Deploying"):
// deploy container, deployment status, deployment list. Parsed by deploy_cli.cpp
// (pure), run by deploy_commands.cpp. Plain values.

// `deploy container --image PATH|URL --image-hash 0xHEX --cpu N --memory SIZE
//  --disk SIZE [--volume SIZE:MOUNT] [--public-ip] [--node ID | --country C]
//  --name NAME [--entrypoint "ARG ..."] [--timeout S]` + --from and the other
// transaction options except --dry-run and --no-wait.
struct DeployContainerCommand {
  TxOptions tx;
  std::string image;                // local path or http(s) URL of a rootfs tarball
  chain::Hash256 image_hash;        // BLAKE2b-256 of the tarball
  uint32_t cpu_millis = 0;          // --cpu in cores, up to 3 decimals ("0.5" = 500)
  uint64_t memory = 0;              // bytes
  uint64_t disk = 0;                // bytes, reserved as sru besides the volume
  std::optional<uint64_t> volume_size;  // --volume SIZE:MOUNT
  std::string volume_mount;             // absolute path in the container
  bool public_ip = false;
  std::optional<chain::NodeId> node_id;  // never with country
  std::optional<std::string> country;
  std::string name;                     // the container workload's name
  std::vector<std::string> entrypoint;  // argv; default kDefaultEntrypoint
  uint64_t timeout_s = 120;             // 1..86400
};

// The entrypoint of a container when --entrypoint is not given: a shell that sleeps.
inline const std::vector<std::string>& DefaultEntrypoint() {
  static const std::vector<std::string> kDefault = {"/bin/sh", "-c", "exec sleep 2147483647"};
  return kDefault;
}

// `deployment status CONTRACT_ID`: the workload states from the contract's node agent.
struct DeploymentStatusCommand {
  chain::ContractId contract_id = 0;
};

// `deployment list [--from NAME|ADDRESS | --twin ID]`: the twin's live node contracts
// with the agent's state of each. One of the two is needed.
struct DeploymentListCommand {
  TwinSelector twin;
};

}  // namespace tfchain::wallet

#pragma once

#include "chain/market_types.h"
#include "chain/status.h"
#include "farmer-agent/deployment.h"
#include "wallet/cli.h"
#include "wallet/commands.h"

namespace tfchain::wallet {

// Internal to the wallet library: the deployment commands (deploy_commands.cpp) and
// the deployment a `deploy container` describes.

// The deployment of `command` for contract `contract_id`: with --volume a volume
// workload "<name>-vol" of the size, then the container `name` (cpu, memory, image,
// entrypoint, public_ip, the volume mounted at its MOUNT). Version 1. Not validated
// (agent::Validate does). Pure.
agent::Deployment BuildContainerDeployment(const DeployContainerCommand& command, chain::ContractId contract_id);

// The contract's resources: cru = ceil(cpu), mru = memory, sru = disk + volume size.
chain::Resources DeploymentResources(const DeployContainerCommand& command);

chain::Status RunDeployContainer(const DeployContainerCommand& command, const GlobalOptions& global,
                                 CommandContext& context);
chain::Status RunDeploymentStatus(const DeploymentStatusCommand& command, const GlobalOptions& global,
                                  CommandContext& context);
chain::Status RunDeploymentList(const DeploymentListCommand& command, const GlobalOptions& global,
                                CommandContext& context);

}  // namespace tfchain::wallet

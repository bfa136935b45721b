#pragma once

#include <cstdint>
#include <vector>

#include "chain/call.h"
#include "chain/event.h"
#include "chain/genesis.h"
#include "contracts/directory_state.h"
#include "contracts/policy_state.h"
#include "contracts/solution_provider_state.h"
#include "contracts/state.h"

namespace tfchain::contracts {

// The directory module (docs/directory.md): twins, farms with their public IPv4
// pools, and 3Nodes with their capacity; certification by the on-chain certifier
// set. The policies it reads (pricing policies, the TFT price) live in PolicyState.
//
// Every call takes the block's `height` and `time_ms` (block time), the transaction
// `signer`, the decoded call, and appends its events to `events`. A call checks
// everything before it writes, so a failed call leaves `state` and `events`
// untouched (the Runtime also rolls back). Failures that are the caller's fault are
// InvalidArgument with a stable kebab-case reason, listed per call; other codes are
// state read failures ("state-corrupt", I/O) that must abort the block.
//
// Stateless: const methods only read their parameters, so one Directory may serve
// concurrent executions on different states.
class Directory {
 public:
  Directory() = default;

  // Writes the grid section of `genesis`: pricing and farming policies (ids must be
  // 1..n in order: "bad-genesis"), grid and governance parameters, the certifier set
  // and the directory counters. Emits no events.
  Status InitGenesis(StateOverlay& state, const chain::Genesis& genesis, std::vector<chain::Event>* events) const;

  // Twins. Errors:
  //   TwinCreate: "twin-exists", "bad-relay", "relay-too-long", "bad-twin-key",
  //     "twin-key-too-long".
  //   TwinUpdate: "no-twin", and TwinCreate's relay/key errors.
  Status TwinCreate(StateOverlay& state, uint64_t height, uint64_t time_ms, const AccountId& signer,
                    const chain::TwinCreateCall& call, std::vector<chain::Event>* events) const;
  Status TwinUpdate(StateOverlay& state, uint64_t height, uint64_t time_ms, const AccountId& signer,
                    const chain::TwinUpdateCall& call, std::vector<chain::Event>* events) const;

  // Farms. Errors:
  //   FarmCreate: "no-twin", "bad-farm-name", "farm-name-taken", "unknown-pricing-policy".
  //   FarmUpdate: "unknown-farm", "not-farm-owner", and FarmCreate's name/policy errors.
  //   FarmAddIp: "unknown-farm", "not-farm-owner", "bad-ip", "ip-not-public",
  //     "bad-gateway", "gateway-outside-subnet", "too-many-ips", "ip-taken".
  //   FarmRemoveIp: "unknown-farm", "not-farm-owner", "bad-ip", "unknown-ip", "ip-in-use".
  //   FarmSetDedicated: "unknown-farm", "not-farm-owner".
  //   FarmSetCertification: "not-certifier", "unknown-farm".
  Status FarmCreate(StateOverlay& state, uint64_t height, uint64_t time_ms, const AccountId& signer,
                    const chain::FarmCreateCall& call, std::vector<chain::Event>* events) const;
  Status FarmUpdate(StateOverlay& state, uint64_t height, uint64_t time_ms, const AccountId& signer,
                    const chain::FarmUpdateCall& call, std::vector<chain::Event>* events) const;
  Status FarmAddIp(StateOverlay& state, uint64_t height, uint64_t time_ms, const AccountId& signer,
                   const chain::FarmAddIpCall& call, std::vector<chain::Event>* events) const;
  Status FarmRemoveIp(StateOverlay& state, uint64_t height, uint64_t time_ms, const AccountId& signer,
                      const chain::FarmRemoveIpCall& call, std::vector<chain::Event>* events) const;
  Status FarmSetDedicated(StateOverlay& state, uint64_t height, uint64_t time_ms, const AccountId& signer,
                          const chain::FarmSetDedicatedCall& call, std::vector<chain::Event>* events) const;
  Status FarmSetCertification(StateOverlay& state, uint64_t height, uint64_t time_ms, const AccountId& signer,
                              const chain::FarmSetCertificationCall& call, std::vector<chain::Event>* events) const;

  // Nodes. Errors:
  //   NodeCreate: "no-twin", "node-exists", "unknown-farm", "resources-below-minimum",
  //     "bad-location", "too-many-interfaces", "too-many-interface-ips",
  //     "bad-interface", "bad-public-config", "bad-agent-endpoint", "bad-serial".
  //   NodeUpdate: "unknown-node", "not-node-account", "resources-below-reserved", and
  //     NodeCreate's field errors.
  //   NodeDelete: "unknown-node", "not-node-owner" (neither the node's account nor its
  //     farm's owner), "node-has-contracts".
  //   NodeSetPowerTarget: "unknown-node", "not-farm-owner".
  //   NodeReportPowerState: "no-node".
  //   NodeSetCertification: "not-certifier", "unknown-node".
  Status NodeCreate(StateOverlay& state, uint64_t height, uint64_t time_ms, const AccountId& signer,
                    const chain::NodeCreateCall& call, std::vector<chain::Event>* events) const;
  Status NodeUpdate(StateOverlay& state, uint64_t height, uint64_t time_ms, const AccountId& signer,
                    const chain::NodeUpdateCall& call, std::vector<chain::Event>* events) const;
  Status NodeDelete(StateOverlay& state, uint64_t height, uint64_t time_ms, const AccountId& signer,
                    const chain::NodeDeleteCall& call, std::vector<chain::Event>* events) const;
  Status NodeSetPowerTarget(StateOverlay& state, uint64_t height, uint64_t time_ms, const AccountId& signer,
                            const chain::NodeSetPowerTargetCall& call, std::vector<chain::Event>* events) const;
  Status NodeReportPowerState(StateOverlay& state, uint64_t height, uint64_t time_ms, const AccountId& signer,
                              const chain::NodeReportPowerStateCall& call, std::vector<chain::Event>* events) const;
  Status NodeSetCertification(StateOverlay& state, uint64_t height, uint64_t time_ms, const AccountId& signer,
                              const chain::NodeSetCertificationCall& call, std::vector<chain::Event>* events) const;

  // Solution providers (directory_solution_providers.cpp): registers the signer's
  // provider, unapproved, with the next id; emits SolutionProviderCreated. Errors:
  // "bad-solution-provider-description" (not 1..kMaxSolutionProviderDescription
  // bytes of printable text), "bad-solution-provider-link" (above
  // kMaxSolutionProviderLink bytes or not printable; may be empty),
  // "bad-solution-provider-shares" (not 1..kMaxSolutionProviderShares shares, an
  // account twice, or a take outside 1..100), "solution-provider-take-too-high" (the
  // takes sum above kMaxSolutionProviderTakePercent).
  Status SolutionProviderCreate(StateOverlay& state, uint64_t height, uint64_t time_ms, const AccountId& signer,
                                const chain::SolutionProviderCreateCall& call,
                                std::vector<chain::Event>* events) const;
};

// The most a solution provider's shares may take together, in percent.
inline constexpr uint32_t kMaxSolutionProviderTakePercent = 50;

}  // namespace tfchain::contracts

#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chain/account_id.h"
#include "chain/bytes.h"
#include "chain/codec.h"
#include "chain/gov_action.h"
#include "chain/grid_types.h"

namespace tfchain::chain {

// The calls of the grid modules: directory (2), farming (3) and governance (4). They
// are alternatives of chain::Call (call.h), which is what code normally uses; this
// header only keeps call.h short. Limits (kMax*) are enforced by the runtime, not the
// codec. EncodeFields/DecodeFields are the per-call field codecs that call.cpp's Call
// codec uses (grammar in grid_calls.cpp).

// directory.twin_create: the signer creates its twin (one per account).
struct TwinCreateCall {
  static constexpr uint8_t kModule = kModuleDirectory;
  static constexpr uint8_t kIndex = 0;
  static constexpr std::string_view kName = "directory.twin_create";
  std::string relay;  // <= kMaxRelayBytes
  Bytes public_key;   // <= kMaxTwinKeyBytes
  bool operator==(const TwinCreateCall&) const = default;
};

// directory.twin_update: the signer replaces its twin's relay and public key.
struct TwinUpdateCall {
  static constexpr uint8_t kModule = kModuleDirectory;
  static constexpr uint8_t kIndex = 1;
  static constexpr std::string_view kName = "directory.twin_update";
  std::string relay;
  Bytes public_key;
  bool operator==(const TwinUpdateCall&) const = default;
};

// directory.farm_create: the signer's twin creates a farm with a unique name.
struct FarmCreateCall {
  static constexpr uint8_t kModule = kModuleDirectory;
  static constexpr uint8_t kIndex = 2;
  static constexpr std::string_view kName = "directory.farm_create";
  std::string name;  // <= kMaxFarmNameLength of [A-Za-z0-9_-]
  PolicyId pricing_policy_id = 0;
  bool operator==(const FarmCreateCall&) const = default;
};

// directory.farm_update: the farm's owner renames it or changes its pricing policy.
struct FarmUpdateCall {
  static constexpr uint8_t kModule = kModuleDirectory;
  static constexpr uint8_t kIndex = 3;
  static constexpr std::string_view kName = "directory.farm_update";
  FarmId farm_id = 0;
  std::string name;
  PolicyId pricing_policy_id = 0;
  bool operator==(const FarmUpdateCall&) const = default;
};

// directory.farm_add_ip: the owner adds a public IPv4 "a.b.c.d/nn" with its gateway.
struct FarmAddIpCall {
  static constexpr uint8_t kModule = kModuleDirectory;
  static constexpr uint8_t kIndex = 4;
  static constexpr std::string_view kName = "directory.farm_add_ip";
  FarmId farm_id = 0;
  std::string ip;
  std::string gateway;
  bool operator==(const FarmAddIpCall&) const = default;
};

// directory.farm_remove_ip: the owner removes a public IP no contract holds.
struct FarmRemoveIpCall {
  static constexpr uint8_t kModule = kModuleDirectory;
  static constexpr uint8_t kIndex = 5;
  static constexpr std::string_view kName = "directory.farm_remove_ip";
  FarmId farm_id = 0;
  std::string ip;
  bool operator==(const FarmRemoveIpCall&) const = default;
};

// directory.farm_set_dedicated: the owner marks the farm's nodes dedicated (or not).
struct FarmSetDedicatedCall {
  static constexpr uint8_t kModule = kModuleDirectory;
  static constexpr uint8_t kIndex = 6;
  static constexpr std::string_view kName = "directory.farm_set_dedicated";
  FarmId farm_id = 0;
  bool dedicated = false;
  bool operator==(const FarmSetDedicatedCall&) const = default;
};

// directory.farm_set_certification: a certifier sets a farm's certification.
struct FarmSetCertificationCall {
  static constexpr uint8_t kModule = kModuleDirectory;
  static constexpr uint8_t kIndex = 7;
  static constexpr std::string_view kName = "directory.farm_set_certification";
  FarmId farm_id = 0;
  FarmCertification certification = FarmCertification::kNotCertified;
  bool operator==(const FarmSetCertificationCall&) const = default;
};

// directory.node_create: the node's own account (which has a twin) registers the
// node in `farm_id`.
struct NodeCreateCall {
  static constexpr uint8_t kModule = kModuleDirectory;
  static constexpr uint8_t kIndex = 8;
  static constexpr std::string_view kName = "directory.node_create";
  FarmId farm_id = 0;
  Resources resources;
  Location location;
  std::vector<NodeInterface> interfaces;  // <= kMaxInterfaces, each <= kMaxInterfaceIps
  std::optional<PublicConfig> public_config;
  std::string agent_endpoint;  // <= kMaxAgentEndpoint
  bool virtualized = false;
  std::optional<std::string> serial;  // <= kMaxSerial
  bool operator==(const NodeCreateCall&) const = default;
};

// directory.node_update: the node's account replaces its description (a node stays
// in its farm).
struct NodeUpdateCall {
  static constexpr uint8_t kModule = kModuleDirectory;
  static constexpr uint8_t kIndex = 9;
  static constexpr std::string_view kName = "directory.node_update";
  NodeId node_id = 0;
  Resources resources;
  Location location;
  std::vector<NodeInterface> interfaces;
  std::optional<PublicConfig> public_config;
  std::string agent_endpoint;
  bool virtualized = false;
  std::optional<std::string> serial;
  bool operator==(const NodeUpdateCall&) const = default;
};

// directory.node_delete: the node's account or the farm owner deletes the node.
struct NodeDeleteCall {
  static constexpr uint8_t kModule = kModuleDirectory;
  static constexpr uint8_t kIndex = 10;
  static constexpr std::string_view kName = "directory.node_delete";
  NodeId node_id = 0;
  bool operator==(const NodeDeleteCall&) const = default;
};

// directory.node_set_power_target: the farm owner asks the node to power up or down.
struct NodeSetPowerTargetCall {
  static constexpr uint8_t kModule = kModuleDirectory;
  static constexpr uint8_t kIndex = 11;
  static constexpr std::string_view kName = "directory.node_set_power_target";
  NodeId node_id = 0;
  PowerState target = PowerState::kUp;
  bool operator==(const NodeSetPowerTargetCall&) const = default;
};

// directory.node_report_power_state: the node (its own account) reports its state.
struct NodeReportPowerStateCall {
  static constexpr uint8_t kModule = kModuleDirectory;
  static constexpr uint8_t kIndex = 12;
  static constexpr std::string_view kName = "directory.node_report_power_state";
  PowerState state = PowerState::kUp;
  bool operator==(const NodeReportPowerStateCall&) const = default;
};

// directory.node_set_certification: a certifier sets a node's certification.
struct NodeSetCertificationCall {
  static constexpr uint8_t kModule = kModuleDirectory;
  static constexpr uint8_t kIndex = 13;
  static constexpr std::string_view kName = "directory.node_set_certification";
  NodeId node_id = 0;
  NodeCertification certification = NodeCertification::kDiy;
  bool operator==(const NodeSetCertificationCall&) const = default;
};

// One beneficiary of a solution provider: `account` receives `take_percent` of what
// users pay for deployments made through the provider.
struct SolutionProviderShare {
  AccountId account;
  uint8_t take_percent = 0;
  bool operator==(const SolutionProviderShare&) const = default;
};

// directory.solution_provider_create: the signer registers a solution provider (1..
// kMaxSolutionProviderShares shares, takes summing to at most 50%). It starts
// unapproved; governance approves it (ApproveSolutionProviderAction).
struct SolutionProviderCreateCall {
  static constexpr uint8_t kModule = kModuleDirectory;
  static constexpr uint8_t kIndex = 14;
  static constexpr std::string_view kName = "directory.solution_provider_create";
  std::string description;  // 1..kMaxSolutionProviderDescription printable bytes
  std::string link;         // <= kMaxSolutionProviderLink printable bytes, may be empty
  std::vector<SolutionProviderShare> providers;
  bool operator==(const SolutionProviderCreateCall&) const = default;
};

// farming.node_report_uptime: the node (its own account) reports that it is up;
// `uptime_s` is its claimed time since boot. Free of fees, at most one per interval.
struct NodeReportUptimeCall {
  static constexpr uint8_t kModule = kModuleFarming;
  static constexpr uint8_t kIndex = 0;
  static constexpr std::string_view kName = "farming.node_report_uptime";
  uint64_t uptime_s = 0;
  bool operator==(const NodeReportUptimeCall&) const = default;
};

// governance.propose: a validator operator proposes `action`.
struct GovProposeCall {
  static constexpr uint8_t kModule = kModuleGovernance;
  static constexpr uint8_t kIndex = 0;
  static constexpr std::string_view kName = "governance.propose";
  GovAction action;
  std::string description;  // <= kMaxProposalDescription
  bool operator==(const GovProposeCall&) const = default;
};

// governance.vote: a validator operator votes on an open proposal.
struct GovVoteCall {
  static constexpr uint8_t kModule = kModuleGovernance;
  static constexpr uint8_t kIndex = 1;
  static constexpr std::string_view kName = "governance.vote";
  ProposalId proposal_id = 0;
  bool approve = false;
  bool operator==(const GovVoteCall&) const = default;
};

// Field codecs (no module/index tag). Errors: the fields' decode errors.
void EncodeFields(Encoder& e, const TwinCreateCall& c);
Status DecodeFields(Decoder& d, TwinCreateCall* c);
void EncodeFields(Encoder& e, const TwinUpdateCall& c);
Status DecodeFields(Decoder& d, TwinUpdateCall* c);
void EncodeFields(Encoder& e, const FarmCreateCall& c);
Status DecodeFields(Decoder& d, FarmCreateCall* c);
void EncodeFields(Encoder& e, const FarmUpdateCall& c);
Status DecodeFields(Decoder& d, FarmUpdateCall* c);
void EncodeFields(Encoder& e, const FarmAddIpCall& c);
Status DecodeFields(Decoder& d, FarmAddIpCall* c);
void EncodeFields(Encoder& e, const FarmRemoveIpCall& c);
Status DecodeFields(Decoder& d, FarmRemoveIpCall* c);
void EncodeFields(Encoder& e, const FarmSetDedicatedCall& c);
Status DecodeFields(Decoder& d, FarmSetDedicatedCall* c);
void EncodeFields(Encoder& e, const FarmSetCertificationCall& c);
Status DecodeFields(Decoder& d, FarmSetCertificationCall* c);
void EncodeFields(Encoder& e, const NodeCreateCall& c);
Status DecodeFields(Decoder& d, NodeCreateCall* c);
void EncodeFields(Encoder& e, const NodeUpdateCall& c);
Status DecodeFields(Decoder& d, NodeUpdateCall* c);
void EncodeFields(Encoder& e, const NodeDeleteCall& c);
Status DecodeFields(Decoder& d, NodeDeleteCall* c);
void EncodeFields(Encoder& e, const NodeSetPowerTargetCall& c);
Status DecodeFields(Decoder& d, NodeSetPowerTargetCall* c);
void EncodeFields(Encoder& e, const NodeReportPowerStateCall& c);
Status DecodeFields(Decoder& d, NodeReportPowerStateCall* c);
void EncodeFields(Encoder& e, const NodeSetCertificationCall& c);
Status DecodeFields(Decoder& d, NodeSetCertificationCall* c);
// SolutionProviderShare := account:fixed[32] take_percent:u8.
void EncodeTo(Encoder& e, const SolutionProviderShare& v);
Status DecodeFrom(Decoder& d, SolutionProviderShare* out);
void EncodeFields(Encoder& e, const SolutionProviderCreateCall& c);
Status DecodeFields(Decoder& d, SolutionProviderCreateCall* c);
void EncodeFields(Encoder& e, const NodeReportUptimeCall& c);
Status DecodeFields(Decoder& d, NodeReportUptimeCall* c);
void EncodeFields(Encoder& e, const GovProposeCall& c);
Status DecodeFields(Decoder& d, GovProposeCall* c);
void EncodeFields(Encoder& e, const GovVoteCall& c);
Status DecodeFields(Decoder& d, GovVoteCall* c);

}  // namespace tfchain::chain

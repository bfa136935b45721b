#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "chain/account_id.h"
#include "chain/codec.h"
#include "chain/grid_types.h"

namespace tfchain::chain {

// The events of the grid modules: directory (2), farming (3) and governance (4). They
// are alternatives of chain::Event (event.h), which is what code normally uses; this
// header only keeps event.h short. EncodeFields/DecodeFields are the per-event field
// codecs that event.cpp's Event codec uses (grammar in grid_events.cpp).

// directory.TwinCreated: `account` created twin `twin_id`.
struct TwinCreatedEvent {
  static constexpr uint8_t kModule = kModuleDirectory;
  static constexpr uint8_t kIndex = 0;
  static constexpr std::string_view kName = "directory.TwinCreated";
  TwinId twin_id = 0;
  AccountId account;
  bool operator==(const TwinCreatedEvent&) const = default;
};

// directory.TwinUpdated: the twin's relay or public key changed.
struct TwinUpdatedEvent {
  static constexpr uint8_t kModule = kModuleDirectory;
  static constexpr uint8_t kIndex = 1;
  static constexpr std::string_view kName = "directory.TwinUpdated";
  TwinId twin_id = 0;
  bool operator==(const TwinUpdatedEvent&) const = default;
};

// directory.FarmCreated: twin `twin_id` created farm `farm_id` named `name`.
struct FarmCreatedEvent {
  static constexpr uint8_t kModule = kModuleDirectory;
  static constexpr uint8_t kIndex = 2;
  static constexpr std::string_view kName = "directory.FarmCreated";
  FarmId farm_id = 0;
  TwinId twin_id = 0;
  std::string name;
  bool operator==(const FarmCreatedEvent&) const = default;
};

// directory.FarmUpdated: the farm's name or pricing policy changed.
struct FarmUpdatedEvent {
  static constexpr uint8_t kModule = kModuleDirectory;
  static constexpr uint8_t kIndex = 3;
  static constexpr std::string_view kName = "directory.FarmUpdated";
  FarmId farm_id = 0;
  bool operator==(const FarmUpdatedEvent&) const = default;
};

// directory.FarmIpAdded: public IP `ip` ("a.b.c.d/nn") with `gateway` joined the farm.
struct FarmIpAddedEvent {
  static constexpr uint8_t kModule = kModuleDirectory;
  static constexpr uint8_t kIndex = 4;
  static constexpr std::string_view kName = "directory.FarmIpAdded";
  FarmId farm_id = 0;
  std::string ip;
  std::string gateway;
  bool operator==(const FarmIpAddedEvent&) const = default;
};

// directory.FarmIpRemoved: public IP `ip` left the farm.
struct FarmIpRemovedEvent {
  static constexpr uint8_t kModule = kModuleDirectory;
  static constexpr uint8_t kIndex = 5;
  static constexpr std::string_view kName = "directory.FarmIpRemoved";
  FarmId farm_id = 0;
  std::string ip;
  bool operator==(const FarmIpRemovedEvent&) const = default;
};

// directory.FarmDedicatedSet: the farm's nodes are (or no longer are) dedicated.
struct FarmDedicatedSetEvent {
  static constexpr uint8_t kModule = kModuleDirectory;
  static constexpr uint8_t kIndex = 6;
  static constexpr std::string_view kName = "directory.FarmDedicatedSet";
  FarmId farm_id = 0;
  bool dedicated = false;
  bool operator==(const FarmDedicatedSetEvent&) const = default;
};

// directory.FarmCertificationSet: a certifier set the farm's certification.
struct FarmCertificationSetEvent {
  static constexpr uint8_t kModule = kModuleDirectory;
  static constexpr uint8_t kIndex = 7;
  static constexpr std::string_view kName = "directory.FarmCertificationSet";
  FarmId farm_id = 0;
  FarmCertification certification = FarmCertification::kNotCertified;
  bool operator==(const FarmCertificationSetEvent&) const = default;
};

// directory.NodeCreated: node `node_id` of twin `twin_id` joined farm `farm_id`.
struct NodeCreatedEvent {
  static constexpr uint8_t kModule = kModuleDirectory;
  static constexpr uint8_t kIndex = 8;
  static constexpr std::string_view kName = "directory.NodeCreated";
  NodeId node_id = 0;
  FarmId farm_id = 0;
  TwinId twin_id = 0;
  Resources resources;
  bool operator==(const NodeCreatedEvent&) const = default;
};

// directory.NodeUpdated: the node's description changed.
struct NodeUpdatedEvent {
  static constexpr uint8_t kModule = kModuleDirectory;
  static constexpr uint8_t kIndex = 9;
  static constexpr std::string_view kName = "directory.NodeUpdated";
  NodeId node_id = 0;
  bool operator==(const NodeUpdatedEvent&) const = default;
};

// directory.NodeDeleted: the node left the directory.
struct NodeDeletedEvent {
  static constexpr uint8_t kModule = kModuleDirectory;
  static constexpr uint8_t kIndex = 10;
  static constexpr std::string_view kName = "directory.NodeDeleted";
  NodeId node_id = 0;
  bool operator==(const NodeDeletedEvent&) const = default;
};

// directory.NodePowerTargetSet: the farmer asked the node to power up or down.
struct NodePowerTargetSetEvent {
  static constexpr uint8_t kModule = kModuleDirectory;
  static constexpr uint8_t kIndex = 11;
  static constexpr std::string_view kName = "directory.NodePowerTargetSet";
  NodeId node_id = 0;
  PowerState target = PowerState::kUp;
  bool operator==(const NodePowerTargetSetEvent&) const = default;
};

// directory.NodePowerStateReported: the node reported its power state.
struct NodePowerStateReportedEvent {
  static constexpr uint8_t kModule = kModuleDirectory;
  static constexpr uint8_t kIndex = 12;
  static constexpr std::string_view kName = "directory.NodePowerStateReported";
  NodeId node_id = 0;
  PowerState state = PowerState::kUp;
  bool operator==(const NodePowerStateReportedEvent&) const = default;
};

// directory.NodeCertificationSet: a certifier set the node's certification.
struct NodeCertificationSetEvent {
  static constexpr uint8_t kModule = kModuleDirectory;
  static constexpr uint8_t kIndex = 13;
  static constexpr std::string_view kName = "directory.NodeCertificationSet";
  NodeId node_id = 0;
  NodeCertification certification = NodeCertification::kDiy;
  bool operator==(const NodeCertificationSetEvent&) const = default;
};

// directory.SolutionProviderCreated: `creator` registered solution provider
// `provider_id` (unapproved).
struct SolutionProviderCreatedEvent {
  static constexpr uint8_t kModule = kModuleDirectory;
  static constexpr uint8_t kIndex = 14;
  static constexpr std::string_view kName = "directory.SolutionProviderCreated";
  uint32_t provider_id = 0;
  AccountId creator;
  bool operator==(const SolutionProviderCreatedEvent&) const = default;
};

// directory.SolutionProviderApproved: governance approved (approved = true) or revoked
// solution provider `provider_id`.
struct SolutionProviderApprovedEvent {
  static constexpr uint8_t kModule = kModuleDirectory;
  static constexpr uint8_t kIndex = 15;
  static constexpr std::string_view kName = "directory.SolutionProviderApproved";
  uint32_t provider_id = 0;
  bool approved = false;
  bool operator==(const SolutionProviderApprovedEvent&) const = default;
};

// farming.UptimeReported: node `node_id` claimed `uptime_s` seconds since boot and the
// chain credited it `credited_ms` of uptime.
struct UptimeReportedEvent {
  static constexpr uint8_t kModule = kModuleFarming;
  static constexpr uint8_t kIndex = 0;
  static constexpr std::string_view kName = "farming.UptimeReported";
  NodeId node_id = 0;
  uint64_t uptime_s = 0;
  uint64_t credited_ms = 0;
  bool operator==(const UptimeReportedEvent&) const = default;
};

// farming.RewardMinted: receipt.amount was minted to receipt.account.
struct RewardMintedEvent {
  static constexpr uint8_t kModule = kModuleFarming;
  static constexpr uint8_t kIndex = 1;
  static constexpr std::string_view kName = "farming.RewardMinted";
  FarmingReceipt receipt;
  bool operator==(const RewardMintedEvent&) const = default;
};

// farming.PeriodSettled: every node of `period` was paid; `minted` base units in all.
struct PeriodSettledEvent {
  static constexpr uint8_t kModule = kModuleFarming;
  static constexpr uint8_t kIndex = 2;
  static constexpr std::string_view kName = "farming.PeriodSettled";
  uint64_t period = 0;
  uint64_t nodes = 0;
  uint64_t minted = 0;
  bool operator==(const PeriodSettledEvent&) const = default;
};

// governance.Proposed: `proposer` opened proposal `id`; `action` is its GovActionName.
struct ProposedEvent {
  static constexpr uint8_t kModule = kModuleGovernance;
  static constexpr uint8_t kIndex = 0;
  static constexpr std::string_view kName = "governance.Proposed";
  ProposalId id = 0;
  AccountId proposer;
  std::string action;
  bool operator==(const ProposedEvent&) const = default;
};

// governance.Voted: validator operator `voter` voted with `power`.
struct VotedEvent {
  static constexpr uint8_t kModule = kModuleGovernance;
  static constexpr uint8_t kIndex = 1;
  static constexpr std::string_view kName = "governance.Voted";
  ProposalId id = 0;
  AccountId voter;
  bool approve = false;
  uint64_t power = 0;
  bool operator==(const VotedEvent&) const = default;
};

// governance.Enacted: proposal `id` passed and its action was applied.
struct EnactedEvent {
  static constexpr uint8_t kModule = kModuleGovernance;
  static constexpr uint8_t kIndex = 2;
  static constexpr std::string_view kName = "governance.Enacted";
  ProposalId id = 0;
  bool operator==(const EnactedEvent&) const = default;
};

// governance.Rejected: `reason` is "no-quorum", "below-threshold" or the enactment
// error (e.g. "policy-immutable").
struct RejectedEvent {
  static constexpr uint8_t kModule = kModuleGovernance;
  static constexpr uint8_t kIndex = 3;
  static constexpr std::string_view kName = "governance.Rejected";
  ProposalId id = 0;
  std::string reason;
  bool operator==(const RejectedEvent&) const = default;
};

// Field codecs (no module/index tag). Errors: the fields' decode errors.
void EncodeFields(Encoder& e, const TwinCreatedEvent& v);
Status DecodeFields(Decoder& d, TwinCreatedEvent* v);
void EncodeFields(Encoder& e, const TwinUpdatedEvent& v);
Status DecodeFields(Decoder& d, TwinUpdatedEvent* v);
void EncodeFields(Encoder& e, const FarmCreatedEvent& v);
Status DecodeFields(Decoder& d, FarmCreatedEvent* v);
void EncodeFields(Encoder& e, const FarmUpdatedEvent& v);
Status DecodeFields(Decoder& d, FarmUpdatedEvent* v);
void EncodeFields(Encoder& e, const FarmIpAddedEvent& v);
Status DecodeFields(Decoder& d, FarmIpAddedEvent* v);
void EncodeFields(Encoder& e, const FarmIpRemovedEvent& v);
Status DecodeFields(Decoder& d, FarmIpRemovedEvent* v);
void EncodeFields(Encoder& e, const FarmDedicatedSetEvent& v);
Status DecodeFields(Decoder& d, FarmDedicatedSetEvent* v);
void EncodeFields(Encoder& e, const FarmCertificationSetEvent& v);
Status DecodeFields(Decoder& d, FarmCertificationSetEvent* v);
void EncodeFields(Encoder& e, const NodeCreatedEvent& v);
Status DecodeFields(Decoder& d, NodeCreatedEvent* v);
void EncodeFields(Encoder& e, const NodeUpdatedEvent& v);
Status DecodeFields(Decoder& d, NodeUpdatedEvent* v);
void EncodeFields(Encoder& e, const NodeDeletedEvent& v);
Status DecodeFields(Decoder& d, NodeDeletedEvent* v);
void EncodeFields(Encoder& e, const NodePowerTargetSetEvent& v);
Status DecodeFields(Decoder& d, NodePowerTargetSetEvent* v);
void EncodeFields(Encoder& e, const NodePowerStateReportedEvent& v);
Status DecodeFields(Decoder& d, NodePowerStateReportedEvent* v);
void EncodeFields(Encoder& e, const NodeCertificationSetEvent& v);
Status DecodeFields(Decoder& d, NodeCertificationSetEvent* v);
void EncodeFields(Encoder& e, const SolutionProviderCreatedEvent& v);
Status DecodeFields(Decoder& d, SolutionProviderCreatedEvent* v);
void EncodeFields(Encoder& e, const SolutionProviderApprovedEvent& v);
Status DecodeFields(Decoder& d, SolutionProviderApprovedEvent* v);
void EncodeFields(Encoder& e, const UptimeReportedEvent& v);
Status DecodeFields(Decoder& d, UptimeReportedEvent* v);
void EncodeFields(Encoder& e, const RewardMintedEvent& v);
Status DecodeFields(Decoder& d, RewardMintedEvent* v);
void EncodeFields(Encoder& e, const PeriodSettledEvent& v);
Status DecodeFields(Decoder& d, PeriodSettledEvent* v);
void EncodeFields(Encoder& e, const ProposedEvent& v);
Status DecodeFields(Decoder& d, ProposedEvent* v);
void EncodeFields(Encoder& e, const VotedEvent& v);
Status DecodeFields(Decoder& d, VotedEvent* v);
void EncodeFields(Encoder& e, const EnactedEvent& v);
Status DecodeFields(Decoder& d, EnactedEvent* v);
void EncodeFields(Encoder& e, const RejectedEvent& v);
Status DecodeFields(Decoder& d, RejectedEvent* v);

}  // namespace tfchain::chain

#pragma once

#include <nlohmann/json_fwd.hpp>

#include "chain/grid_calls.h"
#include "chain/grid_events.h"

namespace tfchain::chain {

// The "args" objects of the grid calls and events, used by json.h's ToJson(Call) and
// ToJson(Event) ({"name", "args"}). Members are the fields by name, with grid_json.h's
// views for nested types (resources, location, public_config, action, receipt), byte
// strings 0x-hex, accounts SS58, amounts decimal strings, ids and counters integers,
// enums by name, optionals null when absent. Pure; thread-safe.

nlohmann::json ArgsJson(const TwinCreateCall& v);
nlohmann::json ArgsJson(const TwinUpdateCall& v);
nlohmann::json ArgsJson(const FarmCreateCall& v);
nlohmann::json ArgsJson(const FarmUpdateCall& v);
nlohmann::json ArgsJson(const FarmAddIpCall& v);
nlohmann::json ArgsJson(const FarmRemoveIpCall& v);
nlohmann::json ArgsJson(const FarmSetDedicatedCall& v);
nlohmann::json ArgsJson(const FarmSetCertificationCall& v);
nlohmann::json ArgsJson(const NodeCreateCall& v);
nlohmann::json ArgsJson(const NodeUpdateCall& v);
nlohmann::json ArgsJson(const NodeDeleteCall& v);
nlohmann::json ArgsJson(const NodeSetPowerTargetCall& v);
nlohmann::json ArgsJson(const NodeReportPowerStateCall& v);
nlohmann::json ArgsJson(const NodeSetCertificationCall& v);
nlohmann::json ArgsJson(const SolutionProviderCreateCall& v);
nlohmann::json ArgsJson(const NodeReportUptimeCall& v);
nlohmann::json ArgsJson(const GovProposeCall& v);
nlohmann::json ArgsJson(const GovVoteCall& v);
nlohmann::json ArgsJson(const TwinCreatedEvent& v);
nlohmann::json ArgsJson(const TwinUpdatedEvent& v);
nlohmann::json ArgsJson(const FarmCreatedEvent& v);
nlohmann::json ArgsJson(const FarmUpdatedEvent& v);
nlohmann::json ArgsJson(const FarmIpAddedEvent& v);
nlohmann::json ArgsJson(const FarmIpRemovedEvent& v);
nlohmann::json ArgsJson(const FarmDedicatedSetEvent& v);
nlohmann::json ArgsJson(const FarmCertificationSetEvent& v);
nlohmann::json ArgsJson(const NodeCreatedEvent& v);
nlohmann::json ArgsJson(const NodeUpdatedEvent& v);
nlohmann::json ArgsJson(const NodeDeletedEvent& v);
nlohmann::json ArgsJson(const NodePowerTargetSetEvent& v);
nlohmann::json ArgsJson(const NodePowerStateReportedEvent& v);
nlohmann::json ArgsJson(const NodeCertificationSetEvent& v);
nlohmann::json ArgsJson(const SolutionProviderCreatedEvent& v);
nlohmann::json ArgsJson(const SolutionProviderApprovedEvent& v);
nlohmann::json ArgsJson(const UptimeReportedEvent& v);
nlohmann::json ArgsJson(const RewardMintedEvent& v);
nlohmann::json ArgsJson(const PeriodSettledEvent& v);
nlohmann::json ArgsJson(const ProposedEvent& v);
nlohmann::json ArgsJson(const VotedEvent& v);
nlohmann::json ArgsJson(const EnactedEvent& v);
nlohmann::json ArgsJson(const RejectedEvent& v);

}  // namespace tfchain::chain

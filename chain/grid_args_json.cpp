#include "chain/grid_args_json.h"

#include <nlohmann/json.hpp>
#include <string>

#include "chain/grid_json.h"
#include "chain/json.h"

namespace tfchain::chain {

using nlohmann::json;

namespace {

template <typename T>
json TwinArgs(const T& c) {
  return {{"relay", c.relay}, {"public_key", ToHex(c.public_key)}};
}

// node_create and node_update share everything after their first field.
template <typename T>
json NodeDescriptionArgs(const T& c) {
  json interfaces = json::array();
  for (const NodeInterface& i : c.interfaces) interfaces.push_back(ToJson(i));
  return {{"resources", ToJson(c.resources)},
          {"location", ToJson(c.location)},
          {"interfaces", std::move(interfaces)},
          {"public_config", c.public_config ? ToJson(*c.public_config) : json(nullptr)},
          {"agent_endpoint", c.agent_endpoint},
          {"virtualized", c.virtualized},
          {"serial", c.serial ? json(*c.serial) : json(nullptr)}};
}

json Name(std::string_view name) { return std::string(name); }

}  // namespace

json ArgsJson(const TwinCreateCall& v) { return TwinArgs(v); }
json ArgsJson(const TwinUpdateCall& v) { return TwinArgs(v); }
json ArgsJson(const FarmCreateCall& v) { return {{"name", v.name}, {"pricing_policy_id", v.pricing_policy_id}}; }
json ArgsJson(const FarmUpdateCall& v) {
  return {{"farm_id", v.farm_id}, {"name", v.name}, {"pricing_policy_id", v.pricing_policy_id}};
}
json ArgsJson(const FarmAddIpCall& v) { return {{"farm_id", v.farm_id}, {"ip", v.ip}, {"gateway", v.gateway}}; }
json ArgsJson(const FarmRemoveIpCall& v) { return {{"farm_id", v.farm_id}, {"ip", v.ip}}; }
json ArgsJson(const FarmSetDedicatedCall& v) { return {{"farm_id", v.farm_id}, {"dedicated", v.dedicated}}; }
json ArgsJson(const FarmSetCertificationCall& v) {
  return {{"farm_id", v.farm_id}, {"certification", Name(FarmCertificationName(v.certification))}};
}
json ArgsJson(const NodeCreateCall& v) {
  json out = NodeDescriptionArgs(v);
  out["farm_id"] = v.farm_id;
  return out;
}
json ArgsJson(const NodeUpdateCall& v) {
  json out = NodeDescriptionArgs(v);
  out["node_id"] = v.node_id;
  return out;
}
json ArgsJson(const NodeDeleteCall& v) { return {{"node_id", v.node_id}}; }
json ArgsJson(const NodeSetPowerTargetCall& v) {
  return {{"node_id", v.node_id}, {"target", Name(PowerStateName(v.target))}};
}
json ArgsJson(const NodeReportPowerStateCall& v) { return {{"state", Name(PowerStateName(v.state))}}; }
json ArgsJson(const NodeSetCertificationCall& v) {
  return {{"node_id", v.node_id}, {"certification", Name(NodeCertificationName(v.certification))}};
}
json ArgsJson(const SolutionProviderCreateCall& v) {
  json providers = json::array();
  for (const SolutionProviderShare& p : v.providers) {
    providers.push_back({{"account", AccountToJson(p.account)}, {"take_percent", p.take_percent}});
  }
  return {{"description", v.description}, {"link", v.link}, {"providers", std::move(providers)}};
}
json ArgsJson(const NodeReportUptimeCall& v) { return {{"uptime_s", v.uptime_s}}; }
json ArgsJson(const GovProposeCall& v) { return {{"action", ToJson(v.action)}, {"description", v.description}}; }
json ArgsJson(const GovVoteCall& v) { return {{"proposal_id", v.proposal_id}, {"approve", v.approve}}; }

json ArgsJson(const TwinCreatedEvent& v) { return {{"twin_id", v.twin_id}, {"account", AccountToJson(v.account)}}; }
json ArgsJson(const TwinUpdatedEvent& v) { return {{"twin_id", v.twin_id}}; }
json ArgsJson(const FarmCreatedEvent& v) { return {{"farm_id", v.farm_id}, {"twin_id", v.twin_id}, {"name", v.name}}; }
json ArgsJson(const FarmUpdatedEvent& v) { return {{"farm_id", v.farm_id}}; }
json ArgsJson(const FarmIpAddedEvent& v) { return {{"farm_id", v.farm_id}, {"ip", v.ip}, {"gateway", v.gateway}}; }
json ArgsJson(const FarmIpRemovedEvent& v) { return {{"farm_id", v.farm_id}, {"ip", v.ip}}; }
json ArgsJson(const FarmDedicatedSetEvent& v) { return {{"farm_id", v.farm_id}, {"dedicated", v.dedicated}}; }
json ArgsJson(const FarmCertificationSetEvent& v) {
  return {{"farm_id", v.farm_id}, {"certification", Name(FarmCertificationName(v.certification))}};
}
json ArgsJson(const NodeCreatedEvent& v) {
  return {{"node_id", v.node_id}, {"farm_id", v.farm_id}, {"twin_id", v.twin_id}, {"resources", ToJson(v.resources)}};
}
json ArgsJson(const NodeUpdatedEvent& v) { return {{"node_id", v.node_id}}; }
json ArgsJson(const NodeDeletedEvent& v) { return {{"node_id", v.node_id}}; }
json ArgsJson(const NodePowerTargetSetEvent& v) {
  return {{"node_id", v.node_id}, {"target", Name(PowerStateName(v.target))}};
}
json ArgsJson(const NodePowerStateReportedEvent& v) {
  return {{"node_id", v.node_id}, {"state", Name(PowerStateName(v.state))}};
}
json ArgsJson(const NodeCertificationSetEvent& v) {
  return {{"node_id", v.node_id}, {"certification", Name(NodeCertificationName(v.certification))}};
}
json ArgsJson(const SolutionProviderCreatedEvent& v) {
  return {{"provider_id", v.provider_id}, {"creator", AccountToJson(v.creator)}};
}
json ArgsJson(const SolutionProviderApprovedEvent& v) {
  return {{"provider_id", v.provider_id}, {"approved", v.approved}};
}
json ArgsJson(const UptimeReportedEvent& v) {
  return {{"node_id", v.node_id}, {"uptime_s", v.uptime_s}, {"credited_ms", v.credited_ms}};
}
json ArgsJson(const RewardMintedEvent& v) { return {{"receipt", ToJson(v.receipt)}}; }
json ArgsJson(const PeriodSettledEvent& v) {
  return {{"period", v.period}, {"nodes", v.nodes}, {"minted", AmountToJson(v.minted)}};
}
json ArgsJson(const ProposedEvent& v) {
  return {{"id", v.id}, {"proposer", AccountToJson(v.proposer)}, {"action", v.action}};
}
json ArgsJson(const VotedEvent& v) {
  return {{"id", v.id}, {"voter", AccountToJson(v.voter)}, {"approve", v.approve}, {"power", AmountToJson(v.power)}};
}
json ArgsJson(const EnactedEvent& v) { return {{"id", v.id}}; }
json ArgsJson(const RejectedEvent& v) { return {{"id", v.id}, {"reason", v.reason}}; }

}  // namespace tfchain::chain

// Directory: 3Nodes (node_create, node_update, node_delete, node_set_power_target,
// node_report_power_state, node_set_certification); rules in directory.h and
// docs/directory.md.
#include "contracts/directory.h"
#include "contracts/directory_internal.h"
#include "contracts/directory_validation.h"
#include "contracts/market_state.h"

namespace tfchain::contracts {
namespace {

using directory_internal::Invalid;

// The description fields that node_create and node_update share.
struct NodeFields {
  const chain::Resources& resources;
  const chain::Location& location;
  const std::vector<chain::NodeInterface>& interfaces;
  const std::optional<chain::PublicConfig>& public_config;
  const std::string& agent_endpoint;
  bool virtualized;
  const std::optional<std::string>& serial;
};

Status CheckFields(const NodeFields& f) {
  TF_RETURN_IF_ERROR(CheckResources(f.resources));
  TF_RETURN_IF_ERROR(CheckLocation(f.location));
  TF_RETURN_IF_ERROR(CheckInterfaces(f.interfaces));
  TF_RETURN_IF_ERROR(CheckPublicConfig(f.public_config));
  TF_RETURN_IF_ERROR(CheckAgentEndpoint(f.agent_endpoint));
  return CheckSerial(f.serial);
}

// Canonical text of an address or CIDR that CheckFields accepted.
std::string CanonicalIp(const std::string& text) {
  if (text.find('/') != std::string::npos) return chain::ParseCidr(text).value().ToString();
  return chain::ParseIpAddress(text).value().ToString();
}

std::string LowerAscii(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

chain::IpConfig CanonicalIpConfig(const chain::IpConfig& config) {
  return {CanonicalIp(config.ip), CanonicalIp(config.gw)};
}

// Copies checked fields into `node`, with addresses, MACs and the domain in canonical
// (lower-case) form, so that queries compare like with like.
void StoreFields(const NodeFields& f, NodeRecord* node) {
  node->resources = f.resources;
  node->location = f.location;
  node->interfaces.clear();
  for (const chain::NodeInterface& nic : f.interfaces) {
    chain::NodeInterface stored{nic.name, LowerAscii(nic.mac), {}};
    for (const std::string& ip : nic.ips) stored.ips.push_back(CanonicalIp(ip));
    node->interfaces.push_back(std::move(stored));
  }
  node->public_config.reset();
  if (f.public_config) {
    chain::PublicConfig config;
    config.ip4 = CanonicalIpConfig(f.public_config->ip4);
    if (f.public_config->ip6) config.ip6 = CanonicalIpConfig(*f.public_config->ip6);
    if (f.public_config->domain) config.domain = LowerAscii(*f.public_config->domain);
    node->public_config = std::move(config);
  }
  node->agent_endpoint = f.agent_endpoint;
  node->virtualized = f.virtualized;
  node->serial = f.serial;
}

bool Below(const chain::Resources& a, const chain::Resources& b) {
  return a.cru < b.cru || a.mru < b.mru || a.sru < b.sru || a.hru < b.hru;
}

}  // namespace

Status Directory::NodeCreate(StateOverlay& state, uint64_t /*height*/, uint64_t time_ms, const AccountId& signer,
                             const chain::NodeCreateCall& call, std::vector<chain::Event>* events) const {
  TF_ASSIGN_OR_RETURN(TwinRecord twin, directory_internal::RequireTwin(state, signer));
  TF_ASSIGN_OR_RETURN(std::optional<NodeId> existing, DirectoryState::GetNodeIdByAccount(state, signer));
  if (existing) {
    return Invalid("node-exists", chain::ToSs58(signer) + " already registered node " + std::to_string(*existing));
  }
  TF_ASSIGN_OR_RETURN(FarmRecord farm, directory_internal::RequireFarm(state, call.farm_id));
  const NodeFields fields{call.resources,      call.location,    call.interfaces, call.public_config,
                          call.agent_endpoint, call.virtualized, call.serial};
  TF_RETURN_IF_ERROR(CheckFields(fields));
  TF_ASSIGN_OR_RETURN(chain::GridParams grid, PolicyState::GetGridParams(state));
  TF_ASSIGN_OR_RETURN(DirectoryCounters counters, DirectoryState::GetCounters(state));
  TF_ASSIGN_OR_RETURN(NodeId id, directory_internal::TakeId(&counters.next_node_id, "node"));
  NodeRecord node;
  node.id = id;
  node.farm_id = farm.id;
  node.twin_id = twin.id;
  node.account = signer;
  StoreFields(fields, &node);
  node.connection_price_musd = grid.tft_price_musd;
  node.created_ms = time_ms;
  node.updated_ms = time_ms;
  DirectoryState::PutNode(state, node);
  DirectoryState::PutNodeIdByAccount(state, signer, id);
  DirectoryState::PutCounters(state, counters);
  events->push_back(chain::NodeCreatedEvent{id, farm.id, twin.id, node.resources});
  return Status::Ok();
}

Status Directory::NodeUpdate(StateOverlay& state, uint64_t /*height*/, uint64_t time_ms, const AccountId& signer,
                             const chain::NodeUpdateCall& call, std::vector<chain::Event>* events) const {
  TF_ASSIGN_OR_RETURN(NodeRecord node, directory_internal::RequireNode(state, call.node_id));
  if (node.account != signer) {
    return Invalid("not-node-account", "node " + std::to_string(node.id) + " is registered by " +
                                           chain::ToSs58(node.account) + ", not " + chain::ToSs58(signer));
  }
  const NodeFields fields{call.resources,      call.location,    call.interfaces, call.public_config,
                          call.agent_endpoint, call.virtualized, call.serial};
  TF_RETURN_IF_ERROR(CheckFields(fields));
  if (Below(call.resources, node.reserved)) {
    return Invalid("resources-below-reserved",
                   "contracts on node " + std::to_string(node.id) + " reserve more than the new capacity");
  }
  StoreFields(fields, &node);
  node.updated_ms = time_ms;
  DirectoryState::PutNode(state, node);
  events->push_back(chain::NodeUpdatedEvent{node.id});
  return Status::Ok();
}

Status Directory::NodeDelete(StateOverlay& state, uint64_t /*height*/, uint64_t /*time_ms*/, const AccountId& signer,
                             const chain::NodeDeleteCall& call, std::vector<chain::Event>* events) const {
  TF_ASSIGN_OR_RETURN(NodeRecord node, directory_internal::RequireNode(state, call.node_id));
  if (node.account != signer) {
    TF_ASSIGN_OR_RETURN(FarmRecord farm, directory_internal::FarmOfNode(state, node));
    TF_ASSIGN_OR_RETURN(bool owner, directory_internal::IsFarmOwner(state, signer, farm));
    if (!owner) {
      return Invalid("not-node-owner", chain::ToSs58(signer) + " is neither node " + std::to_string(node.id) +
                                           "'s account nor the owner of farm " + std::to_string(farm.id));
    }
  }
  TF_ASSIGN_OR_RETURN(NodeContracts live, MarketState::GetNodeContracts(state, node.id));
  if (node.reserved != chain::Resources{} || !live.node_contracts.empty() || live.rent_contract_id != 0) {
    return Invalid("node-has-contracts", "node " + std::to_string(node.id) + " still has live contracts");
  }
  DirectoryState::DeleteNode(state, node.id);
  DirectoryState::DeleteNodeIdByAccount(state, node.account);
  events->push_back(chain::NodeDeletedEvent{node.id});
  return Status::Ok();
}

Status Directory::NodeSetPowerTarget(StateOverlay& state, uint64_t /*height*/, uint64_t /*time_ms*/,
                                     const AccountId& signer, const chain::NodeSetPowerTargetCall& call,
                                     std::vector<chain::Event>* events) const {
  TF_ASSIGN_OR_RETURN(NodeRecord node, directory_internal::RequireNode(state, call.node_id));
  TF_ASSIGN_OR_RETURN(FarmRecord farm, directory_internal::FarmOfNode(state, node));
  TF_ASSIGN_OR_RETURN(bool owner, directory_internal::IsFarmOwner(state, signer, farm));
  if (!owner) {
    return Invalid("not-farm-owner", chain::ToSs58(signer) + " does not own farm " + std::to_string(farm.id) +
                                         " of node " + std::to_string(node.id));
  }
  node.power_target = call.target;
  DirectoryState::PutNode(state, node);
  events->push_back(chain::NodePowerTargetSetEvent{node.id, call.target});
  return Status::Ok();
}

Status Directory::NodeReportPowerState(StateOverlay& state, uint64_t /*height*/, uint64_t /*time_ms*/,
                                       const AccountId& signer, const chain::NodeReportPowerStateCall& call,
                                       std::vector<chain::Event>* events) const {
  TF_ASSIGN_OR_RETURN(std::optional<NodeRecord> node, DirectoryState::GetNodeByAccount(state, signer));
  if (!node) return Invalid("no-node", chain::ToSs58(signer) + " has registered no node");
  node->power_state = call.state;
  DirectoryState::PutNode(state, *node);
  events->push_back(chain::NodePowerStateReportedEvent{node->id, call.state});
  return Status::Ok();
}

Status Directory::NodeSetCertification(StateOverlay& state, uint64_t /*height*/, uint64_t /*time_ms*/,
                                       const AccountId& signer, const chain::NodeSetCertificationCall& call,
                                       std::vector<chain::Event>* events) const {
  TF_RETURN_IF_ERROR(directory_internal::RequireCertifier(state, signer));
  TF_ASSIGN_OR_RETURN(NodeRecord node, directory_internal::RequireNode(state, call.node_id));
  node.certification = call.certification;
  DirectoryState::PutNode(state, node);
  events->push_back(chain::NodeCertificationSetEvent{node.id, call.certification});
  return Status::Ok();
}

}  // namespace tfchain::contracts

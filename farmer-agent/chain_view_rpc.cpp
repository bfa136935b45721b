// RpcChainView: the deployment API's view of contracts and twins over JSON-RPC.
#include "farmer-agent/chain_view_rpc.h"

#include <limits>
#include <map>
#include <string>
#include <vector>
#include <nlohmann/json.hpp>

#include "chain/grid_json.h"
#include "chain/json.h"

namespace tfchain::agent {
namespace {

using nlohmann::json;

Status BadResponse(std::string_view field, std::string_view what) {
  return Status::Internal("bad-rpc-response", "contract_get." + std::string(field) + ": " + std::string(what));
}

Result<uint64_t> UintField(const json& v, std::string_view key, uint64_t max) {
  auto it = v.find(key);
  const bool non_negative =
      it != v.end() && (it->is_number_unsigned() || (it->is_number_integer() && it->get<int64_t>() >= 0));
  if (!non_negative || it->get<uint64_t>() > max) {
    return BadResponse(key, "expected an integer up to " + std::to_string(max));
  }
  return it->get<uint64_t>();
}

}  // namespace

Result<ContractInfo> ContractInfoFromJson(const json& value) {
  if (!value.is_object()) return BadResponse("", "not an object");
  ContractInfo c;
  TF_ASSIGN_OR_RETURN(c.contract_id, UintField(value, "contract_id", std::numeric_limits<uint64_t>::max()));
  TF_ASSIGN_OR_RETURN(uint64_t twin, UintField(value, "twin_id", std::numeric_limits<uint32_t>::max()));
  c.twin_id = static_cast<chain::TwinId>(twin);
  auto node = value.find("node_id");
  if (node != value.end() && !node->is_null()) {
    TF_ASSIGN_OR_RETURN(uint64_t n, UintField(value, "node_id", std::numeric_limits<uint32_t>::max()));
    c.node_id = static_cast<chain::NodeId>(n);
  }
  auto state = value.find("state");
  if (state == value.end() || !state->is_string()) return BadResponse("state", "missing");
  auto parsed_state = chain::ParseContractState(state->get<std::string>());
  if (!parsed_state) return BadResponse("state", "unknown state");
  c.state = *parsed_state;
  auto hash = chain::HashFromJson(value.value("deployment_hash", json()));
  if (!hash.ok()) return BadResponse("deployment_hash", hash.status().ToString());
  c.deployment_hash = *hash;
  auto resources = chain::ResourcesFromJson(value.value("resources", json()));
  if (!resources.ok()) return BadResponse("resources", resources.status().ToString());
  c.resources = *resources;
  auto ack = value.find("ack");
  if (ack != value.end() && !ack->is_null()) {
    if (!ack->is_string()) return BadResponse("ack", "not a string");
    c.ack_pending = *ack == "pending";
  }
  auto ips = value.find("ips");
  if (ips != value.end()) {
    if (!ips->is_array()) return BadResponse("ips", "not an array");
    for (const json& ip : *ips) {
      if (!ip.is_string()) return BadResponse("ips", "not a string");
      c.ips.push_back(ip.get<std::string>());
    }
  }
  return c;
}

Status FillGatewaysFromFarm(const json& farm, std::vector<ContractInfo>* contracts) {
  auto bad = [](std::string_view what) {
    return Status::Internal("bad-rpc-response", "grid_getFarm.public_ips: " + std::string(what));
  };
  if (!farm.is_object()) return bad("not an object");
  auto list = farm.find("public_ips");
  if (list == farm.end() || !list->is_array()) return bad("missing");
  std::map<std::string, std::string> gateway_of;  // farm ip (cidr) -> gateway
  for (const json& entry : *list) {
    if (!entry.is_object() || !entry.value("ip", json()).is_string() || !entry.value("gateway", json()).is_string()) {
      return bad("expected {ip, gateway} strings");
    }
    gateway_of[entry["ip"].get<std::string>()] = entry["gateway"].get<std::string>();
  }
  for (ContractInfo& c : *contracts) {
    if (c.ips.empty()) continue;
    c.gateways.clear();
    for (const std::string& ip : c.ips) {
      auto it = gateway_of.find(ip);
      c.gateways.push_back(it == gateway_of.end() ? std::string() : it->second);
    }
  }
  return Status::Ok();
}

RpcChainView::RpcChainView(std::unique_ptr<ChainClient> client, chain::NodeId node_id)
    : client_(std::move(client)), node_id_(node_id) {}

Result<ContractInfo> RpcChainView::GetContract(chain::ContractId id) {
  std::lock_guard<std::mutex> lock(mu_);
  TF_ASSIGN_OR_RETURN(json result, client_->Call("contract_get", json{{"contract_id", id}}));
  return ContractInfoFromJson(result);
}

Result<chain::AccountId> RpcChainView::TwinAccount(chain::TwinId twin_id) {
  std::lock_guard<std::mutex> lock(mu_);
  TF_ASSIGN_OR_RETURN(json result, client_->Call("grid_getTwin", json{{"twin_id", twin_id}}));
  auto account = chain::AccountFromJson(result.is_object() ? result.value("account", json()) : json());
  if (!account.ok())
    return Status::Internal("bad-rpc-response", "grid_getTwin.account: " + account.status().ToString());
  return *account;
}

}  // namespace tfchain::agent

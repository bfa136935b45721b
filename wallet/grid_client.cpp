#include "wallet/grid_client.h"

#include <limits>

#include "chain/grid_json.h"
#include "wallet/json_reader.h"

namespace tfchain::wallet {
namespace {

using chain::Result;
using chain::Status;
using nlohmann::json;

JsonReader Reader(const json& value, std::string_view method) {
  return JsonReader(value, "bad-rpc-response", std::string(method));
}

// A directory id: a JSON integer 0..2^32-1.
Result<uint32_t> U32(const JsonReader& r, std::string_view key) {
  TF_ASSIGN_OR_RETURN(uint64_t value, r.U64(key));
  if (value > std::numeric_limits<uint32_t>::max()) return r.Error("field '" + std::string(key) + "' is too large");
  return static_cast<uint32_t>(value);
}

// A member parsed by one of chain/grid_json.h's FromJson functions.
template <typename T>
Result<T> Typed(const JsonReader& r, std::string_view key, Result<T> (*from_json)(const json&)) {
  TF_ASSIGN_OR_RETURN(const json* field, r.Field(key));
  auto parsed = from_json(*field);
  if (!parsed.ok()) return r.Error("field '" + std::string(key) + "': " + parsed.status().ToString());
  return std::move(parsed).value();
}

// The array member `key`.
Result<const json*> Array(const JsonReader& r, std::string_view key) {
  TF_ASSIGN_OR_RETURN(const json* field, r.Field(key));
  if (!field->is_array()) return r.Error("field '" + std::string(key) + "' must be an array");
  return field;
}

Result<GridTwin> ParseTwin(const json& value, std::string_view method) {
  JsonReader r = Reader(value, method);
  TF_RETURN_IF_ERROR(r.ExpectObject());
  GridTwin out;
  TF_ASSIGN_OR_RETURN(out.twin_id, U32(r, "twin_id"));
  TF_ASSIGN_OR_RETURN(out.account, r.Account("account"));
  TF_ASSIGN_OR_RETURN(out.relay, r.String("relay"));
  TF_ASSIGN_OR_RETURN(out.public_key, r.Hex("public_key"));
  TF_ASSIGN_OR_RETURN(out.created_ms, r.U64("created_ms"));
  out.raw = value;
  return out;
}

Result<GridFarm> ParseFarm(const json& value, std::string_view method) {
  JsonReader r = Reader(value, method);
  TF_RETURN_IF_ERROR(r.ExpectObject());
  GridFarm out;
  TF_ASSIGN_OR_RETURN(out.farm_id, U32(r, "farm_id"));
  TF_ASSIGN_OR_RETURN(out.name, r.String("name"));
  TF_ASSIGN_OR_RETURN(out.twin_id, U32(r, "twin_id"));
  TF_ASSIGN_OR_RETURN(out.owner_account, r.Account("owner_account"));
  TF_ASSIGN_OR_RETURN(out.pricing_policy_id, U32(r, "pricing_policy_id"));
  TF_ASSIGN_OR_RETURN(out.certification, r.String("certification"));
  TF_ASSIGN_OR_RETURN(out.dedicated, r.Bool("dedicated"));
  TF_ASSIGN_OR_RETURN(const json* ips, Array(r, "public_ips"));
  for (const json& item : *ips) {
    JsonReader ip = r.Nested(item, "public_ips");
    TF_RETURN_IF_ERROR(ip.ExpectObject());
    GridFarmIp entry;
    TF_ASSIGN_OR_RETURN(entry.ip, ip.String("ip"));
    TF_ASSIGN_OR_RETURN(entry.gateway, ip.String("gateway"));
    TF_ASSIGN_OR_RETURN(entry.contract_id, ip.U64("contract_id"));
    out.public_ips.push_back(std::move(entry));
  }
  TF_ASSIGN_OR_RETURN(out.free_public_ips, r.U64("free_public_ips"));
  TF_ASSIGN_OR_RETURN(const json* nodes, Array(r, "node_ids"));
  for (const json& item : *nodes) {
    if (!item.is_number_unsigned() || item.get<uint64_t>() > std::numeric_limits<uint32_t>::max()) {
      return r.Error("field 'node_ids' must hold node ids");
    }
    out.node_ids.push_back(item.get<uint32_t>());
  }
  TF_ASSIGN_OR_RETURN(out.created_ms, r.U64("created_ms"));
  out.raw = value;
  return out;
}

Result<GridNode> ParseNode(const json& value, std::string_view method) {
  JsonReader r = Reader(value, method);
  TF_RETURN_IF_ERROR(r.ExpectObject());
  GridNode out;
  TF_ASSIGN_OR_RETURN(out.node_id, U32(r, "node_id"));
  TF_ASSIGN_OR_RETURN(out.farm_id, U32(r, "farm_id"));
  TF_ASSIGN_OR_RETURN(out.twin_id, U32(r, "twin_id"));
  TF_ASSIGN_OR_RETURN(out.account, r.Account("account"));
  TF_ASSIGN_OR_RETURN(out.resources, Typed(r, "resources", &chain::ResourcesFromJson));
  TF_ASSIGN_OR_RETURN(out.reserved, Typed(r, "reserved", &chain::ResourcesFromJson));
  TF_ASSIGN_OR_RETURN(out.free, Typed(r, "free", &chain::ResourcesFromJson));
  TF_ASSIGN_OR_RETURN(out.location, Typed(r, "location", &chain::LocationFromJson));
  TF_ASSIGN_OR_RETURN(const json* interfaces, Array(r, "interfaces"));
  for (const json& item : *interfaces) {
    auto parsed = chain::NodeInterfaceFromJson(item);
    if (!parsed.ok()) return r.Error("field 'interfaces': " + parsed.status().ToString());
    out.interfaces.push_back(std::move(parsed).value());
  }
  if (!r.IsNull("public_config")) {
    TF_ASSIGN_OR_RETURN(out.public_config, Typed(r, "public_config", &chain::PublicConfigFromJson));
  }
  TF_ASSIGN_OR_RETURN(out.agent_endpoint, r.String("agent_endpoint"));
  TF_ASSIGN_OR_RETURN(out.virtualized, r.Bool("virtualized"));
  if (!r.IsNull("serial")) {
    TF_ASSIGN_OR_RETURN(out.serial, r.String("serial"));
  }
  TF_ASSIGN_OR_RETURN(out.certification, r.String("certification"));
  TF_ASSIGN_OR_RETURN(out.power_target, r.String("power_target"));
  TF_ASSIGN_OR_RETURN(out.power_state, r.String("power_state"));
  TF_ASSIGN_OR_RETURN(out.status, r.String("status"));
  TF_ASSIGN_OR_RETURN(out.last_uptime_report_ms, r.U64("last_uptime_report_ms"));
  TF_ASSIGN_OR_RETURN(out.connection_price_musd, r.U64("connection_price_musd"));
  TF_ASSIGN_OR_RETURN(out.farming_policy_id, U32(r, "farming_policy_id"));
  TF_ASSIGN_OR_RETURN(out.created_ms, r.U64("created_ms"));
  TF_ASSIGN_OR_RETURN(out.updated_ms, r.U64("updated_ms"));
  TF_ASSIGN_OR_RETURN(out.farm_name, r.String("farm_name"));
  TF_ASSIGN_OR_RETURN(out.farm_certification, r.String("farm_certification"));
  TF_ASSIGN_OR_RETURN(out.dedicated, r.Bool("dedicated"));
  TF_ASSIGN_OR_RETURN(out.free_public_ips, r.U64("free_public_ips"));
  out.raw = value;
  return out;
}

Result<GridProposal> ParseProposal(const json& value, std::string_view method) {
  JsonReader r = Reader(value, method);
  TF_RETURN_IF_ERROR(r.ExpectObject());
  GridProposal out;
  TF_ASSIGN_OR_RETURN(out.id, U32(r, "id"));
  TF_ASSIGN_OR_RETURN(out.proposer, r.Account("proposer"));
  TF_ASSIGN_OR_RETURN(out.action, Typed(r, "action", &chain::GovActionFromJson));
  TF_ASSIGN_OR_RETURN(out.description, r.String("description"));
  TF_ASSIGN_OR_RETURN(out.created_height, r.U64("created_height"));
  TF_ASSIGN_OR_RETURN(out.end_height, r.U64("end_height"));
  TF_ASSIGN_OR_RETURN(out.status, r.String("status"));
  TF_ASSIGN_OR_RETURN(out.yes_power, r.Amount("yes_power"));
  TF_ASSIGN_OR_RETURN(out.no_power, r.Amount("no_power"));
  TF_ASSIGN_OR_RETURN(out.total_power, r.Amount("total_power"));
  TF_ASSIGN_OR_RETURN(out.result_reason, r.String("result_reason"));
  TF_ASSIGN_OR_RETURN(out.closed_height, r.U64("closed_height"));
  if (!r.IsNull("quorum_permill")) {
    TF_ASSIGN_OR_RETURN(out.quorum_permill, r.U64("quorum_permill"));
  }
  if (!r.IsNull("threshold_permill")) {
    TF_ASSIGN_OR_RETURN(out.threshold_permill, r.U64("threshold_permill"));
  }
  out.raw = value;
  return out;
}

// The members of a node query: {"filter"?: {...}, "sort", "offset", "limit"}.
json NodeQueryParams(const NodeListCommand& command) {
  json params = {{"sort", command.sort}, {"offset", command.page.offset}, {"limit", command.page.limit}};
  if (!command.find) return params;
  const NodeFilterOptions& f = command.filter;
  json filter = json::object();
  if (f.free_cru) filter["free_cru"] = *f.free_cru;
  if (f.free_mru) filter["free_mru"] = *f.free_mru;
  if (f.free_sru) filter["free_sru"] = *f.free_sru;
  if (f.free_hru) filter["free_hru"] = *f.free_hru;
  if (f.country) filter["country"] = *f.country;
  if (f.city) filter["city"] = *f.city;
  if (f.farm_id) filter["farm_id"] = *f.farm_id;
  if (f.certified) filter["certified"] = true;
  if (f.has_free_ip) filter["has_free_ip"] = true;
  if (f.dedicated) filter["dedicated"] = true;
  if (f.status) filter["status"] = *f.status;
  params["filter"] = filter;
  return params;
}

}  // namespace

Result<GridTwin> GridClient::GetTwin(chain::TwinId id) {
  TF_ASSIGN_OR_RETURN(json result, rpc_.Call("grid_getTwin", json{{"twin_id", id}}));
  TF_ASSIGN_OR_RETURN(GridTwin twin, ParseTwin(result, "grid_getTwin"));
  if (twin.twin_id != id) return Reader(result, "grid_getTwin").Error("answered for another twin");
  return twin;
}

Result<GridTwin> GridClient::GetTwinByAccount(const chain::AccountId& account) {
  TF_ASSIGN_OR_RETURN(json result, rpc_.Call("grid_getTwinByAccount", json{{"account", chain::ToSs58(account)}}));
  TF_ASSIGN_OR_RETURN(GridTwin twin, ParseTwin(result, "grid_getTwinByAccount"));
  if (twin.account != account) return Reader(result, "grid_getTwinByAccount").Error("answered for another account");
  return twin;
}

Result<GridFarm> GridClient::GetFarm(chain::FarmId id) {
  TF_ASSIGN_OR_RETURN(json result, rpc_.Call("grid_getFarm", json{{"farm_id", id}}));
  TF_ASSIGN_OR_RETURN(GridFarm farm, ParseFarm(result, "grid_getFarm"));
  if (farm.farm_id != id) return Reader(result, "grid_getFarm").Error("answered for another farm");
  return farm;
}

Result<GridFarm> GridClient::GetFarmByName(const std::string& name) {
  TF_ASSIGN_OR_RETURN(json result, rpc_.Call("grid_getFarm", json{{"name", name}}));
  return ParseFarm(result, "grid_getFarm");
}

Result<GridFarmPage> GridClient::ListFarms(const PageOptions& page) {
  TF_ASSIGN_OR_RETURN(json result, rpc_.Call("grid_listFarms", json{{"offset", page.offset}, {"limit", page.limit}}));
  JsonReader r = Reader(result, "grid_listFarms");
  GridFarmPage out;
  TF_ASSIGN_OR_RETURN(out.total, r.U64("total"));
  TF_ASSIGN_OR_RETURN(const json* farms, Array(r, "farms"));
  for (const json& item : *farms) {
    TF_ASSIGN_OR_RETURN(GridFarm farm, ParseFarm(item, "grid_listFarms"));
    out.farms.push_back(std::move(farm));
  }
  out.raw = std::move(result);
  return out;
}

Result<GridNode> GridClient::GetNode(chain::NodeId id) {
  TF_ASSIGN_OR_RETURN(json result, rpc_.Call("grid_getNode", json{{"node_id", id}}));
  TF_ASSIGN_OR_RETURN(GridNode node, ParseNode(result, "grid_getNode"));
  if (node.node_id != id) return Reader(result, "grid_getNode").Error("answered for another node");
  return node;
}

Result<GridNodePage> GridClient::ListNodes(const NodeListCommand& command) {
  const std::string_view method = command.find ? "grid_findNodes" : "grid_listNodes";
  TF_ASSIGN_OR_RETURN(json result, rpc_.Call(method, NodeQueryParams(command)));
  JsonReader r = Reader(result, method);
  GridNodePage out;
  TF_ASSIGN_OR_RETURN(out.total, r.U64("total"));
  TF_ASSIGN_OR_RETURN(const json* nodes, Array(r, "nodes"));
  for (const json& item : *nodes) {
    TF_ASSIGN_OR_RETURN(GridNode node, ParseNode(item, method));
    out.nodes.push_back(std::move(node));
  }
  out.raw = std::move(result);
  return out;
}

Result<GridRewards> GridClient::GetRewards(const FarmingRewardsCommand& query) {
  json params = json::object();
  if (query.node_id) params["node_id"] = *query.node_id;
  if (query.farm_id) params["farm_id"] = *query.farm_id;
  if (query.period) params["period"] = *query.period;
  params["offset"] = query.page.offset;
  params["limit"] = query.page.limit;
  TF_ASSIGN_OR_RETURN(json result, rpc_.Call("farming_getRewards", params));
  JsonReader r = Reader(result, "farming_getRewards");
  GridRewards out;
  TF_ASSIGN_OR_RETURN(const json* receipts, Array(r, "receipts"));
  for (const json& item : *receipts) {
    auto receipt = chain::FarmingReceiptFromJson(item);
    if (!receipt.ok()) return r.Error("field 'receipts': " + receipt.status().ToString());
    out.receipts.push_back(std::move(receipt).value());
  }
  TF_ASSIGN_OR_RETURN(out.count, r.U64("count"));
  TF_ASSIGN_OR_RETURN(out.total, r.Amount("total"));
  out.raw = std::move(result);
  return out;
}

Result<std::vector<GridProposal>> GridClient::ListProposals(const std::optional<std::string>& status) {
  json params = json::object();
  if (status) params["status"] = *status;
  TF_ASSIGN_OR_RETURN(json result, rpc_.Call("gov_listProposals", params));
  JsonReader r = Reader(result, "gov_listProposals");
  TF_ASSIGN_OR_RETURN(const json* proposals, Array(r, "proposals"));
  std::vector<GridProposal> out;
  for (const json& item : *proposals) {
    TF_ASSIGN_OR_RETURN(GridProposal proposal, ParseProposal(item, "gov_listProposals"));
    out.push_back(std::move(proposal));
  }
  return out;
}

Result<GridProposal> GridClient::GetProposal(chain::ProposalId id) {
  TF_ASSIGN_OR_RETURN(json result, rpc_.Call("gov_getProposal", json{{"id", id}}));
  TF_ASSIGN_OR_RETURN(GridProposal proposal, ParseProposal(result, "gov_getProposal"));
  if (proposal.id != id) return Reader(result, "gov_getProposal").Error("answered for another proposal");
  return proposal;
}

}  // namespace tfchain::wallet

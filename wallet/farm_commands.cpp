// farm create|add-ip|remove-ip|set-dedicated (transactions) | farm show ID|NAME | farm list
#include <ostream>

#include "chain/call.h"
#include "wallet/command_helpers.h"
#include "wallet/grid_client.h"
#include "wallet/grid_units.h"
#include "wallet/output.h"
#include "wallet/tx_sender.h"

namespace tfchain::wallet {

using chain::Result;
using chain::Status;

namespace {

std::string YesNo(bool value) { return value ? "yes" : "no"; }

std::string IpCount(const GridFarm& farm) {
  return std::to_string(farm.free_public_ips) + " free of " + std::to_string(farm.public_ips.size());
}

std::string NodeList(const std::vector<chain::NodeId>& ids) {
  if (ids.empty()) return "none";
  std::string out;
  for (chain::NodeId id : ids) out += (out.empty() ? "" : ", ") + std::to_string(id);
  return out;
}

OutgoingCall FarmCall(const FarmCommand& command) {
  using Action = FarmCommand::Action;
  OutgoingCall out;
  const std::string farm = std::to_string(command.farm_id);
  switch (command.action) {
    case Action::kCreate:
      out.call = chain::FarmCreateCall{command.name, command.pricing_policy_id};
      out.summary = {{"name", command.name}, {"pricing_policy_id", command.pricing_policy_id}};
      out.fields = {{"Farm name", command.name}, {"Pricing policy", std::to_string(command.pricing_policy_id)}};
      break;
    case Action::kAddIp:
      out.call = chain::FarmAddIpCall{command.farm_id, command.ip, command.gateway};
      out.summary = {{"farm_id", command.farm_id}, {"ip", command.ip}, {"gateway", command.gateway}};
      out.fields = {{"Farm", farm}, {"IP", command.ip}, {"Gateway", command.gateway}};
      break;
    case Action::kRemoveIp:
      out.call = chain::FarmRemoveIpCall{command.farm_id, command.ip};
      out.summary = {{"farm_id", command.farm_id}, {"ip", command.ip}};
      out.fields = {{"Farm", farm}, {"IP", command.ip}};
      break;
    case Action::kSetDedicated:
      out.call = chain::FarmSetDedicatedCall{command.farm_id, command.dedicated};
      out.summary = {{"farm_id", command.farm_id}, {"dedicated", command.dedicated}};
      out.fields = {{"Farm", farm}, {"Dedicated", YesNo(command.dedicated)}};
      break;
  }
  return out;
}

void PrintFarm(std::ostream& out, const GridFarm& farm) {
  PrintFields(out, {{"Farm", std::to_string(farm.farm_id)},
                    {"Name", farm.name},
                    {"Owner twin", std::to_string(farm.twin_id)},
                    {"Owner account", chain::ToSs58(farm.owner_account)},
                    {"Pricing policy", std::to_string(farm.pricing_policy_id)},
                    {"Certification", farm.certification},
                    {"Dedicated", YesNo(farm.dedicated)},
                    {"Public IPs", IpCount(farm)},
                    {"Nodes", NodeList(farm.node_ids)},
                    {"Created", FormatTimeMs(farm.created_ms)}});
  if (farm.public_ips.empty()) return;
  out << "\n";
  std::vector<std::vector<std::string>> rows;
  for (const GridFarmIp& ip : farm.public_ips) {
    rows.push_back({ip.ip, ip.gateway, ip.contract_id == 0 ? "free" : "contract " + std::to_string(ip.contract_id)});
  }
  PrintTable(out, {"IP", "GATEWAY", "USED BY"}, rows);
}

}  // namespace

Status RunFarm(const FarmCommand& command, const GlobalOptions& global, CommandContext& context) {
  TF_ASSIGN_OR_RETURN(chain::SecretKey key, ResolveSigner(command.tx.from, command.tx.scheme, global, context));
  return SignAndSend(command.tx, key, FarmCall(command), global, context);
}

Status RunFarmShow(const FarmShowCommand& command, const GlobalOptions& global, CommandContext& context) {
  TF_ASSIGN_OR_RETURN(std::unique_ptr<RpcClient> rpc, ConnectNode(global, context));
  GridClient grid(*rpc);
  Result<GridFarm> farm = command.farm_id ? grid.GetFarm(*command.farm_id) : grid.GetFarmByName(command.name);
  if (!farm.ok()) return farm.status();
  if (global.json) {
    PrintJson(context.out, farm->raw);
  } else {
    PrintFarm(context.out, *farm);
  }
  return Status::Ok();
}

Status RunFarmList(const FarmListCommand& command, const GlobalOptions& global, CommandContext& context) {
  TF_ASSIGN_OR_RETURN(std::unique_ptr<RpcClient> rpc, ConnectNode(global, context));
  GridClient grid(*rpc);
  TF_ASSIGN_OR_RETURN(GridFarmPage page, grid.ListFarms(command.page));
  if (global.json) {
    PrintJson(context.out, page.raw);
    return Status::Ok();
  }
  if (page.farms.empty()) {
    context.out << (page.total == 0 ? "No farms.\n"
                                    : "No farms from offset " + std::to_string(command.page.offset) + " (" +
                                          std::to_string(page.total) + " in all).\n");
    return Status::Ok();
  }
  std::vector<std::vector<std::string>> rows;
  for (const GridFarm& farm : page.farms) {
    rows.push_back({std::to_string(farm.farm_id), farm.name, std::to_string(farm.twin_id),
                    std::to_string(farm.pricing_policy_id), farm.certification, YesNo(farm.dedicated),
                    std::to_string(farm.free_public_ips) + "/" + std::to_string(farm.public_ips.size()),
                    std::to_string(farm.node_ids.size())});
  }
  PrintTable(context.out, {"ID", "NAME", "TWIN", "POLICY", "CERTIFICATION", "DEDICATED", "FREE IPS", "NODES"}, rows);
  const uint64_t last = command.page.offset + page.farms.size();
  if (command.page.offset > 0 || last < page.total) {
    context.out << "Farms " << command.page.offset + 1 << "-" << last << " of " << page.total << ".\n";
  }
  return Status::Ok();
}

}  // namespace tfchain::wallet

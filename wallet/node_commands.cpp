// node list | node find [filters] | node show ID | node power-target NODE_ID up|down
#include <ostream>

#include "chain/call.h"
#include "chain/grid_json.h"
#include "wallet/command_helpers.h"
#include "wallet/grid_client.h"
#include "wallet/grid_units.h"
#include "wallet/output.h"
#include "wallet/tx_sender.h"

namespace tfchain::wallet {

using chain::Status;

namespace {

std::string YesNo(bool value) { return value ? "yes" : "no"; }

std::string PlaceOf(const chain::Location& location) {
  if (location.city.empty()) return location.country;
  if (location.country.empty()) return location.city;
  return location.city + ", " + location.country;
}

std::string PublicConfigText(const std::optional<chain::PublicConfig>& config) {
  if (!config) return "none";
  std::string out = "ip4 " + config->ip4.ip + " gw " + config->ip4.gw;
  if (config->ip6) out += "; ip6 " + config->ip6->ip + " gw " + config->ip6->gw;
  if (config->domain) out += "; domain " + *config->domain;
  return out;
}

std::string LastReportText(uint64_t ms) { return ms == 0 ? "never" : FormatTimeMs(ms); }

// "80 mUSD per TFT (0.08 USD)".
std::string PriceText(uint64_t musd) { return std::to_string(musd) + " mUSD per TFT (" + FormatScaled(musd, 3) + " USD)"; }

std::vector<std::string> CapacityRow(const std::string& name, uint64_t total, uint64_t reserved, uint64_t free,
                                     bool bytes) {
  auto text = [bytes](uint64_t v) { return bytes ? FormatByteSize(v) : std::to_string(v); };
  return {name, text(total), text(reserved), text(free)};
}

void PrintNode(std::ostream& out, const GridNode& node) {
  Fields fields = {
      {"Node", std::to_string(node.node_id)},
      {"Farm", std::to_string(node.farm_id) + " (" + node.farm_name + ", " + node.farm_certification +
                   (node.dedicated ? ", dedicated" : "") + ", " + std::to_string(node.free_public_ips) +
                   (node.free_public_ips == 1 ? " free public IP)" : " free public IPs)")},
      {"Twin", std::to_string(node.twin_id)},
      {"Account", chain::ToSs58(node.account)},
      {"Status", node.status},
      {"Power", "target " + node.power_target + ", state " + node.power_state},
      {"Last uptime report", LastReportText(node.last_uptime_report_ms)},
      {"Certification", node.certification},
      {"Location", PlaceOf(node.location) + " (" + chain::MicroDegreesToString(node.location.latitude_micro) + ", " +
                       chain::MicroDegreesToString(node.location.longitude_micro) + ")"},
      {"Agent endpoint", node.agent_endpoint},
      {"Public config", PublicConfigText(node.public_config)},
      {"Virtualized", YesNo(node.virtualized)},
      {"Serial", node.serial.value_or("-")},
      {"Farming policy", node.farming_policy_id == 0 ? "none" : std::to_string(node.farming_policy_id)},
      {"Connection price", PriceText(node.connection_price_musd)},
      {"Created", FormatTimeMs(node.created_ms)},
      {"Updated", FormatTimeMs(node.updated_ms)},
  };
  PrintFields(out, fields);
  out << "\n";
  const chain::Resources& t = node.resources;
  const chain::Resources& r = node.reserved;
  const chain::Resources& f = node.free;
  PrintTable(out, {"CAPACITY", "TOTAL", "RESERVED", "FREE"},
             {CapacityRow("cores (cru)", t.cru, r.cru, f.cru, false),
              CapacityRow("memory (mru)", t.mru, r.mru, f.mru, true),
              CapacityRow("ssd (sru)", t.sru, r.sru, f.sru, true),
              CapacityRow("hdd (hru)", t.hru, r.hru, f.hru, true)});
  if (node.interfaces.empty()) return;
  out << "\n";
  std::vector<std::vector<std::string>> rows;
  for (const chain::NodeInterface& i : node.interfaces) {
    std::string ips;
    for (const std::string& ip : i.ips) ips += (ips.empty() ? "" : ", ") + ip;
    rows.push_back({i.name, i.mac, ips.empty() ? "-" : ips});
  }
  PrintTable(out, {"INTERFACE", "MAC", "IPS"}, rows);
}

}  // namespace

Status RunNodeList(const NodeListCommand& command, const GlobalOptions& global, CommandContext& context) {
  TF_ASSIGN_OR_RETURN(std::unique_ptr<RpcClient> rpc, ConnectNode(global, context));
  GridClient grid(*rpc);
  TF_ASSIGN_OR_RETURN(GridNodePage page, grid.ListNodes(command));
  if (global.json) {
    PrintJson(context.out, page.raw);
    return Status::Ok();
  }
  if (page.nodes.empty()) {
    if (page.total == 0) {
      context.out << (command.find ? "No nodes match.\n" : "No nodes.\n");
    } else {
      context.out << "No nodes from offset " << command.page.offset << " (" << page.total << " in all).\n";
    }
    return Status::Ok();
  }
  std::vector<std::vector<std::string>> rows;
  for (const GridNode& n : page.nodes) {
    rows.push_back({std::to_string(n.node_id), std::to_string(n.farm_id), n.status, PlaceOf(n.location),
                    std::to_string(n.free.cru), FormatByteSize(n.free.mru), FormatByteSize(n.free.sru),
                    FormatByteSize(n.free.hru), n.certification, std::to_string(n.free_public_ips)});
  }
  PrintTable(context.out,
             {"NODE", "FARM", "STATUS", "LOCATION", "FREE CRU", "FREE MRU", "FREE SRU", "FREE HRU", "CERTIFICATION",
              "FREE IPS"},
             rows);
  const uint64_t last = command.page.offset + page.nodes.size();
  if (command.page.offset > 0 || last < page.total) {
    context.out << "Nodes " << command.page.offset + 1 << "-" << last << " of " << page.total;
    if (last < page.total) context.out << " (--offset " << last << " for more)";
    context.out << ".\n";
  }
  return Status::Ok();
}

Status RunNodeShow(const NodeShowCommand& command, const GlobalOptions& global, CommandContext& context) {
  TF_ASSIGN_OR_RETURN(std::unique_ptr<RpcClient> rpc, ConnectNode(global, context));
  GridClient grid(*rpc);
  TF_ASSIGN_OR_RETURN(GridNode node, grid.GetNode(command.node_id));
  if (global.json) {
    PrintJson(context.out, node.raw);
  } else {
    PrintNode(context.out, node);
  }
  return Status::Ok();
}

Status RunNodePowerTarget(const NodePowerTargetCommand& command, const GlobalOptions& global,
                          CommandContext& context) {
  TF_ASSIGN_OR_RETURN(chain::SecretKey key, ResolveSigner(command.tx.from, command.tx.scheme, global, context));
  OutgoingCall out;
  out.call = chain::NodeSetPowerTargetCall{command.node_id, command.target};
  const std::string target(chain::PowerStateName(command.target));
  out.summary = {{"node_id", command.node_id}, {"target", target}};
  out.fields = {{"Node", std::to_string(command.node_id)}, {"Power target", target}};
  return SignAndSend(command.tx, key, out, global, context);
}

}  // namespace tfchain::wallet

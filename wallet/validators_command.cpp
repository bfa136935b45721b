// validators | validators show ADDRESS|NAME
#include <algorithm>
#include <ostream>

#include "wallet/amount.h"
#include "wallet/command_helpers.h"
#include "wallet/output.h"

namespace tfchain::wallet {

using chain::Status;

namespace {

// "5FA9nQ...N9TTpu": enough of an address to tell keys apart in a table.
std::string ShortAddress(const chain::AccountId& account) {
  const std::string full = chain::ToSs58(account);
  constexpr size_t kKeep = 6;
  if (full.size() <= 2 * kKeep + 3) return full;
  return full.substr(0, kKeep) + "..." + full.substr(full.size() - kKeep);
}

std::string MissedText(const NodeValidator& v) {
  return std::to_string(v.missed_blocks) + "/" + std::to_string(v.window_blocks);
}

}  // namespace

Status RunValidators(const ValidatorsCommand&, const GlobalOptions& global, CommandContext& context) {
  TF_ASSIGN_OR_RETURN(std::unique_ptr<RpcClient> rpc, ConnectNode(global, context));
  NodeClient node(*rpc);
  TF_ASSIGN_OR_RETURN(std::vector<NodeValidator> validators, node.GetValidators());
  if (global.json) {
    nlohmann::json doc = nlohmann::json::array();
    for (const NodeValidator& v : validators) doc.push_back(v.raw);
    PrintJson(context.out, doc);
    return Status::Ok();
  }
  if (validators.empty()) {
    context.out << "No validators.\n";
    return Status::Ok();
  }
  // Largest stake first; the node's order (by operator) breaks ties.
  std::stable_sort(validators.begin(), validators.end(),
                   [](const NodeValidator& a, const NodeValidator& b) { return a.total_bonded > b.total_bonded; });
  std::vector<std::vector<std::string>> rows;
  for (const NodeValidator& v : validators) {
    rows.push_back({chain::ToSs58(v.operator_account), ShortAddress(v.consensus_key), v.status,
                    FormatTft(v.total_bonded), FormatPermillPercent(v.commission_permill), MissedText(v)});
  }
  PrintTable(context.out, {"OPERATOR", "CONSENSUS KEY", "STATUS", "STAKE (TFT)", "COMMISSION", "MISSED"}, rows);
  return Status::Ok();
}

Status RunValidatorShow(const ValidatorShowCommand& command, const GlobalOptions& global, CommandContext& context) {
  TF_ASSIGN_OR_RETURN(chain::AccountId target, ResolveAccount(command.target, global));
  TF_ASSIGN_OR_RETURN(std::unique_ptr<RpcClient> rpc, ConnectNode(global, context));
  NodeClient node(*rpc);
  TF_ASSIGN_OR_RETURN(NodeValidator v, node.GetValidator(target));
  if (global.json) {
    PrintJson(context.out, v.raw);
    return Status::Ok();
  }
  std::string commission = FormatPermillPercent(v.commission_permill);
  if (v.pending_commission) {
    commission += " (" + FormatPermillPercent(*v.pending_commission) + " from the next epoch end)";
  }
  Fields fields = {{"Operator", chain::ToSs58(v.operator_account)},
                   {"Consensus key", chain::ToSs58(v.consensus_key)},
                   {"Status", v.status},
                   {"Commission", commission},
                   {"Self bond", FormatTftWithSymbol(v.self_bond)},
                   {"Total bonded", FormatTftWithSymbol(v.total_bonded)},
                   {"Power now", FormatTftWithSymbol(v.power_current)},
                   {"Power next", FormatTftWithSymbol(v.power_next)},
                   {"Missed blocks",
                    std::to_string(v.missed_blocks) + " of the last " + std::to_string(v.window_blocks) + " recorded"}};
  if (v.tombstoned) fields.emplace_back("Tombstoned", "yes (double-signed; never a validator again)");
  if (v.jailed) fields.emplace_back("Jailed", "yes, may unjail from block " + std::to_string(v.jailed_until));
  PrintFields(context.out, fields);
  return Status::Ok();
}

}  // namespace tfchain::wallet

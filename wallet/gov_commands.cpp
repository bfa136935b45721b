// gov propose KIND ARG... | gov vote ID yes|no | gov list [--status S] | gov show ID
#include <fstream>
#include <istream>
#include <iterator>
#include <ostream>
#include <sstream>
#include <type_traits>

#include "chain/call.h"
#include "chain/grid_json.h"
#include "wallet/amount.h"
#include "wallet/command_helpers.h"
#include "wallet/grid_client.h"
#include "wallet/grid_units.h"
#include "wallet/output.h"
#include "wallet/tx_sender.h"

namespace tfchain::wallet {

using chain::Result;
using chain::Status;
using nlohmann::json;

namespace {

Status BadFile(const std::string& file, std::string_view why) {
  return Status::InvalidArgument("bad-proposal-file", (file == "-" ? std::string("stdin") : "'" + file + "'") + " " +
                                                          std::string(why));
}

// The JSON document in `file` ("-": stdin).
Result<json> ReadJsonFile(const std::string& file, CommandContext& context) {
  std::string text;
  if (file == "-") {
    text.assign(std::istreambuf_iterator<char>(context.in), std::istreambuf_iterator<char>());
  } else {
    std::ifstream in(file, std::ios::binary);
    if (!in) return BadFile(file, "cannot be read");
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (in.bad()) return BadFile(file, "cannot be read");
    text = buffer.str();
  }
  json doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return BadFile(file, "is not valid JSON");
  return doc;
}

// The action of a FILE kind: the file's object parsed strictly (chain/grid_json.h).
Result<chain::GovAction> ActionFromFile(const GovProposeCommand& command, CommandContext& context) {
  TF_ASSIGN_OR_RETURN(json doc, ReadJsonFile(command.file, context));
  auto checked = [&](auto parsed) -> Result<chain::GovAction> {
    if (!parsed.ok()) return parsed.status().WithContext(command.file == "-" ? "stdin" : "'" + command.file + "'");
    if constexpr (std::is_same_v<std::decay_t<decltype(*parsed)>, chain::PricingPolicy>) {
      return chain::GovAction(chain::SetPricingPolicyAction{*parsed});
    } else if constexpr (std::is_same_v<std::decay_t<decltype(*parsed)>, chain::FarmingPolicy>) {
      return chain::GovAction(chain::SetFarmingPolicyAction{*parsed});
    } else if constexpr (std::is_same_v<std::decay_t<decltype(*parsed)>, chain::GridParams>) {
      return chain::GovAction(chain::SetGridParamsAction{*parsed});
    } else {
      return chain::GovAction(chain::SetGovernanceParamsAction{*parsed});
    }
  };
  if (command.kind == "set-pricing-policy") return checked(chain::PricingPolicyFromJson(doc));
  if (command.kind == "set-farming-policy") return checked(chain::FarmingPolicyFromJson(doc));
  if (command.kind == "set-grid-params") return checked(chain::GridParamsFromJson(doc));
  return checked(chain::GovernanceParamsFromJson(doc));
}

Result<chain::GovAction> BuildAction(const GovProposeCommand& command, const GlobalOptions& global,
                                     CommandContext& context) {
  if (command.kind == "set-tft-price") return chain::GovAction(chain::SetTftPriceAction{command.tft_price_musd});
  if (command.kind == "set-certifier") {
    TF_ASSIGN_OR_RETURN(chain::AccountId account, ResolveAccount(command.certifier, global));
    return chain::GovAction(chain::SetCertifierAction{account, command.member});
  }
  if (command.kind == "approve-solution-provider") {
    return chain::GovAction(chain::ApproveSolutionProviderAction{command.provider_id, command.approved});
  }
  return ActionFromFile(command, context);
}

// The action's values as "key=value ..." (a policy's or the parameters' fields).
std::string ActionValues(const chain::GovAction& action) {
  json doc = chain::ToJson(action);
  doc.erase("kind");
  for (const char* nested : {"policy", "params"}) {
    if (doc.contains(nested)) return FormatArgs(doc[nested]);
  }
  if (const auto* price = std::get_if<chain::SetTftPriceAction>(&action)) {
    return std::to_string(price->tft_price_musd) + " mUSD per TFT (" + FormatScaled(price->tft_price_musd, 3) +
           " USD)";
  }
  if (const auto* certifier = std::get_if<chain::SetCertifierAction>(&action)) {
    return std::string(certifier->member ? "add " : "remove ") + chain::ToSs58(certifier->account);
  }
  if (const auto* provider = std::get_if<chain::ApproveSolutionProviderAction>(&action)) {
    return std::string(provider->approved ? "approve" : "revoke") + " solution provider " +
           std::to_string(provider->provider_id);
  }
  return FormatArgs(doc);
}

// "1.5000000 (30%)": a power and its share of the total.
std::string PowerText(uint64_t power, uint64_t total) {
  std::string out = FormatTftWithSymbol(power);
  if (total != 0) {
    out += " (" + FormatPermillPercent(static_cast<uint64_t>(static_cast<unsigned __int128>(power) * 1'000'000 / total)) +
           ")";
  }
  return out;
}

void PrintProposal(std::ostream& out, const GridProposal& p) {
  Fields fields = {{"Proposal", std::to_string(p.id)},
                   {"Proposer", chain::ToSs58(p.proposer)},
                   {"Action", std::string(chain::GovActionName(p.action))},
                   {"Values", ActionValues(p.action)},
                   {"Description", p.description.empty() ? "-" : p.description},
                   {"Status", p.status + (p.result_reason.empty() ? "" : " (" + p.result_reason + ")")},
                   {"Yes", PowerText(p.yes_power, p.total_power)},
                   {"No", PowerText(p.no_power, p.total_power)},
                   {"Total power", FormatTftWithSymbol(p.total_power)},
                   {"Created", "block " + std::to_string(p.created_height)},
                   {"Voting ends", "block " + std::to_string(p.end_height)}};
  if (p.closed_height != 0) fields.emplace_back("Closed", "block " + std::to_string(p.closed_height));
  if (p.quorum_permill && p.threshold_permill) {
    fields.emplace_back("Rules", FormatPermillPercent(*p.quorum_permill) + " of the power must vote; passes with " +
                                     FormatPermillPercent(*p.threshold_permill) + " of the votes yes");
  }
  PrintFields(out, fields);
}

}  // namespace

Status RunGovPropose(const GovProposeCommand& command, const GlobalOptions& global, CommandContext& context) {
  // The action first, so that a bad file or address fails before any password prompt.
  TF_ASSIGN_OR_RETURN(chain::GovAction action, BuildAction(command, global, context));
  TF_ASSIGN_OR_RETURN(chain::SecretKey key, ResolveSigner(command.tx.from, command.tx.scheme, global, context));
  OutgoingCall out;
  out.call = chain::GovProposeCall{action, command.description};
  out.summary = {{"action", chain::ToJson(action)}, {"description", command.description}};
  out.fields = {{"Action", std::string(chain::GovActionName(action))}, {"Values", ActionValues(action)}};
  if (!command.description.empty()) out.fields.emplace_back("Description", command.description);
  return SignAndSend(command.tx, key, out, global, context);
}

Status RunGovVote(const GovVoteCommand& command, const GlobalOptions& global, CommandContext& context) {
  TF_ASSIGN_OR_RETURN(chain::SecretKey key, ResolveSigner(command.tx.from, command.tx.scheme, global, context));
  OutgoingCall out;
  out.call = chain::GovVoteCall{command.proposal_id, command.approve};
  out.summary = {{"proposal_id", command.proposal_id}, {"approve", command.approve}};
  out.fields = {{"Proposal", std::to_string(command.proposal_id)}, {"Vote", command.approve ? "yes" : "no"}};
  return SignAndSend(command.tx, key, out, global, context);
}

Status RunGovList(const GovListCommand& command, const GlobalOptions& global, CommandContext& context) {
  TF_ASSIGN_OR_RETURN(std::unique_ptr<RpcClient> rpc, ConnectNode(global, context));
  GridClient grid(*rpc);
  TF_ASSIGN_OR_RETURN(std::vector<GridProposal> proposals, grid.ListProposals(command.status));
  if (global.json) {
    json doc = json::array();
    for (const GridProposal& p : proposals) doc.push_back(p.raw);
    PrintJson(context.out, {{"proposals", doc}});
    return Status::Ok();
  }
  if (proposals.empty()) {
    context.out << (command.status ? "No " + *command.status + " proposals.\n" : std::string("No proposals.\n"));
    return Status::Ok();
  }
  std::vector<std::vector<std::string>> rows;
  for (const GridProposal& p : proposals) {
    rows.push_back({std::to_string(p.id), std::string(chain::GovActionName(p.action)), p.status,
                    FormatTft(p.yes_power), FormatTft(p.no_power), FormatTft(p.total_power),
                    std::to_string(p.end_height), p.result_reason.empty() ? "-" : p.result_reason});
  }
  PrintTable(context.out,
             {"ID", "ACTION", "STATUS", "YES (TFT)", "NO (TFT)", "POWER (TFT)", "ENDS AT", "RESULT"}, rows);
  return Status::Ok();
}

Status RunGovShow(const GovShowCommand& command, const GlobalOptions& global, CommandContext& context) {
  TF_ASSIGN_OR_RETURN(std::unique_ptr<RpcClient> rpc, ConnectNode(global, context));
  GridClient grid(*rpc);
  TF_ASSIGN_OR_RETURN(GridProposal proposal, grid.GetProposal(command.id));
  if (global.json) {
    PrintJson(context.out, proposal.raw);
  } else {
    PrintProposal(context.out, proposal);
  }
  return Status::Ok();
}

}  // namespace tfchain::wallet

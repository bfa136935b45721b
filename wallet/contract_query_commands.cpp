// contract list | show | bills, cost estimate, funded-until: the read-only marketplace
// commands (contract_* RPC methods; docs/wallet.md "Contracts").
#include <ostream>

#include "wallet/amount.h"
#include "wallet/command_helpers.h"
#include "wallet/contract_client.h"
#include "wallet/contract_output.h"
#include "wallet/grid_units.h"
#include "wallet/output.h"

namespace tfchain::wallet {

using chain::Result;
using chain::Status;

namespace {

// "Contracts 1-50 of 120 (--offset 50 for more)." when the page is not everything.
void PrintFooter(std::ostream& out, std::string_view what, const PageOptions& page, size_t shown, uint64_t total) {
  const uint64_t last = page.offset + shown;
  if (page.offset == 0 && last >= total) return;
  out << what << " " << page.offset + 1 << "-" << last << " of " << total;
  if (last < total) out << " (--offset " << last << " for more)";
  out << ".\n";
}

std::string PriceText(uint64_t musd) {
  return std::to_string(musd) + " mUSD per TFT (" + FormatScaled(musd, 3) + " USD)";
}

}  // namespace

Status RunContractList(const ContractListCommand& command, const GlobalOptions& global, CommandContext& context) {
  TF_ASSIGN_OR_RETURN(std::unique_ptr<RpcClient> rpc, ConnectNode(global, context));
  chain::TwinId twin = 0;
  if (!command.node_id) {
    TF_ASSIGN_OR_RETURN(twin, ResolveTwin(command.twin, global, *rpc));
  }
  ContractClient contracts(*rpc);
  TF_ASSIGN_OR_RETURN(MarketContractPage page, contracts.ListContracts(command, twin));
  if (global.json) {
    PrintJson(context.out, page.raw);
    return Status::Ok();
  }
  if (page.contracts.empty()) {
    const std::string live = command.include_deleted ? "" : " live";
    if (page.total == 0) {
      context.out << "No" << live << " contracts"
                  << (command.node_id ? " on node " + std::to_string(*command.node_id)
                                      : " of twin " + std::to_string(twin))
                  << (command.include_deleted ? "" : " (--all shows deleted ones too)") << ".\n";
    } else {
      context.out << "No contracts from offset " << command.page.offset << " (" << page.total << " in all).\n";
    }
    return Status::Ok();
  }
  PrintContractTable(context.out, page.contracts);
  PrintFooter(context.out, "Contracts", command.page, page.contracts.size(), page.total);
  return Status::Ok();
}

Status RunContractShow(const ContractShowCommand& command, const GlobalOptions& global, CommandContext& context) {
  TF_ASSIGN_OR_RETURN(std::unique_ptr<RpcClient> rpc, ConnectNode(global, context));
  ContractClient contracts(*rpc);
  TF_ASSIGN_OR_RETURN(MarketContract contract, contracts.GetContract(command.contract_id));
  if (global.json) {
    PrintJson(context.out, contract.raw);
  } else {
    PrintContract(context.out, contract);
  }
  return Status::Ok();
}

Status RunContractBills(const ContractBillsCommand& command, const GlobalOptions& global, CommandContext& context) {
  TF_ASSIGN_OR_RETURN(std::unique_ptr<RpcClient> rpc, ConnectNode(global, context));
  ContractClient contracts(*rpc);
  TF_ASSIGN_OR_RETURN(MarketBillPage page, contracts.GetBills(command));
  if (global.json) {
    PrintJson(context.out, page.raw);
    return Status::Ok();
  }
  if (page.bills.empty()) {
    if (page.total == 0) {
      context.out << "No bills for contract " << command.contract_id << " yet.\n";
    } else {
      context.out << "No bills from offset " << command.page.offset << " (" << page.total << " in all).\n";
    }
    return Status::Ok();
  }
  PrintBillTable(context.out, page.bills);
  PrintFooter(context.out, "Bills", command.page, page.bills.size(), page.total);
  return Status::Ok();
}

Status RunCostEstimate(const CostEstimateCommand& command, const GlobalOptions& global, CommandContext& context) {
  TF_ASSIGN_OR_RETURN(std::unique_ptr<RpcClient> rpc, ConnectNode(global, context));
  std::optional<chain::TwinId> twin;
  if (command.twin.twin_id || command.twin.account) {
    TF_ASSIGN_OR_RETURN(twin, ResolveTwin(command.twin, global, *rpc));
  }
  ContractClient contracts(*rpc);
  TF_ASSIGN_OR_RETURN(MarketCostEstimate cost, contracts.EstimateCost(command, twin));
  if (global.json) {
    PrintJson(context.out, cost.raw);
    return Status::Ok();
  }
  Fields fields = {{"Kind", std::string(chain::ContractKindName(command.kind))}};
  if (command.node_id) fields.emplace_back("Node", std::to_string(*command.node_id));
  if (command.kind == chain::ContractKind::kNode) {
    fields.emplace_back("Resources", ResourcesText(command.resources));
    fields.emplace_back("Public IPs", std::to_string(command.public_ips));
  }
  fields.emplace_back("Cost per hour", MicroUsdText(cost.hourly_micro_usd) + " before discount");
  std::string discount = std::to_string(cost.discount_percent) + "%";
  if (!twin) discount += " (give --twin or --from for the twin's discount)";
  fields.emplace_back("Discount", discount);
  fields.emplace_back("Per hour", FormatTftWithSymbol(cost.per_hour));
  fields.emplace_back("Per month", FormatTftWithSymbol(cost.per_month) + " (720 hours)");
  fields.emplace_back("TFT price", PriceText(cost.tft_price_musd));
  PrintFields(context.out, fields);
  return Status::Ok();
}

Status RunFundedUntil(const FundedUntilCommand& command, const GlobalOptions& global, CommandContext& context) {
  TF_ASSIGN_OR_RETURN(std::unique_ptr<RpcClient> rpc, ConnectNode(global, context));
  TF_ASSIGN_OR_RETURN(chain::TwinId twin, ResolveTwin(command.twin, global, *rpc));
  ContractClient contracts(*rpc);
  TF_ASSIGN_OR_RETURN(MarketFundedUntil funded, contracts.FundedUntil(twin));
  if (global.json) {
    PrintJson(context.out, funded.raw);
    return Status::Ok();
  }
  PrintFields(context.out,
              {{"Twin", std::to_string(funded.twin_id)},
               {"Balance", FormatTftWithSymbol(funded.balance)},
               {"Cost per hour", FormatTftWithSymbol(funded.per_hour) + " without discount"},
               {"Funded until", funded.funded_until_ms ? FormatTimeMs(*funded.funded_until_ms)
                                                       : std::string("no cost (no live contracts to pay)")}});
  return Status::Ok();
}

}  // namespace tfchain::wallet

// farming rewards [--node ID] [--farm ID] [--period P]
#include <ostream>

#include "chain/account_id.h"
#include "wallet/amount.h"
#include "wallet/command_helpers.h"
#include "wallet/grid_client.h"
#include "wallet/grid_units.h"
#include "wallet/output.h"

namespace tfchain::wallet {

using chain::Status;

namespace {

using u128 = unsigned __int128;

// Measured uptime as a percent of the period, floored to 2 decimals: "99.5%".
std::string UptimeText(const chain::FarmingReceipt& r) {
  if (r.period_ms == 0) return "-";
  const auto hundredths = static_cast<uint64_t>(static_cast<u128>(r.uptime_ms) * 10'000 / r.period_ms);
  return FormatScaled(hundredths, 2) + "%";
}

// Why a receipt pays nothing (docs/farming.md), or "".
std::string ZeroReason(const chain::FarmingReceipt& r) {
  if (r.virtualized) return "virtualized";
  if (static_cast<u128>(r.uptime_ms) * 1'000'000 < static_cast<u128>(r.minimal_uptime_permill) * r.period_ms) {
    return "below minimal uptime " + FormatPermillPercent(r.minimal_uptime_permill);
  }
  return "";
}

}  // namespace

Status RunFarmingRewards(const FarmingRewardsCommand& command, const GlobalOptions& global, CommandContext& context) {
  TF_ASSIGN_OR_RETURN(std::unique_ptr<RpcClient> rpc, ConnectNode(global, context));
  GridClient grid(*rpc);
  TF_ASSIGN_OR_RETURN(GridRewards rewards, grid.GetRewards(command));
  if (global.json) {
    PrintJson(context.out, rewards.raw);
    return Status::Ok();
  }
  if (rewards.receipts.empty()) {
    context.out << (rewards.count == 0 ? std::string("No farming receipts.\n")
                                       : "No receipts from offset " + std::to_string(command.page.offset) + " (" +
                                             std::to_string(rewards.count) + " in all).\n");
    return Status::Ok();
  }
  std::vector<std::vector<std::string>> rows;
  for (const chain::FarmingReceipt& r : rewards.receipts) {
    rows.push_back({std::to_string(r.period), std::to_string(r.node_id), std::to_string(r.farm_id),
                    std::to_string(r.policy_id), UptimeText(r), FormatScaled(r.cu_micro, 6),
                    FormatScaled(r.su_micro, 6), FormatScaled(r.reward_nusd, 9), FormatTft(r.amount), ZeroReason(r)});
  }
  PrintTable(context.out,
             {"PERIOD", "NODE", "FARM", "POLICY", "UPTIME", "CU", "SU", "REWARD (USD)", "AMOUNT (TFT)", "NOTE"}, rows);
  const uint64_t last = command.page.offset + rewards.receipts.size();
  if (command.page.offset > 0 || last < rewards.count) {
    context.out << "Receipts " << command.page.offset + 1 << "-" << last << " of " << rewards.count;
    if (last < rewards.count) context.out << " (--offset " << last << " for more)";
    context.out << ".\n";
  }
  context.out << "Total minted: " << FormatTftWithSymbol(rewards.total) << " in " << rewards.count
              << (rewards.count == 1 ? " receipt" : " receipts") << "\n";
  return Status::Ok();
}

}  // namespace tfchain::wallet

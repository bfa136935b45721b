// Farming rewards: farming units, the reward formula and the settlement of farming
// periods. Rules in farming.h and docs/farming.md.
#include <algorithm>
#include <map>
#include <utility>

#include "contracts/balances.h"
#include "contracts/farming.h"
#include "contracts/policy_state.h"

namespace tfchain::contracts {
namespace {

using u128 = unsigned __int128;

constexpr uint64_t kGiB = uint64_t{1} << 30;
constexpr uint64_t kMicro = 1'000'000;
constexpr uint64_t kMonthMs = 30ull * 24 * 3600 * 1000;

uint64_t Saturate(u128 v) { return v > UINT64_MAX ? UINT64_MAX : static_cast<uint64_t>(v); }

// floor(a · b / c) for c > 0, saturating at UINT64_MAX, without overflowing u128.
uint64_t MulDivSaturating(u128 a, uint64_t b, uint64_t c) {
  const u128 q = a / c;
  const u128 r = a % c;  // r · b < c · 2^64 <= 2^128
  if (q != 0 && b > UINT64_MAX / q) return UINT64_MAX;
  return Saturate(q * b + r * b / c);
}

}  // namespace

FarmingUnits ComputeFarmingUnits(const chain::Resources& r) {
  const u128 by_cores = static_cast<u128>(r.cru) * 2 * kMicro;
  const u128 by_memory = r.mru > kGiB ? static_cast<u128>(r.mru - kGiB) * kMicro / (4 * static_cast<u128>(kGiB)) : 0;
  const u128 by_ssd = static_cast<u128>(r.sru) * kMicro / (50 * static_cast<u128>(kGiB));
  // hru/1200 + sru/250 = (5·hru + 24·sru) / 6000, in GiB.
  const u128 su =
      (static_cast<u128>(r.hru) * 5 + static_cast<u128>(r.sru) * 24) * kMicro / (6000 * static_cast<u128>(kGiB));
  return FarmingUnits{Saturate(std::min({by_cores, by_memory, by_ssd})), Saturate(su)};
}

chain::FarmingReceipt ComputeReward(chain::FarmingReceipt r) {
  r.reward_nusd = 0;
  r.amount = 0;
  if (r.virtualized) return r;
  if (static_cast<u128>(r.uptime_ms) * kMicro < static_cast<u128>(r.minimal_uptime_permill) * r.period_ms) return r;
  // Units × 10^6 times mUSD per unit-month is nUSD per month.
  const u128 cu = static_cast<u128>(r.cu_micro) * r.cu_rate;
  const u128 su = static_cast<u128>(r.su_micro) * r.su_rate;
  const u128 monthly = cu > ~u128{0} - su ? ~u128{0} : cu + su;
  const uint64_t capacity = MulDivSaturating(monthly, r.uptime_ms, kMonthMs);
  // ip_ms · ipv4 (mUSD per IP-hour) · 10^6 / 3,600,000 = ip_ms · ipv4 · 5 / 18.
  const uint64_t ip = MulDivSaturating(static_cast<u128>(r.ip_ms) * r.ipv4_rate, 5, 18);
  r.reward_nusd = capacity > UINT64_MAX - ip ? UINT64_MAX : capacity + ip;
  // 1 TFT = connection_price_musd · 10^6 nUSD = 10^7 base units.
  if (r.connection_price_musd > 0) r.amount = Saturate(static_cast<u128>(r.reward_nusd) * 10 / r.connection_price_musd);
  return r;
}

namespace {

// Settles nodes of one period, caching what many nodes share (farms, their payees,
// the applicable policies) for the duration of one EndBlock.
class Settler {
 public:
  Settler(StateOverlay& state, const chain::GridParams& grid, const PeriodSchedule& schedule,
          std::vector<chain::Event>* events)
      : state_(state), grid_(grid), schedule_(schedule), events_(events) {}

  // Writes node `id`'s receipt for period `p` and mints its amount; adds to `totals`.
  Status SettleNode(uint64_t p, NodeId id, PeriodTotals& totals) {
    TF_ASSIGN_OR_RETURN(std::optional<NodeRecord> node, DirectoryState::GetNode(state_, id));
    TF_ASSIGN_OR_RETURN(std::optional<NodeUptime> uptime, FarmingState::GetNodeUptime(state_, id));
    if (!node) {  // deleted (or never created): nothing to pay, and its record is garbage
      if (uptime) FarmingState::DeleteNodeUptime(state_, id);
      return Status::Ok();
    }
    const uint64_t period_end = schedule_.PeriodEnd(p);
    if (node->created_ms >= period_end) return Status::Ok();

    chain::FarmingReceipt r;
    r.period = p;
    r.node_id = id;
    r.farm_id = node->farm_id;
    r.period_ms = period_end - schedule_.PeriodStart(p);
    if (uptime) {
      for (const PeriodUptime& e : uptime->periods) {
        if (e.period == p) {
          r.uptime_ms = e.uptime_ms;
          r.ip_ms = e.ip_ms;
        }
      }
      const size_t before = uptime->periods.size();
      std::erase_if(uptime->periods, [&](const PeriodUptime& e) { return e.period <= p; });
      if (uptime->periods.size() != before) FarmingState::PutNodeUptime(state_, id, *uptime);
    }
    TF_ASSIGN_OR_RETURN(const FarmInfo* farm, Farm(node->farm_id));
    r.account = farm->payee;
    TF_ASSIGN_OR_RETURN(const chain::FarmingPolicy* policy, Policy(*node, farm->record));
    if (policy != nullptr) {
      r.policy_id = policy->id;
      r.cu_rate = policy->cu;
      r.su_rate = policy->su;
      r.ipv4_rate = policy->ipv4;
      r.minimal_uptime_permill = policy->minimal_uptime_permill;
    }
    const FarmingUnits units = ComputeFarmingUnits(node->resources);
    r.cu_micro = units.cu_micro;
    r.su_micro = units.su_micro;
    r.connection_price_musd = node->connection_price_musd > 0 ? node->connection_price_musd : grid_.tft_price_musd;
    r.virtualized = node->virtualized;
    r = ComputeReward(std::move(r));
    if (r.amount > 0) {
      Status minted = Balances::Mint(state_, r.account, r.amount);
      if (minted.code() == Status::Code::kInvalidArgument) {
        r.amount = 0;  // "issuance-overflow": documented, nothing is minted
      } else {
        TF_RETURN_IF_ERROR(minted);
      }
    }
    FarmingState::PutReceipt(state_, r);
    totals.nodes += 1;
    totals.minted = totals.minted > UINT64_MAX - r.amount ? UINT64_MAX : totals.minted + r.amount;
    events_->push_back(chain::RewardMintedEvent{std::move(r)});
    return Status::Ok();
  }

 private:
  struct FarmInfo {
    FarmRecord record;
    AccountId payee;
  };

  Result<const FarmInfo*> Farm(FarmId id) {
    auto it = farms_.find(id);
    if (it != farms_.end()) return &it->second;
    TF_ASSIGN_OR_RETURN(std::optional<FarmRecord> farm, DirectoryState::GetFarm(state_, id));
    if (!farm) return Status::Corruption("state-corrupt", "a node names farm " + std::to_string(id) + ", absent");
    TF_ASSIGN_OR_RETURN(std::optional<TwinRecord> twin, DirectoryState::GetTwin(state_, farm->twin_id));
    if (!twin) {
      return Status::Corruption(
          "state-corrupt", "farm " + std::to_string(id) + " names twin " + std::to_string(farm->twin_id) + ", absent");
    }
    // Keep only what the policy choice needs: a farm may hold hundreds of IPs.
    farm->public_ips.clear();
    const AccountId payee = twin->account;
    return &farms_.emplace(id, FarmInfo{*std::move(farm), payee}).first->second;
  }

  // The applicable farming policy, or null when none qualifies (paid nothing).
  Result<const chain::FarmingPolicy*> Policy(const NodeRecord& node, const FarmRecord& farm) {
    const std::pair<NodeCertification, FarmCertification> key{node.certification, farm.certification};
    auto it = policies_.find(key);
    if (it == policies_.end()) {
      Result<chain::FarmingPolicy> found = FarmingPolicyFor(state_, node, farm);
      if (!found.ok() && found.status().code() != Status::Code::kNotFound) return found.status();
      it = policies_.emplace(key, found.ok() ? std::optional(*found) : std::nullopt).first;
    }
    return it->second ? &*it->second : nullptr;
  }

  StateOverlay& state_;
  const chain::GridParams& grid_;
  const PeriodSchedule& schedule_;
  std::vector<chain::Event>* events_;
  std::map<FarmId, FarmInfo> farms_;
  std::map<std::pair<NodeCertification, FarmCertification>, std::optional<chain::FarmingPolicy>> policies_;
};

}  // namespace

Status Farming::EndBlock(StateOverlay& state, [[maybe_unused]] uint64_t height, uint64_t time_ms,
                         std::vector<chain::Event>* events) const {
  TF_ASSIGN_OR_RETURN(chain::GridParams grid, PolicyState::GetGridParams(state));
  TF_ASSIGN_OR_RETURN(PeriodSchedule schedule, Schedule(state));
  TF_ASSIGN_OR_RETURN(SettlementCursor cursor, FarmingState::GetCursor(state));
  // No later report can credit period p once time_ms > end(p) + 2 intervals.
  const uint64_t lag = grid.uptime_interval_ms > UINT64_MAX / 2 ? UINT64_MAX : 2 * grid.uptime_interval_ms;
  const auto due = [&](uint64_t p) {
    const uint64_t end = schedule.PeriodEnd(p);
    return time_ms > end && time_ms - end > lag;
  };
  if (!due(cursor.period)) return Status::Ok();

  TF_ASSIGN_OR_RETURN(DirectoryCounters counters, DirectoryState::GetCounters(state));
  if (counters.next_node_id <= 1) {
    // No node was ever registered: skip to the first period that is not due. It is
    // the one containing time_ms - lag - 1 (its end is later; its start is not).
    cursor = SettlementCursor{std::max(cursor.period, schedule.PeriodOf(time_ms - lag - 1)), 1};
    FarmingState::PutCursor(state, cursor);
    return Status::Ok();
  }

  Settler settler(state, grid, schedule, events);
  uint64_t budget = grid.max_payouts_per_block;
  while (budget > 0 && due(cursor.period)) {
    TF_ASSIGN_OR_RETURN(PeriodTotals totals, FarmingState::GetPeriodTotals(state, cursor.period));
    while (budget > 0 && cursor.next_node_id < counters.next_node_id) {
      TF_RETURN_IF_ERROR(settler.SettleNode(cursor.period, cursor.next_node_id, totals));
      ++cursor.next_node_id;
      --budget;
    }
    FarmingState::PutPeriodTotals(state, cursor.period, totals);
    if (cursor.next_node_id < counters.next_node_id) break;  // out of budget
    events->push_back(chain::PeriodSettledEvent{cursor.period, totals.nodes, totals.minted});
    cursor = SettlementCursor{cursor.period + 1, 1};
    if (budget > 0) --budget;
  }
  FarmingState::PutCursor(state, cursor);
  return Status::Ok();
}

}  // namespace tfchain::contracts

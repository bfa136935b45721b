// Farming: uptime reports and public-IP credits (the settlement is in
// farming_rewards.cpp). Rules in farming.h and docs/farming.md.
#include "contracts/farming.h"

#include <algorithm>

#include "contracts/policy_state.h"

namespace tfchain::contracts {
namespace {

uint64_t SaturatingAdd(uint64_t a, uint64_t b) { return a > UINT64_MAX - b ? UINT64_MAX : a + b; }

uint64_t SaturatingMul(uint64_t a, uint64_t b) {
  const unsigned __int128 p = static_cast<unsigned __int128>(a) * b;
  return p > UINT64_MAX ? UINT64_MAX : static_cast<uint64_t>(p);
}

// Adds `amount_per_ms` × the milliseconds of [from, to) that fall in each farming
// period to that period's uptime (ip = false) or ip_ms (ip = true). Periods already
// settled for `node` are skipped; uptime never exceeds the period's length. Returns
// what was added.
uint64_t AddSpan(NodeUptime& uptime, const PeriodSchedule& schedule, const SettlementCursor& cursor, NodeId node,
                 uint64_t from, uint64_t to, uint64_t amount_per_ms, bool ip) {
  uint64_t added = 0;
  uint64_t p = schedule.PeriodOf(from);
  while (from < to) {
    const uint64_t start = std::max(from, schedule.PeriodStart(p));
    const uint64_t end = std::min(to, schedule.PeriodEnd(p));
    if (end <= from) break;  // saturated schedule arithmetic; cannot happen for real times
    if (end > start && !cursor.IsSettled(p, node)) {
      auto it = std::lower_bound(uptime.periods.begin(), uptime.periods.end(), p,
                                 [](const PeriodUptime& e, uint64_t q) { return e.period < q; });
      if (it == uptime.periods.end() || it->period != p) {
        if (uptime.periods.size() < kMaxUnsettledPeriods)
          it = uptime.periods.insert(it, PeriodUptime{p, 0, 0});
        else
          it = uptime.periods.end();  // documented: the credit is dropped
      }
      if (it != uptime.periods.end()) {
        const uint64_t ms = SaturatingMul(end - start, amount_per_ms);
        uint64_t& field = ip ? it->ip_ms : it->uptime_ms;
        const uint64_t before = field;
        field = SaturatingAdd(field, ms);
        if (!ip) field = std::min(field, schedule.PeriodLength(p));
        added = SaturatingAdd(added, field - before);
      }
    }
    from = end;
    ++p;
  }
  // Entries of periods settled meanwhile are not needed any more.
  std::erase_if(uptime.periods, [&](const PeriodUptime& e) { return cursor.IsSettled(e.period, node); });
  return added;
}

Status NoNode(const AccountId& signer) {
  return Status::InvalidArgument("no-node", "account " + chain::ToSs58(signer) + " registered no node");
}

}  // namespace

Result<PeriodSchedule> Farming::Schedule(const StateReader& state) const {
  return FarmingState::GetSchedule(state, genesis_time_ms_);
}

Status Farming::CheckUptimeReport(const StateReader& state, const AccountId& signer, uint64_t time_ms) {
  TF_ASSIGN_OR_RETURN(std::optional<NodeId> node, DirectoryState::GetNodeIdByAccount(state, signer));
  if (!node) return NoNode(signer);
  TF_ASSIGN_OR_RETURN(std::optional<NodeUptime> uptime, FarmingState::GetNodeUptime(state, *node));
  if (!uptime || uptime->report_count == 0) return Status::Ok();
  TF_ASSIGN_OR_RETURN(chain::GridParams grid, PolicyState::GetGridParams(state));
  const uint64_t allowed = SaturatingAdd(uptime->last_report_ms, grid.uptime_interval_ms);
  if (time_ms < allowed) {
    return Status::InvalidArgument("uptime-report-too-early", "node " + std::to_string(*node) + " reported at " +
                                                                  std::to_string(uptime->last_report_ms) +
                                                                  " ms; the next report is allowed at " +
                                                                  std::to_string(allowed) + " ms");
  }
  return Status::Ok();
}

Status Farming::ReportUptime(StateOverlay& state, [[maybe_unused]] uint64_t height, uint64_t time_ms,
                             const AccountId& signer, const chain::NodeReportUptimeCall& call,
                             std::vector<chain::Event>* events) const {
  TF_RETURN_IF_ERROR(CheckUptimeReport(state, signer, time_ms));
  TF_ASSIGN_OR_RETURN(std::optional<NodeId> node, DirectoryState::GetNodeIdByAccount(state, signer));
  CHECK(node.has_value());  // CheckUptimeReport found it
  TF_ASSIGN_OR_RETURN(std::optional<NodeUptime> stored, FarmingState::GetNodeUptime(state, *node));
  NodeUptime uptime = stored.value_or(NodeUptime{});

  uint64_t credited = 0;
  if (uptime.report_count > 0) {
    TF_ASSIGN_OR_RETURN(chain::GridParams grid, PolicyState::GetGridParams(state));
    const uint64_t gap = time_ms - uptime.last_report_ms;  // >= one interval: checked above
    if (gap <= SaturatingAdd(grid.uptime_interval_ms, grid.uptime_interval_ms)) {
      const uint64_t span = std::min(gap, SaturatingMul(call.uptime_s, 1000));
      TF_ASSIGN_OR_RETURN(PeriodSchedule schedule, Schedule(state));
      TF_ASSIGN_OR_RETURN(SettlementCursor cursor, FarmingState::GetCursor(state));
      credited = AddSpan(uptime, schedule, cursor, *node, time_ms - span, time_ms, 1, /*ip=*/false);
      uptime.total_uptime_ms = SaturatingAdd(uptime.total_uptime_ms, span);
    }
  } else {
    uptime.first_report_ms = time_ms;
  }
  uptime.last_report_ms = time_ms;
  uptime.last_uptime_s = call.uptime_s;
  uptime.report_count += 1;
  FarmingState::PutNodeUptime(state, *node, uptime);
  events->push_back(chain::UptimeReportedEvent{*node, call.uptime_s, credited});
  return Status::Ok();
}

Status Farming::CreditPublicIpTime(StateOverlay& state, NodeId node, uint64_t from_ms, uint64_t to_ms,
                                   uint64_t ips) const {
  if (to_ms < from_ms) {
    return Status::InvalidArgument(
        "bad-ip-span", "span ends at " + std::to_string(to_ms) + " before it starts at " + std::to_string(from_ms));
  }
  TF_ASSIGN_OR_RETURN(std::optional<NodeRecord> record, DirectoryState::GetNode(state, node));
  if (!record) return Status::InvalidArgument("no-node", "no node " + std::to_string(node));
  if (ips == 0 || from_ms == to_ms) return Status::Ok();
  TF_ASSIGN_OR_RETURN(std::optional<NodeUptime> stored, FarmingState::GetNodeUptime(state, node));
  NodeUptime uptime = stored.value_or(NodeUptime{});
  TF_ASSIGN_OR_RETURN(PeriodSchedule schedule, Schedule(state));
  TF_ASSIGN_OR_RETURN(SettlementCursor cursor, FarmingState::GetCursor(state));
  AddSpan(uptime, schedule, cursor, node, from_ms, to_ms, ips, /*ip=*/true);
  FarmingState::PutNodeUptime(state, node, uptime);
  return Status::Ok();
}

}  // namespace tfchain::contracts

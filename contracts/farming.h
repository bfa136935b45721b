#pragma once

#include <cstdint>
#include <vector>

#include "chain/account_id.h"
#include "chain/call.h"
#include "chain/event.h"
#include "chain/grid_types.h"
#include "contracts/directory_state.h"
#include "contracts/farming_state.h"
#include "contracts/state.h"

namespace tfchain::contracts {

// A node's farming units × 10^6 (floored), from its total resources.
struct FarmingUnits {
  uint64_t cu_micro = 0;
  uint64_t su_micro = 0;
  bool operator==(const FarmingUnits&) const = default;
};

// TF Chain's farming units with memory and disks in GiB (2^30 bytes):
//   CU = min(2·cru, (mru − 1) / 4, sru / 50),  SU = hru / 1200 + sru / 250,
// never negative (mru below 1 GiB gives CU 0), floored to 10^-6; no input overflows.
// Pure; thread-safe.
FarmingUnits ComputeFarmingUnits(const chain::Resources& resources);

// The reward of one receipt from its inputs: fills receipt.reward_nusd and
// receipt.amount from period_ms, uptime_ms, cu_micro, su_micro, ip_ms, the rates,
// minimal_uptime_permill, connection_price_musd and virtualized; every other field is
// returned unchanged. With month = 30 days and hour = 3600 s, in milliseconds:
//   reward_nusd = floor((cu_micro·cu_rate + su_micro·su_rate) · uptime_ms / month)
//               + floor(ip_ms · ipv4_rate · 10^6 / hour)
//   amount      = floor(reward_nusd · 10 / connection_price_musd)   (TFT base units)
// Both are 0 for a virtualized node, when uptime_ms·10^6 < minimal_uptime_permill ·
// period_ms, or (amount only) when connection_price_musd is 0; both saturate at
// UINT64_MAX. A farmer recomputes a receipt r with ComputeReward(r) == r. Pure.
chain::FarmingReceipt ComputeReward(chain::FarmingReceipt receipt);

// The farming module (docs/farming.md): uptime reports and the farming rewards minted
// at the end of every farming period.
//
// Uptime: a node reports with node_report_uptime (signed by the node's own account),
// at most once per GridParams::uptime_interval_ms. The chain measures uptime from
// block times: a report at t after the previous one at t0 credits
// min(t − t0, uptime_s · 1000) ending at t when t − t0 <= 2 intervals (a node that
// rebooted in between only gets the time since boot; one that claims more than has
// passed gets t − t0), and nothing after a longer gap or for the first report. The
// credit is split over the farming periods it overlaps; periods already settled
// are not credited.
//
// Settlement: period p (PeriodSchedule) is settled once the block time exceeds its
// end + 2 intervals, in node-id order and at most GridParams::max_payouts_per_block
// steps per block (a step is one node id or one period), each registered node that
// existed before the period ended getting a receipt (also when its reward is 0) and
// the receipt's amount minted to its farm owner twin's account (total issuance grows
// by exactly that). A node deleted before its settlement gets nothing for the
// period. While no node was ever registered, due periods are skipped silently.
//
// Every failure that is the caller's fault is an InvalidArgument Status with a stable
// reason; other codes are state read failures ("state-corrupt" for inconsistent
// records). Const methods only read their own members, so one Farming may serve
// concurrent executions on different states.
class Farming {
 public:
  // `genesis_time_ms` anchors period 0 (chain::Genesis::genesis_time_ms).
  explicit Farming(uint64_t genesis_time_ms) : genesis_time_ms_(genesis_time_ms) {}

  uint64_t genesis_time_ms() const { return genesis_time_ms_; }

  // farming.node_report_uptime by `signer` in a block at `time_ms`. Credits uptime
  // (see the class comment) and emits UptimeReported. Errors: "no-node" (the signer
  // registered no node), "uptime-report-too-early" (less than one uptime interval
  // after its previous report).
  Status ReportUptime(StateOverlay& state, uint64_t height, uint64_t time_ms, const AccountId& signer,
                      const chain::NodeReportUptimeCall& call, std::vector<chain::Event>* events) const;

  // The checks of ReportUptime for a report included at block time `time_ms`, for the
  // mempool (a report is free of fees, so it must be worth including). Same errors.
  static Status CheckUptimeReport(const StateReader& state, const AccountId& signer, uint64_t time_ms);

  // Credits `ips` public IPs held during block times [from_ms, to_ms) to `node`'s
  // ip_ms, split over the periods the span overlaps (settled periods are skipped).
  // For the marketplace's contracts. Errors: "no-node", "bad-ip-span" (to_ms <
  // from_ms).
  Status CreditPublicIpTime(StateOverlay& state, NodeId node, uint64_t from_ms, uint64_t to_ms, uint64_t ips) const;

  // End of a block at `time_ms`: settles due periods (see the class comment), emitting
  // RewardMinted per receipt and PeriodSettled when a period is complete.
  Status EndBlock(StateOverlay& state, uint64_t height, uint64_t time_ms, std::vector<chain::Event>* events) const;

  // The state's period schedule (FarmingState::GetSchedule with this genesis time).
  Result<PeriodSchedule> Schedule(const StateReader& state) const;

 private:
  uint64_t genesis_time_ms_;
};

}  // namespace tfchain::contracts

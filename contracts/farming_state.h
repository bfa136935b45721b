#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "chain/codec.h"
#include "chain/grid_types.h"
#include "contracts/directory_state.h"
#include "contracts/state.h"

namespace tfchain::contracts {

// The farming module's state: per-node uptime accounting, the farming-period
// schedule, the settlement cursor, per-period totals and the payout receipts. The
// layout (keys and encodings) is in farming_state.cpp and docs/farming.md. The
// accessors only read and write; the rules live in Farming (farming.h). Readers fail
// only with the StateReader's errors or "state-corrupt". Thread-compatible (static
// functions on caller-owned state).

// Module prefix of farming keys (directory 0x03, policies 0x04, governance 0x06).
inline constexpr uint8_t kStatePrefixFarming = 0x05;

// Key prefixes for prefix scans (the node's index and RPC): the prefix is followed by
// big-endian ids, so a scan returns records in id order.
//   kFarmingUptimePrefix  || node_id:u32be                  -> NodeUptime
//   kFarmingReceiptPrefix || period:u64be || node_id:u32be  -> chain::FarmingReceipt
//   kFarmingTotalsPrefix  || period:u64be                   -> PeriodTotals
inline constexpr std::array<uint8_t, 2> kFarmingUptimePrefix = {kStatePrefixFarming, 0x01};
inline constexpr std::array<uint8_t, 2> kFarmingReceiptPrefix = {kStatePrefixFarming, 0x02};
inline constexpr std::array<uint8_t, 2> kFarmingTotalsPrefix = {kStatePrefixFarming, 0x04};

// Bounds that keep every state value small.
inline constexpr size_t kMaxUnsettledPeriods = 64;  // per node; see NodeUptime
inline constexpr size_t kMaxPeriodSegments = 16;    // see PeriodSchedule

// Uptime measured in one farming period that is not settled yet.
struct PeriodUptime {
  uint64_t period = 0;
  uint64_t uptime_ms = 0;  // credited uptime inside the period, <= its length
  uint64_t ip_ms = 0;      // public-IP milliseconds (CreditPublicIpTime)
  bool operator==(const PeriodUptime&) const = default;
};

// A node's uptime record, created by its first uptime report (or a public-IP credit).
// `periods` holds only periods that are not settled yet, ascending (in practice the
// period being settled and the current one); a credit that would need more than
// kMaxUnsettledPeriods entries is dropped.
struct NodeUptime {
  uint64_t last_report_ms = 0;   // block time of the last report
  uint64_t last_uptime_s = 0;    // what the node claimed then (seconds since boot)
  uint64_t first_report_ms = 0;  // block time of the first report
  std::vector<PeriodUptime> periods;
  uint64_t report_count = 0;  // accepted reports; 0 = never reported
  // Every credited uptime span added up (not capped by farming periods and never reset):
  // the marketplace bills CU/SU only for the growth of this total (docs/billing.md).
  uint64_t total_uptime_ms = 0;
  bool operator==(const NodeUptime&) const = default;
};

// A stretch of farming periods of one length: period `first_period` starts at
// `start_ms`, each following one `period_ms` later.
struct PeriodSegment {
  uint64_t first_period = 0;
  uint64_t start_ms = 0;
  uint64_t period_ms = 0;
  bool operator==(const PeriodSegment&) const = default;
};

// How block time maps to farming periods. Period 0 starts at the genesis time; a
// governance change of GridParams::farming_period_ms takes effect at the end of the
// current period (a new segment), so period numbers never move. Segments are
// ascending and contiguous (each starts where a period of the previous one ends);
// never empty when obtained from FarmingState::GetSchedule.
struct PeriodSchedule {
  std::vector<PeriodSegment> segments;
  bool operator==(const PeriodSchedule&) const = default;

  // The period that contains block time `time_ms` (times before the first segment
  // count as its first period).
  uint64_t PeriodOf(uint64_t time_ms) const;
  // The first block time of period `p` (saturating at UINT64_MAX).
  uint64_t PeriodStart(uint64_t p) const;
  // The first block time after period `p` = PeriodStart(p + 1).
  uint64_t PeriodEnd(uint64_t p) const { return PeriodStart(p + 1); }
  // PeriodEnd(p) - PeriodStart(p).
  uint64_t PeriodLength(uint64_t p) const { return PeriodEnd(p) - PeriodStart(p); }
};

// Where settlement stands: every period before `period` is settled, and of `period`
// the nodes with ids below `next_node_id`.
struct SettlementCursor {
  uint64_t period = 0;
  NodeId next_node_id = 1;
  bool operator==(const SettlementCursor&) const = default;

  // Whether `node`'s payout for `p` is already settled.
  bool IsSettled(uint64_t p, NodeId node) const { return p < period || (p == period && node < next_node_id); }
};

// What the settlement of one period has paid so far (final once PeriodSettled).
struct PeriodTotals {
  uint64_t nodes = 0;   // receipts written
  uint64_t minted = 0;  // sum of their amounts
  bool operator==(const PeriodTotals&) const = default;
};

void EncodeTo(chain::Encoder& e, const PeriodUptime& v);
Status DecodeFrom(chain::Decoder& d, PeriodUptime* out);
void EncodeTo(chain::Encoder& e, const NodeUptime& v);
Status DecodeFrom(chain::Decoder& d, NodeUptime* out);
void EncodeTo(chain::Encoder& e, const PeriodSegment& v);
Status DecodeFrom(chain::Decoder& d, PeriodSegment* out);
void EncodeTo(chain::Encoder& e, const PeriodSchedule& v);
Status DecodeFrom(chain::Decoder& d, PeriodSchedule* out);
void EncodeTo(chain::Encoder& e, const SettlementCursor& v);
Status DecodeFrom(chain::Decoder& d, SettlementCursor* out);
void EncodeTo(chain::Encoder& e, const PeriodTotals& v);
Status DecodeFrom(chain::Decoder& d, PeriodTotals* out);

class FarmingState {
 public:
  // 0x05 0x01 || node_id -> NodeUptime.
  static Result<std::optional<NodeUptime>> GetNodeUptime(const StateReader& state, NodeId node);
  static void PutNodeUptime(StateOverlay& state, NodeId node, const NodeUptime& uptime);
  static void DeleteNodeUptime(StateOverlay& state, NodeId node);

  // 0x05 0x02 || period || node_id -> FarmingReceipt.
  static Result<std::optional<chain::FarmingReceipt>> GetReceipt(const StateReader& state, uint64_t period,
                                                                 NodeId node);
  static void PutReceipt(StateOverlay& state, const chain::FarmingReceipt& receipt);

  // 0x05 0x03 -> SettlementCursor; absent = {0, 1}.
  static Result<SettlementCursor> GetCursor(const StateReader& state);
  static void PutCursor(StateOverlay& state, const SettlementCursor& cursor);

  // 0x05 0x04 || period -> PeriodTotals; absent = zeros.
  static Result<PeriodTotals> GetPeriodTotals(const StateReader& state, uint64_t period);
  static void PutPeriodTotals(StateOverlay& state, uint64_t period, const PeriodTotals& totals);

  // 0x05 0x05 -> PeriodSchedule. Absent: one segment {0, genesis_time_ms, the
  // farming_period_ms of the state's GridParams}. Errors: also "state-corrupt" for a
  // stored schedule without segments.
  static Result<PeriodSchedule> GetSchedule(const StateReader& state, uint64_t genesis_time_ms);
  static void PutSchedule(StateOverlay& state, const PeriodSchedule& schedule);

  // Makes `period_ms` the length of the periods after the one containing `now_ms`
  // (replacing a change scheduled before that has not started yet) and drops segments
  // that only hold settled periods. Call BEFORE storing GridParams with the new
  // length. Errors: "bad-grid-params" when period_ms is 0 or the schedule would exceed
  // kMaxPeriodSegments; state read errors.
  static Status ScheduleFarmingPeriod(StateOverlay& state, uint64_t genesis_time_ms, uint64_t now_ms,
                                      uint64_t period_ms);

  // Record keys, for proofs and prefix scans.
  static chain::Bytes NodeUptimeKey(NodeId node);
  static chain::Bytes ReceiptKey(uint64_t period, NodeId node);
  static chain::Bytes PeriodTotalsKey(uint64_t period);
};

// A node's liveness as the grid shows it (docs/farming.md).
enum class NodeLiveness : uint8_t { kUp = 0, kStandby = 1, kDown = 2 };
// "up" / "standby" / "down". Thread-safe.
std::string_view NodeLivenessName(NodeLiveness liveness);

// The status of `node` at block time `now_ms`, from its uptime record (null = never
// reported): up if it reported within 2 uptime intervals; standby if its power target
// is down and it reported within the standby window; else down. Pure; thread-safe.
NodeLiveness NodeStatus(const NodeRecord& node, const NodeUptime* uptime, uint64_t now_ms,
                        const chain::GridParams& params);
// The same rule on its inputs alone (`reported`: the node reported at least once),
// for callers that keep copies of them (the node's directory index). Pure.
NodeLiveness NodeLivenessAt(bool reported, uint64_t last_report_ms, chain::PowerState power_target, uint64_t now_ms,
                            const chain::GridParams& params);

}  // namespace tfchain::contracts

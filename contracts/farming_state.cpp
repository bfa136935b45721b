// Farming state layout (all keys start with 0x05, the farming module prefix; ids in
// keys are big-endian so that prefix scans return id order):
//   0x05 0x01 || node_id:u32be                  := node_uptime
//   0x05 0x02 || period:u64be || node_id:u32be  := farming_receipt (chain/grid_types.cpp)
//   0x05 0x03                                   := settlement_cursor (absent = {0, 1})
//   0x05 0x04 || period:u64be                   := period_totals (absent = zeros)
//   0x05 0x05                                   := period_schedule (absent = one segment
//                                                  {0, genesis_time_ms, grid.farming_period_ms})
// with
//   node_uptime       := last_report_ms:u64 last_uptime_s:u64 first_report_ms:u64
//                        periods:vec<period_uptime>(<=64) report_count:u64
//                        total_uptime_ms:u64
//   period_uptime     := period:u64 uptime_ms:u64 ip_ms:u64
//   settlement_cursor := period:u64 next_node_id:u32
//   period_totals     := nodes:u64 minted:u64
//   period_schedule   := vec<period_segment>(<=16), at least one
//   period_segment    := first_period:u64 start_ms:u64 period_ms:u64
#include "contracts/farming_state.h"

#include <algorithm>

#include "contracts/policy_state.h"

namespace tfchain::contracts {
namespace {

using chain::Decoder;
using chain::Encoder;

enum Item : uint8_t {
  kUptime = 0x01,
  kReceipt = 0x02,
  kCursor = 0x03,
  kTotals = 0x04,
  kSchedule = 0x05,
};

void AppendBe(Bytes& key, uint64_t v, int bytes) {
  for (int i = bytes - 1; i >= 0; --i) key.push_back(static_cast<uint8_t>(v >> (8 * i)));
}

Bytes Key(Item item) { return Bytes{kStatePrefixFarming, item}; }

uint64_t SaturatingAdd(uint64_t a, uint64_t b) { return a > UINT64_MAX - b ? UINT64_MAX : a + b; }

}  // namespace

void EncodeTo(Encoder& e, const PeriodUptime& v) {
  e.U64(v.period);
  e.U64(v.uptime_ms);
  e.U64(v.ip_ms);
}
Status DecodeFrom(Decoder& d, PeriodUptime* out) {
  TF_RETURN_IF_ERROR(d.U64(&out->period));
  TF_RETURN_IF_ERROR(d.U64(&out->uptime_ms));
  return d.U64(&out->ip_ms);
}

void EncodeTo(Encoder& e, const NodeUptime& v) {
  e.U64(v.last_report_ms);
  e.U64(v.last_uptime_s);
  e.U64(v.first_report_ms);
  chain::EncodeVector(e, v.periods);
  e.U64(v.report_count);
  e.U64(v.total_uptime_ms);
}
Status DecodeFrom(Decoder& d, NodeUptime* out) {
  TF_RETURN_IF_ERROR(d.U64(&out->last_report_ms));
  TF_RETURN_IF_ERROR(d.U64(&out->last_uptime_s));
  TF_RETURN_IF_ERROR(d.U64(&out->first_report_ms));
  TF_RETURN_IF_ERROR(chain::DecodeVector(d, &out->periods, kMaxUnsettledPeriods));
  TF_RETURN_IF_ERROR(d.U64(&out->report_count));
  return d.U64(&out->total_uptime_ms);
}

void EncodeTo(Encoder& e, const PeriodSegment& v) {
  e.U64(v.first_period);
  e.U64(v.start_ms);
  e.U64(v.period_ms);
}
Status DecodeFrom(Decoder& d, PeriodSegment* out) {
  TF_RETURN_IF_ERROR(d.U64(&out->first_period));
  TF_RETURN_IF_ERROR(d.U64(&out->start_ms));
  return d.U64(&out->period_ms);
}

void EncodeTo(Encoder& e, const PeriodSchedule& v) { chain::EncodeVector(e, v.segments); }
Status DecodeFrom(Decoder& d, PeriodSchedule* out) {
  return chain::DecodeVector(d, &out->segments, kMaxPeriodSegments);
}

void EncodeTo(Encoder& e, const SettlementCursor& v) {
  e.U64(v.period);
  e.U32(v.next_node_id);
}
Status DecodeFrom(Decoder& d, SettlementCursor* out) {
  TF_RETURN_IF_ERROR(d.U64(&out->period));
  return d.U32(&out->next_node_id);
}

void EncodeTo(Encoder& e, const PeriodTotals& v) {
  e.U64(v.nodes);
  e.U64(v.minted);
}
Status DecodeFrom(Decoder& d, PeriodTotals* out) {
  TF_RETURN_IF_ERROR(d.U64(&out->nodes));
  return d.U64(&out->minted);
}

uint64_t PeriodSchedule::PeriodOf(uint64_t time_ms) const {
  CHECK(!segments.empty());
  const PeriodSegment* seg = &segments.front();
  for (const PeriodSegment& s : segments) {
    if (s.start_ms <= time_ms) seg = &s;
  }
  if (time_ms < seg->start_ms) return seg->first_period;
  return seg->first_period + (time_ms - seg->start_ms) / seg->period_ms;
}

uint64_t PeriodSchedule::PeriodStart(uint64_t p) const {
  CHECK(!segments.empty());
  const PeriodSegment* seg = &segments.front();
  for (const PeriodSegment& s : segments) {
    if (s.first_period <= p) seg = &s;
  }
  if (p < seg->first_period) return seg->start_ms;
  const unsigned __int128 start =
      static_cast<unsigned __int128>(p - seg->first_period) * seg->period_ms + seg->start_ms;
  return start > UINT64_MAX ? UINT64_MAX : static_cast<uint64_t>(start);
}

Bytes FarmingState::NodeUptimeKey(NodeId node) {
  Bytes key = Key(kUptime);
  AppendBe(key, node, 4);
  return key;
}

Bytes FarmingState::ReceiptKey(uint64_t period, NodeId node) {
  Bytes key = Key(kReceipt);
  AppendBe(key, period, 8);
  AppendBe(key, node, 4);
  return key;
}

Bytes FarmingState::PeriodTotalsKey(uint64_t period) {
  Bytes key = Key(kTotals);
  AppendBe(key, period, 8);
  return key;
}

Result<std::optional<NodeUptime>> FarmingState::GetNodeUptime(const StateReader& state, NodeId node) {
  return GetDecoded<NodeUptime>(state, NodeUptimeKey(node));
}

void FarmingState::PutNodeUptime(StateOverlay& state, NodeId node, const NodeUptime& uptime) {
  PutEncoded(state, NodeUptimeKey(node), uptime);
}

void FarmingState::DeleteNodeUptime(StateOverlay& state, NodeId node) { state.Delete(NodeUptimeKey(node)); }

Result<std::optional<chain::FarmingReceipt>> FarmingState::GetReceipt(const StateReader& state, uint64_t period,
                                                                      NodeId node) {
  return GetDecoded<chain::FarmingReceipt>(state, ReceiptKey(period, node));
}

void FarmingState::PutReceipt(StateOverlay& state, const chain::FarmingReceipt& receipt) {
  PutEncoded(state, ReceiptKey(receipt.period, receipt.node_id), receipt);
}

Result<SettlementCursor> FarmingState::GetCursor(const StateReader& state) {
  TF_ASSIGN_OR_RETURN(std::optional<SettlementCursor> cursor, GetDecoded<SettlementCursor>(state, Key(kCursor)));
  return cursor.value_or(SettlementCursor{});
}

void FarmingState::PutCursor(StateOverlay& state, const SettlementCursor& cursor) {
  PutEncoded(state, Key(kCursor), cursor);
}

Result<PeriodTotals> FarmingState::GetPeriodTotals(const StateReader& state, uint64_t period) {
  TF_ASSIGN_OR_RETURN(std::optional<PeriodTotals> totals, GetDecoded<PeriodTotals>(state, PeriodTotalsKey(period)));
  return totals.value_or(PeriodTotals{});
}

void FarmingState::PutPeriodTotals(StateOverlay& state, uint64_t period, const PeriodTotals& totals) {
  PutEncoded(state, PeriodTotalsKey(period), totals);
}

Result<PeriodSchedule> FarmingState::GetSchedule(const StateReader& state, uint64_t genesis_time_ms) {
  TF_ASSIGN_OR_RETURN(std::optional<PeriodSchedule> stored, GetDecoded<PeriodSchedule>(state, Key(kSchedule)));
  if (stored) {
    if (stored->segments.empty()) return Status::Corruption("state-corrupt", "farming period schedule is empty");
    for (const PeriodSegment& s : stored->segments) {
      if (s.period_ms == 0) return Status::Corruption("state-corrupt", "farming period of length 0");
    }
    return *std::move(stored);
  }
  TF_ASSIGN_OR_RETURN(chain::GridParams grid, PolicyState::GetGridParams(state));
  if (grid.farming_period_ms == 0) return Status::Corruption("state-corrupt", "farming_period_ms is 0");
  return PeriodSchedule{{PeriodSegment{0, genesis_time_ms, grid.farming_period_ms}}};
}

void FarmingState::PutSchedule(StateOverlay& state, const PeriodSchedule& schedule) {
  PutEncoded(state, Key(kSchedule), schedule);
}

Status FarmingState::ScheduleFarmingPeriod(StateOverlay& state, uint64_t genesis_time_ms, uint64_t now_ms,
                                           uint64_t period_ms) {
  if (period_ms == 0) return Status::InvalidArgument("bad-grid-params", "farming_period_ms must be positive");
  TF_ASSIGN_OR_RETURN(PeriodSchedule schedule, GetSchedule(state, genesis_time_ms));
  TF_ASSIGN_OR_RETURN(SettlementCursor cursor, GetCursor(state));
  const uint64_t next = schedule.PeriodOf(now_ms) + 1;
  const uint64_t next_start = schedule.PeriodStart(next);
  // A change scheduled earlier that has not started yet is replaced.
  std::erase_if(schedule.segments, [&](const PeriodSegment& s) { return s.first_period >= next; });
  CHECK(!schedule.segments.empty());  // the segment holding now_ms starts before `next`
  if (schedule.segments.back().period_ms != period_ms) {
    schedule.segments.push_back(PeriodSegment{next, next_start, period_ms});
  }
  // Segments whose periods are all settled are no longer needed.
  while (schedule.segments.size() > 1 && schedule.segments[1].first_period <= cursor.period) {
    schedule.segments.erase(schedule.segments.begin());
  }
  if (schedule.segments.size() > kMaxPeriodSegments) {
    return Status::InvalidArgument("bad-grid-params", "too many farming period changes waiting for settlement");
  }
  PutSchedule(state, schedule);
  return Status::Ok();
}

std::string_view NodeLivenessName(NodeLiveness liveness) {
  switch (liveness) {
    case NodeLiveness::kUp:
      return "up";
    case NodeLiveness::kStandby:
      return "standby";
    case NodeLiveness::kDown:
      return "down";
  }
  CHECK(false);
  return "";
}

NodeLiveness NodeStatus(const NodeRecord& node, const NodeUptime* uptime, uint64_t now_ms,
                        const chain::GridParams& params) {
  const bool reported = uptime != nullptr && uptime->report_count > 0;
  return NodeLivenessAt(reported, reported ? uptime->last_report_ms : 0, node.power_target, now_ms, params);
}

NodeLiveness NodeLivenessAt(bool reported, uint64_t last_report_ms, chain::PowerState power_target, uint64_t now_ms,
                            const chain::GridParams& params) {
  if (!reported) return NodeLiveness::kDown;
  const uint64_t since = now_ms > last_report_ms ? now_ms - last_report_ms : 0;
  if (since <= SaturatingAdd(params.uptime_interval_ms, params.uptime_interval_ms)) return NodeLiveness::kUp;
  if (power_target == chain::PowerState::kDown && since <= params.standby_window_ms) return NodeLiveness::kStandby;
  return NodeLiveness::kDown;
}

}  // namespace tfchain::contracts

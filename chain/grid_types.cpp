// Grid types wire format (fields in declaration order):
//   string            := compact length (<= 4096) UTF-8 bytes without NUL
//   vec<T>            := compact count (<= 64) T*
//   option<T>         := 0x00 | 0x01 T
//   PowerState        := u8 (0 up, 1 down)
//   NodeCertification := u8 (0 diy, 1 certified)
//   FarmCertification := u8 (0 not-certified, 1 gold)
//   Resources         := cru:u64 mru:u64 sru:u64 hru:u64
//   Location          := city:string country:string latitude_micro:u32 longitude_micro:u32
//                        (the int32 values as their two's complement bit patterns)
//   NodeInterface     := name:string mac:string ips:vec<string>
//   IpConfig          := ip:string gw:string
//   PublicConfig      := ip4:IpConfig ip6:option<IpConfig> domain:option<string>
//   PricingPolicy     := id:u32 name:string su:u64 cu:u64 nu:u64 ipu:u64 unique_name:u64
//                        domain_name:u64 foundation_account:fixed[32]
//                        certified_sales_account:fixed[32] dedicated_discount_percent:u8
//   FarmingPolicy     := id:u32 name:string cu:u64 su:u64 nu:u64 ipv4:u64
//                        minimal_uptime_permill:u32 node_certification:NodeCertification
//                        farm_certification:FarmCertification is_default:bool immutable:bool
//   GridParams        := uptime_interval_ms:u64 farming_period_ms:u64 standby_window_ms:u64
//                        tft_price_musd:u64 max_payouts_per_block:u64
//   GovernanceParams  := voting_period_blocks:u64 quorum_permill:u32 threshold_permill:u32
//                        max_open_proposals:u32
//   FarmingReceipt    := period:u64 node_id:u32 farm_id:u32 account:fixed[32] policy_id:u32
//                        cu_rate:u64 su_rate:u64 ipv4_rate:u64 minimal_uptime_permill:u32
//                        period_ms:u64 uptime_ms:u64 cu_micro:u64 su_micro:u64 ip_ms:u64
//                        connection_price_musd:u64 reward_nusd:u64 amount:u64 virtualized:bool
// Values are not range-checked here (a latitude of 100° decodes); the runtime does.
#include "chain/grid_types.h"

#include <array>
#include <utility>

#include "chain/enum_names.h"

namespace tfchain::chain {
namespace {

using enum_names::DecodeEnum;
using enum_names::EnumName;
using enum_names::ParseEnum;

constexpr std::array<std::string_view, 2> kPowerStateNames = {"up", "down"};
constexpr std::array<std::string_view, 2> kNodeCertificationNames = {"diy", "certified"};
constexpr std::array<std::string_view, 2> kFarmCertificationNames = {"not-certified", "gold"};

}  // namespace

std::string_view PowerStateName(PowerState state) { return EnumName(state, kPowerStateNames); }
std::optional<PowerState> ParsePowerState(std::string_view name) {
  return ParseEnum<PowerState>(name, kPowerStateNames);
}
std::string_view NodeCertificationName(NodeCertification c) { return EnumName(c, kNodeCertificationNames); }
std::optional<NodeCertification> ParseNodeCertification(std::string_view name) {
  return ParseEnum<NodeCertification>(name, kNodeCertificationNames);
}
std::string_view FarmCertificationName(FarmCertification c) { return EnumName(c, kFarmCertificationNames); }
std::optional<FarmCertification> ParseFarmCertification(std::string_view name) {
  return ParseEnum<FarmCertification>(name, kFarmCertificationNames);
}

Status ValidateGridParams(const GridParams& p) {
  const auto bad = [](std::string detail) { return Status::InvalidArgument("bad-grid-params", std::move(detail)); };
  if (p.uptime_interval_ms < 1 || p.uptime_interval_ms > kMaxGridDurationMs) {
    return bad("uptime_interval_ms: must be in [1, 2^48]");
  }
  if (p.farming_period_ms > kMaxGridDurationMs) return bad("farming_period_ms: must be at most 2^48");
  if (p.farming_period_ms <= 2 * p.uptime_interval_ms) {
    return bad("farming_period_ms: must exceed 2 x uptime_interval_ms");
  }
  if (p.standby_window_ms < 1 || p.standby_window_ms > kMaxGridDurationMs) {
    return bad("standby_window_ms: must be in [1, 2^48]");
  }
  if (p.tft_price_musd < 1) return bad("tft_price_musd: must be at least 1");
  if (p.max_payouts_per_block < 1) return bad("max_payouts_per_block: must be at least 1");
  return Status::Ok();
}

Status ValidateGovernanceParams(const GovernanceParams& p) {
  const auto bad = [](std::string detail) {
    return Status::InvalidArgument("bad-governance-params", std::move(detail));
  };
  if (p.voting_period_blocks < 1 || p.voting_period_blocks > kMaxVotingPeriodBlocks) {
    return bad("voting_period_blocks: must be in [1, 2^40]");
  }
  if (p.quorum_permill < 1 || p.quorum_permill > 1'000'000) return bad("quorum_permill: must be in [1, 1000000]");
  if (p.threshold_permill < 1 || p.threshold_permill > 1'000'000) {
    return bad("threshold_permill: must be in [1, 1000000]");
  }
  if (p.max_open_proposals < 1 || p.max_open_proposals > kCodecMaxList) {
    return bad("max_open_proposals: must be in [1, " + std::to_string(kCodecMaxList) + "]");
  }
  return Status::Ok();
}

namespace {
Status CheckPolicyName(const std::string& name) {
  if (name.empty() || name.size() > kMaxPolicyName) {
    return Status::InvalidArgument("bad-policy", "name: must be 1.." + std::to_string(kMaxPolicyName) + " bytes");
  }
  return Status::Ok();
}
}  // namespace

Status ValidatePricingPolicy(const PricingPolicy& policy) {
  TF_RETURN_IF_ERROR(CheckPolicyName(policy.name));
  if (policy.dedicated_discount_percent > 100) {
    return Status::InvalidArgument("bad-policy", "dedicated_discount_percent: must be at most 100");
  }
  return Status::Ok();
}

Status ValidateFarmingPolicy(const FarmingPolicy& policy) {
  TF_RETURN_IF_ERROR(CheckPolicyName(policy.name));
  if (policy.minimal_uptime_permill > 1'000'000) {
    return Status::InvalidArgument("bad-policy", "minimal_uptime_permill: must be at most 1000000");
  }
  return Status::Ok();
}

void EncodeTo(Encoder& e, PowerState v) { e.U8(static_cast<uint8_t>(v)); }
Status DecodeFrom(Decoder& d, PowerState* out) { return DecodeEnum(d, kPowerStateNames.size(), "power state", out); }
void EncodeTo(Encoder& e, NodeCertification v) { e.U8(static_cast<uint8_t>(v)); }
Status DecodeFrom(Decoder& d, NodeCertification* out) {
  return DecodeEnum(d, kNodeCertificationNames.size(), "node certification", out);
}
void EncodeTo(Encoder& e, FarmCertification v) { e.U8(static_cast<uint8_t>(v)); }
Status DecodeFrom(Decoder& d, FarmCertification* out) {
  return DecodeEnum(d, kFarmCertificationNames.size(), "farm certification", out);
}

void EncodeTo(Encoder& e, const std::string& v) { e.Str(v); }
Status DecodeFrom(Decoder& d, std::string* out) { return d.Str(out, kCodecMaxString); }

void EncodeTo(Encoder& e, const Resources& v) {
  e.U64(v.cru);
  e.U64(v.mru);
  e.U64(v.sru);
  e.U64(v.hru);
}
Status DecodeFrom(Decoder& d, Resources* out) {
  TF_RETURN_IF_ERROR(d.U64(&out->cru));
  TF_RETURN_IF_ERROR(d.U64(&out->mru));
  TF_RETURN_IF_ERROR(d.U64(&out->sru));
  return d.U64(&out->hru);
}

void EncodeTo(Encoder& e, const Location& v) {
  e.Str(v.city);
  e.Str(v.country);
  e.U32(static_cast<uint32_t>(v.latitude_micro));
  e.U32(static_cast<uint32_t>(v.longitude_micro));
}
Status DecodeFrom(Decoder& d, Location* out) {
  TF_RETURN_IF_ERROR(DecodeFrom(d, &out->city));
  TF_RETURN_IF_ERROR(DecodeFrom(d, &out->country));
  uint32_t latitude, longitude;
  TF_RETURN_IF_ERROR(d.U32(&latitude));
  TF_RETURN_IF_ERROR(d.U32(&longitude));
  out->latitude_micro = static_cast<int32_t>(latitude);
  out->longitude_micro = static_cast<int32_t>(longitude);
  return Status::Ok();
}

void EncodeTo(Encoder& e, const NodeInterface& v) {
  e.Str(v.name);
  e.Str(v.mac);
  EncodeVector(e, v.ips);
}
Status DecodeFrom(Decoder& d, NodeInterface* out) {
  TF_RETURN_IF_ERROR(DecodeFrom(d, &out->name));
  TF_RETURN_IF_ERROR(DecodeFrom(d, &out->mac));
  return DecodeVector(d, &out->ips, kCodecMaxList);
}

void EncodeTo(Encoder& e, const IpConfig& v) {
  e.Str(v.ip);
  e.Str(v.gw);
}
Status DecodeFrom(Decoder& d, IpConfig* out) {
  TF_RETURN_IF_ERROR(DecodeFrom(d, &out->ip));
  return DecodeFrom(d, &out->gw);
}

void EncodeTo(Encoder& e, const PublicConfig& v) {
  EncodeTo(e, v.ip4);
  EncodeOptional(e, v.ip6);
  EncodeOptional(e, v.domain);
}
Status DecodeFrom(Decoder& d, PublicConfig* out) {
  TF_RETURN_IF_ERROR(DecodeFrom(d, &out->ip4));
  TF_RETURN_IF_ERROR(DecodeOptional(d, &out->ip6));
  return DecodeOptional(d, &out->domain);
}

void EncodeTo(Encoder& e, const PricingPolicy& v) {
  e.U32(v.id);
  e.Str(v.name);
  e.U64(v.su);
  e.U64(v.cu);
  e.U64(v.nu);
  e.U64(v.ipu);
  e.U64(v.unique_name);
  e.U64(v.domain_name);
  e.Fixed(v.foundation_account);
  e.Fixed(v.certified_sales_account);
  e.U8(v.dedicated_discount_percent);
}
Status DecodeFrom(Decoder& d, PricingPolicy* out) {
  TF_RETURN_IF_ERROR(d.U32(&out->id));
  TF_RETURN_IF_ERROR(DecodeFrom(d, &out->name));
  TF_RETURN_IF_ERROR(d.U64(&out->su));
  TF_RETURN_IF_ERROR(d.U64(&out->cu));
  TF_RETURN_IF_ERROR(d.U64(&out->nu));
  TF_RETURN_IF_ERROR(d.U64(&out->ipu));
  TF_RETURN_IF_ERROR(d.U64(&out->unique_name));
  TF_RETURN_IF_ERROR(d.U64(&out->domain_name));
  TF_RETURN_IF_ERROR(d.Fixed(&out->foundation_account));
  TF_RETURN_IF_ERROR(d.Fixed(&out->certified_sales_account));
  return d.U8(&out->dedicated_discount_percent);
}

void EncodeTo(Encoder& e, const FarmingPolicy& v) {
  e.U32(v.id);
  e.Str(v.name);
  e.U64(v.cu);
  e.U64(v.su);
  e.U64(v.nu);
  e.U64(v.ipv4);
  e.U32(v.minimal_uptime_permill);
  EncodeTo(e, v.node_certification);
  EncodeTo(e, v.farm_certification);
  e.Bool(v.is_default);
  e.Bool(v.immutable);
}
Status DecodeFrom(Decoder& d, FarmingPolicy* out) {
  TF_RETURN_IF_ERROR(d.U32(&out->id));
  TF_RETURN_IF_ERROR(DecodeFrom(d, &out->name));
  TF_RETURN_IF_ERROR(d.U64(&out->cu));
  TF_RETURN_IF_ERROR(d.U64(&out->su));
  TF_RETURN_IF_ERROR(d.U64(&out->nu));
  TF_RETURN_IF_ERROR(d.U64(&out->ipv4));
  TF_RETURN_IF_ERROR(d.U32(&out->minimal_uptime_permill));
  TF_RETURN_IF_ERROR(DecodeFrom(d, &out->node_certification));
  TF_RETURN_IF_ERROR(DecodeFrom(d, &out->farm_certification));
  TF_RETURN_IF_ERROR(d.Bool(&out->is_default));
  return d.Bool(&out->immutable);
}

void EncodeTo(Encoder& e, const GridParams& v) {
  e.U64(v.uptime_interval_ms);
  e.U64(v.farming_period_ms);
  e.U64(v.standby_window_ms);
  e.U64(v.tft_price_musd);
  e.U64(v.max_payouts_per_block);
}
Status DecodeFrom(Decoder& d, GridParams* out) {
  TF_RETURN_IF_ERROR(d.U64(&out->uptime_interval_ms));
  TF_RETURN_IF_ERROR(d.U64(&out->farming_period_ms));
  TF_RETURN_IF_ERROR(d.U64(&out->standby_window_ms));
  TF_RETURN_IF_ERROR(d.U64(&out->tft_price_musd));
  return d.U64(&out->max_payouts_per_block);
}

void EncodeTo(Encoder& e, const GovernanceParams& v) {
  e.U64(v.voting_period_blocks);
  e.U32(v.quorum_permill);
  e.U32(v.threshold_permill);
  e.U32(v.max_open_proposals);
}
Status DecodeFrom(Decoder& d, GovernanceParams* out) {
  TF_RETURN_IF_ERROR(d.U64(&out->voting_period_blocks));
  TF_RETURN_IF_ERROR(d.U32(&out->quorum_permill));
  TF_RETURN_IF_ERROR(d.U32(&out->threshold_permill));
  return d.U32(&out->max_open_proposals);
}

void EncodeTo(Encoder& e, const FarmingReceipt& v) {
  e.U64(v.period);
  e.U32(v.node_id);
  e.U32(v.farm_id);
  e.Fixed(v.account);
  e.U32(v.policy_id);
  e.U64(v.cu_rate);
  e.U64(v.su_rate);
  e.U64(v.ipv4_rate);
  e.U32(v.minimal_uptime_permill);
  e.U64(v.period_ms);
  e.U64(v.uptime_ms);
  e.U64(v.cu_micro);
  e.U64(v.su_micro);
  e.U64(v.ip_ms);
  e.U64(v.connection_price_musd);
  e.U64(v.reward_nusd);
  e.U64(v.amount);
  e.Bool(v.virtualized);
}
Status DecodeFrom(Decoder& d, FarmingReceipt* out) {
  TF_RETURN_IF_ERROR(d.U64(&out->period));
  TF_RETURN_IF_ERROR(d.U32(&out->node_id));
  TF_RETURN_IF_ERROR(d.U32(&out->farm_id));
  TF_RETURN_IF_ERROR(d.Fixed(&out->account));
  TF_RETURN_IF_ERROR(d.U32(&out->policy_id));
  TF_RETURN_IF_ERROR(d.U64(&out->cu_rate));
  TF_RETURN_IF_ERROR(d.U64(&out->su_rate));
  TF_RETURN_IF_ERROR(d.U64(&out->ipv4_rate));
  TF_RETURN_IF_ERROR(d.U32(&out->minimal_uptime_permill));
  TF_RETURN_IF_ERROR(d.U64(&out->period_ms));
  TF_RETURN_IF_ERROR(d.U64(&out->uptime_ms));
  TF_RETURN_IF_ERROR(d.U64(&out->cu_micro));
  TF_RETURN_IF_ERROR(d.U64(&out->su_micro));
  TF_RETURN_IF_ERROR(d.U64(&out->ip_ms));
  TF_RETURN_IF_ERROR(d.U64(&out->connection_price_musd));
  TF_RETURN_IF_ERROR(d.U64(&out->reward_nusd));
  TF_RETURN_IF_ERROR(d.U64(&out->amount));
  return d.Bool(&out->virtualized);
}

}  // namespace tfchain::chain

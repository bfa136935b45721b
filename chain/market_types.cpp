// Marketplace types wire format (fields in declaration order; grid types in
// grid_types.cpp):
//   ContractKind    := u8 (0 node, 1 name, 2 rent)
//   ContractState   := u8 (0 created, 1 grace, 2 deleted)
//   DeleteReason    := u8 (0 none, 1 canceled, 2 out-of-funds, 3 not-acknowledged,
//                          4 deployment-failed)
//   AckState        := u8 (0 pending, 1 ok, 2 failed)
//   BillingParams   := billing_period_blocks:u64 grace_period_ms:u64 ack_deadline_blocks:u64
//                      farmer_percent:u8 staking_pool_percent:u8 foundation_percent:u8
//                      burn_percent:u8 max_contracts_per_node:u32
//   ProviderPayment := account:fixed[32] amount:u64
//   ContractBill    := contract_id:u64 twin_id:u32 kind:ContractKind from_ms:u64 to_ms:u64
//                      up_ms:u64 public_ips:u64 nu_bytes:u64 cusu_micro:u64 ip_micro:u64
//                      nu_micro:u64 name_micro:u64 extra_micro:u64 discount_percent:u8
//                      tft_price_musd:u64 amount:u64 paid:u64 overdue:u64 farmer:fixed[32]
//                      to_farmer:u64 to_staking_pool:u64 to_foundation:u64 burned:u64
//                      to_providers:vec<ProviderPayment>(<=64) state_after:ContractState
//                      final:bool
// Values are not range-checked here (a discount of 99% decodes); the runtime makes them.
#include "chain/market_types.h"

#include <array>
#include <string>
#include <utility>

#include "chain/check.h"
#include "chain/enum_names.h"

namespace tfchain::chain {
namespace {

using enum_names::DecodeEnum;
using enum_names::EnumName;
using enum_names::ParseEnum;

constexpr std::array<std::string_view, 3> kContractKindNames = {"node", "name", "rent"};
constexpr std::array<std::string_view, 3> kContractStateNames = {"created", "grace", "deleted"};
constexpr std::array<std::string_view, 5> kDeleteReasonNames = {"none", "canceled", "out-of-funds",
                                                                "not-acknowledged", "deployment-failed"};
constexpr std::array<std::string_view, 3> kAckStateNames = {"pending", "ok", "failed"};

}  // namespace

std::string_view ContractKindName(ContractKind kind) { return EnumName(kind, kContractKindNames); }
std::optional<ContractKind> ParseContractKind(std::string_view name) {
  return ParseEnum<ContractKind>(name, kContractKindNames);
}
std::string_view ContractStateName(ContractState state) { return EnumName(state, kContractStateNames); }
std::optional<ContractState> ParseContractState(std::string_view name) {
  return ParseEnum<ContractState>(name, kContractStateNames);
}
std::string_view DeleteReasonName(DeleteReason reason) { return EnumName(reason, kDeleteReasonNames); }
std::optional<DeleteReason> ParseDeleteReason(std::string_view name) {
  return ParseEnum<DeleteReason>(name, kDeleteReasonNames);
}
std::string_view AckStateName(AckState state) { return EnumName(state, kAckStateNames); }
std::optional<AckState> ParseAckState(std::string_view name) { return ParseEnum<AckState>(name, kAckStateNames); }

Status ValidateBillingParams(const BillingParams& p) {
  const auto bad = [](std::string detail) { return Status::InvalidArgument("bad-billing-params", std::move(detail)); };
  if (p.billing_period_blocks < 1 || p.billing_period_blocks > kMaxVotingPeriodBlocks) {
    return bad("billing_period_blocks: must be in [1, 2^40]");
  }
  if (p.grace_period_ms < 1 || p.grace_period_ms > kMaxGridDurationMs) {
    return bad("grace_period_ms: must be in [1, 2^48]");
  }
  if (p.ack_deadline_blocks < 1 || p.ack_deadline_blocks > kMaxVotingPeriodBlocks) {
    return bad("ack_deadline_blocks: must be in [1, 2^40]");
  }
  const unsigned sum = unsigned{p.farmer_percent} + p.staking_pool_percent + p.foundation_percent + p.burn_percent;
  if (sum != 100) {
    return bad("farmer_percent + staking_pool_percent + foundation_percent + burn_percent: must be 100, not " +
               std::to_string(sum));
  }
  if (p.max_contracts_per_node < 1 || p.max_contracts_per_node > kMaxContractsPerNodeLimit) {
    return bad("max_contracts_per_node: must be in [1, " + std::to_string(kMaxContractsPerNodeLimit) + "]");
  }
  return Status::Ok();
}

void EncodeTo(Encoder& e, ContractKind v) { e.U8(static_cast<uint8_t>(v)); }
Status DecodeFrom(Decoder& d, ContractKind* out) {
  return DecodeEnum(d, kContractKindNames.size(), "contract kind", out);
}
void EncodeTo(Encoder& e, ContractState v) { e.U8(static_cast<uint8_t>(v)); }
Status DecodeFrom(Decoder& d, ContractState* out) {
  return DecodeEnum(d, kContractStateNames.size(), "contract state", out);
}
void EncodeTo(Encoder& e, DeleteReason v) { e.U8(static_cast<uint8_t>(v)); }
Status DecodeFrom(Decoder& d, DeleteReason* out) {
  return DecodeEnum(d, kDeleteReasonNames.size(), "delete reason", out);
}
void EncodeTo(Encoder& e, AckState v) { e.U8(static_cast<uint8_t>(v)); }
Status DecodeFrom(Decoder& d, AckState* out) { return DecodeEnum(d, kAckStateNames.size(), "ack state", out); }

void EncodeTo(Encoder& e, const BillingParams& v) {
  e.U64(v.billing_period_blocks);
  e.U64(v.grace_period_ms);
  e.U64(v.ack_deadline_blocks);
  e.U8(v.farmer_percent);
  e.U8(v.staking_pool_percent);
  e.U8(v.foundation_percent);
  e.U8(v.burn_percent);
  e.U32(v.max_contracts_per_node);
}
Status DecodeFrom(Decoder& d, BillingParams* out) {
  TF_RETURN_IF_ERROR(d.U64(&out->billing_period_blocks));
  TF_RETURN_IF_ERROR(d.U64(&out->grace_period_ms));
  TF_RETURN_IF_ERROR(d.U64(&out->ack_deadline_blocks));
  TF_RETURN_IF_ERROR(d.U8(&out->farmer_percent));
  TF_RETURN_IF_ERROR(d.U8(&out->staking_pool_percent));
  TF_RETURN_IF_ERROR(d.U8(&out->foundation_percent));
  TF_RETURN_IF_ERROR(d.U8(&out->burn_percent));
  return d.U32(&out->max_contracts_per_node);
}

void EncodeTo(Encoder& e, const ProviderPayment& v) {
  e.Fixed(v.account);
  e.U64(v.amount);
}
Status DecodeFrom(Decoder& d, ProviderPayment* out) {
  TF_RETURN_IF_ERROR(d.Fixed(&out->account));
  return d.U64(&out->amount);
}

void EncodeTo(Encoder& e, const ContractBill& v) {
  e.U64(v.contract_id);
  e.U32(v.twin_id);
  EncodeTo(e, v.kind);
  e.U64(v.from_ms);
  e.U64(v.to_ms);
  e.U64(v.up_ms);
  e.U64(v.public_ips);
  e.U64(v.nu_bytes);
  e.U64(v.cusu_micro);
  e.U64(v.ip_micro);
  e.U64(v.nu_micro);
  e.U64(v.name_micro);
  e.U64(v.extra_micro);
  e.U8(v.discount_percent);
  e.U64(v.tft_price_musd);
  e.U64(v.amount);
  e.U64(v.paid);
  e.U64(v.overdue);
  e.Fixed(v.farmer);
  e.U64(v.to_farmer);
  e.U64(v.to_staking_pool);
  e.U64(v.to_foundation);
  e.U64(v.burned);
  EncodeVector(e, v.to_providers);
  EncodeTo(e, v.state_after);
  e.Bool(v.final);
}
Status DecodeFrom(Decoder& d, ContractBill* out) {
  TF_RETURN_IF_ERROR(d.U64(&out->contract_id));
  TF_RETURN_IF_ERROR(d.U32(&out->twin_id));
  TF_RETURN_IF_ERROR(DecodeFrom(d, &out->kind));
  TF_RETURN_IF_ERROR(d.U64(&out->from_ms));
  TF_RETURN_IF_ERROR(d.U64(&out->to_ms));
  TF_RETURN_IF_ERROR(d.U64(&out->up_ms));
  TF_RETURN_IF_ERROR(d.U64(&out->public_ips));
  TF_RETURN_IF_ERROR(d.U64(&out->nu_bytes));
  TF_RETURN_IF_ERROR(d.U64(&out->cusu_micro));
  TF_RETURN_IF_ERROR(d.U64(&out->ip_micro));
  TF_RETURN_IF_ERROR(d.U64(&out->nu_micro));
  TF_RETURN_IF_ERROR(d.U64(&out->name_micro));
  TF_RETURN_IF_ERROR(d.U64(&out->extra_micro));
  TF_RETURN_IF_ERROR(d.U8(&out->discount_percent));
  TF_RETURN_IF_ERROR(d.U64(&out->tft_price_musd));
  TF_RETURN_IF_ERROR(d.U64(&out->amount));
  TF_RETURN_IF_ERROR(d.U64(&out->paid));
  TF_RETURN_IF_ERROR(d.U64(&out->overdue));
  TF_RETURN_IF_ERROR(d.Fixed(&out->farmer));
  TF_RETURN_IF_ERROR(d.U64(&out->to_farmer));
  TF_RETURN_IF_ERROR(d.U64(&out->to_staking_pool));
  TF_RETURN_IF_ERROR(d.U64(&out->to_foundation));
  TF_RETURN_IF_ERROR(d.U64(&out->burned));
  TF_RETURN_IF_ERROR(DecodeVector(d, &out->to_providers, kCodecMaxList));
  TF_RETURN_IF_ERROR(DecodeFrom(d, &out->state_after));
  return d.Bool(&out->final);
}

}  // namespace tfchain::chain

// Event wire format:
//   event := u8 module  u8 index  fields
//   balances.Transfer            (0,0)  := from:fixed[32] to:fixed[32] amount:u64
//   balances.FeePaid             (0,1)  := payer:fixed[32] fee:u64 proposer:fixed[32]
//                                          to_proposer:u64 to_pool:u64 burned:u64
//   balances.Endowed             (0,2)  := account:fixed[32] amount:u64
//   staking.ValidatorRegistered  (1,0)  := validator:fixed[32] consensus_key:fixed[32]
//                                          commission_permill:u32
//   staking.Bonded               (1,1)  := validator:fixed[32] account:fixed[32] amount:u64
//   staking.Unbonded             (1,2)  := validator:fixed[32] account:fixed[32] amount:u64
//                                          release_height:u64
//   staking.Withdrawn            (1,3)  := account:fixed[32] amount:u64
//   staking.CommissionChanged    (1,4)  := validator:fixed[32] commission_permill:u32
//   staking.ActiveSetChanged     (1,5)  := epoch:u64 effective_height:u64
//                                          vec<fixed[32]>(<=1024) members
//   staking.RewardPaid           (1,6)  := validator:fixed[32] account:fixed[32] amount:u64
//   staking.Slashed              (1,7)  := validator:fixed[32] amount:u64
//                                          reason:u8 (0 double-sign, 1 downtime)
//   staking.Jailed               (1,8)  := validator:fixed[32] until_height:u64
//   staking.Unjailed             (1,9)  := validator:fixed[32]
//   staking.Tombstoned           (1,10) := validator:fixed[32]
//   directory.* (2,0..15), farming.* (3,0..2), governance.* (4,0..3): grid_events.cpp
//   contract.* (5,0..14): market_events.cpp
#include "chain/event.h"

#include "chain/tagged_variant.h"
#include "chain/validator_set.h"

namespace tfchain::chain {
namespace {
void EncodeFields(Encoder& e, const TransferEvent& v) {
  e.Fixed(v.from);
  e.Fixed(v.to);
  e.U64(v.amount);
}
Status DecodeFields(Decoder& d, TransferEvent* v) {
  TF_RETURN_IF_ERROR(d.Fixed(&v->from));
  TF_RETURN_IF_ERROR(d.Fixed(&v->to));
  return d.U64(&v->amount);
}
void EncodeFields(Encoder& e, const FeePaidEvent& v) {
  e.Fixed(v.payer);
  e.U64(v.fee);
  e.Fixed(v.proposer);
  e.U64(v.to_proposer);
  e.U64(v.to_pool);
  e.U64(v.burned);
}
Status DecodeFields(Decoder& d, FeePaidEvent* v) {
  TF_RETURN_IF_ERROR(d.Fixed(&v->payer));
  TF_RETURN_IF_ERROR(d.U64(&v->fee));
  TF_RETURN_IF_ERROR(d.Fixed(&v->proposer));
  TF_RETURN_IF_ERROR(d.U64(&v->to_proposer));
  TF_RETURN_IF_ERROR(d.U64(&v->to_pool));
  return d.U64(&v->burned);
}
void EncodeFields(Encoder& e, const EndowedEvent& v) {
  e.Fixed(v.account);
  e.U64(v.amount);
}
Status DecodeFields(Decoder& d, EndowedEvent* v) {
  TF_RETURN_IF_ERROR(d.Fixed(&v->account));
  return d.U64(&v->amount);
}

void EncodeFields(Encoder& e, const ValidatorRegisteredEvent& v) {
  e.Fixed(v.validator);
  e.Fixed(v.consensus_key);
  e.U32(v.commission_permill);
}
Status DecodeFields(Decoder& d, ValidatorRegisteredEvent* v) {
  TF_RETURN_IF_ERROR(d.Fixed(&v->validator));
  TF_RETURN_IF_ERROR(d.Fixed(&v->consensus_key));
  return d.U32(&v->commission_permill);
}

// Bonded and RewardPaid share their layout.
template <typename T>
void EncodeValidatorAccountAmount(Encoder& e, const T& v) {
  e.Fixed(v.validator);
  e.Fixed(v.account);
  e.U64(v.amount);
}
template <typename T>
Status DecodeValidatorAccountAmount(Decoder& d, T* v) {
  TF_RETURN_IF_ERROR(d.Fixed(&v->validator));
  TF_RETURN_IF_ERROR(d.Fixed(&v->account));
  return d.U64(&v->amount);
}
void EncodeFields(Encoder& e, const BondedEvent& v) { EncodeValidatorAccountAmount(e, v); }
Status DecodeFields(Decoder& d, BondedEvent* v) { return DecodeValidatorAccountAmount(d, v); }
void EncodeFields(Encoder& e, const RewardPaidEvent& v) { EncodeValidatorAccountAmount(e, v); }
Status DecodeFields(Decoder& d, RewardPaidEvent* v) { return DecodeValidatorAccountAmount(d, v); }

void EncodeFields(Encoder& e, const UnbondedEvent& v) {
  EncodeValidatorAccountAmount(e, v);
  e.U64(v.release_height);
}
Status DecodeFields(Decoder& d, UnbondedEvent* v) {
  TF_RETURN_IF_ERROR(DecodeValidatorAccountAmount(d, v));
  return d.U64(&v->release_height);
}

void EncodeFields(Encoder& e, const WithdrawnEvent& v) {
  e.Fixed(v.account);
  e.U64(v.amount);
}
Status DecodeFields(Decoder& d, WithdrawnEvent* v) {
  TF_RETURN_IF_ERROR(d.Fixed(&v->account));
  return d.U64(&v->amount);
}

void EncodeFields(Encoder& e, const CommissionChangedEvent& v) {
  e.Fixed(v.validator);
  e.U32(v.commission_permill);
}
Status DecodeFields(Decoder& d, CommissionChangedEvent* v) {
  TF_RETURN_IF_ERROR(d.Fixed(&v->validator));
  return d.U32(&v->commission_permill);
}

void EncodeFields(Encoder& e, const ActiveSetChangedEvent& v) {
  e.U64(v.epoch);
  e.U64(v.effective_height);
  EncodeVector(e, v.members);
}
Status DecodeFields(Decoder& d, ActiveSetChangedEvent* v) {
  TF_RETURN_IF_ERROR(d.U64(&v->epoch));
  TF_RETURN_IF_ERROR(d.U64(&v->effective_height));
  return DecodeVector(d, &v->members, kMaxValidators);
}

void EncodeFields(Encoder& e, const SlashedEvent& v) {
  e.Fixed(v.validator);
  e.U64(v.amount);
  e.U8(static_cast<uint8_t>(v.reason));
}
Status DecodeFields(Decoder& d, SlashedEvent* v) {
  TF_RETURN_IF_ERROR(d.Fixed(&v->validator));
  TF_RETURN_IF_ERROR(d.U64(&v->amount));
  uint8_t reason;
  TF_RETURN_IF_ERROR(d.U8(&reason));
  if (reason > static_cast<uint8_t>(SlashReason::kDowntime)) {
    return Status::InvalidArgument("decode-bad-value", "slash reason " + std::to_string(reason));
  }
  v->reason = static_cast<SlashReason>(reason);
  return Status::Ok();
}

void EncodeFields(Encoder& e, const JailedEvent& v) {
  e.Fixed(v.validator);
  e.U64(v.until_height);
}
Status DecodeFields(Decoder& d, JailedEvent* v) {
  TF_RETURN_IF_ERROR(d.Fixed(&v->validator));
  return d.U64(&v->until_height);
}

void EncodeFields(Encoder& e, const UnjailedEvent& v) { e.Fixed(v.validator); }
Status DecodeFields(Decoder& d, UnjailedEvent* v) { return d.Fixed(&v->validator); }
void EncodeFields(Encoder& e, const TombstonedEvent& v) { e.Fixed(v.validator); }
Status DecodeFields(Decoder& d, TombstonedEvent* v) { return d.Fixed(&v->validator); }

}  // namespace

std::string_view SlashReasonName(SlashReason reason) {
  return reason == SlashReason::kDoubleSign ? "double-sign" : "downtime";
}

std::string_view EventName(const Event& v) { return TaggedName(v); }

void EncodeTo(Encoder& e, const Event& v) {
  EncodeTagged(e, v, [](Encoder& enc, const auto& x) { EncodeFields(enc, x); });
}

Status DecodeFrom(Decoder& d, Event* out) {
  return DecodeTagged(d, "event", [](Decoder& dec, auto* x) { return DecodeFields(dec, x); }, out);
}

}  // namespace tfchain::chain

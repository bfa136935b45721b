// Call wire format:
//   call := u8 module  u8 index  fields
//   balances.transfer          (0, 0) := dest:fixed[32] amount:u64
//   staking.register_validator (1, 0) := consensus_key:fixed[32] commission_permill:u32
//   staking.set_commission     (1, 1) := commission_permill:u32
//   staking.bond               (1, 2) := validator:fixed[32] amount:u64
//   staking.unbond             (1, 3) := validator:fixed[32] amount:u64
//   staking.withdraw_unbonded  (1, 4) := (no fields)
//   staking.unjail             (1, 5) := (no fields)
//   directory.* (2, 0..14), farming.* (3, 0), governance.* (4, 0..1): grid_calls.cpp
//   contract.* (5, 0..15): market_calls.cpp
// Field values are not range-checked here (a commission above 1,000,000 decodes);
// the runtime rejects them with a receipt error.
#include "chain/call.h"

#include "chain/tagged_variant.h"

namespace tfchain::chain {

std::string_view CallName(const Call& v) { return TaggedName(v); }

namespace {
void EncodeFields(Encoder& e, const TransferCall& c) {
  e.Fixed(c.dest);
  e.U64(c.amount);
}
Status DecodeFields(Decoder& d, TransferCall* c) {
  TF_RETURN_IF_ERROR(d.Fixed(&c->dest));
  return d.U64(&c->amount);
}

void EncodeFields(Encoder& e, const RegisterValidatorCall& c) {
  e.Fixed(c.consensus_key);
  e.U32(c.commission_permill);
}
Status DecodeFields(Decoder& d, RegisterValidatorCall* c) {
  TF_RETURN_IF_ERROR(d.Fixed(&c->consensus_key));
  return d.U32(&c->commission_permill);
}

void EncodeFields(Encoder& e, const SetCommissionCall& c) { e.U32(c.commission_permill); }
Status DecodeFields(Decoder& d, SetCommissionCall* c) { return d.U32(&c->commission_permill); }

// bond and unbond share their layout.
template <typename T>
void EncodeValidatorAmount(Encoder& e, const T& c) {
  e.Fixed(c.validator);
  e.U64(c.amount);
}
template <typename T>
Status DecodeValidatorAmount(Decoder& d, T* c) {
  TF_RETURN_IF_ERROR(d.Fixed(&c->validator));
  return d.U64(&c->amount);
}
void EncodeFields(Encoder& e, const BondCall& c) { EncodeValidatorAmount(e, c); }
Status DecodeFields(Decoder& d, BondCall* c) { return DecodeValidatorAmount(d, c); }
void EncodeFields(Encoder& e, const UnbondCall& c) { EncodeValidatorAmount(e, c); }
Status DecodeFields(Decoder& d, UnbondCall* c) { return DecodeValidatorAmount(d, c); }

void EncodeFields(Encoder&, const WithdrawUnbondedCall&) {}
Status DecodeFields(Decoder&, WithdrawUnbondedCall*) { return Status::Ok(); }
void EncodeFields(Encoder&, const UnjailCall&) {}
Status DecodeFields(Decoder&, UnjailCall*) { return Status::Ok(); }
}  // namespace

void EncodeTo(Encoder& e, const Call& v) {
  EncodeTagged(e, v, [](Encoder& enc, const auto& x) { EncodeFields(enc, x); });
}

Status DecodeFrom(Decoder& d, Call* out) {
  return DecodeTagged(d, "call", [](Decoder& dec, auto* x) { return DecodeFields(dec, x); }, out);
}

}  // namespace tfchain::chain

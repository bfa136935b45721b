// Event wire format:
//   event := u8 module  u8 index  fields
//   balances.Transfer (0,0) := from:fixed[32] to:fixed[32] amount:u64
//   balances.FeePaid  (0,1) := payer:fixed[32] fee:u64 proposer:fixed[32]
//                              to_proposer:u64 burned:u64
//   balances.Endowed  (0,2) := account:fixed[32] amount:u64
#include "chain/event.h"

#include "chain/tagged_variant.h"

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
  e.U64(v.burned);
}
Status DecodeFields(Decoder& d, FeePaidEvent* v) {
  TF_RETURN_IF_ERROR(d.Fixed(&v->payer));
  TF_RETURN_IF_ERROR(d.U64(&v->fee));
  TF_RETURN_IF_ERROR(d.Fixed(&v->proposer));
  TF_RETURN_IF_ERROR(d.U64(&v->to_proposer));
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

}  // namespace

std::string_view EventName(const Event& v) { return TaggedName(v); }

void EncodeTo(Encoder& e, const Event& v) {
  EncodeTagged(e, v, [](Encoder& enc, const auto& x) { EncodeFields(enc, x); });
}

Status DecodeFrom(Decoder& d, Event* out) {
  return DecodeTagged(d, "event", [](Decoder& dec, auto* x) { return DecodeFields(dec, x); }, out);
}

}  // namespace tfchain::chain
